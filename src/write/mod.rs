//! Replaces files' contents so that, whatever happens, each file on disk is either entirely the
//! old text or entirely the new: the new text is written to a temporary file beside it
//! ([`stage`]), made durable together with others ([`Batch`]), then renamed over it. Never
//! follows through a stale read: a file changed since it was read is left alone.

mod durable;
mod inherit;
mod staged;

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::t;

pub use durable::{Batch, Durability, BATCH_FILES};
pub use staged::{is_temp_file, stage, Snapshot, Staged};
use staged::{TEMP_PREFIX, TEMP_SUFFIX};

/// Creates a file that must not exist yet, atomically: a file that appeared meanwhile is kept.
pub fn create(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other(t!("write-no-parent-folder")))?;
    fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A file the tool adds is the user's like any other: 0666 less the umask, as an editor or
    // `git apply` makes it, not a temporary file's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(contents)?;
    durable::sync_file(temp.as_file())?;
    temp.persist_noclobber(path).map_err(|err| err.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One file as a batch of one, the way `--write` puts a batch in place.
    fn replace(path: &Path, contents: &[u8], read: Snapshot) -> io::Result<()> {
        replace_with(Durability::default(), path, contents, read)
    }

    fn replace_with(
        durability: Durability,
        path: &Path,
        contents: &[u8],
        read: Snapshot,
    ) -> io::Result<()> {
        let mut batch = Batch::new(durability);
        let staged = stage(path, contents, read)?;
        batch.commit(vec![staged]).remove(0)?;
        batch.sync_folders()
    }

    #[test]
    fn every_durability_replaces_a_batch_of_files_in_several_folders() {
        for durability in [
            Durability::FileSystem,
            Durability::EachFile,
            Durability::Unsynced,
        ] {
            let dir = tempfile::tempdir().unwrap();
            let mut staged = Vec::new();
            for i in 0..40 {
                let folder = dir.path().join(format!("pages/p{}", i % 7));
                fs::create_dir_all(&folder).unwrap();
                let path = folder.join(format!("index{i}.js"));
                fs::write(&path, format!("wx.login() // {i}")).unwrap();
                let snapshot = Snapshot::of(&fs::metadata(&path).unwrap());
                staged.push(stage(&path, format!("new {i}").as_bytes(), snapshot).unwrap());
            }
            let mut batch = Batch::new(durability);
            assert!(batch.commit(staged).iter().all(Result::is_ok));
            batch.sync_folders().unwrap();
            for i in 0..40 {
                let path = dir.path().join(format!("pages/p{}/index{i}.js", i % 7));
                assert_eq!(
                    fs::read_to_string(path).unwrap(),
                    format!("new {i}"),
                    "{durability:?}"
                );
            }
        }
    }

    #[test]
    #[cfg(unix)]
    fn an_added_file_gets_a_new_files_mode_not_a_temporary_files_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let added = dir.path().join("typings/wxwork.d.ts");
        create(&added, b"declare namespace WechatMiniprogram {}").unwrap();
        let plain = dir.path().join("plain.ts");
        fs::write(&plain, "").unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&added), mode(&plain));
        assert_ne!(mode(&added), 0o600);
    }

    #[test]
    #[cfg(unix)]
    fn each_file_durability_keeps_contents_and_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.js");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let snapshot = Snapshot::of(&fs::metadata(&path).unwrap());

        replace_with(Durability::EachFile, &path, b"new", snapshot).unwrap();

        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    #[cfg(unix)]
    fn both_ends_of_a_hard_link_are_refused_and_stay_linked() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first.js");
        let second = dir.path().join("second.js");
        fs::write(&first, "wx.login()").unwrap();
        fs::hard_link(&first, &second).unwrap();

        for end in [&first, &second] {
            let snapshot = Snapshot::of(&fs::metadata(end).unwrap());
            let err = replace(end, b"new", snapshot).unwrap_err();
            assert!(err.to_string().contains("2 hard links"), "{err}");
        }

        let (a, b) = (
            fs::metadata(&first).unwrap(),
            fs::metadata(&second).unwrap(),
        );
        assert_eq!(
            (a.ino(), a.nlink()),
            (b.ino(), 2),
            "still one file under two names"
        );
        assert_eq!(fs::read_to_string(&second).unwrap(), "wx.login()");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temp file left"
        );
    }

    #[test]
    #[cfg(unix)]
    fn a_symlink_to_a_hard_linked_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.js");
        fs::write(&real, "wx.login()").unwrap();
        fs::hard_link(&real, dir.path().join("backup.js")).unwrap();
        let link = dir.path().join("link.js");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let snapshot = Snapshot::of(&fs::metadata(&link).unwrap());

        assert!(replace(&link, b"new", snapshot).is_err());
        assert_eq!(fs::read_to_string(&real).unwrap(), "wx.login()");
    }

    /// Run as root (CI containers, Docker), a rewrite handed users' files to `root:root`.
    #[test]
    #[cfg(unix)]
    fn root_keeps_the_owner_and_group_of_a_replaced_file() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.js");
        fs::write(&path, "old").unwrap();
        let runner = fs::metadata(&path).unwrap();
        if runner.uid() != 0 {
            // Giving a file away needs root; CI runs as root, so there the test must run.
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run this test as root"
            );
            return;
        }
        std::os::unix::fs::chown(&path, Some(1234), Some(5678)).unwrap();
        let snapshot = Snapshot::of(&fs::metadata(&path).unwrap());

        replace(&path, b"new", snapshot).unwrap();

        let meta = fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (1234, 5678));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    #[cfg(unix)]
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

    /// Explorer hides a hidden file, and a system one even from most tools: a rewrite must not
    /// bring either into view. tempfile's own rename made every replaced file "normal".
    #[test]
    #[cfg(windows)]
    fn a_replaced_file_keeps_its_hidden_and_system_attributes() {
        use std::os::windows::ffi::OsStrExt;
        use std::os::windows::fs::MetadataExt;
        use windows_sys::Win32::Storage::FileSystem::{
            SetFileAttributesW, FILE_ATTRIBUTE_HIDDEN, FILE_ATTRIBUTE_SYSTEM,
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.js");
        fs::write(&path, "old").unwrap();
        let wide: Vec<u16> = path.as_os_str().encode_wide().chain([0]).collect();
        let kept = FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM;
        // SAFETY: a NUL-terminated path that outlives the call.
        assert_ne!(unsafe { SetFileAttributesW(wide.as_ptr(), kept) }, 0);
        let snapshot = Snapshot::of(&fs::metadata(&path).unwrap());

        replace(&path, b"new", snapshot).unwrap();

        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let attributes = fs::metadata(&path).unwrap().file_attributes();
        assert_eq!(attributes & kept, kept, "attributes {attributes:#x}");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
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
    fn a_file_changed_between_staging_and_commit_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.js");
        fs::write(&path, "old").unwrap();
        let snapshot = Snapshot::of(&fs::metadata(&path).unwrap());
        let staged = stage(&path, b"new", snapshot).unwrap();
        fs::write(&path, "edited meanwhile").unwrap();

        let results = Batch::default().commit(vec![staged]);

        assert!(results[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("changed on disk"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited meanwhile");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
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
    #[cfg(unix)]
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
