//! The writing thread's loop: each file's outcome applied to tantivy's writer (deletes and
//! adds), committed in batches, counted in the report.

use std::path::Path;
use std::time::Instant;

use crossbeam_channel::Receiver;
use tantivy::{IndexWriter, Term};

use super::commit::{commit, writer_error};
use super::order::WalkOrder;
use super::pipeline::{Gate, Numbered, Outcome};
use super::report::Skipped;
use super::stories::{Pending, Stories};
use super::{IndexOptions, IndexReport, Progress, fs};
use crate::archive::SkipReason;
use crate::error::{Error, Result};
use crate::index::open;
use crate::index::schema::Fields;

/// Free space is checked again after this many written dispatches.
const SPACE_CHECK_EVERY: u64 = 1000;

/// Stops the gate when the writer stops, however it stops, so no parser waits forever.
struct StopOnDrop<'a>(&'a Gate);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Applies every outcome to `writer` in walk order, each new dispatch grouped into its story
/// by `stories`, committing every `options.commit_every_docs` changes or
/// `options.commit_every`, and once more at the end; never while a file is half sent.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_outcomes(
    dir: &Path,
    writer: &mut IndexWriter,
    fields: &Fields,
    stories: &mut Stories<'_>,
    outcomes: &Receiver<Numbered>,
    options: &IndexOptions,
    progress: &dyn Progress,
    gate: &Gate,
) -> Result<IndexReport> {
    let _stop_on_exit = StopOnDrop(gate);
    let mut writing = Writing {
        dir,
        writer,
        fields,
        stories,
        options,
        progress,
        gate,
        report: IndexReport::default(),
        pending: 0,
        last_commit: Instant::now(),
        commits: 0,
        written: 0,
        open_file: None,
    };
    let mut order = WalkOrder::default();
    let mut due = Vec::new();
    for numbered in outcomes.iter() {
        order.take(numbered, &mut due);
        for numbered in due.drain(..) {
            writing.apply(numbered)?;
            writing.commit_if_due()?;
        }
        gate.set_head(order.next());
    }
    if writing.open_file.is_some() || order.has_waiting() {
        // A parser stopped half-way through a file: commit nothing of this run's last batch.
        return Err(Error::Interrupted);
    }
    writing.finish()
}

/// The writing loop's state between outcomes.
struct Writing<'a, 's> {
    dir: &'a Path,
    writer: &'a mut IndexWriter,
    fields: &'a Fields,
    stories: &'a mut Stories<'s>,
    options: &'a IndexOptions,
    progress: &'a dyn Progress,
    gate: &'a Gate,
    report: IndexReport,
    /// Changes since the last commit.
    pending: u64,
    last_commit: Instant,
    commits: u64,
    /// Changes of the whole run, for the free-space checks.
    written: u64,
    /// The file sent in parts being applied, with the documents added of it so far: files
    /// are applied one after the other, in walk order.
    open_file: Option<(String, u64)>,
}

