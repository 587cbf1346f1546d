//! Every size threshold of the tool, tested on both sides: a file just at it is handled like
//! any other, one just past it the way past it is meant to be. Issue 10's WX903 panics came
//! from code that ran only past a threshold (the nesting scan, from 32 KiB) that no test input
//! reached.
//!
//! The limits are `pub(crate)` in src/limits.rs; each test checks the value it uses against
//! what the tool says or does, so a change there fails here instead of passing by.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use wxwork_migrate::language::Language;
use wxwork_migrate::limits::{check_text_nesting, TooDeep, DEFAULT_MAX_FILE_SIZE};
use wxwork_migrate::migrate::{migrate, Failure};
use wxwork_migrate::plan::Guard;

/// `SCAN_FROM_SIZE`: from this size on, nesting is estimated from the text before parsing.
const NESTING_SCAN_FROM: usize = 32 << 10;
/// `MAX_NESTING` and `MAX_SCOPE_NESTING`.
const MAX_NESTING: usize = 5_000;
const MAX_SCOPE_NESTING: usize = 500;

const PAGE: &str =
    "Page({\n  onLoad() {\n    wx.login({ success: (res) => console.log(res.code) })\n  }\n})\n";

/// `PAGE`, padding, then `ending` as the last line, without a newline: `len` bytes in all.
fn page_of_len(len: usize, ending: &str) -> String {
    let head = format!("{PAGE}{ending}");
    assert!(head.len() <= len, "{len} is too small for {ending:?}");
    format!("{PAGE}{}{ending}", pad_comment(len - head.len()))
}

/// `n` bytes of comment lines and blank lines, ending with a newline (or empty).
fn pad_comment(n: usize) -> String {
    match n {
        0 => String::new(),
        1 | 2 => "\n".repeat(n),
        _ => format!(
            "//{}\n",
            "填".repeat((n - 3) / 3) + &"x".repeat((n - 3) % 3)
        ),
    }
}

fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

fn rewrites_of(text: &str) -> Result<usize, Failure> {
    let migration = migrate(text, Language::JavaScript, &Guard::standard())?;
    common::check_migration(text, Language::JavaScript, &migration).unwrap();
    Ok(migration
        .findings
        .iter()
        .filter(|f| common::is_rewrite(f.code))
        .count())
}

#[test]
fn the_nesting_scan_starts_at_32_kib() {
    let deep = format!("{}x{}\n", "(".repeat(6_000), ")".repeat(6_000));
    let padded = |len: usize| format!("{deep}{}", pad_comment(len - deep.len()));
    assert_eq!(padded(NESTING_SCAN_FROM - 1).len(), NESTING_SCAN_FROM - 1);
    assert_eq!(check_text_nesting(&padded(NESTING_SCAN_FROM - 1)), Ok(()));
    assert_eq!(
        check_text_nesting(&padded(NESTING_SCAN_FROM)),
        Err(TooDeep::Syntax)
    );
}

/// Issue 10: files of 32 KiB or more that end inside a comment or a string made the scan index
/// past the end (WX903), and the sites in them were never migrated.
#[test]
fn pages_on_both_sides_of_the_nesting_scan_migrate_whatever_they_end_with() {
    for ending in [
        "// 最后一行没有换行",
        "/* closed at the very end */",
        "const s = 'a string at the end'",
        "const t = `a template ${1} at the end`",
        "const r = /a regex at the end\\//",
        "wx.checkSession()",
    ] {
        let expected = 1 + usize::from(ending.starts_with("wx."));
        for len in [
            NESTING_SCAN_FROM - 1,
            NESTING_SCAN_FROM,
            NESTING_SCAN_FROM + 1,
        ] {
            let text = page_of_len(len, ending);
            assert_eq!(text.len(), len);
            let outcome = on_big_stack(move || rewrites_of(&text));
            assert_eq!(outcome, Ok(expected), "{len} bytes ending with {ending:?}");
        }
    }
}

#[test]
fn syntax_nesting_at_the_limit_is_migrated_and_one_level_more_is_declined() {
    // Statement, call, then one array a level: the innermost `0` is `levels` deep.
    let nested = |levels: usize| {
        let arrays = levels - 3;
        format!("wx.login({}0{})\n", "[".repeat(arrays), "]".repeat(arrays))
    };
    assert!(TooDeep::Syntax
        .describe()
        .contains(&MAX_NESTING.to_string()));
    let at = nested(MAX_NESTING);
    assert!(
        at.len() < NESTING_SCAN_FROM,
        "the tree's check, not the text's"
    );
    assert_eq!(on_big_stack(move || rewrites_of(&at)), Ok(1));
    let past = nested(MAX_NESTING + 1);
    assert!(matches!(
        on_big_stack(move || rewrites_of(&past)),
        Err(Failure::TooDeep(TooDeep::Syntax))
    ));
}

#[test]
fn scope_nesting_at_the_limit_is_migrated_and_one_block_more_is_declined() {
    let blocks = |n: usize| format!("{}wx.login(){}\n", "{".repeat(n), "}".repeat(n));
    assert!(TooDeep::Scopes
        .describe()
        .contains(&MAX_SCOPE_NESTING.to_string()));
    let at = blocks(MAX_SCOPE_NESTING);
    assert_eq!(on_big_stack(move || rewrites_of(&at)), Ok(1));
    let past = blocks(MAX_SCOPE_NESTING + 1);
    assert!(matches!(
        on_big_stack(move || rewrites_of(&past)),
        Err(Failure::TooDeep(TooDeep::Scopes))
    ));
}

fn tool(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("wxwork-migrate")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Two pages, one exactly `limit` bytes long and one a byte longer, checked on disk, staged,
/// and written: the first is migrated, the second left alone with a WX205 warning, as it names
/// `login` (a file past the limit that names no API is a WX306 note: tests/hostile.rs).
fn assert_limit_holds(limit: u64, flag: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let limit = usize::try_from(limit).unwrap();
    let at = page_of_len(limit, "// end");
    let past = page_of_len(limit + 1, "// end");
    fs::write(dir.path().join("at.js"), &at).unwrap();
    fs::write(dir.path().join("past.js"), &past).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "at.js", "past.js"]);

    for mode in [&["--check"][..], &["--check", "--staged"][..]] {
        let output = tool(dir.path(), &[flag, mode].concat());
        let (stdout, stderr) = (
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        assert_eq!(output.status.code(), Some(1), "{mode:?}: {stderr}");
        assert!(stdout.contains("at.js:3:5: WX101"), "{mode:?}: {stdout}");
        assert!(!stdout.contains("past.js:3:5: WX101"), "{mode:?}: {stdout}");
        let note = format!("past.js: WX205 left alone: {} bytes", limit + 1);
        assert!(
            stderr.contains(&note) || stdout.contains(&note),
            "{mode:?}: {stdout}{stderr}"
        );
    }

    let output = tool(dir.path(), &[flag, &["--write"]].concat());
    assert_eq!(output.status.code(), Some(0));
    assert_ne!(fs::read_to_string(dir.path().join("at.js")).unwrap(), at);
    assert_eq!(
        fs::read_to_string(dir.path().join("past.js")).unwrap(),
        past
    );
}

#[test]
fn max_file_size_is_inclusive_on_disk_and_staged() {
    assert_limit_holds(2048, &["--max-file-size", "2K"]);
}

#[test]
fn the_default_file_size_limit_is_four_mib_inclusive() {
    assert_eq!(DEFAULT_MAX_FILE_SIZE, 4 << 20);
    assert_limit_holds(DEFAULT_MAX_FILE_SIZE, &[]);
}
