//! Finds the files to process: walks folders honouring `.gitignore`, the built-in skips and
//! `--exclude`, and keeps files named on the command line whatever the exclude rules say
//! (pre-commit hooks pass staged file names and expect each to be looked at).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::overrides::{Override, OverrideBuilder};
use ignore::WalkBuilder;

use crate::language::Language;
use crate::t;
use crate::write::is_temp_file;

/// Folders that never hold the project's own code: dependencies, and the mini-program's built
/// copy of them.
const SKIPPED_DIRS: [&str; 3] = ["node_modules", "miniprogram_npm", ".git"];

/// The files to process, sorted and without duplicates, and the paths that could not be walked.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub errors: Vec<DiscoverError>,
    /// Temporary files a killed `--write` left behind.
    pub stale_temp_files: Vec<PathBuf>,
}

/// A path given or met during the walk that could not be looked at.
#[derive(Debug)]
pub struct DiscoverError {
    pub path: PathBuf,
    pub message: String,
}

/// An `--exclude` pattern that is not a valid glob: a usage error, reported before any work.
#[derive(Debug)]
pub struct BadGlob(pub String);

impl fmt::Display for BadGlob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Paths are shown relative to the current folder when inside it; `--exclude` globs are
/// matched against that form, as they are in ruff and prettier.
///
/// With `force_exclude`, files named explicitly go through the same rules as walked ones: a hook
/// that hands over every staged file must not make the tool touch `node_modules` or a
/// `.gitignore`d build output.
pub fn discover(
    paths: &[PathBuf],
    excludes: &[String],
    force_exclude: bool,
) -> Result<Discovered, BadGlob> {
    let rules = exclude_rules(excludes)?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut gitignores = GitignoreChain::default();
    let mut found = Found::default();
    for path in paths {
        let path = relative_to(&cwd, path);
        match std::fs::metadata(&path) {
            Err(_) if is_glob(&path) => walk_glob(&path, &rules, &mut found)?,
            Err(err) => found.errors.push(DiscoverError {
                message: describe_io_error(&err),
                path,
            }),
            Ok(meta) if meta.is_dir() => walk(&path, &rules, &mut found),
            Ok(_) => {
                let excluded = force_exclude
                    && (is_in_skipped_dir(&path)
                        || is_excluded_by(&rules, &path)
                        || gitignores.ignores(&cwd.join(&path)));
                if Language::is_source(&path) && !excluded {
                    found.files.push(path);
                }
            }
        }
    }
    // The same file reached twice (`a.js ./a.js $PWD/a.js`, or a link) is processed once: twice
    // would print its diff twice, and `git apply` would then fail. One walk meets each file
    // once (it does not follow links), so only several paths need the file system's answer.
    found.files.sort_by_cached_key(|path| path_order_key(path));
    // The walk's threads meet entries in any order; what is shown must not depend on it, nor
    // on where a folder stands among the paths given.
    found
        .stale_temp_files
        .sort_by_cached_key(|path| path_order_key(path));
    found
        .errors
        .sort_by_cached_key(|error| path_order_key(&error.path));
    found.files.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
    let files = if paths.len() > 1 {
        let mut seen = HashSet::new();
        found
            .files
            .into_iter()
            .filter(|path| {
                seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            })
            .collect()
    } else {
        found.files
    };
    Ok(Discovered {
        files,
        errors: found.errors,
        stale_temp_files: found.stale_temp_files,
    })
}

/// What the walk collects before duplicates are removed.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    errors: Vec<DiscoverError>,
    stale_temp_files: Vec<PathBuf>,
}

fn exclude_rules(excludes: &[String]) -> Result<Override, BadGlob> {
    let mut builder = OverrideBuilder::new(".");
    for glob in excludes {
        // In an override, `!glob` means "ignore"; without a positive glob nothing else is.
        builder
            .add(&format!("!{}", glob_with_slashes(glob)))
            .map_err(|err| {
                let reason = match err {
                    ignore::Error::Glob { err, .. } => err,
                    other => other.to_string(),
                };
                BadGlob(t!("bad-exclude-glob", glob = glob, reason = reason))
            })?;
    }
    builder.build().map_err(|err| {
        BadGlob(t!(
            "bad-exclude-glob",
            glob = excludes.join(" "),
            reason = err
        ))
    })
}

