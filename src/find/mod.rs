//! Finds every place in a parsed file where the WeChat-only APIs are reached, and says what
//! each one is: a read of the global `wx` to rewrite or flag, or a use to leave alone and why.
//!
//! Judging happens here; turning judgements into text edits is [`crate::plan`]'s job.

mod bindings;
mod certainty;
mod collect;
mod detect;
mod escape;
mod finder;
mod flow;
mod guard;
mod imports;
mod missing;
mod site;
mod specifier;
mod survey;
mod syntax;
mod walk;

use swc_ecma_ast::Program;
use swc_ecma_visit::VisitWith;

pub use certainty::Obscured;
pub use guard::Env;
pub use imports::Imports;
pub use site::{
    Api, BindingKind, DynamicAccess, Found, FrameworkForm, FrameworkSite, Key, Site, SiteKind,
};
pub use survey::survey;

use bindings::Bindings;
use finder::Finder;

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
    let mut finder = Finder::new(&bindings, source, inventory);
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
