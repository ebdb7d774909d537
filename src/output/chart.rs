//! Timelines for people and spreadsheets: bars of eighth blocks scaled to the terminal, the
//! one-line sparkline `search` draws above its hits, and CSV.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use dateline::search::timeline::{Series, Timeline};

use super::escape_controls;

/// Partial blocks, one to eight eighths of a column wide.
const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
/// Sparkline levels, one to eight eighths of a line high.
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Colours of the series, in order; a fifth series takes the first again.
const SERIES_COLOURS: [AnsiColor; 4] = [
    AnsiColor::Cyan,
    AnsiColor::Yellow,
    AnsiColor::Magenta,
    AnsiColor::Green,
];
/// Columns between two series' columns.
const COLUMN_GAP: &str = "   ";
/// Narrowest bar drawn, however narrow the terminal.
const MIN_BAR_WIDTH: usize = 4;

/// Styles of a chart; all plain when colour is off.
#[derive(Debug, Clone, Copy, Default)]
struct SeriesStyle {
    bar: Style,
    peak: Style,
    name: Style,
}

impl SeriesStyle {
    fn new(series: usize, colour: bool) -> Self {
        if !colour {
            return SeriesStyle::default();
        }
        let hue = SERIES_COLOURS[series % SERIES_COLOURS.len()];
        SeriesStyle {
            bar: Style::new().fg_color(Some(hue.into())),
            // The peak stands out: bright and bold, where the others are plain.
            peak: Style::new().bold().fg_color(Some(hue.bright(true).into())),
            name: Style::new().bold().fg_color(Some(hue.into())),
        }
    }
}

/// How a series is named for people: its query, or "all dispatches" for a query without
/// words (`*`, as JSON and CSV name it).
pub fn series_label(series: &Series) -> &str {
    match series.name.as_str() {
        "*" => "all dispatches",
        name => name,
    }
}

fn styled(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// A bar for `count` where `peak` fills `width` columns, to the nearest eighth of a column;
/// a count above zero always shows at least an eighth.
pub fn bar(count: u64, peak: u64, width: usize) -> String {
    if count == 0 || peak == 0 || width == 0 {
        return String::new();
    }
    let scaled = (u128::from(count) * width as u128 * 8 + u128::from(peak) / 2) / u128::from(peak);
    let eighths = usize::try_from(scaled).unwrap_or(usize::MAX).max(1);
    let mut bar = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        bar.push(EIGHTHS[eighths % 8 - 1]);
    }
    bar
}

/// The period a series peaks in and its count; none when it counted no dated dispatch.
fn peak_of(series: &Series) -> Option<(usize, u64)> {
    series
        .counts
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .fold(None, |best, (i, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((i, n)),
        })
}

/// The line above a series' bars: its name, dated total and peak.
fn series_line(timeline: &Timeline, series: &Series, style: &SeriesStyle) -> String {
    // A query without words (`*`) is every dispatch: no name to give.
    let name = match series.name.as_str() {
        "*" => String::new(),
        name => format!("{}: ", styled(style.name, &escape_controls(name))),
    };
    let dated: u64 = series.counts.iter().sum();
    match peak_of(series) {
        Some((at, count)) => format!(
            "{name}{dated} dated {} by {}, peak {} in {}",
            counted(timeline, dated),
            timeline.period.name(),
            styled(style.peak, &count.to_string()),
            timeline.periods[at].label
        ),
        None => format!("{name}no dated dispatch"),
    }
}

fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// What a timeline counts, as many as `n`: dispatches, or stories.
fn counted(timeline: &Timeline, n: u64) -> &'static str {
    if timeline.stories {
        plural(n, "story", "stories")
    } else {
        plural(n, "dispatch", "dispatches")
    }
}

