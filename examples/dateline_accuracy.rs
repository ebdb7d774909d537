//! Measures the dispatch parser against a ground truth of datelines.
//!
//! Usage: `cargo run --release --example dateline_accuracy -- DIR [--truth=FILE] [--gate=SHAPES]
//! [--skip-missing] [--show=N]`, where DIR holds the dispatches the truth names and the truth is
//! FILE, by default `DIR/ground_truth.jsonl`: the Reuters-21578 dispatches of
//! `../shared/corpora/reuters21578/dispatches`, or AP newswire dispatches with the truth
//! `scripts/ap89-truth.py` writes. Each truth record has `path`
//! (under a `YYYY-MM-DD/` or `YYYY/MM/DD/` directory, the filing date), `location`,
//! `dateline_month_day` and `dateline_shape`. Prints location and date accuracy per dateline
//! shape, the first mismatches, and PASS/FAIL as the last line: PASS when each gated shape
//! (`--gate=standard,leading-junk`, or `--gate=all` for all dispatches together; by default
//! Reuters-21578's standard, punctuation-variant and leading-junk) reaches 99.9% on location
//! and date. Exit status: 0 on PASS, 1 on FAIL, 2 on usage errors or a missing DIR (0 with
//! `--skip-missing`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dateline::dispatch;
use jiff::civil::Date;
use serde_json::Value;

/// Shapes that must reach [`TARGET`] on both location and date, unless `--gate` names others.
const GATED: [&str; 3] = ["standard", "punctuation-variant", "leading-junk"];
/// The name `--gate` and the report give all dispatches together.
const ALL: &str = "all";
const TARGET: f64 = 99.9;
const SHOWN_MISMATCHES: usize = 20;

#[derive(Default)]
struct Tally {
    count: usize,
    location_ok: usize,
    date_ok: usize,
}

impl Tally {
    fn percent(ok: usize, count: usize) -> f64 {
        if count == 0 {
            100.0
        } else {
            100.0 * ok as f64 / count as f64
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let skip_missing = args.iter().any(|a| a == "--skip-missing");
    let shown = args
        .iter()
        .find_map(|a| a.strip_prefix("--show="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(SHOWN_MISMATCHES);
    let gated: Vec<&str> = match args.iter().find_map(|a| a.strip_prefix("--gate=")) {
        Some(list) => list.split(',').filter(|s| !s.is_empty()).collect(),
        None => GATED.to_vec(),
    };
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [dir] = dirs.as_slice() else {
        eprintln!(
            "usage: dateline_accuracy DIR [--truth=FILE] [--gate=SHAPE,...|all] [--skip-missing] [--show=N]"
        );
        return ExitCode::from(2);
    };
    let dir = Path::new(dir.as_str());
    let truth_file = args
        .iter()
        .find_map(|a| a.strip_prefix("--truth="))
        .map_or_else(|| dir.join("ground_truth.jsonl"), std::path::PathBuf::from);
    if !truth_file.is_file() {
        println!("skipped: {} not found", dir.display());
        return if skip_missing {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        };
    }
    let truth = match std::fs::read_to_string(&truth_file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", truth_file.display());
            return ExitCode::from(2);
        }
    };

    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut mismatches = Vec::new();
    let mut parse_time = Duration::ZERO;
    let mut parsed = 0usize;
    for (n, line) in truth.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("error: {}:{}: {e}", truth_file.display(), n + 1);
                return ExitCode::from(2);
            }
        };
        let field = |k: &str| record.get(k).and_then(Value::as_str);
        let (Some(path), Some(shape)) = (field("path"), field("dateline_shape")) else {
            eprintln!(
                "error: {}:{}: no path or shape",
                truth_file.display(),
                n + 1
            );
            return ExitCode::from(2);
        };
        let bytes = match std::fs::read(dir.join(path)) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        };
        let text = decode(&bytes);
        let started = Instant::now();
        let got = dispatch::parse(&text, path).meta;
        parse_time += started.elapsed();
        parsed += 1;

