//! The place: words read one at a time into a [`Place`], trying after each whether the rest of
//! the line is a dateline's tail (date, agency, separator), then judging the place by its tail.

use super::super::date::{self, spaces_end};
use super::shape::{Kind, classify, reads_as_prose, trim_place_end, word_end};
use super::tail::{Tail, tail};
use super::{DatePart, Found, found, words};

/// Words in the city part (`ABOARD AIR FORCE ONE`, `BANDAR SERI BEGAWAN`).
const MAX_CITY_WORDS: usize = 6;
/// Words in each `, Region` part (`West Germany`, `N.C.`).
const MAX_REGION_WORDS: usize = 4;
/// City plus regions (`REGGIO CALABRIA, Italy`, `Foo, Bar, Baz`).
const MAX_PARTS: usize = 4;

/// How the city (the place's first part) is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Casing {
    /// `LONDON`, `ST. LOUIS`: the wire's own way.
    Capitals,
    /// `London`, `Rio de Janeiro`: needs a date, an agency or a region to be trusted.
    Title,
    /// `des moines, april 7 -` (weather copy): needs a date right after a short name.
    Lower,
}

/// What has been read of the place so far.
struct Place {
    casing: Casing,
    /// 0 while reading the city, then one more for each `, Region`.
    part: usize,
    words_in_part: usize,
    words: usize,
    /// Lower-case words other than connectors in a capitalised place (`New york`).
    stray_lower: usize,
    /// Whether every word so far is a month or weekday name (`MONDAY -` is no place).
    calendar_only: bool,
}

impl Place {
    fn new() -> Self {
        Place {
            casing: Casing::Capitals,
            part: 0,
            words_in_part: 0,
            words: 0,
            stray_lower: 0,
            calendar_only: true,
        }
    }

    /// Takes the next word; None when the words read can no longer be a place.
    fn push(&mut self, word: &str, kind: Kind) -> Option<()> {
        if words::is_label(word) {
            return None;
        }
        if self.words == 0 {
            self.casing = if kind.is_lower() {
                Casing::Lower
            } else {
                Casing::Capitals
            };
        }
        if self.casing == Casing::Lower {
            if self.part == 0 && !kind.is_lower() {
                return None;
            }
        } else if self.words_in_part == 0
            && kind.is_lower()
            // `GRONINGEN, the Netherlands`, but not `de Gaulle` or `said` starting a part.
            && !(self.part > 0 && kind == Kind::Connector)
        {
            return None;
        }
        if kind == Kind::Lower {
            if words::is_reporting_verb(word) {
                return None;
            }
            if self.casing != Casing::Lower {
                self.stray_lower += 1;
                if self.stray_lower > 1 {
                    return None;
                }
            }
        }
        self.words_in_part += 1;
        self.words += 1;
        let limit = if self.part == 0 {
            MAX_CITY_WORDS
        } else {
            MAX_REGION_WORDS
        };
        if self.words_in_part > limit {
            return None;
        }
        if self.part == 0 && kind == Kind::Capitalised {
            self.casing = Casing::Title;
        }
        let bare = word.trim_end_matches('.');
        if date::month_number(bare).is_none() && !date::is_weekday(bare) {
            self.calendar_only = false;
        }
        Some(())
    }

    /// A comma after the last word (of kind `last`): a region follows.
    fn next_part(&mut self, last: Kind) -> Option<()> {
        if last.is_lower() {
            return None;
        }
        self.part += 1;
        self.words_in_part = 0;
        (self.part < MAX_PARTS).then_some(())
    }

    /// Whether the place, followed by `tail` and then `body`, is a dateline.
    fn accepts(&self, tail: &Tail, body: &str) -> bool {
        let written = matches!(tail.date, DatePart::Written(_));
        if (self.stray_lower > 0 || self.casing == Casing::Lower) && !(written && self.words <= 3) {
            return false;
        }
        match tail.date {
            DatePart::Written(_) => true,
            DatePart::Unreadable => self.casing == Casing::Capitals,
            DatePart::Absent if tail.agency.is_some() => true,
            DatePart::Absent => {
                (self.casing == Casing::Capitals || self.part > 0)
                    && !self.calendar_only
                    && reads_as_prose(body)
            }
        }
    }
}

/// A dateline with a place starting at `start` of `line` (the first line of `text`).
pub(super) fn place_dateline(text: &str, line: &str, start: usize) -> Option<Found> {
    let mut place = Place::new();
    let mut pos = start;
    loop {
        let end = word_end(line, pos)?;
        let word = &line[pos..end];
        let kind = classify(word)?;
        place.push(word, kind)?;
        if kind != Kind::Connector
            && let Some(t) = tail(line, end, true)
        {
            if !place.accepts(&t, &text[t.body..]) {
                return None;
            }
            let location = (start, trim_place_end(line, start, t.begin));
            return Some(found(line, start, Some(location), &t));
        }
        let (next, comma) = gap_end(line, end)?;
        if comma {
            place.next_part(kind)?;
        }
        pos = next;
    }
}

/// The gap between two place words: spaces, or a comma with optional spaces around it.
fn gap_end(line: &str, p: usize) -> Option<(usize, bool)> {
    let mut q = spaces_end(line, p);
    let mut comma = false;
    if line.as_bytes().get(q) == Some(&b',') {
        comma = true;
        q = spaces_end(line, q + 1);
    }
    (q > p).then_some((q, comma))
}
