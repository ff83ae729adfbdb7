//! PDF with a text layer → paragraphs.
//!
//! hayro interprets each page into our own [`Device`], which keeps only positioned glyphs
//! (their Unicode value and origin in top-down page space). From those the reader rebuilds what
//! every PDF library loses: visual lines in reading order (cells far apart on one line kept apart
//! by a tab, so indicator tables stay rows), running headers, footers and page numbers removed
//! (a line repeated at the same height on many pages, or a bare page number at the top or
//! bottom), table-of-contents lines (dot leaders and a page number) dropped, and paragraphs
//! rebuilt from line geometry (see `paragraphs`). Kangxi and CJK radical code points that Type 3
//! fonts map glyphs to are folded to the ideographs ([`fold_radical`]).
//!
//! A page without glyphs is reported; a file with no text at all is a scan to OCR first, and
//! text that is mostly unmapped glyphs (a truncated or broken file) is refused rather than
//! passed on as garbage.

use std::collections::{HashMap, HashSet};

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, SoftMask, interpret_page,
};

use super::Para;
use crate::lex::line::{is_page_number, running_key};

/// The message for a PDF without any text layer.
pub const SCAN_MESSAGE: &str = "scanned PDF without a text layer: run OCR on it first";

/// At most this many glyphs are kept from one file (about 2,500 dense pages); beyond it the
/// file is refused instead of growing without bound.
const MAX_GLYPHS: usize = 4_000_000;
/// At most this many pages are read.
const MAX_PAGES: usize = 3_000;

/// What a PDF's text layer gave.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    pub paras: Vec<Para>,
    /// 1-based numbers of pages that carry an image but no text (scanned pages).
    pub pages_without_text: Vec<usize>,
    pub pages: usize,
}

/// One glyph: its text and origin (top-down page space, points).
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x: f64,
    y: f64,
    /// Width of the glyph box in page space (0 if unknown).
    size: f64,
}

#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    images: usize,
    unmapped: usize,
    overflow: bool,
}

impl Device<'_> for Collector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'_>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        for g in run.glyphs() {
            if self.glyphs.len() >= MAX_GLYPHS {
                self.overflow = true;
                return;
            }
            let t: Affine = props.transform * g.transform();
            let origin = t * Point::ZERO;
            // The glyph's em square in glyph space is 1,000 units for outline fonts; the
            // vertical extent of the transformed unit vector gives the size whatever it is.
            let c = t.as_coeffs();
            let size = (c[2] * c[2] + c[3] * c[3]).sqrt() * 1000.0;
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    self.unmapped += 1;
                    "\u{FFFD}".to_owned()
                }
            };
            if !origin.x.is_finite() || !origin.y.is_finite() {
                continue;
            }
            self.glyphs.push(Glyph {
                text,
                x: origin.x,
                y: origin.y,
                size: if size.is_finite() { size } else { 0.0 },
            });
        }
    }
    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {
        self.images += 1;
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// One visual line of a page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    /// Median glyph advance on the line (the em), points.
    em: f64,
}

