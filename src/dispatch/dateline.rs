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

use super::date::{self, Written, alpha_end, spaces_end};

/// The dateline itself is never longer than this (bytes); it bounds the work per line.
const MAX_LINE: usize = 200;
/// Words in the city part (`ABOARD AIR FORCE ONE`, `BANDAR SERI BEGAWAN`).
const MAX_CITY_WORDS: usize = 6;
/// Words in each `, Region` part (`West Germany`, `N.C.`).
const MAX_REGION_WORDS: usize = 4;
/// City plus regions (`REGGIO CALABRIA, Italy`, `Foo, Bar, Baz`).
const MAX_PARTS: usize = 4;

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

/// The part after the place: date, agency, separator.
struct Tail {
    /// Where the first element after the place starts (location ends before it).
    begin: usize,
    end: usize,
    body: usize,
    agency: Option<(usize, usize)>,
    date: DatePart,
    strong: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Caps,
    Capitalised,
    Connector,
    /// Any other lower-case word: tolerated once before a date (`New york, March 2 -`).
    Lower,
}

/// Looks for a dateline at the start of `text` (a paragraph's first line and what follows,
/// already cut to a few hundred bytes by the caller).
pub(crate) fn scan(text: &str) -> Option<Found> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = &text[..floor_boundary(text, line_end.min(MAX_LINE))];
    let start = skip_junk(line);

    // Date-only datelines ("APRIL 11 -"): no place at all.
    if let Some(t) = tail(line, start, false)
        && matches!(t.date, DatePart::Written(_))
    {
        return Some(found(line, start, None, &t));
    }

    let mut pos = start;
    let mut part = 0usize;
    let mut words_in_part = 0usize;
    let mut city_caps = true;
    let mut calendar_only = true;
    let mut lower = 0usize;
    let mut words = 0usize;
    // Weather copy writes `peoria, april 7 -`, `des moines, april 7 -`.
    let mut lower_city = false;
    loop {
        let end = word_end(line, pos)?;
        let word = &line[pos..end];
        let kind = classify(word)?;
        if is_label(word) {
            return None;
        }
        let lowercase = matches!(kind, Kind::Connector | Kind::Lower);
        if words == 0 && lowercase {
            lower_city = true;
        }
        if lower_city && part == 0 && !lowercase {
            return None;
        }
        // `GRONINGEN, the Netherlands`, but not `de Gaulle` or `said` starting a part.
        if !lower_city && words_in_part == 0 && lowercase && !(part > 0 && kind == Kind::Connector)
        {
            return None;
        }
        if kind == Kind::Lower && REPORTING.contains(&word) {
            return None;
        }
        if kind == Kind::Lower && !lower_city {
            lower += 1;
            if lower > 1 {
                return None;
            }
        }
        words_in_part += 1;
        words += 1;
        let limit = if part == 0 {
            MAX_CITY_WORDS
        } else {
            MAX_REGION_WORDS
        };
        if words_in_part > limit {
            return None;
        }
        if part == 0 && kind == Kind::Capitalised {
            city_caps = false;
        }
        let bare = word.trim_end_matches('.');
        if date::month_number(bare).is_none() && !date::is_weekday(bare) {
            calendar_only = false;
        }
        if kind != Kind::Connector
            && let Some(t) = tail(line, end, true)
        {
            let written = matches!(t.date, DatePart::Written(_));
            if (lower > 0 || lower_city) && !(written && words <= 3) {
                return None;
            }
            let accept = match t.date {
                DatePart::Written(_) => true,
                DatePart::Unreadable => city_caps,
                DatePart::Absent if t.agency.is_some() => true,
                DatePart::Absent => {
                    (city_caps || part > 0) && !calendar_only && reads_as_prose(&text[t.body..])
                }
            };
            if !accept {
                return None;
            }
            let loc_end = trim_place_end(line, start, t.begin);
            return Some(found(line, start, Some((start, loc_end)), &t));
        }
        let (next, comma) = gap_end(line, end)?;
        if comma {
            if matches!(kind, Kind::Connector | Kind::Lower) {
                return None;
            }
            part += 1;
            words_in_part = 0;
            if part >= MAX_PARTS {
                return None;
            }
        }
        pos = next;
    }
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

