//! Indexes in memory for unit tests, their documents built as the indexer builds them.

use tantivy::{Index, IndexWriter};

use super::Fields;
use super::document::{FileStamp, build};
use super::schema::{build_schema, register_analyzers};
use crate::dispatch::{Dispatch, Key};

/// An index in memory of `dispatches`, keyed `0.txt`, `1.txt`, ... in their order and
/// committed in two parts, so that what reads it meets more than one segment.
pub(crate) fn index_of(dispatches: &[Dispatch]) -> (Index, Fields) {
    let (schema, fields) = build_schema();
    let index = Index::create_in_ram(schema);
    register_analyzers(&index);
    let mut writer: IndexWriter = index.writer(15_000_000).unwrap();
    let stamp = FileStamp {
        size: 1,
        mtime_ns: 1,
        hash: 1,
    };
    for (n, dispatch) in dispatches.iter().enumerate() {
        let key = Key::file(format!("{n}.txt"));
        let profile = crate::stories::profile_of(dispatch);
        writer
            .add_document(build(&fields, &key, stamp, dispatch, &profile))
            .unwrap();
        if n == dispatches.len() / 2 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    (index, fields)
}
