//! Command-line flags, parsed by clap into [`Args`] and then validated once into [`Settings`].

use std::ffi::OsString;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{FromArgMatches, ValueEnum};
use clap_complete::Shell;

use crate::compat::Clients;
use crate::git::Changes;
use crate::limits::DEFAULT_MAX_FILE_SIZE;
use crate::messages::{self, Lang};
use crate::settings::{ColorChoice, Mode, OutputFormat};
use crate::t;

mod args;
mod help;

pub use args::Args;
use args::Command;
use help::usage_error;
pub use help::{after_help, command};

/// What the command line asks for.
pub enum Invocation {
    Run(Box<Settings>),
    Completions(Shell),
    Man,
    Explain(String),
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
    /// `--targets`: the WeCom clients the project must run on, over the configuration's.
    pub targets: Option<Clients>,
    pub max_file_size: u64,
    /// `-l`: print the names of the files that change instead of the diff and findings.
    pub list_different: bool,
    /// Print a count per code instead of the findings.
    pub statistics: bool,
    /// List every API and component used, with WeCom's support, instead of the findings.
    pub readiness: bool,
    /// `--diff` given: a pending change makes the run exit 1, as ruff's `--diff` does.
    pub diff_gates: bool,
    /// The command line that applies the pending changes, for the "fixable" hint.
    pub fix_command: String,
}

impl Settings {
    /// A run that a git hook started: it stays quiet when no file matches, and shows no
    /// "Next steps".
    pub fn is_hook(&self) -> bool {
        self.changes.is_some() || self.force_exclude
    }

    /// `raw` is the command line after the program name, for the "fixable" hint.
    pub fn new(args: Args, raw: &[String]) -> Settings {
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
        // A `--write` thread also creates a file for each changed one, which can wait in the
        // kernel (or, on Windows, in a virus scanner's filter): twice as many threads as CPUs keep
        // the CPUs busy meanwhile. On Linux one per CPU measured the same, within the noise.
        let cpus = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
        let jobs = args.jobs.and_then(NonZeroUsize::new).unwrap_or(match mode {
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
            targets: (!args.targets.is_empty()).then(|| Clients::of(&args.targets)),
            max_file_size: args.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            list_different: args.list_different,
            statistics: args.statistics,
            readiness: args.readiness,
            diff_gates: args.diff,
            fix_command: fix_command(raw),
        }
    }
}

/// The same command line with `--write` in place of the flags that only look: what to run to
/// apply what this run found.
fn fix_command(raw: &[String]) -> String {
    const LOOK_ONLY: [&str; 6] = [
        "--check",
        "--diff",
        "-l",
        "--list-different",
        "--statistics",
        "--readiness",
    ];
    // `--jobs` too: `--write` has its own default.
    const WITH_VALUE: [&str; 5] = ["--output-format", "--color", "--lang", "--jobs", "-j"];
    let mut words = vec!["wxwork-migrate".to_string(), "--write".to_string()];
    let mut args = raw.iter();
    while let Some(arg) = args.next() {
        let attached_value = WITH_VALUE
            .iter()
            .any(|flag| arg.starts_with(&format!("{flag}=")))
            || (arg.starts_with("-j") && arg[2..].bytes().all(|b| b.is_ascii_digit()));
        if WITH_VALUE.contains(&arg.as_str()) {
            args.next();
        } else if !(LOOK_ONLY.contains(&arg.as_str()) || attached_value) {
            words.push(quote(arg));
        }
    }
    words.join(" ")
}

/// Quoted for a shell only when needed: double quotes work in sh, PowerShell and cmd alike.
fn quote(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./=:,@+%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else if word.contains(['"', '$', '`']) {
        format!("'{word}'")
    } else {
        format!("\"{word}\"")
    }
}

/// `--lang`'s value, taken out of the arguments before clap sees them: `--help` must already
/// speak the language, and the flag may come before a subcommand (`--lang zh explain WX101`).
/// A value that is not a language is left for clap to refuse.
fn take_lang(args: &mut Vec<OsString>) -> Option<Lang> {
    for i in 1..args.len() {
        let arg = args[i].to_string_lossy().into_owned();
        if arg == "--" {
            break;
        }
        let (value, width) = match arg.strip_prefix("--lang") {
            Some("") => (args.get(i + 1).map(|v| v.to_string_lossy().into_owned()), 2),
            Some(rest) => (rest.strip_prefix('=').map(str::to_string), 1),
            None => (None, 0),
        };
        if let Some(lang) = value.and_then(|value| Lang::from_str(&value, true).ok()) {
            args.drain(i..i + width);
            return Some(lang);
        }
    }
    None
}

/// Chooses the run's language, then parses the process's arguments; exits with code 2 and a
/// message on bad arguments.
pub fn parse_args() -> Invocation {
    let mut os_args: Vec<OsString> = std::env::args_os().collect();
    let flag = take_lang(&mut os_args);
    messages::set(Lang::choose(
        flag,
        |name| std::env::var(name).ok(),
        crate::host::desktop_language,
    ));
    let raw: Vec<String> = os_args
        .iter()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let parsed = command()
        .try_get_matches_from(os_args)
        .and_then(|matches| Args::from_arg_matches(&matches));
    let mut args = match parsed {
        Ok(args) => args,
        Err(err) => match usage_error(&err) {
            Some(message) => {
                eprintln!("wxwork-migrate: {}", t!("prefix-error", message = message));
                eprintln!("{}", t!("usage-see-help"));
                std::process::exit(2);
            }
            None => err.exit(),
        },
    };
    if args.jobs == Some(0) {
        eprintln!(
            "wxwork-migrate: {}",
            t!("prefix-error", message = t!("jobs-at-least-one"))
        );
        std::process::exit(2);
    }
    match args.command.take() {
        Some(Command::Completions { shell }) => Invocation::Completions(shell),
        Some(Command::Man) => Invocation::Man,
        Some(Command::Explain { code }) => Invocation::Explain(code),
        None => Invocation::Run(Box::new(Settings::new(args, &raw))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(String::from).collect()
    }

    #[test]
    fn the_fix_command_swaps_looking_flags_for_write_and_keeps_the_rest() {
        assert_eq!(
            fix_command(&words("--check --exclude dist --output-format=json pages")),
            "wxwork-migrate --write --exclude dist pages"
        );
        assert_eq!(
            fix_command(&words("-l --lang zh --diff -j 2 -j3 --jobs=4")),
            "wxwork-migrate --write"
        );
        assert_eq!(
            fix_command(&["--check".into(), "my pages/a.js".into()]),
            "wxwork-migrate --write \"my pages/a.js\""
        );
    }

    #[test]
    fn the_localized_command_is_a_valid_clap_definition() {
        command().debug_assert();
    }

    #[test]
    fn the_language_flag_is_taken_out_before_parsing() {
        let take = |line: &str| {
            let mut args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
            let lang = take_lang(&mut args);
            let rest: Vec<String> = args.iter().map(|a| a.to_string_lossy().into()).collect();
            (lang, rest.join(" "))
        };
        assert_eq!(
            take("w --lang zh explain WX101"),
            (Some(Lang::Zh), "w explain WX101".into())
        );
        assert_eq!(
            take("w --check --lang=en ."),
            (Some(Lang::En), "w --check .".into())
        );
        assert_eq!(take("w -- --lang zh"), (None, "w -- --lang zh".into()));
        assert_eq!(take("w --lang fr"), (None, "w --lang fr".into()));
    }
}