/// The largest char boundary not after `i`.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Skips wire junk before a dateline: `****`, `----`, `c    ` (a stray letter and a wide gap).
fn skip_junk(line: &str) -> usize {
    let mut p = 0;
    for (i, c) in line.char_indices() {
        if c.is_whitespace()
            || (!c.is_alphanumeric() && !matches!(c, '"' | '\'' | '“' | '‘' | '(' | '['))
        {
            p = i + c.len_utf8();
        } else {
            break;
        }
    }
    let b = line.as_bytes();
    if b.get(p).is_some_and(u8::is_ascii_lowercase)
        && b.get(p + 1) == Some(&b' ')
        && b.get(p + 2) == Some(&b' ')
    {
        p += 1;
        while b.get(p).is_some_and(|c| *c == b' ' || *c == b'\t') {
            p += 1;
        }
    }
    p
}

/// End of a place word starting at `p`: a letter, then letters, periods, apostrophes and
/// inner hyphens or slashes (`DALLAS/FORT WORTH`). A hyphen before a digit ends the word
/// (`Kazakhstan-30 October`).
fn word_end(line: &str, p: usize) -> Option<usize> {
    let rest = line.get(p..)?;
    let mut chars = rest.char_indices().peekable();
    let (_, first) = chars.next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let mut end = p + first.len_utf8();
    while let Some((i, c)) = chars.next() {
        let keep = if c == '-' || c == '/' {
            chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        } else {
            c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '}' | '{')
        };
        if !keep {
            break;
        }
        end = p + i + c.len_utf8();
    }
    Some(end)
}

/// Lower-case words allowed inside a place name (`Rio de Janeiro`, `Port of Spain`).
const CONNECTORS: [&str; 32] = [
    "de", "del", "della", "di", "da", "das", "do", "dos", "du", "des", "la", "le", "les", "el",
    "al", "en", "es", "of", "the", "on", "upon", "am", "an", "im", "der", "den", "van", "von",
    "au", "aux", "and", "y",
];

fn classify(word: &str) -> Option<Kind> {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let first = letters.next()?;
    if first.is_lowercase() {
        return Some(if CONNECTORS.contains(&word) {
            Kind::Connector
        } else {
            Kind::Lower
        });
    }
    if letters.all(|c| !c.is_lowercase()) {
        Some(Kind::Caps)
    } else {
        Some(Kind::Capitalised)
    }
}

/// Editorial labels and section names that look like an all-caps place before a colon or
/// dash (`UPDATE: …`, `FILE - In this photo …`, `SPORTS - …`).
const LABELS: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "UPDATES",
    "NOTE",
    "NOTES",
    "WARNING",
    "CORRECTION",
    "CORRECTED",
    "CORRECTS",
    "CLARIFICATION",
    "EDITOR'S",
    "EDITORS",
    "EDITOR",
    "ADVISORY",
    "ATTENTION",
    "ALERT",
    "BREAKING",
    "URGENT",
    "FLASH",
    "BULLETIN",
    "EXCLUSIVE",
    "ANALYSIS",
    "COMMENTARY",
    "COMMENT",
    "OPINION",
    "EDITORIAL",
    "INTERVIEW",
    "PREVIEW",
    "REVIEW",
    "FACTBOX",
    "TIMELINE",
    "REFILE",
    "REPEAT",
    "RPT",
    "WRAPUP",
    "FEATURE",
    "DISCLAIMER",
    "SOURCE",
    "SOURCES",
    "CONTACT",
    "SUMMARY",
    "BACKGROUND",
    "PHOTO",
    "PHOTOS",
    "VIDEO",
    "AUDIO",
    "FILE",
    "CAUTION",
    "NOTICE",
    "ERRATUM",
    "PS",
    "WATCH",
    "LISTEN",
    "READ",
    "RELATED",
    "TRANSCRIPT",
    "EXCERPT",
    "SPONSORED",
    "ADVERTISEMENT",
    "OBITUARY",
    "LETTERS",
    "SPORTS",
    "SPORT",
    "BUSINESS",
    "WORLD",
    "POLITICS",
    "ENTERTAINMENT",
    "TECHNOLOGY",
    "TECH",
    "HEALTH",
    "SCIENCE",
    "LIFESTYLE",
    "MARKETS",
    "ECONOMY",
    "WEATHER",
    "TRAVEL",
];

/// Verbs that turn `Police said, March 3 - ` into a sentence rather than a misspelt place.
const REPORTING: [&str; 10] = [
    "said",
    "says",
    "told",
    "reported",
    "reports",
    "added",
    "announced",
    "stated",
    "warned",
    "noted",
];

