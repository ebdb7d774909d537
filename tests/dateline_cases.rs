//! Table-driven and property tests of `dateline::dispatch::parse`.

use dateline::dispatch::{Dispatch, parse};
use jiff::civil::Date;
use proptest::prelude::*;

const BODY: &str = "The government said on Monday that the talks would go on for two more days.";

fn date(s: &str) -> Date {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// Dateline prefix, path, then the expected location, date and agency.
type Case = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

const POSITIVE: &[Case] = &[
    (
        "Astana, Kazakhstan-30 October 2017: ",
        "x.txt",
        Some("Astana, Kazakhstan"),
        Some("2017-10-30"),
        None,
    ),
    (
        "Astana, 30 October 2017 (AFP) - ",
        "x.txt",
        Some("Astana"),
        Some("2017-10-30"),
        Some("AFP"),
    ),
    (
        "BAHIA BLANCA, Argentina, Feb 26 - ",
        "1987-02-26/1.txt",
        Some("BAHIA BLANCA, Argentina"),
        Some("1987-02-26"),
        None,
    ),
    (
        "LONDON, March 3 (Reuters) - ",
        "2015/03/03/a.txt",
        Some("LONDON"),
        Some("2015-03-03"),
        Some("Reuters"),
    ),
    (
        "LONDON (Reuters) - ",
        "2015/03/04/a.txt",
        Some("LONDON"),
        Some("2015-03-04"),
        Some("Reuters"),
    ),
    (
        "NEW YORK (AP) — ",
        "x.txt",
        Some("NEW YORK"),
        None,
        Some("AP"),
    ),
    (
        "SAN FRANCISCO, Calif. (AP) — ",
        "x.txt",
        Some("SAN FRANCISCO, Calif."),
        None,
        Some("AP"),
    ),
    (
        "WINSTON-SALEM, N.C. (AP) — ",
        "x.txt",
        Some("WINSTON-SALEM, N.C."),
        None,
        Some("AP"),
    ),
    (
        "SEATTLE, WA (AP) — ",
        "x.txt",
        Some("SEATTLE, WA"),
        None,
        Some("AP"),
    ),
    (
        "BOISE, Idaho (AP) — ",
        "x.txt",
        Some("BOISE, Idaho"),
        None,
        Some("AP"),
    ),
    (
        "ST. LOUIS (AP) — ",
        "x.txt",
        Some("ST. LOUIS"),
        None,
        Some("AP"),
    ),
    (
        "UNITED NATIONS (AP) — ",
        "x.txt",
        Some("UNITED NATIONS"),
        None,
        Some("AP"),
    ),
    (
        "ABOARD AIR FORCE ONE (AP) — ",
        "x.txt",
        Some("ABOARD AIR FORCE ONE"),
        None,
        Some("AP"),
    ),
    (
        "BEIRUT (AFP) - ",
        "x.txt",
        Some("BEIRUT"),
        None,
        Some("AFP"),
    ),
    (
        "KHARTOUM, Sudan, Aug. 3 (UPI) -- ",
        "1990/08/03/x.txt",
        Some("KHARTOUM, Sudan"),
        Some("1990-08-03"),
        Some("UPI"),
    ),
    (
        "Beirut, Oct. 30 (Xinhua) -- ",
        "2017-10-31/x.txt",
        Some("Beirut"),
        Some("2017-10-30"),
        Some("Xinhua"),
    ),
    (
        "MOSCOW, November 28. /TASS/. ",
        "20171128/x.txt",
        Some("MOSCOW"),
        Some("2017-11-28"),
        Some("TASS"),
    ),
    (
        "TOKYO (Kyodo) -- ",
        "x.txt",
        Some("TOKYO"),
        None,
        Some("Kyodo"),
    ),
    (
        "WASHINGTON, Jan. 20, 2021 /PRNewswire/ -- ",
        "x.txt",
        Some("WASHINGTON"),
        Some("2021-01-20"),
        Some("PRNewswire"),
    ),
    (
        "Dhaka, Nov 25 (bdnews24.com) – ",
        "2019/11/25/x.txt",
        Some("Dhaka"),
        Some("2019-11-25"),
        Some("bdnews24.com"),
    ),
    (
        "New Delhi, Oct 30 (PTI) ",
        "2017/10/30/x.txt",
        Some("New Delhi"),
        Some("2017-10-30"),
        Some("PTI"),
    ),
    ("ISLAMABAD: ", "x.txt", Some("ISLAMABAD"), None, None),
    (
        "Lucknow, January 15: ",
        "2020/01/16/x.txt",
        Some("Lucknow"),
        Some("2020-01-15"),
        None,
    ),
    (
        "PARIS — ",
        "2020/01/16/x.txt",
        Some("PARIS"),
        Some("2020-01-16"),
        None,
    ),
    (
        "DAMASCUS, Syria, Monday, October 30, 2017 — ",
        "x.txt",
        Some("DAMASCUS, Syria"),
        Some("2017-10-30"),
        None,
    ),
    (
        "São Paulo, Brazil, 5 June 2019 — ",
        "x.txt",
        Some("São Paulo, Brazil"),
        Some("2019-06-05"),
        None,
    ),
    (
        "Washington, Oct 30, 2017 (AFP) - ",
        "x.txt",
        Some("Washington"),
        Some("2017-10-30"),
        Some("AFP"),
    ),
    (
        "ATHENS, Sept. 4 - ",
        "2001/09/05/x.txt",
        Some("ATHENS"),
        Some("2001-09-04"),
        None,
    ),
    (
        "ATHENS, Sep 4 - ",
        "2001/09/05/x.txt",
        Some("ATHENS"),
        Some("2001-09-04"),
        None,
    ),
    (
        "ATHENS, September 4 - ",
        "2001/09/05/x.txt",
        Some("ATHENS"),
        Some("2001-09-04"),
        None,
    ),
    (
        "Port-au-Prince, Haiti, 12 January 2010 — ",
        "x.txt",
        Some("Port-au-Prince, Haiti"),
        Some("2010-01-12"),
        None,
    ),
    (
        "Bogotá, Oct 3 - ",
        "2010/10/03/x.txt",
        Some("Bogotá"),
        Some("2010-10-03"),
        None,
    ),
    (
        "MONTREAL, Feb 26- ",
        "1987-02-26/1.txt",
        Some("MONTREAL"),
        Some("1987-02-26"),
        None,
    ),
    (
        "ROME, March 2  - ",
        "1987-03-02/1.txt",
        Some("ROME"),
        Some("1987-03-02"),
        None,
    ),
    (
        "RICHMOND, Va. Feb 26 - ",
        "1987-02-26/1.txt",
        Some("RICHMOND, Va."),
        Some("1987-02-26"),
        None,
    ),
    (
        "NEW YORK, March 9 -- ",
        "1987-03-09/1.txt",
        Some("NEW YORK"),
        Some("1987-03-09"),
        None,
    ),
    (
        "WASHINGTON, March 12, Reuter - ",
        "1987-03-12/1.txt",
        Some("WASHINGTON"),
        Some("1987-03-12"),
        Some("Reuter"),
    ),
    (
        "AMSTERDAM, 2 March - ",
        "1987-03-02/1.txt",
        Some("AMSTERDAM"),
        Some("1987-03-02"),
        None,
    ),
    (
        "****LONDON, March 5 - ",
        "1987-03-05/1.txt",
        Some("LONDON"),
        Some("1987-03-05"),
        None,
    ),
    (
        "c    CHICAGO, March 9 - ",
        "1987-03-09/1.txt",
        Some("CHICAGO"),
        Some("1987-03-09"),
        None,
    ),
    (
        "TOKYO - ",
        "1987-04-07/1.txt",
        Some("TOKYO"),
        Some("1987-04-07"),
        None,
    ),
    (
        "CALGARY, Alberta - ",
        "1987-03-23/1.txt",
        Some("CALGARY, Alberta"),
        Some("1987-03-23"),
        None,
    ),
    // A December dateline filed under January belongs to the year before.
    (
        "TOKYO, Dec 31 - ",
        "1988/01/02/x.txt",
        Some("TOKYO"),
        Some("1987-12-31"),
        None,
    ),
];

#[test]
fn positive_shapes() {
    for &(prefix, path, location, want_date, agency) in POSITIVE {
        let text = format!("A headline\n\n{prefix}{BODY}\nSecond paragraph.\n");
        let got = parse(&text, path);
        assert_eq!(
            got.meta.location.as_deref(),
            location,
            "location of {prefix:?}"
        );
        assert_eq!(got.meta.date, want_date.map(date), "date of {prefix:?}");
        assert_eq!(got.meta.agency.as_deref(), agency, "agency of {prefix:?}");
        assert_eq!(
            got.meta.headline.as_deref(),
            Some("A headline"),
            "headline of {prefix:?}"
        );
        assert_eq!(
            got.body,
            format!("{BODY}\nSecond paragraph."),
            "body of {prefix:?}"
        );
        let dateline = got.meta.dateline.unwrap_or_default();
        assert!(
            prefix
                .trim_start_matches(['*', 'c', ' '])
                .starts_with(&dateline),
            "dateline {dateline:?} of {prefix:?}"
        );
    }
}

#[test]
fn negative_lines_are_not_datelines() {
    let negatives = [
        format!("UPDATE: {BODY}"),
        format!("Editor's note: {BODY}"),
        format!("NOTE: {BODY}"),
        format!("WARNING - {BODY}"),
        format!("CORRECTION - {BODY}"),
        "SENATE PASSES BUDGET BILL AFTER LONG DEBATE".to_string(),
        format!("The minister said: {BODY}"),
        format!("Police said - {BODY}"),
        "us        7.8015 - 7.8035\n uk        12.622 - 12.634".to_string(),
        "WHEAT - No Two Soft Red Winter Jne 129.50 up 1.50       Jly".to_string(),
        "Bids only - 120 dlrs".to_string(),
        "Mar       ---    ---    ---    ---".to_string(),
        "MAY7    --".to_string(),
        "ABRUPTLY, AT 9:45 P.M., THE BARRAGE BEGAN".to_string(),
        "FILE - In this Oct. 30, 2017 file photo, the minister speaks to reporters.".to_string(),
        format!("SPORTS - {BODY}"),
        format!("BREAKING: {BODY}"),
        format!("Police said, March 3 - {BODY}"),
        format!("Update: {BODY}"),
        "HONG KONG EXCHS NOON - APR 7".to_string(),
    ];
    for line in &negatives {
        for text in [line.clone(), format!("Some headline\n\n{line}\nMore text.")] {
            let got = parse(&text, "2017/10/30/x.txt");
            assert_eq!(got.meta.location, None, "false location in {text:?}");
            assert_eq!(got.meta.date, Some(date("2017-10-30")), "date of {text:?}");
        }
    }
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

/// Shortest of a few runs, so one slow run on a busy machine does not count.
fn parse_time(text: &str) -> std::time::Duration {
    (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            std::hint::black_box(parse(std::hint::black_box(text), "2017/10/30/x.txt"));
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Parsing takes time linear in the input: eight times the text may not take anywhere near
/// sixty-four times as long (what a quadratic step would), whatever the shape of the text.
/// (Half of that is allowed, against noise on a busy machine.)
#[test]
fn parse_time_is_linear_in_the_input() {
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
        let small = shape.repeat(100_000 / shape.len());
        let large = shape.repeat(800_000 / shape.len());
        let (t_small, t_large) = (parse_time(&small), parse_time(&large));
        // Generous against timer noise on tiny inputs: 1 ms of slack.
        let bound = t_small * 32 + std::time::Duration::from_millis(2);
        assert!(
            t_large <= bound,
            "{shape:?}: {t_small:?} for 100 KB but {t_large:?} for 800 KB"
        );
    }
}
