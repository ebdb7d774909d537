//! Dates: month and weekday names, dates written in datelines and in paths.

use jiff::civil::Date;

/// Years outside this range are treated as noise, not dates.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// A date as a dateline writes it; the year is often left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    pub month: i8,
    pub day: i8,
    pub year: Option<i32>,
}

/// English month names and the abbreviations wire styles use (AP, Reuters, Indian desks).
const MONTHS: [(&str, i8); 24] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: [&str; 18] = [
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
    "sund",
];

/// The month number of an English month name or abbreviation, in any case.
pub(crate) fn month_number(word: &str) -> Option<i8> {
    // Most words are told apart by length and first letter, before the table.
    let first = word.as_bytes().first()?.to_ascii_uppercase();
    if !(3..=9).contains(&word.len()) || !b"JFMASOND".contains(&first) {
        return None;
    }
    MONTHS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))
        .map(|&(_, n)| n)
}

/// Whether `word` is an English weekday name or abbreviation, in any case.
pub(crate) fn is_weekday(word: &str) -> bool {
    let first = word.as_bytes().first().map(u8::to_ascii_uppercase);
    if !(3..=9).contains(&word.len()) || !first.is_some_and(|f| b"MTWFS".contains(&f)) {
        return false;
    }
    WEEKDAYS.iter().any(|name| name.eq_ignore_ascii_case(word))
}

/// A valid civil date with a plausible year, or None.
pub(crate) fn make(year: i32, month: i8, day: i8) -> Option<Date> {
    if !YEARS.contains(&year) {
        return None;
    }
    let year = i16::try_from(year).ok()?;
    Date::new(year, month, day).ok()
}

/// Completes a written date: its own year, else the path's year, one earlier when the
/// dateline's month is later than the path's (a December story filed under January).
pub(crate) fn complete(w: Written, reference: Option<Date>) -> Option<Date> {
    match w.year {
        Some(y) => make(y, w.month, w.day),
        None => {
            let r = reference?;
            let year = i32::from(r.year()) - i32::from(w.month > r.month());
            make(year, w.month, w.day)
        }
    }
}

/// The first date in a path written as `YYYY/MM/DD`, `YYYY-MM-DD` or `YYYYMMDD`.
pub(crate) fn from_path(path: &str) -> Option<Date> {
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run_end = digits_end(b, i);
        let run = run_end - i;
        let found = if run == 8 {
            ymd(&b[i..i + 4], &b[i + 4..i + 6], &b[i + 6..i + 8])
        } else if run == 4 {
            separated(b, i, run_end)
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
        i = run_end;
    }
    None
}

/// `YYYY<sep>MM<sep>DD` starting at `start` (the year spans `start..year_end`).
fn separated(b: &[u8], start: usize, year_end: usize) -> Option<Date> {
    let sep = *b.get(year_end)?;
    if !matches!(sep, b'/' | b'-' | b'\\') {
        return None;
    }
    let m0 = year_end + 1;
    let m1 = digits_end(b, m0);
    if m1 - m0 != 2 || b.get(m1) != Some(&sep) {
        return None;
    }
    let d0 = m1 + 1;
    let d1 = digits_end(b, d0);
    if d1 - d0 != 2 {
        return None;
    }
    ymd(&b[start..year_end], &b[m0..m1], &b[d0..d1])
}

