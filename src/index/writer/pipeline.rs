//! The threads of a run: a walker compares each file with what the index holds, parser
//! threads read and parse the files that are new or changed, and both send what happened to
//! each file (an [`Outcome`]) to the thread that writes.
//!
//! A file holding many dispatches (JSON Lines, an SGML collection, a bundle) is sent in parts
//! of [`PART_DOCS`] as it is parsed, so that parsing and indexing overlap and memory stays
//! bounded whatever its size; the writer never commits while a file is half sent, and asks
//! the parsers through the [`Gate`] to start no new file when a commit is due.
//!
//! The walker numbers what it sends in walk order, and the writer applies the outcomes in
//! that order (`order`), whichever thread finishes first: grouping a dispatch into its story
//! depends on the dispatches written before it, and must not depend on the threads' timing.
//! The documents of files read ahead of the one the writer waits for count against the same
//! bound as parts, so that a slow file cannot make the files waiting behind it grow without end.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Condvar, Mutex, PoisonError};

use super::known::Known;
use super::report::Skipped;
use super::stories::Pending;
use super::throttle::Throttle;
use crate::archive::lines::{self, Line};
use crate::archive::walk::{read_file, read_head};
use crate::archive::{ArchiveEntry, SkipReason, Walk, bundle, walk};
use crate::dispatch::Key;
use crate::formats::{self, Format, Found, Lost, Sink, detect};
use crate::index::document::{self, FileStamp};
use crate::index::schema::Fields;
use crate::stories;
use crossbeam_channel::{Receiver, Sender};

use super::Progress;

/// Dispatches of one file sent to the writer at a time.
pub(super) const PART_DOCS: usize = 256;

/// A file the parser threads must read.
pub(super) struct Job {
    /// Its place in the walk.
    seq: u64,
    entry: ArchiveEntry,
    known: Option<Known>,
}

/// Unchanged files the walker reports at once: one message per file made the writer's
/// receiving, not the walk's `stat` calls, most of re-indexing an unchanged archive.
const UNCHANGED_BATCH: u64 = 1024;

/// An outcome with its place in the walk: the outcomes of one file share it.
#[derive(Debug)]
pub(super) struct Numbered {
    /// Place in the walk of the file (or of the batch of unchanged files).
    pub seq: u64,
    /// What happened to it.
    pub outcome: Outcome,
}

/// What happened to one file of the archive, or to a part of it.
#[derive(Debug)]
pub(super) enum Outcome {
    /// Files indexed as they are: not read again.
    Unchanged {
        /// How many files.
        files: u64,
        /// Dispatches the index holds of them.
        dispatches: u64,
    },
    /// Not indexed, for `reason`; what the index held of it goes.
    Skipped {
        /// The file, and why.
        skipped: Skipped,
        /// Dispatches the index held of it.
        held: u64,
    },
    /// Held by the index, no longer in the archive.
    Gone {
        /// Path of the file.
        path: String,
        /// Dispatches the index held of it.
        held: u64,
    },
    /// The first or a middle part of a file's documents; more follow.
    Part {
        /// Path of the file.
        path: String,
        /// Documents of this part.
        docs: Vec<Pending>,
        /// Dispatches the index held of it.
        held: u64,
    },
    /// A file read to its end: its last documents and what it lost. With the parts sent
    /// before, its documents replace what the index held of it.
    Read {
        /// Path of the file.
        path: String,
        /// Its last documents.
        docs: Vec<Pending>,
        /// Members and items that were not read.
        lost: Vec<Skipped>,
        /// Dispatches the index held of it.
        held: u64,
        /// Whether its bytes differ from those indexed (a touched file may not).
        content_changed: bool,
    },
}

impl Outcome {
    /// Whether it is the last outcome of its file: the writer may go on to the next.
    pub(super) fn ends_file(&self) -> bool {
        !matches!(self, Outcome::Part { .. })
    }
}

/// Most documents that may wait for the writer at once, besides those of the file it applies:
/// enough to keep it busy, few enough that a parser far ahead of it holds little memory.
pub(super) const MAX_DOCS_IN_FLIGHT: usize = 4 * PART_DOCS;

/// What parser threads and the writer agree on: whether parsers may start new files (closed
/// while the writer waits for the files under way to end so that it can commit), which file
/// the writer applies, and how many documents are on their way to it.
#[derive(Debug, Default)]
pub(super) struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct GateState {
    closed: bool,
    in_flight: usize,
    /// Documents on their way, by the place in the walk of their file.
    in_flight_by_file: HashMap<u64, usize>,
    /// Place in the walk of the file the writer applies or waits for.
    head: u64,
    /// The writer stopped: nobody waits any more.
    stopped: bool,
}

