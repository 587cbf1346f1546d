//! One run over a tree: discover, process files in parallel, print in path order, and decide
//! the exit code in one place.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use ignore::gitignore::Gitignore;

use crate::cli::{self, ColorChoice, Invocation, Mode, OutputFormat, Settings};
use crate::config::{self, Config};
use crate::diagnostic::{Code, Severity};
use crate::discover::{describe_io_error, discover, relative_to, Discovered};
use crate::git::{self, Changes};
use crate::migrate::{migrate_path, Failure};
use crate::parse::Language;
use crate::plan::Guard;
use crate::project::{Layout, Role};
use crate::report::{new_file_diff, unified_diff, FileReport, Located, Printer, Stdout, Summary};
use crate::source::{decode, line_col_in_bytes, LineIndex};
use crate::typings::{self, Typings};
use crate::write::{self, Snapshot};

/// Room for deeply nested expressions: the parser grows its own stack, but the resolver and
/// the finder recurse on the thread's.
const WORKER_STACK: usize = 256 << 20;

/// Worker threads' name prefix, by which the panic hook knows a file's panic from a bug.
const WORKER_NAME: &str = "wxwork-migrate-worker-";

pub fn main() -> ExitCode {
    // A panic on one file becomes that file's one-line error (see `process`); the default
    // hook's banner would only bury it. Anywhere else it is a bug, said in one line.
    panic::set_hook(Box::new(|info| {
        let on_worker = std::thread::current()
            .name()
            .is_some_and(|name| name.starts_with(WORKER_NAME));
        if !on_worker {
            eprintln!("wxwork-migrate: internal error: {info}");
        }
    }));
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

/// A progress bar on stderr for runs long enough to wonder about: only on a terminal, and only
/// after the first second, so quick runs and piped output never show it.
struct Progress {
    bar: ProgressBar,
    started: Instant,
    on_terminal: bool,
}

impl Progress {
    const DELAY: Duration = Duration::from_secs(1);

    fn new(files: usize, on_terminal: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
            bar.set_style(style);
        }
        Progress {
            bar,
            started: Instant::now(),
            on_terminal,
        }
    }

    fn advance(&self) {
        if self.on_terminal && self.bar.is_hidden() && self.started.elapsed() >= Self::DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.inc(1);
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

pub fn run(settings: &Settings, out: impl Write, mut err: impl Write) -> io::Result<ExitCode> {
    let started = Instant::now();
    let out_color = use_color(settings.color, io::stdout().is_terminal());
    let err_color = use_color(settings.color, io::stderr().is_terminal());
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
        io::stderr().is_terminal() && settings.mode != Mode::Print,
    );
    for_each_in_order(
        &discovered.files,
        settings.jobs.get(),
        |path| process(path, &options),
        |report| {
            progress.advance();
            summary.add(&report);
            typescript_changed |= report.changed && is_typescript(Path::new(&report.display));
            pending |= report
                .findings
                .iter()
                .any(|finding| project.fail_on.contains(&finding.code));
            progress.bar.suspend(|| printer.file(&report))
        },
    )?;
    progress.bar.finish_and_clear();
    if typescript_changed {
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

fn is_typescript(path: &Path) -> bool {
    Language::from_path(path).is_some_and(Language::is_typescript)
}

/// Declares `wx.qy` and `environment` for a TypeScript project whose code now uses them: shown
/// as a new file in the diff, created by `--write`, never overwriting a file of the project's.
fn add_typings<O: Write, E: Write>(
    project: &Project,
    mode: Mode,
    printer: &mut Printer<O, E>,
    summary: &mut Summary,
) -> io::Result<()> {
    let path = project.root.join(&project.typings);
    let cwd = std::env::current_dir().unwrap_or_default();
    let display = relative_to(&cwd, &path).display().to_string();
    match typings::plan(&project.root, &project.typings) {
        Typings::NotNeeded | Typings::Present => Ok(()),
        Typings::Occupied(_) => printer.remark(&format!(
            "warning: {display} exists but does not declare wx.qy and SystemInfo.environment; \
             it was not overwritten: add the declarations `wxwork-migrate` would have written \
             (see the README) for `tsc` to accept the rewritten code"
        )),
        Typings::Create(_) => {
            match mode {
                Mode::Diff => {
                    let diff = new_file_diff(&display, typings::DECLARATIONS);
                    printer.file(&FileReport {
                        display: display.clone(),
                        stdout: Some(Stdout::Diff(diff)),
                        ..FileReport::default()
                    })?;
                }
                Mode::Write => {
                    if let Err(err) = write::create(&path, typings::DECLARATIONS.as_bytes()) {
                        summary.errors += 1;
                        return printer.file(&FileReport {
                            findings: vec![Located::at(
                                Code::WriteError,
                                None,
                                format!("not written: {}", describe_io_error(&err)),
                            )],
                            display,
                            ..FileReport::default()
                        });
                    }
                }
                Mode::Check | Mode::Print => {}
            }
            let verb = if mode == Mode::Write {
                "added"
            } else {
                "would add"
            };
            printer.remark(&format!(
                "{verb} {display}: declares wx.qy and SystemInfo.environment so that `tsc` accepts \
                 the rewritten TypeScript; make sure tsconfig.json includes it"
            ))
        }
    }
}

/// What the command line and the project's configuration decide together; the command line
/// wins where both speak.
struct Project {
    excludes: Vec<String>,
    guard: Guard,
    /// Codes that make `--check` fail.
    fail_on: Vec<Code>,
    /// `per-file-ignores`: codes left alone in matching files.
    ignores: Vec<(Gitignore, Vec<Code>)>,
    /// Mini-program layouts found from `project.config.json` files.
    layouts: Vec<Layout>,
    /// Warnings about the project's files, printed before the run.
    warnings: Vec<String>,
    /// The project's root, and where under it a TypeScript project's declarations of `wx.qy`
    /// go.
    root: PathBuf,
    typings: PathBuf,
}

impl Project {
    fn role(&self, path: &Path) -> Role {
        if self.layouts.is_empty() {
            return Role::MiniProgram;
        }
        let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.layouts
            .iter()
            .filter(|layout| absolute.starts_with(&layout.root))
            .max_by_key(|layout| layout.root.as_os_str().len())
            .map_or(Role::MiniProgram, |layout| layout.role(&absolute))
    }

    /// Codes to leave alone in `path`: its `per-file-ignores`, and everything but the code
    /// exchange outside the mini-program root.
    fn ignored_codes(&self, path: &Path) -> Vec<Code> {
        if self.role(path) == Role::ReportOnly {
            return Code::ALL
                .into_iter()
                .filter(|code| *code != Code::CodeExchange)
                .collect();
        }
        let absolute = std::env::current_dir().unwrap_or_default().join(path);
        self.ignores
            .iter()
            .filter(|(matcher, _)| {
                matcher
                    .matched_path_or_any_parents(&absolute, false)
                    .is_ignore()
            })
            .flat_map(|(_, codes)| codes.iter().copied())
            .collect()
    }
}

fn resolve(settings: &Settings) -> Result<Project, String> {
    let cwd = std::env::current_dir().map_err(|err| describe_io_error(&err))?;
    let (config, root) = config::find(&cwd)
        .map_err(|err| err.to_string())?
        .unwrap_or_else(|| (Config::default(), cwd.clone()));
    let excludes = if settings.excludes.is_empty() {
        config.exclude.clone()
    } else {
        settings.excludes.clone()
    };
    let guard = match settings.guard_expr.as_ref().or(config.guard.as_ref()) {
        Some(text) => Guard::custom(text).map_err(|bad| bad.0)?,
        None => Guard::standard(),
    };
    let fail_on = config.fail_on_codes().unwrap_or_else(|| {
        Code::ALL
            .into_iter()
            .filter(|code| matches!(code.severity(), Severity::Fix | Severity::Warning))
            .collect()
    });
    let ignores = config.ignores(&root).map_err(|err| err.to_string())?;
    let typings_relative = config
        .typings
        .clone()
        .unwrap_or_else(|| PathBuf::from(typings::DEFAULT_PATH));
    let mut layouts: Vec<Layout> = Vec::new();
    let mut warnings = Vec::new();
    let starts = if settings.paths.is_empty() || settings.stdin_filename.is_some() {
        vec![cwd.clone()]
    } else {
        settings.paths.clone()
    };
    for start in starts {
        match Layout::find(&start) {
            Ok(Some(layout)) if !layouts.contains(&layout) => layouts.push(layout),
            Ok(_) => {}
            Err(warning) if !warnings.contains(&warning) => warnings.push(warning),
            Err(_) => {}
        }
    }
    // The project root: where the configuration is, else where project.config.json is.
    let project_root = if root != cwd {
        root
    } else {
        layouts.first().map_or(cwd, |layout| layout.root.clone())
    };
    Ok(Project {
        excludes,
        guard,
        fail_on,
        ignores,
        layouts,
        warnings,
        root: project_root,
        typings: typings_relative,
    })
}

/// The files to process and, for `--check --staged`, their staged contents.
fn select(
    settings: &Settings,
    excludes: &[String],
) -> Result<(Discovered, HashMap<PathBuf, Vec<u8>>), String> {
    if let Some(path) = &settings.stdin_filename {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|err| format!("could not read stdin: {}", describe_io_error(&err)))?;
        let cwd = std::env::current_dir().unwrap_or_default();
        let path = relative_to(&cwd, path);
        let discovered = Discovered {
            files: vec![path.clone()],
            ..Discovered::default()
        };
        return Ok((discovered, HashMap::from([(path, bytes)])));
    }
    let Some(changes) = &settings.changes else {
        let discovered = discover(&settings.paths, excludes, settings.force_exclude);
        return Ok((discovered.map_err(|bad| bad.to_string())?, HashMap::new()));
    };
    let changed = git::changed_files(changes).map_err(|err| err.to_string())?;
    // Files git lists were not chosen by the user: the exclude rules apply to them.
    let discovered = discover(&changed, excludes, true).map_err(|bad| bad.to_string())?;
    let staged = if *changes == Changes::Staged && settings.mode == Mode::Check {
        git::staged_contents(&discovered.files).map_err(|err| err.to_string())?
    } else {
        HashMap::new()
    };
    Ok((discovered, staged))
}

fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Runs `work` on every item on `jobs` threads and hands the results to `sink` in the items'
/// order. Threads take the next item as they free up, so results arrive nearly in order and
/// only a few wait in the buffer: memory follows the files in flight, not the tree.
fn for_each_in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("{WORKER_NAME}{i}"))
        .build()
        .map_err(io::Error::other)?;
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel();
    let (work, next) = (&work, &next);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.scope(|pool_scope| {
                for _ in 0..jobs {
                    let sender = sender.clone();
                    pool_scope.spawn(move |_| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        if sender.send((i, work(item))).is_err() {
                            break;
                        }
                    });
                }
            });
        });
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (i, result) in receiver {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                sink(result)?;
                expected += 1;
            }
        }
        Ok(())
    })
}

