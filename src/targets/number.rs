//! Numbers as printed in policy texts: Arabic digits (half- or full-width, decimals, thousands
//! commas) and Chinese numerals (十, 百, 三千, 两万), magnitude words (万, 亿, 万亿, 千亿),
//! measure units (家, 个, 项, 人次, %, 个百分点, P …) and the qualifiers around a number
//! (不少于, 超过, 达到, 以上, 左右, 100+). Everything here reads a width-folded char slice (see
//! [`super::scan`]) at a given offset and says how far the reading goes; nothing decides yet
//! whether the quantity is a target.

use super::Comparator;

/// Magnitude words after a number, longest first, with their factors.
pub const MAGNITUDES: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("千亿", 1e11),
    ("百亿", 1e10),
    ("十亿", 1e9),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("万", 1e4),
    ("千", 1e3),
];

/// Measure units, each before any unit it is a prefix of. Units that begin with a magnitude
/// character (千瓦) are tried before magnitudes.
pub const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "微克/立方米",
    "立方米",
    "平方公里",
    "平方米",
    "千瓦时",
    "千瓦",
    "千米",
    "千克",
    "万千瓦",
    "兆瓦时",
    "兆瓦",
    "兆帕",
    "兆赫",
    // Grid and heat capacities (1200兆伏安, 500兆焦) are no bandwidths.
    "兆伏安",
    "兆焦",
    // 兆 alone after a number is a bandwidth (20兆进牧户, 100兆宽带): Mbps.
    "兆",
    "吉瓦",
    "人次",
    "家次",
    "场次",
    "户次",
    "公里",
    "公顷",
    "美元",
    "元",
    "个",
    "家",
    "项",
    "件",
    "所",
    "座",
    "条",
    "台套",
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
    "张",
    "间",
    "支",
    "辆",
    "艘",
    "架",
    "根",
    "片",
    "栋",
    "门",
    "册",
    "篇",
    "本",
    "份",
    "组",
    "对",
    "次",
    "倍",
    "颗",
    "发",
    "吨标准煤",
    "吨",
    "公斤",
    "斤",
    "米",
    "亩",
    "PFLOPS",
    "EFLOPS",
    "PFlops",
    "EFlops",
    "Gbps",
    "Mbps",
    "Tbps",
    "GW",
    "MW",
    "kW",
    "kWh",
    "PB",
    "EB",
    "TB",
    "P",
    "%",
    "‰",
];

/// Units that count things (as opposed to money, rates and physical measures).
pub const COUNT_UNITS: &[&str] = &[
    "个", "家", "项", "件", "所", "座", "条", "台套", "台", "套", "部", "款", "名", "人", "户", "场", "处", "种", "张",
    "间", "支", "辆", "艘", "架", "根", "片", "栋", "门", "册", "篇", "本", "份", "组", "对", "次", "人次", "家次",
    "场次", "户次", "颗", "发",
];

/// Units after which a number in Chinese characters counts (建设十个园区, 培育百家企业).
pub const HAN_UNITS: &[&str] = &[
    "个", "家", "项", "件", "所", "座", "条", "名", "户", "人次", "人", "场", "支", "台", "套", "处",
];

/// Qualifiers written before a number, longest first, and their comparators.
pub const BEFORE: &[(&str, Comparator)] = &[
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("力争达到", Comparator::AtLeast),
    ("达到", Comparator::AtLeast),
    ("超过", Comparator::MoreThan),
    ("突破", Comparator::MoreThan),
    ("高于", Comparator::MoreThan),
    ("多于", Comparator::MoreThan),
    ("低于", Comparator::LessThan),
    ("少于", Comparator::LessThan),
    ("大于", Comparator::MoreThan),
    ("小于", Comparator::LessThan),
    ("至少", Comparator::AtLeast),
    ("接近", Comparator::About),
    ("大约", Comparator::About),
    ("逾", Comparator::MoreThan),
    ("超", Comparator::MoreThan),
    ("过", Comparator::MoreThan),
    ("达", Comparator::AtLeast),
    ("约", Comparator::About),
    ("近", Comparator::About),
];

