//! swc parsing with byte offsets into the original text.

use std::panic::{self, AssertUnwindSafe};

use swc_common::comments::{Comment, Comments, SingleThreadedComments};
use swc_common::{input::StringInput, BytePos, Span, Spanned};
use swc_ecma_ast::{
    ArrowExpr, Class, Decl, Decorator, EsVersion, Expr, FnDecl, FnExpr, Function, Ident, JSXText,
    Program, Regex, Script, Stmt, Str, TplElement,
};
use swc_ecma_parser::error::SyntaxError as SwcSyntaxError;
use swc_ecma_parser::{lexer::Lexer, EsSyntax, Parser, Syntax, TsSyntax};
use swc_ecma_visit::{Visit, VisitWith};

use crate::language::Language;

/// swc's options for `language`.
fn syntax(language: Language) -> Syntax {
    match language {
        Language::JavaScript => Syntax::Es(EsSyntax {
            jsx: true,
            decorators: true,
            decorators_before_export: true,
            allow_return_outside_function: true,
            ..Default::default()
        }),
        Language::TypeScript | Language::Tsx => Syntax::Typescript(TsSyntax {
            tsx: language == Language::Tsx,
            decorators: true,
            ..Default::default()
        }),
    }
}

/// The first syntax error in a file, at a byte offset into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// Parses `text`. Errors the parser recovered from count as failures: a file that does not
/// really parse must not be rewritten.
pub fn parse(text: &str, language: Language) -> Result<Program, SyntaxError> {
    parse_into(text, language, None)
}

/// Parses `text` and collects its comments, for files that hold suppression comments.
pub fn parse_with_comments(
    text: &str,
    language: Language,
) -> Result<(Program, Vec<Comment>), SyntaxError> {
    let comments = SingleThreadedComments::default();
    let program = parse_into(text, language, Some(&comments))?;
    let (leading, trailing) = comments.take_all();
    let mut all: Vec<Comment> = leading
        .take()
        .into_values()
        .chain(trailing.take().into_values())
        .flatten()
        .collect();
    all.sort_by_key(|comment| comment.span.lo);
    all.dedup_by_key(|comment| comment.span.lo);
    Ok((program, all))
}

fn parse_into(
    text: &str,
    language: Language,
    comments: Option<&SingleThreadedComments>,
) -> Result<Program, SyntaxError> {
    // An `@` in the code needs the comments to be told from a JSDoc `@param`.
    let own_comments = SingleThreadedComments::default();
    let comments = match comments {
        None if memchr::memchr(b'@', text.as_bytes()).is_some() => Some(&own_comments),
        comments => comments,
    };
    let mut program = parse_as(text, language, Goal::Either, comments)?;
    if let Program::Script(script) = &program {
        if calls_await_at_top_level(text, script) {
            // On success the comments are collected twice, at the same positions: readers
            // sort them and drop repeats.
            if let Ok(module) = parse_as(text, language, Goal::Module, comments) {
                program = module;
            }
        }
    }
    if let Some(offset) = comments.and_then(|comments| stray_decorator(text, &program, comments)) {
        return Err(SyntaxError {
            offset,
            message: SwcSyntaxError::InvalidLeadingDecorator.msg().into_owned(),
        });
    }
    Ok(program)
}

/// How swc is asked to read a file: as it chooses (a module when the text has `import` or
/// `export`, or reads only as one), or as a module.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Goal {
    Either,
    Module,
}

