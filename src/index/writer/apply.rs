//! The writing thread's loop: each file's outcome applied to tantivy's writer (deletes and
//! adds), committed in batches, counted in the report.

use std::path::Path;
use std::time::Instant;

use crossbeam_channel::Receiver;
use tantivy::{IndexWriter, Term};

use super::commit::{commit, writer_error};
use super::pipeline::Outcome;
use super::{IndexOptions, IndexReport, Progress, fs};
use crate::error::Result;
use crate::index::open;
use crate::index::schema::Fields;

/// Free space is checked again after this many written dispatches.
const SPACE_CHECK_EVERY: u64 = 1000;

/// Applies every outcome to `writer`, committing every `options.commit_every_docs` changes
/// or `options.commit_every`, and once more at the end.
pub(super) fn write_outcomes(
    dir: &Path,
    writer: &mut IndexWriter,
    fields: &Fields,
    outcomes: &Receiver<Outcome>,
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let mut report = IndexReport::default();
    let mut pending: u64 = 0;
    let mut last_commit = Instant::now();
    let mut commits = 0u64;
    let mut written = 0u64;
    // Every dispatch of a file goes by the file's path.
    let remove = |writer: &mut IndexWriter, path: &str| {
        writer.delete_term(Term::from_field_text(fields.path, path));
    };
    for outcome in outcomes.iter() {
        let mut changed = true;
        match outcome {
            Outcome::Unchanged => {
                report.unchanged += 1;
                changed = false;
            }
            Outcome::Skipped {
                path,
                reason,
                was_indexed,
            } => {
                if was_indexed {
                    remove(writer, &path);
                    report.removed += 1;
                } else {
                    changed = false;
                }
                report.skipped.push((path, reason));
            }
            Outcome::Gone(path) => {
                remove(writer, &path);
                report.removed += 1;
            }
            Outcome::Parsed {
                path,
                docs,
                was_indexed,
                content_changed,
            } => {
                if was_indexed {
                    // Delete and add in the same commit: readers never see the file missing.
                    remove(writer, &path);
                }
                let dispatches = u64::try_from(docs.len()).unwrap_or(u64::MAX);
                for doc in docs {
                    writer.add_document(doc).map_err(|e| writer_error(dir, e))?;
                }
                // A touched file rewritten as it was is not news, as in the summary.
                if !was_indexed || content_changed {
                    progress.indexed(dispatches);
                }
                match (was_indexed, content_changed) {
                    (false, _) => report.added += 1,
                    (true, true) => report.updated += 1,
                    (true, false) => report.unchanged += 1,
                }
            }
        }
        progress.advance(1);
        if changed {
            pending += 1;
            written += 1;
            if written.is_multiple_of(SPACE_CHECK_EVERY) {
                fs::ensure_space(dir)?;
            }
        }
        if pending >= options.commit_every_docs
            || (pending > 0 && last_commit.elapsed() >= options.commit_every)
        {
            commit(dir, writer, false, &options.archive)?;
            commits += 1;
            pending = 0;
            last_commit = Instant::now();
        }
    }
    // A final commit even with nothing pending records that this run saw the whole archive,
    // and where the archive now is.
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
