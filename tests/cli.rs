//! The binary as users run it: on a copy of the demo project in a temp folder.

mod common;

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use common::copy_dir;
use tempfile::TempDir;

const GUARD: &str = r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)"#;

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-miniprogram")
}

/// A temp copy of the demo project; commands run with it as the current folder.
fn project() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&demo(), dir.path());
    dir
}

fn tool(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("wxwork-migrate").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("WXWORK_MIGRATE_LANG", "en");
    cmd
}

/// Every file under `dir` with its bytes, sorted, for before/after comparisons.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().unwrap() != ".git" {
                    stack.push(path);
                }
            } else {
                let bytes = fs::read(&path).unwrap();
                files.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    files.sort();
    files
}

fn git(dir: &Path, args: &[&str]) {
    let status = StdCommand::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git must be installed to run these tests");
    assert!(status.success(), "git {args:?} failed");
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn dry_run_writes_nothing_and_its_diff_applies_to_what_write_gives() {
    let dry = project();
    let before = snapshot(dry.path());
    let output = tool(dry.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(snapshot(dry.path()), before, "a dry run must not write");
    let patch = String::from_utf8(output.stdout).unwrap();
    assert!(patch.contains("--- a/app.js\n+++ b/app.js\n"), "{patch}");
    assert!(
        !patch.contains("miniprogram_npm"),
        "skipped folders stay out of the diff"
    );

    git(dry.path(), &["init", "-q"]);
    fs::write(dry.path().join("fix.patch"), &patch).unwrap();
    git(dry.path(), &["apply", "fix.patch"]);
    fs::remove_file(dry.path().join("fix.patch")).unwrap();

    let written = project();
    let status = tool(written.path()).arg("--write").output().unwrap().status;
    assert_eq!(status.code(), Some(0));
    assert_eq!(snapshot(dry.path()), snapshot(written.path()));
    assert_ne!(snapshot(written.path()), before);
}

#[test]
fn write_is_idempotent_and_then_check_passes() {
    let dir = project();
    tool(dir.path()).arg("--write").assert().code(0);
    let once = snapshot(dir.path());
    let second = tool(dir.path()).arg("--write").output().unwrap();
    assert_eq!(
        snapshot(dir.path()),
        once,
        "a second --write changes nothing"
    );
    let summary = String::from_utf8(second.stderr).unwrap();
    assert!(summary.contains(": 0 changed (0 rewrites)"), "{summary}");

    // Left: the cloud function's code exchange (a note) and the getUserInfo flow in the page
    // and its template, which still fail --check. The Promise-style login now goes through the
    // WeCom module the run added.
    let check = tool(dir.path()).arg("--check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8(check.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].starts_with("cloudfunctions/login/index.js:8:36: WX401 "));
    assert!(lines[1].starts_with("pages/profile/profile.js:17:11: WX201 "));
    assert!(lines[2].starts_with("pages/profile/profile.wxml:8:38: WX201 "));
    assert!(lines[3].starts_with("pages/profile/profile.wxml:8:62: WX201 "));
    let page = fs::read_to_string(dir.path().join("pages/index/index.js")).unwrap();
    assert!(
        page.contains("(wxwork.isWxWork() ? wxwork : wx).login()"),
        "{page}"
    );
    assert!(dir.path().join("wxwork.js").is_file());
}

#[test]
fn check_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.js");
    fs::write(&clean, "wx.request({ url: 'https://api.example.com' });\n").unwrap();
    tool(dir.path())
        .args(["--check", "clean.js"])
        .assert()
        .code(0)
        .stdout("");

    fs::write(dir.path().join("pending.js"), "wx.login({});\n").unwrap();
    let out = tool(dir.path())
        .args(["--check", "clean.js", "pending.js"])
        .assert()
        .code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        "pending.js:1:1: WX101 wx.login guarded: WeCom calls wx.qy.login, WeChat keeps wx.login\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("pending.js")).unwrap(),
        "wx.login({});\n",
        "--check writes nothing"
    );

    fs::write(dir.path().join("broken.js"), "wx.login({);\n").unwrap();
    tool(dir.path())
        .args(["--check", "pending.js", "broken.js"])
        .assert()
        .code(2);
}

#[test]
fn a_file_with_a_syntax_error_is_reported_and_untouched_while_others_are_fixed() {
    let dir = project();
    let broken = dir.path().join("pages/index/broken.js");
    let text = "Page({\n  onLoad() {\n    wx.login({ success() {} )\n  }\n})\n";
    fs::write(&broken, text).unwrap();

    let output = tool(dir.path()).arg("--write").output().unwrap();

    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("pages/index/broken.js:3:29: error: WX901 "),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&broken).unwrap(), text);
    let app = fs::read_to_string(dir.path().join("app.js")).unwrap();
    assert!(app.contains(GUARD), "other files are still fixed");
}

