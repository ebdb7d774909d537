//! Ranked search over an open index: words, phrases, place and date filters, snippets.
//!
//! Results come in two tiers: dispatches holding every word of the query rank above those
//! holding only some; within a tier, BM25 over headline (boosted), location and body decides.

pub mod dates;
pub mod places;
pub mod query;
mod rank;

use std::collections::HashSet;
use std::ops::{Bound, Range};

use jiff::civil::Date;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::dispatch::Record;
use crate::error::{Error, Result};
use crate::gazetteer;
use crate::index::document::{self, to_tantivy_date};
use crate::index::schema::analyze;
use crate::index::{Fields, OpenIndex};
use query::{Clause, Need, Scope};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 4096;
/// Deepest bracket nesting accepted.
pub const MAX_BRACKET_DEPTH: usize = 64;
/// Most hits one search returns.
pub const MAX_LIMIT: usize = 10_000;
/// Weight of the headline against the body and location.
const HEADLINE_BOOST: f32 = 2.0;
/// Characters in a snippet.
const SNIPPET_CHARS: usize = 220;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A search as the user asked for it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Query text; may be empty when a filter is given.
    pub query: String,
    /// Place the dispatch was filed from.
    pub place: Option<String>,
    /// First day included.
    pub from: Option<Date>,
    /// Last day included.
    pub to: Option<Date>,
    /// Most hits returned.
    pub limit: usize,
    /// Ordering of hits.
    pub sort: SortOrder,
}

/// A passage of the body with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage, on one line.
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<Range<usize>>,
}

/// One dispatch found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The dispatch, as the index holds it.
    pub record: Record,
    /// Relevance score, when hits are ranked by relevance.
    pub score: Option<f32>,
    /// Best passage of the body.
    pub snippet: Snippet,
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The hits, best (or newest) first.
    pub hits: Vec<Hit>,
    /// When a place filter matched no dispatch at all: indexed places with similar names.
    pub place_suggestions: Option<Vec<(String, u64)>>,
}

/// Runs `request` on `index`.
pub fn search(index: &OpenIndex, request: &SearchRequest) -> Result<SearchResults> {
    check_request(request)?;
    let searcher = snapshot(index)?;
    let fields = &index.fields;
    let built = build_queries(fields, request)?;
    let limit = request.limit.clamp(1, MAX_LIMIT);

    let addresses: Vec<(Option<f32>, DocAddress)> = match (&built.text, request.sort) {
        (None, _) => by_date(&searcher, &built.filtered(None), limit)?,
        (Some(text), SortOrder::Date) => {
            let all_words = built.filtered(Some(text.all_words.box_clone()));
            if searcher.search(&all_words, &Count)? > 0 {
                by_date(&searcher, &all_words, limit)?
            } else {
                by_date(
                    &searcher,
                    &built.filtered(Some(text.some_words.box_clone())),
                    limit,
                )?
            }
        }
        (Some(text), SortOrder::Relevance) => {
            let mut tiers = candidates(&searcher, &built, text, limit)?;
            for tier in &mut tiers {
                rank::rerank(&searcher, &text.proximity, tier)?;
            }
            if text.content_words >= rank::FEEDBACK_MIN_CONTENT_WORDS {
                let top: Vec<DocAddress> = tiers
                    .iter()
                    .flatten()
                    .take(rank::FEEDBACK_DOCS)
                    .map(|(_, a)| *a)
                    .collect();
                let feedback = rank::feedback_terms(&searcher, fields.body, &top, &text.terms)?;
                let clauses = rank::feedback_clauses(fields.body, &feedback);
                for tier in &mut tiers {
                    rank::rerank(&searcher, &clauses, tier)?;
                }
            }
            tiers.into_iter().flatten().take(limit).collect()
        }
    };

    let snippets = match &built.text {
        Some(text) => {
            let mut generator =
                SnippetGenerator::create(&searcher, text.some_words.as_ref(), fields.body)?;
            generator.set_max_num_chars(SNIPPET_CHARS);
            Some(generator)
        }
        None => None,
    };
    let mut hits = Vec::with_capacity(addresses.len());
    for (score, address) in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        hits.push(to_hit(fields, &doc, score, snippets.as_ref()));
    }
    let place_suggestions = match (&request.place, hits.is_empty()) {
        (Some(place), true) if searcher.search(&built.place_only(), &Count)? == 0 => {
            Some(suggest_places(&searcher, fields, place)?)
        }
        _ => None,
    };
    Ok(SearchResults {
        hits,
        place_suggestions,
    })
}

