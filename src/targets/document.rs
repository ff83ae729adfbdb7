//! What the document as a whole says about its targets: its own year (a deadline before it
//! reports the past), the work year of an annual plan or evaluation (the deadline of its
//! undated targets), whether it is a regulation, its glossaries and the headings of its
//! sections that report the status quo, and the deadline each list paragraph takes from the
//! paragraph that introduces its list.

use super::{Deadline, fold, year};
use crate::model::{Document, SecIx};

/// Char ranges of the document text that are glossaries: from a 名词解释 / 术语解释 line to
/// the next line starting with 附件 (or the end).
pub(super) fn glossaries(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let t = crate::text::trim(line);
        let n = line.chars().count();
        if open.is_some() && t.starts_with("附件") {
            out.extend(open.take().map(|a| (a, at)));
        }
        if open.is_none()
            && t.chars().count() <= 12
            && ["名词解释", "术语解释", "名词释义", "术语定义"]
                .iter()
                .any(|w| t.contains(w))
        {
            open = Some(at);
        }
        at += n + 1;
    }
    out.extend(open.map(|a| (a, at)));
    out
}

/// A 第X条 regulation (条例, 办法, 规定): most of its leaf sections are articles.
pub(super) fn is_regulation(doc: &Document) -> bool {
    let leaves = doc.sections.iter().filter(|s| s.is_leaf()).count();
    let articles = doc
        .sections
        .iter()
        .filter(|s| s.kind == crate::model::MarkerKind::Article)
        .count();
    articles >= 5 && articles * 2 >= leaves
}

/// Headings that report achievements only where no heading on the way names a goal: a
/// report's chapter 数字经济发展成效显著, but not 1. 数字化转型成效显著 under 主要目标.
const ACHIEVED: &[&str] = &["成效显著"];

/// Results a heading says were obtained (取得…成就).
const RESULTS: &[&str] = &["成就", "成效", "成绩", "进展", "成果"];

/// Words of striving before 取得: the heading sets a task (推动改革取得新成效), not a review.
const STRIVING: &[&str] = &["推动", "推进", "促进", "力争", "争取", "确保", "努力", "奋力", "加快"];

/// Words before 取得 that look back on a period (“十四五”时期, 五年来, 过去五年).
const LOOKING_BACK: &[&str] = &["时期", "以来", "年来", "过去", "回顾", "期间"];

/// Whether a (folded) heading reports achievements, when no heading on its way names a
/// goal: 成效显著, or 取得 and a word of results with no verb of striving before it, said of
/// the past: 取得的 (“十三五”发展取得的巨大成就, 时期取得的工作进展) or after a period looked
/// back on (“十四五”时期发展取得新成就, 五年来…取得新成绩). A task heading names the results to
/// come in the same words (（二）产业数字化取得新进展).
pub(super) fn reports_achievements(heading: &str) -> bool {
    if ACHIEVED.iter().any(|w| heading.contains(w)) {
        return true;
    }
    heading.find("取得").is_some_and(|at| {
        let (before, after) = heading.split_at(at);
        let past = after["取得".len()..].starts_with('的') || LOOKING_BACK.iter().any(|w| before.contains(w));
        past && RESULTS.iter().any(|w| after.contains(w)) && !STRIVING.iter().any(|w| before.contains(w))
    })
}

/// Headings of sections that describe the status quo: their numbers are facts, not targets.
pub(super) const STATUS_QUO: &[&str] = &[
    "发展基础",
    "现实基础",
    "基础条件",
    "发展现状",
    "现状",
    "发展成就",
    "取得成效",
    "主要成效",
    "工作成效",
    "发展回顾",
    "面临形势",
    "发展形势",
    "形势分析",
    "机遇和挑战",
    "机遇与挑战",
    "执行情况",
    "完成情况",
];

/// A heading of eligibility conditions (用户参与条件, 申报条件, 准入条件): its numbers are what an
/// applicant must meet, not what the plan commits to. Only the words of eligibility before
/// 条件 say so: a task heading (改善办学条件, 完善基础设施条件) or a goal heading (主要目标和保障
/// 条件) commits to its figures.
pub(super) fn states_conditions(heading: &str) -> bool {
    const ELIGIBILITY: &[&str] = &[
        "参与", "申报", "申请", "准入", "认定", "入选", "入围", "资格", "享受", "补贴", "奖励",
    ];
    let heading = heading.trim_end_matches(['。', '：', ':']);
    !heading.contains("目标")
        && heading
            .strip_suffix("条件")
            .is_some_and(|h| ELIGIBILITY.iter().any(|w| h.ends_with(w)))
}

/// Why a section's numbers are no commitments, from the headings of its path (its own first,
/// then its parent's, up to the root):
/// it reports the status quo or past achievements, or states eligibility conditions.
pub(super) fn not_committed(path: &[&String]) -> Option<&'static str> {
    let goal_path = path.iter().any(|h| h.contains("目标"));
    if path.iter().any(|h| STATUS_QUO.iter().any(|w| h.contains(w))) {
        Some("in a 发展基础 / 现状 section: reports the past")
    } else if !goal_path && path.iter().any(|h| reports_achievements(h)) {
        Some("in a section reporting achievements (取得…成就): reports the past")
    } else if path.iter().take(2).any(|h| states_conditions(h)) {
        Some("in a section of eligibility conditions (参与条件, 申报条件): a requirement")
    } else {
        None
    }
}

