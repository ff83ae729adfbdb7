//! Folders as inputs: every supported file under a folder, recursively, and what was skipped
//! and why. Files given by name are kept as given (an unsupported one then fails with its own
//! message when read); hidden entries (`.git`, `.DS_Store`) and Office lock files (`~$x.docx`)
//! inside a folder are passed over silently, like a file manager does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::format_of;

/// Folders nested deeper than this are not entered (a symlink loop cannot recurse forever:
/// symlinked folders are not followed at all).
const MAX_DEPTH: usize = 32;
/// At most this many files are collected from folders.
pub const MAX_FILES: usize = 100_000;

/// The files found, in a stable order (folders sorted by name), and the skipped ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    /// Skipped paths with the reason (`unsupported format .xls`, `cannot list the folder: …`).
    pub skipped: Vec<(PathBuf, String)>,
}

impl Expanded {
    /// The skipped files counted by reason, e.g. `3 skipped: 2 unsupported format .xls, 1 …`;
    /// `None` when nothing was skipped.
    #[must_use]
    pub fn skipped_summary(&self) -> Option<String> {
        if self.skipped.is_empty() {
            return None;
        }
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, why) in &self.skipped {
            *by.entry(why.as_str()).or_default() += 1;
        }
        let parts: Vec<String> = by.iter().map(|(why, n)| format!("{n} × {why}")).collect();
        Some(format!("{} skipped: {}", self.skipped.len(), parts.join("; ")))
    }
}

/// Expand folders among `paths` into the supported files under them.
#[must_use]
pub fn expand(paths: &[impl AsRef<Path>]) -> Expanded {
    let mut out = Expanded::default();
    for p in paths {
        let p = p.as_ref();
        if p.is_dir() {
            walk(p, 0, &mut out);
        } else {
            out.files.push(p.to_owned());
        }
    }
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Expanded) {
    if depth > MAX_DEPTH {
        out.skipped
            .push((dir.to_owned(), format!("folder nested deeper than {MAX_DEPTH} levels")));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.skipped
                .push((dir.to_owned(), format!("cannot list the folder: {e}")));
            return;
        }
    };
    let mut items: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else {
            out.skipped
                .push((dir.to_owned(), "an entry of the folder cannot be read".to_owned()));
            continue;
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        let path = entry.path();
        if ft.is_dir() {
            items.push((path, true));
        } else if ft.is_symlink() && path.is_dir() {
            out.skipped
                .push((path, "symbolic link to a folder (not followed)".to_owned()));
        } else {
            items.push((path, false));
        }
    }
    items.sort();
    for (path, is_dir) in items {
        if is_dir {
            walk(&path, depth + 1, out);
        } else if format_of(&path).is_some() {
            if out.files.len() >= MAX_FILES {
                out.skipped.push((path, format!("more than {MAX_FILES} files")));
            } else {
                out.files.push(path);
            }
        } else {
            let why = path.extension().map_or_else(
                || "no file extension".to_owned(),
                |e| format!("unsupported format .{}", e.to_string_lossy().to_lowercase()),
            );
            out.skipped.push((path, why));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_recursively_and_count_what_is_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).expect("mkdir");
        for f in [
            "a.txt",
            "b/x.PDF",
            "b/c/y.docx",
            "b/c/z.xls",
            "b/c/w.xls",
            "b/readme",
            ".hidden.txt",
            "b/~$y.docx",
        ] {
            std::fs::write(root.join(f), b"x").expect("write");
        }
        let given = root.join("loose.md");
        let e = expand(&[root.to_path_buf(), given.clone()]);
        let rel: Vec<String> = e
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .map_or_else(|_| p.display().to_string(), |r| r.display().to_string())
            })
            .map(|s| s.replace('\\', "/"))
            .collect();
        assert_eq!(rel, ["a.txt", "b/c/y.docx", "b/x.PDF", "loose.md"]);
        assert_eq!(e.skipped.len(), 3);
        assert_eq!(
            e.skipped_summary().as_deref(),
            Some("3 skipped: 1 × no file extension; 2 × unsupported format .xls")
        );
    }
}
