//! Machine-readable renderings of findings: GitHub Actions annotations, one JSON document, and
//! SARIF 2.1.0 for code-scanning dashboards.

use serde_json::{json, Value};

use super::file::{Located, LocatedEdit};
use super::summary::Summary;
use crate::diagnostic::{Code, Severity};
use crate::discover::with_slashes;

/// `::warning file=...,line=...,col=...,title=CODE::message`, which GitHub Actions turns into
/// an annotation on the pull request.
pub fn github_annotation(path: &str, finding: &Located) -> String {
    let level = match finding.severity() {
        Severity::Error => "error",
        Severity::Warning | Severity::Fix => "warning",
        Severity::Note => "notice",
    };
    let mut properties = format!("file={}", escape_property(path));
    if let (Some((line, col)), Some((end_line, end_col))) = (finding.position, finding.end) {
        properties.push_str(&format!(
            ",line={line},col={col},endLine={end_line},endColumn={end_col}"
        ));
    }
    properties.push_str(&format!(",title={}", finding.code));
    format!("::{level} {properties}::{}", escape_data(&finding.message))
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn position(point: (usize, usize)) -> Value {
    json!({ "line": point.0, "column": point.1 })
}

fn json_edit(edit: &LocatedEdit) -> Value {
    json!({
        "range": { "start": edit.range.start, "end": edit.range.end },
        "content": edit.content,
        "start": position(edit.start),
        "end": position(edit.end),
    })
}

/// One document with every finding, its edits, and the summary.
pub fn json_document(files: &[(String, Vec<Located>)], summary: &Summary) -> Value {
    let findings: Vec<Value> = files
        .iter()
        .flat_map(|(path, findings)| findings.iter().map(move |f| (path, f)))
        .map(|(path, finding)| {
            json!({
                "code": finding.code.as_str(),
                "severity": finding.severity().as_str(),
                "message": finding.message,
                "path": path,
                "start": finding.position.map(position),
                "end": finding.end.map(position),
                "edits": finding.edits.iter().map(json_edit).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "findings": findings,
        "summary": {
            "files": summary.files,
            "parsed": summary.parsed,
            "changed": summary.changed,
            "rewrites": summary.rewrites,
            "flags": summary.flags,
            "notes": summary.notes,
            "errors": summary.errors,
        },
    })
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning | Severity::Fix => "warning",
        Severity::Note => "note",
    }
}

fn region(start: (usize, usize), end: (usize, usize)) -> Value {
    json!({
        "startLine": start.0,
        "startColumn": start.1,
        "endLine": end.0,
        "endColumn": end.1,
    })
}

/// A relative path as a URI reference: separators as `/`, everything outside the unreserved set
/// escaped.
fn uri(path: &str) -> String {
    let path = with_slashes(path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A SARIF 2.1.0 log with one run: the rules, and one result a finding, with its fix as
/// `artifactChanges`. Columns count Unicode code points, as the tool's do.
pub fn sarif_document(files: &[(String, Vec<Located>)]) -> Value {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "shortDescription": { "text": code.summary() },
                "help": { "text": crate::t!("sarif-rule-help", summary = code.summary(), code = code) },
                "defaultConfiguration": { "level": sarif_level(code.severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for (path, findings) in files {
        let artifact = json!({ "uri": uri(path) });
        for finding in findings {
            let rule_index = Code::ALL.iter().position(|c| *c == finding.code);
            let mut result = json!({
                "ruleId": finding.code.as_str(),
                "ruleIndex": rule_index,
                "level": sarif_level(finding.severity()),
                "message": { "text": finding.message },
            });
            let mut location = json!({ "physicalLocation": { "artifactLocation": artifact } });
            if let (Some(start), Some(end)) = (finding.position, finding.end) {
                location["physicalLocation"]["region"] = region(start, end);
            }
            result["locations"] = json!([location]);
            if !finding.edits.is_empty() {
                let replacements: Vec<Value> = finding
                    .edits
                    .iter()
                    .map(|edit| {
                        json!({
                            "deletedRegion": region(edit.start, edit.end),
                            "insertedContent": { "text": edit.content },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": finding.message },
                    "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }],
                }]);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "wxwork-migrate",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_escape_their_fields() {
        let finding = Located::at(Code::GetUserInfo, Some((3, 5)), "50% done,\nnext");
        assert_eq!(
            github_annotation("pages/a,b.js", &finding),
            "::warning file=pages/a%2Cb.js,line=3,col=5,endLine=3,endColumn=5,title=WX201::50%25 done,%0Anext"
        );
    }

    #[test]
    fn uris_escape_spaces_and_non_ascii() {
        assert_eq!(uri("pages 页/a.js"), "pages%20%E9%A1%B5/a.js");
    }
}
