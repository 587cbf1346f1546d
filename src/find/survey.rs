//! A first walk over a parsed file, before anything costly: whether it nests deeper than the
//! recursive passes after it can take, and whether it holds anything the finder could report.
//! One walk answers both; each alone costs a tenth of the parse.

use swc_ecma_ast::{
    BlockStmt, Expr, Function, ImportDecl, ImportSpecifier, JSXAttr, JSXAttrName, JSXElement,
    JSXFragment, JSXMemberExpr, MemberExpr, MemberProp, ModuleExportName, ObjectPat, ObjectPatProp,
    Pat, Program, Prop, Stmt, Str, Tpl, TsEntityName, TsImportEqualsDecl, TsModuleRef,
    TsNamespaceDecl, TsQualifiedName, TsType,
};
use swc_ecma_visit::{Visit, VisitWith};

use super::site::{Api, CODE_EXCHANGE};
use super::specifier::framework_package;
use super::syntax::{object_ident, prop_name, property_name};
use crate::limits::{TooDeep, MAX_NESTING, MAX_SCOPE_NESTING};

/// `Err` when `program` nests past the limits; otherwise whether it holds anything
/// [`super::find`] could report: a member expression naming one of the APIs, `wx[...]`, a
/// destructuring pattern naming one, or the code exchange endpoint. Most files that merely
/// mention an API (in a comment, a string) hold none, and then scope resolution and the
/// finder's passes are skipped.
pub fn survey(program: &Program) -> Result<bool, TooDeep> {
    let mut survey = Survey::default();
    program.visit_with(&mut survey);
    survey.exceeded.map_or(Ok(survey.found), Err)
}

#[derive(Default)]
struct Survey {
    nesting: usize,
    scopes: usize,
    exceeded: Option<TooDeep>,
    found: bool,
    /// Visiting the object of a member expression (`wx` in `wx.request`), which reads a
    /// property: `wx` anywhere else may be handed on, which the finder reports.
    in_member_object: bool,
}

impl Survey {
    /// Visits `node` one level deeper, never recursing past the limits itself.
    fn nest<N: VisitWith<Self> + ?Sized>(&mut self, node: &N, scope: bool) {
        if self.exceeded.is_some() {
            return;
        }
        self.nesting += 1;
        self.scopes += usize::from(scope);
        if self.nesting > MAX_NESTING {
            self.exceeded = Some(TooDeep::Syntax);
        } else if self.scopes > MAX_SCOPE_NESTING {
            self.exceeded = Some(TooDeep::Scopes);
        } else {
            node.visit_children_with(self);
        }
        self.nesting -= 1;
        self.scopes -= usize::from(scope);
    }
}

impl Visit for Survey {
    fn visit_expr(&mut self, node: &Expr) {
        self.found =
            self.found || !self.in_member_object && matches!(node, Expr::Ident(i) if i.sym == "wx");
        self.nest(node, false);
    }

    fn visit_prop(&mut self, prop: &Prop) {
        self.found = self.found || matches!(prop, Prop::Shorthand(i) if i.sym == "wx");
        prop.visit_children_with(self);
    }

    fn visit_ts_import_equals_decl(&mut self, decl: &TsImportEqualsDecl) {
        self.found = self.found
            || matches!(&decl.module_ref, TsModuleRef::TsEntityName(TsEntityName::TsQualifiedName(name))
                if Api::from_name(&name.right.sym).is_some());
    }

    fn visit_stmt(&mut self, node: &Stmt) {
        self.nest(node, false);
    }

    fn visit_pat(&mut self, node: &Pat) {
        self.nest(node, false);
    }

    fn visit_ts_type(&mut self, node: &TsType) {
        self.nest(node, false);
    }

    fn visit_jsx_element(&mut self, node: &JSXElement) {
        self.nest(node, false);
    }

    // Chains that nest without an expression, statement or type between their links:
    // `<><>...</></>`, `<a.b.c>`, `a.b.c` in a type, `namespace a.b.c`.
    fn visit_jsx_fragment(&mut self, node: &JSXFragment) {
        self.nest(node, false);
    }

    fn visit_jsx_member_expr(&mut self, node: &JSXMemberExpr) {
        self.nest(node, false);
    }

    fn visit_ts_qualified_name(&mut self, node: &TsQualifiedName) {
        self.nest(node, false);
    }

    fn visit_ts_namespace_decl(&mut self, node: &TsNamespaceDecl) {
        self.nest(node, false);
    }

