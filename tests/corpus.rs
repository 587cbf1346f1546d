//! Real-code corpus: runs the per-file pipeline over every JS/TS file and single-file component
//! (`.vue`, `.wpy`, `.mpx`) of public mini-program packages and checks what the tool promises
//! for each, and that it handles every site an independent census (babel, `scripts/census/`)
//! counts. A file with uni-app's conditional compilation must also resolve, read as the WeChat
//! build reads it, and then parse. Ignored by default because it needs the packages on disk; `scripts/corpus.sh`
//! fetches them (pinned), takes the census and runs this with
//! `cargo test --test corpus -- --ignored`. `WXWORK_CORPUS` may name any folder instead, with
//! `WXWORK_CORPUS_CENSUS` the census of that folder (`node scripts/census/census.mjs DIR
//! OUT.json`).
//!
//! Each file is migrated twice, as `migrate_path` migrates it:
//! - without the WeCom module (what `migrate::migrate` does when no project is known): a read of
//!   the global `wx` is rewritten with the inline guard or reported, a framework site
//!   (`Taro.login`...) is only noted (WX402);
//! - with the module (`import * as wxwork from './wxwork'`, as in a framework project): framework
//!   sites and Promise-style calls are rewritten through it (WX101, WX102) or reported (WX201,
//!   WX403), and the file gets one import of it.
//!
//! Both runs must handle every census site at its offset and rewrite or report nothing else,
//! leave a file without a rewrite byte-identical, change a file only at its rewrite sites (and
//! the module's one import), give an output that parses, and change nothing in a second run.
//! `WXWORK_CORPUS_OUTPUT=DIR` writes each output of the run with the module there, by its path
//! under the corpus, to read what the rewrites look like.

#[path = "corpus/census.rs"]
mod census;
mod common;
#[path = "corpus/module_check.rs"]
mod module_check;

use std::collections::BTreeMap;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use census::Outcome;
use module_check::Kind;
use wxwork_migrate::compat::Clients;
use wxwork_migrate::diagnostic::{Code, Finding, Severity};
use wxwork_migrate::ifdef::{has_directive, weixin_view};
use wxwork_migrate::manifest::VueVersion;
use wxwork_migrate::migrate::{migrate_path, Failure, Migration, Options};
use wxwork_migrate::parse::parse;
use wxwork_migrate::plan::Guard;
use wxwork_migrate::source::LineIndex;
use wxwork_migrate::wecom_module::{ModuleRef, ModuleSource, ModuleStyle, Shapes};

#[derive(Default)]
struct Counts {
    files: usize,
    components: usize,
    bytes: usize,
    not_utf8: usize,
    parsed: usize,
    changed: usize,
    rewrites: usize,
    flags: usize,
    notes: usize,
    parse_errors: usize,
    declined: usize,
    failures: usize,
    census_sites: usize,
    /// Framework sites of the census, and what the run with the module made of them.
    framework_sites: usize,
    framework_rewritten: usize,
    framework_reported: usize,
    framework_left: usize,
    /// Files the run with the module changed, and its rewrites.
    module_changed: usize,
    module_rewrites: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.files += o.files;
        self.components += o.components;
        self.bytes += o.bytes;
        self.not_utf8 += o.not_utf8;
        self.parsed += o.parsed;
        self.changed += o.changed;
        self.rewrites += o.rewrites;
        self.flags += o.flags;
        self.notes += o.notes;
        self.parse_errors += o.parse_errors;
        self.declined += o.declined;
        self.failures += o.failures;
        self.census_sites += o.census_sites;
        self.framework_sites += o.framework_sites;
        self.framework_rewritten += o.framework_rewritten;
        self.framework_reported += o.framework_reported;
        self.framework_left += o.framework_left;
        self.module_changed += o.module_changed;
        self.module_rewrites += o.module_rewrites;
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<42} {:>6} {:>5} {:>10} {:>6} {:>6} {:>7} {:>8} {:>5} {:>5} {:>6} {:>8}",
            self.files,
            self.components,
            self.bytes,
            self.census_sites,
            self.parsed,
            self.changed,
            self.rewrites,
            self.flags,
            self.notes,
            self.parse_errors,
            self.failures
        )
    }

    fn framework_line(&self, name: &str) -> String {
        format!(
            "{name:<42} {:>9} {:>9} {:>8} {:>5} {:>14} {:>15}",
            self.framework_sites,
            self.framework_rewritten,
            self.framework_reported,
            self.framework_left,
            self.module_changed,
            self.module_rewrites
        )
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let kind = entry.file_type().unwrap();
        let path = entry.path();
        if kind.is_dir() {
            collect(&path, files);
        } else if kind.is_file() && Kind::of(&path).is_some() {
            files.push(path);
        }
    }
}

