//! Whether a well-formed quantity is a target in its context. A target is a quantity tied to
//! something to achieve; these are not:
//!
//! - **policy support** — money or rates in a clause about subsidies and rewards
//!   (给予最高500万元奖励, 按30%给予补助, 安排专项资金5亿元), and any capped amount (最高, 最多);
//! - **facts already achieved** — 已建成5G基站6.5万个, …以来, 同比增长 (a year before the
//!   document's own is handled with the deadline, see [`super::year`]);
//! - **routine frequencies** — 每季度召开1次, 每月发布;
//! - **coverage of existing units** — 16个市全覆盖, and counts of a jurisdiction's units
//!   (全省16个市);
//! - **scope, not goals** — 围绕4个重点领域, 聚焦3大方向;
//! - **size descriptors of a counted noun** — 营收超百亿元企业10家, 5家千亿级平台型企业: the
//!   count is the target, the amount describes what is counted.
//!
//! Clauses and sentences are read on the width-folded text.

use super::scan::{Kind, Quantity};

/// Sentence breaks (；, 。, line ends …).
#[must_use]
pub fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | ';' | '\n' | '!' | '?')
}

/// Clause breaks: sentence breaks, commas and colons (a comma between digits is a
/// thousands separator).
#[must_use]
pub fn is_clause_break(f: &[char], j: usize) -> bool {
    match f[j] {
        '，' | ':' => true,
        ',' => !(j > 0 && f[j - 1].is_ascii_digit() && f.get(j + 1).is_some_and(char::is_ascii_digit)),
        c => is_sentence_break(c),
    }
}

/// `[start, end)` of the sentence around char `at`.
#[must_use]
pub fn sentence_bounds(f: &[char], at: usize) -> (usize, usize) {
    let at = at.min(f.len());
    let start = f[..at].iter().rposition(|c| is_sentence_break(*c)).map_or(0, |p| p + 1);
    let end = f[at..]
        .iter()
        .position(|c| is_sentence_break(*c))
        .map_or(f.len(), |p| at + p);
    (start, end)
}

/// `[start, end)` of the clause around char `at`.
#[must_use]
pub fn clause_bounds(f: &[char], at: usize) -> (usize, usize) {
    let at = at.min(f.len());
    let start = (0..at).rev().find(|&j| is_clause_break(f, j)).map_or(0, |p| p + 1);
    let end = (at..f.len()).find(|&j| is_clause_break(f, j)).unwrap_or(f.len());
    (start, end)
}

fn contains(hay: &[char], needle: &str) -> bool {
    let n = needle.chars().count();
    n > 0 && hay.windows(n).any(|w| w.iter().copied().eq(needle.chars()))
}

/// Words of policy support: amounts near them are instruments, not targets.
const SUPPORT: &[&str] = &[
    "奖励",
    "补助",
    "补贴",
    "资助",
    "贴息",
    "奖补",
    "专项资金",
    "引导资金",
    "扶持资金",
    "支持资金",
    "财政资金",
    "给予",
    "一次性",
    "基金",
];

/// Words that report what has been achieved, in the clause before the number.
const PAST: &[&str] = &["已", "同比", "比上年", "较上年"];

/// Words that set a whole sentence in the past (“十三五”以来，…; 截至去年底，…).
const PAST_SENTENCE: &[&str] = &["以来", "去年", "上年", "前年", "上一年"];

/// Verbs that name a scope rather than a goal, right before the number (围绕4个重点领域).
const SCOPE: &[&str] = &[
    "围绕", "聚焦", "包括", "涵盖", "分为", "依托", "按照", "针对", "面向", "涉及",
];

/// A jurisdiction right before a count: its existing units (全省16个市), not a goal.
const JURISDICTION: &[&str] = &[
    "全省", "全市", "全国", "全区", "全县", "全州", "我省", "我市", "本省", "本市",
];

/// Periods of a routine (每季度召开1次): not targets.
const ROUTINE: &[&str] = &[
    "每季度",
    "每季",
    "每月",
    "每周",
    "每日",
    "每天",
    "每半年",
    "每旬",
    "每两年",
];

