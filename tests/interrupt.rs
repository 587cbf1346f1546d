//! Ctrl-C and SIGTERM in the middle of a `--write` on a large tree: the run stops, says how many
//! files it wrote, leaves no temporary file and no half-written file, and a second `--write`
//! finishes the job.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

const GUARD: &str = r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)"#;
const FOLDERS: usize = 100;
const FILES_PER_FOLDER: usize = 100;

fn old_text(folder: usize, file: usize) -> String {
    format!(
        "// 第 {folder} 组页面\nPage({{\n  data: {{ index: {file} }},\n  onShow() {{\n    \
         wx.checkSession({{ fail: () => wx.login({{ success: (res) => this.setData({{ code: res.code }}) }}) }})\n  \
         }}\n}})\n"
    )
}

fn new_text(folder: usize, file: usize) -> String {
    old_text(folder, file)
        .replace("wx.checkSession(", &format!("{GUARD}.checkSession("))
        .replace("wx.login(", &format!("{GUARD}.login("))
}

fn path(root: &Path, folder: usize, file: usize) -> PathBuf {
    root.join(format!("pages/group{folder:03}/page{file:03}.js"))
}

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for folder in 0..FOLDERS {
        fs::create_dir_all(path(dir.path(), folder, 0).parent().unwrap()).unwrap();
        for file in 0..FILES_PER_FOLDER {
            fs::write(path(dir.path(), folder, file), old_text(folder, file)).unwrap();
        }
    }
    dir
}

/// Every file entirely old or entirely new; how many are new.
fn count_new(root: &Path) -> usize {
    let mut new = 0;
    for folder in 0..FOLDERS {
        for file in 0..FILES_PER_FOLDER {
            let text = fs::read_to_string(path(root, folder, file)).unwrap();
            assert!(
                text == old_text(folder, file) || text == new_text(folder, file),
                "group{folder:03}/page{file:03}.js is neither old nor new:\n{text}"
            );
            new += usize::from(text == new_text(folder, file));
        }
    }
    new
}

fn temp_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                folders.push(entry.path());
            } else if entry
                .file_name()
                .to_string_lossy()
                .starts_with(".wxwork-migrate-")
            {
                found.push(entry.path());
            }
        }
    }
    found
}

fn interrupt_midway(signal: &str, exit_code: i32) {
    let bin = assert_cmd::cargo::cargo_bin("wxwork-migrate");
    let dir = tree();
    let root = dir.path();
    let child = Command::new(&bin)
        .args(["--write", "--color", "never"])
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Once the first batch is in place, the run is under way and far from done.
    let first = path(root, 0, 0);
    let started = Instant::now();
    while fs::read_to_string(&first).unwrap() != new_text(0, 0) {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no file was ever written"
        );
        sleep(Duration::from_millis(2));
    }
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();

    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(exit_code), "{stderr}");
    let written = count_new(root);
    let total = FOLDERS * FILES_PER_FOLDER;
    assert!(
        0 < written && written < total,
        "{written} of {total} written"
    );
    assert!(
        stderr.contains(&format!("interrupted: {written} files written")),
        "{stderr}"
    );
    assert!(
        stderr.contains("`wxwork-migrate --write` again"),
        "{stderr}"
    );
    assert_eq!(temp_files(root), Vec::<PathBuf>::new());

    let again = Command::new(&bin)
        .arg("--write")
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(count_new(root), total);
}

#[test]
fn ctrl_c_midway_leaves_whole_files_no_temp_files_and_exits_130() {
    interrupt_midway("INT", 130);
}

#[test]
fn sigterm_midway_leaves_whole_files_no_temp_files_and_exits_143() {
    interrupt_midway("TERM", 143);
}
