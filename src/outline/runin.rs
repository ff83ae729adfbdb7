//! Numbered items a source ran together in one paragraph (`…。2.加强…。3.推进…`, or a PDF
//! made from web text with no paragraph breaks at all): split where the numbering sequence
//! continues — the next expected number of a style already seen, or a `1` whose `2` follows
//! — never on any digit and dot.
//!
//! A number inside a paragraph counts only at a boundary: after a sentence or clause end
//! (。；：！？) for `1.` and `一、`, which read as text elsewhere (`一、二、三次产业`); after any
//! character but 第 for the bracketed kinds (a heading without a full stop runs straight into
//! its first item: `营造宽松发展环境（四）降低准入门槛`). Enumerations inside a 第X条 article are
//! the article's clauses, not items, and are left as they are; articles run together
//! (`…。第二条 …`) are split. Table rows are never split. What is split is only the paragraph
//! boundary: every character is kept.

use std::collections::HashMap;

use crate::ingest::{Hint, Para};
use crate::lex::line::is_table_row;
use crate::lex::number::{Marker, parse_marker};
use crate::model::MarkerKind;

/// Longest chapter title (chars) after which an article run into the heading's line is split.
const MAX_CHAPTER_TITLE: usize = 20;

/// How far ahead a `1` looks for the paragraph that opens with its `2`.
const LOOKAHEAD_PARAS: usize = 200;

/// A numbering style: the kind and the printed form with the number taken out (`（#）`, `#.`,
/// `#、`), so `1.` and `1、` are two lists.
type Style = (MarkerKind, String);

fn style(m: &Marker) -> Style {
    let mut form = String::new();
    for c in m.printed.chars() {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c) || "零〇一二三四五六七八九十百两".contains(c);
        if !digit {
            form.push(c);
        } else if !form.ends_with('#') {
            form.push('#');
        }
    }
    (m.kind, form)
}

/// Kinds that structure a regulation; an article's own enumerations are not split.
fn structural(kind: MarkerKind) -> bool {
    matches!(
        kind,
        MarkerKind::Part | MarkerKind::Chapter | MarkerKind::Subchapter | MarkerKind::Article
    )
}

/// A number inside a paragraph, at char `at`.
struct Candidate {
    at: usize,
    marker: Marker,
    style: Style,
}

/// Every number inside `chars` (not at 0) that stands at a boundary.
fn candidates(chars: &[char]) -> Vec<Candidate> {
    let mut out = Vec::new();
    // A chapter heading with its first article run in (`第一章 总 则 第一条 为了…`, a web page
    // that lost the line break): where its title ends.
    let opening: String = chars.iter().take(16).collect();
    let chapter_title_end = parse_marker(crate::text::trim(&opening))
        .filter(|m| matches!(m.kind, MarkerKind::Part | MarkerKind::Chapter | MarkerKind::Subchapter))
        .map(|m| m.len + chars.iter().take_while(|c| crate::text::is_space(**c)).count());
    for at in 1..chars.len() {
        let c = chars[at];
        let may_open = c == '第' || c == '（' || c == '(' || c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
        if !may_open {
            continue;
        }
        let prev = chars[..at]
            .iter()
            .rev()
            .find(|c| !crate::text::is_space(**c))
            .copied()
            .unwrap_or('。');
        // A closing bracket ends a clause too: `…（有关部门按职责分工负责）三、促进就业`.
        let sentence_end = matches!(
            prev,
            '。' | '；' | '：' | '！' | '？' | ';' | ':' | '!' | '?' | '）' | ')'
        );
        let rest: String = chars[at..chars.len().min(at + 16)].iter().collect();
        let Some(marker) = parse_marker(&rest) else { continue };
        // A list right after a short label (附件：1.… 2.…) belongs to the label.
        let label_only = matches!(prev, '：' | ':')
            && chars[..at]
                .iter()
                .filter(|c| !crate::text::is_space(**c))
                .take(7)
                .count()
                <= 6;
        if label_only {
            continue;
        }
        let bracketed = matches!(marker.kind, MarkerKind::ParenHanzi | MarkerKind::ParenArabic);
        let bracket_boundary = bracketed && prev != '第' && !prev.is_ascii_digit() && prev != '、';
        let after_chapter_title = marker.kind == MarkerKind::Article
            && chapter_title_end.is_some_and(|t| {
                let title = &chars[t.min(at)..at];
                crate::text::is_space(chars[at - 1])
                    && title.iter().filter(|c| !crate::text::is_space(**c)).count() <= MAX_CHAPTER_TITLE
                    && !title.iter().any(|c| matches!(c, '。' | '；' | '，' | ',' | ';'))
            });
        if !(sentence_end || bracket_boundary || after_chapter_title) {
            continue;
        }
        let style = style(&marker);
        out.push(Candidate { at, marker, style });
    }
    out
}

