//! Projects: a `.duizhao` file keeps a study — which documents, the user's corrections of
//! their metadata and of the alignment, notes, the basket and the comparison — so that it can
//! be reopened, sent to a colleague, and its tables regenerated from the command line
//! (`duizhao export --project FILE`).
//!
//! The file is JSON (format `duizhao-project/1`, documented in README.md), written atomically.
//! Documents are named by their file (relative to the project's folder when inside it, so a
//! folder can be moved or zipped whole) and by their content hash, which every saved key
//! (overrides, basket, notes, metadata edits) uses. A document can carry its outlined text
//! inside the project (`embedded`), for a project sent without its files; such a copy is
//! checked before use (its hash must match its text, its sections must be consistent).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{DocKey, Document, SecKey};

/// The file extension of projects.
pub const EXTENSION: &str = "duizhao";

/// The format tag of the current version.
pub const FORMAT: &str = "duizhao-project/1";

/// A project file larger than this is refused (a study of a thousand embedded documents is
/// well under it).
pub const MAX_BYTES: u64 = 1 << 30;

/// A study, as saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// `duizhao-project/1`.
    pub format: String,
    /// Include the five bundled documents.
    pub bundled: bool,
    /// The researcher's documents, in library order.
    pub documents: Vec<ProjectDoc>,
    /// Metadata the user corrected or supplied, per document.
    pub metadata: BTreeMap<DocKey, MetaEdit>,
    /// Corrections of the alignment.
    pub overrides: crate::align::overrides::Overrides,
    /// Notes (memos) on sections.
    pub notes: Vec<Note>,
    /// The passages collected for export, in order.
    pub basket: Vec<SecKey>,
    /// The documents compared, in column order.
    pub chosen: Vec<DocKey>,
    /// A taxonomy file to align by (`None`: the built-in one).
    pub taxonomy: Option<PathBuf>,
    /// The corrections the domain model was retrained on ("Retrain on my corrections"),
    /// `None` for the shipped model: the model is refitted from them on opening, so it need
    /// not be stored (refitting is deterministic).
    pub retrained_on: Option<crate::align::overrides::Overrides>,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            format: FORMAT.to_owned(),
            bundled: true,
            documents: Vec::new(),
            metadata: BTreeMap::new(),
            overrides: crate::align::overrides::Overrides::default(),
            notes: Vec::new(),
            basket: Vec::new(),
            chosen: Vec::new(),
            taxonomy: None,
            retrained_on: None,
        }
    }
}

/// One of the project's documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectDoc {
    /// Its file: relative to the project's folder when inside it, else absolute.
    pub path: Option<PathBuf>,
    /// Its content hash when saved ([`Document::content_hash`]).
    pub hash: DocKey,
    /// The document itself, for a project that travels without its files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Box<Document>>,
}

/// Metadata the user set for a document; `None` keeps what was read from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetaEdit {
    pub title: Option<String>,
    pub label: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub date_issued: Option<String>,
    pub date_published: Option<String>,
    pub region: Option<String>,
    /// 国家 / 省级 / 市级 / 县级 (or national, provincial, city, county).
    pub level: Option<String>,
    /// 文种 (规划, 行动计划, 意见, 条例 …).
    pub kind: Option<String>,
}

