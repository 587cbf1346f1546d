//! The directives, found where uni-app's preprocessor finds them, and the blocks they pair into.
//!
//! uni-app matches its directives with regular expressions over the raw text, not with a
//! JavaScript or HTML tokenizer, and pairs `#ifdef`/`#ifndef` with `#endif` through XRegExp's
//! `matchRecursive` (dcloudio/uni-app, `packages/uni-cli-shared/lib/preprocess/lib/`: the `js`
//! and `html` rules of `regexrules.js` and the `if` rule of `preprocess.js`, the same on
//! `uni-app-vue3-release` at 420b264ba745e27d38bb6c85ca836dd97cb01431 and, under
//! `packages/vue-cli-plugin-uni/packages/webpack-preprocess-loader/`, on `uni-app-vue2-release`
//! at 9f261505603848d9e59274f1154b53319e46a5a0). This module mirrors both, byte for byte:
//!
//! - a directive is `//` or `/*` (in markup `<!--`, and for `#endif` and `#else` also `<!`),
//!   then only spaces or tabs, then `#ifdef`, `#ifndef` or `#if` (any letter case) and at least
//!   one space or tab; `#endif` likewise; `#else` only in lower case (uni-app compiles that
//!   pattern without the `i` flag). So `// see #ifdef H5`, `/** #ifdef H5 */` and a string
//!   `'#ifdef H5'` hold none, but the patterns are not anchored to a line's start: a
//!   `// #ifdef H5` after code on its line, or inside a string, is a directive for uni-app, and
//!   here too;
//! - a script condition runs to the line's end or to the first `*`, a markup one to the first
//!   `-->` or `!>` on its line (a `<!-- #ifdef` without one on its line is no directive);
//! - what one directive's pattern consumes cannot start another (a condition that holds
//!   `// #endif` ends nothing);
//! - `#else` is not a delimiter: the first one directly inside a block splits it.

use std::ops::Range;

/// Which of uni-app's rule sets a pass reads: scripts and styles, or templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `// #ifdef X`, `/* #ifdef X */`.
    Script,
    /// `<!-- #ifdef X -->`.
    Markup,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `#ifdef` and `#if`, which uni-app reads alike.
    Ifdef,
    Ifndef,
    Else,
    Endif,
}

/// One directive comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// From the comment's opener to the end of what uni-app's pattern consumes.
    pub range: Range<usize>,
    /// The condition of an `#ifdef` or `#ifndef`, without the spaces around it.
    pub condition: Range<usize>,
}

/// An `#ifdef` or `#ifndef` and its `#endif`, with the `#else` that splits it if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub start: Directive,
    pub otherwise: Option<Directive>,
    pub end: Directive,
    /// The blocks directly inside this one, in order.
    pub inner: Vec<Block>,
}

/// A directive that pairs with none: an `#endif` with no open block, or the outermost block
/// still open at the end of the text (where XRegExp reports it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unbalanced {
    Unclosed(Directive),
    Unopened(Directive),
}

/// The directives of `text` in order.
pub fn directives(text: &str, syntax: Syntax) -> Directives<'_> {
    Directives {
        bytes: text.as_bytes(),
        syntax,
        hashes: memchr::memchr_iter(b'#', text.as_bytes()),
        resume: 0,
        closer: None,
    }
}

/// The blocks at the top level of `text`, each holding its inner ones.
pub fn blocks(text: &str, syntax: Syntax) -> Result<Vec<Block>, Unbalanced> {
    struct Open {
        start: Directive,
        otherwise: Option<Directive>,
        inner: Vec<Block>,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut top = Vec::new();
    for directive in directives(text, syntax) {
        match directive.kind {
            Kind::Ifdef | Kind::Ifndef => open.push(Open {
                start: directive,
                otherwise: None,
                inner: Vec::new(),
            }),
            Kind::Else => {
                if let Some(innermost) = open.last_mut() {
                    innermost.otherwise.get_or_insert(directive);
                }
            }
            Kind::Endif => {
                let Some(closed) = open.pop() else {
                    return Err(Unbalanced::Unopened(directive));
                };
                let block = Block {
                    start: closed.start,
                    otherwise: closed.otherwise,
                    end: directive,
                    inner: closed.inner,
                };
                match open.last_mut() {
                    Some(parent) => parent.inner.push(block),
                    None => top.push(block),
                }
            }
        }
    }
    match open.into_iter().next() {
        Some(outermost) => Err(Unbalanced::Unclosed(outermost.start)),
        None => Ok(top),
    }
}

/// The iterator [`directives`] returns.
pub struct Directives<'t> {
    bytes: &'t [u8],
    syntax: Syntax,
    hashes: memchr::Memchr<'t>,
    /// Where the last delimiter's match ended: XRegExp searches on from there.
    resume: usize,
    /// The last search for a markup closer, so that many `<!-- #ifdef` on one long line
    /// without a closer are read in one pass.
    closer: Option<CloserSearch>,
}

/// Where a search for a markup closer started and stopped (at the closer, or at the end of the
/// line), and the closer's offset and length if it found one.
struct CloserSearch {
    searched: Range<usize>,
    found: Option<(usize, usize)>,
}

impl Iterator for Directives<'_> {
    type Item = Directive;

    fn next(&mut self) -> Option<Directive> {
        while let Some(hash) = self.hashes.next() {
            if hash < self.resume {
                continue;
            }
            if let Some(directive) = self.directive_at(hash) {
                // `#else` is searched for apart from the delimiters and consumes nothing.
                if directive.kind != Kind::Else {
                    self.resume = directive.range.end;
                }
                return Some(directive);
            }
        }
        None
    }
}

