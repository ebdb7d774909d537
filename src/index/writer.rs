//! Writing the index: an incremental pass over the archive, committed in batches.
//!
//! A walker thread compares each file with what the index holds, parser threads read and parse
//! the files that are new or changed, and this thread feeds tantivy's writer. Every commit carries
//! a [`Checkpoint`] in its payload, so a run killed at any point leaves a consistent index holding
//! each file at most once, and the next run completes it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, bounded};
use tantivy::directory::Directory;
use tantivy::directory::error::LockError;
use tantivy::{Index, IndexWriter, ReloadPolicy, TantivyError, Term};

use crate::archive::walk::read_file;
use crate::archive::{ArchiveEntry, SkipReason, Walk, decode, walk};
use crate::dispatch::{self, Key};
use crate::error::{Error, Result};
use crate::index::document::{self, FileStamp};
use crate::index::open::{self, Checkpoint};
use crate::index::schema::{self, Fields};

/// Below this much free space the indexer stops before tantivy's writer fails half-way.
const MIN_FREE_BYTES: u64 = 16 * 1024 * 1024;
/// Free space is checked again after this many written dispatches.
const SPACE_CHECK_EVERY: u64 = 1000;
/// Test hook: microseconds to pause after each written dispatch, so tests can interrupt a run.
const TEST_DELAY_ENV: &str = "DATELINE_TEST_DELAY_US";

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
        }
    }
}

/// What an indexing run did.
#[derive(Debug, Default, Clone)]
pub struct IndexReport {
    /// Dispatches added for new files.
    pub added: u64,
    /// Dispatches replaced because their file changed.
    pub updated: u64,
    /// Dispatches removed because their file is gone (or can no longer be read).
    pub removed: u64,
    /// Files already indexed as they are.
    pub unchanged: u64,
    /// Files not indexed, with the reason.
    pub skipped: Vec<(String, SkipReason)>,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl IndexReport {
    /// Dispatches written by this run.
    pub fn indexed(&self) -> u64 {
        self.added + self.updated
    }

    /// Number of skipped files per reason.
    pub fn skipped_by_reason(&self) -> BTreeMap<SkipReason, usize> {
        let mut counts = BTreeMap::new();
        for (_, reason) in &self.skipped {
            *counts.entry(*reason).or_insert(0) += 1;
        }
        counts
    }
}

/// Receives progress while indexing; the binary draws a bar with it.
pub trait Progress: Sync {
    /// `files` more files of the archive were handled.
    fn advance(&self, files: u64);
}

impl Progress for () {
    fn advance(&self, _files: u64) {}
}

/// A file the parser threads must read.
struct Job {
    entry: ArchiveEntry,
    known: Option<FileStamp>,
}

/// What happened to one file, as the writer thread sees it.
enum Outcome {
    Unchanged,
    Skipped {
        key: String,
        reason: SkipReason,
        was_indexed: bool,
    },
    Gone(String),
    Parsed {
        key: String,
        doc: Box<tantivy::TantivyDocument>,
        was_indexed: bool,
        content_changed: bool,
    },
}

/// Indexes `options.archive` into `options.index_dir`, incrementally unless `options.full`.
pub fn run_index(options: &IndexOptions, progress: &dyn Progress) -> Result<IndexReport> {
    let started = Instant::now();
    check_archive(&options.archive, &options.index_dir)?;
    let mut report = if options.full && open::exists(&options.index_dir) {
        rebuild_beside(options, progress)?
    } else {
        index_into(&options.index_dir, options, progress, options.full)?
    };
    report.elapsed = started.elapsed();
    Ok(report)
}

fn check_archive(archive: &Path, index_dir: &Path) -> Result<()> {
    let meta = std::fs::metadata(archive).map_err(|source| Error::BadArchive {
        path: archive.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(Error::ArchiveNotADirectory(archive.to_path_buf()));
    }
    let archive_real = archive.canonicalize().map_err(|e| Error::io(archive, e))?;
    if let Some(index_real) = canonical_even_if_missing(index_dir)
        && index_real.starts_with(&archive_real)
    {
        return Err(Error::IndexInsideArchive {
            index: index_dir.to_path_buf(),
            archive: archive.to_path_buf(),
        });
    }
    Ok(())
}

/// Canonical form of a path whose last components may not exist yet.
fn canonical_even_if_missing(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Some(out);
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
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
    let staging = sibling(dir, "rebuild");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    }
    let report = index_into(&staging, options, progress, true)?;
    swap_dirs(dir, &staging)?;
    // After the swap the staging path holds the previous index.
    std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    Ok(report)
}

/// A hidden sibling of `dir` for a rebuild.
fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!(".{name}.{what}"))
}

