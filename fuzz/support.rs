//! What the fuzz targets share: the panic hook, a thread with the tool's stack, and padding
//! that carries an input past the size thresholds of src/limits.rs.
#![allow(dead_code)] // each target uses a different part

use std::panic::resume_unwind;

/// The size from which the tool estimates nesting before parsing (`SCAN_FROM_SIZE`).
const NESTING_SCAN_FROM: usize = 32 << 10;

/// libFuzzer's hook aborts on any panic. swc's parser panics on some invalid input, and the
/// tool's `parse` catches that and reports a syntax error (two such inputs are fixtures); only
/// other panics are bugs.
pub fn abort_on_panics_outside_the_parser() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_parser = info
                .location()
                .is_some_and(|l| l.file().contains("swc_ecma_parser"));
            if !in_parser {
                abort(info);
            }
        }));
    });
}

/// Runs `check` on a thread with the stack the tool gives each file, so that only what would
/// crash the tool crashes here, and turns a problem it finds into a crash.
pub fn on_tool_stack(check: impl FnOnce() -> Result<(), String> + Send + 'static) {
    let outcome = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(check)
        .unwrap()
        .join();
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(problem)) => panic!("{problem}"),
        Err(panic) => resume_unwind(panic),
    }
}

/// `text` grown past the nesting scan's size by a padding that changes no token of it: comment
/// lines, blank lines or a block comment before it, or a line comment after it that the text
/// ends inside (the way the WX903 panic of issue 10 began).
pub fn pad(text: &str, kind: u8) -> String {
    let missing = NESTING_SCAN_FROM.saturating_sub(text.len()) + 1;
    let mut padded = String::with_capacity(text.len() + missing + 64);
    match kind % 4 {
        0 => {
            let line = "// 填充 padding\n";
            padded.push_str(&line.repeat(missing / line.len() + 1));
            padded.push_str(text);
        }
        1 => {
            padded.push_str(&"\n".repeat(missing));
            padded.push_str(text);
        }
        2 => {
            padded.push_str("/*");
            padded.push_str(&"*".repeat(missing));
            padded.push_str("*/");
            padded.push_str(text);
        }
        _ => {
            padded.push_str(text);
            padded.push_str("\n//");
            padded.push_str(&"x".repeat(missing));
        }
    }
    padded
}
