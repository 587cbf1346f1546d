//! Running the binary as a user would, for the tests of its habits, language and errors.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

use super::copy_dir;

pub fn demo() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-miniprogram");
    copy_dir(&source, dir.path());
    dir
}

/// The tool in English unless a test chooses otherwise: no language variable but `LANG=C`,
/// which a test's own `LANG` or `LC_ALL` overrides. Without any, the desktop's language (a
/// Chinese Mac's or Windows') would choose.
pub fn tool(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("wxwork-migrate").unwrap();
    cmd.current_dir(dir)
        .env_remove("WXWORK_MIGRATE_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    cmd
}

pub fn run(dir: &Path, args: &[&str]) -> Output {
    tool(dir).args(args).output().unwrap()
}

pub fn run_zh(dir: &Path, args: &[&str]) -> Output {
    tool(dir)
        .env("LANG", "zh_CN.UTF-8")
        .args(args)
        .output()
        .unwrap()
}

pub fn out(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn err(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The run's lines with the timing that differs between runs taken out.
pub fn without_timing(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind(" in ").or(line.rfind("，用时 ")) {
            Some(at) if line.contains("scanned (") || line.contains("共扫描") => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

pub fn write(dir: &Path, path: &str, text: &str) -> PathBuf {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}
