//! Proves, from bytes alone, that a file cannot reach any of the APIs, so that it need not be
//! parsed. Most files of a real mini-program never mention them; parsing is most of the cost.
//! One pass finds every word that could matter; each is then judged by the bytes around it.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem::Finder;

use crate::compat;
use crate::suppress::MARKER;

/// What each pattern of [`WORDS`] is, in its order.
#[derive(Clone, Copy)]
enum Word {
    /// Always needs the parse: the suppression marker (reported when it suppresses nothing),
    /// and words whose every use is reported.
    Marker,
    /// `login`, `checkSession`, `getUserInfo`: an API only as a property name.
    ApiName,
    /// WeChat's code exchange endpoint, reported wherever it is named.
    CodeExchange,
    /// `Taro`, `uni`, `wepy`: a framework whose wrapper of an API some WeCom client lacks is
    /// reported like the API.
    Framework,
    /// Taro's JSX form of the getUserInfo flow, `onGetUserInfo={...}`, every use of which is
    /// reported. The word is searched without its `on`: words starting `on` are everywhere,
    /// and each would be a false lead of the search.
    JsxUserInfo,
    /// An import of Mpx, whose object's wrappers of the APIs some WeCom client lacks are
    /// reported like the APIs. `mpx` itself is not searched: `mp` begins too many words.
    MpxImport,
    /// `\u00…`, `\u{…}` and `\x…`: the escapes that can spell an ASCII letter, and so `wx` or an
    /// API name, in an identifier (`wx.\u006cogin`) or a key or URL (`Taro["\x6cogin"]`,
    /// `jscode2\x73ession`). `\u767b` and the like cannot.
    AsciiEscape,
}

const PATTERNS: [(&str, Word); 13] = [
    (MARKER, Word::Marker),
    ("GetUserInfo", Word::JsxUserInfo),
    ("@mpxjs/core", Word::MpxImport),
    ("login", Word::ApiName),
    ("checkSession", Word::ApiName),
    ("getUserInfo", Word::ApiName),
    ("jscode2session", Word::CodeExchange),
    ("Taro", Word::Framework),
    ("uni", Word::Framework),
    ("wepy", Word::Framework),
    ("\\u00", Word::AsciiEscape),
    ("\\u{", Word::AsciiEscape),
    ("\\x", Word::AsciiEscape),
];

/// The `wx.*` functions that some WeCom client lacks. They are too many for the multi-word
/// search (past 64 words it loses its fastest loop), so the name after each `wx.` is looked up
/// here instead.
static MISSING: LazyLock<HashSet<&'static [u8]>> = LazyLock::new(|| {
    compat::api_names_missing_somewhere()
        .map(str::as_bytes)
        .collect()
});

/// `wx` has a pass of its own: it is in almost every file, many times, and a hit ends the
/// multi-word search's fast loop.
static WX: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("wx"));

static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(PATTERNS.map(|(pattern, _)| pattern))
        .expect("the patterns are few and short")
});

/// `false` only when the file cannot hold a site, a flag or a note: it escapes no identifier
/// into ASCII, uses `wx` (and `Taro`, `uni`, `wepy`) only to read a property that every WeCom
/// client has (`wx.request`), and names login, checkSession or getUserInfo only where it
/// is not a property name (`'/pages/login/login'`, `// checkSession 由后端校验`). Any other
/// `wx` may be indexed with a key spelt by any string escape (`wx["lo\gin"]`, `(wx as any)[key]`,
/// `wx![key]`) or handed on as a value (`wx || my`), and the finder reports both.
pub fn may_reach_api(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut comment_after_dot = None;
    let mut names_a_framework = None;
    WORDS.find_iter(bytes).any(|found| {
        let (start, end) = (found.start(), found.end());
        match PATTERNS[found.pattern().as_usize()].1 {
            Word::ApiName => {
                property_name_at(bytes, start, end)
                    && (after_dot_or_quote(bytes, start)
                        || *comment_after_dot.get_or_insert_with(|| has_comment_after_dot(bytes))
                        || in_list(bytes, start)
                            && *names_a_framework.get_or_insert_with(|| names_framework(bytes)))
            }
            Word::Framework => {
                !(start > 0 && matches!(bytes[start - 1], b'.')
                    || !property_name_at(bytes, start, end))
                    && dot_after(bytes, end).is_some_and(|dot| names_missing_api(bytes, dot))
            }
            Word::JsxUserInfo => bytes[..start].ends_with(b"on"),
            Word::MpxImport => reads_mpx_missing_api(bytes),
            Word::Marker | Word::CodeExchange | Word::AsciiEscape => true,
        }
    }) || WX.find_iter(bytes).any(|at| {
        !reads_property(bytes, at)
            || !is_other_word(bytes, at)
                && dot_after(bytes, at + 2).is_some_and(|dot| names_missing_api(bytes, dot))
    })
}

