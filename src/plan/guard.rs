//! The text that replaces a global `wx`: the run's check of WeCom, printed once.

use std::ops::Range;

use swc_common::{SyntaxContext, DUMMY_SP};
use swc_ecma_ast::{
    BinExpr, BinaryOp, CallExpr, Callee, CondExpr, Expr, ExprStmt, Ident, IdentName, Lit,
    MemberExpr, MemberProp, ParenExpr, Program, Stmt, Str, TsNonNullExpr,
};

use crate::edit::Edit;
use crate::find::Env;
use crate::language::Language;
use crate::parse::parse;
use crate::t;

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
    pub(super) fn pick(&self, in_wecom: &str, name: &str) -> String {
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
    pub(super) fn test_text(&self) -> String {
        swc_ecma_codegen::to_code(&self.test)
    }

    pub fn project_check(&self) -> Option<&str> {
        self.project_check.as_deref()
    }

    /// The edits for one read of the global `wx`; none where the site must stay as it is.
    pub(super) fn edits(&self, site: ReadSite, language: Language) -> Vec<Edit> {
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
pub(super) struct ReadSite {
    pub(super) wx: Range<usize>,
    pub(super) env: Option<Env>,
    pub(super) after_open_statement: bool,
    pub(super) decorator_end: Option<usize>,
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
