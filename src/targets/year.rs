//! Deadlines: when a target is due. Read from 到2022年, 2022年末, 截至2025年底, 力争到2026年,
//! a bare “2025年，” opening a clause, 到“十四五”末, and 每年 (every year).
//!
//! Scope, as an analyst reads it: a deadline holds for the targets of its own sentence
//! (the nearest one before the target, else the first after it). The unit's *lead* — its
//! first paragraph when the text has several (a goal followed by bullet lines), else its
//! first sentence, extended to the next sentence when that one opens with the deadline
//! (打造四个“100+”。到2022年末，…) — states a deadline for the whole unit. A deadline that
//! opens a sentence in the middle of a paragraph (2027年前，实现…。推动5款以上…) holds for
//! the sentences after it in that paragraph, until the next deadline; one inside a clause
//! does not carry. A parent section hands its deadline down only to the items its text
//! introduces (具体目标如下：).
//! Dates (2021年3月2日), plan periods ((2020—2022年)), base years (较2020年, 自2024年起,
//! 较“十四五”末) are not deadlines.

use super::Deadline;
use super::context::{is_clause_break, is_sentence_break, sentence_bounds};
use super::index::{Index, List};
use super::number::{ends_with_at, starts_with_at};

/// A deadline stated in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Char offset where it is stated.
    pub pos: usize,
    pub deadline: Deadline,
    /// Stands in the first clause of its sentence (力争到2025年，…).
    pub opens: bool,
}

/// Prefixes that make a year a deadline.
const TO: &[&str] = &["截止到", "截至", "截止", "到", "至", "于", "力争", "争取"];

/// Prefixes that make a year a base or a start, not a deadline.
const FROM: &[char] = &[
    '比', '较', '与', '同', '从', '自', '和', '及', '、', '-', '—', '–', '~', '(', '（', '〔', '[',
];

/// Five-year plans and their last years, for 到“十四五”末.
pub(super) use crate::lex::line::FIVE_YEAR_PLANS as PLANS;

/// The longest label a colon ends before a deadline that still opens its sentence
/// (预期目标：, 近期发展目标是：).
const LABEL_CHARS: usize = 8;

/// How many years a plan's staged goals span at most (a five-year plan).
const PLAN_YEARS: u16 = 5;

