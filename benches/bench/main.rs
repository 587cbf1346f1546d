//! The benchmark's Rust half: a deterministic generator of mini-program-shaped trees, the two
//! floors the tool is measured against (reading every file's bytes, and swc parse-only of every
//! file in parallel), and a per-phase profile of the tool's own pipeline through the library.
//! `scripts/bench.sh` drives it and times every command the same way; `cargo bench` alone runs a
//! quick in-process pass on a generated 1k-file tree.
//!
//! ```text
//! bench gen DIR --files N --flavour realistic|parse-all   write a tree (same N, same bytes)
//! bench read DIR [--jobs N]                               the floor: read every file's bytes
//! bench parse DIR [--jobs N]                              the parser's limit: swc parse-only
//! bench write-floor --list FILE [--jobs N] [--durability syncfs|fdatasync|per-file|none]
//!                   [--batch N]                           the disk's: the files rewritten safely
//! bench phases DIR                                        one thread, time per pipeline phase
//! ```
//!
//! `read` and `parse` take their file list from the tool's own `discover`, so all three see the
//! same files.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use wxwork_migrate::compat::Clients;
use wxwork_migrate::discover::discover;
use wxwork_migrate::limits::check_text_nesting;
use wxwork_migrate::parse::{parse, Language};
use wxwork_migrate::plan::{plan, Context, Guard};
use wxwork_migrate::prefilter::may_reach_api;
use wxwork_migrate::write::{self, Batch, Durability, BATCH_FILES};
use wxwork_migrate::{edit, find, report};

