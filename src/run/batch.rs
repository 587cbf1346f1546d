//! `--write`'s changed files on their way to disk: each file's report waits with its staged new
//! text until its batch is durable and in place, so that what is printed is what was written,
//! still in path order.

use std::io;
use std::mem;

use crate::report::FileReport;
use crate::write::{Batch, Staged, BATCH_FILES};

use super::file::not_written;

/// Reports in path order, the files among them not yet in place.
#[derive(Default)]
pub struct PendingWrites {
    batch: Batch,
    waiting: Vec<(FileReport, Option<Staged>)>,
    staged: usize,
    /// Files replaced so far.
    pub written: usize,
}

impl PendingWrites {
    /// Takes one file's report (and its new text, if it has one to write); returns the reports
    /// now ready to print: none while a batch fills, the whole batch once it is in place.
    pub fn add(&mut self, report: FileReport, staged: Option<Staged>) -> Vec<FileReport> {
        if staged.is_none() && self.waiting.is_empty() {
            return vec![report];
        }
        self.staged += usize::from(staged.is_some());
        self.waiting.push((report, staged));
        if self.staged < BATCH_FILES {
            return Vec::new();
        }
        self.commit()
    }

    /// Puts the files waiting in place now, whatever their number; returns their reports.
    pub fn commit(&mut self) -> Vec<FileReport> {
        let waiting = mem::take(&mut self.waiting);
        self.staged = 0;
        let (mut reports, staged): (Vec<FileReport>, Vec<Option<Staged>>) =
            waiting.into_iter().unzip();
        let (changing, files): (Vec<usize>, Vec<Staged>) = staged
            .into_iter()
            .enumerate()
            .filter_map(|(i, file)| Some((i, file?)))
            .unzip();
        for (i, result) in changing.into_iter().zip(self.batch.commit(files)) {
            match result {
                Ok(()) => self.written += 1,
                Err(err) => not_written(&mut reports[i], &err),
            }
        }
        reports
    }

    /// Syncs the folders whose entries changed. Files still waiting are abandoned: their
    /// temporary files are removed and the files keep their old text.
    pub fn finish(self) -> io::Result<()> {
        self.batch.sync_folders()
    }
}
