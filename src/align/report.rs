//! The alignment as a serialisable report: the schema of `duizhao align --json` and of the
//! JSON export (README.md documents it).

use serde::Serialize;

use super::{Alignment, Evidence, Row, Scheme, Taxonomy};
use crate::model::Document;

/// `duizhao align --json`.
#[derive(Serialize)]
pub struct AlignJson<'a> {
    pub documents: Vec<DocRef<'a>>,
    pub schemes: Vec<SchemeRef<'a>>,
    pub sections: Vec<LeafJson<'a>>,
    /// Per scheme id: rows (category id, `group:N` or null) × documents → section ids.
    pub matrix: Vec<MatrixJson<'a>>,
}

#[derive(Serialize)]
pub struct DocRef<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub title: Option<&'a str>,
}

impl<'a> From<&'a Document> for DocRef<'a> {
    fn from(d: &'a Document) -> Self {
        Self {
            id: &d.id,
            source: &d.source,
            title: d.meta.title.as_deref(),
        }
    }
}

#[derive(Serialize)]
pub struct SchemeRef<'a> {
    pub id: &'a str,
    pub zh: &'a str,
    pub en: &'a str,
    pub categories: Vec<CategoryRef<'a>>,
    pub groups: Vec<GroupRef>,
}

#[derive(Serialize)]
pub struct CategoryRef<'a> {
    pub id: &'a str,
    pub zh: &'a str,
    pub en: &'a str,
    pub group: Option<&'a str>,
}

#[derive(Serialize)]
pub struct GroupRef {
    pub id: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct LeafJson<'a> {
    pub doc: &'a str,
    pub section: &'a str,
    pub path: &'a str,
    pub heading: &'a str,
    pub text: &'a str,
    pub domain: Option<String>,
    pub score: f32,
    pub secondary: Vec<Scored>,
    pub tool: Option<String>,
    pub overridden: bool,
    pub evidence: Vec<EvidenceJson>,
    /// The most similar section of each other document in the same domain row.
    pub counterparts: Vec<Counterpart<'a>>,
}

#[derive(Serialize)]
pub struct Scored {
    pub id: String,
    pub score: f32,
}

#[derive(Serialize)]
pub struct Counterpart<'a> {
    pub doc: &'a str,
    pub section: &'a str,
    pub similarity: f32,
}

#[derive(Serialize)]
pub struct EvidenceJson {
    pub kind: &'static str,
    pub category: Option<String>,
    /// cue term, or `doc/section` of a neighbour
    pub what: String,
    /// heading, body or context (cues only)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub points: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f32>,
}

#[derive(Serialize)]
pub struct MatrixJson<'a> {
    pub scheme: &'a str,
    pub rows: Vec<MatrixRow<'a>>,
}

#[derive(Serialize)]
pub struct MatrixRow<'a> {
    /// Category id, `group:N`, or null for sections with no category.
    pub row: Option<String>,
    /// One list of section ids per document, in the order of `documents`.
    pub cells: Vec<Vec<&'a str>>,
}

fn category_id(scheme: &Scheme, si: usize, alignment: &Alignment, leaf: usize) -> Option<String> {
    match alignment.row_of(si, leaf) {
        Row::Category(c) => Some(scheme.categories[c].id.clone()),
        Row::Group(g) => Some(format!("group:{g}")),
        Row::None => None,
    }
}

fn evidence_json(scheme: &Scheme, e: &Evidence) -> EvidenceJson {
    let cat = e.category().map(|c| scheme.categories[c].id.clone());
    match e {
        Evidence::Cue(h) => EvidenceJson {
            kind: "cue",
            category: cat,
            what: h.term.clone(),
            place: Some(format!("{:?}", h.place).to_lowercase()),
            points: h.points,
            similarity: None,
        },
        Evidence::Neighbour {
            doc,
            section,
            similarity,
            points,
            ..
        } => EvidenceJson {
            kind: "neighbour",
            category: cat,
            what: format!("{doc}/{section}"),
            place: None,
            points: *points,
            similarity: Some(*similarity),
        },
        Evidence::Preamble { points, .. } => EvidenceJson {
            kind: "preamble",
            category: cat,
            what: String::new(),
            place: None,
            points: *points,
            similarity: None,
        },
        Evidence::Model { what, points, .. } => EvidenceJson {
            kind: "model",
            category: cat,
            what: what.clone(),
            place: None,
            points: *points,
            similarity: None,
        },
        Evidence::Override { .. } => EvidenceJson {
            kind: "override",
            category: cat,
            what: String::new(),
            place: None,
            points: 0.0,
            similarity: None,
        },
    }
}

impl<'a> AlignJson<'a> {
    /// The report of every leaf.
    #[must_use]
    pub fn new(taxonomy: &'a Taxonomy, docs: &'a [Document], alignment: &'a Alignment) -> Self {
        let all: Vec<usize> = (0..alignment.leaves.len()).collect();
        Self::for_leaves(taxonomy, docs, alignment, &all)
    }

    /// The report restricted to some leaves (indices into `alignment.leaves`), in that order;
    /// the matrix counts only them.
    #[must_use]
    pub fn for_leaves(
        taxonomy: &'a Taxonomy,
        docs: &'a [Document],
        alignment: &'a Alignment,
        leaves: &[usize],
    ) -> Self {
        let counterparts = alignment.all_counterparts(0);
        let mut report = Self::frame(taxonomy, docs, alignment, leaves);
        report.sections = leaves
            .iter()
            .map(|&i| leaf_json(taxonomy, docs, alignment, i, &counterparts[i]))
            .collect();
        report
    }

