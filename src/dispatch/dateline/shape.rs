//! The shapes of words and text the scanner judges by: place words and their casing, wire junk,
//! agency names, and whether text reads as a sentence.

use super::super::date;
use super::words;

/// How a place word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `LONDON`, `N.C.`, and capitals after a short prefix (`McALLEN`, `d'ALENE`).
    Caps,
    /// `London`, `Calif.`.
    Capitalised,
    /// A lower-case word allowed inside a place name (`de` in `Rio de Janeiro`).
    Connector,
    /// Any other lower-case word: tolerated once before a date (`New york, March 2 -`).
    Lower,
    /// A number inside a place (`FLIGHT 839`, `SITE 2`).
    Number,
}

impl Kind {
    /// Whether the word starts in lower case.
    pub(super) fn is_lower(self) -> bool {
        matches!(self, Kind::Connector | Kind::Lower)
    }
}

/// How a place word is written, None when it has neither letter nor digit.
pub(super) fn classify(word: &str) -> Option<Kind> {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in word.chars() {
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
    }
    let Some(first) = word.chars().find(|c| c.is_alphabetic()) else {
        return word
            .chars()
            .any(|c| c.is_ascii_digit())
            .then_some(Kind::Number);
    };
    // Mostly capitals is capitals: `McALLEN`, `DeKALB`, `d'ALENE` are AP's capitals.
    if upper >= 2 && upper > lower {
        return Some(Kind::Caps);
    }
    if first.is_lowercase() {
        return Some(if words::is_connector(word) {
            Kind::Connector
        } else {
            Kind::Lower
        });
    }
    Some(if lower == 0 {
        Kind::Caps
    } else {
        Kind::Capitalised
    })
}

/// The largest char boundary not after `i`.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Skips wire junk before a dateline: `****`, `----`, a stray letter left by the typesetting
/// (`c    CHICAGO`, `q WASHINGTON`).
pub(super) fn skip_junk(line: &str) -> usize {
    let mut p = 0;
    for (i, c) in line.char_indices() {
        if c.is_whitespace()
            || (!c.is_alphanumeric() && !matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '`'))
        {
            p = i + c.len_utf8();
        } else {
            break;
        }
    }
    let b = line.as_bytes();
    // A lower-case letter alone before a wide gap, or before a word in capitals.
    if b.get(p).is_some_and(u8::is_ascii_lowercase) && b.get(p + 1) == Some(&b' ') {
        let mut q = p + 1;
        while b.get(q).is_some_and(|c| *c == b' ' || *c == b'\t') {
            q += 1;
        }
        let capitals = b[q..].iter().take_while(|c| c.is_ascii_uppercase()).count();
        if q - p > 2 || capitals >= 2 {
            p = q;
        }
    }
    p
}

/// End of a place word starting at `p`: a letter (or, with `number` true, a digit), then
/// letters, digits, periods, apostrophes and inner hyphens or slashes (`DALLAS/FORT WORTH`,
/// `MA`AN`, `A9`). A hyphen before a digit ends the word (`Kazakhstan-30 October`).
pub(super) fn word_end(line: &str, p: usize, number: bool) -> Option<usize> {
    let rest = line.get(p..)?;
    let mut chars = rest.char_indices().peekable();
    let (_, first) = chars.next()?;
    if !(first.is_alphabetic() || (number && first.is_ascii_digit())) {
        return None;
    }
    let mut end = p + first.len_utf8();
    while let Some((i, c)) = chars.next() {
        let keep = if c == '-' || c == '/' {
            chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        } else {
            c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '`' | '}' | '{')
        };
        if !keep {
            break;
        }
        end = p + i + c.len_utf8();
    }
    Some(end)
}

/// Where the location ends: before the date/agency/separator, without trailing commas or
/// dashes, nor a full stop standing for a comma (`TOKYO. May 2`; `N.Y.` and `Calif.` keep
/// theirs).
pub(super) fn trim_place_end(line: &str, start: usize, begin: usize) -> usize {
    let s = line[start..begin].trim_end_matches([' ', '\t', ',', '-', '–', '—']);
    let last_word = s.rsplit([' ', ',']).next().unwrap_or(s);
    let stop = last_word.strip_suffix('.').is_some_and(|w| {
        !s.contains(',')
            && w.chars().count() >= 3
            && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
            && !w.contains('.')
    });
    start + s.len() - usize::from(stop)
}

