//! What the corpus checks of a migration that may go through the WeCom module (framework
//! wrappers, Promise-style calls), or of a single-file component, where
//! `common::check_migration` (a JS/TS file without the module) does not apply. The tool's edit
//! list is only taken as a claim: each edit must have one of the forms the tool promises at a
//! rewrite site (or be the one import of the module), the output must be exactly the input with
//! those edits applied, each replacement an expression of its own in the output, the output must
//! parse, and a second run with the same options must change nothing.

use std::ops::Range;
use std::path::Path;

use swc_ecma_ast::{ModuleItem, Program};

use wxwork_migrate::diagnostic::{Code, Finding};
use wxwork_migrate::edit::Edit;
use wxwork_migrate::language::{self, Language};
use wxwork_migrate::migrate::{migrate_path, Failure, Migration, Options};
use wxwork_migrate::parse::parse;
use wxwork_migrate::sfc;

use crate::common::{self, Inserted};

/// How the corpus reads a file: as JavaScript or TypeScript, or as a component's scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Script(Language),
    Component,
}

impl Kind {
    pub fn of(path: &Path) -> Option<Kind> {
        match Language::from_path(path) {
            Some(language) => Some(Kind::Script(language)),
            None => language::is_component(path).then_some(Kind::Component),
        }
    }
}

/// The first syntax error of a text as the tool would parse it: the file's, or the first
/// `<script>` block's that does not parse, at its offset in the file.
pub fn syntax_error(text: &str, kind: Kind) -> Option<(usize, String)> {
    match kind {
        Kind::Script(language) => parse(text, language)
            .err()
            .map(|err| (err.offset, err.message)),
        Kind::Component => sfc::script_blocks(text).into_iter().find_map(|block| {
            parse(&text[block.range.clone()], block.language)
                .err()
                .map(|err| (block.range.start + err.offset, err.message))
        }),
    }
}

fn is_rewrite(code: Code) -> bool {
    common::is_rewrite(code)
}

/// One edit of the tool's, once it is known what it is.
enum Role {
    /// The import of the module, binding this name.
    Import(String),
    /// A replacement of the token at the edit's range (`wx`, or a framework's object or named
    /// import), with where in the new text the expression to check is and whether it is a
    /// parenthesised one (else a member expression; `None` for a bare identifier).
    Site {
        expression: Option<(Range<usize>, bool)>,
        module: Option<String>,
        /// `(` + guard: a decorator's, which a later `)` closes.
        opens: bool,
    },
    /// The `)` that closes a decorator's `(` guard.
    DecoratorClose,
    /// A WX103 rewrite (a key read another way in WeCom): `common::check_migration` checks its
    /// forms in the run without the module.
    SystemInfo,
}