impl Writing<'_, '_> {
    /// Every dispatch of the file at `path` leaves the index (they go by the file's path).
    fn remove(&mut self, path: &str) -> Result<()> {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, path));
        self.stories
            .removed(path)
            .map_err(|e| tantivy_error(self.dir, e))
    }

    /// Groups and queues the documents of a file.
    fn add(&mut self, docs: Vec<Pending>) -> Result<()> {
        for doc in docs {
            self.stories
                .add(doc, self.writer)
                .map_err(|e| tantivy_error(self.dir, e))?;
        }
        Ok(())
    }

    /// Applies one outcome of the file at `seq` in the walk and counts it.
    fn apply(&mut self, Numbered { seq, outcome }: Numbered) -> Result<()> {
        let mut changes = 0u64;
        let mut files_done = 1;
        match outcome {
            Outcome::Unchanged { files, dispatches } => {
                self.report.unchanged += dispatches;
                files_done = files;
            }
            Outcome::Skipped { skipped, held } => {
                if held > 0 {
                    self.remove(&skipped.key)?;
                    self.report.removed += held;
                    changes = 1;
                }
                self.report.skipped.push(skipped);
            }
            Outcome::Gone { path, held } => {
                self.remove(&path)?;
                self.report.removed += held;
                changes = 1;
            }
            Outcome::Part { path, docs, held } => {
                files_done = 0;
                self.gate.release(seq, docs.len());
                if self.open_file.is_none() && held > 0 {
                    // Delete and add in the same commit: readers never see it missing.
                    self.remove(&path)?;
                }
                let (_, added) = self.open_file.get_or_insert((path, 0));
                *added += docs.len() as u64;
                changes = docs.len() as u64;
                self.progress.indexed(changes);
                self.add(docs)?;
            }
            Outcome::Read {
                path,
                docs,
                lost,
                held,
                content_changed,
            } => {
                self.gate.release(seq, docs.len());
                let before = match self.open_file.take() {
                    Some((_, added)) => added,
                    None => {
                        if held > 0 {
                            self.remove(&path)?;
                        }
                        0
                    }
                };
                let total = before + docs.len() as u64;
                changes = docs.len() as u64 + u64::from(held > 0);
                // A touched file rewritten as it was is not news, as in the summary.
                if held == 0 || content_changed {
                    self.progress.indexed(docs.len() as u64);
                }
                self.add(docs)?;
                count_read(&mut self.report, path, total, lost, held, content_changed);
            }
        }
        if files_done > 0 {
            self.progress.advance(files_done);
        }
        if changes > 0 {
            self.pending += changes;
            let before = self.written;
            self.written += changes;
            if before / SPACE_CHECK_EVERY != self.written / SPACE_CHECK_EVERY {
                fs::ensure_space(self.dir)?;
            }
        }
        Ok(())
    }

    /// Commits when enough changes or time have gone by, unless a file is half applied: then
    /// parsers start no new file until it ends.
    fn commit_if_due(&mut self) -> Result<()> {
        let due = self.pending >= self.options.commit_every_docs
            || (self.pending > 0 && self.last_commit.elapsed() >= self.options.commit_every);
        if !due {
            return Ok(());
        }
        if self.open_file.is_some() {
            self.gate.close();
            return Ok(());
        }
        self.stories
            .flush(self.writer)
            .map_err(|e| tantivy_error(self.dir, e))?;
        commit(self.dir, self.writer, false, &self.options.archive)?;
        self.gate.open();
        self.commits += 1;
        self.pending = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// The last commit, recording that this run saw the whole archive (even with nothing
    /// pending) and where the archive now is; the run's report.
    fn finish(mut self) -> Result<IndexReport> {
        self.stories
            .flush(self.writer)
            .map_err(|e| tantivy_error(self.dir, e))?;
        let recorded = open::checkpoint(self.writer.index())?;
        let archive = &self.options.archive;
        if self.pending > 0
            || self.commits > 0
            || recorded.is_none_or(|c| !c.complete || c.archive_root() != Some(archive))
        {
            commit(self.dir, self.writer, true, archive)?;
        }
        self.report.skipped.sort();
        Ok(self.report)
    }
}

/// A writer's error told as [`writer_error`] tells it; other errors as they are.
fn tantivy_error(dir: &Path, err: Error) -> Error {
    match err {
        Error::Tantivy(e) => writer_error(dir, e),
        other => other,
    }
}

/// Counts a file read to its end: what it added, updated or removed, or why it gave nothing.
fn count_read(
    report: &mut IndexReport,
    path: String,
    total: u64,
    lost: Vec<Skipped>,
    held: u64,
    content_changed: bool,
) {
    if total == 0 && lost.is_empty() {
        report.skipped.push(Skipped {
            key: path,
            reason: SkipReason::Empty,
            detail: Some("no dispatch in it".into()),
        });
    }
    report.skipped.extend(lost);
    match (held, content_changed) {
        (0, _) => report.added += total,
        (_, true) => {
            report.updated += total;
            report.removed += held.saturating_sub(total);
        }
        (_, false) => report.unchanged += total,
    }
}
