//! The project's configuration file and `--guard-expr`: what they change, and that the command
//! line wins.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("wxwork-migrate")
        .unwrap()
        .current_dir(dir)
        .env("WXWORK_MIGRATE_LANG", "en")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

const APP: &str = "App({\n  onLaunch() {\n    if (getApp().globalData.isWxWork) {\n      wx.login({ success: this.onCode })\n    } else {\n      wx.login({ success: this.onCode })\n    }\n    wx.checkSession({ fail: this.relogin })\n  }\n})\n";

#[test]
fn guard_expr_is_the_guard_and_is_recognised_as_a_check() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("app.js"), APP).unwrap();

    let (code, _, stderr) = run(
        dir.path(),
        &["--write", "--guard-expr", "getApp().globalData.isWxWork"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let text = fs::read_to_string(dir.path().join("app.js")).unwrap();
    let expected = APP
        .replacen("      wx.login", "      wx.qy.login", 1)
        .replace(
            "    wx.checkSession",
            "    (getApp().globalData.isWxWork ? wx.qy : wx).checkSession",
        );
    assert_eq!(text, expected);

    let (code, stdout, _) = run(
        dir.path(),
        &["--check", "--guard-expr", "getApp().globalData.isWxWork"],
    );
    assert_eq!(
        (code, stdout.as_str()),
        (Some(0), ""),
        "a second run finds nothing"
    );

    let (code, _, stderr) = run(dir.path(), &["--guard-expr", "isWxWork); evil("]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("wxwork-migrate: error: --guard-expr `isWxWork); evil(` is not"),
        "{stderr}"
    );
}

#[test]
fn configuration_file_sets_excludes_guard_failures_and_per_file_ignores() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for folder in ["pages/legacy", "pages/wechat-only", "pages/home"] {
        fs::create_dir_all(root.join(folder)).unwrap();
    }
    fs::write(root.join("pages/legacy/old.js"), "wx.login({})\n").unwrap();
    fs::write(
        root.join("pages/wechat-only/profile.js"),
        "wx.getUserInfo({})\n",
    )
    .unwrap();
    fs::write(
        root.join("pages/home/home.js"),
        "wx.getUserInfo({})\nwx.login({})\n",
    )
    .unwrap();
    fs::write(
        root.join("wxwork-migrate.toml"),
        "exclude = [\"pages/legacy\"]\nguard = \"isWxWork()\"\nfail-on = [\"WX101\"]\n\n\
         [per-file-ignores]\n\"pages/wechat-only/**\" = [\"WX201\"]\n",
    )
    .unwrap();

    let (code, stdout, _) = run(root, &["--check"]);
    assert_eq!(code, Some(1), "WX101 still fails");
    assert_eq!(
        stdout,
        "pages/home/home.js:1:1: WX201 wx.getUserInfo does not exist in WeCom: port it by hand to \
         wx.qy.getEnterpriseUserInfo, whose data differs (name, gender, language of the WeCom \
         member; needs wx.qy.login first)\npages/home/home.js:2:1: WX101 wx.login guarded: WeCom \
         calls wx.qy.login, WeChat keeps wx.login\n"
    );
    let (_, diff, _) = run(root, &[]);
    assert!(
        diff.contains("+;(isWxWork() ? wx.qy : wx).login({})"),
        "{diff}"
    );

    // Only WX101 fails --check: with it fixed, the remaining WX201 does not.
    run(root, &["--write"]);
    let (code, _, _) = run(root, &["--check"]);
    assert_eq!(code, Some(0));

    // The command line wins.
    let (_, stdout, _) = run(root, &["--check", "--exclude", "pages/home"]);
    assert!(
        stdout.contains("pages/legacy/old.js:1:1: WX101"),
        "{stdout}"
    );
    assert!(!stdout.contains("pages/home"), "{stdout}");
}

#[test]
fn a_bad_configuration_stops_the_run_naming_the_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("app.js"), "wx.login({})\n").unwrap();
    fs::write(
        dir.path().join("package.json"),
        r#"{ "wxwork-migrate": { "exclde": [] } }"#,
    )
    .unwrap();

    let (code, _, stderr) = run(dir.path(), &["--write"]);

    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("package.json") && stderr.contains("exclde"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("app.js")).unwrap(),
        "wx.login({})\n"
    );
}

#[test]
fn the_configuration_of_the_project_named_on_the_command_line_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("proj");
    fs::create_dir(&project).unwrap();
    fs::write(project.join("app.js"), "wx.login({})\n").unwrap();
    fs::write(
        project.join("wxwork-migrate.toml"),
        "guard = \"isWxWork()\"\n",
    )
    .unwrap();

    let (code, diff, _) = run(dir.path(), &["proj"]);

    assert_eq!(code, Some(0));
    assert!(
        diff.contains("+(isWxWork() ? wx.qy : wx).login({})"),
        "{diff}"
    );
}
