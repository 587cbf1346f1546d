//! Every sentence a person reads, in English and Simplified Chinese: one table per language
//! ([`en`], [`zh`]) keyed alike, so that a message added to one and not the other fails a test,
//! and a message site only swaps its literal for a [`t!`](crate::t) lookup.
//!
//! Codes, flags, JSON and SARIF field names and the diff are the same in every language; only
//! the words around them change.

mod en;
mod zh;

use std::fmt::{self, Write};
use std::sync::OnceLock;

use crate::compat::Clients;

/// The language of a run's messages: English or Simplified Chinese. (No doc comment on the
/// variants: clap would show it, in English, among `--lang`'s completions.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// `--lang`, else `WXWORK_MIGRATE_LANG`, else the locale (the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set, as POSIX orders them), else the language the
    /// user's desktop is in (`desktop`: see [`crate::host::desktop_language`]), else English.
    /// The desktop comes last because Windows' and macOS' own terminals seldom set a locale,
    /// while one that is set is a choice made for this shell.
    pub fn choose(
        flag: Option<Lang>,
        var: impl Fn(&str) -> Option<String>,
        desktop: impl FnOnce() -> Option<Lang>,
    ) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        if let Some(lang) = var("WXWORK_MIGRATE_LANG").as_deref().and_then(Lang::parse) {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty());
        match locale {
            Some(locale) if locale.starts_with("zh") => Lang::Zh,
            Some(_) => Lang::En,
            None => desktop().unwrap_or(Lang::En),
        }
    }

    /// `zh`, `zh_CN.UTF-8`, `zh-Hans`, `en`, `en_US`…: and so the BCP 47 tags macOS and
    /// JavaScript's `Intl` name languages with (`zh-Hans-CN`, `zh-TW`, `en-US`). Traditional
    /// Chinese reads Simplified better than English.
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::Zh)
        } else if lower.starts_with("en") || lower == "c" || lower == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language of a Windows language identifier (`LANGID`): its low ten bits name the
    /// language (0x04 Chinese, 0x09 English), the rest the country or script.
    pub fn from_langid(langid: u16) -> Option<Lang> {
        match langid & 0x3ff {
            0x04 => Some(Lang::Zh),
            0x09 => Some(Lang::En),
            _ => None,
        }
    }

    pub fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => en::MESSAGES,
            Lang::Zh => zh::MESSAGES,
        }
    }
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Fixes the run's language; the first call wins, so every thread speaks the same one.
pub fn set(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The run's language: English until [`set`] is called (library users and unit tests).
pub fn lang() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::En)
}

/// The message `key` in `lang`, with each `{name}` replaced by its argument and `{{`, `}}`
/// standing for braces. An unknown key comes back as itself, which a test rules out.
pub fn text(lang: Lang, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let template = lang
        .table()
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, template)| template);
    render(template, args)
}

/// [`text`] with a count: the key's `-one` form for 1, else its `-many` form.
pub fn count(lang: Lang, key: &str, n: usize) -> String {
    let form = if n == 1 { "one" } else { "many" };
    text(lang, &format!("{key}-{form}"), &[("n", &n)])
}

