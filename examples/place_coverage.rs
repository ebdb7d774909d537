//! Measures how many dateline locations of a corpus the gazetteer resolves to a country.
//!
//! Usage: `cargo run --release --example place_coverage -- DIR [--skip-missing] [--dump]` where
//! DIR holds `ground_truth.jsonl` with a `location` field per dispatch (e.g. the Reuters-21578
//! dispatches); `--dump` also prints each distinct location with its resolution.
//! Exit status: 0 on success, 1 when a sanity check fails, 2 when DIR is missing (0 with
//! `--skip-missing`).

use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use dateline::gazetteer::{query_keys, resolve};

/// Locations that must resolve to a given country code, whenever they occur.
const CHECKS: &[(&str, &str)] = &[("TOKYO", "JP"), ("BUENOS AIRES", "AR")];

fn main() -> ExitCode {
    // Measured first, so it is the cost of a lookup in a fresh process (nothing warmed up).
    let t = Instant::now();
    let first_query = query_keys("Kiev");
    let first_resolve = resolve("PORTLAND, Ore.");
    let first_cost = t.elapsed();

    let args: Vec<String> = std::env::args().skip(1).collect();
    let skip_missing = args.iter().any(|a| a == "--skip-missing");
    // `--dump` prints every distinct location with its resolution, for auditing.
    let dump = args.iter().any(|a| a == "--dump");
    let mut seen = std::collections::HashSet::new();
    let Some(dir) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: place_coverage DIR [--skip-missing] [--dump]");
        return ExitCode::from(2);
    };
    if !dir.is_dir() {
        println!("skipped: {} not found", dir.display());
        return if skip_missing {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        };
    }
    let path = dir.join("ground_truth.jsonl");
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot open {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };

    let mut total = 0usize;
    let mut resolved = 0usize;
    let mut unresolved: HashMap<String, usize> = HashMap::new();
    let mut failed_checks = Vec::new();
    let mut resolving = std::time::Duration::ZERO;
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { continue };
        let Ok(record) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(location) = record.get("location").and_then(|l| l.as_str()) else {
            continue;
        };
        total += 1;
        let t = Instant::now();
        let place = resolve(location);
        resolving += t.elapsed();
        let code = place.as_ref().and_then(|p| p.country_code.as_deref());
        if dump && seen.insert(location.to_string()) {
            let p = place.as_ref();
            println!(
                "dump\t{location}\t{}\t{}\t{}\t{}",
                p.and_then(|p| p.city.as_deref()).unwrap_or(""),
                p.and_then(|p| p.region.as_deref()).unwrap_or(""),
                code.unwrap_or(""),
                record
                    .get("places")
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            );
        }
        if place.as_ref().is_some_and(|p| p.country.is_some()) {
            resolved += 1;
        } else {
            *unresolved.entry(location.to_string()).or_default() += 1;
        }
        for (name, want) in CHECKS {
            if location == *name && code != Some(*want) {
                failed_checks.push(format!("{location} -> {code:?}, expected {want}"));
            }
        }
    }

    let share = if total == 0 {
        0.0
    } else {
        100.0 * resolved as f64 / total as f64
    };
    println!("first lookup in a fresh process (query_keys + resolve): {first_cost:?}");
    println!("  query_keys(\"Kiev\") = {first_query:?}");
    println!("  resolve(\"PORTLAND, Ore.\") = {first_resolve:?}");
    println!(
        "locations: {total}, resolved to a country: {resolved} ({share:.2}%), unresolved: {}",
        total - resolved
    );
    if total > 0 {
        println!(
            "mean resolve time: {:.1} µs",
            resolving.as_secs_f64() * 1e6 / total as f64
        );
    }
    let mut top: Vec<(&String, &usize)> = unresolved.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    println!("distinct unresolved locations: {} (top 60)", top.len());
    for (loc, n) in top.iter().take(60) {
        println!("{n:6}  {loc}");
    }
    if failed_checks.is_empty() {
        println!(
            "checks: every {} resolved as expected",
            CHECKS
                .iter()
                .map(|(n, c)| format!("{n} -> {c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        ExitCode::SUCCESS
    } else {
        for f in &failed_checks {
            println!("check failed: {f}");
        }
        ExitCode::from(1)
    }
}
