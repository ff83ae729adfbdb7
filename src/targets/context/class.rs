//! Thresholds that name a class of things rather than set a goal (低于50%的地区, 5人及以上的
//! 商户, 30万吨/年以下煤矿), the figures that pick who a subsidy goes to, and the sizes that
//! describe a thing (3.8米直径): kept apart from [`super`] so that each reads on its own.

use super::{contains, is_clause_break};
use crate::targets::index::{Index, List};
use crate::targets::scan::{Kind, Quantity};

/// Words that state a bound (超过30人, 800米以上).
const BOUNDS: &[&str] = &[
    "超过",
    "低于",
    "高于",
    "大于",
    "小于",
    "不足",
    "不少于",
    "不超过",
    "以上",
    "以下",
];

/// A bound at `end` closes a description of a class: 的 follows (低于50%的地区), or 、 and
/// further bounds of the same class do (入井人数超过30人、井深超过800米的矿山). Up to three
/// more items of at most 20 chars each are read.
pub(super) fn ends_in_class(f: &[char], end: usize) -> bool {
    let mut i = end;
    for _ in 0..=3 {
        match f.get(i) {
            Some('的') => return true,
            Some('、') => {}
            _ => return false,
        }
        let from = i + 1;
        let Some(j) = (from..(from + 20).min(f.len())).find(|&j| matches!(f[j], '的' | '、') || is_clause_break(f, j))
        else {
            return false;
        };
        if !matches!(f[j], '的' | '、') || !BOUNDS.iter().any(|w| contains(&f[from..j], w)) {
            return false;
        }
        i = j;
    }
    false
}

/// A bound written as a symbol (≥1次) or as 及以上 (5人及以上), then 的 and a noun: it picks
/// out a class of people or things, it sets no goal.
pub(super) fn names_a_class(f: &[char], q: &Quantity) -> bool {
    if f.get(q.end) != Some(&'的') {
        return false;
    }
    let symbol = q.num_start > 0 && matches!(f[q.num_start - 1], '≥' | '≤' | '>' | '<');
    symbol
        || crate::targets::number::ends_with_at(f, q.end, "及以上")
        || crate::targets::number::ends_with_at(f, q.end, "及以下")
}

/// A length that describes a thing rather than a goal: a size before 直径 (3.8米直径), or the
/// specification of what a verb of developing makes (攻关 15000 米智能钻机).
pub(super) fn thing_size(f: &[char], q: &Quantity) -> Option<&'static str> {
    if q.kind != Kind::Other || !LENGTHS.contains(&q.unit.as_str()) {
        return None;
    }
    if ["直径", "口径", "跨度", "长度", "高度"]
        .iter()
        .any(|w| crate::targets::number::starts_with_at(f, q.end, w))
    {
        return Some("a size describing a thing (3.8米直径)");
    }
    developed(f, q.start).then_some("a specification of what is developed (研制15000米钻机)")
}

/// Lengths, which a specification gives.
const LENGTHS: &[&str] = &["米", "公里", "千米", "毫米", "纳米"];

/// Verbs of developing a thing, whose length is then its specification (攻关 15000 米智能钻机,
/// 研制12米级运载器); a length to be built takes a verb of achieving (建成300公里).
const DEVELOPING: &[&str] = &["攻关", "研制", "研发", "开发"];

/// A developing verb right before `start` (across a converted PDF's spaces).
pub(super) fn developed(f: &[char], start: usize) -> bool {
    let mut end = start;
    while end > 0 && f[end - 1].is_whitespace() {
        end -= 1;
    }
    DEVELOPING
        .iter()
        .any(|w| crate::targets::number::ends_with_at(f, end, w))
}

/// 投入达到或超过1亿元/年的企业，给予一次性补助1000万元; 5000万元（含）至1亿元（不含）的企业，
/// 给予补助500万元: a figure in a clause that names recipients (…的企业) before a clause that
/// grants support picks who qualifies, a tier of the subsidy, not a goal.
pub(super) fn eligibility(f: &[char], ix: &Index, q: &Quantity, c1: usize, s1: usize) -> bool {
    /// How far after the figure its 的 is looked for (chars).
    const REACH: usize = 24;
    c1 < s1
        && matches!(f.get(c1), Some('，' | ','))
        && f[q.end..c1.min(q.end + REACH)].contains(&'的')
        && ix.any(List::Support, c1, s1)
}

/// 30万吨/年以下煤矿, 10万吨/年及以上的装置: a per-year capacity bounded by 以下 / 以上 right before
/// what it qualifies names a class of facility.
pub(super) fn capacity_class(f: &[char], end: usize) -> bool {
    use crate::targets::number::starts_with_at;
    if !starts_with_at(f, end, "/年") {
        return false;
    }
    let mut i = end + 2;
    if f.get(i) == Some(&'及') {
        i += 1;
    }
    (starts_with_at(f, i, "以下") || starts_with_at(f, i, "以上"))
        && f.get(i + 2).is_some_and(|c| *c == '的' || crate::text::is_han(*c))
}
