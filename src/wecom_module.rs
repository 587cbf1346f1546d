//! The module a project gets once for the calls an inline guard cannot migrate: framework
//! wrappers (`Taro.login`, `uni.login`, `wepy.login`, `mpx.login`) and Promise-style calls of
//! `wx.login`. WeCom documents `wx.qy.login` with callbacks only, and frameworks hand their
//! callers a Promise, a `[err, res]` tuple or callbacks; the module calls `wx.qy` with callbacks
//! and hands back both, so each call site only has to pick the object it calls `login` on:
//! `(wxwork.isWxWork() ? wxwork : Taro).login()`.
//!
//! Like `typings/wxwork.d.ts`, it is the project's once added: shown in the dry run, created by
//! `--write`, never overwritten.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::project::{self, Framework};

/// The module's file name; its folder is chosen per project or configured.
pub const FILE_NAME: &str = "wxwork.js";

/// The name an import or `require` of the module ends with, which is how a file's own import
/// of it is recognised (with or without the extension).
pub const STEM: &str = "wxwork";

/// The check and the calls, in the ES5 every mini-program toolchain accepts. `call` passes the
/// caller's callbacks through and settles a Promise from them; the Promise is marked handled
/// when the caller took the failure in a callback, so a `fail` that callback-style code already
/// handles does not also surface as an unhandled rejection.
const BODY: &str = r#"var inWxWork;

/** True inside WeCom (企业微信); false in WeChat and wherever `wx` does not exist (H5, App). */
function isWxWork() {
  if (inWxWork === undefined) {
    inWxWork =
      typeof wx === "object" &&
      wx !== null &&
      typeof wx.getSystemInfoSync === "function" &&
      wx.getSystemInfoSync().environment === "wxwork";
  }
  return inWxWork;
}

/** wx.qy.login, called as WeChat's own wx.login and Taro.login are: the callbacks, and a Promise of the result. */
function login(options) {
  return call("login", options);
}

/** wx.qy.checkSession, called as login is. */
function checkSession(options) {
  return call("checkSession", options);
}

/** uni-app's Vue 2 shape: the callbacks, and a Promise of [err, res] that never rejects. */
var tuple = {
  login: function (options) {
    return settle(login(options));
  },
  checkSession: function (options) {
    return settle(checkSession(options));
  },
};

/** uni-app's, WePY's and Mpx's shape when given callbacks: the callbacks only, and nothing returned. */
var callbacks = {
  login: function (options) {
    wx.qy.login(options);
  },
  checkSession: function (options) {
    wx.qy.checkSession(options);
  },
};

function settle(promise) {
  return promise.then(
    function (res) {
      return [null, res];
    },
    function (err) {
      return [err];
    }
  );
}

function call(name, options) {
  var given = options || {};
  var promise = new Promise(function (resolve, reject) {
    wx.qy[name](
      Object.assign({}, given, {
        success: function (res) {
          if (given.success) given.success(res);
          resolve(res);
        },
        fail: function (err) {
          if (given.fail) given.fail(err);
          reject(err);
        },
        complete: function (res) {
          if (given.complete) given.complete(res);
        },
      })
    );
  });
  if (given.fail || given.complete) promise.catch(function () {});
  return promise;
}
"#;

const HEADER: &str =
    "// Added by wxwork-migrate: runs login and checkSession through WeCom's wx.qy inside WeCom\n\
// (企业微信), where the code from WeChat's wx.login is refused by WeCom's jscode2session.\n\
// It is the project's own now: edit it freely; wxwork-migrate never overwrites it.\n\n";

/// How the module and the imports of it are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleStyle {
    /// `export function`, `import * as wxwork from`: every framework's bundler reads these.
    EsModule,
    /// `exports.login =`, `require(...)`: a native mini-program, whose developer tools read
    /// `require` whether or not ES6-to-ES5 is on, and `import` of it too when it is.
    CommonJs,
}

/// Where a project keeps the module, and what its files need to know to import it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WecomModule {
    pub path: PathBuf,
    pub style: ModuleStyle,
    pub framework: Option<Framework>,
    pub shapes: Shapes,
    /// A `wxwork.d.ts` goes beside it, typed as the framework's own `login` is.
    pub typescript: bool,
    /// The project's own name for it (an alias such as `@/wxwork`), used in every import
    /// instead of a relative path.
    pub import: Option<String>,
}

