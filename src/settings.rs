//! The command line and the environment resolved once into plain settings (fd's `Opts` ->
//! `Config`): where the index is, the typed dates, colour, what to show. Nothing below this
//! module reads a flag, an environment variable or whether a stream is a terminal.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use dateline::error::{Error, Result};
use dateline::export::ExportFormat;
use dateline::index::DEFAULT_MAX_FILE_SIZE;
use dateline::index::IndexOptions;
use dateline::search::dates::{RangeEnd, parse_bound};
use dateline::search::near::Near;
use dateline::search::places::{Counting, Countries, GroupBy};
use dateline::search::timeline::{Period, TimelineRequest};
use dateline::search::{SearchRequest, SortOrder};

use crate::cli::{
    ByArg, Cli, ColorArg, Command, ExportFormatArg, FilterArgs, Generated, PeriodArg, SortArg,
};
use crate::output::hyperlink::HyperlinkFormat;

/// Where the index lives when neither `--index` nor [`INDEX_DIR_ENV`] says.
pub const DEFAULT_INDEX_DIR: &str = "dateline-index";
/// Environment variable naming the index directory.
pub const INDEX_DIR_ENV: &str = "DATELINE_INDEX";

/// What the environment contributes to the settings, read once at start.
#[derive(Debug, Default)]
pub struct Environment {
    /// `DATELINE_INDEX`, when set.
    pub index_dir: Option<OsString>,
    /// Whether `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// Whether stdout is a terminal.
    pub stdout_is_terminal: bool,
    /// Whether stderr is a terminal.
    pub stderr_is_terminal: bool,
    /// Width of the terminal stdout is, when it is one and says.
    pub stdout_columns: Option<u16>,
    /// This machine's name, for `file://` links.
    pub host: String,
}

impl Environment {
    /// The environment of this process.
    pub fn current() -> Self {
        Environment {
            index_dir: std::env::var_os(INDEX_DIR_ENV),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            host: rustix::system::uname()
                .nodename()
                .to_string_lossy()
                .into_owned(),
            stdout_columns: rustix::termios::tcgetwinsize(std::io::stdout())
                .ok()
                .map(|size| size.ws_col)
                .filter(|&cols| cols > 0),
        }
    }

    /// Columns charts are drawn in: the terminal's width, else [`PIPED_WIDTH`].
    fn chart_width(&self) -> usize {
        match self.stdout_columns {
            Some(cols) if self.stdout_is_terminal => usize::from(cols),
            _ => PIPED_WIDTH,
        }
    }
}

/// Columns a chart is drawn in when stdout is not a terminal.
pub const PIPED_WIDTH: usize = 80;

/// How results are written on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people, coloured or not.
    Human {
        /// Whether to colour the output.
        colour: bool,
    },
    /// One JSON object per line.
    Json,
}

/// What one run of `dateline` does, fully resolved.
#[derive(Debug)]
pub enum Settings {
    /// `dateline index`.
    Index(IndexSettings),
    /// `dateline search`.
    Search(SearchSettings),
    /// `dateline show`.
    Show(ShowSettings),
    /// `dateline story`.
    Story(StorySettings),
    /// `dateline places`.
    Places(PlacesSettings),
    /// `dateline timeline`.
    Timeline(TimelineSettings),
    /// `dateline export`.
    Export(ExportSettings),
    /// `dateline parse`.
    Parse(ParseSettings),
    /// `dateline completions` and `dateline man`: a text made from the command line's
    /// definitions.
    Generate(Generated),
}

/// `dateline index`, resolved.
#[derive(Debug)]
pub struct IndexSettings {
    /// What the library is asked to do.
    pub options: IndexOptions,
    /// Draw a progress bar on stderr while indexing.
    pub show_progress: bool,
    /// Print the one-line summary at the end.
    pub show_summary: bool,
    /// List every skipped file with its reason.
    pub list_skipped: bool,
}

