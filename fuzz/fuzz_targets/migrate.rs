//! The whole per-file pipeline on arbitrary text: it must not panic, and whatever it rewrites
//! must parse, differ from the input only at the rewrite sites and be left alone by a second
//! run (the same checks as the corpus and property tests, from `tests/common`).
//!
//! The first byte picks the dialect: `j` JavaScript, `t` TypeScript, `x` TSX (any other byte:
//! its value mod 3). The rest must be UTF-8, as the tool reads nothing else.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wxwork_migrate::parse::Language;

#[path = "../../tests/common/mod.rs"]
mod common;

/// libFuzzer's hook aborts on any panic. swc's parser panics on some invalid input, and the
/// tool's `parse` catches that and reports a syntax error (two such inputs are fixtures); only
/// other panics are bugs.
fn abort_on_panics_outside_the_parser() {
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

fuzz_target!(|data: &[u8]| {
    abort_on_panics_outside_the_parser();
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let language = match first {
        b'j' => Language::JavaScript,
        b't' => Language::TypeScript,
        b'x' => Language::Tsx,
        b => [Language::JavaScript, Language::TypeScript, Language::Tsx][usize::from(b % 3)],
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    // The tool runs each file on a thread with a large stack; so does this, so that only what
    // would crash the tool crashes here.
    let text = text.to_string();
    let outcome = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || common::migrate_and_check(&text, language))
        .unwrap()
        .join();
    match outcome {
        Ok(Ok(_)) => {}
        Ok(Err(problem)) => panic!("{problem}"),
        Err(panic) => std::panic::resume_unwind(panic),
    }
});
