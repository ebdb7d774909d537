//! The progress bars on stderr, only when stderr is a terminal. While indexing: while the
//! archive is walked, the files found and handled so far; once it is walked, a bar with the
//! time left; always the dispatches indexed and the rate. While exporting: a bar of the
//! dispatches written out of those matched, the rate and the time left.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use dateline::export::ExportProgress;
use dateline::index::Progress;

/// While the walk goes on: how many files there are is not known yet.
const WALKING: &str = "{spinner} walking the archive: {human_len} files found, {human_pos} handled, {dispatches} indexed, {rate}, {elapsed}";
/// Once the walk is over: a bar, and the time left.
const WALKED: &str =
    "[{bar:30}] {human_pos}/{human_len} files, {dispatches} indexed, {rate}, {eta} left";

/// The indexing progress bar, hidden unless asked for (stderr a terminal, no `--quiet`).
pub struct IndexProgress {
    bar: ProgressBar,
    dispatches: Arc<AtomicU64>,
}

impl IndexProgress {
    /// A progress bar that draws only when `visible`.
    pub fn new(visible: bool) -> Self {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let progress = IndexProgress {
            bar: ProgressBar::with_draw_target(Some(0), target),
            dispatches: Arc::new(AtomicU64::new(0)),
        };
        progress.set_template(WALKING);
        if visible {
            progress.bar.enable_steady_tick(Duration::from_millis(120));
        }
        progress
    }

    fn set_template(&self, template: &str) {
        let dispatches = Arc::clone(&self.dispatches);
        if let Ok(style) = ProgressStyle::with_template(template) {
            let style = style
                .with_key(
                    "dispatches",
                    move |_: &ProgressState, out: &mut dyn std::fmt::Write| {
                        let n = dispatches.load(Ordering::Relaxed);
                        let _ = write!(out, "{} dispatch{}", thousands(n), plural_es(n));
                    },
                )
                .with_key(
                    "rate",
                    |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                        let _ = write!(out, "{} files/s", thousands(state.per_sec() as u64));
                    },
                )
                .progress_chars("=> ");
            self.bar.set_style(style);
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for IndexProgress {
    fn advance(&self, files: u64) {
        self.bar.inc(files);
    }

    fn found(&self, files: u64) {
        self.bar.inc_length(files);
    }

    fn walk_done(&self) {
        self.set_template(WALKED);
        // Drawn at once: from now on the bar says how much is left.
        self.bar.force_draw();
    }

    fn indexed(&self, dispatches: u64) {
        self.dispatches.fetch_add(dispatches, Ordering::Relaxed);
    }
}

/// The export bar: dispatches written out of those matched.
const EXPORTING: &str =
    "[{bar:30}] {human_pos}/{human_len} dispatches exported, {per_sec}, {eta} left";

/// The exporting progress bar, hidden unless asked for (stderr a terminal, no `--quiet`).
pub struct ExportBar {
    bar: ProgressBar,
}

impl ExportBar {
    /// A progress bar that draws only when `visible`.
    pub fn new(visible: bool) -> Self {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        if let Ok(style) = ProgressStyle::with_template(EXPORTING) {
            bar.set_style(style.progress_chars("=> "));
        }
        ExportBar { bar }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl ExportProgress for ExportBar {
    fn matched(&self, dispatches: u64) {
        self.bar.set_length(dispatches);
    }

    fn exported(&self, dispatches: u64) {
        self.bar.inc(dispatches);
    }
}

fn plural_es(n: u64) -> &'static str {
    if n == 1 { "" } else { "es" }
}

/// `n` with a comma every three digits, as the summary line has none but a bar is read at a
/// glance.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_at_a_glance() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(plural_es(1), "");
        assert_eq!(plural_es(2), "es");
    }

    #[test]
    fn a_hidden_bar_still_counts() {
        let progress = IndexProgress::new(false);
        progress.found(3);
        progress.advance(2);
        progress.indexed(1);
        progress.walk_done();
        assert_eq!(progress.bar.length(), Some(3));
        assert_eq!(progress.bar.position(), 2);
        assert_eq!(progress.dispatches.load(Ordering::Relaxed), 1);
        progress.finish();
    }

    #[test]
    fn the_export_bar_counts_out_of_the_matches() {
        let bar = ExportBar::new(false);
        bar.matched(1000);
        bar.exported(256);
        bar.exported(10);
        assert_eq!(bar.bar.length(), Some(1000));
        assert_eq!(bar.bar.position(), 266);
        bar.finish();
    }
}
