//! The mini-program's layout, from `project.config.json` and `package.json`: where the
//! mini-program itself lives (the only code rewritten), where cloud functions live (Node.js, no
//! `wx` global: scanned for the code exchange only), and whether the mini-program root is build
//! output, a framework's or a plain `tsc`, gulp or webpack build's (regenerated on every build:
//! never rewritten; its sources are migrated instead).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::discover::{up_to_repository_root, with_slashes};
use crate::t;

/// Frameworks that compile their own sources into a mini-program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framework {
    Taro,
    UniApp,
    Mpvue,
    Wepy,
    Mpx,
}

impl Framework {
    /// Recognised by the package each framework's projects depend on.
    fn from_dependency(name: &str) -> Option<Framework> {
        match name {
            "@tarojs/taro" | "@tarojs/cli" => Some(Framework::Taro),
            "@dcloudio/uni-app" | "@dcloudio/vue-cli-plugin-uni" => Some(Framework::UniApp),
            "mpvue" => Some(Framework::Mpvue),
            "wepy" | "@wepy/core" | "wepy-cli" => Some(Framework::Wepy),
            "@mpxjs/core" | "@mpxjs/cli" => Some(Framework::Mpx),
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
            Framework::Mpx => "Mpx",
        })
    }
}

/// Why the mini-program root is taken for build output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Build {
    /// The project depends on a framework that compiles into it.
    Framework(Framework),
    /// `tsconfig.json`'s `compilerOptions.outDir` is the root.
    TsconfigOutDir,
    /// A `package.json` script, or a gulp, webpack, rollup or vite configuration, names the root.
    Script(String),
    /// The project's `.gitignore` ignores the root: what git never holds is generated.
    Gitignored,
}

impl fmt::Display for Build {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Build::Framework(framework) => {
                f.write_str(&t!("build-framework", framework = framework))
            }
            Build::TsconfigOutDir => f.write_str(&t!("build-tsconfig-out-dir")),
            Build::Script(source) => f.write_str(&t!("build-script", source = source)),
            Build::Gitignored => f.write_str(&t!("build-gitignored")),
        }
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
    /// The mini-program root is build output, and why it is taken for it.
    pub build: Option<Build>,
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
        let build = miniprogram_root
            .as_ref()
            .and_then(|output| build_of(root, output));
        Ok(Layout {
            root: root.to_path_buf(),
            cloudfunction_root: folder("cloudfunctionRoot"),
            build,
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
        match (&self.miniprogram_root, &self.build) {
            // A built project's own code is its sources, outside the build output.
            (Some(root), Some(_)) if path.starts_with(root) => Role::BuildOutput,
            (Some(_), Some(_)) => Role::MiniProgram,
            (Some(root), None) if !path.starts_with(root) => Role::ReportOnly,
            _ => Role::MiniProgram,
        }
    }

    /// What the summary says about this layout, one line each; the cloud functions only when
    /// the run looked at some.
    pub fn describe(&self, cloud_scanned: bool) -> Vec<String> {
        // Folders as project.config.json names them, whatever the OS.
        let shown = |path: &Path| {
            let display = path.strip_prefix(&self.root).unwrap_or(path).display();
            with_slashes(&display.to_string()).into_owned()
        };
        let mut lines = Vec::new();
        match (&self.miniprogram_root, &self.build) {
            (Some(root), Some(build @ Build::Framework(_))) => {
                lines.push(t!("layout-framework", build = build, folder = shown(root)))
            }
            (Some(root), Some(build)) => lines.push(t!(
                "layout-build-output",
                build = build,
                folder = shown(root)
            )),
            _ => {}
        }
        if let Some(cloud) = self.cloudfunction_root.as_ref().filter(|_| cloud_scanned) {
            lines.push(t!("layout-cloud-functions", folder = shown(cloud)));
        }
        if let (Some(root), None) = (&self.miniprogram_root, &self.build) {
            lines.push(t!("layout-miniprogram-root", folder = shown(root)));
        }
        lines
    }
}

