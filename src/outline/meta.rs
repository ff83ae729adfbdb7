//! Document metadata read from the text itself: title, issuer, dates, 文号, plan period,
//! region. Nothing here knows any particular document; it reads the forms every Chinese
//! official document uses (GB/T 9704 layout, web reprints and news leads).

use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::{Cleaned, Hint, Para};
use crate::lex::line::iso_date;
/// The line classes this reads, now in the line lexer (kept here for old paths).
pub use crate::lex::line::{
    addressee_line, date_line, doc_number_line, looks_like_issuer, looks_like_title, status_line, transmittal_line,
};
use crate::model::Meta;

static NOTICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*?)关于(?:印发|转发|发布)《?(.+?)》?的通知$").expect("notice regex"));
/// A page's headline for a notice: `某市人民政府办公厅印发《关于…的若干意见》`.
static HEADLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.{2,40}?)(?:印发|转发|发布)了?《([^》]{4,80})》$").expect("headline regex"));

static PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*[-—–－~～至到]{1,2}\s*(\d{4})\s*年").expect("period regex"));
static NEWS_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:近日|日前|\d{1,2}月\d{1,2}日)?[，,]?(.{4,60}?)印发了?《([^》]{4,80})》").expect("lead regex")
});
/// A law's adoption or promulgation note under its title: `（2021年3月26日安徽省第十三届人民
/// 代表大会常务委员会第二十六次会议通过）`, `（2021年7月27日中华人民共和国国务院令第746号公布）`.
static ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[>\s]*[（(]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^（()）]{0,80}?(?:通过|公布|发布|批准|施行)",
    )
    .expect("adopted regex")
});
static REGION: LazyLock<Regex> = LazyLock::new(|| {
    // An autonomous prefecture is often named short, its name and 州 (阿坝州, 黔东南州): by
    // name, since any words before a city named X州 would be taken too (数字福州, 健康杭州,
    // 浙江温州).
    Regex::new(concat!(
        r"^((?:延边|恩施|湘西|阿坝|甘孜|凉山|黔东南|黔西南|黔南|楚雄|红河|文山|西双版纳|大理|德宏|怒江|迪庆|",
        r"临夏|甘南|海北|黄南|海南|果洛|玉树|海西|昌吉|博尔塔拉|巴音郭楞|克孜勒苏|伊犁)州",
        r"|\p{Han}{2,7}?(?:特别行政区|自治区|自治州|自治县|省|市|县|地区|盟|区))"
    ))
    .expect("region regex")
});

/// The short form of a region for labels: 浙江省 → 浙江, 广西壮族自治区 → 广西, 上海市 → 上海,
/// 彭水苗族土家族自治县 → 彭水; a district or county keeps its suffix (天河区).
#[must_use]
pub fn short_region(region: &str) -> String {
    let mut r = region;
    for suffix in ["特别行政区", "自治区", "自治州", "自治县", "省", "市", "地区", "盟"] {
        if let Some(stem) = r.strip_suffix(suffix)
            && stem.chars().count() >= 2
        {
            r = stem;
            break;
        }
    }
    // The people named before 自治区/州/县 (壮族, 苗族土家族, 维吾尔) are not part of the name.
    let chars: Vec<char> = r.chars().collect();
    let cut = chars
        .iter()
        .position(|&c| c == '族')
        .map(|i| i.saturating_sub(1))
        .or_else(|| r.find("维吾尔").map(|b| r[..b].chars().count()));
    match cut {
        Some(n) if n >= 2 => chars[..n].iter().collect(),
        _ => r.to_owned(),
    }
}

/// A short label for narrow places, from what was read: the region's short form and the
/// document's year (上海 2021), else the first characters of the title and the year.
#[must_use]
pub fn short_label(meta: &crate::model::Meta) -> Option<String> {
    let year = [&meta.date_issued, &meta.date_published]
        .into_iter()
        .flatten()
        .find_map(|d| d.get(..4).map(str::to_owned))
        .or_else(|| meta.period.map(|p| p[0].to_string()));
    let name = meta
        .region
        .as_deref()
        .map(short_region)
        .or_else(|| meta.title.as_deref().and_then(title_start))?;
    Some(match year {
        Some(y) => format!("{name} {y}"),
        None => name,
    })
}

