//! Dates typed on the command line: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the start or end of a range.

use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::index::document::INDEXABLE_YEARS;

/// Which end of a range a typed date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    /// `--from`: the first day of the period typed.
    Start,
    /// `--to`: the last day of the period typed.
    End,
}

/// Reads a typed date as the first or last day of the year, month or day it names.
pub fn parse_bound(input: &str, end: RangeEnd) -> Result<Date> {
    let bad = |reason: &str| Error::BadDate {
        input: input.to_string(),
        reason: reason.to_string(),
    };
    let parts: Vec<&str> = input.trim().split('-').collect();
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(bad("not a date"));
    }
    if parts.iter().any(|p| !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad("not a date"));
    }
    let number = |s: &str, what: &str| s.parse::<i64>().map_err(|_| bad(what));
    let year = number(parts[0], "invalid year")?;
    let years = INDEXABLE_YEARS;
    if parts[0].len() != 4 || !(i64::from(*years.start())..=i64::from(*years.end())).contains(&year)
    {
        return Err(bad(&format!(
            "year out of range {}..={}",
            years.start(),
            years.end()
        )));
    }
    let year = i16::try_from(year).map_err(|_| bad("invalid year"))?;
    let month = match parts.get(1) {
        Some(m) => {
            let m = number(m, "invalid month")?;
            if !(1..=12).contains(&m) {
                return Err(bad("invalid month"));
            }
            Some(i8::try_from(m).map_err(|_| bad("invalid month"))?)
        }
        None => None,
    };
    let day = match parts.get(2) {
        Some(d) => Some(i8::try_from(number(d, "invalid day")?).map_err(|_| bad("invalid day"))?),
        None => None,
    };
    match (month, day, end) {
        (None, _, RangeEnd::Start) => Date::new(year, 1, 1).map_err(|_| bad("invalid date")),
        (None, _, RangeEnd::End) => Date::new(year, 12, 31).map_err(|_| bad("invalid date")),
        (Some(m), None, RangeEnd::Start) => Date::new(year, m, 1).map_err(|_| bad("invalid date")),
        (Some(m), None, RangeEnd::End) => Date::new(year, m, 1)
            .map(|d| d.last_of_month())
            .map_err(|_| bad("invalid date")),
        (Some(m), Some(d), _) => {
            Date::new(year, m, d).map_err(|_| bad("no such day in that month"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_expand_to_their_first_and_last_day() {
        assert_eq!(
            parse_bound("2017", RangeEnd::Start).unwrap(),
            date(2017, 1, 1)
        );
        assert_eq!(
            parse_bound("2017", RangeEnd::End).unwrap(),
            date(2017, 12, 31)
        );
        assert_eq!(
            parse_bound("2017-10", RangeEnd::End).unwrap(),
            date(2017, 10, 31)
        );
        assert_eq!(
            parse_bound("2024-02", RangeEnd::End).unwrap(),
            date(2024, 2, 29)
        );
        assert_eq!(
            parse_bound("2017-11-15", RangeEnd::Start).unwrap(),
            date(2017, 11, 15)
        );
    }

    #[test]
    fn wrong_dates_are_refused_with_a_reason() {
        for (input, reason) in [
            ("2024-13-01", "invalid month"),
            ("2024-02-30", "no such day"),
            ("99999", "out of range"),
            ("1600", "out of range"),
            ("yesterday", "not a date"),
            ("2024-", "not a date"),
            ("-2024", "not a date"),
        ] {
            let err = parse_bound(input, RangeEnd::Start).unwrap_err().to_string();
            assert!(err.contains(reason), "{input}: {err}");
        }
    }
}
