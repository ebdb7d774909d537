//! End-to-end: `dateline timeline` counts per period against the dispatches' own dates, in
//! every output (bars, CSV, JSON lines, SVG), and the sparkline `search` draws on a terminal.

mod util;

use std::collections::BTreeMap;

use jiff::civil::{Date, date};
use util::{Run, Workspace, indexed_sample, on_terminal, run, sample_corpus, unstyled};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Year, month and day.
type Ymd = (i16, i8, i8);

/// The test archive: a date (none for an undated dispatch) and the words of each dispatch.
/// Dates sit on the edges of months, quarters, years and ISO weeks (1988-01-01 is in 1987-W53).
const DISPATCHES: &[(Option<Ymd>, &str)] = &[
    (Some((1987, 3, 3)), "ceasefire talks open"),
    (Some((1987, 3, 31)), "ceasefire signed at dawn"),
    (Some((1987, 4, 1)), "truce holds in the north"),
    (Some((1987, 6, 15)), "ceasefire and truce both hold"),
    (Some((1988, 1, 1)), "ceasefire broken on new year"),
    (Some((1988, 1, 4)), "ceasefire restored"),
    (Some((1988, 12, 31)), "truce monitors leave"),
    (Some((1990, 2, 1)), "copper prices ease"),
    (None, "ceasefire observers arrive"),
    (None, "truce talks stall"),
];

