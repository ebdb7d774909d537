//! One dispatch in full, found by its key: what `dateline show` prints. It is read from the
//! index alone, so it works when the archive is not mounted.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;
use tantivy::{TantivyDocument, Term};

use super::query::{self, Need};
use super::snapshot;
use crate::dispatch::{Key, Record};
use crate::error::Result;
use crate::index::OpenIndex;
use crate::index::document::{self, stored_text};
use crate::index::schema::{analyze, news_analyzer};

/// A dispatch in full, as the index holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct FullDispatch {
    /// Where it is, what it says of itself and where it was filed from.
    pub record: Record,
    /// Its body.
    pub body: String,
}

/// The key a user typed: the key itself, or (so that a path copied from a shell works) the
/// path of a file in the archive, which is its key relative to the archive's root.
pub fn key_of(typed: &str, archive_root: Option<&Path>) -> Key {
    let as_path = Path::new(typed);
    let relative = archive_root
        .filter(|_| as_path.is_absolute() || as_path.exists())
        .and_then(|root| {
            let real = std::path::absolute(as_path).ok()?.canonicalize().ok()?;
            real.strip_prefix(root)
                .ok()?
                .to_str()
                .map(|k| k.replace(std::path::MAIN_SEPARATOR, "/"))
        });
    let key = relative.unwrap_or_else(|| typed.strip_prefix("./").unwrap_or(typed).to_string());
    Key::file(key)
}

/// The dispatch at `key`, if the index holds one. A key typed as `path#item` (as hits show a
/// dispatch within a file of several) names the item; a key without an item names the file's
/// only dispatch, or its first.
pub fn lookup(index: &OpenIndex, key: &Key) -> Result<Option<FullDispatch>> {
    if let Some(found) = lookup_exact(index, key)? {
        return Ok(Some(found));
    }
    match (&key.item, key.path.split_once('#')) {
        (None, Some((path, item))) => lookup_exact(index, &Key::item(path, Some(item.into()))),
        _ => Ok(None),
    }
}

fn lookup_exact(index: &OpenIndex, key: &Key) -> Result<Option<FullDispatch>> {
    let searcher = snapshot(index)?;
    let fields = &index.fields;
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let mut clauses = vec![(Occur::Must, term(fields.path, &key.path))];
    if let Some(item) = &key.item {
        clauses.push((Occur::Must, term(fields.item, item)));
    }
    let query = BooleanQuery::new(clauses);
    // The first in the index order: a file's first item when no item is named.
    let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, address)) = found.into_iter().next() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(Some(FullDispatch {
        record: document::read(fields, &doc),
        body: stored_text(&doc, fields.body).unwrap_or_default(),
    }))
}

/// Byte ranges of `text` holding a word of `words` (read as a query: its excluded words are
/// not marked), matched as search matches them: ignoring case and accents, by stem.
pub fn highlights(text: &str, words: &str) -> Vec<Range<usize>> {
    let wanted: HashSet<String> = query::parse(words)
        .iter()
        .filter(|clause| clause.need != Need::Excluded)
        .flat_map(|clause| analyze(&clause.text))
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut analyzer = news_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut ranges = Vec::new();
    while let Some(token) = stream.next() {
        if wanted.contains(&token.text) {
            ranges.push(token.offset_from..token.offset_to);
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, words: &str) -> Vec<&'a str> {
        highlights(text, words)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn highlights_match_by_stem_case_and_accent_but_not_excluded_words() {
        let text = "Talks in Bogotá: the TALKS resumed; talking went on.";
        assert_eq!(
            marked(text, "talk bogota"),
            ["Talks", "Bogotá", "TALKS", "talking"]
        );
        assert_eq!(
            marked(text, "\"talks resumed\" -bogota"),
            ["Talks", "TALKS", "resumed", "talking"]
        );
        assert!(marked(text, "-talks").is_empty());
        assert!(marked(text, "").is_empty());
    }

    #[test]
    fn a_typed_key_is_the_key_or_a_path_into_the_archive() {
        assert_eq!(key_of("2017/10/30/a.txt", None).path, "2017/10/30/a.txt");
        assert_eq!(key_of("./2017/10/30/a.txt", None).path, "2017/10/30/a.txt");
        let archive = tempfile::tempdir().unwrap();
        let root = archive.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("2017")).unwrap();
        std::fs::write(root.join("2017/a.txt"), "x").unwrap();
        let typed = root.join("2017/a.txt");
        assert_eq!(
            key_of(typed.to_str().unwrap(), Some(&root)).path,
            "2017/a.txt"
        );
        // Outside the archive, the path stays what was typed.
        let elsewhere = tempfile::tempdir().unwrap();
        let outside = elsewhere.path().join("a.txt");
        std::fs::write(&outside, "x").unwrap();
        assert_eq!(
            key_of(outside.to_str().unwrap(), Some(&root)).path,
            outside.to_str().unwrap()
        );
    }
}
