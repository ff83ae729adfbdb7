//! The bundled corpus: five real policy documents embedded in the binary, raw as published,
//! cleaned at load like any user file. The manifest gives only a stable id and a short label;
//! everything else is read from the text.

use crate::ingest::{self, IngestError};
use crate::model::{Document, SourceFormat};
use crate::outline;

/// One bundled file.
pub struct Bundled {
    pub id: &'static str,
    pub label: &'static str,
    pub file: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! bundled {
    ($id:literal, $label:literal, $file:literal) => {
        Bundled {
            id: $id,
            label: $label,
            file: $file,
            bytes: include_bytes!(concat!("../assets/corpus/", $file)),
        }
    };
}

/// The bundled documents, in the order of the manifest (`assets/corpus/manifest.toml`
/// documents the same list for people; this table is what the binary embeds).
pub const BUNDLED: &[Bundled] = &[
    bundled!("anhui-2020", "安徽 2020", "anhui-2020-online-economy.txt"),
    bundled!("shanghai-2020", "上海 2020", "shanghai-2020-online-new-economy.txt"),
    bundled!("anhui-2024", "安徽 2024", "anhui-2024-digital-economy.txt"),
    bundled!("wuhu-2021", "芜湖 2021", "wuhu-2021-online-economy.txt"),
    bundled!("zhejiang-2020", "浙江 2020", "zhejiang-2020-new-business-forms.txt"),
];

/// Read one bundled document.
///
/// # Errors
/// Only if a bundled file were broken, which the tests rule out.
pub fn load_bundled(b: &Bundled) -> Result<Document, IngestError> {
    let raw = ingest::read_bytes(b.file, SourceFormat::Txt, b.bytes)?;
    Ok(outline::build(&raw, b.id, b.label))
}

/// All bundled documents.
///
/// # Panics
/// Never for the shipped corpus (a test loads every file).
#[must_use]
pub fn load_all() -> Vec<Document> {
    BUNDLED.iter().filter_map(|b| load_bundled(b).ok()).collect()
}

/// An id from a file name: the stem, lower-cased, with anything but letters, digits and `-`
/// made `-`. Chinese names keep their characters.
#[must_use]
pub fn id_from_name(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if id.trim_matches('-').is_empty() {
        "doc".to_owned()
    } else {
        id
    }
}

/// `base`, or `base-2`, `base-3` … : the first id that `taken` says is free.
#[must_use]
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut id = base.to_owned();
    let mut n = 1;
    while taken(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// A deterministic synthetic corpus for benchmarks and scale tests: `n` documents of about
/// the bundled documents' size, each a bundled document whose items are interleaved with
/// items of another (so that every document differs and still has real structure).
/// Returns (file name, raw bytes).
#[must_use]
pub fn synthetic(n: usize) -> Vec<(String, Vec<u8>)> {
    let texts: Vec<Vec<&str>> = BUNDLED
        .iter()
        .map(|b| std::str::from_utf8(b.bytes).unwrap_or_default().lines().collect())
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let base = &texts[i % texts.len()];
            let other = &texts[(i / texts.len() + 1 + i) % texts.len()];
            let mut out = String::new();
            for (j, line) in base.iter().enumerate() {
                // Swap roughly one body line in four for the other document's line at the same
                // place, keeping numbered lines so the outline stays intact.
                let pick = next() % 4 == 0
                    && j < other.len()
                    && crate::outline::number::parse_marker(other[j].trim()).is_none()
                    && crate::outline::number::parse_marker(line.trim()).is_none();
                out.push_str(if pick { other[j] } else { line });
                out.push('\n');
            }
            (format!("synthetic-{i:04}.txt"), out.into_bytes())
        })
        .collect()
}

/// [`synthetic`] read and outlined, as benchmarks of the later stages start from.
#[must_use]
pub fn synthetic_documents(n: usize) -> Vec<crate::model::Document> {
    let corpus = synthetic(n);
    crate::load_many(
        corpus
            .iter()
            .map(|(name, bytes)| (name.as_str(), crate::model::SourceFormat::Txt, bytes.as_slice())),
    )
    .0
}
