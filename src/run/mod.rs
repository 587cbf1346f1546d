//! One run over a tree: discover, process files in parallel, print in path order, and decide
//! the exit code in one place.

mod batch;
mod file;
mod interrupt;
mod parallel;
mod progress;
mod project;
mod typings;

use std::fs;
use std::io::{self, Write};
use std::panic;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::{self, ColorChoice, Invocation, Mode, OutputFormat, Settings};
use crate::crash::Journal;
use crate::diagnostic::Code;
use crate::host::{self, Stream};
use crate::project::Role;
use crate::report::{FileReport, Located, Printer, Summary};

use batch::PendingWrites;
use file::{crashed, process, FileOptions};
use parallel::{for_each_in_order, WORKER_NAME};
use progress::Progress;
use project::{resolve, select};
use typings::{add_typings, is_typescript};

pub fn main() -> ExitCode {
    // A panic on one file becomes that file's one-line error (see `process`); the default
    // hook's banner would only bury it. Anywhere else it is a bug, said in one line.
    panic::set_hook(Box::new(|info| {
        let on_worker = std::thread::current()
            .name()
            .is_some_and(|name| name.starts_with(WORKER_NAME));
        // Under WASI the file in flight is reported by the next start (see `crash`).
        #[cfg(target_os = "wasi")]
        let on_worker = crate::crash::on_panic(info.payload()) || on_worker;
        if !on_worker {
            eprintln!("wxwork-migrate: internal error: {info}");
        }
    }));
    host::enter_current_folder();
    let settings = match cli::parse_args() {
        Invocation::Run(settings) => settings,
        Invocation::Completions(shell) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cli::command(), "wxwork-migrate", &mut script);
            return print_document(&script);
        }
        Invocation::Man => {
            let mut page = Vec::new();
            // Rendering into memory cannot fail.
            let _ = clap_mangen::Man::new(cli::command()).render(&mut page);
            return print_document(&page);
        }
    };
    match run(&settings, io::stdout().lock(), io::stderr().lock()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("wxwork-migrate: error: {err}");
            ExitCode::from(2)
        }
    }
}

/// Prints a generated document; a reader that closed the pipe early is not an error.
fn print_document(bytes: &[u8]) -> ExitCode {
    match io::stdout().lock().write_all(bytes) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("wxwork-migrate: error: {err}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The outcome of a run, mapped to the documented exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Clean,
    Found,
    Error,
}

impl From<Verdict> for ExitCode {
    fn from(verdict: Verdict) -> ExitCode {
        match verdict {
            Verdict::Clean => ExitCode::SUCCESS,
            Verdict::Found => ExitCode::from(1),
            Verdict::Error => ExitCode::from(2),
        }
    }
}

pub fn run(settings: &Settings, out: impl Write, err: impl Write) -> io::Result<ExitCode> {
    let started = Instant::now();
    let out_color = use_color(settings.color, host::is_terminal(Stream::Stdout));
    let err_color = use_color(settings.color, host::is_terminal(Stream::Stderr));
    let (journal, out, mut err) = Journal::resume(settings.mode == Mode::Write, out, err)?;
    let prepared = resolve(settings).and_then(|project| {
        let selected = select(settings, &project.excludes)?;
        Ok((project, selected))
    });
    let (project, (mut discovered, staged)) = match prepared {
        Ok(prepared) => prepared,
        Err(message) => {
            writeln!(err, "wxwork-migrate: error: {message}")?;
            return Ok(Verdict::Error.into());
        }
    };
    let mut printer = Printer::new(
        settings.mode,
        settings.output_format,
        out,
        err,
        out_color,
        err_color,
    );
    let mut summary = Summary::default();
    for warning in &project.warnings {
        printer.remark(&format!("warning: {warning}"))?;
    }
    // A framework's build output is regenerated from its sources: never touched.
    discovered
        .files
        .retain(|path| project.role(path) != Role::BuildOutput);
    for error in &discovered.errors {
        let report = FileReport {
            display: error.path.display().to_string(),
            findings: vec![Located::at(Code::ReadError, None, error.message.clone())],
            ..FileReport::default()
        };
        printer.file(&report)?;
        summary.errors += 1;
    }

    if settings.mode == Mode::Write {
        interrupt::watch()?;
        // Left by a `--write` that was killed between writing a temp file and renaming it.
        for temp in &discovered.stale_temp_files {
            let _ = fs::remove_file(temp);
        }
    }

    let mut pending = false;
    let mut typescript_changed = false;
    let options = FileOptions {
        project: &project,
        mode: settings.mode,
        diff: settings.mode == Mode::Diff && settings.output_format == OutputFormat::Text,
        max_file_size: settings.max_file_size,
        staged: &staged,
    };
    let progress = Progress::new(
        discovered.files.len(),
        host::is_terminal(Stream::Stderr) && settings.mode != Mode::Print,
    );
    let mut show = |report: FileReport| {
        journal.shown(&report);
        summary.add(&report);
        typescript_changed |= report.changed && is_typescript(Path::new(&report.display));
        pending |= report
            .findings
            .iter()
            .any(|finding| project.fail_on.contains(&finding.code));
        progress.bar.suspend(|| printer.file(&report))
    };
    let mut writes = PendingWrites::default();
    let walked = for_each_in_order(
        &discovered.files,
        settings.jobs.get(),
        |path| {
            journal.process(
                || process(path, &options),
                |detail| crashed(path, &options, detail),
                |report| (report, None),
            )
        },
        |(report, staged)| {
            if interrupt::received().is_some() {
                return Err(io::ErrorKind::Interrupted.into());
            }
            progress.advance();
            writes
                .add(report, staged)
                .into_iter()
                .try_for_each(&mut show)
        },
    );
    if walked.is_ok() {
        writes.commit().into_iter().try_for_each(&mut show)?;
    }
    let written = writes.written;
    let folders_synced = writes.finish();
    progress.bar.finish_and_clear();
    if let Some(signal) = interrupt::received() {
        printer.remark(&format!(
            "interrupted: {written} files written, the others left as they were; \
             `wxwork-migrate --write` again finishes the job"
        ))?;
        return Ok(ExitCode::from(interrupt::exit_code(signal)));
    }
    walked?;
    if let Err(err) = folders_synced {
        printer.remark(&format!(
            "error: the changed files' folders could not be synced ({err}); a power cut now \
             could undo some of the changes"
        ))?;
        summary.errors += 1;
    }
    // A buffer piped through `--stdin-filename` is not a project to add files to.
    if typescript_changed && settings.mode != Mode::Print {
        add_typings(&project, settings.mode, &mut printer, &mut summary)?;
    }
    for layout in &project.layouts {
        for line in layout.describe() {
            printer.remark(&line)?;
        }
    }
    printer.summary(&summary, started.elapsed())?;

    let verdict = if summary.errors > 0 {
        Verdict::Error
    } else if pending && settings.mode == Mode::Check {
        Verdict::Found
    } else {
        Verdict::Clean
    };
    Ok(verdict.into())
}

fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}