/// The tool's own allocator (see `src/main.rs`), so that the floors are measured on equal terms.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; drop it and any other flag cargo adds.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| arg != "--bench")
        .collect();
    let result = match args.first().map(String::as_str) {
        None => quick(),
        Some("gen") => cmd_gen(&args[1..]),
        Some("read") => cmd_read(&args[1..]),
        Some("parse") => cmd_parse(&args[1..]),
        Some("write-floor") => cmd_write_floor(&args[1..]),
        Some("phases") => cmd_phases(&args[1..]),
        Some(other) => Err(format!("unknown command {other:?}; see benches/bench.rs")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench: {message}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Arguments

struct Args {
    /// The folders or files to look at (`gen`: the folder to write).
    paths: Vec<PathBuf>,
    files: usize,
    flavour: Flavour,
    jobs: usize,
    /// `write-floor`: how each batch is made durable; `None`, one `fsync` per file.
    durability: Option<Durability>,
    batch: usize,
}

fn args(raw: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        paths: Vec::new(),
        files: 1000,
        flavour: Flavour::Realistic,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        durability: Some(Durability::default()),
        batch: BATCH_FILES,
    };
    let mut raw = raw.iter();
    while let Some(arg) = raw.next() {
        let mut value = || raw.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--files" => parsed.files = value()?.parse().map_err(|e| format!("--files: {e}"))?,
            "--jobs" => parsed.jobs = value()?.parse().map_err(|e| format!("--jobs: {e}"))?,
            "--batch" => parsed.batch = value()?.parse().map_err(|e| format!("--batch: {e}"))?,
            "--durability" => {
                parsed.durability = match value()?.as_str() {
                    "syncfs" => Some(Durability::FileSystem),
                    "fdatasync" => Some(Durability::EachFile),
                    "none" => Some(Durability::Unsynced),
                    "per-file" => None,
                    other => return Err(format!("unknown durability {other:?}")),
                }
            }
            "--flavour" => {
                parsed.flavour = match value()?.as_str() {
                    "realistic" => Flavour::Realistic,
                    "parse-all" => Flavour::ParseAll,
                    other => return Err(format!("unknown flavour {other:?}")),
                }
            }
            // A file of paths, one a line: the changed files, for the re-parse figure.
            "--list" => {
                let list = fs::read_to_string(value()?).map_err(|e| format!("--list: {e}"))?;
                parsed.paths.extend(list.lines().map(PathBuf::from));
            }
            _ if !arg.starts_with('-') => parsed.paths.push(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    if parsed.paths.is_empty() {
        return Err("a folder is needed".to_string());
    }
    Ok(parsed)
}

// ---------------------------------------------------------------------------------------------
// The floors

fn files_of(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let found = discover(paths, &[], false).map_err(|e| e.to_string())?;
    Ok(found.files)
}

fn pool(jobs: usize) -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(64 << 20)
        .build()
        .map_err(|e| e.to_string())
}

/// Reads every file the tool would process, in parallel, keeping one file at a time per thread.
fn cmd_read(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    let files = files_of(&args.paths)?;
    let bytes = AtomicU64::new(0);
    pool(args.jobs)?.install(|| {
        files.par_iter().with_max_len(1).for_each(|path| {
            let text = fs::read(path).unwrap_or_default();
            bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
        })
    });
    println!("files={} bytes={}", files.len(), bytes.into_inner());
    Ok(())
}

/// Reads, decodes and parses every file with swc, in parallel: what the tool cannot beat when
/// it has to parse everything.
fn cmd_parse(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    let files = files_of(&args.paths)?;
    let bytes = AtomicU64::new(0);
    let errors = AtomicUsize::new(0);
    pool(args.jobs)?.install(|| {
        files.par_iter().with_max_len(1).for_each(|path| {
            let Some(language) = Language::from_path(path) else {
                return;
            };
            let text = fs::read_to_string(path).unwrap_or_default();
            bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
            if parse(&text, language).is_err() {
                errors.fetch_add(1, Ordering::Relaxed);
            }
        })
    });
    println!(
        "files={} bytes={} parse_errors={}",
        files.len(),
        bytes.into_inner(),
        errors.into_inner()
    );
    Ok(())
}

/// Rewrites each listed file with its own bytes the way `--write` replaces files (temporary
/// files written beside them in parallel, made durable a batch at a time, renamed over them, the
/// folders synced at the end): what writing the changed files costs the file system, whoever
/// does it. The files keep their contents. `--durability per-file` measures the old way, one
/// sync per file before its rename.
fn cmd_write_floor(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    let failures = AtomicUsize::new(0);
    let pool = pool(args.jobs)?;
    let stage = |path: &PathBuf| -> std::io::Result<write::Staged> {
        let bytes = fs::read(path)?;
        write::stage(path, &bytes, write::Snapshot::of(&fs::metadata(path)?))
    };
    let Some(durability) = args.durability else {
        pool.install(|| {
            args.paths.par_iter().with_max_len(1).for_each(|path| {
                let staged = stage(path).and_then(|staged| {
                    let mut batch = Batch::new(Durability::EachFile);
                    batch.commit(vec![staged]).remove(0)
                });
                if staged.is_err() {
                    failures.fetch_add(1, Ordering::Relaxed);
                }
            })
        });
        return report_failures(args.paths.len(), failures.into_inner());
    };
    let mut batch = Batch::new(durability);
    for paths in args.paths.chunks(args.batch.max(1)) {
        let staged: Vec<_> = pool.install(|| paths.par_iter().with_max_len(1).map(stage).collect());
        let staged = staged
            .into_iter()
            .filter_map(|staged| {
                staged
                    .map_err(|_| failures.fetch_add(1, Ordering::Relaxed))
                    .ok()
            })
            .collect();
        let failed = batch.commit(staged).iter().filter(|r| r.is_err()).count();
        failures.fetch_add(failed, Ordering::Relaxed);
    }
    batch
        .sync_folders()
        .map_err(|e| format!("syncing the folders: {e}"))?;
    report_failures(args.paths.len(), failures.into_inner())
}

fn report_failures(files: usize, failures: usize) -> Result<(), String> {
    println!("files={files} failures={failures}");
    if failures > 0 {
        return Err(format!("{failures} files could not be rewritten"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Where the tool's time goes

#[derive(Default)]
struct Phases {
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
fn profile(files: &[PathBuf]) -> Phases {
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

fn print_phases(p: &Phases) {
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

fn cmd_phases(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    let files = files_of(&args.paths)?;
    print_phases(&profile(&files));
    Ok(())
}

fn cmd_gen(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    generate(&args.paths[0], args.files, args.flavour)
}

/// `cargo bench` with no arguments: a 1k-file tree of each flavour, timed in-process.
fn quick() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(".bench-cache/trees");
    for flavour in [Flavour::ParseAll, Flavour::Realistic] {
        let dir = root.join(format!("{}-1000", flavour.name()));
        if !dir.join(".complete").exists() {
            generate(&dir, 1000, flavour)?;
        }
        let files = files_of(std::slice::from_ref(&dir))?;
        let t = Instant::now();
        let bytes: usize = files
            .par_iter()
            .map(|f| fs::read(f).map_or(0, |b| b.len()))
            .sum();
        let read = t.elapsed();
        let t = Instant::now();
        files.par_iter().for_each(|f| {
            if let (Some(language), Ok(text)) = (Language::from_path(f), fs::read_to_string(f)) {
                std::hint::black_box(parse(&text, language).is_ok());
            }
        });
        let parsed = t.elapsed();
        println!(
            "\n{} ({} files, {:.1} MB): read {:.1} ms, parse-only {:.1} ms (all cores)",
            dir.display(),
            files.len(),
            bytes as f64 / 1e6,
            read.as_secs_f64() * 1e3,
            parsed.as_secs_f64() * 1e3
        );
        print_phases(&profile(&files));
    }
    println!("\nThe full comparison (the CLI, ast-grep, jscodeshift, rg): scripts/bench.sh");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The generator

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    /// Most files never mention the APIs; a few hold the calls, as in a real mini-program.
    Realistic,
    /// Every file names `login` or `checkSession` as a property, so the prefilter lets every
    /// file through and the tool must parse them all; a quarter hold real rewrite sites.
    ParseAll,
}

impl Flavour {
    fn name(self) -> &'static str {
        match self {
            Flavour::Realistic => "realistic",
            Flavour::ParseAll => "parse-all",
        }
    }
}

/// splitmix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent_tenths: u64) -> bool {
        self.next() % 1000 < percent_tenths
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TITLES: [&str; 12] = [
    "我的订单",
    "商品详情",
    "购物车",
    "个人中心",
    "地址管理",
    "优惠券",
    "消息通知",
    "门店列表",
    "会员积分",
    "售后服务",
    "搜索结果",
    "设置",
];
const TOASTS: [&str; 8] = [
    "加载失败，请稍后重试",
    "网络开小差了",
    "已保存",
    "删除成功",
    "请先选择商品",
    "库存不足",
    "提交成功，等待审核",
    "复制成功",
];
const RESOURCES: [&str; 10] = [
    "orders", "items", "cart", "coupons", "stores", "members", "messages", "address", "points",
    "refunds",
];

/// What one file holds besides its ordinary code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extra {
    /// Nothing about the APIs: the prefilter skips the file.
    Nothing,
    /// Mentions `login` or `checkSession` without a rewrite site (a route, a comment, a field):
    /// the prefilter proves it holds none.
    Mention,
    /// Calls the app's own `login` or `checkSession` (`getApp().login()`): a property name, so
    /// the prefilter lets it through, and the parse finds nothing.
    Call,
    /// Holds `wx.login` / `wx.checkSession` sites to rewrite.
    Sites,
    /// Holds a `wx.getUserInfo` call, which is flagged.
    Flag,
    /// Holds a `\u` escape of Chinese text in a string, which cannot spell an API's name.
    Escape,
}

fn extra_for(rng: &mut Rng, flavour: Flavour) -> Extra {
    match flavour {
        Flavour::ParseAll => {
            if rng.chance(250) {
                Extra::Sites
            } else {
                Extra::Call
            }
        }
        Flavour::Realistic => match rng.below(1000) {
            0..=19 => Extra::Sites,
            20..=24 => Extra::Flag,
            25..=29 => Extra::Escape,
            30..=79 => Extra::Mention,
            _ => Extra::Nothing,
        },
    }
}

/// Writes a tree with `files` JavaScript/TypeScript files for the tool to process, plus
/// `.json`/`.wxml`/`.wxss` beside each page and a few packages in `node_modules` and
/// `miniprogram_npm` that every tool must skip. The same arguments give the same bytes.
fn generate(dir: &Path, files: usize, flavour: Flavour) -> Result<(), String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut rng = Rng(0x5EED ^ (files as u64) ^ (u64::from(flavour == Flavour::ParseAll) << 40));
    let mut written = 0usize;
    let mut bytes = 0usize;
    let mut put = |path: PathBuf, text: String| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        bytes += text.len();
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    put(dir.join("app.js"), app_js())?;
    written += 1;
    let mut i = 0;
    while written < files {
        let package = if i < 400 {
            String::new()
        } else {
            format!("package{}/", i / 400)
        };
        let extra = extra_for(&mut rng, flavour);
        let semi = rng.chance(500);
        let (path, text) = match rng.below(20) {
            0..=8 => {
                let path = dir.join(format!("{package}pages/page{i}/index.js"));
                let base = path.with_extension("");
                put(base.with_extension("json"), page_json(&mut rng))?;
                put(base.with_extension("wxml"), page_wxml(&mut rng, i))?;
                put(base.with_extension("wxss"), page_wxss(i))?;
                (path, page_js(&mut rng, i, extra, semi, "Page"))
            }
            9..=13 => (
                dir.join(format!("{package}components/comp{i}/index.js")),
                page_js(&mut rng, i, extra, semi, "Component"),
            ),
            14..=16 => (
                dir.join(format!("{package}utils/util{i}.js")),
                util_js(&mut rng, i, extra, semi),
            ),
            _ => (
                dir.join(format!("{package}services/service{i}.ts")),
                service_ts(&mut rng, i, extra),
            ),
        };
        put(path, text)?;
        written += 1;
        i += 1;
    }
    // Dependencies hold the APIs too; processing them would be wrong and slow.
    for k in 0..(files / 50).max(2) {
        let text = page_js(&mut rng, 900_000 + k, Extra::Sites, true, "Component");
        put(
            dir.join(format!("node_modules/dep{k}/index.js")),
            text.clone(),
        )?;
        put(dir.join(format!("miniprogram_npm/dep{k}/index.js")), text)?;
    }
    fs::write(dir.join(".complete"), "").map_err(|e| e.to_string())?;
    println!(
        "wrote {} files ({:.1} MB with pages' json/wxml/wxss) to {}",
        written,
        bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}

/// The entry file: both flavours log in here, as the WeChat template does.
fn app_js() -> String {
    let mut s = String::from(
        "// app.js：小程序入口\nApp({\n  globalData: {\n    baseUrl: 'https://api.example.com',\n    \
         token: null,\n    userInfo: null\n  },\n  onLaunch() {\n    const logs = \
         wx.getStorageSync('logs') || []\n    logs.unshift(Date.now())\n    \
         wx.setStorageSync('logs', logs)\n",
    );
    s.push_str(
        "    // 登录\n    wx.login({\n      success: res => {\n        \
         // 发送 res.code 到后台换取 openId, sessionKey, unionId\n        \
         this.globalData.code = res.code\n      }\n    })\n",
    );
    s.push_str("  }\n})\n");
    s
}

fn page_json(rng: &mut Rng) -> String {
    format!(
        "{{\n  \"navigationBarTitleText\": \"{}\",\n  \"usingComponents\": {{}}\n}}\n",
        rng.pick(&TITLES)
    )
}

fn page_wxml(rng: &mut Rng, i: usize) -> String {
    format!(
        "<view class=\"page-{i}\">\n  <view wx:for=\"{{{{list}}}}\" wx:key=\"id\" \
         bindtap=\"onTap\" data-id=\"{{{{item.id}}}}\">\n    <text>{{{{item.name}}}}</text>\n    \
         <text class=\"price\">¥{{{{item.price}}}}</text>\n  </view>\n  \
         <view wx:if=\"{{{{!list.length}}}}\">{}</view>\n</view>\n",
        rng.pick(&TOASTS)
    )
}

fn page_wxss(i: usize) -> String {
    format!(".page-{i} {{ padding: 24rpx; }}\n.price {{ color: #fa5151; }}\n")
}

/// One method body of ordinary mini-program code: requests, navigation, storage, modals,
/// async/await, loops and template literals, with Chinese strings and comments.
fn snippet(rng: &mut Rng, out: &mut String, name: &str, semi: &str) {
    let res = rng.pick(&RESOURCES);
    let toast = rng.pick(&TOASTS);
    let title = rng.pick(&TITLES);
    let n = rng.below(1000);
    let _ = match rng.below(8) {
        0 => write!(
            out,
            "  {name}(e) {{\n    // 拉取{title}数据\n    const id = e && e.currentTarget ? \
             e.currentTarget.dataset.id : {n}{semi}\n    this.setData({{ loading: true }}){semi}\n    \
             wx.request({{\n      url: `${{app.globalData.baseUrl}}/api/v1/{res}/${{id}}`,\n      \
             method: 'GET',\n      header: {{ Authorization: `Bearer ${{app.globalData.token}}` }},\n      \
             success: (res) => {{\n        if (res.statusCode === 200 && res.data) {{\n          \
             const list = (res.data.items || []).map(item => ({{ ...item, label: `${{item.name}} · \
             ${{item.count || 0}}件` }})){semi}\n          this.setData({{ list, loading: false }}){semi}\n        \
             }} else {{\n          wx.showToast({{ title: '{toast}', icon: 'none' }}){semi}\n        \
             }}\n      }},\n      fail: (err) => {{\n        console.error('[{res}] request failed', err){semi}\n        \
             this.setData({{ loading: false }}){semi}\n      }}\n    }}){semi}\n  }},\n"
        ),
        1 => write!(
            out,
            "  {name}(e) {{\n    const {{ id, type }} = e.currentTarget.dataset{semi}\n    \
             if (!id) return{semi}\n    wx.navigateTo({{\n      url: \
             `/pages/{res}/detail?id=${{id}}&type=${{type || 'default'}}&from={n}`,\n      \
             fail: () => wx.showToast({{ title: '{toast}', icon: 'none' }})\n    }}){semi}\n  }},\n"
        ),
        2 => write!(
            out,
            "  {name}() {{\n    /* 缓存十分钟，避免重复请求{title} */\n    \
             const cached = wx.getStorageSync('cache_{res}_{n}'){semi}\n    \
             if (cached && Date.now() - cached.ts < 10 * 60 * 1000) {{\n      \
             this.setData({{ list: cached.list }}){semi}\n      return cached.list{semi}\n    }}\n    \
             const fresh = {{ ts: Date.now(), list: this.data.list.filter(x => x && x.id > {n}) }}{semi}\n    \
             wx.setStorageSync('cache_{res}_{n}', fresh){semi}\n    return fresh.list{semi}\n  }},\n"
        ),
        3 => write!(
            out,
            "  async {name}() {{\n    wx.showLoading({{ title: '加载中', mask: true }}){semi}\n    \
             try {{\n      const [a, b] = await Promise.all([\n        this.fetchPage({n}),\n        \
             this.fetchPage({n} + 1)\n      ]){semi}\n      this.setData({{ list: [...a, ...b], \
             total: a.length + b.length }}){semi}\n    }} catch (err) {{\n      \
             wx.showToast({{ title: '{toast}', icon: 'none' }}){semi}\n    }} finally {{\n      \
             wx.hideLoading(){semi}\n    }}\n  }},\n"
        ),
        4 => write!(
            out,
            "  {name}(value) {{\n    // 格式化金额，例如 ¥1,234.50\n    const cents = \
             Math.round(Number(value || 0) * 100){semi}\n    const yuan = Math.floor(cents / 100)\n      \
             .toString()\n      .replace(/\\B(?=(\\d{{3}})+(?!\\d))/g, ','){semi}\n    \
             return `¥${{yuan}}.${{String(cents % 100).padStart(2, '0')}}`{semi}\n  }},\n"
        ),
        5 => write!(
            out,
            "  {name}(e) {{\n    const index = e.currentTarget.dataset.index{semi}\n    \
             wx.showModal({{\n      title: '提示',\n      content: '确定要删除这条{title}记录吗？',\n      \
             success: ({{ confirm }}) => {{\n        if (!confirm) return{semi}\n        \
             const list = this.data.list.slice(){semi}\n        list.splice(index, 1){semi}\n        \
             this.setData({{ list }}){semi}\n        wx.showToast({{ title: '{toast}' }}){semi}\n      \
             }}\n    }}){semi}\n  }},\n"
        ),
        6 => write!(
            out,
            "  {name}(list) {{\n    let sum = 0{semi}\n    const groups = {{}}{semi}\n    \
             for (let i = 0; i < list.length; i++) {{\n      const item = list[i]{semi}\n      \
             const key = item.category || '其他'{semi}\n      groups[key] = groups[key] || []{semi}\n      \
             groups[key].push(item){semi}\n      sum += item.price * (item.count || 1){semi}\n    }}\n    \
             return {{ groups, sum: sum.toFixed(2), size: {n} }}{semi}\n  }},\n"
        ),
        _ => write!(
            out,
            "  {name}() {{\n    const query = wx.createSelectorQuery().in(this){semi}\n    \
             query.select('.list-{n}').boundingClientRect(rect => {{\n      if (!rect) return{semi}\n      \
             this.setData({{ height: rect.height, scrolled: rect.top < 0 }}){semi}\n    \
             }}).exec(){semi}\n    wx.pageScrollTo({{ scrollTop: 0, duration: 300 }}){semi}\n  }},\n"
        ),
    };
}

/// Code that reaches the APIs or mentions them, placed as one more method.
fn extra_method(rng: &mut Rng, out: &mut String, extra: Extra, semi: &str) {
    let _ = match extra {
        Extra::Nothing => Ok(()),
        Extra::Mention => match rng.below(3) {
            0 => write!(
                out,
                "  goLogin() {{\n    // 未登录时跳转登录页\n    \
                 wx.navigateTo({{ url: '/pages/login/login' }}){semi}\n  }},\n"
            ),
            1 => write!(
                out,
                "  onShow() {{\n    // checkSession 由 app.js 统一处理，这里只读缓存\n    \
                 this.setData({{ logged: !!wx.getStorageSync('token') }}){semi}\n  }},\n"
            ),
            _ => write!(
                out,
                "  resetState() {{\n    this.setData({{ loginState: 'idle', retries: 0 }}){semi}\n  }},\n"
            ),
        },
        Extra::Sites => write!(
            out,
            "  ensureSession() {{\n    return new Promise((resolve, reject) => {{\n      \
             wx.checkSession({{\n        success: resolve,\n        fail: () => {{\n          \
             // session_key 已经失效，需要重新执行登录流程\n          wx.login({{\n            \
             success: ({{ code }}) => {{\n              wx.request({{\n                \
             url: `${{app.globalData.baseUrl}}/api/v1/session`,\n                \
             method: 'POST',\n                data: {{ code }},\n                \
             success: (res) => {{ wx.setStorageSync('token', res.data.token); resolve() }},\n                \
             fail: reject\n              }}){semi}\n            }},\n            \
             fail: reject\n          }}){semi}\n        }}\n      }}){semi}\n    }}){semi}\n  }},\n"
        ),
        Extra::Flag => write!(
            out,
            "  loadProfile() {{\n    wx.getUserInfo({{\n      \
             success: (res) => this.setData({{ nickName: res.userInfo.nickName }})\n    \
             }}){semi}\n  }},\n"
        ),
        Extra::Escape => write!(
            out,
            "  hint() {{\n    return '\\u767b\\u5f55\\u5df2\\u8fc7\\u671f'{semi}\n  }},\n"
        ),
        Extra::Call => write!(
            out,
            "  onTapRetry() {{\n    // 登录失效时由 app.js 重新登录\n    \
             app.login().then(() => this.onShow()){semi}\n  }},\n"
        ),
    };
}

fn methods(rng: &mut Rng, out: &mut String, i: usize, extra: Extra, semi: &str) {
    let count = 4 + rng.below(40);
    let at = rng.below(count);
    for k in 0..count {
        if k == at {
            extra_method(rng, out, extra, semi);
        }
        snippet(rng, out, &format!("handle{i}x{k}"), semi);
    }
}

fn page_js(rng: &mut Rng, i: usize, extra: Extra, semi: bool, kind: &str) -> String {
    let semi = if semi { ";" } else { "" };
    let title = rng.pick(&TITLES);
    let mut s = format!(
        "// {title}：第 {i} 号{kind}\nconst app = getApp(){semi}\n\
         const {{ formatTime }} = require('../../utils/util'){semi}\n\n\
         /**\n * {title}。数据来自 /api/v1，分页加载，下拉刷新。\n */\n{kind}({{\n"
    );
    if kind == "Component" {
        s.push_str(
            "  properties: {\n    item: { type: Object, value: {} },\n    \
             mode: { type: String, value: 'card' }\n  },\n",
        );
    }
    let _ = write!(
        s,
        "  data: {{\n    list: [],\n    loading: false,\n    title: '{title}',\n    page: 1\n  }},\n"
    );
    if kind == "Component" {
        s.push_str("  methods: {\n");
    }
    methods(rng, &mut s, i, extra, semi);
    let _ = write!(
        s,
        "  fetchPage(page) {{\n    return new Promise((resolve) => resolve(page ? [] : \
         [])){semi}\n  }}\n"
    );
    if kind == "Component" {
        s.push_str("  }\n");
    }
    s.push_str("})\n");
    s
}

fn util_js(rng: &mut Rng, i: usize, extra: Extra, semi: bool) -> String {
    let semi = if semi { ";" } else { "" };
    let mut s = format!(
        "/**\n * 工具函数 {i}：日期、金额、缓存与请求封装。\n */\n\
         const formatNumber = n => {{\n  n = n.toString(){semi}\n  return n[1] ? n : `0${{n}}`{semi}\n}}\n\n\
         export const formatTime = date => {{\n  const year = date.getFullYear(){semi}\n  \
         const month = date.getMonth() + 1{semi}\n  const day = date.getDate(){semi}\n  \
         return [year, month, day].map(formatNumber).join('/'){semi}\n}}\n\n\
         export const helpers{i} = {{\n"
    );
    methods(rng, &mut s, i, extra, semi);
    let _ = write!(
        s,
        "  fetchPage(page) {{\n    return Promise.resolve(page){semi}\n  }}\n}}{semi}\n"
    );
    s
}

fn service_ts(rng: &mut Rng, i: usize, extra: Extra) -> String {
    let res = rng.pick(&RESOURCES);
    let title = rng.pick(&TITLES);
    let mut s = format!(
        "// {title}服务（TypeScript）\nimport {{ formatTime }} from '../utils/util';\n\n\
         export interface Item{i} {{\n  id: number;\n  name: string;\n  price?: number;\n  \
         tags: readonly string[];\n  createdAt: string;\n}}\n\n\
         export type Page{i}<T> = {{ items: T[]; total: number; next?: string | null }};\n\n\
         export enum Status{i} {{ Idle = 'idle', Loading = 'loading', Done = 'done' }}\n\n\
         export class Service{i} {{\n  private cache = new Map<string, Item{i}>();\n  \
         private status: Status{i} = Status{i}.Idle;\n\n  \
         constructor(private readonly baseUrl: string) {{}}\n\n"
    );
    let count = 3 + rng.below(25);
    let at = rng.below(count);
    for k in 0..count {
        if k == at {
            let _ = match extra {
                Extra::Nothing => Ok(()),
                Extra::Mention => write!(
                    s,
                    "  // 登录态（login）由 AuthService 维护\n  \
                     needsLogin(): boolean {{\n    return !wx.getStorageSync('token');\n  }}\n\n"
                ),
                Extra::Sites => write!(
                    s,
                    "  async code(): Promise<string> {{\n    \
                     const res = await new Promise<WechatMiniprogram.LoginSuccessCallbackResult>(\n      \
                     (resolve, reject) => wx.login({{ success: resolve, fail: reject }}),\n    );\n    \
                     await new Promise<void>((resolve, reject) =>\n      \
                     (wx as any).checkSession({{ success: () => resolve(), fail: reject }}),\n    );\n    \
                     return res.code;\n  }}\n\n"
                ),
                Extra::Flag => write!(
                    s,
                    "  profile(): void {{\n    wx.getUserInfo({{ success: (r) => \
                     console.log(r.userInfo) }});\n  }}\n\n"
                ),
                Extra::Escape => write!(
                    s,
                    "  hint(): string {{\n    return '\\u767b\\u5f55';\n  }}\n\n"
                ),
                Extra::Call => write!(
                    s,
                    "  // 会话由 AuthService 统一校验\n  \
                     valid(): Promise<boolean> {{\n    return this.auth.checkSession();\n  }}\n\n"
                ),
            };
        }
        let n = rng.below(1000);
        let toast = rng.pick(&TOASTS);
        let _ = match rng.below(3) {
            0 => write!(
                s,
                "  async get{k}(id: string): Promise<Item{i} | undefined> {{\n    \
                 const hit = this.cache.get(id);\n    if (hit) return hit;\n    \
                 this.status = Status{i}.Loading;\n    \
                 const item = await new Promise<Item{i}>((resolve, reject) => {{\n      \
                 wx.request({{\n        url: `${{this.baseUrl}}/api/v1/{res}/${{id}}?v={n}`,\n        \
                 success: (res) => resolve(res.data as Item{i}),\n        fail: reject,\n      }});\n    \
                 }});\n    this.cache.set(id, item);\n    this.status = Status{i}.Done;\n    \
                 return item;\n  }}\n\n"
            ),
            1 => write!(
                s,
                "  list{k}(page: Page{i}<Item{i}>, min = {n}): string[] {{\n    \
                 // 过滤掉价格低于 min 的条目\n    return page.items\n      \
                 .filter((it): it is Item{i} & {{ price: number }} => (it.price ?? 0) >= min)\n      \
                 .map((it) => `${{it.name}}（${{formatTime(new Date(it.createdAt))}}）`);\n  }}\n\n"
            ),
            _ => write!(
                s,
                "  notify{k}<K extends keyof Item{i}>(key: K, value: Item{i}[K]): void {{\n    \
                 if (value === undefined) {{\n      \
                 wx.showToast({{ title: '{toast}', icon: 'none' }});\n      return;\n    }}\n    \
                 console.info(`[{res}] ${{String(key)}} =`, value);\n  }}\n\n"
            ),
        };
    }
    s.push_str("}\n");
    s
}
