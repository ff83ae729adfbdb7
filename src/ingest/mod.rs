//! Bytes → paragraphs: file formats, encodings and the cleaning of real-world policy files.
//!
//! [`read_path`] and [`read_bytes`] return a [`RawText`]: the decoded paragraphs with the
//! structure hints a format gives (Markdown `#`, bold, Word heading styles and list
//! numbering). [`clean`] then turns those into the blocks the outline is built from.

pub mod clean;
mod decode;
mod docx;
pub mod folder;
pub mod html;
pub mod pdf;

use std::path::{Path, PathBuf};

use crate::model::{SourceEncoding, SourceFormat};

pub use clean::{Cleaned, clean};
pub use decode::decode_text;

/// What a format says about a paragraph's role, beyond its characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    #[default]
    None,
    /// A Markdown `#` line or a Word heading style, level 1–6.
    Heading(u8),
    /// A Word paragraph with automatic list numbering at this level (0–8).
    WordList(u8),
}

/// One paragraph as read, with its hint and, for Markdown `**bold**` at its start, how many
/// chars of it were bold (a heading run-in: `**（三）创新服务。**积极发展…`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para {
    pub text: String,
    pub hint: Hint,
    pub bold_prefix: usize,
}

/// A file decoded into paragraphs, before cleaning.
#[derive(Debug, Clone)]
pub struct RawText {
    pub source: String,
    pub format: SourceFormat,
    pub encoding: SourceEncoding,
    pub paras: Vec<Para>,
    /// What a reader should know about how the file was read (e.g. PDF pages without text).
    pub warnings: Vec<String>,
    /// Labelled metadata the format carries (a web page's 索引号 / 发文字号 table), labels as
    /// in [`html::META_LABELS`].
    pub fields: Vec<(String, String)>,
}

/// Why a file could not be read. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: is a directory, not a document")]
    IsDirectory { path: PathBuf },
    #[error("{path}: unsupported format “{ext}” (duizhao reads {FORMATS})")]
    Unsupported { path: PathBuf, ext: String },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: looks like a binary file, not text ({why})")]
    Binary { path: PathBuf, why: String },
    #[error("{path}: not a readable .docx ({why})")]
    Docx { path: PathBuf, why: String },
    #[error("{path}: {why}")]
    Pdf { path: PathBuf, why: String },
    #[error("{path}: not a readable web page ({why})")]
    Html { path: PathBuf, why: String },
}

/// The formats duizhao reads, for messages and file dialogs.
pub const FORMATS: &str = ".txt, .md, .docx, .pdf (with a text layer) and saved web pages (.html, .htm)";

/// The file extensions duizhao reads (lower case, without the dot).
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "docx", "pdf", "html", "htm"];

impl IngestError {
    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::IsDirectory { path }
            | Self::Unsupported { path, .. }
            | Self::Empty { path }
            | Self::Binary { path, .. }
            | Self::Docx { path, .. }
            | Self::Pdf { path, .. }
            | Self::Html { path, .. } => path,
        }
    }
}

/// The format a file name stands for, or `None` if duizhao does not read it.
#[must_use]
pub fn format_of(path: &Path) -> Option<SourceFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(SourceFormat::Txt),
        "md" | "markdown" => Some(SourceFormat::Md),
        "docx" => Some(SourceFormat::Docx),
        "pdf" => Some(SourceFormat::Pdf),
        "html" | "htm" | "xhtml" | "shtml" => Some(SourceFormat::Html),
        _ => None,
    }
}

/// Read a file from disk.
///
/// # Errors
/// A missing or unreadable path, a directory, an unsupported extension, an empty, binary or
/// broken file: each an [`IngestError`] naming the file.
pub fn read_path(path: &Path) -> Result<RawText, IngestError> {
    if path.is_dir() {
        return Err(IngestError::IsDirectory { path: path.to_owned() });
    }
    let format = format_of(path).ok_or_else(|| IngestError::Unsupported {
        path: path.to_owned(),
        ext: path
            .extension()
            .map_or_else(|| "no extension".to_owned(), |e| format!(".{}", e.to_string_lossy())),
    })?;
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        path: path.to_owned(),
        source,
    })?;
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    read_bytes(&name, format, &bytes).map_err(|e| e.with_path(path))
}

/// Read a document from bytes; `name` is used in messages and as the source name.
///
/// # Errors
/// An empty, binary or broken file.
pub fn read_bytes(name: &str, format: SourceFormat, bytes: &[u8]) -> Result<RawText, IngestError> {
    let path = PathBuf::from(name);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty { path });
    }
    let mut warnings = Vec::new();
    let mut fields = Vec::new();
    let (paras, encoding) = match format {
        SourceFormat::Pdf => {
            let read = pdf::read(bytes).map_err(|why| IngestError::Pdf {
                path: path.clone(),
                why,
            })?;
            if !read.pages_without_text.is_empty() {
                warnings.push(pdf::pages_warning(&read.pages_without_text, read.pages));
            }
            (read.paras, SourceEncoding::Pdf)
        }
        SourceFormat::Html => {
            let page = html::read(bytes).map_err(|why| IngestError::Html {
                path: path.clone(),
                why,
            })?;
            fields = page.fields;
            (page.paras, page.encoding.unwrap_or(SourceEncoding::Utf8))
        }
        SourceFormat::Docx => (
            docx::read(bytes).map_err(|why| IngestError::Docx {
                path: path.clone(),
                why,
            })?,
            SourceEncoding::Docx,
        ),
        SourceFormat::Txt | SourceFormat::Md => {
            let (text, encoding) = decode_text(bytes).map_err(|why| IngestError::Binary {
                path: path.clone(),
                why,
            })?;
            (clean::split_plain(&text, format == SourceFormat::Md), encoding)
        }
    };
    if paras.iter().all(|p| crate::text::trim(&p.text).is_empty()) {
        return Err(IngestError::Empty { path });
    }
    Ok(RawText {
        source: name.to_owned(),
        format,
        encoding,
        paras,
        warnings,
        fields,
    })
}

impl IngestError {
    fn with_path(self, p: &Path) -> Self {
        let path = p.to_owned();
        match self {
            Self::Io { source, .. } => Self::Io { path, source },
            Self::IsDirectory { .. } => Self::IsDirectory { path },
            Self::Unsupported { ext, .. } => Self::Unsupported { path, ext },
            Self::Empty { .. } => Self::Empty { path },
            Self::Binary { why, .. } => Self::Binary { path, why },
            Self::Docx { why, .. } => Self::Docx { path, why },
            Self::Pdf { why, .. } => Self::Pdf { path, why },
            Self::Html { why, .. } => Self::Html { path, why },
        }
    }
}
