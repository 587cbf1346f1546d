//! The shape of `src/`: its modules import each other without a circle, and no file is much
//! longer than 500 lines outside its tests.
//!
//! A circle means that none of its modules can be read, changed or compiled without all the
//! others: in the pipeline (discover → parse → find → plan → edit → write → report), a lower
//! stage that needs a higher one. The graph is read from the code with `syn`: every path of
//! every non-test item (`use` trees, expressions, types, patterns, macro arguments) that names
//! an item of another file's module is an edge to that module. A module's own `mod child;`
//! declaration is not an edge; a `use child::Item` or `pub use child::Item` is, so a child that
//! imports its parent's re-exports closes a circle: it must import its sibling instead.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// A module by its path from the crate root: `["find", "guard"]`.
type Module = Vec<String>;

/// A module of its own file: the nodes of the graph.
struct ModuleFile {
    module: Module,
    path: PathBuf,
    syntax: syn::File,
}

const LINE_LIMIT: usize = 500;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg") && {
            let tokens = attr.meta.require_list().map(|list| list.tokens.to_string());
            // `cfg(test)` and `cfg(all(test, …))`, not `cfg(not(test))`.
            tokens.is_ok_and(|t| {
                t.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|word| word == "test")
                    && !t.contains("not")
            })
        }
    })
}

/// Every file module reachable from `lib.rs` through `mod name;` declarations that are not
/// test-only.
fn module_files() -> Vec<ModuleFile> {
    let mut found = Vec::new();
    let mut pending = vec![(Vec::new(), src().join("lib.rs"))];
    while let Some((module, path)) = pending.pop() {
        let text = fs::read_to_string(&path).unwrap();
        let syntax =
            syn::parse_file(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        // Children of `lib.rs` and `mod.rs` sit beside them; those of `a.rs` in `a/`.
        let folder = match path.file_name().and_then(|n| n.to_str()) {
            Some("lib.rs" | "mod.rs") => path.parent().unwrap().to_path_buf(),
            _ => path.with_extension(""),
        };
        for item in &syntax.items {
            if let syn::Item::Mod(declared) = item {
                if declared.content.is_none() && !is_test_only(&declared.attrs) {
                    let name = declared.ident.to_string();
                    let flat = folder.join(format!("{name}.rs"));
                    let nested = folder.join(&name).join("mod.rs");
                    let child = if flat.exists() { flat } else { nested };
                    let mut child_module = module.clone();
                    child_module.push(name);
                    pending.push((child_module, child));
                }
            }
        }
        found.push(ModuleFile {
            module,
            path,
            syntax,
        });
    }
    found.sort_by(|a, b| a.module.cmp(&b.module));
    found
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

/// Collects the modules one file's paths lead to.
struct References<'a> {
    /// The module the code being read is in: the file's, then any inline `mod` inside it.
    scope: Module,
    /// Every module there is (files and inline ones), to tell a module from an item.
    modules: &'a BTreeSet<Module>,
    /// `#[macro_export]` macros by name, with the module that defines them: `t!` is
    /// `crate::t`, but what it reaches is its defining module.
    exported_macros: &'a BTreeMap<String, Module>,
    /// Each module reached, with one path that reached it.
    reached: BTreeMap<Module, String>,
}

impl References<'_> {
    fn reach(&mut self, segments: &[String]) {
        let Some(first) = segments.first() else {
            return;
        };
        let mut absolute = match first.as_str() {
            "crate" | "$crate" => Vec::new(),
            "self" => self.scope.clone(),
            "super" => self.scope.clone(),
            _ => {
                let mut relative = self.scope.clone();
                relative.push(first.clone());
                if !self.modules.contains(&relative) {
                    return;
                }
                self.scope.clone()
            }
        };
        let mut rest = match first.as_str() {
            "crate" | "$crate" | "self" => &segments[1..],
            _ => segments,
        };
        while rest.first().is_some_and(|s| s == "super") {
            absolute.pop();
            rest = &rest[1..];
        }
        for segment in rest {
            let mut next = absolute.clone();
            next.push(segment.clone());
            if !self.modules.contains(&next) {
                break;
            }
            absolute = next;
        }
        self.reached
            .entry(absolute)
            .or_insert_with(|| segments.join("::"));
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => {
                prefix.push(name.ident.to_string());
                self.reach(prefix);
                prefix.pop();
            }
            syn::UseTree::Rename(rename) => {
                prefix.push(rename.ident.to_string());
                self.reach(prefix);
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.reach(prefix),
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }

    /// Paths inside a macro's tokens (`t!("key", n = crate::x::y())`, `matches!(k, Kind::A)`),
    /// which `syn` leaves unparsed.
    fn tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            if let TokenTree::Group(group) = &trees[i] {
                self.tokens(group.stream());
                i += 1;
                continue;
            }
            let TokenTree::Ident(ident) = &trees[i] else {
                i += 1;
                continue;
            };
            let dollar =
                i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '$');
            let mut segments = vec![if dollar {
                format!("${ident}")
            } else {
                ident.to_string()
            }];
            let mut j = i + 1;
            while let (
                Some(TokenTree::Punct(a)),
                Some(TokenTree::Punct(b)),
                Some(TokenTree::Ident(next)),
            ) = (trees.get(j), trees.get(j + 1), trees.get(j + 2))
            {
                if a.as_char() != ':' || b.as_char() != ':' {
                    break;
                }
                segments.push(next.to_string());
                j += 3;
            }
            if segments.len() > 1 {
                self.reach(&segments);
            }
            i = j;
        }
    }
}

