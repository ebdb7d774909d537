//! Command-line interface: the only module that knows clap. Defaults come from the library's
//! constants, so each is written once; [`crate::settings`] turns what is typed into settings.

use std::fmt;
use std::path::PathBuf;

use std::io::{self, Write};

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum, ValueHint};
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, roman};

use crate::output::hyperlink::HyperlinkFormat;
use dateline::index::{DEFAULT_COMMIT_EVERY_DOCS, DEFAULT_MAX_FILE_SIZE};
use dateline::search::MAX_LIMIT;
use dateline::search::near::DEFAULT_WITHIN_KM;
use dateline::search::places::MAX_PLACES;

/// Search engine for archives of news dispatches.
#[derive(Debug, Parser)]
#[command(
    name = "dateline",
    version,
    about,
    long_about = LONG_ABOUT,
    after_long_help = EXAMPLES
)]
pub struct Cli {
    /// Index directory [default: $DATELINE_INDEX, else ./dateline-index]
    #[arg(long, global = true, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub index: Option<PathBuf>,

    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always (for a
    /// pager such as `less -R`), never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Keys of hits link to their files on a terminal (and with --color always): default
    /// (file://), none, vscode,
    /// vscode-insiders, vscodium, kitty, macvim, textmate, grep+, or a URL with {path} (and
    /// {host}, {line}, {column}), as ripgrep's.
    #[arg(long, global = true, value_name = "FORMAT", default_value = "default")]
    pub hyperlink_format: HyperlinkFormat,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// What `dateline --help` and the manual page say of the tool as a whole.
const LONG_ABOUT: &str = "Search engine for archives of news dispatches.

dateline reads every dispatch of a folder of wire copy (its dateline, headline, agency and \
body), indexes it, and answers ranked queries by keyword, by place and by date range. \
`dateline COMMAND --help` tells each command's options, with examples.";

// Examples that end each command's long help (`--help`, not `-h`) and the manual page. Each
// runs as written, from a folder holding a copy of the project's `sample_corpus` (checked by
// tests/cli_examples.rs): keep them real.

/// The tool as a whole.
const EXAMPLES: &str = "Examples:
  dateline index sample_corpus
  dateline search wheat --place Kazakhstan
  dateline show 2017/10/30/kazakhstan-wheat-harvest-record.txt";

/// `dateline index`.
const INDEX_EXAMPLES: &str = "Examples:
  dateline index sample_corpus                  # into ./dateline-index
  dateline index sample_corpus --index ~/wire-index --verbose
  dateline index sample_corpus --full --quiet   # rebuild beside, swap when done
  dateline index sample_corpus --max-rate 200   # spare a shared file server";

/// `dateline search`.
const SEARCH_EXAMPLES: &str = "Examples:
  dateline search '\"green hydrogen\" -subsidy' --place 'united states'
  dateline search wheat --place Kazakhstan --from 2017-10 --to 2017-11
  dateline search --sort date --json -- '-subsidy floods'   # a leading -word after --
  dateline search cocoa --all-versions   # each version of a story a hit of its own";

/// `dateline show`.
const SHOW_EXAMPLES: &str = "Examples:
  dateline show 2017/10/30/kazakhstan-wheat-harvest-record.txt
  dateline show 2021/05/19/australia-backs-pilbara-green-hydrogen-hub.txt --highlight 'green hydrogen'
  dateline show sample_corpus/1987/03/10/ivory-coast-cocoa-arrivals-ahead.txt --json";

/// `dateline story`.
const STORY_EXAMPLES: &str = "Examples:
  dateline story 1987/03/10/ivory-coast-cocoa-arrivals-ahead.txt
  dateline story sample_corpus/1987/03/10/ivory-coast-cocoa-arrivals-ahead.txt   # a path works too
  dateline story 1987/03/10/ivory-coast-cocoa-arrivals-ahead.txt --json";

/// `dateline places`.
const PLACES_EXAMPLES: &str = "Examples:
  dateline places
  dateline places cocoa --from 1987-03 --to 1987-03
  dateline places --by country --limit 5 --json";

/// `dateline timeline`.
const TIMELINE_EXAMPLES: &str = "Examples:
  dateline timeline --from 2010 --by year
  dateline timeline floods --compare drought --by year --csv
  dateline timeline wheat --place Kazakhstan --json --svg wheat.svg";

/// `dateline parse`.
const PARSE_EXAMPLES: &str = "Examples:
  dateline parse sample_corpus/2017/10/30/kazakhstan-wheat-harvest-record.txt
  dateline parse sample_corpus/1987 sample_corpus/1993
  dateline parse sample_corpus/wire";

/// `dateline export`.
const EXPORT_EXAMPLES: &str = "Examples:
  dateline export > dispatches.jsonl
  dateline export cocoa --near Abidjan --within 100 --out cocoa.jsonl
  dateline export --format elasticsearch --out es-export     # then see es-export/README.txt
  dateline export --place Kazakhstan --format quickwit --out quickwit-export";

/// `dateline completions`.
const COMPLETIONS_EXAMPLES: &str = "Examples:
  dateline completions bash > ~/.local/share/bash-completion/completions/dateline
  dateline completions zsh > ~/.zfunc/_dateline
  dateline completions fish > ~/.config/fish/completions/dateline.fish";

/// `dateline man`.
const MAN_EXAMPLES: &str = "Examples:
  dateline man > ~/.local/share/man/man1/dateline.1   # then: man dateline
  dateline man | gzip > ~/.local/share/man/man1/dateline.1.gz
  dateline man > dateline.1 && man ./dateline.1";

/// Reads the command line, exiting with clap's message on `--help`, `--version` or a mistake;
/// help and errors are coloured as `--color` says, read before the rest of the line is
/// understood (clap itself would only look at the terminal and `NO_COLOR`).
pub fn parse() -> Cli {
    let choice = match colour_asked(std::env::args_os().skip(1)) {
        Some(ColorArg::Always) => clap::ColorChoice::Always,
        Some(ColorArg::Never) => clap::ColorChoice::Never,
        Some(ColorArg::Auto) | None => clap::ColorChoice::Auto,
    };
    let matches = Cli::command().color(choice).get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}

/// The last `--color WHEN` (or `--color=WHEN`) of `args` naming a known choice; arguments after
/// `--` are not options.
fn colour_asked(args: impl Iterator<Item = std::ffi::OsString>) -> Option<ColorArg> {
    let mut asked = None;
    let mut args = args.map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--" => break,
            "--color" => args.next(),
            other => other.strip_prefix("--color=").map(str::to_string),
        };
        if let Some(choice) = value.and_then(|v| ColorArg::from_str(&v, true).ok()) {
            asked = Some(choice);
        }
    }
    asked
}

