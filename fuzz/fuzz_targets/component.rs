//! Single-file components (`.vue`, `.wpy`) and WXML templates on arbitrary text: no panic; a
//! template is scanned, never changed; a component changes only inside its `<script>` blocks,
//! each changed block is its input with only the `wx` tokens of its rewrite sites replaced and
//! still parses, and a second run changes nothing.
//!
//! The first byte picks the kind: `v` `.vue`, `w` `.wpy`, `m` `.wxml` (any other byte: its
//! value mod 3). An upper-case letter pads each script block (a template: the whole text) past
//! the size from which the tool estimates nesting (32 KiB), in one of four ways picked by the
//! byte's value.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use wxwork_migrate::compat::Clients;
use wxwork_migrate::ifdef::weixin_view;
use wxwork_migrate::manifest::VueVersion;
use wxwork_migrate::migrate::{migrate_path, Failure, Migration, Options};
use wxwork_migrate::plan::Guard;
use wxwork_migrate::sfc::script_blocks;

#[path = "../../tests/common/mod.rs"]
mod common;
#[path = "../support.rs"]
mod support;

fn check(path: &Path, text: &str) -> Result<(), String> {
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
    let migration = match migrate_path(path, text, &options).expect("a kind the tool reads") {
        Ok(migration) => migration,
        Err(Failure::Internal { offset, message }) => {
            return Err(format!(
                "internal failure (WX903) at byte {offset}: {message}"
            ))
        }
        Err(_) => return Ok(()),
    };
    common::check_ranges(text, &migration.findings)?;
    let Some(output) = &migration.output else {
        return Ok(());
    };
    if path.extension().is_some_and(|ext| ext == "wxml") {
        return Err("a template was changed".to_string());
    }
    // A component with uni-app's conditional compilation is compared as the WeChat build
    // reads it: its blocks may parse only so.
    let seen = |text: &str| match weixin_view(path, text, VueVersion::default()) {
        Ok(Some(view)) => view.text().to_string(),
        _ => text.to_string(),
    };
    check_blocks(&seen(text), &seen(output), &migration)?;
    match migrate_path(path, output, &options).expect("a kind the tool reads") {
        Ok(again) if again.output.is_none() => Ok(()),
        Ok(_) => Err("a second run changes the component again".to_string()),
        Err(failure) => Err(format!("a second run fails: {failure:?}")),
    }
}

/// Outside its script blocks the output is the input; inside, each block is its input with
/// only its rewrite sites changed, and parses.
fn check_blocks(input: &str, output: &str, migration: &Migration) -> Result<(), String> {
    let (before, after) = (script_blocks(input), script_blocks(output));
    if before.len() != after.len() {
        return Err(format!(
            "{} script blocks before, {} after",
            before.len(),
            after.len()
        ));
    }
    let (mut gap_in, mut gap_out) = (0, 0);
    for (old, new) in before.iter().zip(&after) {
        if input[gap_in..old.range.start] != output[gap_out..new.range.start] {
            return Err(format!(
                "text outside the script blocks changed before byte {gap_in}"
            ));
        }
        let findings: Vec<_> = migration
            .findings
            .iter()
            .filter(|f| old.range.start <= f.range.start && f.range.end <= old.range.end)
            .map(|f| {
                let mut f = f.clone();
                f.range = f.range.start - old.range.start..f.range.end - old.range.start;
                f
            })
            .collect();
        let (old_text, new_text) = (&input[old.range.clone()], &output[new.range.clone()]);
        if old_text != new_text {
            let inserted =
                common::check_only_sites_changed(old_text, new_text, &findings, old.language)?;
            common::check_replacements_are_expressions(new_text, old.language, &inserted)?;
        }
        (gap_in, gap_out) = (old.range.end, new.range.end);
    }
    if input[gap_in..] != output[gap_out..] {
        return Err("text after the last script block changed".to_string());
    }
    Ok(())
}

/// Each script block padded, from the last so that earlier ranges stay valid.
fn pad_blocks(text: &str, kind: u8) -> String {
    let mut padded = text.to_string();
    for block in script_blocks(text).iter().rev() {
        let code = support::pad(&text[block.range.clone()], kind);
        padded.replace_range(block.range.clone(), &code);
    }
    padded
}

fuzz_target!(|data: &[u8]| {
    support::abort_on_panics_outside_the_parser();
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = match first.to_ascii_lowercase() {
        b'v' => "component.vue",
        b'w' => "component.wpy",
        b'm' => "page.wxml",
        b => ["component.vue", "component.wpy", "page.wxml"][usize::from(b % 3)],
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let text = match (first.is_ascii_uppercase(), name.ends_with(".wxml")) {
        (false, _) => text.to_string(),
        (true, false) => pad_blocks(text, first),
        (true, true) => support::pad(text, first),
    };
    support::on_tool_stack(move || check(Path::new(name), &text));
});
