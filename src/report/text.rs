//! Findings and diffs as people read them in a terminal: `path:line:col: CODE message`, and a
//! unified diff, each coloured when the stream is a terminal.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::file::Located;
use crate::diagnostic::Severity;

const PATH: Style = Style::new().bold();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const REMOVED: Style = AnsiColor::Red.on_default();
const ADDED: Style = AnsiColor::Green.on_default();
const HUNK: Style = AnsiColor::Cyan.on_default();

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Note => AnsiColor::Cyan.on_default(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Fix => AnsiColor::Green.on_default(),
        Severity::Error => ERROR,
    }
}

fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

pub(super) fn write_finding(
    w: &mut impl Write,
    display: &str,
    finding: &Located,
    color: bool,
) -> io::Result<()> {
    let location = match finding.position {
        Some((line, column)) => format!("{display}:{line}:{column}:"),
        None => format!("{display}:"),
    };
    let severity = finding.severity();
    let code = paint(color, severity_style(severity), finding.code.as_str());
    let error = if severity == Severity::Error {
        let label = format!("{}:", severity.label());
        format!(" {}", paint(color, ERROR, &label))
    } else {
        String::new()
    };
    writeln!(
        w,
        "{}{error} {code} {}",
        paint(color, PATH, &location),
        finding.message
    )
}

pub(super) fn write_diff(w: &mut impl Write, diff: &str, color: bool) -> io::Result<()> {
    if !color {
        return w.write_all(diff.as_bytes());
    }
    for line in diff.split_inclusive('\n') {
        let style = if line.starts_with("---") || line.starts_with("+++") {
            PATH
        } else if line.starts_with("@@") {
            HUNK
        } else if line.starts_with('-') {
            REMOVED
        } else if line.starts_with('+') {
            ADDED
        } else {
            Style::new()
        };
        let body = line.trim_end_matches(['\n', '\r']);
        let end = &line[body.len()..];
        write!(w, "{}{end}", paint(color, style, body))?;
    }
    Ok(())
}
