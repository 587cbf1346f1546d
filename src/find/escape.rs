//! Finds where the global `wx` itself is handed on as a value (`wx || my`, `cond ? wx : my`,
//! `{ ...wx }`, `{ wx }`, `f(wx)`, `return wx`): from there, a call of `login` on whatever holds
//! it cannot be followed, and would stay unmigrated without a word.
//!
//! Reading a property (`wx.request`), testing it (`typeof wx`, `if (wx)`, `wx && ...`) and a
//! plain alias (`const w = wx`, whose uses are followed) hand nothing on.

use std::ops::Range;

use swc_ecma_ast::{
    AssignExpr, AssignPat, AssignTarget, AssignTargetPat, BinExpr, BinaryOp, CallExpr, Callee,
    CondExpr, DoWhileStmt, Expr, ExprStmt, ForStmt, IfStmt, MemberExpr, ObjectPat, ObjectPatProp,
    Pat, Program, Prop, SeqExpr, SimpleAssignTarget, SwitchStmt, Tpl, TsType, UnaryExpr, UnaryOp,
    VarDeclarator, WhileStmt,
};
use swc_ecma_visit::{Visit, VisitWith};

use super::bindings::{wx_or_qy, Bindings};
use super::guard::Scope;
use super::syntax::{object_ident, property_name, static_string, unparen, unwrap_expr};
use crate::parse::range_of;

/// The `wx` tokens, in source order, where the global is handed on.
pub fn escapes(program: &Program, bindings: &Bindings) -> Vec<Range<usize>> {
    let mut finder = Escapes {
        bindings,
        found: Vec::new(),
    };
    program.visit_with(&mut finder);
    finder.found.sort_by_key(|range| range.start);
    finder.found
}

struct Escapes<'a> {
    bindings: &'a Bindings,
    found: Vec<Range<usize>>,
}

impl Escapes<'_> {
    fn is_wx(&self, expr: &Expr) -> bool {
        matches!(unwrap_expr(expr), Expr::Ident(ident) if self.bindings.is_global_wx(ident))
    }

    /// `wxwork` or `wxwork.tuple`: the WeCom module the tool adds, or its `[err, res]` shape.
    fn is_wecom_module(&self, expr: &Expr) -> bool {
        let module = match unwrap_expr(expr) {
            Expr::Member(member) if property_name(&member.prop) == Some("tuple") => &member.obj,
            _ => expr,
        };
        matches!(unwrap_expr(module), Expr::Ident(name) if self.bindings.is_wecom_module(name))
    }

    /// Visits an expression whose value is used without being handed on.
    fn harmless(&mut self, expr: &Expr) {
        if !self.is_wx(expr) {
            expr.visit_with(self);
        }
    }

    /// Visits the value a plain name is given: `const w = wx` makes an alias whose uses are
    /// followed (and reported), so it hands nothing on.
    fn alias(&mut self, value: &Expr) {
        if !matches!(unparen(value), Expr::Ident(i) if self.bindings.is_global_wx(i)) {
            value.visit_with(self);
        }
    }
}

/// Callees that use their first argument without handing it on: `f.call(wx, ...)` (`wx` as
/// `this`, as in `wx.login.call(wx, o)`), Babel's `_typeof(wx)` (its `typeof wx`), and
/// `Object.defineProperty(wx, ...)` and the like, which patch or list its properties.
fn reads_first_argument(callee: &Expr) -> bool {
    match unwrap_expr(callee) {
        Expr::Ident(ident) => ident.sym.starts_with("_typeof"),
        // `(0, _typeof2.default)(wx)`, as Babel writes a helper it imports.
        Expr::Seq(seq) => seq.exprs.last().is_some_and(|e| reads_first_argument(e)),
        Expr::Member(member) => {
            let object = object_ident(&member.obj).map(|ident| &*ident.sym);
            match (object, property_name(&member.prop)) {
                (_, Some("call" | "apply" | "bind")) => true,
                (Some(helper), Some("default")) => helper.starts_with("_typeof"),
                (
                    Some("Object" | "Reflect"),
                    Some(
                        "defineProperty"
                        | "defineProperties"
                        | "getOwnPropertyDescriptor"
                        | "getOwnPropertyNames"
                        | "keys"
                        | "hasOwn"
                        | "has",
                    ),
                ) => true,
                _ => false,
            }
        }
        _ => false,
    }
}

/// `typeof x === "undefined" ? "undefined" : helper(x)`: Babel's `typeof x`, whose helper has
/// any name once minified.
fn babel_typeof(expr: &CondExpr) -> Option<&CallExpr> {
    let Expr::Bin(test) = unwrap_expr(&expr.test) else {
        return None;
    };
    let tested =
        [&test.left, &test.right]
            .into_iter()
            .find_map(|side| match unwrap_expr(side) {
                Expr::Unary(unary) if unary.op == UnaryOp::TypeOf => object_ident(&unary.arg),
                _ => None,
            })?;
    let Expr::Call(call) = unwrap_expr(&expr.alt) else {
        return None;
    };
    let [arg] = call.args.as_slice() else {
        return None;
    };
    let same = matches!(unwrap_expr(&arg.expr), Expr::Ident(i) if i.sym == tested.sym);
    (same && static_string(&expr.cons) == Some("undefined")).then_some(call)
}

/// A destructuring pattern that only picks properties; `...rest` copies them all, `login`
/// included, into an object the tool cannot follow.
fn has_rest(pattern: &ObjectPat) -> bool {
    pattern
        .props
        .iter()
        .any(|prop| matches!(prop, ObjectPatProp::Rest(_)))
}

