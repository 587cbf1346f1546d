//! Defects the fuzz targets found (scripts/fuzz.sh), each pinned by the smallest input that
//! shows it.

mod common;

use wxwork_migrate::migrate::{migrate, Failure};
use wxwork_migrate::parse::Language;
use wxwork_migrate::plan::Guard;

/// Found by the `component` target in a uni-app `<script>` block. swc's parser accepts
/// decorators before a statement that is not a class and drops them, so the input "parses";
/// the guard put after the decorator's expression then continues it as a call, the rewritten
/// text does not parse, and the tool reports a WX903 bug ("please report this") where node and
/// babel see a plain syntax error. The file is left untouched either way.
#[test]
#[ignore = "open: src/parse.rs takes swc's word that a decorator before a non-class statement parses"]
fn a_decorator_before_a_statement_is_a_syntax_error_not_wx903() {
    let text = "function f() {\n  @ wx.loginN\n  wx.login({})\n}\n";
    match migrate(text, Language::JavaScript, &Guard::standard()) {
        Err(Failure::Syntax(_)) => {}
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

/// Found by the `migrate` target. A top-level `await` makes the input a module, but the output
/// `l = await (guard).login()` also reads as a script, and `parse` reads it so: there `await` is
/// a function called with the guard, not an `await` of it. WeChat runs such a file as a
/// script, where the input was already a syntax error; the tool's verdict on the input and on
/// its own output still disagree.
#[test]
#[ignore = "open: the output's syntax tree makes the guard an argument of a call of `await`"]
fn a_top_level_await_before_a_site_keeps_the_output_a_module() {
    let text = "l = await wx.login()\n";
    let migration = migrate(text, Language::JavaScript, &Guard::standard()).unwrap();
    common::check_migration(text, Language::JavaScript, &migration).unwrap();
}