/// Keep the quantities that are targets in their context.
#[must_use]
pub fn targets(f: &[char], qs: Vec<Quantity>) -> Vec<Quantity> {
    let descriptors: Vec<bool> = (0..qs.len()).map(|k| is_descriptor(f, &qs, k)).collect();
    qs.into_iter()
        .zip(descriptors)
        .filter(|(q, d)| !d && is_target(f, q))
        .map(|(q, _)| q)
        .collect()
}

fn is_target(f: &[char], q: &Quantity) -> bool {
    let (c0, c1) = clause_bounds(f, q.num_start);
    let before = &f[c0..q.start.max(c0)];
    let near_before = &f[q.start.saturating_sub(4).max(c0)..q.start.max(c0)];
    if contains(near_before, "最高") || contains(near_before, "最多") || contains(near_before, "上限") {
        return false;
    }
    // The support a sentence grants: 对…按30%给予补助，单个企业不超过50万元.
    let (s0, _) = sentence_bounds(f, q.num_start);
    let sentence_before = &f[s0..q.start.max(s0)];
    let clause = &f[c0..c1];
    if matches!(q.kind, Kind::Money | Kind::Rate)
        && SUPPORT
            .iter()
            .any(|w| contains(clause, w) || contains(sentence_before, w))
    {
        return false;
    }
    if PAST.iter().any(|w| contains(before, w)) || PAST_SENTENCE.iter().any(|w| contains(sentence_before, w)) {
        return false;
    }
    if ROUTINE.iter().any(|w| contains(before, w)) {
        return false;
    }
    if q.kind == Kind::Count {
        // 11个县区5G网络全覆盖: the count is of units covered, not of things to build.
        let after = &f[q.end.min(c1)..(q.end + 14).min(c1)];
        let covered = (0..after.len()).find(|&j| after[j..].starts_with(&['全', '覆', '盖']));
        if covered.is_some_and(|j| {
            let gap: String = after[..j].iter().collect();
            !gap.contains('并') && !super::han::TARGET_VERBS.iter().any(|v| gap.contains(v))
        }) {
            return false;
        }
        // 15项主要指标中, 6项排名第一, 等12个部门: one of a set, a ranking, the authors.
        let rest: String = f[q.end.min(c1)..c1].iter().collect();
        if rest.chars().count() <= 12 && rest.ends_with('中')
            || ["排名", "位居", "位列", "部门"].iter().any(|w| rest.starts_with(w))
        {
            return false;
        }
    }
    let right_before = |words: &[&str]| words.iter().any(|w| super::number::ends_with_at(f, q.start, w));
    if q.kind == Kind::Count && right_before(JURISDICTION) || scoped(before) {
        return false;
    }
    true
}

/// 围绕8个重点产业链, 聚焦国家规划102项重大工程: a scope verb governs the number, with no
/// verb of achieving between them (聚焦支持10家企业 is a target).
fn scoped(before: &[char]) -> bool {
    let text: String = before.iter().collect();
    SCOPE
        .iter()
        .filter_map(|w| text.rfind(w).map(|p| p + w.len()))
        .max()
        .is_some_and(|after| {
            let rest = &text[after..];
            !super::han::TARGET_VERBS.iter().any(|v| rest.contains(v))
        })
}

/// An amount or size class right next to a count, with nothing but a noun between them
/// (营收超百亿元企业10家, 10个产值超百亿元的集群, 5家千亿级平台型企业), or before 的 and a noun
/// (年营收2000万元以上的企业): it describes what is counted.
fn is_descriptor(f: &[char], qs: &[Quantity], k: usize) -> bool {
    let q = &qs[k];
    if !matches!(q.kind, Kind::Money | Kind::Class) {
        return false;
    }
    let joined = |a: usize, b: usize| {
        a <= b
            && b - a <= 12
            && !f[a..b]
                .iter()
                .enumerate()
                .any(|(j, c)| *c == '、' || is_clause_break(f, a + j))
    };
    // 年营业收入2000万元以上的企业: a threshold that names a class of things.
    if f.get(q.end) == Some(&'的') && f.get(q.end + 1).is_some_and(|c| crate::text::is_han(*c)) {
        return true;
    }
    let prev = k.checked_sub(1).map(|p| &qs[p]).filter(|p| p.kind == Kind::Count);
    let next = qs.get(k + 1).filter(|n| n.kind == Kind::Count);
    prev.is_some_and(|p| joined(p.end, q.start)) || next.is_some_and(|n| joined(q.end, n.start))
}
