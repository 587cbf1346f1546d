//! The journal under WASI (see the parent module).

use std::any::Any;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

/// What the journal keeps of a processed file, to replay it after a restart instead of
/// processing the file again: the file's report, which implements it. A trait, so that crash
/// isolation does not depend on what a report holds.
pub trait Record {
    fn encode(&self) -> Value;
    fn decode(record: &Value) -> Self;
}

/// Parse calls made so far on the file in flight.
static PARSES: AtomicUsize = AtomicUsize::new(0);
/// Whether swc's parser is running: a panic there is a syntax error natively.
static PARSING: AtomicBool = AtomicBool::new(false);
/// The journal, for the panic hook, which has nothing else to reach it through.
static OPEN: Mutex<Option<File>> = Mutex::new(None);
/// The parse call (counted per file) that earlier starts saw crash, by file index.
static PARSER_CRASHES: Mutex<Option<HashMap<usize, usize>>> = Mutex::new(None);
/// The index of the file in flight.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(usize::MAX);

/// What the panic hook journals. Natively the panic reaches `catch_unwind` in `parse` (a
/// syntax error) or in `process` (the file's `WX903`); here the next start decides that from
/// whether a parse was running.
/// Returns whether a file was in flight (and the panic is then that file's).
pub fn on_panic(payload: &(dyn Any + Send)) -> bool {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let in_flight = IN_FLIGHT.load(Ordering::Relaxed);
    if let Ok(mut open) = OPEN.lock() {
        if let Some(file) = open.as_mut().filter(|_| in_flight != usize::MAX) {
            let record = json!({
                "crash": in_flight,
                "parse": PARSING.load(Ordering::Relaxed).then(|| PARSES.load(Ordering::Relaxed)),
                "detail": detail,
            });
            let _ = writeln!(file, "{record}");
            return true;
        }
    }
    false
}

/// See the native `parsing`: `None` when this very parse aborted the module before.
pub fn parsing<R>(parse: impl FnOnce() -> R) -> Option<R> {
    let call = PARSES.fetch_add(1, Ordering::Relaxed) + 1;
    let file = IN_FLIGHT.load(Ordering::Relaxed);
    let crashed = PARSER_CRASHES
        .lock()
        .ok()
        .and_then(|known| known.as_ref()?.get(&file).copied());
    if crashed == Some(call) {
        return None;
    }
    PARSING.store(true, Ordering::Relaxed);
    let result = parse();
    PARSING.store(false, Ordering::Relaxed);
    Some(result)
}

/// A run's journal: what earlier starts of the same run recorded, and the record of this one.
pub struct Journal {
    /// Whether files are written, so that each report must be kept.
    keep_reports: bool,
    reports: HashMap<usize, Value>,
    crashes: HashMap<usize, String>,
    next: AtomicUsize,
    /// Reports printed so far: `--write` prints each once its batch is in place.
    shown: AtomicUsize,
    printed: [Arc<AtomicU64>; 2],
}

impl Journal {
    /// Opens the launcher's journal, if there is one, and wraps the run's output so that what an
    /// earlier start printed is not printed again.
    pub fn resume<O: Write, E: Write>(
        keep_reports: bool,
        out: O,
        err: E,
    ) -> io::Result<(Journal, Counted<O>, Counted<E>)> {
        let mut journal = Journal {
            keep_reports,
            reports: HashMap::new(),
            crashes: HashMap::new(),
            next: AtomicUsize::new(0),
            shown: AtomicUsize::new(0),
            printed: [Arc::default(), Arc::default()],
        };
        let mut skip = [0, 0];
        if let Some(path) = std::env::var_os("WXWORK_MIGRATE_JOURNAL") {
            let mut parser_crashes = HashMap::new();
            if let Ok(file) = File::open(&path) {
                for line in BufReader::new(file).lines() {
                    let record: Value = serde_json::from_str(&line?).map_err(io::Error::other)?;
                    if let Some(i) = record["start"].as_u64() {
                        skip = [record["out"].as_u64(), record["err"].as_u64()]
                            .map(Option::unwrap_or_default);
                        journal.reports.remove(&(i as usize));
                    } else if let Some(i) = record["report"].as_u64() {
                        journal.reports.insert(i as usize, record);
                    } else if let Some(i) = record["crash"].as_u64() {
                        match record["parse"].as_u64() {
                            Some(call) => {
                                parser_crashes.insert(i as usize, call as usize);
                            }
                            None => {
                                let detail = record["detail"].as_str().unwrap_or_default();
                                journal.crashes.insert(i as usize, detail.to_string());
                            }
                        }
                    }
                }
            }
            *PARSER_CRASHES
                .lock()
                .map_err(|_| io::Error::other("poisoned"))? = Some(parser_crashes);
            let file = OpenOptions::new().create(true).append(true).open(&path)?;
            *OPEN.lock().map_err(|_| io::Error::other("poisoned"))? = Some(file);
        }
        let [out_count, err_count] = journal.printed.clone();
        let out = Counted {
            inner: out,
            count: out_count,
            skip: skip[0],
        };
        let err = Counted {
            inner: err,
            count: err_count,
            skip: skip[1],
        };
        Ok((journal, out, err))
    }

    /// Processes the next file, or replays what an earlier start recorded for it.
    pub fn process<R, T: Record>(
        &self,
        process: impl FnOnce() -> R,
        crashed: impl FnOnce(String) -> R,
        replayed: impl FnOnce(T) -> R,
    ) -> R {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if let Some(record) = self.reports.get(&i) {
            return replayed(T::decode(record));
        }
        IN_FLIGHT.store(i, Ordering::Relaxed);
        PARSES.store(0, Ordering::Relaxed);
        let [out, err] = &self.printed;
        self.record(json!({
            "start": i,
            "out": out.load(Ordering::Relaxed),
            "err": err.load(Ordering::Relaxed),
        }));
        match self.crashes.get(&i) {
            Some(detail) => crashed(detail.clone()),
            None => process(),
        }
    }

    /// Records a printed report of a `--write` run: its file is in place (or refused), so a
    /// later start replays the report rather than process the file again. Files still waiting
    /// for their batch when the module aborted are processed again: their temporary files are
    /// removed at the next start, and they were never written.
    pub fn shown(&self, report: &impl Record) {
        let i = self.shown.fetch_add(1, Ordering::Relaxed);
        if self.keep_reports && !self.reports.contains_key(&i) {
            let mut record = report.encode();
            record["report"] = json!(i);
            self.record(record);
        }
    }

    fn record(&self, record: Value) {
        if let Ok(mut open) = OPEN.lock() {
            if let Some(file) = open.as_mut() {
                // A journal that cannot be written only costs the resumption after a crash.
                let _ = writeln!(file, "{record}");
            }
        }
    }
}

/// Output that counts every byte the run prints and leaves out the first `skip`, which an
/// earlier start of the same run printed already.
pub struct Counted<W> {
    inner: W,
    count: Arc<AtomicU64>,
    skip: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let at = self.count.load(Ordering::Relaxed);
        let skipped = self.skip.saturating_sub(at).min(buf.len() as u64) as usize;
        if skipped < buf.len() {
            self.inner.write_all(&buf[skipped..])?;
        }
        self.count.fetch_add(buf.len() as u64, Ordering::Relaxed);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
