//! The order of hits for a query, each step kept because it ranked better on real news (the
//! TREC AP 1989 newswire, title and sentence queries) and on the TIME collection
//! (BENCHMARKS.md, "Ranking"):
//! 1. BM25 over the catch-all text field (headline, location and body as one field);
//! 2. pseudo-relevance feedback in the RM3 manner: the words that characterise the best first
//!    hits, weighted by those hits' scores, are added to the query, which then reorders the
//!    best [`RERANK_POOL`] hits (feedback never adds a dispatch without a typed word);
//! 3. a bonus for query words found near each other, on the best hits only.

use std::collections::HashMap;

use tantivy::query::{BoostQuery, EnableScoring, PhraseQuery, Query, Scorer};
use tantivy::schema::Field;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term};

use super::build::{Selection, TextQuery, Weighted, Word, carries_meaning, scope_field};
use super::collapse::distinct_stories;
use super::query::Scope;
use super::{ScoredHit, by_score};
use crate::error::Result;
use crate::index::Fields;
use crate::index::document::stored_text;
use crate::index::schema::analyze;

/// Best first hits (by BM25 and proximity) the feedback hits are taken from.
pub const FEEDBACK_CANDIDATES: usize = 10;
/// Best first hits read for feedback.
pub const FEEDBACK_DOCS: usize = 5;
/// Words the relevance model of those hits adds to the query.
pub const FEEDBACK_TERMS: usize = 20;
/// Share of the expanded query that is the query as typed (RM3's interpolation weight).
pub const TYPED_QUERY_WEIGHT: f32 = 0.5;
/// Words found in more than this share of all dispatches say nothing of a subject ("said",
/// "year") and are never feedback words.
pub const FEEDBACK_MAX_DOC_SHARE: f32 = 0.2;
/// Two consecutive query words count as near when at most this many words separate them.
pub const PROXIMITY_SLOP: u32 = 8;
/// Weight of a near pair against a single word's BM25.
pub const PROXIMITY_WEIGHT: f32 = 0.2;
/// Best first hits (by BM25 of the typed words) the expanded query reorders: a dispatch
/// further down is not brought up by feedback words (measured on the AP topics in
/// BENCHMARKS.md, "Ranking"), and the expanded query, which tantivy cannot prune, is scored on
/// these hits only rather than on every dispatch holding a typed word.
pub const RERANK_POOL: usize = 1000;
/// Hits that get the proximity bonus (at least; every hit asked for gets it): computing it for
/// every match would read the positions of common words in every dispatch.
pub const RERANK_DEPTH: usize = 50;

/// The best `limit` hits of `text` among the dispatches `selection` passes, best first; one
/// per story when `collapse` (feedback still reads the best dispatches, as they are).
pub(crate) fn ranked(
    searcher: &Searcher,
    fields: &Fields,
    selection: &Selection,
    text: &TextQuery,
    limit: usize,
    collapse: bool,
) -> Result<Vec<ScoredHit>> {
    let typed = text.as_typed();
    let proximity = proximity_clauses(fields, &text.words);
    let depth = limit.max(RERANK_DEPTH);
    let typed_query = selection.filtered(text.weighted(&typed));
    if typed.is_empty() {
        // Only phrases or +words: nothing to expand.
        let mut hits = by_score(searcher, &*typed_query, depth, collapse)?;
        add_bonus(searcher, &proximity, &mut hits)?;
        hits.truncate(limit);
        return Ok(hits);
    }
    // One pruned pass gives the feedback candidates and the hits the expanded query reorders;
    // feedback reads the best dispatches as they are, versions of one story included.
    let mut hits = by_score(searcher, &*typed_query, depth.max(RERANK_POOL), false)?;
    if hits.is_empty() {
        return Ok(hits);
    }
    let mut first = hits[..hits.len().min(FEEDBACK_CANDIDATES)].to_vec();
    add_bonus(searcher, &proximity, &mut first)?;
    let model = relevance_model(searcher, fields, &first[..first.len().min(FEEDBACK_DOCS)])?;
    let expanded = expand(&typed, &model);
    for hit in &mut hits {
        hit.0 = None;
    }
    // Every hit matches the expanded query (it holds a typed word or the required clauses and
    // passes the filters), whose score is the sum of its parts' scores: scored part by part,
    // each seeks straight to the hits. A union of the parts would, at each scattered hit, score
    // every posting of every part within tantivy's 4,096-document window.
    let parts = text.weighted_parts(&expanded);
    for part in parts.iter().map(|part| &**part).chain(selection.filters()) {
        add_score(searcher, part, &mut hits)?;
    }
    hits.retain(|hit| hit.0.is_some());
    sort_best_first(&mut hits);
    if collapse {
        hits = distinct_stories(searcher, hits, depth)?;
    }
    hits.truncate(depth);
    add_bonus(searcher, &proximity, &mut hits)?;
    hits.truncate(limit);
    Ok(hits)
}

