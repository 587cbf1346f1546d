//! Suppression comments: `// wxwork-migrate-ignore` on the line before a site leaves that site
//! alone. Optionally with codes and a reason:
//! `// wxwork-migrate-ignore WX201: ported by hand in utils/profile.js`. A suppression that
//! suppresses nothing is reported, as ruff's RUF100 does, so stale ones do not pile up.

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
    /// The line the comment ends on; it applies to sites on the next line.
    line: usize,
    /// Empty: every code.
    codes: Vec<Code>,
    unknown: Vec<String>,
    used: bool,
}

impl Suppression {
    fn parse(comment: &Comment, index: &LineIndex) -> Option<Suppression> {
        let rest = comment.text.trim().strip_prefix(MARKER)?;
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
        Some(Suppression {
            line: index.line_col(range.end.saturating_sub(1)).0,
            range,
            codes,
            unknown,
            used: false,
        })
    }

    fn covers(&self, finding: &Finding, line: usize) -> bool {
        line == self.line + 1 && (self.codes.is_empty() || self.codes.contains(&finding.code))
    }
}

fn looks_like_code(word: &str) -> bool {
    word.len() == 5 && word.starts_with("WX") && word[2..].bytes().all(|b| b.is_ascii_digit())
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
        let message = if !suppression.unknown.is_empty() {
            t!(
                "suppression-unknown-code",
                codes = suppression.unknown.join(", ")
            )
        } else if !suppression.used {
            t!("suppression-unused")
        } else {
            continue;
        };
        findings.push(Finding::new(
            Code::UnusedSuppression,
            suppression.range,
            message,
        ));
    }
    findings.sort_by_key(|f| (f.range.start, f.code));
}
