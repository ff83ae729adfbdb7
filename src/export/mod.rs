//! Exporting selected passages with their provenance: XLSX, CSV, DOCX, Markdown, JSON,
//! REFI-QDA (.qdpx), and the policy-tool × domain cross-table and coding table (CSV).
//!
//! One selection model ([`Selection`]) serves the app's basket and the CLI. Every format
//! carries the same provenance (document, issuer, 文号, date, section path, domain, targets)
//! and the one citation format of [`crate::citation`]. Files are written atomically; an
//! existing file is only replaced when asked to.

pub mod chart;
mod docx;
mod json;
mod markdown;
mod qdpx;
pub mod tables;
mod tabular;
pub use tabular::{COLUMNS, column, row};
mod write;
mod xlsx;

use write::{writable, write_new};

pub use json::SCHEMA as JSON_SCHEMA;
pub use qdpx::{code_guid, guid};
pub use xlsx::{CELL_LIMIT, TARGET_COLUMNS, wrapped_lines};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::align::{Alignment, Category, Row, Taxonomy};
use crate::model::{ByHandle, DocIx, Document, Section};
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
    /// REFI-QDA project exchange (MAXQDA, NVivo, ATLAS.ti, QualCoder).
    Qdpx,
    /// The policy-tool × domain cross-table as CSV (also a sheet of the xlsx).
    Crosstab,
    /// The coding table (编码表) as CSV (also a sheet of the xlsx).
    Coding,
}

impl Format {
    /// The formats a file name can ask for (the app's choices). The cross-table and the
    /// coding table are CSV files asked for by name (`--format crosstab|coding`).
    pub const ALL: [Self; 6] = [Self::Xlsx, Self::Csv, Self::Docx, Self::Md, Self::Json, Self::Qdpx];

    /// Every format, in the order `--format` lists them.
    pub const NAMED: [Self; 8] = [
        Self::Xlsx,
        Self::Csv,
        Self::Docx,
        Self::Md,
        Self::Json,
        Self::Qdpx,
        Self::Crosstab,
        Self::Coding,
    ];

    /// The format's name as `--format` and the settings file spell it (lower case).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Crosstab => "crosstab",
            Self::Coding => "coding",
            other => other.extension(),
        }
    }

    /// The format of a name (as [`Format::name`] spells it).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::NAMED.into_iter().find(|f| f.name() == name)
    }

    /// The file extension (without dot).
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv | Self::Crosstab | Self::Coding => "csv",
            Self::Docx => "docx",
            Self::Md => "md",
            Self::Json => "json",
            Self::Qdpx => "qdpx",
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
    /// The researcher's notes (memos) on sections, exported with them.
    pub notes: &'a Notes,
}

/// Notes on sections, by section key.
pub type Notes = std::collections::BTreeMap<crate::model::SecKey, String>;

/// One exported passage and its provenance.
pub struct Passage<'a> {
    pub doc: &'a Document,
    pub section: &'a Section,
    /// Index into `alignment.leaves`.
    pub leaf: usize,
    /// The domain (first scheme) and the policy tool (second scheme), if any.
    pub domain: Option<&'a Category>,
    pub tool: Option<&'a Category>,
    /// Whether a user correction decided the domain.
    pub overridden: bool,
    pub targets: Vec<&'a Target>,
    /// The researcher's note on the section.
    pub note: Option<&'a str>,
}

