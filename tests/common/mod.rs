//! Checks shared by the corpus test, the property tests and the fuzz target: that a migration
//! changed nothing but the `wx` tokens of its rewrite sites, and that a second run is a no-op.
#![allow(dead_code)] // each test binary uses a different part

// The fuzz targets include this module too and have no assert_cmd (`cargo fuzz` sets `fuzzing`).
#[cfg(not(fuzzing))]
pub mod run;

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use swc_ecma_ast::{MemberExpr, ParenExpr, TsNonNullExpr};
use swc_ecma_visit::{Visit, VisitWith};
use wxwork_migrate::diagnostic::{Code, Finding};
use wxwork_migrate::language::Language;
use wxwork_migrate::migrate::{migrate, Failure, Migration};
use wxwork_migrate::parse::{parse, range_of};
use wxwork_migrate::plan::Guard;

/// The text the standard guard puts in place of a global `wx` token.
pub const GUARD: &str = r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)"#;
/// In a branch an existing check already restricts to WeCom.
pub const WECOM: &str = "wx.qy";
/// The same in TypeScript, where typings declare `wx.qy` optional.
pub const GUARD_TS: &str = r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy! : wx)"#;
pub const WECOM_TS: &str = "wx.qy!";

/// The guard and the WeCom-branch text for a language.
pub fn forms(language: Language) -> (&'static str, &'static str) {
    if language.is_typescript() {
        (GUARD_TS, WECOM_TS)
    } else {
        (GUARD, WECOM)
    }
}

pub fn is_rewrite(code: Code) -> bool {
    matches!(
        code,
        Code::LoginRewrite | Code::CheckSessionRewrite | Code::SystemInfoRewrite
    )
}