/// What every file of a run is processed with.
struct FileOptions<'a> {
    project: &'a Project,
    mode: Mode,
    /// Print the pending change as a diff (the text format's dry run).
    diff: bool,
    max_file_size: u64,
    /// Contents to use instead of the working copy's (`--check --staged`, `--stdin-filename`).
    staged: &'a HashMap<PathBuf, Vec<u8>>,
}

/// Reads, migrates and (in `--write` mode) writes one file. Never panics and never stops the
/// run: whatever goes wrong becomes an error finding for this file.
fn process(path: &Path, options: &FileOptions) -> FileReport {
    // Discovery made the path relative to the current folder: what diffs and findings show.
    let display = path.display().to_string();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| process_unguarded(path, options)));
    let mut report = outcome.unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        failure(
            Code::InternalError,
            None,
            format!("the tool crashed on this file and left it untouched: {detail}"),
        )
    });
    report.display = display;
    // Whatever happened, a caller reading the result from stdout gets a whole file back.
    if options.mode == Mode::Print && report.stdout.is_none() {
        let original = options.staged.get(path).cloned().unwrap_or_default();
        report.stdout = Some(Stdout::Source(original));
    }
    report
}

/// The file's bytes (staged ones when given) and what it looked like on disk when read.
fn read(path: &Path, options: &FileOptions) -> Result<(Option<Snapshot>, Vec<u8>), FileReport> {
    let too_large = |len: u64| {
        let message = format!(
            "left alone: {len} bytes, larger than --max-file-size ({} bytes); likely a bundle or \
             generated code",
            options.max_file_size
        );
        failure(Code::Skipped, None, message)
    };
    if let Some(bytes) = options.staged.get(path) {
        if bytes.len() as u64 > options.max_file_size {
            return Err(too_large(bytes.len() as u64));
        }
        return Ok((None, bytes.clone()));
    }
    let io_failure = |err: io::Error| failure(Code::ReadError, None, describe_io_error(&err));
    let meta = fs::metadata(path).map_err(io_failure)?;
    if meta.len() > options.max_file_size {
        return Err(too_large(meta.len()));
    }
    let bytes = fs::read(path).map_err(io_failure)?;
    Ok((Some(Snapshot::of(&meta)), bytes))
}

