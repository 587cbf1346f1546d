//! Findings and edits for the sites the WeCom module migrates: framework wrappers and
//! Promise-style calls of `wx.login` and `wx.checkSession`. Each picks, at run time, the object
//! it calls `login` on (`(wxwork.isWxWork() ? wxwork : Taro).login`), and the file gets one
//! import of the module, written as its other imports are.

use std::ops::Range;

use crate::diagnostic::{Code, Finding};
use crate::edit::Edit;
use crate::find::{Api, Env, FrameworkForm, FrameworkSite, Imports};
use crate::project::Framework;
use crate::t;
use crate::wecom_module::{ModuleRef, ModuleStyle, STEM};

use super::guard::Guard;

/// What every site of one file shares: the name the module goes by and the import that binds
/// it, if the file has none yet.
pub(super) struct FileModule<'a> {
    reference: &'a ModuleRef,
    name: String,
    import: Option<Edit>,
}

impl<'a> FileModule<'a> {
    pub(super) fn new(reference: &'a ModuleRef, imports: &Imports) -> FileModule<'a> {
        if let Some(name) = &imports.existing {
            return FileModule {
                reference,
                name: name.clone(),
                import: None,
            };
        }
        let name = if imports.wxwork_taken {
            format!("{STEM}Module")
        } else {
            STEM.to_string()
        };
        let quote = imports.quote;
        let specifier = &reference.specifier;
        let es_module = imports.es_module
            || (!imports.requires && !imports.commonjs && reference.style == ModuleStyle::EsModule);
        let semicolon = if imports.semicolons || imports.hazard {
            ";"
        } else {
            ""
        };
        let statement = if es_module {
            format!("import * as {name} from {quote}{specifier}{quote}{semicolon}")
        } else {
            let declaration = imports.declaration;
            format!("{declaration} {name} = require({quote}{specifier}{quote}){semicolon}")
        };
        let eol = imports.line_ending;
        let indent = &imports.indent;
        if reference.on_top {
            let at = imports.top;
            return FileModule {
                reference,
                name,
                import: Some(Edit::replace(at..at, format!("{statement}{eol}"))),
            };
        }
        let text = if imports.after {
            format!("{eol}{indent}{statement}")
        } else {
            format!("{statement}{eol}{indent}")
        };
        FileModule {
            reference,
            name,
            import: Some(Edit::replace(imports.at..imports.at, text)),
        }
    }

    /// The object whose `login` WeCom calls, in the shape the framework's own returns at this
    /// site: the module (callbacks and a Promise), its `tuple` (uni-app Vue 2's `[err, res]`)
    /// or its `callbacks` (the callbacks only). `Err` names why no shape fits.
    fn wecom_object(&self, site: &FrameworkSite, object: &str) -> Result<String, &'static str> {
        let shapes = self.reference.shapes;
        // Given callbacks, or called for nothing, these call the callbacks and return nothing.
        let callbacks_only = site.callbacks || !site.used;
        let shape = match site.framework {
            Framework::UniApp | Framework::Wepy if shapes.intercepted => {
                return Err("framework-shape-intercepted")
            }
            Framework::UniApp if callbacks_only => "callbacks",
            Framework::UniApp if shapes.uni_tuple => "tuple",
            Framework::Mpx if callbacks_only && !shapes.mpx_promise => "callbacks",
            // WePY 1's promisify and WePY 2's `wepy.wx` never call the caller's callbacks.
            Framework::Wepy
                if site.callbacks && (shapes.wepy_promisify || object.ends_with(".wx")) =>
            {
                return Err("framework-shape-wepy-promisify")
            }
            Framework::Wepy if site.callbacks_own_this => return Err("framework-shape-wepy-this"),
            Framework::Wepy if callbacks_only => "callbacks",
            _ => return Ok(self.name.clone()),
        };
        Ok(format!("{}.{shape}", self.name))
    }

    /// `(<check> ? <wecom> : <object>)`: the project's own check where it has one, else the
    /// module's, which is safe where `wx` does not exist. After a statement left open, a `;`
    /// keeps the `(` from calling the previous line's value.
    fn pick(&self, guard: &Guard, wecom: &str, object: &str, after_open_statement: bool) -> String {
        let check = match guard.project_check() {
            Some(_) => guard.test_text(),
            None => format!("{}.isWxWork()", self.name),
        };
        let semicolon = if after_open_statement { ";" } else { "" };
        format!("{semicolon}({check} ? {wecom} : {object})")
    }

    /// The site's edit and, when the file lacks one, the import.
    fn edits(&self, range: Range<usize>, text: String) -> Vec<Edit> {
        let mut edits = vec![Edit::replace(range, text)];
        edits.extend(self.import.clone());
        edits
    }