        let want_location = field("location");
        let want_date = expected_date(field("dateline_month_day"), path);
        let location_ok = match (want_location, got.location.as_deref()) {
            (None, None) => true,
            (Some(w), Some(g)) => squash(w) == squash(g),
            _ => false,
        };
        let date_ok = want_date == got.date;
        let tally = tallies.entry(shape.to_string()).or_default();
        tally.count += 1;
        tally.location_ok += usize::from(location_ok);
        tally.date_ok += usize::from(date_ok);
        if !(location_ok && date_ok) && mismatches.len() < shown {
            mismatches.push(format!(
                "  {path} [{shape}] dateline {:?}\n    truth: location {:?}, date {}\n    got:   location {:?}, date {}",
                field("dateline").unwrap_or(""),
                want_location,
                show(want_date),
                got.location,
                show(got.date),
            ));
        }
    }

    println!(
        "{:<22} {:>10} {:>10} {:>7}",
        "shape", "location%", "date%", "count"
    );
    let mut pass = true;
    let mut total = Tally::default();
    for (shape, t) in &tallies {
        let loc = Tally::percent(t.location_ok, t.count);
        let date = Tally::percent(t.date_ok, t.count);
        println!("{shape:<22} {loc:>10.2} {date:>10.2} {:>7}", t.count);
        if gated.contains(&shape.as_str()) && (loc < TARGET || date < TARGET) {
            pass = false;
        }
        total.count += t.count;
        total.location_ok += t.location_ok;
        total.date_ok += t.date_ok;
    }
    let (loc, date) = (
        Tally::percent(total.location_ok, total.count),
        Tally::percent(total.date_ok, total.count),
    );
    println!("{ALL:<22} {loc:>10.2} {date:>10.2} {:>7}", total.count);
    if gated.contains(&ALL) && (loc < TARGET || date < TARGET) {
        pass = false;
    }
    // A gated shape the truth does not have is a mistake in the command, not a pass.
    if let Some(missing) = gated
        .iter()
        .find(|g| **g != ALL && !tallies.contains_key(**g))
    {
        println!("FAIL: no dispatch has the gated shape {missing:?}");
        return ExitCode::FAILURE;
    }
    if parsed > 0 {
        println!(
            "parse time: {:.2} µs per dispatch ({parsed} dispatches)",
            parse_time.as_secs_f64() * 1e6 / parsed as f64
        );
    }
    println!("first {} mismatches:", mismatches.len());
    for m in &mismatches {
        println!("{m}");
    }
    if pass {
        println!(
            "PASS: {} at >= {TARGET}% on location and date",
            gated.join(", ")
        );
        ExitCode::SUCCESS
    } else {
        println!(
            "FAIL: {} must reach {TARGET}% on location and date",
            gated.join(", ")
        );
        ExitCode::FAILURE
    }
}

/// UTF-8, else Windows-1252 (a superset of Latin-1 for printable text).
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Location comparison ignores case and the width of spaces.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The path's date, from its leading `YYYY-MM-DD/` or `YYYY/MM/DD/` directories.
fn path_date(path: &str) -> Option<Date> {
    path.get(..10)?.replace('/', "-").parse().ok()
}

/// The date the dateline states: its month and day, the year from the path (a year earlier
/// when the month is after the path's); the path's date when the dateline has none;
/// None when what the dateline says is not a readable date.
fn expected_date(month_day: Option<&str>, path: &str) -> Option<Date> {
    let reference = path_date(path)?;
    let Some(md) = month_day else {
        return Some(reference);
    };
    let words: Vec<&str> = md.split_whitespace().collect();
    let (month, day) = match words.as_slice() {
        [a, b] => match (month_of(a), b.parse::<i8>()) {
            (Some(m), Ok(d)) => (m, d),
            _ => (month_of(b)?, a.parse::<i8>().ok()?),
        },
        _ => return None,
    };
    let year = reference.year() - i16::from(month > reference.month());
    Date::new(year, month, day).ok()
}

fn month_of(word: &str) -> Option<i8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let n = NAMES
        .iter()
        .position(|name| *name == w || (name.starts_with(&w) && (w.len() == 3 || w == "sept")))?;
    i8::try_from(n + 1).ok()
}

fn show(d: Option<Date>) -> String {
    d.map_or_else(|| "None".to_string(), |d| d.to_string())
}
