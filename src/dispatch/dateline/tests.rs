//! Unit tests of the dateline scanner: every row of the specification in [`cases`], then the
//! scanner's own limits.

use super::cases::{CASES, Case, Expect, When};
use super::*;

/// The date part as the specification writes it.
fn when(date: DatePart) -> When {
    match date {
        DatePart::Absent => When::NoDate,
        DatePart::Written(w) => match w.year {
            Some(y) => When::Mdy(w.month, w.day, y),
            None => When::Md(w.month, w.day),
        },
        DatePart::Unreadable => When::Unreadable,
    }
}

/// Checks one row; returns what went wrong.
fn check(case: &Case) -> Result<(), String> {
    let text = case.text;
    let found = scan(text);
    match (case.expect, found) {
        (
            Expect::Dateline {
                dateline,
                location,
                date,
                agency,
                body,
            },
            Some(f),
        ) => {
            let got = (
                &text[f.start..f.end],
                f.location.map(|(s, e)| &text[s..e]),
                when(f.date),
                f.agency.map(|(s, e)| &text[s..e]),
            );
            if got != (dateline, location, date, agency) {
                return Err(format!(
                    "want {:?}, got {got:?}",
                    (dateline, location, date, agency)
                ));
            }
            if !text[f.body..].starts_with(body) {
                return Err(format!("body {:?}", &text[f.body..]));
            }
            if f.undated != (location.is_none() && date == When::NoDate) {
                return Err(format!("undated is {}", f.undated));
            }
            Ok(())
        }
        (Expect::Dateline { .. }, None) => Err("no dateline".to_string()),
        (Expect::Not { .. }, None) | (Expect::NotInContext { .. }, Some(_)) => Ok(()),
        (Expect::Not { .. }, Some(f)) => Err(format!("false dateline {f:?}")),
        (Expect::NotInContext { .. }, None) => {
            Err("the shape itself is not read (its context is for dispatch::parse)".to_string())
        }
    }
}

#[test]
fn every_case_of_the_specification() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|case| {
            check(case)
                .err()
                .map(|e| format!("[{}] {:?}: {e}", case.style, case.text))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn the_specification_covers_both_kinds_and_every_style_has_a_reason() {
    let negatives = CASES
        .iter()
        .filter(|c| !matches!(c.expect, Expect::Dateline { .. }))
        .count();
    assert!(negatives >= 40 && CASES.len() - negatives >= 100);
    for case in CASES {
        if let Expect::Not { reason } | Expect::NotInContext { reason } = case.expect {
            assert!(!reason.is_empty(), "no reason for {:?}", case.text);
        }
    }
}

#[test]
fn place_words_are_bounded() {
    // Six words of a city need an agency's credit beyond six.
    assert!(scan("ONE TWO THREE FOUR FIVE SIX SEVEN, March 3 - Text").is_none());
    assert!(scan("ONE TWO THREE FOUR FIVE SIX SEVEN (AP) _ Text").is_some());
    assert!(scan("A B C D E F G H I J K (AP) _ Text").is_none());
    // A number in a place needs a date or an agency.
    assert!(scan("ROUTE 9 _ The road was closed on Monday after the floods.").is_none());
    assert!(scan("ROUTE 9, March 3 - The road was closed on Monday.").is_some());
}

#[test]
fn long_lines_and_odd_chars_do_not_panic() {
    let long = "A".repeat(1000);
    assert_eq!(scan(&long), None);
    let accents = "É".repeat(300);
    assert_eq!(scan(&accents), None);
    let _ = scan("Ü, März 3 - é");
    let _ = scan("ÉÉÉ (ééééééééééééééééééééééééééééééééééééé");
    let _ = scan("É (É");
    let _ = scan("É (Éé) _");
    let _ = scan("q ");
    let _ = scan("SITE 2");
}
