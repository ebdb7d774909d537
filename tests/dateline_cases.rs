//! `dateline::dispatch::parse` end to end: every row of the dateline specification
//! (`src/dispatch/dateline/cases.rs`, which the scanner's unit tests check too), the text
//! around a dateline that decides whether it is the dispatch's, and property tests.

use dateline::dispatch::{Dispatch, parse};
use jiff::civil::Date;
use proptest::prelude::*;

#[path = "../src/dispatch/dateline/cases.rs"]
mod cases;

use cases::{CASES, Case, Expect, When};

const BODY: &str = "The government said on Monday that the talks would go on for two more days.";

fn date(s: &str) -> Date {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// The path a case is filed under, and the date the dispatch must then have: the dateline's
/// own, completed with the path's year; the path's when the dateline has none; none when the
/// dateline's cannot be read. Not-datelines are filed on 2001-06-15.
fn filing(case: &Case) -> (String, Option<Date>) {
    let when = match case.expect {
        Expect::Dateline { date, .. } => date,
        Expect::Not { .. } | Expect::NotInContext { .. } => When::NoDate,
    };
    let (y, m, d) = match when {
        When::Md(m, d) => (2001, m, d),
        When::Mdy(m, d, y) => (y, m, d),
        When::NoDate | When::Unreadable => (2001, 6, 15),
    };
    let path = format!("{y}/{m:02}/{d:02}/x.txt");
    let want = (when != When::Unreadable).then(|| date(&format!("{y}-{m:02}-{d:02}")));
    (path, want)
}

/// Checks one row through `parse`, alone and after a headline; returns what went wrong.
fn check(case: &Case) -> Result<(), String> {
    let (path, want_date) = filing(case);
    for headline in [None, Some("A headline")] {
        let text = match headline {
            Some(h) => format!("{h}\n\n{}", case.text),
            None => case.text.to_string(),
        };
        let got = parse(&text, &path);
        let context = if headline.is_some() {
            " after a headline"
        } else {
            ""
        };
        match case.expect {
            Expect::Dateline {
                dateline,
                location,
                agency,
                body,
                ..
            } => {
                let fields = (
                    got.meta.dateline.as_deref(),
                    got.meta.location.as_deref(),
                    got.meta.date,
                    got.meta.agency.as_deref(),
                    got.meta.headline.as_deref(),
                );
                let want = (Some(dateline), location, want_date, agency, headline);
                if fields != want {
                    return Err(format!("{context}: want {want:?}, got {fields:?}"));
                }
                if !got.body.starts_with(body.trim_start()) {
                    return Err(format!("{context}: body {:?}", got.body));
                }
                if got.disagreeing_path_date.is_some() {
                    return Err(format!("{context}: dates disagree: {got:?}"));
                }
            }
            Expect::Not { .. } | Expect::NotInContext { .. } => {
                let fields = (
                    got.meta.dateline.as_deref(),
                    got.meta.location.as_deref(),
                    got.meta.date,
                );
                if fields != (None, None, want_date) {
                    return Err(format!("{context}: false dateline {fields:?}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn every_case_of_the_specification() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|case| {
            check(case)
                .err()
                .map(|e| format!("[{}] {:?}{e}", case.style, case.text))
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
fn a_december_dateline_filed_in_january_is_of_the_year_before() {
    let got = parse(&format!("TOKYO, Dec 31 - {BODY}"), "1988/01/02/x.txt");
    assert_eq!(got.meta.date, Some(date("1987-12-31")));
    assert_eq!(got.disagreeing_path_date, Some(date("1988-01-02")));
}

#[test]
fn a_dateline_disagreeing_with_the_path_keeps_its_date_and_notes_the_path() {
    // A wire's typo or a story filed days later: the dateline's date stands, the path's is kept.
    let got = parse(&format!("TOKYO, May 2 (AFP) - {BODY}"), "2001/05/04/x.txt");
    assert_eq!(got.meta.date, Some(date("2001-05-02")));
    assert_eq!(got.disagreeing_path_date, Some(date("2001-05-04")));
    // Agreeing, without a date in the dateline, or without one in the path: nothing to note.
    for (text, path) in [
        (format!("TOKYO, May 4 (AFP) - {BODY}"), "2001/05/04/x.txt"),
        (format!("TOKYO (AFP) - {BODY}"), "2001/05/04/x.txt"),
        (format!("TOKYO, May 2 (AFP) - {BODY}"), "x.txt"),
        (BODY.to_string(), "2001/05/04/x.txt"),
    ] {
        assert_eq!(parse(&text, path).disagreeing_path_date, None, "{text:?}");
    }
}

#[test]
fn wire_furniture_before_the_dateline_is_skipped() {
    let note = format!("Eds: Updates with vote; {}", "adds reaction, ".repeat(25));
    for (text, headline) in [
        // A note to editors longer than the reach of a dateline.
        (format!("{note}\n\nWASHINGTON (AP) _ {BODY}"), None),
        (
            format!("EDITOR'S NOTE _ {BODY}\n\nWASHINGTON (AP) _ {BODY}"),
            None,
        ),
        // A byline line, a rule, a stray letter between headline and dateline.
        (
            format!("Title\n\nAP Business Writer=\n\nWASHINGTON (AP) _ {BODY}"),
            Some("Title"),
        ),
        (
            format!("Title\n\n--_\n\nWASHINGTON (AP) _ {BODY}"),
            Some("Title"),
        ),
        (
            format!("Title\n\nL\n\nWASHINGTON (AP) _ {BODY}"),
            Some("Title"),
        ),
        // AP slug lines, alone or above a note to editors, before the headline.
        (
            format!(
                "BC-Vote-Count, 2nd Ld-Writethru\nEds: Updates with final count.\n\n\
                 Senate passes budget\n\nWASHINGTON (AP) _ {BODY}"
            ),
            Some("Senate passes budget"),
        ),
        (
            format!("^AM-Vote-Count,0415^\n\nSenate passes budget\n\nWASHINGTON (AP) _ {BODY}"),
            Some("Senate passes budget"),
        ),
    ] {
        let got = parse(&text, "1989/03/01/x.txt");
        assert_eq!(got.meta.location.as_deref(), Some("WASHINGTON"), "{text:?}");
        assert_eq!(got.meta.headline.as_deref(), headline, "{text:?}");
        assert!(got.body.starts_with("The government"), "{text:?}");
    }
    // Without a dateline, a text opening with furniture has no title: nothing is dropped.
    let text = format!("Eds: Updates\n\n{BODY}\nMore.");
    assert_eq!(parse(&text, "").body, text);
}

#[test]
fn a_dateline_after_a_second_headline_or_an_introduction() {
    let intro = "The writer covered the war for ten years and returned this spring for the first \
                 time since it ended, travelling with a group of veterans who wanted to see the \
                 places where they had fought, and to meet the men they had fought against.";
    for (second, want) in [
        ("Rival Militias Swap Prisoners", Some("BEIRUT, Lebanon")),
        (intro, Some("BEIRUT, Lebanon")),
    ] {
        let text = format!("Headline\n\n{second}\n\nBEIRUT, Lebanon (AP) _ {BODY}");
        let got = parse(&text, "1989/03/01/x.txt");
        assert_eq!(got.meta.location.as_deref(), want, "{second:?}");
    }
    // After an introduction, only a dateline crediting an agency opens the story; after a
    // paragraph of several lines the story has begun.
    let text = format!("Headline\n\n{intro}\n\nPARLIAMENT _ {BODY}");
    assert_eq!(parse(&text, "").meta.location, None);
    let text = format!("Headline\n\n{BODY}\n{BODY}\n\nBEIRUT, Lebanon (AP) _ {BODY}");
    assert_eq!(parse(&text, "").meta.location, None);
}

#[test]
fn lines_after_the_dateline_do_not_replace_it() {
    // A chronology or a transcript after the dateline's paragraph.
    for second in [
        "March 16 _ Three men are indicted on charges of conspiracy.",
        "PETE SMITH (Defense Department Spokesman): Good afternoon, ladies and gentlemen.",
        "SMITH: Good afternoon, ladies and gentlemen, and welcome to the briefing.",
    ] {
        let text = format!("WASHINGTON (AP) _ Here is a chronology of the case.\n\n{second}");
        let got = parse(&text, "1989/02/15/x.txt");
        assert_eq!(
            got.meta.location.as_deref(),
            Some("WASHINGTON"),
            "{second:?}"
        );
        assert_eq!(got.meta.date, Some(date("1989-02-15")), "{second:?}");
    }
    // A place beats a date alone, before or after it.
    let text = format!("MARCH 3 - {BODY}\n\nLONDON, March 3 - {BODY}");
    assert_eq!(
        parse(&text, "1987/03/03/x").meta.location.as_deref(),
        Some("LONDON")
    );
}

#[test]
fn the_entries_of_an_introduced_list_are_not_datelines() {
    for intro in [
        "Here are the major business events scheduled for the coming week:",
        "Among developments on the science front:",
        "Editors: The following story is moving now:",
    ] {
        for entry in [
            "NEW YORK _ The toy fair opens with a protest against war toys.",
            "CHICAGO (AP) _ New research shows that the clinics are closing.",
        ] {
            let text = format!("Headline\n\n{intro}\n\n{entry}");
            let got = parse(&text, "1989/03/01/x.txt");
            assert_eq!(got.meta.location, None, "{text:?}");
            assert_eq!(got.meta.date, Some(date("1989-03-01")));
        }
    }
}

#[test]
fn interviews_and_transcripts_have_no_dateline() {
    for text in [
        "WASHN: to go.\n\nQ: Will you bring the troops home by Christmas?\n\nA: I hope so.",
        "WASHN: did so.\n\nSULLIVAN: Now, sir, in the spring you were at the council?\n\nNORTH: Yes.",
        "ST. MARTIN: military consequences.\n\nBUSH: May I just add one word, Mr. President?",
        "WASHN: could take.\n\nQ. May I follow up, Mr. President?\n\nQ. Mr. President _",
    ] {
        let got = parse(text, "1989/04/07/x.txt");
        assert_eq!(
            (got.meta.dateline, got.meta.location),
            (None, None),
            "{text:?}"
        );
    }
}

#[test]
fn a_date_alone_is_a_dateline_only_near_the_filing_date() {
    let got = parse(&format!("APRIL 11 - {BODY}"), "1987/04/07/x.txt");
    assert_eq!(got.meta.date, Some(date("1987-04-11")));
    assert_eq!(got.meta.dateline.as_deref(), Some("APRIL 11"));
    let got = parse(&format!("APRIL 30 - {BODY}"), "1987/04/07/x.txt");
    assert_eq!(
        (got.meta.dateline, got.meta.date),
        (None, Some(date("1987-04-07")))
    );
    // Without a filing date there is nothing to hold it against.
    let got = parse(&format!("March 3, 1985 -- {BODY}"), "x.txt");
    assert_eq!(got.meta.date, Some(date("1985-03-03")));
}

#[test]
fn all_caps_headline_is_not_the_dateline() {
    let text =
        format!("ROTTERDAM PORT SUBSIDY TO END JULY 1 - MINISTER\n\nROTTERDAM, March 5 - {BODY}");
    let got = parse(&text, "1987-03-05/1.txt");
    assert_eq!(got.meta.location.as_deref(), Some("ROTTERDAM"));
    assert_eq!(got.meta.date, Some(date("1987-03-05")));
    assert_eq!(
        got.meta.headline.as_deref(),
        Some("ROTTERDAM PORT SUBSIDY TO END JULY 1 - MINISTER")
    );

    let text = format!("U.S. SUGAR IMPORTS DOWN IN WEEK - USDA\n\nWASHINGTON, Feb 26 - {BODY}");
    assert_eq!(
        parse(&text, "").meta.location.as_deref(),
        Some("WASHINGTON")
    );
}

#[test]
fn trailing_boilerplate_only_at_the_end() {
    let text = format!(
        "LONDON (Reuters) - Comments were few. Leave a Comment, he said.\nAdvertisement\n{BODY}\nComments\nLeave a Comment\nShare this article\n Reuter\n"
    );
    let got = parse(&text, "");
    assert_eq!(
        got.body,
        format!("Comments were few. Leave a Comment, he said.\nAdvertisement\n{BODY}")
    );
}

#[test]
fn seed_dispatch() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed-dispatch");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipped: ../shared not present");
        return;
    };
    let mut seen = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let got = parse(&text, &name);
        assert_eq!(got.meta.location.as_deref(), Some("Astana, Kazakhstan"));
        assert_eq!(got.meta.date, Some(date("2017-10-30")));
        assert_eq!(got.meta.agency.as_deref(), Some("AFP"));
        let headline = got.meta.headline.unwrap_or_default();
        assert!(
            !headline.is_empty() && !headline.contains("— AFP"),
            "{headline:?}"
        );
        assert!(!got.body.ends_with("Leave a Comment") && !got.body.ends_with("Comments"));
        assert!(!got.body.is_empty());
        seen += 1;
    }
    if seen == 0 {
        eprintln!("skipped: ../shared not present");
    }
}

/// Text made of dateline-ish fragments, to reach deep into the scanner.
fn fragments() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("LONDON".to_string()),
        Just("São Paulo".to_string()),
        Just("ST. LOUIS".to_string()),
        Just("N.C.".to_string()),
        Just(", ".to_string()),
        Just(" ".to_string()),
        Just("March".to_string()),
        Just("Feb. 30".to_string()),
        Just(" 3".to_string()),
        Just("31".to_string()),
        Just(", 2017".to_string()),
        Just(" 1799".to_string()),
        Just("Monday, ".to_string()),
        Just(" - ".to_string()),
        Just("-".to_string()),
        Just(" — ".to_string()),
        Just("–".to_string()),
        Just(": ".to_string()),
        Just("(AP)".to_string()),
        Just("/TASS/".to_string()),
        Just("(".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\u{feff}".to_string()),
        Just("****".to_string()),
        Just("The text said".to_string()),
        Just("Comments".to_string()),
        Just(" Reuter\n".to_string()),
        "\\PC{0,8}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        (1700i32..2300, 0u32..14, 0u32..33)
            .prop_map(|(y, m, d)| format!("{y:04}/{m:02}/{d:02}/x.txt")),
        (1700i32..2300, 0u32..14, 0u32..33)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}/1.txt")),
        (1700i32..2300, 0u32..14, 0u32..33)
            .prop_map(|(y, m, d)| format!("a/{y:04}{m:02}{d:02}.txt")),
        "\\PC{0,30}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![fragments(), "\\PC{0,400}", any::<String>()]
}

fn in_range(d: &Dispatch) -> bool {
    d.meta
        .date
        .is_none_or(|d| (1800..=2200).contains(&d.year()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_and_dates_are_plausible(t in text(), p in path()) {
        let d = parse(&t, &p);
        prop_assert!(in_range(&d));
    }

    #[test]
    fn line_endings_and_bom_do_not_matter(t in text(), p in path()) {
        let lf = parse(&t, &p);
        let crlf = parse(&t.replace('\n', "\r\n"), &p);
        prop_assert_eq!(&lf, &crlf);
        let bom = parse(&format!("\u{feff}{t}"), &p);
        prop_assert_eq!(&lf, &bom);
    }
}

#[test]
fn a_lead_may_open_with_a_figure() {
    for (text, location) in [
        (
            "Bus crash\n\nNAIROBI — 33 people were killed when a bus left the road on Sunday, police said.",
            "NAIROBI",
        ),
        (
            "LONDON: 223 million voters are expected at the polls in what officials call a record turnout.",
            "LONDON",
        ),
    ] {
        let got = parse(text, "2017/10/30/x.txt");
        assert_eq!(got.meta.location.as_deref(), Some(location), "{text:?}");
        assert_eq!(got.meta.date, Some(date("2017-10-30")));
    }
    // Table rows open with figures too: they stay rows.
    for row in [
        "COPPER - 1,234 tonnes up 5 from 1,229 last week",
        "SILVER - 156,708,754 ounces in stocks, down 2.5 pct",
    ] {
        let got = parse(row, "2017/10/30/x.txt");
        assert_eq!(got.meta.location, None, "false location in {row:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever bytes a file holds, decoding and parsing them never panics.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), p in path()) {
        if let Ok(text) = dateline::archive::decode(&bytes) {
            let d = parse(&text, &p);
            prop_assert!(in_range(&d));
        }
    }
}

/// What a dispatch says of itself is read from its first few hundred bytes: however long and
/// however shaped the rest, it is never scanned for the dateline (so parsing stays linear in
/// the input, without timing it). Only the body, cut from the same place, differs.
#[test]
fn the_header_is_read_from_a_bounded_prefix() {
    let shapes = [
        "LONDON, March 3 (Reuters) - ",
        "A, B, C, D, E, F, ",
        "- - - -- — — ",
        "Comments\nLeave a Comment\n",
        "\n\n\n",
        "SAN FRANCISCO, Calif. (AP) — (((((",
        "x",
    ];
    for shape in shapes {
        let long = shape.repeat(800_000 / shape.len());
        let mut cut = 16 * 1024;
        while !long.is_char_boundary(cut) {
            cut -= 1;
        }
        let whole = parse(&long, "2017/10/30/x.txt");
        let prefix = parse(&long[..cut], "2017/10/30/x.txt");
        assert_eq!(whole.meta, prefix.meta, "{shape:?}");
    }
}
