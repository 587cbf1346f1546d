//! What a run works on: the settings from the command line merged with the project's
//! configuration and layout, and the files selected from paths, git or stdin.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::gitignore::Gitignore;

use crate::cli::Settings;
use crate::compat::Clients;
use crate::config::{self, Config};
use crate::diagnostic::{Code, Severity};
use crate::discover::{
    describe_io_error, discover, relative_to, up_to_repository_root, Discovered,
};
use crate::git::{self, Changes};
use crate::manifest::{project_folder, vue_version_in, VueVersion};
use crate::plan::Guard;
use crate::project::{Layout, Role};
use crate::settings::Mode;
use crate::t;
use crate::wecom_module::{BadPlace, WecomModule};

/// What the command line and the project's configuration decide together; the command line
/// wins where both speak.
pub struct Project {
    pub excludes: Vec<String>,
    pub guard: Guard,
    /// Codes that make `--check` fail.
    pub fail_on: Vec<Code>,
    /// The WeCom clients the project must run on.
    pub targets: Clients,
    /// `per-file-ignores`: codes left alone in matching files.
    ignores: Vec<(Gitignore, Vec<Code>)>,
    /// Mini-program layouts found from `project.config.json` files.
    pub layouts: Vec<Layout>,
    /// Warnings about the project's files, printed before the run.
    pub warnings: Vec<String>,
    /// The project's root, and where under it a TypeScript project's declarations of `wx.qy`
    /// go.
    pub root: PathBuf,
    pub typings: PathBuf,
    /// Where the WeCom module of the project at `root` goes; `None` when the configured place
    /// is refused.
    pub module: Option<WecomModule>,
    /// The modules of other projects among the paths (a folder of several, each with its own
    /// package.json or manifest.json), by their roots: each gets its own module and shapes.
    other_modules: Mutex<HashMap<PathBuf, Option<WecomModule>>>,
    /// [`Project::module_root`] of each folder asked about.
    module_roots: Mutex<HashMap<PathBuf, PathBuf>>,
    /// The current folder, resolved once: discovery made every path relative to it, so a
    /// file's absolute path needs no system call.
    pub cwd: PathBuf,
    /// The Vue version of each folder's uni-app project (a project's own folder among them),
    /// looked up once a folder, and only for files whose conditional compilation reads it.
    vue_versions: Mutex<HashMap<PathBuf, VueVersion>>,
}

impl Project {
    /// The root of the project `path` (relative to the current folder) belongs to, for its
    /// WeCom module: the nearest folder above it with a package.json or manifest.json, or the
    /// run's project root.
    pub fn module_root(&self, path: &Path) -> PathBuf {
        let absolute = self.cwd.join(path);
        let parent = absolute.parent().unwrap_or(&absolute);
        // Asked for every file: the answer is the same for a folder's files.
        let mut roots = self.module_roots.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(root) = roots.get(parent) {
            return root.clone();
        }
        let found = up_to_repository_root(parent)
            .take_while(|dir| *dir != self.root)
            .find(|dir| dir.join("package.json").is_file() || dir.join("manifest.json").is_file())
            .map(Path::to_path_buf);
        let root = found.unwrap_or_else(|| self.root.clone());
        roots.insert(parent.to_path_buf(), root.clone());
        root
    }

    /// The WeCom module of the project at `root` (from [`Project::module_root`]).
    pub fn module_at(&self, root: &Path) -> Option<WecomModule> {
        if root == self.root {
            return self.module.clone();
        }
        let mut modules = self.other_modules.lock().unwrap_or_else(|e| e.into_inner());
        modules
            .entry(root.to_path_buf())
            .or_insert_with(|| {
                let layout = Layout::find(root).ok().flatten();
                let miniprogram_root = layout
                    .as_ref()
                    .filter(|layout| layout.root == root && layout.build.is_none())
                    .and_then(|layout| layout.miniprogram_root.as_deref());
                let located = WecomModule::locate(root, miniprogram_root, None, None);
                outside_build_output(located, layout.as_slice()).ok()
            })
            .clone()
    }