/// Whether `output`, the mini-program root, is build output, recognised as a framework's is
/// (the project says so) or from a plain build's own files.
fn build_of(root: &Path, output: &Path) -> Option<Build> {
    let package = package_json(root);
    let framework = package.as_ref().and_then(framework_in);
    let name = output.strip_prefix(root).ok()?.to_str()?;
    framework
        .map(Build::Framework)
        .or_else(|| {
            tsconfig_out_dir(root)
                .filter(|dir| dir == name)
                .map(|_| Build::TsconfigOutDir)
        })
        .or_else(|| build_script_naming(root, package.as_ref(), name).map(Build::Script))
        .or_else(|| gitignores(root, output).then_some(Build::Gitignored))
}

fn package_json(root: &Path) -> Option<serde_json::Value> {
    let text = fs::read_to_string(root.join("package.json")).ok()?;
    serde_json::from_str(&text).ok()
}

fn framework_in(package: &serde_json::Value) -> Option<Framework> {
    ["dependencies", "devDependencies"]
        .iter()
        .filter_map(|key| package.get(key)?.as_object())
        .flat_map(|deps| deps.keys())
        .find_map(|name| Framework::from_dependency(name))
}

/// The framework the project at `root` is written with: from `package.json`, or, for a
/// uni-app project made in HBuilderX (which has none), from its `pages.json` or a
/// `manifest.json` that configures the WeChat target (a web app's manifest.json does not).
pub fn framework_of(root: &Path) -> Option<Framework> {
    package_json(root)
        .as_ref()
        .and_then(framework_in)
        .or_else(|| {
            let manifest = fs::read_to_string(root.join("manifest.json")).ok()?;
            let uni = root.join("pages.json").is_file() || manifest.contains("\"mp-weixin\"");
            uni.then_some(Framework::UniApp)
        })
}