/// A file's [`ModuleRef`], asked for only when the file has a site that needs the module:
/// finding the project a file belongs to takes file-system lookups most files never need.
pub type ModuleSource<'a> = &'a (dyn Fn() -> Option<ModuleRef> + Sync);

/// What one file needs to import the module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleRef {
    /// What the import names: the project's alias, or a relative path without extension.
    pub specifier: String,
    /// For a file with neither `import` nor `require` of its own.
    pub style: ModuleStyle,
    pub shapes: Shapes,
    /// The import goes on the file's first line: in a file with uni-app's conditional
    /// compilation, after the last import could be inside a block another build drops.
    pub on_top: bool,
}

/// What the project's setup makes its framework's `login` return, where the framework leaves
/// it to the project.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shapes {
    /// uni-app on Vue 2 without `uni.promisify.adaptor`: a Promise of `[err, res]`.
    pub uni_tuple: bool,
    /// Mpx's api-proxy installed with `usePromise`: a Promise as well as the callbacks.
    pub mpx_promise: bool,
    /// WePY 1 with `use('promisify')`: a Promise, and the caller's callbacks never called.
    pub wepy_promisify: bool,
    /// uni-app's or WePY's app registers an interceptor of `login` or `checkSession`, or of
    /// every Promise, which a call of `wx.qy` would pass by.
    pub intercepted: bool,
}

/// Why the module's place is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadPlace(pub PathBuf);

impl WecomModule {
    /// The module of the project at `root`, in `configured` (a folder relative to the root) or
    /// in the sources' root: uni-app's is the folder with `manifest.json` (the root, or `src/`);
    /// Taro's, Mpx's and WePY's is `src/`; a native mini-program's is its `miniprogramRoot`.
    pub fn locate(
        root: &Path,
        miniprogram_root: Option<&Path>,
        configured: Option<&Path>,
        import: Option<String>,
    ) -> Result<WecomModule, BadPlace> {
        let framework = project::framework_of(root);
        let folder = match configured {
            Some(folder) => root.join(folder),
            None => source_root(root, framework, miniprogram_root),
        };
        let path = folder.join(FILE_NAME);
        if is_generated_place(&path) {
            return Err(BadPlace(path));
        }
        let shapes = Shapes::of(root, &folder, framework);
        Ok(WecomModule {
            style: match framework {
                Some(_) => ModuleStyle::EsModule,
                None => ModuleStyle::CommonJs,
            },
            typescript: root.join("tsconfig.json").is_file(),
            path,
            framework,
            shapes,
            import,
        })
    }

    /// How `file` (absolute) imports the module.
    pub fn reference_from(&self, file: &Path) -> ModuleRef {
        let specifier = match &self.import {
            Some(alias) => alias.clone(),
            None => relative_specifier(file.parent().unwrap_or(file), &self.path),
        };
        ModuleRef {
            specifier,
            style: self.style,
            shapes: self.shapes,
            on_top: false,
        }
    }

    /// The module's text.
    pub fn source(&self) -> String {
        let exports = match self.style {
            ModuleStyle::EsModule => {
                "\nexport { isWxWork, login, checkSession, tuple, callbacks };\n"
            }
            ModuleStyle::CommonJs => {
                "\nexports.isWxWork = isWxWork;\nexports.login = login;\n\
                 exports.checkSession = checkSession;\nexports.tuple = tuple;\n\
                 exports.callbacks = callbacks;\n"
            }
        };
        format!("{HEADER}{BODY}{exports}")
    }