/// A hit's score (none when not ranked by relevance) and address.
type ScoredHit = (Option<f32>, DocAddress);

/// The hits to rank, best first by BM25: those with every word, then (when they are fewer than
/// `limit`) those with some. Each group holds up to [`rank::RERANK_DEPTH`] hits, which the
/// proximity bonus and feedback then reorder.
fn candidates(
    searcher: &Searcher,
    built: &BuiltQueries,
    text: &TextQueries,
    limit: usize,
) -> Result<Vec<Vec<ScoredHit>>> {
    let depth = limit.max(rank::RERANK_DEPTH);
    let all = by_score(
        searcher,
        &*built.filtered(Some(text.all_words.box_clone())),
        depth,
    )?;
    let mut tiers = Vec::with_capacity(2);
    if all.len() < limit && text.has_tiers {
        let seen: HashSet<DocAddress> = all.iter().map(|(_, a)| *a).collect();
        let some = by_score(
            searcher,
            &*built.filtered(Some(text.some_words.box_clone())),
            depth + seen.len(),
        )?;
        tiers.push(all);
        tiers.push(
            some.into_iter()
                .filter(|(_, a)| !seen.contains(a))
                .collect(),
        );
    } else {
        tiers.push(all);
    }
    Ok(tiers)
}

/// A searcher on the last commit; a one-shot command never needs it reloaded.
fn snapshot(index: &OpenIndex) -> Result<Searcher> {
    let reader = index
        .index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(reader.searcher())
}

