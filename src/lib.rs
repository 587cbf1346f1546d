//! Makes WeChat mini-programs run inside WeCom (企业微信) too.
//!
//! The pipeline, one module a step: [`discover`] files → [`parse`] → [`find`] the sites →
//! [`plan`] edits → [`edit`] (apply) → [`report`]. [`migrate`] runs the steps on one file's text;
//! [`run`] runs them over a tree in parallel and decides the exit code.

pub mod cli;
pub mod compat;
pub mod config;
pub mod crash;
pub mod diagnostic;
pub mod discover;
pub mod edit;
pub mod find;
#[cfg(test)]
mod fixture_files;
pub mod git;
pub mod host;
pub mod ifdef;
pub mod language;
pub mod limits;
pub mod manifest;
pub mod markup;
pub mod messages;
pub mod migrate;
pub mod parse;
pub mod plan;
pub mod prefilter;
pub mod project;
pub mod report;
pub mod run;
pub mod settings;
pub mod sfc;
pub mod source;
pub mod suppress;
pub mod typings;
pub mod wecom_module;
pub mod write;
pub mod wxml;
