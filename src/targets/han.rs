//! Numbers written in Chinese characters (十个, 百家, 两千名, 千亿级), and the verbs of
//! achieving that make one a target. In Chinese characters a number is a target only with a
//! measure word and after such a verb or a qualifier (建设十个园区, 培育百家企业, 超过千亿元),
//! or as a magnitude alone after a qualifier, ending its clause (用户超千万);
//! never when vague (数十家, 上百个), ordinal (第十), per capita (每千人), in a slogan or set
//! phrase (四个全面, 千家万户) or in a name (“百村千户”工程, 三只松鼠).

use super::Comparator;
use super::number::{HAN_UNITS, ends_with_at, is_han_numeral, unit_at};
use super::scan::{Kind, Quantity, class, in_name, is_clause_break, names_follow, qualify};

/// Verbs of achieving: a number in Chinese characters is a target only after one of these
/// (建设十个园区, 培育百家企业), not in slogans and set phrases.
pub const TARGET_VERBS: &[&str] = &[
    "建设", "建成", "培育", "打造", "新增", "引进", "创建", "设立", "布局", "形成", "推出", "认定", "遴选", "评选",
    "培养", "培训", "引育", "招引", "发展", "实施", "推广", "推动", "支持", "扶持", "开展", "举办", "组织", "完成",
    "实现", "突破", "累计", "创设", "选树", "命名", "挖掘", "储备", "改造", "开放", "上线", "带动", "吸引", "集聚",
    "孵化", "壮大", "争创", "建立", "组建", "搭建", "构建", "制定", "发布", "开发", "攻克", "培植", "树立", "新建",
    "建好", "选育", "引导", "开拓", "拓展",
];

/// Where a text's verbs of achieving stand and where its clauses break, found when first
/// asked for: [`Verbs::before`] for every number of a long clause was a scan back to the
/// clause's start each time (quadratic: 80,000 chars of 万亿级 items took 4.8 s).
pub struct Verbs<'a> {
    f: &'a [char],
    found: std::cell::OnceCell<Found>,
}

/// Clause breaks (positions, ascending) and verbs (end, start), by end.
struct Found {
    breaks: Vec<usize>,
    verbs: Vec<(usize, usize)>,
}

/// [`TARGET_VERBS`] by their first char.
static BY_FIRST: std::sync::LazyLock<std::collections::HashMap<char, Vec<Vec<char>>>> =
    std::sync::LazyLock::new(|| {
        let mut m: std::collections::HashMap<char, Vec<Vec<char>>> = std::collections::HashMap::new();
        for v in TARGET_VERBS {
            let chars: Vec<char> = v.chars().collect();
            m.entry(chars[0]).or_default().push(chars);
        }
        m
    });

impl<'a> Verbs<'a> {
    #[must_use]
    pub fn new(f: &'a [char]) -> Self {
        Self {
            f,
            found: std::cell::OnceCell::new(),
        }
    }

    fn found(&self) -> &Found {
        self.found.get_or_init(|| {
            let f = self.f;
            let breaks = (0..f.len()).filter(|&j| is_clause_break(f[j])).collect();
            let mut verbs: Vec<(usize, usize)> = (0..f.len())
                .flat_map(|j| {
                    BY_FIRST
                        .get(&f[j])
                        .into_iter()
                        .flatten()
                        .filter(move |v| f[j..].starts_with(v))
                        .map(move |v| (j + v.len(), j))
                })
                .collect();
            verbs.sort_unstable();
            Found { breaks, verbs }
        })
    }

    /// Does a verb of achieving stand in the clause before `s` (immediately before, if
    /// `adjacent`)?
    #[must_use]
    pub fn before(&self, s: usize, adjacent: bool) -> bool {
        if adjacent {
            return TARGET_VERBS.iter().any(|v| ends_with_at(self.f, s, v));
        }
        let found = self.found();
        let c0 = match found.breaks.partition_point(|&b| b < s) {
            0 => 0,
            k => found.breaks[k - 1] + 1,
        };
        // The verb that ends last before `s`: if it starts before the clause, so does every
        // other (no verb holds a clause break).
        let ending = &found.verbs[..found.verbs.partition_point(|&(end, _)| end <= s)];
        let Some(&(last, _)) = ending.last() else {
            return false;
        };
        ending
            .iter()
            .rev()
            .take_while(|&&(end, _)| end == last)
            .any(|&(_, start)| start >= c0)
    }
}

/// A size class of numerals at `i` (万亿级, 千亿级): what the counted things are, as in
/// 打造两个万亿级产业集群 (2 clusters), not a set phrase like 千家万户.
fn size_class_at(f: &[char], i: usize) -> bool {
    let run = f[i..].iter().take_while(|c| is_han_numeral(**c)).count();
    f.get(i + run) == Some(&'级')
}