impl Passage<'_> {
    /// The id that joins every sheet and every format: `doc-id:section-id`.
    #[must_use]
    pub fn id(&self) -> String {
        format!("{}:{}", self.doc.id, self.section.id)
    }

    /// Targets as one line of text: `达到2.6万亿元 (≥ 2.6万亿 元, 2022, 网络零售额); …`.
    #[must_use]
    pub fn targets_text(&self) -> String {
        self.targets
            .iter()
            .map(|t| {
                let mut parts = vec![crate::targets::display_value(t)];
                if t.unit.is_empty() {
                    parts.push(format!("unit {UNSPECIFIED}"));
                }
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

    /// The section's place for display: its numbering path, `前言` for a preamble.
    #[must_use]
    pub fn place(&self) -> String {
        crate::citation::place(self.section)
    }

    /// Place and heading: `二/10 优化发展在线教育`.
    #[must_use]
    pub fn place_and_heading(&self) -> String {
        if self.section.heading.is_empty() {
            self.place()
        } else {
            format!("{} {}", self.place(), self.section.heading)
        }
    }

    #[must_use]
    pub fn domain_name(&self) -> String {
        self.domain
            .map_or_else(|| UNCATEGORISED_ZH.to_owned(), |c| c.zh.clone())
    }

    /// `id 中文 English` of the domain, the one way every format names it.
    #[must_use]
    pub fn domain_label(&self) -> String {
        domain_label(self.domain)
    }

    /// `供给型 / 人才培养` (group / sub-tool), or empty.
    #[must_use]
    pub fn tool_label(&self) -> String {
        self.tool.map_or_else(String::new, |c| match &c.group {
            Some(g) => format!("{g} / {}", c.zh),
            None => c.zh.clone(),
        })
    }
}

/// What an empty unit is called where a unit is expected (`100+`, `项/个` the scanner
/// cannot tell).
pub const UNSPECIFIED: &str = "(unspecified)";
const UNCATEGORISED_ZH: &str = "未归类";

/// `id 中文 English` of a domain, or `— 未归类 No category`.
#[must_use]
pub fn domain_label(domain: Option<&Category>) -> String {
    domain.map_or_else(
        || format!("— {UNCATEGORISED_ZH} No category"),
        |c| format!("{} {} {}", c.id, c.zh, c.en),
    )
}

/// A resolved selection: its passages and its documents.
pub struct Selected<'a> {
    pub passages: Vec<Passage<'a>>,
    /// Indices into `input.docs` of the selection's documents, in the selection's order
    /// (`--docs` as given; for sections, the order documents first appear). Documents with
    /// no passage are kept: absence is a finding.
    pub docs: Vec<DocIx>,
    /// The domain categories the selection asked for (empty: all).
    pub domains: Vec<usize>,
}

/// Rendered bytes and what the reader should know about them.
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// E.g. a cell that had to be shortened, naming the document and section.
    pub warnings: Vec<String>,
}

/// What [`export`] wrote.
#[derive(Debug)]
pub struct Exported {
    pub passages: usize,
    /// Things changed to fit the format (each names the document and section).
    pub warnings: Vec<String>,
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
    select(input, selection).map(|s| s.passages)
}

