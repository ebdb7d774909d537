//! The threads of a run: a walker compares each file with what the index holds, parser
//! threads read and parse the files that are new or changed, and both send what happened to
//! each file (an [`Outcome`]) to the thread that writes.

use std::collections::HashMap;
use std::path::Path;

use crossbeam_channel::{Receiver, Sender};
use tantivy::TantivyDocument;

use crate::archive::walk::read_file;
use crate::archive::{ArchiveEntry, SkipReason, Walk, decode, walk};
use crate::dispatch::{self, Key};
use crate::index::document::{self, FileStamp};
use crate::index::schema::Fields;

use super::Progress;
use super::throttle::Throttle;

/// A file the parser threads must read.
pub(super) struct Job {
    entry: ArchiveEntry,
    known: Option<FileStamp>,
}

/// What happened to one file of the archive.
#[derive(Debug)]
pub(super) enum Outcome {
    /// Indexed as it is: not read again.
    Unchanged,
    /// Not indexed, for `reason`; what the index held of it goes.
    Skipped {
        /// Path of the file.
        path: String,
        /// Why.
        reason: SkipReason,
        /// Whether the index held dispatches of it.
        was_indexed: bool,
    },
    /// Held by the index, no longer in the archive.
    Gone(String),
    /// Read and parsed: its documents replace what the index held of it.
    Parsed {
        /// Path of the file.
        path: String,
        /// A document per dispatch of the file.
        docs: Vec<TantivyDocument>,
        /// Whether the index held dispatches of it.
        was_indexed: bool,
        /// Whether its bytes differ from those indexed (a touched file may not).
        content_changed: bool,
    },
}

/// Walks `root`, sending unchanged, skipped and gone files as outcomes and the rest as jobs,
/// and telling `progress` what it finds.
pub(super) fn walk_archive(
    root: &Path,
    mut known: HashMap<String, FileStamp>,
    jobs: &Sender<Job>,
    outcomes: &Sender<Outcome>,
    progress: &dyn Progress,
) {
    for item in walk(root) {
        // Counted before it is sent, so that no more files are handled than were found.
        progress.found(1);
        let sent = match item {
            Walk::Skipped { key, reason } => {
                let was_indexed = known.remove(&key).is_some();
                outcomes
                    .send(Outcome::Skipped {
                        path: key,
                        reason,
                        was_indexed,
                    })
                    .is_ok()
            }
            Walk::File(entry) => match known.remove(&entry.key) {
                Some(k) if k.size == entry.size && k.mtime_ns == entry.mtime_ns => {
                    outcomes.send(Outcome::Unchanged).is_ok()
                }
                known_entry => jobs
                    .send(Job {
                        entry,
                        known: known_entry,
                    })
                    .is_ok(),
            },
        };
        if !sent {
            return;
        }
    }
    // What the index still holds was not found by the walk: the files are gone.
    let mut gone: Vec<String> = known.into_keys().collect();
    gone.sort_unstable();
    progress.found(u64::try_from(gone.len()).unwrap_or(u64::MAX));
    progress.walk_done();
    for path in gone {
        if outcomes.send(Outcome::Gone(path)).is_err() {
            return;
        }
    }
}

/// Reads and parses the files of `jobs` until the walker is done or the writer stops, each
/// read waiting for its turn when a throttle paces the run.
pub(super) fn parse_files(
    jobs: &Receiver<Job>,
    outcomes: &Sender<Outcome>,
    fields: &Fields,
    max_size: u64,
    throttle: Option<&Throttle>,
) {
    for Job { entry, known } in jobs.iter() {
        if let Some(throttle) = throttle {
            throttle.wait();
        }
        let outcome = parse_one(&entry, known, fields, max_size);
        if outcomes.send(outcome).is_err() {
            return;
        }
    }
}

