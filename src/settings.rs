//! The settings every stage reads: how the run was asked to show its results and what it may
//! do to files. Below the stages, so that the report and the writer need not know the command
//! line that chose them.

use clap::ValueEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
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
