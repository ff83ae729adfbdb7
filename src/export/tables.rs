//! The tables policy-tool studies publish, for the xlsx sheets and the CSV formats:
//!
//! - the **policy-tool × domain cross-table** (政策工具 × 政策领域): one block per document of
//!   the selection and one pooled, each headed by the document set and the date; rows are the
//!   tool groups (供给型 / 环境型 / 需求型) each followed by its sub-tools, then passages with
//!   no tool; columns the domains the selection touches; cells count items; every row has its
//!   total and its share of the block, the last rows the column totals and shares;
//! - the **coding table** (编码表): one row per item, numbered 文件-章-条 (`3-2-4`: the third
//!   document of the selection, its second top-level section, the fourth item in it; a
//!   preamble is `-0`, a second one `-0.2`), with its text, tool and domain.
//!
//! Both count the alignment as corrected: a section the researcher moved counts where they
//! put it (the `coded_by` column says which).

use super::{Input, Passage, Selected};
use crate::align::{Category, Leaf};
use crate::model::{DocIx, Document, SecIx};
use std::collections::HashMap;

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Count(usize),
    /// A share, 0–1.
    Share(f64),
    Empty,
}

impl Value {
    fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }

    /// As CSV writes it: shares as percentages with one decimal.
    #[must_use]
    pub fn to_csv(&self) -> String {
        match self {
            Self::Text(s) => s.clone(),
            Self::Count(n) => n.to_string(),
            Self::Share(f) => format!("{:.1}%", f * 100.0),
            Self::Empty => String::new(),
        }
    }
}

