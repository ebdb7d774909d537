//! dateline: index and search archives of news dispatches.
//!
//! `archive` reads files, `dispatch` understands their text, `gazetteer` knows places,
//! `index` writes and opens the tantivy index, `search` queries it and `output` prints results.

pub mod app;
pub mod archive;
pub mod cli;
pub mod dispatch;
pub mod error;
pub mod gazetteer;
pub mod index;
pub mod output;
pub mod progress;
pub mod search;