fn parse_one(entry: &ArchiveEntry, known: Option<FileStamp>, fields: &Fields, max: u64) -> Outcome {
    let was_indexed = known.is_some();
    let skipped = |reason| Outcome::Skipped {
        path: entry.key.clone(),
        reason,
        was_indexed,
    };
    let bytes = match read_file(&entry.path, max) {
        Ok(bytes) => bytes,
        Err(reason) => return skipped(reason),
    };
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let text = match decode(&bytes) {
        Ok(text) => text,
        Err(_) => return skipped(SkipReason::Binary),
    };
    let stamp = FileStamp {
        size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        mtime_ns: entry.mtime_ns,
        hash,
    };
    // One dispatch per file today; a format holding several gives one key per item.
    let parsed = dispatch::parse(&text, &entry.key);
    let docs = vec![document::build(
        fields,
        &Key::file(&entry.key),
        stamp,
        &parsed,
    )];
    Outcome::Parsed {
        path: entry.key.clone(),
        docs,
        was_indexed,
        content_changed: known.is_none_or(|k| k.hash != hash),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::build_schema;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// What the walk reported.
    #[derive(Default)]
    struct Counted {
        found: AtomicU64,
        found_when_done: AtomicU64,
    }

    impl Progress for Counted {
        fn advance(&self, _files: u64) {}
        fn found(&self, files: u64) {
            self.found.fetch_add(files, Ordering::SeqCst);
        }
        fn walk_done(&self) {
            let found = self.found.load(Ordering::SeqCst);
            self.found_when_done.store(found, Ordering::SeqCst);
        }
    }

    fn entry(dir: &Path, name: &str) -> ArchiveEntry {
        let path = dir.join(name);
        let meta = std::fs::metadata(&path).ok();
        ArchiveEntry {
            key: name.into(),
            path,
            size: meta.as_ref().map_or(0, std::fs::Metadata::len),
            mtime_ns: 7,
        }
    }

    #[test]
    fn a_file_that_vanishes_after_the_walk_is_skipped_and_leaves_the_index() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "LONDON, March 3 - Text.").unwrap();
        let walked = entry(dir.path(), "a.txt");
        std::fs::remove_file(dir.path().join("a.txt")).unwrap();
        let (_, fields) = build_schema();
        let stamp = FileStamp {
            size: walked.size,
            mtime_ns: 1,
            hash: 2,
        };
        match parse_one(&walked, Some(stamp), &fields, 1024) {
            Outcome::Skipped {
                path,
                reason,
                was_indexed,
            } => {
                assert_eq!(path, "a.txt");
                assert_eq!(reason, SkipReason::Vanished);
                assert!(was_indexed);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_touched_file_is_reparsed_but_known_unchanged_by_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let text = "LONDON, March 3 - Text.";
        std::fs::write(dir.path().join("a.txt"), text).unwrap();
        let walked = entry(dir.path(), "a.txt");
        let (_, fields) = build_schema();
        let same = FileStamp {
            size: walked.size,
            mtime_ns: 1,
            hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        };
        let changed = FileStamp { hash: 0, ..same };
        for (known, expect_changed) in [(Some(same), false), (Some(changed), true), (None, true)] {
            match parse_one(&walked, known, &fields, 1024) {
                Outcome::Parsed {
                    path,
                    docs,
                    was_indexed,
                    content_changed,
                } => {
                    assert_eq!(path, "a.txt");
                    assert_eq!(docs.len(), 1);
                    assert_eq!(was_indexed, known.is_some());
                    assert_eq!(content_changed, expect_changed);
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn the_walk_sorts_files_into_unchanged_jobs_and_gone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("same.txt"), "x").unwrap();
        std::fs::write(dir.path().join("new.txt"), "x").unwrap();
        let same = entry(dir.path(), "same.txt");
        let meta = std::fs::metadata(&same.path).unwrap();
        let mtime_ns = meta
            .modified()
            .unwrap()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        let stamp = |size, mtime_ns| FileStamp {
            size,
            mtime_ns,
            hash: 0,
        };
        let known = HashMap::from([
            ("same.txt".to_string(), stamp(same.size, mtime_ns)),
            ("gone.txt".to_string(), stamp(1, 1)),
        ]);
        let (job_tx, job_rx) = crossbeam_channel::unbounded();
        let (out_tx, out_rx) = crossbeam_channel::unbounded();
        let progress = Counted::default();
        walk_archive(dir.path(), known, &job_tx, &out_tx, &progress);
        drop((job_tx, out_tx));
        // Two files walked and one gone, all found before the walk said it was done.
        assert_eq!(progress.found.load(Ordering::SeqCst), 3);
        assert_eq!(progress.found_when_done.load(Ordering::SeqCst), 3);
        let jobs: Vec<String> = job_rx.iter().map(|job| job.entry.key).collect();
        assert_eq!(jobs, ["new.txt"]);
        let outcomes: Vec<String> = out_rx.iter().map(|o| format!("{o:?}")).collect();
        assert_eq!(outcomes, ["Unchanged", "Gone(\"gone.txt\")"]);
    }
}