impl MetaEdit {
    /// Put the edits into the document (its label and metadata).
    pub fn apply(&self, doc: &mut Document) {
        let m = &mut doc.meta;
        for (edit, field) in [
            (&self.title, &mut m.title),
            (&self.issuer, &mut m.issuer),
            (&self.doc_number, &mut m.doc_number),
            (&self.date_issued, &mut m.date_issued),
            (&self.date_published, &mut m.date_published),
            (&self.region, &mut m.region),
            (&self.kind, &mut m.kind),
        ] {
            if let Some(v) = edit {
                let v = v.trim();
                *field = (!v.is_empty()).then(|| v.to_owned());
            }
        }
        // The level as set, else read again from what the edits changed.
        if let Some(level) = &self.level {
            m.level = crate::model::Level::parse(level);
        } else if self.issuer.is_some() || self.title.is_some() || self.region.is_some() {
            m.level = crate::outline::genre::level_of(m);
        }
        if self.kind.is_none() && self.title.is_some() {
            m.kind = m
                .title
                .as_deref()
                .and_then(crate::outline::genre::kind_of_title)
                .map(str::to_owned);
        }
        if let Some(l) = self.label.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            l.clone_into(&mut doc.label);
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A note (memo) on a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub at: SecKey,
    pub text: String,
}

/// Why a project file could not be read or written, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("{path}: cannot read the project: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: the project is larger than {} MB", MAX_BYTES >> 20)]
    TooLarge { path: PathBuf },
    #[error("{path}: not a duizhao project (line {line}, column {column}: {why})")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        why: String,
    },
    #[error("{path}: written by a newer duizhao ({found}); this version reads {FORMAT}")]
    Version { path: PathBuf, found: String },
    #[error("{path}: cannot save the project: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// A document of the project that could not be opened as saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file is gone and no copy is embedded: the document is left out (and Relink…
    /// can point at its new place); its corrections, notes and basket items are kept.
    Missing { path: PathBuf, hash: DocKey, why: String },
    /// The file is gone; the copy embedded in the project is used.
    FromEmbedded { path: Option<PathBuf>, hash: DocKey },
    /// The file's text changed since the project was saved: corrections and notes made on the
    /// old text do not apply to it.
    Changed { path: PathBuf, hash: DocKey },
    /// The embedded copy is inconsistent and was not used.
    BadEmbedded { hash: DocKey, why: String },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing { path, why, .. } => {
                write!(f, "{}: missing ({why}) — use Relink… to point at it", path.display())
            }
            Self::FromEmbedded { path, .. } => write!(
                f,
                "{}: not found — using the copy embedded in the project",
                path.as_deref()
                    .map_or_else(|| "a document".to_owned(), |p| p.display().to_string())
            ),
            Self::Changed { path, .. } => write!(
                f,
                "{}: the text changed since the project was saved — corrections and notes on the old text do not apply",
                path.display()
            ),
            Self::BadEmbedded { hash, why } => write!(f, "the embedded copy of document {} is unusable: {why}", hash.0),
        }
    }
}

/// The documents of an opened project: each with the file it came from (absolute), and what
/// could not be opened as saved.
#[derive(Debug, Default)]
pub struct Opened {
    pub docs: Vec<(Document, Option<PathBuf>)>,
    pub problems: Vec<Problem>,
}

