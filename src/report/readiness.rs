//! The readiness report (`--readiness`): every WeChat API and component a project uses, grouped
//! by what WeCom's tables say of it for the targeted clients, with the files that use it. It
//! answers the question a team asks before anything else: what stands between us and WeCom?

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::compat::{self, Client, Clients, Row, Use};
use crate::diagnostic::Code;
use crate::messages::clients;
use crate::t;

/// What the tables say of a name for the targeted clients, in the order the report lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    /// Present in WeCom but not the same: what this tool migrates (login, checkSession) or
    /// flags for a person (getUserInfo), whatever the tables say.
    Differs,
    /// No targeted client has it.
    Missing,
    /// Some targeted clients lack it.
    MissingOnSome,
    /// Every targeted client has it, some only in part.
    Partial,
    /// The tables do not name it (an API newer than them, most often).
    Unlisted,
    Supported,
}

impl Standing {
    const ALL: [Standing; 6] = [
        Standing::Differs,
        Standing::Missing,
        Standing::MissingOnSome,
        Standing::Partial,
        Standing::Unlisted,
        Standing::Supported,
    ];

    fn of(shown: &str, row: Option<&Row>, targets: Clients) -> Standing {
        if differs(shown).is_some() {
            return Standing::Differs;
        }
        let Some(row) = row else {
            return Standing::Unlisted;
        };
        let missing = row.missing_on(targets);
        if !missing.is_empty() {
            if missing == targets {
                Standing::Missing
            } else {
                Standing::MissingOnSome
            }
        } else if targets.minus(row.status.partial_on()) != targets {
            Standing::Partial
        } else {
            Standing::Supported
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Standing::Differs => "differs",
            Standing::Missing => "missing",
            Standing::MissingOnSome => "missing-on-some",
            Standing::Partial => "partial",
            Standing::Unlisted => "unlisted",
            Standing::Supported => "supported",
        }
    }
}

/// A name used, its row, and the files that use it.
type Entry<'a> = (&'a str, Option<&'a Row>, &'a [String]);

/// Each name used, with its row and the files that use it (in the order the run shows files,
/// which is sorted).
#[derive(Default)]
pub struct Inventory {
    used: BTreeMap<String, (Option<&'static Row>, Vec<String>)>,
}

impl Inventory {
    pub fn add(&mut self, file: &str, uses: &[Use]) {
        for used in uses {
            let entry = self
                .used
                .entry(used.shown.clone())
                .or_insert_with(|| (used.row, Vec::new()));
            entry.1.push(file.to_string());
        }
    }

    fn grouped(&self, targets: Clients) -> BTreeMap<Standing, Vec<Entry<'_>>> {
        let mut groups: BTreeMap<Standing, Vec<_>> = BTreeMap::new();
        for (shown, (row, files)) in &self.used {
            let standing = Standing::of(shown, *row, targets);
            groups
                .entry(standing)
                .or_default()
                .push((shown.as_str(), *row, files.as_slice()));
        }
        groups
    }

    /// The report for people: a heading per standing, a line per name.
    pub fn table(&self, targets: Clients) -> String {
        let mut text = t!(
            "readiness-heading",
            count = self.used.len(),
            targets = clients(targets),
            date = compat::TABLE_DATE
        );
        text.push('\n');
        let groups = self.grouped(targets);
        for standing in Standing::ALL {
            let Some(entries) = groups.get(&standing) else {
                continue;
            };
            text.push_str(&format!(
                "\n{} ({})\n",
                t!(&format!("readiness-{}", standing.as_str())),
                entries.len()
            ));
            let width = entries
                .iter()
                .map(|(shown, ..)| shown.len())
                .max()
                .unwrap_or(0);
            for (shown, row, files) in entries {
                let mut detail = Vec::new();
                if let Some(code) = differs(shown) {
                    detail.push(format!("{code} {}", code.summary()));
                } else if let Some(row) = row {
                    let missing = row.missing_on(targets);
                    if standing == Standing::MissingOnSome {
                        detail.push(t!("readiness-missing-on", clients = clients(missing)));
                    }
                    if standing != Standing::Supported {
                        detail.push(row.wording.to_string());
                    }
                }
                detail.push(file_list(files));
                text.push_str(&format!("  {shown:<width$}  {}\n", detail.join("  ")));
            }
        }
        text
    }

    /// The report for programs and the browser page: one object per name.
    pub fn json(&self, targets: Clients) -> Value {
        let groups = self.grouped(targets);
        let names = |set: Clients| set.iter().map(Client::as_str).collect::<Vec<_>>();
        let entries: Vec<Value> = Standing::ALL
            .into_iter()
            .flat_map(|standing| {
                groups
                    .get(&standing)
                    .into_iter()
                    .flatten()
                    .map(move |entry| (standing, entry))
            })
            .map(|(standing, (shown, row, files))| {
                json!({
                    "name": shown,
                    "standing": standing.as_str(),
                    "code": differs(shown).map(Code::as_str),
                    "status": row.map(|row| row.status.as_str()),
                    "wording": row.map(|row| row.wording),
                    "missingOn": row.map(|row| names(row.missing_on(targets))),
                    "files": files,
                })
            })
            .collect();
        let headings: serde_json::Map<String, Value> = Standing::ALL
            .into_iter()
            .map(|standing| {
                let key = standing.as_str();
                (key.to_string(), t!(&format!("readiness-{key}")).into())
            })
            .collect();
        json!({
            "targets": names(targets),
            "headings": headings,
            "tableDate": compat::TABLE_DATE,
            "sources": [compat::API_PAGE, compat::COMPONENT_PAGE],
            "used": entries,
        })
    }
}

/// The finding that says how WeCom differs, for the APIs this tool is about.
fn differs(shown: &str) -> Option<Code> {
    match shown {
        "wx.login" => Some(Code::LoginRewrite),
        "wx.checkSession" => Some(Code::CheckSessionRewrite),
        "wx.getUserInfo" => Some(Code::GetUserInfo),
        _ => None,
    }
}

/// The first few files, then how many more: the JSON output lists them all.
fn file_list(files: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = files
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if files.len() > SHOWN {
        text.push_str(&t!("readiness-more-files", count = files.len() - SHOWN));
    }
    text
}