impl Directives<'_> {
    fn directive_at(&mut self, hash: usize) -> Option<Directive> {
        let bytes = self.bytes;
        let mut opener_end = hash;
        while opener_end > self.resume && matches!(bytes[opener_end - 1], b' ' | b'\t') {
            opener_end -= 1;
        }
        let before = &bytes[self.resume..opener_end];
        let word = &bytes[hash + 1..];
        let (opener_start, full_opener) = match self.syntax {
            Syntax::Script => (before.ends_with(b"//") || before.ends_with(b"/*"))
                .then(|| (opener_end - 2, true))?,
            Syntax::Markup if before.ends_with(b"<!--") => (opener_end - 4, true),
            Syntax::Markup if before.ends_with(b"<!") => (opener_end - 2, false),
            Syntax::Markup => return None,
        };
        let directive = |kind, end, condition| Directive {
            kind,
            range: opener_start..end,
            condition,
        };
        if starts_with_ignoring_case(word, b"endif") {
            let end = self.closed(hash + 6)?;
            return Some(directive(Kind::Endif, end, end..end));
        }
        if word.starts_with(b"else") {
            let end = self.closed(hash + 5)?;
            return Some(directive(Kind::Else, end, end..end));
        }
        let (kind, name_end) = [
            ("ifndef", Kind::Ifndef),
            ("ifdef", Kind::Ifdef),
            ("if", Kind::Ifdef),
        ]
        .into_iter()
        .find(|(name, _)| {
            starts_with_ignoring_case(word, name.as_bytes())
                && matches!(word.get(name.len()), Some(b' ' | b'\t'))
        })
        .map(|(name, kind)| (kind, hash + 1 + name.len()))?;
        // The markup rule needs `<!--` before an `#ifdef`; `<!` opens only `#endif` and `#else`.
        if !full_opener {
            return None;
        }
        let condition_start = skip_blanks(bytes, name_end);
        let (condition_end, end) = match self.syntax {
            Syntax::Script => {
                let stop = bytes[condition_start..]
                    .iter()
                    .position(|b| matches!(b, b'\n' | b'\r' | b'*'))
                    .map_or(bytes.len(), |n| condition_start + n);
                (stop, stop + script_closer_len(&bytes[stop..]))
            }
            Syntax::Markup => {
                let (at, len) = self.markup_closer(condition_start)?;
                // uni-app's `(.*?)[ \t]*(?:-->|!>)`: the blanks before the closer are its.
                let blanks = bytes[condition_start..at]
                    .iter()
                    .rev()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                (at - blanks, at + len)
            }
        };
        let condition = trimmed(bytes, condition_start..condition_end);
        Some(directive(kind, end, condition))
    }

    /// Where an `#endif` or `#else` whose word ends at `at` ends: past the blanks after it and
    /// its comment's closer, which a markup directive must have.
    fn closed(&self, at: usize) -> Option<usize> {
        let bytes = self.bytes;
        let at = skip_blanks(bytes, at.min(bytes.len()));
        let rest = &bytes[at..];
        match self.syntax {
            Syntax::Script => Some(at + script_closer_len(rest)),
            Syntax::Markup if rest.starts_with(b"-->") => Some(at + 3),
            Syntax::Markup if rest.starts_with(b"!>") => Some(at + 2),
            Syntax::Markup => None,
        }
    }

    /// The first `-->` or `!>` at or after `from` on its line, where a line ends at any of
    /// JavaScript's line terminators (`\n`, `\r`, U+2028, U+2029: what a regular expression's
    /// `.` does not match): its offset and length.
    fn markup_closer(&mut self, from: usize) -> Option<(usize, usize)> {
        if let Some(last) = &self.closer {
            // Nothing between the last search's start and where it stopped.
            if last.searched.start <= from && from <= last.searched.end {
                return last.found;
            }
        }
        let bytes = self.bytes;
        let mut i = from;
        let found = loop {
            let rest = &bytes[i..];
            if rest.starts_with(b"-->") {
                break Some((i, 3));
            }
            if rest.starts_with(b"!>") {
                break Some((i, 2));
            }
            if rest.is_empty() || is_line_terminator(rest) {
                break None;
            }
            i += 1;
        };
        self.closer = Some(CloserSearch {
            searched: from..i,
            found,
        });
        found
    }
}

fn is_line_terminator(rest: &[u8]) -> bool {
    matches!(rest, [b'\n' | b'\r', ..] | [0xE2, 0x80, 0xA8 | 0xA9, ..])
}

/// Whether `word` starts with `name` in any letter case, as uni-app's patterns match it.
fn starts_with_ignoring_case(word: &[u8], name: &[u8]) -> bool {
    word.len() >= name.len() && word[..name.len()].eq_ignore_ascii_case(name)
}

fn skip_blanks(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// `*/` or `**` (uni-app's `\*(?:\*|/)`), optional after a script directive.
fn script_closer_len(rest: &[u8]) -> usize {
    if rest.starts_with(b"*/") || rest.starts_with(b"**") {
        2
    } else {
        0
    }
}

/// `range` without the whitespace at either end, as JavaScript's `trim` leaves it.
fn trimmed(bytes: &[u8], range: Range<usize>) -> Range<usize> {
    let text = std::str::from_utf8(&bytes[range.clone()]).unwrap_or_default();
    let start = range.start + (text.len() - text.trim_start().len());
    let end = range.end - (text.len() - text.trim_end().len());
    start..end.max(start)
}
