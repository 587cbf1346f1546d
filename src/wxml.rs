//! WXML templates: the template half of the `getUserInfo` flow.
//!
//! In a page's `.wxml`, user info is requested with `<button open-type="getUserInfo"
//! bindgetuserinfo="onGetUserInfo">`. WeCom has neither the open-type nor the event, so both are
//! reported for a person to port, like `wx.getUserInfo` in scripts ([`Code::GetUserInfo`]). An
//! `open-type` computed from `{{ }}` may be `getUserInfo` at run time and gets a note
//! ([`Code::DynamicOpenType`]).
//!
//! Components that WeCom's component table marks missing on a targeted client are reported too
//! ([`Code::UnsupportedComponent`]).
//!
//! The tags are read by [`crate::markup`]'s tokenizer, so `<!-- comments -->`, the
//! JavaScript-like body of `<wxs>` and `{{ }}` expressions are never mistaken for markup, and
//! input that ends inside any of them simply ends the scan. WXML is case-sensitive, and so are
//! the names matched here.

use std::sync::LazyLock;

use crate::compat::{self, Clients, Kind, Use};
use crate::diagnostic::{Code, Finding};
use crate::markup::{slice, Attribute, Markup, StartTag, Tokenizer};
use crate::messages::clients;
use crate::t;

/// The `open-type` value that starts the flow.
const GET_USER_INFO: &str = "getUserInfo";

/// Event-binding prefixes (each also written with a `:` before the event name).
/// WXML's event binding prefixes, then Vue's (`@getuserinfo`, `v-on:getuserinfo`), which the
/// templates of uni-app and mpvue components use.
const EVENT_PREFIXES: [&str; 7] = [
    "capture-catch",
    "capture-bind",
    "mut-bind",
    "catch",
    "bind",
    "v-on",
    "@",
];

/// Elements whose `open-type` is a different attribute (page navigation), which can never be
/// `getUserInfo`; a dynamic value there is not worth a note.
const NAVIGATORS: [&str; 2] = ["navigator", "functional-page-navigator"];

/// The start of a tag some WeCom client lacks (`<share-element`): eight or so of them.
static MISSING_TAGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    compat::rows()
        .iter()
        .filter(|row| row.kind == Kind::Component && !row.missing_on(Clients::ALL).is_empty())
        .map(|row| format!("<{}", row.name))
        .collect()
});

/// `false` when the bytes prove that [`scan`] finds nothing: it needs an attribute whose name
/// holds `open-type` or `getuserinfo`, or a tag some WeCom client lacks, and most templates
/// have none. A pass per word: templates are small, and a multi-word automaton cost a run
/// 170 µs to build.
pub fn may_report(text: &str) -> bool {
    let bytes = text.as_bytes();
    ["open-type", "getuserinfo"]
        .into_iter()
        .chain(MISSING_TAGS.iter().map(String::as_str))
        .any(|word| memchr::memmem::find(bytes, word.as_bytes()).is_some())
}

/// Scans a WXML template for uses of the getUserInfo flow, and for components that one of the
/// `targets` lacks.
///
/// Findings carry byte ranges into `text` (each covers one attribute, from its name through its
/// value's closing quote, or a tag's `<` and name) and come sorted by position.
pub fn scan(text: &str, targets: Clients) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut tokenizer = Tokenizer::new(text);
    while let Some(markup) = tokenizer.next() {
        let Markup::Start(tag) = markup else {
            continue;
        };
        findings.extend(missing_component(text, &tag, targets));
        for attribute in &tag.attributes {
            findings.extend(check(text, tag.name, attribute));
        }
        if tag.name == "wxs" && tag.end.is_some() && !tag.self_closing {
            tokenizer.skip_raw_text("wxs");
        }
    }
    findings.sort_by_key(|finding| (finding.range.start, finding.range.end));
    findings
}