    /// The Vue version `path`'s uni-app project builds with; Vue 2, uni-app's default, outside
    /// one.
    pub fn vue_version(&self, path: &Path) -> VueVersion {
        let absolute = self.cwd.join(path);
        let folder = absolute.parent().unwrap_or(&absolute);
        let mut known = self
            .vue_versions
            .lock()
            .unwrap_or_else(|err| err.into_inner());
        if let Some(version) = known.get(folder) {
            return *version;
        }
        // Each manifest.json is read once, whichever of its project's folders asks first.
        let version = match project_folder(folder) {
            Some(project) => *known
                .entry(project.to_path_buf())
                .or_insert_with(|| vue_version_in(project)),
            None => VueVersion::default(),
        };
        known.insert(folder.to_path_buf(), version);
        version
    }

    pub fn role(&self, path: &Path) -> Role {
        if self.layouts.is_empty() {
            return Role::MiniProgram;
        }
        let absolute = self.cwd.join(path);
        self.layouts
            .iter()
            .filter(|layout| absolute.starts_with(&layout.root))
            .max_by_key(|layout| layout.root.as_os_str().len())
            .map_or(Role::MiniProgram, |layout| layout.role(&absolute))
    }

    /// Codes to leave alone in `path`: its `per-file-ignores`, and everything but the code
    /// exchange outside the mini-program root.
    pub fn ignored_codes(&self, path: &Path) -> Vec<Code> {
        if self.role(path) == Role::ReportOnly {
            return Code::ALL
                .into_iter()
                .filter(|code| *code != Code::CodeExchange)
                .collect();
        }
        let absolute = self.cwd.join(path);
        self.ignores
            .iter()
            .filter(|(matcher, _)| {
                // The matcher panics on a path outside its root.
                absolute.starts_with(matcher.path())
                    && matcher
                        .matched_path_or_any_parents(&absolute, false)
                        .is_ignore()
            })
            .flat_map(|(_, codes)| codes.iter().copied())
            .collect()
    }
}