/// What the tool may turn a read of `wx.<name>` into when WeCom reads `getSystemInfoSync`
/// instead (WX103): the key picked at run time (`.name`, `?.name`, `["name"]`), or, in a WeCom
/// branch, the other name.
fn system_info_forms(seg: &str, name: &str) -> Vec<String> {
    const STAND_IN: &str = "getSystemInfoSync";
    let pick =
        format!(r#"wx.getSystemInfoSync().environment === "wxwork" ? "{STAND_IN}" : "{name}""#);
    let mut forms = Vec::new();
    if let Some(at) = seg.rfind(name) {
        let (before, after) = (&seg[..at], &seg[at + name.len()..]);
        if let Some(quote) = before
            .chars()
            .next_back()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        {
            let before = &before[..before.len() - 1];
            let after = after.strip_prefix(quote).unwrap_or(after);
            forms.push(format!("{before}{pick}{after}"));
            forms.push(format!("{before}\"{STAND_IN}\"{after}"));
        } else {
            let trimmed = before.trim_end();
            if let Some(object) = trimmed.strip_suffix("?.") {
                forms.push(format!("{object}?.[{pick}]{after}"));
            } else if let Some(object) = trimmed.strip_suffix('.') {
                forms.push(format!("{object}[{pick}]{after}"));
            }
            forms.push(format!("{before}{STAND_IN}{after}"));
        }
    }
    forms
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || c == '\u{200c}' || c == '\u{200d}'
}

/// Proves that `output` is `input` with, inside the range of each rewrite finding (WX101,
/// WX102), exactly one `wx` token replaced by one of the forms the tool emits (the guard, the
/// guard after a `;`, `wx.qy`, or `(` + guard closed by one `)` inserted later for a decorator),
/// and nothing else changed. Works from the public findings alone, by undoing each replacement
/// while walking both texts, so it does not trust the tool's own edit list. Returns where each
/// replacement's expression (the guard, or `wx.qy`) is in the output.
pub fn check_only_sites_changed(
    input: &str,
    output: &str,
    findings: &[Finding],
    language: Language,
) -> Result<Vec<Inserted>, String> {
    let (guard, wecom) = forms(language);
    let mut sites: Vec<_> = findings
        .iter()
        .filter(|f| is_rewrite(f.code))
        .map(|f| {
            (
                f.range.clone(),
                f.subject.filter(|_| f.code == Code::SystemInfoRewrite),
            )
        })
        .collect();
    sites.sort_by_key(|(r, _)| (r.start, r.end));
    let (inp, out) = (input.as_bytes(), output.as_bytes());
    let (mut i, mut j, mut closes) = (0usize, 0usize, 0usize);

    // Copies input[i..to] against the output, letting a pending decorator `)` be inserted.
    let copy = |i: &mut usize, j: &mut usize, closes: &mut usize, to: usize| loop {
        let seg = &inp[*i..to];
        let rest = &out[*j..];
        let same = seg.iter().zip(rest).take_while(|(a, b)| a == b).count();
        if same == seg.len() {
            *i = to;
            *j += same;
            return Ok(());
        }
        if *closes > 0 && rest.get(same) == Some(&b')') {
            *i += same;
            *j += same + 1;
            *closes -= 1;
            continue;
        }
        return Err(format!(
            "output differs from the input outside any rewrite site at input byte {} \
             (input {:?}, output {:?})",
            *i + same,
            snippet(input, *i + same),
            snippet(output, *j + same),
        ));
    };

    let semi_guard = format!(";{guard}");
    let open_guard = format!("({guard}");
    let forms: [(&str, bool); 4] = [
        (guard, false),
        (&semi_guard, false),
        (wecom, false),
        (&open_guard, true),
    ];
    let mut inserted = Vec::new();
    for (site, system_info) in &sites {
        if site.start < i || site.end > inp.len() || site.start > site.end {
            return Err(format!(
                "rewrite site {site:?} overlaps another or is out of range"
            ));
        }
        if !input.is_char_boundary(site.start) || !input.is_char_boundary(site.end) {
            return Err(format!(
                "rewrite site {site:?} is not on character boundaries"
            ));
        }
        copy(&mut i, &mut j, &mut closes, site.start)?;
        let seg = &input[site.clone()];
        if let Some(row) = system_info {
            let Some(form) = system_info_forms(seg, row.name)
                .into_iter()
                .find(|form| out[j..].starts_with(form.as_bytes()))
            else {
                return Err(format!(
                    "system-info site {site:?} ({seg:?}) is not its input with the key picked \
                     at run time; output there: {:?}",
                    snippet(output, j)
                ));
            };
            i = site.end;
            j += form.len();
            continue;
        }
        let mut matched = None;
        'search: for (k, spelt) in wx_tokens(input, site.clone()) {
            for (form, close) in forms {
                let candidate = format!("{}{}{}", &seg[..k], form, &seg[k + spelt..]);
                if out[j..].starts_with(candidate.as_bytes()) {
                    let at = j + k + usize::from(form.starts_with([';', '(']) && form != guard);
                    let len = if form == wecom {
                        wecom.len()
                    } else {
                        guard.len()
                    };
                    inserted.push(Inserted {
                        range: at..at + len,
                        paren: form != wecom,
                    });
                    matched = Some((candidate.len(), close));
                    break 'search;
                }
            }
        }
        let Some((len, close)) = matched else {
            return Err(format!(
                "rewrite site {site:?} ({seg:?}) is not its input with one `wx` replaced by a \
                 guard; output there: {:?}",
                snippet(output, j)
            ));
        };
        i = site.end;
        j += len;
        closes += usize::from(close);
    }
    copy(&mut i, &mut j, &mut closes, inp.len())?;
    while closes > 0 && out.get(j) == Some(&b')') {
        j += 1;
        closes -= 1;
    }
    if closes > 0 {
        return Err("a decorator's `(` guard was never closed".to_string());
    }
    if j != out.len() {
        return Err(format!(
            "output has extra text at its end: {:?}",
            snippet(output, j)
        ));
    }
    Ok(inserted)
}

/// The identifier tokens in `input[range]` that spell `wx`, as `wx` or with escapes
/// (`w\u0078`, `\u{77}\u{78}`): each one's offset in the range and its length in bytes.
fn wx_tokens(input: &str, range: std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let mut tokens = Vec::new();
    for (k, _) in input[range.clone()].char_indices() {
        let at = range.start + k;
        if input[..at].chars().next_back().is_some_and(is_ident_char) {
            continue;
        }
        let (name, len) = identifier_at(&input[at..]);
        if name == "wx" && k + len <= range.len() {
            tokens.push((k, len));
        }
    }
    tokens
}

