//! Proves, from bytes alone, that a file cannot reach any of the APIs, so that it need not be
//! parsed. Most files of a real mini-program never mention them; parsing is most of the cost.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// The property names the tool looks for, WeChat's code exchange endpoint, and `\u`, which can spell them (or `wx`) in an
/// identifier without their letters (`wx.\u006cogin`).
static NAMES: LazyLock<[Finder<'static>; 5]> = LazyLock::new(|| {
    [
        "login",
        "checkSession",
        "getUserInfo",
        "jscode2session",
        "\\u",
    ]
    .map(Finder::new)
});

static WX: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("wx"));

/// `false` only when the file cannot hold a site, a flag or a note: it names none of the APIs,
/// escapes no identifier, and never indexes `wx` with `[...]`, whose key could spell a name with
/// any string escape (`wx["lo\gin"]`) or be computed at run time.
pub fn may_reach_api(text: &str) -> bool {
    let bytes = text.as_bytes();
    NAMES.iter().any(|needle| needle.find(bytes).is_some())
        || WX.find_iter(bytes).any(|at| {
            let next = bytes[at + 2..].iter().find(|b| !b.is_ascii_whitespace());
            // `?` may start `?.[`, and `/` a comment before the `[`; parsing settles both.
            matches!(next, Some(b'[' | b'/' | b'?'))
        })
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
        assert!(!may_reach_api("const list = [wx, wxml]"));
    }
}
