//! `body:` words and phrases. The body is not indexed on its own: the catch-all field holds it
//! after the headline and the location, and a second index of it would double the postings
//! (BENCHMARKS.md, "Index size"). A word or phrase is in the body where it occurs more often in
//! the catch-all field than in the headline and the location together.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    EmptyScorer, EnableScoring, Explanation, PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

use crate::index::Fields;

/// Dispatches whose body holds `terms`, in order (a phrase when several); scored as the same
/// words in the catch-all field.
#[derive(Clone, Debug)]
pub(crate) struct BodyQuery {
    /// The terms in the catch-all field, which holds the body.
    text: Vec<Term>,
    /// The terms in the fields the catch-all holds besides the body: headline and location.
    others: [Vec<Term>; 2],
}

impl BodyQuery {
    /// Analyzed `terms` in the body of the dispatches of `fields`' index.
    pub(crate) fn new(fields: &Fields, terms: &[String]) -> BodyQuery {
        let in_field = |field: Field| -> Vec<Term> {
            terms
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect()
        };
        BodyQuery {
            text: in_field(fields.text),
            others: [in_field(fields.headline), in_field(fields.location)],
        }
    }

    fn text_query(&self) -> Box<dyn Query> {
        match self.text.as_slice() {
            [term] => Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
            terms => Box::new(PhraseQuery::new(terms.to_vec())),
        }
    }
}

impl Query for BodyQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(BodyWeight {
            matched: self.text_query().weight(enable_scoring)?,
            text: self.text.clone(),
            others: self.others.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.text {
            visitor(term, self.text.len() > 1);
        }
    }
}

struct BodyWeight {
    /// The words anywhere in the catch-all field: the candidates and their scores.
    matched: Box<dyn Weight>,
    text: Vec<Term>,
    others: [Vec<Term>; 2],
}

/// Postings of every term of a phrase in one field, with positions; none when a term is absent.
fn postings(
    reader: &SegmentReader,
    terms: &[Term],
) -> tantivy::Result<Option<Vec<SegmentPostings>>> {
    let Some(first) = terms.first() else {
        return Ok(None);
    };
    let index = reader.inverted_index(first.field())?;
    let mut found = Vec::with_capacity(terms.len());
    for term in terms {
        match index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
            Some(postings) => found.push(postings),
            None => return Ok(None),
        }
    }
    Ok(Some(found))
}

impl Weight for BodyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(text) = postings(reader, &self.text)? else {
            return Ok(Box::new(EmptyScorer));
        };
        let mut others = Vec::new();
        for terms in &self.others {
            others.extend(postings(reader, terms)?);
        }
        let mut scorer = BodyScorer {
            matched: self.matched.scorer(reader, boost)?,
            text,
            others,
            positions: Vec::new(),
        };
        let first = scorer.matched.doc();
        scorer.skip_to_body(first);
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not have these words in its body"
            )));
        }
        Ok(Explanation::new("words in the body", scorer.score()))
    }
}

struct BodyScorer {
    matched: Box<dyn Scorer>,
    text: Vec<SegmentPostings>,
    /// Postings of the headline and the location, those that hold every term.
    others: Vec<Vec<SegmentPostings>>,
    positions: Vec<Vec<u32>>,
}

impl BodyScorer {
    /// The first document from `doc` on whose body holds the words.
    fn skip_to_body(&mut self, mut doc: DocId) -> DocId {
        while doc != TERMINATED && !self.in_body(doc) {
            doc = self.matched.advance();
        }
        doc
    }

    fn in_body(&mut self, doc: DocId) -> bool {
        let anywhere = occurrences(&mut self.text, doc, &mut self.positions);
        let mut elsewhere = 0;
        for postings in &mut self.others {
            elsewhere += occurrences(postings, doc, &mut self.positions);
        }
        anywhere > elsewhere
    }
}

/// How often the phrase whose terms' postings are `postings` occurs in `doc`; the postings
/// only move forward, so documents must be asked in increasing order.
fn occurrences(postings: &mut [SegmentPostings], doc: DocId, positions: &mut Vec<Vec<u32>>) -> u32 {
    for term in postings.iter_mut() {
        if term.doc() < doc {
            term.seek(doc);
        }
        if term.doc() != doc {
            return 0;
        }
    }
    if let [term] = postings {
        return term.term_freq();
    }
    positions.resize_with(postings.len(), Vec::new);
    for (term, found) in postings.iter_mut().zip(positions.iter_mut()) {
        term.positions(found);
    }
    let (first, rest) = positions.split_at(1);
    first[0]
        .iter()
        .filter(|&&start| {
            rest.iter()
                .zip(1u32..)
                .all(|(found, offset)| found.binary_search(&(start + offset)).is_ok())
        })
        .count() as u32
}

