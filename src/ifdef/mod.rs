//! uni-app's conditional compilation: `// #ifdef MP-WEIXIN` … `// #endif` (and `#ifndef`,
//! `/* */` comments, `<!-- -->` in templates). uni-app removes other platforms' blocks before
//! any parser sees the code, so both branches may declare the same name (a Vue 3 `import` and a
//! Vue 2 one) and the file as written is not JavaScript. The tool reads such a file as the
//! WeChat (`mp-weixin`) build reads it: the directives and every block that build drops are set
//! aside, each of their bytes a space (line breaks kept, so offsets, lines and columns stay the
//! same and the text stays UTF-8), and that text is parsed and migrated. The edits land on the
//! file as written, only in code the WeChat build keeps; every other byte stays.
//!
//! Where it applies: JavaScript and TypeScript files, and `.vue` components, whose template
//! directives are read first and then the script and style ones over the whole file, as
//! uni-app's `uniPrePlugin` does (dcloudio/uni-app
//! `packages/uni-cli-shared/src/vite/plugins/pre.ts`, `uni-app-vue3-release` at
//! 420b264ba745e27d38bb6c85ca836dd97cb01431); `.nvue` pages run only in the App, and WePY's and
//! Mpx's builds never read these comments. It applies whenever a file holds a directive, in a
//! uni-app project or not: the syntax is uni-app's own (the `preprocess` package it forked
//! writes `@ifdef`), HBuilderX projects declare no dependency to recognise them by, and
//! uni_modules plugins carry their directives into any project that copies them.
//!
//! A file whose directives do not pair up is reported (`WX906`) and left untouched: uni-app
//! itself reports it («条件编译失败») and compiles it unprocessed. So is a condition the tool
//! cannot evaluate, and one that the compiler's version decides for code the WeChat build keeps.

mod condition;
mod directive;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::path::Path;

use crate::edit::{self, Edit};
use crate::language::Language;
use crate::manifest::VueVersion;
use crate::t;

use condition::{evaluate, Truth};
use directive::{blocks, directives, Block, Kind, Syntax, Unbalanced};

/// Why a file's conditional compilation cannot be read as the WeChat build reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub offset: usize,
    pub message: String,
}

/// Edits made to the WeChat view that cannot be made to the file as written: a bug of the
/// tool's, reported rather than written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCarried {
    pub offset: usize,
    pub message: String,
}

/// The file as the WeChat build reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeixinView {
    text: String,
    /// What is set aside, in order and apart: directives and dropped blocks.
    set_aside: Vec<Range<usize>>,
    /// What it was read with, to read the rewritten file the same way.
    passes: &'static [Syntax],
    vue: VueVersion,
}

/// The passes of uni-app's preprocessor that read a file of this kind, in its order.
fn passes(path: &Path) -> &'static [Syntax] {
    if Language::from_path(path).is_some() {
        &[Syntax::Script]
    } else if path.extension().is_some_and(|ext| ext == "vue") {
        &[Syntax::Markup, Syntax::Script]
    } else {
        &[]
    }
}

/// Whether uni-app's preprocessor finds a directive in the file at `path`. A file without one
/// is migrated as it would be without conditional compilation: this byte search is all it
/// costs.
pub fn has_directive(path: &Path, text: &str) -> bool {
    holds_directive(passes(path), text)
}

fn holds_directive(passes: &[Syntax], text: &str) -> bool {
    passes
        .iter()
        .any(|&syntax| directives(text, syntax).next().is_some())
}

/// The text of the file at `path` as the WeChat build of a project on `vue` reads it; `None`
/// when the file holds no directive.
pub fn weixin_view(
    path: &Path,
    text: &str,
    vue: VueVersion,
) -> Result<Option<WeixinView>, Unresolved> {
    read(passes(path), text, vue)
}

