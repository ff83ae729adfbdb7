//! DOCX, written as WordprocessingML by hand (docx-rs cannot write a repeated header row, a
//! language or the document's creator, and puts some elements out of schema order): per
//! domain a heading and a side-by-side table with one column per document of the selection —
//! the same columns in the same order in every table, "—" where a document has no passage
//! (absence is a finding), row k holding each document's k-th passage; each passage with its
//! place and heading, its text (line breaks
//! kept) with target spans in bold, and its citation. The header row repeats on every page;
//! pages are landscape when a table has more than three columns; East Asian font and zh-CN
//! language are declared; author duizhao, created now.

use std::fmt::Write as _;
use std::io::Write as _;

use super::{ExportError, Input, Passage, Selected};

/// Passages grouped by domain name, groups in order of first appearance (so a basket's or
/// `--sections` order is kept), passages in selection order within a group.
pub fn by_domain<'p, 'a>(passages: &'p [Passage<'a>]) -> Vec<(String, Vec<&'p Passage<'a>>)> {
    let mut groups: Vec<(String, Vec<&Passage<'a>>)> = Vec::new();
    for p in passages {
        let name = p.domain_label();
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, g)) => g.push(p),
            None => groups.push((name, vec![p])),
        }
    }
    groups
}

/// The section's text as paragraphs (split at line breaks) of runs `(text, is_target)`.
#[must_use]
pub fn marked_paragraphs(p: &Passage<'_>) -> Vec<Vec<(String, bool)>> {
    let mut spans: Vec<(usize, usize)> = p
        .targets
        .iter()
        .filter(|t| t.field == crate::targets::Field::Text)
        .map(|t| (t.span.start, t.span.end))
        .collect();
    spans.sort_unstable();
    let bold = |i: usize| spans.iter().any(|&(s, e)| s <= i && i < e);
    let mut paras: Vec<Vec<(String, bool)>> = vec![Vec::new()];
    // Spans are in chars of the document's text, where the section's text starts here.
    let at = p.section.text_range.start;
    for (i, c) in (at..).zip(p.section.text.chars()) {
        if c == '\n' {
            paras.push(Vec::new());
            continue;
        }
        let b = bold(i);
        let runs = paras.last_mut().expect("one paragraph at least");
        match runs.last_mut() {
            Some((t, was)) if *was == b => t.push(c),
            _ => runs.push((c.to_string(), b)),
        }
    }
    paras
}

/// XML text: escaped, and characters XML 1.0 forbids dropped.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A run: `rPr` children in schema order (b, i, color, sz).
fn run(out: &mut String, text: &str, bold: bool, italic: bool) {
    out.push_str("<w:r>");
    if bold || italic {
        out.push_str("<w:rPr>");
        if bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        out.push_str("</w:rPr>");
    }
    let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t></w:r>"#, esc(text));
}

