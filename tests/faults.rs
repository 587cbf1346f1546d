//! Faults during `--write`: a run killed at random moments, and a write that fails. Every file
//! must end up entirely old or entirely new, and the next run must leave no temp files behind.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::Duration;

const GUARD: &str = r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)"#;
const FILES: usize = 300;

fn old_text(i: usize) -> String {
    let filler = "// 订单列表页的辅助逻辑\nfunction noop() {}\n".repeat(i % 40);
    format!("{filler}Page({{\n  onLoad() {{\n    wx.login({{ success: (res) => this.setData({{ code: res.code, page: {i} }}) }});\n  }}\n}});\n")
}

fn new_text(i: usize) -> String {
    old_text(i).replace("wx.login(", &format!("{GUARD}.login("))
}

fn reset(dir: &Path) {
    for i in 0..FILES {
        fs::write(dir.join(format!("p{i:03}.js")), old_text(i)).unwrap();
    }
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".wxwork-migrate-"))
        .collect()
}

/// xorshift: varied kill moments, the same ones every run.
fn delays(seed: u64, count: usize, max_micros: u64) -> Vec<u64> {
    let mut state = seed;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % max_micros
        })
        .collect()
}

#[test]
fn a_killed_write_leaves_every_file_old_or_new_and_the_next_run_cleans_up() {
    let bin = assert_cmd::cargo::cargo_bin("wxwork-migrate");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut killed_midway = 0;

    // Calibrate: how long a whole run takes here, so kills land inside it.
    reset(root);
    let started = std::time::Instant::now();
    let status = Command::new(&bin)
        .arg("--write")
        .current_dir(root)
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    let full_run = started.elapsed().as_micros() as u64;

    // 40 kills, and more (up to 200) until one lands between two of `--write`'s batches of
    // renames: a short window, which a busy or an idle machine may miss 40 times in a row.
    let mut kills = 0;
    for delay in delays(0x5eed, 200, full_run.max(1_000)) {
        if kills >= 40 && killed_midway > 0 {
            break;
        }
        kills += 1;
        reset(root);
        let mut child = Command::new(&bin)
            .args(["--write", "--jobs", "2"])
            .current_dir(root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        sleep(Duration::from_micros(delay));
        child.kill().unwrap();
        child.wait().unwrap();

        let mut changed = 0;
        for i in 0..FILES {
            let text = fs::read_to_string(root.join(format!("p{i:03}.js"))).unwrap();
            assert!(
                text == old_text(i) || text == new_text(i),
                "p{i:03}.js is neither old nor new after a kill at {delay}µs:\n{text}"
            );
            changed += usize::from(text == new_text(i));
        }
        killed_midway += usize::from(changed > 0 && changed < FILES);
    }
    assert!(
        killed_midway > 0,
        "none of {kills} kills landed in the middle of a run"
    );
    eprintln!("{killed_midway} of {kills} kills landed in the middle of a run");

    fs::write(root.join(".wxwork-migrate-stale.tmp"), "partial").unwrap();
    fs::write(
        root.join(".wxwork-migrate-notes.txt"),
        "the user's own file",
    )
    .unwrap();
    let status = Command::new(&bin)
        .arg("--write")
        .current_dir(root)
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    assert_eq!(
        temp_files(root),
        vec![".wxwork-migrate-notes.txt".to_string()]
    );
    for i in 0..FILES {
        assert_eq!(
            fs::read_to_string(root.join(format!("p{i:03}.js"))).unwrap(),
            new_text(i)
        );
    }
}

#[test]
fn a_failed_write_keeps_the_original_and_the_run_goes_on() {
    let bin = assert_cmd::cargo::cargo_bin("wxwork-migrate");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Over the file size limit set below once rewritten: its write fails like a full disk.
    let big = format!("{}wx.login({{}});\n", "// padding\n".repeat(2_000));
    fs::write(root.join("big.js"), &big).unwrap();
    fs::write(root.join("small.js"), "wx.login({});\n").unwrap();

    // RLIMIT_FSIZE makes writes past 16 KiB fail with EFBIG; SIGXFSZ is ignored so that the
    // failure reaches the tool as an error instead of killing it.
    let script = format!(
        "trap '' XFSZ; ulimit -f 16; exec '{}' --write",
        bin.display()
    );
    let output = Command::new("bash")
        .args(["-c", &script])
        .current_dir(root)
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("big.js: error: WX904 not written: "),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(root.join("big.js")).unwrap(), big);
    let small = fs::read_to_string(root.join("small.js")).unwrap();
    assert_eq!(small, format!("{GUARD}.login({{}});\n"));
    assert!(temp_files(root).is_empty(), "{:?}", temp_files(root));
}

#[test]
#[cfg(unix)]
fn a_hard_linked_file_is_refused_at_both_ends_and_the_run_goes_on() {
    use std::os::unix::fs::MetadataExt;
    let bin = assert_cmd::cargo::cargo_bin("wxwork-migrate");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("pages/index")).unwrap();
    fs::create_dir_all(root.join("backup")).unwrap();
    let page = root.join("pages/index/index.js");
    let backup = root.join("backup/index.js");
    fs::write(&page, old_text(1)).unwrap();
    fs::hard_link(&page, &backup).unwrap();
    fs::write(root.join("app.js"), old_text(2)).unwrap();

    let output = Command::new(&bin)
        .arg("--write")
        .current_dir(root)
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    for end in ["pages/index/index.js", "backup/index.js"] {
        assert!(
            stderr.contains(&format!(
                "{end}: error: WX904 not written: the file has 2 hard links"
            )),
            "{stderr}"
        );
    }
    assert_eq!(fs::read_to_string(&backup).unwrap(), old_text(1));
    assert_eq!(
        fs::metadata(&page).unwrap().ino(),
        fs::metadata(&backup).unwrap().ino()
    );
    assert_eq!(
        fs::read_to_string(root.join("app.js")).unwrap(),
        new_text(2)
    );
}