    /// `Taro.login`, `uni.checkSession`, `wepy.wx.login`, in code of any runtime.
    pub(super) fn framework(
        &self,
        site: &FrameworkSite,
        api: Api,
        range: Range<usize>,
        source: &str,
        guard: &Guard,
    ) -> Option<Finding> {
        let object = &source[site.object.clone()];
        let shown = shown(site, api, source);
        let wecom = match self.wecom_object(site, object) {
            // Handed to other modules, whose calls cannot be followed.
            Ok(_) if site.form == FrameworkForm::Reexport => {
                return (site.env != Some(Env::WeChat)).then(|| {
                    let why = t!("framework-shape-reexport");
                    let message = t!(
                        "framework-shape",
                        site = shown,
                        name = api.name(),
                        why = why
                    );
                    Finding::new(Code::FrameworkShape, range, message)
                })
            }
            // A named import is the function itself: pick the module's.
            Ok(wecom) if site.form != FrameworkForm::Member => format!("{wecom}.{}", api.name()),
            Ok(wecom) => wecom,
            Err(why) => {
                let message = t!(
                    "framework-shape",
                    site = shown,
                    name = api.name(),
                    why = t!(why)
                );
                return (site.env != Some(Env::WeChat))
                    .then(|| Finding::new(Code::FrameworkShape, range, message));
            }
        };
        let (text, message) = match site.env {
            Some(Env::WeChat) => return None,
            Some(Env::WeCom) => (
                wecom,
                t!(
                    "framework-rewrite-in-wecom-branch",
                    site = shown,
                    name = api.name(),
                    module = self.reference.specifier
                ),
            ),
            None => (
                self.pick(guard, &wecom, object, site.after_open_statement),
                t!(
                    "framework-rewrite",
                    site = shown,
                    name = api.name(),
                    module = self.reference.specifier
                ),
            ),
        };
        Some(
            Finding::new(rewrite_code(api), range, message)
                .with_edits(self.edits(site.object.clone(), spelt_out(site, object, text)))
                .using_module(),
        )
    }

    /// `await wx.login()`, `wx.checkSession().then(...)`: the module calls `wx.qy` with callbacks
    /// and hands back the Promise WeChat's own API would.
    pub(super) fn promise(
        &self,
        api: Api,
        range: Range<usize>,
        wx: Range<usize>,
        env: Option<Env>,
        after_open_statement: bool,
        guard: &Guard,
    ) -> Option<Finding> {
        let (text, message) = match env {
            Some(Env::WeChat) => return None,
            Some(Env::WeCom) => (
                self.name.clone(),
                t!(
                    "promise-rewrite-in-wecom-branch",
                    name = api.name(),
                    module = self.reference.specifier
                ),
            ),
            None => (
                self.pick(guard, &self.name, "wx", after_open_statement),
                t!(
                    "promise-rewrite",
                    name = api.name(),
                    module = self.reference.specifier
                ),
            ),
        };
        Some(
            Finding::new(rewrite_code(api), range, message)
                .with_edits(self.edits(wx, text))
                .using_module(),
        )
    }
}

/// A shorthand property (`{ checkSession }`) keeps its key when its value is picked.
fn spelt_out(site: &FrameworkSite, object: &str, text: String) -> String {
    if site.form == FrameworkForm::Shorthand {
        format!("{object}: {text}")
    } else {
        text
    }
}

/// The site as the user wrote it: `Taro.login`, or the named import `taroLogin`.
fn shown(site: &FrameworkSite, api: Api, source: &str) -> String {
    let object = &source[site.object.clone()];
    if site.form != FrameworkForm::Member {
        object.to_string()
    } else {
        format!("{object}.{}", api.name())
    }
}

fn rewrite_code(api: Api) -> Code {
    if api == Api::Login {
        Code::LoginRewrite
    } else {
        Code::CheckSessionRewrite
    }
}

/// A framework site that no module can be imported into (the library's [`crate::migrate::migrate`]
/// knows no project): left alone, with a note that says how to migrate it.
pub(super) fn unmigrated(
    site: &FrameworkSite,
    api: Api,
    range: Range<usize>,
    source: &str,
) -> Finding {
    let shown = shown(site, api, source);
    Finding::new(
        Code::FrameworkWrapper,
        range,
        t!("framework-wrapper", site = shown, name = api.name()),
    )
}

/// `Taro.getUserInfo` and the like: no WeCom counterpart, as for `wx.getUserInfo`.
pub(super) fn user_info(
    site: &FrameworkSite,
    range: Range<usize>,
    source: &str,
) -> Option<Finding> {
    let shown = shown(site, Api::GetUserInfo, source);
    let key = match site.env {
        Some(Env::WeChat) => return None,
        Some(Env::WeCom) => "user-info-framework-in-wecom-branch",
        None => "user-info-framework",
    };
    Some(Finding::new(
        Code::GetUserInfo,
        range,
        t!(key, site = shown),
    ))
}
