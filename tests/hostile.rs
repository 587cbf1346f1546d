//! Hostile trees: every bad input gets a clear message naming the file, that file is left as it
//! was, and the rest of the run goes on.

use std::fs;
#[cfg(unix)]
use std::os::unix::ffi::OsStrExt;
#[cfg(unix)]
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

const GUARD: &str = r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)"#;
const PAGE: &str =
    "Page({\n  onLoad() {\n    wx.login({ success: (res) => console.log(res.code) });\n  }\n});\n";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("wxwork-migrate")
        .unwrap()
        .current_dir(dir)
        .env("WXWORK_MIGRATE_LANG", "en")
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A tree with one well-formed page, so each test can check that the run went on.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.js"), PAGE).unwrap();
    dir
}

fn assert_ok_page_fixed(dir: &Path) {
    let text = fs::read_to_string(dir.join("ok.js")).unwrap();
    assert!(
        text.contains(GUARD),
        "the well-formed file was not fixed:\n{text}"
    );
}

/// A minified bundle over the size from which the text's nesting is estimated, ending in a
/// comment with no newline (as `sourceMappingURL` lines do): the estimate once indexed past
/// the end of such a text and the file's sites were never migrated.
#[test]
fn a_bundle_that_ends_inside_a_comment_is_migrated() {
    let dir = tree();
    let chunk = "var a=function(){return wx.login({success:function(r){t(r.code)}})};";
    let mut bundle = chunk.repeat(40 * 1024 / chunk.len() + 1);
    bundle.push_str("\n//# sourceMappingURL=vendor.min.js.map");
    fs::write(dir.path().join("vendor.min.js"), &bundle).unwrap();

    let output = run(dir.path(), &["--write"]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("WX903"), "{}", stderr(&output));
    let text = fs::read_to_string(dir.path().join("vendor.min.js")).unwrap();
    assert_eq!(
        text.matches(GUARD).count(),
        bundle.matches("wx.login").count()
    );
    assert!(text.ends_with("//# sourceMappingURL=vendor.min.js.map"));
    assert_ok_page_fixed(dir.path());
}

#[test]
fn a_huge_bundle_that_names_the_apis_is_left_alone_and_fails_check() {
    let dir = tree();
    let chunk = "var a=function(){return wx.login({success:function(r){t(r.code)}})};";
    let bundle = chunk.repeat(5 * 1024 * 1024 / chunk.len() + 1);
    fs::write(dir.path().join("vendor.min.js"), &bundle).unwrap();

    let output = run(dir.path(), &["--write"]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("vendor.min.js: WX205 left alone: "),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("vendor.min.js")).unwrap(),
        bundle
    );
    assert_ok_page_fixed(dir.path());
    let output = run(dir.path(), &["--check", "vendor.min.js"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "an unmigrated login passed --check"
    );

    fs::write(dir.path().join("small.js"), PAGE).unwrap();
    let output = run(
        dir.path(),
        &["--max-file-size", "1K", "--check", "small.js"],
    );
    assert_eq!(output.status.code(), Some(1), "under the limit: processed");
    let output = run(
        dir.path(),
        &["--max-file-size", "10", "--check", "small.js"],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "over the limit, naming the APIs: a warning"
    );
}

