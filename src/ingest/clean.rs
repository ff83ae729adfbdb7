//! Cleaning real-world policy files: web boilerplate out, metadata lines into metadata,
//! broken lines rejoined, Markdown markers stripped but kept as hints.
//!
//! Every character that is kept is kept as it was; only whole lines are dropped, and only
//! line breaks are removed when a paragraph is rejoined.

use super::join::{
    broken_heading, broken_number, continues, footnote_mark, has_clause_marks, inside_brackets, p_chars, title_ends,
};
use super::{Hint, Para, RawText, chrome};
/// Now in the line lexer (kept here for old paths).
pub use crate::lex::line::iso_date;
use crate::lex::line::{RowSigns, header_line, is_boilerplate, is_trailer_line};
use crate::lex::number::parse_marker;
use crate::text::trim;

/// The text without pandoc's bracketed-span markup, `[text]{.mark}` or `[text]{#id .class}`
/// (what pandoc writes for highlighted or underlined runs of a Word file, often across line
/// breaks), the spanned text kept. One pass: each `]{…}` looks back for its `[` no further
/// than the `]` before it, so the work stays linear whatever the text.
fn strip_pandoc_spans(text: &str) -> std::borrow::Cow<'_, str> {
    /// A span longer than this is not taken for one.
    const MAX_SPAN: usize = 4000;
    if !text.contains("]{.") && !text.contains("]{#") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    // Byte offset up to which `text` has been copied to `out`, and the last `]` seen.
    let mut copied = 0;
    let mut last_close = 0;
    let mut i = 0;
    while let Some(rel) = text[i..].find("]{") {
        let close = i + rel;
        let attrs = &text[close + 2..];
        let attr_len = attrs
            .char_indices()
            .take(82)
            .find(|&(_, c)| c == '}' || c == '{' || c == '\n')
            .filter(|&(_, c)| c == '}')
            .map(|(n, _)| n);
        let well_formed = attr_len.is_some_and(|n| {
            let a = attrs.as_bytes();
            n >= 2 && matches!(a[0], b'.' | b'#') && a[1].is_ascii_alphabetic()
        });
        let open = text[last_close.max(copied)..close]
            .rfind('[')
            .map(|o| last_close.max(copied) + o)
            .filter(|&o| text[o + 1..close].chars().count() <= MAX_SPAN && !text[o + 1..close].contains(']'));
        if let (true, Some(o), Some(n)) = (well_formed, open, attr_len) {
            out.push_str(&text[copied..o]);
            out.push_str(&text[o + 1..close]);
            copied = close + 2 + n + 1;
            i = copied;
            last_close = copied;
        } else {
            i = close + 1;
            last_close = close + 1;
        }
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Paragraphs ready for the outline, and what cleaning learnt on the way.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub paras: Vec<Para>,
    /// Publication date (ISO) from a 发布时间 / date-stamp line.
    pub published: Option<String>,
    pub keywords: Vec<String>,
    /// Issuer names seen in web header lines (来源：…, a date line's other fields).
    pub header_issuers: Vec<String>,
    /// Signature, distribution (抄送) and printing lines taken off the end of the document.
    pub trailer: Vec<String>,
    /// How many lines were dropped as web boilerplate.
    pub boilerplate_dropped: usize,
    /// How many broken paragraphs were rejoined.
    pub rejoined: usize,
    /// How many lines of a table of contents (目录 and its entries) were left out.
    pub toc_dropped: usize,
    /// How many page numbers and running headers or footers of a paged text were left out.
    pub furniture_dropped: usize,
    /// The second copy of the text a saved page ends with, left out ([`super::repeat`]):
    /// its paragraphs and characters.
    pub copy_dropped: Option<(usize, usize)>,
    /// Labelled metadata lines taken out of the text (a gov.cn print block, 北大法宝's
    /// citation code and link), labels as in [`super::fields`].
    pub fields: Vec<(String, String)>,
}

/// Split decoded text into paragraphs. Markdown markers (`#`, `**`, `\*`) are stripped and
/// kept as hints when the file is Markdown or has Markdown heading lines.
#[must_use]
pub fn split_plain(text: &str, is_markdown: bool) -> Vec<Para> {
    use rayon::prelude::*;
    let text = strip_pandoc_spans(text);
    let text = text.as_ref();
    // Line by line on every core: a large file's lines were stripped on one core while the
    // other waited (a 7 MB document has 27,000).
    let markdown = is_markdown || text.par_lines().any(|l| md_heading_level(l).is_some());
    let lines: Vec<&str> = text.split('\n').collect();
    lines
        .par_iter()
        .with_min_len(512)
        .map(|line| {
            if markdown {
                strip_markdown(line)
            } else {
                Para {
                    text: (*line).to_owned(),
                    ..Para::default()
                }
            }
        })
        .collect()
}

