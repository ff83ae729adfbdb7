//! What kind of document it is and at which level of government it was issued, read from
//! its title and issuer: the 文种 a title ends with (规划, 行动计划, 实施方案, 意见, 条例,
//! 办法 …, the genres of the 党政机关公文处理工作条例 plus the plan genres), and the
//! administrative level of the body that issued it (national, provincial, city, county).
//! Both are guesses a researcher can correct (a project's metadata edits).

use crate::model::{Level, Meta};

/// The four municipalities directly under the centre: cities by name, provinces by level.
const MUNICIPALITIES: [&str; 4] = ["北京市", "天津市", "上海市", "重庆市"];

/// The level of the deepest administrative unit a name starts with: 安徽省芜湖市人民政府 →
/// city; 国务院办公厅 → national; 工业和信息化部 (a ministry: no place name, an organ's
/// suffix) → national.
#[must_use]
pub fn level_of_name(name: &str) -> Option<Level> {
    let name = name.trim().trim_start_matches("中共");
    let mut rest = name;
    let mut deepest = None;
    while let Some(unit) = super::meta::region_of(rest) {
        if unit == "全国" {
            return Some(Level::National);
        }
        deepest = Some(level_of_unit(&unit));
        rest = &rest[unit.len()..];
    }
    deepest.or_else(|| ministry(name).then_some(Level::National))
}

fn level_of_unit(unit: &str) -> Level {
    if MUNICIPALITIES.contains(&unit)
        || unit.ends_with('省')
        || unit.ends_with("自治区")
        || unit.ends_with("特别行政区")
    {
        Level::Provincial
    } else if unit.ends_with("自治县") || unit.ends_with('县') || unit.ends_with('区') || unit.ends_with('旗') {
        Level::County
    } else {
        Level::City
    }
}

/// A central organ named without a place: …部, …委员会, …总局, …署 (a local bureau is named
/// after its place, or starts with 省/市/县/区 when the place is implied).
fn ministry(name: &str) -> bool {
    // In a title, the organ is what comes before 关于 (and before 等 of 等七部门).
    let organ = name.split("关于").next().unwrap_or(name);
    let organ = organ.split(['等', '、']).next().unwrap_or(organ);
    let organ = organ.trim_end_matches("办公厅").trim_end_matches("办公室");
    let local = ['省', '市', '县', '区', '州'];
    !organ.starts_with(local)
        && organ.chars().count() >= 3
        && ["部", "委员会", "委", "总局", "署", "银行", "监督管理委员会"]
            .iter()
            .any(|s| organ.ends_with(s))
}

/// The level from the issuer, else the title, else the region.
#[must_use]
pub fn level_of(meta: &Meta) -> Option<Level> {
    [&meta.issuer, &meta.title, &meta.region]
        .into_iter()
        .flatten()
        .find_map(|n| level_of_name(n))
}

/// 文种 a title may end with, the longer and more specific forms first.
const KINDS: [&str; 34] = [
    "三年行动计划",
    "行动计划",
    "工作计划",
    "发展规划",
    "专项规划",
    "规划纲要",
    "规划",
    "纲要",
    "计划",
    "实施方案",
    "工作方案",
    "行动方案",
    "方案",
    "实施意见",
    "指导意见",
    "意见",
    "实施条例",
    "条例",
    "实施细则",
    "细则",
    "实施办法",
    "管理办法",
    "暂行办法",
    "办法",
    "规定",
    "若干措施",
    "若干政策",
    "政策措施",
    "措施",
    "决定",
    "指南",
    "通知",
    "公告",
    "规则",
];

/// The 文种 of a title: the genre word it ends with, after a bracketed period or 试行 note
/// (（2021—2025年）, （试行）) is set aside. 三年行动计划 reads as 行动计划.
#[must_use]
pub fn kind_of_title(title: &str) -> Option<&'static str> {
    let mut t = title.trim();
    loop {
        let before = t;
        for (open, close) in [('（', '）'), ('(', ')'), ('〔', '〕'), ('【', '】')] {
            if let Some(stripped) = t.strip_suffix(close)
                && let Some(at) = stripped.rfind(open)
            {
                t = stripped[..at].trim_end();
            }
        }
        t = t.trim_end_matches(['》', '”', '"', ' ']);
        if t == before {
            break;
        }
    }
    let kind = KINDS.iter().find(|k| t.ends_with(*k))?;
    Some(match *kind {
        "三年行动计划" => "行动计划",
        k => k,
    })
}

/// Fill in the level and the kind where they are not set.
pub fn fill(meta: &mut Meta) {
    if meta.level.is_none() {
        meta.level = level_of(meta);
    }
    // A ministry names no place, but speaks for the whole country.
    if meta.region.is_none() && meta.level == Some(Level::National) {
        meta.region = Some("全国".to_owned());
    }
    if meta.kind.is_none() {
        meta.kind = meta.title.as_deref().and_then(kind_of_title).map(str::to_owned);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_issuers_and_titles() {
        for (name, level) in [
            ("国务院办公厅", Level::National),
            ("中共中央办公厅", Level::National),
            ("工业和信息化部", Level::National),
            ("国家发展改革委", Level::National),
            (
                "工业和信息化部等七部门关于推动未来产业创新发展的实施意见",
                Level::National,
            ),
            ("浙江省人民政府", Level::Provincial),
            ("广西壮族自治区人民政府办公厅", Level::Provincial),
            ("上海市人民政府办公厅", Level::Provincial),
            ("中共重庆市委", Level::Provincial),
            ("芜湖市人民政府", Level::City),
            ("安徽省芜湖市人民政府", Level::City),
            ("延边朝鲜族自治州人民政府", Level::City),
            ("杭州市余杭区人民政府", Level::County),
            ("彭水苗族土家族自治县人民政府", Level::County),
        ] {
            assert_eq!(level_of_name(name), Some(level), "{name}");
        }
        // A local bureau whose place is implied, and a title that names no issuer.
        assert_eq!(level_of_name("市商务局"), None);
        assert_eq!(level_of_name("关于促进线上经济发展的意见"), None);
    }

    #[test]
    fn level_prefers_the_issuer() {
        let meta = Meta {
            title: Some("浙江省数字经济发展规划".into()),
            issuer: Some("杭州市人民政府".into()),
            ..Meta::default()
        };
        assert_eq!(level_of(&meta), Some(Level::City));
        let meta = Meta {
            title: Some("浙江省数字经济发展规划".into()),
            ..Meta::default()
        };
        assert_eq!(level_of(&meta), Some(Level::Provincial));
    }

    #[test]
    fn kinds_from_titles() {
        for (title, kind) in [
            ("上海市促进在线新经济发展行动方案（2020—2022年）", Some("行动方案")),
            ("浙江省数字经济发展“十四五”规划", Some("规划")),
            ("安徽省实施“数字江淮”三年行动计划", Some("行动计划")),
            ("关于加快发展数字经济的实施意见", Some("实施意见")),
            ("深圳经济特区数据条例", Some("条例")),
            ("某市公共数据管理办法（试行）", Some("管理办法")),
            ("关于印发《某某方案》的通知", Some("通知")),
            ("数字经济发展报告", None),
        ] {
            assert_eq!(kind_of_title(title), kind, "{title}");
        }
    }

    #[test]
    fn levels_parse_as_typed() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.name()), Some(l));
        }
        assert_eq!(Level::parse("City"), Some(Level::City));
        assert_eq!(Level::parse("town"), None);
    }
}