/// The identifier `text` spells, its `\u` escapes decoded; `None` when it is not one.
fn identifier(text: &str) -> Option<String> {
    let mut name = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(escape) = rest.strip_prefix("\\u") {
            let (hex, skip) = match escape.strip_prefix('{') {
                Some(braced) => {
                    let end = braced.find('}')?;
                    (&braced[..end], end + 2)
                }
                None => (escape.get(..4)?, 4),
            };
            name.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
            rest = &escape[skip..];
        } else {
            let c = rest.chars().next()?;
            if !(c.is_alphanumeric() || c == '_' || c == '$') {
                return None;
            }
            name.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (!name.is_empty()).then_some(name)
}

/// `import * as NAME from 'SPEC'` or `const NAME = require('SPEC')`, on a line of its own
/// (the line break and indentation before or after it): the name.
fn import_name(content: &str, specifier: &str) -> Option<String> {
    if !content.contains('\n') {
        return None;
    }
    let statement = content.trim_matches(|c| matches!(c, '\r' | '\n' | ' ' | '\t'));
    let statement = statement.strip_suffix(';').unwrap_or(statement);
    let quoted = |text: &str| {
        ['\'', '"'].iter().any(|&q| {
            text.strip_prefix(q)
                .and_then(|t| t.strip_suffix(q))
                .is_some_and(|spec| spec == specifier)
        })
    };
    if let Some(rest) = statement.strip_prefix("import * as ") {
        let (name, source) = rest.split_once(" from ")?;
        return (quoted(source) && identifier(name).as_deref() == Some(name))
            .then(|| name.to_string());
    }
    let rest = statement
        .strip_prefix("const ")
        .or_else(|| statement.strip_prefix("var "))
        .or_else(|| statement.strip_prefix("let "))?;
    let (name, call) = rest.split_once(" = require(")?;
    let source = call.strip_suffix(')')?;
    (quoted(source) && identifier(name).as_deref() == Some(name)).then(|| name.to_string())
}

/// The object a WeCom branch calls, as the tool writes it: `N`, `N.callbacks`, `N.tuple`, and
/// for a named import the function itself (`N.login`, `N.callbacks.checkSession`...). The
/// module's name and whether it names the function.
fn wecom_object(text: &str, api: &str) -> Option<(String, bool)> {
    let (object, named) = match text.strip_suffix(&format!(".{api}")) {
        Some(object) => (object, true),
        None => (text, false),
    };
    let name = object
        .strip_suffix(".callbacks")
        .or_else(|| object.strip_suffix(".tuple"))
        .unwrap_or(object);
    identifier(name)
        .filter(|decoded| decoded == name)
        .map(|name| (name, named))
}

/// What `edit` is, given the findings of its run; `Err` says why it is none of the forms.
fn role(
    edit: &Edit,
    input: &str,
    findings: &[Finding],
    language: Option<Language>,
    specifier: Option<&str>,
) -> Result<Role, String> {
    if edit.range.is_empty() {
        if let Some(name) = specifier.and_then(|spec| import_name(&edit.content, spec)) {
            return Ok(Role::Import(name));
        }
    }
    let Some(finding) = findings.iter().find(|f| {
        is_rewrite(f.code) && f.range.start <= edit.range.start && edit.range.end <= f.range.end
    }) else {
        return Err(format!(
            "edit {:?} -> {:?} is neither the module's import nor inside a rewrite site",
            edit.range, edit.content
        ));
    };
    if finding.code == Code::SystemInfoRewrite {
        return Ok(Role::SystemInfo);
    }
    if edit.range.is_empty() && edit.content == ")" {
        return Ok(Role::DecoratorClose);
    }
    let api = if finding.code == Code::LoginRewrite {
        "login"
    } else {
        "checkSession"
    };
    let token = &input[edit.range.clone()];
    let content = edit.content.as_str();
    let is_wx = identifier(token).as_deref() == Some("wx");
    // The inline guard of a read of `wx` (its TypeScript form in TypeScript, where the block's
    // language is known).
    if is_wx {
        let forms: &[(&str, &str)] = match language {
            Some(language) if language.is_typescript() => &[(common::GUARD_TS, common::WECOM_TS)],
            Some(_) => &[(common::GUARD, common::WECOM)],
            None => &[
                (common::GUARD, common::WECOM),
                (common::GUARD_TS, common::WECOM_TS),
            ],
        };
        for (guard, wecom) in forms {
            if content == *guard {
                return Ok(site(0..content.len(), true, None));
            }
            if content.strip_prefix(';') == Some(guard) {
                return Ok(site(1..content.len(), true, None));
            }
            if content.strip_prefix('(') == Some(guard) {
                return Ok(Role::Site {
                    expression: Some((1..content.len(), true)),
                    module: None,
                    opens: true,
                });
            }
            if content == *wecom {
                return Ok(site(0..content.len(), false, None));
            }
        }
    }
    // The module: `(N.isWxWork() ? <wecom> : <token>)`, after `;` where a statement is left
    // open, or `<wecom>` alone in a WeCom branch.
    let (start, body) = match content.strip_prefix(';') {
        Some(body) => (1, body),
        None => (0, content),
    };
    if let Some(inner) = body
        .strip_prefix('(')
        .and_then(|b| b.strip_suffix(&format!(" : {token})")))
    {
        if let Some((check, wecom)) = inner.split_once(" ? ") {
            let checked = check.strip_suffix(".isWxWork()");
            if let (Some(checked), Some((name, named))) = (checked, wecom_object(wecom, api)) {
                // The module's function stands in for a named import (a plain identifier).
                let fits = !named || (!is_wx && identifier(token).as_deref() == Some(token));
                if checked == name && fits {
                    return Ok(site(start..content.len(), true, Some(name)));
                }
            }
        }
    }
    if let Some((name, _)) = wecom_object(content, api) {
        let member = content.contains('.');
        return Ok(Role::Site {
            expression: member.then_some((0..content.len(), false)),
            module: Some(name),
            opens: false,
        });
    }
    Err(format!(
        "the rewrite of {token:?} at {:?} is none of the tool's forms: {content:?}",
        edit.range
    ))
}

/// The import of the module is of the file's own module system: no `import` in a CommonJS file
/// (`.cjs`, or one that uses `exports` and has no `import` or `export` of its own), where
/// Node.js refuses it and a bundler makes `exports` undefined; no `require` in a `.mjs` file.
fn check_module_system(
    path: &Path,
    input: &str,
    language: Language,
    statement: &str,
) -> Result<(), String> {
    let extension = path.extension().and_then(|ext| ext.to_str()).unwrap_or("");
    let es_syntax = match parse(input, language) {
        Ok(Program::Module(module)) => module
            .body
            .iter()
            .any(|item| matches!(item, ModuleItem::ModuleDecl(_))),
        _ => false,
    };
    let common_js = extension == "cjs"
        || extension == "cts"
        || (!es_syntax && (input.contains("module.exports") || input.contains("exports.")));
    if statement.starts_with("import ") && common_js {
        return Err(format!(
            "an ES module import in a CommonJS file (`exports`, no `import` or `export`): {statement:?}"
        ));
    }
    if !statement.starts_with("import ") && matches!(extension, "mjs" | "mts") {
        return Err(format!("a `require` in an ES module file: {statement:?}"));
    }
    Ok(())
}

fn site(expression: Range<usize>, paren: bool, module: Option<String>) -> Role {
    Role::Site {
        expression: Some((expression, paren)),
        module,
        opens: false,
    }
}

/// Checks one migration (see the module's documentation). Returns the start of every token a
/// site edit replaced, which the caller matches with the census.
pub fn check(
    path: &Path,
    input: &str,
    kind: Kind,
    migration: &Migration,
    options: &Options,
) -> Result<Vec<usize>, String> {
    common::check_ranges(input, &migration.findings)?;
    if let Some(f) = migration
        .findings
        .iter()
        .find(|f| !is_rewrite(f.code) && !f.edits.is_empty())
    {
        return Err(format!("{} {} carries edits", f.code, f.message));
    }
    let Some(output) = common::rewritten(input, migration)? else {
        return Ok(Vec::new());
    };
    let mut edits: Vec<Edit> = migration
        .findings
        .iter()
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    edits.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.content).cmp(&(b.range.start, b.range.end, &b.content))
    });
    edits.dedup();
    let language = match kind {
        Kind::Script(language) => Some(language),
        Kind::Component => None,
    };
    let module = options.module.and_then(|module| module());
    let specifier = module.as_ref().map(|module| module.specifier.as_str());

    // Apply the edits ourselves, noting where each replacement's expression lands.
    let mut expected = String::with_capacity(output.len());
    let mut copied = 0;
    let mut imports = Vec::new();
    let mut imports_text = Vec::new();
    let mut names = Vec::new();
    let mut inserted = Vec::new();
    let mut tokens = Vec::new();
    let (mut opens, mut closes) = (0, 0);
    for edit in &edits {
        if edit.range.start < copied || edit.range.end > input.len() {
            return Err(format!(
                "edit {:?} overlaps another or is out of range",
                edit.range
            ));
        }
        expected.push_str(&input[copied..edit.range.start]);
        let at = expected.len();
        match role(edit, input, &migration.findings, language, specifier)? {
            Role::Import(name) => {
                imports.push(name);
                imports_text.push(edit.content.trim().to_string());
            }
            Role::Site {
                expression,
                module,
                opens: open,
            } => {
                tokens.push(edit.range.start);
                names.extend(module);
                opens += usize::from(open);
                if let Some((range, paren)) = expression {
                    let range = at + range.start..at + range.end;
                    inserted.push(Inserted { range, paren });
                }
            }
            Role::DecoratorClose => closes += 1,
            Role::SystemInfo => {}
        }
        expected.push_str(&edit.content);
        copied = edit.range.end;
    }
    expected.push_str(&input[copied..]);
    if opens != closes {
        return Err(format!(
            "{opens} decorator guards opened with `(`, {closes} closed"
        ));
    }
    if &expected != output {
        return Err(format!(
            "the output is not the input with the tool's edits applied: first difference at \
             output byte {}",
            common::first_difference(&expected, output)
        ));
    }
    match imports.as_slice() {
        [] => {
            if let Some(name) = names.first() {
                if !specifier.is_some_and(|spec| input.contains(spec)) {
                    return Err(format!(
                        "sites call the module as `{name}`, but nothing imports it"
                    ));
                }
            }
        }
        [import] => {
            if names.iter().any(|name| name != import) {
                return Err(format!(
                    "the module is imported as `{import}` but sites call {names:?}"
                ));
            }
            if names.is_empty() {
                return Err("the module is imported, but no site uses it".to_string());
            }
        }
        more => return Err(format!("the module is imported {} times", more.len())),
    }

    if let (Some(statement), Kind::Script(language)) = (imports_text.first(), kind) {
        check_module_system(path, input, language, statement)?;
    }

    // The output parses, and each replacement is an expression of its own there.
    match kind {
        Kind::Script(language) => {
            parse(output, language).map_err(|e| {
                format!(
                    "the output does not parse at byte {}: {}",
                    e.offset, e.message
                )
            })?;
            common::check_replacements_are_expressions(output, language, &inserted)?;
        }
        Kind::Component => {
            let blocks = sfc::script_blocks(output);
            for block in &blocks {
                let code = &output[block.range.clone()];
                parse(code, block.language).map_err(|e| {
                    format!(
                        "the output's <script> block does not parse at byte {}: {}",
                        block.range.start + e.offset,
                        e.message
                    )
                })?;
                let inside: Vec<Inserted> = inserted
                    .iter()
                    .filter(|ins| {
                        block.range.start <= ins.range.start && ins.range.end <= block.range.end
                    })
                    .map(|ins| Inserted {
                        range: ins.range.start - block.range.start
                            ..ins.range.end - block.range.start,
                        paren: ins.paren,
                    })
                    .collect();
                common::check_replacements_are_expressions(code, block.language, &inside)?;
            }
            if let Some(outside) = inserted.iter().find(|ins| {
                !blocks.iter().any(|block| {
                    block.range.start <= ins.range.start && ins.range.end <= block.range.end
                })
            }) {
                return Err(format!(
                    "a replacement at output bytes {:?} is outside every <script> block",
                    outside.range
                ));
            }
        }
    }

    // A second run changes nothing, and reports the same flags and notes.
    let again = match migrate_path(path, output, options) {
        Some(Ok(again)) => again,
        Some(Err(Failure::Internal { offset, message })) => {
            return Err(format!("a second run fails: WX903 at {offset}: {message}"))
        }
        Some(Err(other)) => return Err(format!("a second run fails: {other:?}")),
        None => return Err("a second run does not read the file".to_string()),
    };
    common::check_second_run(migration, output, &again)?;
    Ok(tokens)
}
