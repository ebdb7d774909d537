//! Every dispatch a request matches, out of the index and into files another engine loads:
//! JSON Lines ([`jsonl`]), Elasticsearch/OpenSearch bulk files ([`elasticsearch`]) and a
//! Quickwit index with its documents ([`quickwit`]).
//!
//! The matching documents are walked segment by segment in the order of their ids, and each
//! stored document is read in that order, so every block of the document store is
//! decompressed once and memory stays the same however many dispatches match: there is never
//! a list of all hits. The index is only read, from its last commit, so an export runs while
//! `dateline index` does. What is written goes to files under temporary names, renamed when
//! the export is complete ([`files`]).

pub mod elasticsearch;
pub mod fields;
pub mod files;
pub mod jsonl;
pub mod quickwit;

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::{AllQuery, EnableScoring, Query};
use tantivy::{DocSet, Searcher, TERMINATED, TantivyDocument};

use crate::dispatch::Record;
use crate::error::{Error, Result};
use crate::index::OpenIndex;
use crate::index::document::{self, stored_text};
use crate::search::build::Selection;
use crate::search::show::FullDispatch;
use crate::search::{SearchRequest, check_request, snapshot};

/// The file formats an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// One JSON object per dispatch per line, to a stream or a file.
    #[default]
    JsonLines,
    /// A folder with an index mapping and `_bulk` files, for Elasticsearch and OpenSearch.
    Elasticsearch,
    /// A folder with an index config and a file of documents, for Quickwit.
    Quickwit,
}

impl ExportFormat {
    /// Whether the format is a folder of files rather than one stream.
    pub fn is_folder(self) -> bool {
        !matches!(self, ExportFormat::JsonLines)
    }

    /// The format's name, as people call it.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::JsonLines => "JSON Lines",
            ExportFormat::Elasticsearch => "Elasticsearch",
            ExportFormat::Quickwit => "Quickwit",
        }
    }
}

/// Where an export is written.
pub enum Destination<'a> {
    /// A stream (JSON Lines only), named in errors by the label.
    Stream(&'a mut dyn Write, &'a str),
    /// A file (JSON Lines) or a folder (the other formats).
    Path(PathBuf),
}

/// Receives progress while exporting; the binary draws a bar with it.
pub trait ExportProgress {
    /// The request matches `dispatches` dispatches, all of which are to be written.
    fn matched(&self, _dispatches: u64) {}

    /// `dispatches` more dispatches were written.
    fn exported(&self, _dispatches: u64) {}
}

impl ExportProgress for () {}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Dispatches written.
    pub dispatches: u64,
    /// Bytes written, in every file.
    pub bytes: u64,
    /// The files written, in the order they were completed (none for a stream).
    pub files: Vec<PathBuf>,
    /// How long it took.
    pub elapsed: Duration,
}

/// A dispatch as every format exports it: its record (the keys of a search hit's JSON) and its
/// body. Serialized from the model, so a field added to the model is exported with it.
#[derive(Debug, Serialize)]
pub struct Exported<'a> {
    /// Where it is, what it says of itself, where it was filed from.
    #[serde(flatten)]
    pub record: &'a Record,
    /// Its body.
    pub body: &'a str,
}

impl<'a> Exported<'a> {
    /// The exported form of `dispatch`.
    pub fn of(dispatch: &'a FullDispatch) -> Self {
        Exported {
            record: &dispatch.record,
            body: &dispatch.body,
        }
    }

    /// As a JSON value, for the formats that reshape it.
    pub fn to_value(&self) -> Result<serde_json::Value> {
        serde_json::to_value(self).map_err(|source| Error::Json {
            what: "an exported dispatch",
            source,
        })
    }
}

/// Where one format writes dispatches as they come.
pub(crate) trait Sink {
    /// Writes one dispatch.
    fn write(&mut self, dispatch: &FullDispatch) -> Result<()>;

    /// Completes the export: the bytes and files written.
    fn finish(self: Box<Self>) -> Result<(u64, Vec<PathBuf>)>;
}

