//! .docx → paragraphs in document order (body, table rows, text boxes), with Word heading
//! styles, outline levels and list numbering kept as hints.
//!
//! Read by hand from the zip (`zip`) and the XML (`quick-xml`) because the file is untrusted:
//! the XML is streamed as events with no recursion over its depth (a table nested 10,000
//! deep costs a counter, not a stack frame), every part is read through a [`Read::take`]
//! limit whatever size the archive declares, and the text kept is capped. See
//! [`MAX_PART_BYTES`] and [`super::MAX_TEXT_BYTES`].

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::{Hint, MAX_TEXT_BYTES, Para};

/// Largest uncompressed XML part read (`word/document.xml`, `word/styles.xml`): 64 MB.
/// Real policy documents are well under 5 MB of XML; a larger part is refused, not read.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// What a .docx gave: its paragraphs (runs of empty ones collapsed to one) and how many
/// paragraphs were empty, for the message when nothing has text.
#[derive(Debug, Default)]
pub struct DocxText {
    pub paras: Vec<Para>,
    pub empty_paras: usize,
}

/// Read the paragraphs of a .docx.
///
/// # Errors
/// A description of what is wrong with the file, in a reader's terms: not a zip, no
/// `word/document.xml`, a damaged archive or XML, a part or text over the caps.
pub fn read(bytes: &[u8]) -> Result<DocxText, String> {
    if !bytes.starts_with(b"PK") {
        return Err("not a Word document: not a zip archive (a .docx is one)".to_owned());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("damaged .docx: the zip archive cannot be opened ({e})"))?;
    let Some(document) = read_part(&mut zip, "word/document.xml")? else {
        return Err("not a Word document: word/document.xml is missing".to_owned());
    };
    // Styles are optional: a document without them simply has no heading styles.
    let styles = match read_part(&mut zip, "word/styles.xml") {
        Ok(Some(xml)) => heading_styles(&xml).unwrap_or_default(),
        Ok(None) | Err(_) => HashMap::new(),
    };
    body(&document, &styles).map_err(|e| {
        if e.starts_with("too large") {
            e
        } else {
            format!("damaged .docx: word/document.xml: {e}")
        }
    })
}

/// One part of the archive as text, or `None` when it is absent. The declared size is
/// checked first, then the actual bytes are read through a limit one past the cap, so a
/// part that lies about its size is still stopped at the cap.
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("damaged .docx: {name}: {e}")),
    };
    let mb = |n: u64| n.div_ceil(1024 * 1024);
    if file.size() > MAX_PART_BYTES {
        return Err(format!(
            "too large: {name} would expand to {} MB (duizhao reads up to {} MB)",
            mb(file.size()),
            mb(MAX_PART_BYTES)
        ));
    }
    // Capacity from the (possibly lying) declared size, bounded by the cap.
    let mut buf = Vec::with_capacity(usize::try_from(file.size().min(1 << 20)).unwrap_or(0));
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("damaged .docx: {name} cannot be decompressed ({e})"))?;
    if buf.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "too large: {name} expands to more than {} MB (it claims less)",
            mb(MAX_PART_BYTES)
        ));
    }
    // Word writes UTF-8; a BOM (UTF-8 or UTF-16) is honoured.
    let (text, _, _) = encoding_rs::UTF_8.decode(&buf);
    Ok(Some(text.into_owned()))
}

/// The `w:val` (or any `*:val`) attribute of an element.
fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "val")
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

/// The heading level of a style name: `heading 1`, `Heading 1`, `标题 1`.
fn heading_of_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then_some(n.min(6))
}

/// An outline level (`w:outlineLvl`, 0-based; 9 means body text) as a heading level.
fn heading_of_outline(v: &str) -> Option<u8> {
    let v: u8 = v.trim().parse().ok()?;
    (v < 9).then_some((v + 1).min(6))
}