/// How far back a list item is read for the count it starts with (chars).
const LIST_ITEM_REACH: usize = 16;

/// The numeral at `s` follows a 、 whose item starts with a count in the same measure word
/// (培育两个万亿级、五个千亿级产业集群; 建设三个国家级平台、五个省级平台): the verb that governs
/// the first count governs this one, though it does not stand right before it.
fn listed_after_a_count(f: &[char], s: usize, unit: &str) -> bool {
    if s == 0 || f[s - 1] != '、' {
        return false;
    }
    let from = s.saturating_sub(1 + LIST_ITEM_REACH);
    let item_start = (from..s - 1)
        .rev()
        .find(|&j| f[j] == '、' || is_clause_break(f[j]))
        .map_or(from, |j| j + 1);
    let item = &f[item_start..s - 1];
    let unit: Vec<char> = unit.chars().collect();
    (0..item.len()).any(|j| {
        is_han_numeral(item[j])
            && !item.get(j + 1).is_some_and(|c| is_han_numeral(*c))
            && item[j + 1..].starts_with(&unit)
    })
}

/// Physical units a magnitude in Chinese characters may measure (百万吨, 千万千瓦).
const PHYSICAL: &[&str] = &[
    "吨标准煤",
    "吨",
    "千瓦时",
    "千瓦",
    "立方米",
    "平方米",
    "平方公里",
    "公里",
    "亩",
    "公顷",
];

/// The quantity a Chinese numeral at `[s, e)` with value `v` starts, if it is one.
pub fn han(f: &[char], verbs: &Verbs<'_>, s: usize, e: usize, v: f64) -> Option<Quantity> {
    // 一 (一批, 统一, 进一步) is never a count.
    if v < 2.0 {
        return None;
    }
    // 数十家, 几十个, 上百家, 成千, 每千人, 第十, 前十: vague, ordinal or per-capita.
    // 成 ends a verb in 形成, 建成, 完成 (形成百项标志性产品); alone it is vague (成百上千).
    let verb_cheng =
        s > 1 && f[s - 1] == '成' && matches!(f[s - 2], '形' | '建' | '完' | '达' | '造' | '组' | '构' | '培');
    if s > 0
        && !verb_cheng
        && matches!(
            f[s - 1],
            '数' | '几' | '上' | '成' | '好' | '每' | '第' | '前' | '若' | '“' | '"'
        )
    {
        return None;
    }
    if f.get(e) == Some(&'级') {
        return (v >= 1e4 && verbs.before(s, false)).then(|| class(f, s, e + 1, v));
    }
    // 用户超千万, 营收突破百亿: a magnitude alone after a qualifier of amount, ending its
    // clause, is a bare amount, as 突破5000亿 is in digits; 千万 alone (千万不能) is an adverb.
    let after = super::scan::skip_spaces(f, e);
    if v >= 1e4 && f.get(after).is_none_or(|c| is_clause_break(*c)) {
        let (start, end, comparator) = qualify(f, s, e, Comparator::Equal);
        return (start < s).then(|| Quantity {
            start,
            end,
            num_start: s,
            value: v,
            unit: String::new(),
            comparator,
            kind: Kind::Money,
            han: true,
        });
    }
    // 过百\n家: a line break between the number and its measure word.
    let e = super::scan::skip_spaces(f, e);
    let unit = unit_at(f, e)?;
    let money = unit == "元" && v >= 1e4;
    // 百万吨, 千万千瓦, 百万亩: a magnitude of a physical measure, as 100万吨 is in digits.
    let physical = v >= 1e4 && PHYSICAL.contains(&unit);
    if !(HAN_UNITS.contains(&unit) || money || physical) || v < 2.0 {
        return None;
    }
    let i = e + unit.chars().count();
    // 百万吨级乙烯项目: the size of what is built, not an amount to reach.
    if physical && f.get(i) == Some(&'级') {
        return None;
    }
    if money && f.get(i) == Some(&'级') {
        return verbs.before(s, false).then(|| class(f, s, i + 1, v));
    }
    // 千家万户, 四个“100+”, 五个一: set phrases and counts of named things.
    if f.get(i).is_some_and(|c| is_han_numeral(*c)) && !size_class_at(f, i) || names_follow(f, i) {
        return None;
    }
    let (start, end, comparator) = qualify(f, s, i, Comparator::Equal);
    if in_name(f, s, end) {
        return None;
    }
    let qualified = start < s || end > i;
    if !(qualified || verbs.before(s, v < 10.0 && !listed_after_a_count(f, s, unit))) {
        return None;
    }
    Some(Quantity {
        start,
        end,
        num_start: s,
        value: v,
        unit: unit.to_owned(),
        comparator,
        kind: if money {
            Kind::Money
        } else if physical {
            Kind::Other
        } else {
            Kind::Count
        },
        han: true,
    })
}
