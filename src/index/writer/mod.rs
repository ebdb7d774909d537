//! Writing the index: an incremental pass over the archive, committed in batches.
//!
//! A walker thread compares each file with what the index holds (`known`), parser threads read
//! and parse the files that are new or changed (`pipeline`), and the calling thread feeds
//! tantivy's writer (`apply`). Every commit carries a [`Checkpoint`] in its payload (`commit`),
//! so a run killed at any point leaves a consistent index holding each file at most once, and
//! the next run completes it. `fs` holds what is asked of the filesystem, `report` what a run
//! did.
//!
//! [`Checkpoint`]: crate::index::Checkpoint

mod apply;
mod commit;
mod fs;
mod known;
mod order;
mod pipeline;
mod report;
mod stories;
mod throttle;

use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::bounded;
use tantivy::IndexWriter;
use tantivy::directory::Directory;
use tantivy::directory::error::LockError;
use tantivy::merge_policy::LogMergePolicy;

use crate::error::{Error, Result};
use crate::index::open;
pub use report::{IndexReport, Skipped};

/// Files larger than this are skipped unless configured otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;
/// A commit is made after this many changed dispatches unless configured otherwise.
pub const DEFAULT_COMMIT_EVERY_DOCS: u64 = 20_000;

/// How an indexing run is configured.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Folder of dispatches to index (only read).
    pub archive: PathBuf,
    /// Folder of the index.
    pub index_dir: PathBuf,
    /// Rebuild from scratch beside the current index, replacing it only when done.
    pub full: bool,
    /// Files larger than this are skipped.
    pub max_file_size: u64,
    /// Memory budget of tantivy's writer, in bytes: 128 MiB indexes as fast as 256 MiB here and
    /// keeps the whole process under 400 MB (BENCHMARKS.md).
    pub writer_memory: usize,
    /// Commit after this many changed dispatches.
    pub commit_every_docs: u64,
    /// Commit after this much time with pending changes.
    pub commit_every: Duration,
    /// Read at most this many files a second (none: as fast as the machine goes).
    pub max_rate: Option<NonZeroU32>,
}

impl IndexOptions {
    /// Options with the default limits.
    pub fn new(archive: PathBuf, index_dir: PathBuf) -> Self {
        IndexOptions {
            archive,
            index_dir,
            full: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            writer_memory: 128 * 1024 * 1024,
            commit_every_docs: DEFAULT_COMMIT_EVERY_DOCS,
            commit_every: Duration::from_secs(10),
            max_rate: None,
        }
    }
}

/// Receives progress while indexing; the binary draws a bar with it. The walk runs ahead of
/// the reading: it reports each file it [finds](Progress::found) (and each indexed file found
/// gone), then that it is [over](Progress::walk_done), after which the files found are all
/// there is to [handle](Progress::advance) and a time left can be told.
pub trait Progress: Sync {
    /// `files` more files of the archive were handled.
    fn advance(&self, files: u64);

    /// The walk found `files` more files to handle (files of the archive, and files the index
    /// holds that are gone).
    fn found(&self, _files: u64) {}

    /// The walk is over: every file to handle has been found.
    fn walk_done(&self) {}

    /// `dispatches` more dispatches were written to the index.
    fn indexed(&self, _dispatches: u64) {}
}

impl Progress for () {
    fn advance(&self, _files: u64) {}
}