fn is_label(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    LABELS.iter().any(|l| l.eq_ignore_ascii_case(w))
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

/// Common verbs of news leads, whose presence tells a sentence from a row of figures.
const SENTENCE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could",
    "can", "may", "said", "says", "say", "died", "killed", "fled", "voted", "rose", "fell",
];

/// Whether the text starts with something like a sentence: a capitalised first word, some
/// lower-case words, few numbers. Tells `TOKYO - The Bank of Japan said` from
/// `WHEAT - No Two Soft Red Winter Jne 129.50 up 1.50` or `SILVER - total 156,708,754`.
fn reads_as_prose(text: &str) -> bool {
    let mut words = own_paragraph(text).split_whitespace().take(10);
    let Some(first) = words.next() else {
        return false;
    };
    let first_char = first
        .trim_start_matches(['"', '\'', '“', '‘', '('])
        .chars()
        .next();
    // A lead may open with a figure (`NAIROBI — 33 people were killed`); then the words after
    // it must read as a sentence all the more clearly, since table rows open with figures too.
    let opens_with_figure = first_char.is_some_and(|c| c.is_ascii_digit());
    if !first_char.is_some_and(char::is_uppercase) && !opens_with_figure {
        return false;
    }
    let (mut lower, mut numeric, mut verbs) = (0, 0, 0);
    for w in words {
        if w.chars().any(|c| c.is_ascii_digit()) {
            numeric += 1;
        } else {
            let core = w.trim_matches(|c: char| !c.is_alphabetic());
            if !core.is_empty() && core.chars().all(|c| c.is_lowercase() || c == '\'') {
                lower += 1;
                if SENTENCE_VERBS.contains(&core) {
                    verbs += 1;
                }
            }
        }
    }
    if opens_with_figure {
        // `156,708,754 ounces in stocks, down 2.5 pct` has lower-case words but no verb.
        lower >= 4 && numeric <= 1 && verbs > 0
    } else {
        lower >= 3 && numeric <= 2
    }
}

/// The rest of the dateline's line and the lines after it up to an empty one: a headline
/// ending in ` - USDA` is followed by an empty line and the real dateline paragraph, which
/// must not vouch for it.
fn own_paragraph(text: &str) -> &str {
    let mut end = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i > 0 && line.trim().is_empty() {
            break;
        }
        end += line.len();
    }
    &text[..end]
}

/// Where the location ends: before the date/agency/separator, without trailing commas or dashes.
fn trim_place_end(line: &str, start: usize, begin: usize) -> usize {
    let s = line[start..begin].trim_end_matches([' ', '\t', ',', '-', '–', '—']);
    start + s.len()
}

fn skip(line: &str, p: usize, set: &[u8]) -> usize {
    let b = line.as_bytes();
    let mut q = p;
    while q < b.len() && q - p < 8 && set.contains(&b[q]) {
        q += 1;
    }
    q
}

/// Parses what follows the place: `[, ][-] date [, Reuter] [(Agency) | /Agency/] separator`.
/// With `after_place` false, the line must start with a date (date-only datelines).
fn tail(line: &str, p: usize, after_place: bool) -> Option<Tail> {
    let mut q = p;
    let mut had_comma = false;
    if after_place {
        q = skip(line, p, b" \t,.");
        had_comma = line[p..q].contains(',');
    }
    let begin = q;
    let mut end = p;
    let mut date = DatePart::Absent;
    if let Some((w, e)) = date::parse_written(line, q) {
        date = DatePart::Written(w);
        q = e;
        end = e;
    } else if after_place {
        if let Some(d) = dash_end(line, q) {
            let r = spaces_end(line, d);
            if let Some((w, e)) = date::parse_written(line, r) {
                date = DatePart::Written(w);
                q = e;
                end = e;
            }
        }
        if date == DatePart::Absent
            && had_comma
            && let Some(e) = fuzzy_date_end(line, q)
        {
            date = DatePart::Unreadable;
            q = e;
            end = e;
        }
    } else {
        return None;
    }
    let mut agency = None;
    if matches!(date, DatePart::Written(_)) {
        let r = skip(line, q, b" ,");
        if let Some(e) = alpha_end(line, r)
            && r > q
            && (line[r..e].eq_ignore_ascii_case("reuter")
                || line[r..e].eq_ignore_ascii_case("reuters"))
        {
            agency = Some((r, e));
            q = e;
            end = e;
        }
    }
    if agency.is_none() {
        let mut r = skip(line, q, b" \t.");
        // Business Wire: `NEW YORK--(BUSINESS WIRE)--Text`.
        for dashes in ["--", "—"] {
            if let Some(after) = line[r..].strip_prefix(dashes)
                && after.starts_with('(')
            {
                r += dashes.len();
            }
        }
        if let Some((span, e)) = agency_at(line, r) {
            agency = Some(span);
            q = e;
            end = e;
        }
    }
    let written = matches!(date, DatePart::Written(_));
    let s = skip(line, q, b" \t,");
    // Misspelt dates are a wire-copy accident: only with the wire's dash after them.
    if date == DatePart::Unreadable && !line[s..].starts_with(['-', '–', '—']) {
        return None;
    }
    let (body, strong) = if let Some(b) = separator_end(line, s, agency.is_some()) {
        (b, written || agency.is_some())
    } else if agency.is_some() && written && (s > q || s == line.len()) {
        // `New Delhi, Oct 30 (PTI) Text`: no separator, so the date must vouch for it
        // (`DIAMOND SHAMROCK (DIA) CUTS CRUDE PRICES` is a headline).
        (s, true)
    } else {
        return None;
    };
    Some(Tail {
        begin,
        end,
        body,
        agency,
        date,
        strong,
    })
}

