//! Which WeCom clients lack which WeChat mini-program APIs and components, in WeCom's own words,
//! so that a finding can name the clients that break rather than guess. The table is data, not
//! code, so that a change on WeCom's page is a one-row diff a reviewer can hold against the page:
//! `wecom-tables.md` transcribes the pages, `wecom-support.tsv` holds one row per name, and the
//! tests check that the two agree. build.rs compiles it into static rows, so the tool needs no
//! file beside it and no run spends time reading it.

/// WeCom's 「微信小程序API支持情况」: the source of every row but the components.
pub const API_PAGE: &str = "https://developer.work.weixin.qq.com/document/path/91503";
/// WeCom's 「微信小程序组件支持情况」: the source of the component rows.
pub const COMPONENT_PAGE: &str = "https://developer.work.weixin.qq.com/document/path/91504";
/// The API page's own "last updated" date. A report cites it, because the page can change
/// after the table was taken from it.
pub const TABLE_DATE: &str = "2022-06-10";

/// The table as written; build.rs compiles it into `ROWS`, and the tests check the two agree.
#[cfg(test)]
const TSV: &str = include_str!("wecom-support.tsv");

/// A WeCom client. The pages state support per client and never per client version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Client {
    Windows,
    Mac,
    Ios,
    Android,
}

impl Client {
    pub const ALL: [Client; 4] = [Client::Windows, Client::Mac, Client::Ios, Client::Android];

    pub fn as_str(self) -> &'static str {
        match self {
            Client::Windows => "windows",
            Client::Mac => "mac",
            Client::Ios => "ios",
            Client::Android => "android",
        }
    }

    /// Reads a client as a user writes it in a configuration or on the command line, where
    /// `macOS` and `iOS` are as likely as `mac` and `ios`.
    pub fn parse(text: &str) -> Option<Client> {
        if text.eq_ignore_ascii_case("macos") {
            return Some(Client::Mac);
        }
        Client::ALL
            .into_iter()
            .find(|client| client.as_str().eq_ignore_ascii_case(text))
    }

    const fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Clients as a bit set, so that what a status allows and what a project targets combine by
/// arithmetic rather than by allocating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Clients(u8);

impl Clients {
    pub const ALL: Clients = Clients(Clients::DESKTOP.0 | Clients::MOBILE.0);
    pub const NONE: Clients = Clients(0);
    const DESKTOP: Clients = Clients(Client::Windows.bit() | Client::Mac.bit());
    const MOBILE: Clients = Clients(Client::Ios.bit() | Client::Android.bit());

    pub fn of(clients: &[Client]) -> Clients {
        Clients(clients.iter().fold(0, |bits, client| bits | client.bit()))
    }

    const fn only(client: Client) -> Clients {
        Clients(client.bit())
    }

    const fn all_but(client: Client) -> Clients {
        Clients(Clients::ALL.0 & !client.bit())
    }

    pub fn contains(self, client: Client) -> bool {
        self.0 & client.bit() != 0
    }

    pub fn minus(self, other: Clients) -> Clients {
        Clients(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// In the order of [`Client::ALL`], so that messages list clients the same way every time.
    pub fn iter(self) -> impl Iterator<Item = Client> {
        Client::ALL
            .into_iter()
            .filter(move |&client| self.contains(client))
    }
}

/// What a row names: the tables mix `wx.*` functions with the methods of the objects they
/// return, the page's globals and WXML components, and each is looked up in its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A member of `wx`, named without `wx.` (`getWindowInfo`).
    Api,
    /// `console.group`, `setTimeout`: a global, named as written.
    Global,
    /// A method of an object a `wx.*` function returns (`UpdateManager.applyUpdate`).
    Method,
    /// A WXML tag (`share-element`).
    Component,
}

/// The pages' categories, one word each in the TSV. A category the vocabulary lacks is mapped in
/// the TSV to the nearest one that claims no client the page does not, and its row keeps the
/// page's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// 支持
    Yes,
    /// 不支持
    No,
    /// 仅移动端支持: iOS and Android.
    Mobile,
    /// 仅安卓支持
    Android,
    /// 仅iOS支持
    Ios,
    /// 仅安卓和win支持
    AndroidWindows,
    /// 仅桌面端支持: Windows and macOS.
    Desktop,
    /// win不支持
    NoWindows,
    /// mac不支持
    NoMac,
    /// 部分支持: the page never says which part.
    Partial,
    /// 桌面端部分支持
    PartialDesktop,
    /// mac上部分支持, mac部分支持
    PartialMac,
    /// win部分支持
    PartialWindows,
    /// No table states it.
    Unknown,
}