fn check_request(request: &SearchRequest) -> Result<()> {
    let chars = request.query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Error::BadQuery(format!(
            "query too long: {chars} characters, the limit is {MAX_QUERY_CHARS}"
        )));
    }
    if query::bracket_depth(&request.query) > MAX_BRACKET_DEPTH {
        return Err(Error::BadQuery(format!(
            "query too deeply nested: more than {MAX_BRACKET_DEPTH} levels of brackets"
        )));
    }
    if let (Some(from), Some(to)) = (request.from, request.to)
        && from > to
    {
        return Err(Error::DateOrder {
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    Ok(())
}

fn by_score(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
) -> Result<Vec<(Option<f32>, DocAddress)>> {
    let top = searcher.search(query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
    Ok(top.into_iter().map(|(s, a)| (Some(s), a)).collect())
}

fn by_date(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
) -> Result<Vec<(Option<f32>, DocAddress)>> {
    let top = searcher.search(
        query,
        &TopDocs::with_limit(limit.max(1))
            .order_by_fast_field::<DateTime>(crate::index::schema::DATE, Order::Desc),
    )?;
    Ok(top.into_iter().map(|(_, a)| (None, a)).collect())
}

/// The text part of a search, as two queries: every word required, or any word enough.
struct TextQueries {
    all_words: Box<dyn Query>,
    some_words: Box<dyn Query>,
    /// Bonus clauses for query words found near each other, applied to the best hits only.
    proximity: Vec<Box<dyn Query>>,
    /// False when both queries match the same dispatches.
    has_tiers: bool,
    /// Number of plain words that carry meaning (not function words).
    content_words: usize,
    /// The plain words' analyzed terms.
    terms: Vec<String>,
}

/// Everything a search needs, built once.
struct BuiltQueries {
    text: Option<TextQueries>,
    filters: Vec<Box<dyn Query>>,
    place: Option<Box<dyn Query>>,
}

impl BuiltQueries {
    /// The text query (or every dispatch) restricted by the filters.
    fn filtered(&self, text: Option<Box<dyn Query>>) -> Box<dyn Query> {
        let text = text.unwrap_or_else(|| Box::new(AllQuery));
        if self.filters.is_empty() {
            // Unwrapped, a union of words keeps tantivy's block-max WAND pruning.
            return text;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
        for filter in &self.filters {
            clauses.push((Occur::Must, filter.box_clone()));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Every dispatch from the requested place.
    fn place_only(&self) -> BooleanQuery {
        let place = self
            .place
            .as_ref()
            .map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |p| p.box_clone());
        BooleanQuery::new(vec![(Occur::Must, place)])
    }
}

fn build_queries(fields: &Fields, request: &SearchRequest) -> Result<BuiltQueries> {
    let clauses = query::parse(&request.query);
    let text = text_queries(fields, &clauses);
    let mut filters: Vec<Box<dyn Query>> = Vec::new();
    let mut place_query = None;
    if let Some(place) = &request.place {
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
        let q: Box<dyn Query> = Box::new(BooleanQuery::new(terms));
        place_query = Some(q.box_clone());
        filters.push(q);
    }
    if request.from.is_some() || request.to.is_some() {
        filters.push(Box::new(date_range(fields.date, request.from, request.to)?));
    }
    let has_exclusions = clauses.iter().any(|c| c.need == Need::Excluded);
    let match_all = request.query.trim() == "*";
    let text = match text {
        Some(text) => Some(text),
        None if has_exclusions => {
            // Only exclusions: every dispatch without those words.
            let exclusions = exclusion_clauses(fields, &clauses);
            let mut all: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(AllQuery))];
            all.extend(exclusions);
            filters.push(Box::new(BooleanQuery::new(all)));
            None
        }
        None => None,
    };
    if text.is_none() && filters.is_empty() && !match_all {
        let message = if request.query.trim().is_empty() {
            "nothing to search for: give words to find, or --place, --from or --to"
        } else {
            "the query has no words to search for (use * for every dispatch)"
        };
        return Err(Error::BadQuery(message.into()));
    }
    Ok(BuiltQueries {
        text,
        filters,
        place: place_query,
    })
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

/// Fields searched for a scope, with their boosts.
fn scope_fields(fields: &Fields, scope: Scope) -> Vec<(Field, f32)> {
    match scope {
        Scope::All => vec![
            (fields.headline, HEADLINE_BOOST),
            (fields.location, 1.0),
            (fields.body, 1.0),
        ],
        Scope::Headline => vec![(fields.headline, 1.0)],
        Scope::Body => vec![(fields.body, 1.0)],
        Scope::Location => vec![(fields.location, 1.0)],
        Scope::Dateline => vec![(fields.dateline, 1.0)],
    }
}

/// A query matching `terms` (in order, as a phrase when several) in any of the scope's fields.
fn terms_query(fields: &Fields, scope: Scope, terms: &[String]) -> Option<Box<dyn Query>> {
    if terms.is_empty() {
        return None;
    }
    let per_field: Vec<(Occur, Box<dyn Query>)> = scope_fields(fields, scope)
        .into_iter()
        .map(|(field, boost)| {
            let inner: Box<dyn Query> = if terms.len() == 1 {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &terms[0]),
                    IndexRecordOption::WithFreqs,
                ))
            } else {
                Box::new(PhraseQuery::new(
                    terms
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                ))
            };
            let q: Box<dyn Query> = if (boost - 1.0).abs() > f32::EPSILON {
                Box::new(BoostQuery::new(inner, boost))
            } else {
                inner
            };
            (Occur::Should, q)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(per_field)))
}

/// A plain union of boosted term queries, which tantivy prunes with block-max WAND.
fn flat_union(words: &[(Field, String, f32)]) -> Box<dyn Query> {
    let clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .map(|(field, term, boost)| {
            let query = TermQuery::new(
                Term::from_field_text(*field, term),
                IndexRecordOption::WithFreqs,
            );
            let query: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(query), *boost));
            (Occur::Should, query)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn exclusion_clauses(fields: &Fields, clauses: &[Clause]) -> Vec<(Occur, Box<dyn Query>)> {
    clauses
        .iter()
        .filter(|c| c.need == Need::Excluded)
        .filter_map(|c| terms_query(fields, c.scope, &analyze(&c.text)))
        .map(|q| (Occur::MustNot, q))
        .collect()
}

fn text_queries(fields: &Fields, clauses: &[Clause]) -> Option<TextQueries> {
    let mut words: Vec<(String, Scope)> = Vec::new();
    let mut required: Vec<Box<dyn Query>> = Vec::new();
    for clause in clauses {
        let terms = analyze(&clause.text);
        match clause.need {
            Need::Excluded => {}
            Need::Required => required.extend(terms_query(fields, clause.scope, &terms)),
            Need::Word if clause.phrase => {
                required.extend(terms_query(fields, clause.scope, &terms))
            }
            Need::Word => {
                // Each term of a typed word counts on its own: "NASSER'S" is nasser + s.
                for term in terms {
                    if !words.contains(&(term.clone(), clause.scope)) {
                        words.push((term, clause.scope));
                    }
                }
            }
        }
    }
    if words.is_empty() && required.is_empty() {
        return None;
    }
    let word_queries: Vec<Box<dyn Query>> = words
        .iter()
        .filter_map(|(term, scope)| terms_query(fields, *scope, std::slice::from_ref(term)))
        .collect();
    // Near pairs are only looked for among words typed next to each other in the same scope.
    let mut proximity: Vec<Box<dyn Query>> = Vec::new();
    for run in words.chunk_by(|a, b| a.1 == b.1) {
        let terms: Vec<String> = run.iter().map(|(t, _)| t.clone()).collect();
        proximity.extend(rank::proximity_clauses(
            &scope_fields(fields, run[0].1),
            &terms,
        ));
    }
    let exclusions = exclusion_clauses(fields, clauses);
    let with_common = |word_clauses: Vec<(Occur, Box<dyn Query>)>| -> Box<dyn Query> {
        let mut all = word_clauses;
        all.extend(required.iter().map(|q| (Occur::Must, q.box_clone())));
        all.extend(exclusions.iter().map(|(o, q)| (*o, q.box_clone())));
        Box::new(BooleanQuery::new(all))
    };
    let each = |occur: Occur| -> Vec<(Occur, Box<dyn Query>)> {
        word_queries
            .iter()
            .map(|q| (occur, q.box_clone()))
            .collect()
    };
    // Function words (the, of, in) rank but are not required: every dispatch has them, and
    // requiring them only costs time.
    let any_content = words.iter().any(|(t, _)| rank::is_content_term(t));
    let all_words = with_common(
        words
            .iter()
            .zip(&word_queries)
            .map(|((term, _), q)| {
                let occur = if rank::is_content_term(term) || !any_content {
                    Occur::Must
                } else {
                    Occur::Should
                };
                (occur, q.box_clone())
            })
            .collect(),
    );
    // Every (field, word) pair, with its boost: summed, as the nested per-word clauses are.
    let flat_words: Vec<(Field, String, f32)> = words
        .iter()
        .flat_map(|(term, scope)| {
            scope_fields(fields, *scope)
                .into_iter()
                .map(move |(field, boost)| (field, term.clone(), boost))
        })
        .collect();
    let flat = required.is_empty() && exclusions.is_empty() && !flat_words.is_empty();
    let some_words = if flat {
        flat_union(&flat_words)
    } else if word_queries.is_empty() || !required.is_empty() {
        // Required clauses already select the hits; plain words only rank them.
        with_common(each(Occur::Should))
    } else {
        with_common(vec![(
            Occur::Must,
            Box::new(BooleanQuery::new(each(Occur::Should))),
        )])
    };
    let has_tiers = word_queries.len() > 1 || (!word_queries.is_empty() && !required.is_empty());
    // One plain word: both tiers are the same, and the flat union is the one tantivy prunes.
    let all_words = if flat && !has_tiers {
        some_words.box_clone()
    } else {
        all_words
    };
    Some(TextQueries {
        all_words,
        some_words,
        proximity,
        has_tiers,
        content_words: words
            .iter()
            .filter(|(t, _)| rank::is_content_term(t))
            .count(),
        terms: words.into_iter().map(|(t, _)| t).collect(),
    })
}

fn stored_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn to_hit(
    fields: &Fields,
    doc: &TantivyDocument,
    score: Option<f32>,
    snippets: Option<&SnippetGenerator>,
) -> Hit {
    let body = stored_text(doc, fields.body).unwrap_or_default();
    let snippet = snippets
        .map(|g| g.snippet(&body))
        .filter(|s| !s.fragment().trim().is_empty())
        .map(|s| one_line(s.fragment(), s.highlighted()))
        .unwrap_or_else(|| lead(&body));
    Hit {
        record: document::read(fields, doc),
        score,
        snippet,
    }
}

/// A fragment on one line: runs of whitespace become one space, highlight ranges follow the text.
fn one_line(fragment: &str, highlights: &[Range<usize>]) -> Snippet {
    let mut text = String::with_capacity(fragment.len());
    // new_offset[i] is where byte i of the fragment lands in `text`.
    let mut new_offset = vec![0usize; fragment.len() + 1];
    let mut in_space = false;
    for (i, c) in fragment.char_indices() {
        let at = text.len();
        let width = c.len_utf8();
        if c.is_whitespace() {
            new_offset[i..i + width].fill(at);
            if !in_space && !text.is_empty() {
                text.push(' ');
            }
            in_space = true;
        } else {
            for (k, slot) in new_offset[i..i + width].iter_mut().enumerate() {
                *slot = at + k;
            }
            text.push(c);
            in_space = false;
        }
    }
    new_offset[fragment.len()] = text.len();
    let trimmed_len = text.trim_end().len();
    text.truncate(trimmed_len);
    let highlights = highlights
        .iter()
        .filter(|r| r.start < r.end && r.end <= fragment.len())
        .map(|r| new_offset[r.start]..new_offset[r.end].min(trimmed_len))
        .filter(|r| r.start < r.end)
        .collect();
    Snippet { text, highlights }
}

/// The start of the body, cut at a word boundary, when no word of the query is in it.
fn lead(body: &str) -> Snippet {
    let mut end = body.len();
    for (count, (i, _)) in body.char_indices().enumerate() {
        if count == SNIPPET_CHARS {
            end = body[..i].rfind(char::is_whitespace).unwrap_or(i);
            break;
        }
    }
    one_line(body[..end].trim_end(), &[])
}

/// Places in the index whose names are close to `place`, with their dispatch counts.
fn suggest_places(searcher: &Searcher, fields: &Fields, place: &str) -> Result<Vec<(String, u64)>> {
    let wanted = gazetteer::normalize(place);
    let mut candidates: Vec<(usize, String, u64)> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.place)?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(|e| Error::Tantivy(e.into()))?;
        while terms.advance() {
            let Ok(name) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            let distance = edit_distance(&wanted, name);
            if distance <= (wanted.chars().count() / 3).max(1) {
                let count = u64::from(terms.value().doc_freq);
                match candidates.iter_mut().find(|(_, n, _)| n == name) {
                    Some(existing) => existing.2 += count,
                    None => candidates.push((distance, name.to_string(), count)),
                }
            }
        }
    }
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(&b.1)));
    Ok(candidates
        .into_iter()
        .take(5)
        .map(|(_, name, count)| (name, count))
        .collect())
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("raqqqa", "raqqa"), 1);
        assert_eq!(edit_distance("kiev", "kyiv"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn lead_cuts_at_a_word_boundary() {
        let body = "word ".repeat(100);
        let snippet = lead(&body);
        assert!(snippet.text.len() <= SNIPPET_CHARS);
        assert!(snippet.text.ends_with("word"));
        assert_eq!(lead("short\nbody").text, "short body");
    }

    #[test]
    fn one_line_collapses_whitespace_and_keeps_highlights_on_their_words() {
        let fragment = "cocoa  yields\n\n   fell cocoa ";
        let snippet = one_line(fragment, &[0..5, 23..28]);
        assert_eq!(snippet.text, "cocoa yields fell cocoa");
        let marked: Vec<&str> = snippet
            .highlights
            .iter()
            .map(|r| &snippet.text[r.clone()])
            .collect();
        assert_eq!(marked, vec!["cocoa", "cocoa"]);
    }
}