fn dash_end(line: &str, p: usize) -> Option<usize> {
    let c = line.get(p..)?.chars().next()?;
    matches!(c, '-' | '–' | '—').then(|| p + c.len_utf8())
}

/// A misspelt date after a comma: `Narch 2`, `Marchg 12`, `March 2O`, `April l`, `ABR 7`,
/// `March 187`, or a month without its day (`April`).
fn fuzzy_date_end(line: &str, p: usize) -> Option<usize> {
    let e = alpha_end(line, p)?;
    // `ABRUPTLY, AT 9:45 P.M.` is prose: short words are not misspelt months.
    if !(3..=10).contains(&(e - p)) {
        return None;
    }
    let is_month = date::month_number(&line[p..e]).is_some();
    let r = spaces_end(line, e);
    if r > e {
        let b = line.as_bytes();
        let mut te = r;
        while te < b.len() && te - r <= 3 && b[te].is_ascii_alphanumeric() {
            te += 1;
        }
        let token = &b[r..te];
        let boundary = b.get(te).is_none_or(|c| !c.is_ascii_alphanumeric());
        if (1..=3).contains(&token.len())
            && boundary
            && (is_month || token.iter().any(u8::is_ascii_digit))
        {
            return Some(te);
        }
    }
    is_month.then_some(e)
}

