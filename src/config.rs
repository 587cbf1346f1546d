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
use serde::Deserialize;

use crate::diagnostic::Code;
use crate::discover::up_to_repository_root;

pub const FILE_NAME: &str = "wxwork-migrate.toml";
const PACKAGE_KEY: &str = "wxwork-migrate";

/// The settings a project file may hold; unknown keys are refused, so a typo is not silently
/// ignored.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Gitignore-style globs to skip, relative to the folder the file is in.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The project's own WeCom check, used instead of the built-in guard.
    pub guard: Option<String>,
    /// Codes that make `--check` fail; by default every rewrite and flag does.
    pub fail_on: Option<Vec<String>>,
    /// Codes to leave alone in files matching a glob.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Where TypeScript projects get the declarations of `wx.qy`, relative to the project.
    pub typings: Option<PathBuf>,
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

fn read(path: &Path) -> Result<String, ConfigError> {
    fs::read_to_string(path)
        .map_err(|err| ConfigError(format!("{}: cannot be read: {err}", path.display())))
}

fn load_toml(path: &Path) -> Result<Config, ConfigError> {
    let text = read(path)?;
    let config: Config = toml::from_str(&text)
        .map_err(|err| ConfigError(format!("{}: {}", path.display(), err.message())))?;
    config.validate(path)
}

fn load_package_json(path: &Path) -> Result<Option<Config>, ConfigError> {
    let text = read(path)?;
    let package: serde_json::Value = serde_json::from_str(&text)
        .map_err(|err| ConfigError(format!("{}: not valid JSON: {err}", path.display())))?;
    let Some(section) = package.get(PACKAGE_KEY) else {
        return Ok(None);
    };
    let config: Config = serde_json::from_value(section.clone())
        .map_err(|err| ConfigError(format!("{}: \"{PACKAGE_KEY}\": {err}", path.display())))?;
    config.validate(path).map(Some)
}

impl Config {
    /// Codes must exist: a misspelt code would silently change nothing.
    fn validate(self, path: &Path) -> Result<Config, ConfigError> {
        let lists = self.fail_on.iter().chain(self.per_file_ignores.values());
        for code in lists.flatten() {
            if parse_code(code).is_none() {
                return Err(ConfigError(format!(
                    "{}: unknown finding code `{code}`",
                    path.display()
                )));
            }
        }
        Ok(self)
    }

    pub fn fail_on_codes(&self) -> Option<Vec<Code>> {
        let codes = self.fail_on.as_ref()?;
        Some(codes.iter().filter_map(|c| parse_code(c)).collect())
    }

    /// `per-file-ignores` as matchers rooted at the configuration's folder.
    pub fn ignores(&self, root: &Path) -> Result<Vec<(Gitignore, Vec<Code>)>, ConfigError> {
        self.per_file_ignores
            .iter()
            .map(|(glob, codes)| {
                let mut builder = GitignoreBuilder::new(root);
                builder
                    .add_line(None, glob)
                    .map_err(|err| ConfigError(format!("per-file-ignores `{glob}`: {err}")))?;
                let matcher = builder
                    .build()
                    .map_err(|err| ConfigError(format!("per-file-ignores `{glob}`: {err}")))?;
                Ok((
                    matcher,
                    codes.iter().filter_map(|c| parse_code(c)).collect(),
                ))
            })
            .collect()
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
        let config: Config = toml::from_str(
            "exclude = [\"dist\"]\nguard = \"isWxWork\"\nfail-on = [\"WX201\"]\n\
             [per-file-ignores]\n\"pages/**\" = [\"WX101\"]\n",
        )
        .unwrap();
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
