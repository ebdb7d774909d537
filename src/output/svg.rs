//! A timeline as a standalone SVG picture: a title naming the queries and filters, labelled
//! axes, and one bar series per query, drawn with plotters' SVG backend (text is left to the
//! viewer's fonts, so nothing is read from the system).

use plotters::prelude::*;

use dateline::search::timeline::{Timeline, TimelineRequest};

use super::chart::series_label;

/// Colours of the series, in order (a colour-blind-safe set); a fifth takes the first again.
const SERIES_COLOURS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
];
/// Height of the picture, in pixels.
const HEIGHT: u32 = 520;
/// Width of the picture: room per period, within these bounds.
const WIDTH_PER_PERIOD: u32 = 16;
const MIN_WIDTH: u32 = 800;
const MAX_WIDTH: u32 = 3200;
/// Share of a period's slot its bars take; the rest separates periods.
const GROUP_WIDTH: f64 = 0.8;

/// The colour series `index` is drawn in.
pub fn series_colour(index: usize) -> RGBColor {
    SERIES_COLOURS[index % SERIES_COLOURS.len()]
}

/// The chart's title: what was counted, by what period, under which filters.
pub fn title(request: &TimelineRequest, timeline: &Timeline) -> String {
    let names: Vec<&str> = timeline.series.iter().map(series_label).collect();
    let mut title = format!("Dispatches per {}", timeline.period.name());
    if names != ["all dispatches"] {
        title.push_str(": ");
        title.push_str(&names.join(" vs "));
    }
    let mut filters = Vec::new();
    if let Some(place) = &request.selection.place {
        filters.push(format!("from {place}"));
    }
    match (request.selection.from, request.selection.to) {
        (Some(from), Some(to)) => filters.push(format!("{from} to {to}")),
        (Some(from), None) => filters.push(format!("since {from}")),
        (None, Some(to)) => filters.push(format!("until {to}")),
        (None, None) => {}
    }
    if !filters.is_empty() {
        title.push_str(&format!(" ({})", filters.join(", ")));
    }
    title
}

/// Draws `timeline` as an SVG document titled `title`.
pub fn chart(timeline: &Timeline, title: &str) -> std::io::Result<String> {
    let mut svg = String::new();
    draw(&mut svg, timeline, title).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(svg)
}

fn draw(
    svg: &mut String,
    timeline: &Timeline,
    title: &str,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let periods = timeline.periods.len();
    let width = u32::try_from(periods)
        .unwrap_or(u32::MAX)
        .saturating_mul(WIDTH_PER_PERIOD)
        .saturating_add(160)
        .clamp(MIN_WIDTH, MAX_WIDTH);
    let root = SVGBackend::with_string(svg, (width, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let peak = timeline
        .series
        .iter()
        .flat_map(|s| s.counts.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    // Each period is the slot [i - 0.5, i + 0.5], so an axis label at i sits under its bars.
    let x_range = -0.5..(periods.max(1) as f64 - 0.5);
    // Headroom above the peak for the legend, a line per series.
    let headroom = 1.1 + 0.08 * timeline.series.len() as f64;
    let y_range = 0.0..(peak as f64 * headroom);
    // As many axis labels as fit side by side.
    let label_chars = timeline
        .periods
        .iter()
        .map(|p| p.label.len())
        .max()
        .unwrap_or(4);
    let label_room = (width as usize).saturating_sub(120) / (label_chars * 8 + 16);
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(56)
        .y_label_area_size(64)
        .build_cartesian_2d(x_range, y_range)?;
    let label_at = |x: &f64| {
        let nearest = x.round();
        match timeline.periods.get(nearest as usize) {
            Some(period) if (x - nearest).abs() < 1e-6 && nearest >= 0.0 => period.label.clone(),
            _ => String::new(),
        }
    };
    let whole = |y: &f64| {
        if y.fract().abs() < 1e-6 {
            format!("{y:.0}")
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(periods.min(label_room).max(2))
        .x_label_formatter(&label_at)
        .y_labels(peak.clamp(2, 10) as usize)
        .y_label_formatter(&whole)
        .x_desc(timeline.period.name())
        .y_desc("dispatches")
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 13))
        .draw()?;
    let slots = timeline.series.len().max(1) as f64;
    let bar_width = GROUP_WIDTH / slots;
    for (index, series) in timeline.series.iter().enumerate() {
        let colour = series_colour(index);
        let left = -GROUP_WIDTH / 2.0 + index as f64 * bar_width;
        let bars = series
            .counts
            .iter()
            .enumerate()
            .filter(|&(_, &count)| count > 0)
            .map(move |(at, &count)| {
                let x0 = at as f64 + left;
                Rectangle::new([(x0, 0.0), (x0 + bar_width, count as f64)], colour.filled())
            });
        chart
            .draw_series(bars)?
            .label(series_label(series))
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], colour.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .label_font(("sans-serif", 14))
        .draw()?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline::search::SearchRequest;
    use dateline::search::timeline::{Period, PeriodSpan, Series};
    use jiff::civil::date;

    fn timeline() -> Timeline {
        let periods = (1..=4)
            .map(|m| {
                let first = date(1987, m, 1);
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
            series: vec![
                Series {
                    name: "ceasefire & <truce>".into(),
                    counts: vec![3, 0, 5, 1],
                    undated: 0,
                },
                Series {
                    name: "war".into(),
                    counts: vec![0, 0, 2, 0],
                    undated: 0,
                },
            ],
            dated: Some((date(1987, 1, 1), date(1987, 4, 30))),
        }
    }

    fn fill_of(colour: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2)
    }

    #[test]
    fn the_chart_is_xml_with_a_bar_per_non_empty_period_and_series() {
        let timeline = timeline();
        let svg = chart(&timeline, "Dispatches per month: a & <b>").unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let rects_of = |colour: RGBColor| {
            doc.descendants()
                .filter(|n| n.has_tag_name("rect"))
                .filter(|n| n.attribute("fill").map(str::to_uppercase) == Some(fill_of(colour)))
                .count()
        };
        // One rectangle per non-empty period, and one in the legend.
        assert_eq!(rects_of(series_colour(0)), 3 + 1);
        assert_eq!(rects_of(series_colour(1)), 1 + 1);
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect();
        for expected in [
            "Dispatches per month: a & <b>",
            "ceasefire & <truce>",
            "war",
            "month",
            "dispatches",
            "1987-01",
            "1987-04",
        ] {
            assert!(
                texts.iter().any(|t| t.trim() == expected),
                "{expected} not in {texts:?}"
            );
        }
    }

    #[test]
    fn the_title_names_queries_period_and_filters() {
        let timeline = timeline();
        let request = TimelineRequest {
            selection: SearchRequest {
                place: Some("Kazakhstan".into()),
                from: Some(date(1987, 1, 1)),
                to: Some(date(1987, 4, 30)),
                ..SearchRequest::default()
            },
            ..TimelineRequest::default()
        };
        assert_eq!(
            title(&request, &timeline),
            "Dispatches per month: ceasefire & <truce> vs war \
             (from Kazakhstan, 1987-01-01 to 1987-04-30)"
        );
    }
}
