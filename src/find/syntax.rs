//! Reading swc's AST the way every part of the finder needs: through parentheses and casts,
//! and names and strings known without running the code.

use swc_ecma_ast::{
    Class, Expr, Function, Ident, Lit, MemberExpr, MemberProp, OptChainBase, PropName, ThisExpr,
};
use swc_ecma_visit::{Visit, VisitWith};

/// The name a member expression reads from, seen through parentheses and TypeScript casts.
pub fn object_ident(obj: &Expr) -> Option<&Ident> {
    match unwrap_expr(obj) {
        Expr::Ident(ident) => Some(ident),
        _ => None,
    }
}

/// An expression seen through parentheses and TypeScript casts, which do not change its value.
pub fn unwrap_expr(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(e) => unwrap_expr(&e.expr),
        Expr::TsAs(e) => unwrap_expr(&e.expr),
        Expr::TsNonNull(e) => unwrap_expr(&e.expr),
        Expr::TsTypeAssertion(e) => unwrap_expr(&e.expr),
        Expr::TsSatisfies(e) => unwrap_expr(&e.expr),
        Expr::TsConstAssertion(e) => unwrap_expr(&e.expr),
        _ => expr,
    }
}

/// An expression seen through parentheses, which do not change its value.
pub fn unparen(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(paren) => unparen(&paren.expr),
        _ => expr,
    }
}

/// A property key known without running the code.
pub fn prop_name(key: &PropName) -> Option<&str> {
    match key {
        PropName::Ident(ident) => Some(&ident.sym),
        PropName::Str(s) => s.value.as_str(),
        PropName::Computed(computed) => static_string(&computed.expr),
        _ => None,
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

/// Whether `function` reads its own `this` (in its body or its arrow functions, not in the
/// functions it declares, which have their own).
pub fn reads_this(function: &Function) -> bool {
    struct ThisReads(bool);
    impl Visit for ThisReads {
        fn visit_this_expr(&mut self, _: &ThisExpr) {
            self.0 = true;
        }
        fn visit_function(&mut self, _: &Function) {}
        fn visit_class(&mut self, _: &Class) {}
    }
    let mut reads = ThisReads(false);
    function.body.visit_with(&mut reads);
    function.params.visit_with(&mut reads);
    reads.0
}

/// The member expression an assignment, update or `delete` writes, seen through parentheses,
/// TypeScript casts and optional chains (`delete wx?.login`).
pub fn written_member(expr: &Expr) -> Option<&MemberExpr> {
    match expr {
        Expr::Member(member) => Some(member),
        Expr::Paren(e) => written_member(&e.expr),
        Expr::TsAs(e) => written_member(&e.expr),
        Expr::TsNonNull(e) => written_member(&e.expr),
        Expr::TsTypeAssertion(e) => written_member(&e.expr),
        Expr::TsSatisfies(e) => written_member(&e.expr),
        Expr::OptChain(chain) => match &*chain.base {
            OptChainBase::Member(member) => Some(member),
            OptChainBase::Call(_) => None,
        },
        _ => None,
    }
}
