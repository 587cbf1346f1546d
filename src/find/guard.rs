//! Recognises code that already tells WeCom from WeChat, so that a use inside one of its
//! branches is left as the author wrote it (WeChat side) or called on `wx.qy` directly (WeCom
//! side) instead of being wrapped in a second, redundant check.

use swc_ecma_ast::{BinaryOp, CallExpr, Callee, Expr, Ident, MemberExpr, OptChainBase, UnaryOp};

use super::syntax::{property_name, static_string};

/// What a check can mean depends on the names in scope: a variable that holds one, the
/// project's own check, the WeCom module. [`Bindings`](super::bindings::Bindings) knows them,
/// and asks the guard while it is still learning them, so the guard asks through this trait.
pub trait Scope {
    /// Whether `expr` prints as the project's own WeCom check (`--guard-expr`).
    fn is_project_check(&self, expr: &Expr) -> bool;
    /// What the variable `ident` tells, when it holds a check.
    fn check_var(&self, ident: &Ident) -> Option<CheckVar>;
    /// Whether the variable `ident` holds `<expr>.environment`.
    fn is_environment_var(&self, ident: &Ident) -> bool;
    /// Whether `ident` names the WeCom module the tool adds.
    fn is_wecom_module(&self, ident: &Ident) -> bool;
}

/// A variable initialised from a WeCom check: what it tells when truthy and when falsy.
/// Both are kept because negating a compound check (`isWeChat = env !== 'wxwork' && debug`)
/// is not the same as swapping runtimes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckVar {
    pub when_true: Option<Env>,
    pub when_false: Option<Env>,
}

/// Which runtime a piece of code is known to run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Env {
    WeCom,
    WeChat,
}

/// The runtime implied by `expr` evaluating to `truthy`, if the expression is (or is built from)
/// a check of `<expr>.environment` against `"wxwork"`.
///
/// `getSystemInfoSync` may return `{}` on error and WeChat lacks the field, so "not wxwork" means
/// WeChat, the same fallback the emitted guard takes.
pub fn env_when(expr: &Expr, truthy: bool, scope: &impl Scope) -> Option<Env> {
    if scope.is_project_check(expr) {
        return Some(if truthy { Env::WeCom } else { Env::WeChat });
    }
    match expr {
        Expr::Paren(paren) => env_when(&paren.expr, truthy, scope),
        Expr::Unary(unary) if unary.op == UnaryOp::Bang => env_when(&unary.arg, !truthy, scope),
        Expr::Ident(ident) => {
            let var = scope.check_var(ident)?;
            if truthy {
                var.when_true
            } else {
                var.when_false
            }
        }
        Expr::Call(call) if is_module_check(call, scope) => {
            Some(if truthy { Env::WeCom } else { Env::WeChat })
        }
        Expr::Bin(bin) => match bin.op {
            // `a && b` is truthy only when both are; falsy says nothing unless both agree.
            BinaryOp::LogicalAnd if truthy => {
                env_when(&bin.left, true, scope).or_else(|| env_when(&bin.right, true, scope))
            }
            BinaryOp::LogicalOr if !truthy => {
                env_when(&bin.left, false, scope).or_else(|| env_when(&bin.right, false, scope))
            }
            BinaryOp::LogicalAnd | BinaryOp::LogicalOr => {
                let left = env_when(&bin.left, truthy, scope)?;
                (env_when(&bin.right, truthy, scope)? == left).then_some(left)
            }
            BinaryOp::EqEq | BinaryOp::EqEqEq | BinaryOp::NotEq | BinaryOp::NotEqEq => {
                let equal = matches!(bin.op, BinaryOp::EqEq | BinaryOp::EqEqEq);
                let compares = (is_environment(&bin.left, scope) && is_wxwork(&bin.right))
                    || (is_environment(&bin.right, scope) && is_wxwork(&bin.left));
                if !compares {
                    // A `qywx` build runs only in WeCom; any other may run in either.
                    let qywx = (is_taro_env(&bin.left) && is_qywx(&bin.right))
                        || (is_taro_env(&bin.right) && is_qywx(&bin.left));
                    return (qywx && equal == truthy).then_some(Env::WeCom);
                }
                Some(if equal == truthy {
                    Env::WeCom
                } else {
                    Env::WeChat
                })
            }
            _ => None,
        },
        _ => None,
    }
}

/// `<expr>.environment`, `<expr>?.environment`, `<expr>["environment"]`, or a variable that
/// holds one of them.
pub fn is_environment(expr: &Expr, scope: &impl Scope) -> bool {
    match expr {
        Expr::Paren(paren) => is_environment(&paren.expr, scope),
        Expr::Member(member) => is_environment_member(member),
        Expr::OptChain(chain) => match &*chain.base {
            OptChainBase::Member(member) => is_environment_member(member),
            OptChainBase::Call(_) => false,
        },
        Expr::Ident(ident) => scope.is_environment_var(ident),
        _ => false,
    }
}

/// `environment`, or uni-app's `hostName`, which it sets from `environment` on the WeChat
/// target.
fn is_environment_member(member: &MemberExpr) -> bool {
    matches!(
        property_name(&member.prop),
        Some("environment" | "hostName")
    )
}

/// `wxwork.isWxWork()`: the check of the WeCom module the tool adds.
fn is_module_check(call: &CallExpr, scope: &impl Scope) -> bool {
    let Callee::Expr(callee) = &call.callee else {
        return false;
    };
    let Expr::Member(member) = &**callee else {
        return false;
    };
    call.args.is_empty()
        && property_name(&member.prop) == Some("isWxWork")
        && matches!(&*member.obj, Expr::Ident(module) if scope.is_wecom_module(module))
}

/// `process.env.TARO_ENV`, which Taro replaces with the build's target at build time.
fn is_taro_env(expr: &Expr) -> bool {
    let Expr::Member(member) = expr else {
        return false;
    };
    let Expr::Member(env) = &*member.obj else {
        return false;
    };
    property_name(&member.prop) == Some("TARO_ENV")
        && property_name(&env.prop) == Some("env")
        && matches!(&*env.obj, Expr::Ident(process) if process.sym == "process")
}

/// The target of `@tarojs/plugin-platform-weapp-qy`, a build for WeCom only.
fn is_qywx(expr: &Expr) -> bool {
    static_string(expr) == Some("qywx")
}

fn is_wxwork(expr: &Expr) -> bool {
    match expr {
        Expr::Paren(paren) => is_wxwork(&paren.expr),
        _ => static_string(expr) == Some("wxwork"),
    }
}
