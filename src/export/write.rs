//! Writing an export's file: refused early when it cannot be written, then created new (or
//! replaced with `force`) atomically.

use std::path::Path;

use super::ExportError;

fn write_error(path: &Path, source: std::io::Error) -> ExportError {
    ExportError::Write {
        path: path.to_owned(),
        source,
    }
}

/// Refuse a directory, and an existing file unless `force` — early; the authoritative check
/// is the create-new move in [`write_new`].
pub(super) fn writable(path: &Path, force: bool) -> Result<(), ExportError> {
    if path.is_dir() {
        return Err(write_error(
            path,
            std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a directory"),
        ));
    }
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(ExportError::Exists(path.to_owned()));
    }
    Ok(())
}

pub(super) fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    crate::fsutil::write_file(path, bytes, force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            ExportError::Exists(path.to_owned())
        } else {
            write_error(path, e)
        }
    })
}
