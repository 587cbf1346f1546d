use std::path::Path;

use super::condition::{evaluate, Truth};
use super::directive::{blocks, directives, Kind, Syntax, Unbalanced};
use super::*;

const JS: &str = "store/index.js";
const VUE: &str = "pages/index/index.vue";

fn view(path: &str, text: &str, vue: VueVersion) -> String {
    weixin_view(Path::new(path), text, vue)
        .unwrap()
        .expect("the text holds directives")
        .text
}

fn kinds(text: &str, syntax: Syntax) -> Vec<(Kind, String)> {
    directives(text, syntax)
        .map(|d| (d.kind, text[d.condition].to_string()))
        .collect()
}

#[test]
fn directives_are_comments_of_uni_apps_own_patterns() {
    let text = "// #ifdef MP-WEIXIN\n/*#ifndef H5*/\n//#IFDEF APP-PLUS \r\n// #if VUE3\n\
                // #else\n// #ELSE\n/* #endif */\n  // #endif trailing words\n";
    assert_eq!(
        kinds(text, Syntax::Script),
        [
            (Kind::Ifdef, "MP-WEIXIN".into()),
            (Kind::Ifndef, "H5".into()),
            (Kind::Ifdef, "APP-PLUS".into()),
            (Kind::Ifdef, "VUE3".into()),
            (Kind::Else, String::new()),
            (Kind::Endif, String::new()),
            (Kind::Endif, String::new()),
        ]
    );
}

#[test]
fn a_hash_word_outside_a_directive_comment_is_no_directive() {
    for text in [
        "const tag = '#ifdef H5'\n",
        "// see #ifdef H5 in the docs\n",
        "/** #ifdef H5 */\n",
        "// #ifdef\n",
        "// #ifdefined X\n",
        "class A { #ifdef = 1 }\n",
        "color: #endif;\n",
    ] {
        assert_eq!(kinds(text, Syntax::Script), [], "{text}");
    }
    // uni-app's patterns are not anchored to a line's start, nor do they know strings.
    let text = "f() // #ifdef H5\nconst s = '// #endif'\n";
    let found: Vec<Kind> = directives(text, Syntax::Script).map(|d| d.kind).collect();
    assert_eq!(found, [Kind::Ifdef, Kind::Endif]);
}

#[test]
fn what_a_directive_consumes_starts_no_other() {
    let found: Vec<Kind> = directives("// #ifdef H5 // #endif\n", Syntax::Script)
        .map(|d| d.kind)
        .collect();
    assert_eq!(found, [Kind::Ifdef]);
}

#[test]
fn markup_directives_need_their_closer_on_the_line() {
    let text = "<!-- #ifdef MP-WEIXIN -->\n<!--#ifndef H5!>\n<!-- #ifdef H5\n-->\n<! #endif -->\n<!-- #endif -->\n";
    assert_eq!(
        kinds(text, Syntax::Markup),
        [
            (Kind::Ifdef, "MP-WEIXIN".into()),
            (Kind::Ifndef, "H5".into()),
            (Kind::Endif, String::new()),
            (Kind::Endif, String::new()),
        ]
    );
    assert_eq!(kinds("<! #ifdef H5 -->", Syntax::Markup), []);
    // A line of openers without closers, then one: read in one pass, the first opener's
    // condition running to that closer.
    let line = format!("{}-->", "<!-- #ifdef H5 ".repeat(50_000));
    let found = kinds(&line, Syntax::Markup);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.starts_with("H5 <!-- #ifdef H5"));
    assert_eq!(kinds(&"<!-- #ifdef H5 ".repeat(50_000), Syntax::Markup), []);
}

