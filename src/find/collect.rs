//! The first pass itself: the walk that fills [`Bindings`], by spelling alone when that is
//! enough, else after swc's resolver has told same-named bindings apart.

use std::collections::{HashMap, HashSet};

use swc_common::{BytePos, Mark, SyntaxContext, GLOBALS};
use swc_ecma_ast::{
    AssignExpr, AssignTarget, BindingIdent, ClassDecl, ClassExpr, Expr, FnDecl, FnExpr, ForHead,
    ForInStmt, ForOfStmt, Id, Ident, ImportDecl, ImportSpecifier, ModuleExportName, ModuleItem,
    ObjectPatProp, Pat, Program, SimpleAssignTarget, Stmt, TsEnumDecl, TsImportEqualsDecl,
    TsInterfaceDecl, TsModuleDecl, TsModuleName, TsNamespaceDecl, TsTypeAliasDecl, UpdateExpr,
    VarDecl, VarDeclarator,
};
use swc_ecma_transforms_base::resolver;
use swc_ecma_visit::{Visit, VisitMutWith, VisitWith};

use super::bindings::Bindings;
use super::certainty::{Initialised, Obscurities, Statement, StatementList};
use super::guard::{env_when, is_environment, CheckVar};
use super::site::{Api, BindingKind, FRAMEWORKS};
use super::specifier::{framework_package, is_wecom_module, required};
use super::syntax::{prop_name, unparen};
use crate::wecom_module;

impl Bindings {
    /// What the names of `program` mean. Scope resolution costs a fifth of the parse, and most
    /// files need none: when no `wx` is declared and no variable holds a check, the
    /// environment or the global `wx`, a name can only mean the one thing, and a pass that
    /// tells names apart by spelling alone learns the same. Otherwise swc's resolver runs
    /// (on `program`) and the pass is repeated with the identities it gives.
    pub fn of(program: &mut Program, typescript: bool, project_check: Option<&str>) -> Self {
        // Unresolved, every name has the empty context. Every variable counts as never
        // reassigned here, so this pass finds at least the variables the resolved one would.
        let by_name = Self::collect_with(
            program,
            SyntaxContext::empty(),
            HashSet::new(),
            project_check,
        );
        if by_name.is_scope_free() {
            return by_name;
        }
        GLOBALS.set(&Default::default(), || {
            let unresolved_mark = Mark::new();
            program.visit_mut_with(&mut resolver(unresolved_mark, Mark::new(), typescript));
            let unresolved = SyntaxContext::empty().apply_mark(unresolved_mark);
            Self::collect(program, unresolved, project_check)
        })
    }

    /// Whether nothing learnt depends on which declaration a name refers to.
    fn is_scope_free(&self) -> bool {
        !self.declares_wx
            && self.local_wx.is_empty()
            && self.local_frameworks.is_empty()
            && self.imported_frameworks.is_empty()
            && self.imported_apis.is_empty()
            && self.ambient_wx.is_empty()
            && self.check_vars.is_empty()
            && self.environment_vars.is_empty()
            && self.wx_aliases.is_empty()
    }

    /// `unresolved` is the context swc's resolver gives names that no scope declares.
    fn collect(program: &Program, unresolved: SyntaxContext, project_check: Option<&str>) -> Self {
        let mut reassignments = Reassignments::default();
        program.visit_with(&mut reassignments);
        Self::collect_with(program, unresolved, reassignments.ids, project_check)
    }