#[test]
fn non_utf8_and_missing_paths_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"// \xb5\xc7\xc2\xbc\nwx.login({});\n".to_vec();
    fs::write(dir.path().join("gbk.js"), &bytes).unwrap();
    fs::write(dir.path().join("ok.js"), "wx.login({});\n").unwrap();

    let output = tool(dir.path())
        .args(["--write", "gbk.js", "missing.js", "ok.js"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("gbk.js:1:4: error: WX902 not valid UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.js: error: WX902 no such file or directory"),
        "{stderr}"
    );
    assert_eq!(fs::read(dir.path().join("gbk.js")).unwrap(), bytes);
    let ok = fs::read_to_string(dir.path().join("ok.js")).unwrap();
    assert_eq!(ok, format!("{GUARD}.login({{}});\n"));
}

#[test]
fn write_keeps_permissions_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.js");
    fs::write(
        &path,
        "\u{feff}App({\r\n  onLaunch() {\r\n    wx.login({})\r\n  }\r\n})\r\n",
    )
    .unwrap();
    #[cfg(unix)]
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();

    tool(dir.path()).arg("--write").assert().code(0);

    let expected =
        format!("\u{feff}App({{\r\n  onLaunch() {{\r\n    {GUARD}.login({{}})\r\n  }}\r\n}})\r\n");
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
    #[cfg(unix)]
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o755
    );
}

#[test]
fn output_order_does_not_depend_on_the_number_of_threads() {
    let dir = project();
    for i in 0..40 {
        let page = dir.path().join(format!("pages/generated/p{i:02}.js"));
        fs::create_dir_all(page.parent().unwrap()).unwrap();
        let body = "x();\n".repeat(i * 50);
        fs::write(
            &page,
            format!("{body}wx.login({{}});\nwx.getUserInfo({{}});\n"),
        )
        .unwrap();
    }
    let run = |jobs: &str| {
        let output = tool(dir.path()).args(["--jobs", jobs]).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        // The summary's timing differs between runs; everything else must not.
        let findings: Vec<String> = stderr
            .lines()
            .filter(|line| !line.contains(" scanned ("))
            .map(str::to_string)
            .collect();
        (String::from_utf8(output.stdout).unwrap(), findings)
    };
    let one = run("1");
    assert_eq!(one, run("4"));
    assert_eq!(one, run("3"));
    let diff_paths: Vec<&str> = one.0.lines().filter(|l| l.starts_with("--- a/")).collect();
    let mut sorted = diff_paths.clone();
    sorted.sort();
    assert_eq!(diff_paths, sorted);
}

#[test]
fn skips_dependencies_gitignored_and_excluded_files_unless_named() {
    let dir = project();
    let root = dir.path();
    for folder in ["node_modules/sdk", "dist", "legacy"] {
        fs::create_dir_all(root.join(folder)).unwrap();
        fs::write(root.join(folder).join("index.js"), "wx.login({});\n").unwrap();
    }
    fs::write(root.join(".gitignore"), "dist/\n").unwrap();
    fs::write(root.join("typings.d.ts"), "declare function f(): void;\n").unwrap();

    let diff = stdout_of(tool(root).args(["--exclude", "legacy"]));
    for skipped in ["node_modules", "miniprogram_npm", "dist/", "legacy/"] {
        assert!(
            !diff.contains(skipped),
            "{skipped} must be skipped:\n{diff}"
        );
    }
    assert!(diff.contains("+++ b/app.js"));

    let named =
        stdout_of(tool(root).args(["--exclude", "legacy", "legacy/index.js", "dist/index.js"]));
    assert!(named.contains("+++ b/legacy/index.js"), "{named}");
    assert!(named.contains("+++ b/dist/index.js"), "{named}");

    // What a hook does: every staged file, named explicitly, with --force-exclude.
    let hook = tool(root)
        .args(["--check", "--force-exclude", "--exclude", "legacy"])
        .args([
            "legacy/index.js",
            "dist/index.js",
            "node_modules/sdk/index.js",
        ])
        .args(["app.json", "app.wxss", "app.js"])
        .output()
        .unwrap();
    assert_eq!(hook.status.code(), Some(1));
    let lines = String::from_utf8(hook.stdout).unwrap();
    assert!(lines.lines().all(|l| l.starts_with("app.js:")), "{lines}");
    assert!(!lines.is_empty());
    let summary = String::from_utf8(hook.stderr).unwrap();
    assert!(summary.starts_with("1 file scanned"), "{summary}");
}

