//! The tags of WXML templates and of single-file components (`.vue`, `.wpy`, `.mpx`), read by HTML's
//! tokenizer rules: `<!-- comments -->` hide what they hold, an attribute value is quoted with
//! `"` or `'` (or unquoted up to a space or `>`) and may have blanks around its `=`, and a
//! raw-text element (`<script>`, `<style>`, `<wxs>`) ends only at its own end tag, whatever
//! markup its body seems to hold. Mini-program templates add `{{ }}` expressions, in text and in
//! attribute values, which may hold `<`, `>` and quotes: they are skipped whole.
//!
//! The tokenizer works on bytes, never panics, and stops where the input ends inside a comment,
//! tag, quote or raw-text body.

use std::ops::Range;

/// A tag the tokenizer read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Markup<'a> {
    Start(StartTag<'a>),
    /// `</name ...>`, from its `<` through its `>`.
    End {
        name: &'a str,
        range: Range<usize>,
    },
}

/// `<name attributes...>` or `<name ... />`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag<'a> {
    pub name: &'a str,
    pub attributes: Vec<Attribute>,
    /// Just after its `>`; `None` when the input ends inside the tag.
    pub end: Option<usize>,
    pub self_closing: bool,
}

impl StartTag<'_> {
    /// The value of the attribute `name`, without quotes; `""` for one without a value.
    pub fn attribute<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        let attribute = self
            .attributes
            .iter()
            .find(|attribute| slice(text, attribute.name.clone()) == name)?;
        Some(
            attribute
                .value
                .as_ref()
                .map_or("", |value| slice(text, value.inner.clone())),
        )
    }
}

/// One attribute: `name`, `name=value`, `name="value"` or `name = 'value'`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: Range<usize>,
    pub value: Option<Value>,
}

impl Attribute {
    /// From its name through its value's closing quote.
    pub fn range(&self) -> Range<usize> {
        self.name.start..self.value.as_ref().map_or(self.name.end, |value| value.end)
    }
}

/// An attribute's value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The value without its quotes.
    pub inner: Range<usize>,
    /// Where the attribute ends: after the closing quote, or after an unquoted value.
    pub end: usize,
}

/// Reads the tags of `text` one at a time.
pub struct Tokenizer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Markup<'a>;

    /// The next tag. Text is passed over, and `{{ }}` expressions in it are skipped whole
    /// because they may contain `<` (`{{ a < b }}`).
    fn next(&mut self) -> Option<Markup<'a>> {
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b'<' => {
                    if let Some(markup) = self.markup()? {
                        return Some(markup);
                    }
                }
                b'{' if self.at(self.pos, b"{{") => {
                    self.pos = self.mustache_end(self.pos).unwrap_or(self.pos + 2);
                }
                _ => self.pos += 1,
            }
        }
        None
    }
}

impl<'a> Tokenizer<'a> {
    pub fn new(text: &'a str) -> Self {
        Tokenizer {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    /// After the start tag of a raw-text element named `name`: moves to its end tag (found
    /// whatever the case, as HTML does), which the next call returns, and gives the body's
    /// range. `None` when no end tag follows: the rest of the input is the body.
    pub fn skip_raw_text(&mut self, name: &str) -> Option<Range<usize>> {
        let start = self.pos;
        let mut i = start;
        loop {
            let Some(at) = self.find_from(i, b"</") else {
                self.pos = self.bytes.len();
                return None;
            };
            let name_end = at + 2 + name.len();
            let is_end_tag = self
                .bytes
                .get(at + 2..name_end)
                .is_some_and(|found| found.eq_ignore_ascii_case(name.as_bytes()))
                && self
                    .bytes
                    .get(name_end)
                    .is_some_and(|&b| is_space(b) || b == b'>' || b == b'/');
            if is_end_tag {
                self.pos = at;
                return Some(start..at);
            }
            i = at + 2;
        }
    }

    /// At a `<`: a comment, an end tag, a declaration, a start tag, or a lone `<` in text.
    /// `None` when the input ends inside the construct; `Some(None)` for what is not a tag.
    fn markup(&mut self) -> Option<Option<Markup<'a>>> {
        let start = self.pos;
        let next = self.bytes.get(start + 1).copied();
        let after = self.bytes.get(start + 2).copied();
        if self.at(start, b"<!--") {
            self.pos = self.find_from(start + 4, b"-->")? + 3;
        } else if next == Some(b'/') && after.is_some_and(|b| b.is_ascii_alphabetic()) {
            let name = self.name(start + 2);
            self.pos = self.find_from(start + 2, b">")? + 1;
            return Some(Some(Markup::End {
                name,
                range: start..self.pos,
            }));
        } else if next == Some(b'!') || next == Some(b'?') {
            self.pos = self.find_from(start + 2, b">")? + 1;
        } else if next.is_some_and(|b| b.is_ascii_alphabetic()) {
            return Some(Some(Markup::Start(self.start_tag())));
        } else {
            self.pos += 1;
        }
        Some(None)
    }

    /// The tag name that starts at `start`; moves past it.
    fn name(&mut self, start: usize) -> &'a str {
        let mut i = start;
        while i < self.bytes.len()
            && !is_space(self.bytes[i])
            && !matches!(self.bytes[i], b'>' | b'/')
        {
            i += 1;
        }
        self.pos = i;
        slice(self.text, start..i)
    }

