//! Turns what [`crate::find`] judged into findings and text edits: the guard text, where a `;`
//! must precede it, and what to tell the user at each site.

use swc_common::{SyntaxContext, DUMMY_SP};
use swc_ecma_ast::{
    BinExpr, BinaryOp, CallExpr, Callee, CondExpr, Expr, ExprStmt, Ident, IdentName, Lit,
    MemberExpr, MemberProp, ParenExpr, Program, Stmt, Str, TsNonNullExpr,
};

mod missing;
mod module;


use std::ops::Range;

use crate::compat::Clients;
use crate::diagnostic::{Code, Finding};
use crate::edit::Edit;
use crate::find::{Api, Env, Found, Obscured, SiteKind};
use crate::language::Language;
use crate::parse::parse;
use crate::t;
use crate::wecom_module::ModuleRef;
use module::FileModule;

/// The text that replaces a global `wx` token. Built once as an AST and printed by swc's code
/// generator, so that any guard expression goes through one printer and comes out valid.
#[derive(Clone, Debug)]
pub struct Guard {
    javascript: GuardText,
    /// The same with `wx.qy!`: typings declare `qy` optional (WeChat lacks it), and
    /// `tsc --strict` rejects calling through a possibly undefined object.
    typescript: GuardText,
    /// A project's own check (`--guard-expr`), printed as the code generator prints it, so
    /// that the finder can recognise it in code (the tool's own output included).
    project_check: Option<String>,
    /// The check alone, parenthesised where a conditional's test needs it.
    test: Expr,
}

#[derive(Clone, Debug)]
struct GuardText {
    /// `(<test> ? wx.qy : wx)`: picks the API object at run time.
    wrapped: String,
    /// `wx.qy`: inside code an existing check already restricts to WeCom.
    wecom: String,
}

impl GuardText {
    fn new(test: &Expr, wecom: Expr) -> GuardText {
        let wrapped = Expr::Paren(ParenExpr {
            span: DUMMY_SP,
            expr: Box::new(Expr::Cond(CondExpr {
                span: DUMMY_SP,
                test: Box::new(test.clone()),
                cons: Box::new(wecom.clone()),
                alt: Box::new(wx()),
            })),
        });
        GuardText {
            wrapped: swc_ecma_codegen::to_code(&wrapped),
            wecom: swc_ecma_codegen::to_code(&wecom),
        }
    }
}

/// A `--guard-expr` that is not exactly one JavaScript expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadGuard(pub String);

impl Guard {
    /// `wx.getSystemInfoSync().environment === "wxwork"`: WeCom adds the field, WeChat lacks it,
    /// and WeCom does not support the newer `getAppBaseInfo`, so this is the check that works in
    /// both (see the README).
    pub fn standard() -> Guard {
        let system_info = Expr::Call(CallExpr {
            span: DUMMY_SP,
            ctxt: SyntaxContext::empty(),
            callee: Callee::Expr(Box::new(member(wx(), "getSystemInfoSync"))),
            args: Vec::new(),
            type_args: None,
        });
        let test = Expr::Bin(BinExpr {
            span: DUMMY_SP,
            op: BinaryOp::EqEqEq,
            left: Box::new(member(system_info, "environment")),
            right: Box::new(Expr::Lit(Lit::Str(Str {
                span: DUMMY_SP,
                value: "wxwork".into(),
                raw: None,
            }))),
        });
        Guard::new(test, false)
    }

    /// A project's own check, such as `getApp().globalData.isWxWork`: truthy in WeCom.
    pub fn custom(text: &str) -> Result<Guard, BadGuard> {
        let not_single = || BadGuard(t!("guard-not-single-expression"));
        // Parenthesised so that the text must be one expression: `a); b(` cannot sneak through.
        let wrapped = format!("(\n{text}\n);");
        let program = parse(&wrapped, Language::JavaScript)
            .map_err(|err| BadGuard(t!("guard-not-expression", detail = err.message)))?;
        let body = match program {
            Program::Script(script) => script.body,
            Program::Module(_) => return Err(not_single()),
        };
        let [Stmt::Expr(ExprStmt { expr, .. })] = body.as_slice() else {
            return Err(not_single());
        };
        let Expr::Paren(ParenExpr { expr: test, .. }) = &**expr else {
            return Err(not_single());
        };
        Ok(Guard::new((**test).clone(), true))
    }

