//! JSON export (`duizhao-export/1`, README.md documents it): the selection's documents with
//! their metadata, its passages with full provenance, targets and citation, and the domain ×
//! document matrix of the selection only. Counterparts point only inside the selection.

use std::collections::HashMap;

use serde::Serialize;

use super::{ExportError, Input, Passage, Selected};
use crate::align::{Category, Row};
use crate::model::{CharRange, Document};
use crate::targets::Target;

/// The schema's name and version, the first field of every file.
pub const SCHEMA: &str = "duizhao-export/1";

#[derive(Serialize)]
struct ExportJson<'a> {
    schema: &'static str,
    exported_at: String,
    selection: SelectionJson<'a>,
    schemes: Vec<SchemeJson<'a>>,
    documents: Vec<DocumentJson<'a>>,
    passages: Vec<PassageJson<'a>>,
    matrix: MatrixJson,
}

#[derive(Serialize)]
struct SelectionJson<'a> {
    docs: Vec<&'a str>,
    /// Empty: every domain.
    domains: Vec<&'a str>,
}

#[derive(Serialize)]
struct SchemeJson<'a> {
    id: &'a str,
    zh: &'a str,
    en: &'a str,
    categories: Vec<CategoryJson<'a>>,
}

#[derive(Serialize)]
struct CategoryJson<'a> {
    id: &'a str,
    zh: &'a str,
    en: &'a str,
    group: Option<&'a str>,
}

impl<'a> From<&'a Category> for CategoryJson<'a> {
    fn from(c: &'a Category) -> Self {
        Self {
            id: &c.id,
            zh: &c.zh,
            en: &c.en,
            group: c.group.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    id: &'a str,
    label: &'a str,
    source: &'a str,
    title: Option<&'a str>,
    notice_title: Option<&'a str>,
    issuer: Option<&'a str>,
    doc_number: Option<&'a str>,
    date_issued: Option<&'a str>,
    date_published: Option<&'a str>,
    period: Option<[u16; 2]>,
    region: Option<&'a str>,
    keywords: &'a [String],
    passages: usize,
}

impl<'a> DocumentJson<'a> {
    fn new(d: &'a Document, passages: usize) -> Self {
        let m = &d.meta;
        Self {
            id: &d.id,
            label: &d.label,
            source: &d.source,
            title: m.title.as_deref(),
            notice_title: m.notice_title.as_deref(),
            issuer: m.issuer.as_deref(),
            doc_number: m.doc_number.as_deref(),
            date_issued: m.date_issued.as_deref(),
            date_published: m.date_published.as_deref(),
            period: m.period,
            region: m.region.as_deref(),
            keywords: &m.keywords,
            passages,
        }
    }
}

#[derive(Serialize)]
struct PassageJson<'a> {
    id: String,
    doc: &'a str,
    section: &'a str,
    path: &'a str,
    place: String,
    heading: &'a str,
    text: &'a str,
    range: CharRange,
    text_range: CharRange,
    domain: Option<CategoryJson<'a>>,
    domain_score: f32,
    overridden: bool,
    tool: Option<CategoryJson<'a>>,
    targets: Vec<&'a Target>,
    /// The researcher's note on the section; empty when there is none (README schema).
    note: &'a str,
    citation: String,
    counterparts: Vec<CounterpartJson>,
}

#[derive(Serialize)]
struct CounterpartJson {
    id: String,
    similarity: f32,
}

#[derive(Serialize)]
struct MatrixJson {
    scheme: String,
    /// Document ids, the columns.
    docs: Vec<String>,
    rows: Vec<MatrixRowJson>,
}

#[derive(Serialize)]
struct MatrixRowJson {
    /// Domain id, or null for passages with no domain.
    domain: Option<String>,
    /// Passage ids per document, in the order of `docs`.
    cells: Vec<Vec<String>>,
}