fn digits_end(b: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

fn number(digits: &[u8]) -> i32 {
    digits
        .iter()
        .fold(0i32, |n, d| n * 10 + i32::from(d - b'0'))
}

fn ymd(y: &[u8], m: &[u8], d: &[u8]) -> Option<Date> {
    let month = i8::try_from(number(m)).ok()?;
    let day = i8::try_from(number(d)).ok()?;
    make(number(y), month, day)
}

/// Parses a written date at byte `at` of `s`: `[Weekday[.][,] ](Month[.] D | D Month[.])[[,] YYYY]`.
/// Returns the date and the byte just after it (after a final period, if any).
pub(crate) fn parse_written(s: &str, at: usize) -> Option<(Written, usize)> {
    let mut p = at;
    if let Some(e) = alpha_end(s, p)
        && is_weekday(&s[p..e])
    {
        let mut q = eat(s, e, b'.');
        q = eat(s, q, b',');
        let r = spaces_end(s, q);
        if r == q {
            return None;
        }
        p = r;
    }
    let (month, day, mut end) = if let Some(e) = alpha_end(s, p) {
        let month = month_number(&s[p..e])?;
        let q = eat(s, e, b'.');
        let r = spaces_end(s, q);
        if r == q && q == e {
            return None;
        }
        let (day, de) = day_at(s, r)?;
        (month, day, de)
    } else {
        let (day, de) = day_at(s, p)?;
        let r = spaces_end(s, de);
        if r == de {
            return None;
        }
        let me = alpha_end(s, r)?;
        let month = month_number(&s[r..me])?;
        (month, day, eat(s, me, b'.'))
    };
    let mut year = None;
    let q = eat(s, end, b',');
    let r = spaces_end(s, q);
    if r > end
        && let Some((y, ye)) = year_at(s, r)
    {
        year = Some(y);
        end = ye;
    }
    // "MOSCOW, November 28. /TASS/." keeps the period with the date.
    if s.as_bytes().get(end) == Some(&b'.')
        && s.as_bytes()
            .get(end + 1)
            .is_none_or(|c| c.is_ascii_whitespace())
    {
        end += 1;
    }
    Some((Written { month, day, year }, end))
}

/// A day of the month (1 or 2 digits, optional English ordinal suffix) ending at a word boundary.
fn day_at(s: &str, p: usize) -> Option<(i8, usize)> {
    let b = s.as_bytes();
    let e = digits_end(b, p);
    if e == p || e - p > 2 {
        return None;
    }
    let day = i8::try_from(number(&b[p..e])).ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let mut end = e;
    if let Some(ae) = alpha_end(s, e) {
        let suffix = &s[e..ae];
        if ["st", "nd", "rd", "th"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(suffix))
        {
            end = ae;
        } else {
            return None;
        }
    }
    Some((day, end))
}

/// A four-digit number ending at a word boundary.
fn year_at(s: &str, p: usize) -> Option<(i32, usize)> {
    let b = s.as_bytes();
    let e = digits_end(b, p);
    if e - p != 4 || alpha_end(s, e).is_some() {
        return None;
    }
    Some((number(&b[p..e]), e))
}

/// End of the run of letters starting at `p`, None when `p` is not at a letter.
pub(crate) fn alpha_end(s: &str, p: usize) -> Option<usize> {
    let rest = s.get(p..)?;
    let mut end = p;
    for (i, c) in rest.char_indices() {
        if !c.is_alphabetic() {
            break;
        }
        end = p + i + c.len_utf8();
    }
    (end > p).then_some(end)
}

fn eat(s: &str, p: usize, byte: u8) -> usize {
    if s.as_bytes().get(p) == Some(&byte) {
        p + 1
    } else {
        p
    }
}

/// End of a run of spaces and tabs (at most a few: wider gaps are table columns).
pub(crate) fn spaces_end(s: &str, p: usize) -> usize {
    let b = s.as_bytes();
    let mut e = p;
    while e < b.len() && e - p < 4 && matches!(b[e], b' ' | b'\t') {
        e += 1;
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Option<Date> {
        Date::new(y, m, day).ok()
    }

    #[test]
    fn path_forms() {
        assert_eq!(from_path("2017/10/30/astana-talks.txt"), d(2017, 10, 30));
        assert_eq!(from_path("1987-02-26/1.txt"), d(1987, 2, 26));
        assert_eq!(from_path("archive/x20190605y.txt"), d(2019, 6, 5));
        assert_eq!(from_path("a\\2001\\09\\11\\b.txt"), d(2001, 9, 11));
        assert_eq!(from_path("news/2017/10/story.txt"), None);
        assert_eq!(from_path("1.txt"), None);
        assert_eq!(from_path("123456789/2017-02-30/x.txt"), None);
        assert_eq!(from_path("1700-01-01/x.txt"), None);
        assert_eq!(from_path("2017-13-01/x.txt"), None);
        assert_eq!(from_path("2017-1-1/2018-01-02.txt"), d(2018, 1, 2));
    }

    #[test]
    fn written_forms() {
        let w = |s: &str| parse_written(s, 0).map(|(w, _)| (w.month, w.day, w.year));
        assert_eq!(w("Feb 26 -"), Some((2, 26, None)));
        assert_eq!(w("Oct. 30, 2017 —"), Some((10, 30, Some(2017))));
        assert_eq!(w("30 October 2017:"), Some((10, 30, Some(2017))));
        assert_eq!(w("Monday, October 30, 2017"), Some((10, 30, Some(2017))));
        assert_eq!(w("Sept. 3"), Some((9, 3, None)));
        assert_eq!(w("Sep 3"), Some((9, 3, None)));
        assert_eq!(w("September 3rd"), Some((9, 3, None)));
        assert_eq!(w("MARCH  23 -"), Some((3, 23, None)));
        assert_eq!(w("2 March -"), Some((3, 2, None)));
        assert_eq!(w("March 187 -"), None);
        assert_eq!(w("Mayor 3"), None);
        assert_eq!(w("MAY7"), None);
        assert_eq!(w("March 32"), None);
        assert_eq!(w("Monday -"), None);
    }

    #[test]
    fn completion_and_rollback() {
        let w = |month, day, year| Written { month, day, year };
        let jan2 = d(1988, 1, 2);
        assert_eq!(complete(w(12, 31, None), jan2), d(1987, 12, 31));
        assert_eq!(complete(w(1, 1, None), jan2), d(1988, 1, 1));
        assert_eq!(complete(w(3, 5, None), None), None);
        assert_eq!(complete(w(10, 30, Some(2017)), None), d(2017, 10, 30));
        assert_eq!(complete(w(2, 30, Some(2017)), None), None);
        assert_eq!(complete(w(2, 29, None), d(1987, 3, 1)), None);
        assert_eq!(complete(w(1, 1, Some(1799)), None), None);
        assert_eq!(complete(w(1, 1, Some(2201)), None), None);
        assert_eq!(complete(w(1, 1, Some(2200)), None), d(2200, 1, 1));
    }
}
