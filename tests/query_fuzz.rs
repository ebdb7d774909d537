//! Property test of the query path: whatever a user types, `search` answers or refuses cleanly.

use std::sync::OnceLock;

use dateline::error::Error;
use dateline::index::{self, IndexOptions, OpenIndex};
use dateline::search::{SearchRequest, SortOrder, search};
use proptest::prelude::*;

fn sample_index() -> &'static OpenIndex {
    static INDEX: OnceLock<(tempfile::TempDir, OpenIndex)> = OnceLock::new();
    let (_, opened) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let archive = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus");
        let options = IndexOptions::new(archive, dir.path().join("index"));
        index::run_index(&options, &()).expect("index sample corpus");
        let opened = index::open(&dir.path().join("index")).expect("open index");
        (dir, opened)
    });
    opened
}

fn check(query: &str, place: Option<String>, sort: SortOrder) {
    let request = SearchRequest {
        query: query.to_string(),
        place,
        limit: 5,
        sort,
        ..SearchRequest::default()
    };
    match search(sample_index(), &request) {
        Ok(results) => assert!(results.hits.len() <= 5),
        Err(Error::BadQuery(message)) => assert!(!message.is_empty()),
        Err(other) => panic!("{query:?}: unexpected error {other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_answered_or_refused_cleanly(query in "\\PC{0,200}") {
        check(&query, None, SortOrder::Relevance);
    }

    #[test]
    fn query_syntax_soup_is_answered_or_refused_cleanly(
        query in "[a-zA-Z\"'+\\-:()\\[\\]{}^~*\\\\/ .,!?]{0,120}",
        by_date in any::<bool>(),
    ) {
        let sort = if by_date { SortOrder::Date } else { SortOrder::Relevance };
        check(&query, None, sort);
    }

    #[test]
    fn any_place_is_answered_or_refused_cleanly(place in "\\PC{0,60}") {
        check("", Some(place), SortOrder::Relevance);
    }
}
