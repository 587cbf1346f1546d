//! A file's new text in a temporary file beside it, waiting to be put in place: the half of a
//! write that can fail without touching the file.

use std::fs::{self, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tempfile::TempPath;

use super::inherit;
use crate::t;

/// Temporary files carry this prefix and suffix, so that stale ones left by a killed run can be
/// told apart from the user's own files.
pub(super) const TEMP_PREFIX: &str = ".wxwork-migrate-";
pub(super) const TEMP_SUFFIX: &str = ".tmp";

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

/// A file's new text in a temporary file beside it, closed (a batch of thousands must not run
/// out of file descriptors), not yet durable, not yet in place. Dropped, it is removed.
#[derive(Debug)]
pub struct Staged {
    pub(super) temp: TempPath,
    target: PathBuf,
    read: Snapshot,
    /// The file system that holds the temporary file (and so its folder), so that a batch syncs
    /// each one once.
    pub(super) device: u64,
}

impl Staged {
    /// The folder whose entry the rename changes.
    pub(super) fn folder(&self) -> &Path {
        folder_of(&self.target)
    }

    /// Renames the temporary file over the target, unless the target changed since it was read.
    /// Only once the new text is durable: a rename that reaches the disk before the data would
    /// leave an empty file after a power cut.
    pub(super) fn put_in_place(self) -> io::Result<()> {
        ensure_unchanged(&fs::metadata(&self.target)?, self.read)?;
        #[cfg(windows)]
        {
            // tempfile's `persist` resets the attributes [`stage`] copied (hidden, system) to
            // "normal" before it renames: the rename is std's own here (`MoveFileEx`), which
            // keeps them.
            let mut temp = self.temp;
            fs::rename(&temp, &self.target)?;
            temp.disable_cleanup(true);
            Ok(())
        }
        #[cfg(not(windows))]
        self.temp.persist(&self.target).map_err(|err| err.error)
    }
}

/// Writes `contents` beside `path` for a later [`Batch::commit`], keeping the file's permissions
/// and owner. A symlink is written through: the file it points to will be replaced, and the link
/// stays a link. A file with several hard links is refused (see [`inherit`]).
pub fn stage(path: &Path, contents: &[u8], read: Snapshot) -> io::Result<Staged> {
    let entry = fs::symlink_metadata(path)?;
    let (target, meta) = if entry.file_type().is_symlink() {
        let target = fs::canonicalize(path)?;
        let meta = fs::metadata(&target)?;
        (target, meta)
    } else {
        (path.to_path_buf(), entry)
    };
    let dir = folder_of(&target);
    ensure_unchanged(&meta, read)?;
    ensure_writable(&target, &meta, dir)?;
    inherit::ensure_single_link(&meta)?;

    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    // The temporary file's own owner, and the file system it is on.
    #[cfg(unix)]
    let device = {
        let created = temp.as_file().metadata()?;
        inherit::keep_owner(temp.as_file(), &created, &meta)?;
        std::os::unix::fs::MetadataExt::dev(&created)
    };
    // Only Linux syncs a whole file system; elsewhere nothing reads the device.
    #[cfg(not(unix))]
    let device = 0;
    // WASI has no permissions: there the npm package's launcher gives the new file the old
    // one's mode when it is renamed over it. On Windows these are the file's attributes, the
    // hidden and system ones included.
    #[cfg(not(target_os = "wasi"))]
    temp.as_file().set_permissions(meta.permissions())?;
    Ok(Staged {
        temp: temp.into_temp_path(),
        target,
        read,
        device,
    })
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Root may write anywhere; a read-only bit is still the owner's word that it must not change.
#[cfg(not(target_os = "wasi"))]
fn ensure_writable(_target: &Path, meta: &Metadata, dir: &Path) -> io::Result<()> {
    if meta.permissions().readonly() {
        return Err(io::Error::other(t!("write-file-read-only")));
    }
    // Windows ignores a folder's read-only attribute, which Explorer sets on folders it
    // customises: only a file's counts there.
    if cfg!(not(windows)) && fs::metadata(dir)?.permissions().readonly() {
        return Err(io::Error::other(t!("write-folder-read-only")));
    }
    Ok(())
}

/// WASI reports every file as read-only: there the launcher refuses to open a file (or create
/// one in a folder) for writing when its mode has no write bit, as the native check would.
#[cfg(target_os = "wasi")]
fn ensure_writable(target: &Path, _meta: &Metadata, dir: &Path) -> io::Result<()> {
    let refused = |err: &io::Error| err.kind() == io::ErrorKind::PermissionDenied;
    match fs::OpenOptions::new().append(true).open(target) {
        Err(err) if refused(&err) => return Err(io::Error::other(t!("write-file-read-only"))),
        result => drop(result?),
    }
    match tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
    {
        Err(err) if refused(&err) => Err(io::Error::other(t!("write-folder-read-only"))),
        result => result.map(drop),
    }
}

fn ensure_unchanged(meta: &Metadata, read: Snapshot) -> io::Result<()> {
    if Snapshot::of(meta) == read {
        Ok(())
    } else {
        Err(io::Error::other(t!("write-changed-on-disk")))
    }
}
