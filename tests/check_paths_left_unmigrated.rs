//! `--check` on login paths the tool leaves unmigrated: a `wx` handed on where it cannot be
//! followed, a `with` or `eval` that may change what `wx` is, an alias or a destructuring of
//! `wx`'s login fail by default, like a pending rewrite; a Promise-style call goes through the
//! WeCom module, and still fails after `--write` where the module cannot go.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn check(dir: &Path, file: &str) -> (Option<i32>, String) {
    let output = Command::cargo_bin("wxwork-migrate")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["--check", file])
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn wx_handed_on_fails_check_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let adapter = "const api = typeof wx !== 'undefined' ? wx : my\n\
                   module.exports = { login: () => api.login({}) }\n";
    fs::write(dir.path().join("adapter.js"), adapter).unwrap();
    let (code, stdout) = check(dir.path(), "adapter.js");
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.starts_with("adapter.js:1:41: WX206 "), "{stdout}");
}

#[test]
fn promise_style_calls_go_through_the_module_and_then_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    let page = "async function login () {\n  const { code } = await wx.login()\n  return code\n}\n";
    fs::write(dir.path().join("page.js"), page).unwrap();
    Command::cargo_bin("wxwork-migrate")
        .unwrap()
        .current_dir(dir.path())
        .args(["--write", "page.js"])
        .assert()
        .code(0);
    let written = fs::read_to_string(dir.path().join("page.js")).unwrap();
    assert!(
        written.starts_with("const wxwork = require(\"./wxwork\")\n"),
        "{written}"
    );
    assert!(
        written.contains("await (wxwork.isWxWork() ? wxwork : wx).login()"),
        "{written}"
    );
    let module = fs::read_to_string(dir.path().join("wxwork.js")).unwrap();
    assert!(module.contains("exports.login = login;"), "{module}");
    let (code, stdout) = check(dir.path(), "page.js");
    assert_eq!(code, Some(0), "{stdout}");
}

/// Where the module cannot go, the call is guarded inline and `WX202` keeps failing `--check`
/// after `--write`.
#[test]
fn promise_style_warning_survives_write_without_the_module() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("wxwork-migrate.toml"),
        "module-dir = \"node_modules/shared\"\n",
    )
    .unwrap();
    let page = "async function login () {\n  const { code } = await wx.login()\n  return code\n}\n";
    fs::write(dir.path().join("page.js"), page).unwrap();
    let output = Command::cargo_bin("wxwork-migrate")
        .unwrap()
        .current_dir(dir.path())
        .args(["--write", "page.js"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("node_modules/shared/wxwork.js is in a folder"),
        "{stderr}"
    );
    let written = fs::read_to_string(dir.path().join("page.js")).unwrap();
    assert!(written.contains("? wx.qy : wx).login()"), "{written}");
    assert!(!dir.path().join("node_modules").exists());
    let (code, stdout) = check(dir.path(), "page.js");
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.starts_with("page.js:2:26: WX202 "), "{stdout}");
}

/// In WeCom each of these still calls WeChat's login, which the tool cannot rewrite there.
#[test]
fn logins_left_unmigrated_fail_check_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "with.js",
            "function f (o) {\n  with (o) { wx.login({}) }\n}\n",
            "with.js:2:14: WX308 ",
        ),
        (
            "eval.js",
            "function f (code) {\n  eval(code)\n  wx.login({})\n}\n",
            "eval.js:3:3: WX308 ",
        ),
        (
            "alias.ts",
            "import login = wx.login\nlogin({ success: () => {} })\n",
            "alias.ts:1:16: WX304 ",
        ),
        (
            "destructure.js",
            "const { checkSession } = wx\ncheckSession({ fail: relogin })\n",
            "destructure.js:1:9: WX303 ",
        ),
    ];
    for (file, text, expected) in cases {
        fs::write(dir.path().join(file), text).unwrap();
        let (code, stdout) = check(dir.path(), file);
        assert_eq!(code, Some(1), "{file}: {stdout}");
        assert!(stdout.starts_with(expected), "{file}: {stdout}");
    }
}
