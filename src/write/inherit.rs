//! What a new file takes over from the one it replaces, beyond its permissions: its owner and
//! group, and its being the file's only name.

use std::fs::Metadata;
use std::io;

/// Gives the temporary file the replaced file's owner and group. Run as root (a CI container,
/// Docker), the tool would otherwise hand a user's files to `root:root`. Without root, the OS
/// allows at most the group, and only one the user belongs to: the rest stays the runner's, as
/// with any editor that saves by renaming.
#[cfg(unix)]
pub fn keep_owner(temp: &std::fs::File, own: &Metadata, replaced: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::{fchown, MetadataExt};
    if (own.uid(), own.gid()) == (replaced.uid(), replaced.gid()) {
        return Ok(());
    }
    match fchown(temp, Some(replaced.uid()), Some(replaced.gid())) {
        Err(err) if err.kind() == io::ErrorKind::PermissionDenied => {
            let _ = fchown(temp, None, Some(replaced.gid()));
            Ok(())
        }
        other => other,
    }
}

/// Refuses a file with several hard links. Renaming a new file over one name would part it from
/// the others, which keep the old text; writing in place would break the promise that a cut
/// leaves the file whole. The user decides: `cp` it to a file of its own, or edit the other name.
#[cfg(unix)]
pub fn ensure_single_link(meta: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    match meta.nlink() {
        0 | 1 => Ok(()),
        links => Err(io::Error::other(crate::t!(
            "write-hard-links",
            links = links
        ))),
    }
}

#[cfg(not(unix))]
pub fn ensure_single_link(_: &Metadata) -> io::Result<()> {
    Ok(())
}
