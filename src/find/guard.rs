//! Recognises code that already tells WeCom from WeChat, so that a use inside one of its
//! branches is left as the author wrote it (WeChat side) or called on `wx.qy` directly (WeCom
//! side) instead of being wrapped in a second, redundant check.

use swc_ecma_ast::{
    BinaryOp, CallExpr, Callee, Expr, Lit, MemberExpr, MemberProp, OptChainBase, UnaryOp,
};

use super::bindings::Bindings;

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
pub fn env_when(expr: &Expr, truthy: bool, bindings: &Bindings) -> Option<Env> {
    if bindings.is_project_check(expr) {
        return Some(if truthy { Env::WeCom } else { Env::WeChat });
    }
    match expr {
        Expr::Paren(paren) => env_when(&paren.expr, truthy, bindings),
        Expr::Unary(unary) if unary.op == UnaryOp::Bang => env_when(&unary.arg, !truthy, bindings),
        Expr::Ident(ident) => {
            let var = bindings.check_var(ident)?;
            if truthy {
                var.when_true
            } else {
                var.when_false
            }
        }
        Expr::Call(call) if is_module_check(call, bindings) => {
            Some(if truthy { Env::WeCom } else { Env::WeChat })
        }
        Expr::Bin(bin) => match bin.op {
            // `a && b` is truthy only when both are; falsy says nothing unless both agree.
            BinaryOp::LogicalAnd if truthy => {
                env_when(&bin.left, true, bindings).or_else(|| env_when(&bin.right, true, bindings))
            }
            BinaryOp::LogicalOr if !truthy => env_when(&bin.left, false, bindings)
                .or_else(|| env_when(&bin.right, false, bindings)),
            BinaryOp::LogicalAnd | BinaryOp::LogicalOr => {
                let left = env_when(&bin.left, truthy, bindings)?;
                (env_when(&bin.right, truthy, bindings)? == left).then_some(left)
            }
            BinaryOp::EqEq | BinaryOp::EqEqEq | BinaryOp::NotEq | BinaryOp::NotEqEq => {
                let equal = matches!(bin.op, BinaryOp::EqEq | BinaryOp::EqEqEq);
                let compares = (is_environment(&bin.left, bindings) && is_wxwork(&bin.right))
                    || (is_environment(&bin.right, bindings) && is_wxwork(&bin.left));
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
pub fn is_environment(expr: &Expr, bindings: &Bindings) -> bool {
    match expr {
        Expr::Paren(paren) => is_environment(&paren.expr, bindings),
        Expr::Member(member) => is_environment_member(member),
        Expr::OptChain(chain) => match &*chain.base {
            OptChainBase::Member(member) => is_environment_member(member),
            OptChainBase::Call(_) => false,
        },
        Expr::Ident(ident) => bindings.is_environment_var(ident),
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
fn is_module_check(call: &CallExpr, bindings: &Bindings) -> bool {
    let Callee::Expr(callee) = &call.callee else {
        return false;
    };
    let Expr::Member(member) = &**callee else {
        return false;
    };
    call.args.is_empty()
        && property_name(&member.prop) == Some("isWxWork")
        && matches!(&*member.obj, Expr::Ident(module) if bindings.is_wecom_module(module))
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

/// The value of a string literal or a template literal without substitutions. Borrowed: this
/// runs for every member expression of every file.
pub fn static_string(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Lit(Lit::Str(s)) => s.value.as_str(),
        Expr::Tpl(tpl) if tpl.exprs.is_empty() => tpl.quasis.first()?.cooked.as_ref()?.as_str(),
        _ => None,
    }
}

/// The name a member expression reads, when it is known without running the code.
pub fn property_name(prop: &MemberProp) -> Option<&str> {
    match prop {
        MemberProp::Ident(ident) => Some(&ident.sym),
        MemberProp::Computed(computed) => static_string(&computed.expr),
        MemberProp::PrivateName(_) => None,
    }
}