/// A path that names no file but holds `*`, `?` or `[`: a glob the shell did not expand, as
/// Windows' shells and a quoted argument leave them.
pub fn is_glob(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '[']) && std::fs::symlink_metadata(path).is_err()
}

/// The files a glob matches, read as a `.gitignore` line (`pages/**/*.js`, `*.wxml`), found
/// by walking the folder its literal part names, with the same skips as any walk.
fn walk_glob(glob: &Path, rules: &Override, found: &mut Found) -> Result<(), BadGlob> {
    let typed = glob.to_string_lossy();
    let text = glob_with_slashes(&typed);
    let literal = &text[..text.find(['*', '?', '[']).unwrap_or(text.len())];
    let base = match literal.rfind('/') {
        Some(0) => "/",
        Some(slash) => &literal[..slash],
        None => ".",
    };
    let root = if glob.has_root() { "/" } else { "." };
    let mut builder = GitignoreBuilder::new(root);
    builder
        .add_line(None, &text)
        .map_err(|err| BadGlob(t!("bad-glob", glob = typed, reason = err)))?;
    let matcher = builder
        .build()
        .map_err(|err| BadGlob(t!("bad-glob", glob = typed, reason = err)))?;
    // A glob under a folder that does not exist matches nothing; the run then says so.
    if !Path::new(base).is_dir() {
        return Ok(());
    }
    let mut walked = Found::default();
    walk(Path::new(base), rules, &mut walked);
    found.files.extend(
        walked
            .files
            .into_iter()
            .filter(|path| matcher.matched_path_or_any_parents(path, false).is_ignore()),
    );
    found.errors.append(&mut walked.errors);
    found.stale_temp_files.append(&mut walked.stale_temp_files);
    Ok(())
}

fn walk(root: &Path, rules: &Override, found: &mut Found) {
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .overrides(rules.clone())
        .filter_entry(|entry| {
            !(entry.depth() > 0
                && entry.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_DIRS.iter().any(|dir| entry.file_name() == *dir))
        });
    walk_with(&builder, root, found);
}

/// Walks on several threads: listing folders and looking for `.gitignore` files in each is
/// mostly waiting on the file system, and was half the wall time of `--check` on a tree of
/// 10,000 files.
#[cfg(not(target_os = "wasi"))]
fn walk_with(builder: &WalkBuilder, root: &Path, found: &mut Found) {
    let shared = std::sync::Mutex::new(std::mem::take(found));
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            let mut found = shared
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            add_entry(entry, root, &mut found);
            ignore::WalkState::Continue
        })
    });
    *found = shared
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
}

/// WASI has no threads.
#[cfg(target_os = "wasi")]
fn walk_with(builder: &WalkBuilder, root: &Path, found: &mut Found) {
    for entry in builder.build() {
        add_entry(entry, root, found);
    }
}

fn add_entry(entry: Result<ignore::DirEntry, ignore::Error>, root: &Path, found: &mut Found) {
    match entry {
        Ok(entry) => {
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                return;
            }
            let path = entry.path().strip_prefix("./").unwrap_or(entry.path());
            if Language::is_source(path) {
                found.files.push(path.to_path_buf());
            } else if is_temp_file(entry.file_name()) {
                found.stale_temp_files.push(path.to_path_buf());
            }
        }
        Err(err) => found.errors.push(DiscoverError {
            path: walk_error_path(&err).unwrap_or_else(|| root.to_path_buf()),
            message: walk_error_message(&err),
        }),
    }
}