    fn collect_with(
        program: &Program,
        unresolved: SyntaxContext,
        reassigned: HashSet<Id>,
        project_check: Option<&str>,
    ) -> Self {
        let mut collector = Collector {
            bindings: Bindings {
                unresolved,
                reassigned,
                project_check: project_check.map(str::to_owned),
                obscurities: Obscurities::of(program),
                ..Bindings::default()
            },
            ambient_depth: 0,
            alias_candidates: Vec::new(),
            lists: Vec::new(),
            declaration: None,
            references: Vec::new(),
        };
        program.visit_with(&mut collector);
        let mut bindings = collector.bindings;
        let initialised = bindings.check_vars.values_mut().map(|(_, at)| at);
        let mut initialised = initialised
            .chain(bindings.environment_vars.values_mut())
            .peekable();
        // Most files hold no check: their names are never looked up, so they are not hashed.
        if initialised.peek().is_some() {
            let mut references: HashMap<Id, Vec<BytePos>> = HashMap::new();
            for (id, at) in collector.references {
                references.entry(id).or_default().push(at);
            }
            for at in initialised {
                at.settle(&references);
            }
        }
        for (alias, target) in collector.alias_candidates {
            if bindings.is_global_wx(&target) {
                bindings.wx_aliases.insert(alias);
            }
        }
        bindings
    }
}

/// Collects every variable written after its declaration. A second declarator that
/// initialises it (`var a = x; var a = y`, `var { a } = o`) or a `for (var a in o)` head writes
/// it too.
#[derive(Default)]
struct Reassignments {
    ids: HashSet<Id>,
    initialised: HashSet<Id>,
}

impl Reassignments {
    fn pattern<N: VisitWith<PatternNames> + ?Sized>(&mut self, pat: &N) {
        self.ids.extend(PatternNames::of(pat));
    }

    /// Every iteration assigns the head's names, declared there or not.
    fn for_head(&mut self, head: &ForHead) {
        match head {
            ForHead::Pat(pat) => self.pattern(pat),
            ForHead::VarDecl(decl) => self.pattern(&decl.decls),
            ForHead::UsingDecl(_) => {}
        }
    }
}

impl Visit for Reassignments {
    fn visit_var_declarator(&mut self, declarator: &VarDeclarator) {
        if declarator.init.is_some() || !matches!(declarator.name, Pat::Ident(_)) {
            for id in PatternNames::of(&declarator.name) {
                if !self.initialised.insert(id.clone()) {
                    self.ids.insert(id);
                }
            }
        }
        declarator.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, expr: &AssignExpr) {
        match &expr.left {
            AssignTarget::Simple(SimpleAssignTarget::Ident(ident)) => {
                self.ids.insert(ident.to_id());
            }
            AssignTarget::Pat(pat) => self.pattern(pat),
            AssignTarget::Simple(_) => {}
        }
        expr.visit_children_with(self);
    }

    fn visit_update_expr(&mut self, expr: &UpdateExpr) {
        if let Expr::Ident(ident) = &*expr.arg {
            self.ids.insert(ident.to_id());
        }
        expr.visit_children_with(self);
    }

    fn visit_for_in_stmt(&mut self, stmt: &ForInStmt) {
        self.for_head(&stmt.left);
        stmt.visit_children_with(self);
    }

    fn visit_for_of_stmt(&mut self, stmt: &ForOfStmt) {
        self.for_head(&stmt.left);
        stmt.visit_children_with(self);
    }
}

/// The names a pattern binds or assigns.
#[derive(Default)]
struct PatternNames {
    ids: Vec<Id>,
}

impl PatternNames {
    fn of<N: VisitWith<PatternNames> + ?Sized>(pattern: &N) -> Vec<Id> {
        let mut names = PatternNames::default();
        pattern.visit_with(&mut names);
        names.ids
    }
}

impl Visit for PatternNames {
    fn visit_binding_ident(&mut self, ident: &BindingIdent) {
        self.ids.push(ident.to_id());
    }

    fn visit_expr(&mut self, _: &Expr) {
        // Default values and computed keys are expressions, not names the pattern binds.
    }
}

struct Collector {
    bindings: Bindings,
    /// Inside `declare global { ... }` or `declare module` / `namespace` blocks.
    ambient_depth: usize,
    alias_candidates: Vec<(Id, Ident)>,
    /// The statement lists being visited, innermost last.
    lists: Vec<StatementList>,
    /// The list that directly holds the declaration being visited, if one does.
    declaration: Option<(BytePos, usize)>,
    /// Each use of a name, in order, to tell which hoisted functions may run before a check.
    references: Vec<(Id, BytePos)>,
}

