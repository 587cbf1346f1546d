//! The per-file pipeline on text: prefilter → parse → resolve → find → plan → apply → verify.
//! No I/O here, so that tests, the CLI and future integrations (stdin, editors) share it.

use std::path::Path;

use crate::compat::{Clients, Use};
use crate::diagnostic::{Code, Finding};
use crate::edit::{self, Edit};
use crate::find::{find, survey, Found};
use crate::ifdef::{weixin_view, NotCarried, Unresolved, WeixinView};
use crate::language::{is_component, is_template, Language};
use crate::limits::{check_text_nesting, TooDeep};
use crate::manifest::VueVersion;
use crate::parse::{parse, parse_with_comments, SyntaxError};
use crate::plan::{plan, Context, Guard};
use crate::prefilter::may_reach_api;
use crate::sfc::{needs_shared_wx, script_blocks, template_block, SHARED_WX};
use crate::source::LineIndex;
use crate::suppress::{self, MARKER};
use crate::t;
use crate::wecom_module::{ModuleRef, ModuleSource};
use crate::wxml;

/// The result of migrating one file's text.
#[derive(Debug, Default)]
pub struct Migration {
    /// The new text, when it differs from the old.
    pub output: Option<String>,
    pub findings: Vec<Finding>,
    /// Whether the file was parsed, or skipped because its bytes cannot hold a site.
    pub parsed: bool,
    /// Every API and component of WeChat's the file uses, once each, by name: only when
    /// [`Options::inventory`] asks.
    pub uses: Vec<Use>,
    /// The output imports the WeCom module, which the project must then have.
    pub uses_module: bool,
}

/// Why a file's text could not be migrated. The file must then be left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The input does not parse.
    Syntax(SyntaxError),
    /// The input parses but is nested too deeply to process safely.
    TooDeep(TooDeep),
    /// The tool's own output failed a safety check: a bug, reported rather than written.
    Internal { offset: usize, message: String },
    /// uni-app's conditional compilation cannot be read as the WeChat build reads it.
    Conditional(Unresolved),
}

pub fn migrate(text: &str, language: Language, guard: &Guard) -> Result<Migration, Failure> {
    let options = Options {
        guard,
        ignored: &[],
        verify: true,
        targets: Clients::ALL,
        inventory: false,
        module: None,
        vue: VueVersion::default(),
    };
    migrate_with(text, language, &options)
}

/// How a file is migrated.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    pub guard: &'a Guard,
    /// Codes left alone: neither reported nor fixed (a configuration's `per-file-ignores`, or
    /// everything but the code exchange outside the mini-program root).
    pub ignored: &'a [Code],
    /// Parse the rewritten text again before handing it out. `--check` neither writes nor
    /// shows the text, so it can skip that second parse.
    pub verify: bool,
    /// The WeCom clients the project must run on: an API or component missing on none of them
    /// is not reported.
    pub targets: Clients,
    /// List every API and component used (the readiness report): every file is parsed, since
    /// the prefilter only proves the absence of what is reported.
    pub inventory: bool,
    /// How this file imports the WeCom module, which framework wrappers and Promise-style calls
    /// need: `None` (or a source that gives none) leaves them as they are, with a finding.
    pub module: Option<ModuleSource<'a>>,
    /// The Vue a uni-app project builds with (`manifest.json`), which its conditional
    /// compilation (`#ifdef VUE3`) reads. The command line looks it up only for a file that
    /// holds directives (`ifdef::has_directive`): elsewhere it is the default.
    pub vue: VueVersion,
}

