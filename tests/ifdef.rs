//! uni-app's conditional compilation, through the command line on a uni-app project: the Vue
//! version comes from its `manifest.json`, the rewrite lands only in code the WeChat build
//! keeps, everything else stays byte for byte, and the result, read the WeChat way again,
//! parses.

mod common;

use std::fs;
use std::path::Path;

use common::run::{err, run, run_zh};
use wxwork_migrate::ifdef::weixin_view;
use wxwork_migrate::language::Language;
use wxwork_migrate::manifest::VueVersion;
use wxwork_migrate::parse::parse;

const GUARD: &str = r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)"#;

const STORE: &str =
    "// #ifndef VUE3\nimport Vue from 'vue'\nimport Vuex from 'vuex'\nVue.use(Vuex)\n\
const store = new Vuex.Store({\n// #endif\n// #ifdef VUE3\nimport { createStore } from 'vuex'\n\
const store = createStore({\n// #endif\n\tactions: {\n\t\topenid() {\n\t\t\t// #ifdef VUE3\n\
\t\t\twx.login({ success: onVue3 })\n\t\t\t// #endif\n\t\t\t// #ifdef VUE2\n\
\t\t\twx.login({ success: onVue2 })\n\t\t\t// #endif\n\t\t\t// #ifdef APP-PLUS\n\
\t\t\twx.login({ success: onApp })\n\t\t\t// #endif\n\t\t}\n\t}\n})\nexport default store\n";

/// A uni-app project as HBuilderX lays it out, its `manifest.json` with comments.
fn project(vue_version: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    let version = vue_version.map_or(String::new(), |v| {
        format!(",\n    \"vueVersion\" : \"{v}\"")
    });
    let manifest = format!(
        "{{\n    \"name\" : \"demo\",\n    /* 小程序特有相关 */\n    \"mp-weixin\" : {{ \"appid\" : \"\" }}{version}\n}}\n"
    );
    fs::write(root.join("manifest.json"), manifest).unwrap();
    fs::create_dir(root.join("store")).unwrap();
    fs::write(root.join("store/index.js"), STORE).unwrap();
    dir
}

/// The store with the login that `callback`'s block holds rewritten, and nothing else changed.
fn migrated_store(callback: &str) -> String {
    let call = format!("wx.login({{ success: {callback} }})");
    STORE.replacen(
        &call,
        &format!("{GUARD}.login({{ success: {callback} }})"),
        1,
    )
}

fn parses_the_weixin_way(path: &Path, text: &str, vue: VueVersion) {
    let view = weixin_view(path, text, vue).unwrap().unwrap();
    parse(view.text(), Language::JavaScript).unwrap();
}

#[test]
fn the_manifests_vue_version_picks_the_branch_that_is_migrated() {
    for (version, vue, callback) in [
        (Some("3"), VueVersion::Vue3, "onVue3"),
        (None, VueVersion::Vue2, "onVue2"),
    ] {
        let dir = project(version);
        let output = run(dir.path(), &["--write"]);
        assert_eq!(output.status.code(), Some(0), "{}", err(&output));
        let store = dir.path().join("store/index.js");
        let written = fs::read_to_string(&store).unwrap();
        assert_eq!(written, migrated_store(callback), "{version:?}");
        parses_the_weixin_way(&store, &written, vue);
        // Read as written, both branches declare `store`.
        assert!(parse(&written, Language::JavaScript).is_err());
    }
}

#[test]
fn a_vite_project_builds_with_vue3_without_saying_so_in_its_manifest() {
    let dir = project(None);
    let root = dir.path();
    fs::create_dir(root.join("src")).unwrap();
    fs::rename(root.join("manifest.json"), root.join("src/manifest.json")).unwrap();
    fs::rename(root.join("store"), root.join("src/store")).unwrap();
    let package =
        r#"{ "devDependencies": { "@dcloudio/vite-plugin-uni": "3.0.0-4020420240722002" } }"#;
    fs::write(root.join("package.json"), package).unwrap();
    let output = run(root, &["--write", "src"]);
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let written = fs::read_to_string(root.join("src/store/index.js")).unwrap();
    assert_eq!(written, migrated_store("onVue3"));
}

/// A file that parses neither as written nor per platform; one that parses as written is read
/// as written (a build script's text, which uni-app never reads).
#[test]
fn unbalanced_directives_are_an_error_naming_the_place_and_leave_the_file_untouched() {
    let dir = project(Some("3"));
    let text = "// #ifdef MP-WEIXIN\nwx.login({ success() {\n\n  // #ifdef H5\nlocation.reload({\n// #endif\n} })\n";
    let page = dir.path().join("pages/index.js");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(&page, text).unwrap();
    let output = run(dir.path(), &["--write", "pages"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        err(&output).contains(
            "pages/index.js:1:1: error: WX906 uni-app conditional compilation does not pair up: \
             `// #ifdef MP-WEIXIN` has no #endif"
        ),
        "{}",
        err(&output)
    );
    assert_eq!(fs::read_to_string(&page).unwrap(), text);
    let zh = run_zh(dir.path(), &["--check", "pages"]);
    assert!(
        err(&zh).contains("pages/index.js:1:1: 错误: WX906 uni-app 条件编译没有配对"),
        "{}",
        err(&zh)
    );
}

#[test]
fn the_explain_page_names_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["explain", "WX906"]);
    assert_eq!(output.status.code(), Some(0));
    let page = common::run::out(&output);
    assert!(
        page.contains("WX906") && page.contains("// #ifdef MP-WEIXIN"),
        "{page}"
    );
}