impl<'ast> Visit<'ast> for References<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Static(s) => &s.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_test_only(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if module.content.is_some() {
            self.scope.push(module.ident.to_string());
            syn::visit::visit_item_mod(self, module);
            self.scope.pop();
        }
    }

    /// `pub(super)` and `pub(in crate::x)` say who may see an item, not what it needs.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.reach(&segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if let Some(last) = mac.path.segments.last() {
            if let Some(defined) = self.exported_macros.get(&last.ident.to_string()) {
                self.reached
                    .entry(defined.clone())
                    .or_insert_with(|| format!("{}!", last.ident));
            }
        }
        self.tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

/// Each file module's edges: the other file modules it reaches, with a path that does.
fn graph(files: &[ModuleFile]) -> BTreeMap<Module, BTreeMap<Module, String>> {
    let file_modules: BTreeSet<Module> = files.iter().map(|f| f.module.clone()).collect();
    let mut modules = file_modules.clone();
    let mut exported_macros = BTreeMap::new();
    for file in files {
        struct Declared<'a> {
            scope: Module,
            modules: &'a mut BTreeSet<Module>,
            macros: &'a mut BTreeMap<String, Module>,
            file: &'a Module,
        }
        impl<'ast> Visit<'ast> for Declared<'_> {
            fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
                if module.content.is_some() {
                    self.scope.push(module.ident.to_string());
                    self.modules.insert(self.scope.clone());
                    syn::visit::visit_item_mod(self, module);
                    self.scope.pop();
                }
            }
            fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
                let exported = item.attrs.iter().any(|a| a.path().is_ident("macro_export"));
                if let (true, Some(ident)) = (exported, &item.ident) {
                    self.macros.insert(ident.to_string(), self.file.clone());
                }
            }
        }
        Declared {
            scope: file.module.clone(),
            modules: &mut modules,
            macros: &mut exported_macros,
            file: &file.module,
        }
        .visit_file(&file.syntax);
    }
    let mut graph = BTreeMap::new();
    for file in files {
        let mut references = References {
            scope: file.module.clone(),
            modules: &modules,
            exported_macros: &exported_macros,
            reached: BTreeMap::new(),
        };
        references.visit_file(&file.syntax);
        let mut edges = BTreeMap::new();
        for (mut target, via) in references.reached {
            // An inline module belongs to its file.
            while !file_modules.contains(&target) {
                target.pop();
            }
            if target != file.module && !target.is_empty() {
                edges.entry(target).or_insert(via);
            }
        }
        graph.insert(file.module.clone(), edges);
    }
    graph
}

/// The strongly connected components of more than one module (Tarjan's algorithm).
fn circles(graph: &BTreeMap<Module, BTreeMap<Module, String>>) -> Vec<Vec<Module>> {
    struct Tarjan<'a> {
        graph: &'a BTreeMap<Module, BTreeMap<Module, String>>,
        index: BTreeMap<&'a Module, (usize, usize)>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a Module) {
            let n = self.index.len();
            self.index.insert(v, (n, n));
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph[v].keys() {
                let w = self.graph.get_key_value(w).unwrap().0;
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.index[w].1.min(self.index[v].1);
                    self.index.get_mut(v).unwrap().1 = low;
                } else if self.on_stack.contains(w) {
                    let low = self.index[w].0.min(self.index[v].1);
                    self.index.get_mut(v).unwrap().1 = low;
                }
            }
            if self.index[v].0 == self.index[v].1 {
                let mut component = Vec::new();
                loop {
                    let w = self.stack.pop().unwrap();
                    self.on_stack.remove(w);
                    component.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        graph,
        index: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !tarjan.index.contains_key(v) {
            tarjan.visit(v);
        }
    }
    tarjan.found
}

#[test]
fn no_module_imports_in_a_circle() {
    let files = module_files();
    assert!(files.len() > 40, "only {} modules found", files.len());
    let graph = graph(&files);
    let mut report = String::new();
    for circle in circles(&graph) {
        let names: Vec<String> = circle.iter().map(|m| name(m)).collect();
        writeln!(report, "a circle through {}:", names.join(", ")).unwrap();
        for from in &circle {
            for (to, via) in &graph[from] {
                if circle.contains(to) {
                    writeln!(report, "  {} -> {} (`{via}`)", name(from), name(to)).unwrap();
                }
            }
        }
    }
    assert!(report.is_empty(), "{report}");
}

