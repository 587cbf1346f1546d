//! The files git says changed, for `--staged` and `--since`, and the staged contents of files,
//! so that `--check --staged` judges what will be committed rather than the working copy.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fmt;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::discover::relative_to;
use crate::t;

/// Which files git should list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changes {
    /// In the index, compared with `HEAD`.
    Staged,
    /// In the working tree, compared with a revision.
    Since(String),
}

#[derive(Debug)]
pub struct GitError(pub String);

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "git: {}", self.0)
    }
}

/// WASI cannot start processes: the WebAssembly build says so rather than guess.
#[cfg(target_os = "wasi")]
fn git<S: AsRef<OsStr>>(_args: &[S]) -> Result<Vec<u8>, GitError> {
    Err(GitError(
        "--staged and --since need git, which the WebAssembly build cannot run; name the files \
         instead, or use the native build"
            .into(),
    ))
}

#[cfg(not(target_os = "wasi"))]
fn git<S: AsRef<OsStr>>(args: &[S]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|err| GitError(t!("git-not-run", detail = err)))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let message = String::from_utf8_lossy(&output.stderr);
        Err(GitError(message.trim().to_string()))
    }
}

/// Added, copied, modified and renamed files (deleted ones have nothing to check), relative to
/// the current folder.
pub fn changed_files(changes: &Changes) -> Result<Vec<PathBuf>, GitError> {
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end());
    let listed = match changes {
        Changes::Staged => git(&[
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--diff-filter=ACMR",
        ])?,
        Changes::Since(rev) => {
            git(&["diff", "--name-only", "-z", "--diff-filter=ACMR", rev, "--"])?
        }
    };
    let cwd = std::env::current_dir().map_err(|err| GitError(err.to_string()))?;
    Ok(listed
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| relative_to(&cwd, &top.join(bytes_to_path(name))))
        .collect())
}

/// The staged contents of `paths` (relative to the current folder), read in one `git cat-file`
/// process so that a hook on many files stays fast.
pub fn staged_contents(paths: &[PathBuf]) -> Result<HashMap<PathBuf, Vec<u8>>, GitError> {
    if paths.is_empty() {
        return Ok(HashMap::new());
    }
    let mut args: Vec<&OsStr> = ["ls-files", "--stage", "-z", "--"].map(OsStr::new).to_vec();
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let listing = git(&args)?;
    let cwd = std::env::current_dir().map_err(|err| GitError(err.to_string()))?;
    // `<mode> <object> <stage>\t<path relative to the current folder>`
    let mut objects = Vec::new();
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let Some(tab) = entry.iter().position(|&b| b == b'\t') else {
            continue;
        };
        let meta = String::from_utf8_lossy(&entry[..tab]);
        let Some(object) = meta.split(' ').nth(1) else {
            continue;
        };
        // Named as discovery names it (a file outside the current folder by its absolute
        // path, where git writes `../`), or the staged contents would go unused.
        objects.push((
            relative_to(&cwd, &bytes_to_path(&entry[tab + 1..])),
            object.to_string(),
        ));
    }
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| GitError(t!("git-not-run", detail = err)))?;
    let mut stdin = child.stdin.take().expect("piped");
    let requests: String = objects
        .iter()
        .map(|(_, object)| format!("{object}\n"))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut output = Vec::new();
    child
        .stdout
        .take()
        .expect("piped")
        .read_to_end(&mut output)
        .map_err(|err| GitError(err.to_string()))?;
    let _ = writer.join();
    let _ = child.wait();

    // `<object> blob <size>\n<contents>\n` for each request, in order.
    let mut contents = HashMap::new();
    let mut rest = output.as_slice();
    for (path, _) in objects {
        let header_end = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| GitError(t!("git-bad-output")))?;
        let header = String::from_utf8_lossy(&rest[..header_end]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| GitError(format!("{}: {header}", t!("git-bad-output"))))?;
        let body = rest
            .get(header_end + 1..header_end + 1 + size)
            .ok_or_else(|| GitError(t!("git-bad-output")))?;
        contents.insert(path, body.to_vec());
        rest = &rest[(header_end + 2 + size).min(rest.len())..];
    }
    Ok(contents)
}

#[cfg(any(unix, target_os = "wasi"))]
fn bytes_to_path(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    use std::os::unix::ffi::OsStrExt;
    #[cfg(target_os = "wasi")]
    use std::os::wasi::ffi::OsStrExt;
    PathBuf::from(OsStr::from_bytes(bytes))
}

/// Git for Windows writes paths as UTF-8 whatever the console's code page.
#[cfg(windows)]
fn bytes_to_path(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}
