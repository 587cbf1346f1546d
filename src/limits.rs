//! Bounds on what the tool processes, so that one pathological file (a multi-megabyte bundle, an
//! expression nested tens of thousands of levels deep) cannot exhaust the stack or stall the
//! run. Such a file is left untouched with a note (a warning when it names the APIs); the run
//! goes on.

use std::io::{self, Read};

use memchr::memmem;

use crate::diagnostic::Code;

/// The APIs whose sites a skipped file may hold.
const API_NAMES: [&[u8]; 3] = [b"login", b"checkSession", b"getUserInfo"];

/// Whether `bytes` name one of the APIs: a file left alone that does may hold a site, so it is
/// a warning that fails `--check`, not a note.
pub fn names_an_api(bytes: &[u8]) -> bool {
    API_NAMES
        .iter()
        .any(|name| memmem::find(bytes, name).is_some())
}

/// [`names_an_api`] over a file too large to be processed, a megabyte at a time, so that its
/// size never decides how much memory the look takes.
pub fn reads_an_api_name(mut reader: impl Read) -> io::Result<bool> {
    const CHUNK: usize = 1 << 20;
    // A name that straddles two chunks is found in the bytes kept from the first.
    let overlap = API_NAMES.iter().map(|name| name.len()).max().unwrap_or(1) - 1;
    let mut buffer = vec![0; CHUNK + overlap];
    let mut kept = 0;
    loop {
        let read = match reader.read(&mut buffer[kept..]) {
            Ok(0) => return Ok(false),
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        let end = kept + read;
        if names_an_api(&buffer[..end]) {
            return Ok(true);
        }
        kept = overlap.min(end);
        buffer.copy_within(end - kept..end, 0);
    }
}

/// Files larger than this are skipped unless `--max-file-size` says otherwise: hand-written
/// mini-program code is far smaller; larger files are bundles or generated code.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 4 << 20;

/// Syntax nesting the later passes (scope resolution, the finder, the printer) handle within
/// the worker's stack, with room to spare in a debug build.
pub(crate) const MAX_NESTING: usize = 5_000;

/// Scope nesting: swc's resolver takes time quadratic in it.
pub(crate) const MAX_SCOPE_NESTING: usize = 500;

/// What makes a parsed file too deep to process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooDeep {
    Syntax,
    Scopes,
}

impl TooDeep {
    /// The finding for a file left alone. One whose bytes may hold a site is a warning, so that
    /// `--check` fails on it: an unmigrated `wx.login` must never pass in silence.
    pub fn finding(self, text: &str) -> (Code, String) {
        if names_an_api(text.as_bytes()) {
            let message = crate::t!("left-alone-names-apis", reason = self.describe());
            (Code::SkippedWithSites, message)
        } else {
            let message = crate::t!("left-alone", reason = self.describe());
            (Code::Skipped, message)
        }
    }

    pub fn describe(self) -> String {
        match self {
            TooDeep::Syntax => {
                crate::t!("too-deep-syntax", max = MAX_NESTING)
            }
            TooDeep::Scopes => {
                crate::t!("too-deep-scopes", max = MAX_SCOPE_NESTING)
            }
        }
    }
}

/// An upper estimate of how deeply `text` nests, from its bytes alone: brackets, `${`, JSX
/// fragments, runs of arrows (`a => b => c`) and dotted names, outside strings, comments and
/// regular expressions. swc's parser recurses on these without growing its stack, so a file far
/// past the limit must be refused before parsing. What is not nesting must not count: a flat
/// file of thousands of `/\(/` regexes or semicolon-free arrow functions is no deeper than one.
pub fn estimated_nesting(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Arrows in a run at each open bracket, innermost last; a template's `${` is a bracket.
    let mut arrows: Vec<usize> = vec![0];
    let mut templates: Vec<usize> = Vec::new();
    let mut max = 0;
    let mut dots = 0;
    // What came before, for the two questions a lexer asks of it: whether a `/` starts a regex,
    // and whether a line break ends a statement.
    let mut previous = Previous::Start;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte == b'\n' || byte == b'\r' {
            // Straight to the next token, so that a run of blank lines is looked at once.
            let next = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .map_or(bytes.len(), |n| i + n);
            if previous.ends_statement(bytes, next) {
                *arrows.last_mut().expect("never empty") = 0;
            }
            dots = 0;
            i = next;
            continue;
        }
        let mut next = Previous::Punctuator;
        let mut regex_depth = 0;
        match byte {
            b' ' | b'\t' => next = previous,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + n + 3);
                next = previous;
            }
            // A regex only where the grammar wants an expression, so that a division is never
            // taken for one (its brackets would go uncounted); `</` closes a JSX element.
            b'/' if previous.allows_regex(bytes) && (i == 0 || bytes[i - 1] != b'<') => {
                if let Some((end, depth)) = regex_end(bytes, i + 1) {
                    i = end;
                    regex_depth = depth;
                    next = Previous::Operand;
                }
            }
            // `a++ / b` divides.
            b'+' | b'-' if bytes.get(i + 1) == Some(&byte) => {
                i += 1;
                next = Previous::Operand;
            }
            quote @ (b'\'' | b'"') => {
                i = skip_string(bytes, i + 1, quote);
                next = Previous::Operand;
            }
            b'`' => {
                let (end, opens) = skip_template(bytes, i + 1);
                i = end;
                if opens {
                    templates.push(arrows.len());
                    arrows.push(0);
                } else {
                    next = Previous::Operand;
                }
            }
            b'}' if templates.last() == Some(&arrows.len().saturating_sub(1)) => {
                templates.pop();
                arrows.pop();
                let (end, opens) = skip_template(bytes, i + 1);
                i = end;
                if opens {
                    templates.push(arrows.len());
                    arrows.push(0);
                } else {
                    next = Previous::Operand;
                }
            }
            // JSX fragments: `<>` opens and `</>` closes, like a bracket.
            b'<' if bytes.get(i + 1) == Some(&b'>') => arrows.push(0),
            b'<' if bytes[i + 1..].starts_with(b"/>") && arrows.len() > 1 => {
                arrows.pop();
            }
            b'(' | b'[' | b'{' => arrows.push(0),
            b')' | b']' | b'}' => {
                if arrows.len() > 1 {
                    arrows.pop();
                }
                next = Previous::Operand;
            }
            b',' | b';' => *arrows.last_mut().expect("never empty") = 0,
            b'=' if bytes.get(i + 1) == Some(&b'>') => {
                *arrows.last_mut().expect("never empty") += 1;
                i += 1;
            }
            byte if is_name_byte(byte) => {
                next = match previous {
                    Previous::Word(start) if is_name_byte(bytes[i - 1]) => Previous::Word(start),
                    _ => Previous::Word(i),
                };
            }
            _ => {}
        }
        previous = next;
        // A comment, string or template left open runs to the end of the text, and an escape
        // on its last byte steps past it: nothing after that can nest deeper.
        let Some(&byte) = bytes.get(i) else { break };
        // A dotted name (`namespace a.b.c`, `A.B.C` in a type) nests a level a link.
        match byte {
            b'.' if i > 0 && is_name_byte(bytes[i - 1]) => dots += 1,
            byte if is_name_byte(byte) => {}
            _ => dots = 0,
        }
        let depth = arrows.len() - 1 + arrows.last().copied().unwrap_or(0);
        max = max.max(depth + regex_depth).max(dots);
        i += 1;
    }
    max
}

