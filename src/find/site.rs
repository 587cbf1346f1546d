//! What the finder reports: each use of an API it found, and what it makes of it.

use std::ops::Range;

use super::certainty::Obscured;
use super::guard::Env;
use super::imports::Imports;
use crate::compat::{self, Clients, Use};
use crate::project::Framework;

/// Frameworks whose `X.login` compiles to `wx.login` at build time.
pub const FRAMEWORKS: [&str; 3] = ["Taro", "uni", "wepy"];

/// WeChat's code exchange endpoint, which rejects codes from `wx.qy.login`.
pub const CODE_EXCHANGE: &str = "sns/jscode2session";

/// What kind of local declaration a `wx` that is not the global comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    Parameter,
    Variable,
    Function,
    Class,
    Import,
}

impl BindingKind {
    pub fn describe(self) -> String {
        match self {
            BindingKind::Parameter => crate::t!("binding-parameter"),
            BindingKind::Variable => crate::t!("binding-variable"),
            BindingKind::Function => crate::t!("binding-function"),
            BindingKind::Class => crate::t!("binding-class"),
            BindingKind::Import => crate::t!("binding-import"),
        }
    }
}

/// The WeChat APIs that behave differently in WeCom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    Login,
    CheckSession,
    GetUserInfo,
    /// A `wx.*` function that some WeCom client lacks, by its name in [`compat`]'s table.
    Missing(&'static str),
}

impl Api {
    pub(super) fn from_name(name: &str) -> Option<Api> {
        match name {
            "login" => Some(Api::Login),
            "checkSession" => Some(Api::CheckSession),
            "getUserInfo" => Some(Api::GetUserInfo),
            _ => compat::api(name)
                .filter(|row| !row.missing_on(Clients::ALL).is_empty())
                .map(|row| Api::Missing(row.name)),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Api::Login => "login",
            Api::CheckSession => "checkSession",
            Api::GetUserInfo => "getUserInfo",
            Api::Missing(name) => name,
        }
    }

    /// The APIs that WeCom renames to `wx.qy.*`.
    pub fn has_wecom_twin(self) -> bool {
        matches!(self, Api::Login | Api::CheckSession)
    }
}

/// One place that reaches an [`Api`], and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub api: Api,
    /// Where to point the user: the whole member expression (or pattern) that reaches the API.
    pub range: Range<usize>,
    pub kind: SiteKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SiteKind {
    /// A read of the global `wx`'s property: what the tool rewrites (or flags).
    Read {
        /// The `wx` token itself, the only text a rewrite replaces.
        wx: Range<usize>,
        /// The runtime an existing check already restricts this code to.
        env: Option<Env>,
        /// The `wx` token starts an expression statement that follows one not closed by `;` or
        /// a block: text starting with `(` there would call the previous line's value.
        after_open_statement: bool,
        /// The `wx` token starts a decorator's expression, which ends here: `@(guard).login` is
        /// not decorator syntax, so the rewrite must parenthesise up to this offset.
        decorator_end: Option<usize>,
        /// Called without callbacks and awaited or chained with `.then`: relies on a Promise,
        /// which WeCom's API is not documented to return.
        promise_style: bool,
        /// Where the property is named, for a rewrite that reads another one in WeCom.
        key: Option<Key>,
    },
    /// `Taro.login`, `uni.login`, `wepy.login`, `mpx.login`: a framework's wrapper of `wx.*`.
    Framework(FrameworkSite),
    LocalWx(BindingKind),
    /// The global `wx`, unless a `with` object or an `eval` supplies another.
    Obscured(Obscured),
    Write,
    Destructure,
    /// `const { login } = uni`: a framework's API taken off its object.
    FrameworkDestructure,
    Alias,
    /// `import login = wx.login` (TypeScript): a name for the API itself.
    ImportAlias,
    /// Already calls `wx.qy`'s API in WeCom (`wx.qy.login`, the tool's own guard), as a Promise.
    GuardedPromise,
}

/// A read of a framework's wrapper of a `wx.*` API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameworkSite {
    pub framework: Framework,
    /// The framework's object as written (`Taro`, `T`, `wepy.wx`): the text a rewrite
    /// replaces, and what messages name.
    pub object: Range<usize>,
    /// The runtime an existing check already restricts this code to.
    pub env: Option<Env>,
    /// As [`SiteKind::Read::after_open_statement`].
    pub after_open_statement: bool,
    /// Called with callbacks in an object literal: uni-app, WePY and Mpx (without
    /// `usePromise`) then return nothing, and WePY with `promisify` drops them.
    pub callbacks: bool,
    /// A callback reads its `this` (a `function` or method that uses it, or one defined
    /// elsewhere), which WePY sets to the app.
    pub callbacks_own_this: bool,
    /// How the code names the framework's API.
    pub form: FrameworkForm,
    /// Its value is used: a call awaited, chained, returned or assigned, or the function itself
    /// handed on. A call that is a statement of its own is not.
    pub used: bool,
}

/// How a framework site names the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameworkForm {
    /// `Taro.login`: the object is the framework's.
    Member,
    /// `taroLogin`, a named import of the API itself (`import { login as taroLogin } from
    /// '@tarojs/taro'`).
    Named,
    /// `{ checkSession }`: a named import as a shorthand property, which a rewrite must spell
    /// out (`checkSession: ...`).
    Shorthand,
    /// `export { login }`: handed to other modules, whose calls the tool cannot follow.
    Reexport,
}

/// Where a read of `wx` names its property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// The name (`getWindowInfo`), or the key expression inside `[...]`.
    pub name: Range<usize>,
    /// The `.` before the name, when it is not `?.`: `wx[...]` must replace the dot too.
    pub dot: Option<usize>,
    pub bracketed: bool,
}

/// A `wx[...]` whose key is only known at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DynamicAccess {
    pub range: Range<usize>,
}

/// Everything found in one file, in source order.
#[derive(Debug, Default)]
pub struct Found {
    pub sites: Vec<Site>,
    pub dynamic: Vec<DynamicAccess>,
    /// String and template literals naming WeChat's code exchange endpoint (server code).
    pub code_exchanges: Vec<Range<usize>>,
    /// `wx` tokens where the global is handed on as a value the tool cannot follow.
    pub escapes: Vec<Range<usize>>,
    /// A global `wx` whose token could not be located in the text: the file must not be
    /// rewritten, since an edit there could replace the wrong bytes.
    pub unlocated: Option<usize>,
    /// Every `wx.*` member read, for the readiness report (only when asked for).
    pub uses: Vec<Use>,
    /// How the file imports, when a site may need the WeCom module imported.
    pub imports: Option<Imports>,
    /// Taro's JSX attributes of the getUserInfo flow: `openType="getUserInfo"` (no handler) and
    /// `onGetUserInfo={handler}` (the handler's range).
    pub jsx_user_info: Vec<(Range<usize>, Option<Range<usize>>)>,
}
