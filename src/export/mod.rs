//! Exporting selected passages with their provenance: XLSX, CSV, DOCX, Markdown and JSON.
//!
//! One selection model ([`Selection`]) serves the app's basket and the CLI. Every format
//! carries the same provenance (document, issuer, 文号, date, section path, domain, targets)
//! and the one citation format of [`crate::citation`]. Files are written atomically; an
//! existing file is only replaced when asked to.

mod docx;
mod markdown;
mod tabular;
mod xlsx;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::align::{Alignment, Category, Row, Taxonomy};
use crate::model::{Document, Section};
use crate::targets::Target;

/// The formats duizhao writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Xlsx,
    Csv,
    Docx,
    Md,
    Json,
}

impl Format {
    pub const ALL: [Self; 5] = [Self::Xlsx, Self::Csv, Self::Docx, Self::Md, Self::Json];

    /// The file extension (without dot).
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
            Self::Docx => "docx",
            Self::Md => "md",
            Self::Json => "json",
        }
    }

    /// The format a file name asks for.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.extension() == ext || (ext == "markdown" && *f == Self::Md))
    }
}

/// A section by document id and section id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SectionRef {
    pub doc: String,
    pub section: String,
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Selection {
    /// These sections, in this order (the app's basket, the CLI's `--sections`).
    Sections(Vec<SectionRef>),
    /// Every leaf section of these documents in these domains (empty: all), ordered by
    /// domain, then document, then position.
    Matrix { docs: Vec<String>, domains: Vec<String> },
}

/// Everything an export reads.
pub struct Input<'a> {
    pub docs: &'a [Document],
    pub alignment: &'a Alignment,
    pub taxonomy: &'a Taxonomy,
    /// Per document, in the order of `docs`.
    pub targets: &'a [Vec<Target>],
}

/// One exported passage and its provenance.
pub struct Passage<'a> {
    pub doc: &'a Document,
    pub section: &'a Section,
    /// Index into `alignment.leaves`.
    pub leaf: usize,
    /// The domain (first scheme) and the policy tool (second scheme), if any.
    pub domain: Option<&'a Category>,
    pub tool: Option<&'a Category>,
    pub targets: Vec<&'a Target>,
}