/// A titled table.
#[derive(Debug, Clone)]
pub struct Block {
    /// Lines printed above the table (what, which documents, when).
    pub title: Vec<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A row of the cross-table: a tool group (its sub-tools summed), a sub-tool, or no tool.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ToolRow<'t> {
    Group(&'t str),
    Tool(&'t Category),
    None,
}

fn doc_names(input: &Input<'_>, selected: &Selected<'_>) -> String {
    selected
        .docs
        .iter()
        .map(|&d| input.docs[d].display_name())
        .collect::<Vec<_>>()
        .join("、")
}

/// The cross-table: one block per document of the selection, then the pooled block.
#[must_use]
pub fn crosstab(input: &Input<'_>, selected: &Selected<'_>) -> Vec<Block> {
    let passages = &selected.passages;
    // Columns: the domains of the selection, in taxonomy order, then "no domain".
    let domain_scheme = input.taxonomy.schemes.first();
    let mut domains: Vec<Option<&Category>> = domain_scheme
        .map(|s| {
            s.categories
                .iter()
                .filter(|c| passages.iter().any(|p| p.domain.is_some_and(|d| d.id == c.id)))
                .map(Some)
                .collect()
        })
        .unwrap_or_default();
    if passages.iter().any(|p| p.domain.is_none()) {
        domains.push(None);
    }
    // Rows: each group then its tools, tools without a group, then "no tool".
    let mut rows: Vec<ToolRow<'_>> = Vec::new();
    if let Some(tools) = input.taxonomy.schemes.get(1) {
        let mut groups: Vec<&str> = Vec::new();
        for c in &tools.categories {
            if let Some(g) = c.group.as_deref().filter(|g| !groups.contains(g)) {
                groups.push(g);
            }
        }
        for g in groups {
            rows.push(ToolRow::Group(g));
            rows.extend(
                tools
                    .categories
                    .iter()
                    .filter(|c| c.group.as_deref() == Some(g))
                    .map(ToolRow::Tool),
            );
        }
        rows.extend(tools.categories.iter().filter(|c| c.group.is_none()).map(ToolRow::Tool));
    }
    rows.push(ToolRow::None);
    let date = &super::now_iso8601()[..10];
    let all = doc_names(input, selected);
    let mut blocks: Vec<Block> = selected
        .docs
        .iter()
        .map(|&d| {
            let doc = &input.docs[d];
            let mine: Vec<&Passage<'_>> = passages.iter().filter(|p| p.doc.id == doc.id).collect();
            block(
                vec![
                    format!("政策工具 × 政策领域 Policy tool × domain — {}", describe(doc)),
                    format!("文件集 Document set: {all} · {date}"),
                ],
                &rows,
                &domains,
                &mine,
            )
        })
        .collect();
    let pooled: Vec<&Passage<'_>> = passages.iter().collect();
    blocks.push(block(
        vec![
            format!(
                "政策工具 × 政策领域 Policy tool × domain — 合计 pooled ({} documents)",
                selected.docs.len()
            ),
            format!("文件集 Document set: {all} · {date}"),
        ],
        &rows,
        &domains,
        &pooled,
    ));
    blocks
}

fn describe(doc: &Document) -> String {
    let title = doc.meta.title.as_deref().unwrap_or(&doc.source);
    format!("{} 《{title}》", doc.display_name())
}

fn in_row(row: ToolRow<'_>, p: &Passage<'_>) -> bool {
    match row {
        ToolRow::Group(g) => p.tool.is_some_and(|t| t.group.as_deref() == Some(g)),
        ToolRow::Tool(c) => p.tool.is_some_and(|t| t.id == c.id),
        ToolRow::None => p.tool.is_none(),
    }
}

fn in_column(domain: Option<&Category>, p: &Passage<'_>) -> bool {
    match (domain, p.domain) {
        (Some(c), Some(d)) => c.id == d.id,
        (None, None) => true,
        _ => false,
    }
}

fn ratio(n: usize, total: usize) -> Value {
    if total == 0 {
        Value::Empty
    } else {
        #[allow(clippy::cast_precision_loss)]
        Value::Share(n as f64 / total as f64)
    }
}

fn block(title: Vec<String>, rows: &[ToolRow<'_>], domains: &[Option<&Category>], passages: &[&Passage<'_>]) -> Block {
    let mut header = vec![
        "tool_group".to_owned(),
        "tool_id".to_owned(),
        "政策工具 tool".to_owned(),
    ];
    header.extend(
        domains
            .iter()
            .map(|d| d.map_or_else(|| "— 未归类 No category".to_owned(), |c| format!("{} {}", c.id, c.zh))),
    );
    header.extend(["合计 total".to_owned(), "占比 share".to_owned()]);
    let total = passages.len();
    let mut out = Vec::new();
    for &row in rows {
        let (group, id, name) = match row {
            ToolRow::Group(g) => (g.to_owned(), String::new(), format!("{g} 小计 subtotal")),
            ToolRow::Tool(c) => (c.group.clone().unwrap_or_default(), c.id.clone(), c.zh.clone()),
            ToolRow::None => (String::new(), String::new(), "未归类 No tool".to_owned()),
        };
        let mut cells = vec![Value::text(group), Value::text(id), Value::text(name)];
        let mine: Vec<&&Passage<'_>> = passages.iter().filter(|p| in_row(row, p)).collect();
        for &d in domains {
            cells.push(Value::Count(mine.iter().filter(|p| in_column(d, p)).count()));
        }
        cells.push(Value::Count(mine.len()));
        cells.push(ratio(mine.len(), total));
        out.push(cells);
    }
    let column_counts: Vec<usize> = domains
        .iter()
        .map(|&d| passages.iter().filter(|p| in_column(d, p)).count())
        .collect();
    let mut totals = vec![Value::Empty, Value::Empty, Value::text("合计 total")];
    totals.extend(column_counts.iter().map(|&n| Value::Count(n)));
    totals.extend([Value::Count(total), ratio(total, total)]);
    out.push(totals);
    let mut shares = vec![Value::Empty, Value::Empty, Value::text("占比 share")];
    shares.extend(column_counts.iter().map(|&n| ratio(n, total)));
    shares.extend([Value::Empty, Value::Empty]);
    out.push(shares);
    Block {
        title,
        header,
        rows: out,
    }
}

/// `文件-章-条`: the document's place in the selection (from 1), then the section's place
/// among its siblings at every level (a preamble is 0, a second one 0.2, and preambles are
/// not counted among the numbered sections). `places` is [`places`] of `doc`.
#[must_use]
pub fn code(doc_number: usize, doc: &Document, places: &[String], section: SecIx) -> String {
    let mut parts = Vec::new();
    let mut at = Some(section);
    while let Some(i) = at {
        parts.push(places[i.get()].as_str());
        at = doc.sections[i].parent;
    }
    let number = doc_number.to_string();
    parts.push(&number);
    parts.reverse();
    parts.join("-")
}

/// Every section's place among its siblings, as [`code`] writes it: computed once per
/// document, so that a coding table of thousands of sections is not quadratic in them.
#[must_use]
pub fn places(doc: &Document) -> Vec<String> {
    let preamble = |j: SecIx| doc.sections[j].kind == crate::model::MarkerKind::Preamble;
    let roots: Vec<SecIx> = SecIx::all(doc.sections.len())
        .filter(|&j| doc.sections[j].parent.is_none())
        .collect();
    let mut out = vec![String::new(); doc.sections.len()];
    let groups = std::iter::once(&roots).chain(doc.sections.iter().map(|s| &s.children));
    for siblings in groups {
        let (mut numbered, mut preambles) = (0, 0);
        for &j in siblings {
            out[j.get()] = if preamble(j) {
                preambles += 1;
                if preambles == 1 {
                    "0".to_owned()
                } else {
                    format!("0.{preambles}")
                }
            } else {
                numbered += 1;
                numbered.to_string()
            };
        }
    }
    out
}

/// The coding table's columns.
pub const CODING_COLUMNS: [&str; 12] = [
    "编码 code",
    "id",
    "doc_id",
    "document",
    "section",
    "heading",
    "text",
    "tool_group",
    "policy tool",
    "domain_id",
    "domain",
    "coded_by",
];

/// The coding table: one row per passage of the selection, in selection order.
#[must_use]
pub fn coding(input: &Input<'_>, selected: &Selected<'_>) -> Block {
    // Per chosen document: its number in the selection and its sections' places.
    let mut known: HashMap<DocIx, (usize, Vec<String>)> = HashMap::new();
    let rows = selected
        .passages
        .iter()
        .map(|p| {
            let Leaf { doc, section } = input.alignment.leaves[p.leaf];
            let (number, places) = known.entry(doc).or_insert_with(|| {
                let number = selected.docs.iter().position(|&d| d == doc).map_or(0, |k| k + 1);
                (number, places(p.doc))
            });
            vec![
                Value::text(code(*number, p.doc, places, section)),
                Value::text(p.id()),
                Value::text(p.doc.id.clone()),
                Value::text(p.doc.display_name()),
                Value::text(p.place()),
                Value::text(p.section.heading.clone()),
                Value::text(p.section.text.clone()),
                Value::text(p.tool.and_then(|c| c.group.clone()).unwrap_or_default()),
                Value::text(p.tool.map(|c| c.zh.clone()).unwrap_or_default()),
                Value::text(p.domain.map(|c| c.id.clone()).unwrap_or_default()),
                Value::text(p.domain_name()),
                Value::text(if p.overridden { "researcher" } else { "duizhao" }),
            ]
        })
        .collect();
    let docs: Vec<String> = selected
        .docs
        .iter()
        .enumerate()
        .map(|(k, &d)| format!("{}={}", k + 1, input.docs[d].display_name()))
        .collect();
    Block {
        title: vec![
            "编码表 Coding table (文件-章-条)".to_owned(),
            format!("文件 Documents: {} · {}", docs.join("、"), &super::now_iso8601()[..10]),
        ],
        header: CODING_COLUMNS.iter().map(|s| (*s).to_owned()).collect(),
        rows,
    }
}

/// Blocks as CSV: title lines (if `titles`), header, rows, a blank line between blocks.
/// UTF-8 with BOM, CRLF, RFC 4180 quoting (as the passages CSV).
///
/// # Errors
/// The CSV writer failed.
pub fn blocks_csv(blocks: &[Block], titles: bool) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            w.write_record([""])?;
        }
        if titles {
            for t in &b.title {
                w.write_record([t])?;
            }
        }
        w.write_record(&b.header)?;
        for r in &b.rows {
            w.write_record(r.iter().map(Value::to_csv))?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::{code, places};

    #[test]
    fn preambles_are_zero_and_numbered_parts_count_without_them() {
        let zhejiang = crate::corpus::BUNDLED
            .iter()
            .find(|b| b.id == "zhejiang-2020")
            .expect("bundled");
        let d = crate::corpus::load_bundled(zhejiang).expect("reads");
        let p = places(&d);
        assert_eq!((d.sections[0].path.as_str(), p[0].as_str()), ("preamble", "0"));
        assert_eq!((d.sections[1].id.as_str(), p[1].as_str()), ("preamble~2", "0.2"));
        let item = d
            .sections
            .iter()
            .position(|s| s.path == "二/(一)/1")
            .map(crate::model::SecIx)
            .expect("二/(一)/1");
        assert_eq!(code(3, &d, &p, item), "3-2-1-1");
    }
}