impl Gate {
    fn lock(&self) -> std::sync::MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Holds back parsers before their next file.
    pub(super) fn close(&self) {
        self.lock().closed = true;
    }

    /// Lets parsers go on.
    pub(super) fn open(&self) {
        self.lock().closed = false;
        self.changed.notify_all();
    }

    /// Releases every parser for good: the writer has stopped.
    pub(super) fn stop(&self) {
        self.lock().stopped = true;
        self.changed.notify_all();
    }

    /// Waits while the gate is closed.
    fn pass(&self) {
        let mut state = self.lock();
        while state.closed && !state.stopped {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Waits until `docs` more documents of the file at `seq` in the walk may be on their
    /// way, and counts them. The file the writer waits for is bounded by its own documents
    /// only, which the writer applies as they come (documents of files read ahead wait for
    /// it, so counting them would never end); every other file by all of them.
    fn reserve(&self, seq: u64, docs: usize) {
        let mut state = self.lock();
        loop {
            let on_the_way = if seq == state.head {
                state.in_flight_by_file.get(&seq).copied().unwrap_or(0)
            } else {
                state.in_flight
            };
            if on_the_way == 0 || on_the_way + docs <= MAX_DOCS_IN_FLIGHT || state.stopped {
                break;
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.in_flight += docs;
        *state.in_flight_by_file.entry(seq).or_default() += docs;
    }

    /// The writer has applied `docs` documents of the file at `seq` in the walk.
    pub(super) fn release(&self, seq: u64, docs: usize) {
        let mut state = self.lock();
        state.in_flight = state.in_flight.saturating_sub(docs);
        if let Some(left) = state.in_flight_by_file.get_mut(&seq) {
            *left = left.saturating_sub(docs);
            if *left == 0 {
                state.in_flight_by_file.remove(&seq);
            }
        }
        self.changed.notify_all();
    }

    /// The writer now applies (or waits for) the file at `seq` in the walk.
    pub(super) fn set_head(&self, seq: u64) {
        let mut state = self.lock();
        if state.head != seq {
            state.head = seq;
            self.changed.notify_all();
        }
    }
}

/// Releases every waiting thread when a parser thread dies of a panic: the file it held
/// would never reach the writer, which every file after it waits for.
struct StopOnPanic<'a>(&'a Gate);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// Walks `root`, sending unchanged, skipped and gone files as outcomes and the rest as jobs,
/// and telling `progress` what it finds.
pub(super) fn walk_archive(
    root: &Path,
    mut known: HashMap<String, Known>,
    jobs: &Sender<Job>,
    outcomes: &Sender<Numbered>,
    progress: &dyn Progress,
) {
    let mut seq = 0u64;
    // Sends an outcome numbered next in the walk; false when the writer stopped.
    let send = |seq: &mut u64, outcome: Outcome| {
        let numbered = Numbered { seq: *seq, outcome };
        *seq += 1;
        outcomes.send(numbered).is_ok()
    };
    let mut unchanged = (0u64, 0u64);
    // Sends the unchanged files counted so far; false when the writer stopped.
    let flush = |seq: &mut u64, unchanged: &mut (u64, u64)| {
        let (files, dispatches) = std::mem::take(unchanged);
        files == 0 || send(seq, Outcome::Unchanged { files, dispatches })
    };
    for item in walk(root) {
        // Counted before it is sent, so that no more files are handled than were found.
        progress.found(1);
        let sent = match item {
            Walk::Skipped { key, reason } => {
                let held = known.remove(&key).map_or(0, |k| k.dispatches);
                let skipped = Skipped {
                    key,
                    reason,
                    detail: None,
                };
                send(&mut seq, Outcome::Skipped { skipped, held })
            }
            Walk::File(entry) => match known.remove(&entry.key) {
                Some(k) if k.stamp.size == entry.size && k.stamp.mtime_ns == entry.mtime_ns => {
                    unchanged.0 += 1;
                    unchanged.1 += k.dispatches;
                    unchanged.0 < UNCHANGED_BATCH || flush(&mut seq, &mut unchanged)
                }
                known_entry => {
                    let job = Job {
                        seq,
                        entry,
                        known: known_entry,
                    };
                    seq += 1;
                    jobs.send(job).is_ok()
                }
            },
        };
        if !sent {
            return;
        }
    }
    if !flush(&mut seq, &mut unchanged) {
        return;
    }
    // What the index still holds was not found by the walk: the files are gone.
    let mut gone: Vec<(String, Known)> = known.into_iter().collect();
    gone.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    progress.found(u64::try_from(gone.len()).unwrap_or(u64::MAX));
    progress.walk_done();
    for (path, k) in gone {
        let held = k.dispatches;
        if !send(&mut seq, Outcome::Gone { path, held }) {
            return;
        }
    }
}

/// Reads and parses the files of `jobs` until the walker is done or the writer stops, each
/// read waiting for its turn when a throttle paces the run and for the gate to be open.
pub(super) fn parse_files(
    jobs: &Receiver<Job>,
    outcomes: &Sender<Numbered>,
    fields: &Fields,
    max_size: u64,
    throttle: Option<&Throttle>,
    gate: &Gate,
) {
    let _stop_on_panic = StopOnPanic(gate);
    loop {
        gate.pass();
        let Ok(Job { seq, entry, known }) = jobs.recv() else {
            return;
        };
        if let Some(throttle) = throttle {
            throttle.wait();
        }
        let sender = FileSender {
            seq,
            outcomes,
            gate,
        };
        if !parse_one(&entry, known, fields, max_size, &sender) {
            return;
        }
    }
}

/// Sends the outcomes of one file, numbered with its place in the walk, each holding
/// documents waiting for its turn at the [`Gate`].
struct FileSender<'a> {
    seq: u64,
    outcomes: &'a Sender<Numbered>,
    gate: &'a Gate,
}

impl FileSender<'_> {
    /// Sends `outcome`; false when the writer has stopped.
    fn send(&self, outcome: Outcome) -> bool {
        let docs = match &outcome {
            Outcome::Part { docs, .. } | Outcome::Read { docs, .. } => docs.len(),
            _ => 0,
        };
        if docs > 0 {
            self.gate.reserve(self.seq, docs);
        }
        let numbered = Numbered {
            seq: self.seq,
            outcome,
        };
        self.outcomes.send(numbered).is_ok()
    }
}

/// Turns what a file holds into documents, sending them to the writer in parts.
struct Collector<'a> {
    path: &'a str,
    fields: &'a Fields,
    stamp: FileStamp,
    held: u64,
    docs: Vec<Pending>,
    lost: Vec<Skipped>,
    sender: &'a FileSender<'a>,
    /// The writer stopped: nothing more is sent.
    stopped: bool,
}

