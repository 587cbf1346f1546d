//! Finds every place in a parsed file where the WeChat-only APIs are reached, and says what
//! each one is: a read of the global `wx` to rewrite or flag, or a use to leave alone and why.
//!
//! Judging happens here; turning judgements into text edits is [`crate::plan`]'s job.

mod bindings;
mod certainty;
mod detect;
mod escape;
mod flow;
mod guard;
mod imports;
mod missing;
mod site;
mod survey;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use swc_common::{BytePos, Spanned};
use swc_ecma_ast::{
    AssignExpr, AssignPat, AssignTarget, AssignTargetPat, BinExpr, BinaryOp, CallExpr, Callee,
    Class, ClassDecl, CondExpr, Decorator, ExportNamedSpecifier, Expr, ExprStmt, FnDecl, Function,
    Ident, IfStmt, JSXAttr, JSXAttrName, JSXAttrValue, JSXExpr, MemberExpr, MemberProp,
    ModuleExportName, ModuleItem, ObjectPat, ObjectPatProp, OptChainBase, Pat, Program, Prop,
    PropOrSpread, SimpleAssignTarget, Stmt, Str, ThisExpr, Tpl, TsEntityName, TsImportEqualsDecl,
    TsInterfaceDecl, TsModuleDecl, TsModuleRef, TsType, TsTypeAliasDecl, UnaryExpr, UnaryOp,
    UpdateExpr, VarDecl, VarDeclarator,
};
use swc_ecma_visit::{Visit, VisitWith};

pub use bindings::BindingKind;
pub use certainty::Obscured;
pub use guard::Env;
pub use imports::Imports;
pub use site::{Api, DynamicAccess, Found, FrameworkForm, FrameworkSite, Key, Site, SiteKind};
pub use survey::survey;

use crate::parse::{offset_of, range_of, trailing_identifier_len};
use crate::project::Framework;
use bindings::{prop_name, unparen, Bindings};
use certainty::Statement;
use guard::property_name;

/// Judges every use in `program`. Resolving its scopes, when that is needed, changes the
/// syntax contexts of its names.
///
/// `project_check` is a project's own WeCom check (`--guard-expr`) as the code generator prints
/// it; an expression printing the same way counts as that check.
///
/// `inventory` also lists every `wx.*` member the file reads, for the readiness report.
pub fn find(
    program: &mut Program,
    source: &str,
    typescript: bool,
    project_check: Option<&str>,
    inventory: bool,
) -> Found {
    let bindings = Bindings::of(program, typescript, project_check);
    let mut finder = Finder {
        bindings: &bindings,
        source: source.as_bytes(),
        env: None,
        open_statement_starts: HashSet::new(),
        decorators: HashMap::new(),
        promise_calls: HashSet::new(),
        statement_calls: HashSet::new(),
        callback_calls: HashSet::new(),
        unused_calls: HashSet::new(),
        own_this_calls: HashSet::new(),
        detected: Vec::new(),
        probes: HashSet::new(),
        inventory,
        found: Found::default(),
    };
    program.visit_with(&mut finder);
    let mut found = finder.found;
    found.escapes = escape::escapes(program, &bindings);
    found.sites.sort_by_key(|site| site.range.start);
    let needs_module = found.sites.iter().any(|site| match &site.kind {
        SiteKind::Framework(_) => site.api.has_wecom_twin(),
        SiteKind::Read { promise_style, .. } => *promise_style,
        _ => false,
    });
    if needs_module {
        found.imports = Some(imports::of(program, source, bindings.wxwork_taken));
    }
    found.dynamic.sort_by_key(|access| access.range.start);
    found
}

