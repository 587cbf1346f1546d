//! What one file contributes to the output: its findings with positions people read, and what
//! it puts on stdout.

use std::ops::Range;

use crate::compat::{Row, Use};
use crate::diagnostic::{Code, Finding, Severity};
use crate::source::LineIndex;

/// A finding with its positions resolved for people: 1-based line and column, the column in
/// UTF-16 code units (see [`LineIndex`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub code: Code,
    /// Start; `None` for errors about a whole file (it could not be read).
    pub position: Option<(usize, usize)>,
    pub end: Option<(usize, usize)>,
    pub message: String,
    pub edits: Vec<LocatedEdit>,
    /// The API or component of WeCom's support table the finding is about.
    pub subject: Option<&'static Row>,
}

/// An edit with both its byte range, for tools that apply it, and its line and column, for
/// people and editors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedEdit {
    pub range: Range<usize>,
    pub content: String,
    pub start: (usize, usize),
    pub end: (usize, usize),
}

impl Located {
    /// A finding about a point in a file (or, without a position, the whole file), with no fix.
    pub fn at(code: Code, position: Option<(usize, usize)>, message: impl Into<String>) -> Located {
        Located {
            code,
            position,
            end: position,
            message: message.into(),
            edits: Vec::new(),
            subject: None,
        }
    }

    pub fn resolve(finding: &Finding, index: &LineIndex) -> Located {
        Located {
            code: finding.code,
            position: Some(index.line_col(finding.range.start)),
            end: Some(index.line_col(finding.range.end)),
            message: finding.message.clone(),
            edits: finding
                .edits
                .iter()
                .map(|edit| LocatedEdit {
                    range: edit.range.clone(),
                    content: edit.content.clone(),
                    start: index.line_col(edit.range.start),
                    end: index.line_col(edit.range.end),
                })
                .collect(),
            subject: finding.subject,
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

/// What one file contributes to the output, ready to print.
#[derive(Debug, Default)]
pub struct FileReport {
    /// The path as the user should see it, relative to the current folder where possible.
    pub display: String,
    pub findings: Vec<Located>,
    /// What this file puts on stdout in the text format.
    pub stdout: Option<Stdout>,
    /// The file's text changes (was written, or would be).
    pub changed: bool,
    /// The file was parsed (not skipped by the byte prefilter).
    pub parsed: bool,
    /// The APIs and components it uses, for `--readiness`.
    pub uses: Vec<Use>,
    /// Its new text imports its project's WeCom module.
    pub uses_module: bool,
}

/// A file's contribution to stdout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stdout {
    /// The unified diff of the pending change (dry run).
    Diff(String),
    /// The whole resulting text (`--stdin-filename`, for editors and scripts).
    Source(Vec<u8>),
}