impl Project {
    /// Read a project file.
    ///
    /// # Errors
    /// The file cannot be read, is too large, is not a project, or is of a newer version.
    pub fn load(path: &Path) -> Result<Self, ProjectError> {
        use std::io::Read;
        let read_err = |source| ProjectError::Read {
            path: path.to_owned(),
            source,
        };
        let file = std::fs::File::open(path).map_err(read_err)?;
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(read_err)?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(ProjectError::TooLarge { path: path.to_owned() });
        }
        Self::from_bytes(path, &bytes)
    }

    /// Parse a project from its bytes (`path` names it in messages).
    ///
    /// # Errors
    /// Not a project, or of a newer version.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, ProjectError> {
        // The version first, so that a newer file is named as such, not as a syntax error.
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
        }
        let syntax = |e: serde_json::Error| ProjectError::Syntax {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            why: e.to_string(),
        };
        let head: Head = serde_json::from_slice(bytes).map_err(syntax)?;
        match head.format.as_deref() {
            Some(FORMAT) => {}
            Some(f) if f.starts_with("duizhao-project/") => {
                return Err(ProjectError::Version {
                    path: path.to_owned(),
                    found: f.to_owned(),
                });
            }
            _ => {
                return Err(ProjectError::Syntax {
                    path: path.to_owned(),
                    line: 1,
                    column: 1,
                    why: format!("no \"format\": \"{FORMAT}\""),
                });
            }
        }
        serde_json::from_slice(bytes).map_err(syntax)
    }

    /// Write the project atomically (a reader never sees half a file).
    ///
    /// # Errors
    /// The folder is missing or unwritable, or the disk is full.
    pub fn save(&self, path: &Path) -> Result<(), ProjectError> {
        let write_err = |source| ProjectError::Write {
            path: path.to_owned(),
            source,
        };
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| write_err(std::io::Error::other(e)))?;
        crate::fsutil::write_atomic(path, &bytes).map_err(write_err)
    }

    /// Read the project's documents (the bundled ones first, if it has them): each from its
    /// file, else from its embedded copy; what cannot be read is reported and left out, never
    /// fatal. Metadata edits are applied and every document gets a distinct label.
    #[must_use]
    pub fn open_documents(&self, project_path: &Path) -> Opened {
        let base = project_path.parent().unwrap_or_else(|| Path::new(""));
        let mut out = Opened::default();
        if self.bundled {
            out.docs
                .extend(crate::corpus::load_all().into_iter().map(|d| (d, None)));
        }
        let paths: Vec<Option<PathBuf>> = self
            .documents
            .iter()
            .map(|d| d.path.as_ref().map(|p| base.join(p)))
            .collect();
        let read: Vec<Option<Result<Document, crate::IngestError>>> = {
            use rayon::prelude::*;
            paths
                .par_iter()
                .map(|p| p.as_deref().filter(|p| p.is_file()).map(crate::load_path))
                .collect()
        };
        for ((entry, path), read) in self.documents.iter().zip(&paths).zip(read) {
            let why = match read {
                // A bundled document saved as one of the project's: it is in already.
                Some(Ok(doc)) if out.docs.iter().any(|(d, _)| d.content_hash == doc.content_hash) => continue,
                Some(Ok(doc)) => {
                    let path = path.clone().unwrap_or_default();
                    if doc.content_hash != entry.hash.0 {
                        out.problems.push(Problem::Changed {
                            path: path.clone(),
                            hash: entry.hash.clone(),
                        });
                    }
                    out.docs.push((doc, Some(path)));
                    continue;
                }
                Some(Err(e)) => e.to_string(),
                None if path.is_some() => "file not found".to_owned(),
                None => "no file".to_owned(),
            };
            match entry.embedded.as_deref().map(|d| (d, check_embedded(d, &entry.hash))) {
                Some((doc, Ok(()))) => {
                    out.problems.push(Problem::FromEmbedded {
                        path: path.clone(),
                        hash: entry.hash.clone(),
                    });
                    out.docs.push((doc.clone(), None));
                }
                embedded => {
                    if let Some((_, Err(bad))) = embedded {
                        out.problems.push(Problem::BadEmbedded {
                            hash: entry.hash.clone(),
                            why: bad,
                        });
                    }
                    out.problems.push(Problem::Missing {
                        path: path.clone().unwrap_or_default(),
                        hash: entry.hash.clone(),
                        why,
                    });
                }
            }
        }
        // Two files of one name get distinct ids, as when they are imported.
        let mut ids = std::collections::HashSet::new();
        for (doc, _) in &mut out.docs {
            doc.id = crate::corpus::unique_id(&doc.id, |id| ids.contains(id));
            ids.insert(doc.id.clone());
        }
        // The user's labels first; the others are made from the metadata, distinct.
        let (mut docs, files): (Vec<Document>, Vec<Option<PathBuf>>) =
            std::mem::take(&mut out.docs).into_iter().unzip();
        for doc in &mut docs {
            if let Some(edit) = self.metadata.get(&doc.key()) {
                edit.apply(doc);
            }
        }
        crate::corpus::label_documents(&mut docs, &[]);
        out.docs = docs.into_iter().zip(files).collect();
        out
    }

    /// Name a document's file as the project stores it: relative to the project's folder
    /// when inside it.
    #[must_use]
    pub fn stored_path(project_path: &Path, file: &Path) -> PathBuf {
        let base = project_path.parent().unwrap_or_else(|| Path::new(""));
        match (std::path::absolute(base), std::path::absolute(file)) {
            (Ok(b), Ok(f)) => f.strip_prefix(&b).map_or(f.clone(), Path::to_path_buf),
            _ => file.to_owned(),
        }
    }

    /// The note on a section, if any.
    #[must_use]
    pub fn note(&self, at: &SecKey) -> Option<&str> {
        self.notes.iter().find(|n| &n.at == at).map(|n| n.text.as_str())
    }
}

/// An embedded document is used only if its hash is its text's and its sections point into
/// its text and into each other consistently (a hand-edited or damaged project must not
/// crash the views).
fn check_embedded(doc: &Document, hash: &DocKey) -> Result<(), String> {
    if crate::outline::content_hash(&doc.text) != doc.content_hash || doc.content_hash != hash.0 {
        return Err("its text does not match its hash".to_owned());
    }
    let chars = doc.text.chars().count();
    let n = doc.sections.len();
    let mut ids = std::collections::HashSet::new();
    for (i, s) in doc.sections.iter().enumerate() {
        let inside = |r: crate::model::CharRange| r.start <= r.end && r.end <= chars;
        if !inside(s.range) || !inside(s.text_range) {
            return Err(format!("section {} points outside the text", s.id));
        }
        if s.parent.is_some_and(|p| p.get() >= i) || s.children.iter().any(|&c| c.get() <= i || c.get() >= n) {
            return Err(format!("section {} has an inconsistent parent or children", s.id));
        }
        if !ids.insert(s.id.as_str()) {
            return Err(format!("two sections are both {}", s.id));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