impl Visit for Escapes<'_> {
    fn visit_expr(&mut self, expr: &Expr) {
        match unwrap_expr(expr) {
            Expr::Ident(ident) if self.bindings.is_global_wx(ident) => {
                self.found.push(range_of(ident.span));
            }
            _ => expr.visit_children_with(self),
        }
    }

    fn visit_prop(&mut self, prop: &Prop) {
        match prop {
            Prop::Shorthand(ident) if self.bindings.is_global_wx(ident) => {
                self.found.push(range_of(ident.span));
            }
            _ => prop.visit_children_with(self),
        }
    }

    fn visit_member_expr(&mut self, member: &MemberExpr) {
        // `(<check> ? wx.qy : wx).login` and `(<check> ? wxwork : wx).login`, the tool's own
        // guards, pick the object to read from.
        let guarded = matches!(unwrap_expr(&member.obj), Expr::Cond(cond)
            if (wx_or_qy(&cond.cons, self.bindings).is_some()
                    || self.is_wecom_module(&cond.cons))
                && wx_or_qy(&cond.alt, self.bindings).is_some());
        match unwrap_expr(&member.obj) {
            Expr::Cond(cond) if guarded => self.harmless(&cond.test),
            _ if object_ident(&member.obj).is_some() => {}
            _ => member.obj.visit_with(self),
        }
        member.prop.visit_with(self);
    }

    fn visit_unary_expr(&mut self, expr: &UnaryExpr) {
        self.harmless(&expr.arg);
    }

    fn visit_bin_expr(&mut self, expr: &BinExpr) {
        match expr.op {
            // Either side can be the result.
            BinaryOp::LogicalOr | BinaryOp::NullishCoalescing => expr.visit_children_with(self),
            // The left side is the result only when falsy, which `wx` never usefully is.
            BinaryOp::LogicalAnd => {
                self.harmless(&expr.left);
                expr.right.visit_with(self);
            }
            _ => {
                self.harmless(&expr.left);
                self.harmless(&expr.right);
            }
        }
    }

    fn visit_cond_expr(&mut self, expr: &CondExpr) {
        self.harmless(&expr.test);
        expr.cons.visit_with(self);
        match babel_typeof(expr) {
            Some(call) => {
                call.callee.visit_with(self);
                call.args.iter().for_each(|arg| self.harmless(&arg.expr));
            }
            None => expr.alt.visit_with(self),
        }
    }

    fn visit_seq_expr(&mut self, expr: &SeqExpr) {
        if let Some((last, rest)) = expr.exprs.split_last() {
            rest.iter().for_each(|e| self.harmless(e));
            last.visit_with(self);
        }
    }

    fn visit_tpl(&mut self, tpl: &Tpl) {
        tpl.exprs.iter().for_each(|e| self.harmless(e));
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        let first_is_harmless = match &call.callee {
            Callee::Expr(callee) => reads_first_argument(callee),
            _ => false,
        };
        match call.args.split_first() {
            Some((this, rest)) if first_is_harmless && this.spread.is_none() => {
                call.callee.visit_with(self);
                self.harmless(&this.expr);
                rest.iter().for_each(|arg| arg.visit_with(self));
            }
            _ => call.visit_children_with(self),
        }
    }

    fn visit_var_declarator(&mut self, declarator: &VarDeclarator) {
        declarator.name.visit_with(self);
        if let Some(init) = &declarator.init {
            match &declarator.name {
                Pat::Ident(_) => self.alias(init),
                Pat::Object(pattern) if !has_rest(pattern) => self.harmless(init),
                _ => init.visit_with(self),
            }
        }
    }

    fn visit_assign_expr(&mut self, expr: &AssignExpr) {
        expr.left.visit_with(self);
        match &expr.left {
            AssignTarget::Simple(SimpleAssignTarget::Ident(_)) => self.alias(&expr.right),
            AssignTarget::Pat(AssignTargetPat::Object(pattern)) if !has_rest(pattern) => {
                self.harmless(&expr.right)
            }
            _ => expr.right.visit_with(self),
        }
    }

    fn visit_assign_pat(&mut self, pat: &AssignPat) {
        pat.left.visit_with(self);
        match &*pat.left {
            Pat::Object(pattern) if !has_rest(pattern) => self.harmless(&pat.right),
            _ => pat.right.visit_with(self),
        }
    }

    fn visit_expr_stmt(&mut self, stmt: &ExprStmt) {
        self.harmless(&stmt.expr);
    }

    fn visit_if_stmt(&mut self, stmt: &IfStmt) {
        self.harmless(&stmt.test);
        stmt.cons.visit_with(self);
        stmt.alt.visit_with(self);
    }

    fn visit_while_stmt(&mut self, stmt: &WhileStmt) {
        self.harmless(&stmt.test);
        stmt.body.visit_with(self);
    }

    fn visit_do_while_stmt(&mut self, stmt: &DoWhileStmt) {
        stmt.body.visit_with(self);
        self.harmless(&stmt.test);
    }

    fn visit_for_stmt(&mut self, stmt: &ForStmt) {
        stmt.init.visit_with(self);
        if let Some(test) = &stmt.test {
            self.harmless(test);
        }
        stmt.update.visit_with(self);
        stmt.body.visit_with(self);
    }

    fn visit_switch_stmt(&mut self, stmt: &SwitchStmt) {
        self.harmless(&stmt.discriminant);
        stmt.cases.visit_with(self);
    }

    // Types never run.
    fn visit_ts_type(&mut self, _: &TsType) {}
}
