//! The progress bar.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::t;

/// A progress bar on stderr for runs long enough to wonder about: only on a terminal, and only
/// after the first second, so quick runs and piped output never show it.
pub struct Progress {
    pub bar: ProgressBar,
    started: Instant,
    on_terminal: bool,
}

impl Progress {
    const DELAY: Duration = Duration::from_secs(1);
    /// indicatif's default of 20 makes a slow terminal (Windows' console, a remote session)
    /// spend more on the bar than on the files.
    const REDRAWS_PER_SECOND: u8 = 10;

    pub fn new(files: usize, on_terminal: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
        let template = format!(
            "{{bar:40}} {{pos}}/{{len}} {} {{elapsed}}",
            t!("progress-files")
        );
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        Progress {
            bar,
            started: Instant::now(),
            on_terminal,
        }
    }

    pub fn advance(&self) {
        if self.on_terminal && self.bar.is_hidden() && self.started.elapsed() >= Self::DELAY {
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(Self::REDRAWS_PER_SECOND));
        }
        self.bar.inc(1);
    }
}