/// `mpx.getWindowInfo`: in a file that imports Mpx, its object may read an API some WeCom
/// client lacks.
fn reads_mpx_missing_api(bytes: &[u8]) -> bool {
    static MPX: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("mpx"));
    MPX.find_iter(bytes).any(|at| {
        property_name_at(bytes, at, at + 3)
            && dot_after(bytes, at + 3).is_some_and(|dot| names_missing_api(bytes, dot))
    })
}

/// Whether the `wx` at `at` is part of another word or a property name (`a.wx`).
fn is_other_word(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[..at];
    before.last().is_some_and(|&b| is_word_byte(b))
        || before.ends_with(b".") && !before.ends_with(b"...")
        || bytes.get(at + 2).is_some_and(|&b| is_word_byte(b))
}

/// The offset of the `.` that follows `from` past white space.
fn dot_after(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let next = rest.iter().position(|b| !is_space(b))?;
    (rest[next] == b'.').then_some(from + next)
}

/// Whether the property read after the `.` at `dot` may be a `wx.*` function some WeCom client
/// lacks. Unsure is `true`: a comment, an escape or a non-ASCII byte where the name should be.
fn names_missing_api(bytes: &[u8], dot: usize) -> bool {
    let rest = &bytes[dot + 1..];
    let Some(start) = rest.iter().position(|b| !is_space(b)) else {
        return false;
    };
    let rest = &rest[start..];
    let len = rest
        .iter()
        .position(|&b| !is_word_byte(b))
        .unwrap_or(rest.len());
    if len == 0 {
        // `?.`, `..`: not a name; a comment, `\u`, or a byte of Unicode: unsure.
        return rest[0] >= 0x80 || matches!(rest[0], b'/' | b'\\' | b'<' | b'-');
    }
    rest.get(len).is_some_and(|&b| b == b'\\' || b >= 0x80) || MISSING.contains(&rest[..len])
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$')
}

