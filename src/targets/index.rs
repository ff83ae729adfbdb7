//! What judging a quantity asks of its sentence and clause, computed once per text: where
//! each sentence and clause begins and ends, and where the words of each list occur.
//!
//! Judging used to scan the sentence and the clause around every quantity (their bounds,
//! then each word list over them), so a text of n chars with many quantities in one long
//! sentence or clause cost O(n²) — a 42 KB line of `到2025年达到10%，` took 4 s, twice that
//! 19 s. With the index, a bound is one lookup and “does any word of this list occur
//! within `[a, b)`” is a binary search, whatever the sentence's length. The answers are
//! exactly those of the scans they replace (same breaks, same words, whole occurrences
//! inside the range).

use super::context::{is_clause_break, is_sentence_break};
use super::number::starts_with_at;

/// A word list the index answers for (see [`WORD_LISTS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Definition,
    Punitive,
    Normative,
    Support,
    PerRecipient,
    Fees,
    Provision,
    GoalWords,
    TargetVerbs,
    Sampling,
    Past,
    /// [`super::context::PAST_SENTENCE`] words not right after 较, 比 or 同.
    PastSentenceFree,
    Routine,
    Scope,
    Area,
    Cumulative,
    /// 每 followed by a digit, a numeral or 个, 家, 所, 座, 处 (a per-unit denominator).
    PerUnit,
    /// 基础上 (在现有…的基础上: a baseline).
    Baseline,
    /// 若, 如果, 倘若, 假如: a condition (not 若干 "several", the places 若尔盖 and 若羌, or the
    /// rhetorical 如果说).
    Condition,
    /// 到 followed by a digit (到2025年): a deadline ahead.
    ToYear,
}

const LISTS: usize = 20;

/// Occurrences of one list's words, `(start, end)` sorted by start, and the least end from
/// each on.
#[derive(Debug, Default)]
struct Occurrences {
    starts: Vec<usize>,
    ends: Vec<usize>,
    min_end: Vec<usize>,
}

impl Occurrences {
    fn finish(&mut self) {
        self.min_end = self.ends.clone();
        for k in (0..self.min_end.len().saturating_sub(1)).rev() {
            self.min_end[k] = self.min_end[k].min(self.min_end[k + 1]);
        }
    }

    /// Does an occurrence lie wholly within `[a, b)`?
    fn within(&self, a: usize, b: usize) -> bool {
        let k = self.starts.partition_point(|&s| s < a);
        self.min_end.get(k).is_some_and(|&e| e <= b)
    }

    /// The greatest end of an occurrence wholly within `[a, b)`.
    fn last_end_within(&self, a: usize, b: usize, longest: usize) -> Option<usize> {
        let mut k = self.starts.partition_point(|&s| s < b);
        let mut best: Option<usize> = None;
        while k > 0 {
            k -= 1;
            let (s, e) = (self.starts[k], self.ends[k]);
            if s < a || best.is_some_and(|m| s + longest <= m) {
                break;
            }
            if e <= b {
                best = Some(best.map_or(e, |m| m.max(e)));
            }
        }
        best
    }
}

/// A text's sentence and clause bounds and word occurrences (see the module documentation).
#[derive(Debug)]
pub struct Index {
    /// Per position `at` (0..=n): the char after the last sentence / clause break before
    /// `at`, and the first break at or after `at` (n when none).
    sentence_start: Vec<usize>,
    sentence_end: Vec<usize>,
    clause_start: Vec<usize>,
    clause_end: Vec<usize>,
    /// Per position: the char after the last line break before it.
    line_start: Vec<usize>,
    /// Per position: 1 + the last 、 before it (0: none); opening and closing parentheses
    /// before it.
    dun: Vec<usize>,
    opens: Vec<usize>,
    closes: Vec<usize>,
    words: Vec<Occurrences>,
    longest: [usize; LISTS],
}

/// The words of each list, in the order of [`List`] (`PerUnit` and `ToYear` are matched by rule).
fn words(list: List) -> &'static [&'static str] {
    use super::context as c;
    match list {
        List::Definition => c::DEFINITION,
        List::Punitive => c::PUNITIVE,
        List::Normative => c::NORMATIVE,
        List::Support => c::SUPPORT,
        List::PerRecipient => c::PER_RECIPIENT,
        List::Fees => c::FEES,
        List::Provision => c::PROVISION,
        List::GoalWords => c::GOAL_WORDS,
        List::TargetVerbs => super::han::TARGET_VERBS,
        List::Sampling => c::SAMPLING,
        List::Past => c::PAST,
        List::PastSentenceFree => c::PAST_SENTENCE,
        List::Routine => c::ROUTINE,
        List::Scope => c::SCOPE,
        List::Area => &["面积"],
        List::Cumulative => &["累计", "总量", "总数", "总计"],
        // Matched by rule.
        List::PerUnit | List::ToYear => &[],
        List::Baseline => &["基础上"],
        List::Condition => &["若", "如果", "倘若", "假如"],
    }
}