#[test]
fn a_huge_file_that_names_no_api_is_a_note_only() {
    let dir = tree();
    let chunk = "var a=function(){return wx.request({url:u,success:function(r){t(r.data)}})};";
    let bundle = chunk.repeat(5 * 1024 * 1024 / chunk.len() + 1);
    fs::write(dir.path().join("vendor.min.js"), &bundle).unwrap();

    let output = run(dir.path(), &["vendor.min.js"]);
    assert!(
        stderr(&output).contains("vendor.min.js: WX306 left alone: "),
        "{}",
        stderr(&output)
    );

    let output = run(dir.path(), &["--check", "vendor.min.js"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_very_long_line_is_rewritten_at_the_right_column() {
    let dir = tree();
    let padding = "1,".repeat(500_000);
    fs::write(
        dir.path().join("long.js"),
        format!("var y = [{padding}1]; wx.login({{}});\n"),
    )
    .unwrap();

    let output = run(dir.path(), &["--check", "long.js"]);

    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.lines().next().unwrap().split(':').nth(2),
        Some("1000014")
    );
}

#[test]
fn deep_nesting_never_crashes_the_run() {
    let dir = tree();
    let write = |name: &str, text: String| fs::write(dir.path().join(name), text).unwrap();
    write(
        "parens-3k.js",
        format!(
            "var a = {}wx.login{};\n",
            "(".repeat(3_000),
            ")".repeat(3_000)
        ),
    );
    write(
        "parens-100k.js",
        format!(
            "var a = {}wx.login{};\n",
            "(".repeat(100_000),
            ")".repeat(100_000)
        ),
    );
    write(
        "arrays-20k.js",
        format!(
            "var a = {}wx.login{};\n",
            "[".repeat(20_000),
            "]".repeat(20_000)
        ),
    );
    write(
        "blocks-2k.js",
        format!(
            "{}wx.login(){}\n",
            "if (x) {".repeat(2_000),
            "}".repeat(2_000)
        ),
    );
    // Chains of nodes that are neither expressions nor statements: swc's parser recurses on
    // them too, and overflowed the stack on these before the byte scan counted them.
    write(
        "fragments-200k.jsx",
        format!(
            "wx.login({{}});\nlet x = {}{};\n",
            "<>".repeat(200_000),
            "</>".repeat(200_000)
        ),
    );
    write(
        "namespace-2m.ts",
        format!(
            "wx.login({{}});\nnamespace {}b {{}}\n",
            "a.".repeat(2_000_000)
        ),
    );
    let untouched: Vec<(String, Vec<u8>)> = [
        "parens-100k.js",
        "arrays-20k.js",
        "blocks-2k.js",
        "fragments-200k.jsx",
        "namespace-2m.ts",
    ]
    .iter()
    .map(|name| (name.to_string(), fs::read(dir.path().join(name)).unwrap()))
    .collect();

    let check = run(dir.path(), &["--check"]);
    let output = run(dir.path(), &["--write"]);

    // Each holds a `wx.login` that stays unmigrated: a warning, which fails `--check`.
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for (name, bytes) in untouched {
        assert!(
            stderr(&output).contains(&format!("{name}: WX205 left alone: ")),
            "{name}: {}",
            stderr(&output)
        );
        assert_eq!(
            fs::read(dir.path().join(&name)).unwrap(),
            bytes,
            "{name} changed"
        );
    }
    let moderate = fs::read_to_string(dir.path().join("parens-3k.js")).unwrap();
    assert!(moderate.contains(GUARD), "3000 levels are still processed");
    assert_ok_page_fixed(dir.path());
}

#[test]
fn false_wx306_on_flat_files_of_regexes_and_arrows() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| fs::write(dir.path().join(name), text).unwrap();
    write(
        "escape.js",
        format!(
            "{}wx.login({{ success: onCode }})\n",
            "text = text.replace(/\\(/g, '（').replace(/\\[/g, '【')\n".repeat(3_000)
        ),
    );
    write(
        "api.js",
        format!(
            "{}export const login = () => wx.login({{ success: onCode }})\n",
            "export const list = (page) => request('/goods/list', { page })\n".repeat(3_000)
        ),
    );

    let output = run(dir.path(), &["--write"]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("WX306"), "{}", stderr(&output));
    for name in ["escape.js", "api.js"] {
        let text = fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(text.len() > 100_000);
        assert_eq!(text.matches(GUARD).count(), 1, "{name}");
    }
}

#[test]
fn a_skipped_flat_file_without_the_apis_stays_a_note() {
    let dir = tree();
    // `wx[key]` makes the file worth parsing, but no API is named in it.
    let deep = format!(
        "var a = {}wx[key]{};\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    fs::write(dir.path().join("table.js"), &deep).unwrap();
    fs::write(dir.path().join("ok.js"), "wx.getStorageSync('k')\n").unwrap();

    let output = run(dir.path(), &["--check"]);

    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("table.js: WX306 left alone: "), "{stdout}");
    assert_eq!(output.status.code(), Some(0), "{stdout}");
}

#[test]
fn a_misspelt_suppression_code_is_an_error_and_holds_its_line_back() {
    let dir = tree();
    let text = "Page({\n  onLoad() {\n    // wxwork-migrate-ignore WX10l\n    wx.login({ success: (res) => this.exchange(res.code) })\n  }\n})\n";
    fs::write(dir.path().join("typo.js"), text).unwrap();

    let check = run(dir.path(), &["--check", "typo.js"]);
    let write = run(dir.path(), &["--write"]);

    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("typo.js:3:5: error: WX905 suppression names unknown code WX10l"),
        "{}",
        stderr(&check)
    );
    assert_eq!(write.status.code(), Some(2), "{}", stderr(&write));
    assert_eq!(
        fs::read_to_string(dir.path().join("typo.js")).unwrap(),
        text
    );
    assert_ok_page_fixed(dir.path());
}