/// A title's first six chars for a label, without quotation marks and spaces (the BOM and
/// zero-width spaces included: `教育发展“十五五”规划` → `教育发展十五`, not `教育发展“十`),
/// after any brackets or bullets it starts with.
fn title_start(t: &str) -> Option<String> {
    let dropped = |c: &char| "“”‘’\"'《》「」".contains(*c) || crate::fold::is_space(*c);
    let lead = |c: &char| dropped(c) || "()（）〔〕[]【】•·●▪".contains(*c);
    let s: String = t.chars().skip_while(lead).filter(|c| !dropped(c)).take(6).collect();
    (!s.is_empty()).then_some(s)
}

/// A saved page's title line without the site it names before or after the document's
/// title: `广州市市场监督管理局网站-中华人民共和国市场主体登记管理条例`, `…管理办法的通知 -
/// 广州市人民政府门户网站`. Only a part that is a site's name (…网, …网站, …门户网站) goes:
/// a local site reposting a national law would otherwise give the law its city. (A saved
/// page's `<title>` is trimmed more freely by [`crate::ingest::html::strip_site_suffix`]: it
/// is known to be a page title, while this line is any line of a text.)
fn without_site(t: &str) -> &str {
    // …网 only when it names an office's or a paper's site (中国政府网, 某某局网, 某某日报网):
    // 物联网, 互联网 and 电网 end titles.
    const SITE_OF: &[&str] = &[
        "政府", "局", "委", "厅", "部", "门户", "中国", "人大", "政协", "日报", "新闻", "办",
    ];
    let site = |s: &str| {
        let s = s.trim();
        (2..=24).contains(&s.chars().count())
            && (s.ends_with("网站") || s.ends_with('网') && SITE_OF.iter().any(|w| s.contains(w)))
    };
    for sep in [" - ", "_", "-", "－", "|", "｜", " — ", "——"] {
        if let Some((head, tail)) = t.split_once(sep)
            && site(head)
            && tail.trim().chars().count() >= 6
        {
            return without_site(tail.trim());
        }
        if let Some((head, tail)) = t.rsplit_once(sep)
            && site(tail)
            && head.trim().chars().count() >= 6
        {
            return without_site(head.trim());
        }
    }
    t
}

/// The province, city or county a name starts with (中共 and 关于… titles excepted).
#[must_use]
pub fn region_of(name: &str) -> Option<String> {
    let name = name.trim_start_matches("中共");
    if name.starts_with("国务院")
        || name.starts_with("中华人民共和国")
        || name.starts_with("国家")
        || name.starts_with("中共中央")
        || name.starts_with("中央")
    {
        return Some("全国".to_owned());
    }
    let r = REGION.captures(name)?[1].to_owned();
    let verbs = [
        "关于",
        "加快",
        "推进",
        "促进",
        "推动",
        "进一步",
        "城市",
        "地区",
        "社区",
        "园区",
        "新区",
    ];
    (!verbs.iter().any(|v| r.contains(v))).then_some(r)
}

