//! Turns what [`crate::find`] judged into findings and text edits: the guard text, where a `;`
//! must precede it, and what to tell the user at each site.

mod guard;
mod missing;
mod module;

use std::ops::Range;

use crate::compat::Clients;
use crate::diagnostic::{Code, Finding};
use crate::find::{Api, Env, Found, Obscured, SiteKind};
use crate::language::Language;
use crate::t;
use crate::wecom_module::ModuleRef;
use guard::ReadSite;
use module::FileModule;

pub use guard::{BadGuard, Guard};

/// What the file is planned against: its text, the run's guard, and where the WeCom module is
/// for the sites that need it (none when no project is known).
pub struct Context<'a> {
    pub source: &'a str,
    pub guard: &'a Guard,
    pub language: Language,
    /// The WeCom clients the project must run on.
    pub targets: Clients,
    pub module: Option<&'a ModuleRef>,
}

/// The findings for one file, in source order, each with the edits that fix it.
pub fn plan(found: &Found, context: &Context) -> Vec<Finding> {
    let Context {
        source,
        guard,
        language,
        targets,
        module,
    } = *context;
    let file_module = module
        .zip(found.imports.as_ref())
        .map(|(reference, imports)| FileModule::new(reference, imports));
    let mut findings = Vec::new();
    for site in &found.sites {
        let name = site.api.name();
        let range = site.range.clone();
        if let Api::Missing(name) = site.api {
            findings.extend(missing::plan(site, name, guard, targets, source));
            continue;
        }
        let finding = match (&site.kind, site.api) {
            (SiteKind::Framework(framework), Api::GetUserInfo) => {
                module::user_info(framework, range, source)
            }
            (SiteKind::Framework(framework), api) => match &file_module {
                Some(file_module) => file_module.framework(framework, api, range, source, guard),
                None => Some(module::unmigrated(framework, api, range, source)),
            },
            (
                SiteKind::Read {
                    wx,
                    env,
                    after_open_statement,
                    decorator_end: None,
                    promise_style: true,
                    ..
                },
                api,
            ) if file_module.is_some() => file_module.as_ref().and_then(|file_module| {
                file_module.promise(api, range, wx.clone(), *env, *after_open_statement, guard)
            }),
            (SiteKind::Read { env, .. }, Api::GetUserInfo) => match env {
                Some(Env::WeChat) => None,
                Some(Env::WeCom) => Some(Finding::new(
                    Code::GetUserInfo,
                    range,
                    t!("user-info-in-wecom-branch"),
                )),
                None => Some(Finding::new(Code::GetUserInfo, range, t!("user-info"))),
            },
            (
                SiteKind::Read {
                    wx,
                    env,
                    after_open_statement,
                    decorator_end,
                    promise_style,
                    ..
                },
                api,
            ) => {
                let site = ReadSite {
                    wx: wx.clone(),
                    env: *env,
                    after_open_statement: *after_open_statement,
                    decorator_end: *decorator_end,
                };
                let edits = guard.edits(site, language);
                if *promise_style && !edits.is_empty() {
                    findings.push(promise_style_warning(range.clone(), name));
                }
                (!edits.is_empty()).then(|| {
                    let code = if api == Api::Login {
                        Code::LoginRewrite
                    } else {
                        Code::CheckSessionRewrite
                    };
                    let message = if *env == Some(Env::WeCom) {
                        t!("rewrite-in-wecom-branch", name = name)
                    } else {
                        t!("rewrite-guarded", name = name)
                    };
                    Finding::new(code, range, message).with_edits(edits)
                })
            }
            (SiteKind::LocalWx(kind), _) => Some(Finding::new(
                Code::LocalWx,
                range,
                t!("local-wx", binding = kind.describe(), name = name),
            )),
            (SiteKind::Obscured(why), _) => Some(Finding::new(
                Code::ObscuredWx,
                range,
                match why {
                    Obscured::With => t!("obscured-with", name = name),
                    Obscured::Eval => t!("obscured-eval", name = name),
                },
            )),
            (SiteKind::ImportAlias, _) => Some(Finding::new(
                Code::Alias,
                range,
                t!("import-alias", name = name),
            )),
            (SiteKind::GuardedPromise, _) => Some(promise_style_warning(range, name)),
            (SiteKind::Write, _) => Some(Finding::new(
                Code::Write,
                range,
                t!("written-not-read", name = name),
            )),
            (SiteKind::Destructure, _) => Some(Finding::new(
                Code::Destructure,
                range,
                t!("destructured", name = name),
            )),
            (SiteKind::FrameworkDestructure, _) => Some(Finding::new(
                Code::Destructure,
                range,
                t!("destructured-framework", name = name),
            )),
            (SiteKind::Alias, _) => {
                Some(Finding::new(Code::Alias, range, t!("aliased", name = name)))
            }
        };
        findings.extend(finding);
    }
    for (range, handler) in &found.jsx_user_info {
        let message = match handler {
            None => t!("jsx-open-type"),
            Some(handler) => t!(
                "user-info-handler",
                attribute = "onGetUserInfo",
                handler = source[handler.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        };
        findings.push(Finding::new(Code::GetUserInfo, range.clone(), message));
    }
    for access in &found.dynamic {
        findings.push(Finding::new(
            Code::DynamicKey,
            access.range.clone(),
            t!("dynamic-key"),
        ));
    }
    for range in &found.escapes {
        findings.push(Finding::new(
            Code::EscapedWx,
            range.clone(),
            t!("escaped-wx"),
        ));
    }
    for range in &found.code_exchanges {
        findings.push(Finding::new(
            Code::CodeExchange,
            range.clone(),
            t!("code-exchange"),
        ));
    }
    findings.sort_by_key(|f| (f.range.start, f.code));
    findings
}

/// `WX202`, for a call of `wx.qy`'s API whose Promise is used: before the rewrite and after it.
fn promise_style_warning(range: Range<usize>, name: &str) -> Finding {
    Finding::new(Code::PromiseStyle, range, t!("promise-style", name = name))
}
