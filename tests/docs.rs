//! The READMEs stay short, start with the commands to try, and every relative link in them and
//! in `docs/` points at a file that exists.

use std::fs;
use std::path::{Component, Path, PathBuf};

const READMES: [&str; 2] = ["README.md", "README.zh-CN.md"];

/// The generated pages of finding codes; links into them are checked once the folder exists.
const GENERATED: [&str; 2] = ["docs/codes", "docs/zh-CN/codes"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn readme_starts_with_the_demo_and_test_commands() {
    let readme = include_str!("../README.md");
    let first_block = readme.split("```").nth(1).expect("a code block");
    let commands: Vec<&str> = first_block
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(commands[0].starts_with("cargo run --locked -- fixtures/demo-miniprogram"));
    assert!(commands[1].starts_with("cargo test --locked"));
}

#[test]
fn readmes_fit_on_a_page() {
    for name in READMES {
        let text = fs::read_to_string(root().join(name)).unwrap();
        let lines = text.lines().count();
        assert!(
            lines <= 300,
            "{name} has {lines} lines; at most 300 (move the rest to docs/)"
        );
    }
}

#[test]
fn relative_links_point_at_existing_files() {
    let mut files: Vec<PathBuf> = READMES.iter().map(PathBuf::from).collect();
    markdown_under(Path::new("docs"), &mut files);
    assert!(files.len() > READMES.len(), "no Markdown found under docs/");
    let mut broken = Vec::new();
    for file in &files {
        let text = fs::read_to_string(root().join(file)).unwrap();
        let dir = file.parent().unwrap_or(Path::new(""));
        for target in links(&text) {
            if target.is_empty()
                || target.starts_with('#')
                || target.starts_with("http://")
                || target.starts_with("https://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            let path = target.split('#').next().unwrap();
            let resolved = normalize(&dir.join(path));
            let pending = GENERATED
                .iter()
                .any(|g| resolved.starts_with(g) && !root().join(g).is_dir());
            if !pending && !root().join(&resolved).exists() {
                broken.push(format!("{}: ]({target})", file.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links to missing files:\n{}",
        broken.join("\n")
    );
}

/// Every `.md` file under `dir` (relative to the repository root), recursively.
fn markdown_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(root().join(dir)) else {
        return;
    };
    let mut entries: Vec<_> = entries.map(|e| e.unwrap().file_name()).collect();
    entries.sort();
    for name in entries {
        let path = dir.join(&name);
        if root().join(&path).is_dir() {
            markdown_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// The targets of the inline links `[text](target)` outside code blocks and code spans.
fn links(markdown: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    let text = without_code_spans(&prose);
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let end = rest
            .find(|c: char| c == ')' || c.is_whitespace())
            .unwrap_or(rest.len());
        out.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    out
}

/// The text with every code span (a run of backticks to the next run of the same length) blanked.
fn without_code_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        out.push_str(&rest[..open]);
        let ticks = rest[open..].len() - rest[open..].trim_start_matches('`').len();
        let after = &rest[open + ticks..];
        let fence = "`".repeat(ticks);
        let mut search = 0;
        let close = loop {
            match after[search..].find(&fence) {
                None => break None,
                Some(i) => {
                    let at = search + i;
                    let run = after[at..].len() - after[at..].trim_start_matches('`').len();
                    if run == ticks {
                        break Some(at);
                    }
                    search = at + run;
                }
            }
        };
        match close {
            Some(at) => {
                out.push(' ');
                rest = &after[at + ticks..];
            }
            None => {
                out.push_str(&rest[open..open + ticks]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `a/b/../c` as `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}