/// `--color`: when to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or bring up to date) a folder of dispatches.
    #[command(after_long_help = INDEX_EXAMPLES)]
    Index(IndexArgs),
    /// Search the index by words, place and date.
    #[command(after_long_help = SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// Print one dispatch whole, from the index (the archive need not be there).
    #[command(after_long_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// List the versions of one story, with what each changed.
    #[command(after_long_help = STORY_EXAMPLES)]
    Story(StoryArgs),
    /// List places with their number of dispatches (or stories).
    #[command(after_long_help = PLACES_EXAMPLES)]
    Places(PlacesArgs),
    /// Chart the number of matching dispatches per year, quarter, month, week or day.
    #[command(after_long_help = TIMELINE_EXAMPLES)]
    Timeline(TimelineArgs),
    /// Write every matching dispatch with all its fields: as JSON Lines, or for
    /// Elasticsearch, OpenSearch or Quickwit.
    #[command(after_long_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Show how dispatches are read, without indexing them.
    #[command(after_long_help = PARSE_EXAMPLES)]
    Parse(ParseArgs),
    /// Print a shell's completion script for dateline on stdout.
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print dateline's manual page (roff) on stdout.
    #[command(after_long_help = MAN_EXAMPLES)]
    Man,
}

/// `dateline index`
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folder of dispatches (text, XML, JSON, web pages, SGML, bundles); only read, never written.
    #[arg(value_hint = ValueHint::DirPath)]
    pub archive: PathBuf,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// List every skipped file with its reason.
    #[arg(long, short)]
    pub verbose: bool,
    /// Rebuild from scratch beside the current index, replacing it only when done.
    #[arg(long)]
    pub full: bool,
    /// Skip files (and bundle members, once inflated) larger than this (bytes, or K, M, G).
    #[arg(long, value_name = "SIZE", default_value_t = Size(DEFAULT_MAX_FILE_SIZE), value_parser = parse_size)]
    pub max_file_size: Size,
    /// Commit (make searchable and crash-safe) after this many changed dispatches.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_COMMIT_EVERY_DOCS, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: u64,
    /// Read at most N files a second, to spare a shared file server [default: no limit].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_rate: Option<u32>,
}

