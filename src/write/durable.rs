//! Making new texts durable before they replace the old, many files at a time.
//!
//! A power cut must leave each file whole, old or new; that needs only each temporary file's data
//! on disk before its rename, not one sync per file. So temporary files are written in batches,
//! made durable with one call per batch, then renamed; the folders, whose entries the renames
//! changed, are synced once at the end of the run.

use std::collections::BTreeMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use super::staged::Staged;

/// Changed files made durable with one sync. Larger batches save syncs but hold more temporary
/// files on disk at once and leave more of a killed run undone; see docs/benchmark.md.
pub const BATCH_FILES: usize = 256;

/// How a batch's temporary files are made durable before their renames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// One `syncfs(2)` per file system the batch touches, then the folders at the end the same
    /// way. Linux only; elsewhere it acts as [`Durability::EachFile`].
    FileSystem,
    /// `fdatasync` on every temporary file, several at once so that the file system can commit
    /// them together, then each touched folder at the end.
    EachFile,
    /// No sync at all: WASI has none, and a benchmark measures what syncing costs.
    Unsynced,
}

impl Default for Durability {
    /// `syncfs` measured fastest on Linux (see docs/benchmark.md); WASI cannot sync.
    fn default() -> Durability {
        if cfg!(target_os = "wasi") {
            Durability::Unsynced
        } else if cfg!(target_os = "linux") {
            Durability::FileSystem
        } else {
            Durability::EachFile
        }
    }
}

/// Puts batches of staged files in place and remembers the folders it changed, to sync them
/// once when the run is done.
#[derive(Debug, Default)]
pub struct Batch {
    durability: Durability,
    /// Each folder a rename changed, with the file system that holds it.
    folders: BTreeMap<PathBuf, u64>,
}

impl Batch {
    pub fn new(durability: Durability) -> Batch {
        Batch {
            durability,
            folders: BTreeMap::new(),
        }
    }

    /// Makes the staged files durable, then renames each over its target: one result per file,
    /// in order. If the sync fails, no file of the batch is replaced.
    pub fn commit(&mut self, staged: Vec<Staged>) -> Vec<io::Result<()>> {
        if let Err(err) = self.make_durable(&staged) {
            return staged
                .iter()
                .map(|_| Err(io::Error::new(err.kind(), err.to_string())))
                .collect();
        }
        staged
            .into_iter()
            .map(|file| {
                let (folder, device) = (file.folder().to_path_buf(), file.device);
                file.put_in_place()?;
                self.folders.insert(folder, device);
                Ok(())
            })
            .collect()
    }

    /// Syncs every folder a rename changed, so that the new names survive a power cut too.
    pub fn sync_folders(self) -> io::Result<()> {
        match self.durability {
            Durability::Unsynced => Ok(()),
            #[cfg(target_os = "linux")]
            Durability::FileSystem => sync_file_systems(
                self.folders
                    .iter()
                    .map(|(folder, device)| (folder.as_path(), *device)),
            ),
            _ => {
                let folders: Vec<&Path> = self.folders.keys().map(PathBuf::as_path).collect();
                in_parallel(&folders, sync_folder)
            }
        }
    }

    fn make_durable(&self, staged: &[Staged]) -> io::Result<()> {
        match self.durability {
            Durability::Unsynced => Ok(()),
            #[cfg(target_os = "linux")]
            Durability::FileSystem => {
                sync_file_systems(staged.iter().map(|file| (file.folder(), file.device)))
            }
            _ => in_parallel(staged, |file| sync_path(&file.temp)),
        }
    }
}

/// Makes one file's data durable: a temporary file about to be renamed on its own.
pub fn sync_file(file: &File) -> io::Result<()> {
    if cfg!(target_os = "wasi") {
        return Ok(());
    }
    file.sync_data()
}

/// Makes a closed file's data durable. Windows flushes a file only through a handle that may
/// write to it; elsewhere a read handle does, and needs no write permission.
fn sync_path(path: &Path) -> io::Result<()> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(cfg!(windows))
        .open(path)?
        .sync_data()
}

/// One `syncfs` for each file system among `folders` (each with the device that holds it):
/// whatever was written there, data and names, is on disk when it returns. One folder is opened
/// per file system, not one per folder: a batch spans hundreds of folders. A folder that cannot
/// be opened (no read permission) is passed over for another on the same file system.
#[cfg(target_os = "linux")]
fn sync_file_systems<'a>(folders: impl IntoIterator<Item = (&'a Path, u64)>) -> io::Result<()> {
    let mut synced = std::collections::BTreeSet::new();
    let mut unopened = BTreeMap::new();
    for (folder, device) in folders {
        if synced.contains(&device) {
            continue;
        }
        match File::open(folder) {
            Ok(handle) => {
                rustix::fs::syncfs(handle)?;
                synced.insert(device);
                unopened.remove(&device);
            }
            Err(err) => {
                unopened.entry(device).or_insert(err);
            }
        }
    }
    unopened.into_values().next().map_or(Ok(()), Err)
}

#[cfg(unix)]
fn sync_folder(folder: &&Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

/// Folders cannot be opened for a sync outside Unix.
#[cfg(not(unix))]
fn sync_folder(_: &&Path) -> io::Result<()> {
    Ok(())
}

/// Threads for syncing files one by one: each sync mostly waits on the disk, and waits issued
/// together are committed together by a journaling file system.
const SYNC_THREADS: usize = 16;

/// Runs `sync` on every item on up to [`SYNC_THREADS`] threads; the first error, if any.
fn in_parallel<T: Sync>(items: &[T], sync: impl Fn(&T) -> io::Result<()> + Sync) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let per_thread = items.len().div_ceil(SYNC_THREADS);
    std::thread::scope(|scope| {
        let sync = &sync;
        let threads: Vec<_> = items
            .chunks(per_thread)
            .map(|chunk| scope.spawn(move || chunk.iter().try_for_each(sync)))
            .collect();
        // Every thread is joined when the scope ends, so the first error can be returned early.
        threads.into_iter().try_for_each(|thread| {
            thread
                .join()
                .unwrap_or_else(|_| Err(io::Error::other(crate::t!("sync-failed"))))
        })
    })
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn a_folder_that_cannot_be_opened_is_passed_over_for_another_on_its_file_system() {
        let dir = tempfile::tempdir().unwrap();
        let device = std::fs::metadata(dir.path()).unwrap().dev();
        let gone = dir.path().join("removed-since");

        sync_file_systems([(gone.as_path(), device), (dir.path(), device)]).unwrap();

        let err = sync_file_systems([(gone.as_path(), device)]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
