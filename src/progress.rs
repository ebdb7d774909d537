//! A progress indicator on stderr while indexing, only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use dateline::index::Progress;

/// A spinner counting files, hidden unless stderr is a terminal.
pub struct Spinner {
    bar: ProgressBar,
}

impl Spinner {
    /// A spinner that draws only when `visible`.
    pub fn new(visible: bool) -> Self {
        let bar = ProgressBar::with_draw_target(
            None,
            if visible {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            },
        );
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} files, {per_sec}, {elapsed}")
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Spinner { bar }
    }

    /// Removes the spinner from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Spinner {
    fn advance(&self, files: u64) {
        self.bar.inc(files);
    }
}