/// The identifier that starts `text`, its escapes decoded, and its length in bytes.
fn identifier_at(text: &str) -> (String, usize) {
    let mut name = String::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some(escape) = rest.strip_prefix("\\u") {
            let (hex, skip) = match escape.strip_prefix('{') {
                Some(braced) => match braced.find('}') {
                    Some(end) => (&braced[..end], end + 2),
                    None => break,
                },
                None => (escape.get(..4).unwrap_or(""), 4),
            };
            match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                Some(c) if is_ident_char(c) => name.push(c),
                _ => break,
            }
            i += 2 + skip;
        } else {
            match rest.chars().next() {
                Some(c) if is_ident_char(c) => {
                    name.push(c);
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
    }
    (name, i)
}

/// One replacement in the output: the guard (a parenthesised expression) or `wx.qy`.
#[derive(Debug)]
pub struct Inserted {
    pub range: std::ops::Range<usize>,
    pub paren: bool,
}

/// Spans of every parenthesised and member expression (`wx.qy`, or `wx.qy!` in TypeScript) of
/// a parsed program.
#[derive(Default)]
struct Spans {
    parens: HashSet<(usize, usize)>,
    members: HashSet<(usize, usize)>,
}

impl Visit for Spans {
    fn visit_paren_expr(&mut self, e: &ParenExpr) {
        let r = range_of(e.span);
        self.parens.insert((r.start, r.end));
        e.visit_children_with(self);
    }

    fn visit_member_expr(&mut self, e: &MemberExpr) {
        let r = range_of(e.span);
        self.members.insert((r.start, r.end));
        e.visit_children_with(self);
    }

    fn visit_ts_non_null_expr(&mut self, e: &TsNonNullExpr) {
        let r = range_of(e.span);
        self.members.insert((r.start, r.end));
        e.visit_children_with(self);
    }
}

/// Text equality is not enough: `foo()\n(guard).login()` differs from its input only at the
/// site, and parses, but calls `foo()`'s result. So each replacement must be a whole expression
/// of its own in the output's syntax tree: a parenthesised expression for the guard, a member
/// expression for `wx.qy`.
pub fn check_replacements_are_expressions(
    output: &str,
    language: Language,
    inserted: &[Inserted],
) -> Result<(), String> {
    let program = parse(output, language).map_err(|e| format!("output does not parse: {e:?}"))?;
    let mut spans = Spans::default();
    program.visit_with(&mut spans);
    for ins in inserted {
        // It must end where the replacement ends. swc starts the span of a token after an
        // HTML-like comment (`<!--`, `-->`) at the comment, so the start may be earlier.
        let set = if ins.paren {
            &spans.parens
        } else {
            &spans.members
        };
        let ok = set
            .iter()
            .any(|&(start, end)| end == ins.range.end && start <= ins.range.start);
        if !ok {
            return Err(format!(
                "the replacement at output bytes {:?} is not an expression of its own there \
                 (e.g. a missing `;` made it the arguments of a call): {:?}",
                ins.range,
                snippet(output, ins.range.start)
            ));
        }
    }
    Ok(())
}

fn snippet(text: &str, at: usize) -> String {
    let mut start = at.saturating_sub(30);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 50).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end].to_string()
}

/// Every finding's range lies in `input`, on character boundaries.
pub fn check_ranges(input: &str, findings: &[Finding]) -> Result<(), String> {
    match findings.iter().find(|f| {
        f.range.start > f.range.end
            || f.range.end > input.len()
            || !input.is_char_boundary(f.range.start)
            || !input.is_char_boundary(f.range.end)
    }) {
        Some(f) => Err(format!("finding {} has a bad range {:?}", f.code, f.range)),
        None => Ok(()),
    }
}

