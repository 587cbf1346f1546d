//! WXML fixtures: every folder under `tests/fixtures-wxml/<case>/` holds one `.wxml` template and
//! `expected.txt`, one `line:col: CODE message` a line for what `wxml::scan` reports (empty when
//! nothing is).
//!
//! `UPDATE_FIXTURES=1 cargo test --test wxml` rewrites the expected files from the scanner's
//! current behaviour; review the resulting `git diff` before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use wxwork_migrate::compat::Clients;
use wxwork_migrate::source::LineIndex;
use wxwork_migrate::wxml::scan;

fn render(text: &str) -> String {
    let index = LineIndex::new(text);
    scan(text, Clients::ALL)
        .iter()
        .map(|finding| {
            let (line, col) = index.line_col(finding.range.start);
            format!("{line}:{col}: {} {}\n", finding.code, finding.message)
        })
        .collect()
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures-wxml");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn template_in(dir: &Path) -> PathBuf {
    let templates: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "wxml"))
        .collect();
    assert_eq!(templates.len(), 1, "{} must hold one .wxml", dir.display());
    templates.into_iter().next().unwrap()
}

#[test]
fn fixtures_report_what_expected_txt_lists() {
    let dirs = cases();
    assert!(dirs.len() >= 3, "fixtures missing");
    let mut failures = Vec::new();
    for dir in dirs {
        let text = fs::read_to_string(template_in(&dir)).unwrap();
        let actual = render(&text);
        let expected_path = dir.join("expected.txt");
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{}\n--- expected\n{expected}--- actual\n{actual}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_fixtures_keep_their_byte_order_mark_and_crlf() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures-wxml/login-dialog");
    let bytes = fs::read(template_in(&dir)).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "byte order mark lost");
    assert!(
        bytes.windows(2).filter(|w| w == b"\r\n").count() > 5,
        "CRLF line endings lost (a git setting may have converted them)"
    );
}
