//! The generated input (`gen`): trees of mini-program code, the same bytes for the same size and
//! flavour on every machine, so that figures from different builds and machines compare. Two
//! flavours: a realistic mix, where the prefilter skips most files, and one where every file must
//! be parsed. The text of each file is in `contents`.

mod contents;

use std::fs;
use std::path::{Path, PathBuf};

use crate::arguments::args;
use contents::{app_js, page_js, page_json, page_wxml, page_wxss, service_ts, util_js};

pub fn cmd_gen(raw: &[String]) -> Result<(), String> {
    let args = args(raw)?;
    generate(&args.paths[0], args.files, args.flavour)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Most files never mention the APIs; a few hold the calls, as in a real mini-program.
    Realistic,
    /// Every file names `login` or `checkSession` as a property, so the prefilter lets every
    /// file through and the tool must parse them all; a quarter hold real rewrite sites.
    ParseAll,
}

impl Flavour {
    pub fn name(self) -> &'static str {
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
pub fn generate(dir: &Path, files: usize, flavour: Flavour) -> Result<(), String> {
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
