//! Clear errors: a configuration value named by file, line and key, camelCase keys in
//! package.json, `-j 0`, a read-only folder under `--write`, `--help` in whole sentences and a
//! man page that names no missing page.

mod common;

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
#[cfg(unix)]
use std::path::Path;

#[cfg(unix)]
use common::run::without_timing;
use common::run::{demo, err, out, run, run_zh, write};

#[test]
fn a_bad_configuration_value_names_the_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.js", "wx.login({})\n");
    write(
        root,
        "wxwork-migrate.toml",
        "# 企业微信迁移\nguard = \"isWxWork\"\nexclude = \"dist\"\n",
    );
    let english = run(root, &["--write"]);
    assert_eq!(english.status.code(), Some(2));
    assert_eq!(
        err(&english),
        "wxwork-migrate: error: wxwork-migrate.toml:3: exclude: expected a list of globs, found \"dist\"\n"
    );
    assert_eq!(
        err(&run_zh(root, &[])),
        "wxwork-migrate: 错误：wxwork-migrate.toml:3：exclude：应为 glob 列表，实际为 \"dist\"\n"
    );
    assert_eq!(
        fs::read_to_string(root.join("app.js")).unwrap(),
        "wx.login({})\n"
    );

    write(
        root,
        "wxwork-migrate.toml",
        "exclude = [\"dist\"]\nguard = \"a); b(\"\n",
    );
    assert!(err(&run(root, &[]))
        .starts_with("wxwork-migrate: error: wxwork-migrate.toml:2: guard `a); b(` is not"));
    let flag = run(root, &["--guard-expr", "a); b("]);
    assert!(err(&flag).starts_with("wxwork-migrate: error: --guard-expr `a); b(` is not"));

    write(
        root,
        "wxwork-migrate.toml",
        "[per-file-ignores]\n\"pages/**\" = [\"WX101\"]\n\"utils/**\" = [\"WX2O1\"]\n",
    );
    assert_eq!(
        err(&run(root, &[])),
        "wxwork-migrate: error: wxwork-migrate.toml:3: per-file-ignores: unknown finding code `WX2O1` (`wxwork-migrate --help` lists them)\n"
    );
}

#[test]
fn package_json_takes_camel_case_keys() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "pages/me.js", "wx.getUserInfo({})\n");
    write(root, "app.js", "wx.login({})\n");
    write(
        root,
        "package.json",
        "{\n  \"name\": \"demo\",\n  \"wxwork-migrate\": {\n    \"failOn\": [\"WX201\"],\n    \"perFileIgnores\": { \"pages/**\": [\"WX201\"] }\n  }\n}\n",
    );
    let check = run(root, &["--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", err(&check));
    assert!(out(&check).contains("app.js:1:1: WX101"));

    write(
        root,
        "package.json",
        "{\n  \"wxwork-migrate\": {\n    \"failOn\": \"WX201\"\n  }\n}\n",
    );
    assert_eq!(
        err(&run(root, &["--check"])),
        "wxwork-migrate: error: package.json:3: failOn: expected a list of finding codes such as [\"WX201\"], found \"WX201\"\n"
    );
    assert_eq!(
        err(&run_zh(root, &["--check"])),
        "wxwork-migrate: 错误：package.json:3：failOn：应为编号列表，如 [\"WX201\"]，实际为 \"WX201\"\n"
    );
}

#[test]
fn jobs_0_says_it_must_be_at_least_1() {
    let dir = demo();
    let english = run(dir.path(), &["-j", "0"]);
    assert_eq!(english.status.code(), Some(2));
    assert_eq!(
        err(&english),
        "wxwork-migrate: error: --jobs must be at least 1\n"
    );
    assert_eq!(
        err(&run_zh(dir.path(), &["--jobs", "0"])),
        "wxwork-migrate: 错误：--jobs 至少为 1\n"
    );
}