/// Writes a timeline as one line per period: its label, then per series a bar scaled to
/// `width` columns (one scale for every series) and the count; each series' peak stands out
/// in colour. Headed by each series' total and peak, followed by the undated count.
pub fn write_bars(
    out: &mut dyn Write,
    timeline: &Timeline,
    colour: bool,
    width: usize,
) -> std::io::Result<()> {
    let styles: Vec<SeriesStyle> = (0..timeline.series.len())
        .map(|i| SeriesStyle::new(i, colour))
        .collect();
    for (series, style) in timeline.series.iter().zip(&styles) {
        writeln!(out, "{}", series_line(timeline, series, style))?;
    }
    let n = timeline.series.len().max(1);
    let label_width = timeline
        .periods
        .iter()
        .map(|p| p.label.chars().count())
        .max()
        .unwrap_or(0);
    let counts = || {
        timeline
            .series
            .iter()
            .flat_map(|s| s.counts.iter().copied())
    };
    let count_width = counts().max().unwrap_or(0).to_string().len();
    let scale = counts().max().unwrap_or(0);
    let fixed = label_width + 2 + n * (1 + count_width) + (n - 1) * COLUMN_GAP.len();
    let bar_width = (width.saturating_sub(fixed) / n).max(MIN_BAR_WIDTH);
    let column_width = bar_width + 1 + count_width;
    if timeline.series.len() > 1 && !timeline.periods.is_empty() {
        let names: Vec<String> = timeline
            .series
            .iter()
            .zip(&styles)
            .map(|(series, style)| {
                let name: String = escape_controls(series_label(series))
                    .chars()
                    .take(column_width)
                    .collect();
                let pad = column_width - name.chars().count();
                format!("{}{}", styled(style.name, &name), " ".repeat(pad))
            })
            .collect();
        let header = format!("{}  {}", " ".repeat(label_width), names.join(COLUMN_GAP));
        writeln!(out, "{}", header.trim_end())?;
    }
    let peaks: Vec<u64> = timeline
        .series
        .iter()
        .map(|s| peak_of(s).map_or(0, |(_, n)| n))
        .collect();
    for (at, period) in timeline.periods.iter().enumerate() {
        let mut line = format!("{:<label_width$}  ", period.label);
        for (i, (series, style)) in timeline.series.iter().zip(&styles).enumerate() {
            let count = series.counts.get(at).copied().unwrap_or(0);
            let drawn = bar(count, scale, bar_width);
            let pad = bar_width.saturating_sub(drawn.chars().count());
            let (bar_style, count_style) = if count > 0 && count == peaks[i] {
                (style.peak, style.peak)
            } else {
                (style.bar, Style::new())
            };
            if i > 0 {
                line.push_str(COLUMN_GAP);
            }
            line.push_str(&styled(bar_style, &drawn));
            line.push_str(&" ".repeat(pad + 1));
            line.push_str(&styled(count_style, &format!("{count:>count_width$}")));
        }
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{}", undated_line(timeline))
}

/// `undated: N`, or `undated: QUERY N, QUERY N` for several series.
fn undated_line(timeline: &Timeline) -> String {
    match timeline.series.as_slice() {
        [only] => format!("undated: {}", only.undated),
        all => {
            let parts: Vec<String> = all
                .iter()
                .map(|s| format!("{} {}", escape_controls(series_label(s)), s.undated))
                .collect();
            format!("undated: {}", parts.join(", "))
        }
    }
}

/// The first series of a timeline in one line of `width` columns: first period, a sparkline
/// (neighbouring periods merged when they are more than the columns), last period, and what
/// one character stands for. None when there is no dated dispatch.
pub fn sparkline_line(timeline: &Timeline, colour: bool, width: usize) -> Option<String> {
    let series = timeline.series.first()?;
    let (first, last) = (timeline.periods.first()?, timeline.periods.last()?);
    let dated: u64 = series.counts.iter().sum();
    if dated == 0 {
        return None;
    }
    let ends = first.label.chars().count() + last.label.chars().count() + 2;
    let room = width.saturating_sub(ends).max(1);
    let per_char = series.counts.len().div_ceil(room).max(1);
    let unit = match per_char {
        1 => timeline.period.name().to_string(),
        k => format!("{k} {}s", timeline.period.name()),
    };
    let note = format!(
        "  {dated} dated {}, one mark per {unit}",
        counted(timeline, dated)
    );
    let sums: Vec<u64> = series
        .counts
        .chunks(per_char)
        .map(|c| c.iter().sum())
        .collect();
    let peak = sums.iter().copied().max().unwrap_or(0);
    let marks: String = sums
        .iter()
        .map(|&n| match n {
            0 => ' ',
            n => {
                let level = (u128::from(n) * 8).div_ceil(u128::from(peak));
                SPARKS[usize::try_from(level).unwrap_or(8).clamp(1, 8) - 1]
            }
        })
        .collect();
    let style = SeriesStyle::new(0, colour);
    let fits_note = ends + sums.len() + note.chars().count() <= width;
    Some(format!(
        "{} {} {}{}",
        first.label,
        styled(style.bar, &marks),
        last.label,
        if fits_note { note.as_str() } else { "" }
    ))
}

/// Writes a timeline as CSV: `period,from,to` and one column per series named by its query,
/// one row per period, and a last row `undated` with empty dates.
pub fn write_csv(out: &mut dyn Write, timeline: &Timeline) -> std::io::Result<()> {
    let mut header = vec!["period".to_string(), "from".into(), "to".into()];
    header.extend(timeline.series.iter().map(|s| csv_field(&s.name)));
    writeln!(out, "{}", header.join(","))?;
    for (at, period) in timeline.periods.iter().enumerate() {
        let mut row = vec![
            period.label.clone(),
            period.first.to_string(),
            period.last.to_string(),
        ];
        row.extend(
            timeline
                .series
                .iter()
                .map(|s| s.counts.get(at).copied().unwrap_or(0).to_string()),
        );
        writeln!(out, "{}", row.join(","))?;
    }
    let mut undated = vec!["undated".to_string(), String::new(), String::new()];
    undated.extend(timeline.series.iter().map(|s| s.undated.to_string()));
    writeln!(out, "{}", undated.join(","))
}

/// A CSV field, quoted (RFC 4180) when it holds a comma, a quote, a line break or edge spaces.
fn csv_field(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\n', '\r']) || text.trim() != text;
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline::search::timeline::{Period, PeriodSpan};
    use jiff::civil::date;

    fn months(counts: &[&[u64]], names: &[&str]) -> Timeline {
        let periods = (0..counts[0].len())
            .map(|i| {
                let first = date(1987, i as i8 + 1, 1);
                PeriodSpan {
                    label: Period::Month.label(first),
                    first,
                    last: first.last_of_month(),
                }
            })
            .collect();
        Timeline {
            period: Period::Month,
            periods,
            stories: false,
            series: counts
                .iter()
                .zip(names)
                .map(|(c, n)| Series {
                    name: n.to_string(),
                    counts: c.to_vec(),
                    undated: 2,
                })
                .collect(),
            dated: Some((date(1987, 1, 1), date(1987, 12, 31))),
        }
    }

    #[test]
    fn bars_are_drawn_to_the_eighth_and_never_vanish() {
        assert_eq!(bar(8, 8, 4), "████");
        assert_eq!(bar(4, 8, 4), "██");
        assert_eq!(bar(1, 8, 4), "▌");
        assert_eq!(bar(3, 8, 4), "█▌");
        assert_eq!(bar(1, 1000, 4), "▏");
        assert_eq!(bar(0, 8, 4), "");
        assert_eq!(bar(5, 0, 4), "");
    }

    #[test]
    fn plain_bars_fill_the_width_at_the_peak() {
        let timeline = months(&[&[3, 0, 12, 6]], &["cocoa"]);
        let mut out = Vec::new();
        write_bars(&mut out, &timeline, false, 40).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "cocoa: 21 dated dispatches by month, peak 12 in 1987-03"
        );
        // 40 columns: 7 for the label, 2 spaces, 28 of bar, 1 space, 2 for the count.
        assert_eq!(lines[1], format!("1987-01  {:<28} {:>2}", "███████", 3));
        assert_eq!(lines[2], format!("1987-02  {:<28}  0", ""));
        assert_eq!(lines[3], format!("1987-03  {} 12", "█".repeat(28)));
        assert_eq!(lines[4], format!("1987-04  {:<28}  6", "█".repeat(14)));
        assert_eq!(lines[5], "undated: 2");
        assert!(lines[1..5].iter().all(|l| l.chars().count() == 40));
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn compared_series_share_one_scale_side_by_side() {
        let timeline = months(&[&[4, 2], &[1, 8]], &["ceasefire", "truce"]);
        let mut out = Vec::new();
        write_bars(&mut out, &timeline, false, 60).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("ceasefire: 6 dated"));
        assert!(lines[1].starts_with("truce: 9 dated"));
        // Per series: (60 - 7 - 2 - 2 * 2 - 3) / 2 = 22 columns of bar.
        assert_eq!(lines[2], format!("{:9}{:<24}   truce", "", "ceasefire"));
        assert_eq!(
            lines[3],
            format!("1987-01  {:<22} 4   {:<22} 1", "█".repeat(11), "██▊")
        );
        assert_eq!(
            lines[4],
            format!("1987-02  {:<22} 2   {} 8", "█████▌", "█".repeat(22))
        );
        assert_eq!(lines[5], "undated: ceasefire 2, truce 2");
    }

    #[test]
    fn colour_marks_each_series_and_its_peak() {
        let timeline = months(&[&[3, 12]], &["cocoa"]);
        let mut out = Vec::new();
        write_bars(&mut out, &timeline, true, 40).unwrap();
        let text = String::from_utf8(out).unwrap();
        let peak = Style::new()
            .bold()
            .fg_color(Some(AnsiColor::Cyan.bright(true).into()))
            .render()
            .to_string();
        let line = text.lines().find(|l| l.starts_with("1987-02")).unwrap();
        assert!(line.contains(&format!("{peak}12")), "{line:?}");
        let other = text.lines().find(|l| l.starts_with("1987-01")).unwrap();
        assert!(!other.contains(&peak), "{other:?}");
    }

    #[test]
    fn the_sparkline_merges_periods_to_fit_its_line() {
        let timeline = months(&[&[1, 0, 8, 4, 2, 0, 0, 0, 0, 0, 0, 1]], &["x"]);
        let line = sparkline_line(&timeline, false, 80).unwrap();
        assert_eq!(
            line,
            "1987-01 ▁ █▄▂      ▁ 1987-12  16 dated dispatches, one mark per month"
        );
        let narrow = sparkline_line(&timeline, false, 22).unwrap();
        assert_eq!(narrow, "1987-01 ▁█▂  ▁ 1987-12");
        let nothing = months(&[&[0, 0]], &["x"]);
        assert_eq!(sparkline_line(&nothing, false, 80), None);
    }

    #[test]
    fn csv_has_a_column_per_series_and_an_undated_row() {
        let timeline = months(&[&[4, 0], &[1, 8]], &["ceasefire", "\"cease, fire\""]);
        let mut out = Vec::new();
        write_csv(&mut out, &timeline).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "period,from,to,ceasefire,\"\"\"cease, fire\"\"\"\n\
             1987-01,1987-01-01,1987-01-31,4,1\n\
             1987-02,1987-02-01,1987-02-28,0,8\n\
             undated,,,2,2\n"
        );
    }
}
