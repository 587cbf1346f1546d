//! `--output-format`: every format carries the same findings, and the machine-readable ones are
//! valid documents that tools can act on.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const PAGE: &str = "// 登录页\nPage({\n  onLoad() {\n    wx.login({ success: (res) => this.setData({ code: res.code }) })\n    wx.getUserInfo({ success: (res) => this.setData({ user: res.userInfo }) })\n  }\n})\n";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("pages")).unwrap();
    fs::write(dir.path().join("pages/login page.js"), PAGE).unwrap();
    fs::write(
        dir.path().join("pages/local.js"),
        "function f(wx) { wx.login() }\n",
    )
    .unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
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
    )
}

#[test]
fn json_holds_findings_edits_and_summary_and_its_edits_reproduce_write() {
    let dir = project();
    let (code, stdout) = run(dir.path(), &["--check", "--output-format", "json"]);
    assert_eq!(code, Some(1));
    let doc: Value = serde_json::from_str(&stdout).unwrap();

    let findings = doc["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    // Sorted by path, then position: `local.js` before `login page.js`.
    assert_eq!(codes, ["WX301", "WX101", "WX201"]);
    let login = &findings[1];
    assert_eq!(login["path"], "pages/login page.js");
    assert_eq!(login["severity"], "fix");
    assert_eq!(
        login["start"],
        serde_json::json!({ "line": 4, "column": 5 })
    );
    assert_eq!(login["end"]["line"], 4);
    assert_eq!(findings[2]["edits"].as_array().unwrap().len(), 0);
    assert_eq!(doc["summary"]["rewrites"], 1);
    assert_eq!(doc["summary"]["flags"], 1);
    assert_eq!(doc["summary"]["notes"], 1);

    // Applying the byte-range edits gives exactly what --write writes.
    let mut text = PAGE.to_string();
    let mut edits: Vec<&Value> = findings
        .iter()
        .filter(|f| f["path"] == "pages/login page.js")
        .flat_map(|f| f["edits"].as_array().unwrap())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e["range"]["start"].as_u64().unwrap()));
    for edit in edits {
        let start = edit["range"]["start"].as_u64().unwrap() as usize;
        let end = edit["range"]["end"].as_u64().unwrap() as usize;
        assert_eq!(edit["start"]["line"], 4);
        text.replace_range(start..end, edit["content"].as_str().unwrap());
    }
    run(dir.path(), &["--write"]);
    assert_eq!(
        fs::read_to_string(dir.path().join("pages/login page.js")).unwrap(),
        text
    );
}

#[test]
fn github_annotations_one_per_finding() {
    let dir = project();
    let (code, stdout) = run(dir.path(), &["--check", "--output-format", "github"]);
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    let notice = "::notice file=pages/local.js,line=1,col=18,";
    assert!(lines[0].starts_with(notice), "{}", lines[0]);
    let warning = "::warning file=pages/login page.js,line=4,col=5,endLine=4,endColumn=";
    assert!(lines[1].starts_with(warning), "{}", lines[1]);
    assert!(
        lines[1].contains(",title=WX101::wx.login guarded"),
        "{}",
        lines[1]
    );
}

#[test]
fn concise_prints_findings_without_a_diff() {
    let dir = project();
    let (code, stdout) = run(dir.path(), &["--output-format", "concise"]);
    assert_eq!(code, Some(0), "a dry run still exits 0");
    assert!(!stdout.contains("--- a/"), "{stdout}");
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(
        stdout.starts_with("pages/local.js:1:18: WX301 "),
        "{stdout}"
    );
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let dir = project();
    let (_, stdout) = run(dir.path(), &["--check", "--output-format", "sarif"]);
    let log: Value = serde_json::from_str(&stdout).unwrap();

    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-2.1.0-rtm.5.json");
    let schema: Value = serde_json::from_str(&fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(
        !validator.is_valid(&broken),
        "the schema check must be able to fail"
    );

    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["help"]["text"].is_string()));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let fix = &results[1]["fixes"][0]["artifactChanges"][0];
    assert_eq!(fix["artifactLocation"]["uri"], "pages/login%20page.js");
    assert_eq!(
        fix["replacements"][0]["insertedContent"]["text"],
        r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)"#
    );
    assert!(results[2].get("fixes").is_none(), "a flag has no fix");
}

/// Columns count UTF-16 code units, where VS Code (LSP) and SARIF viewers put the cursor: an
/// emoji sequence before a site once made the column a character count, several units short.
#[test]
fn columns_after_an_emoji_sequence_agree_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    // `'👨‍👩‍👧'` is 10 units, and `; ` two more: `wx` starts at unit 13, column 13.
    fs::write(
        dir.path().join("family.js"),
        "'👨‍👩‍👧'; wx.login({ success: onCode })\n",
    )
    .unwrap();

    let (_, concise) = run(dir.path(), &["--check", "--output-format", "concise"]);
    let (_, json) = run(dir.path(), &["--check", "--output-format", "json"]);
    let (_, github) = run(dir.path(), &["--check", "--output-format", "github"]);
    let (_, sarif) = run(dir.path(), &["--check", "--output-format", "sarif"]);

    assert!(concise.starts_with("family.js:1:13: WX101 "), "{concise}");
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["findings"][0]["start"]["column"], 13);
    assert_eq!(json["findings"][0]["edits"][0]["start"]["column"], 13);
    assert!(github.contains("line=1,col=13,"), "{github}");
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let region = &run["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 13, "{region}");
}
