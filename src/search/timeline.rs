//! Counting dispatches per period of time, from the date's fast column (an aggregation, never
//! a fetch of documents): for one query or several side by side, with the undated ones apart.
//!
//! tantivy's date histogram has only fixed intervals, which cannot give calendar months,
//! quarters or years. Days can: dates are indexed at midnight UTC, so a one-day histogram
//! counts exactly the dispatches of each day, and days (a few hundred a year of archive) are
//! folded here into calendar periods.
//!
//! Stories (`stories`) are counted by a collector over the story key and date columns instead:
//! a story counts once, on the first day one of its matching versions was filed. Stories are
//! told apart by their 64-bit key, the same in every segment, never by their ids' text (a
//! dictionary lookup per story made a common word's count take seconds at a million).

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;
use rustc_hash::FxHashMap;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, AggregationResults, BucketResult};
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard, Key};
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, Query};
use tantivy::{DateTime, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::error::{Error, Result};
use crate::index::OpenIndex;
use crate::index::document::{INDEXABLE_YEARS, from_tantivy_date, to_tantivy_date};
use crate::index::schema::{DATE, STORY_KEY};
use crate::search::build::Selection;
use crate::search::{SearchRequest, check_request, snapshot};

/// A calendar period dispatches are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// One day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter: January to March, April to June, ...
    Quarter,
    /// A calendar year.
    Year,
}

/// Most bars `--by auto` aims for: it picks the finest period giving at most this many.
pub const AUTO_MAX_PERIODS: usize = 60;

impl Period {
    /// Every period, finest first.
    pub const ALL: [Period; 5] = [
        Period::Day,
        Period::Week,
        Period::Month,
        Period::Quarter,
        Period::Year,
    ];

    /// The period's name, as `--by` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// First day of the period holding `date`.
    pub fn start_of(self, date: Date) -> Date {
        match self {
            Period::Day => date,
            Period::Week => {
                let back = i64::from(date.weekday().to_monday_zero_offset());
                date.checked_sub(back.days()).unwrap_or(date)
            }
            Period::Month => date.first_of_month(),
            Period::Quarter => {
                let month = (date.month() - 1) / 3 * 3 + 1;
                Date::new(date.year(), month, 1).unwrap_or(date)
            }
            Period::Year => date.first_of_year(),
        }
    }

    /// First day of the period after the one starting on `start`; none past the last date.
    fn next_start(self, start: Date) -> Option<Date> {
        let step = match self {
            Period::Day => 1.day(),
            Period::Week => 1.week(),
            Period::Month => 1.month(),
            Period::Quarter => 3.months(),
            Period::Year => 1.year(),
        };
        start.checked_add(step).ok()
    }

    /// Last day of the period holding `date`.
    fn end_of(self, date: Date) -> Date {
        self.next_start(self.start_of(date))
            .and_then(|next| next.yesterday().ok())
            .unwrap_or(date)
    }

    /// How the period starting on `start` is named: `1987`, `1987-Q1`, `1987-03`, `1987-W09`
    /// (ISO week), `1987-03-02`.
    pub fn label(self, start: Date) -> String {
        match self {
            Period::Day => start.to_string(),
            Period::Week => {
                let week = start.iso_week_date();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Period::Month => format!("{:04}-{:02}", start.year(), start.month()),
            Period::Quarter => format!("{:04}-Q{}", start.year(), (start.month() - 1) / 3 + 1),
            Period::Year => format!("{:04}", start.year()),
        }
    }

    /// The periods from the one holding `first` to the one holding `last`, at most `cap` of
    /// them (a cap reached means there are more).
    fn spans(self, first: Date, last: Date, cap: usize) -> Vec<PeriodSpan> {
        let mut spans = Vec::new();
        let mut start = self.start_of(first);
        while start <= last && spans.len() < cap {
            let next = self.next_start(start);
            let end = next.and_then(|n| n.yesterday().ok()).unwrap_or(last);
            spans.push(PeriodSpan {
                label: self.label(start),
                first: start.max(first),
                last: end.min(last),
            });
            match next {
                Some(next) => start = next,
                None => break,
            }
        }
        spans
    }

    /// The finest period giving at most [`AUTO_MAX_PERIODS`] from `first` to `last`; years
    /// when even they are more.
    pub fn auto(first: Date, last: Date) -> Period {
        Period::ALL
            .into_iter()
            .find(|p| p.spans(first, last, AUTO_MAX_PERIODS + 1).len() <= AUTO_MAX_PERIODS)
            .unwrap_or(Period::Year)
    }
}

/// One period of a timeline: its name and the days it covers (within the timeline's range:
/// the first and last period may be cut by `--from` and `--to`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodSpan {
    /// The period's name, e.g. `1987-03`.
    pub label: String,
    /// First day counted.
    pub first: Date,
    /// Last day counted.
    pub last: Date,
}

