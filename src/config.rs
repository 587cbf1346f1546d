//! Project configuration: `wxwork-migrate.toml`, or a `"wxwork-migrate"` key in `package.json`,
//! in the current folder or the nearest folder above it (up to the repository root). Flags
//! given on the command line override it.
//!
//! ```toml
//! exclude = ["dist", "pages/legacy/**"]
//! guard = "getApp().globalData.isWxWork"
//! fail-on = ["WX101", "WX102", "WX201"]
//! typings = "types/wxwork.d.ts"
//!
//! [per-file-ignores]
//! "pages/wechat-only/**" = ["WX201"]
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde_json::Value;

use crate::compat::{Client, Clients};
use crate::diagnostic::Code;
use crate::discover::{relative_to, up_to_repository_root};
use crate::t;

pub const FILE_NAME: &str = "wxwork-migrate.toml";
const PACKAGE_KEY: &str = "wxwork-migrate";

/// The keys a project file may hold, in the file's kebab-case. Unknown keys are refused, so a
/// typo is not silently ignored.
const KEYS: [&str; 8] = [
    "exclude",
    "guard",
    "fail-on",
    "per-file-ignores",
    "typings",
    "targets",
    "module-dir",
    "module-import",
];

/// The settings a project file holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Gitignore-style globs to skip, relative to the folder the file is in.
    pub exclude: Vec<String>,
    /// The project's own WeCom check, used instead of the built-in guard.
    pub guard: Option<String>,
    /// Codes that make `--check` fail; by default every rewrite and flag does.
    pub fail_on: Option<Vec<String>>,
    /// Codes to leave alone in files matching a glob.
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Where TypeScript projects get the declarations of `wx.qy`, relative to the project.
    pub typings: Option<PathBuf>,
    /// The WeCom clients the project must run on; every one when unset.
    pub targets: Option<Clients>,
    /// The folder, relative to the project, that gets the WeCom module (`wxwork.js`).
    pub module_dir: Option<PathBuf>,
    /// What imports of the WeCom module name, when the project has an alias for its folder
    /// (`@/wxwork`); else each file imports it by a relative path.
    pub module_import: Option<String>,
    /// The file the settings came from, so that a later error can name its line.
    origin: Option<Origin>,
}

/// A configuration file as the user sees it: its path relative to the current folder, and
/// its text, to find the line a key is on.
#[derive(Debug, PartialEq, Eq)]
struct Origin {
    shown: String,
    text: String,
    /// The line the settings start on: package.json's `"wxwork-migrate"` key, so that a key of
    /// the same name elsewhere in the file is not the one named.
    first_line: usize,
}

impl Origin {
    /// `wxwork-migrate.toml:3: exclude`: the file, the line the key is on, and the key.
    fn locate(&self, key: &str) -> String {
        match self.line_of(key) {
            Some(line) => format!("{}:{line}: {key}", self.shown),
            None => format!("{}: {key}", self.shown),
        }
    }

    /// `wxwork-migrate.toml:3`, for messages that name the key themselves.
    fn line(&self, key: &str) -> String {
        match self.line_of(key) {
            Some(line) => format!("{}:{line}", self.shown),
            None => self.shown.clone(),
        }
    }

    /// The first line on which `key` is set, as `key =`, `"key" =`, `"key":` or `[key]`.
    fn line_of(&self, key: &str) -> Option<usize> {
        let quoted = format!("\"{key}\"");
        let lines = self.text.lines().enumerate().skip(self.first_line);
        lines
            .map(|(index, line)| (index + 1, line))
            .find(|(_, line)| {
                let line = line.trim_start();
                let rest = if let Some(rest) = line.strip_prefix(&quoted) {
                    rest
                } else if let Some(rest) = line.strip_prefix(key) {
                    rest
                } else {
                    return line.strip_prefix('[').is_some_and(|rest| {
                        rest.trim_start()
                            .strip_prefix(key)
                            .is_some_and(|rest| rest.trim_start().starts_with(']'))
                    });
                };
                rest.trim_start().starts_with(['=', ':'])
            })
            .map(|(line, _)| line)
    }
}

/// A configuration file that could not be used: the run stops before touching anything.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The configuration found from `start` upwards, and the folder it applies to.
pub fn find(start: &Path) -> Result<Option<(Config, PathBuf)>, ConfigError> {
    for dir in up_to_repository_root(start) {
        let toml_path = dir.join(FILE_NAME);
        if toml_path.is_file() {
            return load_toml(&toml_path).map(|config| Some((config, dir.to_path_buf())));
        }
        let package = dir.join("package.json");
        if package.is_file() {
            if let Some(config) = load_package_json(&package)? {
                return Ok(Some((config, dir.to_path_buf())));
            }
        }
    }
    Ok(None)
}

