//! Finding quantities in text: Arabic (half- or full-width, decimal) and Chinese numerals
//! with magnitude words and measure units, the “100+” form, and the qualifiers around them;
//! and refusing what only looks like a quantity (dates, 文号, ordinals, technology names,
//! list numbers, 7*24, version numbers, names in quotes).

use std::sync::LazyLock;

use regex::Regex;

/// A quantity as printed, before its deadline and metric are read.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Char range of the whole printed quantity (qualifiers included).
    pub start: usize,
    pub end: usize,
    /// Char offset where the number itself starts and the unit/qualifier ends.
    pub number_start: usize,
    pub number_end: usize,
    pub value: f64,
    pub unit: String,
    pub comparator: Comparator,
}

/// How the target relates to its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Comparator {
    #[serde(rename = "≥")]
    AtLeast,
    #[serde(rename = ">")]
    MoreThan,
    #[serde(rename = "≈")]
    About,
    #[serde(rename = "=")]
    Equal,
}

impl Comparator {
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::AtLeast => "≥",
            Self::MoreThan => ">",
            Self::About => "≈",
            Self::Equal => "=",
        }
    }
}

/// Magnitude words, longest first, and their factors.
const MAGNITUDES: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("千亿", 1e11),
    ("百亿", 1e10),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("万", 1e4),
];

/// Measure units, longest first. A quantity needs one of these, a magnitude, `%` or `+`.
const UNITS: &[&str] = &[
    "个百分点",
    "人次",
    "家次",
    "平方公里",
    "平方米",
    "千瓦时",
    "元",
    "美元",
    "个",
    "家",
    "项",
    "件",
    "所",
    "座",
    "条",
    "台",
    "套",
    "部",
    "款",
    "名",
    "人",
    "户",
    "场",
    "处",
    "种",
    "类",
    "张",
    "间",
    "支",
    "只",
    "辆",
    "根",
    "次",
    "倍",
    "吨",
    "公里",
    "千米",
    "米",
    "亩",
    "千瓦",
    "兆瓦",
    "GW",
    "MW",
    "kW",
    "PFlops",
    "EFlops",
    "PFLOPS",
    "EFLOPS",
    "PB",
    "EB",
    "TB",
    "Gbps",
    "Mbps",
    "P",
    "E",
    "%",
    "％",
    "‰",
    "G",
    "M",
];

/// Measure words after which a number in Chinese characters is a count.
const HAN_UNITS: &[&str] = &["个", "家", "项", "所", "座", "条", "名", "件", "户", "人"];

/// Verbs after which a small number in words is a target (建设三个平台).
const TARGET_VERBS: &[&str] = &[
    "建设", "建成", "培育", "打造", "新增", "引进", "创建", "设立", "布局", "形成", "推出", "认定",
];

/// Qualifiers before a number and their comparator.
const BEFORE: &[(&str, Comparator)] = &[
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("超过", Comparator::MoreThan),
    ("突破", Comparator::MoreThan),
    ("逾", Comparator::MoreThan),
    ("超", Comparator::MoreThan),
    ("达到", Comparator::AtLeast),
    ("达", Comparator::AtLeast),
    ("约", Comparator::About),
    ("近", Comparator::About),
];

/// Qualifiers after a number (and unit).
const AFTER: &[(&str, Comparator)] = &[
    ("以上", Comparator::AtLeast),
    ("左右", Comparator::About),
    ("多", Comparator::MoreThan),
    ("余", Comparator::MoreThan),
];

static ARABIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9０-９]+(?:[.．][0-9０-９]+)?").expect("number regex"));
static HAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[一二两三四五六七八九十百千]+").expect("han number regex"));

fn fold_digits(s: &str) -> String {
    s.chars()
        .map(crate::text::fold_width_char)
        .map(|c| if c == '．' { '.' } else { c })
        .collect()
}