/// Ordering of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
    /// Nearest to --near first.
    Distance,
}

/// Filters shared by `search` and `places`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only dispatches filed from this place: a city, region or country, today's or a former
    /// one while it existed ("Soviet Union" finds Moscow in 1989). Dispatches without a date
    /// are found by today's names only.
    #[arg(long, value_name = "PLACE")]
    pub place: Option<String>,
    /// Only dispatches filed near this city or LAT,LON point (see --within).
    #[arg(long, value_name = "PLACE|LAT,LON", allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Kilometres from --near.
    #[arg(long, value_name = "KM", requires = "near", default_value_t = DEFAULT_WITHIN_KM, value_parser = parse_km)]
    pub within: f64,
    /// Only dispatches filed on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only dispatches filed on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

/// `dateline search`
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find; "a phrase", -exclude, +require, headline:word, body:word, location:word
    /// (a query starting with `-` goes after `--`).
    pub query: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Most hits shown (at most 10,000).
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10, value_parser = parse_limit)]
    pub limit: u32,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// List every version of a story as a hit of its own, each with its story's id [default:
    /// a story is one hit, its latest version, with the number of versions it has].
    #[arg(long)]
    pub all_versions: bool,
    /// One JSON object per hit per line.
    #[arg(long)]
    pub json: bool,
    /// No sparkline of the hits' dates above the results on a terminal.
    #[arg(long)]
    pub no_summary: bool,
}

/// `dateline story`
#[derive(Debug, Args)]
pub struct StoryArgs {
    /// A dispatch's key, as `search` shows it, or a story's id: its versions are listed.
    #[arg(value_name = "KEY")]
    pub key: String,
    /// One JSON object per version per line, with what it changed.
    #[arg(long)]
    pub json: bool,
}

/// `dateline show`
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The dispatch's key, as `search` shows it (its path in the archive); the path of a file
    /// of the archive works too.
    #[arg(value_name = "KEY")]
    pub key: String,
    /// Mark these words in the headline and body (a query, as `search` takes it).
    #[arg(long, value_name = "WORDS", allow_hyphen_values = true)]
    pub highlight: Option<String>,
    /// The dispatch as one JSON object: the keys of a search hit, and `body`.
    #[arg(long)]
    pub json: bool,
}

/// How `places` groups dispatches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// By city (or the location as written when it names no known city).
    City,
    /// By country.
    Country,
}

/// `dateline places`
#[derive(Debug, Args)]
pub struct PlacesArgs {
    /// Only count dispatches matching these words (a query starting with `-` goes after `--`).
    pub query: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Group by city or by country.
    #[arg(long, value_enum, default_value_t = ByArg::City)]
    pub by: ByArg,
    /// Name countries as they were when filed (Soviet Union, West Germany), not as today.
    #[arg(long)]
    pub then: bool,
    /// Count stories (the versions of one story count once) [default: count dispatches].
    #[arg(long)]
    pub stories: bool,
    /// Most places shown.
    #[arg(long, short = 'n', default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=MAX_PLACES as i64))]
    pub limit: u32,
    /// One JSON object per place per line.
    #[arg(long)]
    pub json: bool,
}

