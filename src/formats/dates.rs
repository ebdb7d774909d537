//! Dates as structured formats write them: ISO 8601 / RFC 3339 (`2019-03-11T14:30:00Z`), the
//! NITF basic form (`20151210T191044Z`), RFC 2822 (`Tue, 10 Dec 2015 19:10:44 +0000`) and Unix
//! timestamps. The date is taken as written, in the writer's own time zone.

use jiff::civil::Date;

use crate::dispatch::{date_in, plausible_date};

/// Seconds since the epoch above this are taken as milliseconds (from 5138 on as seconds).
const MILLIS_FROM: i64 = 100_000_000_000;

/// The date a structured field writes, when it writes one.
pub(super) fn parse(text: &str) -> Option<Date> {
    let text = text.trim();
    // The date must open the field: `Issue 2019-03` is not a date.
    if text.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        let first = text.split(['T', ' ', 't']).next().unwrap_or(text);
        if let Some(date) = date_in(first).filter(|_| first.len() <= 10) {
            return Some(date);
        }
    }
    let zoned = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_zoned(text)
        .ok()?;
    plausible_date(i32::from(zoned.year()), zoned.month(), zoned.day())
}

/// The date of a Unix timestamp in seconds (or milliseconds), in UTC.
pub(super) fn from_timestamp(value: i64) -> Option<Date> {
    let seconds = if value.abs() >= MILLIS_FROM {
        value / 1000
    } else {
        value
    };
    let date = jiff::Timestamp::from_second(seconds)
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    plausible_date(i32::from(date.year()), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn structured_dates_in_their_usual_forms() {
        let d = Some(date(2015, 12, 10));
        assert_eq!(parse("2015-12-10T19:10:44Z"), d);
        assert_eq!(parse("2015-12-10T23:10:44-05:00"), d);
        assert_eq!(parse("2015-12-10"), d);
        assert_eq!(parse(" 20151210T191044Z "), d);
        assert_eq!(parse("20151210"), d);
        assert_eq!(parse("2015-12-10 19:10:44"), d);
        assert_eq!(parse("Thu, 10 Dec 2015 19:10:44 +0000"), d);
        assert_eq!(parse("10 Dec 2015 19:10:44 GMT"), d);
    }

    #[test]
    fn what_is_not_a_date_gives_none() {
        assert_eq!(parse(""), None);
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("2015-13-40"), None);
        assert_eq!(parse("1700-01-01"), None);
        assert_eq!(parse("Issue 2015-12-10"), None);
        assert_eq!(parse("201512101200"), None);
    }

    #[test]
    fn timestamps_in_seconds_or_milliseconds() {
        assert_eq!(from_timestamp(1_449_774_644), Some(date(2015, 12, 10)));
        assert_eq!(from_timestamp(1_449_774_644_000), Some(date(2015, 12, 10)));
        assert_eq!(from_timestamp(i64::MAX), None);
    }
}
