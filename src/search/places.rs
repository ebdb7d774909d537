//! Counting dispatches per place, from the index's fast fields (an aggregation, not a scan).

use tantivy::aggregation::AggregationCollector;
use tantivy::aggregation::Key;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{
    AggregationResult, AggregationResults, BucketEntry, BucketResult,
};
use tantivy::query::{AllQuery, Query};

use crate::error::{Error, Result};
use crate::index::OpenIndex;
use crate::index::schema::{COUNTRY, COUNTRY_THEN, PLACE_LABEL};
use crate::search::build::Selection;
use crate::search::{SearchRequest, check_request, snapshot};

/// How dispatches are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// By city, or the location as written when it names no known city.
    #[default]
    City,
    /// By country.
    Country,
}

/// Which country names a dispatch's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Countries {
    /// Today's ("Russia" for Moscow in 1989), so counts add up across the decades.
    #[default]
    Today,
    /// As it was when the dispatch was filed ("Soviet Union" for Moscow in 1989).
    AsFiled,
}

/// A place and how many dispatches were filed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceCount {
    /// The city (or location as written) or country.
    pub place: String,
    /// Its country, when known (today's or as filed, as asked).
    pub country: Option<String>,
    /// Number of dispatches.
    pub count: u64,
}

/// Most places one listing returns.
pub const MAX_PLACES: usize = 100_000;

/// Lists places with their number of dispatches among those matching `request`, most first,
/// naming countries as `countries` says.
pub fn places(
    index: &OpenIndex,
    request: &SearchRequest,
    by: GroupBy,
    countries: Countries,
) -> Result<Vec<PlaceCount>> {
    check_request(request)?;
    let searcher = snapshot(index)?;
    let unfiltered = request.query.trim().is_empty()
        && request.place.is_none()
        && request.from.is_none()
        && request.to.is_none()
        && request.near.is_none();
    let query: Box<dyn Query> = if unfiltered {
        Box::new(AllQuery)
    } else {
        Selection::build(&index.fields, request)?.matching(&searcher)?
    };
    let country_field = match countries {
        Countries::Today => COUNTRY,
        Countries::AsFiled => COUNTRY_THEN,
    };
    let field = match by {
        GroupBy::City => PLACE_LABEL,
        GroupBy::Country => country_field,
    };
    let size = request.limit.clamp(1, MAX_PLACES);
    let aggs: Aggregations = serde_json::from_value(serde_json::json!({
        PLACES_AGG: {
            "terms": { "field": field, "size": size, "order": { "_count": "desc" } },
            "aggs": { COUNTRY_AGG: { "terms": { "field": country_field, "size": 1 } } }
        }
    }))
    .map_err(|source| Error::Json {
        what: "the places aggregation",
        source,
    })?;
    let collector = AggregationCollector::from_aggs(aggs, Default::default());
    let results = searcher.search(&*query, &collector)?;
    let mut counts: Vec<PlaceCount> = terms_buckets(&results, PLACES_AGG)
        .iter()
        .filter_map(|bucket| {
            let Key::Str(place) = &bucket.key else {
                return None;
            };
            let country = match by {
                GroupBy::Country => Some(place.clone()),
                GroupBy::City => terms_buckets(&bucket.sub_aggregation, COUNTRY_AGG)
                    .first()
                    .and_then(|b| match &b.key {
                        Key::Str(country) => Some(country.clone()),
                        _ => None,
                    }),
            };
            Some(PlaceCount {
                place: place.clone(),
                country,
                count: bucket.doc_count,
            })
        })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.place.cmp(&b.place)));
    Ok(counts)
}

/// Name of the aggregation counting dispatches per place.
const PLACES_AGG: &str = "places";
/// Name of the sub-aggregation finding each place's country.
const COUNTRY_AGG: &str = "country";

/// The buckets of the terms aggregation `name` in `results`; none when it is absent.
fn terms_buckets<'a>(results: &'a AggregationResults, name: &str) -> &'a [BucketEntry] {
    match results.0.get(name) {
        Some(AggregationResult::BucketResult(BucketResult::Terms { buckets, .. })) => buckets,
        _ => &[],
    }
}