/// The period `timeline` counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// The finest period giving at most 60 bars.
    Auto,
    /// Calendar years.
    Year,
    /// Calendar quarters.
    Quarter,
    /// Calendar months.
    Month,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Days.
    Day,
}

/// `dateline timeline`
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only count dispatches matching these words (every dispatch when none are given).
    #[arg(allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Period counted by.
    #[arg(long, value_enum, default_value_t = PeriodArg::Auto)]
    pub by: PeriodArg,
    /// Another query to count under the same filters, as a series of its own (repeatable).
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub compare: Vec<String>,
    /// Count stories, each on the day its first version was filed [default: count dispatches].
    #[arg(long)]
    pub stories: bool,
    /// One JSON object per period and series per line.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV: one row per period, one column per series.
    #[arg(long)]
    pub csv: bool,
    /// Also write the chart as a standalone SVG picture to FILE.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// One JSON object per dispatch per line.
    Jsonl,
    /// Elasticsearch and OpenSearch: an index mapping and _bulk files, in a folder.
    #[value(alias = "opensearch")]
    Elasticsearch,
    /// Quickwit: an index config and the documents, in a folder.
    Quickwit,
}

/// `dateline export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only dispatches matching these words, as `search` takes them [default: every
    /// dispatch] (a query starting with `-` goes after `--`).
    pub query: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// What to write.
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Jsonl)]
    pub format: ExportFormatArg,
    /// Where: a file for jsonl [default: stdout]; a folder for elasticsearch and quickwit,
    /// new, empty, or holding an earlier export in the same format (which is replaced).
    #[arg(
        long,
        value_name = "PATH",
        value_hint = ValueHint::AnyPath,
        required_if_eq_any = [
            ("format", "elasticsearch"),
            ("format", "opensearch"),
            ("format", "quickwit")
        ]
    )]
    pub out: Option<PathBuf>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `dateline parse`
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Dispatch files or folders of them.
    #[arg(required = true, value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
}

/// `dateline completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// A text made from these definitions, so that completions and the manual page never
/// disagree with `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generated {
    /// A shell's completion script.
    Completions(Shell),
    /// The manual page, in roff.
    Man,
}

impl Generated {
    /// Writes the text to `out`.
    pub fn write(self, out: &mut dyn Write) -> io::Result<()> {
        let mut command = Cli::command();
        match self {
            Generated::Completions(shell) => {
                clap_complete::generate(shell, &mut command, "dateline", out);
                Ok(())
            }
            Generated::Man => write_man(command, out),
        }
    }
}

/// One manual page for the whole tool, as ripgrep has: the global options, then each
/// command with its synopsis, options and examples, then the environment and exit status.
fn write_man(command: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let page = Man::new(command.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    roff.to_writer(out)?;
    // Taken before clap propagates the global options, which the page lists once above.
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("dateline {}", sub.get_name());
        let mut roff = Roff::new();
        roff.control("SS", [name.as_str()]);
        roff.to_writer(out)?;
        let sub_page = Man::new(sub.clone().bin_name(&name));
        // The sections of a command's own page, under its heading here.
        for render in [
            Man::render_synopsis_section,
            Man::render_description_section,
            Man::render_options_section,
        ] {
            let mut section = Vec::new();
            render(&sub_page, &mut section)?;
            write_without_heading(&section, out)?;
            out.write_all(b".PP\n")?;
        }
        if let Some(after) = sub.get_after_long_help() {
            write_preformatted(&after.to_string(), out)?;
        }
    }
    if let Some(after) = command.get_after_long_help() {
        let mut roff = Roff::new();
        roff.control("SH", ["EXAMPLES"]);
        roff.to_writer(out)?;
        write_preformatted(&after.to_string(), out)?;
    }
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    roff.control("TP", []);
    roff.text([roman("DATELINE_INDEX")]);
    roff.text([roman(
        "The index directory when --index is not given (else ./dateline-index).",
    )]);
    roff.control("TP", []);
    roff.text([roman("NO_COLOR")]);
    roff.text([roman(
        "When set and not empty, --color auto does not colour the output.",
    )]);
    roff.control("SH", ["EXIT STATUS"]);
    roff.text([roman(
        "As grep: 0 when something was found, 1 when nothing was, 2 on an error.",
    )]);
    roff.to_writer(out)?;
    page.render_version_section(out)
}