/// The Vue version of the uni-app project whose `manifest.json` (JSON with comments) is in
/// `dir`: `vueVersion` `"3"` or `"2"`; `None` when the file or the field is missing.
pub fn uni_vue_version(dir: &Path) -> Option<u8> {
    let text = fs::read_to_string(dir.join("manifest.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&strict_json(&text)).ok()?;
    match json.get("vueVersion")? {
        serde_json::Value::String(version) => version.trim().parse().ok(),
        serde_json::Value::Number(version) => version.as_u64()?.try_into().ok(),
        _ => None,
    }
}

/// `compilerOptions.outDir` of the project's `tsconfig.json`, which may hold comments and
/// trailing commas, without `./` or a final `/`.
fn tsconfig_out_dir(root: &Path) -> Option<String> {
    let text = fs::read_to_string(root.join("tsconfig.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&strict_json(&text)).ok()?;
    let out_dir = json.get("compilerOptions")?.get("outDir")?.as_str()?;
    Some(folder_name(out_dir).to_string())
}

fn folder_name(path: &str) -> &str {
    path.trim_start_matches("./").trim_end_matches('/')
}

/// JSON with comments (the dialect of `tsconfig.json` and of uni-app's `manifest.json`) as plain
/// JSON: comments and trailing commas removed outside strings.
pub(crate) fn strict_json(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.extend_from_slice(&bytes[start..i]);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + n + 4);
                continue;
            }
            b',' => {
                let next = bytes[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
                if matches!(next, Some(b'}' | b']')) {
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Build configurations that say where a bundler or task runner writes.
const BUILD_CONFIGS: [&str; 8] = [
    "gulpfile.js",
    "gulpfile.ts",
    "webpack.config.js",
    "webpack.config.ts",
    "rollup.config.js",
    "rollup.config.mjs",
    "vite.config.js",
    "vite.config.ts",
];

/// The `package.json` script or build configuration that names `name` as a folder, as in
/// `tsc --outDir dist`, `babel src -d dist`, `gulp.dest('dist')` or `path.resolve(__dirname,
/// 'dist')`.
fn build_script_naming(
    root: &Path,
    package: Option<&serde_json::Value>,
    name: &str,
) -> Option<String> {
    let scripts = package
        .and_then(|json| json.get("scripts")?.as_object())
        .into_iter()
        .flatten();
    for (script, command) in scripts {
        if command
            .as_str()
            .is_some_and(|command| names_folder(command, name))
        {
            return Some(t!("build-package-script", script = script));
        }
    }
    BUILD_CONFIGS.iter().find_map(|config| {
        let text = fs::read_to_string(root.join(config)).ok()?;
        names_folder(&text, name).then(|| config.to_string())
    })
}

/// Whether `text` holds `name` as a whole path (`dist`, `./dist`, `dist/`), not inside a word
/// (`distance`) or a longer path (`src/dist`).
fn names_folder(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].trim_end_matches("./");
        let after = text[at + name.len()..].trim_start_matches('/');
        let bounded = |c: Option<char>| match c {
            None => true,
            Some(c) => c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '=' | ',' | ')'),
        };
        bounded(before.chars().next_back()) && bounded(after.chars().next())
    })
}

/// Whether the project's `.gitignore` ignores the folder `output`.
fn gitignores(root: &Path, output: &Path) -> bool {
    let file = root.join(".gitignore");
    file.is_file()
        && ignore::gitignore::Gitignore::new(&file)
            .0
            .matched_path_or_any_parents(output, true)
            .is_ignore()
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
        assert_eq!(layout.build, Some(Build::Framework(Framework::Taro)));
        assert_eq!(layout.role(&root.join("dist/app.js")), Role::BuildOutput);
        assert_eq!(layout.role(&root.join("src/app.js")), Role::MiniProgram);
        assert!(layout.describe(false)[0].starts_with("Taro project: dist/ is its build output"));
    }

    #[test]
    fn a_plain_build_output_is_recognised_from_the_build_files() {
        let config = r#"{ "miniprogramRoot": "dist/" }"#;
        let plain = r#"{ "devDependencies": { "typescript": "^5.4.0" } }"#;
        let cases: [(&str, &str, Build); 4] = [
            (
                "tsconfig.json",
                "{\n  // built by tsc\n  \"compilerOptions\": { \"outDir\": \"./dist/\", },\n}\n",
                Build::TsconfigOutDir,
            ),
            (
                "gulpfile.js",
                "gulp.task('ts', () => src('src/**/*.ts').pipe(ts()).pipe(dest('dist')))\n",
                Build::Script("gulpfile.js".into()),
            ),
            (
                "webpack.config.js",
                "module.exports = { output: { path: path.resolve(__dirname, 'dist') } }\n",
                Build::Script("webpack.config.js".into()),
            ),
            (".gitignore", "node_modules/\n/dist\n", Build::Gitignored),
        ];
        for (file, text, build) in cases {
            let dir = project(config, Some(plain));
            fs::write(dir.path().join(file), text).unwrap();
            let layout = Layout::find(dir.path()).unwrap().unwrap();
            let root = fs::canonicalize(dir.path()).unwrap();
            assert_eq!(layout.build.as_ref(), Some(&build), "{file}");
            assert_eq!(layout.role(&root.join("dist/app.js")), Role::BuildOutput);
            assert_eq!(layout.role(&root.join("src/app.ts")), Role::MiniProgram);
            assert!(
                layout.describe(false)[0].starts_with("dist/ is build output ("),
                "{:?}",
                layout.describe(false)
            );
        }
        let dir = project(
            config,
            Some(r#"{ "scripts": { "build": "tsc -p . --outDir dist && cp -r static dist/" } }"#),
        );
        let layout = Layout::find(dir.path()).unwrap().unwrap();
        assert_eq!(
            layout.build,
            Some(Build::Script("package.json's \"build\" script".into()))
        );
    }

    #[test]
    fn a_hand_written_root_is_not_build_output() {
        let dir = project(
            r#"{ "miniprogramRoot": "miniprogram/" }"#,
            Some(r#"{ "scripts": { "lint": "eslint miniprogram-utils src/miniprogram" } }"#),
        );
        fs::write(
            dir.path().join("tsconfig.json"),
            r#"{ "compilerOptions": { "outDir": "build" } }"#,
        )
        .unwrap();
        fs::write(dir.path().join(".gitignore"), "node_modules\n").unwrap();
        let layout = Layout::find(dir.path()).unwrap().unwrap();
        assert_eq!(layout.build, None);
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
