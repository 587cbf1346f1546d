//! Command-line flags, parsed by clap into [`Args`] and then validated once into [`Settings`].

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::diagnostic::Code;
use crate::git::Changes;
use crate::limits::DEFAULT_MAX_FILE_SIZE;

/// `--version` names the build that runs, since the npm package picks a native binary or the
/// WebAssembly module at run time.
#[cfg(not(target_family = "wasm"))]
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (native)");
#[cfg(target_family = "wasm")]
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (WebAssembly)");

#[derive(Parser, Debug)]
#[command(
    name = "wxwork-migrate",
    version = VERSION,
    about = "Make a WeChat mini-program run inside WeCom (企业微信) too.",
    long_about = "Make a WeChat mini-program run inside WeCom (企业微信) too.\n\n\
        Rewrites every use of the global wx.login and wx.checkSession so that WeCom calls \
        wx.qy.login / wx.qy.checkSession and WeChat keeps calling wx.*, and reports every \
        wx.getUserInfo, which a person must port to wx.qy.getEnterpriseUserInfo.\n\n\
        Without --write or --check it prints the pending changes as a unified diff on stdout \
        and writes nothing.",
    args_conflicts_with_subcommands = true
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files and folders to process [default: .]. Files named here are processed even when an
    /// exclude rule matches them.
    #[arg(conflicts_with_all = ["staged", "since", "stdin_filename"])]
    pub paths: Vec<PathBuf>,

    /// Process the files staged in git; with --check, their staged contents.
    #[arg(long, conflicts_with = "since")]
    pub staged: bool,

    /// Process the files changed in the working tree since a git revision.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,

    /// Apply the changes to the files in place.
    #[arg(long, conflicts_with_all = ["check", "stdin_filename"])]
    pub write: bool,

    /// Print the pending changes as a unified diff (the default, except with --stdin-filename).
    #[arg(long, conflicts_with_all = ["write", "check"])]
    pub diff: bool,

    /// Read the source from stdin and print the result on stdout (or the diff, with --diff);
    /// PATH decides the language and names the file in findings.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["staged", "since"])]
    pub stdin_filename: Option<PathBuf>,

    /// Write nothing; print one line per finding and exit 1 if anything is pending.
    #[arg(long)]
    pub check: bool,

    /// Skip files and folders matching this gitignore-style glob (repeatable).
    #[arg(long, value_name = "GLOB", action = ArgAction::Append)]
    pub exclude: Vec<String>,

    /// Apply the exclude rules (built-in skips, .gitignore, --exclude) to files named on the
    /// command line too, as hooks that pass every staged file need.
    #[arg(long)]
    pub force_exclude: bool,

    /// Number of files processed at once [default: the number of CPUs; twice that with
    /// --write].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    /// The project's own WeCom check, truthy inside WeCom, used as the guard and recognised in
    /// code (e.g. `getApp().globalData.isWxWork`).
    #[arg(long, value_name = "EXPR")]
    pub guard_expr: Option<String>,

    /// Skip files larger than this (bytes; K and M suffixes allowed) [default: 4M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,

    /// How to print findings: `text` (a diff, then findings), `concise` (findings only), `json`,
    /// `github` (GitHub Actions annotations) or `sarif` (SARIF 2.1.0).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Text)]
    pub output_format: OutputFormat,

    /// When to colour the output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print a shell completion script (e.g. `wxwork-migrate completions bash > /etc/bash_completion.d/wxwork-migrate`).
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page, in roff (e.g. `wxwork-migrate man | man -l -`).
    Man,
}

/// What the command line asks for.
pub enum Invocation {
    Run(Box<Settings>),
    Completions(Shell),
    Man,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Concise,
    Json,
    Github,
    Sarif,
}

/// The three ways the tool is used; exclusive, so one value rather than flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Print a unified diff of pending changes; write nothing.
    Diff,
    /// Apply the changes in place.
    Write,
    /// Print findings; exit 1 when a change is pending or a flag was raised.
    Check,
    /// Print the resulting text (`--stdin-filename`).
    Print,
}

/// Validated settings for one run.
#[derive(Clone, Debug)]
pub struct Settings {
    pub mode: Mode,
    pub paths: Vec<PathBuf>,
    /// Take the files from git instead of `paths`.
    pub changes: Option<Changes>,
    /// Take one file's text from stdin instead of `paths`.
    pub stdin_filename: Option<PathBuf>,
    pub excludes: Vec<String>,
    pub force_exclude: bool,
    pub jobs: NonZeroUsize,
    pub color: ColorChoice,
    pub output_format: OutputFormat,
    pub guard_expr: Option<String>,
    pub max_file_size: u64,
}

impl From<Args> for Settings {
    fn from(args: Args) -> Settings {
        let mode = if args.write {
            Mode::Write
        } else if args.check {
            Mode::Check
        } else if args.stdin_filename.is_some() && !args.diff {
            Mode::Print
        } else {
            Mode::Diff
        };
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths
        };
        // A `--write` thread waits on the disk for a third of its time (each new text is synced
        // before it replaces the old); twice as many threads as CPUs keep the CPUs busy.
        let cpus = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
        let jobs = args.jobs.unwrap_or(match mode {
            Mode::Write => cpus.saturating_add(cpus.get()),
            _ => cpus,
        });
        let changes = match (args.staged, args.since) {
            (true, _) => Some(Changes::Staged),
            (false, Some(rev)) => Some(Changes::Since(rev)),
            (false, None) => None,
        };
        Settings {
            mode,
            paths,
            changes,
            stdin_filename: args.stdin_filename,
            excludes: args.exclude,
            force_exclude: args.force_exclude,
            jobs,
            color: args.color,
            output_format: args.output_format,
            guard_expr: args.guard_expr,
            max_file_size: args.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
        }
    }
}

fn parse_size(text: &str) -> Result<u64, String> {
    let (digits, unit) = match text.strip_suffix(['K', 'k']) {
        Some(digits) => (digits, 1 << 10),
        None => match text.strip_suffix(['M', 'm']) {
            Some(digits) => (digits, 1 << 20),
            None => (text, 1),
        },
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .ok_or_else(|| format!("`{text}` is not a size such as 800K or 4M"))
}

/// The text after the options in `--help`: exit codes and finding codes, from the same data the
/// tool reports with.
pub fn after_help() -> String {
    let mut text = String::from(
        "Exit codes:\n  \
         0  no error (and, with --check, nothing pending)\n  \
         1  --check found a pending rewrite or a wx.getUserInfo\n  \
         2  an error: a file could not be read, parsed or written, or bad arguments\n\n\
         Finding codes:\n",
    );
    for code in Code::ALL {
        text.push_str(&format!(
            "  {}  {:<7}  {}\n",
            code.as_str(),
            code.severity().as_str(),
            code.summary()
        ));
    }
    text
}

/// The full command definition, shared by parsing, completions and the man page.
pub fn command() -> clap::Command {
    Args::command().after_help(after_help())
}

/// Parses the process's arguments; exits with code 2 and clap's message on bad arguments.
pub fn parse_args() -> Invocation {
    let matches = command().get_matches();
    let mut args = Args::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    match args.command.take() {
        Some(Command::Completions { shell }) => Invocation::Completions(shell),
        Some(Command::Man) => Invocation::Man,
        None => Invocation::Run(Box::new(args.into())),
    }
}