/// Writes a rendered section without its `.SH` heading line, so that it reads as part of
/// another section.
fn write_without_heading(section: &[u8], out: &mut dyn Write) -> io::Result<()> {
    let mut heading_dropped = false;
    for line in section.split_inclusive(|&b| b == b'\n') {
        if !heading_dropped && line.starts_with(b".SH ") {
            heading_dropped = true;
            continue;
        }
        out.write_all(line)?;
    }
    Ok(())
}

/// Writes text such as a list of examples line for line, as the terminal shows it.
fn write_preformatted(text: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut roff = Roff::new();
    roff.control("PP", []);
    roff.control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.to_writer(out)
}

/// Reads `--limit` of `search`: a count from 1 to [`MAX_LIMIT`]; more is a job for `export`.
fn parse_limit(text: &str) -> Result<u32, String> {
    let limit: u64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number of hits"))?;
    match u32::try_from(limit) {
        Ok(n) if n >= 1 && n as usize <= MAX_LIMIT => Ok(n),
        Ok(0) => Err("at least one hit is shown".to_string()),
        _ => Err(format!(
            "at most {MAX_LIMIT} hits are shown: use `dateline export` for all matches"
        )),
    }
}

/// A size in bytes, typed as `16M`, `512K` or `1048576`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size(pub u64);

impl fmt::Display for Size {
    /// The largest unit that divides the size exactly, as it would be typed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = [(1 << 30, "G"), (1 << 20, "M"), (1 << 10, "K")];
        match units
            .iter()
            .find(|(factor, _)| self.0 > 0 && self.0.is_multiple_of(*factor))
        {
            Some((factor, unit)) => write!(f, "{}{unit}", self.0 / factor),
            None => write!(f, "{}", self.0),
        }
    }
}

/// Reads a distance in kilometres: a number greater than 0.
pub fn parse_km(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(km) if km.is_finite() && km > 0.0 => Ok(km),
        _ => Err(format!(
            "'{text}' is not a distance in kilometres greater than 0"
        )),
    }
}

