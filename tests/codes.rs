//! The code pages, `docs/codes/` and `docs/zh-CN/codes/`, are generated from the message
//! catalogue that `explain` prints; this test keeps them fresh.
//!
//! `UPDATE_DOCS=1 cargo test --test codes` rewrites them, and deletes the pages of codes that no
//! longer exist.
//!
//! One process writes both languages: the pages take their language as an argument, while the
//! run's language (`t!`) is fixed once per process.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use wxwork_migrate::diagnostic::Code;
use wxwork_migrate::messages::Lang;
use wxwork_migrate::run::explain::{index, page, pages_folder};

const REGENERATE: &str = "UPDATE_DOCS=1 cargo test --test codes";

/// Every file the pages consist of, as (path from the repository's root, text).
fn pages() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for lang in Lang::ALL {
        let folder = pages_folder(lang);
        pages.push((format!("{folder}/README.md"), index(lang)));
        for code in Code::ALL {
            pages.push((format!("{folder}/{code}.md"), page(code, lang)));
        }
    }
    pages
}

#[test]
fn the_code_pages_are_generated_from_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for (path, text) in pages() {
        let file = root.join(&path);
        if update {
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(&file, &text).unwrap();
        } else if fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "stale or missing: {}; regenerate with `{REGENERATE}`",
        stale.join(", ")
    );
}

#[test]
fn no_page_is_left_for_a_code_that_no_longer_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let codes: BTreeSet<String> = Code::ALL.iter().map(|code| format!("{code}.md")).collect();
    for lang in Lang::ALL {
        let folder = pages_folder(lang);
        let Ok(entries) = fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !name.starts_with("WX") || !name.ends_with(".md") || codes.contains(&name) {
                continue;
            }
            if update {
                fs::remove_file(root.join(folder).join(&name)).unwrap();
            } else {
                panic!(
                    "{folder}/{name} documents no code of Code::ALL; delete it with `{REGENERATE}`"
                );
            }
        }
    }
}

#[test]
fn each_page_links_to_its_other_language_and_to_the_index() {
    let en = page(Code::LoginRewrite, Lang::En);
    assert!(en.starts_with("# WX101: "), "{en}");
    assert!(en.contains("](../zh-CN/codes/WX101.md)"), "{en}");
    assert!(en.contains("](README.md)"), "{en}");
    let zh = page(Code::LoginRewrite, Lang::Zh);
    assert!(zh.contains("](../../codes/WX101.md)"), "{zh}");
    let index = index(Lang::Zh);
    assert!(index.contains("| `WX101` | fix | ["), "{index}");
    assert!(index.contains("](WX101.md) |"), "{index}");
}