pub fn resolve(settings: &Settings) -> Result<Project, String> {
    let cwd = std::env::current_dir().map_err(|err| describe_io_error(&err))?;
    // Resolved, as the layouts' roots are, so that paths compare whatever links lead here.
    let cwd = fs::canonicalize(&cwd).unwrap_or(cwd);
    // The configuration of the project the first path lies in (`wxwork-migrate proj/` from
    // outside it uses `proj/`'s), as ruff and prettier find theirs.
    let first = settings
        .paths
        .first()
        .filter(|_| settings.stdin_filename.is_none() && settings.changes.is_none());
    let search_from = match first {
        Some(path) => {
            let path: PathBuf = cwd.join(relative_to(&cwd, path)).components().collect();
            match path.parent() {
                Some(parent) if !path.is_dir() => parent.to_path_buf(),
                _ => path,
            }
        }
        None => cwd.clone(),
    };
    let (config, root) = config::find(&search_from)
        .map_err(|err| err.to_string())?
        .unwrap_or_else(|| (Config::default(), cwd.clone()));
    let excludes = if settings.excludes.is_empty() {
        config.exclude.clone()
    } else {
        settings.excludes.clone()
    };
    let guard = match settings.guard_expr.as_ref().or(config.guard.as_ref()) {
        Some(text) => Guard::custom(text).map_err(|bad| {
            let origin = match &settings.guard_expr {
                Some(_) => "--guard-expr".to_string(),
                None => config.locate("guard"),
            };
            t!(
                "guard-rejected",
                origin = origin,
                text = text,
                reason = bad.0
            )
        })?,
        None => Guard::standard(),
    };
    let fail_on = config.fail_on_codes().unwrap_or_else(|| {
        Code::ALL
            .into_iter()
            .filter(|code| matches!(code.severity(), Severity::Fix | Severity::Warning))
            .collect()
    });
    let ignores = config.ignores(&root);
    let typings_relative = config
        .typings
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::typings::DEFAULT_PATH));
    let mut layouts: Vec<Layout> = Vec::new();
    let mut warnings = Vec::new();
    let starts = if settings.paths.is_empty() || settings.stdin_filename.is_some() {
        vec![cwd.clone()]
    } else {
        settings.paths.clone()
    };
    for start in starts {
        match Layout::find(&start) {
            Ok(Some(layout)) if !layouts.contains(&layout) => layouts.push(layout),
            Ok(_) => {}
            Err(warning) if !warnings.contains(&warning) => warnings.push(warning),
            Err(_) => {}
        }
    }
    // The project root: where the configuration is, else where project.config.json is, else
    // where package.json or uni-app's manifest.json is (a framework project may have no
    // project.config.json in its sources), else the folder of the first path: never a folder
    // the paths are not in.
    let project_root = if root != cwd {
        root
    } else {
        layouts.first().map_or_else(
            || {
                up_to_repository_root(&search_from)
                    .find(|dir| {
                        dir.join("package.json").is_file() || dir.join("manifest.json").is_file()
                    })
                    .map_or_else(|| search_from.clone(), Path::to_path_buf)
            },
            |layout| layout.root.clone(),
        )
    };
    let targets = settings.targets.or(config.targets).unwrap_or(Clients::ALL);
    // A native project's sources are its mini-program root, unless that is build output.
    let miniprogram_root = layouts
        .first()
        .filter(|layout| layout.build.is_none())
        .and_then(|layout| layout.miniprogram_root.as_deref());
    let located = WecomModule::locate(
        &project_root,
        miniprogram_root,
        config.module_dir.as_deref(),
        config.module_import.clone(),
    );
    let module = match outside_build_output(located, &layouts) {
        Ok(module) => Some(module),
        Err(BadPlace(path)) => {
            let path = relative_to(&cwd, &path).display().to_string();
            warnings.push(t!("module-place-refused", path = path));
            None
        }
    };
    Ok(Project {
        excludes,
        guard,
        fail_on,
        targets,
        ignores,
        layouts,
        warnings,
        root: project_root,
        typings: typings_relative,
        module,
        other_modules: Mutex::default(),
        module_roots: Mutex::default(),
        cwd,
        vue_versions: Mutex::default(),
    })
}

/// A module in a build's output would be overwritten by the next build: refused like one in
/// `node_modules/`.
fn outside_build_output(
    located: Result<WecomModule, BadPlace>,
    layouts: &[Layout],
) -> Result<WecomModule, BadPlace> {
    let module = located?;
    let built = layouts
        .iter()
        .any(|layout| layout.role(&module.path) == Role::BuildOutput);
    if built {
        return Err(BadPlace(module.path));
    }
    Ok(module)
}

/// The files to process and, for `--check --staged`, their staged contents.
pub fn select(
    settings: &Settings,
    excludes: &[String],
) -> Result<(Discovered, HashMap<PathBuf, Vec<u8>>), String> {
    if let Some(path) = &settings.stdin_filename {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|err| t!("stdin-unreadable", reason = describe_io_error(&err)))?;
        let cwd = std::env::current_dir().unwrap_or_default();
        let path = relative_to(&cwd, path);
        let discovered = Discovered {
            files: vec![path.clone()],
            ..Discovered::default()
        };
        return Ok((discovered, HashMap::from([(path, bytes)])));
    }
    let Some(changes) = &settings.changes else {
        let discovered = discover(&settings.paths, excludes, settings.force_exclude);
        return Ok((discovered.map_err(|bad| bad.to_string())?, HashMap::new()));
    };
    let changed = git::changed_files(changes).map_err(|err| err.to_string())?;
    // Files git lists were not chosen by the user: the exclude rules apply to them.
    let discovered = discover(&changed, excludes, true).map_err(|bad| bad.to_string())?;
    let staged = if *changes == Changes::Staged && settings.mode == Mode::Check {
        git::staged_contents(&discovered.files).map_err(|err| err.to_string())?
    } else {
        HashMap::new()
    };
    Ok((discovered, staged))
}