/// Paragraph style id → heading level, from `word/styles.xml`: a style's name or outline
/// level, else what it is based on (followed up to 16 steps).
fn heading_styles(xml: &str) -> Result<HashMap<String, u8>, quick_xml::Error> {
    #[derive(Default)]
    struct Style {
        id: String,
        level: Option<u8>,
        based_on: Option<String>,
    }
    let mut styles: Vec<Style> = Vec::new();
    let mut current: Option<Style> = None;
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => {
                    if let Some(done) = current.take() {
                        styles.push(done);
                    }
                    let paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                    current = paragraph.then(|| Style {
                        id: attr(&e, "styleId").unwrap_or_default(),
                        ..Style::default()
                    });
                }
                "name" => {
                    if let Some(s) = current.as_mut() {
                        s.level = s.level.or_else(|| val(&e).and_then(|v| heading_of_name(&v)));
                    }
                }
                "outlineLvl" => {
                    if let Some(s) = current.as_mut() {
                        s.level = s.level.or_else(|| val(&e).and_then(|v| heading_of_outline(&v)));
                    }
                }
                "basedOn" => {
                    if let Some(s) = current.as_mut() {
                        s.based_on = val(&e);
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some(done) = current.take() {
                    styles.push(done);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let by_id: HashMap<&str, &Style> = styles.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut out = HashMap::new();
    for s in &styles {
        let mut at = Some(s);
        for _ in 0..16 {
            let Some(style) = at else { break };
            if let Some(level) = style.level {
                out.insert(s.id.clone(), level);
                break;
            }
            at = style.based_on.as_deref().and_then(|b| by_id.get(b).copied());
        }
    }
    Ok(out)
}

/// A paragraph being read.
#[derive(Default)]
struct ParaBuf {
    text: String,
    style: Option<String>,
    outline: Option<u8>,
    /// (numId, ilvl) of `w:numPr`.
    num_id: Option<String>,
    num_level: Option<u8>,
    in_props: bool,
}

impl ParaBuf {
    fn hint(&self, styles: &HashMap<String, u8>) -> Hint {
        if let Some(level) = self.style.as_ref().and_then(|s| styles.get(s)) {
            Hint::Heading(*level)
        } else if let Some(level) = self.outline {
            Hint::Heading(level)
        } else if self.num_id.as_deref().is_some_and(|id| id.trim() != "0") {
            Hint::WordList(self.num_level.unwrap_or(0).min(8))
        } else {
            Hint::None
        }
    }
}

/// The body reader's state. Tables nest by a counter; only the outermost table's rows are
/// kept as rows, a nested table's paragraphs go into the enclosing cell.
struct Body<'s> {
    styles: &'s HashMap<String, u8>,
    out: DocxText,
    text_bytes: usize,
    /// Paragraphs being read: more than one when a text box sits inside a paragraph.
    paras: Vec<ParaBuf>,
    table_depth: usize,
    /// The outermost table's current row: per cell its paragraphs (text, hint).
    row: Vec<Vec<(String, Hint)>>,
    /// Depth inside `w:t` (text is kept only there).
    in_text: usize,
    /// Depth inside content that is not the document's text (moved-from ghost text,
    /// alternative content fallbacks, tracked paragraph-property changes).
    skip: usize,
}

/// Elements whose content is never the document's current text.
fn skipped(local: &str) -> bool {
    matches!(local, "moveFrom" | "Fallback" | "pPrChange" | "rPrChange" | "del")
}

fn body(xml: &str, styles: &HashMap<String, u8>) -> Result<DocxText, String> {
    let mut b = Body {
        styles,
        out: DocxText::default(),
        text_bytes: 0,
        paras: Vec::new(),
        table_depth: 0,
        row: Vec::new(),
        in_text: 0,
        skip: 0,
    };
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| format!("broken XML near byte {pos} ({e})"))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let local = name.as_ref();
                if b.skip > 0 || skipped(local) {
                    b.skip += 1;
                    continue;
                }
                b.start(local, &e);
            }
            Event::Empty(e) => {
                let name = e.local_name();
                let local = name.as_ref();
                if b.skip == 0 && !skipped(local) {
                    b.start(local, &e);
                    b.end(local);
                }
            }
            Event::End(e) => {
                if b.skip > 0 {
                    b.skip -= 1;
                    continue;
                }
                let name = e.local_name();
                b.end(name.as_ref());
            }
            Event::Text(t) if b.in_text > 0 && b.skip == 0 => b.push_text(&t.xml10_content())?,
            Event::CData(t) if b.in_text > 0 && b.skip == 0 => b.push_text(&t.xml10_content())?,
            Event::GeneralRef(r) if b.in_text > 0 && b.skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => {
                        quick_xml::escape::resolve_predefined_entity(&r.xml10_content()).and_then(|s| s.chars().next())
                    }
                };
                if let Some(c) = c {
                    b.push_text(c.encode_utf8(&mut [0; 4]))?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // An unclosed paragraph at the end of a truncated part still counts.
    while !b.paras.is_empty() {
        b.end("p");
    }
    if b.table_depth > 0 {
        b.table_depth = 1;
        b.end("tbl");
    }
    Ok(b.out)
}

