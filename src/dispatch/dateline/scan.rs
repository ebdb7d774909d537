//! The place: words read one at a time into a [`Place`], trying after each whether the rest of
//! the line is a dateline's tail (date, agency, separator), then judging the place by its tail.

use super::super::date::{self, spaces_end};
use super::shape::{Kind, classify, reads_as_prose, trim_place_end, word_end};
use super::tail::{Tail, tail};
use super::{DatePart, Found, found, words};

/// Words in the city part (`ABOARD AIR FORCE ONE`, `BANDAR SERI BEGAWAN`).
const MAX_CITY_WORDS: usize = 6;
/// Words in the city part when an agency's credit vouches for it
/// (`GATES OF THE ARCTIC NATIONAL PARK, Alaska (AP)`).
const MAX_CREDITED_CITY_WORDS: usize = 10;
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
    /// Words in the city part.
    city_words: usize,
    /// Letters in the city part (`Q:` and `A:` in an interview are not places).
    city_letters: usize,
    /// Whether a word of the city is in capitals (`St. LOUIS`, as opposed to `Denver`).
    city_has_capitals: bool,
    /// Whether a word holds a digit (`FLIGHT 839`, `A9`): only a date or an agency vouches
    /// for such a place.
    has_digits: bool,
    /// Whether every word so far is a month or weekday name (`MONDAY -` is no place).
    calendar_only: bool,
    /// Whether the only word is `UNDATED`, the wire's word for a story of no one place.
    undated: bool,
}

impl Place {
    fn new() -> Self {
        Place {
            casing: Casing::Capitals,
            part: 0,
            words_in_part: 0,
            words: 0,
            stray_lower: 0,
            city_words: 0,
            city_letters: 0,
            city_has_capitals: false,
            has_digits: false,
            calendar_only: true,
            undated: false,
        }
    }

    /// Whether a number may come next: inside a place in capitals, never first.
    fn takes_number(&self) -> bool {
        self.words > 0 && self.casing == Casing::Capitals
    }

    /// Takes the next word; None when the words read can no longer be a place.
    fn push(&mut self, word: &str, kind: Kind) -> Option<()> {
        // `UPDATE:`, `SPORTS -`; but `NAGS HEAD`, `NEW WORLD`.
        if self.words == 0 && words::is_label(word) {
            return None;
        }
        if self.words == 0 {
            // `Q. Mr. President _`: an interview's question, not a place.
            if word.chars().count() == 2 && word.ends_with('.') {
                return None;
            }
            self.casing = if kind.is_lower() {
                Casing::Lower
            } else {
                Casing::Capitals
            };
            self.undated = word.eq_ignore_ascii_case("UNDATED");
        } else {
            self.undated = false;
        }
        if kind == Kind::Number && !self.takes_number() {
            return None;
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
            MAX_CREDITED_CITY_WORDS
        } else {
            MAX_REGION_WORDS
        };
        if self.words_in_part > limit {
            return None;
        }
        if self.part == 0 {
            self.city_words += 1;
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            self.city_letters += letters;
            self.city_has_capitals |= kind == Kind::Caps && letters >= 2;
            if kind == Kind::Capitalised {
                self.casing = Casing::Title;
            }
        }
        self.has_digits |= word.chars().any(|c| c.is_ascii_digit());
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
        let credited = tail.agency.is_some();
        if (self.stray_lower > 0 || self.casing == Casing::Lower) && !(written && self.words <= 3) {
            return false;
        }
        if self.city_letters <= 1
            || (self.city_words > MAX_CITY_WORDS && !credited)
            || (self.has_digits && !(written || credited))
        {
            return false;
        }
        match tail.date {
            DatePart::Written(_) => true,
            DatePart::Unreadable => self.casing == Casing::Capitals,
            DatePart::Absent if credited => true,
            // `PUBLISHERS:` alone on its line introduces what follows.
            DatePart::Absent if tail.separator == Some(':') && alone_on_its_line(body) => false,
            DatePart::Absent => {
                // A city in mixed case before the wire's underscore (`St. LOUIS _`) is the New
                // York Times News Service's dateline; in title case alone (`Anderson _ A Life`)
                // it is a headline's or a sentence's subject.
                let title_underscore = self.casing == Casing::Title
                    && self.city_has_capitals
                    && tail.separator == Some('_');
                (self.casing == Casing::Capitals || self.part > 0 || title_underscore)
                    && !self.calendar_only
                    && reads_as_prose(body)
            }
        }
    }
}

/// Whether nothing follows the separator on its line.
fn alone_on_its_line(body: &str) -> bool {
    body.lines().next().is_none_or(|l| l.trim().is_empty())
}

/// A dateline with a place starting at `start` of `line` (the first line of `text`).
pub(super) fn place_dateline(text: &str, line: &str, start: usize) -> Option<Found> {
    let mut place = Place::new();
    let mut pos = start;
    loop {
        let end = word_end(line, pos, place.takes_number())?;
        let word = &line[pos..end];
        let kind = classify(word)?;
        place.push(word, kind)?;
        if kind != Kind::Connector {
            // `GUILIN (Guangxi), June 3 (Xinhua) --`: a region in brackets, when a date or an
            // agency follows it.
            let after_region = bracketed_region_end(line, end).filter(|&e| {
                tail(line, e, true)
                    .is_some_and(|t| t.agency.is_some() || matches!(t.date, DatePart::Written(_)))
            });
            if let Some(t) = tail(line, after_region.unwrap_or(end), true) {
                if !place.accepts(&t, &text[t.body..]) {
                    return None;
                }
                if place.undated {
                    return Some(Found {
                        undated: true,
                        ..found(line, start, None, &t)
                    });
                }
                let location = (start, trim_place_end(line, start, t.begin));
                return Some(found(line, start, Some(location), &t));
            }
        }
        let (next, comma) = gap_end(line, end)?;
        if comma {
            place.next_part(kind)?;
        }
        pos = next;
    }
}

/// The end of `(Region)` after a place word: one to three capitalised words in brackets.
fn bracketed_region_end(line: &str, p: usize) -> Option<usize> {
    let open = spaces_end(line, p);
    let inner = line.get(open..)?.strip_prefix('(')?;
    let close = inner.get(..40.min(inner.len()))?.find(')')?;
    let region = &inner[..close];
    let words = region.split(' ').count();
    let capitalised = region
        .split(' ')
        .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic));
    (open > p && (1..=3).contains(&words) && capitalised).then_some(open + 1 + close + 1)
}

/// The gap between two place words: spaces, or a comma (doubled by a slip: `SYRACUSE,, N.Y.`)
/// with optional spaces around it.
fn gap_end(line: &str, p: usize) -> Option<(usize, bool)> {
    let mut q = spaces_end(line, p);
    let mut comma = false;
    if line.as_bytes().get(q) == Some(&b',') {
        comma = true;
        q += 1;
        if line.as_bytes().get(q) == Some(&b',') {
            q += 1;
        }
        q = spaces_end(line, q);
    }
    (q > p).then_some((q, comma))
}