fn read(path: &Path) -> Result<Origin, ConfigError> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = relative_to(&cwd, path).display().to_string();
    match fs::read_to_string(path) {
        Ok(text) => Ok(Origin {
            shown,
            text,
            first_line: 0,
        }),
        Err(err) => Err(ConfigError(t!(
            "config-unreadable",
            path = shown,
            reason = crate::discover::describe_io_error(&err)
        ))),
    }
}

/// 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn load_toml(path: &Path) -> Result<Config, ConfigError> {
    let origin = read(path)?;
    let table: toml::Table = toml::from_str(&origin.text).map_err(|err| {
        let location = match err.span() {
            Some(span) => format!("{}:{}", origin.shown, line_at(&origin.text, span.start)),
            None => origin.shown.clone(),
        };
        ConfigError(t!(
            "config-not-toml",
            location = location,
            detail = err.message()
        ))
    })?;
    let value = serde_json::to_value(table)
        .map_err(|err| ConfigError(t!("config-not-toml", location = origin.shown, detail = err)))?;
    Config::from_value(value, origin, false)
}

fn load_package_json(path: &Path) -> Result<Option<Config>, ConfigError> {
    let mut origin = read(path)?;
    let package: Value = serde_json::from_str(&origin.text).map_err(|err| {
        let location = format!("{}:{}", origin.shown, err.line());
        ConfigError(t!("config-not-json", location = location, detail = err))
    })?;
    let Some(section) = package.get(PACKAGE_KEY) else {
        return Ok(None);
    };
    origin.first_line = origin.line_of(PACKAGE_KEY).map_or(0, |line| line - 1);
    Config::from_value(section.clone(), origin, true).map(Some)
}

/// `failOn` for `fail-on`: package.json's keys follow the JavaScript convention.
fn kebab_case(key: &str) -> String {
    let mut kebab = String::with_capacity(key.len() + 2);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            kebab.push('-');
            kebab.push(c.to_ascii_lowercase());
        } else {
            kebab.push(c);
        }
    }
    kebab
}

/// A value as the file would spell it, for "found ..." in errors.
fn shown_value(value: &Value) -> String {
    value.to_string()
}

impl Config {
    /// Checks every key's type, every code and every glob, so that an error names the file,
    /// the line and the key, and a misspelt code does not silently change nothing.
    fn from_value(value: Value, origin: Origin, camel_case: bool) -> Result<Config, ConfigError> {
        let Value::Object(entries) = value else {
            let location = origin.line(PACKAGE_KEY);
            return Err(ConfigError(t!(
                "config-expected-table",
                location = location,
                key = PACKAGE_KEY,
                found = shown_value(&value)
            )));
        };
        let mut config = Config::default();
        for (written, value) in entries {
            let key = if camel_case {
                kebab_case(&written)
            } else {
                written.clone()
            };
            let location = origin.line(&written);
            let bad = |message_key: &str| {
                ConfigError(t!(
                    message_key,
                    location = location,
                    key = written,
                    found = shown_value(&value)
                ))
            };
            match key.as_str() {
                "exclude" => {
                    let globs = strings(&value).ok_or_else(|| bad("config-expected-globs"))?;
                    for glob in &globs {
                        check_glob(glob, &location, &written)?;
                    }
                    config.exclude = globs;
                }
                "guard" => {
                    let text = value
                        .as_str()
                        .ok_or_else(|| bad("config-expected-string"))?;
                    config.guard = Some(text.to_string());
                }
                "typings" => {
                    let text = value
                        .as_str()
                        .ok_or_else(|| bad("config-expected-string"))?;
                    config.typings = Some(PathBuf::from(text));
                }
                "module-dir" => {
                    let text = value
                        .as_str()
                        .ok_or_else(|| bad("config-expected-string"))?;
                    config.module_dir = Some(PathBuf::from(text));
                }
                "module-import" => {
                    let text = value
                        .as_str()
                        .ok_or_else(|| bad("config-expected-string"))?;
                    config.module_import = Some(text.to_string());
                }
                "targets" => {
                    let names = strings(&value).ok_or_else(|| bad("config-expected-targets"))?;
                    let clients = parse_targets(&names).map_err(|name| {
                        ConfigError(t!(
                            "config-unknown-target",
                            location = location,
                            key = written,
                            target = name
                        ))
                    })?;
                    config.targets = Some(clients);
                }
                "fail-on" => {
                    let codes = strings(&value).ok_or_else(|| bad("config-expected-codes"))?;
                    check_codes(&codes, &location, &written)?;
                    config.fail_on = Some(codes);
                }
                "per-file-ignores" => {
                    let Value::Object(table) = &value else {
                        return Err(bad("config-expected-table"));
                    };
                    for (glob, codes) in table {
                        let glob_location = origin.line(glob);
                        let codes = strings(codes).ok_or_else(|| {
                            ConfigError(t!(
                                "config-expected-codes",
                                location = glob_location,
                                key = format!("{written}.\"{glob}\""),
                                found = shown_value(codes)
                            ))
                        })?;
                        check_glob(glob, &glob_location, &written)?;
                        check_codes(&codes, &glob_location, &written)?;
                        config.per_file_ignores.insert(glob.clone(), codes);
                    }
                }
                _ => {
                    return Err(ConfigError(t!(
                        "config-unknown-key",
                        location = location,
                        key = written,
                        known = KEYS.join(", ")
                    )))
                }
            }
        }
        config.origin = Some(origin);
        Ok(config)
    }