/// Whether the text starts with something like a sentence: a capitalised first word, some
/// lower-case words, few numbers. Tells `TOKYO - The Bank of Japan said` from
/// `WHEAT - No Two Soft Red Winter Jne 129.50 up 1.50` or `SILVER - total 156,708,754`. A
/// lead crowded with names (`The Senate on Friday convicted U.S. District Judge Alcee L.
/// Hastings of perjury`) shows its lower-case words a little later.
pub(crate) fn reads_as_prose(text: &str) -> bool {
    let mut words = own_paragraph(text).split_whitespace().take(20);
    let Some(first) = words.next() else {
        return false;
    };
    let first_char = first
        .trim_start_matches(['"', '\'', '“', '‘', '(', '`'])
        .chars()
        .next();
    // A lead may open with a figure (`NAIROBI — 33 people were killed`); then the words after
    // it must read as a sentence all the more clearly, since table rows open with figures too.
    let opens_with_figure = first_char.is_some_and(|c| c.is_ascii_digit());
    if !first_char.is_some_and(char::is_uppercase) && !opens_with_figure {
        return false;
    }
    // Counts over the first ten words, then over twenty.
    let (mut lower, mut numeric, mut verbs) = ([0; 2], [0; 2], 0);
    for (i, w) in words.enumerate() {
        let early = usize::from(i < 9);
        if w.chars().any(|c| c.is_ascii_digit()) {
            numeric[0] += early;
            numeric[1] += 1;
        } else {
            let core = w.trim_matches(|c: char| !c.is_alphabetic());
            if !core.is_empty() && core.chars().all(|c| c.is_lowercase() || c == '\'') {
                lower[0] += early;
                lower[1] += 1;
                if early == 1 && words::is_sentence_verb(core) {
                    verbs += 1;
                }
            }
        }
    }
    if opens_with_figure {
        // `156,708,754 ounces in stocks, down 2.5 pct` has lower-case words but no verb.
        lower[0] >= 4 && numeric[0] <= 1 && verbs > 0
    } else {
        (lower[0] >= 3 && numeric[0] <= 2) || (lower[1] >= 7 && numeric[1] <= 3)
    }
}

/// The rest of the dateline's line and the lines after it up to an empty one: a headline
/// ending in ` - USDA` is followed by an empty line and the real dateline paragraph, which
/// must not vouch for it. When nothing follows the separator on its line (`DENVER _`), the
/// next paragraph.
fn own_paragraph(text: &str) -> &str {
    let first_line = text.find('\n').map_or(text, |i| &text[..i]);
    let text = if first_line.trim().is_empty() {
        text.trim_start()
    } else {
        text
    };
    let mut end = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i > 0 && line.trim().is_empty() {
            break;
        }
        end += line.len();
    }
    &text[..end]
}

/// Whether a parenthesised word group looks like an agency name: `AP`, `Reuters`,
/// `bdnews24.com`, `dpa`, `CBS MoneyWatch`, `PRNewswire-FirstCall`.
pub(crate) fn agency_shaped(s: &str) -> bool {
    let len = s.chars().count();
    if !(1..=30).contains(&len) || s.trim() != s {
        return false;
    }
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !first.is_alphanumeric()
        || !s
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '&' | '\''))
        || !s.chars().any(char::is_alphabetic)
        || s.split(' ').count() > 3
    {
        return false;
    }
    let first_word = s.split(' ').next().unwrap_or("");
    if date::month_number(first_word.trim_end_matches('.')).is_some()
        || date::is_weekday(first_word.trim_end_matches('.'))
    {
        return false;
    }
    if first.is_lowercase() {
        return s.contains('.') || (len <= 4 && s.chars().all(char::is_lowercase));
    }
    true
}
