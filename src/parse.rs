//! swc parsing with byte offsets into the original text, and the one place that decides which
//! files are JavaScript or TypeScript.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use swc_common::comments::{Comment, Comments, SingleThreadedComments};
use swc_common::{input::StringInput, BytePos, Span, Spanned};
use swc_ecma_ast::{EsVersion, Program};
use swc_ecma_parser::{lexer::Lexer, EsSyntax, Parser, Syntax, TsSyntax};

/// The dialect a file is parsed as, decided by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// `.js .mjs .cjs .jsx`: JSX is allowed everywhere, as bundlers for mini-programs do, and so
    /// is a top-level `return`, because the mini-program runtime wraps each file in a function.
    JavaScript,
    /// `.ts .mts .cts`
    TypeScript,
    /// `.tsx`
    Tsx,
}

impl Language {
    /// `None` for files the tool does not process, including declaration files (`.d.ts`), which
    /// hold types only.
    pub fn from_path(path: &Path) -> Option<Language> {
        // Bytes, not `str`: a name that is not UTF-8 still has an ASCII extension.
        let name = path.file_name()?.as_encoded_bytes();
        let dot = name.iter().rposition(|&b| b == b'.')?;
        let (stem, ext) = (&name[..dot], &name[dot + 1..]);
        if stem.is_empty() {
            return None;
        }
        let is_declaration = stem.ends_with(b".d") && matches!(ext, b"ts" | b"mts" | b"cts");
        match ext {
            _ if is_declaration => None,
            b"js" | b"mjs" | b"cjs" | b"jsx" => Some(Language::JavaScript),
            b"ts" | b"mts" | b"cts" => Some(Language::TypeScript),
            b"tsx" => Some(Language::Tsx),
            _ => None,
        }
    }

    /// Whether the tool processes `path`: JavaScript, TypeScript, a single-file component or
    /// a WXML template.
    pub fn is_source(path: &Path) -> bool {
        Language::from_path(path).is_some()
            || crate::sfc::is_component(path)
            || crate::wxml::is_template(path)
    }

    pub fn is_typescript(self) -> bool {
        matches!(self, Language::TypeScript | Language::Tsx)
    }

    fn syntax(self) -> Syntax {
        match self {
            Language::JavaScript => Syntax::Es(EsSyntax {
                jsx: true,
                decorators: true,
                decorators_before_export: true,
                allow_return_outside_function: true,
                ..Default::default()
            }),
            Language::TypeScript | Language::Tsx => Syntax::Typescript(TsSyntax {
                tsx: self == Language::Tsx,
                decorators: true,
                ..Default::default()
            }),
        }
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
            let lexer = Lexer::new(language.syntax(), EsVersion::latest(), input, comments);
            let mut parser = Parser::new_from(lexer);
            let result = parser.parse_program();
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
    fn languages_by_extension() {
        let lang = |p: &str| Language::from_path(Path::new(p));
        assert_eq!(lang("pages/a.js"), Some(Language::JavaScript));
        assert_eq!(lang("a.cjs"), Some(Language::JavaScript));
        assert_eq!(lang("a.mts"), Some(Language::TypeScript));
        assert_eq!(lang("a.tsx"), Some(Language::Tsx));
        assert_eq!(lang("typings/index.d.ts"), None);
        assert_eq!(lang("a.d.mts"), None);
        assert_eq!(lang("a.wxml"), None);
        assert_eq!(lang(".js"), None);
    }

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

    #[test]
    fn bom_keeps_offsets_exact() {
        let text = "\u{feff}wx.login(;";
        let err = parse(text, Language::JavaScript).unwrap_err();
        assert_eq!(&text[err.offset..err.offset + 1], ";");
    }
}
