//! DOCX (docx-rs): per domain a heading and a side-by-side table, one column per document;
//! each passage with its heading, its text with target spans in bold, and its citation.

use std::io::Cursor;

use docx_rs::{Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow, WidthType};

use super::{ExportError, Input, Passage};

/// Passages grouped by domain name, groups in order of first appearance.
pub fn by_domain<'p, 'a>(passages: &'p [Passage<'a>]) -> Vec<(String, Vec<&'p Passage<'a>>)> {
    let mut groups: Vec<(String, Vec<&Passage<'a>>)> = Vec::new();
    for p in passages {
        let name = p
            .domain
            .map_or_else(|| "未归类 No category".to_owned(), |c| format!("{} {}", c.zh, c.en));
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, g)) => g.push(p),
            None => groups.push((name, vec![p])),
        }
    }
    groups
}

fn text_runs(p: &Passage<'_>) -> Paragraph {
    let text = &p.section.text;
    let mut spans: Vec<(usize, usize)> = p
        .targets
        .iter()
        .filter(|t| t.field == crate::targets::Field::Text)
        .map(|t| (t.span.start, t.span.end))
        .collect();
    spans.sort_unstable();
    let mut para = Paragraph::new();
    let mut at = 0;
    for (s, e) in spans {
        if s < at {
            continue;
        }
        para = para.add_run(Run::new().add_text(crate::text::char_slice(text, at, s)));
        para = para.add_run(Run::new().add_text(crate::text::char_slice(text, s, e)).bold());
        at = e;
    }
    para.add_run(Run::new().add_text(crate::text::char_slice(text, at, usize::MAX)))
}

pub fn docx(input: &Input<'_>, passages: &[Passage<'_>]) -> Result<Vec<u8>, ExportError> {
    let mut doc = Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(32)
                .bold(),
        )
        .add_style(
            Style::new("Citation", StyleType::Paragraph)
                .name("Citation")
                .size(18)
                .italic(),
        );
    doc = doc.add_paragraph(
        Paragraph::new().add_run(Run::new().add_text("duizhao 对照 — selected passages").bold().size(36)),
    );
    for (domain, group) in by_domain(passages) {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(&domain)).style("Heading1"));
        // Columns: the documents of this group, in the order of the loaded documents.
        let mut cols: Vec<&str> = Vec::new();
        for d in input.docs {
            if group.iter().any(|p| p.doc.id == d.id) {
                cols.push(&d.id);
            }
        }
        let header = TableRow::new(
            cols.iter()
                .map(|id| {
                    let name = input
                        .docs
                        .iter()
                        .find(|d| d.id == *id)
                        .map_or(*id, |d| d.display_name());
                    TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(name).bold()))
                })
                .collect(),
        );
        let cells = cols
            .iter()
            .map(|id| {
                let mut cell = TableCell::new();
                for p in group.iter().filter(|p| p.doc.id == *id) {
                    let heading = if p.section.heading.is_empty() {
                        p.section.path.clone()
                    } else {
                        format!("{} {}", p.section.path, p.section.heading)
                    };
                    cell = cell
                        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(heading).bold()))
                        .add_paragraph(text_runs(p))
                        .add_paragraph(
                            Paragraph::new()
                                .add_run(Run::new().add_text(format!("—— {}", p.citation())).italic().size(18))
                                .style("Citation"),
                        );
                }
                cell
            })
            .collect();
        let width = 9000 / cols.len().max(1);
        let grid = vec![width; cols.len()];
        doc = doc.add_table(
            Table::new(vec![header, TableRow::new(cells)])
                .set_grid(grid)
                .width(9000, WidthType::Dxa),
        );
    }
    let mut buf = Cursor::new(Vec::new());
    doc.build().pack(&mut buf).map_err(|e| ExportError::Render {
        format: "DOCX",
        why: e.to_string(),
    })?;
    Ok(buf.into_inner())
}
