//! Single-file components: uni-app and mpvue `.vue`, WePY `.wpy`. Their code lives in `<script>`
//! blocks, which are migrated in place: each block is parsed on its own and its edits are
//! shifted back into the whole file, so everything outside them stays byte-identical.

use std::ops::Range;
use std::path::Path;

use crate::parse::Language;
use crate::t;

/// Whether the tool reads `path` as a single-file component.
pub fn is_component(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|ext| ext.to_str()),
        Some("vue" | "wpy")
    )
}

/// One `<script>` block's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptBlock {
    pub range: Range<usize>,
    pub language: Language,
}

/// The `<script>` blocks at the top level of a component, outside `<!-- comments -->`.
pub fn script_blocks(text: &str) -> Vec<ScriptBlock> {
    blocks(text, "script")
        .into_iter()
        .map(|(attributes, range)| ScriptBlock {
            range,
            language: language_of(attributes),
        })
        .collect()
}

/// The content of the component's `<template>`, which holds WXML-like markup.
pub fn template_block(text: &str) -> Option<Range<usize>> {
    // The first `<template>` is the component's; those inside it are its slots and are part
    // of its content, so it ends at the last `</template>`.
    let start = blocks(text, "template").into_iter().next()?.1.start;
    let end = rfind_ignore_case(text.as_bytes(), b"</template")?;
    (end >= start).then_some(start..end)
}

/// Each top-level `<tag ...>content</tag>` outside comments: the attributes' text and the
/// content's range.
fn blocks<'t>(text: &'t str, tag: &str) -> Vec<(&'t str, Range<usize>)> {
    let bytes = text.as_bytes();
    let (open, close) = (tag.as_bytes(), format!("</{tag}"));
    let mut blocks = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|n| i + n) {
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            i = memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |n| lt + 4 + n + 3);
            continue;
        }
        let name_end = 1 + open.len();
        let is_tag = rest.len() > name_end
            && rest[1..name_end].eq_ignore_ascii_case(open)
            && matches!(rest[name_end], b'>' | b' ' | b'\t' | b'\r' | b'\n');
        if !is_tag {
            i = lt + 1;
            continue;
        }
        let Some(tag_end) = find_tag_end(bytes, lt + name_end) else {
            break;
        };
        let content_start = tag_end + 1;
        let Some(length) = find_ignore_case(&bytes[content_start..], close.as_bytes()) else {
            break;
        };
        blocks.push((
            &text[lt + name_end..tag_end],
            content_start..content_start + length,
        ));
        i = content_start + length + close.len();
    }
    blocks
}

/// The `>` that ends a start tag, outside quoted attribute values.
fn find_tag_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window.eq_ignore_ascii_case(needle))
}

/// `lang="ts"` (or `typescript`) and `lang="tsx"`; anything else is JavaScript.
fn language_of(attributes: &str) -> Language {
    let lang = attributes.split_whitespace().find_map(|attr| {
        let value = attr.strip_prefix("lang=")?;
        Some(value.trim_matches(['"', '\'', '/']))
    });
    match lang {
        Some("ts" | "typescript") => Language::TypeScript,
        Some("tsx") => Language::Tsx,
        _ => Language::JavaScript,
    }
}

/// The hint a parse error in a block gets when uni-app's conditional compilation, which is
/// resolved before the code is JavaScript, is the likely cause.
pub fn parse_error_hint(block: &str) -> Option<String> {
    (block.contains("#ifdef") || block.contains("#ifndef")).then(|| t!("uni-app-ifdef-hint"))
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
