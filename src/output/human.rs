//! Output for people: one block per hit, one line per place, the indexing summary; colour
//! only when asked for.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use dateline::gazetteer::title_case;
use dateline::index::IndexReport;
use dateline::search::Hit;
use dateline::search::places::{GroupBy, PlaceCount};

use super::escape_controls;

/// Styles of the human output; all plain when colour is off.
#[derive(Debug, Clone, Copy, Default)]
pub struct Palette {
    date: Style,
    location: Style,
    headline: Style,
    path: Style,
    matched: Style,
}

impl Palette {
    /// The palette for a terminal, or a plain one.
    pub fn new(colour: bool) -> Self {
        if !colour {
            return Palette::default();
        }
        Palette {
            date: Style::new().fg_color(Some(AnsiColor::Green.into())),
            location: Style::new().fg_color(Some(AnsiColor::Cyan.into())),
            headline: Style::new().bold(),
            path: Style::new().fg_color(Some(AnsiColor::Magenta.into())),
            matched: Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
        }
    }
}

fn paint(out: &mut dyn Write, style: Style, text: &str) -> std::io::Result<()> {
    write!(
        out,
        "{}{}{}",
        style.render(),
        escape_controls(text),
        style.render_reset()
    )
}

/// Writes one hit: date, location and headline; the path; the snippet with matches marked.
pub fn write_hit(out: &mut dyn Write, hit: &Hit, palette: &Palette) -> std::io::Result<()> {
    let meta = &hit.record.meta;
    let date = meta
        .date
        .map_or_else(|| "----------".to_string(), |d| d.to_string());
    paint(out, palette.date, &date)?;
    if let Some(location) = &meta.location {
        out.write_all(b"  ")?;
        paint(out, palette.location, location)?;
    }
    if let Some(km) = hit.distance_km {
        write!(out, " ({km:.1} km)")?;
    }
    if let Some(headline) = &meta.headline {
        out.write_all(b"  ")?;
        paint(out, palette.headline, headline)?;
    }
    out.write_all(b"\n  ")?;
    paint(out, palette.path, &hit.record.key.path)?;
    out.write_all(b"\n")?;
    let snippet = &hit.snippet;
    if !snippet.text.is_empty() {
        out.write_all(b"  ")?;
        let mut at = 0;
        for range in &snippet.highlights {
            let (Some(before), Some(matched)) = (
                snippet.text.get(at..range.start),
                snippet.text.get(range.start..range.end),
            ) else {
                continue;
            };
            out.write_all(escape_controls(before).as_bytes())?;
            paint(out, palette.matched, matched)?;
            at = range.end;
        }
        out.write_all(escape_controls(snippet.text.get(at..).unwrap_or("")).as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.write_all(b"\n")
}

/// Writes places as `COUNT  PLACE[, COUNTRY]`, counts aligned on the right.
pub fn write_places(
    out: &mut dyn Write,
    counts: &[PlaceCount],
    by: GroupBy,
) -> std::io::Result<()> {
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    for place in counts {
        let country = match (&place.country, by) {
            (Some(country), GroupBy::City) => format!(", {country}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "{:>width$}  {}{}",
            place.count,
            escape_controls(&place.place),
            escape_controls(&country)
        )?;
    }
    Ok(())
}

/// What a `--place` that matches no dispatch gets: the nearest indexed places, if any.
pub fn unknown_place_line(place: &str, suggestions: &[(String, u64)]) -> String {
    let place = escape_controls(place);
    if suggestions.is_empty() {
        return format!("no dispatches from '{place}'");
    }
    let list: Vec<String> = suggestions
        .iter()
        .map(|(name, n)| format!("{} ({n})", escape_controls(&title_case(name))))
        .collect();
    format!(
        "no dispatches from '{place}'; did you mean {}?",
        list.join(", ")
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use dateline::archive::SkipReason;
    use dateline::dispatch::{Key, Meta, Record};
    use dateline::search::Snippet;

    #[test]
    fn summary_counts_every_kind_of_change_and_skip() {
        let report = IndexReport {
            added: 2,
            updated: 1,
            removed: 1,
            unchanged: 5,
            skipped: vec![
                ("a.txt".into(), SkipReason::Binary),
                ("b.txt".into(), SkipReason::Binary),
                ("c.txt".into(), SkipReason::Empty),
            ],
            elapsed: std::time::Duration::from_secs(2),
        };
        assert_eq!(
            summary_line(&report),
            "indexed 3 dispatches (2 added, 1 updated, 1 removed, 5 unchanged; 8 in the index \
             from this archive); skipped 3 (1 empty, 2 binary); 2.00 s, 2 dispatches/s"
        );
    }

    #[test]
    fn places_align_their_counts_and_name_the_country_of_cities() {
        let counts = [
            PlaceCount {
                place: "London".into(),
                country: Some("United Kingdom".into()),
                count: 12,
            },
            PlaceCount {
                place: "UNITED NATIONS".into(),
                country: None,
                count: 3,
            },
        ];
        let mut out = Vec::new();
        write_places(&mut out, &counts, GroupBy::City).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "12  London, United Kingdom\n 3  UNITED NATIONS\n"
        );
    }

    #[test]
    fn an_unknown_place_line_title_cases_its_suggestions() {
        assert_eq!(
            unknown_place_line(
                "Raqqqa",
                &[("raqqa".into(), 1), ("winston-salem".into(), 2)]
            ),
            "no dispatches from 'Raqqqa'; did you mean Raqqa (1), Winston-Salem (2)?"
        );
        assert_eq!(unknown_place_line("Zz", &[]), "no dispatches from 'Zz'");
    }

    #[test]
    fn plain_output_escapes_controls_and_marks_nothing() {
        let hit = Hit {
            record: Record {
                key: Key::file("a/b.txt"),
                meta: Meta {
                    date: Some(jiff::civil::date(2017, 10, 30)),
                    location: Some("Astana, Kazakhstan".into()),
                    headline: Some("Talks\x1b[2J open".into()),
                    ..Meta::default()
                },
                place: Default::default(),
            },
            score: Some(1.0),
            snippet: Snippet {
                text: "peace talks opened".into(),
                highlights: vec![std::ops::Range { start: 6, end: 11 }],
            },
            distance_km: None,
        };
        let mut out = Vec::new();
        write_hit(&mut out, &hit, &Palette::new(false)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "2017-10-30  Astana, Kazakhstan  Talks\\x1b[2J open\n  a/b.txt\n  peace talks opened\n\n"
        );

        let mut coloured = Vec::new();
        write_hit(&mut coloured, &hit, &Palette::new(true)).unwrap();
        let coloured = String::from_utf8(coloured).unwrap();
        assert!(coloured.contains("\x1b[1m\x1b[31mtalks"));
    }

    #[test]
    fn a_hit_near_a_place_shows_its_distance_after_the_location() {
        let hit = Hit {
            record: Record {
                key: Key::file("y.txt"),
                meta: Meta {
                    location: Some("YOKOHAMA, Japan".into()),
                    ..Meta::default()
                },
                place: Default::default(),
            },
            score: None,
            snippet: Snippet::default(),
            distance_km: Some(28.84),
        };
        let mut out = Vec::new();
        write_hit(&mut out, &hit, &Palette::new(false)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "----------  YOKOHAMA, Japan (28.8 km)\n  y.txt\n\n");
    }
}