/// `dateline search`, resolved.
#[derive(Debug)]
pub struct SearchSettings {
    /// Index directory.
    pub index_dir: PathBuf,
    /// The search.
    pub request: SearchRequest,
    /// How hits are written.
    pub format: Format,
    /// Width of the terminal a sparkline of the hits' dates is drawn in above them; none
    /// when it is not drawn (not a terminal, JSON, or `--no-summary`).
    pub sparkline_width: Option<usize>,
    /// Links from keys to files, when written.
    pub hyperlinks: Option<Hyperlinks>,
}

/// How a timeline is written on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    /// Bars for people.
    Bars {
        /// Whether to colour them.
        colour: bool,
        /// Columns the chart may use.
        width: usize,
    },
    /// One row per period, one column per series.
    Csv,
    /// One JSON object per period and series per line.
    Json,
}

/// `dateline timeline`, resolved.
#[derive(Debug)]
pub struct TimelineSettings {
    /// Index directory.
    pub index_dir: PathBuf,
    /// What is counted, by which period.
    pub request: TimelineRequest,
    /// How the counts are written on stdout.
    pub format: ChartFormat,
    /// Where an SVG chart is written too, when asked for.
    pub svg: Option<PathBuf>,
}

/// `dateline show`, resolved.
#[derive(Debug)]
pub struct ShowSettings {
    /// Index directory.
    pub index_dir: PathBuf,
    /// The key as typed.
    pub key: String,
    /// Words to mark.
    pub highlight: Option<String>,
    /// How the dispatch is written.
    pub format: Format,
    /// A link from its key to its file, when written.
    pub hyperlinks: Option<Hyperlinks>,
}

/// `dateline story`, resolved.
#[derive(Debug)]
pub struct StorySettings {
    /// Index directory.
    pub index_dir: PathBuf,
    /// The key as typed.
    pub key: String,
    /// How the versions are written.
    pub format: Format,
}

/// How keys link to files (OSC 8): in which format, from which machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlinks {
    /// The URL format.
    pub format: HyperlinkFormat,
    /// This machine's name, for `{host}`.
    pub host: String,
}

/// `dateline places`, resolved.
#[derive(Debug)]
pub struct PlacesSettings {
    /// Index directory.
    pub index_dir: PathBuf,
    /// Which dispatches are counted, and how many places are listed.
    pub request: SearchRequest,
    /// City or country.
    pub by: GroupBy,
    /// Today's countries or as filed.
    pub countries: Countries,
    /// Dispatches or stories.
    pub counting: Counting,
    /// How places are written.
    pub format: Format,
}

/// `dateline export`, resolved.
#[derive(Debug)]
pub struct ExportSettings {
    /// Index directory.
    pub index_dir: PathBuf,
    /// Which dispatches are written (all that match: no limit, in index order).
    pub request: SearchRequest,
    /// In which format.
    pub format: ExportFormat,
    /// The file or folder written; none for stdout.
    pub out: Option<PathBuf>,
    /// Draw a progress bar on stderr while exporting.
    pub show_progress: bool,
    /// Print the one-line summary at the end.
    pub show_summary: bool,
}

/// `dateline parse`, resolved.
#[derive(Debug)]
pub struct ParseSettings {
    /// Files or folders to read.
    pub paths: Vec<PathBuf>,
    /// Files larger than this are skipped, as when indexing.
    pub max_file_size: u64,
}

