//! Carrying out a parsed command line: resolve settings, call the library, print, pick the exit status.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::archive::{self, SkipReason, Walk};
use crate::cli::{
    ByArg, Cli, Command, FilterArgs, IndexArgs, ParseArgs, PlacesArgs, SearchArgs, SortArg,
};
use crate::error::{Error, Result};
use crate::index::{self, IndexOptions, IndexReport};
use crate::output::{self, human, json};
use crate::progress::Spinner;
use crate::search::dates::{RangeEnd, parse_bound};
use crate::search::places::{GroupBy, places};
use crate::search::{SearchRequest, SortOrder, search};

/// Exit status: something was found (grep's 0).
pub const FOUND: u8 = 0;
/// Exit status: nothing was found (grep's 1).
pub const NOT_FOUND: u8 = 1;
/// Exit status: an error (grep's 2).
pub const FAILED: u8 = 2;

/// Runs the command line and returns the exit status.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let index_dir = index::resolve_dir(
        cli.index.as_deref(),
        std::env::var_os("DATELINE_INDEX").as_deref(),
    );
    match cli.command {
        Command::Index(args) => run_index(&args, index_dir),
        Command::Search(args) => run_search(&args, &index_dir),
        Command::Places(args) => run_places(&args, &index_dir),
        Command::Parse(args) => run_parse(&args),
    }
}

fn run_index(args: &IndexArgs, index_dir: PathBuf) -> Result<ExitCode> {
    let mut options = IndexOptions::new(args.archive.clone(), index_dir);
    options.full = args.full;
    options.max_file_size = args.max_file_size;
    options.commit_every_docs = args.commit_every;
    let spinner = Spinner::new(!args.quiet && std::io::stderr().is_terminal());
    let report = index::run_index(&options, &spinner);
    spinner.finish();
    let report = report?;
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        if args.verbose {
            for (path, reason) in &report.skipped {
                let _ = writeln!(err, "skipped {}: {reason}", output::escape_controls(path));
            }
        }
        let _ = writeln!(err, "{}", summary_line(&report));
    }
    Ok(ExitCode::from(FOUND))
}

/// The one-line summary of an indexing run.
pub fn summary_line(report: &IndexReport) -> String {
    let seconds = report.elapsed.as_secs_f64();
    let handled = report.indexed() + report.unchanged;
    let rate = if seconds > 0.0 {
        report.indexed() as f64 / seconds
    } else {
        0.0
    };
    let skipped = report.skipped_by_reason();
    let skipped_text = if skipped.is_empty() {
        "skipped 0".to_string()
    } else {
        let parts: Vec<String> = skipped
            .iter()
            .map(|(reason, n)| format!("{n} {}", reason.label()))
            .collect();
        format!("skipped {} ({})", report.skipped.len(), parts.join(", "))
    };
    format!(
        "indexed {} dispatches ({} added, {} updated, {} removed, {} unchanged; {handled} in the index from this archive); {skipped_text}; {seconds:.2} s, {rate:.0} dispatches/s",
        report.indexed(),
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
    )
}

fn date_filters(
    filters: &FilterArgs,
) -> Result<(Option<jiff::civil::Date>, Option<jiff::civil::Date>)> {
    let from = filters
        .from
        .as_deref()
        .map(|s| parse_bound(s, RangeEnd::Start))
        .transpose()?;
    let to = filters
        .to
        .as_deref()
        .map(|s| parse_bound(s, RangeEnd::End))
        .transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(Error::DateOrder {
            from: filters.from.clone().unwrap_or_default(),
            to: filters.to.clone().unwrap_or_default(),
        });
    }
    Ok((from, to))
}

fn colour_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The search the command line asks for.
fn request_from(
    query: Option<&str>,
    filters: &FilterArgs,
    limit: u32,
    sort: SortOrder,
) -> Result<SearchRequest> {
    let (from, to) = date_filters(filters)?;
    Ok(SearchRequest {
        query: query.unwrap_or_default().to_string(),
        place: filters.place.clone(),
        from,
        to,
        limit: usize::try_from(limit).unwrap_or(usize::MAX),
        sort,
    })
}

