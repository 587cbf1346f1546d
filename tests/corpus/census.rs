//! The independent count the corpus is judged against: scripts/census/census.mjs finds every
//! read of the global `wx`'s `login`, `checkSession` and `getUserInfo` with babel's parser and
//! scope analysis. Each of its sites must be rewritten or reported by the tool, and each rewrite
//! or `getUserInfo` flag must be one of its sites.

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

/// `[byte offset, api, kind]`: the offset is the `wx` token's for a member read, the key's
/// for a destructuring.
#[derive(Deserialize, Debug, Clone)]
pub struct Site(pub usize, pub String, pub String);

pub type Census = BTreeMap<String, FileCensus>;

pub fn load(path: &Path) -> Census {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}: run scripts/corpus.sh", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The codes that handle a census site: its rewrite or flag, or the note on a destructuring.
fn handled_by(site: &Site) -> Option<Code> {
    match (site.1.as_str(), site.2.as_str()) {
        (_, "destructure") => Some(Code::Destructure),
        ("login", _) => Some(Code::LoginRewrite),
        ("checkSession", _) => Some(Code::CheckSessionRewrite),
        ("getUserInfo", _) => Some(Code::GetUserInfo),
        _ => None,
    }
}

/// The api whose census site a finding must stand on.
fn api_of(code: Code) -> Option<&'static str> {
    match code {
        Code::LoginRewrite => Some("login"),
        Code::CheckSessionRewrite => Some("checkSession"),
        Code::GetUserInfo => Some("getUserInfo"),
        _ => None,
    }
}

/// Whether the census counts what a finding of this code stands on.
pub fn is_counted(code: Code) -> bool {
    api_of(code).is_some() || code == Code::Destructure
}

/// Disagreements between the census and the tool's findings for one file, each with the byte
/// offset it is at.
pub fn compare(sites: &[Site], findings: &[Finding]) -> Vec<(usize, String)> {
    let covers = |f: &Finding, at: usize| f.range.start <= at && at < f.range.end;
    let mut problems = Vec::new();
    for site in sites {
        let code = handled_by(site);
        if !findings
            .iter()
            .any(|f| Some(f.code) == code && covers(f, site.0))
        {
            problems.push((
                site.0,
                format!(
                    "missed site: the census counts a global `wx` {} read ({}) that no {} covers",
                    site.1,
                    site.2,
                    code.map_or("finding".to_string(), |c| c.to_string())
                ),
            ));
        }
    }
    for f in findings {
        let Some(api) = api_of(f.code) else { continue };
        if !sites
            .iter()
            .any(|s| s.1 == api && s.2 == "member" && covers(f, s.0))
        {
            problems.push((
                f.range.start,
                format!(
                    "{} where the census counts no global `wx`.{api} read",
                    f.code
                ),
            ));
        }
    }
    problems
}

mod tests {
    use super::*;
    use wxwork_migrate::migrate::migrate;
    use wxwork_migrate::parse::Language;
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
        assert_eq!(compare(&census, &found), []);
        // A site the tool missed, and a rewrite the census does not count.
        let missed = compare(
            &[site(0, "checkSession", "member")],
            &findings("wx.login()"),
        );
        assert_eq!(missed.len(), 2, "{missed:?}");
        assert!(missed[0].1.starts_with("missed site"), "{missed:?}");
        assert!(missed[1].1.starts_with("WX101 where"), "{missed:?}");
    }
}