impl Body<'_> {
    fn start(&mut self, local: &str, e: &BytesStart<'_>) {
        match local {
            "p" => self.paras.push(ParaBuf::default()),
            "t" => self.in_text += 1,
            "tbl" => self.table_depth += 1,
            "tc" if self.table_depth == 1 => self.row.push(Vec::new()),
            _ => {}
        }
        let Some(p) = self.paras.last_mut() else { return };
        match local {
            "pPr" => p.in_props = true,
            "pStyle" if p.in_props => p.style = val(e),
            "outlineLvl" if p.in_props => p.outline = val(e).and_then(|v| heading_of_outline(&v)),
            "numId" if p.in_props => p.num_id = val(e),
            "ilvl" if p.in_props => p.num_level = val(e).and_then(|v| v.trim().parse().ok()),
            "tab" | "ptab" if !p.in_props => p.text.push('\t'),
            "br" | "cr" if !p.in_props => p.text.push('\n'),
            _ => {}
        }
    }

    fn end(&mut self, local: &str) {
        match local {
            "t" => self.in_text = self.in_text.saturating_sub(1),
            "pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_props = false;
                }
            }
            "p" => {
                if let Some(p) = self.paras.pop() {
                    self.finish_para(&p);
                }
            }
            "tr" if self.table_depth == 1 => self.finish_row(),
            "tbl" if self.table_depth > 0 => {
                if self.table_depth == 1 {
                    self.finish_row();
                }
                self.table_depth -= 1;
            }
            _ => {}
        }
    }

    fn push_text(&mut self, s: &str) -> Result<(), String> {
        self.text_bytes += s.len();
        if self.text_bytes > MAX_TEXT_BYTES {
            return Err(format!(
                "too large: more than {} MB of text (duizhao reads up to that much per document)",
                MAX_TEXT_BYTES / (1024 * 1024)
            ));
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
        Ok(())
    }

    fn finish_para(&mut self, p: &ParaBuf) {
        let hint = p.hint(self.styles);
        // A soft line break inside a paragraph is still one paragraph of the policy.
        let lines = p
            .text
            .split('\n')
            .enumerate()
            .map(|(i, line)| (line, if i == 0 { hint } else { Hint::None }));
        if self.table_depth > 0 {
            if let Some(cell) = self.row.last_mut() {
                cell.extend(lines.map(|(l, h)| (l.to_owned(), h)));
            } else {
                // Text in a table but outside any cell: keep it as its own paragraph.
                for (line, hint) in lines {
                    push(&mut self.out, line.to_owned(), hint);
                }
            }
            return;
        }
        for (line, hint) in lines {
            push(&mut self.out, line.to_owned(), hint);
        }
    }

    /// A row of the outermost table: within a cell, paragraphs stay paragraphs; across
    /// cells, the last line of one cell and the first of the next are one line with a tab
    /// between them (a cell boundary) unless the first ends a sentence. An empty cell keeps
    /// its place on the line (`a\t\tc`, or a leading tab), so the columns after it stay
    /// under their headers.
    fn finish_row(&mut self) {
        let mut line = String::new();
        let mut line_hint = Hint::None;
        let mut pieces = 0usize;
        // Empty cells since the last piece on this line; `None` once the line no longer
        // starts at the row's first cell (a cell broke it), where places are lost anyway.
        let mut empties: Option<usize> = Some(0);
        for cell in std::mem::take(&mut self.row) {
            let mut any = false;
            for (k, (text, hint)) in cell.into_iter().enumerate() {
                if crate::text::trim(&text).is_empty() {
                    continue;
                }
                if k > 0 && pieces > 0 {
                    flush(&mut self.out, &mut line, &mut line_hint, &mut pieces);
                    empties = None;
                }
                let gap = empties.take().unwrap_or(0);
                if pieces > 0 || (gap > 0 && line.is_empty()) {
                    let tabs = gap + usize::from(pieces > 0);
                    line.extend(std::iter::repeat_n('\t', tabs));
                }
                empties = Some(0);
                any = true;
                line.push_str(crate::text::trim(&text));
                line_hint = if pieces == 0 { hint } else { Hint::None };
                pieces += 1;
                if line.ends_with(['。', '；', '！', '？', '!', '?', ';']) {
                    flush(&mut self.out, &mut line, &mut line_hint, &mut pieces);
                    empties = None;
                }
            }
            if !any && let Some(n) = empties.as_mut() {
                *n += 1;
            }
        }
        flush(&mut self.out, &mut line, &mut line_hint, &mut pieces);
    }
}