fn parse_as(
    text: &str,
    language: Language,
    goal: Goal,
    comments: Option<&SingleThreadedComments>,
) -> Result<Program, SyntaxError> {
    // Spans start at 1 because `BytePos(0)` is reserved; `offset_of` undoes that.
    let end = BytePos(
        1 + u32::try_from(text.len()).map_err(|_| SyntaxError {
            offset: 0,
            message: "file is larger than 4 GiB".to_string(),
        })?,
    );
    let input = StringInput::new(text, BytePos(1), end);
    let comments = comments.map(|c| c as &dyn Comments);
    // swc's parser has `unreachable!`s that some invalid input reaches (found by fuzzing);
    // such input is a syntax error, not a reason to stop.
    let parsed = panic::catch_unwind(AssertUnwindSafe(|| {
        crate::crash::parsing(|| {
            let lexer = Lexer::new(syntax(language), EsVersion::latest(), input, comments);
            let mut parser = Parser::new_from(lexer);
            let result = match goal {
                Goal::Either => parser.parse_program(),
                Goal::Module => parser.parse_module().map(Program::Module),
            };
            let mut errors = parser.take_errors();
            if matches!(result, Ok(Program::Module(_))) {
                errors.extend(parser.take_script_module_errors());
            }
            (result, errors)
        })
    }))
    .ok()
    .flatten();
    let (result, errors) = parsed.ok_or_else(|| SyntaxError {
        offset: 0,
        message: "invalid syntax that swc's parser cannot report (it crashed on this file)"
            .to_string(),
    })?;
    let program = result.map_err(|err| vec![err]);
    let first = match program {
        Ok(program) if errors.is_empty() => return Ok(program),
        Ok(_) => errors.into_iter().min_by_key(|e| e.span().lo),
        Err(fatal) => errors.into_iter().chain(fatal).min_by_key(|e| e.span().lo),
    };
    let first = first.expect("a failed parse has at least one error");
    Err(SyntaxError {
        offset: offset_of(first.span().lo),
        message: first.kind().msg().into_owned(),
    })
}

/// Whether a script calls a function named `await` outside any function: `l = await (x)`
/// reads so as a script, and as an `await` of `x` as a module. swc takes the script, because
/// it parses; a top-level `await` of a module is far likelier today than a global function
/// named `await`, and it is what the tool's own rewrite makes of `await wx.login()` in a
/// module (`await (guard).login()`), which must read again as it was written.
fn calls_await_at_top_level(text: &str, script: &Script) -> bool {
    struct Finder(bool);
    impl Visit for Finder {
        fn visit_ident(&mut self, ident: &Ident) {
            self.0 |= &*ident.sym == "await";
        }
        // Inside a function `await` is the same in both readings.
        fn visit_function(&mut self, _: &Function) {}
        fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
        fn visit_class(&mut self, _: &Class) {}
    }
    if memchr::memmem::find(text.as_bytes(), b"await").is_none() {
        return false;
    }
    let mut finder = Finder(false);
    script.visit_with(&mut finder);
    finder.0
}

/// The offset of a decorator swc dropped: it accepts `@` before any statement and keeps the
/// decorators of classes and functions only. Node, babel and TypeScript reject a decorator
/// anywhere but on a class or a class's member, so an `@` of the code that starts none of
/// those is that syntax error. Comments, strings, templates, regular expressions and JSX text
/// may hold `@`; only the syntax around an `@` outside comments is looked at.
fn stray_decorator(
    text: &str,
    program: &Program,
    comments: &SingleThreadedComments,
) -> Option<usize> {
    // A `#!` line is the shell's, not code.
    let code_start = match text.strip_prefix("#!") {
        Some(rest) => text.len() - rest.len() + rest.find('\n').unwrap_or(rest.len()),
        None => 0,
    };
    let first = code_start + memchr::memchr(b'@', &text.as_bytes()[code_start..])?;
    let mut in_comments = comment_ranges(comments);
    in_comments.sort_unstable_by_key(|range| range.start);
    let outside_comments: Vec<usize> = memchr::memchr_iter(b'@', &text.as_bytes()[first..])
        .map(|at| first + at)
        .filter(|&at| !within(&in_comments, at))
        .collect();
    if outside_comments.is_empty() {
        return None;
    }
    let mut explained = Explained {
        wanted: outside_comments,
        ..Explained::default()
    };
    program.visit_with(&mut explained);
    explained.text.sort_unstable_by_key(|range| range.start);
    explained
        .wanted
        .iter()
        .copied()
        .find(|at| !explained.decorators.contains(at) && !within(&explained.text, *at))
}

/// What explains the `@`s wanted, sorted: the start of a decorator where one is allowed, or a
/// literal's text. Only the statements and expressions that hold one of them are visited, and
/// class declarations, whose decorators may lie before their span (TypeScript's `@dec abstract
/// class`; an `export`'s span starts after them too, and is not a statement).
#[derive(Default)]
struct Explained {
    wanted: Vec<usize>,
    decorators: Vec<usize>,
    text: Vec<std::ops::Range<usize>>,
}

impl Explained {
    fn holds_one(&self, span: Span) -> bool {
        let range = range_of(span);
        let first = self.wanted.partition_point(|&at| at < range.start);
        self.wanted.get(first).is_some_and(|&at| at < range.end)
    }

    /// A function's own decorators are not allowed (swc keeps them), what is inside it is.
    fn visit_function_without_decorators(&mut self, function: &Function) {
        function.params.visit_with(self);
        function.body.visit_with(self);
    }
}