/// Verbs that set a level without a comparator of their own (提升至68%); they allow a number
/// without a unit (指数提高到118) but stay outside the printed span.
pub const LEVEL_VERBS: &[&str] = &[
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "增长到",
    "增长至",
    "降低到",
    "降低至",
    "下降到",
    "下降至",
    "降到",
    "降至",
    "增至",
    "控制在",
    "保持在",
    "稳定在",
    "维持在",
    "压缩至",
    "压缩到",
    "缩短至",
    "缩短到",
    "减少到",
    "减少至",
    "减至",
];

/// Units of time: a duration is a target only when a qualifier or a level verb bounds it
/// (审批时间压缩至3个工作日以内); otherwise it is a period (24小时, 15分钟生活圈).
pub const DURATIONS: &[&str] = &["个工作日", "工作日", "个小时", "小时", "分钟", "天", "个星期", "周"];

/// Qualifiers written after a number and its unit.
pub const AFTER: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("左右", Comparator::About),
    ("上下", Comparator::About),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
];

/// Does `chars[at..]` start with `s`?
#[must_use]
pub fn starts_with_at(chars: &[char], at: usize, s: &str) -> bool {
    (at..).zip(s.chars()).all(|(i, c)| chars.get(i) == Some(&c))
}

/// Does `chars[..end]` end with `s`?
#[must_use]
pub fn ends_with_at(chars: &[char], end: usize, s: &str) -> bool {
    let n = s.chars().count();
    end >= n && starts_with_at(chars, end - n, s)
}

/// An Arabic number at `at` (ASCII digits; the slice is width-folded): its value and end.
/// Reads a decimal part (`2.6`) and thousands commas written as ASCII `,` (`10,000`).
#[must_use]
pub fn read_arabic(chars: &[char], at: usize) -> Option<(f64, usize)> {
    if let Some((digits, end)) = letter_spaced(chars, at) {
        return digits.parse::<f64>().ok().filter(|v| v.is_finite()).map(|v| (v, end));
    }
    let mut digits = String::new();
    let mut i = at;
    let mut grouped = false;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_digit() {
            digits.push(c);
            i += 1;
        } else if c == ','
            && (grouped || (1..=3).contains(&digits.len()))
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|d| d.iter().all(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
        {
            grouped = true;
            i += 1;
        } else {
            break;
        }
    }
    if digits.is_empty() {
        return None;
    }
    if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
        digits.push('.');
        i += 1;
        while let Some(&c) = chars.get(i).filter(|c| c.is_ascii_digit()) {
            digits.push(c);
            i += 1;
        }
    }
    let v: f64 = digits.parse().ok()?;
    v.is_finite().then_some((v, i))
}

/// A number whose digits OCR set apart one by one (`2 9 0 0亿元`, `到2 0 0 5年`): two or more
/// single digits, each after one space. Its digits and end; `None` for any other shape (`10 20`,
/// a table's cells, keeps its numbers apart).
#[must_use]
pub fn letter_spaced(chars: &[char], at: usize) -> Option<(String, usize)> {
    let single = |i: usize| {
        chars.get(i).is_some_and(char::is_ascii_digit) && !chars.get(i + 1).is_some_and(char::is_ascii_digit)
    };
    if at > 0 && (chars[at - 1].is_ascii_digit() || chars[at - 1] == ' ' && at > 1 && chars[at - 2].is_ascii_digit()) {
        return None;
    }
    let mut digits = String::new();
    let mut i = at;
    while single(i) {
        digits.push(chars[i]);
        i += 1;
        if chars.get(i) == Some(&' ') && single(i + 1) {
            i += 1;
        } else {
            break;
        }
    }
    if digits.len() < 2 {
        return None;
    }
    // A decimal part after the run (`1 2.5万`, `1 2 . 5万`).
    let point = (i..i + 2)
        .find(|&k| chars.get(k) == Some(&'.'))
        .filter(|&k| chars[i..k].iter().all(|c| *c == ' '));
    if let Some(k) = point {
        let first = if chars.get(k + 1) == Some(&' ') { k + 2 } else { k + 1 };
        if chars.get(first).is_some_and(char::is_ascii_digit) {
            digits.push('.');
            i = first;
            while let Some(&c) = chars.get(i).filter(|c| c.is_ascii_digit()) {
                digits.push(c);
                i += 1;
                if chars.get(i) == Some(&' ') && single(i + 1) {
                    i += 1;
                }
            }
        }
    }
    Some((digits, i))
}

