//! What WeCom lacks, as a user meets it: the clients to target (flag and configuration), the
//! readiness report in text and JSON, `--statistics` per API, and `explain`'s sources.

mod common;

use common::run::{err, out, run, run_zh, write};

/// A page that uses an API no WeCom client has, one only WeCom's phones have, one WeCom
/// lacks on Windows only, and a component only the phones have.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pages/index/index.js",
        "Page({\n  onLoad() {\n    const { windowWidth } = wx.getWindowInfo()\n    wx.getSystemInfoAsync({ success: (info) => this.setData({ info }) })\n    wx.openSetting({})\n    this.setData({ windowWidth })\n  }\n})\n",
    );
    write(
        dir.path(),
        "pages/index/index.wxml",
        "<view>\n  <page-container show=\"{{ show }}\"></page-container>\n</view>\n",
    );
    dir
}

fn codes(text: &str) -> Vec<&str> {
    let mut codes: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split(' ').nth(1))
        .filter(|code| code.starts_with("WX"))
        .collect();
    codes.sort();
    codes
}

#[test]
fn every_client_is_a_target_by_default() {
    let dir = project();
    let output = run(dir.path(), &["--check", "."]);
    assert_eq!(output.status.code(), Some(1), "{}", err(&output));
    assert_eq!(codes(&out(&output)), ["WX501", "WX502", "WX502", "WX503"]);
    assert!(
        out(&output).contains("wx.getSystemInfoAsync is missing in WeCom on Windows, Mac"),
        "{}",
        out(&output)
    );
}

#[test]
fn targets_leave_out_what_only_other_clients_lack() {
    let dir = project();
    let phones = run(dir.path(), &["--check", "--targets", "ios,android", "."]);
    assert_eq!(codes(&out(&phones)), ["WX501"], "{}", out(&phones));
    assert_eq!(phones.status.code(), Some(1));

    let mac = run(dir.path(), &["--check", "--targets", "macOS", "."]);
    assert_eq!(
        codes(&out(&mac)),
        ["WX501", "WX502", "WX503"],
        "{}",
        out(&mac)
    );
    assert!(out(&mac).contains("on Mac ("), "{}", out(&mac));
}

#[test]
fn the_configuration_sets_targets_and_the_flag_wins() {
    let dir = project();
    write(
        dir.path(),
        "wxwork-migrate.toml",
        "targets = [\"ios\", \"android\"]\n",
    );
    let configured = run(dir.path(), &["--check", "."]);
    assert_eq!(codes(&out(&configured)), ["WX501"], "{}", out(&configured));
    let flagged = run(dir.path(), &["--check", "--targets", "windows", "."]);
    assert_eq!(
        codes(&out(&flagged)),
        ["WX501", "WX502", "WX502", "WX503"],
        "{}",
        out(&flagged)
    );
}

#[test]
fn an_unknown_client_is_an_error_naming_where_it_was_written() {
    let dir = project();
    let flag = run(dir.path(), &["--check", "--targets", "ios,harmony", "."]);
    assert_eq!(flag.status.code(), Some(2));
    assert!(
        err(&flag).contains("unknown WeCom client `harmony`"),
        "{}",
        err(&flag)
    );

    write(
        dir.path(),
        "wxwork-migrate.toml",
        "exclude = []\ntargets = [\"pc\"]\n",
    );
    let configured = run(dir.path(), &["--check", "."]);
    assert_eq!(configured.status.code(), Some(2));
    assert!(
        err(&configured).contains("wxwork-migrate.toml:2: targets: unknown WeCom client `pc`"),
        "{}",
        err(&configured)
    );
}

