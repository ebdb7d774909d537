//! Carrying out resolved settings: call the library, write its results, pick the exit status.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use dateline::archive::{self, Walk, bundle};
use dateline::dispatch::Key;
use dateline::error::{Error, Result};
use dateline::formats::{Found, Lost, Sink};
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
        for skipped in &report.skipped {
            let line =
                output::skipped_line(&skipped.key, skipped.reason, skipped.detail.as_deref());
            let _ = writeln!(err, "{line}");
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
    let counts = places(&opened, &settings.request, settings.by)?;
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
    let mut out = ParseOutput {
        out: std::io::BufWriter::new(stdout.lock()),
        path: String::new(),
        parsed: 0,
        error: None,
    };
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
                        eprintln!("{}", output::skipped_line(&key, reason, None));
                        None
                    }
                })
                .collect()
        } else {
            vec![(path.to_string_lossy().into_owned(), path.clone())]
        };
        for (key, file) in files {
            match archive::walk::read_file(&file, settings.max_file_size) {
                Ok(bytes) => {
                    out.path = key;
                    bundle::read_file(&out.path.clone(), &bytes, settings.max_file_size, &mut out);
                    if let Some(err) = out.error.take() {
                        return Err(stdout_error(err));
                    }
                }
                Err(reason) => eprintln!("{}", output::skipped_line(&key, reason, None)),
            }
        }
    }
    out.out.flush().map_err(stdout_error)?;
    Ok(match (failed, out.parsed) {
        (true, _) => Status::Failed,
        (false, n) => Status::found_if(n > 0),
    })
}

/// Where `parse` writes what each file holds: dispatches as JSON lines on stdout, what was
/// lost on stderr.
struct ParseOutput<W: Write> {
    out: W,
    /// The file being read.
    path: String,
    parsed: usize,
    /// The first error writing stdout; nothing more is written after it.
    error: Option<std::io::Error>,
}

impl<W: Write> Sink for ParseOutput<W> {
    fn found(&mut self, found: Found) {
        if self.error.is_some() {
            return;
        }
        let key = Key::item(self.path.as_str(), found.item);
        match json::write_dispatch(&mut self.out, &key, &found.dispatch) {
            Ok(()) => self.parsed += 1,
            Err(err) => self.error = Some(err),
        }
    }

    fn lost(&mut self, lost: Lost) {
        let key = Key::item(self.path.as_str(), lost.item);
        eprintln!(
            "{}",
            output::skipped_line(&key.to_string(), lost.reason, lost.detail.as_deref())
        );
    }
}
