//! Suppression comments: `// wxwork-migrate-ignore` leaves the sites of one line alone: its own
//! line when code comes before it (`wx.login() // wxwork-migrate-ignore`, as eslint and ruff
//! read a trailing comment) or after it, else the next line. Optionally with codes and a reason:
//! `// wxwork-migrate-ignore WX201: ported by hand in utils/profile.js`. A line of a JSDoc-style
//! block (` * wxwork-migrate-ignore`) counts too. A suppression that suppresses nothing is
//! reported, as ruff's RUF100 does, so stale ones do not pile up; one that names a code that
//! does not exist is an error, since its writer meant something the tool cannot tell.

use std::ops::Range;

use swc_common::comments::Comment;

use crate::diagnostic::{Code, Finding};
use crate::parse::range_of;
use crate::source::LineIndex;
use crate::t;

pub const MARKER: &str = "wxwork-migrate-ignore";

/// One suppression comment.
#[derive(Debug)]
struct Suppression {
    range: Range<usize>,
    /// The line whose sites it leaves alone.
    line: usize,
    /// Empty: every code.
    codes: Vec<Code>,
    /// Words written as codes that name none (`WX10l`, `wx101`, `WX999`).
    unknown: Vec<String>,
    used: bool,
}

impl Suppression {
    fn parse(comment: &Comment, index: &LineIndex) -> Option<Suppression> {
        // In a block comment the marker may start any line, after JSDoc's `*`.
        let rest = comment.text.lines().find_map(|line| {
            let line = line.trim_start().trim_start_matches('*').trim_start();
            line.strip_prefix(MARKER)
        })?;
        // `wxwork-migrate-ignored` is another word, not the marker.
        if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
            return None;
        }
        // Codes come first; the first word that is not one starts the reason.
        let mut codes = Vec::new();
        let mut unknown = Vec::new();
        let words = rest.split([' ', ',', ':', '\t']).filter(|w| !w.is_empty());
        for word in words.take_while(|w| looks_like_code(w)) {
            match Code::ALL.iter().find(|code| code.as_str() == word) {
                Some(code) => codes.push(*code),
                None => unknown.push(word.to_string()),
            }
        }
        let range = range_of(comment.span);
        let (end_line, _) = index.line_col(range.end.saturating_sub(1));
        let line = match index.surroundings(range.clone()) {
            // A JSX comment, `{/* ... */}`, stands on its own line like any other.
            ("{", "}") | ("", "") => end_line + 1,
            ("", _) => end_line,
            _ => index.line_col(range.start).0,
        };
        Some(Suppression {
            line,
            range,
            codes,
            unknown,
            used: false,
        })
    }

    /// A suppression with an unknown code holds back its whole line: what its writer meant
    /// cannot be told, and a rewrite against it would be worse than none.
    fn covers(&self, finding: &Finding, line: usize) -> bool {
        line == self.line
            && (self.codes.is_empty()
                || !self.unknown.is_empty()
                || self.codes.contains(&finding.code))
    }
}

/// A word meant as a code: `WX` in either case, then letters and digits with at least one digit,
/// so that a misspelt code is caught rather than read as the start of the reason.
fn looks_like_code(word: &str) -> bool {
    word.len() >= 3
        && word.as_bytes()[..2].eq_ignore_ascii_case(b"wx")
        && word.bytes().all(|b| b.is_ascii_alphanumeric())
        && word.bytes().any(|b| b.is_ascii_digit())
}

/// Drops the findings (and so their edits) that a suppression comment covers, and adds a
/// finding for each suppression that covers nothing or names an unknown code.
pub fn apply(findings: &mut Vec<Finding>, comments: &[Comment], index: &LineIndex) {
    let mut suppressions: Vec<Suppression> = comments
        .iter()
        .filter_map(|comment| Suppression::parse(comment, index))
        .collect();
    if suppressions.is_empty() {
        return;
    }
    findings.retain(|finding| {
        let line = index.line_col(finding.range.start).0;
        match suppressions.iter_mut().find(|s| s.covers(finding, line)) {
            Some(suppression) => {
                suppression.used = true;
                false
            }
            None => true,
        }
    });
    for suppression in suppressions {
        let (code, message) = if !suppression.unknown.is_empty() {
            let codes = suppression.unknown.join(", ");
            (
                Code::BadSuppression,
                t!("suppression-unknown-code", codes = codes),
            )
        } else if !suppression.used {
            (Code::UnusedSuppression, t!("suppression-unused"))
        } else {
            continue;
        };
        findings.push(Finding::new(code, suppression.range, message));
    }
    findings.sort_by_key(|f| (f.range.start, f.code));
}