#[test]
fn binary_empty_and_bom_only_files() {
    let dir = tree();
    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(dir.path().join("logo.png.js"), &binary).unwrap();
    let with_nul = b"wx.login({});\n// \x00\n".to_vec();
    fs::write(dir.path().join("nul.js"), &with_nul).unwrap();
    fs::write(dir.path().join("empty.js"), "").unwrap();
    fs::write(dir.path().join("bom.js"), "\u{feff}").unwrap();

    let output = run(dir.path(), &["--write"]);

    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("logo.png.js:"), "{err}");
    assert!(
        err.contains("nul.js:2:4: error: WX902 binary file (NUL byte)"),
        "{err}"
    );
    assert!(!err.contains("empty.js"), "{err}");
    assert!(!err.contains("bom.js"), "{err}");
    assert_eq!(fs::read(dir.path().join("logo.png.js")).unwrap(), binary);
    assert_eq!(fs::read(dir.path().join("nul.js")).unwrap(), with_nul);
    assert_eq!(
        fs::read(dir.path().join("bom.js")).unwrap(),
        "\u{feff}".as_bytes()
    );
    assert_ok_page_fixed(dir.path());
}

#[test]
#[cfg(unix)]
fn symlinks_are_never_followed_out_of_the_tree_nor_replaced() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.js"), PAGE).unwrap();
    fs::create_dir(outside.path().join("lib")).unwrap();
    fs::write(outside.path().join("lib/sdk.js"), PAGE).unwrap();
    let dir = tree();
    let root = dir.path();
    symlink(outside.path().join("secret.js"), root.join("linked.js")).unwrap();
    symlink(outside.path().join("lib"), root.join("lib")).unwrap();
    symlink(root.join("loop-b.js"), root.join("loop-a.js")).unwrap();
    symlink(root.join("loop-a.js"), root.join("loop-b.js")).unwrap();
    symlink(root, root.join("self")).unwrap();

    let output = run(root, &["--write"]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        fs::read_to_string(outside.path().join("secret.js")).unwrap(),
        PAGE
    );
    assert_eq!(
        fs::read_to_string(outside.path().join("lib/sdk.js")).unwrap(),
        PAGE
    );
    for link in ["linked.js", "lib", "loop-a.js", "loop-b.js", "self"] {
        let meta = fs::symlink_metadata(root.join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is no longer a link");
    }
    assert_ok_page_fixed(root);
}

