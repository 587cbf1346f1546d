//! One run over a tree: discover, process files in parallel, print in path order, and decide
//! the exit code in one place.

mod added;
mod batch;
pub mod explain;
mod file;
mod interrupt;
mod parallel;
mod progress;
mod project;

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::panic;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::{self, Invocation, Settings};
use crate::crash::Journal;
use crate::diagnostic::Code;
use crate::discover::is_glob;
use crate::host::{self, Stream};
use crate::language::Language;
use crate::project::Role;
use crate::report::{FileReport, Listing, Located, Printer, Summary};
use crate::settings::{ColorChoice, Mode, OutputFormat};
use crate::t;

use added::{add_module, add_typings, is_typescript};
use batch::PendingWrites;
use file::{crashed, process, FileOptions};
use parallel::{for_each_in_order, WORKER_NAME};
use progress::Progress;
use project::{resolve, select};

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
            eprintln!("wxwork-migrate: {}", t!("internal-error", detail = info));
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
        Invocation::Man => return print_document(&man_page()),
        Invocation::Explain(code) => {
            return match explain::explain(&code) {
                Ok(document) => print_document(document.as_bytes()),
                Err(message) => {
                    eprintln!("wxwork-migrate: {}", t!("prefix-error", message = message));
                    ExitCode::from(2)
                }
            }
        }
    };
    // Standard error is unbuffered: a finding's line would reach it in six writes. Standard
    // output is already line-buffered.
    match run(
        &settings,
        io::stdout().lock(),
        io::LineWriter::new(io::stderr().lock()),
    ) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("wxwork-migrate: {}", t!("prefix-error", message = err));
            ExitCode::from(2)
        }
    }
}

/// The manual page. clap_mangen would send readers to a page per subcommand
/// (`wxwork-migrate-explain(1)`), which is not installed: the subcommands are described here.
fn man_page() -> Vec<u8> {
    let command = cli::command();
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    // Rendering into memory cannot fail.
    let _ = man.render_title(&mut page);
    let _ = man.render_name_section(&mut page);
    let _ = man.render_synopsis_section(&mut page);
    let _ = man.render_description_section(&mut page);
    let _ = man.render_options_section(&mut page);
    let mut roff = String::from(".SH COMMANDS\n");
    for sub in command.get_subcommands() {
        let operands: String = sub
            .get_positionals()
            .map(|arg| format!(" \\fI{}\\fR", arg.get_id().as_str().to_uppercase()))
            .collect();
        let about = sub
            .get_about()
            .map(|about| about.to_string())
            .unwrap_or_default();
        roff.push_str(&format!(
            ".TP\n\\fBwxwork\\-migrate {}\\fR{operands}\n{}\n",
            sub.get_name(),
            roff_escape(&about)
        ));
    }
    roff.push_str(".SH NOTES\n.nf\n");
    for line in cli::after_help().lines() {
        roff.push_str(&roff_escape(line));
        roff.push('\n');
    }
    roff.push_str(".fi\n");
    page.extend_from_slice(roff.as_bytes());
    let _ = man.render_version_section(&mut page);
    page
}

