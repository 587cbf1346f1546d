//! One file: read, migrate, and write or render the result.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Severity};
use crate::discover::{describe_io_error, shown};
use crate::ifdef;
use crate::language::Language;
use crate::limits;
use crate::manifest::VueVersion;
use crate::migrate::{migrate_path, Failure, Options};
use crate::report::{unified_diff, FileReport, Located, Stdout};
use crate::settings::Mode;
use crate::source::{decode, line_col_in_bytes, LineIndex};
use crate::t;
use crate::write::{self, Snapshot, Staged};

use super::project::Project;

/// What every file of a run is processed with.
pub struct FileOptions<'a> {
    pub project: &'a Project,
    pub mode: Mode,
    /// Print the pending change as a diff (the text format's dry run).
    pub diff: bool,
    pub max_file_size: u64,
    /// Contents to use instead of the working copy's (`--check --staged`, `--stdin-filename`).
    pub staged: &'a HashMap<PathBuf, Vec<u8>>,
    /// List every API and component each file uses (`--readiness`).
    pub inventory: bool,
    /// The text comes from standard input (`--stdin-filename`): no project to add files to.
    pub from_stdin: bool,
}

/// Reads, migrates and (in `--write` mode) stages one file's new text for its batch. Never
/// panics and never stops the run: whatever goes wrong becomes an error finding for this file.
pub fn process(path: &Path, options: &FileOptions) -> (FileReport, Option<Staged>) {
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| process_unguarded(path, options)));
    let (report, staged) = outcome.unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        (crash_failure(detail), None)
    });
    (finish(path, options, report), staged)
}

/// The report of a file whose processing panicked with `detail` in an earlier start of the
/// module (under WASI, where the panic could not be caught): what `process` reports natively.
pub fn crashed(path: &Path, options: &FileOptions, detail: String) -> (FileReport, Option<Staged>) {
    (finish(path, options, crash_failure(detail)), None)
}

fn crash_failure(detail: String) -> FileReport {
    let message = t!("crashed", detail = detail);
    failure(Code::InternalError, None, message)
}

fn finish(path: &Path, options: &FileOptions, mut report: FileReport) -> FileReport {
    report.display = shown(&options.project.cwd, path);
    // Whatever happened, a caller reading the result from stdout gets a whole file back.
    if options.mode == Mode::Print && report.stdout.is_none() {
        let original = options.staged.get(path).cloned().unwrap_or_default();
        report.stdout = Some(Stdout::Source(original));
    }
    report
}

/// The file's bytes (staged ones when given) and what it looked like on disk when read.
fn read(path: &Path, options: &FileOptions) -> Result<(Option<Snapshot>, Vec<u8>), FileReport> {
    // Too large to process, but not to read: one that names the APIs must not pass `--check`.
    let too_large = |len: u64, names_an_api: bool| {
        let size = t!("too-large-size", size = len, max = options.max_file_size);
        if names_an_api {
            let message = t!("left-alone-names-apis", reason = size);
            failure(Code::SkippedWithSites, None, message)
        } else {
            let message = t!("too-large", size = size);
            failure(Code::Skipped, None, message)
        }
    };
    if let Some(bytes) = options.staged.get(path) {
        if bytes.len() as u64 > options.max_file_size {
            return Err(too_large(bytes.len() as u64, limits::names_an_api(bytes)));
        }
        return Ok((None, bytes.clone()));
    }
    let io_failure = |err: io::Error| failure(Code::ReadError, None, describe_io_error(&err));
    let mut file = fs::File::open(path).map_err(io_failure)?;
    let meta = file.metadata().map_err(io_failure)?;
    if meta.len() > options.max_file_size {
        let names_an_api = limits::reads_an_api_name(&mut file).map_err(io_failure)?;
        return Err(too_large(meta.len(), names_an_api));
    }
    // `File::read_to_end` would ask the OS for the size and position again. The limit also
    // holds for a file that grows after the size was checked.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    let limit = options.max_file_size.saturating_add(1);
    (&mut file)
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(io_failure)?;
    if bytes.len() as u64 > options.max_file_size {
        let names_an_api =
            limits::reads_an_api_name(bytes.as_slice().chain(file)).map_err(io_failure)?;
        return Err(too_large(bytes.len() as u64, names_an_api));
    }
    Ok((Some(Snapshot::of(&meta)), bytes))
}