/// JavaScript's ASCII white space and line ends; `u8::is_ascii_whitespace` lacks the vertical tab.
fn is_space(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Whether the `wx` at `at` is part of another word, a property name (`a.wx`), or the object of
/// a property read (`wx.request`, `wx\n  .request`). Unsure is `false`: a comment after it,
/// or a byte of a non-ASCII identifier around it.
fn reads_property(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[..at];
    if before.last().is_some_and(|&b| is_word_byte(b))
        || before.ends_with(b".") && !before.ends_with(b"...")
    {
        return true;
    }
    let after = &bytes[at + 2..];
    if after.first().is_some_and(|&b| is_word_byte(b)) {
        return true;
    }
    let next = after.iter().position(|b| !is_space(b));
    next.is_some_and(|i| after[i] == b'.')
}

/// Whether the name at `start..end` can be a whole identifier: not part of a longer ASCII word
/// (`loginUrl`, `onlogin`), nor followed by an escape that lengthens it. A non-ASCII byte after it may be a space of Unicode's (`wx.login\u{3000}()`,
/// the full-width space): unsure counts.
fn property_name_at(bytes: &[u8], start: usize, end: usize) -> bool {
    let longer = |b: &u8| is_word_byte(*b) || *b == b'\\';
    !(bytes.get(end).is_some_and(longer) || start > 0 && is_word_byte(bytes[start - 1]))
}

/// Whether the last byte before `at`, past whitespace, is a `.` (`wx.login`, `wx?.\n login`) or
/// a quote that may open a computed key (`Taro["login"]`, `` uni[`login`] ``, which the finder
/// reports as framework wrappers). A non-ASCII byte there may be a space of Unicode's: unsure is
/// `true`.
fn after_dot_or_quote(bytes: &[u8], at: usize) -> bool {
    let before = bytes[..at].iter().rev().find(|b| !is_space(b));
    before.is_some_and(|&b| matches!(b, b'.' | b'\'' | b'"' | b'`') || b >= 0x80)
}

/// Whether the last byte before `at`, past whitespace, opens or continues a list of names, as in
/// `import { login, checkSession } from '@tarojs/taro'`.
fn in_list(bytes: &[u8], at: usize) -> bool {
    let before = bytes[..at].iter().rev().find(|b| !is_space(b));
    before.is_some_and(|&b| matches!(b, b'{' | b',') || b >= 0x80)
}

/// Whether the file names a framework, whose API a named import or a destructuring can take
/// (`import { login } from '@tarojs/taro'`, `const { login } = uni`).
fn names_framework(bytes: &[u8]) -> bool {
    ["@tarojs/taro", "@mpxjs/core", "wepy", "Taro", "uni"]
        .iter()
        .any(|name| memchr::memmem::find(bytes, name.as_bytes()).is_some())
}

/// Whether a comment starts right after a `.` (past whitespace): then a property name may stand
/// behind it (`wx. /* 登录 */ login`, `wx.⏎// 登录⏎login`), where no byte before it is the dot.
/// A non-ASCII byte there may be a space of Unicode's: unsure is `true`.
fn has_comment_after_dot(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'.', bytes).any(|dot| {
        let rest = &bytes[dot + 1..];
        let next = rest.iter().position(|b| !is_space(b));
        next.is_some_and(|i| {
            let rest = &rest[i..];
            rest[0] >= 0x80
                || rest.starts_with(b"//")
                || rest.starts_with(b"/*")
                || rest.starts_with(b"<!--")
                || rest.starts_with(b"-->")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::Clients;

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
    fn api_names_that_are_not_property_names_are_skipped() {
        assert!(!may_reach_api(
            "wx.navigateTo({ url: '/pages/login/login' })\n// checkSession 由后端校验\n"
        ));
        assert!(!may_reach_api(
            "this.setData({ loginStatus: 1, onlogin: true })"
        ));
        assert!(!may_reach_api("wx.showToast({ title: '\\u767b\\u5f55' })"));
        assert!(!may_reach_api("api.loginUrl = api.base + '/login'"));
    }

    #[test]
    fn property_names_pass_whatever_stands_between() {
        assert!(may_reach_api("this.login()"));
        assert!(may_reach_api("wx?.\n  checkSession()"));
        assert!(may_reach_api("wx.\u{b}login()"));
        assert!(may_reach_api("wx.\u{a0}login()"));
        assert!(may_reach_api("wx. /* sign in */ login()"));
        assert!(may_reach_api("wx.\n// sign in\nlogin()"));
        assert!(may_reach_api("wx.\n<!-- sign in\nlogin()"));
        assert!(may_reach_api("wx.\n--> sign in\nlogin()"));
        assert!(may_reach_api("wx. \u{a0}/* sign in */ login()"));
    }

    #[test]
    fn a_unicode_space_after_a_name_passes() {
        assert!(may_reach_api("wx.login\u{a0}({})"));
        assert!(may_reach_api("wx.login\u{3000}({})"));
        assert!(may_reach_api("wx.checkSession\u{feff}()"));
        assert!(may_reach_api("wx.login\u{2028}()"));
    }

    #[test]
    fn quoted_keys_of_framework_wrappers_pass() {
        assert!(may_reach_api(r#"Taro["login"]({})"#));
        assert!(may_reach_api(r#"uni?.["checkSession"]()"#));
        assert!(may_reach_api("uni[`login`]({})"));
        assert!(may_reach_api("wx.qy['login']().then(r => r)"));
        assert!(may_reach_api(r#"Taro["\x6cogin"]({})"#));
        assert!(may_reach_api(
            r#"const u = "https://api.weixin.qq.com/sns/jscode2\x73ession""#
        ));
    }

    #[test]
    fn ascii_escapes_pass_and_others_do_not() {
        assert!(may_reach_api(r"wx.\u{6c}ogin()"));
        assert!(may_reach_api(r"wx.lo\u0067in()"));
        assert!(!may_reach_api(r"const \u767b = 1"));
    }

    #[test]
    fn apis_some_wecom_client_lacks_pass_and_the_rest_do_not() {
        assert!(may_reach_api("const { windowWidth } = wx.getWindowInfo()"));
        assert!(may_reach_api("wx\n  .chooseMessageFile({ count: 1 })"));
        assert!(may_reach_api("wx.\n  getSystemInfoAsync({})"));
        assert!(may_reach_api("wx. /* 设置 */ getSystemSetting()"));
        assert!(may_reach_api("uni.getWindowInfo()"));
        assert!(may_reach_api("Taro .getAppBaseInfo()"));
        assert!(may_reach_api("wepy.previewMedia({})"));
        assert!(!may_reach_api(
            "wx.getSystemInfoSync(); wx.request({}); wx.navigateTo({ url })"
        ));
        assert!(!may_reach_api("uni.request({}); Taro.navigateTo({ url })"));
        assert!(!may_reach_api(
            "unique.getWindowInfo(); this.uni.getWindowInfo(); const getWindowInfo = 1"
        ));
        assert!(!may_reach_api("wx.getWindowInfoSafe()"));
    }

    #[test]
    fn the_marker_is_not_taken_for_wx() {
        assert!(may_reach_api("// wxwork-migrate-ignore\nwx.request({})"));
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
        use crate::language::Language;
        use crate::manifest::VueVersion;
        use crate::migrate::{migrate_parsed, Options};
        use crate::plan::Guard;
        let guard = Guard::standard();
        let options = Options {
            guard: &guard,
            ignored: &[],
            verify: false,
            targets: Clients::ALL,
            inventory: false,
            module: None,
            vue: VueVersion::default(),
        };
        let mut checked = 0;
        for path in crate::fixture_files::under(&["tests/fixtures"]) {
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
