//! Counting dispatches per place, from the index's fast fields (an aggregation, not a scan).

use tantivy::aggregation::AggregationCollector;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::collector::Count;
use tantivy::query::Query;

use crate::error::{Error, Result};
use crate::index::OpenIndex;
use crate::index::schema::{COUNTRY, PLACE_LABEL};
use crate::search::{SearchRequest, build_queries, check_request, snapshot};

/// How dispatches are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// By city, or the location as written when it names no known city.
    #[default]
    City,
    /// By country.
    Country,
}

/// A place and how many dispatches were filed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceCount {
    /// The city (or location as written) or country.
    pub place: String,
    /// Its country, when known.
    pub country: Option<String>,
    /// Number of dispatches.
    pub count: u64,
}

/// Lists places with their number of dispatches among those matching `request`, most first.
pub fn places(index: &OpenIndex, request: &SearchRequest, by: GroupBy) -> Result<Vec<PlaceCount>> {
    check_request(request)?;
    let searcher = snapshot(index)?;
    let unfiltered = request.query.trim().is_empty()
        && request.place.is_none()
        && request.from.is_none()
        && request.to.is_none();
    let query: Box<dyn Query> = if unfiltered {
        Box::new(tantivy::query::AllQuery)
    } else {
        let built = build_queries(&index.fields, request)?;
        match &built.text {
            Some(text) => {
                let all = built.filtered(Some(text.all_words.box_clone()));
                if searcher.search(&*all, &Count)? > 0 {
                    all
                } else {
                    built.filtered(Some(text.some_words.box_clone()))
                }
            }
            None => built.filtered(None),
        }
    };
    let field = match by {
        GroupBy::City => PLACE_LABEL,
        GroupBy::Country => COUNTRY,
    };
    let size = request.limit.clamp(1, 100_000);
    let aggs: Aggregations = serde_json::from_value(serde_json::json!({
        "places": {
            "terms": { "field": field, "size": size, "order": { "_count": "desc" } },
            "aggs": { "country": { "terms": { "field": COUNTRY, "size": 1 } } }
        }
    }))
    .map_err(|source| Error::Json {
        what: "the places aggregation",
        source,
    })?;
    let collector = AggregationCollector::from_aggs(aggs, Default::default());
    let results = searcher.search(&*query, &collector)?;
    let value = serde_json::to_value(&results).map_err(|source| Error::Json {
        what: "the places counts",
        source,
    })?;
    let mut counts = Vec::new();
    let buckets = value["places"]["buckets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for bucket in buckets {
        let Some(place) = bucket["key"].as_str() else {
            continue;
        };
        let count = bucket["doc_count"].as_u64().unwrap_or(0);
        let country = match by {
            GroupBy::Country => Some(place.to_string()),
            GroupBy::City => bucket["country"]["buckets"][0]["key"]
                .as_str()
                .map(str::to_string),
        };
        counts.push(PlaceCount {
            place: place.to_string(),
            country,
            count,
        });
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.place.cmp(&b.place)));
    Ok(counts)
}