/// The output of `migration`, when it has one that its rewrites account for: an output only
/// when there are rewrites, and then one that differs from `input`.
pub fn rewritten<'m>(input: &str, migration: &'m Migration) -> Result<Option<&'m String>, String> {
    let rewrites = migration
        .findings
        .iter()
        .filter(|f| is_rewrite(f.code))
        .count();
    match &migration.output {
        None if rewrites == 0 => Ok(None),
        None => Err(format!("{rewrites} rewrites reported, but no output")),
        Some(output) if output == input => {
            Err("output is Some but identical to the input".to_string())
        }
        Some(_) if rewrites == 0 => {
            Err("the output changed, but no rewrite was reported".to_string())
        }
        Some(output) => Ok(Some(output)),
    }
}

/// Everything the pipeline promises for one text that migrates without error: an output only
/// when there are rewrites, an output that parses, changes only at the rewrite sites, and that
/// a second run leaves alone with the same flags and notes.
pub fn check_migration(
    input: &str,
    language: Language,
    migration: &Migration,
) -> Result<(), String> {
    check_ranges(input, &migration.findings)?;
    let Some(output) = rewritten(input, migration)? else {
        return Ok(());
    };
    parse(output, language).map_err(|e| {
        format!(
            "the output does not parse at byte {}: {} near {:?}",
            e.offset,
            e.message,
            snippet(output, e.offset)
        )
    })?;
    let inserted = check_only_sites_changed(input, output, &migration.findings, language)?;
    check_replacements_are_expressions(output, language, &inserted)?;
    let again = migrate(output, language, &Guard::standard())
        .map_err(|e| format!("a second run fails: {e:?}"))?;
    check_second_run(migration, output, &again)?;
    Ok(())
}

/// A second run of the tool on its own `output` changes nothing, reports no rewrite, and
/// reports the same flags and notes as the first run, `migration`.
pub fn check_second_run(
    migration: &Migration,
    output: &str,
    again: &Migration,
) -> Result<(), String> {
    if let Some(again_output) = &again.output {
        return Err(format!(
            "a second run changes the output again, first at byte {}",
            first_difference(output, again_output)
        ));
    }
    if let Some(f) = again.findings.iter().find(|f| is_rewrite(f.code)) {
        return Err(format!(
            "a second run still reports {} {}",
            f.code, f.message
        ));
    }
    let others = |m: &Migration| {
        let mut codes: Vec<Code> = m
            .findings
            .iter()
            .map(|f| f.code)
            // Only the rewrites go when they are done: a warning (a Promise-style call's
            // WX202) must follow its site into the output.
            .filter(|&c| !is_rewrite(c))
            .collect();
        codes.sort();
        codes
    };
    if others(migration) != others(again) {
        return Err(format!(
            "a second run reports other flags and notes: {:?} then {:?}",
            others(migration),
            others(again)
        ));
    }
    Ok(())
}

pub fn first_difference(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// What [`migrate_and_check`] saw, when nothing was wrong.
pub enum Outcome {
    Migrated(Migration),
    /// The input does not parse, and `parse` agrees.
    SyntaxError,
    /// The tool declined the file for a reason of its own (e.g. nesting too deep to process).
    Declined(String),
}

/// Runs the pipeline and applies [`check_migration`]; a syntax error in the input is fine when
/// the input really does not parse.
pub fn migrate_and_check(input: &str, language: Language) -> Result<Outcome, String> {
    match migrate(input, language, &Guard::standard()) {
        Ok(migration) => {
            check_migration(input, language, &migration)?;
            Ok(Outcome::Migrated(migration))
        }
        Err(Failure::Syntax(err)) => match parse(input, language) {
            Err(again) if again == err => Ok(Outcome::SyntaxError),
            other => Err(format!(
                "migrate reports a syntax error {err:?}, but parse says {:?}",
                other.map(|_| "ok")
            )),
        },
        Err(Failure::Internal { offset, message }) => Err(format!(
            "internal failure (WX903) at byte {offset}: {message}"
        )),
        #[allow(unreachable_patterns)]
        Err(other) => Ok(Outcome::Declined(format!("{other:?}"))),
    }
}

/// Copies a fixture project into a temp folder, for tests that run the binary on it.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}