fn flush(out: &mut DocxText, line: &mut String, hint: &mut Hint, pieces: &mut usize) {
    if *pieces > 0 {
        push(out, std::mem::take(line), *hint);
    }
    *hint = Hint::None;
    *pieces = 0;
}

/// Add a paragraph; a run of empty paragraphs is kept as one (they only separate).
pub(super) fn push(out: &mut DocxText, text: String, hint: Hint) {
    if crate::text::trim(&text).is_empty() {
        out.empty_paras += 1;
        if out.paras.last().is_some_and(|p| crate::text::trim(&p.text).is_empty()) {
            return;
        }
    }
    out.paras.push(Para {
        text,
        hint,
        bold_prefix: 0,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Vec<String> {
        body(xml, &HashMap::new())
            .expect("reads")
            .paras
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn an_empty_cell_keeps_its_column() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let empty = "<w:tc><w:p/></w:tc>";
        let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
        let xml = format!(
            "<w:document><w:body><w:tbl>{}{}{}</w:tbl></w:body></w:document>",
            row(&[cell("指标"), cell("单位"), cell("2020年"), cell("2025年")]),
            row(&[cell("网络零售额"), empty.to_owned(), cell("3000"), cell("5000")]),
            row(&[
                empty.to_owned(),
                cell("小计"),
                "<w:tc><w:p></w:p></w:tc>".to_owned(),
                cell("8")
            ]),
        );
        assert_eq!(
            texts(&xml),
            ["指标\t单位\t2020年\t2025年", "网络零售额\t\t3000\t5000", "\t小计\t\t8"]
        );
    }

    #[test]
    fn table_rows_keep_cell_boundaries() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let xml = format!(
            "<w:document><w:body><w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl></w:body></w:document>",
            cell("网络零售额"),
            cell("5000亿元"),
            cell("2025年"),
            cell("发展互联网医院。"),
            cell("到2025年建成50家。")
        );
        assert_eq!(
            texts(&xml),
            ["网络零售额\t5000亿元\t2025年", "发展互联网医院。", "到2025年建成50家。"]
        );
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let depth = 20_000;
        let mut xml = String::from("<w:document><w:body>");
        for _ in 0..depth {
            xml.push_str("<w:tbl><w:tr><w:tc>");
        }
        xml.push_str("<w:p><w:r><w:t>最里面</w:t></w:r></w:p>");
        for _ in 0..depth {
            xml.push_str("</w:tc></w:tr></w:tbl>");
        }
        xml.push_str("</w:body></w:document>");
        assert_eq!(texts(&xml), ["最里面"]);
    }

    #[test]
    fn entities_breaks_and_ghost_text() {
        let xml = "<w:p><w:r><w:t>A&amp;B&#x4E00;</w:t><w:br/><w:t>二</w:t></w:r>\
                   <w:moveFrom><w:r><w:t>旧</w:t></w:r></w:moveFrom></w:p>";
        assert_eq!(texts(xml), ["A&B一", "二"]);
    }

    #[test]
    fn styles_by_name_outline_level_and_basis() {
        let xml = r#"<w:styles>
            <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="T2"><w:name w:val="标题 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="O"><w:name w:val="x"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="y"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="z"/><w:basedOn w:val="H1"/></w:style>
            </w:styles>"#;
        let s = heading_styles(xml).expect("styles");
        assert_eq!(s.get("H1"), Some(&1));
        assert_eq!(s.get("T2"), Some(&2));
        assert_eq!(s.get("O"), Some(&3));
        assert_eq!(s.get("Body"), None, "outline level 9 is body text");
        assert_eq!(s.get("Mine"), Some(&1));
    }
}
