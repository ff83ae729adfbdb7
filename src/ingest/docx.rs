//! .docx → paragraphs in order (body and table cells), with heading styles and list
//! numbering kept as hints.

use std::collections::HashMap;

use docx_rs::{DocumentChild, Paragraph, TableCellContent, TableChild, TableRowChild};

use super::{Hint, Para};

/// Read the paragraphs of a .docx.
///
/// # Errors
/// A description of what is wrong with the file (not a zip, no document part, …).
pub fn read(bytes: &[u8]) -> Result<Vec<Para>, String> {
    if !bytes.starts_with(b"PK") {
        return Err("it is not a zip archive, so not a Word document".to_owned());
    }
    // docx-rs is a third-party parser of untrusted input: a panic inside it must become an
    // error for this one file, not bring the app down.
    let parsed = std::panic::catch_unwind(|| docx_rs::read_docx(bytes))
        .map_err(|_| "the Word parser failed on this file".to_owned())?;
    let docx = parsed.map_err(|e| e.to_string())?;
    let heading_styles: HashMap<&str, u8> = docx
        .styles
        .styles
        .iter()
        .filter_map(|s| {
            let level = s
                .name
                .get_heading_number()
                .or_else(|| s.paragraph_property.outline_lvl.as_ref().map(|o| o.v + 1))?;
            Some((s.style_id.as_str(), u8::try_from(level.clamp(1, 6)).unwrap_or(6)))
        })
        .collect();
    let mut out = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => push_para(p, &heading_styles, &mut out),
            DocumentChild::Table(t) => push_table(t, &heading_styles, &mut out),
            _ => {}
        }
    }
    Ok(out)
}

fn push_table(t: &docx_rs::Table, styles: &HashMap<&str, u8>, out: &mut Vec<Para>) {
    for TableChild::TableRow(row) in &t.rows {
        for TableRowChild::TableCell(cell) in &row.cells {
            for c in &cell.children {
                match c {
                    TableCellContent::Paragraph(p) => push_para(p, styles, out),
                    TableCellContent::Table(inner) => push_table(inner, styles, out),
                    _ => {}
                }
            }
        }
    }
}

fn push_para(p: &Paragraph, styles: &HashMap<&str, u8>, out: &mut Vec<Para>) {
    let text = p.raw_text();
    let prop = &p.property;
    let hint = if let Some(level) = prop.style.as_ref().and_then(|s| styles.get(s.val.as_str())) {
        Hint::Heading(*level)
    } else if let Some(o) = &prop.outline_lvl {
        Hint::Heading(u8::try_from((o.v + 1).clamp(1, 6)).unwrap_or(6))
    } else if let Some(n) = prop
        .numbering_property
        .as_ref()
        .filter(|n| n.id.as_ref().is_some_and(|id| id.id != 0))
    {
        Hint::WordList(u8::try_from(n.level.as_ref().map_or(0, |l| l.val).min(8)).unwrap_or(8))
    } else {
        Hint::None
    };
    // A soft line break inside a paragraph is still one paragraph of the policy.
    for (i, line) in text.split('\n').enumerate() {
        out.push(Para {
            text: line.to_owned(),
            hint: if i == 0 { hint } else { Hint::None },
            bold_prefix: 0,
        });
    }
}
