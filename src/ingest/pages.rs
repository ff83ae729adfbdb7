//! Page furniture in text that a PDF converter wrote (pdftotext and the like): form feeds
//! separate the pages, and each page still carries its page number and any running header
//! or footer at its top or bottom edge. Left in, a page number lands in the middle of a
//! sentence or as the body of a heading ("（四）深化算力赋能行业应用 6").
//!
//! Found from the pages alone, never from a phrase list:
//! - a page number is a bare number line at a page's edge whose value follows the page's
//!   position (page k carries k + c for one c across the document: a table cell that happens
//!   to end a page does not), or a decorated one (`- 3 -`, `第3页`) at an edge;
//! - a running header or footer is an edge line that, digits blurred, repeats at the same
//!   edge on at least half of the pages.
//!
//! Text without form feeds is left alone: a bare number line there may be a table cell.

use std::collections::HashMap;

use super::Para;
use crate::lex::line::{page_number, running_key};

/// How many non-blank lines at each edge of a page are looked at.
const EDGE_LINES: usize = 2;

/// Longest running header or footer (chars, spaces left out).
const MAX_RUNNING_CHARS: usize = 40;

/// Which of `paras` (one per line) are page furniture. All `false` unless the text has at
/// least three pages.
#[must_use]
pub fn furniture(paras: &[Para]) -> Vec<bool> {
    let mut out = vec![false; paras.len()];
    let pages = pages(paras);
    if pages.len() < 3 {
        return out;
    }
    let edges: Vec<Edges> = pages.iter().map(|lines| Edges::of(lines)).collect();
    for i in page_numbers(paras, &edges) {
        out[i] = true;
    }
    for i in running_lines(paras, &edges, &out) {
        out[i] = true;
    }
    out
}

/// The non-blank lines of each page, as indices into `paras`. A line holding a form feed
/// starts a new page (pdftotext puts it before the next page's first line).
fn pages(paras: &[Para]) -> Vec<Vec<usize>> {
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, p) in paras.iter().enumerate() {
        if p.text.contains('\u{c}') {
            pages.push(Vec::new());
        }
        if !crate::text::trim(&p.text).is_empty()
            && let Some(page) = pages.last_mut()
        {
            page.push(i);
        }
    }
    pages.retain(|p| !p.is_empty());
    pages
}

/// The first and last few non-blank lines of a page.
struct Edges {
    top: Vec<usize>,
    bottom: Vec<usize>,
}

impl Edges {
    fn of(lines: &[usize]) -> Self {
        let n = lines.len().min(EDGE_LINES);
        Self {
            top: lines[..n].to_vec(),
            bottom: lines[lines.len() - n..].to_vec(),
        }
    }

    /// Both edges, a line of a short page once.
    fn all(&self) -> Vec<usize> {
        let mut all = self.top.clone();
        all.extend(self.bottom.iter().filter(|i| !self.top.contains(i)));
        all
    }
}

/// Edge lines that are page numbers: decorated ones always, bare ones when their values
/// follow the pages with one offset shared by at least two pages and most candidates.
fn page_numbers(paras: &[Para], edges: &[Edges]) -> Vec<usize> {
    let mut candidates: Vec<(usize, usize, u32, bool)> = Vec::new();
    for (k, e) in edges.iter().enumerate() {
        for i in e.all() {
            if let Some((value, decorated)) = page_number(crate::text::trim(&paras[i].text)) {
                candidates.push((k, i, value, decorated));
            }
        }
    }
    let offset = |k: usize, v: u32| i64::from(v) - i64::try_from(k).unwrap_or(i64::MAX);
    let mut votes: HashMap<i64, usize> = HashMap::new();
    for &(k, _, v, _) in &candidates {
        *votes.entry(offset(k, v)).or_default() += 1;
    }
    let best = votes
        .iter()
        .max_by_key(|(o, n)| (**n, std::cmp::Reverse(**o)))
        .filter(|(_, n)| **n >= 2 && **n * 2 >= candidates.len())
        .map(|(o, _)| *o);
    candidates
        .into_iter()
        .filter(|&(k, _, v, decorated)| decorated || Some(offset(k, v)) == best)
        .map(|(_, i, _, _)| i)
        .collect()
}

