//! Which dispatches a request selects: its words, phrases, place and dates as tantivy queries,
//! built once and shared by every command that selects dispatches (search, places).

use std::collections::HashSet;
use std::ops::Bound;
use std::sync::OnceLock;

use jiff::civil::Date;
use tantivy::collector::Count;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::SearchRequest;
use super::body::BodyQuery;
use super::query::{self, Clause, Need, Scope};
use crate::error::{Error, Result};
use crate::gazetteer;
use crate::index::Fields;
use crate::index::document::to_tantivy_date;
use crate::index::schema::analyze;

/// English function words: dropped from a query that has other words, since nearly every
/// dispatch holds them (measured in BENCHMARKS.md), and never taken as feedback words.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "between", "but", "by", "can", "could", "did", "do", "does", "during", "for",
    "from", "had", "has", "have", "he", "her", "him", "his", "how", "if", "in", "into", "is", "it",
    "its", "just", "may", "might", "more", "most", "must", "no", "not", "of", "on", "only", "or",
    "other", "our", "out", "over", "shall", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "then", "there", "these", "they", "this", "those", "through", "to", "under",
    "up", "very", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why",
    "will", "with", "would", "you", "your",
];

/// Whether an analyzed term is a function word (the list above, as the analyzer indexes it:
/// lower-cased and stemmed, so "only" is "onli").
pub(crate) fn is_function_word(term: &str) -> bool {
    static TERMS: OnceLock<HashSet<String>> = OnceLock::new();
    TERMS
        .get_or_init(|| FUNCTION_WORDS.iter().flat_map(|w| analyze(w)).collect())
        .contains(term)
}

/// Whether a query term says something of a subject: not a function word, nor a single
/// letter (the "s" of a possessive, the "u" and "s" of "U.S.", which nearly every dispatch has).
pub(crate) fn carries_meaning(term: &str) -> bool {
    term.chars().nth(1).is_some() && !is_function_word(term)
}

/// The field a scope's words are looked for in. Plain words go to the catch-all `text` field:
/// one BM25 over headline, location and body ranks far better than a sum of per-field scores
/// (BENCHMARKS.md), and a single field is what tantivy's block-max pruning works on.
pub(crate) fn scope_field(fields: &Fields, scope: Scope) -> Field {
    match scope {
        Scope::All => fields.text,
        Scope::Headline => fields.headline,
        // The body is indexed only within the catch-all field; `body:` words are those of
        // it outside the headline and location (`BodyQuery`).
        Scope::Body => fields.text,
        Scope::Location => fields.location,
        Scope::Dateline => fields.dateline,
    }
}

/// A plain word of a query, analyzed, and where it is looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The term as indexed.
    pub term: String,
    /// Where it is looked for.
    pub scope: Scope,
}

/// A word and its weight in a ranked query.
pub(crate) type Weighted = (Word, f32);

/// The words of a query as tantivy queries.
pub(crate) struct TextQuery {
    fields: Fields,
    /// Plain words: they rank the hits, and every hit has at least one of them (unless
    /// required clauses select the hits).
    pub words: Vec<Word>,
    /// `+word` and `"phrases"`: every hit has each of them.
    required: Vec<Box<dyn Query>>,
    /// `-word`: no hit has any of them.
    excluded: Vec<Box<dyn Query>>,
    /// Terms that may appear in a body, for highlighting.
    highlight_terms: Vec<String>,
}

impl TextQuery {
    /// The text part of a parsed query; none when it has no word to look for.
    fn from_clauses(fields: &Fields, clauses: &[Clause]) -> Option<TextQuery> {
        let mut words: Vec<Word> = Vec::new();
        let mut required: Vec<Box<dyn Query>> = Vec::new();
        let mut highlight_terms: Vec<String> = Vec::new();
        for clause in clauses {
            let terms = analyze(&clause.text);
            if clause.need != Need::Excluded && matches!(clause.scope, Scope::All | Scope::Body) {
                highlight_terms.extend(terms.iter().cloned());
            }
            match clause.need {
                Need::Excluded => {}
                Need::Required => required.extend(terms_query(fields, clause.scope, &terms)),
                Need::Word if clause.phrase => {
                    required.extend(terms_query(fields, clause.scope, &terms))
                }
                Need::Word => {
                    // Each term of a typed word counts on its own: "NASSER'S" is nasser + s.
                    for term in terms {
                        let word = Word {
                            term,
                            scope: clause.scope,
                        };
                        if !words.contains(&word) {
                            words.push(word);
                        }
                    }
                }
            }
        }
        if words.iter().any(|w| carries_meaning(&w.term)) {
            words.retain(|w| carries_meaning(&w.term));
        }
        if words.is_empty() && required.is_empty() {
            return None;
        }
        Some(TextQuery {
            fields: fields.clone(),
            words,
            required,
            excluded: excluded(fields, clauses),
            highlight_terms,
        })
    }

    /// What [`TextQuery::weighted`] scores, one query each: every word with its weight, then
    /// every required clause. A dispatch matching the whole query scores the sum of these
    /// (excluded clauses score nothing).
    pub fn weighted_parts(&self, words: &[Weighted]) -> Vec<Box<dyn Query>> {
        self.boosted(words)
            .chain(self.required.iter().map(|q| q.box_clone()))
            .collect()
    }

