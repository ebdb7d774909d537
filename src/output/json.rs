//! One JSON object per line, for scripts.

use std::io::Write;

use serde::Serialize;

use dateline::dispatch::Dispatch;
use dateline::search::places::PlaceCount;
use dateline::search::{Hit, HitPlace};

#[derive(Serialize)]
struct JsonHit<'a> {
    path: &'a str,
    score: Option<f32>,
    date: Option<String>,
    location: Option<&'a str>,
    dateline: Option<&'a str>,
    headline: Option<&'a str>,
    agency: Option<&'a str>,
    snippet: &'a str,
    place: &'a HitPlace,
}

/// Writes one search hit as a JSON line.
pub fn write_hit(out: &mut dyn Write, hit: &Hit) -> std::io::Result<()> {
    let json = JsonHit {
        path: &hit.path,
        score: hit.score,
        date: hit.date.map(|d| d.to_string()),
        location: hit.location.as_deref(),
        dateline: hit.dateline.as_deref(),
        headline: hit.headline.as_deref(),
        agency: hit.agency.as_deref(),
        snippet: &hit.snippet.text,
        place: &hit.place,
    };
    serde_json::to_writer(&mut *out, &json)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct JsonDispatch<'a> {
    path: &'a str,
    headline: Option<&'a str>,
    dateline: Option<&'a str>,
    location: Option<&'a str>,
    date: Option<String>,
    agency: Option<&'a str>,
    body_chars: usize,
}

/// Writes how a dispatch was understood as a JSON line.
pub fn write_dispatch(out: &mut dyn Write, path: &str, dispatch: &Dispatch) -> std::io::Result<()> {
    let json = JsonDispatch {
        path,
        headline: dispatch.headline.as_deref(),
        dateline: dispatch.dateline.as_deref(),
        location: dispatch.location.as_deref(),
        date: dispatch.date.map(|d| d.to_string()),
        agency: dispatch.agency.as_deref(),
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