/// The words that characterise the hits `top` (RM3's relevance model): each word's share of
/// each hit's words, weighted by the hit's score; the strongest [`FEEDBACK_TERMS`], with
/// weights summing to one.
fn relevance_model(
    searcher: &Searcher,
    fields: &Fields,
    top: &[ScoredHit],
) -> Result<Vec<(String, f32)>> {
    let mut weights: HashMap<String, f32> = HashMap::new();
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(*address)?;
        let mut terms = Vec::new();
        for field in [fields.headline, fields.location, fields.body] {
            if let Some(text) = stored_text(&doc, field) {
                terms.extend(analyze(&text));
            }
        }
        let length = terms.len().max(1) as f32;
        let mut counts: HashMap<String, f32> = HashMap::new();
        for term in terms {
            *counts.entry(term).or_default() += 1.0;
        }
        for (term, count) in counts {
            *weights.entry(term).or_default() += score.unwrap_or(0.0) * count / length;
        }
    }
    let mut candidates: Vec<(String, f32)> = weights
        .into_iter()
        .filter(|(term, _)| carries_meaning(term) && !term.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // Document frequencies are looked up in weight order, only until the model is full.
    let max_docs = searcher.num_docs() as f32 * FEEDBACK_MAX_DOC_SHARE;
    let mut model = Vec::with_capacity(FEEDBACK_TERMS);
    for (term, weight) in candidates {
        if model.len() == FEEDBACK_TERMS {
            break;
        }
        let doc_freq = searcher.doc_freq(&Term::from_field_text(fields.text, &term))?;
        if doc_freq as f32 <= max_docs {
            model.push((term, weight));
        }
    }
    let total: f32 = model.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return Ok(Vec::new());
    }
    Ok(model.into_iter().map(|(t, w)| (t, w / total)).collect())
}

/// The typed words interpolated with the relevance model. Weights are scaled so that a typed
/// word keeps [`TYPED_QUERY_WEIGHT`] whatever the query's length, which keeps the proximity
/// bonus in proportion.
fn expand(typed: &[Weighted], model: &[(String, f32)]) -> Vec<Weighted> {
    let scale = typed.len() as f32;
    let mut words: Vec<Weighted> = typed
        .iter()
        .map(|(word, _)| (word.clone(), TYPED_QUERY_WEIGHT))
        .collect();
    for (term, share) in model {
        let weight = (1.0 - TYPED_QUERY_WEIGHT) * share * scale;
        match words
            .iter_mut()
            .find(|(w, _)| w.term == *term && w.scope == Scope::All)
        {
            Some((_, existing)) => *existing += weight,
            None => words.push((
                Word {
                    term: term.clone(),
                    scope: Scope::All,
                },
                weight,
            )),
        }
    }
    words
}

/// Bonus clauses for consecutive query words of the same scope found within
/// [`PROXIMITY_SLOP`] words of each other.
fn proximity_clauses(fields: &Fields, words: &[Word]) -> Vec<Box<dyn Query>> {
    words
        .windows(2)
        .filter(|pair| pair[0].scope == pair[1].scope)
        .map(|pair| {
            let field: Field = scope_field(fields, pair[0].scope);
            let phrase = PhraseQuery::new_with_offset_and_slop(
                vec![
                    (0, Term::from_field_text(field, &pair[0].term)),
                    (1, Term::from_field_text(field, &pair[1].term)),
                ],
                PROXIMITY_SLOP,
            );
            Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_WEIGHT)) as Box<dyn Query>
        })
        .collect()
}

/// Adds the scores of bonus `clauses` to each hit's and sorts the hits best first.
fn add_bonus(
    searcher: &Searcher,
    clauses: &[Box<dyn Query>],
    hits: &mut [ScoredHit],
) -> Result<()> {
    if clauses.is_empty() {
        return Ok(());
    }
    // Each clause is scored on its own: a union of them would match phrases in every
    // document between two hits, not only in the hits.
    for clause in clauses {
        add_score(searcher, &**clause, hits)?;
    }
    sort_best_first(hits);
    Ok(())
}

/// Adds `query`'s score of each hit it matches to the hit's (a hit without a score gets one).
fn add_score(searcher: &Searcher, query: &dyn Query, hits: &mut [ScoredHit]) -> Result<()> {
    // Scorers only move forward: visit hits segment by segment, in document order.
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| hits[i].1);
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut current: Option<(u32, Box<dyn Scorer>)> = None;
    for &i in &order {
        let address: DocAddress = hits[i].1;
        if current
            .as_ref()
            .is_none_or(|(segment, _)| *segment != address.segment_ord)
        {
            let reader = searcher.segment_reader(address.segment_ord);
            current = Some((address.segment_ord, weight.scorer(reader, 1.0)?));
        }
        let Some((_, scorer)) = current.as_mut() else {
            continue;
        };
        if scorer.doc() < address.doc_id {
            scorer.seek(address.doc_id);
        }
        if scorer.doc() == address.doc_id {
            hits[i].0 = Some(hits[i].0.unwrap_or(0.0) + scorer.score());
        }
    }
    Ok(())
}