/// `Path`'s own order (folder by folder) for the paths a run shows, compared as plain bytes: with
/// each separator made the lowest byte, `pages/a/x.js` comes before `pages/a-b.js` as `pages/a`
/// comes before `pages/a-b`. `Path::cmp` splits both paths into components on every comparison,
/// which made sorting a 10,000-file tree a tenth of `--check`.
fn path_order_key(path: &Path) -> Vec<u8> {
    let mut key = path.as_os_str().as_encoded_bytes().to_vec();
    for byte in &mut key {
        if std::path::is_separator(char::from(*byte)) {
            *byte = 0;
        }
    }
    key
}

fn is_in_skipped_dir(path: &Path) -> bool {
    path.parent().is_some_and(|dir| {
        dir.components()
            .any(|c| SKIPPED_DIRS.iter().any(|skipped| c.as_os_str() == *skipped))
    })
}

/// Whether an `--exclude` glob matches the file or any folder above it.
fn is_excluded_by(rules: &Override, path: &Path) -> bool {
    let file = rules.matched(path, false).is_ignore();
    file || path
        .ancestors()
        .skip(1)
        .filter(|dir| !dir.as_os_str().is_empty())
        .any(|dir| rules.matched(dir, true).is_ignore())
}

/// `.gitignore` files from a file's folder up to its repository's root, parsed once per folder.
#[derive(Default)]
struct GitignoreChain {
    by_dir: HashMap<PathBuf, Option<Gitignore>>,
}

impl GitignoreChain {
    /// The nearest `.gitignore` with a verdict on `path` decides, as in git.
    fn ignores(&mut self, path: &Path) -> bool {
        let folder = path.parent().unwrap_or(path);
        for dir in up_to_repository_root(folder) {
            let gitignore = self.by_dir.entry(dir.to_path_buf()).or_insert_with(|| {
                let file = dir.join(".gitignore");
                file.is_file().then(|| Gitignore::new(&file).0)
            });
            if let Some(gitignore) = gitignore {
                match gitignore.matched_path_or_any_parents(path, false) {
                    ignore::Match::Ignore(_) => return true,
                    ignore::Match::Whitelist(_) => return false,
                    ignore::Match::None => {}
                }
            }
        }
        false
    }
}

fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => {
            Some(path.strip_prefix("./").unwrap_or(path).to_path_buf())
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

fn walk_error_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        ignore::Error::Io(io) => describe_io_error(io),
        other => other.to_string(),
    }
}

/// `start` and the folders above it, up to the repository's root (the first folder holding
/// `.git`): how far up project files (`.gitignore`, configuration) apply.
pub fn up_to_repository_root(start: &Path) -> impl Iterator<Item = &Path> {
    let mut past_root = false;
    start.ancestors().take_while(move |dir| {
        let inside = !past_root;
        past_root = past_root || dir.join(".git").exists();
        inside
    })
}

/// `./pages/a.js`, `pages/a.js` and `$PWD/pages/a.js` are the same file: show and sort them
/// the same way. Resolved without touching the file system, so a link keeps its own name.
pub fn relative_to(cwd: &Path, path: &Path) -> PathBuf {
    let mut absolute = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                absolute.pop();
            }
            other => absolute.push(other),
        }
    }
    match absolute.strip_prefix(cwd) {
        Ok(relative) if relative.as_os_str().is_empty() => PathBuf::from("."),
        Ok(relative) => relative.to_path_buf(),
        Err(_) => absolute,
    }
}

/// How a path is shown in findings and diff headers: as discovery made it (relative to the
/// current folder when inside it), and a path outside the folder relative to it too, through
/// `..` (`../other/app.js`), as git shows one. `git apply` rejects the `a//abs/path` headers an
/// absolute path would give. A path on another root (a Windows drive) stays absolute.
pub fn shown(cwd: &Path, path: &Path) -> String {
    if !path.is_absolute() {
        return path.display().to_string();
    }
    let common = cwd
        .components()
        .zip(path.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return path.display().to_string();
    }
    let up = cwd.components().count() - common;
    let mut relative: PathBuf = std::iter::repeat(Component::ParentDir).take(up).collect();
    relative.extend(path.components().skip(common));
    relative.display().to_string()
}