fn read(
    passes: &'static [Syntax],
    text: &str,
    vue: VueVersion,
) -> Result<Option<WeixinView>, Unresolved> {
    if !holds_directive(passes, text) {
        return Ok(None);
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut set_aside = Vec::new();
    for &syntax in passes {
        // Each pass reads what the one before left: nothing of a dropped template block.
        let seen = std::str::from_utf8(&bytes).expect("set-aside bytes are spaces");
        let blocks =
            blocks(seen, syntax).map_err(|unbalanced| unbalanced_error(seen, unbalanced))?;
        let mut ranges = Vec::new();
        set_aside_in(seen, &blocks, true, vue, &mut ranges)?;
        for range in &ranges {
            for byte in &mut bytes[range.clone()] {
                if !matches!(*byte, b'\n' | b'\r') {
                    *byte = b' ';
                }
            }
        }
        set_aside.extend(ranges);
    }
    // Every range starts and ends next to an ASCII byte (a comment's opener, a line break, a
    // closer), so blanking whole ranges leaves whole characters.
    let text = String::from_utf8(bytes).expect("set-aside ranges end at ASCII bytes");
    Ok(Some(WeixinView {
        text,
        set_aside: merged(set_aside),
        passes,
        vue,
    }))
}

impl WeixinView {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `edits`, made to this view (which they turned into `view_output`), applied to
    /// `original`. Verified (`verify`): an edit that touches set-aside bytes, or a result that
    /// read again the WeChat way is not `view_output`, is an error (the tool's own) rather than
    /// reach the file.
    pub fn carry_over(
        &self,
        original: &str,
        edits: Vec<Edit>,
        view_output: &str,
        verify: bool,
    ) -> Result<String, NotCarried> {
        let not_carried = |offset: usize, message: String| NotCarried { offset, message };
        if let Some(edit) = edits.iter().find(|edit| self.touches(&edit.range)) {
            return Err(not_carried(edit.range.start, t!("ifdef-edit-set-aside")));
        }
        let first = edits.iter().map(|edit| edit.range.start).min().unwrap_or(0);
        let output = edit::apply(original, edits)
            .map_err(|err| not_carried(err.second.start, err.to_string()))?;
        if verify {
            let again = read(self.passes, &output, self.vue).ok().flatten();
            if again.as_ref().map(WeixinView::text) != Some(view_output) {
                return Err(not_carried(first, t!("ifdef-view-changed")));
            }
        }
        Ok(output)
    }

    /// Whether an edit of `range` would change a set-aside byte; inserting right before or
    /// after set-aside text changes none.
    fn touches(&self, range: &Range<usize>) -> bool {
        self.set_aside.iter().any(|aside| {
            if range.is_empty() {
                aside.start < range.start && range.start < aside.end
            } else {
                range.start < aside.end && aside.start < range.end
            }
        })
    }
}

/// Collects what the WeChat build drops of `blocks` (all of it inside a dropped part, where
/// `live` is false): every directive, and each block's part that its condition rules out.
fn set_aside_in(
    text: &str,
    blocks: &[Block],
    live: bool,
    vue: VueVersion,
    ranges: &mut Vec<Range<usize>>,
) -> Result<(), Unresolved> {
    for block in blocks {
        let condition = &text[block.start.condition.clone()];
        let unresolved = |message: String| Unresolved {
            offset: block.start.condition.start,
            message,
        };
        // uni-app evaluates every condition, also in dropped code: one that is not
        // JavaScript stops it everywhere.
        let truth = evaluate(condition, vue)
            .map_err(|_| unresolved(t!("ifdef-unevaluable", condition = condition)))?;
        let holds = match truth {
            Truth::Known(holds) => holds,
            Truth::DependsOnCompiler if live => {
                return Err(unresolved(t!(
                    "ifdef-compiler-version",
                    condition = condition
                )))
            }
            Truth::DependsOnCompiler => false,
        };
        let keeps_first = holds == (block.start.kind == Kind::Ifdef);
        let split = block
            .otherwise
            .as_ref()
            .map(|otherwise| otherwise.range.clone());
        let first =
            block.start.range.end..split.as_ref().map_or(block.end.range.start, |s| s.start);
        let second = split.as_ref().map(|s| s.end..block.end.range.start);
        ranges.push(block.start.range.clone());
        ranges.extend(split.clone());
        ranges.push(block.end.range.clone());
        match (&second, keeps_first) {
            (_, false) => ranges.push(first.clone()),
            (Some(second), true) => ranges.push(second.clone()),
            (None, true) => {}
        }
        for inner in &block.inner {
            let in_first = first.contains(&inner.start.range.start);
            let inner_live = live && in_first == keeps_first;
            set_aside_in(text, std::slice::from_ref(inner), inner_live, vue, ranges)?;
        }
    }
    Ok(())
}

fn unbalanced_error(text: &str, unbalanced: Unbalanced) -> Unresolved {
    match unbalanced {
        Unbalanced::Unclosed(directive) => Unresolved {
            offset: directive.range.start,
            message: t!("ifdef-unclosed", directive = text[directive.range].trim()),
        },
        Unbalanced::Unopened(directive) => Unresolved {
            offset: directive.range.start,
            message: t!("ifdef-unopened", directive = text[directive.range].trim()),
        },
    }
}

/// `ranges` sorted, overlapping and adjacent ones joined.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|range| !range.is_empty());
    ranges.sort_by_key(|range| range.start);
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match joined.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => joined.push(range),
        }
    }
    joined
}