/// Marks a file whose new text could not be put in place.
pub fn not_written(report: &mut FileReport, err: &io::Error) {
    // Nothing was rewritten: the file is one error, not a change.
    report.changed = false;
    report
        .findings
        .retain(|finding| finding.severity() != Severity::Fix);
    report.findings.push(Located::at(
        Code::WriteError,
        None,
        t!("not-written", reason = describe_io_error(err)),
    ));
}

fn failure(code: Code, position: Option<(usize, usize)>, message: String) -> FileReport {
    FileReport {
        findings: vec![Located::at(code, position, message)],
        ..FileReport::default()
    }
}

fn process_unguarded(path: &Path, options: &FileOptions) -> (FileReport, Option<Staged>) {
    let mut staged = None;
    let report = migrate_file(path, options, &mut staged);
    (report, staged)
}

fn migrate_file(path: &Path, options: &FileOptions, staged: &mut Option<Staged>) -> FileReport {
    if !Language::is_source(path) {
        return FileReport::default();
    }
    let (snapshot, bytes) = match read(path, options) {
        Ok(read) => read,
        Err(report) => return report,
    };
    if let Some(nul) = memchr::memchr(0, &bytes) {
        let position = line_col_in_bytes(&bytes, nul);
        return failure(Code::ReadError, Some(position), t!("binary-file"));
    }
    let text = match decode(&bytes) {
        Ok(text) => text,
        Err(bad) => {
            let position = line_col_in_bytes(&bytes, bad.offset);
            return failure(Code::ReadError, Some(position), bad.to_string());
        }
    };
    let index = LineIndex::new(text);
    let ignored = options.project.ignored_codes(path);
    // Text from standard input is not a project the module can be added to: there only a
    // module that exists already is imported.
    let module = || {
        let root = options.project.module_root(path);
        options
            .project
            .module_at(&root)
            .filter(|module| !options.from_stdin || module.path.is_file())
            .map(|module| module.reference_from(&options.project.cwd.join(path)))
    };
    let migrate_options = Options {
        guard: &options.project.guard,
        ignored: &ignored,
        verify: options.mode != Mode::Check,
        targets: options.project.targets,
        inventory: options.inventory,
        module: Some(&module),
        // Looked up only where conditional compilation reads it.
        vue: if ifdef::has_directive(path, text) {
            options.project.vue_version(path)
        } else {
            VueVersion::default()
        },
    };
    let Some(migrated) = migrate_path(path, text, &migrate_options) else {
        return FileReport::default();
    };
    let migration = match migrated {
        Ok(migration) => migration,
        Err(Failure::Syntax(err)) => {
            return failure(
                Code::ParseError,
                Some(index.line_col(err.offset)),
                err.message,
            )
        }
        Err(Failure::Conditional(unresolved)) => {
            return failure(
                Code::ConditionalCompilation,
                Some(index.line_col(unresolved.offset)),
                unresolved.message,
            )
        }
        Err(Failure::TooDeep(too_deep)) => {
            let (code, message) = too_deep.finding(text);
            return failure(code, None, message);
        }
        Err(Failure::Internal { offset, message }) => {
            return failure(
                Code::InternalError,
                Some(index.line_col(offset)),
                t!("internal-left-untouched", detail = message),
            )
        }
    };
    let mut report = FileReport {
        findings: migration
            .findings
            .iter()
            .map(|finding| Located::resolve(finding, &index))
            .collect(),
        changed: migration.output.is_some(),
        uses_module: migration.uses_module && migration.output.is_some(),
        parsed: migration.parsed,
        uses: migration.uses,
        ..FileReport::default()
    };
    if let Some(output) = &migration.output {
        match options.mode {
            Mode::Diff if options.diff => {
                let display = shown(&options.project.cwd, path);
                report.stdout = Some(Stdout::Diff(unified_diff(&display, text, output)));
            }
            Mode::Print => report.stdout = Some(Stdout::Source(output.clone().into_bytes())),
            Mode::Diff => {}
            Mode::Write => {
                let written = match snapshot {
                    Some(snapshot) => write::stage(path, output.as_bytes(), snapshot),
                    None => Err(io::Error::other(t!("only-staged-read"))),
                };
                match written {
                    Ok(written) => *staged = Some(written),
                    Err(err) => not_written(&mut report, &err),
                }
            }
            Mode::Check => {}
        }
    }
    report
}