    fn visit_block_stmt(&mut self, node: &BlockStmt) {
        self.nest(node, true);
    }

    fn visit_function(&mut self, node: &Function) {
        self.nest(node, true);
    }

    fn visit_member_expr(&mut self, member: &MemberExpr) {
        self.found = self.found
            || match &member.prop {
                MemberProp::Computed(_) => {
                    object_ident(&member.obj).is_some_and(|ident| ident.sym == "wx")
                        || property_name(&member.prop).is_some_and(|n| Api::from_name(n).is_some())
                }
                prop => property_name(prop).is_some_and(|name| Api::from_name(name).is_some()),
            };
        if object_ident(&member.obj).is_some() {
            let outer = std::mem::replace(&mut self.in_member_object, true);
            member.obj.visit_with(self);
            self.in_member_object = outer;
            member.prop.visit_with(self);
        } else {
            member.visit_children_with(self);
        }
    }

    fn visit_object_pat(&mut self, pattern: &ObjectPat) {
        self.found = self.found
            || pattern.props.iter().any(|prop| match prop {
                ObjectPatProp::KeyValue(kv) => {
                    prop_name(&kv.key).is_some_and(|k| Api::from_name(k).is_some())
                }
                ObjectPatProp::Assign(assign) => Api::from_name(&assign.key.sym).is_some(),
                ObjectPatProp::Rest(_) => false,
            });
        pattern.visit_children_with(self);
    }

    /// `import { login } from '@tarojs/taro'`: the API under a name of the file's own.
    fn visit_import_decl(&mut self, decl: &ImportDecl) {
        let source = decl.src.value.as_str().unwrap_or_default();
        self.found = self.found
            || framework_package(source).is_some()
                && decl.specifiers.iter().any(|specifier| {
                    let ImportSpecifier::Named(named) = specifier else {
                        return false;
                    };
                    let imported = match &named.imported {
                        Some(ModuleExportName::Ident(name)) => &*name.sym,
                        Some(ModuleExportName::Str(_)) => return true,
                        None => &*named.local.sym,
                    };
                    Api::from_name(imported).is_some_and(Api::has_wecom_twin)
                        || imported == "getUserInfo"
                });
    }

    fn visit_jsx_attr(&mut self, attr: &JSXAttr) {
        if let JSXAttrName::Ident(name) = &attr.name {
            self.found = self.found || matches!(&*name.sym, "openType" | "onGetUserInfo");
        }
        attr.visit_children_with(self);
    }

    fn visit_str(&mut self, s: &Str) {
        self.found = self.found || s.value.as_str().is_some_and(|v| v.contains(CODE_EXCHANGE));
    }

    fn visit_tpl(&mut self, tpl: &Tpl) {
        self.found = self.found || tpl.quasis.iter().any(|q| q.raw.contains(CODE_EXCHANGE));
        tpl.visit_children_with(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;
    use crate::parse::parse;

    fn survey_of(text: &str) -> Result<bool, TooDeep> {
        survey(&parse(text, Language::JavaScript).unwrap())
    }

    #[test]
    fn names_in_comments_and_strings_hold_nothing() {
        assert_eq!(survey_of("// wx.login()\nconst s = 'wx.login';"), Ok(false));
        assert_eq!(survey_of("api.login({})"), Ok(true));
        assert_eq!(survey_of("const { checkSession } = api"), Ok(true));
        assert_eq!(survey_of("wx[name]()"), Ok(true));
        assert_eq!(survey_of("(wx)[name]()"), Ok(true));
        assert_eq!(survey_of("get(`https://x/sns/jscode2session`)"), Ok(true));
    }

    #[test]
    fn nesting_past_the_limits_is_refused_after_a_find() {
        // The tree is this deep before the survey refuses it: the worker threads' stack.
        let big_stack = std::thread::Builder::new().stack_size(256 << 20);
        big_stack
            .spawn(|| {
                let deep = format!("wx.login(); {}0{}", "[".repeat(6_000), "]".repeat(6_000));
                assert_eq!(survey_of(&deep), Err(TooDeep::Syntax));
                let scopes = format!("{}wx.login(){}", "{".repeat(600), "}".repeat(600));
                assert_eq!(survey_of(&scopes), Err(TooDeep::Scopes));
                let shallow = format!("{}wx.login(){}", "{".repeat(400), "}".repeat(400));
                assert_eq!(survey_of(&shallow), Ok(true));
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