impl Settings {
    /// Resolves a parsed command line in `env`; fails on values clap cannot check (dates).
    pub fn resolve(cli: Cli, env: &Environment) -> Result<Settings> {
        let index_dir = index_dir(cli.index.as_deref(), env);
        let colour = match cli.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => env.stdout_is_terminal && !env.no_color,
        };
        let format = |json: bool| {
            if json {
                Format::Json
            } else {
                Format::Human { colour }
            }
        };
        // Links are escape sequences as colours are, but NO_COLOR is about colour only.
        let escapes = match cli.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => env.stdout_is_terminal,
        };
        let hyperlinks = |json: bool| {
            (escapes && !json && !cli.hyperlink_format.is_none()).then(|| Hyperlinks {
                format: cli.hyperlink_format.clone(),
                host: env.host.clone(),
            })
        };
        Ok(match cli.command {
            Command::Index(args) => {
                let mut options = IndexOptions::new(args.archive, index_dir);
                options.full = args.full;
                options.max_file_size = args.max_file_size.0;
                options.commit_every_docs = args.commit_every;
                options.max_rate = args.max_rate.and_then(NonZeroU32::new);
                Settings::Index(IndexSettings {
                    options,
                    show_progress: !args.quiet && env.stderr_is_terminal,
                    show_summary: !args.quiet,
                    list_skipped: args.verbose && !args.quiet,
                })
            }
            Command::Search(args) => Settings::Search(SearchSettings {
                sparkline_width: (env.stdout_is_terminal && !args.json && !args.no_summary)
                    .then(|| env.chart_width()),
                index_dir,
                request: request(
                    args.query,
                    &args.filters,
                    args.limit,
                    match args.sort {
                        SortArg::Relevance => SortOrder::Relevance,
                        SortArg::Date => SortOrder::Date,
                        SortArg::Distance => SortOrder::Distance,
                    },
                )
                .map(|request| SearchRequest {
                    all_versions: args.all_versions,
                    ..request
                })?,
                format: format(args.json),
                hyperlinks: hyperlinks(args.json),
            }),
            Command::Show(args) => Settings::Show(ShowSettings {
                index_dir,
                key: args.key,
                highlight: args.highlight,
                format: format(args.json),
                hyperlinks: hyperlinks(args.json),
            }),
            Command::Story(args) => Settings::Story(StorySettings {
                index_dir,
                key: args.key,
                format: format(args.json),
            }),
            Command::Places(args) => Settings::Places(PlacesSettings {
                index_dir,
                request: request(args.query, &args.filters, args.limit, SortOrder::Relevance)?,
                by: match args.by {
                    ByArg::City => GroupBy::City,
                    ByArg::Country => GroupBy::Country,
                },
                countries: if args.then {
                    Countries::AsFiled
                } else {
                    Countries::Today
                },
                counting: if args.stories {
                    Counting::Stories
                } else {
                    Counting::Dispatches
                },
                format: format(args.json),
            }),
            Command::Timeline(args) => Settings::Timeline(TimelineSettings {
                index_dir,
                request: TimelineRequest {
                    selection: request(args.query, &args.filters, 1, SortOrder::Relevance)?,
                    compare: args.compare,
                    by: period(args.by),
                    stories: args.stories,
                },
                format: match (args.json, args.csv) {
                    (true, _) => ChartFormat::Json,
                    (false, true) => ChartFormat::Csv,
                    (false, false) => ChartFormat::Bars {
                        colour,
                        width: env.chart_width(),
                    },
                },
                svg: args.svg,
            }),
            Command::Export(args) => Settings::Export(ExportSettings {
                index_dir,
                // Not a search: every match is written, so no limit or order applies.
                request: request(args.query, &args.filters, 1, SortOrder::Relevance)?,
                format: match args.format {
                    ExportFormatArg::Jsonl => ExportFormat::JsonLines,
                    ExportFormatArg::Elasticsearch => ExportFormat::Elasticsearch,
                    ExportFormatArg::Quickwit => ExportFormat::Quickwit,
                },
                out: args.out,
                show_progress: !args.quiet && env.stderr_is_terminal,
                show_summary: !args.quiet,
            }),
            Command::Parse(args) => Settings::Parse(ParseSettings {
                paths: args.paths,
                max_file_size: DEFAULT_MAX_FILE_SIZE,
            }),
            Command::Completions(args) => Settings::Generate(Generated::Completions(args.shell)),
            Command::Man => Settings::Generate(Generated::Man),
        })
    }
}

