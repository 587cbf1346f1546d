//! Text edits at byte ranges, applied in one pass so that everything outside them stays
//! byte-identical (comments, quotes, line endings, a byte order mark).

use std::fmt;
use std::ops::Range;

/// Replace `range` of the original text with `content`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub content: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, content: impl Into<String>) -> Self {
        Edit {
            range,
            content: content.into(),
        }
    }
}

/// Two edits touch the same bytes: applying both could not mean what either intended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlapError {
    pub first: Range<usize>,
    pub second: Range<usize>,
}

impl fmt::Display for OverlapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (first, second) = (&self.first, &self.second);
        let message = crate::t!(
            "overlapping-edits",
            first = format!("{}..{}", first.start, first.end),
            second = format!("{}..{}", second.start, second.end)
        );
        f.write_str(&message)
    }
}

/// Sorts `edits` and keeps one of each: every fix that imports the WeCom module carries the
/// same import, so that a suppressed fix does not take another's import with it.
pub fn once_each(edits: &mut Vec<Edit>) {
    edits.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.content).cmp(&(b.range.start, b.range.end, &b.content))
    });
    edits.dedup();
}

/// Applies `edits` (in any order; an edit given twice counts once) to `source`. Overlapping
/// edits are refused as a whole rather than skipped, because a partial rewrite of a call site
/// is worse than none.
pub fn apply(source: &str, mut edits: Vec<Edit>) -> Result<String, OverlapError> {
    once_each(&mut edits);
    for pair in edits.windows(2) {
        if pair[1].range.start < pair[0].range.end {
            return Err(OverlapError {
                first: pair[0].range.clone(),
                second: pair[1].range.clone(),
            });
        }
    }
    let added: usize = edits.iter().map(|e| e.content.len()).sum();
    let mut out = String::with_capacity(source.len() + added);
    let mut copied_to = 0;
    for edit in &edits {
        out.push_str(&source[copied_to..edit.range.start]);
        out.push_str(&edit.content);
        copied_to = edit.range.end;
    }
    out.push_str(&source[copied_to..]);
    Ok(out)
}

/// Maps an offset in the edited text back to the original, for errors found after editing.
/// An offset inside an edit's new text maps to the start of that edit.
pub fn original_offset(edits: &[Edit], edited: usize) -> usize {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let mut shift: isize = 0;
    for edit in sorted {
        let start = edit.range.start.saturating_add_signed(shift);
        if edited < start {
            break;
        }
        let end = start + edit.content.len();
        if edited < end {
            return edit.range.start;
        }
        shift += edit.content.len() as isize - edit.range.len() as isize;
    }
    edited.saturating_add_signed(-shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_unsorted_edits_and_keeps_the_rest() {
        let src = "a\r\nwx.login();\r\nwx.checkSession();\r\n";
        let edits = vec![Edit::replace(16..18, "W2"), Edit::replace(3..5, "W1")];
        assert_eq!(
            apply(src, edits).unwrap(),
            "a\r\nW1.login();\r\nW2.checkSession();\r\n"
        );
    }

    #[test]
    fn refuses_overlapping_edits() {
        let err = apply(
            "abcdef",
            vec![Edit::replace(0..3, "x"), Edit::replace(2..4, "y")],
        )
        .unwrap_err();
        assert_eq!(err.first, 0..3);
        assert_eq!(err.second, 2..4);
    }

    #[test]
    fn adjacent_edits_are_not_overlaps() {
        let out = apply(
            "abcd",
            vec![Edit::replace(2..4, "Z"), Edit::replace(0..2, "Y")],
        );
        assert_eq!(out.unwrap(), "YZ");
    }

    #[test]
    fn offsets_map_back_through_edits() {
        let edits = vec![Edit::replace(2..4, "LONGER"), Edit::replace(6..6, ";")];
        // "ab" + "LONGER" + "ef" + ";" + "gh" from "abcdefgh"
        assert_eq!(original_offset(&edits, 1), 1);
        assert_eq!(original_offset(&edits, 5), 2);
        assert_eq!(original_offset(&edits, 9), 5);
        assert_eq!(original_offset(&edits, 11), 6);
    }

    #[test]
    fn insertion_at_the_end() {
        assert_eq!(apply("ab", vec![Edit::replace(2..2, ";")]).unwrap(), "ab;");
    }
}
