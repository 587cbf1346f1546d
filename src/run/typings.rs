//! The declaration file a TypeScript project gets when its code was rewritten.

use std::io::{self, Write};
use std::path::Path;

use crate::cli::Mode;
use crate::diagnostic::Code;
use crate::discover::{describe_io_error, relative_to};
use crate::parse::Language;
use crate::report::{new_file_diff, FileReport, Located, Printer, Stdout, Summary};
use crate::t;
use crate::typings::{self, Typings};
use crate::write;

use super::project::Project;

pub fn is_typescript(path: &Path) -> bool {
    Language::from_path(path).is_some_and(Language::is_typescript)
}

/// Declares `wx.qy` and `environment` for a TypeScript project whose code now uses them: shown
/// as a new file in the diff, created by `--write`, never overwriting a file of the project's.
pub fn add_typings<O: Write, E: Write>(
    project: &Project,
    mode: Mode,
    printer: &mut Printer<O, E>,
    summary: &mut Summary,
) -> io::Result<()> {
    let path = project.root.join(&project.typings);
    let display = relative_to(&project.cwd, &path).display().to_string();
    match typings::plan(&project.root, &project.typings) {
        Typings::NotNeeded | Typings::Present => Ok(()),
        Typings::Occupied(_) => printer.remark(&t!("typings-occupied", path = display)),
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
                                t!("not-written", reason = describe_io_error(&err)),
                            )],
                            display,
                            ..FileReport::default()
                        });
                    }
                }
                Mode::Check | Mode::Print => {}
            }
            let key = if mode == Mode::Write {
                "typings-added"
            } else {
                "typings-would-add"
            };
            printer.remark(&t!(key, path = display))
        }
    }
}