/// The last token before the scan's position, as far as bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Previous {
    Start,
    /// A name or keyword, from the offset where it starts.
    Word(usize),
    /// A string, template, regex, `)`, `]`, `}` or `x++`: what a `/` divides, or may divide.
    Operand,
    Punctuator,
}

/// Words after which a `/` starts a regex rather than dividing.
const BEFORE_EXPRESSION: [&[u8]; 14] = [
    b"return",
    b"typeof",
    b"instanceof",
    b"in",
    b"of",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"case",
    b"do",
    b"else",
    b"yield",
    b"await",
];

/// Words that continue an expression across a line break.
const CONTINUING: [&[u8]; 4] = [b"in", b"instanceof", b"as", b"satisfies"];

impl Previous {
    fn allows_regex(self, bytes: &[u8]) -> bool {
        match self {
            Previous::Start | Previous::Punctuator => true,
            Previous::Operand => false,
            // `a.return / 2` divides: after a dot a keyword is a property name.
            Previous::Word(start) => {
                (start == 0 || bytes[start - 1] != b'.')
                    && BEFORE_EXPRESSION.contains(&word_at(bytes, start))
            }
        }
    }

    /// Whether a line break before the token at `next` ends the statement, as automatic
    /// semicolon insertion decides it in semicolon-free code: an operand before, a name after.
    fn ends_statement(self, bytes: &[u8], next: usize) -> bool {
        let ends_operand = match self {
            Previous::Operand => true,
            Previous::Word(start) => !BEFORE_EXPRESSION.contains(&word_at(bytes, start)),
            Previous::Start | Previous::Punctuator => false,
        };
        ends_operand
            && bytes.get(next).is_some_and(|&b| is_name_byte(b))
            && !CONTINUING.contains(&word_at(bytes, next))
    }
}

/// The name or keyword that starts at `start`.
fn word_at(bytes: &[u8], start: usize) -> &[u8] {
    let len = bytes[start..]
        .iter()
        .position(|&b| !is_name_byte(b))
        .unwrap_or(bytes.len() - start);
    &bytes[start..start + len]
}

/// The index of the `/` that closes a regex whose body starts at `i`, and how deeply the
/// brackets in the body nest, escaped ones aside, counted as if they were code: a valid regex's
/// groups are few and balanced, and should this be a division after all, its brackets still
/// count. `None` when the line ends first: a regex never spans lines, so this is no regex.
fn regex_end(bytes: &[u8], mut i: usize) -> Option<(usize, usize)> {
    let mut in_class = false;
    let (mut depth, mut max) = (0_usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' | b'\r' => return None,
            b'/' if !in_class => return Some((i, max)),
            byte => {
                match byte {
                    b'[' => in_class = true,
                    b']' => in_class = false,
                    _ => {}
                }
                match byte {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                max = max.max(depth);
            }
        }
        i += 1;
    }
    None
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// The index of the closing quote of a string that starts at `i`.
fn skip_string(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    i
}

/// Skips template text from `i`: returns the index of the closing backquote, or of the `{` of
/// a `${` (with `true`), which opens an expression.
fn skip_template(bytes: &[u8], mut i: usize) -> (usize, bool) {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => return (i, false),
            b'$' if bytes.get(i + 1) == Some(&b'{') => return (i + 1, true),
            _ => i += 1,
        }
    }
    (i, false)
}

/// Below this size a file cannot nest deep enough to overflow the parser's stack (that takes
/// tens of thousands of levels, two bytes each at the least), so the scan is skipped: it would
/// cost a tenth of the parse on every ordinary file.
const SCAN_FROM_SIZE: usize = 32 << 10;

/// Refuses text whose estimated nesting is past what the parser survives.
pub fn check_text_nesting(text: &str) -> Result<(), TooDeep> {
    if text.len() >= SCAN_FROM_SIZE && estimated_nesting(text) > MAX_NESTING {
        Err(TooDeep::Syntax)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