impl<'a> Collector<'a> {
    /// A collector of the file `entry`, of `(size, hash)`, that held `held` dispatches.
    fn new(
        entry: &'a ArchiveEntry,
        fields: &'a Fields,
        (size, hash): (u64, u64),
        held: u64,
        sender: &'a FileSender<'a>,
    ) -> Collector<'a> {
        Collector {
            path: &entry.key,
            fields,
            stamp: FileStamp {
                size,
                mtime_ns: entry.mtime_ns,
                hash,
            },
            held,
            docs: Vec::new(),
            lost: Vec::new(),
            sender,
            stopped: false,
        }
    }

    /// Sends what is left of the file once read; false when the writer has stopped.
    fn finish(self, known: Option<Known>) -> bool {
        if self.stopped {
            return false;
        }
        let hash = self.stamp.hash;
        self.sender.send(Outcome::Read {
            path: self.path.to_string(),
            docs: self.docs,
            lost: self.lost,
            held: self.held,
            content_changed: known.is_none_or(|k| k.stamp.hash != hash),
        })
    }
}

impl Sink for Collector<'_> {
    fn found(&mut self, found: Found) {
        if self.stopped {
            return;
        }
        let key = Key::item(self.path, found.item);
        // Fingerprinting is the costly part of grouping: done here, by the parser threads.
        let profile = stories::profile_of(&found.dispatch);
        let doc = document::build(self.fields, &key, self.stamp, &found.dispatch, &profile);
        self.docs.push(Pending {
            doc,
            key: key.to_string(),
            id: found.dispatch.meta.id,
            profile,
        });
        if self.docs.len() >= PART_DOCS {
            let part = Outcome::Part {
                path: self.path.to_string(),
                docs: std::mem::take(&mut self.docs),
                held: self.held,
            };
            self.stopped = !self.sender.send(part);
        }
    }

    fn lost(&mut self, lost: Lost) {
        self.lost.push(Skipped {
            key: Key::item(self.path, lost.item).to_string(),
            reason: lost.reason,
            detail: lost.detail,
        });
    }
}

