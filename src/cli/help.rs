//! The command definition in the run's language: `--help`, the man page and completions
//! come from it, and clap's complaints about a command line are put in the same words.

use clap::CommandFactory;

use super::args::Args;
use crate::diagnostic::Code;
use crate::t;

/// The text after the options in `--help`: exit codes, finding codes, the configuration file
/// and suppression comments, from the same data the tool reports with.
pub fn after_help() -> String {
    let mut text = t!("help-exit-codes");
    text.push_str("\n\n");
    text.push_str(&t!("help-finding-codes"));
    text.push('\n');
    for code in Code::ALL {
        text.push_str(&format!(
            "  {}  {}  {}\n",
            code.as_str(),
            code.severity().label(),
            code.summary()
        ));
    }
    text.push('\n');
    text.push_str(&t!("help-configuration"));
    text
}

/// The full command definition, shared by parsing, completions and the man page, with its
/// texts in the run's language.
pub fn command() -> clap::Command {
    let command = localize(Args::command())
        .about(t!("about"))
        .long_about(t!("long-about"))
        .after_help(after_help())
        .subcommand_help_heading(t!("help-commands"));
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    names.into_iter().fold(command, |command, name| {
        command.mut_subcommand(&name, |sub| {
            // The root's help flag is part of its derive; a subcommand's is added here.
            let help = clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help);
            localize(sub.arg(help)).about(t!(&format!("help-{name}")))
        })
    })
}

/// Replaces clap's English headings and each argument's help with the catalogue's. Defaults
/// and possible values are part of each sentence, so clap's English brackets are hidden.
fn localize(command: clap::Command) -> clap::Command {
    let usage = t!("help-usage");
    let ids: Vec<(String, bool, bool)> = command
        .get_arguments()
        .map(|arg| {
            let id = arg.get_id().to_string();
            (id, arg.is_positional(), arg.get_action().takes_values())
        })
        .collect();
    let command = command.help_template(format!(
        "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
    ));
    ids.into_iter()
        .fold(command, |command, (id, positional, takes_values)| {
            let heading = if positional {
                t!("help-arguments")
            } else {
                t!("help-options")
            };
            command.mut_arg(&id, |arg| {
                let arg = arg.help(t!(&format!("help-{id}"))).help_heading(heading);
                if takes_values {
                    arg.hide_default_value(true).hide_possible_values(true)
                } else {
                    arg
                }
            })
        })
}

/// clap's complaint about the command line, in the run's language; `None` for `--help` and
/// `--version`, which clap prints itself.
pub fn usage_error(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    let context = |kind| {
        err.get(kind)
            .map(|value| value.to_string())
            .unwrap_or_default()
    };
    let arg = context(ContextKind::InvalidArg);
    let message = match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::UnknownArgument => match err.get(ContextKind::SuggestedArg) {
            Some(suggested) => t!("usage-unknown-suggested", arg = arg, suggested = suggested),
            None => t!("usage-unknown", arg = arg),
        },
        ErrorKind::InvalidValue => {
            let (value, values) = (
                context(ContextKind::InvalidValue),
                context(ContextKind::ValidValue),
            );
            if value.is_empty() {
                t!("usage-missing-value", arg = arg, values = values)
            } else {
                t!(
                    "usage-invalid-value",
                    arg = arg,
                    value = value,
                    values = values
                )
            }
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(err)
                .map(|source| source.to_string())
                .unwrap_or_default();
            t!("usage-bad-value", arg = arg, reason = reason)
        }
        ErrorKind::ArgumentConflict => t!(
            "usage-conflict",
            arg = arg,
            prior = context(ContextKind::PriorArg)
        ),
        ErrorKind::MissingRequiredArgument => t!("usage-missing", args = arg),
        ErrorKind::InvalidSubcommand => t!(
            "usage-unknown-command",
            command = context(ContextKind::InvalidSubcommand)
        ),
        _ => {
            let rendered = err.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.strip_prefix("error: ").unwrap_or(first).to_string()
        }
    };
    Some(message)
}
