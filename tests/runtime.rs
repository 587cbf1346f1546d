//! Runs the guard fixtures and their migrated output under Node.js, in a mocked WeChat (no
//! `wx.qy`, no `environment`) and a mocked WeCom (`environment: "wxwork"`, `wx.qy.login`), and
//! checks what the output does rather than what it looks like: in WeChat it makes the same
//! login calls as the input; in WeCom it takes the same path as the input but makes every call
//! on `wx.qy`; nothing throws.
//!
//! Each `tests/fixtures/guards/<case>/input.js` runs as a CommonJS module; `mock-wx.js` then
//! calls every function it exports or hands to `Page` / `App` / `Component`.
//!
//! The second test does the same for the `tests/fixtures/compat` fixtures that read
//! `wx.getSystemSetting`, in a WeChat that has every system-info API and a WeCom that lacks the
//! split-out ones: WX103's rewrite must keep WeChat's calls and make WeCom read the same values
//! through `wx.getSystemInfoSync` where the input threw.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use wxwork_migrate::compat::Clients;
use wxwork_migrate::manifest::VueVersion;
use wxwork_migrate::migrate::{migrate_path, Options};
use wxwork_migrate::plan::Guard;

#[derive(Debug, PartialEq, Eq)]
struct Run {
    calls: Vec<String>,
    errors: Vec<String>,
}

/// A fixture's case: the name of the folder its input is in.
fn case_of(input: &Path) -> String {
    let folder = input.parent().and_then(Path::file_name).unwrap();
    folder.to_string_lossy().into_owned()
}

fn node_available() -> bool {
    let found = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "Node.js is needed to run the migrated fixtures, and CI must have it"
        );
        eprintln!("SKIPPED: Node.js not found; the migrated fixtures were not run");
    }
    found
}

fn guard_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guards");
    let mut inputs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path().join("input.js"))
        .filter(|input| input.is_file())
        .collect();
    inputs.sort();
    inputs
}

/// Runs every `(file, runtime, lacking)` job in one Node.js process. With `lacking`, `mock-wx.js`
/// records the system-info APIs (all but the APIs listed) instead of the login APIs.
fn run_all(jobs: &[(PathBuf, &str, Option<&[&str]>)]) -> Vec<Run> {
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/runtime/mock-wx.js");
    let list: Vec<String> = jobs
        .iter()
        .map(|(file, runtime, lacking)| {
            let file = file.display().to_string().replace('\\', "\\\\");
            let lacking = lacking.map_or(String::new(), |names| {
                format!(r#","lacking":{}"#, serde_json::json!(names))
            });
            format!(r#"{{"file":"{file}","runtime":"{runtime}"{lacking}}}"#)
        })
        .collect();
    let mut child = Command::new("node")
        .arg(&harness)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = format!("[{}]", list.join(","));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "the Node.js harness failed");
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let strings = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|result| Run {
            calls: strings(&result["calls"]),
            errors: strings(&result["errors"]),
        })
        .collect()
}

