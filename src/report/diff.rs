//! Unified diffs that `git apply` takes as they are.
//!
//! A rewrite replaces text inside lines and never adds or removes a line break, so the old and
//! new texts have the same lines, and line `i` of one is line `i` of the other. Such a diff is
//! written straight from the lines that differ, without a diff algorithm: searching the whole
//! file for the best alignment cost more than a tenth of the parse on every changed file.
//! Anything else goes through `similar`.

use std::fmt::Write;

use similar::TextDiff;

use crate::discover::with_slashes;

/// Lines of context around each change, as in `git diff`.
const CONTEXT: usize = 3;

/// `--- a/<path>` / `+++ b/<path>`; empty when the texts are equal.
pub fn unified_diff(display: &str, old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    if old_lines.len() != new_lines.len() {
        return diff_with_similar(display, old, new);
    }
    let changed: Vec<usize> = (0..old_lines.len())
        .filter(|&i| old_lines[i] != new_lines[i])
        .collect();
    let mut diff = String::new();
    if changed.is_empty() {
        return diff;
    }
    let _ = write!(
        diff,
        "--- {}\n+++ {}\n",
        name("a/", display),
        name("b/", display)
    );
    // Changes closer than twice the context share a hunk.
    for hunk in changed.chunk_by(|a, b| b - a <= 2 * CONTEXT + 1) {
        let start = hunk[0].saturating_sub(CONTEXT);
        let end = (hunk[hunk.len() - 1] + 1 + CONTEXT).min(old_lines.len());
        let range = match end - start {
            1 => format!("{}", start + 1),
            len => format!("{},{len}", start + 1),
        };
        let _ = writeln!(diff, "@@ -{range} +{range} @@");
        let mut i = start;
        while i < end {
            if old_lines[i] == new_lines[i] {
                push_line(&mut diff, ' ', old_lines[i]);
                i += 1;
                continue;
            }
            // A run of changed lines: all the old ones, then all the new ones.
            let run = (i..end)
                .find(|&j| old_lines[j] == new_lines[j])
                .unwrap_or(end);
            for line in &old_lines[i..run] {
                push_line(&mut diff, '-', line);
            }
            for line in &new_lines[i..run] {
                push_line(&mut diff, '+', line);
            }
            i = run;
        }
    }
    diff
}

/// Any two texts, through a diff algorithm.
fn diff_with_similar(display: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(CONTEXT)
        .header(&name("a/", display), &name("b/", display))
        .to_string()
}

/// A file's name in a diff header, quoted the way git quotes one (C-style, in double quotes)
/// when it holds a quote, a backslash or a control character such as a tab or a line break,
/// which would otherwise end or break the header. `git apply` reads both forms.
fn name(prefix: &str, display: &str) -> String {
    let display = &*with_slashes(display);
    let needs_quotes = display
        .chars()
        .any(|c| c == '"' || c == '\\' || c.is_ascii_control());
    if !needs_quotes {
        return format!("{prefix}{display}");
    }
    let mut quoted = format!("\"{prefix}");
    for c in display.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\t' => quoted.push_str("\\t"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_ascii_control() => {
                let _ = write!(quoted, "\\{:03o}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn push_line(diff: &mut String, tag: char, line: &str) {
    diff.push(tag);
    diff.push_str(line);
    if !line.ends_with('\n') {
        diff.push_str("\n\\ No newline at end of file\n");
    }
}

/// A diff that creates a file, as `git diff` writes one.
pub fn new_file_diff(display: &str, content: &str) -> String {
    TextDiff::from_lines("", content)
        .unified_diff()
        .header("/dev/null", &name("b/", display))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `similar` writes for the same texts.
    fn reference(old: &str, new: &str) -> String {
        diff_with_similar("app.js", old, new)
    }

    #[test]
    fn keeps_crlf_and_reports_a_missing_final_newline() {
        let old = "a\r\nwx.login()";
        let new = "a\r\nX.login()";
        let diff = unified_diff("app.js", old, new);
        assert_eq!(
            diff,
            "--- a/app.js\n+++ b/app.js\n@@ -1,2 +1,2 @@\n a\r\n\
             -wx.login()\n\\ No newline at end of file\n\
             +X.login()\n\\ No newline at end of file\n"
        );
        assert_eq!(diff, reference(old, new));
    }

    #[test]
    fn hunks_split_and_merge_as_similar_does() {
        let lines: Vec<String> = (0..40).map(|i| format!("line {i}\n")).collect();
        // Changes 7 lines apart share a hunk, 8 apart do not; one at each end of the file.
        for changes in [
            vec![0, 7, 15, 39],
            vec![3, 4, 5],
            vec![20],
            vec![0, 39],
            vec![38],
        ] {
            let old = lines.concat();
            let new: String = lines
                .iter()
                .enumerate()
                .map(|(i, line)| {
                    if changes.contains(&i) {
                        line.replace("line", "LINE")
                    } else {
                        line.clone()
                    }
                })
                .collect();
            assert_eq!(
                unified_diff("app.js", &old, &new),
                reference(&old, &new),
                "{changes:?}"
            );
        }
    }

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified_diff("app.js", "a\nb\n", "a\nb\n"), "");
    }

    #[test]
    fn a_lone_carriage_return_does_not_end_a_line() {
        // git splits lines at `\n` only; a classic Mac file is one line to it.
        let diff = unified_diff("app.js", "a\rwx.login()\r", "a\rX.login()\r");
        assert_eq!(
            diff,
            "--- a/app.js\n+++ b/app.js\n@@ -1 +1 @@\n-a\rwx.login()\r\n\\ No newline at end of \
             file\n+a\rX.login()\r\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn names_are_quoted_as_git_quotes_them() {
        assert_eq!(name("a/", "pages/登录 页.js"), "a/pages/登录 页.js");
        assert_eq!(name("a/", "pages/a\tb.js"), "\"a/pages/a\\tb.js\"");
        assert_eq!(
            name("b/", "a\n\"q\"\\\u{1b}.js"),
            "\"b/a\\n\\\"q\\\"\\\\\\033.js\""
        );
        assert!(unified_diff("a\tb.js", "wx\n", "X\n")
            .starts_with("--- \"a/a\\tb.js\"\n+++ \"b/a\\tb.js\"\n"));
    }

    #[test]
    fn added_lines_go_through_similar() {
        let (old, new) = ("a\nb\n", "a\nx\nb\n");
        assert_eq!(unified_diff("app.js", old, new), reference(old, new));
    }
}
