//! What `cargo bench` alone runs: on a generated 1k-file tree of each flavour, the read and
//! parse-only floors timed in-process on all cores, then the per-phase profile. A quick look that
//! needs none of the tools `scripts/bench.sh` installs.

use std::fs;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use crate::floors::files_of;
use crate::library::{parse, Language};
use crate::phases::{print_phases, profile};
use crate::trees::{generate, Flavour};

/// `cargo bench` with no arguments: a 1k-file tree of each flavour, timed in-process.
pub fn quick() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(".bench-cache/trees");
    for flavour in [Flavour::ParseAll, Flavour::Realistic] {
        let dir = root.join(format!("{}-1000", flavour.name()));
        if !dir.join(".complete").exists() {
            generate(&dir, 1000, flavour)?;
        }
        let files = files_of(std::slice::from_ref(&dir))?;
        let t = Instant::now();
        let bytes: usize = files
            .par_iter()
            .map(|f| fs::read(f).map_or(0, |b| b.len()))
            .sum();
        let read = t.elapsed();
        let t = Instant::now();
        files.par_iter().for_each(|f| {
            if let (Some(language), Ok(text)) = (Language::from_path(f), fs::read_to_string(f)) {
                std::hint::black_box(parse(&text, language).is_ok());
            }
        });
        let parsed = t.elapsed();
        println!(
            "\n{} ({} files, {:.1} MB): read {:.1} ms, parse-only {:.1} ms (all cores)",
            dir.display(),
            files.len(),
            bytes as f64 / 1e6,
            read.as_secs_f64() * 1e3,
            parsed.as_secs_f64() * 1e3
        );
        print_phases(&profile(&files));
    }
    println!("\nThe full comparison (the CLI, ast-grep, jscodeshift, rg): scripts/bench.sh");
    Ok(())
}
