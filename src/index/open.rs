//! The one way an index is opened, for reading or for writing, with the same version rules:
//! an index whose last commit was made with another schema or analyzer version is refused
//! with "run `dateline index ARCHIVE --full`".

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::{Index, TantivyError};

use super::schema::{self, ANALYZER_VERSION, Fields, SCHEMA_VERSION};
use crate::error::{Error, Result};

/// The indexer's checkpoint, saved in tantivy's commit payload so it is atomic with the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Schema version the index was built with.
    pub schema_version: u32,
    /// Analyzer version its terms were made with; recorded since version 1, so absent means 1.
    #[serde(default = "first_analyzer_version")]
    pub analyzer_version: u32,
    /// Whether the run that made this commit walked the whole archive.
    pub complete: bool,
    /// Absolute path of the archive the keys are relative to, when it is valid UTF-8: what
    /// links to a dispatch's file are made from. Absent in indexes made before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
}

fn first_analyzer_version() -> u32 {
    1
}

impl Checkpoint {
    /// The checkpoint this version of dateline writes.
    pub fn current(complete: bool) -> Self {
        Checkpoint {
            schema_version: SCHEMA_VERSION,
            analyzer_version: ANALYZER_VERSION,
            complete,
            archive: None,
        }
    }

    /// The same checkpoint, recording `root` as the archive's path (when it is UTF-8).
    pub fn with_archive(self, root: &Path) -> Self {
        Checkpoint {
            archive: root.to_str().map(str::to_string),
            ..self
        }
    }

    /// The archive's path as recorded, if it was.
    pub fn archive_root(&self) -> Option<&Path> {
        self.archive.as_deref().map(Path::new)
    }

    /// Whether an index with this checkpoint can be read and extended by this version.
    pub fn is_compatible(&self) -> bool {
        self.schema_version == SCHEMA_VERSION && self.analyzer_version == ANALYZER_VERSION
    }
}

/// An opened index.
pub struct OpenIndex {
    /// The tantivy index, with our analyzers registered.
    pub index: Index,
    /// Handles on the schema's fields.
    pub fields: Fields,
    /// Directory it was opened from.
    pub dir: PathBuf,
    /// Absolute path of the archive its keys are relative to, when the last commit recorded it.
    pub archive_root: Option<PathBuf>,
}

