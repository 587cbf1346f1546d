//! The finder's state and what it records: a site, a write, a framework's call, the shape of
//! a call of `login`. The walk that calls these is in `walk`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use swc_common::{BytePos, Spanned};
use swc_ecma_ast::{
    BinaryOp, CallExpr, Callee, Expr, Ident, MemberExpr, ObjectPat, ObjectPatProp, Prop,
    PropOrSpread, UnaryOp,
};

use super::bindings::{wx_or_qy, Bindings};
use super::guard::Env;
use super::site::{Api, Found, FrameworkForm, FrameworkSite, Site, SiteKind};
use super::syntax::{
    object_ident, prop_name, property_name, reads_this, unparen, unwrap_expr, written_member,
};
use crate::parse::{offset_of, range_of, trailing_identifier_len};
use crate::project::Framework;

/// The walk's state: what it has found, and what it knows of the code around the node it is at.
pub(super) struct Finder<'a> {
    pub(super) bindings: &'a Bindings,
    pub(super) source: &'a [u8],
    /// The runtime the code being visited is restricted to by an enclosing check.
    pub(super) env: Option<Env>,
    /// Starts of expression statements that follow a statement left open (see
    /// [`SiteKind::Read::after_open_statement`]).
    pub(super) open_statement_starts: HashSet<BytePos>,
    /// Start and end offset of every decorator's expression.
    pub(super) decorators: HashMap<BytePos, usize>,
    /// Starts of callee member expressions of callback-less calls whose Promise is used.
    pub(super) promise_calls: HashSet<BytePos>,
    /// Starts of callee member expressions of calls that pass callbacks in an object literal.
    pub(super) callback_calls: HashSet<BytePos>,
    /// Starts of callee member expressions of calls passing a callback that reads the `this`
    /// the API calls it with.
    pub(super) own_this_calls: HashSet<BytePos>,
    /// Starts of callee member expressions of calls whose value nothing uses.
    pub(super) unused_calls: HashSet<BytePos>,
    /// Spans of calls that are a whole expression statement: nothing uses their value. The
    /// end tells `wx.login().then(f)` from the `wx.login()` it starts with.
    pub(super) statement_calls: HashSet<(BytePos, BytePos)>,
    /// APIs an enclosing feature detection has found present, for the code being visited.
    pub(super) detected: Vec<Api>,
    /// Starts of member expressions that only ask whether an API exists.
    pub(super) probes: HashSet<BytePos>,
    pub(super) inventory: bool,
    pub(super) found: Found,
}

impl<'a> Finder<'a> {
    pub(super) fn new(bindings: &'a Bindings, source: &'a str, inventory: bool) -> Finder<'a> {
        Finder {
            bindings,
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
        }
    }
}

impl Finder<'_> {
    /// The API a member expression on the global `wx` reaches, if any.
    pub(super) fn global_api(&self, member: &MemberExpr) -> Option<Api> {
        let api = Api::from_name(property_name(&member.prop)?)?;
        let obj = object_ident(&member.obj)?;
        self.bindings.is_global_wx(obj).then_some(api)
    }

    pub(super) fn push(&mut self, api: Api, range: Range<usize>, kind: SiteKind) {
        self.found.sites.push(Site { api, range, kind });
    }

    /// Records a write to the global `wx`'s API; `false` when `target` is something else.
    pub(super) fn record_write(&mut self, target: &Expr) -> bool {
        written_member(target).is_some_and(|member| self.record_member_write(member))
    }

    pub(super) fn record_member_write(&mut self, member: &MemberExpr) -> bool {
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
    pub(super) fn guarded_api(&self, member: &MemberExpr) -> Option<Api> {
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
    pub(super) fn framework_site(
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
    pub(super) fn record_named_imports(&mut self, call: &CallExpr) {
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
    pub(super) fn record_named_import(&mut self, ident: &Ident) {
        self.record_named_import_as(ident, FrameworkForm::Named);
    }

    pub(super) fn record_named_import_as(&mut self, ident: &Ident, form: FrameworkForm) {
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
    pub(super) fn record_wepy_wx(&mut self, member: &MemberExpr) {
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
    pub(super) fn token_range(&self, ident: &Ident) -> Option<Range<usize>> {
        let range = range_of(ident.span);
        let text = self.source.get(range.clone())?;
        let len = trailing_identifier_len(text, &ident.sym)?;
        Some(range.end - len..range.end)
    }

    pub(super) fn record_destructure(&mut self, pattern: &ObjectPat, source: &Expr) {
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
    pub(super) fn calls_login(&self, call: &CallExpr) -> bool {
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
    pub(super) fn note_unused_calls(&mut self, expr: &Expr) {
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
    pub(super) fn note_call(&mut self, call: &CallExpr, used: bool) {
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
