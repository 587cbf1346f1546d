//! The one place that decides which files the tool reads, and as what: every stage needs to
//! know, and none should need the parser (or the component and template readers) to find out.

use std::path::Path;

/// The dialect a file is parsed as, decided by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// `.js .mjs .cjs .jsx`: JSX is allowed everywhere, as bundlers for mini-programs do, and so
    /// is a top-level `return`, because the mini-program runtime wraps each file in a function.
    JavaScript,
    /// `.ts .mts .cts`
    TypeScript,
    /// `.tsx`
    Tsx,
}

impl Language {
    /// `None` for files the tool does not process, including declaration files (`.d.ts`), which
    /// hold types only.
    pub fn from_path(path: &Path) -> Option<Language> {
        // Bytes, not `str`: a name that is not UTF-8 still has an ASCII extension.
        let name = path.file_name()?.as_encoded_bytes();
        let dot = name.iter().rposition(|&b| b == b'.')?;
        let (stem, ext) = (&name[..dot], &name[dot + 1..]);
        if stem.is_empty() {
            return None;
        }
        let is_declaration = stem.ends_with(b".d") && matches!(ext, b"ts" | b"mts" | b"cts");
        match ext {
            _ if is_declaration => None,
            b"js" | b"mjs" | b"cjs" | b"jsx" => Some(Language::JavaScript),
            b"ts" | b"mts" | b"cts" => Some(Language::TypeScript),
            b"tsx" => Some(Language::Tsx),
            _ => None,
        }
    }

    /// Whether the tool processes `path`: JavaScript, TypeScript, a single-file component or
    /// a WXML template.
    pub fn is_source(path: &Path) -> bool {
        Language::from_path(path).is_some() || is_component(path) || is_template(path)
    }

    pub fn is_typescript(self) -> bool {
        matches!(self, Language::TypeScript | Language::Tsx)
    }
}

/// A single-file component of Vue (uni-app, Mpx) or WePY, whose `<script>` blocks are migrated.
pub fn is_component(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|ext| ext.to_str()),
        Some("vue" | "wpy" | "mpx")
    )
}

/// A WXML template, scanned for the components and `open-type`s WeCom lacks.
pub fn is_template(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "wxml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_extension() {
        let lang = |p: &str| Language::from_path(Path::new(p));
        assert_eq!(lang("pages/a.js"), Some(Language::JavaScript));
        assert_eq!(lang("a.cjs"), Some(Language::JavaScript));
        assert_eq!(lang("a.mts"), Some(Language::TypeScript));
        assert_eq!(lang("a.tsx"), Some(Language::Tsx));
        assert_eq!(lang("typings/index.d.ts"), None);
        assert_eq!(lang("a.d.mts"), None);
        assert_eq!(lang("a.wxml"), None);
        assert_eq!(lang(".js"), None);
    }
}