/// Sends that the file `entry`, which held `held` dispatches, is skipped for `reason`; false
/// when the writer has stopped.
fn skip_file(entry: &ArchiveEntry, reason: SkipReason, held: u64, sender: &FileSender<'_>) -> bool {
    let skipped = Skipped {
        key: entry.key.clone(),
        reason,
        detail: None,
    };
    sender.send(Outcome::Skipped { skipped, held })
}

/// Reads, parses and sends one file; false when the writer has stopped.
fn parse_one(
    entry: &ArchiveEntry,
    known: Option<Known>,
    fields: &Fields,
    max: u64,
    sender: &FileSender<'_>,
) -> bool {
    let held = known.map_or(0, |k| k.dispatches);
    let skip = |reason| skip_file(entry, reason, held, sender);
    // A PDF or a video is told by its name and first bytes, never read whole.
    if detect::other_by_name(&entry.key) {
        let told = read_head(&entry.path, detect::HEAD_LEN)
            .map(|head| detect::detect(&entry.key, &head) == Format::Other);
        match told {
            Ok(true) => return skip(SkipReason::NotDispatch),
            Ok(false) => {}
            Err(reason) => return skip(reason),
        }
    }
    // JSON Lines exports hold a whole archive in one file: read a line at a time, in the
    // memory of their longest line, with `max` bounding each line instead of the file.
    let gzipped = detect::read_gzipped_by_line(&entry.key);
    if gzipped || detect::read_by_line(&entry.key) {
        let stamp = match lines::stamp(&entry.path) {
            Ok(stamp) => stamp,
            Err(reason) => return skip(reason),
        };
        // UTF-16 (or binary) text is read whole, where it is decoded (or refused).
        if gzipped || stamp.line_text {
            return parse_lines(entry, known, fields, max, stamp, gzipped, sender);
        }
    }
    let bytes = match read_file(&entry.path, max) {
        Ok(bytes) => bytes,
        Err(reason) => return skip(reason),
    };
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let mut collector = Collector::new(entry, fields, (size, hash), held, sender);
    bundle::read_file(&entry.key, &bytes, max, &mut collector);
    collector.finish(known)
}