#[test]
fn readiness_lists_each_api_and_component_under_what_the_tables_say() {
    let dir = project();
    let output = run(dir.path(), &["--readiness", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    let section = |heading: &str| -> Vec<String> {
        let start = text
            .find(&format!("\n{heading} ("))
            .unwrap_or_else(|| panic!("no {heading:?} in {text}"));
        text[start + 1..]
            .lines()
            .skip(1)
            .take_while(|line| line.starts_with("  "))
            .map(|line| line.split_whitespace().next().unwrap().to_string())
            .collect()
    };
    assert_eq!(section("Missing in WeCom"), ["wx.getWindowInfo"]);
    assert_eq!(
        section("Missing on some targeted WeCom clients"),
        [
            "<page-container>",
            "wx.getSystemInfoAsync",
            "wx.openSetting"
        ]
    );
    assert_eq!(section("Supported"), ["<view>"]);
    assert!(text.contains("pages/index/index.wxml"), "{text}");

    write(
        dir.path(),
        "app.js",
        "App({ onLaunch() { wx.login({ success: (res) => this.exchange(res.code) }) } })\n",
    );
    let with_login = out(&run(dir.path(), &["--readiness", "."]));
    assert!(
        with_login.contains("Different in WeCom (1)\n  wx.login  WX101 "),
        "{with_login}"
    );

    let phones = out(&run(
        dir.path(),
        &["--readiness", "--targets", "android", "."],
    ));
    assert!(!phones.contains("Missing on some"), "{phones}");
    assert!(phones.contains("for WeCom on Android"), "{phones}");
}

#[test]
fn readiness_in_json_names_the_standing_clients_and_files() {
    let dir = project();
    let output = run(
        dir.path(),
        &[
            "--readiness",
            "--output-format",
            "json",
            "--targets",
            "windows,ios",
            ".",
        ],
    );
    let document: serde_json::Value = serde_json::from_str(&out(&output)).unwrap();
    let readiness = &document["readiness"];
    assert_eq!(readiness["targets"], serde_json::json!(["windows", "ios"]));
    assert_eq!(readiness["tableDate"], "2022-06-10");
    let used = readiness["used"].as_array().unwrap();
    let entry = |name: &str| {
        used.iter()
            .find(|entry| entry["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {used:?}"))
    };
    let window = entry("wx.getWindowInfo");
    assert_eq!(window["standing"], "missing");
    assert_eq!(window["status"], "no");
    assert_eq!(window["files"], serde_json::json!(["pages/index/index.js"]));
    let setting = entry("wx.openSetting");
    assert_eq!(setting["standing"], "missing-on-some");
    assert_eq!(setting["missingOn"], serde_json::json!(["windows"]));
    assert_eq!(readiness["headings"]["missing"], "Missing in WeCom");
    assert_eq!(entry("wx.getWindowInfo")["code"], serde_json::Value::Null);
    // The findings are in the same document.
    let findings = document["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["code"] == "WX501"),
        "{findings:?}"
    );
}

#[test]
fn readiness_is_in_chinese_too() {
    let dir = project();
    let text = out(&run_zh(dir.path(), &["--readiness", "."]));
    assert!(text.contains("企业微信不支持 (1)"), "{text}");
    let json = out(&run_zh(
        dir.path(),
        &["--readiness", "--output-format", "json", "."],
    ));
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        document["readiness"]["headings"]["missing"],
        "企业微信不支持"
    );
    assert!(text.contains("Windows、Mac 端不支持"), "{text}");
}

#[test]
fn statistics_count_per_api_under_each_code() {
    let dir = project();
    write(
        dir.path(),
        "pages/other/other.js",
        "Page({ onShow() { wx.getWindowInfo(); wx.getWindowInfo() } })\n",
    );
    let text = out(&run(dir.path(), &["--check", "--statistics", "."]));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("3  WX501"))
        .unwrap();
    assert_eq!(lines[at + 1], "3  wx.getWindowInfo", "{text}");
    let at = lines
        .iter()
        .position(|l| l.starts_with("2  WX502"))
        .unwrap();
    assert_eq!(
        &lines[at + 1..at + 3],
        ["1  wx.getSystemInfoAsync", "1  wx.openSetting"],
        "{text}"
    );
}

#[test]
fn explain_gives_the_tables_source_and_date() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["WX501", "WX502", "WX503", "WX103"] {
        let text = out(&run(dir.path(), &["explain", code]));
        assert!(text.contains("last updated 2022-06-10"), "{code}: {text}");
        assert!(
            text.contains("https://developer.work.weixin.qq.com/document/path/91503"),
            "{code}: {text}"
        );
    }
    let login = out(&run(dir.path(), &["explain", "WX101"]));
    assert!(!login.contains("91503"), "{login}");
}
