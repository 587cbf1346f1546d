//! Everything the user reads: the diff on stdout, findings and the summary. Workers never print;
//! they hand finished [`FileReport`]s to one [`Printer`], in path order, so output never depends
//! on thread timing.

mod diff;
mod file;
mod formats;
#[cfg(target_os = "wasi")]
mod journal;
mod readiness;
mod summary;
mod text;

use std::io::{self, Write};
use std::path::{Component, Path};
use std::time::Duration;

use text::{write_diff, write_finding};

use crate::compat::Clients;
use crate::diagnostic::{Code, Severity};
use crate::settings::{Mode, OutputFormat};
use crate::t;

pub use diff::{new_file_diff, unified_diff};
pub use file::{FileReport, Located, LocatedEdit, Stdout};
pub use summary::Summary;

/// What a run lists: the findings (and, in a dry run, the diff), or only the names of the files
/// that change (`-l`), or only a count per code (`--statistics`). Errors are always shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    Findings,
    FileNames,
    Statistics,
    /// Every API and component used, with WeCom's support for it (`--readiness`).
    Readiness,
}

pub struct Printer<O: Write, E: Write> {
    mode: Mode,
    format: OutputFormat,
    listing: Listing,
    /// Findings kept for formats that print one document at the end.
    collected: Vec<(String, Vec<Located>)>,
    /// For `--readiness`: each API and component used, and the files that use it.
    used: readiness::Inventory,
    /// The readiness report for the JSON document.
    readiness: Option<serde_json::Value>,
    out: Sink<O>,
    err: Sink<E>,
    out_color: bool,
    err_color: bool,
    /// Whether a diff printed names a file outside the current folder.
    diff_leaves_folder: bool,
}

/// An output stream that a closed pipe silences instead of failing: `--write | head` must still
/// write every file, and `--check | head` must still exit 1.
struct Sink<W: Write> {
    w: W,
    closed: bool,
}

