//! What a first pass over a file learns what its names mean before the sites are judged:
//! which `wx` bindings are local, which are ambient declarations of the global, which variables
//! hold a WeCom check or the `environment` field, and which alias the global `wx`.

use std::collections::{HashMap, HashSet};

use swc_common::SyntaxContext;
use swc_ecma_ast::{Expr, Id, Ident};

use super::certainty::{Initialised, Obscured, Obscurities};
use super::guard::{CheckVar, Scope};
use super::site::{Api, BindingKind};
use super::syntax::{object_ident, property_name, unwrap_expr};
use crate::project::Framework;

/// What the first pass learnt; identities are the resolver's, so shadowing is already accounted
/// for.
#[derive(Default)]
pub struct Bindings {
    pub(super) unresolved: SyntaxContext,
    /// `declare const wx` and friends: TypeScript's way of naming the global, not a new binding.
    pub(super) ambient_wx: HashSet<Id>,
    pub(super) local_wx: HashMap<Id, BindingKind>,
    /// Variables holding a check, with where their initialiser has certainly run: anywhere
    /// else they read `undefined` (a hoisted `var`) or throw, and are not the check.
    pub(super) check_vars: HashMap<Id, (CheckVar, Initialised)>,
    /// Variables holding `<expr>.environment`, with where they are initialised.
    pub(super) environment_vars: HashMap<Id, Initialised>,
    pub(super) wx_aliases: HashSet<Id>,
    /// Variables assigned after their declaration: their initial value proves nothing later.
    pub(super) reassigned: HashSet<Id>,
    /// The project's own WeCom check (`--guard-expr`), as the code generator prints it.
    pub(super) project_check: Option<String>,
    /// A TypeScript enum, namespace or type named `wx`: which uses it covers is the resolver's
    /// call.
    pub(super) declares_wx: bool,
    /// `Taro`, `uni`, `wepy` declared by the file itself (a parameter, a local object), not
    /// imported or required: not the framework.
    pub(super) local_frameworks: HashSet<Id>,
    /// Names an import or `require` of a framework's package binds to its API object, whatever
    /// they are (`import T from '@tarojs/taro'`, `import mpx from '@mpxjs/core'`).
    pub(super) imported_frameworks: HashMap<Id, Framework>,
    /// Names a named import of a framework's package binds to one of the APIs
    /// (`import { login as taroLogin } from '@tarojs/taro'`).
    pub(super) imported_apis: HashMap<Id, (Framework, Api)>,
    /// Names bound to the WeCom module the tool adds (`import * as wxwork from './wxwork'`).
    pub(super) wecom_modules: HashSet<Id>,
    /// The file binds `wxwork` to something other than the WeCom module: an import of the
    /// module needs another name.
    pub wxwork_taken: bool,
    pub(super) obscurities: Obscurities,
}

impl Bindings {
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

    /// Whether a use of a never-reassigned variable certainly reads its initial value: its
    /// initialiser has run, no `with` may read it from an object, no `eval` may change it.
    fn holds_initial_value(&self, ident: &Ident, initialised: &Initialised) -> bool {
        initialised.covers(ident.span.lo)
            && !self.obscurities.has_eval()
            && self.obscurities.at(ident.span.lo).is_none()
    }

    /// Why `ident`, a global `wx` by its scopes, may be another object at run time, if it may.
    pub fn obscured_global_wx(&self, ident: &Ident) -> Option<Obscured> {
        if self.is_global_wx(ident) {
            self.obscurities.at(ident.span.lo)
        } else {
            None
        }
    }

    pub fn is_wx_alias(&self, id: &Id) -> bool {
        self.wx_aliases.contains(id)
    }

    /// The framework `ident` names, unless the file declares that name itself.
    pub fn framework(&self, ident: &Ident) -> Option<Framework> {
        let id = ident.to_id();
        if let Some(framework) = self.imported_frameworks.get(&id) {
            return Some(*framework);
        }
        let framework = match &*ident.sym {
            "Taro" => Framework::Taro,
            "uni" => Framework::UniApp,
            "wepy" => Framework::Wepy,
            _ => return None,
        };
        (!self.local_frameworks.contains(&id)).then_some(framework)
    }

    /// Whether the file imports a framework's API by name.
    #[inline]
    pub fn imports_apis(&self) -> bool {
        !self.imported_apis.is_empty()
    }

    /// The framework and API a named import `ident` is.
    #[inline]
    pub fn imported_api(&self, ident: &Ident) -> Option<(Framework, Api)> {
        if !self.imports_apis() {
            return None;
        }
        self.imported_apis.get(&ident.to_id()).copied()
    }
}

impl Scope for Bindings {
    /// The check `ident` holds at this use, if it is a variable that was initialised from one
    /// that has certainly run by this point and is never reassigned.
    #[inline]
    fn check_var(&self, ident: &Ident) -> Option<CheckVar> {
        let (var, initialised) = self.check_vars.get(&ident.to_id())?;
        self.holds_initial_value(ident, initialised).then_some(*var)
    }

    #[inline]
    fn is_environment_var(&self, ident: &Ident) -> bool {
        self.environment_vars
            .get(&ident.to_id())
            .is_some_and(|initialised| self.holds_initial_value(ident, initialised))
    }

    /// Whether `expr` is the project's own WeCom check.
    #[inline]
    fn is_project_check(&self, expr: &Expr) -> bool {
        self.project_check
            .as_deref()
            .is_some_and(|check| swc_ecma_codegen::to_code(expr) == check)
    }

    /// Whether `ident` names the WeCom module the tool adds.
    #[inline]
    fn is_wecom_module(&self, ident: &Ident) -> bool {
        self.wecom_modules.contains(&ident.to_id())
    }
}

/// `Some(true)` for the global `wx.qy`, `Some(false)` for the global `wx`.
pub fn wx_or_qy(expr: &Expr, bindings: &Bindings) -> Option<bool> {
    match unwrap_expr(expr) {
        Expr::Member(member) if property_name(&member.prop) == Some("qy") => {
            let obj = object_ident(&member.obj)?;
            bindings.is_global_wx(obj).then_some(true)
        }
        Expr::Ident(ident) => bindings.is_global_wx(ident).then_some(false),
        _ => None,
    }
}