/// Read the metadata from the front matter (paragraphs before the first numbered section),
/// the trailer (signature lines cleaning took off the end) and the web header.
#[must_use]
pub fn extract(front: &[Para], cleaned: &Cleaned) -> Meta {
    let mut meta = Meta {
        date_published: cleaned.published.clone(),
        keywords: cleaned.keywords.clone(),
        ..Meta::default()
    };
    let mut plan_title: Option<String> = None;
    let mut from_notice: Option<String> = None;
    let mut issuers: Vec<String> = Vec::new();
    // A promulgating order's head and number (某省人民政府令 / （第290号）) are its 文号.
    if let Some(w) = front.windows(2).find(|w| crate::lex::line::order_line(&w[0].text))
        && let Some(n) = crate::lex::line::order_number_line(&w[1].text)
    {
        meta.doc_number = Some(format!("{}第{n}号", w[0].text));
    }
    for p in front {
        let t = p.text.as_str();
        if let Some(c) = NOTICE.captures(t).or_else(|| HEADLINE.captures(t)) {
            meta.notice_title.get_or_insert_with(|| t.to_owned());
            from_notice.get_or_insert_with(|| c[2].trim_start_matches('《').to_owned());
            let prefix = c[1].trim();
            if looks_like_issuer(prefix) {
                issuers.push(prefix.to_owned());
            }
        } else if looks_like_title(t) && !looks_like_issuer(t) && plan_title.is_none() {
            plan_title = Some(without_site(t).to_owned());
        } else if let Some((title, number)) = crate::lex::line::title_with_number(t) {
            plan_title.get_or_insert(title);
            meta.doc_number.get_or_insert(number);
        } else if looks_like_issuer(t) {
            issuers.push(t.to_owned());
        } else if let Some(n) = doc_number_line(t) {
            meta.doc_number.get_or_insert(n);
        } else if let Some(d) = date_line(t) {
            meta.date_issued.get_or_insert(d);
        } else if let Some(c) = ADOPTED.captures(t) {
            // The first date: the law's adoption (a later 修正 or 批准 follows it).
            if let Some(d) = crate::lex::line::iso_date(&c[1], &c[2], &c[3]) {
                meta.date_issued.get_or_insert(d);
            }
        } else if let Some(c) = NEWS_LEAD.captures(t) {
            from_notice.get_or_insert_with(|| c[2].to_owned());
            let who = c[1].trim_matches(|ch: char| ch == '，' || ch == ',' || ch.is_whitespace());
            if who.split('、').all(looks_like_issuer) {
                issuers.push(who.to_owned());
            }
        }
    }
    for t in &cleaned.trailer {
        if looks_like_issuer(t) {
            issuers.push(t.clone());
        } else if let Some(d) = date_line(t) {
            meta.date_issued.get_or_insert(d);
        }
    }
    issuers.extend(cleaned.header_issuers.iter().cloned());
    meta.title = plan_title.or(from_notice).or_else(|| {
        front
            .first()
            // A first line that is only a 文号 or a date (a copy that lost its title line) is
            // no title.
            .filter(|p| doc_number_line(&p.text).is_none() && date_line(&p.text).is_none())
            .filter(|p| {
                p.text.chars().count() <= 60 && !p.text.contains('。') && p.hint != Hint::None
                    || crate::lex::line::bare_title(&p.text, front.get(1).map(|n| n.text.as_str()))
            })
            .map(|p| without_site(&p.text).to_owned())
    });
    meta.issuer = issuers.into_iter().next();
    meta.period = meta.title.as_deref().and_then(|t| {
        let period = || {
            let c = PERIOD.captures(t)?;
            let (a, b): (u16, u16) = (c[1].parse().ok()?, c[2].parse().ok()?);
            (a <= b).then_some([a, b])
        };
        // （2021—2025年） as printed, else the five-year plan the title names (十四五规划).
        period().or_else(|| crate::lex::line::five_year_period(t))
    });
    meta.region = meta
        .title
        .as_deref()
        .and_then(region_of)
        .or_else(|| meta.issuer.as_deref().and_then(region_of));
    meta
}