    /// `wxwork.d.ts` for a TypeScript project: `login` typed as the very function each call site
    /// picks it against, so that `(wxwork.isWxWork() ? wxwork : Taro).login` has one type.
    pub fn declarations(&self) -> Option<String> {
        if !self.typescript {
            return None;
        }
        let (preamble, login, check) = match self.framework {
            // A type query, not an import: it needs neither `esModuleInterop` nor a default
            // export, whichever way the project imports Taro.
            Some(Framework::Taro) => (
                "type Taro = typeof import(\"@tarojs/taro\");\n\n",
                "Taro[\"login\"]",
                "Taro[\"checkSession\"]",
            ),
            Some(Framework::UniApp) => ("", "typeof uni.login", "typeof uni.checkSession"),
            Some(Framework::Mpx) => (
                "type Mpx = typeof import(\"@mpxjs/core\").default;\n\n",
                "Mpx[\"login\"]",
                "Mpx[\"checkSession\"]",
            ),
            _ => (
                "",
                "WechatMiniprogram.Wx[\"login\"]",
                "WechatMiniprogram.Wx[\"checkSession\"]",
            ),
        };
        Some(format!(
            "// Added by wxwork-migrate: the types of {FILE_NAME}.\n{preamble}\
             /** True inside WeCom (企业微信); false in WeChat and wherever `wx` does not exist. */\n\
             export declare function isWxWork(): boolean;\n\
             export declare const login: {login};\n\
             export declare const checkSession: {check};\n\
             /** uni-app's Vue 2 shape: a Promise of [err, res] that never rejects. */\n\
             export declare const tuple: {{ login: {login}; checkSession: {check} }};\n\
             /** The callbacks only, and nothing returned. */\n\
             export declare const callbacks: {{ login: {login}; checkSession: {check} }};\n"
        ))
    }

    pub fn declarations_path(&self) -> PathBuf {
        self.path.with_extension("d.ts")
    }
}

/// How an app registers an interceptor that a login passes through: uni-app's
/// `addInterceptor('login', ...)` and Vue 2's `promiseInterceptor`, WePY's `intercept('login', ...)`.
const INTERCEPTIONS: [&str; 9] = [
    "addInterceptor('login'",
    "addInterceptor(\"login\"",
    "addInterceptor('checkSession'",
    "addInterceptor(\"checkSession\"",
    "promiseInterceptor",
    "intercept('login'",
    "intercept(\"login\"",
    "intercept('checkSession'",
    "intercept(\"checkSession\"",
];

impl Shapes {
    /// Read from the files that set them up: uni-app's `manifest.json` and the adaptor its
    /// Vue 2 template adds (`uni.addInterceptor({ returnValue })`, which turns `[err, res]` back
    /// into a plain Promise), and the app file where Mpx and WePY are set up.
    fn of(root: &Path, sources: &Path, framework: Option<Framework>) -> Shapes {
        let mentions = |files: &[&str], text: &str| {
            files.iter().any(|file| {
                fs::read_to_string(sources.join(file)).is_ok_and(|code| code.contains(text))
            })
        };
        let intercepts = |files: &[&str]| {
            INTERCEPTIONS
                .iter()
                .any(|interception| mentions(files, interception))
        };
        match framework {
            Some(Framework::UniApp) => {
                let vue2 = project::uni_vue_version(sources)
                    .or_else(|| project::uni_vue_version(root))
                    .unwrap_or(2)
                    == 2;
                let adaptor = sources.join("uni.promisify.adaptor.js").is_file()
                    || mentions(&["main.js", "main.ts"], "returnValue");
                Shapes {
                    uni_tuple: vue2 && !adaptor,
                    intercepted: intercepts(&["main.js", "main.ts", "App.vue"]),
                    ..Shapes::default()
                }
            }
            Some(Framework::Mpx) => Shapes {
                mpx_promise: mentions(&["app.mpx", "app.js", "app.ts"], "usePromise: true")
                    || mentions(&["app.mpx", "app.js", "app.ts"], "usePromise:true"),
                ..Shapes::default()
            },
            Some(Framework::Wepy) => Shapes {
                wepy_promisify: mentions(&["app.wpy", "app.js"], "promisify"),
                intercepted: intercepts(&["app.wpy", "app.js"]),
                ..Shapes::default()
            },
            _ => Shapes::default(),
        }
    }
}

fn source_root(
    root: &Path,
    framework: Option<Framework>,
    miniprogram_root: Option<&Path>,
) -> PathBuf {
    let src = root.join("src");
    match framework {
        // HBuilderX keeps the sources beside manifest.json; the CLI's projects, in src/.
        Some(Framework::UniApp) if root.join("manifest.json").is_file() => root.to_path_buf(),
        Some(_) if src.is_dir() => src,
        Some(_) => root.to_path_buf(),
        None => miniprogram_root.map_or_else(|| root.to_path_buf(), Path::to_path_buf),
    }
}

/// Folders whose files a package manager or a build writes: a module there would be lost.
fn is_generated_place(path: &Path) -> bool {
    path.components().any(|part| {
        matches!(part, Component::Normal(name)
            if name == "node_modules" || name == "miniprogram_npm" || name == "unpackage")
    })
}

