//! Bytes → paragraphs: file formats, encodings and the cleaning of real-world policy files.
//!
//! [`read_path`] and [`read_bytes`] return a [`RawText`]: the decoded paragraphs with the
//! structure hints a format gives (Markdown `#`, bold, Word heading styles and list
//! numbering). [`clean()`] then turns those into the blocks the outline is built from.

mod chrome;
pub mod clean;
mod decode;
mod doc;
mod docx;
pub mod fields;
pub mod folder;
mod footer;
pub mod html;
mod join;
pub mod pages;
pub mod pdf;
mod repeat;

use std::path::{Path, PathBuf};

use crate::model::{SourceEncoding, SourceFormat};

pub use clean::{Cleaned, clean};
pub use decode::{DecodeError, Decoded, decode_doubt, decode_text};
pub use docx::MAX_PART_BYTES;

/// Largest file read from disk: 64 MB. Larger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Most text kept of one document: 20 MB of UTF-8 (about 7 million Chinese characters,
/// some 20 times the longest policy document we have seen). Bounds every later stage.
pub const MAX_TEXT_BYTES: usize = 20 * 1024 * 1024;

/// What a format says about a paragraph's role, beyond its characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    #[default]
    None,
    /// A Markdown `#` line or a Word heading style, level 1–6.
    Heading(u8),
    /// A Word paragraph with automatic list numbering at this level (0–8).
    WordList(u8),
    /// A saved page's own heading over the whole text: the document's title line, heading
    /// no section ([`clean::clean`]).
    PageTitle,
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
    /// The file has content but no text: only NUL bytes, only empty paragraphs.
    #[error("{path}: contains no text: {why}")]
    NoText { path: PathBuf, why: String },
    #[error("{path}: looks like a binary file, not text ({why})")]
    Binary { path: PathBuf, why: String },
    /// Text in an encoding of another language, not decoded as Chinese.
    #[error("{path}: {why}")]
    Language { path: PathBuf, why: String },
    #[error("{path}: {why}")]
    Docx { path: PathBuf, why: String },
    #[error("{path}: too large: {why}")]
    TooLarge { path: PathBuf, why: String },
    #[error("{path}: {why}")]
    Pdf { path: PathBuf, why: String },
    #[error("{path}: not a readable web page ({why})")]
    Html { path: PathBuf, why: String },
}

/// The formats duizhao reads, for messages and file dialogs.
pub const FORMATS: &str = ".txt, .md, .docx, .doc (Word 97–2003), .wps (WPS Writer, saved as Word 97), .pdf (with a text layer) and saved web pages (.html, .htm)";

/// The file extensions duizhao reads (lower case, without the dot).
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "docx", "doc", "wps", "pdf", "html", "htm",
];

impl IngestError {
    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::IsDirectory { path }
            | Self::Unsupported { path, .. }
            | Self::Empty { path }
            | Self::NoText { path, .. }
            | Self::Binary { path, .. }
            | Self::Language { path, .. }
            | Self::Docx { path, .. }
            | Self::TooLarge { path, .. }
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
        // WPS Writer's .wps is the Word 97 compound file under its own name (older WPS
        // versions wrote their own format, which the .doc reader names in its message).
        "doc" | "wps" => Some(SourceFormat::Doc),
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
    let bytes = read_capped(path)?;
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    read_bytes(&name, format, &bytes).map_err(|e| wps_hint(e.with_path(path)))
}

/// A .wps the Word 97 reader cannot read is most likely in the format of an old WPS
/// version: say so, and how to convert it.
fn wps_hint(e: IngestError) -> IngestError {
    match e {
        IngestError::Docx { path, why } if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("wps")) => {
            IngestError::Docx {
                path,
                why: format!(
                    "{why}; a .wps file is read when WPS saved it as a Word 97 document — this one is in another format (an old WPS version?): open it in WPS Office and save it as .docx"
                ),
            }
        }
        other => other,
    }
}

/// The whole file, refused before reading when over [`MAX_FILE_BYTES`] and read through a
/// limit (the file may grow while it is read).
fn read_capped(path: &Path) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let io = |source| IngestError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    let too_large = |len: u64| IngestError::TooLarge {
        path: path.to_owned(),
        why: format!(
            "the file is {} MB (duizhao reads files up to {} MB)",
            len.div_ceil(1 << 20),
            MAX_FILE_BYTES >> 20
        ),
    };
    if len > MAX_FILE_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Read a document from bytes; `name` is used in messages and as the source name.