pub fn json(input: &Input<'_>, selected: &Selected<'_>) -> Result<Vec<u8>, ExportError> {
    let passages = &selected.passages;
    let by_leaf: HashMap<usize, &Passage<'_>> = passages.iter().map(|p| (p.leaf, p)).collect();
    let docs: Vec<&Document> = selected.docs.iter().map(|&d| &input.docs[d]).collect();
    let domain_scheme = input.taxonomy.schemes.first();
    let leaves: Vec<usize> = passages.iter().map(|p| p.leaf).collect();
    let counterparts = input.alignment.counterparts_of(0, &leaves);
    let mut per_doc: HashMap<&str, usize> = HashMap::new();
    for p in passages {
        *per_doc.entry(p.doc.id.as_str()).or_default() += 1;
    }
    let frame = ExportJson {
        schema: SCHEMA,
        exported_at: super::now_iso8601(),
        selection: SelectionJson {
            docs: docs.iter().map(|d| d.id.as_str()).collect(),
            domains: selected
                .domains
                .iter()
                .filter_map(|&c| domain_scheme.map(|s| s.categories[c].id.as_str()))
                .collect(),
        },
        schemes: input
            .taxonomy
            .schemes
            .iter()
            .map(|s| SchemeJson {
                id: &s.id,
                zh: &s.zh,
                en: &s.en,
                categories: s.categories.iter().map(CategoryJson::from).collect(),
            })
            .collect(),
        documents: docs
            .iter()
            .map(|d| DocumentJson::new(d, per_doc.get(d.id.as_str()).copied().unwrap_or(0)))
            .collect(),
        passages: Vec::new(),
        matrix: matrix(input, selected),
    };
    let passage = |i: usize| {
        let p = &passages[i];
        let s = p.section;
        PassageJson {
            id: p.id(),
            doc: &p.doc.id,
            section: &s.id,
            path: &s.path,
            place: p.place(),
            heading: &s.heading,
            text: &s.text,
            range: s.range,
            text_range: s.text_range,
            domain: p.domain.map(CategoryJson::from),
            domain_score: input
                .alignment
                .schemes
                .first()
                .map_or(0.0, |a| a.assignments[p.leaf].score),
            overridden: p.overridden,
            tool: p.tool.map(CategoryJson::from),
            targets: p.targets.clone(),
            note: p.note.unwrap_or_default(),
            citation: p.citation(),
            counterparts: counterparts
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|&(leaf, similarity)| {
                    by_leaf.get(&leaf).map(|q| CounterpartJson { id: q.id(), similarity })
                })
                .collect(),
        }
    };
    // The passages are most of the file (tens of megabytes for a large document): printed
    // in parallel, the same bytes as printing the whole value. The buffer is sized for about
    // all of it at once (each text twice, escaped or not, and a kilobyte of fields per
    // passage): grown by doubling it was copied again and again, into fresh pages each time.
    // Room never written is never touched, so it costs no memory.
    let estimate: usize = passages
        .iter()
        .map(|p| 2 * (p.section.text.len() + p.section.heading.len()) + 1024)
        .sum();
    let mut out = Vec::with_capacity(estimate);
    crate::jsonfmt::write_pretty_with_list(&mut out, &frame, "passages", passages.len(), passage).map_err(|e| {
        ExportError::Render {
            format: "JSON",
            why: e.to_string(),
        }
    })?;
    Ok(out)
}

fn matrix(input: &Input<'_>, selected: &Selected<'_>) -> MatrixJson {
    let scheme = input.taxonomy.schemes.first();
    let rows = super::matrix_rows(input, selected)
        .into_iter()
        .map(|(row, cells)| MatrixRowJson {
            domain: match row {
                Row::Category(c) => scheme.map(|s| s.categories[c].id.clone()),
                _ => None,
            },
            cells: cells
                .into_iter()
                .map(|ps| ps.into_iter().map(|p| selected.passages[p].id()).collect())
                .collect(),
        })
        .collect();
    MatrixJson {
        scheme: scheme.map(|s| s.id.clone()).unwrap_or_default(),
        docs: selected.docs.iter().map(|&d| input.docs[d].id.clone()).collect(),
        rows,
    }
}