/// Reads, parses and sends a JSON Lines file of `stamp` a line at a time, inflating it as it
/// goes when `gzipped` (lines of more than `max` bytes are lost, the others read); false when
/// the writer has stopped.
fn parse_lines(
    entry: &ArchiveEntry,
    known: Option<Known>,
    fields: &Fields,
    max: u64,
    stamp: lines::Stamp,
    gzipped: bool,
    sender: &FileSender<'_>,
) -> bool {
    let held = known.map_or(0, |k| k.dispatches);
    let mut collector = Collector::new(entry, fields, (stamp.len, stamp.hash), held, sender);
    // The name the lines are read under, as a gzip's content is: its own without `.gz`.
    let name = bundle::gunzipped_name(&entry.key);
    let mut any = false;
    let mut each_line = |number: u64, line: Line<'_>| {
        match line {
            Line::Read(bytes) => {
                any |= formats::read_json_line(&name, number, bytes, &mut collector);
            }
            Line::TooLong(len) => {
                any = true;
                let detail = format!("a line of {len} bytes, over --max-file-size");
                let item = Some(format!("line {number}"));
                collector.lost(Lost::with(item, SkipReason::TooLarge, detail));
            }
        }
        !collector.stopped
    };
    // Lines read before a read error are kept, as a truncated bundle's members are.
    let broke = if gzipped {
        bundle::for_each_gzip_line(&entry.path, max, &mut each_line)
    } else {
        lines::for_each_line(&entry.path, max, &mut each_line)
            .err()
            .map(|reason| Lost::with(None, reason, "while reading its lines"))
    };
    match broke {
        Some(lost) => collector.lost(lost),
        None if !any => collector.lost(formats::no_json_lines()),
        None => {}
    }
    collector.finish(known)
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

    fn known(size: u64, hash: u64, dispatches: u64) -> Known {
        Known {
            stamp: FileStamp {
                size,
                mtime_ns: 1,
                hash,
            },
            dispatches,
        }
    }

    /// What parsing one file sends.
    fn outcomes_of(entry: &ArchiveEntry, known: Option<Known>) -> Vec<Outcome> {
        outcomes_within(entry, known, 1 << 20)
    }

    /// What parsing one file sends with a size limit of `max` bytes.
    fn outcomes_within(entry: &ArchiveEntry, known: Option<Known>, max: u64) -> Vec<Outcome> {
        let (_, fields) = build_schema();
        let (tx, rx) = crossbeam_channel::unbounded();
        // Released as the writer would, so parts do not wait for it.
        let gate = Gate::default();
        gate.stop();
        let sender = FileSender {
            seq: 0,
            outcomes: &tx,
            gate: &gate,
        };
        assert!(parse_one(entry, known, &fields, max, &sender));
        drop(tx);
        rx.iter().map(|numbered| numbered.outcome).collect()
    }

    /// Keys of the documents and of what was lost, with reasons, of a file's outcomes, the
    /// file's name taken out; and the file's stamp and whether its content changed.
    type Read = (
        Vec<String>,
        Vec<(String, SkipReason)>,
        Option<FileStamp>,
        bool,
    );

    fn read_of(outcomes: &[Outcome], name: &str) -> Read {
        let relative = |key: &str| key.replacen(name, "FILE", 1);
        let mut keys = Vec::new();
        let mut lost = Vec::new();
        let mut stamp = None;
        let mut changed = false;
        for outcome in outcomes {
            match outcome {
                Outcome::Part { docs, .. } => keys.extend(docs.iter().map(|d| relative(&d.key))),
                Outcome::Read {
                    docs,
                    lost: losses,
                    content_changed,
                    ..
                } => {
                    keys.extend(docs.iter().map(|d| relative(&d.key)));
                    lost.extend(losses.iter().map(|l| (relative(&l.key), l.reason)));
                    changed = *content_changed;
                }
                other => panic!("{other:?}"),
            }
        }
        let (_, fields) = build_schema();
        for outcome in outcomes {
            if let Outcome::Part { docs, .. } | Outcome::Read { docs, .. } = outcome
                && let Some(doc) = docs.first()
            {
                use tantivy::schema::Value;
                let number = |field| doc.doc.get_first(field).and_then(|v| v.as_u64());
                stamp = Some(FileStamp {
                    size: number(fields.size).unwrap_or_default(),
                    mtime_ns: number(fields.mtime_ns).unwrap_or_default(),
                    hash: number(fields.hash).unwrap_or_default(),
                });
            }
        }
        (keys, lost, stamp, changed)
    }

    const EXPORT: &str = "{\"title\":\"Rain\",\"text\":\"LONDON, March 3 - Rain fell.\"}\r\n\
        \n\
        {\"title\":\"Broken\",\n\
        [1, 2]\n\
        {\"title\":\"Sun\",\"text\":\"PARIS, March 4 - The sun shone.\"}\n\
        {\"title\":\"Wind\",\"text\":\"ROME, March 5 - Wind blew.\"}";

    #[test]
    fn a_json_lines_file_read_a_line_at_a_time_gives_what_reading_it_whole_gives() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("export.jsonl"), EXPORT).unwrap();
        // Named .json, the same lines are read whole (told JSON Lines by their content).
        std::fs::write(dir.path().join("export.json"), EXPORT).unwrap();
        let streamed = read_of(
            &outcomes_of(&entry(dir.path(), "export.jsonl"), None),
            "export.jsonl",
        );
        let whole = read_of(
            &outcomes_of(&entry(dir.path(), "export.json"), None),
            "export.json",
        );
        assert_eq!(streamed, whole);
        let (keys, lost, stamp, changed) = streamed;
        assert_eq!(keys, ["FILE#line 1", "FILE#line 5", "FILE#line 6"]);
        assert_eq!(
            lost,
            [
                ("FILE#line 3".to_string(), SkipReason::Malformed),
                ("FILE#line 4".to_string(), SkipReason::Malformed)
            ]
        );
        let stamp = stamp.unwrap();
        assert_eq!(stamp.size, EXPORT.len() as u64);
        assert_eq!(stamp.hash, xxhash_rust::xxh3::xxh3_64(EXPORT.as_bytes()));
        assert!(changed);
        let again = outcomes_of(
            &entry(dir.path(), "export.jsonl"),
            Some(known(stamp.size, stamp.hash, 3)),
        );
        assert!(
            !read_of(&again, "export.jsonl").3,
            "the same content is unchanged"
        );
    }

    #[test]
    fn a_json_lines_file_over_the_size_limit_is_read_and_only_its_long_lines_are_lost() {
        let dir = tempfile::tempdir().unwrap();
        let long = format!(
            "{{\"title\":\"Long\",\"text\":\"LONDON, March 3 - {}\"}}",
            "word ".repeat(100)
        );
        let text = format!("{EXPORT}\n{long}\n");
        std::fs::write(dir.path().join("export.jsonl"), &text).unwrap();
        std::fs::write(dir.path().join("export.json"), &text).unwrap();
        let max = 200;
        assert!(text.len() as u64 > max && long.len() as u64 > max);
        let (keys, lost, _, _) = read_of(
            &outcomes_within(&entry(dir.path(), "export.jsonl"), None, max),
            "export.jsonl",
        );
        assert_eq!(keys, ["FILE#line 1", "FILE#line 5", "FILE#line 6"]);
        assert_eq!(
            lost.last(),
            Some(&("FILE#line 7".to_string(), SkipReason::TooLarge))
        );
        // Read whole, the file is over the limit.
        match &outcomes_within(&entry(dir.path(), "export.json"), None, max)[..] {
            [Outcome::Skipped { skipped, .. }] => assert_eq!(skipped.reason, SkipReason::TooLarge),
            other => panic!("{other:?}"),
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn a_gzipped_json_lines_file_is_inflated_a_line_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("export.jsonl"), EXPORT).unwrap();
        let gzipped = gzip(EXPORT.as_bytes());
        std::fs::write(dir.path().join("export.jsonl.gz"), &gzipped).unwrap();
        let plain = read_of(
            &outcomes_of(&entry(dir.path(), "export.jsonl"), None),
            "export.jsonl",
        );
        let (keys, lost, stamp, _) = read_of(
            &outcomes_of(&entry(dir.path(), "export.jsonl.gz"), None),
            "export.jsonl.gz",
        );
        assert_eq!((&keys, &lost), (&plain.0, &plain.1));
        // The stamp is the file's own bytes, as for any file.
        assert_eq!(stamp.unwrap().hash, xxhash_rust::xxh3::xxh3_64(&gzipped));
        // Cut short: the lines before the break are kept, and the break is said.
        std::fs::write(
            dir.path().join("cut.jsonl.gz"),
            &gzipped[..gzipped.len() - 12],
        )
        .unwrap();
        let (keys, lost, _, _) = read_of(
            &outcomes_of(&entry(dir.path(), "cut.jsonl.gz"), None),
            "cut.jsonl.gz",
        );
        assert!(keys.starts_with(&["FILE#line 1".to_string()]), "{keys:?}");
        assert_eq!(
            lost.last(),
            Some(&("FILE".to_string(), SkipReason::Malformed))
        );
    }

    #[test]
    fn a_json_lines_file_without_a_line_of_text_is_lost_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("blank.jsonl"), "\n  \n").unwrap();
        let (keys, lost, _, _) = read_of(
            &outcomes_of(&entry(dir.path(), "blank.jsonl"), None),
            "blank.jsonl",
        );
        assert!(keys.is_empty());
        assert_eq!(lost, [("FILE".to_string(), SkipReason::Empty)]);
    }

    #[test]
    fn a_file_that_vanishes_after_the_walk_is_skipped_and_leaves_the_index() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "LONDON, March 3 - Text.").unwrap();
        let walked = entry(dir.path(), "a.txt");
        std::fs::remove_file(dir.path().join("a.txt")).unwrap();
        match &outcomes_of(&walked, Some(known(walked.size, 2, 1)))[..] {
            [Outcome::Skipped { skipped, held }] => {
                assert_eq!(skipped.key, "a.txt");
                assert_eq!(skipped.reason, SkipReason::Vanished);
                assert_eq!(*held, 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_of_another_kind_is_told_by_its_head_and_a_renamed_bundle_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut video = b"\x00\x00\x00\x18ftypmp42".to_vec();
        video.resize(4 << 20, 0);
        std::fs::write(dir.path().join("clip.mp4"), &video).unwrap();
        // Far past the size limit: told unread beyond its head.
        match &outcomes_of(&entry(dir.path(), "clip.mp4"), None)[..] {
            [Outcome::Skipped { skipped, .. }] => {
                assert_eq!(skipped.reason, SkipReason::NotDispatch)
            }
            other => panic!("{other:?}"),
        }
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"Title\n\nOSLO (Wire) - Text.\n").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        std::fs::write(dir.path().join("delivery.bin"), bytes).unwrap();
        match &outcomes_of(&entry(dir.path(), "delivery.bin"), None)[..] {
            [Outcome::Read { docs, .. }] => assert_eq!(docs.len(), 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_touched_file_is_reparsed_but_known_unchanged_by_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let text = "LONDON, March 3 - Text.";
        std::fs::write(dir.path().join("a.txt"), text).unwrap();
        let walked = entry(dir.path(), "a.txt");
        let same = known(walked.size, xxhash_rust::xxh3::xxh3_64(text.as_bytes()), 1);
        let changed = known(walked.size, 0, 1);
        for (known, expect_changed) in [(Some(same), false), (Some(changed), true), (None, true)] {
            match &outcomes_of(&walked, known)[..] {
                [
                    Outcome::Read {
                        path,
                        docs,
                        lost,
                        held,
                        content_changed,
                    },
                ] => {
                    assert_eq!(path, "a.txt");
                    assert_eq!(docs.len(), 1);
                    assert!(lost.is_empty());
                    assert_eq!(*held, u64::from(known.is_some()));
                    assert_eq!(*content_changed, expect_changed);
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_file_of_many_dispatches_is_sent_in_parts_with_what_it_lost() {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = String::new();
        for i in 0..600 {
            lines.push_str(&format!(
                "{{\"title\":\"Story {i}\",\"text\":\"PARIS (AFP) - Text {i}.\"}}\n"
            ));
        }
        lines.push_str("{broken\n");
        std::fs::write(dir.path().join("feed.jsonl"), &lines).unwrap();
        let walked = entry(dir.path(), "feed.jsonl");
        let outcomes = outcomes_of(&walked, None);
        let sizes: Vec<String> = outcomes
            .iter()
            .map(|o| match o {
                Outcome::Part { docs, .. } => format!("part {}", docs.len()),
                Outcome::Read { docs, lost, .. } => {
                    let keys: Vec<&str> = lost.iter().map(|l| l.key.as_str()).collect();
                    format!("read {} lost {keys:?}", docs.len())
                }
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            sizes,
            [
                "part 256",
                "part 256",
                "read 88 lost [\"feed.jsonl#line 601\"]"
            ]
        );
    }

    #[test]
    fn unchanged_files_are_reported_in_batches_that_add_up() {
        let dir = tempfile::tempdir().unwrap();
        let count = 2 * UNCHANGED_BATCH + 52;
        let mut known = HashMap::new();
        for n in 0..count {
            let name = format!("{n:05}.txt");
            let path = dir.path().join(&name);
            std::fs::write(&path, "x").unwrap();
            let mtime_ns = std::fs::metadata(&path)
                .unwrap()
                .modified()
                .unwrap()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64;
            let stamp = FileStamp {
                size: 1,
                mtime_ns,
                hash: 0,
            };
            known.insert(
                name,
                Known {
                    stamp,
                    dispatches: 2,
                },
            );
        }
        let (job_tx, job_rx) = crossbeam_channel::unbounded();
        let (out_tx, out_rx) = crossbeam_channel::unbounded();
        walk_archive(dir.path(), known, &job_tx, &out_tx, &Counted::default());
        drop((job_tx, out_tx));
        assert_eq!(job_rx.iter().count(), 0);
        let batches: Vec<(u64, u64, u64)> = out_rx
            .iter()
            .map(|n| match n.outcome {
                Outcome::Unchanged { files, dispatches } => (n.seq, files, dispatches),
                other => panic!("{other:?}"),
            })
            .collect();
        let b = UNCHANGED_BATCH;
        assert_eq!(batches, [(0, b, 2 * b), (1, b, 2 * b), (2, 52, 104)]);
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
        let stamp = |size, mtime_ns, dispatches| Known {
            stamp: FileStamp {
                size,
                mtime_ns,
                hash: 0,
            },
            dispatches,
        };
        let known = HashMap::from([
            ("same.txt".to_string(), stamp(same.size, mtime_ns, 1)),
            ("gone.jsonl".to_string(), stamp(1, 1, 3)),
        ]);
        let (job_tx, job_rx) = crossbeam_channel::unbounded();
        let (out_tx, out_rx) = crossbeam_channel::unbounded();
        let progress = Counted::default();
        walk_archive(dir.path(), known, &job_tx, &out_tx, &progress);
        drop((job_tx, out_tx));
        // Two files walked and one gone, all found before the walk said it was done.
        assert_eq!(progress.found.load(Ordering::SeqCst), 3);
        assert_eq!(progress.found_when_done.load(Ordering::SeqCst), 3);
        // Numbered in walk order: the job, the batch of unchanged files, the file gone.
        let jobs: Vec<(u64, String)> = job_rx.iter().map(|job| (job.seq, job.entry.key)).collect();
        assert_eq!(jobs, [(0, "new.txt".to_string())]);
        let outcomes: Vec<String> = out_rx
            .iter()
            .map(|n| format!("{} {:?}", n.seq, n.outcome))
            .collect();
        assert_eq!(
            outcomes,
            [
                "1 Unchanged { files: 1, dispatches: 1 }",
                "2 Gone { path: \"gone.jsonl\", held: 3 }"
            ]
        );
    }

    /// Runs `blocked` in a thread, checks that it still waits a while later, runs `unblock`,
    /// and checks that the thread then goes on.
    fn waits_until(blocked: impl FnOnce() + Send, unblock: impl FnOnce()) {
        let (done_tx, done_rx) = crossbeam_channel::bounded(1);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                blocked();
                let _ = done_tx.send(());
            });
            let early = done_rx.recv_timeout(std::time::Duration::from_millis(50));
            assert!(early.is_err(), "went on before its turn");
            unblock();
            let released = done_rx.recv_timeout(std::time::Duration::from_secs(10));
            assert!(released.is_ok(), "still waiting");
        });
    }

    #[test]
    fn a_closed_gate_holds_parsers_back_until_it_opens() {
        let gate = Gate::default();
        gate.close();
        waits_until(|| gate.pass(), || gate.open());
    }

    #[test]
    fn documents_in_flight_are_bounded_until_the_writer_applies_them() {
        let gate = Gate::default();
        gate.reserve(1, MAX_DOCS_IN_FLIGHT);
        waits_until(|| gate.reserve(2, PART_DOCS), || gate.release(1, PART_DOCS));
        assert_eq!(gate.lock().in_flight, MAX_DOCS_IN_FLIGHT);
        // A stopped writer waits for nothing.
        gate.stop();
        gate.reserve(3, 10 * MAX_DOCS_IN_FLIGHT);
        gate.close();
        gate.pass();
    }

    #[test]
    fn the_file_the_writer_waits_for_never_waits_and_the_others_go_when_it_is_their_turn() {
        let gate = Gate::default();
        gate.reserve(1, MAX_DOCS_IN_FLIGHT);
        // The writer waits for file 0: it goes however many documents wait.
        gate.reserve(0, PART_DOCS);
        // Nothing is applied, but file 2 becomes the one the writer waits for.
        waits_until(|| gate.reserve(2, PART_DOCS), || gate.set_head(2));
        assert_eq!(gate.lock().in_flight, MAX_DOCS_IN_FLIGHT + 2 * PART_DOCS);
    }

    #[test]
    fn the_file_the_writer_waits_for_is_bounded_by_its_own_documents() {
        let gate = Gate::default();
        // Files read ahead fill the bound: file 0 goes on regardless.
        gate.reserve(1, MAX_DOCS_IN_FLIGHT);
        gate.reserve(0, MAX_DOCS_IN_FLIGHT - PART_DOCS);
        gate.reserve(0, PART_DOCS);
        // Its own documents fill it: it waits for the writer to apply some of them.
        waits_until(|| gate.reserve(0, PART_DOCS), || gate.release(0, PART_DOCS));
        assert_eq!(gate.lock().in_flight_by_file[&0], MAX_DOCS_IN_FLIGHT);
        // Released documents of another file do not count against it.
        gate.release(1, MAX_DOCS_IN_FLIGHT);
        assert!(!gate.lock().in_flight_by_file.contains_key(&1));
        assert_eq!(gate.lock().in_flight, MAX_DOCS_IN_FLIGHT);
    }

    #[test]
    fn a_parser_dying_releases_the_parsers_waiting_for_its_file() {
        let gate = Gate::default();
        gate.reserve(1, MAX_DOCS_IN_FLIGHT);
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| gate.reserve(2, PART_DOCS));
            let dying = scope.spawn(|| {
                let _stop_on_panic = StopOnPanic(&gate);
                panic!("a parser's bug");
            });
            assert!(dying.join().is_err());
            assert!(waiting.join().is_ok());
        });
        assert!(gate.lock().stopped);
    }
}