/// The counts of one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The query as typed (`*` when it has no words: every dispatch passing the filters).
    pub name: String,
    /// Dispatches per period, in the order of [`Timeline::periods`].
    pub counts: Vec<u64>,
    /// Matching dispatches that have no date.
    pub undated: u64,
}

impl Series {
    /// Every matching dispatch, dated or not.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.undated
    }
}

/// Dispatches per period, for one query or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The period counted by.
    pub period: Period,
    /// Every period from the first to the last (or `--from` to `--to`), empty ones included.
    pub periods: Vec<PeriodSpan>,
    /// One series per query, the main query first.
    pub series: Vec<Series>,
    /// Whether stories are counted rather than dispatches.
    pub stories: bool,
    /// The first and last dates of a matching dispatch, over every series.
    pub dated: Option<(Date, Date)>,
}

impl Timeline {
    /// Whether any series counted a dispatch, dated or not.
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.total() == 0)
    }

    /// Whether the matching dispatches' dates span more than one month.
    pub fn spans_more_than_a_month(&self) -> bool {
        self.dated
            .is_some_and(|(first, last)| first.checked_add(1.month()).is_ok_and(|d| last > d))
    }
}

/// What a timeline counts.
#[derive(Debug, Clone, Default)]
pub struct TimelineRequest {
    /// The main query and the filters every series shares (its limit and sort are not used).
    pub selection: SearchRequest,
    /// Further queries, one series each, under the same filters.
    pub compare: Vec<String>,
    /// The period to count by; none picks one for 10 to 60 bars ([`Period::auto`]).
    pub by: Option<Period>,
    /// Count stories (each on the day its first matching version was filed), not dispatches.
    pub stories: bool,
}

/// Counts the dispatches matching each query of `request` per period.
pub fn timeline(index: &OpenIndex, request: &TimelineRequest) -> Result<Timeline> {
    let searcher = snapshot(index)?;
    let mut per_query = Vec::with_capacity(1 + request.compare.len());
    let queries = std::iter::once(&request.selection.query).chain(&request.compare);
    for query in queries {
        let selection = SearchRequest {
            query: query.clone(),
            ..request.selection.clone()
        };
        check_request(&selection)?;
        let name = match query.trim() {
            "" => "*".to_string(),
            typed => typed.to_string(),
        };
        per_query.push((
            name,
            count_days(index, &searcher, &selection, request.stories)?,
        ));
    }
    let first = per_query
        .iter()
        .filter_map(|(_, d)| d.per_day.keys().next())
        .min();
    let last = per_query
        .iter()
        .filter_map(|(_, d)| d.per_day.keys().next_back())
        .max();
    let dated = match (first, last) {
        (Some(&first), Some(&last)) => date_of_day(first).zip(date_of_day(last)),
        _ => None,
    };
    let range = match (request.selection.from, request.selection.to, dated) {
        (Some(from), Some(to), _) => Some((from, to)),
        (from, to, Some((first, last))) => Some((from.unwrap_or(first), to.unwrap_or(last))),
        (_, _, None) => None,
    };
    let period = match (request.by, range) {
        (Some(period), _) => period,
        (None, Some((first, last))) => Period::auto(first, last),
        (None, None) => Period::Year,
    };
    // Whole periods, except where --from or --to cuts them.
    let periods = match range {
        Some((first, last)) => period.spans(
            request.selection.from.unwrap_or(period.start_of(first)),
            request.selection.to.unwrap_or(period.end_of(last)),
            usize::MAX,
        ),
        None => Vec::new(),
    };
    let series = per_query
        .into_iter()
        .map(|(name, days)| Series {
            name,
            counts: fold(&days.per_day, &periods),
            undated: days.undated,
        })
        .collect();
    Ok(Timeline {
        period,
        periods,
        series,
        stories: request.stories,
        dated,
    })
}

