//! The walk over a file's syntax tree: which node means what, and the code around it that
//! changes what a use is (a check, a feature detection, a statement left open).

use swc_common::Spanned;
use swc_ecma_ast::{
    AssignExpr, AssignPat, AssignTarget, AssignTargetPat, BinExpr, BinaryOp, CallExpr, Callee,
    ClassDecl, CondExpr, Decorator, ExportNamedSpecifier, Expr, ExprStmt, FnDecl, IfStmt, JSXAttr,
    JSXAttrName, JSXAttrValue, JSXExpr, MemberExpr, MemberProp, ModuleExportName, ModuleItem,
    OptChainBase, Pat, Prop, SimpleAssignTarget, Stmt, Str, Tpl, TsEntityName, TsImportEqualsDecl,
    TsInterfaceDecl, TsModuleDecl, TsModuleRef, TsType, TsTypeAliasDecl, UnaryExpr, UnaryOp,
    UpdateExpr, VarDecl, VarDeclarator,
};
use swc_ecma_visit::{Visit, VisitWith};

use super::certainty::Statement;
use super::detect;
use super::finder::Finder;
use super::missing;
use super::site::{Api, DynamicAccess, FrameworkForm, SiteKind, CODE_EXCHANGE};
use super::syntax::{
    object_ident, property_name, static_string, unparen, unwrap_expr, written_member,
};
use crate::parse::{offset_of, range_of};

