//! Files a run adds to the project: the declaration file a TypeScript project gets when its
//! code was rewritten, and the WeCom module that framework and Promise-style calls import. Each
//! is shown as a new file in the dry run, created by `--write`, and never overwrites a file of
//! the project's.

use std::io::{self, Write};
use std::path::Path;

use crate::diagnostic::Code;
use crate::discover::{describe_io_error, relative_to};
use crate::language::Language;
use crate::report::{new_file_diff, FileReport, Located, Printer, Stdout, Summary};
use crate::settings::Mode;
use crate::t;
use crate::typings::{self, Typings};
use crate::wecom_module::{self, ModuleFile};
use crate::write;

use super::project::Project;

pub fn is_typescript(path: &Path) -> bool {
    Language::from_path(path).is_some_and(Language::is_typescript)
}

/// Declares `wx.qy` and `environment` for a TypeScript project whose code now uses them.
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
            let keys = ("typings-added", "typings-would-add");
            add_file(
                &path,
                typings::DECLARATIONS,
                keys,
                project,
                mode,
                printer,
                summary,
            )
        }
    }
}

/// The WeCom module (and its declarations, in a TypeScript project) for the project at `root`,
/// whose code now imports it.
pub fn add_module<O: Write, E: Write>(
    project: &Project,
    root: &Path,
    mode: Mode,
    printer: &mut Printer<O, E>,
    summary: &mut Summary,
) -> io::Result<()> {
    let Some(module) = project.module_at(root) else {
        return Ok(());
    };
    let source = module.source();
    let declarations = module.declarations();
    let files = [(module.path.clone(), Some(source))]
        .into_iter()
        .chain([(module.declarations_path(), declarations)]);
    for (path, text) in files {
        let Some(text) = text else { continue };
        match wecom_module::plan_file(&path, &text) {
            ModuleFile::Present => {}
            ModuleFile::Differs(_) => {
                let display = relative_to(&project.cwd, &path).display().to_string();
                printer.remark(&t!("module-differs", path = display))?;
            }
            ModuleFile::Create(_) => {
                let keys = ("module-added", "module-would-add");
                add_file(&path, &text, keys, project, mode, printer, summary)?;
            }
        }
    }
    Ok(())
}

/// Shows or creates one new file; `keys` are the messages for "added" and "would add".
fn add_file<O: Write, E: Write>(
    path: &Path,
    text: &str,
    (added, would_add): (&str, &str),
    project: &Project,
    mode: Mode,
    printer: &mut Printer<O, E>,
    summary: &mut Summary,
) -> io::Result<()> {
    let display = relative_to(&project.cwd, path).display().to_string();
    match mode {
        Mode::Diff => {
            let diff = new_file_diff(&display, text);
            printer.file(&FileReport {
                display: display.clone(),
                stdout: Some(Stdout::Diff(diff)),
                ..FileReport::default()
            })?;
        }
        Mode::Write => {
            if let Err(err) = write::create(path, text.as_bytes()) {
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
        added
    } else {
        would_add
    };
    printer.remark(&t!(key, path = display))
}