struct Finder<'a> {
    bindings: &'a Bindings,
    source: &'a [u8],
    /// The runtime the code being visited is restricted to by an enclosing check.
    env: Option<Env>,
    /// Starts of expression statements that follow a statement left open (see
    /// [`SiteKind::Read::after_open_statement`]).
    open_statement_starts: HashSet<BytePos>,
    /// Start and end offset of every decorator's expression.
    decorators: HashMap<BytePos, usize>,
    /// Starts of callee member expressions of callback-less calls whose Promise is used.
    promise_calls: HashSet<BytePos>,
    /// Starts of callee member expressions of calls that pass callbacks in an object literal.
    callback_calls: HashSet<BytePos>,
    /// Starts of callee member expressions of calls passing a callback that reads the `this`
    /// the API calls it with.
    own_this_calls: HashSet<BytePos>,
    /// Starts of callee member expressions of calls whose value nothing uses.
    unused_calls: HashSet<BytePos>,
    /// Spans of calls that are a whole expression statement: nothing uses their value. The
    /// end tells `wx.login().then(f)` from the `wx.login()` it starts with.
    statement_calls: HashSet<(BytePos, BytePos)>,
    /// APIs an enclosing feature detection has found present, for the code being visited.
    detected: Vec<Api>,
    /// Starts of member expressions that only ask whether an API exists.
    probes: HashSet<BytePos>,
    inventory: bool,
    found: Found,
}

/// The name a member expression reads from, seen through parentheses and TypeScript casts.
fn object_ident(obj: &Expr) -> Option<&Ident> {
    match unwrap_expr(obj) {
        Expr::Ident(ident) => Some(ident),
        _ => None,
    }
}

/// `Some(true)` for the global `wx.qy`, `Some(false)` for the global `wx`.
fn wx_or_qy(expr: &Expr, bindings: &Bindings) -> Option<bool> {
    match unwrap_expr(expr) {
        Expr::Member(member) if property_name(&member.prop) == Some("qy") => {
            let obj = object_ident(&member.obj)?;
            bindings.is_global_wx(obj).then_some(true)
        }
        Expr::Ident(ident) => bindings.is_global_wx(ident).then_some(false),
        _ => None,
    }
}

