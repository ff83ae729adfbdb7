//! Writing files safely: a temp file in the target's directory (tempfile), then a rename, so
//! that a reader never sees half a file and a failed write leaves nothing behind.
//!
//! - Not replacing is atomic: the temp file is moved into place with create-new semantics
//!   (`persist_noclobber`: `renameat2(RENAME_NOREPLACE)` or a hard link), never
//!   check-then-rename, so of simultaneous writers to one new name exactly one wins.
//! - A symlink is written through: the file it names is replaced, the link stays. A dangling
//!   symlink counts as an existing file.
//! - Modes (unix): a new file gets `0666` less the umask, as any program's would; a
//!   replaced file keeps its mode.
//! - Temp files are named `.duizhao-<pid>-<random>.tmp`; a killed writer's are removed by the
//!   next write into that directory once they are an hour old and their process is gone.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Temp files of ours: `.duizhao-<pid>-….tmp`.
const TMP_PREFIX: &str = ".duizhao-";
const TMP_SUFFIX: &str = ".tmp";
/// A temp file this old whose writer is gone is left over from a killed write.
const STALE_AFTER: Duration = Duration::from_hours(1);
/// Symlink chains longer than this are refused (as the OS does with ELOOP).
const MAX_LINKS: usize = 40;

/// Write `bytes` to `path` atomically, replacing it if it exists. Refuses a path that is a
/// directory.
///
/// # Errors
/// The directory is missing or unwritable, the disk is full, or `path` is a directory; the
/// message names the path.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, bytes, true)
}

/// Write `bytes` to `path` atomically; when `replace` is false and `path` exists (a dangling
/// symlink included) fail with [`std::io::ErrorKind::AlreadyExists`] and leave it untouched.
///
/// # Errors
/// As [`write_atomic`], plus `AlreadyExists`.
pub fn write_file(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let named = |e: std::io::Error| std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()));
    let (target, link_exists) = resolve_links(path).map_err(named)?;
    if target.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            format!("{} is a directory", path.display()),
        ));
    }
    if link_exists && !replace {
        return Err(exists(path));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    remove_stale_temp_files(&dir);
    let prefix = format!("{TMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with 0666: open(2) applies the umask, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The temp file is deleted when dropped unless persisted: every early return cleans up.
    let mut tmp = builder.tempfile_in(&dir).map_err(named)?;
    tmp.write_all(bytes).map_err(named)?;
    if replace {
        // An existing file keeps its permissions.
        if let Ok(meta) = std::fs::metadata(&target) {
            std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(named)?;
        }
    }
    tmp.as_file().sync_all().map_err(named)?;
    if replace {
        tmp.persist(&target).map_err(|e| named(e.error))?;
    } else {
        tmp.persist_noclobber(&target).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                exists(path)
            } else {
                named(e.error)
            }
        })?;
    }
    Ok(())
}

fn exists(path: &Path) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::AlreadyExists, format!("{} exists", path.display()))
}

/// The file `path` finally names, following symlinks (relative ones from their own
/// directory), and whether anything is at `path` (a dangling link counts).
fn resolve_links(path: &Path) -> std::io::Result<(PathBuf, bool)> {
    let mut at = path.to_owned();
    let mut any = false;
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                any = true;
                let to = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            Ok(_) => return Ok((at, true)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((at, any)),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Remove temp files of ours in `dir` left by a killed write: older than `STALE_AFTER` (an hour) and
/// whose process is gone (where that can be told). Best effort: errors are ignored.
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = name
            .strip_prefix(TMP_PREFIX)
            .filter(|_| name.ends_with(TMP_SUFFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age >= STALE_AFTER));
        if old && !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` runs. Where that cannot be told (no /proc), an hour-old temp file is
/// taken as abandoned: no export takes that long.
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid.to_string()).exists()
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
    fn not_replacing_keeps_the_existing_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("a.csv");
        write_file(&p, b"first", false).expect("new");
        let e = write_file(&p, b"second", false).expect_err("exists");
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert!(e.to_string().contains("a.csv"), "{e}");
        assert_eq!(std::fs::read(&p).expect("read"), b"first");
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