#[test]
fn migrated_guard_fixtures_call_the_right_login_in_wechat_and_wecom() {
    if !node_available() {
        return;
    }
    let scratch = std::env::temp_dir().join(format!("wxwork-runtime-{}", std::process::id()));
    fs::create_dir_all(&scratch).unwrap();
    let guard = Guard::standard();
    let options = Options {
        guard: &guard,
        ignored: &[],
        verify: true,
        targets: Clients::ALL,
        inventory: false,
        module: None,
        vue: VueVersion::default(),
    };
    let inputs = guard_fixtures();
    assert!(
        inputs.len() >= 20,
        "too few guard fixtures: {}",
        inputs.len()
    );
    let mut jobs = Vec::new();
    for input in &inputs {
        let text = fs::read_to_string(input).unwrap();
        let migration = migrate_path(input, &text, &options).unwrap().unwrap();
        let case = input.parent().unwrap().file_name().unwrap();
        let output = scratch.join(case).with_extension("js");
        fs::write(&output, migration.output.unwrap_or(text)).unwrap();
        jobs.push((input.clone(), "wechat", None));
        jobs.push((input.clone(), "wecom", None));
        jobs.push((output.clone(), "wechat", None));
        jobs.push((output, "wecom", None));
    }
    let results = run_all(&jobs);
    fs::remove_dir_all(&scratch).unwrap();
    let mut failures = Vec::new();
    for (input, runs) in inputs.iter().zip(results.chunks(4)) {
        let [before, before_wecom, wechat, wecom] = runs else {
            unreachable!()
        };
        let case = case_of(input);
        // The input's path through WeCom, with every call on `wx.qy`, as migrated code must do.
        let expected_wecom = Run {
            calls: before_wecom
                .calls
                .iter()
                .map(|call| call.replacen("wx.", "wx.qy.", usize::from(!call.contains(".qy."))))
                .collect(),
            errors: Vec::new(),
        };
        if !before.errors.is_empty() || !before_wecom.errors.is_empty() {
            failures.push(format!(
                "{case}: the input itself throws: {:?} {:?}",
                before.errors, before_wecom.errors
            ));
        } else if before.calls.is_empty() || before_wecom.calls.is_empty() {
            failures.push(format!("{case}: the input never calls a login API"));
        } else if wechat != before {
            failures.push(format!(
                "{case}: in WeChat the output does {wechat:?}, the input {before:?}"
            ));
        } else if *wecom != expected_wecom {
            failures.push(format!(
                "{case}: in WeCom the output does {wecom:?}, expected {expected_wecom:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What WeCom lacks of the APIs WeChat split out of `getSystemInfoSync` (its support table; it
/// has `getDeviceInfo` on Android only, and the mock is not Android).
const LACKING_IN_WECOM: [&str; 5] = [
    "getWindowInfo",
    "getAppBaseInfo",
    "getSystemSetting",
    "getAppAuthorizeSetting",
    "getDeviceInfo",
];

/// The compat fixtures that are CommonJS and read `wx.getSystemSetting`, or name it.
fn system_setting_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compat");
    let mut inputs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path().join("input.js"))
        .filter(|input| {
            fs::read_to_string(input).is_ok_and(|text| text.contains("getSystemSetting"))
        })
        .collect();
    inputs.sort();
    inputs
}

/// The run's calls without the checks the rewrite adds: `wx.getSystemInfoSync()` followed by
/// a read of its `environment` only picks the API, and reads nothing the page uses.
fn without_checks(run: &Run) -> Run {
    let mut calls = Vec::new();
    let mut rest = run.calls.iter().peekable();
    while let Some(call) = rest.next() {
        let check = call == "wx.getSystemInfoSync()"
            && rest
                .peek()
                .is_some_and(|next| next.starts_with("getSystemInfoSync().environment ->"));
        if check {
            rest.next();
        } else {
            calls.push(call.clone());
        }
    }
    Run {
        calls,
        errors: run.errors.clone(),
    }
}

#[test]
fn migrated_system_setting_reads_the_same_values_in_wechat_and_wecom() {
    if !node_available() {
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let guard = Guard::standard();
    let options = Options {
        guard: &guard,
        ignored: &[],
        verify: true,
        targets: Clients::ALL,
        inventory: false,
        module: None,
        vue: VueVersion::default(),
    };
    let inputs = system_setting_fixtures();
    assert!(inputs.len() >= 5, "too few fixtures: {}", inputs.len());
    let everything: &[&str] = &[];
    let all_missing: &[&str] = &LACKING_IN_WECOM;
    // The reference for WeCom: as if it had getSystemSetting, so that the input runs to the end.
    let but_setting: Vec<&str> = LACKING_IN_WECOM
        .into_iter()
        .filter(|&name| name != "getSystemSetting")
        .collect();
    let mut jobs = Vec::new();
    let mut rewritten = Vec::new();
    for input in &inputs {
        let text = fs::read_to_string(input).unwrap();
        let migration = migrate_path(input, &text, &options).unwrap().unwrap();
        rewritten.push(migration.output.is_some());
        let case = input.parent().unwrap().file_name().unwrap();
        let output = scratch.path().join(case).with_extension("js");
        fs::write(&output, migration.output.unwrap_or(text)).unwrap();
        jobs.push((input.clone(), "wechat", Some(everything)));
        jobs.push((output.clone(), "wechat", Some(everything)));
        jobs.push((input.clone(), "wecom", Some(all_missing)));
        jobs.push((output, "wecom", Some(all_missing)));
        jobs.push((input.clone(), "wecom", Some(&but_setting[..])));
    }
    let results = run_all(&jobs);
    let mut failures = Vec::new();
    for ((input, runs), rewritten) in inputs.iter().zip(results.chunks(5)).zip(rewritten) {
        let [wechat_in, wechat_out, wecom_in, wecom_out, reference] = runs else {
            unreachable!()
        };
        let case = case_of(input);
        let throws = |run: &Run| {
            run.errors
                .iter()
                .any(|error| error.contains("getSystemSetting is not a function"))
        };
        // WeCom reads through getSystemInfoSync what the reference read through getSystemSetting.
        let expected_wecom = Run {
            calls: without_checks(reference)
                .calls
                .iter()
                .map(|call| call.replace("getSystemSetting", "getSystemInfoSync"))
                .collect(),
            errors: reference.errors.clone(),
        };
        if !wechat_in.errors.is_empty() {
            failures.push(format!(
                "{case}: the input throws in WeChat: {:?}",
                wechat_in.errors
            ));
        } else if without_checks(wechat_out) != without_checks(wechat_in) {
            failures.push(format!(
                "{case}: in WeChat the output does {wechat_out:?}, the input {wechat_in:?}"
            ));
        } else if !rewritten {
            // Nothing to rewrite: the fixture must not reach getSystemSetting in WeCom either.
            if throws(wecom_in) {
                failures.push(format!(
                    "{case}: left alone, yet throws in WeCom: {wecom_in:?}"
                ));
            }
        } else if !wechat_in
            .calls
            .iter()
            .any(|call| call.starts_with("getSystemSetting()."))
        {
            failures.push(format!(
                "{case}: the input reads no field of getSystemSetting"
            ));
        } else if !throws(wecom_in) {
            failures.push(format!(
                "{case}: the input does not throw in WeCom, so the rewrite proves nothing: {wecom_in:?}"
            ));
        } else if without_checks(wecom_out) != expected_wecom {
            failures.push(format!(
                "{case}: in WeCom the output does {wecom_out:?}, expected {expected_wecom:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