    /// A start tag, from its `<` through its `>`.
    fn start_tag(&mut self) -> StartTag<'a> {
        let name = self.name(self.pos + 1);
        let mut tag = StartTag {
            name,
            attributes: Vec::new(),
            end: None,
            self_closing: false,
        };
        loop {
            self.skip_space();
            let Some(&byte) = self.bytes.get(self.pos) else {
                return tag;
            };
            match byte {
                b'>' => {
                    self.pos += 1;
                    tag.end = Some(self.pos);
                    return tag;
                }
                b'/' => {
                    self.pos += 1;
                    if self.bytes.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                        tag.end = Some(self.pos);
                        tag.self_closing = true;
                        return tag;
                    }
                }
                _ => match self.attribute() {
                    Some(attribute) => tag.attributes.push(attribute),
                    None => {
                        self.pos = self.bytes.len();
                        return tag;
                    }
                },
            }
        }
    }

    /// One attribute, with optional whitespace around `=`; `None` when the input ends inside
    /// its value.
    fn attribute(&mut self) -> Option<Attribute> {
        let name_start = self.pos;
        // The first byte is neither space, `>` nor `/`: take it even if it is `=` or a quote, so
        // that the scan always moves on.
        let mut i = name_start + 1;
        while i < self.bytes.len()
            && !is_space(self.bytes[i])
            && !matches!(self.bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let name = name_start..i;
        self.pos = i;
        self.skip_space();
        let value = if self.bytes.get(self.pos) == Some(&b'=') {
            self.pos += 1;
            self.skip_space();
            let value = self.value()?;
            self.pos = value.end;
            Some(value)
        } else {
            None
        };
        Some(Attribute { name, value })
    }

    /// An attribute value at `self.pos`. A quoted value ends at its quote outside `{{ }}`, so
    /// `title="{{ a > b ? "x" : 'y' }}"` is one value; an unquoted one at whitespace or `>`.
    fn value(&self) -> Option<Value> {
        let start = self.pos;
        let quote = *self.bytes.get(start)?;
        if quote == b'"' || quote == b'\'' {
            let mut i = start + 1;
            while i < self.bytes.len() {
                if self.bytes[i] == quote {
                    return Some(Value {
                        inner: start + 1..i,
                        end: i + 1,
                    });
                }
                i = if self.at(i, b"{{") {
                    self.mustache_end(i).unwrap_or(i + 2)
                } else {
                    i + 1
                };
            }
            return None;
        }
        let mut i = start;
        while i < self.bytes.len() && !is_space(self.bytes[i]) && self.bytes[i] != b'>' {
            i = if self.at(i, b"{{") {
                self.mustache_end(i).unwrap_or(i + 2).min(self.bytes.len())
            } else {
                i + 1
            };
        }
        // `<x a=b/>`: the `/` closes the tag rather than ending the value.
        if i > start && self.bytes[i - 1] == b'/' && self.bytes.get(i) == Some(&b'>') {
            i -= 1;
        }
        Some(Value {
            inner: start..i,
            end: i,
        })
    }

    /// The offset just after the `}}` that closes the `{{` at `start`. Quoted strings inside
    /// are skipped (`{{ '}}' }}`); if that finds no end, the first `}}` does. `None`: there is
    /// no `}}` at all, and the `{{` is plain text.
    fn mustache_end(&self, start: usize) -> Option<usize> {
        let mut i = start + 2;
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'}' if self.at(i, b"}}") => return Some(i + 2),
                quote @ (b'\'' | b'"') => {
                    i += 1;
                    // A string ends at its quote, or (unterminated) at the end of its line.
                    while i < self.bytes.len() && self.bytes[i] != quote && self.bytes[i] != b'\n' {
                        i += if self.bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        self.find_from(start + 2, b"}}").map(|i| i + 2)
    }

    fn skip_space(&mut self) {
        while self.pos < self.bytes.len() && is_space(self.bytes[self.pos]) {
            self.pos += 1;
        }
    }

    fn at(&self, i: usize, needle: &[u8]) -> bool {
        self.bytes
            .get(i..)
            .is_some_and(|rest| rest.starts_with(needle))
    }

    fn find_from(&self, from: usize, needle: &[u8]) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        memchr::memmem::find(rest, needle).map(|i| from + i)
    }
}

/// The text of `range`; empty if it does not fall on character boundaries (it always does,
/// since every range starts and ends next to an ASCII byte or at the ends of the text).
pub fn slice(text: &str, range: Range<usize>) -> &str {
    text.get(range).unwrap_or("")
}

/// HTML's whitespace: space, tab, line feed, carriage return, form feed.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_and_raw_text() {
        let text = "<!-- <x> --><script lang = \"ts\" setup>a < b && '</scripts>'</SCRIPT >\
                    <view a='1' b>{{ '<y>' }}</view>";
        let mut tokenizer = Tokenizer::new(text);
        let Some(Markup::Start(script)) = tokenizer.next() else {
            panic!("a start tag")
        };
        assert_eq!(script.name, "script");
        assert_eq!(script.attribute(text, "lang"), Some("ts"));
        assert_eq!(script.attribute(text, "setup"), Some(""));
        let body = tokenizer.skip_raw_text("script").unwrap();
        assert_eq!(&text[body], "a < b && '</scripts>'");
        assert!(matches!(
            tokenizer.next(),
            Some(Markup::End { name: "SCRIPT", .. })
        ));
        let Some(Markup::Start(view)) = tokenizer.next() else {
            panic!("a start tag")
        };
        assert_eq!(view.attributes.len(), 2);
        assert!(matches!(
            tokenizer.next(),
            Some(Markup::End { name: "view", .. })
        ));
        assert_eq!(tokenizer.next(), None);
    }
}
