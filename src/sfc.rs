//! Single-file components: uni-app and mpvue `.vue`, WePY `.wpy`, Mpx `.mpx`. Their code lives in `<script>`
//! blocks, which are migrated in place: each block is parsed on its own and its edits are
//! shifted back into the whole file, so everything outside them stays byte-identical.

use std::ops::Range;

use swc_ecma_ast::{BindingIdent, Decl, Expr, ModuleDecl, ModuleItem, Program, PropName, Stmt};
use swc_ecma_visit::{Visit, VisitWith};

use crate::language::Language;
use crate::markup::{Markup, StartTag, Tokenizer};
use crate::parse::parse;

/// One `<script>` block's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptBlock {
    pub range: Range<usize>,
    pub language: Language,
}

/// The `<script>` blocks at the top level of a component that run in the mini-program. Mpx's
/// page configuration is a script too, `<script type="application/json">` or (computed by
/// Node.js at build time) `<script name="json">`: neither runs where `wx` is.
pub fn script_blocks(text: &str) -> Vec<ScriptBlock> {
    blocks(text)
        .into_iter()
        .filter(|block| block.tag.name.eq_ignore_ascii_case("script"))
        .filter(|block| {
            let kind = block.tag.attribute(text, "type").unwrap_or_default();
            !kind.contains("json") && block.tag.attribute(text, "name") != Some("json")
        })
        .map(|block| ScriptBlock {
            language: language_of(block.tag.attribute(text, "lang")),
            range: block.content,
        })
        .collect()
}

/// The content of the component's `<template>`, which holds WXML-like markup.
pub fn template_block(text: &str) -> Option<Range<usize>> {
    blocks(text)
        .into_iter()
        .find(|block| is_markup_template(text, &block.tag))
        .map(|block| block.content)
}

/// A top-level element of a component and its content.
struct Block<'t> {
    tag: StartTag<'t>,
    content: Range<usize>,
}

/// The top-level elements, read as Vue's compiler reads a component: with HTML's tokenizer
/// rules, the `<template>` as markup that may hold nested `<template>`s, and every other block
/// (`<script>`, `<style>`, `<config>`, `<i18n>`...) as raw text that ends only at its own end
/// tag. So a `</template>` or `<script>` in a string, in template text or in a `<style>` comment
/// opens or closes nothing. An element left open at the end of the text is not a block.
fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut tokenizer = Tokenizer::new(text);
    let mut blocks = Vec::new();
    while let Some(markup) = tokenizer.next() {
        let Markup::Start(tag) = markup else {
            continue;
        };
        let Some(start) = tag.end.filter(|_| !tag.self_closing) else {
            continue;
        };
        let end = if is_markup_template(text, &tag) {
            template_end(&mut tokenizer)
        } else {
            let body = tokenizer.skip_raw_text(tag.name);
            // Past the end tag that the body stops at.
            tokenizer.next();
            body.map(|body| body.end)
        };
        let Some(end) = end else {
            break;
        };
        blocks.push(Block {
            tag,
            content: start..end,
        });
    }
    blocks
}

/// A `<template>` whose content is markup, not Pug or another language.
fn is_markup_template(text: &str, tag: &StartTag) -> bool {
    tag.name.eq_ignore_ascii_case("template")
        && matches!(tag.attribute(text, "lang"), None | Some("html" | "wxml"))
}

/// Where the `</template>` that closes the top-level one starts, reading on from its start tag:
/// the end tag that balances the nested ones, or, if they never balance, the last.
fn template_end(tokenizer: &mut Tokenizer) -> Option<usize> {
    let mut depth = 1;
    let mut last = None;
    for markup in tokenizer {
        match markup {
            Markup::Start(tag)
                if tag.name.eq_ignore_ascii_case("template")
                    && tag.end.is_some()
                    && !tag.self_closing =>
            {
                depth += 1
            }
            Markup::End { name, range } if name.eq_ignore_ascii_case("template") => {
                depth -= 1;
                if depth == 0 {
                    return Some(range.start);
                }
                last = Some(range.start);
            }
            _ => {}
        }
    }
    last
}

/// `lang="ts"` (or `typescript`) and `lang="tsx"`; anything else is JavaScript.
fn language_of(lang: Option<&str>) -> Language {
    match lang {
        Some("ts" | "typescript") => Language::TypeScript,
        Some("tsx") => Language::Tsx,
        _ => Language::JavaScript,
    }
}

/// Vue 3 runs a component's `<script>` and `<script setup>` in one module scope, so a `wx`
/// imported or declared at the top of one is the same local binding in the other. Each block
/// is still parsed on its own; this declaration, put before a block's code, stands in there for
/// the other block's.
pub const SHARED_WX: &str = "let wx;";

/// For each block, whether it must see another block's top-level `wx`: one of the others
/// declares it and this one does not.
pub fn needs_shared_wx(text: &str, blocks: &[ScriptBlock]) -> Vec<bool> {
    let declares: Vec<bool> = if blocks.len() < 2 {
        vec![false; blocks.len()]
    } else {
        blocks
            .iter()
            .map(|block| declares_wx(&text[block.range.clone()], block.language))
            .collect()
    };
    (0..blocks.len())
        .map(|i| !declares[i] && (0..blocks.len()).any(|j| j != i && declares[j]))
        .collect()
}