/// Resolve a selection to its passages and documents.
///
/// # Errors
/// An unknown document, section or domain id, or an empty result.
pub fn select<'a>(input: &Input<'a>, selection: &Selection) -> Result<Selected<'a>, ExportError> {
    let doc_index: HashMap<&str, DocIx> = input
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), DocIx(i)))
        .collect();
    let domain_scheme = input.taxonomy.schemes.first();
    let mut sel_docs: Vec<DocIx> = Vec::new();
    let mut sel_domains: Vec<usize> = Vec::new();
    let leaves: Vec<usize> = match selection {
        Selection::Sections(refs) => {
            let leaves: Vec<usize> = refs
                .iter()
                .map(|r| {
                    let d = *doc_index
                        .get(r.doc.as_str())
                        .ok_or_else(|| ExportError::UnknownDocument(r.doc.clone()))?;
                    let s = input.docs[d].section_ix(&r.section);
                    s.and_then(|s| input.alignment.leaf_index(d, s))
                        .ok_or_else(|| ExportError::UnknownSection {
                            doc: r.doc.clone(),
                            section: r.section.clone(),
                        })
                })
                .collect::<Result<_, _>>()?;
            for &l in &leaves {
                let d = input.alignment.leaves[l].doc;
                if !sel_docs.contains(&d) {
                    sel_docs.push(d);
                }
            }
            leaves
        }
        Selection::Matrix { docs, domains } => {
            sel_docs = if docs.is_empty() {
                DocIx::all(input.docs.len()).collect()
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
            sel_domains = domains
                .iter()
                .map(|id| {
                    scheme
                        .category_index(id)
                        .ok_or_else(|| ExportError::UnknownDomain(id.clone()))
                })
                .collect::<Result<_, _>>()?;
            let n = scheme.categories.len();
            let mut out = Vec::new();
            for (row, cells) in input.alignment.matrix(0, n, input.docs.len()) {
                let keep = match row {
                    _ if sel_domains.is_empty() => true,
                    Row::Category(c) => sel_domains.contains(&c),
                    _ => false,
                };
                if keep {
                    for &d in &sel_docs {
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
    // A document's targets come in section order (`targets::extract`): a leaf's are found by
    // binary search instead of a scan of the document's every target per leaf (11,562 leaves
    // × the targets of a 7 MB document). Targets in another order are scanned as before.
    let in_order: Vec<bool> = input
        .targets
        .iter()
        .map(|ts| ts.is_sorted_by_key(|t| t.section_ix))
        .collect();
    let passages = leaves.into_iter().map(|leaf| passage(input, leaf, &in_order)).collect();
    Ok(Selected {
        passages,
        docs: sel_docs,
        domains: sel_domains,
    })
}

/// Leaf `leaf` as a passage: its document, section, domain and tool, and its targets.
/// `in_order[d]`: document `d`'s targets are sorted by section.
fn passage<'a>(input: &Input<'a>, leaf: usize, in_order: &[bool]) -> Passage<'a> {
    let l = input.alignment.leaves[leaf];
    let doc = &input.docs[l.doc];
    let section = &doc.sections[l.section];
    let assignment = |si: usize| input.alignment.schemes.get(si).map(|s| &s.assignments[leaf]);
    let category = |si: usize| {
        let scheme = input.taxonomy.schemes.get(si)?;
        assignment(si)?.primary.map(|c| &scheme.categories[c])
    };
    let targets = input.targets.at(l.doc).map_or_else(Vec::new, |ts| {
        if in_order.get(l.doc.get()).copied().unwrap_or(false) {
            let start = ts.partition_point(|t| t.section_ix < l.section);
            let end = start + ts[start..].partition_point(|t| t.section_ix == l.section);
            ts[start..end].iter().collect()
        } else {
            ts.iter().filter(|t| t.section_ix == l.section).collect()
        }
    });
    Passage {
        doc,
        section,
        leaf,
        domain: category(0),
        tool: category(1),
        overridden: assignment(0).is_some_and(|a| a.overridden),
        targets,
        note: doc
            .sec_key(l.section)
            .and_then(|k| input.notes.get(&k))
            .map(String::as_str),
    }
}

/// The bytes of an export.
///
/// # Errors
/// A writer failed (reported with the format's name).
pub fn render(format: Format, input: &Input<'_>, selected: &Selected<'_>) -> Result<Rendered, ExportError> {
    let plain = |bytes: Vec<u8>| Rendered {
        bytes,
        warnings: Vec::new(),
    };
    let passages = &selected.passages;
    match format {
        Format::Csv => tabular::csv(passages).map(plain),
        Format::Xlsx => xlsx::xlsx(input, selected),
        Format::Docx => docx::docx(input, selected).map(plain),
        Format::Md => Ok(plain(markdown::markdown(passages).into_bytes())),
        Format::Json => json::json(input, selected).map(plain),
        Format::Qdpx => qdpx::qdpx(input, selected).map(plain),
        Format::Crosstab => tables::blocks_csv(&tables::crosstab(input, selected), true)
            .map(plain)
            .map_err(csv_error),
        Format::Coding => tables::blocks_csv(&[tables::coding(input, selected)], false)
            .map(plain)
            .map_err(csv_error),
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "called as `map_err(csv_error)`, which passes the error by value"
)]
fn csv_error(e: csv::Error) -> ExportError {
    ExportError::Render {
        format: "CSV",
        why: e.to_string(),
    }
}

/// Export a selection to `path`: resolved, rendered, written atomically. Refuses to replace
/// an existing file (or a dangling symlink) unless `force`, atomically: of simultaneous
/// exports to one new file exactly one succeeds. A symlink is written through.
///
/// # Errors
/// See [`ExportError`]; on any error no file is left behind.
pub fn export(
    path: &Path,
    format: Format,
    force: bool,
    input: &Input<'_>,
    selection: &Selection,
) -> Result<Exported, ExportError> {
    writable(path, force)?;
    let selected = select(input, selection)?;
    let rendered = render(format, input, &selected)?;
    write_new(path, &rendered.bytes, force)?;
    Ok(Exported {
        passages: selected.passages.len(),
        warnings: rendered.warnings,
    })
}

/// Write a chart of the selection's documents as SVG or PNG, under the same rules as
/// [`export`] (no overwrite unless `force`, atomic, nothing left behind on error).
///
/// # Errors
/// See [`ExportError`]; an empty chart (nothing to count) is [`ExportError::Empty`].
pub fn export_chart(
    path: &Path,
    kind: chart::Kind,
    image: chart::Image,
    force: bool,
    input: &Input<'_>,
    selection: &Selection,
) -> Result<(), ExportError> {
    writable(path, force)?;
    let selected = select(input, selection)?;
    let blocks = tables::crosstab(input, &selected);
    let drawn = chart::chart(kind, input, &selected, &blocks);
    if drawn.is_empty() {
        return Err(ExportError::Empty);
    }
    let bytes = match image {
        chart::Image::Svg => chart::svg(&drawn).into_bytes(),
        chart::Image::Png => {
            chart::png(&drawn, chart::PRINT_DPI).map_err(|why| ExportError::Render { format: "PNG", why })?
        }
    };
    write_new(path, &bytes, force)
}

/// The selection's domain × document matrix: per domain row (the domains asked for, else
/// every domain of the first scheme, then a row for passages with no domain if there are
/// any), per document of the selection, the indices into `selected.passages` in it.
/// Rows and columns with no passage are kept: absence is a finding.
#[must_use]
pub fn matrix_rows(input: &Input<'_>, selected: &Selected<'_>) -> Vec<(Row, Vec<Vec<usize>>)> {
    let n = input.taxonomy.schemes.first().map_or(0, |s| s.categories.len());
    let mut rows: Vec<Row> = if selected.domains.is_empty() {
        (0..n).map(Row::Category).collect()
    } else {
        selected.domains.iter().copied().map(Row::Category).collect()
    };
    let category = |p: &Passage<'_>| {
        let scheme = input.taxonomy.schemes.first()?;
        p.domain.and_then(|c| scheme.category_index(&c.id))
    };
    if selected.passages.iter().any(|p| category(p).is_none()) {
        rows.push(Row::None);
    }
    let mut out: Vec<(Row, Vec<Vec<usize>>)> = rows
        .into_iter()
        .map(|r| (r, vec![Vec::new(); selected.docs.len()]))
        .collect();
    for (i, p) in selected.passages.iter().enumerate() {
        let row = category(p).map_or(Row::None, Row::Category);
        let col = selected.docs.iter().position(|&d| input.docs[d].id == p.doc.id);
        if let (Some(r), Some(c)) = (out.iter().position(|(r, _)| *r == row), col) {
            out[r].1[c].push(i);
        }
    }
    out
}

/// Now as ISO 8601 UTC, `2026-12-01T23:04:05Z` (document properties, the JSON header).
#[must_use]
pub fn now_iso8601() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
