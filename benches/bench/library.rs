//! Every item of the `wxwork_migrate` library the benchmark calls, imported here only: when the
//! library moves one, this file is the one to change.

pub use wxwork_migrate::compat::Clients;
pub use wxwork_migrate::discover::discover;
pub use wxwork_migrate::language::Language;
pub use wxwork_migrate::limits::check_text_nesting;
pub use wxwork_migrate::parse::parse;
pub use wxwork_migrate::plan::{plan, Context, Guard};
pub use wxwork_migrate::prefilter::may_reach_api;
pub use wxwork_migrate::write::{self, Batch, Durability, BATCH_FILES};
pub use wxwork_migrate::{edit, find, report};
