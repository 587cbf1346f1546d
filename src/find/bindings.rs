//! A first pass over a file that learns what its names mean before the sites are judged:
//! which `wx` bindings are local, which are ambient declarations of the global, which variables
//! hold a WeCom check or the `environment` field, and which alias the global `wx`.

use std::collections::{HashMap, HashSet};

use swc_common::SyntaxContext;
use swc_ecma_ast::{
    BindingIdent, ClassDecl, ClassExpr, Expr, FnDecl, FnExpr, Id, Ident, ImportDecl,
    ImportSpecifier, ObjectPatProp, Pat, Program, PropName, TsModuleDecl, VarDecl, VarDeclarator,
};
use swc_ecma_visit::{Visit, VisitWith};

use super::guard::{env_when, is_environment, Env};

/// What kind of local declaration a `wx` that is not the global comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    Parameter,
    Variable,
    Function,
    Class,
    Import,
}

impl BindingKind {
    pub fn describe(self) -> &'static str {
        match self {
            BindingKind::Parameter => "a parameter",
            BindingKind::Variable => "a local variable",
            BindingKind::Function => "a local function",
            BindingKind::Class => "a local class",
            BindingKind::Import => "an import",
        }
    }
}

/// What the first pass learnt; identities are the resolver's, so shadowing is already accounted
/// for.
#[derive(Default)]
pub struct Bindings {
    unresolved: SyntaxContext,
    /// `declare const wx` and friends: TypeScript's way of naming the global, not a new binding.
    ambient_wx: HashSet<Id>,
    local_wx: HashMap<Id, BindingKind>,
    check_vars: HashMap<Id, Env>,
    environment_vars: HashSet<Id>,
    wx_aliases: HashSet<Id>,
}

impl Bindings {
    /// `unresolved` is the context swc's resolver gives names that no scope declares.
    pub fn collect(program: &Program, unresolved: SyntaxContext) -> Self {
        let mut collector = Collector {
            bindings: Bindings {
                unresolved,
                ..Bindings::default()
            },
            ambient_depth: 0,
            alias_candidates: Vec::new(),
        };
        program.visit_with(&mut collector);
        let mut bindings = collector.bindings;
        for (alias, target) in collector.alias_candidates {
            if bindings.is_global_wx(&target) {
                bindings.wx_aliases.insert(alias);
            }
        }
        bindings
    }

    /// Whether `ident` is the runtime's global `wx`.
    pub fn is_global_wx(&self, ident: &Ident) -> bool {
        ident.sym == "wx"
            && (ident.ctxt == self.unresolved || self.ambient_wx.contains(&ident.to_id()))
    }

    pub fn local_wx(&self, id: &Id) -> BindingKind {
        self.local_wx
            .get(id)
            .copied()
            .unwrap_or(BindingKind::Variable)
    }

    pub fn check_var(&self, id: &Id) -> Option<Env> {
        self.check_vars.get(id).copied()
    }

    pub fn is_environment_var(&self, id: &Id) -> bool {
        self.environment_vars.contains(id)
    }

    pub fn is_wx_alias(&self, id: &Id) -> bool {
        self.wx_aliases.contains(id)
    }
}

struct Collector {
    bindings: Bindings,
    /// Inside `declare global { ... }` or `declare module` / `namespace` blocks.
    ambient_depth: usize,
    alias_candidates: Vec<(Id, Ident)>,
}

impl Collector {
    fn local(&mut self, ident: &Ident, kind: BindingKind) {
        if ident.sym == "wx" {
            self.bindings.local_wx.entry(ident.to_id()).or_insert(kind);
        }
    }
}

impl Visit for Collector {
    fn visit_ts_module_decl(&mut self, decl: &TsModuleDecl) {
        let ambient = decl.declare || decl.global;
        self.ambient_depth += usize::from(ambient);
        decl.visit_children_with(self);
        self.ambient_depth -= usize::from(ambient);
    }

    fn visit_var_decl(&mut self, decl: &VarDecl) {
        if decl.declare || self.ambient_depth > 0 {
            for declarator in &decl.decls {
                if let Pat::Ident(name) = &declarator.name {
                    if name.sym == "wx" {
                        self.bindings.ambient_wx.insert(name.to_id());
                    }
                }
            }
            return;
        }
        decl.visit_children_with(self);
    }

    fn visit_var_declarator(&mut self, declarator: &VarDeclarator) {
        let init = declarator.init.as_deref();
        match &declarator.name {
            Pat::Ident(name) => {
                self.local(&name.id, BindingKind::Variable);
                if let Some(init) = init {
                    let id = name.to_id();
                    if let Some(env) = env_when(init, true, &self.bindings) {
                        self.bindings.check_vars.insert(id.clone(), env);
                    }
                    if is_environment(init, &self.bindings) {
                        self.bindings.environment_vars.insert(id.clone());
                    }
                    if let Expr::Ident(target) = init {
                        self.alias_candidates.push((id, target.clone()));
                    }
                }
            }
            Pat::Object(object) => {
                for prop in &object.props {
                    let (key, value) = match prop {
                        ObjectPatProp::Assign(assign) => (&*assign.key.sym, &assign.key.id),
                        ObjectPatProp::KeyValue(kv) => match (&kv.key, &*kv.value) {
                            (PropName::Ident(key), Pat::Ident(value)) => (&*key.sym, &value.id),
                            _ => continue,
                        },
                        ObjectPatProp::Rest(_) => continue,
                    };
                    if key == "environment" {
                        self.bindings.environment_vars.insert(value.to_id());
                    }
                    self.local(value, BindingKind::Variable);
                }
            }
            _ => {}
        }
        declarator.visit_children_with(self);
    }

    fn visit_binding_ident(&mut self, ident: &BindingIdent) {
        self.local(&ident.id, BindingKind::Parameter);
    }

    fn visit_fn_decl(&mut self, decl: &FnDecl) {
        self.local(&decl.ident, BindingKind::Function);
        decl.visit_children_with(self);
    }

    fn visit_fn_expr(&mut self, expr: &FnExpr) {
        if let Some(ident) = &expr.ident {
            self.local(ident, BindingKind::Function);
        }
        expr.visit_children_with(self);
    }

    fn visit_class_decl(&mut self, decl: &ClassDecl) {
        self.local(&decl.ident, BindingKind::Class);
        decl.visit_children_with(self);
    }

    fn visit_class_expr(&mut self, expr: &ClassExpr) {
        if let Some(ident) = &expr.ident {
            self.local(ident, BindingKind::Class);
        }
        expr.visit_children_with(self);
    }

    fn visit_import_decl(&mut self, decl: &ImportDecl) {
        for specifier in &decl.specifiers {
            let local = match specifier {
                ImportSpecifier::Named(named) => &named.local,
                ImportSpecifier::Default(default) => &default.local,
                ImportSpecifier::Namespace(namespace) => &namespace.local,
            };
            self.local(local, BindingKind::Import);
        }
    }
}