fn para(out: &mut String, style: Option<&str>, runs: &[(&str, bool)]) {
    out.push_str("<w:p>");
    if let Some(s) = style {
        let _ = write!(out, r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#);
    }
    for (t, b) in runs {
        run(out, t, *b, false);
    }
    out.push_str("</w:p>");
}

/// A4 in twentieths of a point, and the margin.
const A4_SHORT: u32 = 11_906;
const A4_LONG: u32 = 16_838;
const MARGIN: u32 = 1_134;

fn document_xml(input: &Input<'_>, selected: &Selected<'_>) -> String {
    let cols: Vec<&crate::model::Document> = selected.docs.iter().map(|&d| &input.docs[d]).collect();
    let landscape = cols.len() > 3;
    let (page_w, page_h) = if landscape {
        (A4_LONG, A4_SHORT)
    } else {
        (A4_SHORT, A4_LONG)
    };
    let usable = page_w - 2 * MARGIN;
    let n = u32::try_from(cols.len().max(1)).unwrap_or(u32::MAX);
    let col_w = usable / n;
    let mut b = String::new();
    b.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
    ));
    para(
        &mut b,
        Some("Title"),
        &[("duizhao 对照 — 政策文本对照 selected passages", false)],
    );
    let names: Vec<String> = cols
        .iter()
        .map(|d| match d.date() {
            Some(date) => format!("{} ({date})", d.display_name()),
            None => d.display_name().to_owned(),
        })
        .collect();
    let summary = format!(
        "文件 Documents: {} · {} passages · {}",
        names.join("、"),
        selected.passages.len(),
        &super::now_iso8601()[..10]
    );
    para(&mut b, None, &[(&summary, false)]);
    for (domain, group) in by_domain(&selected.passages) {
        para(&mut b, Some("Heading1"), &[(&domain, false)]);
        let _ = write!(
            b,
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{usable}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
        );
        for _ in &cols {
            let _ = write!(b, r#"<w:gridCol w:w="{col_w}"/>"#);
        }
        b.push_str("</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (d, name) in cols.iter().zip(&names) {
            let _ = write!(
                b,
                r#"<w:tc><w:tcPr><w:tcW w:w="{col_w}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="DDE6F2"/></w:tcPr>"#
            );
            para(&mut b, Some("TableHeader"), &[(name, true)]);
            para(&mut b, Some("Citation"), &[(&d.id, false)]);
            b.push_str("</w:tc>");
        }
        b.push_str("</w:tr>");
        // Row k holds each document's k-th passage, so that rows stay shorter than a page
        // (a row taller than the page is not split by every word processor).
        let mine: Vec<Vec<&Passage<'_>>> = cols
            .iter()
            .map(|d| group.iter().copied().filter(|p| p.doc.id == d.id).collect())
            .collect();
        let rows = mine.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..rows {
            b.push_str("<w:tr>");
            for passages in &mine {
                let _ = write!(b, r#"<w:tc><w:tcPr><w:tcW w:w="{col_w}" w:type="dxa"/></w:tcPr>"#);
                match passages.get(k) {
                    Some(p) => {
                        para(&mut b, Some("PassageHeading"), &[(&p.place_and_heading(), true)]);
                        for runs in marked_paragraphs(p) {
                            let runs: Vec<(&str, bool)> = runs.iter().map(|(t, bold)| (t.as_str(), *bold)).collect();
                            para(&mut b, None, &runs);
                        }
                        if let Some(note) = p.note {
                            para(&mut b, Some("Citation"), &[(&format!("笔记 Note: {note}"), false)]);
                        }
                        para(&mut b, Some("Citation"), &[(&format!("—— {}", p.citation()), false)]);
                    }
                    None if k == 0 => para(&mut b, Some("Absent"), &[("—", false)]),
                    // A cell holds at least one paragraph.
                    None => para(&mut b, None, &[]),
                }
                b.push_str("</w:tc>");
            }
            b.push_str("</w:tr>");
        }
        b.push_str("</w:tbl>");
        // A table may not end the body next to another: a paragraph between.
        para(&mut b, None, &[]);
    }
    let orient = if landscape { r#" w:orient="landscape""# } else { "" };
    let _ = write!(
        b,
        r#"<w:sectPr><w:pgSz w:w="{page_w}" w:h="{page_h}"{orient}/><w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    b
}

/// Styles: Latin and East Asian fonts and languages declared once, in the defaults.
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="SimSun" w:cs="Calibri"/>"#,
    r#"<w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#,
    r#"<w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#,
    r#"<w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#,
    r#"<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="TableHeader"><w:name w:val="Table Header"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="PassageHeading"><w:name w:val="Passage Heading"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="60"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Citation"><w:name w:val="Citation"/><w:basedOn w:val="Normal"/>"#,
    r#"<w:rPr><w:i/><w:iCs/><w:color w:val="555555"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Absent"><w:name w:val="Absent"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr>"#,
    r#"<w:rPr><w:color w:val="888888"/></w:rPr></w:style>"#,
    r#"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>"#,
    r#"<w:top w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:left w:val="single" w:sz="4" w:space="0" w:color="999999"/>"#,
    r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:right w:val="single" w:sz="4" w:space="0" w:color="999999"/>"#,
    r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="999999"/>"#,
    r#"</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
    r#"</w:styles>"#
);

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    r#"</Types>"#
);

const RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    r#"</Relationships>"#
);

const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"</Relationships>"#
);

const APP: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>duizhao</Application></Properties>"#
);

fn core_xml() -> String {
    let now = super::now_iso8601();
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>duizhao 对照 — selected passages</dc:title><dc:creator>duizhao</dc:creator>"#,
            r#"<cp:lastModifiedBy>duizhao</cp:lastModifiedBy><dc:language>zh-CN</dc:language>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>"#
        ),
        now = now
    )
}

/// A zip of `(name, bytes)` parts, deflated.
pub fn zip_parts(parts: &[(&str, &[u8])], format: &'static str) -> Result<Vec<u8>, ExportError> {
    use rayon::prelude::*;
    let fail = |why: String| ExportError::Render { format, why };
    // Level 3 instead of the default 6, as for XLSX: a 7 MB document's text deflates in less
    // than half the time (it was the last part of a QDPX export still compressing, on one
    // core), for a file about a tenth larger.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(3));
    // Each part is compressed on its own thread into a zip of its own, then the compressed
    // entries are copied into one archive in order, not compressed again: a QDPX of a 7 MB
    // document has its text and its project file of about that size to deflate.
    let single: Vec<Vec<u8>> = parts
        .par_iter()
        .map(|(name, bytes)| {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            zip.start_file(*name, options).map_err(|e| fail(e.to_string()))?;
            zip.write_all(bytes).map_err(|e| fail(e.to_string()))?;
            zip.finish()
                .map(std::io::Cursor::into_inner)
                .map_err(|e| fail(e.to_string()))
        })
        .collect::<Result<_, _>>()?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for one in single {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(one)).map_err(|e| fail(e.to_string()))?;
        zip.merge_archive(archive).map_err(|e| fail(e.to_string()))?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| fail(e.to_string()))
}

pub fn docx(input: &Input<'_>, selected: &Selected<'_>) -> Result<Vec<u8>, ExportError> {
    let document = document_xml(input, selected);
    let core = core_xml();
    zip_parts(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
            ("word/document.xml", document.as_bytes()),
            ("word/styles.xml", STYLES.as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
            ("docProps/app.xml", APP.as_bytes()),
        ],
        "DOCX",
    )
}