const ALL: [List; LISTS] = [
    List::Definition,
    List::Punitive,
    List::Normative,
    List::Support,
    List::PerRecipient,
    List::Fees,
    List::Provision,
    List::GoalWords,
    List::TargetVerbs,
    List::Sampling,
    List::Past,
    List::PastSentenceFree,
    List::Routine,
    List::Scope,
    List::Area,
    List::Cumulative,
    List::PerUnit,
    List::Baseline,
    List::Condition,
    List::ToYear,
];

/// Every list's words by their first char (so that a text is read once), with the list's
/// index; and each list's longest word in chars.
type ByFirst = (std::collections::HashMap<char, Vec<(usize, Vec<char>)>>, [usize; LISTS]);

static BY_FIRST: std::sync::LazyLock<ByFirst> = std::sync::LazyLock::new(|| {
    let mut by_first: std::collections::HashMap<char, Vec<(usize, Vec<char>)>> = std::collections::HashMap::new();
    let mut longest = [0; LISTS];
    for (li, &list) in ALL.iter().enumerate() {
        for w in words(list) {
            let chars: Vec<char> = w.chars().collect();
            longest[li] = longest[li].max(chars.len());
            by_first.entry(chars[0]).or_default().push((li, chars));
        }
    }
    longest[List::PerUnit as usize] = 2;
    longest[List::ToYear as usize] = 2;
    (by_first, longest)
});

/// Words that begin with a condition's word and are none (若干 several, the counties 若尔盖
/// and 若羌, the rhetorical 如果说…那么).
const NOT_CONDITIONS: [&str; 4] = ["若干", "若尔盖", "若羌", "如果说"];

impl Index {
    /// Index the width-folded `f`: O(n) bounds, and one pass per list's first chars.
    #[must_use]
    pub fn new(f: &[char]) -> Self {
        let n = f.len();
        let mut sentence_start = vec![0; n + 1];
        let mut clause_start = vec![0; n + 1];
        let mut line_start = vec![0; n + 1];
        let (mut dun, mut opens, mut closes) = (vec![0; n + 1], vec![0; n + 1], vec![0; n + 1]);
        for at in 0..n {
            dun[at + 1] = if f[at] == '、' { at + 1 } else { dun[at] };
            opens[at + 1] = opens[at] + usize::from(matches!(f[at], '(' | '（'));
            closes[at + 1] = closes[at] + usize::from(matches!(f[at], ')' | '）'));
            line_start[at + 1] = if f[at] == '\n' { at + 1 } else { line_start[at] };
            sentence_start[at + 1] = if is_sentence_break(f[at]) {
                at + 1
            } else {
                sentence_start[at]
            };
            clause_start[at + 1] = if is_clause_break(f, at) {
                at + 1
            } else {
                clause_start[at]
            };
        }
        let mut sentence_end = vec![n; n + 1];
        let mut clause_end = vec![n; n + 1];
        for at in (0..n).rev() {
            sentence_end[at] = if is_sentence_break(f[at]) {
                at
            } else {
                sentence_end[at + 1]
            };
            clause_end[at] = if is_clause_break(f, at) { at } else { clause_end[at + 1] };
        }
        let mut words_of: Vec<Occurrences> = (0..LISTS).map(|_| Occurrences::default()).collect();
        let (by_first, longest) = &*BY_FIRST;
        for j in 0..n {
            if let Some(ws) = by_first.get(&f[j]) {
                for (li, w) in ws {
                    let end = j + w.len();
                    if end > n || f[j..end] != w[..] {
                        continue;
                    }
                    if ALL[*li] == List::PastSentenceFree && j > 0 && matches!(f[j - 1], '较' | '比' | '同') {
                        continue;
                    }
                    if ALL[*li] == List::Condition && NOT_CONDITIONS.iter().any(|w| starts_with_at(f, j, w)) {
                        continue;
                    }
                    let o = &mut words_of[*li];
                    o.starts.push(j);
                    o.ends.push(end);
                }
            }
            if f[j] == '到' && f.get(j + 1).is_some_and(char::is_ascii_digit) {
                let o = &mut words_of[List::ToYear as usize];
                o.starts.push(j);
                o.ends.push(j + 2);
            }
            if f[j] == '每'
                && f.get(j + 1).is_some_and(|c| {
                    c.is_ascii_digit()
                        || super::number::is_han_numeral(*c)
                        || matches!(c, '个' | '家' | '所' | '座' | '处')
                })
            {
                let o = &mut words_of[List::PerUnit as usize];
                o.starts.push(j);
                o.ends.push(j + 2);
            }
        }
        for o in &mut words_of {
            // Two words of a list may start at one char: keep the starts sorted.
            if o.starts.windows(2).any(|w| w[0] > w[1]) {
                let mut pairs: Vec<(usize, usize)> = o.starts.iter().copied().zip(o.ends.iter().copied()).collect();
                pairs.sort_unstable();
                (o.starts, o.ends) = pairs.into_iter().unzip();
            }
            o.finish();
        }
        Self {
            sentence_start,
            sentence_end,
            clause_start,
            clause_end,
            line_start,
            dun,
            opens,
            closes,
            words: words_of,
            longest: *longest,
        }
    }

