//! One JSON object per line, for scripts.

use std::io::Write;

use serde::Serialize;

use dateline::dispatch::{Dispatch, Key, Meta};
use dateline::search::Hit;
use dateline::search::places::PlaceCount;
use dateline::search::show::FullDispatch;
use dateline::search::story::{Changes, Version};
use dateline::search::timeline::Timeline;

/// A hit: the dispatch's record as the model serializes it, with its score and snippet.
#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    record: &'a dateline::dispatch::Record,
    score: Option<f32>,
    snippet: &'a str,
    /// Kilometres from `--near`, to the 100 m the gazetteer's coordinates hold; only with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    distance_km: Option<f64>,
    /// Versions of the hit's story, when each story is one hit (not with `--all-versions`).
    #[serde(skip_serializing_if = "Option::is_none")]
    versions: Option<u32>,
}

/// Writes one search hit as a JSON line.
pub fn write_hit(out: &mut dyn Write, hit: &Hit) -> std::io::Result<()> {
    let json = JsonHit {
        record: &hit.record,
        score: hit.score,
        snippet: &hit.snippet.text,
        distance_km: hit.distance_km.map(|km| (km * 10.0).round() / 10.0),
        versions: hit.versions,
    };
    serde_json::to_writer(&mut *out, &json)?;
    out.write_all(b"\n")
}

/// Writes a dispatch shown whole as a JSON line: its record, as hits have it, and its body.
pub fn write_full(out: &mut dyn Write, dispatch: &FullDispatch) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct JsonFull<'a> {
        #[serde(flatten)]
        record: &'a dateline::dispatch::Record,
        body: &'a str,
    }
    serde_json::to_writer(
        &mut *out,
        &JsonFull {
            record: &dispatch.record,
            body: &dispatch.body,
        },
    )?;
    out.write_all(b"\n")
}

/// Writes one version of the story `story` as a JSON line: its record, as hits have it, its
/// body, and what it changed from the version before (`null` for the first).
pub fn write_story_version(
    out: &mut dyn Write,
    story: &str,
    version: &Version,
) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct JsonVersion<'a> {
        #[serde(flatten)]
        record: &'a dateline::dispatch::Record,
        body: &'a str,
        changes: Option<&'a Changes>,
    }
    let mut record = version.dispatch.record.clone();
    record.story.get_or_insert_with(|| story.to_string());
    serde_json::to_writer(
        &mut *out,
        &JsonVersion {
            record: &record,
            body: &version.dispatch.body,
            changes: version.changes.as_ref(),
        },
    )?;
    out.write_all(b"\n")
}

/// How `parse` shows a dispatch: its key, what it says, and the length of its body.
#[derive(Serialize)]
struct JsonDispatch<'a> {
    #[serde(flatten)]
    key: &'a Key,
    #[serde(flatten)]
    meta: &'a Meta,
    /// The path's date, only when the dateline's date (`date`) differs from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    path_date: Option<jiff::civil::Date>,
    body_chars: usize,
}

/// Writes how a dispatch was understood as a JSON line.
pub fn write_dispatch(out: &mut dyn Write, key: &Key, dispatch: &Dispatch) -> std::io::Result<()> {
    let json = JsonDispatch {
        key,
        meta: &dispatch.meta,
        path_date: dispatch.disagreeing_path_date,
        body_chars: dispatch.body.chars().count(),
    };
    serde_json::to_writer(&mut *out, &json)?;
    out.write_all(b"\n")
}

/// Writes one place and its number of dispatches as a JSON line.
pub fn write_place(out: &mut dyn Write, place: &PlaceCount) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct JsonPlace<'a> {
        place: &'a str,
        country: Option<&'a str>,
        count: u64,
    }
    serde_json::to_writer(
        &mut *out,
        &JsonPlace {
            place: &place.place,
            country: place.country.as_deref(),
            count: place.count,
        },
    )?;
    out.write_all(b"\n")
}

/// Writes a timeline as JSON lines: per series, one object per period (`period`, `from`, `to`,
/// `count`, `series`), then one for its undated dispatches (`period` "undated", no dates).
pub fn write_timeline(out: &mut dyn Write, timeline: &Timeline) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct JsonPeriod<'a> {
        period: &'a str,
        from: Option<jiff::civil::Date>,
        to: Option<jiff::civil::Date>,
        count: u64,
        series: &'a str,
    }
    for series in &timeline.series {
        let periods = timeline.periods.iter().zip(&series.counts);
        for (period, &count) in periods {
            let line = JsonPeriod {
                period: &period.label,
                from: Some(period.first),
                to: Some(period.last),
                count,
                series: &series.name,
            };
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
        }
        let undated = JsonPeriod {
            period: "undated",
            from: None,
            to: None,
            count: series.undated,
            series: &series.name,
        };
        serde_json::to_writer(&mut *out, &undated)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