fn starts_with_at(chars: &[char], at: usize, s: &str) -> bool {
    let n = s.chars().count();
    at + n <= chars.len() && chars[at..at + n].iter().copied().eq(s.chars())
}

fn ends_with_at(chars: &[char], end: usize, s: &str) -> bool {
    let n = s.chars().count();
    end >= n && chars[end - n..end].iter().copied().eq(s.chars())
}

/// All quantities in `text` (char offsets), in order.
#[must_use]
pub fn quantities(text: &str) -> Vec<Quantity> {
    let chars: Vec<char> = text.chars().collect();
    // Byte → char offsets for regex matches.
    let mut char_at = vec![0usize; text.len() + 1];
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        char_at[bi..bi + c.len_utf8()].fill(ci);
    }
    char_at[text.len()] = chars.len();
    let mut out = Vec::new();
    for m in ARABIC.find_iter(text) {
        let (s, e) = (char_at[m.start()], char_at[m.end()]);
        let value = fold_digits(m.as_str()).parse::<f64>().ok().filter(|v| v.is_finite());
        out.extend(value.and_then(|v| read_quantity(&chars, s, e, v, false)));
    }
    for m in HAN.find_iter(text) {
        let (s, e) = (char_at[m.start()], char_at[m.end()]);
        let value = crate::outline::number::han_value(m.as_str())
            .map(f64::from)
            .or_else(|| han_thousands(m.as_str()));
        out.extend(value.and_then(|v| read_quantity(&chars, s, e, v, true)));
    }
    out.sort_by_key(|q| q.start);
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// 千 / 三千 (han_value stops at the hundreds).
fn han_thousands(s: &str) -> Option<f64> {
    let (head, tail) = s.split_once('千')?;
    let h = if head.is_empty() {
        1
    } else {
        crate::outline::number::han_value(head)?
    };
    let t = if tail.is_empty() {
        0
    } else {
        crate::outline::number::han_value(tail)?
    };
    Some(f64::from(h * 1000 + t))
}