/// Writes the test archive: dated dispatches carry their date in the dateline, undated ones
/// have a dateline without a date and no date in their path.
fn archive() -> Workspace {
    let ws = Workspace::new();
    for (n, (day, words)) in DISPATCHES.iter().enumerate() {
        let dateline = match day {
            Some((y, m, d)) => format!("GENEVA, {} {d}, {y} (Reuters) -", MONTHS[*m as usize - 1]),
            None => "GENEVA (AP) —".to_string(),
        };
        ws.write(
            &format!("dispatch-{n}.txt"),
            format!("Report {n}\n\n{dateline} The {words}, officials said.\n"),
        );
    }
    let run = ws.index(&ws.archive(), &["--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

/// The name of the period holding `day`, computed here apart from the library's.
fn period_of(by: &str, day: Date) -> String {
    match by {
        "year" => format!("{}", day.year()),
        "quarter" => format!("{}-Q{}", day.year(), (day.month() + 2) / 3),
        "month" => format!("{}-{:02}", day.year(), day.month()),
        "week" => {
            let week = day.iso_week_date();
            format!("{}-W{:02}", week.year(), week.week())
        }
        "day" => day.to_string(),
        other => panic!("no period {other}"),
    }
}

/// Dispatches of the test archive holding `word`, counted per period.
fn expected(word: &str, by: &str) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for (day, words) in DISPATCHES {
        if let (Some((y, m, d)), true) = (day, words.split(' ').any(|w| w == word)) {
            *counts.entry(period_of(by, date(*y, *m, *d))).or_insert(0) += 1;
        }
    }
    counts
}

/// A JSON line of a timeline: period, from, to, count.
type Row = (String, Option<Date>, Option<Date>, u64);

/// JSON lines of one series.
fn periods(run: &Run, series: &str) -> Vec<Row> {
    run.json_lines()
        .iter()
        .filter(|v| v["series"] == series)
        .map(|v| {
            let day = |key: &str| v[key].as_str().map(|s| s.parse::<Date>().unwrap());
            (
                v["period"].as_str().unwrap().to_string(),
                day("from"),
                day("to"),
                v["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_period_counts_the_dispatches_dated_in_it() {
    let ws = archive();
    for by in ["year", "quarter", "month", "week", "day"] {
        let run = ws.timeline(&["ceasefire", "--by", by, "--json"]);
        assert_eq!(run.code, 0, "{by}: {}", run.stderr);
        let rows = periods(&run, "ceasefire");
        let (undated, dated) = rows.split_last().unwrap();
        assert_eq!(undated.0, "undated");
        assert_eq!((undated.1, undated.2, undated.3), (None, None, 1), "{by}");
        let counted: BTreeMap<String, u64> = dated
            .iter()
            .filter(|r| r.3 > 0)
            .map(|r| (r.0.clone(), r.3))
            .collect();
        assert_eq!(counted, expected("ceasefire", by), "--by {by}");
        // Empty periods are there too: consecutive, from the first dispatch's to the last's.
        for pair in dated.windows(2) {
            let (end, start) = (pair[0].2.unwrap(), pair[1].1.unwrap());
            assert_eq!(end.tomorrow().unwrap(), start, "--by {by}: {pair:?}");
        }
        assert_eq!(dated[0].0, period_of(by, date(1987, 3, 3)), "--by {by}");
        assert_eq!(dated.last().unwrap().0, period_of(by, date(1988, 1, 4)));
        for (label, first, last, _) in dated {
            assert_eq!(&period_of(by, first.unwrap()), label, "--by {by}");
            assert_eq!(&period_of(by, last.unwrap()), label, "--by {by}");
        }
    }
    let months = ws.timeline(&["ceasefire", "--by", "month", "--json"]);
    assert_eq!(periods(&months, "ceasefire").len(), 11 + 1);
    let weeks = ws.timeline(&["ceasefire", "--by", "week", "--json"]);
    let new_year = periods(&weeks, "ceasefire");
    assert!(new_year.iter().any(|r| r.0 == "1987-W53" && r.3 == 1));
    assert!(new_year.iter().any(|r| r.0 == "1988-W01" && r.3 == 1));
}

#[test]
fn counts_on_the_sample_corpus_equal_the_dates_parse_reads() {
    let ws = indexed_sample();
    let parsed = run(&["parse", sample_corpus().to_str().unwrap()]);
    let mut by_year: BTreeMap<String, u64> = BTreeMap::new();
    let mut undated = 0;
    for dispatch in parsed.json_lines() {
        match dispatch["date"].as_str() {
            Some(day) => *by_year.entry(day[..4].to_string()).or_insert(0) += 1,
            None => undated += 1,
        }
    }
    let run = ws.timeline(&["--by", "year", "--json"]);
    let rows = periods(&run, "*");
    let counted: BTreeMap<String, u64> = rows
        .iter()
        .filter(|r| r.0 != "undated" && r.3 > 0)
        .map(|r| (r.0.clone(), r.3))
        .collect();
    assert_eq!(counted, by_year);
    assert_eq!(
        rows.last().unwrap(),
        &("undated".to_string(), None, None, undated)
    );
    let total: u64 = rows.iter().map(|r| r.3).sum();
    assert_eq!(total, parsed.json_lines().len() as u64);
}

#[test]
fn compared_queries_are_series_over_the_same_periods() {
    let ws = archive();
    let run = ws.timeline(&[
        "ceasefire",
        "--compare",
        "truce",
        "--by",
        "quarter",
        "--json",
    ]);
    assert_eq!(run.code, 0);
    let ceasefire = periods(&run, "ceasefire");
    let truce = periods(&run, "truce");
    let labels = |rows: &[Row]| -> Vec<String> { rows.iter().map(|r| r.0.clone()).collect() };
    assert_eq!(labels(&ceasefire), labels(&truce));
    // From the first dispatch of either series to the last of either.
    assert_eq!(ceasefire[0].0, "1987-Q1");
    assert_eq!(ceasefire[ceasefire.len() - 2].0, "1988-Q4");
    let nonzero = |rows: &[Row]| -> BTreeMap<String, u64> {
        rows.iter()
            .filter(|r| r.0 != "undated" && r.3 > 0)
            .map(|r| (r.0.clone(), r.3))
            .collect()
    };
    assert_eq!(nonzero(&ceasefire), expected("ceasefire", "quarter"));
    assert_eq!(nonzero(&truce), expected("truce", "quarter"));
    assert_eq!(truce.last().unwrap().3, 1, "truce's undated dispatch");
    // Every JSON line has exactly the documented keys.
    for line in run.json_lines() {
        let mut keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["count", "from", "period", "series", "to"]);
    }
}

#[test]
fn csv_has_one_row_per_period_and_one_column_per_series() {
    let ws = archive();
    let run = ws.timeline(&[
        "ceasefire",
        "--compare",
        "truce",
        "--by",
        "year",
        "--from",
        "1986",
        "--to",
        "1989-06",
        "--csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "period,from,to,ceasefire,truce\n\
         1986,1986-01-01,1986-12-31,0,0\n\
         1987,1987-01-01,1987-12-31,3,2\n\
         1988,1988-01-01,1988-12-31,2,1\n\
         1989,1989-01-01,1989-06-30,0,0\n\
         undated,,,0,0\n"
    );
}

#[test]
fn the_svg_chart_is_xml_with_a_bar_per_non_empty_period_of_each_series() {
    let ws = archive();
    let path = ws.dir.path().join("chart.svg");
    let run = ws.timeline(&[
        "ceasefire",
        "--compare",
        "truce",
        "--by",
        "month",
        "--svg",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("ceasefire: 5 dated dispatches"));
    let svg = std::fs::read_to_string(&path).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bars = |fill: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name("rect"))
            .filter(|n| {
                n.attribute("fill")
                    .is_some_and(|f| f.eq_ignore_ascii_case(fill))
            })
            .count()
    };
    // The series' colours; one rectangle per non-empty month, and one in the legend.
    assert_eq!(bars("#1F77B4"), expected("ceasefire", "month").len() + 1);
    assert_eq!(bars("#FF7F0E"), expected("truce", "month").len() + 1);
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    for expected in [
        "Dispatches per month: ceasefire vs truce",
        "month",
        "dispatches",
        "ceasefire",
        "truce",
    ] {
        assert!(texts.contains(&expected), "{expected} not in {texts:?}");
    }

    let unwritable = ws.dir.path().join("no/such/folder/chart.svg");
    let failed = ws.timeline(&["ceasefire", "--svg", unwritable.to_str().unwrap()]);
    assert_eq!(failed.code, 2);
    assert_eq!(failed.stderr.lines().count(), 1, "{}", failed.stderr);
    assert!(failed.stderr.starts_with("dateline: error: "));
    assert!(failed.stderr.contains("chart.svg"));
}

#[test]
fn piped_bars_are_plain_eighty_columns_with_the_undated_count() {
    let ws = archive();
    let run = ws.timeline(&["ceasefire", "--by", "month"]);
    assert_eq!(run.code, 0);
    assert!(!run.stdout.contains('\x1b'), "{:?}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "ceasefire: 5 dated dispatches by month, peak 2 in 1987-03"
    );
    assert_eq!(lines.len(), 1 + 11 + 1);
    let bar_lines = &lines[1..12];
    assert!(
        bar_lines.iter().all(|l| l.chars().count() == 80),
        "{bar_lines:#?}"
    );
    let march = bar_lines.iter().find(|l| l.starts_with("1987-03")).unwrap();
    assert!(march.ends_with(&format!("{} 2", "█".repeat(69))), "{march}");
    let april = bar_lines.iter().find(|l| l.starts_with("1987-04")).unwrap();
    assert!(april.trim_end().ends_with(" 0") && !april.contains('█'));
    assert_eq!(lines[12], "undated: 1");
}

#[test]
fn nothing_found_is_status_one_and_bad_ranges_are_errors() {
    let ws = archive();
    let none = ws.timeline(&["zeppelin"]);
    assert_eq!(none.code, 1);
    assert_eq!(none.stdout, "zeppelin: no dated dispatch\nundated: 0\n");
    let reversed = ws.timeline(&["ceasefire", "--from", "1990", "--to", "1989"]);
    assert_eq!(reversed.code, 2);
    assert!(reversed.stderr.contains("--from 1990 is after --to 1989"));
    let unknown = ws.timeline(&["ceasefire", "--by", "decade"]);
    assert_eq!(unknown.code, 2);
}

#[test]
fn terminal_bars_fill_the_terminal_width_in_colour() {
    let ws = archive();
    let line = format!(
        "{} timeline ceasefire --compare truce --by quarter --index '{}'",
        env!("CARGO_BIN_EXE_dateline"),
        ws.index_dir().display()
    );
    for columns in [60, 120] {
        let Some(out) = on_terminal(&line, columns) else {
            return;
        };
        assert!(out.contains("\x1b["), "no colour on a terminal: {out:?}");
        let plain = unstyled(&out);
        let rows: Vec<&str> = plain.lines().filter(|l| l.starts_with("198")).collect();
        assert_eq!(rows.len(), 8, "{plain}");
        for row in &rows {
            assert_eq!(row.chars().count(), columns as usize, "{row:?}");
        }
        // The peak of the first series (two in 1987-Q1) fills its column.
        let bar_width = (columns as usize - 7 - 2 - 2 * 2 - 3) / 2;
        let peak = rows.iter().find(|r| r.starts_with("1987-Q1")).unwrap();
        assert!(
            peak.contains(&format!("{} 2", "█".repeat(bar_width))),
            "{peak}"
        );
    }
}

#[test]
fn search_on_a_terminal_shows_a_sparkline_of_its_hits_dates() {
    let ws = archive();
    let bin = env!("CARGO_BIN_EXE_dateline");
    let index = ws.index_dir();
    let line = format!("{bin} search ceasefire --index '{}'", index.display());
    let Some(out) = on_terminal(&line, 120) else {
        return;
    };
    let first = unstyled(out.lines().next().unwrap());
    assert!(first.starts_with("1987-W10 "), "{first}");
    assert!(
        first.contains("5 dated stories, one mark per week"),
        "{first}"
    );
    let lines: Vec<String> = unstyled(&out).lines().map(str::to_string).collect();
    assert_eq!(lines[1], "");
    assert!(lines[2].contains("  GENEVA  Report"), "{lines:?}");
    let hidden = on_terminal(&format!("{line} --no-summary"), 120).unwrap();
    assert!(!hidden.contains("one mark per"), "{hidden}");
    // Hits within a month have no sparkline, and piped output never has one.
    let march = on_terminal(&format!("{line} --to 1987-03"), 120).unwrap();
    assert!(!march.contains("one mark per"), "{march}");
    let piped = ws.search(&["ceasefire"]);
    assert!(!piped.stdout.contains("one mark per"));
    let first_line = piped.stdout.lines().next().unwrap();
    assert!(first_line.contains("  GENEVA  Report"), "{}", piped.stdout);
}

#[test]
fn the_readme_chart_reproduces_on_the_sample_corpus() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let start = readme
        .find("$ dateline timeline")
        .expect("README shows a timeline");
    let block = &readme[start..];
    let block = &block[..block.find("```").expect("the example's block closes")];
    let (command, shown) = block.split_once('\n').unwrap();
    let args: Vec<&str> = command
        .trim_start_matches("$ dateline timeline")
        .split_whitespace()
        .collect();
    let ws = indexed_sample();
    let run = ws.timeline(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, shown, "README example: {command}");
}