impl<W: Write> Sink<W> {
    fn emit(&mut self, f: impl FnOnce(&mut W) -> io::Result<()>) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match f(&mut self.w) {
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl<O: Write, E: Write> Printer<O, E> {
    pub fn new(
        mode: Mode,
        format: OutputFormat,
        out: O,
        err: E,
        out_color: bool,
        err_color: bool,
    ) -> Self {
        Printer {
            mode,
            format,
            listing: Listing::Findings,
            collected: Vec::new(),
            used: readiness::Inventory::default(),
            readiness: None,
            out: Sink {
                w: out,
                closed: false,
            },
            err: Sink {
                w: err,
                closed: false,
            },
            out_color,
            err_color,
            diff_leaves_folder: false,
        }
    }

    pub fn listing(mut self, listing: Listing) -> Self {
        self.listing = listing;
        self
    }

    /// Prints one file's diff (stdout) and findings. In the text format findings go on stdout
    /// for `--check`, where they are the output, and on stderr otherwise, where stdout is
    /// reserved for the diff; errors always go to stderr. The other formats own stdout.
    pub fn file(&mut self, report: &FileReport) -> io::Result<()> {
        if self.listing == Listing::Readiness {
            self.used.add(&report.display, &report.uses);
            if self.format == OutputFormat::Json {
                self.collect(report);
                return Ok(());
            }
        }
        if self.listing != Listing::Findings {
            if self.listing == Listing::FileNames && report.changed {
                let name = &report.display;
                self.out.emit(|w| writeln!(w, "{name}"))?;
            }
            for finding in &report.findings {
                if finding.severity() == Severity::Error {
                    let (display, color) = (&report.display, self.err_color);
                    self.err
                        .emit(|w| write_finding(w, display, finding, color))?;
                }
            }
            return Ok(());
        }
        match self.format {
            OutputFormat::Text => {}
            OutputFormat::Concise => {
                for finding in &report.findings {
                    let display = &report.display;
                    let color = self.out_color;
                    self.out
                        .emit(|w| write_finding(w, display, finding, color))?;
                }
                return Ok(());
            }
            OutputFormat::Github => {
                for finding in &report.findings {
                    let line = formats::github_annotation(&report.display, finding);
                    self.out.emit(|w| writeln!(w, "{line}"))?;
                }
                return Ok(());
            }
            OutputFormat::Json | OutputFormat::Sarif => {
                self.collect(report);
                return Ok(());
            }
        }
        match &report.stdout {
            Some(Stdout::Diff(diff)) => {
                self.diff_leaves_folder |= Path::new(&report.display)
                    .components()
                    .any(|c| matches!(c, Component::ParentDir | Component::RootDir));
                let color = self.out_color;
                self.out.emit(|w| write_diff(w, diff, color))?;
            }
            Some(Stdout::Source(text)) => self.out.emit(|w| w.write_all(text))?,
            None => {}
        }
        for finding in &report.findings {
            let on_stdout = self.mode == Mode::Check && finding.severity() != Severity::Error;
            let display = &report.display;
            if on_stdout {
                let color = self.out_color;
                self.out
                    .emit(|w| write_finding(w, display, finding, color))?;
            } else {
                let color = self.err_color;
                self.err
                    .emit(|w| write_finding(w, display, finding, color))?;
            }
        }
        Ok(())
    }

    /// Keeps a file's findings for a format that prints one document at the end.
    fn collect(&mut self, report: &FileReport) {
        if !report.findings.is_empty() {
            self.collected
                .push((report.display.clone(), report.findings.clone()));
        }
    }

    /// The readiness report: as a table on stdout, or kept for the JSON document.
    pub fn readiness(&mut self, targets: Clients) -> io::Result<()> {
        if self.format == OutputFormat::Json {
            self.readiness = Some(self.used.json(targets));
            return Ok(());
        }
        let table = self.used.table(targets);
        self.out.emit(|w| w.write_all(table.as_bytes()))
    }

    /// A line about the run as a whole, for people: on stderr, in every format.
    pub fn remark(&mut self, line: &str) -> io::Result<()> {
        self.err.emit(|w| writeln!(w, "wxwork-migrate: {line}"))
    }

    /// The count per code that `--statistics` prints instead of the findings, as ruff's does:
    /// `[*]` marks the codes `--write` fixes.
    pub fn statistics(&mut self, summary: &Summary) -> io::Result<()> {
        for code in Code::ALL {
            let count = summary.count(code);
            if count == 0 {
                continue;
            }
            let fixable = if code.severity() == Severity::Fix {
                "[*]"
            } else {
                "   "
            };
            let line = format!("{count:>5}  {code}  {fixable} {}", code.summary());
            self.out.emit(|w| writeln!(w, "{line}"))?;
            let subjects = summary.by_subject.range((code, String::new())..);
            for ((_, subject), count) in subjects.take_while(|((c, _), _)| *c == code) {
                self.out
                    .emit(|w| writeln!(w, "       {count:>5}  {subject}"))?;
            }
        }
        Ok(())
    }

    /// How many sites `--write` would fix, and the command that does it.
    pub fn fix_hint(&mut self, fixable: usize, command: &str) -> io::Result<()> {
        let line = t!("fix-hint", count = fixable, command = command);
        self.err.emit(|w| writeln!(w, "{line}"))
    }

    /// What the migration still needs outside what the tool changes: only the steps that
    /// apply to what the run found.
    pub fn next_steps(&mut self, summary: &Summary) -> io::Result<()> {
        let mut steps: Vec<String> = [
            (Code::LoginRewrite, "next-step-backend"),
            (Code::GetUserInfo, "next-step-user-info"),
            (Code::PromiseStyle, "next-step-promise"),
            (Code::UnsupportedApi, "next-step-missing"),
            (Code::MissingOnClients, "next-step-missing"),
            (Code::UnsupportedComponent, "next-step-missing"),
        ]
        .into_iter()
        .filter(|(code, _)| summary.count(*code) > 0)
        .map(|(_, key)| t!(key))
        .chain([t!("next-step-test")])
        .collect();
        // The three WeCom-lacks codes share one step.
        steps.dedup();
        let mut text = t!("next-steps");
        for (n, step) in steps.iter().enumerate() {
            text.push_str(&format!("\n  {}. {step}", n + 1));
        }
        self.err.emit(|w| writeln!(w, "{text}"))
    }

    pub fn summary(&mut self, summary: &Summary, elapsed: Duration) -> io::Result<()> {
        if self.diff_leaves_folder {
            // git refuses such paths by default, in a repository and outside one alike.
            self.remark(&t!("diff-leaves-folder"))?;
        }
        let key = match self.mode {
            Mode::Write => "summary-written",
            Mode::Diff | Mode::Check | Mode::Print => "summary-pending",
        };
        let lang = crate::messages::lang();
        let count = |key: &str, n: usize| crate::messages::count(lang, key, n);
        let line = t!(
            key,
            files = count("files", summary.files),
            parsed = summary.parsed,
            changed = summary.changed,
            rewrites = count("rewrites", summary.rewrites),
            flags = count("flags", summary.flags),
            notes = count("notes", summary.notes),
            errors = count("errors", summary.errors),
            seconds = format!("{:.2}", elapsed.as_secs_f64()),
        );
        let document = match self.format {
            OutputFormat::Json => {
                let mut document = formats::json_document(&self.collected, summary);
                if let Some(readiness) = self.readiness.take() {
                    document["readiness"] = readiness;
                }
                Some(document)
            }
            OutputFormat::Sarif => Some(formats::sarif_document(&self.collected)),
            OutputFormat::Text | OutputFormat::Concise | OutputFormat::Github => None,
        };
        if let Some(document) = document {
            self.out.emit(|w| {
                serde_json::to_writer_pretty(&mut *w, &document).map_err(io::Error::other)?;
                writeln!(w)
            })?;
        }
        self.err.emit(|w| writeln!(w, "{line}"))
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.emit(|w| w.flush())?;
        self.err.emit(|w| w.flush())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_go_where_the_mode_says() {
        let report = FileReport {
            display: "pages/a.js".into(),
            findings: vec![
                Located::at(Code::LoginRewrite, Some((3, 5)), "m"),
                Located::at(Code::ReadError, None, "e"),
            ],
            ..Default::default()
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        Printer::new(
            Mode::Check,
            OutputFormat::Text,
            &mut out,
            &mut err,
            false,
            false,
        )
        .file(&report)
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "pages/a.js:3:5: WX101 m\n");
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "pages/a.js: error: WX902 e\n"
        );
    }
}
