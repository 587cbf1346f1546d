//! Proves, from bytes alone, that a file cannot reach any of the APIs, so that it need not be
//! parsed. Most files of a real mini-program never mention them; parsing is most of the cost.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::suppress::MARKER;

/// The property names the tool looks for, WeChat's code exchange endpoint, `\u`, which can
/// spell them (or `wx`) in an identifier without their letters (`wx.\u006cogin`), and the
/// suppression marker, which is reported when it suppresses nothing.
static NAMES: LazyLock<[Finder<'static>; 6]> = LazyLock::new(|| {
    [
        "login",
        "checkSession",
        "getUserInfo",
        "jscode2session",
        "\\u",
        MARKER,
    ]
    .map(Finder::new)
});

static WX: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("wx"));

/// `false` only when the file cannot hold a site, a flag or a note: it names none of the APIs,
/// escapes no identifier, and uses `wx` only to read a property (`wx.request`). Any other `wx`
/// may be indexed with a key spelt by any string escape (`wx["lo\gin"]`, `(wx as any)[key]`,
/// `wx![key]`) or handed on as a value (`wx || my`), and the finder reports both; a word
/// elsewhere in the file must not decide that.
pub fn may_reach_api(text: &str) -> bool {
    let bytes = text.as_bytes();
    NAMES.iter().any(|needle| needle.find(bytes).is_some())
        || WX.find_iter(bytes).any(|at| !reads_property(bytes, at))
}

/// Whether the `wx` at `at` is part of another word, a property name (`a.wx`), or the object of
/// a property read (`wx.request`, `wx\n  .request`). Unsure is `false`: a comment after it,
/// or a byte of a non-ASCII identifier around it.
fn reads_property(bytes: &[u8], at: usize) -> bool {
    let word = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$');
    let before = &bytes[..at];
    if before.last().is_some_and(word) || before.ends_with(b".") && !before.ends_with(b"...") {
        return true;
    }
    let after = &bytes[at + 2..];
    if after.first().is_some_and(word) {
        return true;
    }
    let next = after.iter().position(|b| !b.is_ascii_whitespace());
    next.is_some_and(|i| after[i] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_escapes_and_computed_keys_pass() {
        assert!(may_reach_api("wx.login()"));
        assert!(may_reach_api("wx.checkSession()"));
        assert!(may_reach_api("const f = wx.getUserInfo"));
        assert!(may_reach_api(r"wx.\u006cogin()"));
        assert!(may_reach_api(r#"wx["lo\gin"]()"#));
        assert!(may_reach_api("wx [method](opts)"));
        assert!(may_reach_api("wx /* 动态 */ [name]()"));
        assert!(may_reach_api(r#"wx?.["\154ogin"]()"#));
    }

    #[test]
    fn unrelated_code_is_skipped() {
        assert!(!may_reach_api(
            "wx.request({ url: 'https://api.example.com' })"
        ));
        assert!(!may_reach_api("wx.showToast({ title: '登录成功' })"));
        assert!(!may_reach_api(
            "const list = [wxml, this.wx.x, a.wx]\nwx\n  .hideLoading()"
        ));
    }

    #[test]
    fn computed_keys_pass_without_an_api_name() {
        assert!(may_reach_api("(wx as any)[key](options)"));
        assert!(may_reach_api("wx![key](options)"));
        assert!(may_reach_api("(wx)[key]({})"));
        assert!(may_reach_api("(<any>wx)[key]({})"));
    }

    /// Every fixture, whole and line by line: what the prefilter skips, the rest of the
    /// pipeline would have found nothing in.
    #[test]
    fn prefilter_never_hides_a_finding() {
        use crate::migrate::{migrate_parsed, Options};
        use crate::parse::Language;
        use crate::plan::Guard;
        let guard = Guard::standard();
        let options = Options {
            guard: &guard,
            ignored: &[],
            verify: false,
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut folders = vec![root];
        let mut checked = 0;
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let Some(language) = Language::from_path(&path) else {
                    continue;
                };
                let text = std::fs::read_to_string(&path).unwrap();
                for sample in std::iter::once(text.as_str()).chain(text.lines()) {
                    if may_reach_api(sample) {
                        continue;
                    }
                    checked += 1;
                    if let Ok(migration) = migrate_parsed(sample, language, &options) {
                        assert!(
                            migration.findings.is_empty(),
                            "{}: skipped, yet {:?} in {sample:?}",
                            path.display(),
                            migration.findings
                        );
                    }
                }
            }
        }
        assert!(checked > 1000, "only {checked} samples skipped");
    }

    #[test]
    fn wx_handed_on_passes() {
        assert!(may_reach_api(
            "const api = typeof wx !== 'undefined' ? wx : my"
        ));
        assert!(may_reach_api("const api = wx || my"));
        assert!(may_reach_api("export default { ...wx }"));
        assert!(may_reach_api("init({ wx })"));
        assert!(may_reach_api("promisifyAll(wx)"));
    }
}