#[test]
fn blocks_nest_and_unbalanced_directives_are_named() {
    let text = "// #ifdef MP\n// #ifndef H5\nx()\n// #endif\n// #endif\n";
    let top = blocks(text, Syntax::Script).unwrap();
    assert_eq!(top.len(), 1);
    assert_eq!(top[0].inner.len(), 1);
    let unclosed = "// #ifdef MP\n// #ifdef H5\n// #endif\n";
    match blocks(unclosed, Syntax::Script) {
        Err(Unbalanced::Unclosed(directive)) => assert_eq!(directive.range.start, 0),
        other => panic!("{other:?}"),
    }
    let stray = "a()\n  // #endif\n";
    match blocks(stray, Syntax::Script) {
        Err(Unbalanced::Unopened(directive)) => assert_eq!(directive.range.start, 6),
        other => panic!("{other:?}"),
    }
}

#[test]
fn conditions_as_the_weixin_build_evaluates_them() {
    let holds = |condition: &str, vue| evaluate(condition, vue).unwrap();
    let v2 = VueVersion::Vue2;
    let v3 = VueVersion::Vue3;
    for (condition, expected) in [
        ("MP-WEIXIN", true),
        ("MP", true),
        ("MP-WEIXIN || MP-QQ", true),
        ("H5 || APP-PLUS", false),
        ("(MP-WEIXIN || MP-QQ) && VUE3", false),
        ("!H5 && !APP-PLUS-NVUE", true),
        ("WEB", false),
        ("UNI-APP-X", false),
        ("MP-ALIPAY", false),
        ("", true),
        // Names the context lacks throw, and the whole condition is false.
        ("MP-WEIXIN-QY", false),
        ("MP-DINGTALK || MP-WEIXIN", false),
        ("MP-WEIXIN || MP-DINGTALK", true),
        ("mp-weixin", false),
        ("VUE3 == false", true),
        ("VUE2 === true", true),
        ("VUE2 === 1", false),
        ("MP-WEIXIN | MP-QQ", true),
        ("MP-QQ & MP-WEIXIN", false),
        // mp-html's own sources write this; the unknown names throw there too.
        ("ALIPAY | TOUTIAO", false),
    ] {
        assert_eq!(holds(condition, v2), Truth::Known(expected), "{condition}");
    }
    assert_eq!(holds("VUE3", v3), Truth::Known(true));
    assert_eq!(holds("VUE2", v3), Truth::Known(false));
}

#[test]
fn the_compiler_version_decides_only_where_it_can_change_the_outcome() {
    let truth = |condition: &str| evaluate(condition, VueVersion::Vue3).unwrap();
    assert_eq!(truth("uniVersion > 3.9"), Truth::DependsOnCompiler);
    assert_eq!(truth("uniVersion"), Truth::DependsOnCompiler);
    assert_eq!(truth("H5 && uniVersion > 3.9"), Truth::Known(false));
    assert_eq!(truth("MP || uniVersion < 4"), Truth::Known(true));
    assert_eq!(truth("uniVersion >= 0"), Truth::Known(true));
    // `-` becomes `_` everywhere: `-1` is a name, which throws.
    assert_eq!(truth("uniVersion > -1"), Truth::Known(false));
}

#[test]
fn conditions_beyond_the_grammar_are_unevaluable() {
    for condition in [
        "uniVersion > 3.9.0",
        "env === 'production'",
        "H5 // note",
        "MP-WEIXIN ||",
        "(MP",
        "process.env.X",
    ] {
        assert!(
            evaluate(condition, VueVersion::Vue2).is_err(),
            "{condition}"
        );
    }
}

#[test]
fn dropped_blocks_become_spaces_with_their_line_breaks_and_every_byte_of_their_characters() {
    let text = "// #ifdef H5\r\nconst 名 = '登录'\r\n// #endif\r\n// #ifdef MP-WEIXIN\r\nwx.login()\r\n// #endif\r\n";
    let seen = view(JS, text, VueVersion::Vue2);
    assert_eq!(seen.len(), text.len());
    let expected = "            \r\n                    \r\n         \r\n                   \r\nwx.login()\r\n         \r\n";
    assert_eq!(seen, expected);
}

