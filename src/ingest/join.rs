//! Whether a line continues the paragraph before it: the decisions that rejoin a paragraph a
//! PDF conversion or a saved page broke into lines (mid-sentence breaks, a number cut from
//! its separator, a heading cut at inline tags) while keeping what stands alone (headings,
//! titles, issuer and date lines, table rows, asides, 专栏 titles) on its own line.

use super::{Hint, Para};
use crate::lex::line::{RowSigns, box_title, is_table_row, looks_like_title};
use crate::lex::number::parse_marker;
use crate::text::trim;

/// Ends a sentence or a clause that can end a paragraph.
fn ends_paragraph(s: &str) -> bool {
    let mut rev = s.chars().rev();
    match rev.next() {
        None | Some('。' | '！' | '？' | '!' | '?' | '；' | ';' | '：' | ':' | '…' | '）' | ')' | '】' | '》') => {
            true
        }
        // A closing quote ends a paragraph only after a full stop: “…。” but not “数字江淮”战略.
        Some('”' | '"' | '」' | '』' | '’') => matches!(rev.next(), Some('。' | '！' | '？' | '!' | '?')),
        Some(_) => false,
    }
}

/// A paragraph that is a heading by its form: a number and a short title with no clause
/// punctuation, a Markdown/Word heading, or a title line.
fn heading_like(p: &Para) -> bool {
    if p.hint != Hint::None {
        return true;
    }
    let t = p.text.as_str();
    if let Some(m) = parse_marker(t) {
        // At most 41 chars read: a longer rest is no heading, however long it is.
        let rest: String = t.chars().skip(m.len).take(41).collect();
        // A title never ends with the particle 的: the line was cut inside its sentence
        // (`（1）若初二的日实际响应量低于日申报响应量的` / `50%`).
        return rest.chars().count() <= 40 && !rest.contains(['。', '，', ',', '；', ';']) && !rest.ends_with('的');
    }
    looks_like_title(t)
}

/// Front-matter lines whose form says they stand alone: issuer, 文号, dates, addressees.
fn stands_alone(t: &str) -> bool {
    use crate::lex::line;
    line::looks_like_issuer(t)
        || line::doc_number_line(t).is_some()
        || line::date_line(t).is_some()
        || t.chars().nth(6).is_none()
}

/// Two lines each as short as one that stands alone once its quotation marks are left out:
/// two cells of a table (`“十四五”现状` / `“十五五”目标`).
fn two_short_cells(a: &str, b: &str) -> bool {
    let short = |t: &str| {
        t.chars()
            .take(12)
            .filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’'))
            .nth(6)
            .is_none()
    };
    short(a) && short(b)
}

/// Should `next` continue `prev` (a paragraph a PDF conversion broke mid-sentence)? The
/// table-row signs of each are given, counted once per line: `prev` may already be many
/// lines rejoined, and every test here reads no more of it than a bounded prefix or suffix,
/// so that cleaning stays linear in a paragraph broken into thousands of lines.
pub(super) fn continues(prev: &Para, prev_row: RowSigns, next: &Para, next_row: RowSigns) -> bool {
    // A tab separates table cells (PDF indicator tables): rows are never run together.
    !ends_paragraph(&prev.text)
        && !prev_row.is_row()
        && !next_row.is_row()
        && !heading_like(prev)
        && !stands_alone(&prev.text)
        && !two_short_cells(&prev.text, &next.text)
        && !box_title(&prev.text)
        && !box_title(&next.text)
        && next.hint == Hint::None
        && (parse_marker(&next.text).is_none() || cites_an_article(&prev.text, &next.text))
        && !next
            .text
            .starts_with(['—', '-', '•', '·', '●', '■', '□', '◆', '※', '《'])
        && !opens_aside(&next.text)
        && (!stands_alone(&next.text) || ends_sentence_fragment(&next.text))
}