fn run_search(args: &SearchArgs, index_dir: &Path) -> Result<ExitCode> {
    let sort = match args.sort {
        SortArg::Relevance => SortOrder::Relevance,
        SortArg::Date => SortOrder::Date,
    };
    let request = request_from(args.query.as_deref(), &args.filters, args.limit, sort)?;
    let opened = index::open(index_dir)?;
    let results = search(&opened, &request)?;
    if let (Some(place), Some(suggestions)) = (&request.place, &results.place_suggestions) {
        let place = output::escape_controls(place);
        if suggestions.is_empty() {
            eprintln!("no dispatches from '{place}'");
        } else {
            let list: Vec<String> = suggestions
                .iter()
                .map(|(name, n)| format!("{} ({n})", title_case(name)))
                .collect();
            eprintln!(
                "no dispatches from '{place}'; did you mean {}?",
                list.join(", ")
            );
        }
        return Ok(ExitCode::from(NOT_FOUND));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let palette = human::Palette::new(colour_wanted());
    for hit in &results.hits {
        let written = if args.json {
            json::write_hit(&mut out, hit)
        } else {
            human::write_hit(&mut out, hit, &palette)
        };
        written.map_err(|e| Error::io("<stdout>", e))?;
    }
    out.flush().map_err(|e| Error::io("<stdout>", e))?;
    Ok(ExitCode::from(if results.hits.is_empty() {
        NOT_FOUND
    } else {
        FOUND
    }))
}

fn run_places(args: &PlacesArgs, index_dir: &Path) -> Result<ExitCode> {
    let request = request_from(
        args.query.as_deref(),
        &args.filters,
        args.limit,
        SortOrder::Relevance,
    )?;
    let by = match args.by {
        ByArg::City => GroupBy::City,
        ByArg::Country => GroupBy::Country,
    };
    let opened = index::open(index_dir)?;
    let counts = places(&opened, &request, by)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    for place in &counts {
        let written = if args.json {
            json::write_place(
                &mut out,
                &place.place,
                place.country.as_deref(),
                place.count,
            )
        } else {
            let country = match (&place.country, by) {
                (Some(country), GroupBy::City) => format!(", {country}"),
                _ => String::new(),
            };
            writeln!(
                out,
                "{:>width$}  {}{}",
                place.count,
                output::escape_controls(&place.place),
                output::escape_controls(&country)
            )
        };
        written.map_err(|e| Error::io("<stdout>", e))?;
    }
    out.flush().map_err(|e| Error::io("<stdout>", e))?;
    Ok(ExitCode::from(if counts.is_empty() {
        NOT_FOUND
    } else {
        FOUND
    }))
}

fn run_parse(args: &ParseArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut parsed = 0usize;
    let mut failed = false;
    for path in &args.paths {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => {
                eprintln!("dateline: {}: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let files: Vec<(String, PathBuf)> = if meta.is_dir() {
            archive::walk(path)
                .filter_map(|item| match item {
                    Walk::File(entry) => Some((entry.key, entry.path)),
                    Walk::Skipped { key, reason } => {
                        eprintln!(
                            "dateline: skipped {}: {reason}",
                            output::escape_controls(&key)
                        );
                        None
                    }
                })
                .collect()
        } else {
            vec![(path.to_string_lossy().into_owned(), path.clone())]
        };
        for (key, file) in files {
            match read_dispatch(&file) {
                Ok(dispatch) => {
                    json::write_dispatch(&mut out, &key, &dispatch)
                        .map_err(|e| Error::io("<stdout>", e))?;
                    parsed += 1;
                }
                Err(reason) => {
                    eprintln!(
                        "dateline: skipped {}: {reason}",
                        output::escape_controls(&key)
                    );
                }
            }
        }
    }
    out.flush().map_err(|e| Error::io("<stdout>", e))?;
    Ok(ExitCode::from(match (failed, parsed) {
        (true, _) => FAILED,
        (false, 0) => NOT_FOUND,
        (false, _) => FOUND,
    }))
}

fn read_dispatch(path: &Path) -> std::result::Result<crate::dispatch::Dispatch, SkipReason> {
    let bytes = archive::walk::read_file(path, 16 * 1024 * 1024)?;
    let text = archive::decode(&bytes).map_err(|_| SkipReason::Binary)?;
    Ok(crate::dispatch::parse(&text, &path.to_string_lossy()))
}