#[test]
fn both_branches_may_declare_the_same_name() {
    let text = "// #ifndef VUE3\nimport Vue from 'vue'\nconst store = new Vuex.Store({\n// #endif\n\
                // #ifdef VUE3\nimport { createStore } from 'vuex'\nconst store = createStore({\n// #endif\n\
                \tstate: {}\n})\nexport default store\n";
    for vue in [VueVersion::Vue2, VueVersion::Vue3] {
        let seen = view(JS, text, vue);
        crate::parse::parse(&seen, Language::JavaScript).unwrap();
        assert_eq!(seen.contains("createStore"), vue == VueVersion::Vue3);
    }
}

#[test]
fn else_splits_a_block_as_uni_apps_preprocessor_does() {
    let text = "// #ifdef H5\na()\n// #else\nb()\n// #endif\n// #ifdef MP\nc()\n// #else\nd()\n// #endif\n";
    let seen = view(JS, text, VueVersion::Vue2);
    assert!(!seen.contains("a()") && seen.contains("b()"), "{seen}");
    assert!(seen.contains("c()") && !seen.contains("d()"), "{seen}");
}

#[test]
fn nested_blocks_count_only_where_their_parent_is_kept() {
    let text = "// #ifdef MP\n// #ifndef MP-WEIXIN\na()\n// #endif\nb()\n// #endif\n\
                // #ifdef APP-PLUS\n// #ifdef uniVersion > 4\nc()\n// #endif\n// #endif\n";
    let seen = view(JS, text, VueVersion::Vue2);
    assert!(!seen.contains("a()") && seen.contains("b()") && !seen.contains("c()"));
    let kept = "// #ifdef MP\n// #ifdef uniVersion > 4\nc()\n// #endif\n// #endif\n";
    let err = weixin_view(Path::new(JS), kept, VueVersion::Vue2).unwrap_err();
    assert_eq!(&kept[err.offset..err.offset + 10], "uniVersion");
    // A condition that is not JavaScript stops uni-app even in dropped code.
    let bad = "// #ifdef H5\n// #ifdef env === 'x'\n// #endif\n// #endif\n";
    assert!(weixin_view(Path::new(JS), bad, VueVersion::Vue2).is_err());
}

#[test]
fn a_component_reads_template_directives_first_then_the_others() {
    let text = "<template>\n<!-- #ifdef H5 -->\n<button open-type=\"getUserInfo\">// #ifdef X</button>\n\
                <!-- #endif -->\n</template>\n<script>\n// #ifdef MP-WEIXIN\nwx.login()\n// #endif\n</script>\n\
                <style>\n/* #ifdef H5 */\n.a {}\n/* #endif */\n</style>\n";
    let seen = view(VUE, text, VueVersion::Vue2);
    assert!(
        !seen.contains("getUserInfo") && !seen.contains(".a"),
        "{seen}"
    );
    assert!(seen.contains("<script>\n") && seen.contains("wx.login()"));
    assert!(!seen.contains('#'), "{seen}");
}

#[test]
fn other_kinds_of_file_are_not_preprocessed() {
    let text = "// #ifdef H5\n// #endif\n";
    for path in ["a.wpy", "a.mpx", "a.nvue", "a.wxml", "a.d.ts"] {
        assert_eq!(
            weixin_view(Path::new(path), text, VueVersion::Vue2),
            Ok(None)
        );
        assert!(!has_directive(Path::new(path), text));
    }
    assert_eq!(
        weixin_view(Path::new(JS), "const a = '#ifdef'", VueVersion::Vue2),
        Ok(None)
    );
}

#[test]
fn an_edit_in_set_aside_text_is_refused() {
    let text = "// #ifdef MP-WEIXIN\nwx.login()\n// #endif\n";
    let seen = weixin_view(Path::new(JS), text, VueVersion::Vue2)
        .unwrap()
        .unwrap();
    assert!(seen.touches(&(3..4)));
    assert!(!seen.touches(&(20..22)));
    assert!(!seen.touches(&(20..20)));
    assert!(seen.touches(&(5..5)));
}
