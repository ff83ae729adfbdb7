//! Finding quantities in a width-folded text: a number (Arabic or Chinese), its magnitude,
//! unit and qualifiers, and the printed span they make together. Whatever only looks like a
//! quantity is refused here by its shape: dates and times, 文号 brackets, list numbers,
//! ordinals (第84次), technology and product names (5G, IPv6, 4K/8K, A100), versions (2.0版),
//! formulas (7*24, 1+N), rankings (前10名), per-capita denominators (每万人), codes in
//! quotes (“5321”). Chinese numerals are read in `super::han`.
//! Whether a well-formed quantity is a *target* in its context is decided in
//! [`super::context`].

use super::Comparator;
use super::han::{Verbs, han};
use super::number::{
    COUNT_UNITS, DURATIONS, base_unit, is_han_numeral, level_verb_before, magnitude_at, qualifier_after,
    qualifier_before, read_arabic, read_han, starts_with_at, tidy, unit_at, unit_before_magnitude, unit_factor,
};

/// What a quantity measures, as far as its unit tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Things counted: 家, 个, 项, 人次 …
    Count,
    /// Money (元), or an amount with a magnitude and no unit (5000亿, 300万), which is
    /// money when its metric says so.
    Money,
    /// A size class: 千亿级, 500亿级.
    Class,
    /// %, ‰, 个百分点, 倍.
    Rate,
    /// Physical measures, “100+”, numbers without a unit.
    Other,
}

/// A quantity as printed, before its context, deadline and metric are read.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Char range of the printed quantity, qualifiers and quotes included.
    pub start: usize,
    pub end: usize,
    /// Where the number itself starts.
    pub num_start: usize,
    pub value: f64,
    pub unit: String,
    pub comparator: Comparator,
    pub kind: Kind,
    /// Written in Chinese numerals.
    pub han: bool,
}

pub(super) use super::names::{bad_next, bad_prev, figure_label, is_dash};

pub(super) fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '，' | ';' | '。' | ':' | '\n' | '!' | '?')
}