/// `--index`, else `DATELINE_INDEX` (when not empty), else `./dateline-index`.
fn index_dir(flag: Option<&Path>, env: &Environment) -> PathBuf {
    match (flag, &env.index_dir) {
        (Some(dir), _) => dir.to_path_buf(),
        (None, Some(dir)) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(DEFAULT_INDEX_DIR),
    }
}

/// The period `--by` names; none for `auto`.
fn period(by: PeriodArg) -> Option<Period> {
    match by {
        PeriodArg::Auto => None,
        PeriodArg::Year => Some(Period::Year),
        PeriodArg::Quarter => Some(Period::Quarter),
        PeriodArg::Month => Some(Period::Month),
        PeriodArg::Week => Some(Period::Week),
        PeriodArg::Day => Some(Period::Day),
    }
}

/// The search the command line asks for, with its typed dates read.
fn request(
    query: Option<String>,
    filters: &FilterArgs,
    limit: u32,
    sort: SortOrder,
) -> Result<SearchRequest> {
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
    let near = filters
        .near
        .as_deref()
        .map(|near| Near::parse(near, filters.within))
        .transpose()?;
    Ok(SearchRequest {
        query: query.unwrap_or_default(),
        place: filters.place.clone(),
        from,
        to,
        near,
        limit: usize::try_from(limit).unwrap_or(usize::MAX),
        sort,
        all_versions: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn resolve(args: &[&str], env: &Environment) -> Result<Settings> {
        let mut argv = vec!["dateline"];
        argv.extend_from_slice(args);
        Settings::resolve(Cli::try_parse_from(argv).unwrap(), env)
    }

    fn terminal() -> Environment {
        Environment {
            stdout_is_terminal: true,
            stderr_is_terminal: true,
            ..Environment::default()
        }
    }

    #[test]
    fn index_dir_resolution_order() {
        let env = Environment {
            index_dir: Some("/b".into()),
            ..Environment::default()
        };
        assert_eq!(index_dir(Some(Path::new("/a")), &env), PathBuf::from("/a"));
        assert_eq!(index_dir(None, &env), PathBuf::from("/b"));
        let empty = Environment {
            index_dir: Some("".into()),
            ..Environment::default()
        };
        assert_eq!(index_dir(None, &empty), PathBuf::from(DEFAULT_INDEX_DIR));
        assert_eq!(
            index_dir(None, &Environment::default()),
            PathBuf::from(DEFAULT_INDEX_DIR)
        );
    }

    #[test]
    fn index_defaults_come_from_the_library() {
        let Settings::Index(index) = resolve(&["index", "wire"], &terminal()).unwrap() else {
            panic!("not an index command");
        };
        let defaults = IndexOptions::new("wire".into(), DEFAULT_INDEX_DIR.into());
        assert_eq!(index.options.max_file_size, defaults.max_file_size);
        assert_eq!(index.options.commit_every_docs, defaults.commit_every_docs);
        assert!(index.show_progress && index.show_summary && !index.list_skipped);
        let Settings::Index(quiet) =
            resolve(&["index", "wire", "--quiet", "--verbose"], &terminal()).unwrap()
        else {
            panic!("not an index command");
        };
        assert!(!quiet.show_progress && !quiet.show_summary && !quiet.list_skipped);
        assert_eq!(index.options.max_rate, None);
        let Settings::Index(paced) =
            resolve(&["index", "wire", "--max-rate", "250"], &terminal()).unwrap()
        else {
            panic!("not an index command");
        };
        assert_eq!(paced.options.max_rate, NonZeroU32::new(250));
        let zero = Cli::try_parse_from(["dateline", "index", "wire", "--max-rate", "0"]);
        assert!(zero.is_err());
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        let format = |env: &Environment| match resolve(&["search", "x"], env).unwrap() {
            Settings::Search(search) => search.format,
            _ => panic!("not a search"),
        };
        assert_eq!(format(&terminal()), Format::Human { colour: true });
        let no_color = Environment {
            no_color: true,
            ..terminal()
        };
        assert_eq!(format(&no_color), Format::Human { colour: false });
        assert_eq!(
            format(&Environment::default()),
            Format::Human { colour: false }
        );
    }

    #[test]
    fn color_flag_overrides_the_terminal_and_no_color() {
        let format = |args: &[&str], env: &Environment| match resolve(args, env).unwrap() {
            Settings::Search(search) => search.format,
            _ => panic!("not a search"),
        };
        let piped_no_color = Environment {
            no_color: true,
            ..Environment::default()
        };
        assert_eq!(
            format(&["search", "x", "--color", "always"], &piped_no_color),
            Format::Human { colour: true }
        );
        assert_eq!(
            format(&["--color", "never", "search", "x"], &terminal()),
            Format::Human { colour: false }
        );
        assert_eq!(
            format(&["search", "x", "--color", "auto"], &terminal()),
            Format::Human { colour: true }
        );
        assert_eq!(
            format(&["search", "x", "--color", "always", "--json"], &terminal()),
            Format::Json
        );
    }

    #[test]
    fn links_on_a_terminal_or_with_color_always_unless_none() {
        let links = |args: &[&str], env: &Environment| match resolve(args, env).unwrap() {
            Settings::Search(search) => search.hyperlinks,
            Settings::Show(show) => show.hyperlinks,
            _ => panic!("neither search nor show"),
        };
        let host = Environment {
            host: "newsroom".into(),
            ..terminal()
        };
        let on = links(&["search", "x"], &host).unwrap();
        assert_eq!(on.format.to_string(), "default");
        assert_eq!(on.host, "newsroom");
        let no_color = Environment {
            no_color: true,
            ..terminal()
        };
        assert!(links(&["show", "k"], &no_color).is_some());
        assert!(links(&["search", "x"], &Environment::default()).is_none());
        assert!(
            links(
                &["search", "x", "--color", "always"],
                &Environment::default()
            )
            .is_some()
        );
        assert!(links(&["search", "x", "--color", "never"], &terminal()).is_none());
        assert!(links(&["search", "x", "--hyperlink-format", "none"], &terminal()).is_none());
        assert!(links(&["search", "x", "--json"], &terminal()).is_none());
        let vscode = links(&["--hyperlink-format", "vscode", "show", "k"], &terminal()).unwrap();
        assert_eq!(vscode.format.to_string(), "vscode");
    }

    #[test]
    fn export_writes_to_stdout_unless_told_and_draws_a_bar_on_a_terminal() {
        let Settings::Export(export) = resolve(
            &["export", "cocoa", "--place", "Abidjan", "--from", "1987"],
            &terminal(),
        )
        .unwrap() else {
            panic!("not export");
        };
        assert_eq!(export.format, ExportFormat::JsonLines);
        assert_eq!(export.out, None);
        assert_eq!(export.request.query, "cocoa");
        assert_eq!(export.request.place.as_deref(), Some("Abidjan"));
        assert_eq!(export.request.from, Some(jiff::civil::date(1987, 1, 1)));
        assert!(export.show_progress && export.show_summary);
        let Settings::Export(quiet) = resolve(
            &["export", "--format", "quickwit", "--out", "qw", "--quiet"],
            &terminal(),
        )
        .unwrap() else {
            panic!("not export");
        };
        assert_eq!(quiet.format, ExportFormat::Quickwit);
        assert_eq!(quiet.out, Some(PathBuf::from("qw")));
        assert!(!quiet.show_progress && !quiet.show_summary);
        let Settings::Export(piped) = resolve(&["export"], &Environment::default()).unwrap() else {
            panic!("not export");
        };
        assert!(!piped.show_progress && piped.show_summary);
    }

    #[test]
    fn near_is_resolved_once_with_its_distance() {
        let Settings::Search(search) = resolve(
            &[
                "search",
                "--near",
                "35.68,139.69",
                "--within",
                "12.5",
                "--sort",
                "distance",
            ],
            &Environment::default(),
        )
        .unwrap() else {
            panic!("not a search");
        };
        let near = search.request.near.unwrap();
        assert_eq!(near.center.latitude, 35.68);
        assert_eq!(near.within_km, 12.5);
        assert_eq!(search.request.sort, SortOrder::Distance);
        let unknown = resolve(&["search", "--near", "Qqzzyx"], &Environment::default());
        assert!(matches!(unknown, Err(Error::BadQuery(_))));
    }

    #[test]
    fn places_then_names_countries_as_filed() {
        let Settings::Places(places) = resolve(
            &["places", "--by", "country", "--then"],
            &Environment::default(),
        )
        .unwrap() else {
            panic!("not places");
        };
        assert_eq!(places.countries, Countries::AsFiled);
        let Settings::Places(today) =
            resolve(&["places", "--by", "country"], &Environment::default()).unwrap()
        else {
            panic!("not places");
        };
        assert_eq!(today.countries, Countries::Today);
    }

    #[test]
    fn dates_are_read_once_and_checked_in_order() {
        let Settings::Places(places) = resolve(
            &[
                "places", "--from", "2017-10", "--to", "2017", "--by", "country",
            ],
            &Environment::default(),
        )
        .unwrap() else {
            panic!("not places");
        };
        assert_eq!(places.request.from, Some(jiff::civil::date(2017, 10, 1)));
        assert_eq!(places.request.to, Some(jiff::civil::date(2017, 12, 31)));
        assert_eq!(places.by, GroupBy::Country);
        let reversed = resolve(
            &["search", "--from", "2018", "--to", "2017"],
            &Environment::default(),
        );
        assert!(matches!(reversed, Err(Error::DateOrder { .. })));
    }

    fn timeline(args: &[&str], env: &Environment) -> TimelineSettings {
        let mut all = vec!["timeline"];
        all.extend_from_slice(args);
        match resolve(&all, env).unwrap() {
            Settings::Timeline(timeline) => timeline,
            other => panic!("not a timeline: {other:?}"),
        }
    }

    #[test]
    fn timeline_bars_take_the_terminal_width_and_colour_only_there() {
        let wide = Environment {
            stdout_columns: Some(132),
            ..terminal()
        };
        assert_eq!(
            timeline(&["cocoa"], &wide).format,
            ChartFormat::Bars {
                colour: true,
                width: 132
            }
        );
        let piped = Environment {
            stdout_columns: Some(132),
            ..Environment::default()
        };
        assert_eq!(
            timeline(&["cocoa"], &piped).format,
            ChartFormat::Bars {
                colour: false,
                width: PIPED_WIDTH
            }
        );
        assert_eq!(timeline(&["--csv"], &wide).format, ChartFormat::Csv);
        let settings = timeline(
            &[
                "x",
                "--json",
                "--by",
                "week",
                "--compare",
                "y",
                "--svg",
                "c.svg",
            ],
            &wide,
        );
        assert_eq!(settings.format, ChartFormat::Json);
        assert_eq!(settings.request.by, Some(Period::Week));
        assert_eq!(settings.request.compare, ["y"]);
        assert_eq!(settings.svg, Some(PathBuf::from("c.svg")));
        assert_eq!(timeline(&[], &wide).request.by, None);
    }

    #[test]
    fn the_search_sparkline_is_drawn_only_on_a_terminal_for_people() {
        let sparkline = |args: &[&str], env: &Environment| match resolve(args, env).unwrap() {
            Settings::Search(search) => search.sparkline_width,
            _ => panic!("not a search"),
        };
        let env = Environment {
            stdout_columns: Some(100),
            ..terminal()
        };
        assert_eq!(sparkline(&["search", "x"], &env), Some(100));
        assert_eq!(sparkline(&["search", "x", "--no-summary"], &env), None);
        assert_eq!(sparkline(&["search", "x", "--json"], &env), None);
        assert_eq!(sparkline(&["search", "x"], &Environment::default()), None);
    }
}