/// Read magnitude, unit and qualifiers around a number at `[s, e)`; `None` if it is not a
/// quantity that something is to achieve.
fn read_quantity(chars: &[char], s: usize, e: usize, mut value: f64, han: bool) -> Option<Quantity> {
    let prev = s.checked_sub(1).map(|i| chars[i]);
    let next = chars.get(e).copied();
    // Part of a longer token: a technology or product name (5G, IPv6, 4K/8K, A100), a version
    // (2.0版), a formula (7*24, 1+N, 6+365), an ordinal (第84次), a decimal list number.
    if prev
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '*' | '×' | '/' | '第' | '-' | '—' | '~' | '～' | '＋'))
        || next.is_some_and(|c| {
            matches!(
                c,
                '*' | '×'
                    | '/'
                    | '版'
                    | '代'
                    | '号'
                    | '期'
                    | '届'
                    | '级'
                    | '型'
                    | '类'
                    | '维'
                    | '星'
                    | '－'
                    | '-'
                    | '—'
                    | '~'
                    | '～'
            )
        })
    {
        return None;
    }
    if prev == Some('+') || (next == Some('+') && chars.get(e + 1).is_some_and(|c| c.is_alphanumeric())) {
        return None;
    }
    // Inside a 文号 bracket: 〔2020〕54号.
    if prev.is_some_and(|c| matches!(c, '〔' | '[' | '［' | '【'))
        || next.is_some_and(|c| matches!(c, '〕' | ']' | '］' | '】'))
    {
        return None;
    }
    let mut i = e;
    while chars.get(i).is_some_and(|c| matches!(c, ' ' | '\u{3000}')) {
        i += 1;
    }
    // Dates, times and durations are not quantities to achieve.
    if chars.get(i).is_some_and(|c| {
        matches!(
            c,
            '年' | '月' | '日' | '时' | '点' | '分' | '秒' | '周' | '天' | ':' | '：'
        )
    }) {
        return None;
    }
    // List numbering: a number right after a line start followed by 、 or a dot.
    if chars
        .get(i)
        .is_some_and(|c| matches!(c, '、' | '.' | '．' | ')' | '）'))
    {
        return None;
    }
    let mut magnitude = 1.0;
    for (word, f) in MAGNITUDES {
        if starts_with_at(chars, i, word) {
            // 千亿级 / 百亿级 describe a class of enterprise, not a quantity.
            if chars.get(i + word.chars().count()) == Some(&'级') {
                return None;
            }
            magnitude = *f;
            i += word.chars().count();
            break;
        }
    }
    let mut comparator = Comparator::Equal;
    let mut unit = String::new();
    if chars.get(i) == Some(&'+') {
        // “100+”: a target of at least that many.
        comparator = Comparator::AtLeast;
        i += 1;
    } else {
        while chars.get(i).is_some_and(|c| matches!(c, ' ')) && !han {
            i += 1;
        }
        if let Some(u) = UNITS.iter().find(|u| starts_with_at(chars, i, u)) {
            // A Latin unit must end there (5G网络 is a name; 100P算力 is a quantity).
            let after = chars.get(i + u.chars().count());
            let latin = u.chars().all(|c| c.is_ascii_alphabetic());
            if latin && (after.is_some_and(char::is_ascii_alphanumeric) || matches!(*u, "G" | "M" | "E")) {
                return None;
            }
            unit = (*u).to_owned();
            i += u.chars().count();
            // 20个(家): an alternative unit in parentheses.
            if chars.get(i).is_some_and(|c| matches!(c, '(' | '（'))
                && chars.get(i + 2).is_some_and(|c| matches!(c, ')' | '）'))
                && UNITS.contains(&chars[i + 1].to_string().as_str())
            {
                i += 3;
            }
        } else if magnitude == 1.0 {
            return None;
        }
    }
    if han {
        // Chinese numerals count only before a measure word, and only from two up: 十个, 百家 —
        // not 一个, not 四个“100+” (the quantity is the 100+), not 十九大.
        if !HAN_UNITS.contains(&unit.as_str()) || value < 2.0 {
            return None;
        }
        // Small numbers in words are mostly slogans (四个全面, 两个确保) or fixed terms
        // (三次产业, 两部制): below ten they count only after a verb of achieving.
        if value < 10.0 && !TARGET_VERBS.iter().any(|v| ends_with_at(chars, s, v)) {
            return None;
        }
        if chars.get(i).is_some_and(|c| matches!(c, '“' | '"' | '「'))
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        {
            return None;
        }
        if s > 0 && chars[s - 1] == '数' {
            return None;
        }
    }
    if let Some((w, c)) = AFTER.iter().find(|(w, _)| starts_with_at(chars, i, w)) {
        comparator = *c;
        i += w.chars().count();
    }
    let mut start = s;
    if let Some((w, c)) = BEFORE.iter().find(|(w, _)| ends_with_at(chars, s, w)) {
        if comparator == Comparator::Equal {
            comparator = *c;
        }
        start = s - w.chars().count();
    }
    // A quoted “100+” keeps its quotes in the printed span.
    let quoted = s > 0 && matches!(chars[s - 1], '“' | '"') && chars.get(i).is_some_and(|c| matches!(c, '”' | '"'));
    let (start, end) = if quoted { (s - 1, i + 1) } else { (start, i) };
    value *= magnitude;
    let unit = normalise_unit(&unit, magnitude);
    Some(Quantity {
        start,
        end,
        number_start: s,
        number_end: i,
        value,
        unit,
        comparator,
    })
}

/// The base unit: full-width % folded; a bare 亿 / 万亿 amount is money (元), as it always is
/// in Chinese policy texts; a bare 万 amount keeps no unit.
fn normalise_unit(unit: &str, magnitude: f64) -> String {
    match unit {
        "％" => "%".to_owned(),
        "" if magnitude >= 1e8 => "元".to_owned(),
        u => u.to_owned(),
    }
}