impl Visit for Finder<'_> {
    fn visit_stmts(&mut self, stmts: &[Stmt]) {
        self.visit_statement_list(Statement::of_stmts(stmts));
    }

    fn visit_module_items(&mut self, items: &[ModuleItem]) {
        self.visit_statement_list(Statement::of_module_items(items));
    }

    fn visit_if_stmt(&mut self, stmt: &IfStmt) {
        self.note_probes(&stmt.test);
        stmt.test.visit_with(self);
        self.visit_branch(&stmt.test, true, &*stmt.cons);
        if let Some(alt) = &stmt.alt {
            self.visit_branch(&stmt.test, false, &**alt);
        }
    }

    fn visit_cond_expr(&mut self, expr: &CondExpr) {
        self.note_probes(&expr.test);
        expr.test.visit_with(self);
        self.visit_branch(&expr.test, true, &*expr.cons);
        self.visit_branch(&expr.test, false, &*expr.alt);
    }

    fn visit_bin_expr(&mut self, expr: &BinExpr) {
        if matches!(expr.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing) {
            self.probes
                .extend(detect::fallback_read(&expr.left, self.bindings));
        }
        let truthy = match expr.op {
            BinaryOp::LogicalAnd => true,
            BinaryOp::LogicalOr => false,
            _ => return expr.visit_children_with(self),
        };
        self.note_probes(&expr.left);
        expr.left.visit_with(self);
        self.visit_branch(&expr.left, truthy, &*expr.right);
    }

    /// `Boolean(wx.getWindowInfo)` only tests the API.
    fn visit_call_expr(&mut self, call: &CallExpr) {
        let used = !self.statement_calls.contains(&(call.span.lo, call.span.hi));
        self.note_call(call, used);
        if self.bindings.imports_apis() {
            self.record_named_imports(call);
        }
        if let (Callee::Expr(callee), [arg]) = (&call.callee, &call.args[..]) {
            if matches!(unwrap_expr(callee), Expr::Ident(name) if name.sym == "Boolean") {
                self.probes
                    .extend(detect::tested_read(&arg.expr, self.bindings));
            }
        }
        call.visit_children_with(self);
    }

    /// `wx.getWindowInfo?.()` on its own: in a client without the API it does nothing, and
    /// nothing reads its result.
    fn visit_expr_stmt(&mut self, stmt: &ExprStmt) {
        self.note_unused_calls(&stmt.expr);
        if let Expr::OptChain(chain) = unparen(&stmt.expr) {
            if let OptChainBase::Call(call) = &*chain.base {
                if let Expr::Member(member) = unwrap_expr(&call.callee) {
                    if detect::missing_member(member, self.bindings).is_some() {
                        self.probes.insert(member.span.lo);
                    }
                }
            }
        }
        stmt.visit_children_with(self);
    }

    fn visit_str(&mut self, s: &Str) {
        if s.value.as_str().is_some_and(|v| v.contains(CODE_EXCHANGE)) {
            self.found.code_exchanges.push(range_of(s.span));
        }
    }

    fn visit_tpl(&mut self, tpl: &Tpl) {
        if tpl.quasis.iter().any(|q| q.raw.contains(CODE_EXCHANGE)) {
            self.found.code_exchanges.push(range_of(tpl.span));
        }
        tpl.visit_children_with(self);
    }

    fn visit_member_expr(&mut self, member: &MemberExpr) {
        member.visit_children_with(self);
        if let Some(api) = self.guarded_api(member) {
            if self.promise_calls.contains(&member.span.lo) {
                self.push(api, range_of(member.span), SiteKind::GuardedPromise);
            }
        }
        let Some(obj) = object_ident(&member.obj) else {
            self.record_wepy_wx(member);
            return;
        };
        let Some(name) = property_name(&member.prop) else {
            // Only a key unknown until run time can reach the API; other literals are other APIs,
            // and so is a choice between two of them (the system-info rewrite's own output).
            let dynamic = matches!(&member.prop, MemberProp::Computed(c)
                if !matches!(*c.expr, Expr::Lit(_)) && !missing::is_choice_of_names(&c.expr));
            if dynamic && self.bindings.is_global_wx(obj) {
                let range = range_of(member.span);
                self.found.dynamic.push(DynamicAccess { range });
            }
            return;
        };
        if self.inventory {
            self.note_use(obj, name);
        }
        let Some(api) = Api::from_name(name) else {
            return;
        };
        let mut range = range_of(member.span);
        let id = obj.to_id();
        let kind = if let Some(why) = self.bindings.obscured_global_wx(obj) {
            SiteKind::Obscured(why)
        } else if self.bindings.is_global_wx(obj) {
            let Some(wx) = self.token_range(obj) else {
                self.found.unlocated.get_or_insert(range.start);
                return;
            };
            range.start = range.start.max(wx.start);
            if self.detected_or_probed(api, member) {
                return;
            }
            SiteKind::Read {
                key: self.key(member, offset_of(member.obj.span().hi)),
                env: self.env,
                after_open_statement: self.open_statement_starts.contains(&obj.span.lo),
                decorator_end: self.decorators.get(&obj.span.lo).copied(),
                promise_style: self.promise_calls.contains(&member.span.lo),
                wx,
            }
        } else if let Some(framework) = self.bindings.framework(obj) {
            if self.detected_or_probed(api, member) {
                return;
            }
            let Some(object) = self.token_range(obj) else {
                self.found.unlocated.get_or_insert(range.start);
                return;
            };
            range.start = range.start.max(object.start);
            let mut site =
                self.framework_site(framework, object, member.span.lo, FrameworkForm::Member);
            site.after_open_statement = self.open_statement_starts.contains(&obj.span.lo);
            SiteKind::Framework(site)
        } else if obj.sym == "wx" {
            SiteKind::LocalWx(self.bindings.local_wx(&id))
        } else if self.bindings.is_wx_alias(&id) {
            SiteKind::Alias
        } else {
            return;
        };
        self.push(api, range, kind);
    }

    fn visit_simple_assign_target(&mut self, target: &SimpleAssignTarget) {
        let written = match target {
            SimpleAssignTarget::Member(member) => Some(member),
            SimpleAssignTarget::Paren(e) => written_member(&e.expr),
            SimpleAssignTarget::TsAs(e) => written_member(&e.expr),
            SimpleAssignTarget::TsSatisfies(e) => written_member(&e.expr),
            SimpleAssignTarget::TsNonNull(e) => written_member(&e.expr),
            SimpleAssignTarget::TsTypeAssertion(e) => written_member(&e.expr),
            _ => None,
        };
        if !written.is_some_and(|member| self.record_member_write(member)) {
            target.visit_children_with(self);
        }
    }

    fn visit_pat(&mut self, pat: &Pat) {
        if let Pat::Expr(expr) = pat {
            if self.record_write(expr) {
                return;
            }
        }
        pat.visit_children_with(self);
    }

    fn visit_update_expr(&mut self, expr: &UpdateExpr) {
        if !self.record_write(&expr.arg) {
            expr.visit_children_with(self);
        }
    }

    fn visit_unary_expr(&mut self, expr: &UnaryExpr) {
        if matches!(expr.op, UnaryOp::TypeOf | UnaryOp::Bang) {
            self.probes
                .extend(detect::tested_read(&expr.arg, self.bindings));
        }
        if expr.op != UnaryOp::Delete || !self.record_write(&expr.arg) {
            expr.visit_children_with(self);
        }
    }

    fn visit_assign_pat(&mut self, pat: &AssignPat) {
        if let Pat::Object(pattern) = &*pat.left {
            self.record_destructure(pattern, unparen(&pat.right));
        }
        pat.visit_children_with(self);
    }

    fn visit_decorator(&mut self, decorator: &Decorator) {
        let span = decorator.expr.span();
        self.decorators.insert(span.lo, offset_of(span.hi));
        decorator.visit_children_with(self);
    }

    fn visit_prop(&mut self, prop: &Prop) {
        if let (Prop::Shorthand(ident), true) = (prop, self.bindings.imports_apis()) {
            self.record_named_import_as(ident, FrameworkForm::Shorthand);
        }
        prop.visit_children_with(self);
    }

    fn visit_export_named_specifier(&mut self, specifier: &ExportNamedSpecifier) {
        if let (ModuleExportName::Ident(ident), true) =
            (&specifier.orig, self.bindings.imports_apis())
        {
            self.record_named_import_as(ident, FrameworkForm::Reexport);
        }
    }

    /// Taro's `<Button openType="getUserInfo" onGetUserInfo={...}>`, WXML's flow in JSX.
    fn visit_jsx_attr(&mut self, attr: &JSXAttr) {
        attr.visit_children_with(self);
        let JSXAttrName::Ident(name) = &attr.name else {
            return;
        };
        let range = range_of(attr.span);
        match (&*name.sym, &attr.value) {
            ("openType", Some(JSXAttrValue::Str(value))) if value.value == *"getUserInfo" => {
                self.found.jsx_user_info.push((range, None));
            }
            ("openType", Some(JSXAttrValue::JSXExprContainer(container))) => {
                let JSXExpr::Expr(expr) = &container.expr else {
                    return;
                };
                if static_string(expr) == Some("getUserInfo") {
                    self.found.jsx_user_info.push((range, None));
                }
            }
            ("onGetUserInfo", value) => {
                let handler = value.as_ref().map(|value| range_of(value.span()));
                self.found.jsx_user_info.push((range, handler));
            }
            _ => {}
        }
    }

    // Types, interfaces and ambient declarations never run: nothing in them is a read.
    fn visit_ts_type(&mut self, _: &TsType) {}

    fn visit_ts_interface_decl(&mut self, _: &TsInterfaceDecl) {}

    fn visit_ts_type_alias_decl(&mut self, _: &TsTypeAliasDecl) {}

    fn visit_ts_import_equals_decl(&mut self, decl: &TsImportEqualsDecl) {
        let TsModuleRef::TsEntityName(TsEntityName::TsQualifiedName(name)) = &decl.module_ref
        else {
            return;
        };
        let TsEntityName::Ident(obj) = &name.left else {
            return;
        };
        if let Some(api) = Api::from_name(&name.right.sym) {
            if self.bindings.is_global_wx(obj) {
                self.push(api, range_of(name.span), SiteKind::ImportAlias);
            }
        }
    }

    fn visit_ts_module_decl(&mut self, decl: &TsModuleDecl) {
        if !decl.declare {
            decl.visit_children_with(self);
        }
    }

    fn visit_class_decl(&mut self, decl: &ClassDecl) {
        if !decl.declare {
            decl.visit_children_with(self);
        }
    }

    fn visit_fn_decl(&mut self, decl: &FnDecl) {
        if !decl.declare {
            decl.visit_children_with(self);
        }
    }

    fn visit_var_decl(&mut self, decl: &VarDecl) {
        if !decl.declare {
            decl.visit_children_with(self);
        }
    }

    fn visit_var_declarator(&mut self, declarator: &VarDeclarator) {
        if let (Pat::Object(pattern), Some(init)) = (&declarator.name, &declarator.init) {
            self.record_destructure(pattern, unparen(init));
        }
        if let Some(Expr::Ident(value)) = declarator.init.as_deref().map(unwrap_expr) {
            self.record_named_import(value);
        }
        declarator.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, expr: &AssignExpr) {
        if let AssignTarget::Pat(AssignTargetPat::Object(pattern)) = &expr.left {
            self.record_destructure(pattern, unparen(&expr.right));
        }
        expr.visit_children_with(self);
    }
}