    /// Each word's query, scaled by its weight.
    fn boosted<'w>(&'w self, words: &'w [Weighted]) -> impl Iterator<Item = Box<dyn Query>> + 'w {
        words.iter().map(|(word, weight)| {
            let term = word_query(&self.fields, word.scope, &word.term);
            Box::new(BoostQuery::new(term, *weight)) as Box<dyn Query>
        })
    }

    /// Each plain word with weight one: the query as typed.
    pub fn as_typed(&self) -> Vec<Weighted> {
        self.words.iter().map(|w| (w.clone(), 1.0)).collect()
    }

    /// The ranked query: weighted words (at least one of them, unless required clauses select
    /// the hits), every required clause, no excluded one.
    pub fn weighted(&self, words: &[Weighted]) -> Box<dyn Query> {
        let union: Vec<(Occur, Box<dyn Query>)> =
            self.boosted(words).map(|q| (Occur::Should, q)).collect();
        let union: Box<dyn Query> = Box::new(BooleanQuery::new(union));
        if self.required.is_empty() && self.excluded.is_empty() {
            // Unwrapped, a union of words keeps tantivy's block-max WAND pruning.
            return union;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !words.is_empty() {
            let occur = if self.required.is_empty() {
                Occur::Must
            } else {
                Occur::Should
            };
            clauses.push((occur, union));
        }
        clauses.extend(self.required.iter().map(|q| (Occur::Must, q.box_clone())));
        clauses.extend(
            self.excluded
                .iter()
                .map(|q| (Occur::MustNot, q.box_clone())),
        );
        Box::new(BooleanQuery::new(clauses))
    }

    /// Dispatches with every plain word and every required clause, and no excluded one.
    fn all_words(&self) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .words
            .iter()
            .filter_map(|w| terms_query(&self.fields, w.scope, std::slice::from_ref(&w.term)))
            .map(|q| (Occur::Must, q))
            .collect();
        clauses.extend(self.required.iter().map(|q| (Occur::Must, q.box_clone())));
        clauses.extend(
            self.excluded
                .iter()
                .map(|q| (Occur::MustNot, q.box_clone())),
        );
        Box::new(BooleanQuery::new(clauses))
    }

    /// The query's terms as they may appear in a body, for the snippet's highlights.
    pub fn highlight(&self) -> Box<dyn Query> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = self
            .highlight_terms
            .iter()
            .map(|term| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.text, term),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }
}

/// A query matching one analyzed word in a scope.
fn word_query(fields: &Fields, scope: Scope, term: &str) -> Box<dyn Query> {
    if scope == Scope::Body {
        return Box::new(BodyQuery::new(fields, &[term.to_string()]));
    }
    Box::new(TermQuery::new(
        Term::from_field_text(scope_field(fields, scope), term),
        IndexRecordOption::WithFreqs,
    ))
}

/// A query matching `terms` (in order, as a phrase when several) in a scope.
fn terms_query(fields: &Fields, scope: Scope, terms: &[String]) -> Option<Box<dyn Query>> {
    let field = scope_field(fields, scope);
    match terms {
        [] => None,
        [term] => Some(word_query(fields, scope, term)),
        _ if scope == Scope::Body => Some(Box::new(BodyQuery::new(fields, terms))),
        _ => Some(Box::new(PhraseQuery::new(
            terms
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect(),
        ))),
    }
}

fn excluded(fields: &Fields, clauses: &[Clause]) -> Vec<Box<dyn Query>> {
    clauses
        .iter()
        .filter(|c| c.need == Need::Excluded)
        .filter_map(|c| terms_query(fields, c.scope, &analyze(&c.text)))
        .collect()
}

/// Everything a request selects, built once: its words, and the filters every hit passes.
pub(crate) struct Selection {
    /// The words, when the query has any.
    pub text: Option<TextQuery>,
    filters: Vec<Box<dyn Query>>,
    place: Option<Box<dyn Query>>,
}