/// A digit of a Chinese numeral (两 included, 零 not: it never starts a quantity).
#[must_use]
pub fn han_digit(c: char) -> Option<u32> {
    crate::text::han_digit(c).filter(|&d| d > 0)
}

/// Can `c` be part of a Chinese numeral?
#[must_use]
pub fn is_han_numeral(c: char) -> bool {
    han_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿' | '零' | '〇')
}

/// A Chinese numeral at `at`: its value and end. 十 → 10, 百 → 100, 三千 → 3000, 两万 → 20000,
/// 千亿 → 1e11. It may not start with 万 or 亿 except as 万亿; two digits in a row (一二,
/// 十四五) are a list or a name, not a number.
#[must_use]
pub fn read_han(chars: &[char], at: usize) -> Option<(f64, usize)> {
    let first = *chars.get(at)?;
    if !(han_digit(first).is_some() || matches!(first, '十' | '百' | '千') || starts_with_at(chars, at, "万亿")) {
        return None;
    }
    let (mut total, mut section, mut digit) = (0.0_f64, 0.0_f64, None::<f64>);
    let mut i = at;
    let mut last_was_digit = false;
    while let Some(&c) = chars.get(i) {
        if let Some(d) = han_digit(c) {
            if last_was_digit {
                return None;
            }
            digit = Some(f64::from(d));
            last_was_digit = true;
        } else {
            let factor = match c {
                '零' | '〇' => {
                    last_was_digit = false;
                    i += 1;
                    continue;
                }
                '十' => 10.0,
                '百' => 100.0,
                '千' => 1000.0,
                '万' => 1e4,
                '亿' => 1e8,
                _ => break,
            };
            if factor >= 1e4 {
                let base = total + section + digit.unwrap_or(0.0);
                total = if base == 0.0 { factor } else { base * factor };
                section = 0.0;
            } else {
                section += digit.unwrap_or(1.0) * factor;
            }
            digit = None;
            last_was_digit = false;
        }
        i += 1;
    }
    let v = total + section + digit.unwrap_or(0.0);
    (v > 0.0).then_some((v, i))
}

/// The unit at `at`, longest listed first. A Latin unit must end at a non-alphanumeric.
#[must_use]
pub fn unit_at(chars: &[char], at: usize) -> Option<&'static str> {
    let first = *chars.get(at)?;
    if first.is_whitespace() || first.is_ascii_digit() || matches!(first, '，' | '。' | '、' | ',' | '的') {
        return None;
    }
    UNITS.iter().copied().find(|u| {
        starts_with_at(chars, at, u) && {
            let latin = u.chars().all(|c| c.is_ascii_alphabetic());
            !latin
                || !chars
                    .get(at + u.chars().count())
                    .is_some_and(char::is_ascii_alphanumeric)
        }
    })
}

/// A unit that begins with a magnitude character (千瓦, 千米) and so must be tried first.
#[must_use]
pub fn unit_before_magnitude(chars: &[char], at: usize) -> Option<&'static str> {
    unit_at(chars, at).filter(|u| u.starts_with(['千', '百', '十', '万']))
}

/// The magnitude word at `at`, longest first.
#[must_use]
pub fn magnitude_at(chars: &[char], at: usize) -> Option<(&'static str, f64)> {
    MAGNITUDES.iter().copied().find(|(w, _)| starts_with_at(chars, at, w))
}

/// The qualifier that ends at `end` (before the number), with its length in chars.
#[must_use]
pub fn qualifier_before(chars: &[char], end: usize) -> Option<(Comparator, usize)> {
    BEFORE
        .iter()
        .find(|(w, _)| ends_with_at(chars, end, w))
        // A one-character qualifier stands on its own (过百家, 约30%, 近千家, 达500亿), not as
        // the end of a word: 通过, 经过; 节约, 集约, 制约; 最近, 附近; 发达, 下达, 传达.
        .filter(|(w, _)| !ends_a_word(w, chars, end))
        .map(|(w, c)| (*c, w.chars().count()))
}

