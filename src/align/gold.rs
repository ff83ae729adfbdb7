//! Hand-annotated gold (format: the shared gold README) turned into training examples: each
//! unit is found among the sections of its document by its anchor (the first characters of
//! its text, compared after folding width, whitespace and punctuation).

use std::path::{Path, PathBuf};

use crate::model::Document;

/// One labelled unit of a gold file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct GoldUnit {
    pub doc: String,
    pub path: String,
    pub anchor: String,
    /// 1–3 category ids, primary first.
    pub labels: Vec<String>,
}

/// Read a gold file.
///
/// # Errors
/// A file that cannot be read or is not a list of units, named in the message.
pub fn load(path: &Path) -> Result<Vec<GoldUnit>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let units: Vec<GoldUnit> = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(u) = units.iter().find(|u| u.labels.is_empty()) {
        return Err(format!("{}: unit {} {} has no label", path.display(), u.doc, u.path));
    }
    Ok(units)
}

/// The form anchors are compared in: matching form, letters and digits only.
#[must_use]
pub fn anchor_form(s: &str) -> String {
    super::fold::matching_form(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The (document, section) each unit stands for: among the sections of the document whose
/// source file name is `doc` and whose heading + text starts with the anchor (leaves
/// preferred; with `leaves_only` other sections are never taken), the one whose path is the
/// unit's, else one whose own number is the unit's last, else the first not yet taken by an
/// earlier unit. Articles often open with the same words (县级以上人民政府及其有关部门应当…),
/// so the anchor alone would put several units on one section.
#[must_use]
pub fn locate(units: &[GoldUnit], docs: &[Document], leaves_only: bool) -> Vec<Option<(usize, usize)>> {
    let forms: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            d.sections
                .iter()
                .map(|s| anchor_form(&format!("{}{}", s.heading, s.text)))
                .collect()
        })
        .collect();
    let last = |p: &str| p.rsplit('/').next().unwrap_or("").to_owned();
    let mut taken = std::collections::HashSet::new();
    units
        .iter()
        .map(|u| {
            let anchor = anchor_form(&u.anchor);
            let (di, d) = docs.iter().enumerate().find(|(_, d)| d.source == u.doc)?;
            let starts = |si: &usize| forms[di][*si].starts_with(&anchor);
            let leaves: Vec<usize> = (0..d.sections.len())
                .filter(|si| d.sections[*si].is_leaf() && starts(si))
                .collect();
            let pool = if leaves.is_empty() && !leaves_only {
                (0..d.sections.len()).filter(starts).collect()
            } else {
                leaves
            };
            let own = last(&u.path);
            let pick = pool
                .iter()
                .find(|&&si| d.sections[si].path == u.path)
                .or_else(|| {
                    pool.iter()
                        .find(|&&si| !taken.contains(&(di, si)) && last(&d.sections[si].path) == own)
                })
                .or_else(|| pool.iter().find(|&&si| !taken.contains(&(di, si))))
                .or(pool.first())
                .copied()?;
            taken.insert((di, pick));
            Some((di, pick))
        })
        .collect()
}

/// The files a gold file's units are in: beside the gold file. Names not found there are
/// looked for among `bundled` (the bundled corpus, by source name) by the caller.
#[must_use]
pub fn document_files(gold_file: &Path, units: &[GoldUnit]) -> Vec<PathBuf> {
    let dir = gold_file.parent().unwrap_or(Path::new("."));
    let mut names: Vec<&str> = units.iter().map(|u| u.doc.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.into_iter().map(|n| dir.join(n)).filter(|p| p.is_file()).collect()
}

/// The IDF of the text features of the gold units located in `docs` ([`super::learn::idf`]).
#[must_use]
pub fn idf(aligner: &super::Aligner, units: &[GoldUnit], docs: &[Document]) -> Vec<f32> {
    let at: Vec<(usize, usize)> = locate(units, docs, false).into_iter().flatten().collect();
    super::learn::idf(&aligner.section_features_idf(docs, &at, None))
}

/// Gold units located in `docs` as training examples for `aligner`'s model scheme, their text
/// features weighted by `idf`, with the document each comes from: each unit once with its
/// primary label (weight 1), then once per secondary label of the scheme (weight
/// [`super::learn::SECONDARY_WEIGHT`]). Units not found, or whose primary label is not in
/// `labels`, are counted in the second value; the primary examples are the first
/// `units − skipped`.
#[must_use]
pub fn examples(
    aligner: &super::Aligner,
    units: &[GoldUnit],
    docs: &[Document],
    labels: &[String],
    idf: Option<&[f32]>,
) -> (Vec<(usize, super::learn::Example)>, usize) {
    let mut at = Vec::new();
    let mut classes = Vec::new();
    let mut skipped = 0;
    for (u, place) in units.iter().zip(locate(units, docs, false)) {
        match (place, labels.iter().position(|l| *l == u.labels[0])) {
            (Some(p), Some(class)) => {
                at.push(p);
                let others: Vec<usize> = u.labels[1..]
                    .iter()
                    .filter_map(|x| labels.iter().position(|l| l == x))
                    .collect();
                classes.push((class, others));
            }
            _ => skipped += 1,
        }
    }
    let feats = aligner.section_features_idf(docs, &at, idf);
    let vectors: Vec<Vec<(u32, f32)>> = feats.iter().map(super::learn::vector).collect();
    let example = |d: usize, feats: &[(u32, f32)], class: usize, weight: f32| {
        (
            d,
            super::learn::Example {
                feats: feats.to_vec(),
                class,
                weight,
            },
        )
    };
    let mut examples: Vec<(usize, super::learn::Example)> = vectors
        .iter()
        .zip(at.iter().zip(&classes))
        .map(|(v, (&(d, _), (class, _)))| example(d, v, *class, 1.0))
        .collect();
    for (v, (&(d, _), (_, others))) in vectors.iter().zip(at.iter().zip(&classes)) {
        for &c in others {
            examples.push(example(d, v, c, super::learn::SECONDARY_WEIGHT));
        }
    }
    (examples, skipped)
}

/// The documents of some gold files: the files beside each gold file that its units name,
/// and, for names not found there, the bundled document of that source name. Returns the
/// documents (bundled first) and one message per file that could not be read.
#[must_use]
pub fn documents(gold_files: &[(PathBuf, Vec<GoldUnit>)]) -> (Vec<Document>, Vec<String>) {
    let mut docs = crate::corpus::load_all();
    let mut paths: Vec<PathBuf> = gold_files
        .iter()
        .flat_map(|(p, units)| document_files(p, units))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            !docs.iter().any(|d| Some(&d.source) == name.as_ref())
        })
        .collect();
    paths.sort();
    paths.dedup();
    let (more, errors) = crate::load_paths(&paths);
    docs.extend(more);
    (docs, errors.iter().map(ToString::to_string).collect())
}