/// All quantities in the width-folded `f`, in order, not overlapping.
#[must_use]
pub fn quantities(f: &[char]) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    let verbs = Verbs::new(f);
    let mut i = 0;
    while i < f.len() {
        let c = f[i];
        if let Some(e) = url_end(f, i) {
            // A web address (percent-encoded text is full of “91%”).
            i = e;
        } else if let Some(q) = word_quantity(f, i) {
            i = q.end;
            out.push(q);
        } else if c.is_ascii_digit() {
            let Some((v, e)) = read_arabic(f, i) else {
                // Too long to be a value (hundreds of digits overflow f64): skipped whole,
                // with its separators. Reading it again from each of its digits was
                // quadratic in its length (a 39 KB run of digits took 0.7 s).
                i = (i..f.len())
                    .find(|&j| !(f[j].is_ascii_digit() || matches!(f[j], ',' | '.')))
                    .unwrap_or(f.len());
                continue;
            };
            match super::ratio::read(f, i, e, v).unwrap_or_else(|| arabic(f, &verbs, i, e, v)) {
                Some(q) => {
                    i = q.end.max(e);
                    out.push(q);
                }
                None => i = skip_token(f, e),
            }
        } else if is_han_numeral(c) && (i == 0 || !is_han_numeral(f[i - 1])) {
            let mut run_end = (i..f.len()).find(|&j| !is_han_numeral(f[j])).unwrap_or(f.len());
            // 百万千瓦, 两千万千瓦时: the 千 is the unit's (千瓦), not the numeral's.
            if run_end > i + 1 && f[run_end - 1] == '千' && f.get(run_end) == Some(&'瓦') {
                run_end -= 1;
            }
            match read_han(&f[..run_end], i)
                .filter(|(_, e)| *e == run_end)
                .and_then(|(v, e)| han(f, &verbs, i, e, v))
            {
                Some(q) => {
                    i = q.end.max(run_end);
                    out.push(q);
                }
                None => i = run_end,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The end of a web address starting at `i` (http://, https://, www.): the next whitespace
/// or character outside URLs.
fn url_end(f: &[char], i: usize) -> Option<usize> {
    // Asked at every character: most are not an h or a w.
    if !matches!(f[i], 'h' | 'w') {
        return None;
    }
    if !(starts_with_at(f, i, "http") || starts_with_at(f, i, "www.")) || i > 0 && f[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let e = (i..f.len()).find(|&j| !(f[j].is_ascii_graphic())).unwrap_or(f.len());
    (e > i + 4).then_some(e)
}

/// Measure words that begin a longer word when a line break separates them from the number
/// (附件1\n名词解释, 22\n组织开展): across a break, the number and the unit are not joined then.
const WORD_STARTS: &[&str] = &[
    "名词", "组织", "部门", "部署", "项目", "个人", "个体", "个性", "家庭", "家居", "件事", "条例", "条件", "台账",
    "次要", "场景", "场所", "处理", "种类", "所有", "所属", "座谈", "支持", "支撑", "户籍", "人员", "人才", "人民",
];

/// A line break between `e` (after the number) and `i` (the unit) that must not be bridged:
/// the number stands alone on its line (a page or list number), or the unit starts a word.
fn broken_apart(f: &[char], s: usize, e: usize, i: usize) -> bool {
    if !f[e..i].contains(&'\n') {
        return false;
    }
    let line_start = f[..s].iter().rposition(|c| *c == '\n').map_or(0, |p| p + 1);
    let alone = f[line_start..s]
        .iter()
        .all(|c| c.is_whitespace() || c.is_ascii_digit() || *c == '.');
    // A number on its own line after a line that ends asking for a value (规模为 / 50 /
    // 万千瓦: a PDF that sets every number on a line of its own) is that value, not a page
    // or list number.
    let asked = line_start > 0
        && VALUE_WORDS
            .iter()
            .any(|w| super::number::ends_with_at(f, line_start - 1, w));
    alone && !asked || WORD_STARTS.iter().any(|w| starts_with_at(f, i, w))
}

/// Words a line may end with that the value on the next line completes (…规模为 / 50). No
/// single character: 为, 达, 约, 共 also end 成为, 发达, 节约, 公共.
const VALUE_WORDS: &[&str] = &[
    "达到",
    "超过",
    "突破",
    "共计",
    "合计",
    "总计",
    "约为",
    "规模为",
    "总量为",
    "数量为",
    "总额为",
    "金额为",
    "面积为",
    "比例为",
    "比重为",
    "价格为",
    "标准为",
    "分别为",
];

/// Quantities in words: 半数以上, 一半以上, 超过半数 (50 %), 翻一番 and 倍增 (×2), 翻两番 (×4).
/// A half counts only with a qualifier (以上, 超过, 达到); a doubling is relative to the base,
/// so it is recorded as 2 倍 (or 4 倍) of it.
fn word_quantity(f: &[char], i: usize) -> Option<Quantity> {
    // Asked at every character: each word below starts with one of these.
    if !matches!(f[i], '半' | '一' | '翻' | '倍') {
        return None;
    }
    let half = ["半数", "一半"].iter().find(|w| starts_with_at(f, i, w));
    if let Some(w) = half {
        let e = i + w.chars().count();
        let (start, end, comparator) = qualify(f, i, e, Comparator::Equal);
        if start == i && end == e && !level_verb_before(f, i) {
            return None;
        }
        return Some(Quantity {
            start,
            end,
            num_start: i,
            value: 50.0,
            unit: "%".to_owned(),
            comparator,
            kind: Kind::Rate,
            han: true,
        });
    }
    let (w, times) = [
        ("翻一番", 2.0),
        ("翻两番", 4.0),
        ("翻二番", 4.0),
        ("翻番", 2.0),
        ("倍增", 2.0),
    ]
    .into_iter()
    .find(|(w, _)| starts_with_at(f, i, w))?;
    let end = i + w.chars().count();
    if w == "倍增" && !doubling_verb(f, i, end) {
        return None;
    }
    Some(Quantity {
        start: i,
        end,
        num_start: i,
        value: times,
        unit: "倍".to_owned(),
        comparator: Comparator::Equal,
        kind: Kind::Rate,
        han: true,
    })
}

/// 倍增 at `[i, end)` states a doubling only as the verb its clause ends with (交易规模倍增，):
/// before a noun it qualifies one (倍增效应, 倍增计划), and in an enumeration of effects
/// (知识扩散、价值倍增) it is a slogan, not a goal.
fn doubling_verb(f: &[char], i: usize, end: usize) -> bool {
    let ends_clause = f
        .get(end)
        .is_none_or(|c| is_clause_break(*c) || matches!(c, ')' | '）'));
    // The item before it is a short noun (价值倍增): a bounded look back keeps a long
    // clause linear.
    ends_clause
        && !f[i.saturating_sub(LIST_ITEM_REACH)..i]
            .iter()
            .rev()
            .take_while(|c| !is_clause_break(**c))
            .any(|c| *c == '、')
}

/// How far back from 倍增 a 、 makes it an item of an enumeration (chars).
const LIST_ITEM_REACH: usize = 12;

/// After a refused number, skip the rest of its token (2020-07-10, 1.2.3, 4K/8K) so that its
/// parts are not read as numbers of their own.
fn skip_token(f: &[char], mut e: usize) -> usize {
    while e < f.len() && (f[e].is_ascii_alphanumeric() || "./-:∶*×+".contains(f[e])) {
        e += 1;
    }
    e
}

/// Digits right after a count that are not a technology name: 5个100, 四个“100+”.
pub(super) fn names_follow(f: &[char], i: usize) -> bool {
    let j = i + usize::from(matches!(f.get(i), Some('“' | '"')));
    if !f.get(j).is_some_and(char::is_ascii_digit) {
        return false;
    }
    let k = (j..f.len()).find(|&k| !f[k].is_ascii_digit()).unwrap_or(f.len());
    !f.get(k).is_some_and(char::is_ascii_alphabetic)
}

/// Skip ASCII spaces (web texts write “5000 亿”) and one line break a PDF conversion put
/// between a number and its unit (“125\n项”), but not a blank line (a new paragraph).
/// Nothing is skipped when what follows cannot continue the quantity (a digit, punctuation,
/// the end), so that a span never ends in whitespace.
pub(super) fn skip_spaces(f: &[char], at: usize) -> usize {
    let mut i = at;
    let mut breaks = 0;
    while let Some(&c) = f.get(i) {
        match c {
            ' ' | '\r' => {}
            '\n' if breaks == 0 => breaks += 1,
            _ => break,
        }
        i += 1;
    }
    match f.get(i) {
        Some(c) if i > at && (crate::text::is_han(*c) || c.is_ascii_alphabetic() || matches!(c, '%' | '‰' | '+')) => {
            i
        }
        _ => at,
    }
}

/// A range after a number (10-15%, 10%～15%, 5至10个): `Some(Some(end))` of the upper
/// number, `Some(None)` when there is none, `None` when a dash leads to no number (a code
/// or a date, not a quantity).
#[allow(
    clippy::option_option,
    reason = "refused / no range / the range's end, read with `?`"
)]
fn range_end(f: &[char], i: usize) -> Option<Option<usize>> {
    let pct = usize::from(f.get(i) == Some(&'%'));
    let Some(&sep) = f.get(i + pct).filter(|c| is_dash(**c) || matches!(c, '至' | '到')) else {
        return Some(None);
    };
    let j = i + pct + 1 + usize::from(f.get(i + pct + 1) == Some(&sep) && is_dash(sep));
    match f.get(j).filter(|c| c.is_ascii_digit()).and_then(|_| read_arabic(f, j)) {
        Some((_, e2)) => Some(Some(e2)),
        None if is_dash(sep) => None,
        None => Some(None),
    }
}

/// A unit that is the start of a word (6部门, 3发展) or of a duration (3个月, 5个工作日).
fn unit_starts_a_word(f: &[char], u: &str, i: usize) -> bool {
    u == "部" && f.get(i) == Some(&'门')
        || u == "发" && f.get(i).is_some_and(|c| "展布放起挥生现表行出".contains(*c))
        || u == "个" && (f.get(i) == Some(&'月') || starts_with_at(f, i, "工作日") || starts_with_at(f, i, "小时"))
}

/// A number with no unit and no `+`, `magnitude` 1 or its 万/亿 factor, is no target: a bare
/// number needs a qualifier or a level verb (指数达到118, PUE降至1.3以下) and is never a
/// year; a bare 万 amount (常住人口5000万) is a fact unless a qualifier or a verb of
/// achieving makes it a target (a bare 亿 amount is money, which plans state as targets).
fn bare_is_no_target(verbs: &Verbs<'_>, s: usize, v: f64, magnitude: f64, qualified: bool) -> bool {
    let year_like = v.fract().abs() < f64::EPSILON && (1900.0..2100.0).contains(&v);
    // No magnitude word: the factors are 1 or at least 千.
    if magnitude < 1e3 {
        return !qualified || year_like;
    }
    (1e4..1e8).contains(&magnitude) && !qualified && !verbs.before(s, false)
}

/// Where a quantity's unit `u` ends (`i`: right after it), or why the number is no
/// quantity of its own: `Err(Some(class))` for a size class (500亿元级), `Err(None)` when
/// the unit starts a word or a count of named things follows.
fn after_unit(
    f: &[char],
    s: usize,
    u: &str,
    mut i: usize,
    value: f64,
    magnitude: f64,
) -> Result<usize, Option<Quantity>> {
    // 500亿元级: a size class.
    if u == "元" && f.get(i) == Some(&'级') && magnitude >= 1e4 {
        return Err(Some(class(f, s, i + 1, tidy(value * magnitude))));
    }
    // 3000米级钻井平台, 10万吨级泊位: a unit before 级 grades the thing named after it.
    if f.get(i) == Some(&'级') {
        return Err(None);
    }
    if unit_starts_a_word(f, u, i) {
        return Err(None);
    }
    // 20个(家): an alternative unit in parentheses.
    if f.get(i) == Some(&'(') && f.get(i + 2) == Some(&')') && unit_at(f, i + 1).is_some() {
        i += 3;
    }
    // 5个100, 四个“100+”: a count of named things, not a quantity of its own (5000个5G基站
    // is one: the digits after it are a technology name).
    if names_follow(f, i) {
        return Err(None);
    }
    Ok(i)
}

fn arabic(f: &[char], verbs: &Verbs<'_>, s: usize, e: usize, v: f64) -> Option<Quantity> {
    if s > 0 && bad_prev(f[s - 1]) || figure_label(f, s) {
        return None;
    }
    let mut value = v;
    let mut i = e;
    let upper = range_end(f, i)?;
    let range = upper.is_some();
    i = upper.unwrap_or(i);
    let j = skip_spaces(f, i);
    if !broken_apart(f, s, i, j) {
        i = j;
    }
    if let Some(d) = DURATIONS.iter().find(|d| starts_with_at(f, i, d)) {
        return duration(f, s, i + d.chars().count(), v, d, false);
    }
    // 受教育年限达到11.3年, 预期寿命提高到80岁: years and ages only after a verb that sets
    // a level (60岁以上 describes people; 2025年 is a date).
    if matches!(f.get(i), Some('年' | '岁'))
        && v < 150.0
        && !matches!(f.get(i + 1), Some('底' | '末' | '前' | '内' | '后' | '度' | '以'))
    {
        return duration(f, s, i + 1, v, if f[i] == '年' { "年" } else { "岁" }, true);
    }
    if f.get(i).is_some_and(|c| bad_next(*c)) {
        return None;
    }
    let mut comparator = Comparator::Equal;
    if f.get(i).is_some_and(|c| matches!(c, '余' | '多')) && magnitude_at(f, i + 1).is_some() {
        comparator = Comparator::MoreThan;
        i += 1;
    }
    let mut magnitude = 1.0;
    if unit_before_magnitude(f, i).is_none()
        && let Some((w, m)) = magnitude_at(f, i)
    {
        magnitude = m;
        i += w.chars().count();
    }
    if f.get(i) == Some(&'级') {
        // 500亿级: a size class. 3级 is a grade, not a quantity.
        return (magnitude >= 1e4).then(|| class(f, s, i + 1, tidy(value * magnitude)));
    }
    if f.get(i).is_some_and(|c| matches!(c, '余' | '多')) && unit_at(f, i + 1).is_some() {
        comparator = Comparator::MoreThan;
        i += 1;
    }
    let j = skip_spaces(f, i);
    if !broken_apart(f, s, i, j) {
        i = j;
    }
    let mut unit = "";
    let mut plus = false;
    if f.get(i) == Some(&'+') {
        // “100+”: at least that many. 1+N, 6+365 are names.
        if f.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '+') {
            return None;
        }
        plus = true;
        comparator = Comparator::AtLeast;
        i += 1;
    } else if let Some(u) = unit_at(f, i) {
        unit = u;
        match after_unit(f, s, u, i + u.chars().count(), value, magnitude) {
            Ok(j) => i = j,
            Err(refused_or_class) => return refused_or_class,
        }
    }
    let (start, mut end, comparator) = qualify(f, s, i, comparator);
    while end > s + 1 && f[end - 1].is_whitespace() {
        end -= 1;
    }
    if !plus && in_name(f, s, end) {
        return None;
    }
    let qualified = start < s || end > i || level_verb_before(f, start);
    if unit.is_empty() && !plus && bare_is_no_target(verbs, s, v, magnitude, qualified) {
        return None;
    }
    let kind = if plus {
        Kind::Other
    } else if unit.is_empty() && magnitude >= 1e4 || matches!(unit, "元" | "美元") {
        Kind::Money
    } else {
        kind_of(unit)
    };
    let comparator = if range && comparator == Comparator::Equal {
        Comparator::AtLeast
    } else {
        comparator
    };
    value = tidy(value * magnitude * unit_factor(unit));
    let (start, end) = quoted(f, start, end);
    Some(Quantity {
        start,
        end,
        num_start: s,
        value,
        unit: base_unit(unit),
        comparator,
        kind,
        han: false,
    })
}

/// A duration bounded by a qualifier or a level verb (压缩至1个工作日以内); else none.
/// `strict`: only a qualifier or level verb *before* it will do (years, ages).
fn duration(f: &[char], s: usize, i: usize, v: f64, unit: &str, strict: bool) -> Option<Quantity> {
    let (start, end, comparator) = qualify(f, s, i, Comparator::Equal);
    let set = start < s || level_verb_before(f, start);
    if !(set || end > i && !strict) {
        return None;
    }
    Some(Quantity {
        start,
        end,
        num_start: s,
        value: v,
        unit: unit.trim_start_matches('个').to_owned(),
        comparator,
        kind: Kind::Other,
        han: false,
    })
}

fn kind_of(unit: &str) -> Kind {
    if COUNT_UNITS.contains(&unit) {
        Kind::Count
    } else if matches!(unit, "%" | "‰" | "个百分点" | "百分点" | "倍") {
        Kind::Rate
    } else {
        Kind::Other
    }
}

/// Qualifiers around `[s, i)`: returns the printed span and the comparator.
pub(super) fn qualify(f: &[char], s: usize, i: usize, mut comparator: Comparator) -> (usize, usize, Comparator) {
    let mut end = i;
    if let Some((c, n)) = qualifier_after(f, i) {
        comparator = c;
        end += n;
    }
    let mut start = s;
    let before = skip_spaces_back(f, s);
    if let Some((c, n)) = qualifier_before(f, before) {
        if comparator == Comparator::Equal {
            comparator = c;
        }
        start = before - n;
    }
    (start, end, comparator)
}

fn skip_spaces_back(f: &[char], mut s: usize) -> usize {
    let mut breaks = 0;
    while s > 0 {
        match f[s - 1] {
            ' ' | '\r' => {}
            '\n' if breaks == 0 => breaks += 1,
            _ => break,
        }
        s -= 1;
    }
    s
}

/// Is `[s, end)` the end of a quoted name (“百村千户”工程, “5个1”)?
pub(super) fn in_name(f: &[char], s: usize, end: usize) -> bool {
    if !matches!(f.get(end), Some('”' | '"')) {
        return false;
    }
    let open = (0..s)
        .rev()
        .take(12)
        .find(|&j| matches!(f[j], '“' | '”' | '"') || is_clause_break(f[j]));
    open.is_some_and(|j| matches!(f[j], '“' | '"'))
}

/// A quoted quantity (“100+”) keeps its quotes in the printed span.
pub(super) fn quoted(f: &[char], start: usize, end: usize) -> (usize, usize) {
    let open = start.checked_sub(1).map(|p| f[p]);
    let close = f.get(end).copied();
    if matches!((open, close), (Some('“'), Some('”')) | (Some('"'), Some('"'))) {
        (start - 1, end + 1)
    } else {
        (start, end)
    }
}

pub(super) fn class(f: &[char], s: usize, end: usize, value: f64) -> Quantity {
    let (start, end, _) = qualify(f, s, end, Comparator::AtLeast);
    Quantity {
        start,
        end,
        num_start: s,
        value,
        unit: "元".to_owned(),
        comparator: Comparator::AtLeast,
        kind: Kind::Class,
        han: false,
    }
}
