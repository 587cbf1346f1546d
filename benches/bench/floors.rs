//! The floors the tool is measured against, as commands that `scripts/bench.sh` times like the
//! tool itself: reading every file's bytes (`read`), swc parse-only of every file (`parse`), and
//! rewriting the changed files with their own bytes the way `--write` replaces them
//! (`write-floor`). What the tool takes beyond them is its own work. `read` and `parse` take their
//! file list from the tool's own `discover`, so all three see the same files.

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::arguments::args;
use crate::library::{discover, parse, write, Batch, Durability, Language};

pub fn files_of(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let found = discover(paths, &[], false).map_err(|e| e.to_string())?;
    Ok(found.files)
}

fn pool(jobs: usize) -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(64 << 20)
        .build()
        .map_err(|e| e.to_string())
}

/// Reads every file the tool would process, in parallel, keeping one file at a time per thread.
pub fn cmd_read(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    let files = files_of(&args.paths)?;
    let bytes = AtomicU64::new(0);
    pool(args.jobs)?.install(|| {
        files.par_iter().with_max_len(1).for_each(|path| {
            let text = fs::read(path).unwrap_or_default();
            bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
        })
    });
    println!("files={} bytes={}", files.len(), bytes.into_inner());
    Ok(())
}

/// Reads, decodes and parses every file with swc, in parallel: what the tool cannot beat when
/// it has to parse everything.
pub fn cmd_parse(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    let files = files_of(&args.paths)?;
    let bytes = AtomicU64::new(0);
    let errors = AtomicUsize::new(0);
    pool(args.jobs)?.install(|| {
        files.par_iter().with_max_len(1).for_each(|path| {
            let Some(language) = Language::from_path(path) else {
                return;
            };
            let text = fs::read_to_string(path).unwrap_or_default();
            bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
            if parse(&text, language).is_err() {
                errors.fetch_add(1, Ordering::Relaxed);
            }
        })
    });
    println!(
        "files={} bytes={} parse_errors={}",
        files.len(),
        bytes.into_inner(),
        errors.into_inner()
    );
    Ok(())
}

/// Rewrites each listed file with its own bytes the way `--write` replaces files (temporary
/// files written beside them in parallel, made durable a batch at a time, renamed over them, the
/// folders synced at the end): what writing the changed files costs the file system, whoever
/// does it. The files keep their contents. `--durability per-file` measures the old way, one
/// sync per file before its rename.
pub fn cmd_write_floor(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    let failures = AtomicUsize::new(0);
    let pool = pool(args.jobs)?;
    let stage = |path: &PathBuf| -> std::io::Result<write::Staged> {
        let bytes = fs::read(path)?;
        write::stage(path, &bytes, write::Snapshot::of(&fs::metadata(path)?))
    };
    let Some(durability) = args.durability else {
        pool.install(|| {
            args.paths.par_iter().with_max_len(1).for_each(|path| {
                let staged = stage(path).and_then(|staged| {
                    let mut batch = Batch::new(Durability::EachFile);
                    batch.commit(vec![staged]).remove(0)
                });
                if staged.is_err() {
                    failures.fetch_add(1, Ordering::Relaxed);
                }
            })
        });
        return report_failures(args.paths.len(), failures.into_inner());
    };
    let mut batch = Batch::new(durability);
    for paths in args.paths.chunks(args.batch.max(1)) {
        let staged: Vec<_> = pool.install(|| paths.par_iter().with_max_len(1).map(stage).collect());
        let staged = staged
            .into_iter()
            .filter_map(|staged| {
                staged
                    .map_err(|_| failures.fetch_add(1, Ordering::Relaxed))
                    .ok()
            })
            .collect();
        let failed = batch.commit(staged).iter().filter(|r| r.is_err()).count();
        failures.fetch_add(failed, Ordering::Relaxed);
    }
    batch
        .sync_folders()
        .map_err(|e| format!("syncing the folders: {e}"))?;
    report_failures(args.paths.len(), failures.into_inner())
}

fn report_failures(files: usize, failures: usize) -> Result<(), String> {
    println!("files={files} failures={failures}");
    if failures > 0 {
        return Err(format!("{failures} files could not be rewritten"));
    }
    Ok(())
}