impl Collector {
    fn statement_list<'s>(&mut self, statements: impl Iterator<Item = Statement<'s>> + Clone) {
        self.lists.push(StatementList::of(statements.clone()));
        for statement in statements {
            match statement {
                Statement::Stmt(stmt) => stmt.visit_with(self),
                Statement::ModuleDecl(decl) => decl.visit_with(self),
            }
        }
        self.lists.pop();
    }

    /// Where the declarator ending at `end`, of the declaration being visited, has certainly
    /// run.
    fn initialised(&self, end: BytePos) -> Option<Initialised> {
        let (declaration, depth) = self.declaration?;
        self.lists.get(depth)?.initialised(declaration, end)
    }

    fn local(&mut self, ident: &Ident, kind: BindingKind) {
        if ident.sym == "wx" {
            self.bindings.local_wx.entry(ident.to_id()).or_insert(kind);
        }
        self.bindings.wxwork_taken |=
            kind != BindingKind::Import && ident.sym == wecom_module::STEM;
        if kind != BindingKind::Import && FRAMEWORKS.contains(&&*ident.sym) {
            self.bindings.local_frameworks.insert(ident.to_id());
        }
    }

    /// Learns what `local`, bound to what `source` exports, is: a framework or the module.
    fn imported(&mut self, local: &Ident, source: &str) {
        if let Some(framework) = framework_package(source) {
            self.bindings
                .imported_frameworks
                .insert(local.to_id(), framework);
        } else if is_wecom_module(source) {
            self.bindings.wecom_modules.insert(local.to_id());
        } else {
            self.bindings.wxwork_taken |= local.sym == wecom_module::STEM;
        }
    }

    fn trusted(&self, id: &Id) -> bool {
        !self.bindings.reassigned.contains(id)
    }
}

impl Visit for Collector {
    fn visit_ident(&mut self, ident: &Ident) {
        self.references.push((ident.to_id(), ident.span.lo));
    }

    fn visit_stmts(&mut self, stmts: &[Stmt]) {
        self.statement_list(Statement::of_stmts(stmts));
    }

    fn visit_module_items(&mut self, items: &[ModuleItem]) {
        self.statement_list(Statement::of_module_items(items));
    }

    fn visit_ts_module_decl(&mut self, decl: &TsModuleDecl) {
        let ambient = decl.declare || decl.global;
        if let TsModuleName::Ident(id) = &decl.id {
            if id.sym == "wx" {
                self.bindings.declares_wx = true;
                // `declare namespace wx { ... }` describes the global, like `declare const wx`.
                if ambient || self.ambient_depth > 0 {
                    self.bindings.ambient_wx.insert(id.to_id());
                }
            }
        }
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
        let depth = self.lists.len().checked_sub(1);
        let outer = std::mem::replace(&mut self.declaration, depth.map(|d| (decl.span.lo, d)));
        decl.visit_children_with(self);
        self.declaration = outer;
    }

