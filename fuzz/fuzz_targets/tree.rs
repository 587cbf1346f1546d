//! The whole command-line path on a generated mini-program tree: discovery, reading, the size
//! limit, migration and atomic writes. A dry run and `--check` write nothing; `--write` leaves
//! every file as the per-file pipeline says (its output, or the file as it was when it is
//! skipped, fails, is binary, lies under `node_modules`/`miniprogram_npm` or is over
//! `--max-file-size`),
//! adds nothing but the TypeScript declaration file, and a second `--write` changes nothing.
//!
//! The input is a list of files separated by `0xff` bytes (never in UTF-8 text). The first
//! byte of each picks its folder (low three bits) and kind (the next three); the rest is its
//! content, UTF-8 or not. The first
//! byte of the whole input sets `--max-file-size` to 64 bytes times its value, so that the
//! limit falls on both sides of the generated files.
#![no_main]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use clap::Parser;
use libfuzzer_sys::fuzz_target;
use wxwork_migrate::compat::Clients;
use wxwork_migrate::cli::{Args, Settings};
use wxwork_migrate::manifest::VueVersion;
use wxwork_migrate::migrate::{migrate_path, Options};
use wxwork_migrate::plan::Guard;

#[path = "../support.rs"]
mod support;

const FOLDERS: [&str; 6] = [
    "",
    "pages/index/",
    "utils/",
    "components/card/",
    "node_modules/sdk/",
    "miniprogram_npm/ui/",
];
const KINDS: [&str; 8] = ["js", "ts", "vue", "wpy", "wxml", "tsx", "mjs", "d.ts"];
/// Created by `--write` in a TypeScript project whose code it rewrote.
const TYPINGS: &str = "typings/wxwork.d.ts";

type Files = BTreeMap<PathBuf, Vec<u8>>;

fn tree_of(data: &[u8]) -> (u64, Files) {
    let Some((&limit, rest)) = data.split_first() else {
        return (0, Files::new());
    };
    let mut files = Files::new();
    for (n, chunk) in rest.split(|&b| b == 0xff).take(12).enumerate() {
        let Some((&pick, content)) = chunk.split_first() else {
            continue;
        };
        let folder = FOLDERS[usize::from(pick & 7) % FOLDERS.len()];
        let kind = KINDS[usize::from(pick >> 3) % KINDS.len()];
        files.insert(
            PathBuf::from(format!("{folder}f{n}.{kind}")),
            content.to_vec(),
        );
    }
    (64 * u64::from(limit), files)
}

fn snapshot(root: &Path) -> Files {
    fn walk(root: &Path, dir: &Path, files: &mut Files) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, files);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                files.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut files = Files::new();
    walk(root, root, &mut files);
    files
}

/// What `--write` must leave in a file: the per-file pipeline's output, or the file as it was.
fn expected(path: &Path, bytes: &[u8], limit: u64) -> Vec<u8> {
    let vendored = path.starts_with("node_modules") || path.starts_with("miniprogram_npm");
    let guard = Guard::standard();
    let options = Options {
        guard: &guard,
        ignored: &[],
        verify: true,
        targets: Clients::ALL,
        inventory: false,
        module: None,
        vue: VueVersion::default(),
    };
    match std::str::from_utf8(bytes) {
        // A NUL byte makes it a binary file, which the tool reads no further.
        Ok(text) if !vendored && !bytes.contains(&0) && bytes.len() as u64 <= limit => {
            match migrate_path(path, text, &options) {
                Some(Ok(migration)) => migration.output.map_or(bytes.to_vec(), String::into_bytes),
                _ => bytes.to_vec(),
            }
        }
        _ => bytes.to_vec(),
    }
}

fn run(root: &Path, mode: &[&str], limit: u64) -> Result<String, String> {
    let limit = limit.to_string();
    let mut argv = vec![
        "wxwork-migrate",
        "--color",
        "never",
        "--max-file-size",
        &limit,
    ];
    argv.extend_from_slice(mode);
    argv.push(root.to_str().unwrap());
    let args = Args::try_parse_from(&argv).map_err(|e| e.to_string())?;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let raw: Vec<String> = argv[1..].iter().map(|arg| arg.to_string()).collect();
    wxwork_migrate::run::run(&Settings::new(args, &raw), &mut out, &mut err)
        .map_err(|e| format!("{argv:?}: {e}"))?;
    let err = String::from_utf8_lossy(&err);
    if err.contains("WX903") {
        return Err(format!("{argv:?}: an internal failure:\n{err}"));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn check(limit: u64, files: Files) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = dir.path();
    for (path, bytes) in &files {
        fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        fs::write(root.join(path), bytes).unwrap();
    }
    let before = snapshot(root);

    run(root, &[], limit)?;
    run(root, &["--check"], limit)?;
    if snapshot(root) != before {
        return Err("a dry run or --check changed the tree".to_string());
    }

    run(root, &["--write"], limit)?;
    let mut after = snapshot(root);
    after.remove(Path::new(TYPINGS));
    for (path, bytes) in &before {
        let want = expected(path, bytes, limit);
        match after.remove(path) {
            Some(got) if got == want => {}
            Some(got) => {
                return Err(format!(
                    "{}: --write left {:?}, the pipeline says {:?}",
                    path.display(),
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&want)
                ))
            }
            None => return Err(format!("{}: gone after --write", path.display())),
        }
    }
    if let Some(extra) = after.keys().next() {
        return Err(format!("--write created {}", extra.display()));
    }

    let written = snapshot(root);
    run(root, &["--write"], limit)?;
    if snapshot(root) != written {
        return Err("a second --write changed the tree".to_string());
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    support::abort_on_panics_outside_the_parser();
    let (limit, files) = tree_of(data);
    if files.is_empty() {
        return;
    }
    support::on_tool_stack(move || check(limit, files));
});
