//! Feature detection: code that asks whether WeCom has an API before it calls it
//! (`if (wx.getWindowInfo)`, `typeof wx.getWindowInfo === "function"`,
//! `wx.canIUse("getWindowInfo")`, `"getWindowInfo" in wx`, and the same on a framework's object,
//! `uni.canIUse("getWindowInfo")`). Such a call already works in every client, so it is neither
//! reported nor rewritten; nor is the probe itself, which only reads.

use swc_common::BytePos;
use swc_ecma_ast::{BinaryOp, Callee, Expr, Ident, MemberExpr, OptChainBase, UnaryOp};

use super::bindings::Bindings;
use super::site::Api;
use super::syntax::{object_ident, property_name, static_string, unparen, unwrap_expr};
use crate::compat;

/// One probe in a test: the API it asks about, and the start of the member expression that
/// reads it (none for `canIUse` and `in`, which read no property of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probe {
    pub api: Api,
    pub read: Option<BytePos>,
}

/// The probes of `expr` that hold when it evaluates to `truthy`: `a && b` truthy holds both of
/// theirs, `a || b` falsy both of theirs, and `!a` flips.
pub fn detected_when(expr: &Expr, truthy: bool, bindings: &Bindings, found: &mut Vec<Probe>) {
    let expr = unparen(expr);
    match expr {
        Expr::Unary(unary) if unary.op == UnaryOp::Bang => {
            detected_when(&unary.arg, !truthy, bindings, found);
        }
        Expr::Bin(bin) => match (bin.op, truthy) {
            (BinaryOp::LogicalAnd, true) | (BinaryOp::LogicalOr, false) => {
                detected_when(&bin.left, truthy, bindings, found);
                detected_when(&bin.right, truthy, bindings, found);
            }
            (BinaryOp::In, true) => {
                let on_wx = object_ident(&bin.right).is_some_and(|wx| is_api_object(wx, bindings));
                if let (true, Some(name)) = (on_wx, static_string(unparen(&bin.left))) {
                    found.extend(missing(name).map(|api| Probe { api, read: None }));
                }
            }
            (BinaryOp::EqEq | BinaryOp::EqEqEq | BinaryOp::NotEq | BinaryOp::NotEqEq, _) => {
                let (operand, word) = match (typeof_operand(&bin.left), typeof_operand(&bin.right))
                {
                    (Some(operand), None) => (operand, static_string(unparen(&bin.right))),
                    (None, Some(operand)) => (operand, static_string(unparen(&bin.left))),
                    _ => return,
                };
                let equal = matches!(bin.op, BinaryOp::EqEq | BinaryOp::EqEqEq);
                // `typeof f === "function"` and `typeof f !== "undefined"` hold when it exists.
                let exists = match word {
                    Some("function") => equal == truthy,
                    Some("undefined") => equal != truthy,
                    _ => return,
                };
                if exists {
                    found.extend(read_probe(operand, bindings));
                }
            }
            _ => {}
        },
        Expr::Call(call) if truthy => {
            let Callee::Expr(callee) = &call.callee else {
                return;
            };
            let Expr::Member(member) = unwrap_expr(callee) else {
                return;
            };
            let on_wx = object_ident(&member.obj).is_some_and(|wx| is_api_object(wx, bindings));
            if !on_wx || property_name(&member.prop) != Some("canIUse") {
                return;
            }
            // `wx.canIUse("getWindowInfo")`, `wx.canIUse("getSystemSetting.success")`.
            let schema = call
                .args
                .first()
                .and_then(|arg| static_string(unparen(&arg.expr)));
            let name = schema.and_then(|schema| schema.split('.').next());
            found.extend(name.and_then(missing).map(|api| Probe { api, read: None }));
        }
        _ if truthy => found.extend(read_probe(expr, bindings)),
        _ => {}
    }
}

/// The read that `typeof <expr>`, `!<expr>` or `Boolean(<expr>)` only tests, wherever it
/// stands: none of them calls the API or throws without it.
pub fn tested_read(arg: &Expr, bindings: &Bindings) -> Option<BytePos> {
    read_probe(arg, bindings)?.read
}

/// The read in the left operand of `||` or `??` whose absence the right one stands in for:
/// `wx.getWindowInfo ?? wx.getSystemInfoSync`, `wx.getWindowInfo?.() || fallback`. A call of
/// an API that WeCom can stand in for is rewritten instead: the fallback is rarely as good as
/// the real values (`wx.getSystemSetting?.() || {}`).
pub fn fallback_read(left: &Expr, bindings: &Bindings) -> Option<BytePos> {
    if let Expr::OptChain(chain) = unwrap_expr(left) {
        if let OptChainBase::Call(call) = &*chain.base {
            if let Expr::Member(member) = unwrap_expr(&call.callee) {
                let api = missing_member(member, bindings)?;
                let fixed = compat::api(api.name()).is_some_and(|row| row.fix.is_some());
                return (!fixed).then_some(member.span.lo);
            }
        }
    }
    tested_read(left, bindings)
}

/// `wx.name`, `wx?.name` or `wx["name"]` for an API some client lacks.
fn read_probe(expr: &Expr, bindings: &Bindings) -> Option<Probe> {
    let member = match unwrap_expr(expr) {
        Expr::Member(member) => member,
        Expr::OptChain(chain) => match &*chain.base {
            OptChainBase::Member(member) => member,
            OptChainBase::Call(_) => return None,
        },
        _ => return None,
    };
    missing_member(member, bindings).map(|api| Probe {
        api,
        read: Some(member.span.lo),
    })
}

/// The API a read of the global `wx` (or a framework's wrapper of it) reaches, when some WeCom
/// client lacks it.
pub fn missing_member(member: &MemberExpr, bindings: &Bindings) -> Option<Api> {
    let wx = object_ident(&member.obj)?;
    if !is_api_object(wx, bindings) {
        return None;
    }
    missing(property_name(&member.prop)?)
}

/// The global `wx`, or `Taro`, `uni`, `wepy`, whose APIs are `wx`'s once built.
fn is_api_object(ident: &Ident, bindings: &Bindings) -> bool {
    bindings.is_global_wx(ident) || bindings.framework(ident).is_some()
}

/// Whether code that runs only when `api` exists never runs in WeCom: no WeCom client has it.
pub fn absent_from_wecom(api: Api) -> bool {
    compat::api(api.name()).is_some_and(|row| row.status.supported_on().is_empty())
}

fn missing(name: &str) -> Option<Api> {
    Api::from_name(name).filter(|api| matches!(api, Api::Missing(_)))
}

fn typeof_operand(expr: &Expr) -> Option<&Expr> {
    match unparen(expr) {
        Expr::Unary(unary) if unary.op == UnaryOp::TypeOf => Some(&unary.arg),
        _ => None,
    }
}
