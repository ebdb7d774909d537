//! Searching an open index: which dispatches a request selects (`build`), in what order
//! (`rank`), and what is shown of each (`hits`); `places` counts them per place, `timeline`
//! per period of time, `suggest` proposes place names when a place matches nothing, `near`
//! keeps the dispatches filed near a place, and `show` finds one dispatch by its key;
//! `collapse` shows each story once and `story` lists the versions of one. Nothing here knows
//! the terminal.

mod body;
pub(crate) mod build;
mod collapse;
pub mod dates;
mod hits;
pub mod near;
pub mod places;
pub mod query;
mod rank;
pub mod show;
pub mod story;
mod suggest;
pub mod timeline;

use jiff::civil::Date;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DateTime, DocAddress, DocId, Order, ReloadPolicy, Score, Searcher, SegmentReader};

use crate::error::{Error, Result};
use crate::index::OpenIndex;
use crate::index::schema::{DATE, LATITUDE, LONGITUDE};
use build::Selection;
use collapse::{Rank, Ranker, TopStories};
pub use hits::{Hit, Snippet};
use near::Near;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 4096;
/// Most hits one search returns.
pub const MAX_LIMIT: usize = 10_000;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
    /// Nearest to `--near` first, then newest.
    Distance,
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
    /// Only dispatches filed within a distance of a point.
    pub near: Option<Near>,
    /// Most hits returned.
    pub limit: usize,
    /// Every version of a story is a hit of its own (else a story is one hit, its latest
    /// version).
    pub all_versions: bool,
    /// Ordering of hits.
    pub sort: SortOrder,
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
    let selection = Selection::build(fields, request)?;
    let limit = request.limit.clamp(1, MAX_LIMIT);
    let collapse = !request.all_versions;
    let ranked = match (&selection.text, request.sort, &request.near) {
        (_, SortOrder::Distance, Some(near)) => by_distance(
            &searcher,
            &*selection.matching(&searcher)?,
            near,
            limit,
            collapse,
        )?,
        (Some(text), SortOrder::Relevance, _) => {
            rank::ranked(&searcher, fields, &selection, text, limit, collapse)?
        }
        _ => by_date(&searcher, &*selection.matching(&searcher)?, limit, collapse)?,
    };
    let (ranked, versions): (Vec<ScoredHit>, Vec<Option<u32>>) = if collapse {
        collapse::latest_versions(&searcher, fields, ranked, |q| selection.filtered(q))?
            .into_iter()
            .map(|story| (story.hit, Some(story.versions)))
            .unzip()
    } else {
        let none = vec![None; ranked.len()];
        (ranked, none)
    };
    let mut hits = hits::assemble(&searcher, fields, selection.text.as_ref(), ranked)?;
    for (hit, versions) in hits.iter_mut().zip(versions) {
        hit.versions = versions;
    }
    if let Some(near) = &request.near {
        for hit in &mut hits {
            let place = &hit.record.place;
            hit.distance_km = near.distance_to(place.latitude, place.longitude);
        }
    }
    let place_suggestions = match (&request.place, selection.place_only()) {
        (Some(place), Some(place_query))
            if hits.is_empty() && searcher.search(&*place_query, &Count)? == 0 =>
        {
            Some(suggest::similar_places(&searcher, fields, place)?)
        }
        _ => None,
    };
    Ok(SearchResults {
        hits,
        place_suggestions,
    })
}

/// A hit's score (none when not ranked by relevance) and address.
pub(crate) type ScoredHit = (Option<f32>, DocAddress);

/// A searcher on the last commit; a one-shot command never needs it reloaded.
pub(crate) fn snapshot(index: &OpenIndex) -> Result<Searcher> {
    let reader = index
        .index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(reader.searcher())
}