/// What one query matches, per day.
struct DayCounts {
    /// Dispatches per day, days counted from 1970-01-01 (dates themselves cost more to
    /// make than the whole count, for the thousands of days of an archive).
    per_day: BTreeMap<i64, u64>,
    undated: u64,
}

/// Name of the aggregation counting dispatches per day.
const DAYS_AGG: &str = "days";

/// Most day buckets an aggregation may make: every day of the indexable years.
const MAX_DAY_BUCKETS: u32 = 366 * (*INDEXABLE_YEARS.end() - *INDEXABLE_YEARS.start() + 1) as u32;

/// Counts the dispatches (or stories) `request` selects on each day, and those without a date.
fn count_days(
    index: &OpenIndex,
    searcher: &Searcher,
    request: &SearchRequest,
    stories: bool,
) -> Result<DayCounts> {
    let unfiltered = request.query.trim().is_empty()
        && request.place.is_none()
        && request.from.is_none()
        && request.to.is_none();
    let tiers: Vec<Box<dyn Query>> = if unfiltered {
        vec![Box::new(AllQuery)]
    } else {
        Selection::build(&index.fields, request)?.matching_tiers()
    };
    // Only days with a dispatch: empty periods are made by the caller, over the whole range.
    let aggs: Aggregations = serde_json::from_value(serde_json::json!({
        DAYS_AGG: {
            "date_histogram": { "field": DATE, "fixed_interval": "1d", "min_doc_count": 1 }
        }
    }))
    .map_err(|source| Error::Json {
        what: "the timeline aggregation",
        source,
    })?;
    if stories {
        for tier in &tiers {
            let found = searcher.search(&**tier, &FirstDays)?;
            if found.per_day.values().sum::<u64>() + found.undated > 0 {
                return Ok(found);
            }
        }
        return Ok(DayCounts {
            per_day: BTreeMap::new(),
            undated: 0,
        });
    }
    let mut per_day = BTreeMap::new();
    let mut total = 0;
    // The selection is the first tier matching anything, counted as it is tried.
    for tier in &tiers {
        let limits = AggregationLimitsGuard::new(None, Some(MAX_DAY_BUCKETS));
        let collector = AggregationCollector::from_aggs(
            aggs.clone(),
            AggContextParams::new(limits, index.index.tokenizers().clone()),
        );
        let (count, results) = searcher.search(&**tier, &(Count, collector))?;
        if count > 0 {
            total = count;
            per_day = day_buckets(&results)?;
            break;
        }
    }
    let dated: u64 = per_day.values().sum();
    Ok(DayCounts {
        per_day,
        undated: u64::try_from(total)
            .unwrap_or(u64::MAX)
            .saturating_sub(dated),
    })
}

/// Counts each story once, on the first day one of the matching versions was filed (undated
/// when none of them has a date).
struct FirstDays;

/// The first day of each story of one segment, by the story's key.
struct SegmentFirstDays {
    keys: Column<u64>,
    dates: Column<DateTime>,
    first: FxHashMap<u64, Option<i64>>,
}

impl SegmentCollector for SegmentFirstDays {
    type Fruit = FxHashMap<u64, Option<i64>>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(key) = self.keys.first(doc) else {
            return;
        };
        let day = self
            .dates
            .first(doc)
            .map(|d| d.into_timestamp_secs().div_euclid(DAY_SECONDS));
        let first = self.first.entry(key).or_insert(day);
        *first = earliest(*first, day);
    }

    fn harvest(self) -> Self::Fruit {
        self.first
    }
}