/// Whether `code` binds `wx` at its top level: an import, a variable (destructured too), a
/// function or a class. `declare const wx` names the global and does not count; code that
/// does not parse declares nothing (its error is reported when it is migrated).
fn declares_wx(code: &str, language: Language) -> bool {
    if memchr::memmem::find(code.as_bytes(), b"wx").is_none() {
        return false;
    }
    let Ok(program) = parse(code, language) else {
        return false;
    };
    let statements: Vec<&Stmt> = match &program {
        Program::Script(script) => script.body.iter().collect(),
        Program::Module(module) => module
            .body
            .iter()
            .filter_map(|item| match item {
                ModuleItem::Stmt(stmt) => Some(stmt),
                _ => None,
            })
            .collect(),
    };
    let imports = program.as_module().into_iter().flat_map(|module| {
        module.body.iter().filter_map(|item| match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => Some(import),
            _ => None,
        })
    });
    let exported = program.as_module().into_iter().flat_map(|module| {
        module.body.iter().filter_map(|item| match item {
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => Some(&export.decl),
            _ => None,
        })
    });
    let declarations = statements
        .into_iter()
        .filter_map(|stmt| stmt.as_decl())
        .chain(exported);
    imports
        .flat_map(|import| &import.specifiers)
        .any(|specifier| specifier.local().sym == "wx")
        || declarations.into_iter().any(decl_binds_wx)
}

fn decl_binds_wx(decl: &Decl) -> bool {
    match decl {
        Decl::Var(var) => {
            !var.declare
                && var.decls.iter().any(|declarator| {
                    let mut names = PatNames::default();
                    declarator.name.visit_with(&mut names);
                    names.wx
                })
        }
        Decl::Fn(function) => !function.declare && function.ident.sym == "wx",
        Decl::Class(class) => !class.declare && class.ident.sym == "wx",
        _ => false,
    }
}

/// Whether a pattern binds `wx`, without looking into its default values' expressions.
#[derive(Default)]
struct PatNames {
    wx: bool,
}

impl Visit for PatNames {
    fn visit_binding_ident(&mut self, ident: &BindingIdent) {
        self.wx |= ident.id.sym == "wx";
    }

    fn visit_expr(&mut self, _: &Expr) {}

    fn visit_prop_name(&mut self, _: &PropName) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_script_blocks_and_their_languages() {
        let text = "<template>\n  <view @tap=\"login\">登录</view>\n</template>\n\
                    <!-- <script>old()</script> -->\n\
                    <script lang=\"ts\">\nwx.login({})\n</script>\n\
                    <script setup data-x='a>b'>\nconst a = 1\n</SCRIPT>\n<style>.a{}</style>\n";
        let blocks = script_blocks(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(&text[blocks[0].range.clone()], "\nwx.login({})\n");
        assert_eq!(blocks[0].language, Language::TypeScript);
        assert_eq!(&text[blocks[1].range.clone()], "\nconst a = 1\n");
        assert_eq!(blocks[1].language, Language::JavaScript);
    }

    #[test]
    fn the_template_block_holds_nested_templates() {
        let text = "<template>\n  <view><template v-slot:a>x</template></view>\n</template>\n\
                    <script>a()</script>\n";
        let range = template_block(text).unwrap();
        assert_eq!(
            &text[range],
            "\n  <view><template v-slot:a>x</template></view>\n"
        );
    }

    #[test]
    fn tags_in_strings_template_text_and_style_comments_open_and_close_nothing() {
        let text = "<template>\n  <text>写在 <script> 里 {{ '</template>' }}</text>\n</template>\n\
                    <style>/* <script> 之后 </template> */ .a{}</style>\n\
                    <config>{ \"title\": \"<script>\" }</config>\n\
                    <script lang = \"ts\">\nconst t: string = '</template><script>'\nwx.login({})\n</script>\n";
        let blocks = script_blocks(text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            &text[blocks[0].range.clone()],
            "\nconst t: string = '</template><script>'\nwx.login({})\n"
        );
        assert_eq!(blocks[0].language, Language::TypeScript);
        let template = template_block(text).unwrap();
        assert_eq!(
            &text[template],
            "\n  <text>写在 <script> 里 {{ '</template>' }}</text>\n"
        );
    }

    #[test]
    fn a_template_in_another_language_is_not_markup() {
        let text = "<template lang=\"pug\">\nbutton(open-type=\"getUserInfo\")\n</template>\n<script>a()</script>";
        assert_eq!(template_block(text), None);
        assert_eq!(script_blocks(text).len(), 1);
    }

    #[test]
    fn blocks_that_declare_wx_at_their_top_level() {
        let declares = |code: &str| declares_wx(code, Language::TypeScript);
        assert!(declares("import wx from './mock'"));
        assert!(declares("import { api as wx } from './mock'"));
        assert!(declares("const { wx } = globalThis as any"));
        assert!(declares("export let [wx] = apis"));
        assert!(declares("function wx() {}"));
        assert!(!declares("declare const wx: WechatMiniprogram.Wx"));
        assert!(!declares("function f(wx: any) { const wx2 = wx }"));
        assert!(!declares("const { a = (wx: any) => wx } = o"));
        assert!(!declares("wx.login({})"));
        let blocks = |text: &str| needs_shared_wx(text, &script_blocks(text));
        let text = "<script>import wx from 'm'</script><script setup>wx.login()</script>";
        assert_eq!(blocks(text), [false, true]);
        let text = "<script>wx.login()</script><script setup>wx.login()</script>";
        assert_eq!(blocks(text), [false, false]);
    }

    #[test]
    fn unterminated_input_never_panics() {
        for text in [
            "<script",
            "<script lang=\"ts",
            "<script>wx.login()",
            "<!-- <script>",
        ] {
            assert!(script_blocks(text).is_empty(), "{text}");
        }
    }
}