/// The document's own year: a deadline before it reports the past. The issue (else
/// publication) year, or the plan period's first year if earlier.
pub(super) fn reference_year(doc: &Document) -> Option<u16> {
    let m = &doc.meta;
    let issued = m
        .date_issued
        .as_deref()
        .or(m.date_published.as_deref())
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<u16>().ok());
    let period = m.period.map(|[a, _]| a);
    match (issued, period) {
        (Some(i), Some(p)) => Some(i.min(p)),
        (i, p) => i.or(p),
    }
}

/// The last words of titles of a year's own plan, scheme or evaluation (包头市2022年数字政府建设
/// 考评办法, 2023年工作要点, 2024年度重点工作任务清单): every item of such a document is a task of
/// that year. An 意见, 政策, 规划 or 条例 naming a year in its title (关于做好2023年…工作的意见,
/// 若干政策(2025年版)) sets policy; its undated figures stay undated, as the gold annotates them.
const ANNUAL_KINDS: &[&str] = &[
    "要点",
    "计划",
    "方案",
    "考评办法",
    "考核办法",
    "考评细则",
    "考核细则",
    "评价办法",
    "清单",
    "安排",
    "目标任务",
];

/// The work year of an annual plan or evaluation: the one year its title names (not a range
/// such as （2021—2023年）, not an edition such as 2025年版), when the title ends with the
/// name of an annual kind of document. Its undated targets are due that year.
#[must_use]
pub(super) fn annual_year(doc: &Document) -> Option<u16> {
    // A plan period （2021—2023年） or a five-year plan names no single work year.
    if doc.meta.period.is_some() {
        return None;
    }
    let title = doc.meta.title.as_deref()?;
    let kind = crate::outline::genre::kind_of_title(title).unwrap_or_default();
    let ends_annual = ANNUAL_KINDS
        .iter()
        .any(|k| kind.ends_with(k) || title.trim_end().ends_with(k));
    if !ends_annual {
        return None;
    }
    let t: Vec<char> = title.chars().collect();
    let mut years = (0..t.len().saturating_sub(4)).filter_map(|i| {
        let digits = &t[i..i + 4];
        // The end of a range (2021—2023年) is no year of its own.
        let starts = i == 0
            || !(t[i - 1].is_ascii_digit() || matches!(t[i - 1], '-' | '—' | '–' | '－' | '~' | '～' | '至' | '到'));
        let mut j = i + 4;
        while t.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        (starts && digits.iter().all(char::is_ascii_digit) && t.get(j) == Some(&'年')).then(|| {
            // A three-year or five-year plan naming only its first year (2021年…三年行动计划) is
            // no annual plan: its undated targets are due at its end, which the title does not
            // give. A year's plan of a multi-year plan (…三年行动2023年工作要点) is one.
            let rest: String = t[j..].iter().collect();
            let horizon = i >= 2 && t[i - 2..i] == ['面', '向'] || MULTI_YEAR.iter().any(|w| rest.contains(w));
            (
                digits.iter().collect::<String>().parse::<u16>().ok(),
                t.get(j + 1).copied(),
                horizon,
            )
        })
    });
    let (year, after, horizon) = years.next()?;
    // One year only (a range names two), not an edition (2025年版) and not a horizon or a
    // start (2030年前碳达峰行动方案, 面向2035年…, 2021年起): no work year.
    (years.next().is_none() && !horizon && !matches!(after, Some('版' | '前' | '起')))
        .then_some(year)
        .flatten()
}

/// Title words of a plan of several years (2021年…三年行动计划).
const MULTI_YEAR: &[&str] = &["两年", "二年", "三年", "五年", "十年", "十四五", "十五五"];

/// The deadline each list paragraph (——…, •…: a paragraph, not a numbered section, whose
/// number the outline takes off its heading) takes from the sibling paragraph that
/// introduces its list (2020年主要目标是：), past the list paragraphs
/// between them: `handed` does this for a parent's children, this for a flat run of
/// paragraphs (a page or notice without numbered sections).
pub(super) fn listed(doc: &Document, min_year: Option<u16>) -> Vec<Option<Deadline>> {
    let mut carry: std::collections::HashMap<Option<usize>, Option<Deadline>> = std::collections::HashMap::new();
    let not_past = |d: &Deadline| !matches!((d, min_year), (Deadline::Year(y), Some(m)) if *y < m);
    doc.sections
        .iter()
        .map(|s| {
            let parent = s.parent.map(SecIx::get);
            let opening = if s.heading.trim().is_empty() {
                &s.text
            } else {
                &s.heading
            };
            let first: Vec<char> = opening.trim_start().lines().next().unwrap_or("").chars().collect();
            if year::is_list_line(&first) {
                return carry.get(&parent).copied().flatten();
            }
            // Only a text whose last line ends in a colon introduces a list: the others are
            // not folded and read again (a sixth of `targets` on a 7 MB document).
            let colon = s
                .text
                .chars()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| matches!(crate::fold::same_length(c.encode_utf8(&mut [0; 4]))[..], ['：' | ':']));
            let introduces = colon
                .then(|| year::read(&fold(&s.text).1, min_year).introduces())
                .flatten()
                .filter(not_past);
            carry.insert(parent, introduces);
            None
        })
        .collect()
}
