//! Command-line interface: the only module that knows clap. Defaults come from the library's
//! constants, so each is written once; [`crate::settings`] turns what is typed into settings.

use std::fmt;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dateline::index::{DEFAULT_COMMIT_EVERY_DOCS, DEFAULT_MAX_FILE_SIZE};
use dateline::search::MAX_LIMIT;
use dateline::search::near::DEFAULT_WITHIN_KM;
use dateline::search::places::MAX_PLACES;

/// Search engine for archives of news dispatches.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, long_about = None)]
pub struct Cli {
    /// Index directory [default: $DATELINE_INDEX, else ./dateline-index]
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or bring up to date) a folder of dispatches.
    Index(IndexArgs),
    /// Search the index by words, place and date.
    Search(SearchArgs),
    /// List places with their number of dispatches.
    Places(PlacesArgs),
    /// Show how dispatches are read, without indexing them.
    Parse(ParseArgs),
}

/// `dateline index`
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folder of dispatches (`*.txt`); it is only read, never written.
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
    /// Skip files larger than this (bytes, or with K, M, G suffix).
    #[arg(long, value_name = "SIZE", default_value_t = Size(DEFAULT_MAX_FILE_SIZE), value_parser = parse_size)]
    pub max_file_size: Size,
    /// Commit (make searchable and crash-safe) after this many changed dispatches.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_COMMIT_EVERY_DOCS, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: u64,
    /// Read at most N dispatches a second, to spare a shared file server [default: no limit].
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
    /// Words to find; "a phrase", -exclude, +require, headline:word, body:word, location:word.
    #[arg(allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Most hits shown.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=MAX_LIMIT as i64))]
    pub limit: u32,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// One JSON object per hit per line.
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
    /// Only count dispatches matching these words.
    #[arg(allow_hyphen_values = true)]
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
    /// Most places shown.
    #[arg(long, short = 'n', default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=MAX_PLACES as i64))]
    pub limit: u32,
    /// One JSON object per place per line.
    #[arg(long)]
    pub json: bool,
}

/// `dateline parse`
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Dispatch files or folders of them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
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
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
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
    fn a_leading_dash_query_is_a_query() {
        let cli = Cli::try_parse_from(["dateline", "search", "-wheat", "--json"]).unwrap();
        match cli.command {
            Command::Search(args) => {
                assert_eq!(args.query.as_deref(), Some("-wheat"));
                assert!(args.json);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