/// Migrates a file by its path's kind: a JavaScript or TypeScript file, or the `<script>` blocks
/// of a single-file component. `None` for files the tool does not process.
pub fn migrate_path(
    path: &Path,
    text: &str,
    options: &Options,
) -> Option<Result<Migration, Failure>> {
    // uni-app's conditional compilation: a file that holds directives is migrated as the
    // WeChat build reads it (`crate::ifdef`), the edits then made to the file as written.
    match weixin_view(path, text, options.vue) {
        Ok(None) => migrate_kind(path, text, options),
        Ok(Some(view)) => {
            let outer = options.module;
            let on_top = move || {
                let reference = outer.and_then(|module| module())?;
                Some(ModuleRef {
                    on_top: true,
                    ..reference
                })
            };
            let in_view = Options {
                module: Some(&on_top),
                ..*options
            };
            migrate_kind(path, view.text(), &in_view).map(|migrated| {
                migrated.and_then(|migration| carry_over(&view, text, migration, options.verify))
            })
        }
        // uni-app fails on such directives, so a file that holds them yet parses as written is
        // not one it reads: a build script's text (mp-html's and uview-plus's plugins write
        // `/* #ifdef */` into strings). It is read as written.
        Err(_) if parses_as_written(path, text) => migrate_kind(path, text, options),
        Err(unresolved) => Some(Err(Failure::Conditional(unresolved))),
    }
}

/// The migration of `view` made the migration of `original`: the same findings at the same
/// offsets, the edits applied to `original`.
fn carry_over(
    view: &WeixinView,
    original: &str,
    mut migration: Migration,
    verify: bool,
) -> Result<Migration, Failure> {
    let Some(view_output) = migration.output.take() else {
        return Ok(migration);
    };
    let edits: Vec<Edit> = migration
        .findings
        .iter()
        .flat_map(|finding| finding.edits.iter().cloned())
        .collect();
    let output = view
        .carry_over(original, edits, &view_output, verify)
        .map_err(|NotCarried { offset, message }| Failure::Internal { offset, message })?;
    migration.output = Some(output);
    Ok(migration)
}

fn parses_as_written(path: &Path, text: &str) -> bool {
    Language::from_path(path).is_some_and(|language| parse(text, language).is_ok())
}

fn migrate_kind(path: &Path, text: &str, options: &Options) -> Option<Result<Migration, Failure>> {
    let ignored = options.ignored;
    if let Some(language) = Language::from_path(path) {
        return Some(migrate_with(text, language, options));
    }
    if is_template(path) {
        if !options.inventory && !wxml::may_report(text) {
            return Some(Ok(Migration::default()));
        }
        let mut findings = wxml::scan(text, options.targets);
        findings.retain(|finding| !ignored.contains(&finding.code));
        return Some(Ok(Migration {
            output: None,
            findings,
            parsed: true,
            uses: inventory(options, || wxml::components_used(text)),
            uses_module: false,
        }));
    }
    is_component(path).then(|| migrate_component(text, options))
}

/// Each `<script>` block migrated on its own, its findings and edits shifted into the file, and
/// the `<template>` scanned like WXML.
fn migrate_component(text: &str, options: &Options) -> Result<Migration, Failure> {
    let ignored = options.ignored;
    let mut findings = Vec::new();
    let mut uses = Vec::new();
    if let Some(template) = template_block(text) {
        uses = inventory(options, || wxml::components_used(&text[template.clone()]));
        let start = template.start;
        findings.extend(
            wxml::scan(&text[template], options.targets)
                .into_iter()
                .filter(|finding| !ignored.contains(&finding.code))
                .map(|finding| finding.shifted(start)),
        );
    }
    let mut parsed = false;
    let mut uses_module = false;
    let blocks = script_blocks(text);
    for (block, shared) in blocks.iter().zip(needs_shared_wx(text, &blocks)) {
        let prefix = if shared { SHARED_WX } else { "" };
        // Offsets in `code` are offsets in the file plus the prefix's length.
        let start = block.range.start - prefix.len();
        let code = &format!("{prefix}{}", &text[block.range.clone()]);
        let migration =
            migrate_with(code, block.language, options).map_err(|failure| match failure {
                Failure::Syntax(err) => Failure::Syntax(SyntaxError {
                    offset: start + err.offset,
                    message: err.message,
                }),
                Failure::Internal { offset, message } => Failure::Internal {
                    offset: start + offset,
                    message,
                },
                Failure::TooDeep(too_deep) => Failure::TooDeep(too_deep),
                Failure::Conditional(Unresolved { offset, message }) => {
                    Failure::Conditional(Unresolved {
                        offset: start + offset,
                        message,
                    })
                }
            })?;
        parsed |= migration.parsed;
        uses_module |= migration.uses_module;
        uses.extend(migration.uses);
        findings.extend(
            migration
                .findings
                .into_iter()
                .map(|finding| finding.shifted(start)),
        );
    }
    findings.sort_by_key(|f| (f.range.start, f.code));
    // Each block's own output was parsed again already; blocks never overlap.
    let output = apply_fixes(text, &findings)?.map(|(output, _)| output);
    Ok(Migration {
        output,
        findings,
        parsed,
        uses: once_each(uses),
        uses_module,
    })
}