/// Whether `dir` holds an index (a tantivy commit point).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index in `dir` for reading.
pub fn open(dir: &Path) -> Result<OpenIndex> {
    if !exists(dir) {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    let index = Index::open_in_dir(dir).map_err(|source| Error::Corrupt {
        path: dir.to_path_buf(),
        source,
    })?;
    checked(index, dir)
}

/// Opens the index in `dir` for writing, creating the directory and an empty index if needed.
pub fn open_or_create(dir: &Path) -> Result<OpenIndex> {
    create_index_dir(dir)?;
    let (schema, _) = schema::build_schema();
    let directory = tantivy::directory::MmapDirectory::open(dir).map_err(|e| Error::Corrupt {
        path: dir.to_path_buf(),
        source: e.into(),
    })?;
    let index = Index::builder()
        .schema(schema)
        .settings(schema::index_settings())
        .open_or_create(directory)
        .map_err(|e| match e {
            TantivyError::SchemaError(_) => Error::SchemaMismatch(dir.to_path_buf()),
            source => Error::Corrupt {
                path: dir.to_path_buf(),
                source,
            },
        })?;
    checked(index, dir)
}

/// The checkpoint of the last commit, if any commit carried one.
pub fn checkpoint(index: &Index) -> Result<Option<Checkpoint>> {
    let metas = index.load_metas()?;
    metas
        .payload
        .as_deref()
        .map(|payload| {
            serde_json::from_str(payload).map_err(|source| Error::Json {
                what: "the checkpoint",
                source,
            })
        })
        .transpose()
}

/// Applies the version rules, looks up the fields and registers the analyzers.
fn checked(index: Index, dir: &Path) -> Result<OpenIndex> {
    let metas = index.load_metas()?;
    let checkpoint = metas
        .payload
        .as_deref()
        .and_then(|payload| serde_json::from_str::<Checkpoint>(payload).ok());
    let compatible = match (metas.payload.as_deref(), &checkpoint) {
        // A writer killed before its first commit leaves a commit point without payload or segments.
        (None, _) => metas.segments.is_empty(),
        (Some(_), checkpoint) => checkpoint.as_ref().is_some_and(Checkpoint::is_compatible),
    };
    if !compatible {
        return Err(Error::SchemaMismatch(dir.to_path_buf()));
    }
    let fields = schema::fields_of(&index.schema())
        .ok_or_else(|| Error::SchemaMismatch(dir.to_path_buf()))?;
    schema::register_analyzers(&index);
    Ok(OpenIndex {
        index,
        fields,
        dir: dir.to_path_buf(),
        archive_root: checkpoint
            .as_ref()
            .and_then(Checkpoint::archive_root)
            .map(Path::to_path_buf),
    })
}

fn create_index_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        // Dispatches may be embargoed: the index is readable by its owner only.
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| Error::io(dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index in `dir` whose one commit carries `payload` and a document.
    fn index_with_payload(dir: &Path, payload: &str) {
        let opened = open_or_create(dir).unwrap();
        let mut writer: tantivy::IndexWriter = opened.index.writer(15_000_000).unwrap();
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(opened.fields.path, "a.txt");
        writer.add_document(doc).unwrap();
        let mut prepared = writer.prepare_commit().unwrap();
        prepared.set_payload(payload);
        prepared.commit().unwrap();
    }

    fn mismatch(result: Result<OpenIndex>) -> bool {
        matches!(result, Err(Error::SchemaMismatch(_)))
    }

    #[test]
    fn missing_index_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(dir.path()).err().unwrap();
        assert!(
            err.to_string()
                .contains("run `dateline index ARCHIVE` first")
        );
    }

    #[test]
    fn reader_and_writer_accept_the_current_versions() {
        let dir = tempfile::tempdir().unwrap();
        let payload = serde_json::to_string(&Checkpoint::current(true)).unwrap();
        index_with_payload(dir.path(), &payload);
        assert!(open(dir.path()).is_ok());
        assert!(open_or_create(dir.path()).is_ok());
        assert_eq!(
            checkpoint(&open(dir.path()).unwrap().index).unwrap(),
            Some(Checkpoint::current(true))
        );
    }

    #[test]
    fn reader_and_writer_refuse_another_analyzer_or_schema_alike() {
        for payload in [
            format!(
                r#"{{"schema_version":{SCHEMA_VERSION},"analyzer_version":0,"complete":true}}"#
            ),
            r#"{"schema_version":0,"complete":true}"#.to_string(),
            "not a checkpoint".to_string(),
        ] {
            let dir = tempfile::tempdir().unwrap();
            index_with_payload(dir.path(), &payload);
            assert!(mismatch(open(dir.path())), "reader took {payload}");
            assert!(
                mismatch(open_or_create(dir.path())),
                "writer took {payload}"
            );
        }
    }

    #[test]
    fn the_archive_root_is_read_back_and_optional() {
        let dir = tempfile::tempdir().unwrap();
        let recorded = Checkpoint::current(true).with_archive(Path::new("/srv/wire"));
        index_with_payload(dir.path(), &serde_json::to_string(&recorded).unwrap());
        let opened = open(dir.path()).unwrap();
        assert_eq!(opened.archive_root.as_deref(), Some(Path::new("/srv/wire")));

        let older = tempfile::tempdir().unwrap();
        let without = format!(
            r#"{{"schema_version":{SCHEMA_VERSION},"analyzer_version":{ANALYZER_VERSION},"complete":true}}"#
        );
        index_with_payload(older.path(), &without);
        assert_eq!(open(older.path()).unwrap().archive_root, None);
        assert!(
            !serde_json::to_string(&Checkpoint::current(true))
                .unwrap()
                .contains("archive")
        );
    }

    #[test]
    fn a_checkpoint_from_before_analyzer_versions_is_version_one() {
        let old = format!(r#"{{"schema_version":{SCHEMA_VERSION},"complete":true}}"#);
        let cp: Checkpoint = serde_json::from_str(&old).unwrap();
        assert_eq!(cp.analyzer_version, 1);
        assert_eq!(
            ANALYZER_VERSION, 1,
            "then old indexes must be refused: drop the default"
        );
        let dir = tempfile::tempdir().unwrap();
        index_with_payload(dir.path(), &old);
        assert!(open(dir.path()).is_ok());
    }

    #[test]
    fn an_index_with_documents_and_no_checkpoint_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        {
            let opened = open_or_create(dir.path()).unwrap();
            let mut writer: tantivy::IndexWriter = opened.index.writer(15_000_000).unwrap();
            let mut doc = tantivy::TantivyDocument::default();
            doc.add_text(opened.fields.path, "a.txt");
            writer.add_document(doc).unwrap();
            writer.commit().unwrap();
        }
        assert!(mismatch(open(dir.path())));
        assert!(mismatch(open_or_create(dir.path())));
    }
}