/// Every number inside each paragraph that stands at a boundary ([`candidates`]; none in a
/// table row), found once and in parallel: the paragraphs are independent, and on one large
/// document this is most of the splitting.
fn all_candidates(paras: &[Para]) -> Vec<Vec<Candidate>> {
    use rayon::prelude::*;
    paras
        .par_iter()
        .map(|p| {
            if is_table_row(&p.text) {
                return Vec::new();
            }
            let chars: Vec<char> = p.text.chars().collect();
            candidates(&chars)
        })
        .collect()
}

/// Every number of each style in the document, in order: (paragraph, value), whether it
/// opens its paragraph or stands inside one at a boundary (`found`, per paragraph). Built
/// once, so that a `1` asks where its style next appears by a binary search, not by reading
/// the paragraphs after it.
fn occurrences(paras: &[Para], found: &[Vec<Candidate>]) -> HashMap<Style, Vec<(usize, u32)>> {
    let mut out: HashMap<Style, Vec<(usize, u32)>> = HashMap::new();
    for (i, (p, found)) in paras.iter().zip(found).enumerate() {
        if let Some(m) = parse_marker(crate::text::trim(&p.text)) {
            out.entry(style(&m)).or_default().push((i, m.value));
        }
        for c in found {
            out.entry(c.style.clone()).or_default().push((i, c.marker.value));
        }
    }
    out
}

/// The value of the first number of `style` after paragraph `from` (opening a paragraph or
/// inside one), within [`LOOKAHEAD_PARAS`].
fn next_of_style(occurrences: &HashMap<Style, Vec<(usize, u32)>>, from: usize, style: &Style) -> Option<u32> {
    let list = occurrences.get(style)?;
    let k = list.partition_point(|&(i, _)| i <= from);
    list.get(k)
        .filter(|&&(i, _)| i <= from + LOOKAHEAD_PARAS)
        .map(|&(_, v)| v)
}

/// The paragraphs with run-together items split (see the module documentation); `None` when
/// nothing was split (and nothing copied).
#[must_use]
pub fn split(paras: &[Para]) -> Option<Vec<Para>> {
    let mut last: HashMap<Style, u32> = HashMap::new();
    let mut in_article = false;
    let found = all_candidates(paras);
    let occurrences = occurrences(paras, &found);
    let mut cut_at: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, (p, found)) in paras.iter().zip(&found).enumerate() {
        if let Some(m) = parse_marker(&p.text) {
            if structural(m.kind) {
                in_article = m.kind == MarkerKind::Article;
            }
            last.insert(style(&m), m.value);
        }
        let cuts = cuts(found, i, &occurrences, (&mut last, &mut in_article));
        if !cuts.is_empty() {
            cut_at.push((i, cuts));
        }
    }
    if cut_at.is_empty() {
        return None;
    }
    let pieces: usize = cut_at.iter().map(|(_, c)| c.len()).sum();
    let mut out: Vec<Para> = Vec::with_capacity(paras.len() + pieces);
    let mut next = 0;
    for (i, cuts) in cut_at {
        out.extend_from_slice(&paras[next..i]);
        next = i + 1;
        let p = &paras[i];
        let chars: Vec<char> = p.text.chars().collect();
        let mut from = 0;
        for at in cuts.into_iter().chain([chars.len()]) {
            let piece: String = chars[from..at].iter().collect();
            let first = from == 0;
            out.push(Para {
                text: crate::text::trim(&piece).to_owned(),
                hint: if first { p.hint } else { Hint::None },
                bold_prefix: if first { p.bold_prefix.min(at) } else { 0 },
            });
            from = at;
        }
    }
    out.extend_from_slice(&paras[next..]);
    Some(out)
}