impl Visit for Explained {
    fn visit_stmt(&mut self, statement: &Stmt) {
        let class = matches!(statement, Stmt::Decl(Decl::Class(_)));
        if class || self.holds_one(statement.span()) {
            statement.visit_children_with(self);
        }
    }
    fn visit_expr(&mut self, expression: &Expr) {
        if self.holds_one(expression.span()) {
            expression.visit_children_with(self);
        }
    }
    fn visit_decorator(&mut self, decorator: &Decorator) {
        self.decorators.push(offset_of(decorator.span.lo));
        decorator.visit_children_with(self);
    }
    fn visit_fn_decl(&mut self, declaration: &FnDecl) {
        self.visit_function_without_decorators(&declaration.function);
    }
    fn visit_fn_expr(&mut self, expression: &FnExpr) {
        self.visit_function_without_decorators(&expression.function);
    }
    fn visit_str(&mut self, literal: &Str) {
        self.text.push(range_of(literal.span));
    }
    fn visit_tpl_element(&mut self, element: &TplElement) {
        self.text.push(range_of(element.span));
    }
    fn visit_regex(&mut self, literal: &Regex) {
        self.text.push(range_of(literal.span));
    }
    fn visit_jsx_text(&mut self, text: &JSXText) {
        self.text.push(range_of(text.span));
    }
}

fn comment_ranges(comments: &SingleThreadedComments) -> Vec<std::ops::Range<usize>> {
    let (leading, trailing) = comments.borrow_all();
    leading
        .values()
        .chain(trailing.values())
        .flatten()
        .map(|comment| range_of(comment.span))
        .collect()
}

/// Whether `at` lies in one of `ranges`: sorted by start, and apart (no literal or comment
/// holds another).
fn within(ranges: &[std::ops::Range<usize>], at: usize) -> bool {
    let before = ranges.partition_point(|range| range.start <= at);
    before > 0 && ranges[before - 1].contains(&at)
}

/// Byte offset in the text of a position in a span.
pub fn offset_of(pos: BytePos) -> usize {
    pos.0.saturating_sub(1) as usize
}

/// Byte range in the text of a span.
pub fn range_of(span: Span) -> std::ops::Range<usize> {
    offset_of(span.lo)..offset_of(span.hi)
}