///
/// # Errors
/// An empty, binary, foreign-language, oversized or broken file.
pub fn read_bytes(name: &str, format: SourceFormat, bytes: &[u8]) -> Result<RawText, IngestError> {
    let path = PathBuf::from(name);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty { path });
    }
    if bytes.iter().all(|&b| b == 0 || b.is_ascii_whitespace()) {
        return Err(IngestError::NoText {
            path,
            why: format!("only NUL bytes ({} of them)", thousands(bytes.len())),
        });
    }
    let mut empty_paras = 0;
    let mut warnings = Vec::new();
    let mut fields = Vec::new();
    let (paras, encoding) = match format {
        SourceFormat::Pdf => {
            let read = quiet_catch(|| pdf::read(bytes))
                .unwrap_or_else(|| Err("damaged PDF: the PDF reader failed on it".to_owned()))
                .map_err(|why| IngestError::Pdf {
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
        SourceFormat::Docx | SourceFormat::Doc => {
            let (read, encoding): (WordReader, _) = match format {
                SourceFormat::Doc => (doc::read, SourceEncoding::Doc),
                _ => (docx::read, SourceEncoding::Docx),
            };
            let read = quiet_catch(|| read(bytes))
                .unwrap_or_else(|| Err(format!("damaged {}: the Word reader failed on it", word_name(format))));
            let read = read.map_err(|why| word_error(&path, why))?;
            empty_paras = read.empty_paras;
            (read.paras, encoding)
        }
        SourceFormat::Txt | SourceFormat::Md => {
            let decoded = decode_text(bytes).map_err(|e| match e {
                DecodeError::Binary(why) => IngestError::Binary {
                    path: path.clone(),
                    why,
                },
                DecodeError::Language(why) => IngestError::Language {
                    path: path.clone(),
                    why,
                },
            })?;
            if decoded.text.len() > MAX_TEXT_BYTES {
                return Err(IngestError::TooLarge {
                    path,
                    why: format!(
                        "{} MB of text (duizhao reads up to {} MB per document)",
                        decoded.text.len().div_ceil(1 << 20),
                        MAX_TEXT_BYTES >> 20
                    ),
                });
            }
            let paras = clean::split_plain(&decoded.text, format == SourceFormat::Md);
            (paras, decoded.encoding)
        }
    };
    if paras.iter().all(|p| crate::text::trim(&p.text).is_empty()) {
        let count = empty_paras.max(paras.len());
        return Err(IngestError::NoText {
            path,
            why: format!(
                "{} empty paragraph{}",
                thousands(count),
                if count == 1 { "" } else { "s" }
            ),
        });
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

/// A Word reader's message as an error: "too large: …" is [`IngestError::TooLarge`].
fn word_error(path: &Path, why: String) -> IngestError {
    match why.strip_prefix("too large: ") {
        Some(rest) => IngestError::TooLarge {
            path: path.to_owned(),
            why: rest.to_owned(),
        },
        None => IngestError::Docx {
            path: path.to_owned(),
            why,
        },
    }
}

/// A reader of one of the Word formats.
type WordReader = fn(&[u8]) -> Result<docx::DocxText, String>;

/// The name of a Word format in messages.
fn word_name(format: SourceFormat) -> &'static str {
    if format == SourceFormat::Doc { ".doc" } else { ".docx" }
}

/// `100000` → `100,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, turning a panic into `None` without its message reaching the terminal: the
/// panic hook is wrapped once so that it stays silent on a thread inside `quiet_catch`
/// and behaves as before everywhere else. Defence in depth around parsers of untrusted
/// files.
fn quiet_catch<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    QUIET.with(|q| q.set(was));
    result
}

impl IngestError {
    fn with_path(self, p: &Path) -> Self {
        let path = p.to_owned();
        match self {
            Self::Io { source, .. } => Self::Io { path, source },
            Self::IsDirectory { .. } => Self::IsDirectory { path },
            Self::Unsupported { ext, .. } => Self::Unsupported { path, ext },
            Self::Empty { .. } => Self::Empty { path },
            Self::NoText { why, .. } => Self::NoText { path, why },
            Self::Binary { why, .. } => Self::Binary { path, why },
            Self::Language { why, .. } => Self::Language { path, why },
            Self::Docx { why, .. } => Self::Docx { path, why },
            Self::TooLarge { why, .. } => Self::TooLarge { path, why },
            Self::Pdf { why, .. } => Self::Pdf { path, why },
            Self::Html { why, .. } => Self::Html { path, why },
        }
    }
}
