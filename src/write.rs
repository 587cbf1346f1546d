//! Replaces a file's contents so that, whatever happens, the file on disk is either entirely
//! the old text or entirely the new: written to a temporary file beside it, synced, then renamed
//! over it. Never follows through a stale read: a file changed since it was read is left alone.

use std::fs::{self, Metadata};
use std::io::{self, Write};
use std::path::Path;
use std::time::SystemTime;

/// Temporary files carry this prefix and suffix, so that stale ones left by a killed run can be
/// told apart from the user's own files.
const TEMP_PREFIX: &str = ".wxwork-migrate-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of this tool's temporary files.
pub fn is_temp_file(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with(TEMP_PREFIX) && n.ends_with(TEMP_SUFFIX))
}

/// What a file looked like when it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snapshot {
    len: u64,
    modified: Option<SystemTime>,
}

impl Snapshot {
    pub fn of(meta: &Metadata) -> Snapshot {
        Snapshot {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// Writes `contents` to `path` atomically, keeping its permissions. A symlink is written
/// through: the file it points to is replaced, and the link stays a link.
///
/// The new text is synced before the rename, so that after a power cut the name holds either
/// whole text. The folder is not synced after it: that would only make the change itself
/// durable (a cut could at worst undo it, leaving the old file), and doing so per file doubled
/// the cost of `--write`.
pub fn replace(path: &Path, contents: &[u8], read: Snapshot) -> io::Result<()> {
    let entry = fs::symlink_metadata(path)?;
    let (target, meta) = if entry.file_type().is_symlink() {
        let target = fs::canonicalize(path)?;
        let meta = fs::metadata(&target)?;
        (target, meta)
    } else {
        (path.to_path_buf(), entry)
    };
    let dir = match target.parent() {
        Some(dir) if dir.as_os_str().is_empty() => Path::new("."),
        Some(dir) => dir,
        None => return Err(io::Error::other("the file has no parent folder")),
    };
    ensure_unchanged(&meta, read)?;
    ensure_writable(&target, &meta, dir)?;

    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    // WASI has no permissions: there the npm package's launcher gives the new file the old
    // one's mode when it is renamed over it.
    #[cfg(not(target_os = "wasi"))]
    temp.as_file().set_permissions(meta.permissions())?;
    temp.as_file().sync_all()?;

    ensure_unchanged(&fs::metadata(&target)?, read)?;
    temp.persist(&target).map_err(|err| err.error)?;
    Ok(())
}

/// Creates a file that must not exist yet, atomically: a file that appeared meanwhile is kept.
pub fn create(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("the file has no parent folder"))?;
    fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    temp.persist_noclobber(path).map_err(|err| err.error)?;
    Ok(())
}

/// Root may write anywhere; a read-only bit is still the owner's word that it must not change.
#[cfg(not(target_os = "wasi"))]
fn ensure_writable(_target: &Path, meta: &Metadata, dir: &Path) -> io::Result<()> {
    if meta.permissions().readonly() {
        return Err(io::Error::other("the file is read-only"));
    }
    if fs::metadata(dir)?.permissions().readonly() {
        return Err(io::Error::other("its folder is read-only"));
    }
    Ok(())
}

/// WASI reports every file as read-only: there the launcher refuses to open a file (or create
/// one in a folder) for writing when its mode has no write bit, as the native check would.
#[cfg(target_os = "wasi")]
fn ensure_writable(target: &Path, _meta: &Metadata, dir: &Path) -> io::Result<()> {
    let refused = |err: &io::Error| err.kind() == io::ErrorKind::PermissionDenied;
    match fs::OpenOptions::new().append(true).open(target) {
        Err(err) if refused(&err) => return Err(io::Error::other("the file is read-only")),
        result => drop(result?),
    }
    match tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
    {
        Err(err) if refused(&err) => Err(io::Error::other("its folder is read-only")),
        result => result.map(drop),
    }
}

fn ensure_unchanged(meta: &Metadata, read: Snapshot) -> io::Result<()> {
    if Snapshot::of(meta) == read {
        Ok(())
    } else {
        Err(io::Error::other(
            "the file changed on disk after it was read; not overwritten, run again",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_contents_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.js");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let snapshot = Snapshot::of(&fs::metadata(&path).unwrap());

        replace(&path, b"new", snapshot).unwrap();

        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp file left behind");
    }

    #[test]
    fn temp_files_are_recognised_by_prefix_and_suffix() {
        assert!(is_temp_file(".wxwork-migrate-a1B2c3.tmp".as_ref()));
        assert!(!is_temp_file(".wxwork-migrate-notes.txt".as_ref()));
        assert!(!is_temp_file("app.tmp".as_ref()));
    }

    #[test]
    fn refuses_to_overwrite_a_file_changed_since_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.js");
        fs::write(&path, "old").unwrap();
        let snapshot = Snapshot::of(&fs::metadata(&path).unwrap());
        fs::write(&path, "edited by someone else").unwrap();

        let err = replace(&path, b"new", snapshot).unwrap_err();

        assert!(err.to_string().contains("changed on disk"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited by someone else");
    }

    #[test]
    fn a_file_deleted_since_read_is_not_recreated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.js");
        fs::write(&path, "old").unwrap();
        let snapshot = Snapshot::of(&fs::metadata(&path).unwrap());
        fs::remove_file(&path).unwrap();

        assert!(replace(&path, b"new", snapshot).is_err());
        assert!(!path.exists(), "a deleted file stays deleted");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no temp file left"
        );
    }

    #[test]
    fn writes_through_a_symlink_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.js");
        let link = dir.path().join("link.js");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let snapshot = Snapshot::of(&fs::metadata(&link).unwrap());

        replace(&link, b"new", snapshot).unwrap();

        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}
