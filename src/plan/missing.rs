//! Findings for the APIs some WeCom client lacks: a guarded rewrite where WeCom has a stand-in
//! with the same fields, else a warning naming the clients, the table's wording and date.

use crate::compat::{self, Clients, Row};
use crate::diagnostic::{Code, Finding};
use crate::edit::Edit;
use crate::find::{Env, Key, Site, SiteKind};
use crate::messages::clients;
use crate::t;

use super::guard::Guard;

/// The function WeCom reads instead, for rows marked `system-info`: its result has every field
/// of theirs, with the same types (checked against WeChat's typings in scripts/typings-fields).
const SYSTEM_INFO: &str = "getSystemInfoSync";

pub(super) fn plan(
    site: &Site,
    name: &'static str,
    guard: &Guard,
    targets: Clients,
    source: &str,
) -> Option<Finding> {
    let row = compat::api(name)?;
    let lacking = row.missing_on(targets);
    if lacking.is_empty() {
        return None;
    }
    let range = site.range.clone();
    let shown = match &site.kind {
        SiteKind::Read {
            env: Some(Env::WeChat),
            ..
        } => return None,
        SiteKind::Read { env, key, .. } => {
            if let (Some("system-info"), Some(key)) = (row.fix, key) {
                let (edit, message) = if *env == Some(Env::WeCom) {
                    (
                        in_wecom(key),
                        t!("system-info-in-wecom-branch", name = name),
                    )
                } else {
                    let pick = guard.pick(SYSTEM_INFO, name);
                    (picked(key, pick), t!("system-info-guarded", name = name))
                };
                return Some(
                    Finding::new(Code::SystemInfoRewrite, range, message)
                        .with_edits(vec![edit])
                        .about(row),
                );
            }
            format!("wx.{name}")
        }
        SiteKind::Framework(framework) => t!(
            "api-via-framework",
            framework = &source[framework.object.clone()],
            name = name
        ),
        SiteKind::Destructure
        | SiteKind::FrameworkDestructure
        | SiteKind::Alias
        | SiteKind::ImportAlias => {
            t!("api-via-alias", name = name)
        }
        SiteKind::LocalWx(_)
        | SiteKind::Obscured(_)
        | SiteKind::Write
        | SiteKind::GuardedPromise => return None,
    };
    Some(warning(row, &shown, lacking, range))
}

/// `WX501` where no WeCom client has the API, `WX502` where only some targeted ones lack it.
fn warning(
    row: &'static Row,
    shown: &str,
    lacking: Clients,
    range: std::ops::Range<usize>,
) -> Finding {
    let advice = match row.instead {
        // Not rewritten: its result has fields getSystemInfoSync lacks or types otherwise.
        Some(instead) if instead.strip_prefix("wx.") == Some(SYSTEM_INFO) => {
            t!("use-instead-differs", instead = instead, name = row.name)
        }
        Some(instead) => t!("use-instead", instead = instead, name = row.name),
        None => t!("guard-advice", name = row.name),
    };
    if row.status.supported_on().is_empty() {
        let message = t!(
            "api-unsupported",
            api = shown,
            date = compat::TABLE_DATE,
            wording = row.wording,
            advice = advice
        );
        Finding::new(Code::UnsupportedApi, range, message).about(row)
    } else {
        let message = t!(
            "api-missing-on",
            api = shown,
            clients = clients(lacking),
            date = compat::TABLE_DATE,
            wording = row.wording,
            advice = advice
        );
        Finding::new(Code::MissingOnClients, range, message).about(row)
    }
}

/// Inside a WeCom branch the stand-in is read directly.
fn in_wecom(key: &Key) -> Edit {
    let text = if key.bracketed {
        format!("\"{SYSTEM_INFO}\"")
    } else {
        SYSTEM_INFO.to_string()
    };
    Edit::replace(key.name.clone(), text)
}

/// `wx.getSystemSetting` becomes `wx[<check> ? "getSystemInfoSync" : "getSystemSetting"]`: the
/// object stays `wx`, so the call's `this` is as before, and the key works for every form of
/// the read (a call, an optional call, a value handed on).
fn picked(key: &Key, pick: String) -> Edit {
    if key.bracketed {
        return Edit::replace(key.name.clone(), pick);
    }
    let start = key.dot.unwrap_or(key.name.start);
    Edit::replace(start..key.name.end, format!("[{pick}]"))
}