/// Indexes `options.archive` into `options.index_dir`, incrementally unless `options.full`.
pub fn run_index(options: &IndexOptions, progress: &dyn Progress) -> Result<IndexReport> {
    let started = Instant::now();
    let root = fs::check_archive(&options.archive, &options.index_dir)?;
    // The run reads the archive by its canonical path, which the commits record.
    let options = &IndexOptions {
        archive: root,
        ..options.clone()
    };
    let mut report = if options.full && open::exists(&options.index_dir) {
        rebuild_beside(options, progress)?
    } else {
        index_into(&options.index_dir, options, progress, options.full)?
    };
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Builds a new index beside the current one and swaps it in only when complete.
fn rebuild_beside(options: &IndexOptions, progress: &dyn Progress) -> Result<IndexReport> {
    let dir = &options.index_dir;
    // Hold the current index's writer lock for the whole rebuild: one indexer per index.
    // Only the directory is needed for the lock: an index too old or too damaged to open can
    // still be replaced.
    let current = tantivy::directory::MmapDirectory::open(dir).map_err(|e| Error::Corrupt {
        path: dir.clone(),
        source: e.into(),
    })?;
    let _lock = current
        .acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK)
        .map_err(|e| match e {
            LockError::LockBusy => Error::IndexBusy(dir.clone()),
            LockError::IoError(io) => Error::io(dir, std::io::Error::new(io.kind(), io)),
        })?;
    let staging = fs::sibling(dir, "rebuild");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    }
    let report = index_into(&staging, options, progress, true)?;
    fs::swap_dirs(dir, &staging)?;
    // After the swap the staging path holds the previous index.
    std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    Ok(report)
}

/// Segments of one size that are merged into one.
const SEGMENTS_PER_MERGE: usize = 4;

/// tantivy's log merge policy, merging a level at [`SEGMENTS_PER_MERGE`] segments instead of 8:
/// every segment is a fixed cost of every search (about 0.3 ms at a million dispatches), and a
/// million dispatches end in 4 segments instead of 9 at no measurable cost in indexing time
/// (BENCHMARKS.md, "Merge policy").
fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_min_num_segments(SEGMENTS_PER_MERGE);
    policy
}

fn index_into(
    dir: &Path,
    options: &IndexOptions,
    progress: &dyn Progress,
    from_scratch: bool,
) -> Result<IndexReport> {
    let open::OpenIndex { index, fields, .. } = open::open_or_create(dir)?;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let indexing_threads = threads.clamp(1, 4);
    let mut writer: IndexWriter = index
        .writer_with_num_threads(indexing_threads, options.writer_memory)
        .map_err(|e| commit::writer_error(dir, e))?;
    writer.set_merge_policy(Box::new(merge_policy()));
    // A run killed in a commit leaves files no commit refers to, such as a segment's deletions
    // named by the operation's number; the next run, doing the same operations, would write
    // the same name and fail. tantivy collects unreferenced files only after a commit.
    writer
        .garbage_collect_files()
        .wait()
        .map_err(|e| commit::writer_error(dir, e))?;
    fs::remove_stale_temp_files(dir);
    fs::ensure_space(dir)?;
    if from_scratch {
        writer.delete_all_documents()?;
    }
    let known = if from_scratch {
        Default::default()
    } else {
        known::load_known(&index)?
    };
    let mut stories = stories::Stories::new(&index, &fields, from_scratch)?;

    let parser_threads = threads.max(1);
    let (job_tx, job_rx) = bounded::<pipeline::Job>(1024);
    let (out_tx, out_rx) = bounded::<pipeline::Numbered>(1024);
    let archive = options.archive.as_path();
    let max_size = options.max_file_size;
    let throttle = options.max_rate.map(throttle::Throttle::new);
    let gate = pipeline::Gate::default();

    std::thread::scope(|scope| -> Result<IndexReport> {
        let walker_out = out_tx.clone();
        scope.spawn(move || {
            pipeline::walk_archive(archive, known, &job_tx, &walker_out, progress);
        });
        for _ in 0..parser_threads {
            let jobs = job_rx.clone();
            let outcomes = out_tx.clone();
            let (fields, throttle, gate) = (&fields, throttle.as_ref(), &gate);
            scope.spawn(move || {
                pipeline::parse_files(&jobs, &outcomes, fields, max_size, throttle, gate);
            });
        }
        drop(job_rx);
        drop(out_tx);
        let result = apply::write_outcomes(
            dir,
            &mut writer,
            &fields,
            &mut stories,
            &out_rx,
            options,
            progress,
            &gate,
        );
        // On error, stop the other threads by closing the channel they send into.
        drop(out_rx);
        result
    })
    .and_then(|report| {
        writer
            .wait_merging_threads()
            .map_err(|e| commit::writer_error(dir, e))?;
        Ok(report)
    })
}