/// Read the text layer of a PDF.
///
/// # Errors
/// A file hayro cannot open (broken, encrypted), a scan without text, or text that is
/// mostly unmapped glyphs; each as a message without the file name (the caller adds it).
pub fn read(bytes: &[u8]) -> Result<PdfText, String> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        hayro_interpret::hayro_syntax::LoadPdfError::Decryption(_) => "the PDF is encrypted with a password".to_owned(),
        hayro_interpret::hayro_syntax::LoadPdfError::Invalid => {
            "not a readable PDF (broken or truncated file)".to_owned()
        }
    })?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err("the PDF has no pages".to_owned());
    }
    let cache = InterpreterCache::new();
    let mut page_lines: Vec<(Vec<Line>, f64)> = Vec::with_capacity(pages.len().min(MAX_PAGES));
    let mut pages_without_text = Vec::new();
    let (mut total_glyphs, mut unmapped) = (0usize, 0usize);
    for (i, page) in pages.iter().take(MAX_PAGES).enumerate() {
        let (w, h) = page.render_dimensions();
        let mut ctx = Context::new(
            Affine::new(page.initial_transform(true).as_coeffs()),
            Rect::new(0.0, 0.0, f64::from(w), f64::from(h)),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut dev = Collector::default();
        interpret_page(page, &mut ctx, &mut dev);
        if dev.overflow || total_glyphs + dev.glyphs.len() > MAX_GLYPHS {
            return Err(format!("the PDF holds more than {MAX_GLYPHS} characters of text"));
        }
        let visible = dev.glyphs.iter().filter(|g| !g.text.trim().is_empty()).count();
        if visible == 0 && dev.images > 0 {
            pages_without_text.push(i + 1);
        }
        total_glyphs += visible;
        unmapped += dev.unmapped;
        page_lines.push((lines(dev.glyphs), f64::from(h)));
    }
    if total_glyphs == 0 {
        return Err(SCAN_MESSAGE.to_owned());
    }
    let page_count = page_lines.len();
    remove_running_lines(&mut page_lines);
    let mut paras = Vec::new();
    for (lines, _) in &page_lines {
        // Table-of-contents lines, and the short heading line (目录) right before them.
        let kept: Vec<Line> = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                let toc_heading = l.text.chars().filter(|c| !c.is_whitespace()).count() <= 4
                    && lines.get(i + 1).is_some_and(|n| is_toc_line(&n.text));
                !(is_toc_line(&l.text) || toc_heading)
            })
            .map(|(_, l)| l.clone())
            .collect();
        paras.extend(paragraphs(&kept).into_iter().map(|text| Para {
            text,
            ..Para::default()
        }));
    }
    let text: String = paras.iter().map(|p| p.text.as_str()).collect();
    check_plausible(&text, unmapped, total_glyphs)?;
    Ok(PdfText {
        paras,
        pages_without_text,
        pages: page_count,
    })
}

/// The warning for a mixed PDF: which pages are images without text.
#[must_use]
pub fn pages_warning(pages: &[usize], total: usize) -> String {
    let list: Vec<String> = pages.iter().map(usize::to_string).collect();
    format!(
        "{} of {total} PDF pages have no text layer (scanned?) and were not read: page {}; run OCR on them",
        pages.len(),
        list.join(", ")
    )
}

/// Refuse text that is mostly unmapped glyphs or replacement characters.
fn check_plausible(text: &str, unmapped: usize, total: usize) -> Result<(), String> {
    let (mut bad, mut n) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        n += 1;
        if c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) || c.is_control() {
            bad += 1;
        }
    }
    if n == 0 {
        return Err(SCAN_MESSAGE.to_owned());
    }
    if bad * 4 > n || unmapped * 4 > total {
        return Err(format!(
            "the PDF's text layer is unreadable ({bad} of {n} characters have no Unicode value; broken or truncated file?)"
        ));
    }
    Ok(())
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// Is the char an ideograph or CJK punctuation (no space is put next to it)?
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

/// A page coordinate rounded to half a point: glyphs drawn twice at the same place meet.
#[allow(
    clippy::cast_possible_truncation,
    reason = "page coordinates are far inside i64; `as` saturates"
)]
fn half_points(x: f64) -> i64 {
    (x * 2.0).round() as i64
}

/// A line's height in 12-point bands: running headers repeat at about the same height.
#[allow(
    clippy::cast_possible_truncation,
    reason = "page coordinates are far inside i64; `as` saturates"
)]
fn height_band(y: f64) -> i64 {
    (y / 12.0).round() as i64
}

