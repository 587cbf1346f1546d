//! A file's report as the WASI journal keeps it (see `crate::crash`).

use serde_json::{json, Value};

use super::file::{FileReport, Located, LocatedEdit};
use crate::compat::{self, Row};
use crate::crash::Record;
use crate::diagnostic::Code;

fn position(at: Option<(usize, usize)>) -> Value {
    at.map_or(Value::Null, |(line, col)| json!([line, col]))
}

fn unposition(value: &Value) -> Option<(usize, usize)> {
    let pair = value.as_array()?;
    Some((
        pair.first()?.as_u64()? as usize,
        pair.get(1)?.as_u64()? as usize,
    ))
}

impl Record for FileReport {
    /// A `--write` report (never one with stdout, which only dry runs and stdin have).
    fn encode(&self) -> Value {
        let findings: Vec<Value> = self
            .findings
            .iter()
            .map(|finding| {
                let edits: Vec<Value> = finding
                    .edits
                    .iter()
                    .map(|edit| {
                        json!([
                            edit.range.start,
                            edit.range.end,
                            edit.content,
                            position(Some(edit.start)),
                            position(Some(edit.end))
                        ])
                    })
                    .collect();
                json!([
                    finding.code.as_str(),
                    position(finding.position),
                    position(finding.end),
                    finding.message,
                    edits,
                    finding.subject.map(Row::shown)
                ])
            })
            .collect();
        json!({
            "display": self.display,
            "findings": findings,
            "changed": self.changed,
            "parsed": self.parsed,
            "usesModule": self.uses_module,
        })
    }

    fn decode(record: &Value) -> FileReport {
        let findings = record["findings"].as_array().into_iter().flatten();
        FileReport {
            display: record["display"].as_str().unwrap_or_default().to_string(),
            findings: findings
                .filter_map(|finding| {
                    let code = Code::ALL
                        .into_iter()
                        .find(|code| finding[0].as_str() == Some(code.as_str()))?;
                    let edits = finding[4].as_array().into_iter().flatten();
                    Some(Located {
                        code,
                        position: unposition(&finding[1]),
                        end: unposition(&finding[2]),
                        message: finding[3].as_str().unwrap_or_default().to_string(),
                        edits: edits
                            .filter_map(|edit| {
                                Some(LocatedEdit {
                                    range: edit[0].as_u64()? as usize..edit[1].as_u64()? as usize,
                                    content: edit[2].as_str()?.to_string(),
                                    start: unposition(&edit[3])?,
                                    end: unposition(&edit[4])?,
                                })
                            })
                            .collect(),
                        subject: finding[5].as_str().and_then(compat::by_shown),
                    })
                })
                .collect(),
            stdout: None,
            changed: record["changed"].as_bool().unwrap_or_default(),
            parsed: record["parsed"].as_bool().unwrap_or_default(),
            // `--readiness`, the only run that lists them, never writes.
            uses: Vec::new(),
            uses_module: record["usesModule"].as_bool().unwrap_or_default(),
        }
    }
}
