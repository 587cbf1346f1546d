//! Defects the fuzz targets found (scripts/fuzz.sh), each pinned by the smallest input that
//! shows it.

mod common;

use wxwork_migrate::language::Language;
use wxwork_migrate::migrate::{migrate, Failure};
use wxwork_migrate::plan::Guard;

/// Found by the `component` target in a uni-app `<script>` block. swc's parser accepts
/// decorators before a statement that is not a class and drops them, so the input "parses";
/// the guard put after the decorator's expression then continues it as a call, the rewritten
/// text does not parse, and the tool reported a WX903 bug ("please report this") where node and
/// babel see a plain syntax error. `parse` now reports that error itself (a WX901); the file is
/// left untouched either way.
#[test]
fn a_decorator_before_a_statement_is_a_syntax_error_not_wx903() {
    let text = "function f() {\n  @ wx.loginN\n  wx.login({})\n}\n";
    match migrate(text, Language::JavaScript, &Guard::standard()) {
        Err(Failure::Syntax(_)) => {}
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

/// Found by the `migrate` target. A top-level `await` makes the input a module, but the output
/// `l = await (guard).login()` also reads as a script, and swc reads it so: there `await` is a
/// function called with the guard, not an `await` of it. `parse` now takes the module reading
/// of a top-level call of `await` whenever the text parses as a module, so the tool reads its
/// output as it read its input.
#[test]
fn a_top_level_await_before_a_site_keeps_the_output_a_module() {
    let text = "l = await wx.login()\n";
    let migration = migrate(text, Language::JavaScript, &Guard::standard()).unwrap();
    common::check_migration(text, Language::JavaScript, &migration).unwrap();
}