/// The check itself: a child that imports its parent's re-export, and a parent that imports
/// the child, make a circle; the child importing its sibling makes none.
#[test]
fn a_parent_and_child_importing_each_other_is_a_circle() {
    let file = |module: &[&str], text: &str| ModuleFile {
        module: module.iter().map(|s| s.to_string()).collect(),
        path: PathBuf::new(),
        syntax: syn::parse_file(text).unwrap(),
    };
    let circular = [
        file(&[], "pub mod find;"),
        file(
            &["find"],
            "mod guard; mod site; pub use site::Site; fn f() { guard::g() }",
        ),
        file(&["find", "guard"], "use crate::find::Site; pub fn g() {}"),
        file(&["find", "site"], "pub struct Site;"),
    ];
    let found = circles(&graph(&circular));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].len(), 2);
    let straight = [
        file(&[], "pub mod find;"),
        file(
            &["find"],
            "mod guard; mod site; pub use site::Site; fn f() { guard::g() }",
        ),
        file(
            &["find", "guard"],
            "use super::site::Site; pub fn g() { t!(\"x\") }",
        ),
        file(&["find", "site"], "pub struct Site;"),
    ];
    assert!(circles(&graph(&straight)).is_empty());
}

/// Lines before a file's inline test module, if any: tests may be long, the code may not.
fn code_lines(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let tests = lines.windows(2).position(|pair| {
        pair[0].trim_start().starts_with("#[cfg(")
            && pair[0].contains("test")
            && pair[1].trim_start().starts_with("mod ")
            && pair[1].trim_end().ends_with('{')
    });
    tests.unwrap_or(lines.len())
}

#[test]
fn no_file_is_longer_than_the_limit_outside_its_tests() {
    let mut long = Vec::new();
    for file in module_files() {
        let lines = code_lines(&fs::read_to_string(&file.path).unwrap());
        if lines > LINE_LIMIT {
            long.push(format!("{}: {lines} lines", file.path.display()));
        }
    }
    assert!(
        long.is_empty(),
        "over {LINE_LIMIT} lines:\n{}",
        long.join("\n")
    );
}

/// The graph as text, one layer a line (each module above everything it imports), for the
/// architecture page: `cargo test --test modules -- --ignored --nocapture`. Children are folded
/// into their top-level module (`find::guard` counts as `find`), and the modules of a circle,
/// if there is one, into one `{a b c}`.
#[test]
#[ignore]
fn print_the_module_layers() {
    let graph = graph(&module_files());
    let mut top: BTreeMap<Module, BTreeMap<Module, String>> = BTreeMap::new();
    for (from, edges) in &graph {
        let Some(from_top) = from.first() else {
            continue;
        };
        let imports = top.entry(vec![from_top.clone()]).or_default();
        for (to, via) in edges {
            if to[0] != *from_top {
                imports.insert(vec![to[0].clone()], via.clone());
            }
        }
    }
    let mut group: BTreeMap<String, String> =
        top.keys().map(|m| (m[0].clone(), m[0].clone())).collect();
    for circle in circles(&top) {
        let names: Vec<&str> = circle.iter().map(|m| m[0].as_str()).collect();
        let name = format!("{{{}}}", names.join(" "));
        for module in names {
            group.insert(module.to_string(), name.clone());
        }
    }
    let mut imports: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (from, edges) in &top {
        let from = group[&from[0]].as_str();
        let entry = imports.entry(from).or_default();
        for to in edges.keys() {
            let to = group[&to[0]].as_str();
            if to != from {
                entry.insert(to);
            }
        }
    }
    let mut layer: BTreeMap<&str, usize> = BTreeMap::new();
    while layer.len() < imports.len() {
        for (module, below) in &imports {
            let levels: Option<Vec<usize>> = below.iter().map(|m| layer.get(m).copied()).collect();
            if let (false, Some(levels)) = (layer.contains_key(module), levels) {
                layer.insert(module, levels.into_iter().max().map_or(0, |l| l + 1));
            }
        }
    }
    let height = layer.values().max().copied().unwrap_or(0);
    for level in (0..=height).rev() {
        let names: Vec<String> = layer
            .iter()
            .filter(|(_, l)| **l == level)
            .map(|(module, _)| {
                let below: Vec<&str> = imports[module].iter().copied().collect();
                if below.is_empty() {
                    module.to_string()
                } else {
                    format!("{module} → {}", below.join(", "))
                }
            })
            .collect();
        println!("{level}: {}", names.join("; "));
    }
}
