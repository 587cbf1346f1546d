//! The independent count the corpus is judged against: scripts/census/census.mjs finds every
//! read of the global `wx`'s `login`, `checkSession` and `getUserInfo`, and every use of a
//! framework's wrapper of them (`Taro.login`, `uni.checkSession`, `wepy.wx.login`, a named
//! import of `login`), with babel's parser and scope analysis. Each of its sites must be
//! rewritten or reported by the tool, and each rewrite, `getUserInfo` flag or framework note must
//! be one of its sites.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use wxwork_migrate::diagnostic::{Code, Finding};

#[derive(Deserialize)]
pub struct FileCensus {
    #[serde(default)]
    pub sites: Vec<Site>,
    /// Babel's parse error: no count for this file.
    pub error: Option<String>,
}

/// `[byte offset, api, kind]`: the offset is the `wx` token's for a member read (`member`), the
/// key's for a destructuring (`destructure`, `framework-destructure`), the framework object's or
/// the named import's for a framework site (`framework`, `framework-export`).
#[derive(Deserialize, Debug, Clone)]
pub struct Site(pub usize, pub String, pub String);

pub type Census = BTreeMap<String, FileCensus>;

pub fn load(path: &Path) -> Census {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}: run scripts/corpus.sh", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

impl Site {
    /// A framework's wrapper rather than the global `wx`.
    pub fn is_framework(&self) -> bool {
        self.2.starts_with("framework")
    }
}

/// The codes that handle a census site: its rewrite or flag, or the note on a destructuring.
/// `module`: the run imports the WeCom module, so framework sites are rewritten (or reported
/// where no shape fits) instead of noted.
fn handled_by(site: &Site, module: bool) -> &'static [Code] {
    match (site.1.as_str(), site.2.as_str()) {
        (_, "destructure") => &[Code::Destructure],
        ("getUserInfo", _) => &[Code::GetUserInfo],
        ("login" | "checkSession", _) if site.is_framework() && !module => {
            &[Code::FrameworkWrapper]
        }
        ("login", _) if site.is_framework() => &[Code::LoginRewrite, Code::FrameworkShape],
        ("checkSession", _) if site.is_framework() => {
            &[Code::CheckSessionRewrite, Code::FrameworkShape]
        }
        ("login", _) => &[Code::LoginRewrite],
        ("checkSession", _) => &[Code::CheckSessionRewrite],
        _ => &[],
    }
}

/// The api whose census site a finding must stand on; `Some("")` for a framework note, which
/// stands on a framework's `login` or `checkSession`.
fn api_of(code: Code) -> Option<&'static str> {
    match code {
        Code::LoginRewrite => Some("login"),
        Code::CheckSessionRewrite => Some("checkSession"),
        Code::GetUserInfo => Some("getUserInfo"),
        Code::FrameworkWrapper | Code::FrameworkShape => Some(""),
        _ => None,
    }
}

/// Whether the census counts what a finding of this code stands on.
pub fn is_counted(code: Code) -> bool {
    api_of(code).is_some() || code == Code::Destructure
}

fn covers(f: &Finding, at: usize) -> bool {
    f.range.start <= at && at < f.range.end
}

/// What became of a framework site in a run with the module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Rewritten,
    Reported,
    Left,
}

pub fn outcome(site: &Site, findings: &[Finding]) -> Outcome {
    let by = |codes: &[Code]| {
        findings
            .iter()
            .any(|f| codes.contains(&f.code) && covers(f, site.0))
    };
    if by(&[Code::LoginRewrite, Code::CheckSessionRewrite]) {
        Outcome::Rewritten
    } else if by(&[
        Code::GetUserInfo,
        Code::FrameworkShape,
        Code::FrameworkWrapper,
    ]) {
        Outcome::Reported
    } else {
        Outcome::Left
    }
}

/// Disagreements between the census and the tool's findings for one file, each with the byte
/// offset it is at.
pub fn compare(sites: &[Site], findings: &[Finding], module: bool) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    for site in sites {
        let codes = handled_by(site, module);
        if !findings
            .iter()
            .any(|f| codes.contains(&f.code) && covers(f, site.0))
        {
            let what = if site.is_framework() {
                "framework"
            } else {
                "global `wx`"
            };
            let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
            problems.push((
                site.0,
                format!(
                    "missed site: the census counts a {what} {} read ({}) that no {} covers",
                    site.1,
                    site.2,
                    if codes.is_empty() {
                        "finding".to_string()
                    } else {
                        codes.join(" or ")
                    }
                ),
            ));
        }
    }
    for f in findings {
        let Some(api) = api_of(f.code) else { continue };
        let stands = sites.iter().any(|s| {
            covers(f, s.0)
                && match api {
                    "" => s.is_framework() && matches!(s.1.as_str(), "login" | "checkSession"),
                    _ => s.1 == api && matches!(s.2.as_str(), "member" | "framework"),
                }
        });
        if !stands {
            problems.push((
                f.range.start,
                format!(
                    "{} where the census counts no read of `wx`'s or a framework's {}",
                    f.code,
                    if api.is_empty() {
                        "login or checkSession"
                    } else {
                        api
                    }
                ),
            ));
        }
    }
    problems
}

mod tests {
    use super::*;
    use wxwork_migrate::language::Language;
    use wxwork_migrate::migrate::migrate;
    use wxwork_migrate::plan::Guard;

    fn findings(text: &str) -> Vec<Finding> {
        migrate(text, Language::JavaScript, &Guard::standard())
            .unwrap()
            .findings
    }

    fn site(at: usize, api: &str, kind: &str) -> Site {
        Site(at, api.to_string(), kind.to_string())
    }

    #[test]
    fn agreement_passes_and_each_side_alone_is_a_problem() {
        let text = "wx.login(); wx.getUserInfo(); const { checkSession } = wx";
        let found = findings(text);
        let census = [
            site(0, "login", "member"),
            site(12, "getUserInfo", "member"),
            site(38, "checkSession", "destructure"),
        ];
        assert_eq!(compare(&census, &found, false), []);
        // A site the tool missed, and a rewrite the census does not count.
        let missed = compare(
            &[site(0, "checkSession", "member")],
            &findings("wx.login()"),
            false,
        );
        assert_eq!(missed.len(), 2, "{missed:?}");
        assert!(missed[0].1.starts_with("missed site"), "{missed:?}");
        assert!(missed[1].1.starts_with("WX101 where"), "{missed:?}");
    }

    #[test]
    fn framework_sites_are_noted_without_the_module() {
        let text = "Taro.login(); uni.getUserInfo()";
        let census = [
            site(0, "login", "framework"),
            site(14, "getUserInfo", "framework"),
        ];
        let found = findings(text);
        assert_eq!(compare(&census, &found, false), []);
        assert_eq!(outcome(&census[0], &found), Outcome::Reported);
        // With the module, the note is not enough.
        assert_eq!(compare(&census, &found, true).len(), 1);
    }
}
