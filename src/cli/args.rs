//! The flags as clap reads them, before [`Settings`](super::Settings) validates them.

use std::path::PathBuf;

use clap::{ArgAction, Parser, Subcommand};
use clap_complete::Shell;

use crate::compat::Client;
use crate::messages::Lang;
use crate::settings::{ColorChoice, OutputFormat};
use crate::t;

/// `--version` names the build that runs, since the npm package picks a native binary or the
/// WebAssembly module at run time.
#[cfg(not(target_family = "wasm"))]
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (native)");
#[cfg(target_family = "wasm")]
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (WebAssembly)");

// Every help text comes from the message catalogue (see `command`), so the fields carry no doc
// comments: clap would otherwise print them in English whatever the language.
#[derive(Parser, Debug)]
#[command(
    name = "wxwork-migrate",
    version = VERSION,
    args_conflicts_with_subcommands = true,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[arg(conflicts_with_all = ["staged", "since", "stdin_filename"])]
    pub paths: Vec<PathBuf>,

    #[arg(long, conflicts_with = "since")]
    pub staged: bool,

    #[arg(long, value_name = "REV")]
    pub since: Option<String>,

    #[arg(long, alias = "fix", conflicts_with_all = ["check", "stdin_filename"])]
    pub write: bool,

    #[arg(long, conflicts_with_all = ["write", "check"])]
    pub diff: bool,

    #[arg(long, value_name = "PATH", conflicts_with_all = ["staged", "since"])]
    pub stdin_filename: Option<PathBuf>,

    #[arg(long)]
    pub check: bool,

    #[arg(
        long,
        short = 'l',
        conflicts_with_all = ["check", "stdin_filename", "statistics", "output_format"]
    )]
    pub list_different: bool,

    #[arg(long, conflicts_with_all = ["stdin_filename", "output_format"])]
    pub statistics: bool,

    #[arg(long, conflicts_with_all = ["write", "stdin_filename", "statistics", "list_different"])]
    pub readiness: bool,

    #[arg(long, value_name = "GLOB", action = ArgAction::Append)]
    pub exclude: Vec<String>,

    #[arg(long)]
    pub force_exclude: bool,

    /// Checked after parsing, so that `-j 0` gets a sentence rather than clap's wording.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    #[arg(long, value_name = "EXPR")]
    pub guard_expr: Option<String>,

    #[arg(long, value_name = "CLIENTS", value_parser = parse_target, value_delimiter = ',')]
    pub targets: Vec<Client>,

    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,

    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Text)]
    pub output_format: OutputFormat,

    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,

    #[arg(long, short = 'h', action = ArgAction::Help)]
    help: Option<bool>,

    #[arg(long, short = 'V', action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand, Debug)]
#[command(disable_help_flag = true)]
pub enum Command {
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    Man,
    Explain {
        code: String,
    },
}

fn parse_target(text: &str) -> Result<Client, String> {
    Client::parse(text.trim()).ok_or_else(|| t!("bad-target", target = text))
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
        .ok_or_else(|| t!("bad-size", text = text))
}
