//! Real-code corpus: runs the per-file pipeline over every JS/TS file of public mini-program
//! packages and checks what the tool promises for each, and that it handles every site an
//! independent census (babel, `scripts/census/`) counts. A file with uni-app's conditional
//! compilation must also resolve, read as the WeChat build reads it, and then parse. Ignored by
//! default because it needs the packages on disk; `scripts/corpus.sh` fetches them (pinned),
//! takes the census and runs this with `cargo test --test corpus -- --ignored`. `WXWORK_CORPUS`
//! may name any folder instead, with `WXWORK_CORPUS_CENSUS` the census of that folder
//! (`node scripts/census/census.mjs DIR OUT.json`).

#[path = "corpus/census.rs"]
mod census;
mod common;

use std::collections::BTreeMap;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use wxwork_migrate::diagnostic::{Code, Severity};
use wxwork_migrate::ifdef::{has_directive, weixin_view};
use wxwork_migrate::manifest::VueVersion;
use wxwork_migrate::migrate::{migrate, Failure};
use wxwork_migrate::parse::{parse, Language};
use wxwork_migrate::plan::Guard;
use wxwork_migrate::source::LineIndex;

#[derive(Default)]
struct Counts {
    files: usize,
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
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.files += o.files;
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
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<42} {:>6} {:>10} {:>6} {:>6} {:>7} {:>8} {:>5} {:>5} {:>6} {:>8}",
            self.files,
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
        } else if kind.is_file() && Language::from_path(&path).is_some() {
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
    let mut per_package: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut parse_errors = Vec::new();
    let mut sites = Vec::new();
    let mut parse_error_paths = Vec::new();
    let mut declined = Vec::new();
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
        let language = Language::from_path(path).unwrap();
        let bytes = fs::read(path).unwrap();
        c.files += 1;
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

        // Every file is parsed here, also those the tool's prefilter never parses.
        let own_parse = parse(&text, language);
        if let Err(err) = &own_parse {
            c.parse_errors += 1;
            parse_errors.push(format!("{}: {}", at(err.offset), err.message));
            parse_error_paths.push(path.display().to_string());
        }

        let result = catch_unwind(AssertUnwindSafe(|| migrate(&text, language, &guard)));
        let mut fail = |c: &mut Counts, what: String| {
            c.failures += 1;
            problems.push(format!("{}: {what}", rel.display()));
        };
        // uni-app's conditional compilation: the text the WeChat build reads resolves, for
        // either Vue, and parses where the file as written does.
        if has_directive(path, &text) {
            with_directives += 1;
            for vue in [VueVersion::Vue2, VueVersion::Vue3] {
                match weixin_view(path, &text, vue) {
                    Err(err) => fail(c, format!("WX906 at {}: {}", at(err.offset), err.message)),
                    Ok(Some(view)) if own_parse.is_ok() => {
                        if let Err(err) = parse(view.text(), language) {
                            let what =
                                format!("{vue:?} WeChat view does not parse at {}", at(err.offset));
                            fail(c, what);
                        }
                    }
                    Ok(_) => {}
                }
            }
        }
        match result {
            Err(_) => fail(c, "migrate panicked".to_string()),
            Ok(Err(Failure::Internal { offset, message })) => {
                fail(c, format!("WX903 at {}: {message}", at(offset)))
            }
            Ok(Err(Failure::Syntax(err))) => {
                // A real parse error, counted above; it must be the one parse reports.
                if own_parse.as_ref().err() != Some(&err) {
                    fail(
                        c,
                        format!("WX901 {err:?} but parse says {:?}", own_parse.err()),
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
            }
            // Declined on purpose (e.g. nested too deep): left untouched, counted apart.
            #[allow(unreachable_patterns)]
            Ok(Err(other)) => {
                c.declined += 1;
                declined.push(format!("{}: {other:?}", rel.display()));
                if !counted.sites.is_empty() {
                    fail(
                        c,
                        format!("{} census sites left alone: {other:?}", counted.sites.len()),
                    );
                }
            }
            Ok(Ok(migration)) => {
                if migration.parsed {
                    c.parsed += 1;
                    if own_parse.is_err() {
                        fail(c, "migrated although it does not parse".to_string());
                        continue;
                    }
                }
                for f in &migration.findings {
                    *by_code.entry(f.code.as_str()).or_default() += 1;
                    match f.severity() {
                        Severity::Fix => c.rewrites += 1,
                        Severity::Warning => c.flags += 1,
                        Severity::Note => c.notes += 1,
                        Severity::Error => {}
                    }
                    if f.code != Code::LocalWx {
                        sites.push(format!("{}: {} {}", at(f.range.start), f.code, f.message));
                    }
                }
                if migration.output.is_some() {
                    c.changed += 1;
                }
                if let Err(what) = common::check_migration(&text, language, &migration) {
                    fail(c, what);
                }
                if let Some(error) = &counted.error {
                    // No independent count: what the tool found cannot be judged.
                    if migration
                        .findings
                        .iter()
                        .any(|f| census::is_counted(f.code))
                    {
                        fail(
                            c,
                            format!("babel cannot parse it ({error}), so its sites are unchecked"),
                        );
                    }
                }
                for (offset, what) in census::compare(&counted.sites, &migration.findings) {
                    let (line, col) = index.line_col(offset);
                    fail(c, format!("{line}:{col}: {what}"));
                }
            }
        }
    }
    for key in census.keys() {
        problems.push(format!("{key}: in the census, but not read here"));
    }

    let mut total = Counts::default();
    println!(
        "\n{:<42} {:>6} {:>10} {:>6} {:>6} {:>7} {:>8} {:>5} {:>5} {:>6} {:>8}",
        "package",
        "files",
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
        "not UTF-8: {}; declined by the tool: {}; with uni-app directives: {with_directives}; \
         checked in {:.1?}",
        total.not_utf8,
        total.declined,
        started.elapsed()
    );
    for d in &declined {
        println!("  declined: {d}");
    }
    println!("\nfindings other than WX301 (local `wx`):");
    for s in &sites {
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