/// Group glyphs into lines (top to bottom, left to right within a line).
fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    // A glyph drawn twice at the same place (fake bold, or a page holding its text twice
    // on top of itself) is one glyph.
    let mut seen: HashSet<(i64, i64, String)> = HashSet::new();
    glyphs.retain(|g| seen.insert((half_points(g.x), half_points(g.y), g.text.clone())));
    let mut sizes: Vec<f64> = glyphs
        .iter()
        .map(|g| g.size)
        .filter(|s| *s > 1.0 && *s < 200.0)
        .collect();
    let page_em = median(&mut sizes).unwrap_or(10.0);
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut row_y = f64::NEG_INFINITY;
    for g in glyphs {
        if g.text.chars().all(char::is_whitespace) {
            continue;
        }
        match rows.last_mut() {
            Some(row) if g.y - row_y <= page_em * 0.4 => row.push(g),
            _ => {
                row_y = g.y;
                rows.push(vec![g]);
            }
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        drop_overprints(row, page_em);
    }
    let columns = column_starts(&rows);
    rows.iter().map(|row| make_line(row, page_em, &columns)).collect()
}

/// Where lines of the page start, in half points, when at least three lines start there: the
/// margin, the indent, and the columns of a table (a cell's text starts at its column's left
/// edge on every row).
fn column_starts(rows: &[Vec<Glyph>]) -> HashSet<i64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for row in rows {
        if let Some(g) = row.first() {
            *counts.entry(half_points(g.x)).or_default() += 1;
        }
    }
    counts.into_iter().filter(|&(_, n)| n >= 3).map(|(x, _)| x).collect()
}

/// Is `x` (within a point) where lines of the page start?
fn at_column(x: f64, columns: &HashSet<i64>) -> bool {
    let h = half_points(x);
    (h - 2..=h + 2).any(|c| columns.contains(&c))
}

/// Fake bold drawn by printing a glyph two or three times a fraction of an em apart (a
/// browser print of a bold table cell: 索索引引号号): one glyph. Real text advances by half an
/// em (Latin, digits) or a whole one (Han), so a repeat closer than 0.3 em is a copy.
fn drop_overprints(row: &mut Vec<Glyph>, page_em: f64) {
    let mut kept: Vec<Glyph> = Vec::with_capacity(row.len());
    for g in row.drain(..) {
        let em = if g.size > 1.0 { g.size } else { page_em };
        let copy = kept
            .iter()
            .rev()
            .take(3)
            .any(|k| k.text == g.text && (g.x - k.x).abs() < 0.3 * em && (g.y - k.y).abs() < 0.3 * em);
        if !copy {
            kept.push(g);
        }
    }
    *row = kept;
}

fn make_line(row: &[Glyph], page_em: f64, columns: &HashSet<i64>) -> Line {
    let mut adv: Vec<f64> = row.windows(2).map(|w| w[1].x - w[0].x).filter(|d| *d > 0.1).collect();
    let em = median(&mut adv)
        .map_or(page_em, |a| a.max(page_em * 0.45))
        .min(page_em * 1.5);
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in row {
        if let Some(p) = prev {
            let gap = g.x - p.x;
            let last = text.chars().last().unwrap_or(' ');
            let next = g.text.chars().next().unwrap_or(' ');
            // The space between the previous glyph's box and this one.
            let clear = gap - p.size.min(page_em * 1.5);
            if gap > page_em * 3.0 || clear > page_em * 0.4 && at_column(g.x, columns) {
                // Far apart on one line, or apart and where other lines start: table cells
                // or columns.
                text.push('\t');
            } else if gap > page_em * 1.6 && !is_cjk(last) && !is_cjk(next) {
                text.push(' ');
            } else if gap > page_em * 1.0 && !is_cjk(last) && !is_cjk(next) && p.size < page_em * 1.2 {
                // Latin text: advances are about half an em; a wider gap is a space.
                text.push(' ');
            }
        }
        text.push_str(&g.text.chars().map(fold_radical).collect::<String>());
        prev = Some(g);
    }
    let x1 = row
        .last()
        .map_or(0.0, |g| g.x + g.size.min(page_em * 1.5).max(em * 0.5));
    Line {
        text,
        x0: row.first().map_or(0.0, |g| g.x),
        x1,
        y: row.first().map_or(0.0, |g| g.y),
        em,
    }
}