/// Edge lines (not already taken) whose digit-blurred text repeats at the same edge on at
/// least half of the pages (and two).
fn running_lines(paras: &[Para], edges: &[Edges], taken: &[bool]) -> Vec<usize> {
    let needed = edges.len().div_ceil(2).max(2);
    let mut out = Vec::new();
    for side in [true, false] {
        let lines = |e: &Edges| if side { e.top.clone() } else { e.bottom.clone() };
        let key = |i: usize| running_key(crate::text::trim(&paras[i].text));
        // A key of digits alone is a number, and numbers are the page-number rule's business;
        // a running line is short and no sentence.
        let counts_as_text = |k: &str| {
            k.chars().any(|c| c != '#') && k.chars().count() <= MAX_RUNNING_CHARS && !k.contains(['。', '；', '，'])
        };
        let mut counts: HashMap<String, usize> = HashMap::new();
        for e in edges {
            let mut keys: Vec<String> = lines(e).into_iter().filter(|&i| !taken[i]).map(key).collect();
            keys.sort();
            keys.dedup();
            for k in keys.into_iter().filter(|k| counts_as_text(k)) {
                *counts.entry(k).or_default() += 1;
            }
        }
        // The first occurrence stays: a table running over the pages repeats its header row
        // at each page's top, and the table needs it once (a masthead kept once is front
        // matter).
        let mut first = std::collections::HashSet::new();
        for e in edges {
            for i in lines(e) {
                let k = key(i);
                if !taken[i] && counts_as_text(&k) && counts.get(&k).is_some_and(|n| *n >= needed) && !first.insert(k) {
                    out.push(i);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<Para> {
        super::super::clean::split_plain(text, false)
    }

    fn dropped(text: &str) -> Vec<String> {
        let p = paras(text);
        furniture(&p)
            .iter()
            .zip(&p)
            .filter(|(f, _)| **f)
            .map(|(_, p)| crate::text::trim(&p.text).to_owned())
            .collect()
    }

    /// Pages of body text, each ending with the given footer line.
    fn paged(footers: &[&str]) -> String {
        footers
            .iter()
            .enumerate()
            .map(|(k, f)| format!("第{k}页的正文，推进工作。\n第{k}页继续推进工作。\n\n{f}\n\n"))
            .collect::<Vec<_>>()
            .join("\u{c}")
    }

    #[test]
    fn page_numbers_that_follow_the_pages_are_furniture() {
        // A cover page without a number, then 2, 3, 4, 5 (the usual pdftotext output).
        let text = paged(&["正文结束。", "2", "3", "4", "5"]);
        assert_eq!(dropped(&text), ["2", "3", "4", "5"]);
    }

    #[test]
    fn numbers_that_do_not_follow_the_pages_stay() {
        // Table rows that happen to end pages: 16 then 24 then 31 are not page numbers.
        let text = paged(&["正文。", "16", "24", "31"]);
        assert!(dropped(&text).is_empty(), "{:?}", dropped(&text));
        // No form feeds: bare numbers may be table cells.
        assert!(dropped("正文。\n\n2\n\n正文。\n\n3\n\n正文。\n\n4\n").is_empty());
    }

    #[test]
    fn decorated_page_numbers_and_repeated_headers_are_furniture() {
        let text = ["— 1 —", "— 2 —", "— 3 —"]
            .iter()
            .map(|f| format!("某市人民政府公报\n推进工作，完成任务。\n{f}\n"))
            .collect::<Vec<_>>()
            .join("\u{c}");
        assert_eq!(
            dropped(&text),
            ["— 1 —", "某市人民政府公报", "— 2 —", "某市人民政府公报", "— 3 —"]
        );
    }

    #[test]
    fn a_table_header_repeated_on_every_page_is_kept_once() {
        let text = ["1\n数字经济规模\n2", "3\n算力规模\n4", "5\n存储总量\n6"]
            .iter()
            .map(|rows| format!("序号\n指标\n{rows}\n"))
            .collect::<Vec<_>>()
            .join("\u{c}");
        assert_eq!(dropped(&text), ["序号", "指标", "序号", "指标"]);
    }

    #[test]
    fn a_heading_at_a_page_top_is_not_a_running_header() {
        let text = ["一、总体要求", "二、重点任务", "三、保障措施"]
            .iter()
            .map(|h| format!("{h}\n推进工作，完成任务。\n"))
            .collect::<Vec<_>>()
            .join("\u{c}");
        assert!(dropped(&text).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_one_flag_per_line(text in "(\\PC|\n|\u{c}){0,200}") {
            let p = paras(&text);
            proptest::prop_assert_eq!(furniture(&p).len(), p.len());
        }
    }
}
