//! The tantivy index: its schema, how it is opened, and how it is written.

pub mod analyzer;
pub mod document;
pub mod open;
pub mod schema;
pub mod stem;
#[cfg(test)]
pub(crate) mod testing;
pub mod writer;

pub use open::{Checkpoint, OpenIndex, checkpoint, exists, open};
pub use schema::{ANALYZER_VERSION, Fields, SCHEMA_VERSION};
pub use writer::{
    DEFAULT_COMMIT_EVERY_DOCS, DEFAULT_MAX_FILE_SIZE, IndexOptions, IndexReport, Progress, Skipped,
    run_index,
};
