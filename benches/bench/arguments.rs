//! The command line every command shares (the folders or `--list`, `--files`, `--flavour`,
//! `--jobs`, `--durability`, `--batch`). No measurement of its own.

use std::fs;
use std::path::PathBuf;

use crate::library::{Durability, BATCH_FILES};
use crate::trees::Flavour;

pub struct Args {
    /// The folders or files to look at (`gen`: the folder to write).
    pub paths: Vec<PathBuf>,
    pub files: usize,
    pub flavour: Flavour,
    pub jobs: usize,
    /// `write-floor`: how each batch is made durable; `None`, one `fsync` per file.
    pub durability: Option<Durability>,
    pub batch: usize,
}

pub fn args(raw: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        paths: Vec::new(),
        files: 1000,
        flavour: Flavour::Realistic,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        durability: Some(Durability::default()),
        batch: BATCH_FILES,
    };
    let mut raw = raw.iter();
    while let Some(arg) = raw.next() {
        let mut value = || raw.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--files" => parsed.files = value()?.parse().map_err(|e| format!("--files: {e}"))?,
            "--jobs" => parsed.jobs = value()?.parse().map_err(|e| format!("--jobs: {e}"))?,
            "--batch" => parsed.batch = value()?.parse().map_err(|e| format!("--batch: {e}"))?,
            "--durability" => {
                parsed.durability = match value()?.as_str() {
                    "syncfs" => Some(Durability::FileSystem),
                    "fdatasync" => Some(Durability::EachFile),
                    "none" => Some(Durability::Unsynced),
                    "per-file" => None,
                    other => return Err(format!("unknown durability {other:?}")),
                }
            }
            "--flavour" => {
                parsed.flavour = match value()?.as_str() {
                    "realistic" => Flavour::Realistic,
                    "parse-all" => Flavour::ParseAll,
                    other => return Err(format!("unknown flavour {other:?}")),
                }
            }
            // A file of paths, one a line: the changed files, for the re-parse figure.
            "--list" => {
                let list = fs::read_to_string(value()?).map_err(|e| format!("--list: {e}"))?;
                parsed.paths.extend(list.lines().map(PathBuf::from));
            }
            _ if !arg.starts_with('-') => parsed.paths.push(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    if parsed.paths.is_empty() {
        return Err("a folder is needed".to_string());
    }
    Ok(parsed)
}
