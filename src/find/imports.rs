//! How a file imports, so that an import of the WeCom module the tool adds reads like the file's
//! own: the same statement (`import` or `require`), quotes and semicolons, in the same place.

use swc_common::Spanned;
use swc_ecma_ast::{
    Decl, Expr, ImportSpecifier, ModuleDecl, ModuleItem, Pat, Program, Stmt, VarDeclKind,
};

use super::specifier::{is_wecom_module, required};
use super::syntax::unparen;
use crate::parse::range_of;

/// What an import of the WeCom module must match in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imports {
    /// The name an import or `require` of the module already binds.
    pub existing: Option<String>,
    /// Where a new import goes: after the last import or `require` that opens the file (`after`),
    /// else before its first statement. A `require` must run before the code that uses it.
    pub at: usize,
    pub after: bool,
    pub es_module: bool,
    pub requires: bool,
    /// Exports through `module.exports` or `exports.x`: a CommonJS module, which an `import`
    /// would turn into an ES module (and break, in Node.js and webpack alike).
    pub commonjs: bool,
    pub quote: char,
    pub semicolons: bool,
    /// What follows the new line starts with a character that would continue it (`(`, `[`, a
    /// template): without a `;` the two would be read as one statement.
    pub hazard: bool,
    /// `var` in a file that declares nothing with `const` or `let`.
    pub declaration: &'static str,
    pub line_ending: &'static str,
    /// The spaces or tabs before the statement the new one goes beside (a `<script>` block's
    /// code is often indented).
    pub indent: String,
    /// The start of the file's first line of code: past a byte order mark, or past the line
    /// break that opens a `<script>` block's text.
    pub top: usize,
    /// The file binds `wxwork` to something else.
    pub wxwork_taken: bool,
}

pub fn of(program: &Program, source: &str, wxwork_taken: bool) -> Imports {
    let items: Vec<Item> = match program {
        Program::Module(module) => module.body.iter().map(Item::of_module_item).collect(),
        Program::Script(script) => script.body.iter().map(Item::Stmt).collect(),
    };
    let mut existing = None;
    let mut es_module = false;
    let mut requires = false;
    let mut quote = None;
    let mut opening_end = None;
    let mut opening_start = None;
    let mut opening = true;
    let mut var_only = None;
    for item in &items {
        let import = item.import_source();
        es_module |= item.is_module_decl();
        requires |= import.as_ref().is_some_and(|i| i.required);
        if let Some(import) = &import {
            quote = quote.or(import.quote);
            if existing.is_none() && is_wecom_module(import.source) {
                existing = import.binds.clone();
            }
        }
        if let Some(kind) = item.var_kind() {
            let is_var = kind == VarDeclKind::Var;
            var_only = Some(var_only.unwrap_or(true) && is_var);
        }
        if opening && (import.is_some() || item.is_directive()) {
            opening_end = Some(item.span_end());
            opening_start = Some(item.span_start());
        } else {
            opening = false;
        }
    }
    let first_start = items.first().map(Item::span_start);
    let (at, after) = match (opening_end, first_start) {
        (Some(end), _) => (end, true),
        (None, Some(start)) => (start, false),
        (None, None) => (source.len(), false),
    };
    let bytes = source.as_bytes();
    let beside = opening_start.or(first_start).unwrap_or(0);
    let line_start = memchr::memrchr(b'\n', &bytes[..beside]).map_or(0, |n| n + 1);
    let indent: String = source[line_start..beside]
        .chars()
        .take_while(|c| matches!(c, ' ' | '\t'))
        .collect();
    let follows = after_comments(&source[at..]);
    let semicolons = items
        .iter()
        .filter(|item| item.is_simple())
        .map(|item| source[..item.span_end()].ends_with(';'))
        .next()
        // Else any line ending in one says so.
        .unwrap_or_else(|| memchr::memmem::find(bytes, b";\n").is_some());
    Imports {
        existing,
        at,
        after,
        es_module,
        requires,
        commonjs: !es_module && memchr::memmem::find(bytes, b"exports").is_some(),
        quote: quote.unwrap_or_else(|| majority_quote(bytes)),
        semicolons,
        hazard: follows.starts_with(['(', '[', '`', '+', '-', '/']),
        declaration: if var_only == Some(true) {
            "var"
        } else {
            "const"
        },
        line_ending: match memchr::memchr(b'\n', bytes) {
            Some(n) if n > 0 && bytes[n - 1] == b'\r' => "\r\n",
            _ => "\n",
        },
        indent,
        top: top_of(source),
        wxwork_taken,
    }
}