#[test]
#[ignore = "needs the corpus on disk: run scripts/corpus.sh"]
fn real_code_corpus() {
    // The tool gives each file a thread with this much stack; a debug build needs it too.
    let checker = std::thread::Builder::new().stack_size(256 << 20);
    let outcome = checker.spawn(check_corpus).unwrap().join();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// The module as a framework project imports it (ES module, no shape of the project's own).
fn module() -> ModuleRef {
    ModuleRef {
        specifier: "./wxwork".into(),
        style: ModuleStyle::EsModule,
        shapes: Shapes::default(),
        on_top: false,
    }
}

fn options<'a>(guard: &'a Guard, module: Option<ModuleSource<'a>>) -> Options<'a> {
    Options {
        guard,
        ignored: &[],
        verify: true,
        targets: Clients::ALL,
        inventory: false,
        module,
        vue: VueVersion::default(),
    }
}

fn check_corpus() {
    let root = std::env::var_os("WXWORK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".corpus-cache/src"));
    assert!(
        root.is_dir(),
        "{} is not a folder: run scripts/corpus.sh",
        root.display()
    );
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(!files.is_empty(), "no JS/TS files under {}", root.display());
    let census_path = std::env::var_os("WXWORK_CORPUS_CENSUS").map(PathBuf::from);
    let mut census =
        census::load(census_path.as_deref().unwrap_or_else(|| {
            panic!("WXWORK_CORPUS_CENSUS names no census: run scripts/corpus.sh")
        }));

    let guard = Guard::standard();
    let module = || Some(module());
    let plain = options(&guard, None);
    let with_module = options(&guard, Some(&module));
    let mut per_package: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut module_by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut parse_errors = Vec::new();
    let mut sites = Vec::new();
    let mut framework_findings = Vec::new();
    let mut parse_error_paths = Vec::new();
    let mut declined = Vec::new();
    let dump = std::env::var_os("WXWORK_CORPUS_OUTPUT").map(PathBuf::from);
    let mut with_directives = 0;
    let started = std::time::Instant::now();

    for path in &files {
        let rel = path.strip_prefix(&root).unwrap();
        let package = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        let c = per_package.entry(package).or_default();
        let kind = Kind::of(path).unwrap();
        let bytes = fs::read(path).unwrap();
        c.files += 1;
        c.components += usize::from(kind == Kind::Component);
        c.bytes += bytes.len();
        let Ok(text) = String::from_utf8(bytes) else {
            c.not_utf8 += 1;
            continue;
        };
        let index = LineIndex::new(&text);
        let at = |offset: usize| {
            let (line, col) = index.line_col(offset);
            format!("{}:{line}:{col}", rel.display())
        };
        let key = rel.to_string_lossy().replace('\\', "/");
        let Some(counted) = census.remove(&key) else {
            c.failures += 1;
            problems.push(format!("{key}: not in the census"));
            continue;
        };
        c.census_sites += counted.sites.len();
        let framework_sites: Vec<&census::Site> =
            counted.sites.iter().filter(|s| s.is_framework()).collect();
        c.framework_sites += framework_sites.len();

        let scripts: Vec<std::ops::Range<usize>> = match kind {
            Kind::Component => wxwork_migrate::sfc::script_blocks(&text)
                .into_iter()
                .map(|block| block.range)
                .collect(),
            Kind::Script(_) => std::iter::once(0..text.len()).collect(),
        };
        // Every file is parsed here, also those the tool's prefilter never parses, as the tool
        // reads it: a file with uni-app's conditional compilation as the WeChat build does
        // (Vue 2, as the options say).
        let view = weixin_view(path, &text, VueVersion::Vue2).ok().flatten();
        let read = view.as_ref().map_or(text.as_str(), |view| view.text());
        let own_error = module_check::syntax_error(read, kind);
        if let Some((offset, message)) = &own_error {
            c.parse_errors += 1;
            parse_errors.push(format!("{}: {message}", at(*offset)));
            parse_error_paths.push(path.display().to_string());
        }

        // uni-app's conditional compilation: the text the WeChat build reads resolves, for
        // either Vue, and parses where the file as written does.
        if let (Kind::Script(language), true) = (kind, has_directive(path, &text)) {
            with_directives += 1;
            let written_parses = module_check::syntax_error(&text, kind).is_none();
            for vue in [VueVersion::Vue2, VueVersion::Vue3] {
                let what = match weixin_view(path, &text, vue) {
                    // Read as written, as the tool does (`migrate_path`).
                    Err(_) if written_parses => continue,
                    Err(err) => format!("WX906 at {}: {}", at(err.offset), err.message),
                    Ok(Some(view)) if written_parses => match parse(view.text(), language) {
                        Err(err) => {
                            format!("{vue:?} WeChat view does not parse at {}", at(err.offset))
                        }
                        Ok(_) => continue,
                    },
                    Ok(_) => continue,
                };
                c.failures += 1;
                problems.push(format!("{}: {what}", rel.display()));
            }
        }
        for module in [false, true] {
            let opts = if module { &with_module } else { &plain };
            let result = catch_unwind(AssertUnwindSafe(|| migrate_path(path, &text, opts)));
            let run = if module {
                "with the module"
            } else {
                "without the module"
            };
            let mut fail = |c: &mut Counts, what: String| {
                c.failures += 1;
                problems.push(format!("{} ({run}): {what}", rel.display()));
            };
            let migration = match result {
                Err(_) => {
                    fail(c, "migrate panicked".to_string());
                    continue;
                }
                Ok(None) => {
                    fail(c, "migrate_path does not read it".to_string());
                    continue;
                }
                Ok(Some(Err(Failure::Internal { offset, message }))) => {
                    fail(c, format!("WX903 at {}: {message}", at(offset)));
                    continue;
                }
                Ok(Some(Err(Failure::Syntax(err)))) => {
                    // A real parse error, counted above; it must be the one parse reports.
                    if own_error.as_ref().map(|(offset, _)| *offset) != Some(err.offset) {
                        fail(
                            c,
                            format!("WX901 {err:?} but parse says {:?}", own_error.clone()),
                        );
                    }
                    if !counted.sites.is_empty() {
                        fail(
                            c,
                            format!(
                                "{} census sites left alone: swc rejects what babel parses",
                                counted.sites.len()
                            ),
                        );
                    }
                    if module {
                        c.framework_left += framework_sites.len();
                    }
                    continue;
                }
                // Declined on purpose (e.g. nested too deep): left untouched, counted apart.
                #[allow(unreachable_patterns)]
                Ok(Some(Err(other))) => {
                    if !module {
                        c.declined += 1;
                        declined.push(format!("{}: {other:?}", rel.display()));
                    } else {
                        c.framework_left += framework_sites.len();
                    }
                    if !counted.sites.is_empty() {
                        fail(
                            c,
                            format!("{} census sites left alone: {other:?}", counted.sites.len()),
                        );
                    }
                    continue;
                }
                Ok(Some(Ok(migration))) => migration,
            };
            if let (true, Some(dir), Some(output)) = (module, &dump, &migration.output) {
                let target = dir.join(rel);
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::write(target, output).unwrap();
            }
            if migration.parsed && own_error.is_some() {
                fail(c, "migrated although it does not parse".to_string());
                continue;
            }
            record(
                c,
                module,
                &migration,
                if module {
                    &mut module_by_code
                } else {
                    &mut by_code
                },
                &mut |f: &Finding| {
                    let line = format!("{}: {} {}", at(f.range.start), f.code, f.message);
                    if module {
                        // The run with the module differs only at framework and Promise-style
                        // sites: list what it found there.
                        if matches!(f.code, Code::FrameworkShape)
                            || f.uses_module
                            || (f.code == Code::GetUserInfo
                                && framework_sites
                                    .iter()
                                    .any(|s| f.range.start <= s.0 && s.0 < f.range.end))
                        {
                            framework_findings.push(line);
                        }
                    } else if f.code != Code::LocalWx {
                        sites.push(line);
                    }
                },
            );
            // The run without the module: the checks every JS/TS file always had.
            let checked = match (kind, module) {
                (Kind::Script(language), false) => {
                    common::check_migration(&text, language, &migration).map(|()| None)
                }
                _ => module_check::check(path, &text, kind, &migration, opts).map(Some),
            };
            match checked {
                Err(what) => fail(c, what),
                // Each replaced token is a census site's.
                Ok(Some(tokens)) => {
                    for token in tokens {
                        if !counted.sites.iter().any(|s| s.0 == token) {
                            fail(
                                c,
                                format!(
                                    "{}: a rewrite replaces a token no census site starts",
                                    at(token)
                                ),
                            );
                        }
                    }
                }
                Ok(None) => {}
            }
            // A component's `<template>` is scanned as WXML is (`open-type="getUserInfo"`): the
            // census counts scripts only.
            let judged: Vec<Finding> = migration
                .findings
                .iter()
                .filter(|f| {
                    scripts
                        .iter()
                        .any(|block| block.start <= f.range.start && f.range.end <= block.end)
                })
                .cloned()
                .collect();
            if let Some(error) = &counted.error {
                // No independent count: what the tool found cannot be judged.
                if judged.iter().any(|f| census::is_counted(f.code)) {
                    fail(
                        c,
                        format!("babel cannot parse it ({error}), so its sites are unchecked"),
                    );
                }
            }
            for (offset, what) in census::compare(&counted.sites, &judged, module) {
                fail(c, format!("{}: {what}", at(offset)));
            }
            if module {
                for site in &framework_sites {
                    match census::outcome(site, &judged) {
                        Outcome::Rewritten => c.framework_rewritten += 1,
                        Outcome::Reported => c.framework_reported += 1,
                        Outcome::Left => c.framework_left += 1,
                    }
                }
            }
        }
    }
    for key in census.keys() {
        problems.push(format!("{key}: in the census, but not read here"));
    }

    let mut total = Counts::default();
    println!(
        "\nwithout the module (what `migrate` does):\n{:<42} {:>6} {:>5} {:>10} {:>6} {:>6} {:>7} {:>8} {:>5} {:>5} {:>6} {:>8}",
        "package",
        "files",
        "comps",
        "bytes",
        "census",
        "parsed",
        "changed",
        "rewrites",
        "flags",
        "notes",
        "errors",
        "failures"
    );
    for (name, c) in &per_package {
        println!("{}", c.line(name));
        total.add(c);
    }
    println!("{}", total.line("total"));
    println!("findings by code: {by_code:?}");
    println!(
        "\nwith the module (`import * as wxwork from './wxwork'`):\n{:<42} {:>9} {:>9} {:>8} {:>5} {:>14} {:>15}",
        "package", "framework", "rewritten", "reported", "left", "changed files", "rewrites (all)"
    );
    for (name, c) in per_package.iter().filter(|(_, c)| {
        c.framework_sites > 0 || c.module_changed != c.changed || c.module_rewrites != c.rewrites
    }) {
        println!("{}", c.framework_line(name));
    }
    println!("{}", total.framework_line("total"));
    println!("findings by code: {module_by_code:?}");
    println!(
        "\nnot UTF-8: {}; declined by the tool: {}; with uni-app directives: {with_directives}; \
         checked in {:.1?}",
        total.not_utf8,
        total.declined,
        started.elapsed()
    );
    for d in &declined {
        println!("  declined: {d}");
    }
    println!("\nfindings other than WX301 (local `wx`), without the module:");
    for s in &sites {
        println!("  {s}");
    }
    println!("\nframework and Promise-style findings with the module:");
    for s in &framework_findings {
        println!("  {s}");
    }
    println!("\nparse errors ({}):", parse_errors.len());
    for e in &parse_errors {
        println!("  {e}");
    }
    // scripts/corpus.sh asks node whether these files really do not parse.
    if let Some(list) = std::env::var_os("WXWORK_CORPUS_PARSE_ERRORS") {
        let mut text = parse_error_paths.join("\n");
        text.push('\n');
        fs::write(list, text.trim_start()).unwrap();
    }
    println!("\nfailures ({}):", problems.len());
    for p in &problems {
        println!("  {p}");
    }
    assert!(problems.is_empty(), "{} failures", problems.len());
}

/// Counts a run's findings and output in `c` (the run with the module only where it differs),
/// and hands each finding to `list`.
fn record(
    c: &mut Counts,
    module: bool,
    migration: &Migration,
    by_code: &mut BTreeMap<&'static str, usize>,
    list: &mut dyn FnMut(&Finding),
) {
    for f in &migration.findings {
        *by_code.entry(f.code.as_str()).or_default() += 1;
        list(f);
        if module {
            if common::is_rewrite(f.code) {
                c.module_rewrites += 1;
            }
            continue;
        }
        match f.severity() {
            Severity::Fix => c.rewrites += 1,
            Severity::Warning => c.flags += 1,
            Severity::Note => c.notes += 1,
            Severity::Error => {}
        }
    }
    if module {
        c.module_changed += usize::from(migration.output.is_some());
    } else {
        c.parsed += usize::from(migration.parsed);
        c.changed += usize::from(migration.output.is_some());
    }
}