    fn visit_var_declarator(&mut self, declarator: &VarDeclarator) {
        for id in PatternNames::of(&declarator.name) {
            if id.0 == "wx" {
                self.bindings
                    .local_wx
                    .entry(id)
                    .or_insert(BindingKind::Variable);
            }
        }
        let init = declarator.init.as_deref().map(unparen);
        let initialised = self.initialised(declarator.span.hi);
        // Initialisers of nested declarations (in functions they hold) are their own.
        let outer = self.declaration.take();
        match (&declarator.name, init, initialised) {
            (Pat::Ident(name), Some(init), Some(initialised)) if self.trusted(&name.to_id()) => {
                let id = name.to_id();
                let var = CheckVar {
                    when_true: env_when(init, true, &self.bindings),
                    when_false: env_when(init, false, &self.bindings),
                };
                if var.when_true.is_some() || var.when_false.is_some() {
                    self.bindings
                        .check_vars
                        .insert(id.clone(), (var, initialised.clone()));
                }
                if is_environment(init, &self.bindings) {
                    self.bindings.environment_vars.insert(id, initialised);
                }
            }
            (Pat::Object(object), Some(_), Some(initialised)) => {
                for prop in &object.props {
                    // A default (`{ environment = 'wxwork' }`) would hold in WeChat too.
                    let (key, value) = match prop {
                        ObjectPatProp::Assign(assign) if assign.value.is_none() => {
                            (Some(&*assign.key.sym), &assign.key.id)
                        }
                        ObjectPatProp::KeyValue(kv) => match &*kv.value {
                            Pat::Ident(value) => (prop_name(&kv.key), &value.id),
                            _ => continue,
                        },
                        _ => continue,
                    };
                    if key == Some("environment") && self.trusted(&value.to_id()) {
                        self.bindings
                            .environment_vars
                            .insert(value.to_id(), initialised.clone());
                    }
                }
            }
            _ => {}
        }
        if let (Pat::Ident(name), Some(Expr::Ident(target))) = (&declarator.name, init) {
            self.alias_candidates.push((name.to_id(), target.clone()));
        }
        declarator.visit_children_with(self);
        // `const Taro = require('@tarojs/taro')` is the framework, as an import is.
        if let (Pat::Ident(name), Some(init)) = (&declarator.name, init) {
            if let Some(source) = required(init) {
                self.bindings.local_frameworks.remove(&name.to_id());
                self.imported(&name.id, source);
            }
        }
        self.declaration = outer;
    }

    fn visit_assign_expr(&mut self, expr: &AssignExpr) {
        if let (AssignTarget::Simple(SimpleAssignTarget::Ident(name)), Expr::Ident(target)) =
            (&expr.left, unparen(&expr.right))
        {
            self.alias_candidates.push((name.to_id(), target.clone()));
        }
        expr.visit_children_with(self);
    }

    fn visit_binding_ident(&mut self, ident: &BindingIdent) {
        // Declarators are handled above; what is left are parameters (and catch clauses).
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
        let source = decl.src.value.as_str().unwrap_or_default();
        for specifier in &decl.specifiers {
            let local = match specifier {
                ImportSpecifier::Named(named) => {
                    self.bindings.wxwork_taken |= named.local.sym == wecom_module::STEM;
                    let imported = match &named.imported {
                        Some(ModuleExportName::Ident(name)) => name.sym.as_str(),
                        Some(ModuleExportName::Str(name)) => name.value.as_str().unwrap_or(""),
                        None => named.local.sym.as_str(),
                    };
                    let api = Api::from_name(imported).filter(|api| {
                        matches!(api, Api::Login | Api::CheckSession | Api::GetUserInfo)
                    });
                    if let (Some(framework), Some(api)) = (framework_package(source), api) {
                        self.bindings
                            .imported_apis
                            .insert(named.local.to_id(), (framework, api));
                    }
                    &named.local
                }
                ImportSpecifier::Default(default) => &default.local,
                ImportSpecifier::Namespace(namespace) => &namespace.local,
            };
            self.local(local, BindingKind::Import);
            if !matches!(specifier, ImportSpecifier::Named(_)) {
                self.imported(local, source);
            }
        }
    }

    fn visit_ts_import_equals_decl(&mut self, decl: &TsImportEqualsDecl) {
        self.local(&decl.id, BindingKind::Import);
    }

    /// The inner names of `namespace a.wx { ... }`.
    fn visit_ts_namespace_decl(&mut self, decl: &TsNamespaceDecl) {
        self.bindings.declares_wx |= decl.id.sym == "wx";
        decl.visit_children_with(self);
    }

    fn visit_ts_enum_decl(&mut self, decl: &TsEnumDecl) {
        self.bindings.declares_wx |= decl.id.sym == "wx";
        decl.visit_children_with(self);
    }

    fn visit_ts_interface_decl(&mut self, decl: &TsInterfaceDecl) {
        self.bindings.declares_wx |= decl.id.sym == "wx";
        decl.visit_children_with(self);
    }

    fn visit_ts_type_alias_decl(&mut self, decl: &TsTypeAliasDecl) {
        self.bindings.declares_wx |= decl.id.sym == "wx";
        decl.visit_children_with(self);
    }
}
