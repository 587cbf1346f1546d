//! The habits of the users' other tools (ruff, prettier): the fixable hint, `--fix`, `--diff`,
//! `-l`, `--statistics`, `explain`, no silent empty runs, globs, next steps only where they
//! apply, and a progress bar that does not flood the terminal. Each runs the binary on a copy of
//! the demo mini-program or a small project, in both languages where there is text.

mod common;

use std::fs;
use std::process::Command as StdCommand;

use common::run::{demo, err, out, run, run_zh, tool, write};

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
         \x20   1  WX401      The backend calls WeChat's sns/jscode2session; it must also call WeCom's for codes from WeCom.\n"
    );
    let chinese = run_zh(dir.path(), &["--statistics"]);
    assert!(out(&chinese)
        .starts_with("    6  WX101  [*] wx.login 已加判断，在企业微信中调用 wx.qy.login。\n"));
    assert!(
        !out(&chinese).contains("--- a/"),
        "no diff with --statistics"
    );
    let json = run(dir.path(), &["--statistics", "--output-format", "json"]);
    assert_eq!(
        json.status.code(),
        Some(2),
        "one document or the other, not both"
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
        "wxwork-migrate: error: no JavaScript, TypeScript, .vue, .wpy, .mpx or .wxml file in the current folder \
         (node_modules, miniprogram_npm and what .gitignore or --exclude skip are not scanned); \
         nothing was scanned\n"
    );
    write(root, "node_modules/sdk/index.js", "wx.login({})\n");
    write(root, "app.json", "{}\n");
    let dependencies_only = run_zh(root, &["--check"]);
    assert_eq!(dependencies_only.status.code(), Some(2));
    assert!(err(&dependencies_only)
        .starts_with("wxwork-migrate: 错误：当前目录中没有 JavaScript、TypeScript"));

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
    let bin = assert_cmd::cargo::cargo_bin("wxwork-migrate");
    // As many files as this machine needs to take a few seconds: the bar shows after one.
    let (mut files, mut elapsed, mut screen) = (0, 0.0, String::new());
    for target in [600, 1_200, 2_400, 4_800, 9_600] {
        for i in files..target {
            let path = format!("pages/p{i}/index.js");
            write(dir.path(), &path, &format!("{body}wx.login({{}})\n"));
        }
        files = target;
        let started = std::time::Instant::now();
        let output = StdCommand::new("script")
            .args(["-q", "-e", "-c"])
            .arg(format!("{} --check --jobs 1 --lang zh", bin.display()))
            .arg("/dev/null")
            .current_dir(dir.path())
            .output()
            .expect("script (util-linux) runs the tool on a terminal");
        elapsed = started.elapsed().as_secs_f64();
        screen = String::from_utf8_lossy(&output.stdout).into_owned();
        if elapsed > 2.0 {
            break;
        }
    }
    let frames = screen.matches(&format!("/{files} 个文件 ")).count();
    assert!(elapsed > 2.0, "{files} files took only {elapsed:.2}s");
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