/// `./wxwork`, `../../wxwork`: from the folder `from` to `to`, without its extension, with `/`
/// whatever the OS, as module specifiers are written.
fn relative_specifier(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let target = to.with_extension("");
    let to: Vec<Component> = target.components().collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - shared];
    if parts.is_empty() {
        parts.push(".".to_string());
    }
    parts.extend(
        to[shared..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// What the run does about the module file (or its declarations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleFile {
    /// The file holds this text already.
    Present,
    /// The file exists with other text: the project's, never overwritten.
    Differs(PathBuf),
    /// The file is missing: create it.
    Create(PathBuf),
}

/// Decides for one of the module's files, given the text it should hold.
pub fn plan_file(path: &Path, text: &str) -> ModuleFile {
    match fs::read(path) {
        Ok(bytes) if bytes == text.as_bytes() => ModuleFile::Present,
        Ok(_) => ModuleFile::Differs(path.to_path_buf()),
        Err(_) if path.exists() => ModuleFile::Differs(path.to_path_buf()),
        Err(_) => ModuleFile::Create(path.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specifiers_are_relative_with_slashes() {
        let module = Path::new("/p/src/wxwork.js");
        assert_eq!(relative_specifier(Path::new("/p/src"), module), "./wxwork");
        assert_eq!(
            relative_specifier(Path::new("/p/src/pages/index"), module),
            "../../wxwork"
        );
        assert_eq!(relative_specifier(Path::new("/p"), module), "./src/wxwork");
        assert_eq!(
            relative_specifier(Path::new("/p/other/x"), module),
            "../../src/wxwork"
        );
    }

    #[test]
    fn never_placed_where_tools_write() {
        assert!(is_generated_place(Path::new("/p/node_modules/x/wxwork.js")));
        assert!(is_generated_place(Path::new(
            "/p/miniprogram_npm/wxwork.js"
        )));
        assert!(!is_generated_place(Path::new("/p/src/wxwork.js")));
    }

    #[test]
    fn places_by_project_kind() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let native = WecomModule::locate(root, Some(&root.join("miniprogram")), None, None);
        let native = native.unwrap();
        assert_eq!(native.path, root.join("miniprogram/wxwork.js"));
        assert_eq!(native.style, ModuleStyle::CommonJs);

        fs::write(
            root.join("package.json"),
            r#"{ "dependencies": { "@tarojs/taro": "3.6.0" } }"#,
        )
        .unwrap();
        fs::create_dir(root.join("src")).unwrap();
        let taro = WecomModule::locate(root, None, None, None).unwrap();
        assert_eq!(taro.path, root.join("src/wxwork.js"));
        assert_eq!(taro.style, ModuleStyle::EsModule);
        assert!(!taro.typescript);

        let configured = WecomModule::locate(root, None, Some(Path::new("src/utils")), None);
        assert_eq!(configured.unwrap().path, root.join("src/utils/wxwork.js"));
        let refused = WecomModule::locate(root, None, Some(Path::new("node_modules")), None);
        assert!(refused.is_err());
    }

    #[test]
    fn uni_app_version_decides_the_shape() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(
            root.join("package.json"),
            r#"{ "dependencies": { "@dcloudio/uni-app": "2.0.2" } }"#,
        )
        .unwrap();
        let tuple = |manifest: &str| {
            fs::write(root.join("manifest.json"), manifest).unwrap();
            let module = WecomModule::locate(root, None, None, None).unwrap();
            assert_eq!(module.path, root.join("wxwork.js"));
            module.shapes.uni_tuple
        };
        assert!(tuple("{ \"name\": \"demo\" }"));
        assert!(!tuple(
            "{\n  // HBuilderX writes comments\n  \"vueVersion\": \"3\"\n}"
        ));
        assert!(tuple("{ \"vueVersion\": \"2\" }"));
        fs::write(
            root.join("uni.promisify.adaptor.js"),
            "uni.addInterceptor({})",
        )
        .unwrap();
        assert!(!tuple("{ \"vueVersion\": \"2\" }"));
    }

    #[test]
    fn existing_files_are_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        assert_eq!(plan_file(&path, "x"), ModuleFile::Create(path.clone()));
        fs::write(&path, "x").unwrap();
        assert_eq!(plan_file(&path, "x"), ModuleFile::Present);
        assert_eq!(plan_file(&path, "y"), ModuleFile::Differs(path.clone()));
    }
}
