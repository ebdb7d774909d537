//! Finding the dateline at the start of a paragraph, by shape (no gazetteer).
//!
//! Supported shapes (`…` is the body that follows):
//!
//! - `Astana, Kazakhstan-30 October 2017: …` (hyphen joining place and date, colon after)
//! - `Astana, 30 October 2017 (AFP) - …`
//! - `BAHIA BLANCA, Argentina, Feb 26 - …`
//! - `LONDON, March 3 (Reuters) - …`, `LONDON (Reuters) - …`
//! - `NEW YORK (AP) — …`, `SAN FRANCISCO, Calif. (AP) — …`, `WINSTON-SALEM, N.C. (AP) — …`,
//!   states as AP abbreviations (`Calif.`), postal codes (`WA`) or in full (`Texas`)
//! - `ST. LOUIS (AP) — …`, `UNITED NATIONS (AP) — …`, `ABOARD AIR FORCE ONE (AP) — …`
//! - `BEIRUT (AFP) - …`, `KHARTOUM, Sudan, Aug. 3 (UPI) -- …`, `Beirut, Oct. 30 (Xinhua) -- …`
//! - `MOSCOW, November 28. /TASS/. …`, `TOKYO (Kyodo) -- …`,
//!   `WASHINGTON, Jan. 20, 2021 /PRNewswire/ -- …`
//! - `Dhaka, Nov 25 (bdnews24.com) – …` (en dash), `New Delhi, Oct 30 (PTI) …` (no separator)
//! - `ISLAMABAD: …`, `Lucknow, January 15: …`, `PARIS — …`, `WASHINGTON (AP) _ …`
//! - full dates in any common order, with or without weekday and periods:
//!   `DAMASCUS, Syria, Monday, October 30, 2017 — …`, `São Paulo, Brazil, 5 June 2019 — …`,
//!   `Washington, Oct 30, 2017 (AFP) - …`, `Sept.`/`Sep`/`September`, ordinals (`3rd`)
//! - names with periods, hyphens and accents: `ST. LOUIS`, `WINSTON-SALEM`,
//!   `Port-au-Prince, Haiti, 12 January 2010 — …`, `Bogotá`, `Rio de Janeiro`
//! - Reuters-21578 variants: `MONTREAL, Feb 26-`, `ROME, March 2  -`, `RICHMOND, Va. Feb 26 -`,
//!   `NEW YORK, March 9 --`, `WASHINGTON, March 12, Reuter -`, `AMSTERDAM, 2 March -`,
//!   `KANSAS CITY, Mo. - March 13 -`, `CHICAGO, March 4, -`, `****LONDON, March 5 -`,
//!   `c    CHICAGO, March 9 -`, `TOKYO -`, `CALGARY, Alberta -`, date only (`APRIL 11 -`)
//! - press-release wires: `NEW YORK--(BUSINESS WIRE)--…`, `…, 2017 (GLOBE NEWSWIRE) -- …`,
//!   `TORONTO, Oct. 30, 2017 /CNW/ - …`
//! - lower-case oddities before a date: `GRONINGEN, the Netherlands, March 31 - …`,
//!   `New york, March 2 - …`, `des moines, april 7 - …` (weather copy)
//! - misspelt dates after a comma (`NEW YORK, Narch 2 -`, `BOSTON, March 187 -`): the
//!   location is kept, the date is unreadable (None)
//!
//! A place followed only by a separator (`PARIS — `, `TOKYO - `, `ISLAMABAD: `) is
//! accepted only when the place is in capitals (or has a `, Region` part), is not an
//! editorial label (`UPDATE:`, `NOTE:`, `CORRECTION -`), and prose follows the separator
//! (so table rows and commodity labels such as `WHEAT - No Two Soft Red 129.50` are not
//! datelines).

mod scan;
mod shape;
mod tail;
mod words;

pub(crate) use shape::{agency_shaped, floor_boundary};
pub(crate) use words::is_agency_name;

use super::date::Written;
use tail::Tail;

/// The dateline itself is never longer than this (bytes); it bounds the work per line.
const MAX_LINE: usize = 200;

/// What the dateline says about its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DatePart {
    /// No date in the dateline.
    Absent,
    /// A date that reads as month and day, maybe with a year.
    Written(Written),
    /// Something in the date's place that is not a readable date (`Narch 2`, `March 187`).
    Unreadable,
}

/// A dateline found in a paragraph's first line; offsets are bytes into the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Where the dateline starts (after leading junk such as `****`).
    pub start: usize,
    /// Where the dateline text ends (before the separator).
    pub end: usize,
    /// Where the body starts.
    pub body: usize,
    /// The place part, when there is one.
    pub location: Option<(usize, usize)>,
    /// The agency credited in the dateline (`Reuters` in `(Reuters)`).
    pub agency: Option<(usize, usize)>,
    /// The date part.
    pub date: DatePart,
    /// Whether the evidence is strong (a readable date, or an agency and a separator), as
    /// opposed to a place and a bare separator, which a later strong dateline overrides.
    pub strong: bool,
}

/// Looks for a dateline at the start of `text` (a paragraph's first line and what follows,
/// already cut to a few hundred bytes by the caller).
pub(crate) fn scan(text: &str) -> Option<Found> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = &text[..floor_boundary(text, line_end.min(MAX_LINE))];
    let start = shape::skip_junk(line);

    // Date-only datelines ("APRIL 11 -"): no place at all.
    if let Some(t) = tail::tail(line, start, false)
        && matches!(t.date, DatePart::Written(_))
    {
        return Some(found(line, start, None, &t));
    }
    scan::place_dateline(text, line, start)
}

fn found(line: &str, start: usize, location: Option<(usize, usize)>, t: &Tail) -> Found {
    let end = start + line[start..t.end].trim_end().len();
    Found {
        start,
        end,
        body: t.body,
        location,
        agency: t.agency,
        date: t.date,
        strong: t.strong,
    }
}

#[cfg(test)]
mod tests;
