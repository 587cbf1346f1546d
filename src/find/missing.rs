//! The finder's part for the APIs some WeCom client lacks: which reads only probe for one or run
//! where a check found it, where a read names its property (for the `WX103` rewrite), and the
//! inventory of every API a file uses (`--readiness`).

use swc_common::Spanned;
use swc_ecma_ast::{Expr, Ident, MemberExpr, MemberProp};

use super::detect;
use super::finder::Finder;
use super::site::{Api, Key};
use super::syntax::{static_string, unwrap_expr};
use crate::compat::{self, Use};
use crate::parse::range_of;

impl Finder<'_> {
    /// Lists `wx.name` (or a framework's wrapper of a `wx.*` API the tables name) as used.
    pub(super) fn note_use(&mut self, obj: &Ident, name: &str) {
        let used = if self.bindings.is_global_wx(obj) {
            match compat::api(name) {
                Some(row) => Use::listed(row),
                None if name == "qy" => return,
                None => Use::unlisted(name),
            }
        } else if self.bindings.framework(obj).is_some() {
            match compat::api(name) {
                Some(row) => Use::listed(row),
                None => return,
            }
        } else {
            return;
        };
        self.found.uses.push(used);
    }

    /// Whether `member`, reading `api`, needs no report: WeCom lacks the API, and the read only
    /// asks whether it exists, or runs where a check found it, or where a check found an API
    /// that no WeCom client has (so never in WeCom).
    pub(super) fn detected_or_probed(&self, api: Api, member: &MemberExpr) -> bool {
        matches!(api, Api::Missing(_))
            && (self.probes.contains(&member.span.lo)
                || self.detected.contains(&api)
                || self
                    .detected
                    .iter()
                    .any(|&found| detect::absent_from_wecom(found)))
    }

    /// Marks the reads in a branch's test that only ask whether an API exists.
    pub(super) fn note_probes(&mut self, test: &Expr) {
        for truthy in [true, false] {
            let mut probes = Vec::new();
            detect::detected_when(test, truthy, self.bindings, &mut probes);
            self.probes
                .extend(probes.into_iter().filter_map(|probe| probe.read));
        }
    }

    /// Where `member` names its property, when the text around the name is plain enough to
    /// replace: `.name`, `?.name` or `[<key>]`, with nothing but white space around the dot.
    pub(super) fn key(&self, member: &MemberExpr, object_end: usize) -> Option<Key> {
        match &member.prop {
            MemberProp::Ident(name) => {
                let name = range_of(name.span);
                let between = std::str::from_utf8(self.source.get(object_end..name.start)?).ok()?;
                let dot = match between.trim() {
                    "." => Some(object_end + between.find('.')?),
                    "?." => None,
                    _ => return None,
                };
                Some(Key {
                    name,
                    dot,
                    bracketed: false,
                })
            }
            MemberProp::Computed(computed) => Some(Key {
                name: range_of(computed.expr.span()),
                dot: None,
                bracketed: true,
            }),
            MemberProp::PrivateName(_) => None,
        }
    }
}

/// `c ? "a" : "b"`: a key that is one of two names known without running the code, as the
/// `WX103` rewrite writes it.
pub(super) fn is_choice_of_names(expr: &Expr) -> bool {
    match unwrap_expr(expr) {
        Expr::Cond(cond) => {
            static_string(unwrap_expr(&cond.cons)).is_some()
                && static_string(unwrap_expr(&cond.alt)).is_some()
        }
        _ => false,
    }
}
