//! Carrying out resolved settings: call the library, write its results, pick the exit status.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use dateline::archive::{self, Walk, bundle};
use dateline::dispatch::Key;
use dateline::error::{Error, Result};
use dateline::export::{self, Destination};
use dateline::formats::{Found, Lost, Sink};
use dateline::index;
use dateline::search::places::places;
use dateline::search::search;
use dateline::search::show;
use dateline::search::story::story;
use dateline::search::timeline::{TimelineRequest, timeline};

use crate::cli::Generated;
use crate::output::hyperlink::Linker;
use crate::output::{self, chart, human, json, svg};
use crate::progress::{ExportBar, IndexProgress};
use crate::settings::{
    ChartFormat, ExportSettings, Format, Hyperlinks, IndexSettings, ParseSettings, PlacesSettings,
    SearchSettings, Settings, ShowSettings, StorySettings, TimelineSettings,
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
        Settings::Show(s) => run_show(&s),
        Settings::Story(s) => run_story(&s),
        Settings::Places(s) => run_places(&s),
        Settings::Timeline(s) => run_timeline(&s),
        Settings::Export(s) => run_export(&s),
        Settings::Parse(s) => run_parse(&s),
        Settings::Generate(generated) => run_generate(generated),
    }
}

fn stdout_error(err: std::io::Error) -> Error {
    Error::io("<stdout>", err)
}

fn run_index(settings: &IndexSettings) -> Result<Status> {
    let progress = IndexProgress::new(settings.show_progress);
    let report = index::run_index(&settings.options, &progress);
    progress.finish();
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
    let linker = linker(settings.hyperlinks.as_ref(), &opened);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let (Some(width), Format::Human { colour }) = (settings.sparkline_width, settings.format)
        && !results.hits.is_empty()
    {
        // The sparkline counts what the hits are: stories, unless every version is listed.
        let request = TimelineRequest {
            selection: settings.request.clone(),
            stories: !settings.request.all_versions,
            ..TimelineRequest::default()
        };
        let dates = timeline(&opened, &request)?;
        if dates.spans_more_than_a_month()
            && let Some(line) = chart::sparkline_line(&dates, colour, width)
        {
            writeln!(out, "{line}\n").map_err(stdout_error)?;
        }
    }
    for hit in &results.hits {
        match settings.format {
            Format::Json => json::write_hit(&mut out, hit),
            Format::Human { colour } => {
                let url = linker.as_ref().and_then(|l| l.url(&hit.record.key));
                human::write_hit(&mut out, hit, &human::Palette::new(colour), url.as_deref())
            }
        }
        .map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(Status::found_if(!results.hits.is_empty()))
}

/// Links to the files of `index`'s archive, when links are asked for and the index knows
/// where its archive is.
fn linker(hyperlinks: Option<&Hyperlinks>, index: &index::OpenIndex) -> Option<Linker> {
    let Hyperlinks { format, host } = hyperlinks?;
    let root = index.archive_root.clone()?;
    Some(Linker::new(format.clone(), host.clone(), root))
}

fn run_show(settings: &ShowSettings) -> Result<Status> {
    let opened = index::open(&settings.index_dir)?;
    let key = show::key_of(&settings.key, opened.archive_root.as_deref());
    let Some(dispatch) = show::lookup(&opened, &key)? else {
        eprintln!(
            "{}",
            output::error_line(&format!(
                "no dispatch with the key '{}' in the index at {} (keys are paths in the archive, as `dateline search` shows them)",
                output::escape_controls(&settings.key),
                settings.index_dir.display()
            ))
        );
        return Ok(Status::NotFound);
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match settings.format {
        Format::Json => json::write_full(&mut out, &dispatch),
        Format::Human { colour } => {
            let marks = settings
                .highlight
                .as_deref()
                .map(|words| human::Marks {
                    headline: dispatch
                        .record
                        .meta
                        .headline
                        .as_deref()
                        .map(|h| show::highlights(h, words))
                        .unwrap_or_default(),
                    body: show::highlights(&dispatch.body, words),
                })
                .unwrap_or_default();
            let url = linker(settings.hyperlinks.as_ref(), &opened)
                .and_then(|l| l.url(&dispatch.record.key));
            human::write_dispatch(
                &mut out,
                &dispatch,
                &marks,
                &human::Palette::new(colour),
                url.as_deref(),
            )
        }
    }
    .map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(Status::Found)
}

fn run_story(settings: &StorySettings) -> Result<Status> {
    let opened = index::open(&settings.index_dir)?;
    let key = show::key_of(&settings.key, opened.archive_root.as_deref());
    let Some(found) = story(&opened, &key)? else {
        eprintln!(
            "{}",
            output::error_line(&format!(
                "no dispatch or story with the key '{}' in the index at {} (keys are paths in the archive, as `dateline search` shows them)",
                output::escape_controls(&settings.key),
                settings.index_dir.display()
            ))
        );
        return Ok(Status::NotFound);
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match settings.format {
        Format::Json => found
            .versions
            .iter()
            .try_for_each(|version| json::write_story_version(&mut out, &found.id, version)),
        Format::Human { colour } => {
            human::write_story(&mut out, &found, &human::Palette::new(colour))
        }
    }
    .map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(Status::Found)
}

fn run_places(settings: &PlacesSettings) -> Result<Status> {
    let opened = index::open(&settings.index_dir)?;
    let counts = places(
        &opened,
        &settings.request,
        settings.by,
        settings.countries,
        settings.counting,
    )?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match settings.format {
        Format::Json => counts
            .iter()
            .try_for_each(|place| json::write_place(&mut out, place)),
        Format::Human { colour } => {
            human::write_places(&mut out, &counts, settings.by, &human::Palette::new(colour))
        }
    }
    .map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(Status::found_if(!counts.is_empty()))
}

fn run_timeline(settings: &TimelineSettings) -> Result<Status> {
    let opened = index::open(&settings.index_dir)?;
    let counted = timeline(&opened, &settings.request)?;
    if let Some(path) = &settings.svg {
        svg::chart(&counted, &svg::title(&settings.request, &counted))
            .and_then(|text| std::fs::write(path, text))
            .map_err(|e| Error::io(path, e))?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match settings.format {
        ChartFormat::Bars { colour, width } => chart::write_bars(&mut out, &counted, colour, width),
        ChartFormat::Csv => chart::write_csv(&mut out, &counted),
        ChartFormat::Json => json::write_timeline(&mut out, &counted),
    }
    .map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(Status::found_if(!counted.is_empty()))
}

fn run_export(settings: &ExportSettings) -> Result<Status> {
    let opened = index::open(&settings.index_dir)?;
    let bar = ExportBar::new(settings.show_progress);
    let (report, destination) = match &settings.out {
        Some(path) => {
            let to = Destination::Path(path.clone());
            let report = export::export(&opened, &settings.request, settings.format, to, &bar);
            (report, path.display().to_string())
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(256 << 10, stdout.lock());
            let to = Destination::Stream(&mut out, "<stdout>");
            let report = export::export(&opened, &settings.request, settings.format, to, &bar);
            (report, "stdout".to_string())
        }
    };
    bar.finish();
    let report = report?;
    if settings.show_summary {
        eprintln!("{}", human::export_summary_line(&report, &destination));
    }
    Ok(Status::found_if(report.dispatches > 0))
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

fn run_generate(generated: Generated) -> Result<Status> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    generated.write(&mut out).map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(Status::Found)
}
