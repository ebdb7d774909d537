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
use super::stories::Stories;
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
    let mut report = IndexReport::default();
    let mut pending: u64 = 0;
    let mut last_commit = Instant::now();
    let mut commits = 0u64;
    let mut written = 0u64;
    // The file sent in parts being applied, with the documents added of it so far: files
    // are applied one after the other, in walk order.
    let mut open_file: Option<(String, u64)> = None;
    // Every dispatch of a file goes by the file's path.
    let remove = |writer: &mut IndexWriter, stories: &mut Stories<'_>, path: &str| {
        writer.delete_term(Term::from_field_text(fields.path, path));
        stories.removed(path).map_err(|e| tantivy_error(dir, e))
    };
    let mut order = WalkOrder::default();
    let mut due = Vec::new();
    for numbered in outcomes.iter() {
        order.take(numbered, &mut due);
        for outcome in due.drain(..) {
            let mut changes = 0u64;
            let mut files_done = 1;
            match outcome {
                Outcome::Unchanged { files, dispatches } => {
                    report.unchanged += dispatches;
                    files_done = files;
                }
                Outcome::Skipped { skipped, held } => {
                    if held > 0 {
                        remove(writer, stories, &skipped.key)?;
                        report.removed += held;
                        changes = 1;
                    }
                    report.skipped.push(skipped);
                }
                Outcome::Gone { path, held } => {
                    remove(writer, stories, &path)?;
                    report.removed += held;
                    changes = 1;
                }
                Outcome::Part { path, docs, held } => {
                    files_done = 0;
                    gate.release(docs.len());
                    if open_file.is_none() && held > 0 {
                        // Delete and add in the same commit: readers never see it missing.
                        remove(writer, stories, &path)?;
                    }
                    let (_, added) = open_file.get_or_insert((path, 0));
                    *added += docs.len() as u64;
                    changes = docs.len() as u64;
                    progress.indexed(changes);
                    for doc in docs {
                        stories
                            .add(doc, writer)
                            .map_err(|e| tantivy_error(dir, e))?;
                    }
                }
                Outcome::Read {
                    path,
                    docs,
                    lost,
                    held,
                    content_changed,
                } => {
                    gate.release(docs.len());
                    let before = match open_file.take() {
                        Some((_, added)) => added,
                        None => {
                            if held > 0 {
                                remove(writer, stories, &path)?;
                            }
                            0
                        }
                    };
                    let total = before + docs.len() as u64;
                    changes = docs.len() as u64 + u64::from(held > 0);
                    // A touched file rewritten as it was is not news, as in the summary.
                    if held == 0 || content_changed {
                        progress.indexed(docs.len() as u64);
                    }
                    for doc in docs {
                        stories
                            .add(doc, writer)
                            .map_err(|e| tantivy_error(dir, e))?;
                    }
                    count_read(&mut report, path, total, lost, held, content_changed);
                }
            }
            if files_done > 0 {
                progress.advance(files_done);
            }
            if changes > 0 {
                pending += changes;
                let before = written;
                written += changes;
                if before / SPACE_CHECK_EVERY != written / SPACE_CHECK_EVERY {
                    fs::ensure_space(dir)?;
                }
            }
            let commit_due = pending >= options.commit_every_docs
                || (pending > 0 && last_commit.elapsed() >= options.commit_every);
            if commit_due && open_file.is_some() {
                // A commit must not hold half a file: let the files under way end, start no more.
                gate.close();
            } else if commit_due {
                stories.flush(writer).map_err(|e| tantivy_error(dir, e))?;
                commit(dir, writer, false, &options.archive)?;
                gate.open();
                commits += 1;
                pending = 0;
                last_commit = Instant::now();
            }
        }
        gate.set_head(order.next());
    }
    if open_file.is_some() || order.has_waiting() {
        // A parser stopped half-way through a file: commit nothing of this run's last batch.
        return Err(Error::Interrupted);
    }
    // A final commit even with nothing pending records that this run saw the whole archive,
    // and where the archive now is.
    stories.flush(writer).map_err(|e| tantivy_error(dir, e))?;
    let recorded = open::checkpoint(writer.index())?;
    if pending > 0
        || commits > 0
        || recorded.is_none_or(|c| !c.complete || c.archive_root() != Some(&options.archive))
    {
        commit(dir, writer, true, &options.archive)?;
    }
    report.skipped.sort();
    Ok(report)
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