impl Collector for FirstDays {
    type Fruit = DayCounts;
    type Child = SegmentFirstDays;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFirstDays> {
        let fast = segment.fast_fields();
        Ok(SegmentFirstDays {
            keys: fast.u64(STORY_KEY)?,
            dates: fast.date(DATE)?,
            first: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FxHashMap<u64, Option<i64>>>) -> tantivy::Result<DayCounts> {
        let mut first: FxHashMap<u64, Option<i64>> = FxHashMap::default();
        for fruit in fruits {
            for (story, day) in fruit {
                let kept = first.entry(story).or_insert(day);
                *kept = earliest(*kept, day);
            }
        }
        let mut per_day = BTreeMap::new();
        let mut undated = 0;
        for day in first.into_values() {
            match day {
                Some(day) => *per_day.entry(day).or_insert(0) += 1,
                None => undated += 1,
            }
        }
        Ok(DayCounts { per_day, undated })
    }
}

/// The earlier of two days, a dated one before none.
fn earliest(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Seconds in a day.
const DAY_SECONDS: i64 = 86_400;

/// The day (since 1970-01-01) of a date; none outside the indexable years.
fn day_of(date: Date) -> Option<i64> {
    to_tantivy_date(date).map(|d| d.into_timestamp_secs().div_euclid(DAY_SECONDS))
}

/// The date of a day since 1970-01-01.
fn date_of_day(day: i64) -> Option<Date> {
    from_tantivy_date(DateTime::from_timestamp_secs(day.checked_mul(DAY_SECONDS)?))
}

/// The day histogram's buckets as days since 1970-01-01 and counts.
fn day_buckets(results: &AggregationResults) -> Result<BTreeMap<i64, u64>> {
    let Some(AggregationResult::BucketResult(BucketResult::Histogram { buckets })) =
        results.0.get(DAYS_AGG)
    else {
        return Ok(BTreeMap::new());
    };
    let mut per_day = BTreeMap::new();
    for bucket in buckets.iter() {
        // Date histogram keys are milliseconds since the epoch.
        let Key::F64(millis) = bucket.key else {
            continue;
        };
        let day = (millis as i64).div_euclid(DAY_SECONDS * 1000);
        *per_day.entry(day).or_insert(0) += bucket.doc_count;
    }
    Ok(per_day)
}

/// Sums the days' counts into the periods; days outside every period are not counted.
fn fold(per_day: &BTreeMap<i64, u64>, periods: &[PeriodSpan]) -> Vec<u64> {
    periods
        .iter()
        .map(|p| match (day_of(p.first), day_of(p.last)) {
            (Some(first), Some(last)) => per_day.range(first..=last).map(|(_, n)| n).sum(),
            _ => 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_start_on_calendar_boundaries() {
        let d = date(2017, 11, 16); // a Thursday
        assert_eq!(Period::Day.start_of(d), d);
        assert_eq!(Period::Week.start_of(d), date(2017, 11, 13));
        assert_eq!(Period::Month.start_of(d), date(2017, 11, 1));
        assert_eq!(Period::Quarter.start_of(d), date(2017, 10, 1));
        assert_eq!(Period::Year.start_of(d), date(2017, 1, 1));
        assert_eq!(
            Period::Week.start_of(date(2017, 11, 13)),
            date(2017, 11, 13)
        );
        assert_eq!(
            Period::Week.start_of(date(2017, 11, 19)),
            date(2017, 11, 13)
        );
    }

    #[test]
    fn labels_name_the_period() {
        assert_eq!(Period::Day.label(date(1987, 3, 2)), "1987-03-02");
        assert_eq!(Period::Month.label(date(1987, 3, 1)), "1987-03");
        assert_eq!(Period::Quarter.label(date(1987, 10, 1)), "1987-Q4");
        assert_eq!(Period::Year.label(date(1987, 1, 1)), "1987");
        // ISO weeks belong to the year of their Thursday.
        assert_eq!(Period::Week.label(date(2014, 12, 29)), "2015-W01");
        assert_eq!(Period::Week.label(date(2021, 1, 4)), "2021-W01");
        assert_eq!(Period::Week.label(date(2020, 12, 28)), "2020-W53");
    }

    #[test]
    fn spans_cover_every_day_once_and_are_cut_to_the_range() {
        let (first, last) = (date(2016, 11, 20), date(2018, 2, 3));
        for period in Period::ALL {
            let spans = period.spans(first, last, usize::MAX);
            assert_eq!(spans[0].first, first, "{period:?}");
            assert_eq!(spans.last().unwrap().last, last, "{period:?}");
            for pair in spans.windows(2) {
                assert_eq!(
                    pair[0].last.tomorrow().unwrap(),
                    pair[1].first,
                    "{period:?}"
                );
                assert_eq!(period.start_of(pair[1].first), pair[1].first);
            }
        }
        let months = Period::Month.spans(first, last, usize::MAX);
        assert_eq!(months.len(), 16);
        assert_eq!(months[1].label, "2016-12");
        assert_eq!(
            (months[1].first, months[1].last),
            (date(2016, 12, 1), date(2016, 12, 31))
        );
        assert_eq!(Period::Quarter.spans(first, last, usize::MAX).len(), 6);
        assert_eq!(Period::Year.spans(first, last, usize::MAX).len(), 3);
        assert_eq!(Period::Day.spans(first, last, 10).len(), 10);
    }

    #[test]
    fn auto_picks_the_finest_period_with_at_most_sixty_bars() {
        let start = date(2000, 1, 1);
        let auto = |days: i64| Period::auto(start, start.checked_add(days.days()).unwrap());
        assert_eq!(auto(0), Period::Day);
        assert_eq!(auto(59), Period::Day);
        assert_eq!(auto(60), Period::Week);
        assert_eq!(auto(365), Period::Week);
        assert_eq!(auto(3 * 365), Period::Month);
        assert_eq!(auto(10 * 365), Period::Quarter);
        assert_eq!(auto(36 * 365), Period::Year);
        assert_eq!(auto(300 * 365), Period::Year);
        for days in [0, 20, 59, 60, 200, 400, 1500, 4000, 9000, 20000] {
            let last = start.checked_add(days.days()).unwrap();
            let bars = Period::auto(start, last)
                .spans(start, last, usize::MAX)
                .len();
            assert!(
                bars <= AUTO_MAX_PERIODS || days > 60 * 366,
                "{days} days: {bars}"
            );
            if days >= 10 * 365 {
                assert!(bars >= 10, "{days} days: {bars}");
            }
        }
    }

    #[test]
    fn days_since_1970_round_trip() {
        for d in [
            date(1678, 1, 1),
            date(1969, 12, 31),
            date(1970, 1, 1),
            date(2261, 12, 31),
        ] {
            assert_eq!(date_of_day(day_of(d).unwrap()), Some(d));
        }
        assert_eq!(day_of(date(1970, 1, 2)), Some(1));
        assert_eq!(day_of(date(1969, 12, 31)), Some(-1));
    }

    #[test]
    fn folding_sums_days_into_their_period() {
        let per_day: BTreeMap<i64, u64> = [
            (date(2017, 1, 31), 2),
            (date(2017, 2, 1), 3),
            (date(2017, 2, 28), 1),
            (date(2017, 4, 1), 5),
        ]
        .into_iter()
        .map(|(d, n)| (day_of(d).unwrap(), n))
        .collect();
        let periods = Period::Month.spans(date(2017, 1, 1), date(2017, 4, 30), usize::MAX);
        assert_eq!(fold(&per_day, &periods), [2, 4, 0, 5]);
        let cut = Period::Month.spans(date(2017, 2, 2), date(2017, 3, 31), usize::MAX);
        assert_eq!(fold(&per_day, &cut), [1, 0]);
    }

    /// An index in memory of dispatches with these words and dates, written in two commits
    /// so that counts are merged over several segments.
    fn index_of(dispatches: &[(&str, Option<Date>)]) -> OpenIndex {
        use crate::dispatch::{Dispatch, Meta};
        let dispatches: Vec<Dispatch> = dispatches
            .iter()
            .map(|(body, date)| Dispatch {
                meta: Meta {
                    date: *date,
                    location: Some("PARIS".into()),
                    ..Meta::default()
                },
                body: body.to_string(),
                ..Dispatch::default()
            })
            .collect();
        let (index, fields) = crate::index::testing::index_of(&dispatches);
        OpenIndex {
            index,
            fields,
            dir: std::path::PathBuf::new(),
            archive_root: None,
        }
    }

    fn request(query: &str, by: Option<Period>) -> TimelineRequest {
        TimelineRequest {
            selection: SearchRequest {
                query: query.into(),
                ..SearchRequest::default()
            },
            compare: Vec::new(),
            by,
            stories: false,
        }
    }

    #[test]
    fn counts_per_period_match_the_dates_of_the_dispatches() {
        // Dates on calendar edges, across leap days, ISO-week year ends and centuries.
        let dates = [
            date(1899, 12, 31),
            date(1900, 1, 1),
            date(1999, 12, 31),
            date(2000, 2, 29),
            date(2000, 3, 1),
            date(2014, 12, 29),
            date(2015, 1, 4),
            date(2015, 1, 5),
            date(2020, 12, 31),
            date(2020, 12, 31),
            date(2200, 12, 31),
        ];
        let mut dispatches: Vec<(&str, Option<Date>)> =
            dates.iter().map(|d| ("wheat prices", Some(*d))).collect();
        dispatches.push(("wheat without a date", None));
        dispatches.push(("copper", Some(date(2000, 2, 29))));
        let index = index_of(&dispatches);
        for period in Period::ALL {
            let timeline = timeline(&index, &request("wheat", Some(period))).unwrap();
            let series = &timeline.series[0];
            assert_eq!(series.undated, 1);
            assert_eq!(series.counts.iter().sum::<u64>(), dates.len() as u64);
            for (span, count) in timeline.periods.iter().zip(&series.counts) {
                let expected = dates
                    .iter()
                    .filter(|d| (span.first..=span.last).contains(d))
                    .count() as u64;
                assert_eq!(*count, expected, "{period:?} {}", span.label);
                assert_eq!(span.label, period.label(period.start_of(span.first)));
            }
            // Whole periods from the first dispatch's to the last's.
            let (first, last) = (date(1899, 12, 31), date(2200, 12, 31));
            assert_eq!(timeline.periods[0].first, period.start_of(first));
            let end = timeline.periods.last().unwrap();
            assert_eq!(end.first, period.start_of(last));
            assert_eq!(
                period.start_of(end.last.tomorrow().unwrap()),
                end.last.tomorrow().unwrap()
            );
        }
        let years = timeline(&index, &request("wheat", Some(Period::Year))).unwrap();
        assert_eq!(years.periods.len(), 302);
        assert_eq!(
            years.series[0].counts.iter().filter(|&&n| n == 0).count(),
            302 - 8
        );
        assert_eq!(years.dated, Some((date(1899, 12, 31), date(2200, 12, 31))));
    }

    #[test]
    fn every_dispatch_without_words_and_compared_queries_share_the_periods() {
        let index = index_of(&[
            ("ceasefire holds", Some(date(1987, 3, 2))),
            ("ceasefire talks", Some(date(1987, 5, 20))),
            ("truce signed", Some(date(1987, 7, 1))),
            ("truce undated", None),
        ]);
        let mut req = request("ceasefire", Some(Period::Month));
        req.compare = vec!["truce".into(), "zeppelin".into()];
        let timeline = timeline(&index, &req).unwrap();
        let labels: Vec<&str> = timeline.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            labels,
            ["1987-03", "1987-04", "1987-05", "1987-06", "1987-07"]
        );
        let names: Vec<&str> = timeline.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["ceasefire", "truce", "zeppelin"]);
        assert_eq!(timeline.series[0].counts, [1, 0, 1, 0, 0]);
        assert_eq!(timeline.series[1].counts, [0, 0, 0, 0, 1]);
        assert_eq!(timeline.series[1].undated, 1);
        assert_eq!(timeline.series[2].total(), 0);
        assert!(!timeline.is_empty());
        assert!(timeline.spans_more_than_a_month());

        // No dispatch has both words: those with either are counted, as `places` does.
        let either = super::timeline(&index, &request("ceasefire truce", None)).unwrap();
        assert_eq!(either.series[0].total(), 4);
        let both = super::timeline(&index, &request("ceasefire holds", None)).unwrap();
        assert_eq!(both.series[0].total(), 1);

        let all = super::timeline(&index, &request("", None)).unwrap();
        assert_eq!(all.series[0].name, "*");
        assert_eq!(all.series[0].total(), 4);
        assert_eq!(all.period, Period::Week);
        assert_eq!(all.periods[0].first, date(1987, 3, 2));
        assert_eq!(all.periods[0].label, "1987-W10");
        assert_eq!(all.periods.last().unwrap().last, date(1987, 7, 5));
    }

    #[test]
    fn a_date_range_gives_every_period_of_the_range() {
        let index = index_of(&[
            ("wheat", Some(date(2017, 10, 30))),
            ("wheat", Some(date(2016, 1, 1))),
            ("wheat", None),
        ]);
        let mut req = request("wheat", Some(Period::Month));
        req.selection.from = Some(date(2017, 9, 15));
        req.selection.to = Some(date(2017, 12, 31));
        let timeline = timeline(&index, &req).unwrap();
        let labels: Vec<&str> = timeline.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["2017-09", "2017-10", "2017-11", "2017-12"]);
        assert_eq!(timeline.periods[0].first, date(2017, 9, 15));
        assert_eq!(timeline.series[0].counts, [0, 1, 0, 0]);
        // Undated dispatches have no date to pass a date filter.
        assert_eq!(timeline.series[0].undated, 0);
        assert!(!timeline.spans_more_than_a_month());

        let nothing = super::timeline(&index, &request("zeppelin", None)).unwrap();
        assert!(nothing.is_empty());
        assert!(nothing.periods.is_empty());
    }
}
