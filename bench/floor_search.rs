//! The search-speed floor: the least a program must do to answer a query on a dateline index
//! with tantivy alone. It opens the index, parses the query with tantivy's own query parser
//! (plain words are an OR of the terms over the catch-all text field, as dateline matches
//! them; `place:nairobi` and `date:[.. TO ..}` name the fields dateline's filters use), and
//! prints the path and headline of the 10 best stored documents. `bench/run.sh` times it
//! beside `dateline search` on the same index.
//!
//! Usage: floor_search INDEX_DIR QUERY...

use std::io::Write;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

use dateline::index::schema::{self, HEADLINE, PATH, TEXT};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: floor_search INDEX_DIR QUERY...")?;
    let words: Vec<String> = args.collect();
    let index = Index::open_in_dir(&dir)?;
    schema::register_analyzers(&index);
    let schema = index.schema();
    let text = schema.get_field(TEXT)?;
    let path = schema.get_field(PATH)?;
    let headline = schema.get_field(HEADLINE)?;
    let searcher = index.reader()?.searcher();
    let parser = QueryParser::for_index(&index, vec![text]);
    let query = parser.parse_query(&words.join(" "))?;
    let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
    let mut out = std::io::stdout().lock();
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let get = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
        writeln!(out, "{score:.3}\t{}\t{}", get(path), get(headline))?;
    }
    Ok(())
}