impl Selection {
    /// Builds the queries of `request`, refusing one that selects nothing in particular.
    pub fn build(fields: &Fields, request: &SearchRequest) -> Result<Selection> {
        let clauses = query::parse(&request.query);
        let text = TextQuery::from_clauses(fields, &clauses);
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        let place = match &request.place {
            Some(place) => Some(place_query(fields, place)?),
            None => None,
        };
        if let Some(place) = &place {
            filters.push(place.box_clone());
        }
        if request.from.is_some() || request.to.is_some() {
            filters.push(Box::new(date_range(fields.date, request.from, request.to)?));
        }
        if let Some(near) = &request.near {
            filters.push(near.query(fields));
        }
        let exclusions = excluded(fields, &clauses);
        if text.is_none() && !exclusions.is_empty() {
            // Only exclusions: every dispatch without those words.
            let mut all: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(AllQuery))];
            all.extend(exclusions.into_iter().map(|q| (Occur::MustNot, q)));
            filters.push(Box::new(BooleanQuery::new(all)));
        }
        if text.is_none() && filters.is_empty() && request.query.trim() != "*" {
            let message = if request.query.trim().is_empty() {
                "nothing to search for: give words to find, or --place, --near, --from or --to"
            } else {
                "the query has no words to search for (use * for every dispatch)"
            };
            return Err(Error::BadQuery(message.into()));
        }
        Ok(Selection {
            text,
            filters,
            place,
        })
    }

    /// The filters, each of which adds its score to a query it restricts.
    pub fn filters(&self) -> impl Iterator<Item = &dyn Query> {
        self.filters.iter().map(|f| &**f)
    }

    /// `query` restricted by the filters.
    pub fn filtered(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        if self.filters.is_empty() {
            return query;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
        clauses.extend(self.filters.iter().map(|f| (Occur::Must, f.box_clone())));
        Box::new(BooleanQuery::new(clauses))
    }

    /// The dispatches a list by date or a count covers: those with every word of the query
    /// when there are any, else those with some; every dispatch passing the filters when the
    /// query has no words.
    pub fn matching(&self, searcher: &Searcher) -> Result<Box<dyn Query>> {
        let mut tiers = self.matching_tiers();
        let last = tiers.pop().unwrap_or_else(|| Box::new(AllQuery));
        for tier in tiers {
            if searcher.search(&*tier, &Count)? > 0 {
                return Ok(tier);
            }
        }
        Ok(last)
    }

    /// What [`Selection::matching`] chooses from, in order: the first that matches anything
    /// (or the last) is the selection. A count that runs them in turn itself counts the
    /// chosen one once instead of twice.
    pub fn matching_tiers(&self) -> Vec<Box<dyn Query>> {
        match &self.text {
            None => vec![self.filtered(Box::new(AllQuery))],
            Some(text) => vec![
                self.filtered(text.all_words()),
                self.filtered(text.weighted(&text.as_typed())),
            ],
        }
    }

    /// Every dispatch from the requested place, when a place was given.
    pub fn place_only(&self) -> Option<Box<dyn Query>> {
        self.place.as_ref().map(|p| p.box_clone())
    }
}

/// Dispatches found under any of the names `place` resolves to.
fn place_query(fields: &Fields, place: &str) -> Result<Box<dyn Query>> {
    let keys = gazetteer::query_keys(place);
    if keys.iter().all(|k| k.is_empty()) {
        return Err(Error::BadQuery(format!("--place '{place}' names no place")));
    }
    let terms: Vec<(Occur, Box<dyn Query>)> = keys
        .iter()
        .filter(|k| !k.is_empty())
        .map(|k| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(fields.place, k),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    Ok(Box::new(BooleanQuery::new(terms)))
}

fn date_range(field: Field, from: Option<Date>, to: Option<Date>) -> Result<RangeQuery> {
    let term = |d: Date| -> Result<Term> {
        let dt = to_tantivy_date(d).ok_or_else(|| Error::BadDate {
            input: d.to_string(),
            reason: "out of the supported range".into(),
        })?;
        Ok(Term::from_field_date_for_search(field, dt))
    };
    let lower = match from {
        Some(d) => Bound::Included(term(d)?),
        None => Bound::Unbounded,
    };
    let upper = match to.map(|d| d.tomorrow()) {
        Some(Ok(next)) => Bound::Excluded(term(next)?),
        Some(Err(_)) | None => Bound::Unbounded,
    };
    Ok(RangeQuery::new(lower, upper))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::build_schema;

    fn text_query(input: &str) -> Option<TextQuery> {
        let (_, fields) = build_schema();
        TextQuery::from_clauses(&fields, &query::parse(input))
    }

    fn terms(text: &TextQuery) -> Vec<&str> {
        text.words.iter().map(|w| w.term.as_str()).collect()
    }

    #[test]
    fn function_words_are_dropped_when_other_words_remain() {
        let text = text_query("the talks of the ministers in Geneva's").unwrap();
        assert_eq!(terms(&text), ["talk", "minist", "geneva"]);
        // A query of function words only keeps them: "The Who" is a band.
        let text = text_query("The Who").unwrap();
        assert_eq!(terms(&text), ["the", "who"]);
    }

    #[test]
    fn single_letters_are_dropped_like_function_words() {
        let text = text_query("U.S. budget").unwrap();
        assert_eq!(terms(&text), ["budget"]);
        let text = text_query("U.S.").unwrap();
        assert_eq!(terms(&text), ["u", "s"]);
    }

    #[test]
    fn repeated_words_count_once_and_phrases_are_required() {
        let text = text_query(r#"wheat wheat "green hydrogen" -subsidy"#).unwrap();
        assert_eq!(terms(&text), ["wheat"]);
        assert_eq!(text.required.len(), 1);
        assert_eq!(text.excluded.len(), 1);
        assert_eq!(
            text.highlight_terms,
            ["wheat", "wheat", "green", "hydrogen"]
        );
    }

    #[test]
    fn only_exclusions_or_nothing() {
        assert!(text_query("-subsidy").is_none());
        assert!(text_query("").is_none());
    }
}
