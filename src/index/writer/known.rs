//! Loading what the index holds: the stamp of every indexed file, from fast fields.

use std::collections::HashMap;

use tantivy::{Index, ReloadPolicy};

use crate::error::{Error, Result};
use crate::index::document::FileStamp;
use crate::index::schema;

/// What the index holds of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Known {
    /// The file as it was when indexed (every dispatch of a file has the same stamp).
    pub stamp: FileStamp,
    /// How many dispatches of it the index holds.
    pub dispatches: u64,
}

/// What the index holds of every file it has dispatches of, keyed by the file's path, read
/// from fast fields of the live documents.
pub(super) fn load_known(index: &Index) -> Result<HashMap<String, Known>> {
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
            let Some(path) = paths
                .term_ords(doc)
                .next()
                .and_then(|ord| by_ord.get(usize::try_from(ord).ok()?))
            else {
                continue;
            };
            let stamp = FileStamp {
                size: sizes.first(doc).unwrap_or(0),
                mtime_ns: mtimes.first(doc).unwrap_or(0),
                hash: hashes.first(doc).unwrap_or(0),
            };
            known
                .entry(path.clone())
                .and_modify(|k: &mut Known| k.dispatches += 1)
                .or_insert(Known {
                    stamp,
                    dispatches: 1,
                });
        }
    }
    Ok(known)
}
