//! Fixture tests: every folder under `tests/fixtures/<group>/<case>/` holds `input.<ext>`, the
//! expected `output.<ext>` (absent: the file must stay byte-identical) and `findings.txt` (one
//! `line:col: CODE message` a line). For every fixture the output must also parse, migrating
//! the output again must change nothing, and the dry run's diff must be what `similar` writes.
//!
//! Framework and Promise-style calls import the WeCom module as `./wxwork` with `require`, or as
//! a case's `module.txt` says: `es` or `cjs`, then the specifier, then the project's shapes
//! (`uni-tuple`, `mpx-promise`, `wepy-promisify`, `intercepted`).
//!
//! `UPDATE_FIXTURES=1 cargo test --test fixtures` rewrites the expected files from the tool's
//! current behaviour; review the resulting `git diff` before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use wxwork_migrate::compat::Clients;
use wxwork_migrate::ifdef::{weixin_view, WeixinView};
use wxwork_migrate::language::Language;
use wxwork_migrate::manifest::VueVersion;
use wxwork_migrate::migrate::{migrate_path, Failure, Options};
use wxwork_migrate::parse::parse;
use wxwork_migrate::plan::Guard;
use wxwork_migrate::report::unified_diff;
use wxwork_migrate::source::LineIndex;
use wxwork_migrate::wecom_module::{ModuleRef, ModuleStyle, Shapes};

fn main() {
    // swc's parser panics on some invalid input (the fuzz fixtures); `parse` turns that into a
    // syntax error, so its banner is noise here. Any other panic keeps the default report.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_parser = info
            .location()
            .is_some_and(|l| l.file().contains("swc_ecma_parser"));
        if !in_parser {
            default_hook(info);
        }
    }));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases = Vec::new();
    collect(&root, &mut cases);
    cases.sort();
    assert!(!cases.is_empty(), "no fixtures under {}", root.display());
    let trials = cases
        .into_iter()
        .map(|input| {
            let name = input
                .parent()
                .unwrap()
                .strip_prefix(&root)
                .unwrap()
                .display()
                .to_string();
            Trial::test(name, move || check(&input))
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

fn collect(dir: &Path, cases: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, cases);
        } else if path.file_stem().is_some_and(|stem| stem == "input") {
            cases.push(path);
        }
    }
}

fn check(input_path: &Path) -> Result<(), Failed> {
    let dir = input_path.parent().unwrap();
    let ext = input_path.extension().unwrap().to_str().unwrap();
    let input = fs::read_to_string(input_path)?;
    let guard = Guard::standard();
    let module = module_of(dir)?;

    let (output, findings) = run(input_path, &input, &guard, &module);

    let output_path = dir.join(format!("output.{ext}"));
    let findings_path = dir.join("findings.txt");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        if output == input {
            let _ = fs::remove_file(&output_path);
        } else {
            fs::write(&output_path, &output)?;
        }
        fs::write(&findings_path, &findings)?;
        return Ok(());
    }

    let expected_output = match fs::read_to_string(&output_path) {
        Ok(text) => text,
        Err(_) => input.clone(),
    };
    if output != expected_output {
        return Err(format!(
            "output differs from {}\n--- expected\n{expected_output}\n--- actual\n{output}",
            output_path.display()
        )
        .into());
    }
    let expected_findings = fs::read_to_string(&findings_path)
        .map_err(|err| format!("{}: {err}", findings_path.display()))?;
    if findings != expected_findings {
        return Err(format!(
            "findings differ from {}\n--- expected\n{expected_findings}--- actual\n{findings}",
            findings_path.display()
        )
        .into());
    }

    if output != input {
        // Components' blocks are parsed again inside the second run. A file with uni-app's
        // conditional compilation parses as the WeChat build reads it, the other platforms'
        // blocks set aside again; one whose directives never resolved was read as written.
        if let Some(language) = Language::from_path(input_path) {
            let resolved = weixin_view(input_path, &input, VueVersion::default()).is_ok();
            let seen = match weixin_view(input_path, &output, VueVersion::default()) {
                Ok(seen) => seen,
                Err(_) if !resolved => None,
                Err(err) => {
                    return Err(format!("the output's directives do not resolve: {err:?}").into())
                }
            };
            let seen = seen.as_ref().map_or(output.as_str(), WeixinView::text);
            parse(seen, language).map_err(|err| format!("output does not parse: {err:?}"))?;
        }
        let diff = unified_diff("app.js", &input, &output);
        let reference = similar::TextDiff::from_lines(&input, &output)
            .unified_diff()
            .context_radius(3)
            .header("a/app.js", "b/app.js")
            .to_string();
        if diff != reference {
            return Err(
                format!("the diff differs from similar's:\n{diff}\n---\n{reference}").into(),
            );
        }
        let (again, again_findings) = run(input_path, &output, &guard, &module);
        if again != output {
            return Err(format!("a second run changed the output again:\n{again}").into());
        }
        if again_findings.contains(" WX101 ") || again_findings.contains(" WX102 ") {
            return Err(format!("a second run still reports rewrites:\n{again_findings}").into());
        }
    }
    Ok(())
}