    /// The report of `leaves` without its sections.
    fn frame(taxonomy: &'a Taxonomy, docs: &'a [Document], alignment: &'a Alignment, leaves: &[usize]) -> Self {
        let keep: std::collections::HashSet<usize> = leaves.iter().copied().collect();
        let schemes = taxonomy
            .schemes
            .iter()
            .enumerate()
            .map(|(si, s)| SchemeRef {
                id: &s.id,
                zh: &s.zh,
                en: &s.en,
                categories: s
                    .categories
                    .iter()
                    .map(|c| CategoryRef {
                        id: &c.id,
                        zh: &c.zh,
                        en: &c.en,
                        group: c.group.as_deref(),
                    })
                    .collect(),
                groups: alignment.schemes[si]
                    .groups
                    .iter()
                    .enumerate()
                    .map(|(g, gr)| GroupRef {
                        id: format!("group:{g}"),
                        label: gr.label.clone(),
                    })
                    .collect(),
            })
            .collect();
        let matrix = taxonomy
            .schemes
            .iter()
            .enumerate()
            .map(|(si, s)| MatrixJson {
                scheme: &s.id,
                rows: alignment
                    .matrix(si, s.categories.len(), docs.len())
                    .into_iter()
                    .map(|(row, cells)| MatrixRow {
                        row: match row {
                            Row::Category(c) => Some(s.categories[c].id.clone()),
                            Row::Group(g) => Some(format!("group:{g}")),
                            Row::None => None,
                        },
                        cells: cells
                            .iter()
                            .enumerate()
                            .map(|(d, cell)| {
                                cell.iter()
                                    .filter(|l| keep.contains(l))
                                    .map(|&l| docs[d].sections[alignment.leaves[l].section].id.as_str())
                                    .collect()
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Self {
            documents: docs
                .iter()
                .map(|d| DocRef {
                    id: &d.id,
                    source: &d.source,
                    title: d.meta.title.as_deref(),
                })
                .collect(),
            schemes,
            sections: Vec::new(),
            matrix,
        }
    }
}

/// Write the report of every leaf as pretty-printed JSON, the same bytes as
/// `serde_json::to_writer_pretty(w, &AlignJson::new(…))`, with the sections made and
/// printed in parallel a chunk at a time: for 1,000 documents they are 120 MB of JSON that
/// one thread printed after the alignment, and all of them held at once.
///
/// # Errors
/// Writing to `w` failed.
pub fn write_pretty(
    w: &mut impl std::io::Write,
    taxonomy: &Taxonomy,
    docs: &[Document],
    alignment: &Alignment,
) -> std::io::Result<()> {
    let all: Vec<usize> = (0..alignment.leaves.len()).collect();
    let counterparts = alignment.all_counterparts(0);
    let frame = AlignJson::frame(taxonomy, docs, alignment, &all);
    crate::jsonfmt::write_pretty_with_list(w, &frame, "sections", all.len(), |i| {
        leaf_json(taxonomy, docs, alignment, i, &counterparts[i])
    })
}

/// One leaf's entry of the report: its labels in the first two schemes, evidence and
/// counterparts.
fn leaf_json<'a>(
    taxonomy: &'a Taxonomy,
    docs: &'a [Document],
    alignment: &'a Alignment,
    i: usize,
    counterparts: &[(usize, f32)],
) -> LeafJson<'a> {
    let domain = &taxonomy.schemes[0];
    let tool = taxonomy.schemes.get(1);
    let l = alignment.leaves[i];
    let d = &docs[l.doc];
    let s = &d.sections[l.section];
    let a = &alignment.schemes[0].assignments[i];
    LeafJson {
        doc: &d.id,
        section: &s.id,
        path: &s.path,
        heading: &s.heading,
        text: &s.text,
        domain: category_id(domain, 0, alignment, i),
        score: a.score,
        secondary: a
            .secondary
            .iter()
            .map(|(c, sc)| Scored {
                id: domain.categories[*c].id.clone(),
                score: *sc,
            })
            .collect(),
        tool: tool.and_then(|t| category_id(t, 1, alignment, i)),
        overridden: a.overridden,
        evidence: a.evidence.iter().take(12).map(|e| evidence_json(domain, e)).collect(),
        counterparts: counterparts
            .iter()
            .map(|&(j, sim)| {
                let lj = alignment.leaves[j];
                Counterpart {
                    doc: &docs[lj.doc].id,
                    section: &docs[lj.doc].sections[lj.section].id,
                    similarity: sim,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streamed_report_is_the_report_printed_at_once() {
        let docs = crate::corpus::load_all();
        let aligner = super::super::Aligner::new(Taxonomy::builtin());
        let alignment = aligner.align(&docs);
        let mut streamed = Vec::new();
        write_pretty(&mut streamed, &aligner.taxonomy, &docs, &alignment).expect("writes");
        let whole = serde_json::to_vec_pretty(&AlignJson::new(&aligner.taxonomy, &docs, &alignment)).expect("prints");
        assert!(streamed == whole, "the streamed report differs");
        let none = aligner.align(&[]);
        let mut empty = Vec::new();
        write_pretty(&mut empty, &aligner.taxonomy, &[], &none).expect("writes");
        assert_eq!(
            empty,
            serde_json::to_vec_pretty(&AlignJson::new(&aligner.taxonomy, &[], &none)).expect("prints")
        );
    }
}
