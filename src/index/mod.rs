//! The tantivy index: its schema, how it is opened for searching, and how it is written.

pub mod document;
pub mod schema;
pub mod stem;
pub mod writer;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::error::{Error, Result};
pub use schema::{Fields, SCHEMA_VERSION};
pub use writer::{
    DEFAULT_COMMIT_EVERY_DOCS, DEFAULT_MAX_FILE_SIZE, IndexOptions, IndexReport, Progress,
    run_index,
};

/// The indexer's checkpoint, saved in tantivy's commit payload so it is atomic with the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Schema version the index was built with.
    pub schema_version: u32,
    /// Whether the run that made this commit walked the whole archive.
    pub complete: bool,
}

/// An index opened for reading.
pub struct OpenIndex {
    /// The tantivy index, with our analyzers registered.
    pub index: Index,
    /// Handles on the schema's fields.
    pub fields: Fields,
    /// Directory it was opened from.
    pub dir: PathBuf,
}

/// Whether `dir` holds an index (a tantivy commit point).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index in `dir` for reading, checking it was built by this version of dateline.
pub fn open(dir: &Path) -> Result<OpenIndex> {
    if !exists(dir) {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    let index = Index::open_in_dir(dir).map_err(|source| Error::Corrupt {
        path: dir.to_path_buf(),
        source,
    })?;
    check_version(&index, dir)?;
    let fields = schema::fields_of(&index.schema())
        .ok_or_else(|| Error::SchemaMismatch(dir.to_path_buf()))?;
    schema::register_analyzers(&index);
    Ok(OpenIndex {
        index,
        fields,
        dir: dir.to_path_buf(),
    })
}

/// Reads the checkpoint of the last commit, if any commit carried one.
pub fn checkpoint(index: &Index) -> Result<Option<Checkpoint>> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str::<Checkpoint>(p).ok()))
}

/// Refuses an index whose last commit was made by another schema version.
fn check_version(index: &Index, dir: &Path) -> Result<()> {
    let metas = index.load_metas()?;
    match metas.payload.as_deref() {
        // A writer killed before its first commit leaves a commit point without payload or segments.
        None if metas.segments.is_empty() => Ok(()),
        None => Err(Error::SchemaMismatch(dir.to_path_buf())),
        Some(payload) => match serde_json::from_str::<Checkpoint>(payload) {
            Ok(cp) if cp.schema_version == SCHEMA_VERSION => Ok(()),
            _ => Err(Error::SchemaMismatch(dir.to_path_buf())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_index_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(dir.path()).err().unwrap();
        assert!(
            err.to_string()
                .contains("run `dateline index ARCHIVE` first")
        );
    }
}