/// Exchanges two directories atomically, so a reader sees either index whole.
#[cfg(target_os = "linux")]
fn swap_dirs(a: &Path, b: &Path) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let ca = std::ffi::CString::new(a.as_os_str().as_bytes())
        .map_err(|e| Error::io(a, std::io::Error::other(e)))?;
    let cb = std::ffi::CString::new(b.as_os_str().as_bytes())
        .map_err(|e| Error::io(b, std::io::Error::other(e)))?;
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(Error::io(a, std::io::Error::last_os_error()))
    }
}

#[cfg(not(target_os = "linux"))]
fn swap_dirs(a: &Path, b: &Path) -> Result<()> {
    let old = sibling(a, "old");
    std::fs::rename(a, &old).map_err(|e| Error::io(a, e))?;
    std::fs::rename(b, a).map_err(|e| Error::io(b, e))?;
    std::fs::rename(&old, b).map_err(|e| Error::io(&old, e))
}

/// Removes the temporary files a commit killed inside tantivy's atomic write leaves behind.
/// Only a writer creates them, so this is safe while we hold the writer lock.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Free bytes on the filesystem holding `dir`, when the platform tells.
fn free_bytes(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
        let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: `c` is a valid C string and `stat` a valid out-pointer.
        if unsafe { libc::statvfs(c.as_ptr(), &mut stat) } != 0 {
            return None;
        }
        #[allow(clippy::unnecessary_cast)]
        Some((stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

fn ensure_space(dir: &Path) -> Result<()> {
    match free_bytes(dir) {
        Some(free) if free < MIN_FREE_BYTES => Err(Error::DiskFull(dir.to_path_buf())),
        _ => Ok(()),
    }
}

/// Translates a writer error, recognising a full disk in tantivy's two shapes of it.
fn writer_error(dir: &Path, err: TantivyError) -> Error {
    let disk_full = match &err {
        TantivyError::IoError(io) => {
            io.kind() == std::io::ErrorKind::StorageFull || io.raw_os_error() == Some(libc::ENOSPC)
        }
        TantivyError::ErrorInThread(_) => true,
        other => other.to_string().contains("No space left"),
    };
    let low_space = free_bytes(dir).is_some_and(|free| free < MIN_FREE_BYTES);
    if disk_full && (low_space || !matches!(err, TantivyError::ErrorInThread(_))) {
        return Error::DiskFull(dir.to_path_buf());
    }
    match err {
        TantivyError::LockFailure(LockError::LockBusy, _) => Error::IndexBusy(dir.to_path_buf()),
        other => Error::Tantivy(other),
    }
}

/// What the index holds for every file, read from fast fields of the live documents.
fn load_known(index: &Index) -> Result<HashMap<String, FileStamp>> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut known = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str(schema::PATH)? else {
            continue;
        };
        // Read the path dictionary once, in order: looking each path up by its ordinal would
        // decompress a dictionary block per document.
        let mut by_ord: Vec<String> = Vec::with_capacity(paths.num_terms());
        let mut terms = paths
            .dictionary()
            .stream()
            .map_err(|e| Error::Tantivy(e.into()))?;
        while terms.advance() {
            by_ord.push(String::from_utf8_lossy(terms.key()).into_owned());
        }
        let sizes = fast.u64(schema::SIZE)?;
        let mtimes = fast.u64(schema::MTIME_NS)?;
        let hashes = fast.u64(schema::HASH)?;
        for doc in segment.doc_ids_alive() {
            let Some(key) = paths
                .term_ords(doc)
                .next()
                .and_then(|ord| by_ord.get(usize::try_from(ord).ok()?))
            else {
                continue;
            };
            known.insert(
                key.clone(),
                FileStamp {
                    size: sizes.first(doc).unwrap_or(0),
                    mtime_ns: mtimes.first(doc).unwrap_or(0),
                    hash: hashes.first(doc).unwrap_or(0),
                },
            );
        }
    }
    Ok(known)
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
        .map_err(|e| writer_error(dir, e))?;
    remove_stale_temp_files(dir);
    ensure_space(dir)?;
    if from_scratch {
        writer.delete_all_documents()?;
    }
    let known = if from_scratch {
        HashMap::new()
    } else {
        load_known(&index)?
    };

    let parser_threads = threads.max(1);
    let (job_tx, job_rx) = bounded::<Job>(1024);
    let (out_tx, out_rx) = bounded::<Outcome>(1024);
    let archive = options.archive.as_path();
    let max_size = options.max_file_size;

    std::thread::scope(|scope| -> Result<IndexReport> {
        let walker_out = out_tx.clone();
        scope.spawn(move || walk_archive(archive, known, &job_tx, &walker_out));
        for _ in 0..parser_threads {
            let jobs = job_rx.clone();
            let outcomes = out_tx.clone();
            let fields = &fields;
            scope.spawn(move || parse_files(&jobs, &outcomes, fields, max_size));
        }
        drop(job_rx);
        drop(out_tx);
        let result = write_outcomes(dir, &mut writer, &fields, &out_rx, options, progress);
        // On error, stop the other threads by closing the channel they send into.
        drop(out_rx);
        result
    })
    .and_then(|report| {
        writer
            .wait_merging_threads()
            .map_err(|e| writer_error(dir, e))?;
        Ok(report)
    })
}

fn walk_archive(
    root: &Path,
    mut known: HashMap<String, FileStamp>,
    jobs: &Sender<Job>,
    outcomes: &Sender<Outcome>,
) {
    for item in walk(root) {
        let sent = match item {
            Walk::Skipped { key, reason } => {
                let was_indexed = known.remove(&key).is_some();
                outcomes
                    .send(Outcome::Skipped {
                        key,
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
    for key in gone {
        if outcomes.send(Outcome::Gone(key)).is_err() {
            return;
        }
    }
}

fn parse_files(jobs: &Receiver<Job>, outcomes: &Sender<Outcome>, fields: &Fields, max_size: u64) {
    for Job { entry, known } in jobs.iter() {
        let outcome = parse_one(&entry, known, fields, max_size);
        if outcomes.send(outcome).is_err() {
            return;
        }
    }
}

fn parse_one(entry: &ArchiveEntry, known: Option<FileStamp>, fields: &Fields, max: u64) -> Outcome {
    let was_indexed = known.is_some();
    let skipped = |reason| Outcome::Skipped {
        key: entry.key.clone(),
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
    let parsed = dispatch::parse(&text, &entry.key);
    let stamp = FileStamp {
        size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        mtime_ns: entry.mtime_ns,
        hash,
    };
    Outcome::Parsed {
        key: entry.key.clone(),
        doc: Box::new(document::build(
            fields,
            &Key::file(&entry.key),
            stamp,
            &parsed,
        )),
        was_indexed,
        content_changed: known.is_none_or(|k| k.hash != hash),
    }
}

fn commit(dir: &Path, writer: &mut IndexWriter, complete: bool) -> Result<()> {
    ensure_space(dir)?;
    let payload =
        serde_json::to_string(&Checkpoint::current(complete)).map_err(|source| Error::Json {
            what: "the checkpoint",
            source,
        })?;
    let mut prepared = writer.prepare_commit().map_err(|e| writer_error(dir, e))?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(|e| writer_error(dir, e))?;
    Ok(())
}

fn write_outcomes(
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
    let test_delay = std::env::var(TEST_DELAY_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(Duration::from_micros);
    for outcome in outcomes.iter() {
        let mut changed = true;
        match outcome {
            Outcome::Unchanged => {
                report.unchanged += 1;
                changed = false;
            }
            Outcome::Skipped {
                key,
                reason,
                was_indexed,
            } => {
                if was_indexed {
                    writer.delete_term(Term::from_field_text(fields.path, &key));
                    report.removed += 1;
                } else {
                    changed = false;
                }
                report.skipped.push((key, reason));
            }
            Outcome::Gone(key) => {
                writer.delete_term(Term::from_field_text(fields.path, &key));
                report.removed += 1;
            }
            Outcome::Parsed {
                key,
                doc,
                was_indexed,
                content_changed,
            } => {
                if was_indexed {
                    // Delete and add in the same commit: readers never see the file missing.
                    writer.delete_term(Term::from_field_text(fields.path, &key));
                }
                writer
                    .add_document(*doc)
                    .map_err(|e| writer_error(dir, e))?;
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
                ensure_space(dir)?;
            }
            if let Some(delay) = test_delay {
                std::thread::sleep(delay);
            }
        }
        if pending >= options.commit_every_docs
            || (pending > 0 && last_commit.elapsed() >= options.commit_every)
        {
            commit(dir, writer, false)?;
            commits += 1;
            pending = 0;
            last_commit = Instant::now();
        }
    }
    // A final commit even with nothing pending records that this run saw the whole archive.
    if pending > 0 || commits > 0 || open::checkpoint(writer.index())?.is_none_or(|c| !c.complete) {
        commit(dir, writer, true)?;
    }
    report.skipped.sort();
    Ok(report)
}