/// Sorts hits by score, best first, the earlier dispatch first among equals (as tantivy does).
fn sort_best_first(hits: &mut [ScoredHit]) {
    hits.sort_by(|a, b| {
        b.0.unwrap_or(0.0)
            .total_cmp(&a.0.unwrap_or(0.0))
            .then_with(|| a.1.cmp(&b.1))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(term: &str) -> Word {
        Word {
            term: term.into(),
            scope: Scope::All,
        }
    }

    #[test]
    fn expansion_keeps_typed_words_and_adds_the_model_in_proportion() {
        let typed = vec![(word("cocoa"), 1.0), (word("price"), 1.0)];
        let model = vec![("cocoa".to_string(), 0.5), ("ghana".to_string(), 0.5)];
        let expanded = expand(&typed, &model);
        let weight = |t: &str| expanded.iter().find(|(w, _)| w.term == t).map(|(_, x)| *x);
        // Two typed words: the model's half of the query is scaled by two.
        assert_eq!(weight("cocoa"), Some(0.5 + 0.5 * 0.5 * 2.0));
        assert_eq!(weight("price"), Some(0.5));
        assert_eq!(weight("ghana"), Some(0.5 * 0.5 * 2.0));
        assert_eq!(expanded.len(), 3);
    }

    #[test]
    fn the_expanded_query_scored_part_by_part_scores_as_the_whole_query() {
        use crate::dispatch::{Dispatch, Meta};
        use crate::search::SearchRequest;
        use jiff::civil::date;
        use tantivy::query::{BooleanQuery, Occur};

        let bodies = [
            "Floods rose on the rivers of the north after rain.",
            "Rain fell on the coast; the floods reached the port.",
            "The central bank held rates as floods hit farms.",
            "Rivers and floods, rain and more rain, the coast again.",
            "Markets rose; the bank of Japan kept rates.",
            "Farmers said floods ruined the harvest near the coast.",
            "Rain, rivers, floods: a week of storms on the coast.",
            "Nothing about water at all in this one.",
        ];
        let dispatches: Vec<Dispatch> = bodies
            .iter()
            .enumerate()
            .map(|(n, body)| Dispatch {
                meta: Meta {
                    headline: Some(format!("Report {n}")),
                    date: Some(date(2001, 1 + n as i8, 1)),
                    ..Meta::default()
                },
                body: body.to_string(),
                ..Dispatch::default()
            })
            .collect();
        let (index, fields) = crate::index::testing::index_of(&dispatches);
        let searcher = index.reader().unwrap().searcher();
        let model = vec![("coast".to_string(), 0.6), ("rain".to_string(), 0.4)];
        for (query, dated) in [
            ("floods rivers", false),
            ("floods rivers", true),
            ("+floods rain", true),
            ("floods -bank coast", false),
        ] {
            let request = SearchRequest {
                query: query.into(),
                from: dated.then(|| date(2001, 2, 1)),
                to: dated.then(|| date(2001, 7, 31)),
                ..SearchRequest::default()
            };
            let selection = Selection::build(&fields, &request).unwrap();
            let text = selection.text.as_ref().unwrap();
            let typed = text.as_typed();
            let expanded = expand(&typed, &model);
            let typed_query = selection.filtered(text.weighted(&typed));
            let mut whole = by_score(&searcher, &*typed_query, 100, false).unwrap();
            assert!(whole.len() >= 2, "{query}");
            for hit in &mut whole {
                hit.0 = None;
            }
            let mut parts = whole.clone();
            let typed_at_zero = Box::new(BoostQuery::new(text.weighted(&typed), 0.0));
            let as_one = selection.filtered(Box::new(BooleanQuery::new(vec![
                (Occur::Must, text.weighted(&expanded)),
                (Occur::Must, typed_at_zero),
            ])));
            add_score(&searcher, &*as_one, &mut whole).unwrap();
            let pieces = text.weighted_parts(&expanded);
            for part in pieces.iter().map(|p| &**p).chain(selection.filters()) {
                add_score(&searcher, part, &mut parts).unwrap();
            }
            for (one, by_parts) in whole.iter().zip(&parts) {
                let (one, by_parts) = (one.0.unwrap(), by_parts.0.unwrap());
                assert!(
                    (one - by_parts).abs() <= 1e-5 * one.abs().max(1.0),
                    "{query}: {one} as one query, {by_parts} by parts"
                );
            }
        }
    }

    #[test]
    fn proximity_pairs_only_words_of_one_scope() {
        let (_, fields) = crate::index::schema::build_schema();
        let words = vec![
            word("peace"),
            word("talk"),
            Word {
                term: "geneva".into(),
                scope: Scope::Headline,
            },
        ];
        assert_eq!(proximity_clauses(&fields, &words).len(), 1);
        assert!(proximity_clauses(&fields, &words[..1]).is_empty());
    }
}