/// Reads a size such as `16M`, `512K` or `1048576`.
pub fn parse_size(text: &str) -> Result<Size, String> {
    let text = text.trim();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a size (e.g. 16M, 512K, 1048576)"))?;
    let factor: u64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return Err(format!("'{text}' has an unknown unit (use K, M or G)")),
    };
    number
        .checked_mul(factor)
        .map(Size)
        .ok_or_else(|| format!("'{text}' is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_colour_of_help_and_errors_is_read_before_the_rest() {
        let asked = |args: &[&str]| colour_asked(args.iter().map(std::ffi::OsString::from));
        assert_eq!(
            asked(&["search", "--help", "--color", "always"]),
            Some(ColorArg::Always)
        );
        assert_eq!(asked(&["--color=never", "search"]), Some(ColorArg::Never));
        assert_eq!(
            asked(&["--color", "never", "search", "--color", "ALWAYS"]),
            Some(ColorArg::Always)
        );
        assert_eq!(asked(&["search", "--color", "sometimes"]), None);
        assert_eq!(asked(&["search", "--", "--color", "always"]), None);
        assert_eq!(asked(&["search", "--color"]), None);
    }

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn limits_above_the_cap_point_to_export() {
        assert_eq!(parse_limit("10"), Ok(10));
        assert_eq!(parse_limit(&MAX_LIMIT.to_string()), Ok(MAX_LIMIT as u32));
        for too_many in ["10001", "99999999999"] {
            let err = parse_limit(too_many).unwrap_err();
            assert!(
                err.contains("use `dateline export` for all matches"),
                "{err}"
            );
        }
        assert!(parse_limit("0").is_err());
        assert!(parse_limit("-3").is_err());
        assert!(parse_limit("ten").is_err());
    }

    #[test]
    fn a_folder_format_needs_a_folder() {
        for format in ["elasticsearch", "opensearch", "quickwit"] {
            let err = Cli::try_parse_from(["dateline", "export", "--format", format]).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
            assert!(err.to_string().contains("--out <PATH>"), "{err}");
        }
        let cli =
            Cli::try_parse_from(["dateline", "export", "--format", "opensearch", "--out", "x"])
                .unwrap();
        match cli.command {
            Command::Export(args) => assert_eq!(args.format, ExportFormatArg::Elasticsearch),
            other => panic!("unexpected {other:?}"),
        }
        assert!(Cli::try_parse_from(["dateline", "export"]).is_ok());
    }

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("16M"), Ok(Size(16 << 20)));
        assert_eq!(parse_size("512k"), Ok(Size(512 << 10)));
        assert_eq!(parse_size("100"), Ok(Size(100)));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999G").is_err());
    }

    #[test]
    fn sizes_print_as_typed_and_read_back() {
        for size in [
            Size(16 << 20),
            Size(512 << 10),
            Size(3 << 30),
            Size(1000),
            Size(0),
        ] {
            assert_eq!(parse_size(&size.to_string()), Ok(size));
        }
        assert_eq!(Size(DEFAULT_MAX_FILE_SIZE).to_string(), "16M");
    }

    #[test]
    fn distances_in_kilometres() {
        assert_eq!(parse_km("50"), Ok(50.0));
        assert_eq!(parse_km("2.5"), Ok(2.5));
        assert!(parse_km("0").is_err());
        assert!(parse_km("-5").is_err());
        assert!(parse_km("inf").is_err());
        assert!(parse_km("far").is_err());
    }

    #[test]
    fn within_needs_near_and_near_takes_negative_coordinates() {
        let alone = Cli::try_parse_from(["dateline", "search", "x", "--within", "10"]);
        assert!(alone.is_err());
        let cli = Cli::try_parse_from(["dateline", "search", "--near", "-33.9,18.4"]).unwrap();
        match cli.command {
            Command::Search(args) => {
                assert_eq!(args.filters.near.as_deref(), Some("-33.9,18.4"));
                assert_eq!(args.filters.within, DEFAULT_WITHIN_KM);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_leading_dash_query_goes_after_a_double_dash() {
        let cli = Cli::try_parse_from(["dateline", "search", "--json", "--", "-wheat"]).unwrap();
        match cli.command {
            Command::Search(args) => {
                assert_eq!(args.query.as_deref(), Some("-wheat"));
                assert!(args.json);
            }
            other => panic!("unexpected {other:?}"),
        }
        // As in grep, a bare leading `-word` is an option, so a typo is never searched for.
        for argv in [
            ["dateline", "search", "-wheat"],
            ["dateline", "search", "--plac"],
            ["dateline", "places", "-wheat"],
        ] {
            let err = Cli::try_parse_from(argv).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::UnknownArgument);
        }
    }

    #[test]
    fn timeline_takes_repeated_compares_and_one_output_format() {
        let cli = Cli::try_parse_from([
            "dateline",
            "timeline",
            "ceasefire",
            "--compare",
            "truce",
            "--compare",
            "-war",
            "--by",
            "quarter",
        ])
        .unwrap();
        match cli.command {
            Command::Timeline(args) => {
                assert_eq!(args.compare, ["truce", "-war"]);
                assert_eq!(args.by, PeriodArg::Quarter);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(Cli::try_parse_from(["dateline", "timeline", "x", "--json", "--csv"]).is_err());
    }
}
