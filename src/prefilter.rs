//! Proves, from bytes alone, that a file cannot reach any of the APIs, so that it need not be
//! parsed. Most files of a real mini-program never mention them; parsing is most of the cost.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// The property names the tool looks for, plus the escapes that could spell them without their
/// letters (`wx.\u006cogin`, `wx["\x6cogin"]`). A file without any of these cannot hold a site.
static NEEDLES: LazyLock<[Finder<'static>; 5]> =
    LazyLock::new(|| ["login", "checkSession", "getUserInfo", "\\u", "\\x"].map(Finder::new));

pub fn may_reach_api(text: &str) -> bool {
    let bytes = text.as_bytes();
    NEEDLES.iter().any(|needle| needle.find(bytes).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_escapes_pass() {
        assert!(may_reach_api("wx.login()"));
        assert!(may_reach_api("wx.checkSession()"));
        assert!(may_reach_api("const f = wx.getUserInfo"));
        assert!(may_reach_api(r"wx.\u006cogin()"));
        assert!(may_reach_api(r#"wx["\x6cogin"]()"#));
    }

    #[test]
    fn unrelated_code_is_skipped() {
        assert!(!may_reach_api(
            "wx.request({ url: 'https://api.example.com' })"
        ));
        assert!(!may_reach_api("wx.showToast({ title: '登录成功' })"));
    }
}