fn top_of(source: &str) -> usize {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    match &source.as_bytes()[bom..] {
        [b'\n', ..] => bom + 1,
        [b'\r', b'\n', ..] => bom + 2,
        _ => bom,
    }
}

/// `text` from its first token: past spaces, line ends and comments.
fn after_comments(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.split_once('\n').map_or("", |(_, next)| next);
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, next)| next);
        } else {
            return text;
        }
    }
}

/// The quote the file's strings mostly use, when it has no import to copy one from.
fn majority_quote(bytes: &[u8]) -> char {
    let single = memchr::memchr_iter(b'\'', bytes).count();
    let double = memchr::memchr_iter(b'"', bytes).count();
    if single > double {
        '\''
    } else {
        '"'
    }
}

enum Item<'a> {
    Stmt(&'a Stmt),
    Decl(&'a ModuleDecl),
}

/// An `import` or a `const x = require(...)`.
struct ImportSource<'a> {
    source: &'a str,
    quote: Option<char>,
    /// The one name it binds to the whole module, if it does.
    binds: Option<String>,
    required: bool,
}

impl<'a> Item<'a> {
    fn of_module_item(item: &'a ModuleItem) -> Item<'a> {
        match item {
            ModuleItem::Stmt(stmt) => Item::Stmt(stmt),
            ModuleItem::ModuleDecl(decl) => Item::Decl(decl),
        }
    }

    fn span_start(&self) -> usize {
        match self {
            Item::Stmt(stmt) => range_of(stmt.span()).start,
            Item::Decl(decl) => range_of(decl.span()).start,
        }
    }

    fn span_end(&self) -> usize {
        match self {
            Item::Stmt(stmt) => range_of(stmt.span()).end,
            Item::Decl(decl) => range_of(decl.span()).end,
        }
    }

    fn is_module_decl(&self) -> bool {
        matches!(self, Item::Decl(_))
    }

    /// `"use strict"` and the like.
    fn is_directive(&self) -> bool {
        matches!(self, Item::Stmt(Stmt::Expr(stmt)) if matches!(&*stmt.expr, Expr::Lit(_)))
    }

    /// A statement whose end shows whether the file writes semicolons.
    fn is_simple(&self) -> bool {
        matches!(
            self,
            Item::Stmt(Stmt::Expr(_) | Stmt::Decl(Decl::Var(_)))
                | Item::Decl(ModuleDecl::Import(_) | ModuleDecl::ExportAll(_))
        )
    }

    fn var_kind(&self) -> Option<VarDeclKind> {
        match self {
            Item::Stmt(Stmt::Decl(Decl::Var(var))) => Some(var.kind),
            _ => None,
        }
    }

    fn import_source(&self) -> Option<ImportSource<'a>> {
        match self {
            Item::Decl(ModuleDecl::Import(import)) => Some(ImportSource {
                source: import.src.value.as_str().unwrap_or_default(),
                quote: import.src.raw.as_ref().and_then(|raw| raw.chars().next()),
                binds: import
                    .specifiers
                    .iter()
                    .find_map(|specifier| match specifier {
                        ImportSpecifier::Namespace(namespace) => {
                            Some(namespace.local.sym.to_string())
                        }
                        ImportSpecifier::Default(default) => Some(default.local.sym.to_string()),
                        ImportSpecifier::Named(_) => None,
                    }),
                required: false,
            }),
            Item::Stmt(Stmt::Decl(Decl::Var(var))) => {
                let [declarator] = var.decls.as_slice() else {
                    return None;
                };
                let init = unparen(declarator.init.as_deref()?);
                let source = required(init)?;
                let Expr::Call(call) = init else { return None };
                let quote = call.args.first().and_then(|arg| match &*arg.expr {
                    Expr::Lit(swc_ecma_ast::Lit::Str(s)) => s.raw.as_ref()?.chars().next(),
                    _ => None,
                });
                Some(ImportSource {
                    source,
                    quote,
                    binds: match &declarator.name {
                        Pat::Ident(name) => Some(name.sym.to_string()),
                        _ => None,
                    },
                    required: true,
                })
            }
            _ => None,
        }
    }
}
