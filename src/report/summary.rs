//! The totals of a run, for the summary line, `--statistics` and the next steps.

use std::collections::BTreeMap;

use super::file::FileReport;
use crate::diagnostic::{Code, Severity};

/// Totals for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub parsed: usize,
    pub changed: usize,
    pub rewrites: usize,
    pub flags: usize,
    pub notes: usize,
    pub errors: usize,
    /// Findings per code, in [`Code::ALL`]'s order: for `--statistics` and the next steps.
    pub by_code: [usize; Code::ALL.len()],
    /// Findings per code and API or component of WeCom's table, for `--statistics`.
    pub by_subject: BTreeMap<(Code, String), usize>,
}

impl Summary {
    pub fn count(&self, code: Code) -> usize {
        self.by_code[code as usize]
    }

    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.parsed += usize::from(report.parsed);
        self.changed += usize::from(report.changed);
        for finding in &report.findings {
            self.by_code[finding.code as usize] += 1;
            if let Some(row) = finding.subject {
                *self
                    .by_subject
                    .entry((finding.code, row.shown()))
                    .or_default() += 1;
            }
            match finding.severity() {
                Severity::Fix => self.rewrites += 1,
                Severity::Warning => self.flags += 1,
                Severity::Note => self.notes += 1,
                Severity::Error => self.errors += 1,
            }
        }
    }
}