/// Labelled fields a format carries (a web page's metadata table) win over what was read
/// from the text: they are the publisher's own record.
pub fn apply_fields(meta: &mut Meta, fields: &[(String, String)]) {
    let iso = |v: &str| {
        let d: Vec<&str> = v
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .collect();
        match d.as_slice() {
            [y, m, dd, ..] => iso_date(y, m, dd),
            _ => None,
        }
    };
    for (label, value) in fields {
        let v = value.trim().to_owned();
        match label.as_str() {
            "发文机关" => meta.issuer = Some(v),
            // The site a saved page came from: the issuer only when the text names none.
            crate::ingest::fields::PAGE_PUBLISHER_LABEL => {
                meta.issuer.get_or_insert(v);
            }
            "发文字号" => meta.doc_number = Some(v),
            "成文日期" => meta.date_issued = iso(&v).or(meta.date_issued.take()),
            "发布日期" => meta.date_published = iso(&v).or(meta.date_published.take()),
            "索引号" => meta.index_number = Some(v),
            "主题分类" => meta.subject = Some(v),
            crate::ingest::fields::CITATION_LABEL => meta.citation_code = Some(v),
            crate::ingest::fields::LINK_LABEL => meta.source_url = Some(v),
            _ => {}
        }
    }
    if meta.region.is_none() {
        meta.region = meta.issuer.as_deref().and_then(region_of);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_titles_site_is_no_part_of_the_title() {
        assert_eq!(
            without_site("广州市市场监督管理局网站-中华人民共和国市场主体登记管理条例"),
            "中华人民共和国市场主体登记管理条例"
        );
        assert_eq!(
            without_site("广州市人民政府办公厅关于印发广州市临时救助实施细则的通知 - 广州市人民政府门户网站"),
            "广州市人民政府办公厅关于印发广州市临时救助实施细则的通知"
        );
        // A range, a name with a dash and a part that is no site stay.
        for t in [
            "数字经济发展规划（2021-2025年）",
            "长三角-粤港澳合作方案",
            "关于印发方案的通知_政策文件",
            "关于加快发展5G-工业互联网",
        ] {
            assert_eq!(without_site(t), t);
        }
        assert_eq!(region_of("中华人民共和国市场主体登记管理条例").as_deref(), Some("全国"));
    }

    #[test]
    fn a_laws_adoption_or_promulgation_note_dates_it() {
        for (line, date) in [
            (
                "（2021年3月26日安徽省第十三届人民代表大会常务委员会第二十六次会议通过）",
                "2021-03-26",
            ),
            ("（2021年7月27日中华人民共和国国务院令第746号公布）", "2021-07-27"),
            (
                "> （2018年10月31日南充市第六届人民代表大会常务委员会第十六次会议通过> 2018年12月7日批准）",
                "2018-10-31",
            ),
        ] {
            let c = ADOPTED.captures(line).expect(line);
            assert_eq!(crate::lex::line::iso_date(&c[1], &c[2], &c[3]).as_deref(), Some(date));
        }
        // A date in a sentence is no adoption note.
        assert!(ADOPTED.captures("2021年3月26日起施行本条例。").is_none());
        assert!(ADOPTED.captures("（一）2021年3月26日前完成，经会议通过").is_none());
    }

    #[test]
    fn a_label_from_a_title_drops_its_quotation_marks() {
        let label = |title: &str| {
            short_label(&crate::model::Meta {
                title: Some(title.to_owned()),
                date_issued: Some("2026-06-22".to_owned()),
                ..Default::default()
            })
        };
        assert_eq!(label("教育发展“十五五”规划").as_deref(), Some("教育发展十五 2026"));
        assert_eq!(label("《数字经济促进条例》解读").as_deref(), Some("数字经济促进 2026"));
        assert_eq!(label("“十四五”国家应急体系规划").as_deref(), Some("十四五国家应 2026"));
        assert_eq!(label("• 乌鲁木齐市寄递物流条例").as_deref(), Some("乌鲁木齐市寄 2026"));
        assert_eq!(label("中国(上海)自由贸易试验区").as_deref(), Some("中国(上海) 2026"));
        assert_eq!(
            label("关于促进线上经济发展的意见").as_deref(),
            Some("关于促进线上 2026")
        );
        assert_eq!(label("“”"), None);
        // A BOM or zero-width space a web page left is no char of the label.
        assert_eq!(
            label("\u{FEFF}\u{200B}教育\u{200B}发展规划").as_deref(),
            Some("教育发展规划 2026")
        );
        assert_eq!(label("\u{200B}"), None);
    }

    #[test]
    fn regions() {
        assert_eq!(region_of("浙江省数字赋能行动计划").as_deref(), Some("浙江省"));
        assert_eq!(region_of("中共安徽省委办公厅").as_deref(), Some("安徽省"));
        assert_eq!(region_of("广西壮族自治区人民政府").as_deref(), Some("广西壮族自治区"));
        assert_eq!(region_of("国务院办公厅").as_deref(), Some("全国"));
        assert_eq!(region_of("关于促进线上经济发展的意见"), None);
        assert_eq!(region_of("加快推进城市更新的意见"), None);
        assert_eq!(region_of("阿坝州人民政府办公室").as_deref(), Some("阿坝州"));
        assert_eq!(region_of("黔东南州数字经济发展规划").as_deref(), Some("黔东南州"));
        assert_eq!(region_of("杭州市人民政府").as_deref(), Some("杭州市"));
        assert_eq!(
            region_of("杭州跨境电商发展意见"),
            None,
            "one char before 州 is not taken for a prefecture"
        );
        // Words before a city named X州 make no prefecture of it.
        for title in [
            "数字福州建设三年行动计划",
            "健康杭州行动实施方案",
            "浙江温州数字经济发展规划",
        ] {
            assert_eq!(region_of(title), None, "{title}");
        }
        assert_eq!(region_of("四川省阿坝州人民政府").as_deref(), Some("四川省"));
        for (region, short) in [
            ("浙江省", "浙江"),
            ("上海市", "上海"),
            ("广西壮族自治区", "广西"),
            ("新疆维吾尔自治区", "新疆"),
            ("彭水苗族土家族自治县", "彭水"),
            ("天河区", "天河区"),
            ("全国", "全国"),
        ] {
            assert_eq!(short_region(region), short, "{region}");
        }
    }
}