#[test]
fn help_documents_exit_codes_and_finding_codes() {
    let help = stdout_of(tool(Path::new(".")).arg("--help"));
    assert!(help.contains("Exit codes:"), "{help}");
    for code in ["WX101", "WX102", "WX201", "WX301", "WX305", "WX901"] {
        assert!(help.contains(code), "{code} missing from --help");
    }
    Command::cargo_bin("wxwork-migrate")
        .unwrap()
        .args(["--write", "--check"])
        .assert()
        .code(2);
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let dir = project();
    let plain = stdout_of(&mut tool(dir.path()));
    assert!(!plain.contains('\x1b'), "piped output has no colour");
    let colored = stdout_of(tool(dir.path()).args(["--color", "always"]));
    assert!(colored.contains("\x1b["));
}

/// Runs the tool with its stdout (and stderr, when `both`) piped into `head -n 1`, and returns
/// the tool's own exit code and stderr.
fn through_head(dir: &Path, args: &str, both: bool) -> (Option<i32>, String) {
    let bin = assert_cmd::cargo::cargo_bin("wxwork-migrate");
    let redirect = if both { "2>&1" } else { "2>stderr.txt" };
    let script = format!(
        "'{}' {args} {redirect} | head -n 1 >/dev/null; exit ${{PIPESTATUS[0]}}",
        bin.display()
    );
    let status = StdCommand::new("bash")
        .args(["-c", &script])
        .current_dir(dir)
        .status()
        .unwrap();
    let stderr = fs::read_to_string(dir.join("stderr.txt")).unwrap_or_default();
    let _ = fs::remove_file(dir.join("stderr.txt"));
    (status.code(), stderr)
}

#[test]
fn a_closed_pipe_neither_stops_the_run_nor_changes_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        let text = format!("// page {i}\nPage({{ onLoad() {{ wx.login({{}}) }} }})\n");
        fs::write(dir.path().join(format!("p{i:03}.js")), text).unwrap();
    }

    let (code, stderr) = through_head(dir.path(), "", false);
    assert_eq!(code, Some(0));
    assert!(!stderr.contains("error:"), "{stderr}");
    assert!(stderr.contains("400 files scanned"), "{stderr}");

    let (code, _) = through_head(dir.path(), "--check", false);
    assert_eq!(code, Some(1), "pending rewrites still fail --check");

    let (code, _) = through_head(dir.path(), "--write", true);
    assert_eq!(code, Some(0));
    for i in 0..400 {
        let text = fs::read_to_string(dir.path().join(format!("p{i:03}.js"))).unwrap();
        assert!(text.contains(GUARD), "p{i:03}.js was not written");
    }
}

#[test]
fn a_file_named_several_ways_is_processed_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/a.js"), "wx.login({});\n").unwrap();
    let absolute = dir.path().join("sub/a.js");
    let diff = stdout_of(tool(dir.path()).args([
        "sub/a.js",
        "./sub/a.js",
        absolute.to_str().unwrap(),
        "sub",
        "sub/../sub",
    ]));
    assert_eq!(diff.matches("--- a/sub/a.js\n").count(), 1, "{diff}");
}

