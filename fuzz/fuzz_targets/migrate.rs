//! The whole per-file pipeline on arbitrary text: it must not panic, and whatever it rewrites
//! must parse, differ from the input only at the rewrite sites and be left alone by a second
//! run (the same checks as the corpus and property tests, from `tests/common`).
//!
//! The first byte picks the dialect: `j` JavaScript, `t` TypeScript, `x` TSX (any other byte:
//! its value mod 3); as an upper-case letter (`J`, `T`, `X`, ...) it also pads the text past the
//! size from which the tool estimates nesting (32 KiB), in one of four ways picked by the byte's
//! value. The rest must be UTF-8, as the tool reads nothing else.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wxwork_migrate::language::Language;

#[path = "../../tests/common/mod.rs"]
mod common;
#[path = "../support.rs"]
mod support;

fuzz_target!(|data: &[u8]| {
    support::abort_on_panics_outside_the_parser();
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let language = match first.to_ascii_lowercase() {
        b'j' => Language::JavaScript,
        b't' => Language::TypeScript,
        b'x' => Language::Tsx,
        b => [Language::JavaScript, Language::TypeScript, Language::Tsx][usize::from(b % 3)],
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let text = if first.is_ascii_uppercase() {
        support::pad(text, first)
    } else {
        text.to_string()
    };
    support::on_tool_stack(move || common::migrate_and_check(&text, language).map(|_| ()));
});