/// How the case's file imports the WeCom module.
fn module_of(dir: &Path) -> Result<ModuleRef, Failed> {
    let text = fs::read_to_string(dir.join("module.txt")).unwrap_or_default();
    let mut words = text.split_whitespace();
    let style = match words.next() {
        None | Some("cjs") => ModuleStyle::CommonJs,
        Some("es") => ModuleStyle::EsModule,
        Some(other) => return Err(format!("module.txt: unknown style {other}").into()),
    };
    let specifier = words.next().unwrap_or("./wxwork").to_string();
    let mut shapes = Shapes::default();
    for word in words {
        match word {
            "uni-tuple" => shapes.uni_tuple = true,
            "mpx-promise" => shapes.mpx_promise = true,
            "wepy-promisify" => shapes.wepy_promisify = true,
            "intercepted" => shapes.intercepted = true,
            other => return Err(format!("module.txt: unknown shape {other}").into()),
        }
    }
    Ok(ModuleRef {
        style,
        specifier,
        shapes,
        on_top: false,
    })
}

/// The tool's output text (the input itself when untouched or unparsable) and its findings.
fn run(path: &Path, input: &str, guard: &Guard, module: &ModuleRef) -> (String, String) {
    let index = LineIndex::new(input);
    let at = |offset| {
        let (line, col) = index.line_col(offset);
        format!("{line}:{col}:")
    };
    let options = Options {
        guard,
        ignored: &[],
        verify: true,
        targets: Clients::ALL,
        inventory: false,
        module: Some(&|| Some(module.clone())),
        vue: VueVersion::default(),
    };
    let migrated = migrate_path(path, input, &options).expect("fixture inputs are sources");
    match migrated {
        Ok(migration) => {
            let findings = migration
                .findings
                .iter()
                .map(|f| format!("{} {} {}\n", at(f.range.start), f.code, f.message))
                .collect();
            (
                migration.output.unwrap_or_else(|| input.to_string()),
                findings,
            )
        }
        Err(Failure::Syntax(err)) => (
            input.to_string(),
            format!("{} error: WX901 {}\n", at(err.offset), err.message),
        ),
        Err(Failure::TooDeep(too_deep)) => (
            input.to_string(),
            format!("1:1: WX306 left alone: {}\n", too_deep.describe()),
        ),
        Err(Failure::Internal { offset, message }) => (
            input.to_string(),
            format!("{} error: WX903 {message}\n", at(offset)),
        ),
        Err(Failure::Conditional(unresolved)) => (
            input.to_string(),
            format!(
                "{} error: WX906 {}\n",
                at(unresolved.offset),
                unresolved.message
            ),
        ),
    }
}
