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

/// Give every document without a label one derived from its metadata
/// ([`crate::outline::meta::short_label`], else its file stem), unique among `docs` and the
/// labels `taken` (`上海 2020`, `上海 2020b`, `上海 2020c`, …). Labels already set stay.
pub fn label_documents(docs: &mut [Document], taken: &[&str]) {
    let mut used: std::collections::HashSet<String> = taken.iter().map(|s| (*s).to_owned()).collect();
    used.extend(docs.iter().filter(|d| !d.label.is_empty()).map(|d| d.label.clone()));
    for d in docs.iter_mut().filter(|d| d.label.is_empty()) {
        let base = outline::meta::short_label(&d.meta).unwrap_or_else(|| {
            std::path::Path::new(&d.source)
                .file_stem()
                .map_or_else(|| d.source.clone(), |s| s.to_string_lossy().into_owned())
        });
        let mut label = base.clone();
        let mut n = 1u32;
        while used.contains(&label) {
            n += 1;
            let letter = char::from_u32(u32::from(b'a') + n - 1).filter(char::is_ascii_lowercase);
            label = match letter {
                Some(c) => format!("{base}{c}"),
                None => format!("{base} ({n})"),
            };
        }
        used.insert(label.clone());
        d.label = label;
    }
}
