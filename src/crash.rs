//! Crash isolation where panics cannot be caught. Natively a panic on one file unwinds to
//! `run::file::process`, which reports it and goes on. Under WASI a panic aborts the whole
//! module, so the npm package's launcher starts it again after the file in flight, and this
//! module remembers, across those starts, which file crashed and where.
//!
//! The journal (a file the launcher names in `WXWORK_MIGRATE_JOURNAL`) is one JSON record a
//! line: `start` before each file, with how many bytes of output the run had printed; `report`
//! after each file of a `--write` run, whose files cannot be processed twice; and `crash`,
//! written by the panic hook. A later start replays the reports, reports the crashed file as the
//! native binary would, and prints nothing it printed before.

#[cfg(target_os = "wasi")]
mod wasi;

#[cfg(target_os = "wasi")]
pub use wasi::*;

/// Runs swc's parser. Natively just `parse`; under WASI the call is counted, so that a parse
/// that aborted the module is known to have panicked when the file is seen again.
#[cfg(not(target_os = "wasi"))]
pub fn parsing<R>(parse: impl FnOnce() -> R) -> Option<R> {
    Some(parse())
}

/// Natively there is nothing to journal: every file is processed once, and a panic is caught.
#[cfg(not(target_os = "wasi"))]
pub struct Journal;

#[cfg(not(target_os = "wasi"))]
impl Journal {
    pub fn resume<O, E>(_keep_reports: bool, out: O, err: E) -> std::io::Result<(Journal, O, E)> {
        Ok((Journal, out, err))
    }

    pub fn process<R, T>(
        &self,
        process: impl FnOnce() -> R,
        _crashed: impl FnOnce(String) -> R,
        _replayed: impl FnOnce(T) -> R,
    ) -> R {
        process()
    }

    pub fn shown<T>(&self, _report: &T) {}
}