fn failure(code: Code, position: Option<(usize, usize)>, message: String) -> FileReport {
    FileReport {
        findings: vec![Located::at(code, position, message)],
        ..FileReport::default()
    }
}

fn process_unguarded(path: &Path, options: &FileOptions) -> FileReport {
    if !Language::is_source(path) {
        return FileReport::default();
    }
    let (snapshot, bytes) = match read(path, options) {
        Ok(read) => read,
        Err(report) => return report,
    };
    if let Some(nul) = memchr::memchr(0, &bytes) {
        let position = line_col_in_bytes(&bytes, nul);
        return failure(
            Code::ReadError,
            Some(position),
            "binary file (NUL byte)".into(),
        );
    }
    let text = match decode(bytes) {
        Ok(text) => text,
        Err((bad, bytes)) => {
            let position = line_col_in_bytes(&bytes, bad.offset);
            return failure(Code::ReadError, Some(position), bad.to_string());
        }
    };
    let index = LineIndex::new(&text);
    let ignored = options.project.ignored_codes(path);
    let Some(migrated) = migrate_path(path, &text, &options.project.guard, &ignored) else {
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
        Err(Failure::TooDeep(too_deep)) => {
            let message = format!("left alone: {}", too_deep.describe());
            return failure(Code::Skipped, None, message);
        }
        Err(Failure::Internal { offset, message }) => {
            return failure(
                Code::InternalError,
                Some(index.line_col(offset)),
                format!("{message}; the file is left untouched (please report this)"),
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
        parsed: migration.parsed,
        ..FileReport::default()
    };
    if let Some(output) = &migration.output {
        match options.mode {
            Mode::Diff if options.diff => {
                let display = path.display().to_string();
                report.stdout = Some(Stdout::Diff(unified_diff(&display, &text, output)));
            }
            Mode::Print => report.stdout = Some(Stdout::Source(output.clone().into_bytes())),
            Mode::Diff => {}
            Mode::Write => {
                let written = match snapshot {
                    Some(snapshot) => write::replace(path, output.as_bytes(), snapshot),
                    None => Err(io::Error::other("only the staged contents were read")),
                };
                if let Err(err) = written {
                    report.changed = false;
                    report.findings.push(Located::at(
                        Code::WriteError,
                        None,
                        format!("not written: {}", describe_io_error(&err)),
                    ));
                }
            }
            Mode::Check => {}
        }
    }
    report
}