/// An expression seen through parentheses and TypeScript casts, which do not change its value.
fn unwrap_expr(expr: &Expr) -> &Expr {
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

/// Frameworks whose `X.login` compiles to `wx.login` at build time.
pub(crate) const FRAMEWORKS: [&str; 3] = ["Taro", "uni", "wepy"];

/// WeChat's code exchange endpoint, which rejects codes from `wx.qy.login`.
const CODE_EXCHANGE: &str = "sns/jscode2session";

impl Finder<'_> {
    /// The API a member expression on the global `wx` reaches, if any.
    fn global_api(&self, member: &MemberExpr) -> Option<Api> {
        let api = Api::from_name(property_name(&member.prop)?)?;
        let obj = object_ident(&member.obj)?;
        self.bindings.is_global_wx(obj).then_some(api)
    }

    fn push(&mut self, api: Api, range: Range<usize>, kind: SiteKind) {
        self.found.sites.push(Site { api, range, kind });
    }

    /// Records a write to the global `wx`'s API; `false` when `target` is something else.
    fn record_write(&mut self, target: &Expr) -> bool {
        written_member(target).is_some_and(|member| self.record_member_write(member))
    }

    fn record_member_write(&mut self, member: &MemberExpr) -> bool {
        let Some(api) = self.global_api(member) else {
            // `Taro.login = ...` replaces the framework's function: nothing to pick.
            let framework_api = object_ident(&member.obj)
                .is_some_and(|obj| self.bindings.framework(obj).is_some())
                && property_name(&member.prop)
                    .and_then(Api::from_name)
                    .is_some();
            return framework_api;
        };
        self.push(api, range_of(member.span), SiteKind::Write);
        true
    }

    /// The API a member expression reaches on an object that is already `wx.qy` in WeCom:
    /// `wx.qy.login`, or `(<check> ? wx.qy : wx).login` as the tool writes it.
    fn guarded_api(&self, member: &MemberExpr) -> Option<Api> {
        let api = Api::from_name(property_name(&member.prop)?)?;
        let picks_qy = match unwrap_expr(&member.obj) {
            Expr::Cond(cond) => {
                let cons = wx_or_qy(&cond.cons, self.bindings)?;
                let alt = wx_or_qy(&cond.alt, self.bindings)?;
                cons || alt
            }
            obj => wx_or_qy(obj, self.bindings)?,
        };
        (picks_qy && api.has_wecom_twin()).then_some(api)
    }

    /// A framework site whose object (or named import) is `object`, reached at `callee`.
    fn framework_site(
        &self,
        framework: Framework,
        object: Range<usize>,
        callee: BytePos,
        form: FrameworkForm,
    ) -> FrameworkSite {
        FrameworkSite {
            framework,
            object,
            env: self.env,
            after_open_statement: self.open_statement_starts.contains(&callee),
            callbacks: self.callback_calls.contains(&callee),
            callbacks_own_this: self.own_this_calls.contains(&callee),
            used: !self.unused_calls.contains(&callee),
            form,
        }
    }

    /// A named import of a framework's API called (`login(...)`), or handed to a call
    /// (`usePromise(checkSession)`).
    fn record_named_imports(&mut self, call: &CallExpr) {
        if let Callee::Expr(callee) = &call.callee {
            if let Expr::Ident(ident) = unwrap_expr(callee) {
                self.record_named_import(ident);
            }
        }
        for arg in &call.args {
            if let Expr::Ident(ident) = unwrap_expr(&arg.expr) {
                self.record_named_import(ident);
            }
        }
    }

    /// A use of `ident`, if it is a named import of a framework's API
    /// (`import { login } from '@tarojs/taro'`).
    fn record_named_import(&mut self, ident: &Ident) {
        self.record_named_import_as(ident, FrameworkForm::Named);
    }

    fn record_named_import_as(&mut self, ident: &Ident, form: FrameworkForm) {
        let Some((framework, api)) = self.bindings.imported_api(ident) else {
            return;
        };
        let Some(token) = self.token_range(ident) else {
            self.found
                .unlocated
                .get_or_insert(range_of(ident.span).start);
            return;
        };
        let site = self.framework_site(framework, token.clone(), ident.span.lo, form);
        self.push(api, token, SiteKind::Framework(site));
    }

    /// `wepy.wx.login`: WePY 2's wrapper of `wx`, reached through the framework's `wx` key.
    fn record_wepy_wx(&mut self, member: &MemberExpr) {
        let Expr::Member(inner) = unwrap_expr(&member.obj) else {
            return;
        };
        let Some(obj) = object_ident(&inner.obj) else {
            return;
        };
        let is_wepy_wx = property_name(&inner.prop) == Some("wx")
            && self.bindings.framework(obj) == Some(Framework::Wepy);
        let api = property_name(&member.prop).and_then(Api::from_name);
        let (true, Some(api)) = (is_wepy_wx, api) else {
            return;
        };
        if !api.has_wecom_twin() && api != Api::GetUserInfo {
            return;
        }
        let Some(token) = self.token_range(obj) else {
            self.found
                .unlocated
                .get_or_insert(range_of(member.span).start);
            return;
        };
        let object = token.start..offset_of(inner.span.hi);
        let mut site = self.framework_site(
            Framework::Wepy,
            object,
            member.span.lo,
            FrameworkForm::Member,
        );
        site.after_open_statement = self.open_statement_starts.contains(&obj.span.lo);
        let range = token.start..offset_of(member.span.hi);
        self.push(api, range, SiteKind::Framework(site));
    }

    /// The byte range of the `wx` token. swc starts the span of a token that follows an
    /// HTML-like comment (`<!--`, `-->`) at the comment, so the text is checked rather than
    /// trusted; `None` when it cannot be confirmed.
    fn token_range(&self, ident: &Ident) -> Option<Range<usize>> {
        let range = range_of(ident.span);
        let text = self.source.get(range.clone())?;
        let len = trailing_identifier_len(text, &ident.sym)?;
        Some(range.end - len..range.end)
    }

    fn record_destructure(&mut self, pattern: &ObjectPat, source: &Expr) {
        let Expr::Ident(source) = source else { return };
        // From an alias of the global (`const api = wx`) the functions are as unguardable, and
        // so are a framework's (`const { login } = uni`).
        if !(self.bindings.is_global_wx(source)
            || self.bindings.is_wx_alias(&source.to_id())
            || self.bindings.framework(source).is_some())
        {
            return;
        }
        let kind = if self.bindings.framework(source).is_some() {
            SiteKind::FrameworkDestructure
        } else {
            SiteKind::Destructure
        };
        for prop in &pattern.props {
            let key = match prop {
                ObjectPatProp::KeyValue(kv) => prop_name(&kv.key),
                ObjectPatProp::Assign(assign) => Some(&*assign.key.sym),
                ObjectPatProp::Rest(_) => None,
            };
            if let Some(api) = key.and_then(Api::from_name) {
                self.push(api, range_of(prop.span()), kind.clone());
            }
        }
    }

    /// Whether `call` may call a `login` or `checkSession`, the only calls whose shape (callbacks,
    /// a value used) the plan needs: `<object>.login(...)` or a named import of one. Most calls
    /// are neither, and are not recorded.
    fn calls_login(&self, call: &CallExpr) -> bool {
        let Callee::Expr(callee) = &call.callee else {
            return false;
        };
        match unparen(callee) {
            Expr::Member(member) => {
                matches!(property_name(&member.prop), Some("login" | "checkSession"))
            }
            Expr::Ident(ident) => self
                .bindings
                .imported_api(ident)
                .is_some_and(|(_, api)| api.has_wecom_twin()),
            _ => false,
        }
    }

    /// Records the calls whose value `expr`, a statement's, drops: `f()`, `a ? f() : g()`,
    /// `ok && f()`, `(f(), g())`, `void f()`.
    fn note_unused_calls(&mut self, expr: &Expr) {
        match unparen(expr) {
            Expr::Call(call) if self.calls_login(call) => {
                self.statement_calls.insert((call.span.lo, call.span.hi));
            }
            Expr::Cond(cond) => {
                self.note_unused_calls(&cond.cons);
                self.note_unused_calls(&cond.alt);
            }
            Expr::Bin(bin)
                if matches!(
                    bin.op,
                    BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::NullishCoalescing
                ) =>
            {
                self.note_unused_calls(&bin.right);
            }
            Expr::Seq(seq) => seq.exprs.iter().for_each(|e| self.note_unused_calls(e)),
            Expr::Unary(unary) if unary.op == UnaryOp::Void => self.note_unused_calls(&unary.arg),
            _ => {}
        }
    }

    /// Records what a call of a member tells: whether it passes callbacks (`success`, `fail`,
    /// `complete`) in an object literal, and whether its value is `used`. A call whose value is
    /// used and that surely passes none relies on the Promise.
    fn note_call(&mut self, call: &CallExpr, used: bool) {
        let Callee::Expr(callee) = &call.callee else {
            return;
        };
        // A member (`wx.login`) or a named import of a framework's API (`login`).
        if !self.calls_login(call) {
            return;
        }
        let callee = match unparen(callee) {
            Expr::Member(member) => member.span.lo,
            Expr::Ident(ident) => ident.span.lo,
            _ => return,
        };
        let mut literal_callbacks = false;
        let mut own_this = false;
        let objects = call.args.iter().filter_map(|arg| match &*arg.expr {
            Expr::Object(object) => Some(object),
            _ => None,
        });
        for prop in objects.flat_map(|object| &object.props) {
            // Whether the callback reads the `this` the API calls it with; unknown counts.
            let (key, reads_this) = match prop {
                PropOrSpread::Prop(prop) => match &**prop {
                    Prop::KeyValue(kv) => (
                        prop_name(&kv.key),
                        match unparen(&kv.value) {
                            Expr::Arrow(_) => false,
                            Expr::Fn(function) => reads_this(&function.function),
                            _ => true,
                        },
                    ),
                    Prop::Method(method) => (prop_name(&method.key), reads_this(&method.function)),
                    Prop::Shorthand(ident) => (Some(&*ident.sym), true),
                    _ => (None, false),
                },
                PropOrSpread::Spread(_) => (Some("success"), true),
            };
            if matches!(key, Some("success" | "fail" | "complete")) {
                literal_callbacks = true;
                own_this |= reads_this;
            }
        }
        // An options object built elsewhere may hold callbacks.
        let unknown = call
            .args
            .iter()
            .any(|arg| !matches!(&*arg.expr, Expr::Object(_)));
        if literal_callbacks {
            self.callback_calls.insert(callee);
        }
        if own_this {
            self.own_this_calls.insert(callee);
        }
        if !used {
            self.unused_calls.insert(callee);
        } else if !literal_callbacks && !unknown {
            self.promise_calls.insert(callee);
        }
    }
}

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
                if guard::static_string(expr) == Some("getUserInfo") {
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

/// Whether `function` reads its own `this` (in its body or its arrow functions, not in the
/// functions it declares, which have their own).
fn reads_this(function: &Function) -> bool {
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
fn written_member(expr: &Expr) -> Option<&MemberExpr> {
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
