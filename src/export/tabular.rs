//! CSV: UTF-8 with a byte-order mark (so that Excel on Windows reads it as UTF-8), RFC 4180
//! quoting, the columns of the Passages sheet.

use super::{Category, ExportError, Passage};

pub fn csv(passages: &[Passage<'_>]) -> Result<Vec<u8>, ExportError> {
    use rayon::prelude::*;
    /// Passages whose rows one thread writes.
    const CHUNK: usize = 512;
    let fail = |why: String| ExportError::Render { format: "CSV", why };
    let writer = |bom: &[u8]| {
        csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(bom.to_vec())
    };
    let mut w = writer(b"\xEF\xBB\xBF");
    w.write_record(COLUMNS).map_err(|e| fail(e.to_string()))?;
    let mut out = w.into_inner().map_err(|e| fail(e.to_string()))?;
    // A record's bytes depend on it alone: chunks of rows are written in parallel and joined
    // in order, the same bytes as one writer's.
    let chunks: Vec<Vec<u8>> = passages
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut w = writer(b"");
            for p in chunk {
                w.write_record(row(p)).map_err(|e| fail(e.to_string()))?;
            }
            w.into_inner().map_err(|e| fail(e.to_string()))
        })
        .collect::<Result<_, _>>()?;
    for c in chunks {
        out.extend_from_slice(&c);
    }
    Ok(out)
}

/// Column headings shared by the Passages sheet and the CSV. `id` (`doc:section`) joins
/// the Passages, Targets and 编码表 sheets; `doc_id` every sheet.
pub const COLUMNS: [&str; 21] = [
    "id",
    "doc_id",
    "document",
    "title",
    "发文机关",
    "文号",
    "成文日期",
    "发布日期",
    "region",
    "section",
    "heading",
    "domain_id",
    "domain",
    "domain_en",
    "tool_group",
    "tool_id",
    "policy tool",
    "text",
    "targets",
    "note",
    "citation",
];

/// Index of a column of [`COLUMNS`].
#[must_use]
pub fn column(name: &str) -> Option<usize> {
    COLUMNS.iter().position(|c| *c == name)
}

/// One row of the Passages sheet / CSV, in the order of [`COLUMNS`].
#[must_use]
pub fn row(p: &Passage<'_>) -> [String; COLUMNS.len()] {
    let m = &p.doc.meta;
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let cat = |c: Option<&Category>, f: fn(&Category) -> &String| c.map(f).cloned().unwrap_or_default();
    [
        p.id(),
        p.doc.id.clone(),
        p.doc.display_name().to_owned(),
        m.title.clone().unwrap_or_else(|| p.doc.source.clone()),
        opt(&m.issuer),
        opt(&m.doc_number),
        opt(&m.date_issued),
        opt(&m.date_published),
        opt(&m.region),
        p.place(),
        p.section.heading.clone(),
        cat(p.domain, |c| &c.id),
        p.domain_name(),
        p.domain.map_or_else(|| "No category".to_owned(), |c| c.en.clone()),
        p.tool.and_then(|c| c.group.clone()).unwrap_or_default(),
        cat(p.tool, |c| &c.id),
        cat(p.tool, |c| &c.zh),
        p.section.text.clone(),
        p.targets_text(),
        p.note.unwrap_or_default().to_owned(),
        p.citation(),
    ]
}