/// The length of the identifier token that ends `text` and spells `name`, directly or with
/// `\\u` escapes (`w\\u0078`, `\\u{77}x`); `None` when `text` does not end with one. swc starts
/// the span of a token after an HTML-like comment (`<!--`, `-->`) at the comment, whose text
/// runs to the end of its line, so the token is what follows the last line break.
pub fn trailing_identifier_len(text: &[u8], name: &str) -> Option<usize> {
    let start = text
        .iter()
        .rposition(|&b| !(b.is_ascii_alphanumeric() || b >= 0x80 || b"_$\\{}".contains(&b)))
        .map_or(0, |i| i + 1);
    let token = std::str::from_utf8(&text[start..]).ok()?;
    let mut spelt = String::with_capacity(name.len());
    let mut rest = token;
    while let Some(c) = rest.chars().next() {
        if let Some(escape) = rest.strip_prefix("\\u") {
            let (hex, after) = match escape.strip_prefix('{') {
                Some(braced) => braced.split_at(braced.find('}')?),
                None => escape.split_at(escape.len().min(4)),
            };
            spelt.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
            rest = after.strip_prefix('}').unwrap_or(after);
        } else {
            spelt.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (spelt == name).then_some(token.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_offsets_are_bytes_in_the_text() {
        let text = "// 登录\nPage({ onLoad() { wx.login( } })";
        let err = parse(text, Language::JavaScript).unwrap_err();
        assert_eq!(&text[err.offset..err.offset + 1], "}");
    }

    #[test]
    fn recovered_errors_are_failures() {
        // swc parses this to an AST, but only after recording an error.
        let text = "const name = user.nick ?? user.name || '微信用户';\n";
        let err = parse(text, Language::JavaScript).unwrap_err();
        assert!(err.message.contains("requires parens"), "{err:?}");
    }

    #[test]
    fn identifiers_are_found_at_the_end_of_a_span_however_they_are_spelt() {
        let len = |text: &str| trailing_identifier_len(text.as_bytes(), "wx");
        assert_eq!(len("wx"), Some(2));
        assert_eq!(len("w\\u0078"), Some(7));
        assert_eq!(len("\\u{77}\\u{0078}"), Some(14));
        assert_eq!(len("<!-- legacy comment\nw\\u0078"), Some(7));
        assert_eq!(len("--> old, 旧\r\n\\u0077x"), Some(7));
        assert_eq!(len("wxx"), None);
        assert_eq!(len("w\\u00"), None);
        assert_eq!(len("\\u{110000}x"), None);
    }

    fn stray_decorator_at(text: &str, language: Language) -> Option<usize> {
        match parse(text, language) {
            Err(err) if err.message.contains("decorators") => Some(err.offset),
            Err(err) => panic!("{text:?}: another syntax error: {err:?}"),
            Ok(_) => None,
        }
    }

    #[test]
    fn a_decorator_on_anything_but_a_class_or_its_members_is_a_syntax_error() {
        for text in [
            "function f() {\n  @ wx.loginN\n  wx.login({})\n}\n",
            "@dec\nfoo();\n",
            "@a @b() let x = 1;\n",
            "@dec function g() {}\n",
            "export default @dec function () {}\n",
            "if (a) { @dec; }\n",
            "#!/usr/bin/env node --a@b\n@dec foo()\n",
            "/** @param a */\n@dec\nfoo(a);\n",
        ] {
            let at = stray_decorator_at(text, Language::JavaScript);
            assert!(
                at.is_some_and(|at| text[at..].starts_with('@')),
                "{text:?}: {at:?}"
            );
        }
        let text = "class A {}\n@dec\nconst b = 1;\n";
        assert_eq!(
            stray_decorator_at(text, Language::TypeScript),
            text.find("@dec")
        );
    }

    #[test]
    fn decorators_of_classes_and_members_and_every_other_at_sign_parse() {
        let javascript = [
            "@Component({ name: 'a@b' })\nclass A {\n  @observable x = 1\n  @action m() {}\n}\n",
            "export default @dec class {}\n",
            "@dec export class B {}\n",
            "const C = @dec class {}\n",
            "import request from '@/utils/request'\nconst mail = `${user}@example.com`\n",
            "/**\n * @param {string} code\n */\nfunction f(code) {} // ok @ here\n",
            "const re = /@(\\w+)/g; const q = a / b /* @ */\n",
            "const el = <a href=\"mailto:x@y\">me@example.com</a>\n",
            "#!/usr/bin/env node --a@b\nfoo()\n",
            "<!-- an old page's @ comment\nfoo()\n--> @ too\n",
        ];
        for text in javascript {
            assert_eq!(
                stray_decorator_at(text, Language::JavaScript),
                None,
                "{text:?}"
            );
        }
        let typescript =
            "@Component\nclass D {\n  constructor(@Inject(T) private t: T, @Opt() u?: U) {}\n  \
                          @Prop({ default: '@' }) readonly v!: string\n}\ntype E = `@${string}`\n\
                          @dec abstract class F {}\nexport @dec class G {}\nconst H = (@dec class {})\n";
        assert_eq!(stray_decorator_at(typescript, Language::TypeScript), None);
        let (_, comments) =
            parse_with_comments("/** @see x */\nfoo()\n", Language::JavaScript).unwrap();
        assert_eq!(comments.len(), 1);
    }

    #[test]
    fn a_call_of_await_outside_functions_reads_as_a_top_level_await() {
        let module = |text| matches!(parse(text, Language::JavaScript), Ok(Program::Module(_)));
        assert!(module("l = await (guard).login()\n"));
        assert!(module("const res = await (a ? b : c).login({})\n"));
        // A script it stays where only a script parses, or `await` is a function's own.
        assert!(!module("function await(x) { return x }\nawait(1)\n"));
        assert!(!module("with (a) { await(b) }\n"));
        assert!(!module("function f() { return await(1) }\n"));
        assert!(!module("wx.login()\n"));
        let (program, comments) = parse_with_comments(
            "// 登录\nl = await (guard).login() // 用户\n",
            Language::JavaScript,
        )
        .unwrap();
        assert!(matches!(program, Program::Module(_)));
        assert_eq!(comments.len(), 2, "{comments:?}");
    }

    #[test]
    fn bom_keeps_offsets_exact() {
        let text = "\u{feff}wx.login(;";
        let err = parse(text, Language::JavaScript).unwrap_err();
        assert_eq!(&text[err.offset..err.offset + 1], ";");
    }
}