impl DocSet for BodyScorer {
    fn advance(&mut self) -> DocId {
        let next = self.matched.advance();
        self.skip_to_body(next)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let next = self.matched.seek(target);
        self.skip_to_body(next)
    }

    fn doc(&self) -> DocId {
        self.matched.doc()
    }

    fn size_hint(&self) -> u32 {
        self.matched.size_hint()
    }
}

impl Scorer for BodyScorer {
    fn score(&mut self) -> Score {
        self.matched.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dispatch::{Dispatch, Meta};
    use crate::index::schema::analyze;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::{BooleanQuery, Occur};

    /// An index of (headline, location, body) dispatches, in two segments.
    fn index_of(dispatches: &[(&str, &str, &str)]) -> (tantivy::Index, Fields) {
        let dispatches: Vec<Dispatch> = dispatches
            .iter()
            .map(|(headline, location, body)| Dispatch {
                meta: Meta {
                    headline: Some(headline.to_string()),
                    location: Some(location.to_string()),
                    ..Meta::default()
                },
                body: body.to_string(),
                ..Dispatch::default()
            })
            .collect();
        crate::index::testing::index_of(&dispatches)
    }

    const DISPATCHES: &[(&str, &str, &str)] = &[
        (
            "Floods in Dhaka",
            "Dhaka",
            "Rivers rose overnight in the north.",
        ),
        (
            "Rivers rise",
            "Paris",
            "Floods reached Dhaka after the rain; floods again.",
        ),
        ("Floods floods", "Lima", "More floods came to the coast."),
        (
            "Central bank holds rates",
            "Tokyo",
            "The bank said rates stay.",
        ),
        (
            "Markets",
            "Tokyo",
            "The central bank of Japan held rates steady.",
        ),
    ];

    /// The numbers of the dispatches (in order of addition) a query matches.
    fn matching(index: &tantivy::Index, fields: &Fields, query: &dyn Query) -> Vec<u64> {
        let searcher = index.reader().unwrap().searcher();
        let mut found: Vec<u64> = searcher
            .search(query, &DocSetCollector)
            .unwrap()
            .into_iter()
            .map(|address| {
                let doc: tantivy::TantivyDocument = searcher.doc(address).unwrap();
                let record = crate::index::document::read(fields, &doc);
                record.key.path.trim_end_matches(".txt").parse().unwrap()
            })
            .collect();
        found.sort();
        found
    }

    fn body(fields: &Fields, words: &str) -> BodyQuery {
        BodyQuery::new(fields, &analyze(words))
    }

    #[test]
    fn a_word_of_the_headline_or_location_alone_is_not_in_the_body() {
        let (index, fields) = index_of(DISPATCHES);
        // "floods" is in headlines 0 and 2 and in bodies 1 and 2; "dhaka" in location 0 and
        // body 1.
        assert_eq!(matching(&index, &fields, &body(&fields, "floods")), [1, 2]);
        assert_eq!(matching(&index, &fields, &body(&fields, "Dhaka")), [1]);
        assert_eq!(matching(&index, &fields, &body(&fields, "rivers")), [0]);
        assert!(matching(&index, &fields, &body(&fields, "zeppelin")).is_empty());
    }

    #[test]
    fn a_phrase_counts_only_where_it_runs_in_the_body() {
        let (index, fields) = index_of(DISPATCHES);
        // Dispatch 3 has "central bank" in its headline, its words apart in the body.
        assert_eq!(
            matching(&index, &fields, &body(&fields, "central bank")),
            [4]
        );
        assert_eq!(matching(&index, &fields, &body(&fields, "held rates")), [4]);
        assert!(matching(&index, &fields, &body(&fields, "rates central")).is_empty());
    }

    #[test]
    fn it_combines_with_other_clauses_across_segments() {
        let (index, fields) = index_of(DISPATCHES);
        let tokyo = TermQuery::new(
            Term::from_field_text(fields.location, "tokyo"),
            IndexRecordOption::Basic,
        );
        let both = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(body(&fields, "rates")) as Box<dyn Query>,
            ),
            (Occur::Must, Box::new(tokyo)),
        ]);
        assert_eq!(matching(&index, &fields, &both), [3, 4]);
        let not_in_body = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(tantivy::query::AllQuery) as Box<dyn Query>,
            ),
            (Occur::MustNot, Box::new(body(&fields, "floods"))),
        ]);
        assert_eq!(matching(&index, &fields, &not_in_body), [0, 3, 4]);
    }
}
