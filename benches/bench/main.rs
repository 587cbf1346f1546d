//! The benchmark's Rust half: a deterministic generator of mini-program-shaped trees, the two
//! floors the tool is measured against (reading every file's bytes, and swc parse-only of every
//! file in parallel), and a per-phase profile of the tool's own pipeline through the library.
//! `scripts/bench.sh` drives it and times every command the same way; `cargo bench` alone runs a
//! quick in-process pass on a generated 1k-file tree.
//!
//! ```text
//! bench gen DIR --files N --flavour realistic|parse-all   write a tree (same N, same bytes)
//! bench read DIR [--jobs N]                               the floor: read every file's bytes
//! bench parse DIR [--jobs N]                              the parser's limit: swc parse-only
//! bench write-floor --list FILE [--jobs N] [--durability syncfs|fdatasync|per-file|none]
//!                   [--batch N]                           the disk's: the files rewritten safely
//! bench phases DIR                                        one thread, time per pipeline phase
//! ```
//!
//! The modules, by what they measure: `floors` the floors, `phases` the tool's own steps, `quick`
//! the pass `cargo bench` runs, `trees` the generated input; `arguments` and `library` serve them.

mod arguments;
mod floors;
mod library;
mod phases;
mod quick;
mod trees;

use std::process::ExitCode;

use floors::{cmd_parse, cmd_read, cmd_write_floor};
use phases::cmd_phases;
use quick::quick;
use trees::cmd_gen;

/// The tool's own allocator (see `src/main.rs`), so that the floors are measured on equal terms.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; drop it and any other flag cargo adds.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| arg != "--bench")
        .collect();
    let result = match args.first().map(String::as_str) {
        None => quick(),
        Some("gen") => cmd_gen(&args[1..]),
        Some("read") => cmd_read(&args[1..]),
        Some("parse") => cmd_parse(&args[1..]),
        Some("write-floor") => cmd_write_floor(&args[1..]),
        Some("phases") => cmd_phases(&args[1..]),
        Some(other) => Err(format!(
            "unknown command {other:?}; see benches/bench/main.rs"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench: {message}");
            ExitCode::from(2)
        }
    }
}