fn md_heading_level(line: &str) -> Option<u8> {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    ((1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t', '\u{3000}']))
        .then(|| u8::try_from(hashes).unwrap_or(6))
}

fn strip_markdown(line: &str) -> Para {
    // A thematic break (`---`, `***`, `_ _ _`) is a rule drawn across the page, not text.
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    if let Some(first @ ('-' | '*' | '_')) = marks.next() {
        let mut n = 1;
        if marks.all(|c| {
            n += 1;
            c == first
        }) && n >= 3
        {
            return Para::default();
        }
    }
    let mut hint = Hint::None;
    let mut rest = line;
    if let Some(level) = md_heading_level(line) {
        hint = Hint::Heading(level);
        rest = line.trim_start().trim_start_matches('#');
    }
    let rest = trim(rest);
    // Bold run-in heading: **（三）创新优质服务和环境。**积极发展…
    let mut bold_prefix = 0;
    let mut out = String::with_capacity(rest.len());
    if let Some(after) = rest.strip_prefix("**") {
        if let Some(end) = after.find("**") {
            bold_prefix = after[..end].chars().count();
            out.push_str(&after[..end]);
            out.push_str(&after[end + 2..]);
        } else {
            out.push_str(rest);
        }
    } else {
        out.push_str(rest);
    }
    let out = if out.contains("**") { out.replace("**", "") } else { out };
    // Markdown escapes: 7\*24 → 7*24.
    let text = if out.contains('\\') {
        let mut text = String::with_capacity(out.len());
        let mut chars = out.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\' && chars.peek().is_some_and(|n| "*_#`[]()<>!|-+.~".contains(*n)) {
                continue;
            }
            text.push(c);
        }
        text
    } else {
        out
    };
    Para {
        text,
        hint,
        bold_prefix,
    }
}

/// A 目录 line, then entries that are numbered headings only (第一章 总则 …), ended where the
/// first entry comes again as the text's own heading: the table of contents of a 条例 or a
/// plan, which is not part of the outline. The paragraphs it spans, if there is one.
fn table_of_contents(paras: &[Para]) -> Option<std::ops::Range<usize>> {
    let compact = |t: &str| t.chars().filter(|c| !crate::text::is_space(*c)).collect::<String>();
    let at = paras.iter().take(80).position(|p| compact(&p.text) == "目录")?;
    let entry = |p: &Para| {
        let t = toc_entry(&p.text);
        t.is_empty() || (parse_marker(t).is_some() && t.chars().count() <= 40 && !t.contains('。'))
    };
    // The entries run until the first of them comes again (the text's own heading).
    let mut first: Option<String> = None;
    let mut entries = 0;
    let mut end = at + 1;
    while end < paras.len() && entry(&paras[end]) {
        let t = compact(toc_entry(&paras[end].text));
        if !t.is_empty() {
            // (Its heading may carry its first article's opening: 第一章 总则 第一条 为了….)
            if first.as_ref().is_some_and(|f| t.starts_with(f.as_str())) {
                break;
            }
            first.get_or_insert(t);
            entries += 1;
        }
        end += 1;
    }
    // Only a real table: two entries or more, and the first one comes again after it.
    let first = first?;
    // (Its heading may have its first article run in: 第一章 总 则 第一条 为了….)
    let repeated = paras[end..].iter().any(|p| compact(&p.text).starts_with(&first));
    (entries >= 2 && repeated).then_some(at..end)
}

/// A table-of-contents entry's text: a Markdown list item linking to its heading
/// (`- [第一章 总则](#第一章-总则)`) is its link text; anything else is itself, trimmed.
fn toc_entry(t: &str) -> &str {
    let t = trim(t);
    let item = t.strip_prefix(['-', '*', '+']).map_or(t, trim);
    item.strip_prefix('[')
        .and_then(|rest| rest.split_once("](#"))
        .filter(|(_, target)| target.ends_with(')') && !target.contains(char::is_whitespace))
        .map_or(t, |(text, _)| trim(text))
}

