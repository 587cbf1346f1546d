//! A file's text and the mapping from byte offsets to what a person sees: lines and columns.

use std::cell::OnceCell;
use std::fmt;

/// The byte order mark some Windows editors write; kept in the text so that offsets stay exact.
const BOM: char = '\u{feff}';

/// The bytes are not UTF-8; `offset` is where the first bad byte is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    pub offset: usize,
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!("not-utf8", offset = self.offset))
    }
}

/// Reads raw bytes as text without any lossy replacement: a file we cannot represent exactly
/// is a file we must not rewrite. Every file read is checked, so the check is SIMD's; only a
/// file that fails it is checked again, by the standard library, to locate the bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, NotUtf8> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| {
        std::str::from_utf8(bytes).map_err(|err| NotUtf8 {
            offset: err.valid_up_to(),
        })
    })
}

/// Start offsets of every line, so that a byte offset can be turned into a 1-based line and a
/// 1-based column counted in UTF-16 code units: the unit of LSP positions (so of VS Code and
/// the editors built on it), of SARIF's default `columnKind` and of JavaScript's own strings.
/// A Chinese character is one unit; an emoji outside the Basic Multilingual Plane is two, and a
/// sequence such as 👨‍👩‍👧 is as many as the editor's cursor steps over.
///
/// Built on the first question: most files have nothing to locate.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: OnceCell<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            line_starts: OnceCell::new(),
        }
    }

    /// Lines end at `\n`, `\r\n` or a lone `\r`, as in JavaScript's own line terminators.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut line_starts = vec![0];
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                    line_starts.push(i + 1);
                }
            }
            line_starts
        })
    }

    /// 1-based line and column of `offset`. Columns count UTF-16 code units; a byte order mark
    /// at the start of the file is invisible in editors and so is not counted.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&start| start <= offset) - 1;
        let start = line_starts[line];
        let prefix = &self.text[start..floor_char_boundary(self.text, offset)];
        let prefix = if line == 0 {
            prefix.strip_prefix(BOM).unwrap_or(prefix)
        } else {
            prefix
        };
        (line + 1, prefix.encode_utf16().count() + 1)
    }

    /// What else is on the lines of `range`, trimmed: before its start (a byte order mark aside)
    /// and after its end.
    pub fn surroundings(&self, range: std::ops::Range<usize>) -> (&'a str, &'a str) {
        let line_starts = self.line_starts();
        let start = line_starts[line_starts.partition_point(|&start| start <= range.start) - 1];
        let before = self.text[start..range.start].trim_start_matches(BOM);
        let rest = &self.text[range.end.min(self.text.len())..];
        let after = rest.split(['\n', '\r']).next().unwrap_or_default();
        (before.trim(), after.trim())
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Line and column of a byte offset in bytes that are not valid text, for the error that says
/// where a file stops being UTF-8.
pub fn line_col_in_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    LineIndex::new(valid).line_col(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units_as_editors_do() {
        // 正在登录 are one unit each, 🔐 is two: VS Code puts the cursor at 21.
        let text = "const t = '正在登录🔐'; wx.login()";
        let offset = text.find("wx").unwrap();
        assert_eq!(LineIndex::new(text).line_col(offset), (1, 21));
        // A family emoji is three people and two joiners: eight units.
        let text = "'👨‍👩‍👧' + wx.login()";
        let offset = text.find("wx").unwrap();
        assert_eq!(LineIndex::new(text).line_col(offset), (1, 14));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nwx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text.find('b').unwrap()), (2, 1));
        assert_eq!(index.line_col(text.find('c').unwrap()), (3, 1));
        assert_eq!(index.line_col(text.find("wx").unwrap()), (4, 1));
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}wx.login()";
        assert_eq!(LineIndex::new(text).line_col(3), (1, 1));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let bytes = b"ok\nab\xffcd";
        let err = decode(bytes).unwrap_err();
        assert_eq!(err.offset, 5);
        assert_eq!(line_col_in_bytes(bytes, err.offset), (2, 3));
        assert_eq!(decode("登录\r\n".as_bytes()), Ok("登录\r\n"));
    }
}
