//! Ranking beyond per-word BM25, each part measured on the TIME test collection (BENCHMARKS.md):
//! a bonus for query words found near each other, and pseudo-relevance feedback for queries
//! typed as sentences.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use tantivy::DocSet;
use tantivy::query::{BoostQuery, EnableScoring, PhraseQuery, Query, Scorer, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::index::schema::analyze;

/// Two consecutive query words count as near when at most this many words separate them.
pub const PROXIMITY_SLOP: u32 = 8;
/// Weight of a near pair against a single word's BM25.
pub const PROXIMITY_BOOST: f32 = 0.5;
/// Hits of each group (all words, some words) that get the proximity bonus: computing it for
/// every match would read the positions of common words in every dispatch.
pub const RERANK_DEPTH: usize = 200;
/// Top hits read for feedback.
pub const FEEDBACK_DOCS: usize = 5;
/// Words taken from them.
pub const FEEDBACK_TERMS: usize = 10;
/// Weight of the strongest feedback word against a query word.
pub const FEEDBACK_WEIGHT: f32 = 0.4;
/// Feedback is used only for queries with at least this many content words: short keyword
/// queries stay exact and predictable.
pub const FEEDBACK_MIN_CONTENT_WORDS: usize = 3;

/// English function words: they rank hits but are never required, nor taken as feedback.
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

/// The function words as the analyzer indexes them (lower-cased and stemmed: "only" is "onli").
fn function_terms() -> &'static HashSet<String> {
    static TERMS: OnceLock<HashSet<String>> = OnceLock::new();
    TERMS.get_or_init(|| FUNCTION_WORDS.iter().flat_map(|w| analyze(w)).collect())
}

/// Whether an analyzed term carries meaning of its own (not a function word or a single letter).
pub fn is_content_term(term: &str) -> bool {
    term.chars().count() > 1 && !function_terms().contains(term)
}

/// Bonus clauses for consecutive query words found within [`PROXIMITY_SLOP`] of each other,
/// in any of `fields` (boosted as given).
pub fn proximity_clauses(fields: &[(Field, f32)], terms: &[String]) -> Vec<Box<dyn Query>> {
    let mut clauses: Vec<Box<dyn Query>> = Vec::new();
    for pair in terms.windows(2) {
        for &(field, boost) in fields {
            let phrase = PhraseQuery::new_with_offset_and_slop(
                vec![
                    (0, Term::from_field_text(field, &pair[0])),
                    (1, Term::from_field_text(field, &pair[1])),
                ],
                PROXIMITY_SLOP,
            );
            clauses.push(Box::new(BoostQuery::new(
                Box::new(phrase),
                PROXIMITY_BOOST * boost,
            )));
        }
    }
    clauses
}

/// Adds the scores of bonus `clauses` to each hit's and sorts the hits best first.
pub fn rerank(
    searcher: &Searcher,
    clauses: &[Box<dyn Query>],
    hits: &mut [(Option<f32>, DocAddress)],
) -> Result<()> {
    if clauses.is_empty() {
        return Ok(());
    }
    // Scorers only move forward: visit hits segment by segment, in document order.
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| hits[i].1);
    // Each clause is scored on its own: a union of them would match phrases in every
    // document between two hits, not only in the hits.
    for clause in clauses {
        let weight = clause.weight(EnableScoring::enabled_from_searcher(searcher))?;
        let mut current: Option<(u32, Box<dyn Scorer>)> = None;
        for &i in &order {
            let address = hits[i].1;
            if current
                .as_ref()
                .is_none_or(|(s, _)| *s != address.segment_ord)
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
    }
    hits.sort_by(|a, b| {
        b.0.unwrap_or(0.0)
            .total_cmp(&a.0.unwrap_or(0.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    Ok(())
}

/// The words that best characterise the top hits (frequency in them × rarity in the index),
/// with weights relative to the strongest, leaving out the query's own terms.
pub fn feedback_terms(
    searcher: &Searcher,
    body: Field,
    top: &[DocAddress],
    query_terms: &[String],
) -> Result<Vec<(String, f32)>> {
    let mut weights: HashMap<String, f32> = HashMap::new();
    for address in top.iter().take(FEEDBACK_DOCS) {
        let doc: TantivyDocument = searcher.doc(*address)?;
        let text = super::stored_text(&doc, body).unwrap_or_default();
        let terms = analyze(&text);
        let length = terms.len().max(1) as f32;
        let mut counts: HashMap<String, f32> = HashMap::new();
        for term in terms {
            *counts.entry(term).or_default() += 1.0;
        }
        for (term, count) in counts {
            *weights.entry(term).or_default() += count / length;
        }
    }
    let docs = searcher.num_docs() as f32;
    let mut scored = Vec::new();
    for (term, weight) in weights {
        if term.len() < 3
            || !is_content_term(&term)
            || query_terms.contains(&term)
            || term.bytes().all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let doc_freq = searcher.doc_freq(&Term::from_field_text(body, &term))? as f32;
        // A word of one hit says nothing about what the others share.
        if doc_freq < 2.0 {
            continue;
        }
        let idf = ((docs - doc_freq + 0.5) / (doc_freq + 0.5) + 1.0).ln();
        scored.push((term, weight * idf));
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(FEEDBACK_TERMS);
    let strongest = scored.first().map_or(1.0, |s| s.1);
    Ok(scored
        .into_iter()
        .map(|(term, weight)| (term, weight / strongest))
        .collect())
}

/// Bonus clauses for the feedback words, weighted: they reorder hits, never add or remove any.
pub fn feedback_clauses(body: Field, terms: &[(String, f32)]) -> Vec<Box<dyn Query>> {
    terms
        .iter()
        .map(|(term, weight)| {
            let word = TermQuery::new(
                Term::from_field_text(body, term),
                IndexRecordOption::WithFreqs,
            );
            Box::new(BoostQuery::new(Box::new(word), FEEDBACK_WEIGHT * weight)) as Box<dyn Query>
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_and_letters_are_not_content() {
        assert!(!is_content_term("the"));
        assert!(!is_content_term("s"));
        assert!(is_content_term("troop"));
        assert!(is_content_term("un"));
        // Stemmed forms of function words are recognised too.
        assert!(!is_content_term(&analyze("only")[0]));
        assert!(!is_content_term(&analyze("during")[0]));
    }
}
