//! Writing files safely: a temp file in the target directory (tempfile), then a rename, so
//! that a reader never sees half a file and a failed write leaves nothing behind.

use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically. Refuses a path that is a directory.
///
/// # Errors
/// The directory is missing or unwritable, the disk is full, or `path` is a directory; the
/// message names the path.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let named = |e: std::io::Error| std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()));
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            format!("{} is a directory", path.display()),
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // The temp file is deleted when dropped unless persisted: every early return cleans up.
    let mut tmp = tempfile::Builder::new()
        .prefix(".duizhao-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(named)?;
    tmp.write_all(bytes).map_err(named)?;
    tmp.as_file().sync_all().map_err(named)?;
    tmp.persist(path).map_err(|e| named(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_and_leave_no_temp_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("a.json");
        write_atomic(&p, b"one").expect("write");
        write_atomic(&p, b"two").expect("overwrite");
        assert_eq!(std::fs::read(&p).expect("read"), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[test]
    fn a_directory_or_missing_directory_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = write_atomic(dir.path(), b"x").expect_err("dir");
        assert!(e.to_string().contains(&dir.path().display().to_string()));
        let missing = dir.path().join("no/such/dir/f.txt");
        let e = write_atomic(&missing, b"x").expect_err("missing dir");
        assert!(e.to_string().contains("f.txt"));
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 0);
    }
}