#[cfg(test)]
const STATUSES: [Status; 14] = [
    Status::Yes,
    Status::No,
    Status::Mobile,
    Status::Android,
    Status::Ios,
    Status::AndroidWindows,
    Status::Desktop,
    Status::NoWindows,
    Status::NoMac,
    Status::Partial,
    Status::PartialDesktop,
    Status::PartialMac,
    Status::PartialWindows,
    Status::Unknown,
];

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Yes => "yes",
            Status::No => "no",
            Status::Mobile => "mobile",
            Status::Android => "android",
            Status::Ios => "ios",
            Status::AndroidWindows => "android-windows",
            Status::Desktop => "desktop",
            Status::NoWindows => "no-windows",
            Status::NoMac => "no-mac",
            Status::Partial => "partial",
            Status::PartialDesktop => "partial-desktop",
            Status::PartialMac => "partial-mac",
            Status::PartialWindows => "partial-windows",
            Status::Unknown => "unknown",
        }
    }

    #[cfg(test)]
    pub fn parse(s: &str) -> Option<Status> {
        STATUSES.into_iter().find(|status| status.as_str() == s)
    }

    /// Clients where it exists at all. A partial status counts as existing, and so does
    /// `Unknown`: only what a table states is reported as missing.
    pub fn supported_on(self) -> Clients {
        match self {
            Status::No => Clients::NONE,
            Status::Mobile => Clients::MOBILE,
            Status::Android => Clients::only(Client::Android),
            Status::Ios => Clients::only(Client::Ios),
            Status::AndroidWindows => Clients::of(&[Client::Android, Client::Windows]),
            Status::Desktop => Clients::DESKTOP,
            Status::NoWindows => Clients::all_but(Client::Windows),
            Status::NoMac => Clients::all_but(Client::Mac),
            Status::Yes
            | Status::Partial
            | Status::PartialDesktop
            | Status::PartialMac
            | Status::PartialWindows
            | Status::Unknown => Clients::ALL,
        }
    }

    /// Clients where it exists but only in part.
    pub fn partial_on(self) -> Clients {
        match self {
            Status::Partial => Clients::ALL,
            Status::PartialDesktop => Clients::DESKTOP,
            Status::PartialMac => Clients::only(Client::Mac),
            Status::PartialWindows => Clients::only(Client::Windows),
            _ => Clients::NONE,
        }
    }
}

/// One row of `wecom-support.tsv`, borrowed from the text compiled into the binary.
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    pub kind: Kind,
    /// As [`Kind`] says: `getWindowInfo`, `console.group`, `UpdateManager.applyUpdate`, `share-element`.
    pub name: &'static str,
    pub status: Status,
    /// The page's own words (`不支持withShareTicket 参数，win不支持`): the status word loses detail
    /// that a report should still show.
    pub wording: &'static str,
    /// `T22`, `T19`, `C22` or `C19`: which table, and so which date, the status comes from.
    pub source: &'static str,
    /// What to call in WeCom instead (`wx.getSystemInfoSync`), where the sources say.
    pub instead: Option<&'static str>,
    /// The rewrite this tool makes for it, where it makes one.
    pub fix: Option<&'static str>,
}

impl Row {
    /// How code names it: `wx.getWindowInfo`, `UpdateManager.applyUpdate`, `<share-element>`.
    pub fn shown(&self) -> String {
        match self.kind {
            Kind::Api => format!("wx.{}", self.name),
            Kind::Component => format!("<{}>", self.name),
            Kind::Global | Kind::Method => self.name.to_string(),
        }
    }

    /// The targeted clients that lack it entirely.
    pub fn missing_on(&self, targets: Clients) -> Clients {
        targets.minus(self.status.supported_on())
    }
}

// `ROWS`, and `api_row` and `component_row`: where a name of that kind is in `ROWS`.
include!(concat!(env!("OUT_DIR"), "/wecom_support.rs"));

pub fn rows() -> &'static [Row] {
    &ROWS
}

/// A `wx.*` function by its name without `wx.` (`getWindowInfo`).
pub fn api(name: &str) -> Option<&'static Row> {
    api_row(name).map(|row| &ROWS[row])
}

/// One API or component that code uses, as the readiness report lists it: with its row, or
/// without one when WeCom's tables do not name it (an API newer than the tables).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    pub shown: String,
    pub row: Option<&'static Row>,
}

impl Use {
    pub fn listed(row: &'static Row) -> Use {
        Use {
            shown: row.shown(),
            row: Some(row),
        }
    }

    /// A `wx.*` member the tables do not name.
    pub fn unlisted(name: &str) -> Use {
        Use {
            shown: format!("wx.{name}"),
            row: None,
        }
    }
}

/// The row [`Row::shown`] names.
pub fn by_shown(shown: &str) -> Option<&'static Row> {
    if let Some(name) = shown.strip_prefix("wx.") {
        return api(name);
    }
    component(shown.strip_prefix('<')?.strip_suffix('>')?)
}

/// A WXML component by its tag (`share-element`).
pub fn component(name: &str) -> Option<&'static Row> {
    component_row(name).map(|row| &ROWS[row])
}

/// Every `wx.*` function some WeCom client lacks (status not `yes`/`partial*`/`unknown`): the
/// names a file must mention before it is worth parsing for this check.
pub fn api_names_missing_somewhere() -> impl Iterator<Item = &'static str> {
    rows()
        .iter()
        .filter(|row| row.kind == Kind::Api && !row.missing_on(Clients::ALL).is_empty())
        .map(|row| row.name)
}

#[cfg(test)]
mod tests;