/// A line that opens with an article and its bracketed title (`第一条（目的和依据）…`) after a
/// line cut inside its sentence (`，`, `、`, `其中`, `和`): a sentence citing the article (a
/// 解读's `其中` / `第一条（目的和依据）明确了…`), not the article itself.
fn cites_an_article(prev: &str, t: &str) -> bool {
    let cut = prev.ends_with(['，', '、', ',', '和', '与', '及']) || prev.ends_with("其中");
    cut && parse_marker(t).is_some_and(|m| {
        m.kind == crate::model::MarkerKind::Article && t[m.printed.len()..].trim_start().starts_with(['（', '('])
    })
}

/// A line that opens with a bracketed aside standing alone or leading nothing on its line:
/// （此件公开发布）, （有关部门负责）. A bracket the line's text runs on from (`（OTN）覆盖率达到
/// 80%，…`, a sentence cut before an abbreviation) does not.
fn opens_aside(t: &str) -> bool {
    if !t.starts_with(['（', '(']) {
        return false;
    }
    // Bounded: a bracket closes within a few dozen characters, or it is no abbreviation.
    let head: Vec<char> = t.chars().take(MAX_ASIDE_CHARS + 1).collect();
    match head.iter().position(|c| matches!(c, '）' | ')')) {
        Some(close) => head[close + 1..].iter().all(|c| crate::text::is_space(*c)),
        None => true,
    }
}

/// Longest bracket at a line's start that a sentence may run on from (chars).
const MAX_ASIDE_CHARS: usize = 16;

/// The last few characters of a sentence cut by a line break (`达到` / `100%。`): a short line
/// ending a sentence, which a date, issuer or 文号 line never does.
fn ends_sentence_fragment(t: &str) -> bool {
    t.ends_with(['。', '；', '，'])
        && !crate::lex::line::looks_like_issuer(t)
        && crate::lex::line::date_line(t).is_none()
}

/// A title line that a body line follows without a blank line (`数字经济发展报告` / `为贯彻落实…，…`):
/// no sentence yet, the title short, unpunctuated and clearly shorter than the next line (a
/// line broken at the page width is as long as the next), the next line a sentence. A title
/// broken over two lines (`…持续释放` / `内需潜力的指导意见`) is still rejoined.
pub(super) fn title_ends(prev: &Para, next: &Para, sentence_seen: bool) -> bool {
    // The title's form is the lexer's (the metadata reads the same line as the title).
    let len = prev.text.chars().take(MAX_TITLE_CHARS + 1).count();
    let next_len = next.text.chars().take(MAX_TITLE_CHARS * 2).count();
    !sentence_seen && len * 4 < next_len * 3 && crate::lex::line::bare_title(&prev.text, Some(&next.text))
}

/// How much of a line [`title_ends`] compares (chars): a title is at most 40.
const MAX_TITLE_CHARS: usize = 40;

pub(super) fn has_clause_marks(t: &str) -> bool {
    t.contains(['，', '。', '；', '：', ',', ';'])
}

/// A paragraph's length in chars (0 for none).
pub(super) fn p_chars(p: Option<&Para>) -> usize {
    p.map_or(0, |p| p.text.chars().count())
}

/// A line break inside brackets (a saved page's `<sub>`: `全国细颗粒物（PM` / `2.5` /
/// `）浓度下降到…`; a PDF line cut after `（`): `prev` ends with a bracket left open (within its
/// last few characters), and `next` closes it, or is a short fragment the line after which
/// (`rest[1..]`, `rest[0]` being `next`) closes it. A paragraph never opens with a closing
/// bracket, nor ends inside an opening one.
pub(super) fn inside_brackets(prev: &Para, next: &Para, rest: &[Para]) -> bool {
    // A numbered line is a section of its own, whatever bracket the line before left open.
    if prev.hint != Hint::None || next.hint != Hint::None || parse_marker(&next.text).is_some() {
        return false;
    }
    let open = |c: char| matches!(c, '（' | '(');
    let close = |c: char| matches!(c, '）' | ')');
    // Bounded: the last few characters of `prev`, the first few of the lines after it.
    let left_open = prev
        .text
        .trim_end()
        .chars()
        .rev()
        .take(MAX_ASIDE_CHARS)
        .find(|&c| open(c) || close(c))
        .is_some_and(open);
    let closes = |t: &str| {
        t.chars()
            .take(MAX_ASIDE_CHARS)
            .find(|&c| open(c) || close(c))
            .is_some_and(close)
    };
    let fragment = |t: &str| t.chars().nth(FRAGMENT_CHARS).is_none() && !t.contains(['（', '(', '）', ')', '。']);
    left_open
        && (closes(&next.text)
            || fragment(&next.text)
                && rest
                    .iter()
                    .skip(1)
                    .map(|p| trim(&p.text))
                    .find(|t| !t.is_empty())
                    .is_some_and(|t| t.starts_with(close)))
}