/// Every component of WeCom's table that the template uses, for the readiness report.
pub fn components_used(text: &str) -> Vec<Use> {
    let mut tokenizer = Tokenizer::new(text);
    let mut uses = Vec::new();
    while let Some(markup) = tokenizer.next() {
        let Markup::Start(tag) = markup else {
            continue;
        };
        uses.extend(compat::component(tag.name).map(Use::listed));
        if tag.name == "wxs" && tag.end.is_some() && !tag.self_closing {
            tokenizer.skip_raw_text("wxs");
        }
    }
    uses
}

/// `WX503` for a tag that a targeted client lacks.
fn missing_component(text: &str, tag: &StartTag, targets: Clients) -> Option<Finding> {
    let row = compat::component(tag.name)?;
    let lacking = row.missing_on(targets);
    if lacking.is_empty() {
        return None;
    }
    // The name borrows from `text`: its offset there is the distance between the two.
    let name = tag.name.as_ptr() as usize - text.as_ptr() as usize;
    let range = name.saturating_sub(1)..name + tag.name.len();
    let message = if row.status.supported_on().is_empty() {
        t!(
            "component-unsupported",
            tag = tag.name,
            wording = row.wording
        )
    } else {
        t!(
            "component-missing-on",
            tag = tag.name,
            clients = clients(lacking),
            wording = row.wording
        )
    };
    Some(Finding::new(Code::UnsupportedComponent, range, message).about(row))
}

/// The finding for an attribute that belongs to the getUserInfo flow.
fn check(text: &str, tag: &str, attribute: &Attribute) -> Option<Finding> {
    let attr_name = slice(text, attribute.name.clone());
    let range = attribute.range();
    let value_text = attribute
        .value
        .as_ref()
        .map_or("", |v| slice(text, v.inner.clone()));
    // Vue binds an attribute to an expression with `:open-type` or `v-bind:open-type`; a
    // quoted literal is as plain as WXML's value.
    let vue_bound = matches!(attr_name, ":open-type" | "v-bind:open-type");
    if vue_bound && !NAVIGATORS.contains(&tag) {
        let literal = value_text
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''));
        if literal == Some(GET_USER_INFO) {
            Some(Finding::new(
                Code::GetUserInfo,
                range,
                t!("open-type-button"),
            ))
        } else {
            Some(Finding::new(
                Code::DynamicOpenType,
                range,
                t!("dynamic-open-type"),
            ))
        }
    } else if attr_name == "open-type" {
        if value_text == GET_USER_INFO {
            Some(Finding::new(
                Code::GetUserInfo,
                range,
                t!("open-type-button"),
            ))
        } else if value_text.contains("{{") && !NAVIGATORS.contains(&tag) {
            Some(Finding::new(
                Code::DynamicOpenType,
                range,
                t!("dynamic-open-type"),
            ))
        } else {
            None
        }
    } else if is_user_info_binding(attr_name) {
        let handler = one_line(value_text);
        let handler = if handler.is_empty() {
            t!("no-handler")
        } else {
            handler
        };
        let message = t!(
            "user-info-handler",
            attribute = attr_name,
            handler = handler
        );
        Some(Finding::new(Code::GetUserInfo, range, message))
    } else {
        None
    }
}

/// `bindgetuserinfo`, `bind:getuserinfo`, `catch…`, `mut-bind…`, `capture-bind…`,
/// `capture-catch…`, and Vue's `@getuserinfo` and `v-on:getuserinfo`, with or without event
/// modifiers (`@getuserinfo.stop`, `v-on:getuserinfo.once.prevent`).
fn is_user_info_binding(name: &str) -> bool {
    EVENT_PREFIXES.iter().any(|prefix| {
        name.strip_prefix(prefix)
            .map(|rest| rest.strip_prefix(':').unwrap_or(rest))
            .and_then(|event| event.split('.').next())
            .is_some_and(|event| event == "getuserinfo")
    })
}

/// A value for a one-line message: runs of whitespace become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
