//! The mini-program's layout, from `project.config.json` and `package.json`: where the
//! mini-program itself lives (the only code rewritten), where cloud functions live (Node.js, no
//! `wx` global: scanned for the code exchange only), and whether the mini-program root is a
//! framework's build output (regenerated on every build: never rewritten).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::discover::up_to_repository_root;
use crate::t;

/// Frameworks that compile their own sources into a mini-program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framework {
    Taro,
    UniApp,
    Mpvue,
    Wepy,
}

impl Framework {
    /// Recognised by the package each framework's projects depend on.
    fn from_dependency(name: &str) -> Option<Framework> {
        match name {
            "@tarojs/taro" | "@tarojs/cli" => Some(Framework::Taro),
            "@dcloudio/uni-app" | "@dcloudio/vue-cli-plugin-uni" => Some(Framework::UniApp),
            "mpvue" => Some(Framework::Mpvue),
            "wepy" | "@wepy/core" | "wepy-cli" => Some(Framework::Wepy),
            _ => None,
        }
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Framework::Taro => "Taro",
            Framework::UniApp => "uni-app",
            Framework::Mpvue => "mpvue",
            Framework::Wepy => "WePY",
        })
    }
}

/// What the tool may do with a file, by where it lies in the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The mini-program's own code (in a framework project, its sources): rewritten.
    MiniProgram,
    /// Cloud functions and other code outside the mini-program root: only the code exchange is
    /// reported, nothing is rewritten.
    ReportOnly,
    /// A framework's build output: not processed at all.
    BuildOutput,
}

/// One project's layout, found from a `project.config.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The folder holding `project.config.json`.
    pub root: PathBuf,
    pub miniprogram_root: Option<PathBuf>,
    pub cloudfunction_root: Option<PathBuf>,
    /// The mini-program root is this framework's build output.
    pub framework: Option<Framework>,
}

impl Layout {
    /// The layout of the project `start` lies in, if a `project.config.json` is at or above it
    /// (up to the repository root). A malformed file is reported in the `Err` and ignored.
    pub fn find(start: &Path) -> Result<Option<Layout>, String> {
        let start = if start.is_file() {
            start.parent().unwrap_or(start)
        } else {
            start
        };
        let start = fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
        for dir in up_to_repository_root(&start) {
            let config = dir.join("project.config.json");
            if config.is_file() {
                return Layout::read(dir, &config).map(Some);
            }
        }
        Ok(None)
    }

    fn read(root: &Path, config: &Path) -> Result<Layout, String> {
        let malformed = |why: String| t!("layout-malformed", path = config.display(), reason = why);
        let text = fs::read_to_string(config).map_err(|err| malformed(err.to_string()))?;
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|err| malformed(t!("layout-not-json", detail = err)))?;
        let folder = |key: &str| {
            json.get(key)
                .and_then(|value| value.as_str())
                .map(|value| value.trim_matches('/'))
                .filter(|value| !value.is_empty() && *value != ".")
                .map(|value| root.join(value))
        };
        let miniprogram_root = folder("miniprogramRoot");
        let framework = miniprogram_root.as_ref().and_then(|_| framework_of(root));
        Ok(Layout {
            root: root.to_path_buf(),
            cloudfunction_root: folder("cloudfunctionRoot"),
            framework,
            miniprogram_root,
        })
    }

    /// `path` must be absolute (or canonical), as the layout's folders are.
    pub fn role(&self, path: &Path) -> Role {
        if let Some(cloud) = &self.cloudfunction_root {
            if path.starts_with(cloud) {
                return Role::ReportOnly;
            }
        }
        match (&self.miniprogram_root, self.framework) {
            // A framework project's own code is its sources, outside the build output.
            (Some(root), Some(_)) if path.starts_with(root) => Role::BuildOutput,
            (Some(_), Some(_)) => Role::MiniProgram,
            (Some(root), None) if !path.starts_with(root) => Role::ReportOnly,
            _ => Role::MiniProgram,
        }
    }

    /// What the summary says about this layout, one line each; the cloud functions only when
    /// the run looked at some.
    pub fn describe(&self, cloud_scanned: bool) -> Vec<String> {
        let shown = |path: &Path| {
            path.strip_prefix(&self.root)
                .unwrap_or(path)
                .display()
                .to_string()
        };
        let mut lines = Vec::new();
        if let (Some(root), Some(framework)) = (&self.miniprogram_root, self.framework) {
            lines.push(t!(
                "layout-framework",
                framework = framework,
                folder = shown(root)
            ));
        }
        if let Some(cloud) = self.cloudfunction_root.as_ref().filter(|_| cloud_scanned) {
            lines.push(t!("layout-cloud-functions", folder = shown(cloud)));
        }
        if let (Some(root), None) = (&self.miniprogram_root, self.framework) {
            lines.push(t!("layout-miniprogram-root", folder = shown(root)));
        }
        lines
    }
}

/// The framework a project's `package.json` depends on.
fn framework_of(root: &Path) -> Option<Framework> {
    let text = fs::read_to_string(root.join("package.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    ["dependencies", "devDependencies"]
        .iter()
        .filter_map(|key| json.get(key)?.as_object())
        .flat_map(|deps| deps.keys())
        .find_map(|name| Framework::from_dependency(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(config: &str, package: Option<&str>) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("project.config.json"), config).unwrap();
        if let Some(package) = package {
            fs::write(dir.path().join("package.json"), package).unwrap();
        }
        dir
    }

    #[test]
    fn roots_decide_roles() {
        let dir = project(
            r#"{ "miniprogramRoot": "miniprogram/", "cloudfunctionRoot": "cloudfunctions/" }"#,
            None,
        );
        let layout = Layout::find(dir.path()).unwrap().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        assert_eq!(
            layout.role(&root.join("miniprogram/app.js")),
            Role::MiniProgram
        );
        assert_eq!(
            layout.role(&root.join("cloudfunctions/login/index.js")),
            Role::ReportOnly
        );
        assert_eq!(layout.role(&root.join("server/auth.js")), Role::ReportOnly);
    }

    #[test]
    fn a_framework_build_output_is_not_rewritten() {
        let dir = project(
            r#"{ "miniprogramRoot": "dist/" }"#,
            Some(r#"{ "dependencies": { "@tarojs/taro": "3.6.0" } }"#),
        );
        let layout = Layout::find(&dir.path().join("src")).unwrap().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        assert_eq!(layout.framework, Some(Framework::Taro));
        assert_eq!(layout.role(&root.join("dist/app.js")), Role::BuildOutput);
        assert_eq!(layout.role(&root.join("src/app.js")), Role::MiniProgram);
        assert!(layout.describe(false)[0].starts_with("Taro project: dist/ is its build output"));
    }

    #[test]
    fn without_roots_everything_is_the_mini_program() {
        let dir = project(r#"{ "appid": "wx1234567890abcdef" }"#, None);
        let layout = Layout::find(dir.path()).unwrap().unwrap();
        assert_eq!(
            layout.role(&dir.path().join("pages/a.js")),
            Role::MiniProgram
        );
    }

    #[test]
    fn a_malformed_config_is_an_error_naming_the_file() {
        let dir = project("{ \"miniprogramRoot\": ", None);
        let err = Layout::find(dir.path()).unwrap_err();
        assert!(err.contains("project.config.json: not valid JSON"), "{err}");
    }
}
