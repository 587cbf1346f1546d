//! The habits of the users' other tools (ruff, prettier) and their language: Chinese output,
//! the fixable hint, `--fix`, `--diff`, `-l`, `--statistics`, `explain`, no silent empty runs,
//! globs, next steps only where they apply, and clear errors. Each runs the binary on a copy of
//! the demo mini-program or a small project, in both languages where there is text.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output};

use assert_cmd::Command;
use common::copy_dir;
use tempfile::TempDir;

fn demo() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-miniprogram");
    copy_dir(&source, dir.path());
    dir
}

/// The tool with no language chosen by the environment: each test sets what it tests.
fn tool(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("wxwork-migrate").unwrap();
    cmd.current_dir(dir)
        .env_remove("WXWORK_MIGRATE_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    tool(dir).args(args).output().unwrap()
}

fn run_zh(dir: &Path, args: &[&str]) -> Output {
    tool(dir)
        .env("LANG", "zh_CN.UTF-8")
        .args(args)
        .output()
        .unwrap()
}

fn out(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn err(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The run's lines with the timing that differs between runs taken out.
fn without_timing(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind(" in ").or(line.rfind("，用时 ")) {
            Some(at) if line.contains("scanned (") || line.contains("共扫描") => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn write(dir: &Path, path: &str, text: &str) -> PathBuf {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

// 1. Chinese.

#[test]
fn the_flag_wins_over_the_variable_which_wins_over_the_locale() {
    let dir = demo();
    let check = |cmd: &mut Command| out(&cmd.arg("--check").output().unwrap());
    let chinese = "WX101 wx.login 已加判断：企业微信中调用 wx.qy.login，微信中仍调用 wx.login";
    let english = "WX101 wx.login guarded: WeCom calls wx.qy.login, WeChat keeps wx.login";

    assert!(check(&mut tool(dir.path())).contains(english));
    assert!(check(tool(dir.path()).env("LANG", "zh_CN.UTF-8")).contains(chinese));
    assert!(check(
        tool(dir.path())
            .env("LC_ALL", "zh_CN.UTF-8")
            .env("LANG", "C")
    )
    .contains(chinese));
    assert!(check(
        tool(dir.path())
            .env("LC_ALL", "en_US.UTF-8")
            .env("LANG", "zh_CN")
    )
    .contains(english));
    let variable = tool(dir.path())
        .env("LANG", "zh_CN.UTF-8")
        .env("WXWORK_MIGRATE_LANG", "en")
        .arg("--check")
        .output()
        .unwrap();
    assert!(out(&variable).contains(english));
    let flag = tool(dir.path())
        .env("WXWORK_MIGRATE_LANG", "en")
        .args(["--check", "--lang", "zh"])
        .output()
        .unwrap();
    assert!(out(&flag).contains(chinese));
}

#[test]
fn the_demo_speaks_chinese_in_every_mode_when_the_locale_is_chinese() {
    let dir = demo();
    let dry = run_zh(dir.path(), &[]);
    assert_eq!(dry.status.code(), Some(0));
    assert_eq!(
        out(&dry),
        out(&run(dir.path(), &[])),
        "the diff is the same in both"
    );
    assert!(out(&dry).contains("--- a/app.js"));
    assert_eq!(
        without_timing(&err(&dry)).lines().rev().take(7).collect::<Vec<_>>(),
        [
            "  4. 先在开发者工具的企业微信模式下测试，再到企业微信中实际测试。",
            "  3. 把标记为 WX202 的 Promise 写法逐一改为回调写法。",
            "  2. 把标记为 WX201 的 wx.getUserInfo 逐一改为 wx.qy.getEnterpriseUserInfo。",
            "     （返回 userid 和 corpid，而不是 openid）；微信的 sns/jscode2session 不接受这些 code。",
            "  1. 后端：企业微信中得到的 code 须用 https://qyapi.weixin.qq.com/cgi-bin/miniprogram/jscode2session 换取",
            "后续步骤：",
            "[*] 其中 10 处可用 --write 自动修复：wxwork-migrate --write",
        ]
    );
    assert!(
        err(&dry).contains("共扫描 14 个文件（解析 13 个）：6 个文件待修改（10 处改写），4 处需人工处理，1 条提示，0 个错误，用时 "),
        "{}",
        err(&dry)
    );

    let check = run_zh(dir.path(), &["--check"]);
    assert_eq!(check.status.code(), Some(1));
    for line in out(&check).lines() {
        assert!(has_chinese(line), "{line}");
    }

    let written = run_zh(dir.path(), &["--write"]);
    assert_eq!(written.status.code(), Some(0));
    let stderr = err(&written);
    assert!(stderr.contains("已修改 6 个文件（10 处改写）"), "{stderr}");
    assert!(
        stderr.contains("wxwork-migrate: 已添加 typings/wxwork.d.ts："),
        "{stderr}"
    );
    for english in ["scanned", "Next steps", "added", "would", "error"] {
        assert!(!stderr.contains(english), "`{english}` in:\n{stderr}");
    }

    let explained = run_zh(dir.path(), &["explain", "WX101"]);
    assert!(out(&explained).starts_with("WX101 (修复)\n\n含义\n  wx.login 已加判断"));
}

#[test]
fn json_and_sarif_messages_follow_the_language_and_keep_their_field_names() {
    let dir = demo();
    let json = run(dir.path(), &["--output-format", "json", "--lang", "zh"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let first = &doc["findings"][0];
    assert_eq!(first["code"], "WX102");
    assert_eq!(first["severity"], "fix");
    assert!(has_chinese(first["message"].as_str().unwrap()), "{first}");
    assert_eq!(doc["summary"]["rewrites"], 10);

    let sarif = run(dir.path(), &["--output-format", "sarif", "--lang", "zh"]);
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "WX101");
    let rule = run["tool"]["driver"]["rules"][0]["shortDescription"]["text"]
        .as_str()
        .unwrap();
    assert_eq!(rule, "wx.login 已加判断，在企业微信中调用 wx.qy.login。");
    assert!(has_chinese(
        run["results"][0]["message"]["text"].as_str().unwrap()
    ));
}

// 2. How to fix.

#[test]
fn a_pending_change_ends_with_the_count_and_the_command_that_fixes_it() {
    let dir = demo();
    let check = run(
        dir.path(),
        &["--check", "pages", "--exclude", "pages/order"],
    );
    assert_eq!(
        err(&check).lines().last(),
        Some("[*] 2 fixable with --write: wxwork-migrate --write pages --exclude pages/order")
    );
    let dry = run_zh(dir.path(), &["utils/session.js"]);
    assert!(err(&dry).contains(
        "\n[*] 其中 2 处可用 --write 自动修复：wxwork-migrate --write utils/session.js\n"
    ));

    run(dir.path(), &["--write"]);
    let clean = run(dir.path(), &["--check"]);
    assert!(!err(&clean).contains("[*]"), "{}", err(&clean));
    assert!(!err(&run(dir.path(), &["--write"])).contains("[*]"));
}

#[test]
fn fix_is_write() {
    let dir = demo();
    assert_eq!(run(dir.path(), &["--fix"]).status.code(), Some(0));
    assert!(fs::read_to_string(dir.path().join("app.js"))
        .unwrap()
        .contains("wx.qy : wx).checkSession"));
    assert_eq!(
        run(dir.path(), &["--check", "utils"]).status.code(),
        Some(0)
    );
}

#[test]
fn diff_exits_1_while_a_change_is_pending_and_a_plain_dry_run_does_not() {
    let dir = demo();
    let diff = run(dir.path(), &["--diff", "utils"]);
    assert_eq!(diff.status.code(), Some(1));
    assert!(out(&diff).contains("+++ b/utils/session.js"));
    assert_eq!(run(dir.path(), &["utils"]).status.code(), Some(0));
    run(dir.path(), &["--write", "utils"]);
    let after = run(dir.path(), &["--diff", "utils"]);
    assert_eq!((after.status.code(), out(&after).as_str()), (Some(0), ""));
}

#[test]
fn list_different_prints_only_the_names_of_the_files_that_would_change() {
    let dir = demo();
    let listed = run(dir.path(), &["-l"]);
    assert_eq!(listed.status.code(), Some(1));
    assert_eq!(
        out(&listed),
        "app.js\ncomponents/login-button/login-button.js\npages/index/index.js\n\
         pages/order/order.ts\nutils/auth.js\nutils/session.js\n"
    );
    assert!(!err(&listed).contains("WX101"), "{}", err(&listed));
    assert_eq!(
        out(&run(dir.path(), &["--list-different", "pages/profile"])),
        ""
    );
    assert_eq!(
        run(dir.path(), &["-l", "pages/profile"]).status.code(),
        Some(0)
    );
}

#[test]
fn statistics_counts_each_code_instead_of_listing_the_findings() {
    let dir = demo();
    let english = run(dir.path(), &["--check", "--statistics"]);
    assert_eq!(english.status.code(), Some(1));
    assert_eq!(
        out(&english),
        "    6  WX101  [*] wx.login is guarded so that WeCom calls wx.qy.login.\n\
         \x20   4  WX102  [*] wx.checkSession is guarded so that WeCom calls wx.qy.checkSession.\n\
         \x20   3  WX201      wx.getUserInfo has no WeCom equivalent; port it to wx.qy.getEnterpriseUserInfo.\n\
         \x20   1  WX202      wx.login or wx.checkSession is used as a Promise, which WeCom's API is not documented to return; use callbacks.\n\
         \x20   1  WX401      The backend calls WeChat's sns/jscode2session; it must also call WeCom's for codes from WeCom.\n"
    );
    let chinese = run_zh(dir.path(), &["--statistics"]);
    assert!(out(&chinese)
        .starts_with("    6  WX101  [*] wx.login 已加判断，在企业微信中调用 wx.qy.login。\n"));
    assert!(
        !out(&chinese).contains("--- a/"),
        "no diff with --statistics"
    );
}

#[test]
fn explain_prints_what_why_an_example_and_how_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let english = run(dir.path(), &["explain", "WX201"]);
    assert_eq!(english.status.code(), Some(0));
    let text = out(&english);
    for part in [
        "WX201 (warning)",
        "What it means",
        "Why",
        "Example",
        "How to fix",
    ] {
        assert!(text.contains(part), "{part}:\n{text}");
    }
    assert!(text.contains("<button open-type=\"getUserInfo\""));
    let chinese = out(&run_zh(dir.path(), &["explain", "wx401"]));
    for part in [
        "WX401 (提示)",
        "含义",
        "原因",
        "示例",
        "处理方法",
        "sns/jscode2session",
    ] {
        assert!(chinese.contains(part), "{part}:\n{chinese}");
    }
    let unknown = run_zh(dir.path(), &["explain", "WX999"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        err(&unknown).starts_with("wxwork-migrate: 错误：未知的编号 `WX999`；可用的编号有 WX101,")
    );
}

// 3. No silent empty runs.

#[test]
fn a_run_that_scans_nothing_says_why_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let empty = run(root, &[]);
    assert_eq!(empty.status.code(), Some(2));
    assert_eq!(
        err(&empty),
        "wxwork-migrate: error: no JavaScript, TypeScript, .vue, .wpy or .wxml file in . \
         (node_modules, miniprogram_npm and what .gitignore or --exclude skip are not scanned); \
         nothing was scanned\n"
    );
    write(root, "node_modules/sdk/index.js", "wx.login({})\n");
    write(root, "app.json", "{}\n");
    let dependencies_only = run_zh(root, &["--check"]);
    assert_eq!(dependencies_only.status.code(), Some(2));
    assert!(err(&dependencies_only)
        .starts_with("wxwork-migrate: 错误：. 中没有 JavaScript、TypeScript"));

    let named = run(root, &["app.json"]);
    assert_eq!(named.status.code(), Some(2));
    assert!(
        err(&named).starts_with("wxwork-migrate: error: app.json is not a file this tool reads")
    );
    assert_eq!(err(&named).lines().count(), 1);

    let glob = run_zh(root, &["pages/**/*.js"]);
    assert_eq!(glob.status.code(), Some(2));
    assert_eq!(
        err(&glob),
        "wxwork-migrate: 错误：没有文件匹配 pages/**/*.js；没有扫描任何文件\n"
    );
}

#[test]
fn a_hook_with_no_matching_staged_file_stays_quiet_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.json", "{}\n");
    let status = StdCommand::new("git")
        .args(["init", "-q"])
        .current_dir(root)
        .status();
    assert!(status.unwrap().success());
    let staged = run(root, &["--check", "--staged"]);
    assert_eq!((staged.status.code(), err(&staged).as_str()), (Some(0), ""));
    let named = run(root, &["--check", "--force-exclude", "app.json"]);
    assert_eq!((named.status.code(), err(&named).as_str()), (Some(0), ""));
}

#[test]
fn globs_the_shell_left_alone_are_expanded_like_gitignore_globs() {
    let dir = demo();
    write(dir.path(), "node_modules/sdk/pages/a.js", "wx.login({})\n");
    let listed = run(dir.path(), &["-l", "pages/**/*.js"]);
    assert_eq!(out(&listed), "pages/index/index.js\n");
    let templates = run(dir.path(), &["--check", "*.wxml"]);
    let lines = out(&templates);
    assert!(!lines.is_empty());
    assert!(
        lines
            .lines()
            .all(|line| line.starts_with("pages/profile/profile.wxml:")),
        "{lines}"
    );
    let both = run(dir.path(), &["-l", "utils/*.js", "app.js"]);
    assert_eq!(out(&both), "app.js\nutils/auth.js\nutils/session.js\n");
}

// 4. Less noise.

#[test]
fn next_steps_list_only_what_applies_and_only_after_a_dry_run_or_write() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "utils/session.js",
        "wx.checkSession({ fail: relogin })\n",
    );
    let check_session_only = run(root, &[]);
    assert!(!err(&check_session_only).contains("Next steps"));

    write(root, "pages/me.js", "wx.getUserInfo({ success: show })\n");
    let user_info = err(&run(root, &[]));
    let steps = &user_info[user_info.find("Next steps:").expect(&user_info)..];
    assert_eq!(
        steps,
        "Next steps:\n  1. Port each wx.getUserInfo flagged WX201 to wx.qy.getEnterpriseUserInfo.\n  \
         2. Test in the developer tools' WeCom mode, then in WeCom itself.\n"
    );

    write(root, "app.js", "wx.login({ success: onCode })\n");
    let all = err(&run_zh(root, &[]));
    assert!(all.contains("后续步骤：\n  1. 后端："), "{all}");
    assert_eq!(all.matches("后续步骤").count(), 1);
    for quiet in [
        vec!["--check"],
        vec!["--check", "--force-exclude", "app.js"],
        vec!["--write", "--force-exclude", "pages/me.js"],
        vec!["-l"],
        vec!["--statistics"],
    ] {
        let stderr = err(&run(root, &quiet));
        assert!(!stderr.contains("Next steps"), "{quiet:?}:\n{stderr}");
    }
    let stdin = tool(root)
        .args(["--stdin-filename", "app.js", "--diff"])
        .write_stdin("wx.login({})\n")
        .output()
        .unwrap();
    assert!(!err(&stdin).contains("Next steps"));
    let written = err(&run(root, &["--write"]));
    assert!(written.contains("Next steps:\n  1. Backend"), "{written}");
}

#[test]
fn the_cloud_functions_line_appears_only_when_one_was_scanned() {
    let dir = demo();
    let line = "cloud functions in cloudfunctions/ run on Node.js";
    assert!(err(&run(dir.path(), &[])).contains(line));
    assert!(!err(&run(dir.path(), &["pages", "utils"])).contains(line));
    assert!(err(&run_zh(dir.path(), &["cloudfunctions"]))
        .contains("cloudfunctions/ 中的云函数运行在 Node.js 上"));
}

/// The bar's frames on a terminal (`script` gives the run one) over a run of a few seconds.
#[test]
fn the_progress_bar_redraws_at_most_ten_times_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let body = "function f(a) { return a.map((x) => x * 2) }\n".repeat(60);
    for i in 0..600 {
        write(
            dir.path(),
            &format!("pages/p{i}/index.js"),
            &format!("{body}wx.login({{}})\n"),
        );
    }
    let bin = assert_cmd::cargo::cargo_bin("wxwork-migrate");
    let started = std::time::Instant::now();
    let output = StdCommand::new("script")
        .args(["-q", "-e", "-c"])
        .arg(format!("{} --check --jobs 1 --lang en", bin.display()))
        .arg("/dev/null")
        .current_dir(dir.path())
        .output()
        .expect("script (util-linux) runs the tool on a terminal");
    let elapsed = started.elapsed().as_secs_f64();
    let screen = String::from_utf8_lossy(&output.stdout);
    let frames = screen.matches(" files ").count();
    assert!(
        elapsed > 2.0,
        "the run must outlast the bar's one-second delay: {elapsed:.2}s"
    );
    assert!(
        frames >= 2,
        "the bar was drawn: {frames} frames in {elapsed:.2}s"
    );
    let allowed = ((elapsed - 1.0) * 10.0).ceil() as usize + 2;
    assert!(
        frames <= allowed,
        "{frames} frames in {elapsed:.2}s (at most {allowed})"
    );
}

// 5. Clear errors.

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
}

#[test]
fn a_mistyped_option_is_named_in_the_language_of_the_run() {
    let dir = demo();
    let typo = run_zh(dir.path(), &["--wirte"]);
    assert_eq!(typo.status.code(), Some(2));
    assert_eq!(
        err(&typo),
        "wxwork-migrate: 错误：未知的选项 `--wirte`；是不是要用 `--write`？\n\
         运行 `wxwork-migrate --help` 查看所有选项。\n"
    );
    let conflict = run(dir.path(), &["--write", "--check"]);
    assert_eq!(
        err(&conflict).lines().next(),
        Some("wxwork-migrate: error: --write cannot be used with --check")
    );
    let size = run_zh(dir.path(), &["--max-file-size", "4G"]);
    assert!(
        err(&size).starts_with("wxwork-migrate: 错误：--max-file-size <SIZE>：`4G` 不是有效的大小")
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

/// A folder nothing can be written in: immutable for root (who ignores permissions), read-only
/// for anyone else.
fn make_read_only(dir: &Path, read_only: bool) {
    let root = StdCommand::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let status = if root {
        let flag = if read_only { "+i" } else { "-i" };
        StdCommand::new("chattr").arg(flag).arg(dir).status()
    } else {
        let mode = if read_only { "555" } else { "755" };
        StdCommand::new("chmod").arg(mode).arg(dir).status()
    };
    assert!(
        status.unwrap().success(),
        "could not make {} read-only",
        dir.display()
    );
}

#[test]
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
        "pages/a.js: error: WX904 not written: permission denied\n\
         pages/b.js: error: WX904 not written: permission denied\n\
         2 files scanned (2 parsed): 0 changed (0 rewrites), 0 flags, 0 notes, 2 errors"
    );
    assert_eq!(
        without_timing(&err(&chinese)),
        "pages/a.js: 错误: WX904 未写入：没有权限\n\
         pages/b.js: 错误: WX904 未写入：没有权限\n\
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