/// Text as roff prints it literally.
fn roff_escape(line: &str) -> String {
    let escaped = line.replace('\\', "\\\\").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// Prints a generated document; a reader that closed the pipe early is not an error.
fn print_document(bytes: &[u8]) -> ExitCode {
    match io::stdout().lock().write_all(bytes) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("wxwork-migrate: {}", t!("prefix-error", message = err));
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
        Err(message) => return stop(&mut err, &message),
    };
    // A framework's build output is regenerated from its sources: never touched.
    discovered
        .files
        .retain(|path| project.role(path) != Role::BuildOutput);
    if discovered.files.is_empty() && discovered.errors.is_empty() && settings.mode != Mode::Print {
        // A hook whose staged files are all of other kinds has nothing to say.
        if settings.is_hook() {
            return Ok(Verdict::Clean.into());
        }
        return stop(&mut err, &why_nothing(settings));
    }
    let listing = if settings.list_different {
        Listing::FileNames
    } else if settings.statistics {
        Listing::Statistics
    } else if settings.readiness {
        Listing::Readiness
    } else {
        Listing::Findings
    };
    let mut printer = Printer::new(
        settings.mode,
        settings.output_format,
        out,
        err,
        out_color,
        err_color,
    )
    .listing(listing);
    let mut summary = Summary::default();
    for warning in &project.warnings {
        printer.remark(&t!("prefix-warning", message = warning))?;
    }
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
    let mut module_roots = BTreeSet::new();
    let options = FileOptions {
        project: &project,
        mode: settings.mode,
        diff: settings.mode == Mode::Diff && settings.output_format == OutputFormat::Text,
        max_file_size: settings.max_file_size,
        staged: &staged,
        inventory: settings.readiness,
        from_stdin: settings.stdin_filename.is_some(),
    };
    let mut progress = Progress::new(
        discovered.files.len(),
        host::is_terminal(Stream::Stderr) && settings.mode != Mode::Print,
    );
    let mut print = |report: &FileReport| printer.file(report);
    let mut show = |report: FileReport| {
        journal.shown(&report);
        summary.add(&report);
        typescript_changed |= report.changed && is_typescript(Path::new(&report.display));
        if report.uses_module {
            module_roots.insert(project.module_root(Path::new(&report.display)));
        }
        pending |= report
            .findings
            .iter()
            .any(|finding| project.fail_on.contains(&finding.code));
        progress.advance(report, &mut print)
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
    progress.finish(&mut print)?;
    if let Some(signal) = interrupt::received() {
        printer.remark(&t!("interrupted", written = written))?;
        return Ok(ExitCode::from(interrupt::exit_code(signal)));
    }
    walked?;
    if let Err(err) = folders_synced {
        printer.remark(&t!(
            "prefix-error",
            message = t!("folders-not-synced", detail = err)
        ))?;
        summary.errors += 1;
    }
    // A buffer piped through `--stdin-filename` is not a project to add files to.
    if typescript_changed && settings.mode != Mode::Print {
        add_typings(&project, settings.mode, &mut printer, &mut summary)?;
    }
    if settings.stdin_filename.is_none() {
        for root in &module_roots {
            add_module(&project, root, settings.mode, &mut printer, &mut summary)?;
        }
    }
    for layout in &project.layouts {
        let cloud_scanned = layout.cloudfunction_root.as_ref().is_some_and(|cloud| {
            discovered
                .files
                .iter()
                .any(|path| project.cwd.join(path).starts_with(cloud))
        });
        for line in layout.describe(cloud_scanned) {
            printer.remark(&line)?;
        }
    }
    if listing == Listing::Statistics {
        printer.statistics(&summary)?;
    }
    if listing == Listing::Readiness {
        printer.readiness(project.targets)?;
    }
    printer.summary(&summary, started.elapsed())?;
    let looked_only = matches!(settings.mode, Mode::Diff | Mode::Check);
    if looked_only && summary.rewrites > 0 && settings.stdin_filename.is_none() {
        printer.fix_hint(summary.rewrites, &settings.fix_command)?;
    }
    let shows_result = matches!(settings.mode, Mode::Diff | Mode::Write)
        && listing == Listing::Findings
        && settings.stdin_filename.is_none()
        && !settings.is_hook();
    let needs_people = [
        Code::LoginRewrite,
        Code::GetUserInfo,
        Code::PromiseStyle,
        Code::UnsupportedApi,
        Code::MissingOnClients,
        Code::UnsupportedComponent,
    ]
    .into_iter()
    .any(|code| summary.count(code) > 0);
    if shows_result && needs_people {
        printer.next_steps(&summary)?;
    }
    printer.flush()?;

    let gates_changes = settings.diff_gates || settings.list_different;
    let found = match settings.mode {
        Mode::Check => pending,
        Mode::Diff | Mode::Print => gates_changes && summary.changed > 0,
        Mode::Write => false,
    };
    let verdict = if summary.errors > 0 {
        Verdict::Error
    } else if found {
        Verdict::Found
    } else {
        Verdict::Clean
    };
    Ok(verdict.into())
}

/// Ends a run that cannot start, with one line saying why.
fn stop(err: &mut impl Write, reason: &str) -> io::Result<ExitCode> {
    let line = t!("prefix-error", message = reason);
    writeln!(err, "wxwork-migrate: {line}")?;
    Ok(Verdict::Error.into())
}

/// Why a run found no file to scan, in one line: a glob that matches nothing, a file of
/// another kind, or folders without mini-program code.
fn why_nothing(settings: &Settings) -> String {
    if let Some(glob) = settings.paths.iter().find(|path| is_glob(path)) {
        return t!("nothing-matches-glob", glob = glob.display());
    }
    if let [path] = settings.paths.as_slice() {
        if path.is_file() && !Language::is_source(path) {
            return t!("nothing-named-file", path = path.display());
        }
    }
    if settings.paths == [Path::new(".")] {
        return t!("nothing-in-current-folder");
    }
    let paths: Vec<String> = settings
        .paths
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    t!("nothing-in-folder", paths = paths.join(" "))
}

fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}