/// Clean a decoded file (see the module documentation).
#[must_use]
pub fn clean(raw: &RawText) -> Cleaned {
    let mut out = Cleaned::default();
    let mut paras: Vec<Para> = Vec::with_capacity(raw.paras.len());
    let ((toc, furniture), (fields, labelled)) = rayon::join(
        || {
            (
                table_of_contents(&raw.paras).unwrap_or_default(),
                super::pages::furniture(&raw.paras),
            )
        },
        || super::fields::take(&raw.paras),
    );
    // A hidden second copy of the document at the page's end (before its footer is found:
    // the copy, with its sentences, would end the footer).
    let copy = super::repeat::trailing_copy(&raw.paras).unwrap_or_default();
    if !copy.is_empty() {
        let chars = raw.paras[copy.clone()].iter().map(|p| p.text.chars().count()).sum();
        out.copy_dropped = Some((copy.len(), chars));
    }
    out.toc_dropped = toc.len();
    out.furniture_dropped = furniture.iter().filter(|f| **f).count();
    let mut lines = line_kinds(raw, &[toc, copy], &labelled, &furniture);
    // The last paragraph's number was cut from it by a line break (then so may its heading be).
    let mut cut_number = false;
    // The table-row signs of the last paragraph in `paras`.
    let mut last_row = RowSigns::default();
    // The last paragraph in `paras` is the title line after an untitled 附件 line.
    let mut annex_title = false;
    // Whether a kept paragraph before the last one has sentence punctuation: until then the
    // lines are the title block.
    let mut sentence_seen = false;
    // The line before this one was dropped as boilerplate.
    let mut after_boilerplate = false;
    out.fields = fields;
    for (i, p) in raw.paras.iter().enumerate() {
        let row = match std::mem::replace(&mut lines[i], Line::Skipped) {
            Line::Skipped => continue,
            Line::Boilerplate => {
                out.boilerplate_dropped += 1;
                // The lines on either side of a site's furniture are not one sentence.
                after_boilerplate = true;
                continue;
            }
            Line::Header((published, issuer, keywords)) => {
                if out.published.is_none() {
                    out.published = published;
                }
                out.header_issuers.extend(issuer);
                out.keywords.extend(keywords);
                continue;
            }
            Line::Text(row) => row,
        };
        let after = std::mem::take(&mut after_boilerplate);
        let t = trim(&p.text);
        let lead = p.text.chars().take_while(|c| crate::text::is_space(*c)).count();
        let bold_prefix = p.bold_prefix.saturating_sub(lead);
        let para = Para {
            text: t.to_owned(),
            hint: p.hint,
            bold_prefix,
        };
        match paras.last_mut() {
            Some(prev) if broken_number(prev, &para) || cut_number && broken_heading(prev, &raw.paras[i..]) => {
                prev.text.push_str(&para.text);
                last_row = last_row.joined(row);
                cut_number = true;
            }
            // The mark stays in the sentence; the line after it continues the sentence.
            Some(prev) if footnote_mark(prev, &para) || inside_brackets(prev, &para, &raw.paras[i..]) => {
                prev.text.push_str(&para.text);
                out.rejoined += 1;
            }
            Some(prev)
                if !after
                    && !annex_title
                    && !title_ends(prev, &para, sentence_seen)
                    && continues(prev, last_row, &para, row) =>
            {
                prev.text.push_str(&para.text);
                last_row = last_row.joined(row);
                out.rejoined += 1;
            }
            _ => {
                // An annex line's title (附件2 / 算力基础设施高质量发展指标) stands alone: the
                // next line is the annex's first (often a table header), not its title's end.
                annex_title = paras
                    .last()
                    .and_then(|p| crate::lex::number::annex_marker(&p.text))
                    .is_some_and(|m| m.len == p_chars(paras.last()));
                sentence_seen = sentence_seen || paras.last().is_some_and(|p| has_clause_marks(&p.text));
                paras.push(para);
                last_row = row;
                cut_number = false;
            }
        }
    }
    // Signature, distribution list and print line at the end go to metadata.
    while let Some(last) = paras.last() {
        if last.hint == Hint::None && is_trailer_line(&last.text) && parse_marker(&last.text).is_none() {
            out.trailer.extend(paras.pop().map(|p| p.text));
        } else {
            break;
        }
    }
    out.trailer.reverse();
    unwrap_page_headings(&mut paras);
    out.paras = paras;
    out
}

