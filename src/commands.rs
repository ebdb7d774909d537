//! Carrying out resolved settings: call the library, write its results, pick the exit status.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use dateline::archive::{self, SkipReason, Walk};
use dateline::dispatch::{self, Dispatch};
use dateline::error::{Error, Result};
use dateline::index;
use dateline::search::places::places;
use dateline::search::search;

use crate::output::{self, human, json};
use crate::progress::Spinner;
use crate::settings::{
    Format, IndexSettings, ParseSettings, PlacesSettings, SearchSettings, Settings,
};

/// How a run ended, as grep says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Something was found: 0.
    Found,
    /// Nothing was found: 1.
    NotFound,
    /// An error: 2.
    Failed,
}

impl Status {
    fn found_if(found: bool) -> Status {
        if found {
            Status::Found
        } else {
            Status::NotFound
        }
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Found => 0,
            Status::NotFound => 1,
            Status::Failed => 2,
        })
    }
}

/// Runs what the settings say.
pub fn run(settings: Settings) -> Result<Status> {
    match settings {
        Settings::Index(s) => run_index(&s),
        Settings::Search(s) => run_search(&s),
        Settings::Places(s) => run_places(&s),
        Settings::Parse(s) => run_parse(&s),
    }
}

fn stdout_error(err: std::io::Error) -> Error {
    Error::io("<stdout>", err)
}

fn run_index(settings: &IndexSettings) -> Result<Status> {
    let spinner = Spinner::new(settings.show_progress);
    let report = index::run_index(&settings.options, &spinner);
    spinner.finish();
    let report = report?;
    let mut err = std::io::stderr().lock();
    if settings.list_skipped {
        for (key, reason) in &report.skipped {
            let _ = writeln!(err, "{}", output::skipped_line(key, *reason));
        }
    }
    if settings.show_summary {
        let _ = writeln!(err, "{}", human::summary_line(&report));
    }
    Ok(Status::Found)
}

fn run_search(settings: &SearchSettings) -> Result<Status> {
    let opened = index::open(&settings.index_dir)?;
    let results = search(&opened, &settings.request)?;
    if let (Some(place), Some(suggestions)) = (&settings.request.place, &results.place_suggestions)
    {
        eprintln!("{}", human::unknown_place_line(place, suggestions));
        return Ok(Status::NotFound);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for hit in &results.hits {
        match settings.format {
            Format::Json => json::write_hit(&mut out, hit),
            Format::Human { colour } => {
                human::write_hit(&mut out, hit, &human::Palette::new(colour))
            }
        }
        .map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(Status::found_if(!results.hits.is_empty()))
}

fn run_places(settings: &PlacesSettings) -> Result<Status> {
    let opened = index::open(&settings.index_dir)?;
    let counts = places(&opened, &settings.request, settings.by, settings.countries)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match settings.format {
        Format::Json => counts
            .iter()
            .try_for_each(|place| json::write_place(&mut out, place)),
        Format::Human { .. } => human::write_places(&mut out, &counts, settings.by),
    }
    .map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(Status::found_if(!counts.is_empty()))
}

fn run_parse(settings: &ParseSettings) -> Result<Status> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut parsed = 0usize;
    let mut failed = false;
    for path in &settings.paths {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => {
                eprintln!("{}", output::error_line(&Error::io(path, e)));
                failed = true;
                continue;
            }
        };
        let files: Vec<(String, PathBuf)> = if meta.is_dir() {
            archive::walk(path)
                .filter_map(|item| match item {
                    Walk::File(entry) => Some((entry.key, entry.path)),
                    Walk::Skipped { key, reason } => {
                        eprintln!("{}", output::skipped_line(&key, reason));
                        None
                    }
                })
                .collect()
        } else {
            vec![(path.to_string_lossy().into_owned(), path.clone())]
        };
        for (key, file) in files {
            match read_dispatch(&file, settings.max_file_size) {
                Ok(dispatch) => {
                    json::write_dispatch(&mut out, &key, &dispatch).map_err(stdout_error)?;
                    parsed += 1;
                }
                Err(reason) => eprintln!("{}", output::skipped_line(&key, reason)),
            }
        }
    }
    out.flush().map_err(stdout_error)?;
    Ok(match (failed, parsed) {
        (true, _) => Status::Failed,
        (false, n) => Status::found_if(n > 0),
    })
}

fn read_dispatch(path: &std::path::Path, max_size: u64) -> Result<Dispatch, SkipReason> {
    let bytes = archive::walk::read_file(path, max_size)?;
    let text = archive::decode(&bytes).map_err(|_| SkipReason::Binary)?;
    Ok(dispatch::parse(&text, &path.to_string_lossy()))
}