/// A path shown the OS's way (`pages\index.js` on Windows) as git, URIs and
/// `project.config.json` name it, with `/`: `git apply` reads a backslash as part of the name.
pub fn with_slashes(display: &str) -> Cow<'_, str> {
    replace_separator(display, std::path::MAIN_SEPARATOR)
}

/// A glob typed the OS's way (`src\pages\**\*.js` in Windows' shells and configuration files)
/// as the matchers read it, with `/`: they take a backslash for an escape on every OS, as
/// `.gitignore` does. Only on Windows, where no file name holds a backslash; elsewhere `\*`
/// still matches a `*` in a name.
fn glob_with_slashes(glob: &str) -> Cow<'_, str> {
    replace_separator(glob, std::path::MAIN_SEPARATOR)
}

/// No Windows file name holds a backslash, so there each one is a separator.
fn replace_separator(display: &str, separator: char) -> Cow<'_, str> {
    if separator == '/' {
        Cow::Borrowed(display)
    } else {
        Cow::Owned(display.replace(separator, "/"))
    }
}

/// The OS's message without the "(os error 2)" suffix, which means nothing to a user.
pub fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => t!("io-not-found"),
        io::ErrorKind::PermissionDenied => t!("io-permission-denied"),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_folder_are_shown_through_parent_folders() {
        let cwd = Path::new("/work/app/miniprogram");
        assert_eq!(shown(cwd, Path::new("pages/a.js")), "pages/a.js");
        assert_eq!(
            shown(cwd, Path::new("/work/app/shared/auth.js")),
            "../shared/auth.js"
        );
        assert_eq!(shown(cwd, Path::new("/etc/x.js")), "../../../etc/x.js");
    }

    #[test]
    fn windows_separators_become_slashes_and_unix_backslashes_stay() {
        let windows = |display| replace_separator(display, '\\').into_owned();
        assert_eq!(windows(r"pages\登录\index.js"), "pages/登录/index.js");
        assert_eq!(windows(r"..\shared\a.js"), "../shared/a.js");
        assert_eq!(with_slashes(r"pages/a\b.js"), r"pages/a\b.js");
    }

    /// Both rules meet a glob typed with backslashes: the Windows form, whatever OS runs this.
    #[test]
    fn a_glob_with_backslashes_matches_on_windows_and_escapes_elsewhere() {
        let exclude = |glob: &str| {
            let mut builder = OverrideBuilder::new(".");
            builder.add(&format!("!{glob}")).unwrap();
            builder.build().unwrap()
        };
        let typed = r"src\pages\**\*.js";
        let windows = exclude(&replace_separator(typed, '\\'));
        assert!(is_excluded_by(
            &windows,
            Path::new("src/pages/login/index.js")
        ));
        assert!(!is_excluded_by(&windows, Path::new("src/utils/request.js")));
        let unix = exclude(&replace_separator(typed, '/'));
        assert!(!is_excluded_by(
            &unix,
            Path::new("src/pages/login/index.js")
        ));

        let mut walked = GitignoreBuilder::new(".");
        walked
            .add_line(None, &replace_separator(r"pages\*\index.js", '\\'))
            .unwrap();
        let walked = walked.build().unwrap();
        let matched = |path| walked.matched_path_or_any_parents(path, false).is_ignore();
        assert!(matched(Path::new("pages/login/index.js")));
        assert!(!matched(Path::new("pages/login/login.js")));
    }

    #[test]
    fn path_order_key_sorts_by_folders_then_names() {
        let mut paths: Vec<PathBuf> = [
            "pages/a-b.js",
            "pages/a/x.js",
            "pages/a.js",
            "pages/a/b/c.ts",
            "pages/登录/index.js",
            "pages/A.js",
            "app.js",
            "pages/a b.js",
            "utils/request.js",
            "pages/a.b/x.js",
        ]
        .map(PathBuf::from)
        .into();
        let mut by_path = paths.clone();
        by_path.sort();
        paths.sort_by_cached_key(|path| path_order_key(path));
        assert_eq!(paths, by_path);
    }
}