    /// [`super::context::sentence_bounds`] of `at`.
    #[must_use]
    pub fn sentence(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.sentence_start.len() - 1);
        (self.sentence_start[at], self.sentence_end[at])
    }

    /// [`super::context::clause_bounds`] of `at`.
    #[must_use]
    pub fn clause(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.clause_start.len() - 1);
        (self.clause_start[at], self.clause_end[at])
    }

    /// The char after the last line break before `at` (0 on the first line).
    #[must_use]
    pub fn line_start(&self, at: usize) -> usize {
        self.line_start[at.min(self.line_start.len() - 1)]
    }

    /// The last 、 before `at`.
    #[must_use]
    pub fn last_dun(&self, at: usize) -> Option<usize> {
        self.dun[at.min(self.dun.len() - 1)].checked_sub(1)
    }

    /// More opening than closing parentheses in `[a, j)`.
    #[must_use]
    pub fn in_parens(&self, a: usize, j: usize) -> bool {
        self.opens[j] - self.opens[a] > self.closes[j] - self.closes[a]
    }

    /// Does a word of `list` occur wholly within `[a, b)`?
    #[must_use]
    pub fn any(&self, list: List, a: usize, b: usize) -> bool {
        a < b && self.words[list as usize].within(a, b)
    }

    /// The greatest end of a word of `list` wholly within `[a, b)`.
    #[must_use]
    pub fn last_end(&self, list: List, a: usize, b: usize) -> Option<usize> {
        self.words[list as usize].last_end_within(a, b, self.longest[list as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::context::{clause_bounds, sentence_bounds};

    fn contains(hay: &[char], needle: &str) -> bool {
        let n = needle.chars().count();
        n > 0 && hay.windows(n).any(|w| w.iter().copied().eq(needle.chars()))
    }

    proptest::proptest! {
        /// Every answer is the scan's it replaces, on texts dense in breaks and words.
        #[test]
        fn the_index_answers_as_the_scans_do(
            s in "[，。,;:\n12每个家已较同以来去年围绕累计罚款应当给予建成达到文字若干如果说到]{0,40}",
            a in 0usize..42,
            b in 0usize..42,
        ) {
            let f: Vec<char> = s.chars().collect();
            let ix = Index::new(&f);
            let (a, b) = (a.min(f.len()), b.min(f.len()));
            proptest::prop_assert_eq!(ix.sentence(a), sentence_bounds(&f, a));
            proptest::prop_assert_eq!(ix.clause(a), clause_bounds(&f, a));
            let hay = if a <= b { &f[a..b] } else { &f[0..0] };
            for list in ALL {
                let scan = match list {
                    List::PerUnit => hay.windows(2).any(|w| w[0] == '每' && (w[1].is_ascii_digit() || matches!(w[1], '个' | '家' | '所' | '座' | '处') || crate::targets::number::is_han_numeral(w[1]))),
                    List::PastSentenceFree => (0..hay.len()).any(|j| words(list).iter().any(|w| {
                        contains(&hay[j..], w) && hay[j..].starts_with(&w.chars().collect::<Vec<_>>()) && !(a + j > 0 && matches!(f[a + j - 1], '较' | '比' | '同'))
                    })),
                    List::ToYear => hay.windows(2).any(|w| w[0] == '到' && w[1].is_ascii_digit()),
                    List::Condition => (0..hay.len()).any(|j| {
                        words(list).iter().any(|w| starts_with_at(hay, j, w)) && !NOT_CONDITIONS.iter().any(|n| starts_with_at(&f, a + j, n))
                    }),
                    _ => words(list).iter().any(|w| contains(hay, w)),
                };
                proptest::prop_assert_eq!(ix.any(list, a, b), scan, "{:?} in {:?}", list, hay);
            }
            let text: String = hay.iter().collect();
            let scope = crate::targets::context::SCOPE.iter().filter_map(|w| text.rfind(w).map(|p| text[..p + w.len()].chars().count() + a)).max();
            proptest::prop_assert_eq!(ix.last_end(List::Scope, a, b), scope);
        }
    }
}
