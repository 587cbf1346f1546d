//! What the tool tells a user about a file: findings with stable codes.
//!
//! Codes never change meaning once released, so that CI configurations, suppression lists and
//! scripts that grep for them keep working (the same contract as ruff's rule codes).

pub mod examples;

use std::fmt;
use std::ops::Range;

use crate::compat::Row;
use crate::edit::Edit;
use crate::messages::{self, Lang};

/// How much a finding matters, which decides whether `--check` fails on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Left alone on purpose; shown so that a person can review it.
    Note,
    /// Code that cannot work in WeCom and that a person must port.
    Warning,
    /// A rewrite the tool makes (or would make, in a dry run).
    Fix,
    /// The file could not be processed; it is left untouched.
    Error,
}

impl Severity {
    /// The name in JSON, SARIF and the README: the same in every language.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Fix => "fix",
            Severity::Error => "error",
        }
    }

    /// The name people read, in the run's language.
    pub fn label(self) -> String {
        self.label_in(messages::lang())
    }

    /// [`Severity::label`] in `lang`, for the code pages, which are written in every language.
    pub fn label_in(self, lang: Lang) -> String {
        messages::text(lang, &format!("severity-{}", self.as_str()), &[])
    }
}

/// Every kind of finding, one code each. `--help`'s table and the pages in `docs/codes/` are
/// made from the same data, via [`Code::ALL`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    LoginRewrite,
    CheckSessionRewrite,
    GetUserInfo,
    PromiseStyle,
    DynamicOpenType,
    LocalWx,
    Write,
    Destructure,
    Alias,
    DynamicKey,
    Skipped,
    UnusedSuppression,
    CodeExchange,
    FrameworkWrapper,
    ParseError,
    ReadError,
    InternalError,
    WriteError,
    SkippedWithSites,
    BadSuppression,
    ObscuredWx,
    EscapedWx,
    SystemInfoRewrite,
    UnsupportedApi,
    MissingOnClients,
    UnsupportedComponent,
    FrameworkShape,
    ConditionalCompilation,
}

impl Code {
    pub const ALL: [Code; 28] = [
        Code::LoginRewrite,
        Code::CheckSessionRewrite,
        Code::GetUserInfo,
        Code::PromiseStyle,
        Code::DynamicOpenType,
        Code::LocalWx,
        Code::Write,
        Code::Destructure,
        Code::Alias,
        Code::DynamicKey,
        Code::Skipped,
        Code::UnusedSuppression,
        Code::CodeExchange,
        Code::FrameworkWrapper,
        Code::ParseError,
        Code::ReadError,
        Code::InternalError,
        Code::WriteError,
        Code::SkippedWithSites,
        Code::BadSuppression,
        Code::ObscuredWx,
        Code::EscapedWx,
        Code::SystemInfoRewrite,
        Code::UnsupportedApi,
        Code::MissingOnClients,
        Code::UnsupportedComponent,
        Code::FrameworkShape,
        Code::ConditionalCompilation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::LoginRewrite => "WX101",
            Code::CheckSessionRewrite => "WX102",
            Code::GetUserInfo => "WX201",
            Code::PromiseStyle => "WX202",
            Code::DynamicOpenType => "WX204",
            Code::LocalWx => "WX301",
            Code::Write => "WX302",
            Code::Destructure => "WX303",
            Code::Alias => "WX304",
            Code::DynamicKey => "WX305",
            Code::Skipped => "WX306",
            Code::UnusedSuppression => "WX307",
            Code::CodeExchange => "WX401",
            Code::FrameworkWrapper => "WX402",
            Code::FrameworkShape => "WX403",
            Code::ParseError => "WX901",
            Code::ReadError => "WX902",
            Code::InternalError => "WX903",
            Code::WriteError => "WX904",
            Code::SkippedWithSites => "WX205",
            Code::BadSuppression => "WX905",
            Code::ObscuredWx => "WX308",
            Code::EscapedWx => "WX206",
            Code::SystemInfoRewrite => "WX103",
            Code::UnsupportedApi => "WX501",
            Code::MissingOnClients => "WX502",
            Code::UnsupportedComponent => "WX503",
            Code::ConditionalCompilation => "WX906",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Code::LoginRewrite | Code::CheckSessionRewrite | Code::SystemInfoRewrite => {
                Severity::Fix
            }
            Code::GetUserInfo
            | Code::PromiseStyle
            | Code::SkippedWithSites
            | Code::EscapedWx
            // Left unmigrated: in WeCom this code still calls WeChat's login.
            | Code::Destructure
            | Code::Alias
            | Code::ObscuredWx
            | Code::UnsupportedApi
            | Code::MissingOnClients
            | Code::UnsupportedComponent
            | Code::FrameworkShape => Severity::Warning,
            Code::DynamicOpenType
            | Code::LocalWx
            | Code::Write
            | Code::DynamicKey
            | Code::Skipped
            | Code::UnusedSuppression
            | Code::CodeExchange
            | Code::FrameworkWrapper => Severity::Note,
            Code::ParseError
            | Code::ReadError
            | Code::InternalError
            | Code::WriteError
            | Code::BadSuppression
            | Code::ConditionalCompilation => Severity::Error,
        }
    }

    /// Whether the finding rests on WeCom's tables of supported APIs and components, whose
    /// source and date `explain` shows.
    pub fn cites_support_table(self) -> bool {
        matches!(
            self,
            Code::SystemInfoRewrite
                | Code::UnsupportedApi
                | Code::MissingOnClients
                | Code::UnsupportedComponent
        )
    }

    /// One sentence for the code table in `--help`, `--statistics`, `explain` and SARIF.
    pub fn summary(self) -> String {
        self.summary_in(messages::lang())
    }

    /// [`Code::summary`] in `lang`.
    pub fn summary_in(self, lang: Lang) -> String {
        messages::text(lang, &format!("code-{}", self.as_str()), &[])
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing to tell the user about one place in a file, with the edits that fix it (none for
/// flags and notes). Keeping a finding and its edits together lets a suppression drop both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    /// Byte range in the file's text; line and column are derived only when printing.
    pub range: Range<usize>,
    pub message: String,
    pub edits: Vec<Edit>,
    /// The row of WeCom's support table the finding is about, so that `--statistics` and the
    /// readiness report can count by API and component.
    pub subject: Option<&'static Row>,
    /// The edits use the WeCom module, which the run must then add to the project.
    pub uses_module: bool,
}

impl Finding {
    pub fn new(code: Code, range: Range<usize>, message: impl Into<String>) -> Self {
        Finding {
            code,
            range,
            message: message.into(),
            edits: Vec::new(),
            subject: None,
            uses_module: false,
        }
    }

    pub fn about(mut self, row: &'static Row) -> Self {
        self.subject = Some(row);
        self
    }

    pub fn using_module(mut self) -> Self {
        self.uses_module = true;
        self
    }

    pub fn with_edits(mut self, edits: Vec<Edit>) -> Self {
        self.edits = edits;
        self
    }

    /// The same finding in a larger text that holds this one's at `offset` (a component's
    /// `<script>` block in the whole file).
    pub fn shifted(mut self, offset: usize) -> Self {
        self.range = self.range.start + offset..self.range.end + offset;
        for edit in &mut self.edits {
            edit.range = edit.range.start + offset..edit.range.end + offset;
        }
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}