impl Passage<'_> {
    /// Targets as one line of text: `达到2.6万亿元 (≥ 2.6万亿 元, 2022, 网络零售额); …`.
    #[must_use]
    pub fn targets_text(&self) -> String {
        self.targets
            .iter()
            .map(|t| {
                let mut parts = vec![crate::targets::display_value(t)];
                parts.extend(t.year.map(|y| y.to_string()));
                parts.extend(t.metric.clone());
                format!("{} ({})", t.text, parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    #[must_use]
    pub fn citation(&self) -> String {
        crate::citation::cite(self.doc, self.section)
    }

    #[must_use]
    pub fn domain_name(&self) -> String {
        self.domain.map_or_else(|| "未归类".to_owned(), |c| c.zh.clone())
    }
}

/// Why an export could not be made. The basket and the documents are never touched.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}: the file exists (use --force, or confirm, to replace it)")]
    Exists(PathBuf),
    #[error("{path}: cannot write the export: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no document with id “{0}”")]
    UnknownDocument(String),
    #[error("no section “{section}” in document “{doc}” (or it has sub-sections: export its items)")]
    UnknownSection { doc: String, section: String },
    #[error("no domain “{0}” in the taxonomy")]
    UnknownDomain(String),
    #[error("nothing to export: the selection is empty")]
    Empty,
    #[error("cannot make the {format} file: {why}")]
    Render { format: &'static str, why: String },
}

/// Resolve a selection to passages.
///
/// # Errors
/// An unknown document, section or domain id, or an empty result.
pub fn resolve<'a>(input: &Input<'a>, selection: &Selection) -> Result<Vec<Passage<'a>>, ExportError> {
    let doc_index: HashMap<&str, usize> = input.docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let domain_scheme = input.taxonomy.schemes.first();
    let leaves: Vec<usize> = match selection {
        Selection::Sections(refs) => refs
            .iter()
            .map(|r| {
                let d = *doc_index
                    .get(r.doc.as_str())
                    .ok_or_else(|| ExportError::UnknownDocument(r.doc.clone()))?;
                let s = input.docs[d].sections.iter().position(|s| s.id == r.section);
                s.and_then(|s| input.alignment.leaf_index(d, s))
                    .ok_or_else(|| ExportError::UnknownSection {
                        doc: r.doc.clone(),
                        section: r.section.clone(),
                    })
            })
            .collect::<Result<_, _>>()?,
        Selection::Matrix { docs, domains } => {
            let doc_set: Vec<usize> = if docs.is_empty() {
                (0..input.docs.len()).collect()
            } else {
                docs.iter()
                    .map(|id| {
                        doc_index
                            .get(id.as_str())
                            .copied()
                            .ok_or_else(|| ExportError::UnknownDocument(id.clone()))
                    })
                    .collect::<Result<_, _>>()?
            };
            let scheme = domain_scheme.ok_or(ExportError::Empty)?;
            let wanted: Option<Vec<usize>> = if domains.is_empty() {
                None
            } else {
                Some(
                    domains
                        .iter()
                        .map(|id| {
                            scheme
                                .category_index(id)
                                .ok_or_else(|| ExportError::UnknownDomain(id.clone()))
                        })
                        .collect::<Result<_, _>>()?,
                )
            };
            let n = scheme.categories.len();
            let mut out = Vec::new();
            for (row, cells) in input.alignment.matrix(0, n, input.docs.len()) {
                let keep = match (&wanted, row) {
                    (None, _) => true,
                    (Some(w), Row::Category(c)) => w.contains(&c),
                    (Some(_), _) => false,
                };
                if keep {
                    for &d in &doc_set {
                        out.extend(cells[d].iter().copied());
                    }
                }
            }
            out
        }
    };
    if leaves.is_empty() {
        return Err(ExportError::Empty);
    }
    Ok(leaves
        .into_iter()
        .map(|leaf| {
            let l = input.alignment.leaves[leaf];
            let doc = &input.docs[l.doc];
            let section = &doc.sections[l.section];
            let category = |si: usize| {
                let scheme = input.taxonomy.schemes.get(si)?;
                input.alignment.schemes.get(si)?.assignments[leaf]
                    .primary
                    .map(|c| &scheme.categories[c])
            };
            let targets = input
                .targets
                .get(l.doc)
                .map_or_else(Vec::new, |ts| ts.iter().filter(|t| t.section == section.id).collect());
            Passage {
                doc,
                section,
                leaf,
                domain: category(0),
                tool: category(1),
                targets,
            }
        })
        .collect())
}

/// The bytes of an export.
///
/// # Errors
/// A writer failed (reported with the format's name).
pub fn render(format: Format, input: &Input<'_>, passages: &[Passage<'_>]) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Csv => tabular::csv(passages),
        Format::Xlsx => xlsx::xlsx(input, passages),
        Format::Docx => docx::docx(input, passages),
        Format::Md => Ok(markdown::markdown(passages).into_bytes()),
        Format::Json => {
            let leaves: Vec<usize> = passages.iter().map(|p| p.leaf).collect();
            let report =
                crate::align::report::AlignJson::for_leaves(input.taxonomy, input.docs, input.alignment, &leaves);
            serde_json::to_vec_pretty(&report).map_err(|e| ExportError::Render {
                format: "JSON",
                why: e.to_string(),
            })
        }
    }
}

/// Export a selection to `path`: resolved, rendered, written atomically. Refuses to replace
/// an existing file unless `force`. Returns the number of passages written.
///
/// # Errors
/// See [`ExportError`]; on any error no file is left behind.
pub fn export(
    path: &Path,
    format: Format,
    force: bool,
    input: &Input<'_>,
    selection: &Selection,
) -> Result<usize, ExportError> {
    if path.is_dir() {
        return Err(ExportError::Write {
            path: path.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a directory"),
        });
    }
    if path.exists() && !force {
        return Err(ExportError::Exists(path.to_owned()));
    }
    let passages = resolve(input, selection)?;
    let bytes = render(format, input, &passages)?;
    crate::fsutil::write_atomic(path, &bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(passages.len())
}

/// Column headings shared by the Passages sheet and the CSV.
pub const COLUMNS: [&str; 13] = [
    "domain",
    "policy tool",
    "region",
    "document",
    "发文机关",
    "文号",
    "date",
    "section",
    "heading",
    "text",
    "targets",
    "citation",
    "note",
];

/// One row of the Passages sheet / CSV.
#[must_use]
pub fn row(p: &Passage<'_>) -> [String; 13] {
    let m = &p.doc.meta;
    [
        p.domain_name(),
        p.tool.map(|c| c.zh.clone()).unwrap_or_default(),
        m.region.clone().unwrap_or_default(),
        m.title.clone().unwrap_or_else(|| p.doc.source.clone()),
        m.issuer.clone().unwrap_or_default(),
        m.doc_number.clone().unwrap_or_default(),
        m.date_issued
            .clone()
            .or_else(|| m.date_published.clone())
            .unwrap_or_default(),
        p.section.path.clone(),
        p.section.heading.clone(),
        p.section.text.clone(),
        p.targets_text(),
        p.citation(),
        String::new(),
    ]
}