/// Is the one-character `qualifier` ending at `end` the second half of a word (通过, 节约,
/// 最近, 发达)? Not when a longer word ends there that makes it a qualifier again: 折合约
/// (equivalent to about), 研发达 / 开发达 (R&D reaches).
fn ends_a_word(qualifier: &str, chars: &[char], end: usize) -> bool {
    let before = |back: usize| end.checked_sub(back).and_then(|i| chars.get(i)).copied();
    let Some(prev) = before(2) else {
        return false;
    };
    let (words, unless): (&str, &[char]) = match qualifier {
        "过" => ("通经不透越跨度错超", &[]),
        "约" if prev == '合' => ("合", &['折']),
        "约" => ("节集制简契签履违条公预邀相婉", &[]),
        "近" => ("最附邻靠亲贴就临", &[]),
        "达" if prev == '发' => ("发", &['研', '开', '批']),
        "达" => ("下传表送抵直通畅雷转", &[]),
        _ => return false,
    };
    words.contains(prev) && !before(3).is_some_and(|c| unless.contains(&c))
}

/// The qualifier that starts at `at` (after the number and unit), with its length in chars.
#[must_use]
pub fn qualifier_after(chars: &[char], at: usize) -> Option<(Comparator, usize)> {
    AFTER
        .iter()
        .find(|(w, _)| starts_with_at(chars, at, w))
        .map(|(w, c)| (*c, w.chars().count()))
}

/// Round away binary noise: 2.6 × 1e12 is 2.6e12.
#[must_use]
pub fn tidy(x: f64) -> f64 {
    format!("{x:.12e}").parse().unwrap_or(x)
}

/// A level verb (提升至) that ends at `end`.
#[must_use]
pub fn level_verb_before(chars: &[char], mut end: usize) -> bool {
    // 提升到 86.5: converted PDFs put spaces (or a line break) between words and numbers.
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    LEVEL_VERBS.iter().any(|w| ends_with_at(chars, end, w))
}

/// The unit a value is stated in once its magnitude is applied: 亿元 → 元, 万户 → 户,
/// 万千瓦 → 千瓦, ％ → %, 百分点 → 个百分点.
#[must_use]
pub fn base_unit(unit: &str) -> String {
    match unit {
        "百分点" => "个百分点".to_owned(),
        "万千瓦" => "千瓦".to_owned(),
        "PFlops" => "PFLOPS".to_owned(),
        "EFlops" => "EFLOPS".to_owned(),
        "兆" => "Mbps".to_owned(),
        u => u.to_owned(),
    }
}

/// Extra factor a unit carries (万千瓦 = 1e4 千瓦).
#[must_use]
pub fn unit_factor(unit: &str) -> f64 {
    if unit == "万千瓦" { 1e4 } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn han_numerals() {
        for (s, v) in [
            ("十", 10.0),
            ("百", 100.0),
            ("千", 1000.0),
            ("三千", 3000.0),
            ("二十", 20.0),
            ("一百二十", 120.0),
            ("两万", 2e4),
            ("十万", 1e5),
            ("千亿", 1e11),
            ("万亿", 1e12),
            ("三百零五", 305.0),
        ] {
            assert_eq!(read_han(&chars(s), 0).map(|(v, _)| v), Some(v), "{s}");
        }
        assert_eq!(read_han(&chars("十四五"), 0), None);
        assert_eq!(read_han(&chars("一二三"), 0), None);
        assert_eq!(read_han(&chars("万家"), 0), None);
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(read_arabic(&chars("2.6万"), 0), Some((2.6, 3)));
        assert_eq!(read_arabic(&chars("10,000个"), 0), Some((10000.0, 6)));
        assert_eq!(read_arabic(&chars("5,6"), 0), Some((5.0, 1)));
        assert_eq!(read_arabic(&chars("3."), 0), Some((3.0, 1)));
    }
}