/// Remove running headers and footers: lines near the top or bottom edge that repeat (digits
/// blurred) at about the same height on at least half of the pages, and bare page numbers
/// there.
fn remove_running_lines(pages: &mut [(Vec<Line>, f64)]) {
    let n = pages.len();
    let band = |y: f64, h: f64| y < h * 0.12 || y > h * 0.88;
    let mut counts: HashMap<(String, i64), usize> = HashMap::new();
    for (lines, h) in pages.iter() {
        let mut keys: Vec<(String, i64)> = lines
            .iter()
            .filter(|l| band(l.y, *h))
            .map(|l| (running_key(&l.text), height_band(l.y)))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let needed = (n.div_ceil(2)).max(2);
    for (lines, h) in pages.iter_mut() {
        let h = *h;
        lines.retain(|l| {
            if !band(l.y, h) {
                return true;
            }
            if is_page_number(&l.text) {
                return false;
            }
            let key = running_key(&l.text);
            let bucket = height_band(l.y);
            let repeated = (bucket - 1..=bucket + 1)
                .map(|b| counts.get(&(key.clone(), b)).copied().unwrap_or(0))
                .sum::<usize>();
            n < 2 || repeated < needed
        });
    }
}

/// A table-of-contents line: text, a run of leader dots, a page number.
fn is_toc_line(t: &str) -> bool {
    let t = t.trim_end();
    let digits = t.chars().rev().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return false;
    }
    let before: Vec<char> = t
        .chars()
        .rev()
        .skip(digits)
        .take_while(|c| c.is_whitespace() || is_leader(*c))
        .collect();
    before.iter().filter(|c| is_leader(**c)).count() >= 3
}

fn is_leader(c: char) -> bool {
    matches!(c, '.' | '…' | '·' | '．' | '⋯' | '‥' | '・' | '-' | '_')
}

/// Rebuild paragraphs from the lines of one page: the left margin is where most lines start,
/// the right margin where the longest lines end. If some lines start more than 0.8 em right
/// of the left margin (first-line indents), an indented line starts a paragraph; a line
/// ending more than 1.5 em short of the right margin ends one; a vertical gap of more than
/// twice the usual line distance ends one. Lines of one paragraph are joined without a
/// separator (Chinese has none; a Latin word broken at a line end keeps a space).
fn paragraphs(lines: &[Line]) -> Vec<String> {
    if lines.is_empty() {
        return Vec::new();
    }
    let mut starts: Vec<f64> = lines.iter().map(|l| l.x0).collect();
    starts.sort_by(f64::total_cmp);
    let left = starts[starts.len() / 5];
    let mut ends: Vec<f64> = lines.iter().map(|l| l.x1).collect();
    ends.sort_by(f64::total_cmp);
    let right = ends[(ends.len() * 9 / 10).min(ends.len() - 1)];
    let mut gaps: Vec<f64> = lines.windows(2).map(|w| w[1].y - w[0].y).filter(|g| *g > 0.0).collect();
    let leading = median(&mut gaps).unwrap_or(f64::INFINITY);
    let indented = |l: &Line| l.x0 > left + 0.8 * l.em && l.x0 < left + 6.0 * l.em;
    let some_indented = lines.iter().filter(|l| indented(l)).count() >= 1 && lines.len() > 2;
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, l) in lines.iter().enumerate() {
        let new_para = i == 0 || {
            let prev = &lines[i - 1];
            let short = prev.x1 < right - 1.5 * prev.em;
            let gap = l.y - prev.y > leading * 1.8;
            short || gap || (some_indented && indented(l)) || l.text.contains('\t') || prev.text.contains('\t')
        };
        if new_para && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        let t = l.text.trim();
        if !cur.is_empty()
            && cur.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        {
            cur.push(' ');
        }
        cur.push_str(t);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub use crate::fold::radical as fold_radical;

#[cfg(test)]
mod tests;