/// A footnote reference mark that a PDF conversion set on a line of its own inside a
/// sentence (`…新增油气长输管` / `①` / `道 2 万公里…`): a circled number alone on its line
/// after a line that does not end its paragraph. It belongs to the sentence it interrupts;
/// a list item's number stands after a finished sentence or a colon, or before its text.
pub(super) fn footnote_mark(prev: &Para, next: &Para) -> bool {
    let mut cs = next.text.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if ('①'..='⑳').contains(&c))
        && !ends_paragraph(&prev.text)
        && !heading_like(prev)
}

/// A list number cut from its separator by a line break (`2` / `.不断优化`): a paragraph that
/// is only a number, and one that opens with the separator.
pub(super) fn broken_number(prev: &Para, next: &Para) -> bool {
    // All ASCII digits, so bytes are chars; `len` does not read a long paragraph.
    let n = prev.text.len();
    let digits = |t: &str| {
        (1..=3).contains(&t.chars().count())
            && t.chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    };
    if (1..=3).contains(&n) && prev.text.bytes().all(|c| c.is_ascii_digit()) {
        return next.text.starts_with(['.', '．', '、'])
            && parse_marker(&format!("{}{}", prev.text, next.text)).is_some();
    }
    // A bracketed number cut into three lines (`（` / `1` / `）若…`, pdftotext): the bracket
    // takes the number, then the closing bracket and what follows it.
    // Bounded: `prev` may be a long paragraph that opens with a bracket.
    if prev.text.len() > '（'.len_utf8() + 3 * '十'.len_utf8() {
        return false;
    }
    let Some(inner) = prev.text.strip_prefix(['（', '(']) else {
        return false;
    };
    if inner.is_empty() {
        digits(&next.text)
    } else {
        digits(inner)
            && next.text.starts_with(['）', ')'])
            && parse_marker(&format!("{}{}", prev.text, next.text)).is_some()
    }
}

/// Most fragments a heading is cut into by line breaks (a saved page that breaks at every
/// inline tag: `2.不断优化` / `签约` / `服务团队。`), and their longest.
const HEADING_FRAGMENTS: usize = 4;
const FRAGMENT_CHARS: usize = 8;

/// Does `rest[0]` continue the numbered heading `prev`, cut by line breaks? Asked only when
/// `prev`'s number was cut from it too; then when `prev` is short and unfinished, and `rest`
/// gives short fragments without a number up to one that ends the heading with a full stop.
pub(super) fn broken_heading(prev: &Para, rest: &[Para]) -> bool {
    let Some(m) = parse_marker(&prev.text) else {
        return false;
    };
    let title = prev.text.chars().skip(m.len).take(31).count();
    if title > 30 || ends_paragraph(&prev.text) || is_table_row(&prev.text) {
        return false;
    }
    for p in rest
        .iter()
        .map(|p| trim(&p.text))
        .filter(|t| !t.is_empty())
        .take(HEADING_FRAGMENTS)
    {
        if p.chars().count() > FRAGMENT_CHARS || parse_marker(p).is_some() || is_table_row(p) {
            return false;
        }
        if p.ends_with('。') {
            return true;
        }
    }
    false
}