/// Where paragraph `i`, whose boundary numbers are `found`, is cut: the candidates that
/// continue their sequence, in order.
fn cuts(
    found: &[Candidate],
    i: usize,
    occurrences: &HashMap<Style, Vec<(usize, u32)>>,
    (last, in_article): (&mut HashMap<Style, u32>, &mut bool),
) -> Vec<usize> {
    // The next candidate of the same style after each (one pass from the end: a paragraph of
    // a million `1.` costs a million steps, not their square).
    let mut next_same: Vec<Option<usize>> = vec![None; found.len()];
    let mut seen: HashMap<&Style, usize> = HashMap::new();
    for (n, c) in found.iter().enumerate().rev() {
        next_same[n] = seen.insert(&c.style, n);
    }
    let mut cuts = Vec::new();
    for (n, c) in found.iter().enumerate() {
        let kind = c.marker.kind;
        if *in_article && !structural(kind) {
            continue;
        }
        let v = c.marker.value;
        let continues = last.get(&c.style).is_some_and(|&l| l + 1 == v);
        let starts = v == 1
            && (next_same[n].is_some_and(|j| found[j].marker.value == 2)
                || next_of_style(occurrences, i, &c.style) == Some(2));
        if continues || starts {
            last.insert(c.style.clone(), v);
            if structural(kind) {
                *in_article = kind == MarkerKind::Article;
            }
            cuts.push(c.at);
        }
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<Para> {
        crate::ingest::clean::split_plain(text, false)
    }

    fn texts(text: &str) -> Vec<String> {
        split(&paras(text)).map_or_else(
            || vec!["(unchanged)".to_owned()],
            |v| v.into_iter().map(|p| p.text).collect(),
        )
    }

    #[test]
    fn items_that_continue_their_list_are_split() {
        assert_eq!(
            texts("二、重点任务\n1.推进上云。鼓励企业上云。2.加强监管。完善制度。3.推进示范。建设园区。"),
            [
                "二、重点任务",
                "1.推进上云。鼓励企业上云。",
                "2.加强监管。完善制度。",
                "3.推进示范。建设园区。"
            ]
        );
    }

    #[test]
    fn a_whole_document_on_one_line_is_split_by_its_sequences() {
        assert_eq!(
            texts(
                "现提出以下意见：一、总体要求（一）指导思想。坚持创新。（二）主要目标。到2025年达到10%。二、营造环境（三）降低门槛。放宽准入。"
            ),
            [
                "现提出以下意见：",
                "一、总体要求",
                "（一）指导思想。坚持创新。",
                "（二）主要目标。到2025年达到10%。",
                "二、营造环境",
                "（三）降低门槛。放宽准入。"
            ]
        );
    }

    #[test]
    fn parts_run_into_paragraphs_split_even_when_their_two_is_inside_a_later_paragraph() {
        // A PDF of web text: each part's 一、 runs on from the text before it, after a colon,
        // a full stop or a closing bracket, and its （一） items follow its title directly.
        assert_eq!(
            texts(
                "现提出以下意见：一、总体要求（一）指导思想。坚持创新。\n（二）主要目标。到2020年建成。二、营造环境（三）降低门槛。清理审批。（有关部门负责）三、促进就业（四）鼓励创业。推进创业。"
            ),
            [
                "现提出以下意见：",
                "一、总体要求",
                "（一）指导思想。坚持创新。",
                "（二）主要目标。到2020年建成。",
                "二、营造环境",
                "（三）降低门槛。清理审批。（有关部门负责）",
                "三、促进就业",
                "（四）鼓励创业。推进创业。"
            ]
        );
    }

    #[test]
    fn numbers_that_do_not_continue_a_list_stay_in_the_text() {
        for t in [
            // No list before, and no 2 after the 1.
            "一、目标\n到2025年，完成1.建设任务。",
            // 3. where 2. was never seen.
            "1.推进上云。内容。\n完成计划。3.加强监管。",
            // Numerals as text, decimals, references.
            "1.推进上云。内容。\n一、二、三次产业融合。2.5万亿元。按照第（二）项执行。",
            // Not at a boundary: 2. inside a clause.
            "1.推进上云。内容。\n建设2.0版平台，推进工作",
            // An attachment list after its label.
            "四、保障措施\n附件：1.名词解释\n2.指标表",
        ] {
            assert_eq!(texts(t), ["(unchanged)"], "{t}");
        }
    }

    #[test]
    fn an_articles_clauses_stay_in_the_article_but_run_together_articles_split() {
        assert_eq!(
            texts(
                "第一条 为了促进发展，制定本条例。\n第二条 有下列情形之一的：（一）甲；（二）乙。第三条 本条例自公布之日起施行。"
            ),
            [
                "第一条 为了促进发展，制定本条例。",
                "第二条 有下列情形之一的：（一）甲；（二）乙。",
                "第三条 本条例自公布之日起施行。"
            ]
        );
    }

    #[test]
    fn a_hostile_paragraph_of_ones_is_linear() {
        // 300,000 list-looking numbers that never continue: no split (a scan quadratic in
        // them would not finish; no time is asserted).
        let text = format!("1.开始。\n{}", "。1.项".repeat(300_000));
        assert!(split(&paras(&text)).is_none());
    }

    #[test]
    fn table_rows_are_not_split() {
        assert_eq!(texts("1.推进上云。内容。\n指标\t2.5\t2.数据"), ["(unchanged)"]);
    }
}