    /// Where `key` is set, for errors found after loading (a guard that does not parse).
    pub fn locate(&self, key: &str) -> String {
        match &self.origin {
            Some(origin) => origin.locate(key),
            None => key.to_string(),
        }
    }

    pub fn fail_on_codes(&self) -> Option<Vec<Code>> {
        let codes = self.fail_on.as_ref()?;
        Some(codes.iter().filter_map(|c| parse_code(c)).collect())
    }

    /// `per-file-ignores` as matchers rooted at the configuration's folder; every glob was
    /// checked when the file was read.
    pub fn ignores(&self, root: &Path) -> Vec<(Gitignore, Vec<Code>)> {
        self.per_file_ignores
            .iter()
            .filter_map(|(glob, codes)| {
                let mut builder = GitignoreBuilder::new(root);
                builder.add_line(None, glob).ok()?;
                let matcher = builder.build().ok()?;
                Some((
                    matcher,
                    codes.iter().filter_map(|c| parse_code(c)).collect(),
                ))
            })
            .collect()
    }
}

/// WeCom clients by name (`windows`, `mac`, `ios`, `android`), or the first name that is not one.
pub fn parse_targets<S: AsRef<str>>(names: &[S]) -> Result<Clients, String> {
    let clients = names
        .iter()
        .map(|name| Client::parse(name.as_ref().trim()).ok_or_else(|| name.as_ref().to_string()))
        .collect::<Result<Vec<Client>, String>>()?;
    Ok(Clients::of(&clients))
}

/// A list of strings, or `None` for anything else (a bare string included).
fn strings(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|item| item.as_str().map(str::to_string))
        .collect()
}

fn check_glob(glob: &str, location: &str, key: &str) -> Result<(), ConfigError> {
    match GitignoreBuilder::new("").add_line(None, glob) {
        Ok(_) => Ok(()),
        Err(err) => {
            let reason = match err {
                ignore::Error::Glob { err, .. } => err,
                other => other.to_string(),
            };
            Err(ConfigError(t!(
                "config-bad-glob",
                location = location,
                key = key,
                glob = glob,
                reason = reason
            )))
        }
    }
}

fn check_codes(codes: &[String], location: &str, key: &str) -> Result<(), ConfigError> {
    match codes.iter().find(|code| parse_code(code).is_none()) {
        Some(code) => Err(ConfigError(t!(
            "config-unknown-code",
            location = location,
            key = key,
            code = code
        ))),
        None => Ok(()),
    }
}

fn parse_code(text: &str) -> Option<Code> {
    Code::ALL.iter().copied().find(|code| code.as_str() == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(FILE_NAME),
            "exclude = [\"dist\"]\nguard = \"isWxWork\"\nfail-on = [\"WX201\"]\n\
             [per-file-ignores]\n\"pages/**\" = [\"WX101\"]\n",
        )
        .unwrap();
        let (config, _) = find(dir.path()).unwrap().unwrap();
        assert_eq!(config.exclude, ["dist"]);
        assert_eq!(config.guard.as_deref(), Some("isWxWork"));
        assert_eq!(config.fail_on_codes(), Some(vec![Code::GetUserInfo]));
        assert_eq!(config.per_file_ignores["pages/**"], ["WX101"]);
    }

    #[test]
    fn unknown_keys_and_codes_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        fs::write(&path, "exclude = []\nexlcude = [\"dist\"]\n").unwrap();
        let err = find(dir.path()).unwrap_err().0;
        assert!(err.contains(FILE_NAME) && err.contains("exlcude"), "{err}");

        fs::write(&path, "fail-on = [\"WX999\"]\n").unwrap();
        let err = find(dir.path()).unwrap_err().0;
        assert!(err.contains("unknown finding code `WX999`"), "{err}");
    }

    #[test]
    fn package_json_key_is_read_and_other_packages_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let package = dir.path().join("package.json");
        fs::write(&package, r#"{ "name": "demo" }"#).unwrap();
        assert_eq!(find(dir.path()).unwrap(), None);
        fs::write(&package, r#"{ "wxwork-migrate": { "exclude": ["dist"] } }"#).unwrap();
        let (config, root) = find(dir.path()).unwrap().unwrap();
        assert_eq!(config.exclude, ["dist"]);
        assert_eq!(root, dir.path());
    }
}
