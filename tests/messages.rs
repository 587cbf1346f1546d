//! The message catalogue: every message a site asks for exists in both languages, and a
//! snapshot of every message, rendered in each, for people to read.

use std::fmt::Display;
use std::fs;
use std::path::Path;

use wxwork_migrate::diagnostic::Code;
use wxwork_migrate::messages::{placeholders, text, Lang};

/// The keys `t!("...")` asks for in the sources: literal ones, found by reading the files.
fn keys_used_in(dir: &Path, keys: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // The catalogue's own documentation shows the macro with placeholder keys.
        if path.ends_with("messages") {
            continue;
        }
        if path.is_dir() {
            keys_used_in(&path, keys);
            continue;
        }
        let source = fs::read_to_string(&path).unwrap();
        for (at, _) in source.match_indices("t!(") {
            // `format!(` ends the same way.
            let before = source[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = source[at + 3..].trim_start();
            if let Some(key) = rest
                .strip_prefix('"')
                .and_then(|rest| rest.split('"').next())
            {
                keys.push((path.display().to_string(), key.to_string()));
            }
        }
    }
}

fn has(lang: Lang, key: &str) -> bool {
    lang.table().iter().any(|(k, _)| *k == key)
}

#[test]
fn every_message_a_site_asks_for_exists_in_both_languages() {
    let mut used = Vec::new();
    keys_used_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut used,
    );
    assert!(used.len() > 100, "the scan found the sites: {}", used.len());
    for (file, key) in used {
        for lang in Lang::ALL {
            assert!(has(lang, &key), "{file}: `{key}` is missing in {lang:?}");
        }
    }
}

#[test]
fn every_code_has_a_summary_a_reason_and_a_fix_in_both_languages() {
    for code in Code::ALL {
        for part in ["code", "why", "fix"] {
            let key = format!("{part}-{code}");
            for lang in Lang::ALL {
                assert!(has(lang, &key), "`{key}` is missing in {lang:?}");
            }
        }
    }
}

#[test]
fn every_option_and_subcommand_has_help_in_both_languages() {
    let command = wxwork_migrate::cli::command();
    let mut ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for sub in command.get_subcommands() {
        ids.push(sub.get_name().to_string());
        ids.extend(sub.get_arguments().map(|arg| arg.get_id().to_string()));
    }
    for id in ids {
        for lang in Lang::ALL {
            assert!(has(lang, &format!("help-{id}")), "help-{id} in {lang:?}");
        }
    }
}

/// What a placeholder stands for in the snapshot, so that each message reads as it will.
fn sample(lang: Lang, name: &str) -> Box<dyn Display> {
    let message = |key: &str, n: usize| text(lang, key, &[("n", &n)]);
    match name {
        "name" => Box::new("login"),
        "framework" => Box::new("Taro"),
        "binding" => Box::new(message("binding-parameter", 0)),
        "files" => Box::new(message("files-many", 14)),
        "rewrites" => Box::new(message("rewrites-many", 10)),
        "flags" => Box::new(message("flags-many", 4)),
        "notes" => Box::new(message("notes-one", 1)),
        "errors" => Box::new(message("errors-many", 0)),
        "reason" | "message" => Box::new(message("io-permission-denied", 0)),
        "summary" => Box::new(message("code-WX101", 0)),
        "severity" => Box::new(message("severity-warning", 0)),
        "seconds" => Box::new("0.03"),
        "n" | "count" | "changed" | "parsed" => Box::new(3),
        "max" => Box::new(1000),
        "size" => Box::new(6_291_456),
        "offset" => Box::new(42),
        "codes" | "code" => Box::new("WX999"),
        "attribute" => Box::new("bindgetuserinfo"),
        "handler" => Box::new("onGetUserInfo"),
        "text" => Box::new("isWxWork); evil("),
        "path" => Box::new("pages/index/index.js"),
        "paths" => Box::new("src"),
        "folder" => Box::new("cloudfunctions"),
        "glob" => Box::new("pages/**/*.js"),
        "location" => Box::new("wxwork-migrate.toml:3"),
        "origin" => Box::new("--guard-expr"),
        "key" => Box::new("exclude"),
        "known" => Box::new("exclude, guard, fail-on, per-file-ignores, typings"),
        "found" => Box::new("\"dist\""),
        "command" => Box::new("wxwork-migrate --write"),
        other => Box::new(format!("<{other}>")),
    }
}

fn every_message(lang: Lang) -> String {
    let mut out = String::new();
    for (key, template) in lang.table() {
        let values: Vec<(&str, Box<dyn Display>)> = placeholders(template)
            .into_iter()
            .map(|name| (name, sample(lang, name)))
            .collect();
        let args: Vec<(&str, &dyn Display)> = values
            .iter()
            .map(|(name, value)| (*name, value.as_ref()))
            .collect();
        out.push_str(&format!(
            "{key}:\n  {}\n",
            text(lang, key, &args).replace('\n', "\n  ")
        ));
    }
    out
}

#[test]
fn every_message_in_english() {
    insta::assert_snapshot!(every_message(Lang::En));
}

#[test]
fn every_message_in_chinese() {
    insta::assert_snapshot!(every_message(Lang::Zh));
}