/// `list()` when the options ask for the inventory, once each; else nothing.
fn inventory(options: &Options, list: impl FnOnce() -> Vec<Use>) -> Vec<Use> {
    if options.inventory {
        once_each(list())
    } else {
        Vec::new()
    }
}

fn once_each(mut uses: Vec<Use>) -> Vec<Use> {
    uses.sort_by(|a, b| a.shown.cmp(&b.shown));
    uses.dedup_by(|a, b| a.shown == b.shown);
    uses
}

/// [`migrate`] with all the options.
pub fn migrate_with(
    text: &str,
    language: Language,
    options: &Options,
) -> Result<Migration, Failure> {
    if !options.inventory && !may_reach_api(text) {
        return Ok(Migration::default());
    }
    migrate_parsed(text, language, options)
}

/// [`migrate_with`] on a file the prefilter let through: parsed, whatever its bytes.
pub(crate) fn migrate_parsed(
    text: &str,
    language: Language,
    options: &Options,
) -> Result<Migration, Failure> {
    let Options {
        guard,
        ignored,
        verify,
        targets,
        inventory,
        module,
        // Read by `migrate_path`, before the text gets here.
        vue: _,
    } = *options;
    check_text_nesting(text).map_err(Failure::TooDeep)?;
    // Collecting comments costs time; only files that mention the marker need them.
    let (mut program, comments) =
        if memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_some() {
            parse_with_comments(text, language).map_err(Failure::Syntax)?
        } else {
            (parse(text, language).map_err(Failure::Syntax)?, Vec::new())
        };
    let may_have_sites = match survey(&program) {
        Ok(may_have_sites) => may_have_sites,
        Err(too_deep) => {
            // Dropping the tree recurses as deep as it is nested; leaking one pathological
            // file's tree is better than overflowing the stack.
            std::mem::forget(program);
            return Err(Failure::TooDeep(too_deep));
        }
    };
    let found = if may_have_sites || inventory {
        find(
            &mut program,
            text,
            language.is_typescript(),
            guard.project_check(),
            inventory,
        )
    } else {
        Found::default()
    };
    if let Some(offset) = found.unlocated {
        return Err(Failure::Internal {
            offset,
            message: t!("no-wx-token"),
        });
    }
    let module = found
        .imports
        .as_ref()
        .and(module)
        .and_then(|source| source());
    let context = Context {
        source: text,
        guard,
        language,
        targets,
        module: module.as_ref(),
    };
    let mut findings = plan(&found, &context);
    if !comments.is_empty() {
        suppress::apply(&mut findings, &comments, &LineIndex::new(text));
    }
    findings.retain(|finding| !ignored.contains(&finding.code));
    let output = match apply_fixes(text, &findings)? {
        None => None,
        Some((output, edits)) => {
            if let Err(err) = verify.then(|| parse(&output, language)).transpose() {
                return Err(Failure::Internal {
                    offset: edit::original_offset(&edits, err.offset),
                    message: t!("rewrite-would-not-parse", detail = err.message),
                });
            }
            Some(output)
        }
    };
    Ok(Migration {
        uses_module: findings.iter().any(|finding| finding.uses_module),
        output,
        findings,
        parsed: true,
        uses: once_each(found.uses),
    })
}

/// The text with every finding's edits applied, and those edits; `None` when there are none.
fn apply_fixes(text: &str, findings: &[Finding]) -> Result<Option<(String, Vec<Edit>)>, Failure> {
    let mut edits: Vec<Edit> = findings
        .iter()
        .flat_map(|finding| finding.edits.iter().cloned())
        .collect();
    edit::once_each(&mut edits);
    if edits.is_empty() {
        return Ok(None);
    }
    let output = edit::apply(text, edits.clone()).map_err(|err| Failure::Internal {
        offset: err.second.start,
        message: err.to_string(),
    })?;
    Ok(Some((output, edits)))
}
