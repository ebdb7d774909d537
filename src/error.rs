//! Typed errors of the library; the binary turns them into one clear line and exit status 2.

use std::path::PathBuf;

/// Everything that can go wrong in dateline's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index directory holds no index yet.
    #[error("no index at {}: run `dateline index ARCHIVE` first", .0.display())]
    NoIndex(PathBuf),

    /// Another process holds the index writer lock.
    #[error("another `dateline index` is running on {}", .0.display())]
    IndexBusy(PathBuf),

    /// The index was built with another schema version.
    #[error(
        "this index was built by an older dateline: run `dateline index ARCHIVE --full` (index at {})",
        .0.display()
    )]
    SchemaMismatch(PathBuf),

    /// The index files are damaged or missing.
    #[error("the index at {} is damaged ({source}): run `dateline index ARCHIVE --full`", .path.display())]
    Corrupt {
        /// Index directory.
        path: PathBuf,
        /// What tantivy reported.
        source: tantivy::TantivyError,
    },

    /// The disk holding the index is full.
    #[error("disk full while writing the index at {}: free some space and run `dateline index` again", .0.display())]
    DiskFull(PathBuf),

    /// The archive to index cannot be read.
    #[error("cannot read archive {}: {source}", .path.display())]
    BadArchive {
        /// Archive path as given.
        path: PathBuf,
        /// Why it cannot be used.
        source: std::io::Error,
    },

    /// The archive to index is not a directory.
    #[error("cannot read archive {}: not a directory", .0.display())]
    ArchiveNotADirectory(PathBuf),

    /// The index directory would sit inside the archive, which the tool never writes into.
    #[error("the index {} is inside the archive {}: choose an index directory outside it with --index", .index.display(), .archive.display())]
    IndexInsideArchive {
        /// Index directory.
        index: PathBuf,
        /// Archive root.
        archive: PathBuf,
    },

    /// A date given on the command line is not understood.
    #[error("invalid date '{input}': {reason} (use YYYY, YYYY-MM or YYYY-MM-DD)")]
    BadDate {
        /// The text the user typed.
        input: String,
        /// What is wrong with it.
        reason: String,
    },

    /// `--from` is later than `--to`.
    #[error("--from {from} is after --to {to}")]
    DateOrder {
        /// Start of the range as typed.
        from: String,
        /// End of the range as typed.
        to: String,
    },

    /// The query cannot be run as typed.
    #[error("{0}")]
    BadQuery(String),

    /// An export cannot be written where it was asked to go.
    #[error("cannot export to {}: {reason}", .path.display())]
    ExportTarget {
        /// Where it was asked to go.
        path: PathBuf,
        /// Why not, and what to do instead.
        reason: String,
    },

    /// An I/O error on a named path.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// A value of ours could not be turned into JSON or back: a defect, never the user's input.
    #[error("internal error: cannot convert {what} to or from JSON: {source}")]
    Json {
        /// What was being converted.
        what: &'static str,
        /// What serde reported.
        source: serde_json::Error,
    },

    /// A thread of the indexer stopped half-way through a file; nothing of it was committed.
    #[error("internal error: indexing stopped half-way through a file; run `dateline index` again")]
    Interrupted,

    /// Any other error reported by tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn underlying_errors_stay_sources_not_strings() {
        let missing = std::fs::metadata("/nonexistent/archive").unwrap_err();
        let err = Error::BadArchive {
            path: "/nonexistent/archive".into(),
            source: missing,
        };
        let source = err
            .source()
            .and_then(|s| s.downcast_ref::<std::io::Error>());
        assert_eq!(
            source.map(std::io::Error::kind),
            Some(std::io::ErrorKind::NotFound)
        );
        let json = serde_json::from_str::<u32>("x").unwrap_err();
        let err = Error::Json {
            what: "a number",
            source: json,
        };
        assert!(err.source().is_some());
        assert!(!matches!(err, Error::BadQuery(_)));
        assert!(
            err.to_string()
                .starts_with("internal error: cannot convert a number")
        );
    }
}