/// A folder whose mode says it must not change: the tool refuses it even as root, who could.
#[cfg(unix)]
fn make_read_only(dir: &Path, read_only: bool) {
    let mode = if read_only { 0o555 } else { 0o755 };
    fs::set_permissions(dir, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
#[cfg(unix)]
fn a_read_only_folder_under_write_is_one_error_per_file_and_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "pages/a.js", "wx.login({})\n");
    write(root, "pages/b.js", "wx.checkSession({})\n");
    let pages = root.join("pages");
    make_read_only(&pages, true);
    let english = run(root, &["--write"]);
    let chinese = run_zh(root, &["--write"]);
    make_read_only(&pages, false);

    assert_eq!(english.status.code(), Some(2));
    assert_eq!(
        without_timing(&err(&english)),
        "pages/a.js: error: WX904 not written: its folder is read-only\n\
         pages/b.js: error: WX904 not written: its folder is read-only\n\
         2 files scanned (2 parsed): 0 changed (0 rewrites), 0 flags, 0 notes, 2 errors"
    );
    assert_eq!(
        without_timing(&err(&chinese)),
        "pages/a.js: 错误: WX904 未写入：所在目录是只读的\n\
         pages/b.js: 错误: WX904 未写入：所在目录是只读的\n\
         共扫描 2 个文件（解析 2 个）：已修改 0 个文件（0 处改写），0 处需人工处理，0 条提示，2 个错误"
    );
    assert_eq!(
        fs::read_to_string(pages.join("a.js")).unwrap(),
        "wx.login({})\n"
    );
}

#[test]
fn help_is_whole_sentences_and_names_the_configuration_and_suppressions() {
    let dir = tempfile::tempdir().unwrap();
    for (help, end) in [
        (out(&run(dir.path(), &["--help"])), '.'),
        (out(&run_zh(dir.path(), &["--help"])), '。'),
    ] {
        for line in help.lines().filter(|line| line.starts_with("  WX")) {
            assert!(line.ends_with(end), "cut off: {line}");
        }
        let options = &help[help.find("-h, --help").unwrap()..];
        let described: Vec<&str> = help
            .lines()
            .filter(|line| line.starts_with("          ") && !line.trim().is_empty())
            .filter(|line| !line.trim().starts_with('['))
            .collect();
        assert!(described.len() > 15);
        for line in described {
            assert!(line.ends_with(end), "not a whole sentence: {line}");
        }
        assert!(
            options.contains("wxwork-migrate.toml") && options.contains("wxwork-migrate-ignore")
        );
    }
    let english = out(&run(dir.path(), &["--help"]));
    assert!(
        english.contains("  WX401  note  The backend calls WeChat's sns/jscode2session; it must also call WeCom's for codes from WeCom.\n"),
        "{english}"
    );
    let chinese = out(&run_zh(dir.path(), &["--help"]));
    assert!(chinese.starts_with("让微信小程序同时能在企业微信中运行。"));
    assert!(chinese.contains("用法： wxwork-migrate [OPTIONS] [PATHS]..."));
    let explain = run_zh(dir.path(), &["explain", "--help"]);
    assert_eq!(explain.status.code(), Some(0), "{}", err(&explain));
    assert!(out(&explain).contains("用法： wxwork-migrate explain <CODE>\n"));
    assert!(out(&explain).contains("-h, --help  打印本帮助。"));
    assert!(
        !chinese.contains("[alias"),
        "clap's English brackets are hidden"
    );
}

#[test]
fn the_man_page_names_no_page_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let man = out(&run(dir.path(), &["man"]));
    let references: Vec<&str> = man
        .lines()
        .filter(|line| !line.starts_with(".TH"))
        .filter(|line| line.contains("(1)") || line.contains("(5)") || line.contains("(7)"))
        .collect();
    assert!(references.is_empty(), "{references:?}");
    assert!(
        man.contains("wxwork\\-migrate explain\\fR \\fICODE\\fR"),
        "{man}"
    );
    assert!(man.contains(".SH NOTES") && man.contains("WX904"));
}