/// Every deadline and 每年 in the width-folded `f`, in order.
#[must_use]
pub fn marks(f: &[char]) -> Vec<Mark> {
    let mut out = Vec::new();
    // Where the sentence and the clause around `i` start, kept up to date as `i` moves (a
    // scan back from every mark was quadratic in a long sentence of years): a mark opens
    // its sentence when no clause break stands between the sentence's start and it.
    // A short label and its colon opening the sentence (预期目标：到2026年，…) leave the
    // deadline after them opening it: `label_end` is where such a label's clause ends.
    let (mut sentence_start, mut clause_start, mut label_end, mut seen) = (0, 0, None, 0);
    let mut i = 0;
    while i < f.len() {
        if let Some((deadline, next)) = year_at(f, i).or_else(|| plan_at(f, i)).or_else(|| every_year_at(f, i)) {
            while seen < i {
                if is_sentence_break(f[seen]) {
                    sentence_start = seen + 1;
                }
                if is_clause_break(f, seen) {
                    let label = f[seen] == ':'
                        && clause_start <= sentence_start
                        && f[sentence_start..seen].iter().filter(|c| !c.is_whitespace()).count() <= LABEL_CHARS;
                    label_end = label.then_some(seen + 1);
                    clause_start = seen + 1;
                }
                seen += 1;
            }
            out.push(Mark {
                pos: i,
                deadline,
                opens: clause_start <= sentence_start || label_end == Some(clause_start),
            });
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

fn every_year_at(f: &[char], i: usize) -> Option<(Deadline, usize)> {
    (starts_with_at(f, i, "每年") || starts_with_at(f, i, "每一年")).then_some((Deadline::EveryYear, i + 2))
}

/// A year deadline starting at `i` (the year's first digit).
fn year_at(f: &[char], i: usize) -> Option<(Deadline, usize)> {
    // A year starts 19 or 20 (asked at every character: most are not a 1 or a 2).
    if !matches!(f[i], '1' | '2') || i > 0 && f[i - 1].is_ascii_digit() {
        return None;
    }
    // `2 0 2 5年`: OCR set the digits apart.
    let (digits, mut j) = super::number::letter_spaced(f, i).unwrap_or_else(|| {
        let end = (i + 4).min(f.len());
        (f[i..end].iter().collect(), end)
    });
    if digits.len() != 4
        || !(digits.starts_with("19") || digits.starts_with("20"))
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || f.get(j).is_some_and(char::is_ascii_digit)
    {
        return None;
    }
    let year: u16 = digits.parse().ok()?;
    while f.get(j) == Some(&' ') {
        j += 1;
    }
    if f.get(j) != Some(&'年') {
        return None;
    }
    j += 1;
    let mut b = i;
    while b > 0 && f[b - 1] == ' ' {
        b -= 1;
    }
    if b > 0 && FROM.contains(&f[b - 1]) {
        return None;
    }
    let to = TO.iter().any(|p| ends_with_at(f, b, p));
    let end_word = ["年底", "年末", "底", "末", "前", "以前"]
        .iter()
        .find(|w| starts_with_at(f, j, w))
        .map(|w| w.chars().count());
    if let Some(n) = end_word {
        let mut k = j + n;
        if f.get(k) == Some(&'前') {
            k += 1;
        }
        return Some((Deadline::Year(year), k));
    }
    // 2025年6月底前, 2026年11月前: a month's end, a deadline within its year.
    let month = (j..j + 3)
        .find(|&k| f.get(k) == Some(&'月'))
        .filter(|&k| k > j && f[j..k].iter().all(char::is_ascii_digit));
    if let Some(k) = month
        && let Some(n) = ["底前", "底以前", "末前", "前", "以前"]
            .iter()
            .find(|w| starts_with_at(f, k + 1, w))
    {
        return Some((Deadline::Year(year), k + 1 + n.chars().count()));
    }
    let next = f.get(j).copied();
    // 2021年3月2日 is a date; 2024年起, 2020年以来, 2023年度 are starts and periods.
    let date = next.is_some_and(|c| c.is_ascii_digit() || matches!(c, '月' | '度'));
    let start = ["以来", "起", "开始", "的基础", "基础上", "水平"]
        .iter()
        .any(|w| starts_with_at(f, j, w));
    if start || date && !to {
        return None;
    }
    if to || plan_of_the_year(f, j) {
        return Some((Deadline::Year(year), j));
    }
    // A bare year opening a clause: “2025年，全省…”.
    let opens = b == 0 || is_clause_break(f, b - 1) || matches!(f[b - 1], '、' | '—' | ')' | '）');
    let then = next.is_none_or(|c| c == ',' || c == '，' || crate::text::is_han(c));
    (opens && then).then_some((Deadline::Year(year), j))
}

/// 2023年培训计划, 2024年工作目标: the year's own plan or goal, whose figures are due that
/// year (`at` is right after 年).
fn plan_of_the_year(f: &[char], at: usize) -> bool {
    let end = (at..f.len().min(at + 8))
        .take_while(|&k| crate::text::is_han(f[k]))
        .last()
        .map_or(at, |k| k + 1);
    end > at && ["计划", "目标", "任务"].iter().any(|w| ends_with_at(f, end, w))
}

/// Words before a plan's name that make its end a base to compare with (较“十四五”末降低8%,
/// 与“十三五”期末相比), not a deadline.
const BASE_OF_PLAN: &[char] = &['比', '较', '与', '同', '从', '自'];

/// 到“十四五”末, “十四五”期末, “十四五”期间: the plan's last year.
fn plan_at(f: &[char], i: usize) -> Option<(Deadline, usize)> {
    // Every plan's name starts with 十 (asked at every character).
    if f[i] != '十' {
        return None;
    }
    let (name, year) = PLANS.iter().find(|(p, _)| starts_with_at(f, i, p))?;
    let mut j = i + name.chars().count();
    if matches!(f.get(j), Some('”' | '"')) {
        j += 1;
    }
    let mut b = i;
    if b > 0 && matches!(f[b - 1], '“' | '"') {
        b -= 1;
    }
    if b > 0 && BASE_OF_PLAN.contains(&f[b - 1]) {
        return None;
    }
    let to = TO.iter().any(|p| ends_with_at(f, b, p));
    let end = ["期末", "末期", "时期末", "末", "期间", "时期"]
        .iter()
        .find(|w| starts_with_at(f, j, w));
    match end {
        Some(w) => Some((Deadline::Year(*year), j + w.chars().count())),
        None if to => Some((Deadline::Year(*year), j)),
        None => None,
    }
}

/// The deadlines of one text and its lead.
#[derive(Debug, Clone, Default)]
pub struct Deadlines {
    marks: Vec<Mark>,
    /// Where the lead ends (exclusive), and the indices of the year deadlines in it.
    lead_end: usize,
    lead: Vec<usize>,
    /// Per `k` (0..=marks): the last year deadline opening its sentence among `marks[..k]`,
    /// and how many year deadlines inside a clause `marks[..k]` holds — so that resolving a
    /// quantity looks nothing up by scanning every mark of the text.
    last_opening: Vec<Option<usize>>,
    inner: Vec<usize>,
    /// List lines (——…, 1. …) introduced by a line ending in ：, by where they start, with
    /// the deadline in force at the introduction (主要目标是：到2030年，…。具体目标是：——…).
    list_carry: Vec<(usize, Deadline)>,
    /// The deadline the text hands to the list paragraphs after it, when its last line
    /// introduces them (2020年主要目标是：): see [`Deadlines::introduces`].
    introduces: Option<Deadline>,
}

/// Read the deadlines of the width-folded `f`. A year before `min_year` reports the past:
/// it never leads a unit.
#[must_use]
pub fn read(f: &[char], min_year: Option<u16>) -> Deadlines {
    let marks = marks(f);
    let body = f.iter().rposition(|c| !c.is_whitespace()).map_or(0, |p| p + 1);
    let first_line = f[..body].iter().position(|c| *c == '\n');
    let mut lead_end = match first_line {
        Some(p) => p,
        None => f[..body].iter().position(|c| is_sentence_break(*c)).unwrap_or(body),
    };
    let is_year = |m: &Mark| match (m.deadline, min_year) {
        (Deadline::EveryYear, _) => false,
        (Deadline::Year(y), Some(min)) => y >= min,
        (Deadline::Year(_), None) => true,
    };
    let mut lead: Vec<usize> = (0..marks.len())
        .filter(|&k| marks[k].pos < lead_end && is_year(&marks[k]))
        .collect();
    // 到2025年，…。到2035年，…: a year more than a plan's five years after the lead's first
    // is the long-range vision, which holds for its own sentence, not for what follows.
    if let Some(Deadline::Year(first)) = lead.first().map(|&k| marks[k].deadline) {
        lead.retain(|&k| !matches!(marks[k].deadline, Deadline::Year(y) if y > first + PLAN_YEARS));
    }
    if lead.is_empty() && lead_end < body {
        // 打造四个“100+”。到2022年末，…: the next sentence opens with the lead's deadline.
        let (_, next_end) = sentence_bounds(f, lead_end + 1);
        if let Some(k) = (0..marks.len())
            .find(|&k| marks[k].pos > lead_end && marks[k].pos < next_end && marks[k].opens && is_year(&marks[k]))
        {
            lead.push(k);
            lead_end = lead_end.max(next_end);
        }
    }
    let mut last_opening = Vec::with_capacity(marks.len() + 1);
    let mut inner = Vec::with_capacity(marks.len() + 1);
    let (mut last, mut count) = (None, 0);
    for (k, m) in marks.iter().enumerate() {
        last_opening.push(last);
        inner.push(count);
        if m.deadline != Deadline::EveryYear {
            if m.opens {
                last = Some(k);
            } else {
                count += 1;
            }
        }
    }
    last_opening.push(last);
    inner.push(count);
    let (list_carry, introduces) = list_carry(f, &marks, &is_year);
    Deadlines {
        marks,
        lead_end,
        lead,
        last_opening,
        inner,
        list_carry,
        introduces,
    }
}

/// The deadline each list line inherits from the line that introduces its list: the last
/// year deadline of the introducing line (…如下：) or, when it has none, of the line before it
/// (主要目标是：到2030年，…。 / 具体目标是：). A line that is neither a list line nor an
/// introduction ends the list. Also the deadline the last non-blank line hands on when it
/// is an introduction (the list then starts in the next paragraph or section).
fn list_carry(
    f: &[char],
    marks: &[Mark],
    is_year: &impl Fn(&Mark) -> bool,
) -> (Vec<(usize, Deadline)>, Option<Deadline>) {
    let mut out = Vec::new();
    let (mut carry, mut previous, mut at_end) = (None, None, None);
    let mut k = 0;
    let mut start = 0;
    while start < f.len() {
        let end = f[start..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(f.len(), |p| start + p);
        let mut own = None;
        while k < marks.len() && marks[k].pos < end {
            if marks[k].pos >= start && is_year(&marks[k]) {
                own = Some(marks[k].deadline);
            }
            k += 1;
        }
        let line = &f[start..end];
        let last = line.iter().rposition(|c| !c.is_whitespace()).map(|p| line[p]);
        let introduction = matches!(last, Some('：' | ':'));
        if introduction {
            carry = own.or(previous);
        } else if is_list_line(line) {
            if let Some(d) = carry {
                out.push((start, d));
            }
        } else {
            carry = None;
        }
        if last.is_some() {
            at_end = if introduction { carry } else { None };
        }
        previous = own;
        start = end + 1;
    }
    (out, at_end)
}

/// A line of a list: a dash or bullet, or a number, at its start.
pub(super) fn is_list_line(line: &[char]) -> bool {
    let first = line.iter().position(|c| !c.is_whitespace()).map(|p| &line[p..]);
    first.is_some_and(|t| {
        matches!(t[0], '—' | '-' | '－' | '•' | '·' | '●' | '○' | '■' | '□' | '◆' | '▪')
            || crate::lex::number::parse_marker(&t.iter().take(16).collect::<String>()).is_some()
    })
}

impl Deadlines {
    /// The deadline of a quantity at `at` (its printed start), given the deadline the text
    /// inherits and whether the quantity counts things; `ix` is the index of `f`.
    #[must_use]
    pub fn resolve(&self, ix: &Index, at: usize, inherited: Option<Deadline>, counted: bool) -> Option<Deadline> {
        let marks = &self.marks;
        let (s0, s1) = ix.sentence(at);
        let (c0, c1) = ix.clause(at);
        // 累计达到10万家: a stock by a deadline, even when the sentence also says 每年.
        let cumulative = ix.any(List::Cumulative, c0, c1);
        // 每年 governs its own clause, and the counts of the clauses that continue its quota
        // (每年遴选10个场景，举办活动50场); a rate or level in a later clause (每年出台50项，
        // 制定周期压缩10%) is due by the text's deadline.
        let usable = |m: &&Mark| !(m.deadline == Deadline::EveryYear && (cumulative || m.pos < c0 && !counted));
        let from = |p: usize| marks.partition_point(|m| m.pos < p);
        let (k_s0, k_at, k_s1) = (from(s0), from(at), from(s1));
        if let Some(m) = marks[k_s0..k_at.max(k_s0)].iter().rfind(usable) {
            return Some(m.deadline);
        }
        let is_year = |m: &&Mark| m.deadline != Deadline::EveryYear;
        if let Some(m) = marks[k_at..k_s1.max(k_at)].iter().find(is_year) {
            return Some(m.deadline);
        }
        // 2027年前，实现…。推动5款以上…: a deadline opening a sentence holds for the
        // sentences after it in its paragraph, until the next one.
        if let Some(k) = self.last_opening[k_s0]
            && ix.line_start(at) <= marks[k].pos
            && self.inner[k_at] == self.inner[k + 1]
        {
            return Some(marks[k].deadline);
        }
        let line = ix.line_start(at);
        if let Ok(k) = self.list_carry.binary_search_by_key(&line, |&(start, _)| start) {
            return Some(self.list_carry[k].1);
        }
        let before = self.lead.partition_point(|&k| marks[k].pos < at);
        if before > 0 {
            return Some(marks[self.lead[before - 1]].deadline);
        }
        if at < self.lead_end
            && let Some(&k) = self.lead.first()
        {
            return Some(marks[k].deadline);
        }
        inherited
    }

    /// The deadline a text whose last line introduces a list (2020年主要目标是：) hands to
    /// the list paragraphs that follow it as paragraphs or sections of their own (——关于…).
    #[must_use]
    pub fn introduces(&self) -> Option<Deadline> {
        self.introduces
    }

    /// The lead's deadline: what the text hands down to the sections under it and to its
    /// heading.
    #[must_use]
    pub fn lead(&self) -> Option<Deadline> {
        self.lead.last().map(|&k| self.marks[k].deadline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(s: &str) -> Vec<(Deadline, bool)> {
        let f: Vec<char> = s.chars().collect();
        marks(&f).into_iter().map(|m| (m.deadline, m.opens)).collect()
    }

    #[test]
    fn every_plan_of_every_name_is_read() {
        // `plan_at` looks only where a 十 stands: each plan's name starts with one.
        for (name, year) in PLANS {
            let text = format!("到“{name}”末，全省");
            assert_eq!(years(&text), [(Deadline::Year(*year), true)], "{text}");
        }
    }

    #[test]
    fn deadlines_and_what_is_not_one() {
        use Deadline::{EveryYear, Year};
        assert_eq!(years("到2025年，建成"), [(Year(2025), true)]);
        assert_eq!(years("推进改革，力争2026年底前完成"), [(Year(2026), false)]);
        assert_eq!(years("2025年，全省"), [(Year(2025), true)]);
        assert_eq!(years("到“十四五”末，全省"), [(Year(2025), true)]);
        assert_eq!(years("每年新增"), [(EveryYear, true)]);
        // A month's end is a deadline in its year; a date is not.
        assert_eq!(years("力争2026年11月底前完成")[0].0, Year(2026));
        assert_eq!(years("2025年6月前，建成")[0].0, Year(2025));
        // A label before a colon (folded to ':') leaves the deadline opening; a longer first
        // clause does not.
        assert_eq!(years("预期目标:到2026年，建成"), [(Year(2026), true)]);
        assert_eq!(years("推进平台建设并按照统一部署:到2026年建成"), [(Year(2026), false)]);
        for s in [
            "2021年3月2日印发",
            "行动计划(2020—2022年)",
            "较2020年增长",
            "自2024年起",
            "2020年以来",
            "在2020年的基础上",
            "2023年度报告",
            "“十四五”规划",
        ] {
            assert_eq!(years(s), [], "{s}");
        }
    }
}
