//! Unit tests of the dateline scanner.

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