/// What a raw line is to [`clean`], decided by the line alone.
enum Line {
    /// Left out: in the table of contents, a labelled metadata line, page furniture, empty.
    Skipped,
    Boilerplate,
    /// A web header line: publication date, issuer, keywords.
    Header((Option<String>, Option<String>, Vec<String>)),
    /// Text, with its table-row signs.
    Text(RowSigns),
}

/// [`Line`] of every raw paragraph, decided on every core (the line-by-line loop of
/// [`clean`] depends on the paragraphs before; these tests do not). `left_out`: ranges of
/// lines left out whatever they are (a table of contents, a hidden copy of the text).
fn line_kinds(raw: &RawText, left_out: &[std::ops::Range<usize>], labelled: &[bool], furniture: &[bool]) -> Vec<Line> {
    use rayon::prelude::*;
    let mut lines = raw
        .paras
        .par_iter()
        .with_min_len(256)
        .enumerate()
        .map(|(i, p)| {
            if left_out.iter().any(|r| r.contains(&i)) || labelled[i] || furniture[i] {
                return Line::Skipped;
            }
            let t = trim(&p.text);
            if t.is_empty() {
                Line::Skipped
            } else if is_boilerplate(t) || chrome::is_furniture(t) {
                Line::Boilerplate
            } else if let Some(h) = header_line(t).filter(|_| p.hint == Hint::None) {
                Line::Header(h)
            } else {
                Line::Text(RowSigns::of(t))
            }
        })
        .collect::<Vec<_>>();
    // A site's switches and menus at the head of a saved page.
    let kinds: Vec<(&str, chrome::Kind)> = raw
        .paras
        .iter()
        .zip(&lines)
        .map(|(p, line)| {
            let kind = match line {
                Line::Boilerplate => chrome::Kind::Furniture,
                Line::Skipped | Line::Header(_) => chrome::Kind::Transparent,
                Line::Text(_) => chrome::Kind::Text,
            };
            (trim(&p.text), kind)
        })
        .collect();
    for i in chrome::menu_lines(&kinds, matches!(raw.format, crate::model::SourceFormat::Md)) {
        lines[i] = Line::Boilerplate;
    }
    // And its footer after the document.
    for i in super::footer::footer_lines(&kinds) {
        lines[i] = Line::Boilerplate;
    }
    lines
}

/// Longest heading taken for the name of a page's part (政策全文, 正文) rather than text.
const PAGE_PART_CHARS: usize = 8;

/// A saved page wraps its text in headings of its own: its title (`# 关于…的意见`) and the
/// name of the part holding the text (`## 政策全文`). Such a heading stands before the
/// document's first printed number, and no heading of its level or above follows it: it
/// heads no section of the document (the numbered sections are not its children). The first
/// line is the page's title ([`Hint::PageTitle`]) unless it is a short name that is no title
/// (`# 前言`). A later one is the page's only where the document's own front matter (its
/// title, 文号, addressees) stands under it: a short one is dropped, a longer one stays as
/// plain text. A document's one part heading over its items (`## 工作要求` / `1.` `2.`)
/// stays a heading.
fn unwrap_page_headings(paras: &mut Vec<Para>) {
    let Some(first_number) = paras.iter().position(|p| parse_marker(&p.text).is_some()) else {
        return;
    };
    // The highest heading level (smallest number) after each paragraph: `u8::MAX` for none.
    let mut above_after = vec![u8::MAX; paras.len() + 1];
    for i in (0..paras.len()).rev() {
        let here = match paras[i].hint {
            Hint::Heading(l) => l,
            _ => u8::MAX,
        };
        above_after[i] = above_after[i + 1].min(here);
    }
    // Lone headings have ever lower levels, so there are at most six of them.
    let mut part_names = Vec::new();
    for i in 0..first_number {
        let Hint::Heading(level) = paras[i].hint else {
            continue;
        };
        if above_after[i + 1] <= level {
            continue;
        }
        let t = &paras[i].text;
        let short_name = t.chars().count() <= PAGE_PART_CHARS && !crate::lex::line::looks_like_title(t);
        if i == 0 {
            if !short_name {
                paras[i].hint = Hint::PageTitle;
            }
            continue;
        }
        if !paras[i + 1..first_number]
            .iter()
            .any(|p| crate::lex::line::is_front_matter(&p.text))
        {
            continue;
        }
        paras[i].hint = Hint::None;
        if short_name {
            part_names.push(i);
        }
    }
    for i in part_names.into_iter().rev() {
        paras.remove(i);
    }
}

#[cfg(test)]
mod tests;