/// Refuses a request no search should run.
pub(crate) fn check_request(request: &SearchRequest) -> Result<()> {
    let chars = request.query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Error::BadQuery(format!(
            "query too long: {chars} characters, the limit is {MAX_QUERY_CHARS}"
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
    if request.sort == SortOrder::Distance && request.near.is_none() {
        return Err(Error::BadQuery(
            "--sort distance needs --near PLACE to measure from".into(),
        ));
    }
    Ok(())
}

/// The best `limit` matches of `query` by score; of distinct stories when `collapse`.
pub(crate) fn by_score(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    collapse: bool,
) -> Result<Vec<ScoredHit>> {
    if collapse {
        let top = searcher.search(query, &TopStories::by_score(limit))?;
        return Ok(top
            .into_iter()
            .map(|(rank, a)| (Some(rank.0 as Score), a))
            .collect());
    }
    let top = searcher.search(query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
    Ok(top.into_iter().map(|(s, a)| (Some(s), a)).collect())
}

/// The newest `limit` matches of `query`; of distinct stories when `collapse`.
fn by_date(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    collapse: bool,
) -> Result<Vec<ScoredHit>> {
    if collapse {
        let newest: Ranker = Box::new(|segment: &SegmentReader| {
            let date = segment.fast_fields().date(DATE)?;
            Ok(Box::new(move |doc: DocId, _: Score| -> Rank {
                let seconds = date
                    .first(doc)
                    .map_or(i64::MIN, |d| d.into_timestamp_secs());
                (seconds as f64, 0)
            }))
        });
        return unscored(searcher, query, TopStories::ranked_by(limit, newest));
    }
    let top = searcher.search(
        query,
        &TopDocs::with_limit(limit.max(1))
            .order_by_fast_field::<DateTime>(crate::index::schema::DATE, Order::Desc),
    )?;
    Ok(top.into_iter().map(|(_, a)| (None, a)).collect())
}

/// The hits `stories` collects of `query`, without scores.
fn unscored(searcher: &Searcher, query: &dyn Query, stories: TopStories) -> Result<Vec<ScoredHit>> {
    let top = searcher.search(query, &stories)?;
    Ok(top.into_iter().map(|(_, a)| (None, a)).collect())
}

/// The `limit` matches of `query` nearest to `near`, the newest first among equals.
fn by_distance(
    searcher: &Searcher,
    query: &dyn Query,
    near: &Near,
    limit: usize,
    collapse: bool,
) -> Result<Vec<ScoredHit>> {
    let near = *near;
    if collapse {
        let nearest: Ranker = Box::new(move |segment: &SegmentReader| {
            let fast = segment.fast_fields();
            let latitude = fast.column_opt::<f64>(LATITUDE)?;
            let longitude = fast.column_opt::<f64>(LONGITUDE)?;
            let date = fast.date(DATE)?;
            Ok(Box::new(move |doc: DocId, _: Score| -> Rank {
                let coordinate = |column: &Option<tantivy::columnar::Column<f64>>| {
                    column.as_ref().and_then(|c| c.first(doc))
                };
                let distance = near
                    .distance_to(coordinate(&latitude), coordinate(&longitude))
                    .unwrap_or(f64::INFINITY);
                let day = date
                    .first(doc)
                    .map_or(i64::MIN, |d| d.into_timestamp_secs());
                (-distance, day)
            }))
        });
        return unscored(searcher, query, TopStories::ranked_by(limit, nearest));
    }
    let collector =
        TopDocs::with_limit(limit.max(1)).tweak_score(move |segment: &SegmentReader| {
            let fast = segment.fast_fields();
            let latitude = fast.column_opt::<f64>(LATITUDE).ok().flatten();
            let longitude = fast.column_opt::<f64>(LONGITUDE).ok().flatten();
            let date = fast.date(DATE).ok();
            // Larger sorts first: minus the distance (places without coordinates last), then
            // the date.
            move |doc: DocId, _: Score| {
                let coordinate = |column: &Option<tantivy::columnar::Column<f64>>| {
                    column.as_ref().and_then(|c| c.first(doc))
                };
                let distance = near
                    .distance_to(coordinate(&latitude), coordinate(&longitude))
                    .unwrap_or(f64::INFINITY);
                let day = date
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .map_or(i64::MIN, |d| d.into_timestamp_secs());
                (-distance, day)
            }
        });
    let top = searcher.search(query, &collector)?;
    Ok(top.into_iter().map(|(_, a)| (None, a)).collect())
}
