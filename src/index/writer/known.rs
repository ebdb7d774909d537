//! Loading what the index holds: the stamp of every indexed file, from fast fields.

use std::collections::HashMap;

use tantivy::{Index, ReloadPolicy};

use crate::error::{Error, Result};
use crate::index::document::FileStamp;
use crate::index::schema;

/// The stamp of every file the index holds dispatches of, keyed by the file's path, read from
/// fast fields of the live documents.
pub(super) fn load_known(index: &Index) -> Result<HashMap<String, FileStamp>> {
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
            known.insert(
                path.clone(),
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
