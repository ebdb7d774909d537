//! dateline: index and search archives of news dispatches.
//!
//! `archive` reads files, `dispatch` understands their text, `gazetteer` knows places (and
//! `geo` the distances between them), `index` writes and opens the tantivy index, `search`
//! queries it, `stories` tells the versions of one story, and `export` writes what search
//! matches in other engines' formats. The library never
//! prints: the `dateline` binary (`src/main.rs` and the modules it declares) owns the command
//! line, the settings resolved from it, and every byte written to the terminal.

pub mod archive;
pub mod dispatch;
pub mod error;
pub mod export;
pub mod formats;
pub mod gazetteer;
pub mod geo;
pub mod index;
pub mod search;
pub mod stories;
