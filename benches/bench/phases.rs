//! Where the tool's own time goes: its pipeline run through the library one file at a time on one
//! thread (`phases`, and each tree of the quick pass), every step timed apart, so that a change's
//! cost shows in the step it touches and not only in the whole run.

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::arguments::args;
use crate::floors::files_of;
use crate::library::{
    check_text_nesting, edit, find, may_reach_api, parse, plan, report, Clients, Context, Guard,
    Language,
};

#[derive(Default)]
pub struct Phases {
    read: Duration,
    prefilter: Duration,
    nesting: Duration,
    parse: Duration,
    survey: Duration,
    find: Duration,
    plan: Duration,
    apply: Duration,
    verify: Duration,
    diff: Duration,
    files: usize,
    parsed: usize,
    changed: usize,
    bytes: usize,
}

/// Runs the same steps as `migrate::migrate` and `run::process` in dry-run mode, one file at a
/// time on one thread, and adds up the time of each step.
pub fn profile(files: &[PathBuf]) -> Phases {
    let guard = Guard::standard();
    let mut p = Phases::default();
    for path in files {
        let Some(language) = Language::from_path(path) else {
            continue;
        };
        let t = Instant::now();
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        p.read += t.elapsed();
        p.files += 1;
        p.bytes += text.len();
        let t = Instant::now();
        let reach = may_reach_api(&text);
        p.prefilter += t.elapsed();
        if !reach {
            continue;
        }
        p.parsed += 1;
        let t = Instant::now();
        let shallow = check_text_nesting(&text).is_ok();
        p.nesting += t.elapsed();
        if !shallow {
            continue;
        }
        let t = Instant::now();
        let Ok(mut program) = parse(&text, language) else {
            continue;
        };
        p.parse += t.elapsed();
        let t = Instant::now();
        let may_have_sites = find::survey(&program);
        p.survey += t.elapsed();
        if may_have_sites != Ok(true) {
            continue;
        }
        let t = Instant::now();
        let found = find::find(
            &mut program,
            &text,
            language.is_typescript(),
            guard.project_check(),
            false,
        );
        p.find += t.elapsed();
        let t = Instant::now();
        let context = Context {
            source: &text,
            guard: &guard,
            language,
            targets: Clients::ALL,
            module: None,
        };
        let findings = plan(&found, &context);
        let edits: Vec<_> = findings
            .iter()
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        p.plan += t.elapsed();
        if edits.is_empty() {
            continue;
        }
        p.changed += 1;
        let t = Instant::now();
        let output = edit::apply(&text, edits).expect("edits do not overlap");
        p.apply += t.elapsed();
        let t = Instant::now();
        let reparsed = parse(&output, language);
        p.verify += t.elapsed();
        assert!(
            reparsed.is_ok(),
            "{}: output does not parse",
            path.display()
        );
        let t = Instant::now();
        let diff = report::unified_diff(&path.display().to_string(), &text, &output);
        p.diff += t.elapsed();
        std::hint::black_box(diff);
    }
    p
}

pub fn print_phases(p: &Phases) {
    let total = p.read
        + p.prefilter
        + p.nesting
        + p.parse
        + p.survey
        + p.find
        + p.plan
        + p.apply
        + p.verify
        + p.diff;
    println!(
        "{} files, {:.1} MB, {} parsed, {} changed; one thread, time per phase:",
        p.files,
        p.bytes as f64 / 1e6,
        p.parsed,
        p.changed
    );
    let rows = [
        ("read", p.read),
        ("prefilter", p.prefilter),
        ("text nesting", p.nesting),
        ("parse", p.parse),
        ("survey", p.survey),
        ("find", p.find),
        ("plan", p.plan),
        ("apply edits", p.apply),
        ("verify re-parse", p.verify),
        ("unified diff", p.diff),
    ];
    for (name, time) in rows {
        println!(
            "  {name:<16} {:>9.1} ms {:>5.1}%",
            time.as_secs_f64() * 1e3,
            100.0 * time.as_secs_f64() / total.as_secs_f64().max(1e-9)
        );
    }
    println!("  {:<16} {:>9.1} ms", "total", total.as_secs_f64() * 1e3);
}

pub fn cmd_phases(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    let files = files_of(&args.paths)?;
    print_phases(&profile(&files));
    Ok(())
}
