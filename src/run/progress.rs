//! The progress bar.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use crate::report::FileReport;
use crate::t;

/// A progress bar on stderr for runs long enough to wonder about: only on a terminal, and only
/// after the first second, so quick runs and piped output never show it.
///
/// It redraws at most ten times a second, output included: the reports that arrive between
/// two frames are held and printed with the next one. A slow terminal (Windows' console, a
/// remote session) would otherwise spend more on the bar than the tool spends on the files.
/// indicatif, used before, redraws around every printed line and allows bursts of twenty.
pub struct Progress {
    total: usize,
    done: usize,
    started: Instant,
    on_terminal: bool,
    /// When the bar was last drawn; `None` while it is not shown.
    drawn: Option<Instant>,
    held: Vec<FileReport>,
}

impl Progress {
    const DELAY: Duration = Duration::from_secs(1);
    const FRAME: Duration = Duration::from_millis(100);
    const WIDTH: usize = 40;

    pub fn new(total: usize, on_terminal: bool) -> Progress {
        Progress {
            total,
            done: 0,
            started: Instant::now(),
            on_terminal,
            drawn: None,
            held: Vec::new(),
        }
    }

    /// Counts one file and prints its report: at once while the bar is not shown, else with
    /// the next frame.
    pub fn advance(
        &mut self,
        report: FileReport,
        print: &mut impl FnMut(&FileReport) -> io::Result<()>,
    ) -> io::Result<()> {
        self.done += 1;
        if !self.on_terminal || self.started.elapsed() < Self::DELAY {
            return print(&report);
        }
        self.held.push(report);
        if self
            .drawn
            .map_or(true, |drawn| drawn.elapsed() >= Self::FRAME)
        {
            self.draw(print, true)?;
        }
        Ok(())
    }

    /// Prints what is held and takes the bar away.
    pub fn finish(
        mut self,
        print: &mut impl FnMut(&FileReport) -> io::Result<()>,
    ) -> io::Result<()> {
        self.draw(print, false)
    }

    /// Clears the bar's line, prints the held reports, and draws the bar again if `bar`.
    fn draw(
        &mut self,
        print: &mut impl FnMut(&FileReport) -> io::Result<()>,
        bar: bool,
    ) -> io::Result<()> {
        // The bar is decoration: a terminal that fails to show it must not fail the run.
        let mut stderr = io::stderr().lock();
        if self.drawn.is_some() {
            let _ = stderr.write_all(b"\r\x1b[2K");
        }
        for report in std::mem::take(&mut self.held) {
            print(&report)?;
        }
        if bar {
            let _ = stderr.write_all(self.frame().as_bytes());
            let _ = stderr.flush();
            self.drawn = Some(Instant::now());
        }
        Ok(())
    }

    fn frame(&self) -> String {
        let filled = (self.done * Self::WIDTH)
            .checked_div(self.total)
            .unwrap_or(Self::WIDTH)
            .min(Self::WIDTH);
        format!(
            "{}{} {}/{} {} {}s",
            "█".repeat(filled),
            "░".repeat(Self::WIDTH - filled),
            self.done,
            self.total,
            t!("progress-files"),
            self.started.elapsed().as_secs()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_is_the_bar_the_count_and_the_seconds() {
        let mut progress = Progress::new(4, true);
        progress.done = 1;
        let frame = progress.frame();
        assert_eq!(
            frame,
            format!("{}{} 1/4 files 0s", "█".repeat(10), "░".repeat(30))
        );
    }
}
