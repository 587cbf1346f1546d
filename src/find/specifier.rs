//! What an `import` or `require` names: a framework's package, or the WeCom module the tool
//! adds.

use swc_ecma_ast::{Callee, Expr};

use super::syntax::static_string;
use crate::project::Framework;
use crate::wecom_module;

/// The package or path a `require("...")` names; `Some("")` when it is not a plain string.
pub fn required(expr: &Expr) -> Option<&str> {
    let Expr::Call(call) = expr else { return None };
    let Callee::Expr(callee) = &call.callee else {
        return None;
    };
    if !matches!(&**callee, Expr::Ident(name) if name.sym == "require") {
        return None;
    }
    let source = call.args.first().and_then(|arg| static_string(&arg.expr));
    Some(source.unwrap_or_default())
}

/// The framework whose API object a package exports.
pub fn framework_package(source: &str) -> Option<Framework> {
    match source {
        "@tarojs/taro" => Some(Framework::Taro),
        "@mpxjs/core" => Some(Framework::Mpx),
        "wepy" | "@wepy/core" => Some(Framework::Wepy),
        _ => None,
    }
}

/// `./wxwork`, `../../wxwork.js`, `@/wxwork`: the module the tool adds, by its file name. A
/// bare `wxwork` would be a package of that name, something else.
pub fn is_wecom_module(source: &str) -> bool {
    let Some((_, name)) = source.rsplit_once('/') else {
        return false;
    };
    name.strip_suffix(".js").unwrap_or(name) == wecom_module::STEM
}
