//! duizhao (对照): compare Chinese policy documents side by side by policy domain.
//!
//! The core is GUI-free: ingest (bytes → paragraphs) → outline (paragraphs → sections and
//! metadata). The CLI and the desktop app are thin layers over it.

pub mod align;
pub mod citation;
pub mod corpus;
pub mod export;
pub mod fingerprint;
pub mod fold;
pub mod fsutil;
pub mod ingest;
pub mod jsonfmt;
pub mod lex;
pub mod library;
pub mod model;
pub mod outline;
pub mod project;
pub mod reuse;
pub mod targets;
pub mod text;

use std::path::Path;

pub use ingest::IngestError;
pub use model::{CharRange, Document, Meta, Section};

/// Read and outline one file. The document id is made from the file name.
///
/// # Errors
/// Whatever [`ingest::read_path`] reports, naming the file.
pub fn load_path(path: &Path) -> Result<Document, IngestError> {
    let raw = ingest::read_path(path)?;
    let id = corpus::id_from_name(&raw.source);
    Ok(outline::build(&raw, &id, ""))
}

/// Read and outline several files in parallel, keeping the ones that load (in the order
/// given) and the errors of the others. Ids are made unique (`name`, `name-2`, …) so that two
/// files of one name can be compared.
#[must_use]
pub fn load_paths(paths: &[impl AsRef<Path> + Sync]) -> (Vec<Document>, Vec<IngestError>) {
    use rayon::prelude::*;
    let results: Vec<Result<Document, IngestError>> = paths.par_iter().map(|p| load_path(p.as_ref())).collect();
    collect_unique(results)
}

/// What [`load_paths_with`] read: the documents with their files (in the order given), the
/// files that could not be read, and how many were not read because reading was stopped.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<(Document, std::path::PathBuf)>,
    pub errors: Vec<IngestError>,
    pub not_read: usize,
}

/// [`load_paths`] for long imports: `read_one` is called after each file (from the reading
/// threads), and once `stop` returns true no further file is started. Ids are made unique as
/// in [`load_paths`].
#[must_use]
pub fn load_paths_with(
    paths: &[std::path::PathBuf],
    read_one: &(dyn Fn() + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) -> Loaded {
    use rayon::prelude::*;
    let results: Vec<Option<Result<Document, IngestError>>> = paths
        .par_iter()
        .map(|p| {
            if stop() {
                return None;
            }
            let r = load_path(p);
            read_one();
            Some(r)
        })
        .collect();
    let not_read = results.iter().filter(|r| r.is_none()).count();
    let (read, paths): (Vec<_>, Vec<_>) = results
        .into_iter()
        .zip(paths)
        .filter_map(|(r, p)| r.map(|r| (r, p.clone())))
        .unzip();
    let ok_paths: Vec<std::path::PathBuf> = read
        .iter()
        .zip(paths)
        .filter_map(|(r, p)| r.is_ok().then_some(p))
        .collect();
    let (docs, errors) = collect_unique(read);
    Loaded {
        docs: docs.into_iter().zip(ok_paths).collect(),
        errors,
        not_read,
    }
}

/// Read and outline documents already in memory (name, format, bytes), in parallel.
#[must_use]
pub fn load_many<'a>(
    items: impl IntoIterator<Item = (&'a str, model::SourceFormat, &'a [u8])>,
) -> (Vec<Document>, Vec<IngestError>) {
    use rayon::prelude::*;
    let items: Vec<_> = items.into_iter().collect();
    let results: Vec<Result<Document, IngestError>> = items
        .par_iter()
        .map(|(name, format, bytes)| {
            let raw = ingest::read_bytes(name, *format, bytes)?;
            Ok(outline::build(&raw, &corpus::id_from_name(name), ""))
        })
        .collect();
    collect_unique(results)
}

fn collect_unique(results: Vec<Result<Document, IngestError>>) -> (Vec<Document>, Vec<IngestError>) {
    let mut docs: Vec<Document> = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for r in results {
        match r {
            Ok(mut d) => {
                d.id = corpus::unique_id(&d.id, |id| ids.contains(id));
                ids.insert(d.id.clone());
                docs.push(d);
            }
            Err(e) => errors.push(e),
        }
    }
    corpus::label_documents(&mut docs, &[]);
    (docs, errors)
}

#[cfg(feature = "gui")]
pub mod app;