    fn new(test: Expr, is_custom: bool) -> Guard {
        let project_check = is_custom.then(|| swc_ecma_codegen::to_code(&test));
        // A conditional's test binds tighter than these; they need their own parentheses.
        let test = match test {
            Expr::Assign(_) | Expr::Seq(_) | Expr::Arrow(_) | Expr::Yield(_) | Expr::Cond(_) => {
                Expr::Paren(ParenExpr {
                    span: DUMMY_SP,
                    expr: Box::new(test),
                })
            }
            other => other,
        };
        let wecom = member(wx(), "qy");
        let asserted = Expr::TsNonNull(TsNonNullExpr {
            span: DUMMY_SP,
            expr: Box::new(wecom.clone()),
        });
        Guard {
            javascript: GuardText::new(&test, wecom),
            typescript: GuardText::new(&test, asserted),
            project_check,
            test,
        }
    }

    /// `<test> ? "<in_wecom>" : "<name>"`: a key that picks WeCom's stand-in for `name`.
    fn pick(&self, in_wecom: &str, name: &str) -> String {
        let key = |value: &str| {
            Box::new(Expr::Lit(Lit::Str(Str {
                span: DUMMY_SP,
                value: value.into(),
                raw: None,
            })))
        };
        swc_ecma_codegen::to_code(&Expr::Cond(CondExpr {
            span: DUMMY_SP,
            test: Box::new(self.test.clone()),
            cons: key(in_wecom),
            alt: key(name),
        }))
    }

    /// The check alone, as a conditional's test.
    fn test_text(&self) -> String {
        swc_ecma_codegen::to_code(&self.test)
    }

    pub fn project_check(&self) -> Option<&str> {
        self.project_check.as_deref()
    }

    /// The edits for one read of the global `wx`; none where the site must stay as it is.
    fn edits(&self, site: ReadSite, language: Language) -> Vec<Edit> {
        let text = if language.is_typescript() {
            &self.typescript
        } else {
            &self.javascript
        };
        let wx = site.wx;
        match (site.env, site.decorator_end) {
            (Some(Env::WeChat), _) => Vec::new(),
            (Some(Env::WeCom), _) => vec![Edit::replace(wx, text.wecom.clone())],
            // `@(guard).login` is not decorator syntax; `@((guard).login)` is.
            (None, Some(end)) => vec![
                Edit::replace(wx, format!("({}", text.wrapped)),
                Edit::replace(end..end, ")"),
            ],
            // The guard starts with `(`; after a statement left open, a `;` keeps it from being
            // read as a call of the previous line (the ASI hazard of semicolon-free code).
            (None, None) if site.after_open_statement => {
                vec![Edit::replace(wx, format!(";{}", text.wrapped))]
            }
            (None, None) => vec![Edit::replace(wx, text.wrapped.clone())],
        }
    }
}

/// What [`Guard::edits`] needs to know about a read of the global `wx`.
struct ReadSite {
    wx: Range<usize>,
    env: Option<Env>,
    after_open_statement: bool,
    decorator_end: Option<usize>,
}

fn wx() -> Expr {
    Expr::Ident(Ident::new_no_ctxt("wx".into(), DUMMY_SP))
}

fn member(obj: Expr, prop: &str) -> Expr {
    Expr::Member(MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(obj),
        prop: MemberProp::Ident(IdentName::new(prop.into(), DUMMY_SP)),
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_guard_text() {
        let guard = Guard::standard();
        assert_eq!(
            guard.javascript.wrapped,
            r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)"#
        );
        assert_eq!(guard.javascript.wecom, "wx.qy");
        assert_eq!(
            guard.typescript.wrapped,
            r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy! : wx)"#
        );
        assert_eq!(guard.typescript.wecom, "wx.qy!");
        assert_eq!(guard.project_check(), None);
    }

    #[test]
    fn custom_guards_are_single_expressions() {
        let guard = Guard::custom("getApp().globalData.isWxWork").unwrap();
        assert_eq!(
            guard.javascript.wrapped,
            "(getApp().globalData.isWxWork ? wx.qy : wx)"
        );
        assert_eq!(guard.project_check(), Some("getApp().globalData.isWxWork"));
        let assigned = Guard::custom("a = isWork()").unwrap();
        assert_eq!(assigned.javascript.wrapped, "((a = isWork()) ? wx.qy : wx)");
        assert!(Guard::custom("a); evil(").is_err());
        assert_eq!(
            Guard::custom("a, b").unwrap().javascript.wrapped,
            "((a, b) ? wx.qy : wx)"
        );
        assert!(Guard::custom("if (x) {}").is_err());
        assert!(Guard::custom("").is_err());
    }
}
