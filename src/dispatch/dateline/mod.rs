//! Finding the dateline at the start of a paragraph, by shape (no gazetteer).
//!
//! A line is read left to right: wire junk (`****`, a stray typesetting letter), the place
//! (`scan`: a city of up to six words, ten when an agency's credit vouches for it, then
//! `, Region` parts, maybe a region in brackets), then the tail (`tail`: a date, an agency in
//! brackets or slashes, a separator `—`, `–`, `--`, `-`, `_` or `:`), then the body. How sure
//! the evidence is decides: a readable date or an agency's credit is enough; a place and a
//! bare separator needs the place in capitals (or with a `, Region`, or in mixed case before
//! the wire's underscore), no editorial label, and a sentence after the separator, so that
//! table rows and commodity labels (`WHEAT - No Two Soft Red 129.50`) are not datelines.
//!
//! The shapes understood, and the lines that look like datelines but are not, with the reason,
//! are specified once, with examples, in `cases.rs`: this module's unit tests and
//! `tests/dateline_cases.rs` (through `dispatch::parse`) check every row. Whether a line that
//! has a dateline's shape is the dispatch's dateline depends on the text around it too; that
//! is `dispatch::opening`'s job.

#[cfg(test)]
pub(crate) mod cases;
mod scan;
mod shape;
mod tail;
mod words;

pub(crate) use shape::{agency_shaped, floor_boundary, reads_as_prose};
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
    /// The place part: None for a date-only dateline (`APRIL 11 -`) and for `UNDATED`.
    pub location: Option<(usize, usize)>,
    /// Whether the dateline is `UNDATED`, the wire's word for a story of no one place.
    pub undated: bool,
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

impl Found {
    /// Whether the dateline is a date alone (`APRIL 11 -`, or a chronology's `March 3, 1985 --`).
    pub(crate) fn is_date_only(&self) -> bool {
        self.location.is_none() && !self.undated
    }
}

fn found(line: &str, start: usize, location: Option<(usize, usize)>, t: &Tail) -> Found {
    let end = start + line[start..t.end].trim_end().len();
    Found {
        start,
        end,
        body: t.body,
        location,
        undated: false,
        agency: t.agency,
        date: t.date,
        strong: t.strong,
    }
}

#[cfg(test)]
mod tests;