#[test]
#[cfg(unix)]
fn read_only_files_and_folders_are_reported_and_the_run_goes_on() {
    let dir = tree();
    let root = dir.path();
    fs::write(root.join("locked.js"), PAGE).unwrap();
    fs::set_permissions(root.join("locked.js"), fs::Permissions::from_mode(0o444)).unwrap();
    fs::create_dir(root.join("frozen")).unwrap();
    fs::write(root.join("frozen/page.js"), PAGE).unwrap();
    fs::set_permissions(root.join("frozen"), fs::Permissions::from_mode(0o555)).unwrap();

    let output = run(root, &["--write"]);

    fs::set_permissions(root.join("frozen"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("locked.js: error: WX904 not written: the file is read-only"),
        "{err}"
    );
    assert!(
        err.contains("frozen/page.js: error: WX904 not written: its folder is read-only"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(root.join("locked.js")).unwrap(), PAGE);
    assert_eq!(
        fs::read_to_string(root.join("frozen/page.js")).unwrap(),
        PAGE
    );
    assert_ok_page_fixed(root);
}

#[test]
#[cfg(unix)]
fn odd_paths_are_processed() {
    let dir = tree();
    let root = dir.path();
    let names: [&[u8]; 4] = [
        b"my page.js",
        "登录页.js".as_bytes(),
        b"-leading-dash.js",
        b"gbk-\xb5\xc7\xc2\xbc.js",
    ];
    for name in names {
        fs::write(root.join(std::ffi::OsStr::from_bytes(name)), PAGE).unwrap();
    }

    let output = run(root, &["--write", "--", ".", "-leading-dash.js"]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for name in names {
        let text = fs::read_to_string(root.join(std::ffi::OsStr::from_bytes(name))).unwrap();
        assert!(
            text.contains(GUARD),
            "{} not fixed",
            String::from_utf8_lossy(name)
        );
    }
}

#[test]
fn diff_of_paths_with_spaces_and_chinese_applies_with_git() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("pages 页面")).unwrap();
    fs::write(root.join("pages 页面/登录 page.js"), PAGE).unwrap();
    let patch = run(root, &[]).stdout;
    fs::write(root.join("fix.patch"), &patch).unwrap();

    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .status();
        assert!(status.unwrap().success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["apply", "fix.patch"]);

    let text = fs::read_to_string(root.join("pages 页面/登录 page.js")).unwrap();
    assert!(text.contains(GUARD), "{text}");
}

/// Paths outside the current folder once gave `a//abs/path` headers that `git apply` rejects,
/// `--check --staged` from a subfolder read the working copy of such files instead of what is
/// staged, and a tab in a name broke the header.
#[test]
fn diffs_of_paths_outside_the_folder_and_with_tabs_apply_with_git() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let git = |cwd: &Path, args: &[&str]| {
        let output = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(cwd)
            .output()
            .unwrap();
        assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    };
    let sub = root.join("miniprogram");
    fs::create_dir_all(root.join("shared/utils")).unwrap();
    fs::create_dir_all(&sub).unwrap();
    fs::write(root.join("shared/utils/auth.js"), PAGE).unwrap();
    fs::write(sub.join("tab\tname.js"), PAGE).unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "pages"]);

    // A folder outside this one, named on the command line.
    let output = run(&sub, &["../shared"]);
    let patch = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(
        patch.starts_with("--- a/../shared/utils/auth.js\n+++ b/../shared/utils/auth.js\n"),
        "{patch}"
    );
    assert!(
        stderr(&output).contains("git apply --unsafe-paths"),
        "{}",
        stderr(&output)
    );
    fs::write(root.join("outside.patch"), &patch).unwrap();
    git(&sub, &["apply", "--unsafe-paths", "../outside.patch"]);
    let applied = fs::read_to_string(root.join("shared/utils/auth.js")).unwrap();
    git(root, &["checkout", "-q", "."]);
    run(&sub, &["--write", "../shared"]);
    assert_eq!(
        fs::read_to_string(root.join("shared/utils/auth.js")).unwrap(),
        applied
    );
    git(root, &["checkout", "-q", "."]);

    // A name with a tab, quoted as git quotes it; plain `git apply` takes it.
    let output = run(&sub, &["tab\tname.js"]);
    let patch = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(patch.starts_with("--- \"a/tab\\tname.js\"\n"), "{patch}");
    fs::write(root.join("tab.patch"), &patch).unwrap();
    git(&sub, &["apply", "../tab.patch"]);
    assert!(fs::read_to_string(sub.join("tab\tname.js"))
        .unwrap()
        .contains(GUARD));
    git(root, &["checkout", "-q", "."]);

    // `--staged` from the subfolder: the staged contents of a file outside it are checked.
    fs::write(root.join("shared/utils/auth.js"), "wx.login({})\n").unwrap();
    git(root, &["add", "shared/utils/auth.js"]);
    fs::write(root.join("shared/utils/auth.js"), "// not staged\n").unwrap();
    let check = run(&sub, &["--check", "--staged"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains("../shared/utils/auth.js:1:1: WX101"),
        "{stdout}"
    );
}