/// `(Agency)` or `/Agency/` at `p`: returns the agency's span and the end of the group.
fn agency_at(line: &str, p: usize) -> Option<((usize, usize), usize)> {
    let b = line.as_bytes();
    let close = match b.get(p)? {
        b'(' => b')',
        b'/' => b'/',
        _ => return None,
    };
    let inner = p + 1;
    let limit = (inner + 40).min(b.len());
    let rel = b[inner..limit].iter().position(|&c| c == close)?;
    let content = &line[inner..inner + rel];
    if !agency_shaped(content) || (close == b'/' && content.contains(' ')) {
        return None;
    }
    Some(((inner, inner + rel), inner + rel + 1))
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

/// A separator at `p` (`—`, `–`, `--`, `-`, `_`, `:`, or `.` after an agency) followed by
/// a space or the end of the line; returns where the body starts.
fn separator_end(line: &str, p: usize, after_agency: bool) -> Option<usize> {
    let rest = line.get(p..)?;
    let c = rest.chars().next()?;
    let mut e = match c {
        '—' | '–' | '-' | '_' | ':' => p + c.len_utf8(),
        '.' if after_agency => p + 1,
        _ => return None,
    };
    if matches!(c, '—' | '–' | '-') {
        while let Some(n) = line[e..]
            .chars()
            .next()
            .filter(|n| matches!(n, '—' | '–' | '-'))
        {
            e += n.len_utf8();
        }
    }
    match line[e..].chars().next() {
        None => Some(e),
        Some(n) if n.is_whitespace() => {
            let t = line[e..].trim_start();
            Some(line.len() - t.len())
        }
        // `(BUSINESS WIRE)--Text`: a double dash after an agency needs no space.
        Some(_) if after_agency && e - p >= 2 && c != '_' && c != ':' => Some(e),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, dateline, location, agency, date as (month, day, year), body start)
    fn check(
        text: &str,
        dateline: &str,
        location: Option<&str>,
        agency: Option<&str>,
        date: Option<(i8, i8, Option<i32>)>,
        body: &str,
    ) {
        let f = scan(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
        assert_eq!(&text[f.start..f.end], dateline, "dateline of {text:?}");
        assert_eq!(
            f.location.map(|(s, e)| &text[s..e]),
            location,
            "location of {text:?}"
        );
        assert_eq!(
            f.agency.map(|(s, e)| &text[s..e]),
            agency,
            "agency of {text:?}"
        );
        let got = match f.date {
            DatePart::Written(w) => Some((w.month, w.day, w.year)),
            _ => None,
        };
        assert_eq!(got, date, "date of {text:?}");
        assert!(
            text[f.body..].starts_with(body),
            "body of {text:?}: {:?}",
            &text[f.body..]
        );
    }

    const PROSE: &str = "The government said on Monday that the talks would go on.";

    #[test]
    fn seed_and_afp() {
        check(
            "Astana, Kazakhstan-30 October 2017: A fresh round",
            "Astana, Kazakhstan-30 October 2017",
            Some("Astana, Kazakhstan"),
            None,
            Some((10, 30, Some(2017))),
            "A fresh",
        );
        check(
            "Astana, 30 October 2017 (AFP) - Talks",
            "Astana, 30 October 2017 (AFP)",
            Some("Astana"),
            Some("AFP"),
            Some((10, 30, Some(2017))),
            "Talks",
        );
        check(
            "BEIRUT (AFP) - Text",
            "BEIRUT (AFP)",
            Some("BEIRUT"),
            Some("AFP"),
            None,
            "Text",
        );
        check(
            "Washington, Oct 30, 2017 (AFP) - Text",
            "Washington, Oct 30, 2017 (AFP)",
            Some("Washington"),
            Some("AFP"),
            Some((10, 30, Some(2017))),
            "Text",
        );
    }

    #[test]
    fn reuters() {
        check(
            "BAHIA BLANCA, Argentina, Feb 26 - Text",
            "BAHIA BLANCA, Argentina, Feb 26",
            Some("BAHIA BLANCA, Argentina"),
            None,
            Some((2, 26, None)),
            "Text",
        );
        check(
            "LONDON, March 3 (Reuters) - Text",
            "LONDON, March 3 (Reuters)",
            Some("LONDON"),
            Some("Reuters"),
            Some((3, 3, None)),
            "Text",
        );
        check(
            "LONDON (Reuters) - Text",
            "LONDON (Reuters)",
            Some("LONDON"),
            Some("Reuters"),
            None,
            "Text",
        );
    }

    #[test]
    fn ap_and_us_states() {
        check(
            "NEW YORK (AP) — Text",
            "NEW YORK (AP)",
            Some("NEW YORK"),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "SAN FRANCISCO, Calif. (AP) — Text",
            "SAN FRANCISCO, Calif. (AP)",
            Some("SAN FRANCISCO, Calif."),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "WINSTON-SALEM, N.C. (AP) — Text",
            "WINSTON-SALEM, N.C. (AP)",
            Some("WINSTON-SALEM, N.C."),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "SEATTLE, WA (AP) — Text",
            "SEATTLE, WA (AP)",
            Some("SEATTLE, WA"),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "AUSTIN, Texas (AP) — Text",
            "AUSTIN, Texas (AP)",
            Some("AUSTIN, Texas"),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "CHARLESTON, W.Va. (AP) — Text",
            "CHARLESTON, W.Va. (AP)",
            Some("CHARLESTON, W.Va."),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "ST. LOUIS (AP) — Text",
            "ST. LOUIS (AP)",
            Some("ST. LOUIS"),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "UNITED NATIONS (AP) — Text",
            "UNITED NATIONS (AP)",
            Some("UNITED NATIONS"),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "ABOARD AIR FORCE ONE (AP) — Text",
            "ABOARD AIR FORCE ONE (AP)",
            Some("ABOARD AIR FORCE ONE"),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "WASHINGTON (AP) _ Text",
            "WASHINGTON (AP)",
            Some("WASHINGTON"),
            Some("AP"),
            None,
            "Text",
        );
        check(
            "WASHINGTON, Oct. 30 (AP) — Text",
            "WASHINGTON, Oct. 30 (AP)",
            Some("WASHINGTON"),
            Some("AP"),
            Some((10, 30, None)),
            "Text",
        );
    }

    #[test]
    fn other_agencies() {
        check(
            "KHARTOUM, Sudan, Aug. 3 (UPI) -- Text",
            "KHARTOUM, Sudan, Aug. 3 (UPI)",
            Some("KHARTOUM, Sudan"),
            Some("UPI"),
            Some((8, 3, None)),
            "Text",
        );
        check(
            "Beirut, Oct. 30 (Xinhua) -- Text",
            "Beirut, Oct. 30 (Xinhua)",
            Some("Beirut"),
            Some("Xinhua"),
            Some((10, 30, None)),
            "Text",
        );
        check(
            "MOSCOW, November 28. /TASS/. Text",
            "MOSCOW, November 28. /TASS/",
            Some("MOSCOW"),
            Some("TASS"),
            Some((11, 28, None)),
            "Text",
        );
        check(
            "TOKYO (Kyodo) -- Text",
            "TOKYO (Kyodo)",
            Some("TOKYO"),
            Some("Kyodo"),
            None,
            "Text",
        );
        check(
            "WASHINGTON, Jan. 20, 2021 /PRNewswire/ -- Text",
            "WASHINGTON, Jan. 20, 2021 /PRNewswire/",
            Some("WASHINGTON"),
            Some("PRNewswire"),
            Some((1, 20, Some(2021))),
            "Text",
        );
        check(
            "Dhaka, Nov 25 (bdnews24.com) – Text",
            "Dhaka, Nov 25 (bdnews24.com)",
            Some("Dhaka"),
            Some("bdnews24.com"),
            Some((11, 25, None)),
            "Text",
        );
        check(
            "NEW YORK--(BUSINESS WIRE)--Text",
            "NEW YORK--(BUSINESS WIRE)",
            Some("NEW YORK"),
            Some("BUSINESS WIRE"),
            None,
            "Text",
        );
        check(
            "NEW YORK, Oct. 30, 2017 (BUSINESS WIRE)--Text",
            "NEW YORK, Oct. 30, 2017 (BUSINESS WIRE)",
            Some("NEW YORK"),
            Some("BUSINESS WIRE"),
            Some((10, 30, Some(2017))),
            "Text",
        );
        check(
            "New Delhi, Oct 30 (PTI) Text",
            "New Delhi, Oct 30 (PTI)",
            Some("New Delhi"),
            Some("PTI"),
            Some((10, 30, None)),
            "Text",
        );
    }

    #[test]
    fn colon_and_bare_separators() {
        check(
            &format!("ISLAMABAD: {PROSE}"),
            "ISLAMABAD",
            Some("ISLAMABAD"),
            None,
            None,
            "The government",
        );
        check(
            "Lucknow, January 15: Text",
            "Lucknow, January 15",
            Some("Lucknow"),
            None,
            Some((1, 15, None)),
            "Text",
        );
        check(
            &format!("PARIS — {PROSE}"),
            "PARIS",
            Some("PARIS"),
            None,
            None,
            "The",
        );
        check(
            &format!("TOKYO - {PROSE}"),
            "TOKYO",
            Some("TOKYO"),
            None,
            None,
            "The",
        );
        check(
            &format!("CALGARY, Alberta - {PROSE}"),
            "CALGARY, Alberta",
            Some("CALGARY, Alberta"),
            None,
            None,
            "The",
        );
        // The body may begin on the next line.
        check(
            &format!("BERNE -\n{PROSE}"),
            "BERNE",
            Some("BERNE"),
            None,
            None,
            "\nThe",
        );
    }

    #[test]
    fn full_dates() {
        check(
            "DAMASCUS, Syria, Monday, October 30, 2017 — Text",
            "DAMASCUS, Syria, Monday, October 30, 2017",
            Some("DAMASCUS, Syria"),
            None,
            Some((10, 30, Some(2017))),
            "Text",
        );
        check(
            "São Paulo, Brazil, 5 June 2019 — Text",
            "São Paulo, Brazil, 5 June 2019",
            Some("São Paulo, Brazil"),
            None,
            Some((6, 5, Some(2019))),
            "Text",
        );
        check(
            "ATHENS, Sept. 4 - Text",
            "ATHENS, Sept. 4",
            Some("ATHENS"),
            None,
            Some((9, 4, None)),
            "Text",
        );
        check(
            "ATHENS, Sep 4 - Text",
            "ATHENS, Sep 4",
            Some("ATHENS"),
            None,
            Some((9, 4, None)),
            "Text",
        );
        check(
            "ATHENS, September 4th - Text",
            "ATHENS, September 4th",
            Some("ATHENS"),
            None,
            Some((9, 4, None)),
            "Text",
        );
        check(
            "Paris, Tue. Oct. 31 - Text",
            "Paris, Tue. Oct. 31",
            Some("Paris"),
            None,
            Some((10, 31, None)),
            "Text",
        );
    }

    #[test]
    fn names_with_periods_hyphens_accents() {
        check(
            "Port-au-Prince, Haiti, 12 January 2010 — Text",
            "Port-au-Prince, Haiti, 12 January 2010",
            Some("Port-au-Prince, Haiti"),
            None,
            Some((1, 12, Some(2010))),
            "Text",
        );
        check(
            "Bogotá, Oct 3 - Text",
            "Bogotá, Oct 3",
            Some("Bogotá"),
            None,
            Some((10, 3, None)),
            "Text",
        );
        check(
            "Rio de Janeiro, Oct 3 - Text",
            "Rio de Janeiro, Oct 3",
            Some("Rio de Janeiro"),
            None,
            Some((10, 3, None)),
            "Text",
        );
        check(
            "Port-au-Prince-12 January 2010: Text",
            "Port-au-Prince-12 January 2010",
            Some("Port-au-Prince"),
            None,
            Some((1, 12, Some(2010))),
            "Text",
        );
    }

    #[test]
    fn reuters_21578_variants() {
        let d = |m, day| Some((m, day, None));
        check(
            "MONTREAL, Feb 26- Text",
            "MONTREAL, Feb 26",
            Some("MONTREAL"),
            None,
            d(2, 26),
            "Text",
        );
        check(
            "ROME, March 2  - Text",
            "ROME, March 2",
            Some("ROME"),
            None,
            d(3, 2),
            "Text",
        );
        check(
            "RICHMOND, Va. Feb 26 - Text",
            "RICHMOND, Va. Feb 26",
            Some("RICHMOND, Va."),
            None,
            d(2, 26),
            "Text",
        );
        check(
            "NEW YORK, March 9 -- Text",
            "NEW YORK, March 9",
            Some("NEW YORK"),
            None,
            d(3, 9),
            "Text",
        );
        check(
            "WASHINGTON, March 12, Reuter - Text",
            "WASHINGTON, March 12, Reuter",
            Some("WASHINGTON"),
            Some("Reuter"),
            d(3, 12),
            "Text",
        );
        check(
            "AMSTERDAM, 2 March - Text",
            "AMSTERDAM, 2 March",
            Some("AMSTERDAM"),
            None,
            d(3, 2),
            "Text",
        );
        check(
            "****LONDON, March 5 - Text",
            "LONDON, March 5",
            Some("LONDON"),
            None,
            d(3, 5),
            "Text",
        );
        check(
            "c    CHICAGO, March 9 - Text",
            "CHICAGO, March 9",
            Some("CHICAGO"),
            None,
            d(3, 9),
            "Text",
        );
        check(
            "KANSAS CITY, Mo. - March 13 - Text",
            "KANSAS CITY, Mo. - March 13",
            Some("KANSAS CITY, Mo."),
            None,
            d(3, 13),
            "Text",
        );
        check(
            "CHEVY CHASE, Md., - March 4 - Text",
            "CHEVY CHASE, Md., - March 4",
            Some("CHEVY CHASE, Md."),
            None,
            d(3, 4),
            "Text",
        );
        check(
            "CHICAGO, March 4, - Text",
            "CHICAGO, March 4",
            Some("CHICAGO"),
            None,
            d(3, 4),
            "Text",
        );
        check(
            "Hauppauge, N.Y,. March 13 - Text",
            "Hauppauge, N.Y,. March 13",
            Some("Hauppauge, N.Y,."),
            None,
            d(3, 13),
            "Text",
        );
        check(
            "OAKLAND , N.J., March 2 - Text",
            "OAKLAND , N.J., March 2",
            Some("OAKLAND , N.J."),
            None,
            d(3, 2),
            "Text",
        );
        check(
            "JOHANNESBURG March 13 - Text",
            "JOHANNESBURG March 13",
            Some("JOHANNESBURG"),
            None,
            d(3, 13),
            "Text",
        );
        check("APRIL 11 - Text", "APRIL 11", None, None, d(4, 11), "Text");
    }

    #[test]
    fn lower_case_oddities_and_slashes() {
        let d = |m, day| Some((m, day, None));
        check(
            "GRONINGEN, the Netherlands, March 31 - Text",
            "GRONINGEN, the Netherlands, March 31",
            Some("GRONINGEN, the Netherlands"),
            None,
            d(3, 31),
            "Text",
        );
        check(
            "New york, March 2 - Text",
            "New york, March 2",
            Some("New york"),
            None,
            d(3, 2),
            "Text",
        );
        check(
            "des moines, april 7 - Text",
            "des moines, april 7",
            Some("des moines"),
            None,
            d(4, 7),
            "Text",
        );
        check(
            "DALLAS/FORT WORTH, Texas, March 3 - Text",
            "DALLAS/FORT WORTH, Texas, March 3",
            Some("DALLAS/FORT WORTH, Texas"),
            None,
            d(3, 3),
            "Text",
        );
        // Lower-case words need a date: without one they are a sentence.
        assert_eq!(
            scan("New york - The government said on Monday that it would."),
            None
        );
    }

    #[test]
    fn press_release_wires() {
        check(
            "TORONTO, Oct. 30, 2017 /CNW/ - Text",
            "TORONTO, Oct. 30, 2017 /CNW/",
            Some("TORONTO"),
            Some("CNW"),
            Some((10, 30, Some(2017))),
            "Text",
        );
        check(
            "WASHINGTON, Oct. 30, 2017 (GLOBE NEWSWIRE) -- Text",
            "WASHINGTON, Oct. 30, 2017 (GLOBE NEWSWIRE)",
            Some("WASHINGTON"),
            Some("GLOBE NEWSWIRE"),
            Some((10, 30, Some(2017))),
            "Text",
        );
    }

    #[test]
    fn misspelt_dates_keep_the_place() {
        for (text, place) in [
            ("NEW YORK, Narch 2 - Text", "NEW YORK"),
            ("BOSTON, March 187 - Text", "BOSTON"),
            (
                "REGGIO CALABRIA, Italy, April l - Text",
                "REGGIO CALABRIA, Italy",
            ),
            ("CHICAGO, April - Text", "CHICAGO"),
            ("BUENOS AIRES, ABR 7 - Text", "BUENOS AIRES"),
        ] {
            let f = scan(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(f.location.map(|(s, e)| &text[s..e]), Some(place));
            assert_eq!(f.date, DatePart::Unreadable);
        }
    }

    #[test]
    fn not_datelines() {
        for text in [
            "UPDATE: The government said on Monday that the talks would go on.",
            "Editor's note: The government said on Monday that the talks would go on.",
            "NOTE: The government said on Monday that the talks would go on.",
            "WARNING - The government said on Monday that the talks would go on.",
            "CORRECTION - The government said on Monday that the talks would go on.",
            "BAHIA COCOA REVIEW",
            "The minister said: The government said on Monday that the talks would go on.",
            "Police said - The government said on Monday that the talks would go on.",
            "us        7.8015 - 7.8035",
            "WHEAT - No Two Soft Red Winter Jne 129.50 up 1.50       Jly",
            "Bids only - 120 dlrs",
            "SILVER - total 156,708,754 off 323,664.   Chase Manhattan",
            "Mar       ---    ---    ---",
            "MAY7    --",
            "HONG KONG EXCHS NOON - APR 7",
            "ROTTERDAM GRAINS - APR 7 Sellers rulling at 1200 local time in",
            "MONDAY - The government said on Monday that the talks would go on.",
            "FILE - In this Oct. 30, 2017 file photo, the minister speaks to the press.",
            "SPORTS - The team said on Monday that the coach would stay on.",
            "WATCH: The minister said on Monday that the talks would go on.",
            "Police said, March 3 - The government said on Monday that the talks would go on.",
            "",
            "-",
            "(AP) — Text",
        ] {
            let f = scan(text);
            assert!(
                f.is_none_or(|f| f.location.is_none()),
                "false dateline in {text:?}: {f:?}"
            );
        }
    }

    #[test]
    fn long_lines_and_odd_chars_do_not_panic() {
        let long = "A".repeat(1000);
        assert_eq!(scan(&long), None);
        let accents = "É".repeat(300);
        assert_eq!(scan(&accents), None);
        let _ = scan("Ü, März 3 - é");
        let _ = scan("ÉÉÉ (ééééééééééééééééééééééééééééééééééééé");
    }
}