fn render(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let name = tail[1..]
            .split_once('}')
            .map(|(name, _)| name)
            .filter(|name| is_placeholder(name));
        match name.and_then(|name| args.iter().find(|(n, _)| *n == name)) {
            Some((name, value)) => {
                let _ = write!(out, "{value}");
                rest = &tail[name.len() + 2..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `{name}`: a word of lowercase letters and underscores; any other brace is text.
fn is_placeholder(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// The `{name}` placeholders of a template, in order, for the test that both languages take
/// the same arguments.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
        } else if let Some((name, after)) = tail[1..]
            .split_once('}')
            .filter(|(name, _)| &tail[..1] == "{" && is_placeholder(name))
        {
            names.push(name);
            rest = after;
        } else {
            rest = &tail[1..];
        }
    }
    names
}

/// The clients, named in the run's language: `Windows, Mac` or `Windows、Mac`.
pub fn clients(clients: Clients) -> String {
    let names: Vec<String> = clients
        .iter()
        .map(|client| crate::t!(&format!("client-{}", client.as_str())))
        .collect();
    names.join(&crate::t!("list-separator"))
}

/// Looks a message up in the run's language: `t!("key")`, or `t!("key", name = value, ...)` for
/// a template with `{name}` placeholders.
#[macro_export]
macro_rules! t {
    ($key:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::text(
            $crate::messages::lang(),
            $key,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: Lang) -> BTreeSet<&'static str> {
        lang.table().iter().map(|(key, _)| *key).collect()
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let (en, zh) = (keys(Lang::En), keys(Lang::Zh));
        let only_en: Vec<_> = en.difference(&zh).collect();
        let only_zh: Vec<_> = zh.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in zh.rs: {only_en:?}");
        assert!(only_zh.is_empty(), "missing in en.rs: {only_zh:?}");
    }

    #[test]
    fn no_key_is_defined_twice() {
        for lang in Lang::ALL {
            assert_eq!(keys(lang).len(), lang.table().len(), "{lang:?}");
        }
    }

    #[test]
    fn both_languages_take_the_same_arguments() {
        for (key, en) in Lang::En.table() {
            let zh = Lang::Zh.table().iter().find(|(k, _)| k == key);
            let Some((_, zh)) = zh else { continue };
            let en: BTreeSet<_> = placeholders(en).into_iter().collect();
            let zh: BTreeSet<_> = placeholders(zh).into_iter().collect();
            assert_eq!(en, zh, "{key}");
        }
    }

    /// A brace meant as text must be doubled: `wx.login({ success })` would otherwise read as
    /// a placeholder, or lose a brace in a snapshot.
    #[test]
    fn every_brace_is_escaped_or_a_placeholder() {
        for lang in Lang::ALL {
            for (key, template) in lang.table() {
                let mut rest = template.replace("{{", "").replace("}}", "");
                for name in placeholders(template) {
                    rest = rest.replace(&format!("{{{name}}}"), "");
                }
                assert!(!rest.contains(['{', '}']), "{lang:?} {key}: {template}");
            }
        }
    }

    #[test]
    fn templates_fill_placeholders_and_keep_escaped_braces() {
        let args: [(&str, &dyn fmt::Display); 2] = [("name", &"login"), ("n", &3)];
        assert_eq!(
            render("wx.{name}({{ success }}) ×{n} {other}", &args),
            "wx.login({ success }) ×3 {other}"
        );
        assert_eq!(placeholders("{a} {{b}} {c} { d }"), ["a", "c"]);
    }

    #[test]
    fn the_flag_wins_then_the_variable_then_the_locale_then_the_desktop() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let chinese_desktop = || Some(Lang::Zh);
        let no_desktop = || None;
        let zh_locale = env(&[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(Lang::choose(None, zh_locale, no_desktop), Lang::Zh);
        assert_eq!(
            Lang::choose(Some(Lang::En), zh_locale, no_desktop),
            Lang::En
        );
        let both = env(&[("WXWORK_MIGRATE_LANG", "en"), ("LANG", "zh_CN.UTF-8")]);
        assert_eq!(Lang::choose(None, both, no_desktop), Lang::En);
        let all_first = env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")]);
        assert_eq!(Lang::choose(None, all_first, no_desktop), Lang::En);
        let messages = env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW"), ("LANG", "C")]);
        assert_eq!(Lang::choose(None, messages, no_desktop), Lang::Zh);
        assert_eq!(Lang::choose(None, env(&[]), no_desktop), Lang::En);

        assert_eq!(Lang::choose(None, env(&[]), chinese_desktop), Lang::Zh);
        let empty = env(&[("LC_ALL", ""), ("LANG", "")]);
        assert_eq!(Lang::choose(None, empty, chinese_desktop), Lang::Zh);
        let c_locale = env(&[("LANG", "C")]);
        assert_eq!(Lang::choose(None, c_locale, chinese_desktop), Lang::En);
        let variable = env(&[("WXWORK_MIGRATE_LANG", "en")]);
        assert_eq!(Lang::choose(None, variable, chinese_desktop), Lang::En);
        assert_eq!(
            Lang::choose(Some(Lang::En), env(&[]), chinese_desktop),
            Lang::En
        );
    }

    #[test]
    fn desktop_languages_by_windows_langid_and_by_bcp_47_tag() {
        // zh-CN, zh-TW, zh-HK, zh-SG, zh-MO; en-US, en-GB; ja-JP, fr-FR, and LANG_NEUTRAL.
        for langid in [0x0804, 0x0404, 0x0c04, 0x1004, 0x1404] {
            assert_eq!(Lang::from_langid(langid), Some(Lang::Zh), "{langid:#06x}");
        }
        for langid in [0x0409, 0x0809] {
            assert_eq!(Lang::from_langid(langid), Some(Lang::En), "{langid:#06x}");
        }
        for langid in [0x0411, 0x040c, 0x0000] {
            assert_eq!(Lang::from_langid(langid), None, "{langid:#06x}");
        }
        for tag in [
            "zh-Hans-CN",
            "zh-Hans",
            "zh-TW",
            "zh-Hant-HK",
            "zh",
            "ZH-cn",
        ] {
            assert_eq!(Lang::parse(tag), Some(Lang::Zh), "{tag}");
        }
        for tag in ["en-US", "en-GB", "en"] {
            assert_eq!(Lang::parse(tag), Some(Lang::En), "{tag}");
        }
        for tag in ["ja-JP", "fr", "de-CH", "und"] {
            assert_eq!(Lang::parse(tag), None, "{tag}");
        }
    }
}