#[test]
fn exclude_globs_are_relative_to_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["proj/sub", "proj/keep"] {
        fs::create_dir_all(dir.path().join(folder)).unwrap();
        fs::write(dir.path().join(folder).join("a.js"), "wx.login({});\n").unwrap();
    }
    let diff = stdout_of(tool(dir.path()).args(["--exclude", "proj/sub", "proj"]));
    assert!(diff.contains("+++ b/proj/keep/a.js"), "{diff}");
    assert!(!diff.contains("proj/sub"), "{diff}");

    let bad = tool(dir.path())
        .args(["--exclude", "[", "proj"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8(bad.stderr).unwrap();
    assert!(
        stderr.starts_with("wxwork-migrate: error: --exclude: `[` is not a valid glob:"),
        "{stderr}"
    );
}

#[test]
fn staged_checks_what_will_be_committed_and_since_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    git(root, &["config", "user.email", "dev@example.com"]);
    git(root, &["config", "user.name", "dev"]);
    fs::create_dir(root.join("pages")).unwrap();
    fs::write(root.join("pages/committed.js"), "wx.login({});\n").unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "base"]);

    // Staged with a pending rewrite; the working copy was cleaned up after staging.
    fs::write(root.join("pages/a.js"), "wx.login({});\n").unwrap();
    git(root, &["add", "pages/a.js"]);
    fs::write(root.join("pages/a.js"), "wx.request({});\n").unwrap();
    // Staged clean; the working copy has a pending rewrite that is not staged.
    fs::write(root.join("pages/b.js"), "wx.request({});\n").unwrap();
    git(root, &["add", "pages/b.js"]);
    fs::write(root.join("pages/b.js"), "wx.checkSession({});\n").unwrap();

    let staged = tool(&root.join("pages"))
        .args(["--check", "--staged"])
        .output()
        .unwrap();
    assert_eq!(staged.status.code(), Some(1));
    let lines = String::from_utf8(staged.stdout).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(lines.starts_with("a.js:1:1: WX101 "), "{lines}");

    let since = tool(root)
        .args(["--check", "--since", "HEAD"])
        .output()
        .unwrap();
    let lines = String::from_utf8(since.stdout).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(lines.starts_with("pages/b.js:1:1: WX102 "), "{lines}");

    let outside = tempfile::tempdir().unwrap();
    let not_a_repo = tool(outside.path()).arg("--staged").output().unwrap();
    assert_eq!(not_a_repo.status.code(), Some(2));
    let stderr = String::from_utf8(not_a_repo.stderr).unwrap();
    assert!(
        stderr.starts_with("wxwork-migrate: error: git: "),
        "{stderr}"
    );
}

#[test]
fn stdin_filename_prints_the_result_or_the_diff() {
    let dir = tempfile::tempdir().unwrap();
    let source = "\u{feff}App({\r\n  onLaunch() { wx.login({}) }\r\n})\r\n";
    let expected = source.replace("wx.login", &format!("{GUARD}.login"));
    let stdin = |args: &[&str], input: &str| {
        tool(dir.path())
            .args(args)
            .write_stdin(input.to_string())
            .output()
            .unwrap()
    };

    let printed = stdin(&["--stdin-filename", "app.js"], source);
    assert_eq!(printed.status.code(), Some(0));
    assert_eq!(String::from_utf8(printed.stdout).unwrap(), expected);
    let stderr = String::from_utf8(printed.stderr).unwrap();
    assert!(stderr.starts_with("app.js:2:16: WX101 "), "{stderr}");

    let diff = stdin(&["--stdin-filename", "app.js", "--diff"], source);
    let diff = String::from_utf8(diff.stdout).unwrap();
    assert!(diff.starts_with("--- a/app.js\n+++ b/app.js\n"), "{diff}");

    let check = stdin(&["--stdin-filename", "app.js", "--check"], source);
    assert_eq!(check.status.code(), Some(1));

    // Whatever goes wrong, the caller gets its text back.
    let broken = "wx.login({);\n";
    let failed = stdin(&["--stdin-filename", "app.js"], broken);
    assert_eq!(failed.status.code(), Some(2));
    assert_eq!(String::from_utf8(failed.stdout).unwrap(), broken);
    let other = stdin(
        &["--stdin-filename", "index.wxml"],
        "<view>wx.login</view>\n",
    );
    assert_eq!(other.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(other.stdout).unwrap(),
        "<view>wx.login</view>\n"
    );

    assert!(!dir.path().join("app.js").exists(), "nothing is written");
}

#[test]
fn completions_and_man_page_come_from_the_command_definition() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_of(
            Command::cargo_bin("wxwork-migrate")
                .unwrap()
                .args(["completions", shell]),
        );
        assert!(script.contains("wxwork-migrate"), "{shell}");
        assert!(
            script.contains("force-exclude"),
            "{shell}: every flag is completed"
        );
    }
    let man = stdout_of(tool(Path::new(".")).arg("man"));
    assert!(man.contains(".TH wxwork-migrate 1"), "{man}");
    assert!(
        man.contains("Exit codes:") && man.contains("WX101"),
        "{man}"
    );
}

#[test]
fn no_progress_bar_or_colour_when_stderr_is_not_a_terminal() {
    let dir = project();
    let output = tool(dir.path()).args(["--jobs", "1"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        !stderr.contains('\r') && !stderr.contains('\x1b'),
        "{stderr:?}"
    );
}