/// Exports every dispatch matching `request` (its `limit` and `sort` are not used: all of them
/// go, in index order) in `format` to `destination`. No query and no filter is every dispatch.
/// When nothing matches, nothing is written: an earlier export at the destination stays.
pub fn export(
    index: &OpenIndex,
    request: &SearchRequest,
    format: ExportFormat,
    destination: Destination<'_>,
    progress: &dyn ExportProgress,
) -> Result<ExportReport> {
    let started = Instant::now();
    check_request(request)?;
    // Checked before the index is searched, so a refusal costs nothing.
    let destination = match destination {
        Destination::Stream(..) if format.is_folder() => {
            return Err(Error::ExportTarget {
                path: PathBuf::from("<stdout>"),
                reason: format!(
                    "an export for {} is a folder of files: give it with --out DIR",
                    format.name()
                ),
            });
        }
        Destination::Stream(out, label) => Checked::Stream(out, label),
        Destination::Path(path) => Checked::Target(files::Target::prepare(&path, format, index)?),
    };
    let matches = Matches::find(index, request)?;
    progress.matched(matches.count);
    if matches.count == 0 {
        return Ok(ExportReport {
            elapsed: started.elapsed(),
            ..ExportReport::default()
        });
    }
    let mut sink: Box<dyn Sink + '_> = match destination {
        Checked::Stream(out, label) => Box::new(jsonl::StreamSink::new(out, label)),
        Checked::Target(target) => {
            target.create_folder()?;
            match format {
                ExportFormat::JsonLines => Box::new(jsonl::FileSink::create(target)?),
                ExportFormat::Elasticsearch => Box::new(elasticsearch::BulkSink::create(
                    target,
                    elasticsearch::BULK_FILE_BYTES,
                )?),
                ExportFormat::Quickwit => Box::new(quickwit::QuickwitSink::create(target)?),
            }
        }
    };
    let dispatches = matches.for_each(index, progress, &mut |dispatch| sink.write(dispatch))?;
    let (bytes, files) = sink.finish()?;
    Ok(ExportReport {
        dispatches,
        bytes,
        files,
        elapsed: started.elapsed(),
    })
}

/// A destination found fit to write to.
enum Checked<'a> {
    Stream(&'a mut dyn Write, &'a str),
    Target(files::Target),
}

/// Dispatches reported to the progress at once.
const PROGRESS_STEP: u64 = 256;

/// The dispatches a request matches in the index's last commit, counted, not yet read.
pub struct Matches {
    searcher: Searcher,
    query: Box<dyn Query>,
    /// How many there are.
    pub count: u64,
}

impl Matches {
    /// The dispatches `request` matches; every dispatch when it has neither words nor filters.
    pub fn find(index: &OpenIndex, request: &SearchRequest) -> Result<Matches> {
        let searcher = snapshot(index)?;
        let unfiltered = request.query.trim().is_empty()
            && request.place.is_none()
            && request.near.is_none()
            && request.from.is_none()
            && request.to.is_none();
        let query: Box<dyn Query> = if unfiltered {
            Box::new(AllQuery)
        } else {
            Selection::build(&index.fields, request)?.matching(&searcher)?
        };
        let count = u64::try_from(searcher.search(&*query, &Count)?).unwrap_or(u64::MAX);
        Ok(Matches {
            searcher,
            query,
            count,
        })
    }

    /// Calls `each` with every dispatch, in index order (segment by segment, by document
    /// id), reading each stored document once; returns how many there were.
    pub fn for_each(
        &self,
        index: &OpenIndex,
        progress: &dyn ExportProgress,
        each: &mut dyn FnMut(&FullDispatch) -> Result<()>,
    ) -> Result<u64> {
        let weight = self
            .query
            .weight(EnableScoring::disabled_from_searcher(&self.searcher))?;
        let fields = &index.fields;
        let mut done = 0u64;
        let mut unreported = 0u64;
        for segment in self.searcher.segment_readers() {
            // Documents are read in id order: one cached block is all a block's documents need.
            let store = segment
                .get_store_reader(1)
                .map_err(|source| Error::Corrupt {
                    path: index.dir.clone(),
                    source: source.into(),
                })?;
            let alive = segment.alive_bitset();
            let mut scorer = weight.scorer(segment, 1.0)?;
            let mut doc_id = scorer.doc();
            while doc_id != TERMINATED {
                if alive.is_none_or(|bits| bits.is_alive(doc_id)) {
                    let doc: TantivyDocument = store.get(doc_id)?;
                    let dispatch = FullDispatch {
                        record: document::read(fields, &doc),
                        body: stored_text(&doc, fields.body).unwrap_or_default(),
                    };
                    each(&dispatch)?;
                    done += 1;
                    unreported += 1;
                    if unreported == PROGRESS_STEP {
                        progress.exported(unreported);
                        unreported = 0;
                    }
                }
                doc_id = scorer.advance();
            }
        }
        progress.exported(unreported);
        Ok(done)
    }
}
