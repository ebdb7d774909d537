//! Output for people: one block per hit, a dispatch shown whole, one line per place, the
//! indexing summary; colour and links only when asked for.

use std::io::Write;
use std::ops::Range;

use anstyle::{AnsiColor, Style};
use dateline::archive::SkipReason;
use dateline::dispatch::{Key, Meta, Record};
use dateline::export::ExportReport;
use dateline::gazetteer::title_case;
use dateline::index::IndexReport;
use dateline::search::Hit;
use dateline::search::places::{GroupBy, PlaceCount};
use dateline::search::show::FullDispatch;
use dateline::search::story::Story;

use super::hyperlink::write_linked;
use super::{escape_controls, escape_controls_but_lines};

/// Styles of the human output; all plain when colour is off.
#[derive(Debug, Clone, Copy, Default)]
pub struct Palette {
    date: Style,
    location: Style,
    headline: Style,
    path: Style,
    matched: Style,
    status: Style,
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
            status: Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
        }
    }
}

/// Writes `  [canceled]` (or the dispatch's other publication status) when it has one: a
/// withdrawn dispatch must not be taken for a usable one.
fn write_status(out: &mut dyn Write, meta: &Meta, palette: &Palette) -> std::io::Result<()> {
    match &meta.status {
        Some(status) => {
            out.write_all(b"  ")?;
            paint(out, palette.status, &format!("[{status}]"))
        }
        None => Ok(()),
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

/// Writes `text` in `base` style with the byte ranges `marks` in `marked` style; control
/// characters escaped, line breaks kept.
fn write_marked(
    out: &mut dyn Write,
    text: &str,
    marks: &[Range<usize>],
    base: Style,
    marked: Style,
) -> std::io::Result<()> {
    let plain = |out: &mut dyn Write, part: &str| -> std::io::Result<()> {
        if part.is_empty() {
            return Ok(());
        }
        write!(
            out,
            "{}{}{}",
            base.render(),
            escape_controls_but_lines(part),
            base.render_reset()
        )
    };
    let mut at = 0;
    for range in marks {
        let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        plain(out, before)?;
        paint(out, marked, word)?;
        at = range.end;
    }
    plain(out, text.get(at..).unwrap_or(""))
}

/// Writes a dispatch's key, as a link to `url` when there is one.
fn write_key(
    out: &mut dyn Write,
    key: &Key,
    url: Option<&str>,
    palette: &Palette,
) -> std::io::Result<()> {
    write_linked(out, url, |out| paint(out, palette.path, &key.to_string()))
}

/// Writes one hit: date, location and headline; the key (a link to `url`, when given); the
/// snippet with matches marked.
pub fn write_hit(
    out: &mut dyn Write,
    hit: &Hit,
    palette: &Palette,
    url: Option<&str>,
) -> std::io::Result<()> {
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
    write_status(out, meta, palette)?;
    out.write_all(b"\n  ")?;
    write_key(out, &hit.record.key, url, palette)?;
    match (hit.versions, &hit.record.story) {
        (Some(versions), _) if versions > 1 => write!(out, "  +{} versions", versions - 1)?,
        (None, Some(story)) if *story != hit.record.key.to_string() => {
            write!(out, "  story {}", escape_controls(story))?
        }
        _ => {}
    }
    out.write_all(b"\n")?;
    let snippet = &hit.snippet;
    if !snippet.text.is_empty() {
        out.write_all(b"  ")?;
        let base = Style::new();
        write_marked(
            out,
            &snippet.text,
            &snippet.highlights,
            base,
            palette.matched,
        )?;
        out.write_all(b"\n")?;
    }
    out.write_all(b"\n")
}

/// Longest paragraph shown of what a version changed, in characters.
const CHANGE_CHARS: usize = 160;

/// Writes a story: a line naming it, then each version, first filed first (date, place,
/// headline and marks; its key), with what it changed from the one before: `+` a paragraph
/// added, `-` removed, `~` changed (the words it had and has there).
pub fn write_story(out: &mut dyn Write, story: &Story, palette: &Palette) -> std::io::Result<()> {
    let count = story.versions.len();
    writeln!(
        out,
        "story {}: {count} version{}",
        escape_controls(&story.id),
        if count == 1 { "" } else { "s" }
    )?;
    for version in &story.versions {
        let meta = &version.dispatch.record.meta;
        out.write_all(b"\n")?;
        let date = meta
            .date
            .map_or_else(|| "----------".to_string(), |d| d.to_string());
        paint(out, palette.date, &date)?;
        if let Some(location) = &meta.location {
            out.write_all(b"  ")?;
            paint(out, palette.location, location)?;
        }
        if let Some(headline) = &meta.headline {
            out.write_all(b"  ")?;
            paint(out, palette.headline, headline)?;
        }
        if let Some(mark) = &meta.mark {
            write!(out, "  [{}]", escape_controls(mark))?;
        }
        write_status(out, meta, palette)?;
        out.write_all(b"\n  ")?;
        write_key(out, &version.dispatch.record.key, None, palette)?;
        out.write_all(b"\n")?;
        let Some(changes) = &version.changes else {
            writeln!(out, "  first version")?;
            continue;
        };
        if changes.is_empty() {
            writeln!(out, "  text unchanged")?;
        }
        for paragraph in &changes.added {
            writeln!(out, "  + {}", shortened(paragraph))?;
        }
        for paragraph in &changes.removed {
            writeln!(out, "  - {}", shortened(paragraph))?;
        }
        for changed in &changes.changed {
            writeln!(
                out,
                "  ~ paragraph {}: \"{}\" -> \"{}\"",
                changed.paragraph,
                shortened(&changed.was),
                shortened(&changed.now)
            )?;
        }
    }
    Ok(())
}

/// A text cut to [`CHANGE_CHARS`] at a word boundary, with its control characters escaped.
fn shortened(text: &str) -> String {
    if text.chars().count() <= CHANGE_CHARS {
        return escape_controls(text).to_string();
    }
    let cut: String = text.chars().take(CHANGE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", escape_controls(cut))
}

/// Where to mark words in a dispatch shown whole.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Byte ranges of the headline.
    pub headline: Vec<Range<usize>>,
    /// Byte ranges of the body.
    pub body: Vec<Range<usize>>,
}

/// Writes a whole dispatch: a header (headline, date, place, agency, key, each when known;
/// the key a link to `url` when given), a blank line, and the body, with `marks` marked.
pub fn write_dispatch(
    out: &mut dyn Write,
    dispatch: &FullDispatch,
    marks: &Marks,
    palette: &Palette,
    url: Option<&str>,
) -> std::io::Result<()> {
    let Record {
        key, meta, place, ..
    } = &dispatch.record;
    if let Some(headline) = &meta.headline {
        out.write_all(b"headline  ")?;
        write_marked(
            out,
            headline,
            &marks.headline,
            palette.headline,
            palette.matched,
        )?;
        out.write_all(b"\n")?;
    }
    if let Some(date) = meta.date {
        out.write_all(b"date      ")?;
        paint(out, palette.date, &date.to_string())?;
        out.write_all(b"\n")?;
    }
    if let Some(location) = &meta.location {
        out.write_all(b"place     ")?;
        paint(out, palette.location, location)?;
        let resolved: Vec<&str> = [&place.city, &place.region, &place.country]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let resolved = resolved.join(", ");
        if !resolved.is_empty() && !resolved.eq_ignore_ascii_case(location) {
            write!(out, " ({})", escape_controls(&resolved))?;
        }
        out.write_all(b"\n")?;
    }
    if let Some(agency) = &meta.agency {
        writeln!(out, "agency    {}", escape_controls(agency))?;
    }
    if let Some(status) = &meta.status {
        out.write_all(b"status    ")?;
        paint(out, palette.status, status)?;
        out.write_all(b"\n")?;
    }
    out.write_all(b"key       ")?;
    write_key(out, key, url, palette)?;
    out.write_all(b"\n\n")?;
    write_marked(
        out,
        &dispatch.body,
        &marks.body,
        Style::new(),
        palette.matched,
    )?;
    if !dispatch.body.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes places as `COUNT  PLACE[, COUNTRY]`, counts aligned on the right, places in the
/// palette's colour of a location.
pub fn write_places(
    out: &mut dyn Write,
    counts: &[PlaceCount],
    by: GroupBy,
    palette: &Palette,
) -> std::io::Result<()> {
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    for place in counts {
        let name = match (&place.country, by) {
            (Some(country), GroupBy::City) => format!("{}, {country}", place.place),
            _ => place.place.clone(),
        };
        write!(out, "{:>width$}  ", place.count)?;
        paint(out, palette.location, &name)?;
        writeln!(out)?;
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

/// The line ending an export: what was written where, and how fast.
pub fn export_summary_line(report: &ExportReport, destination: &str) -> String {
    let destination = escape_controls(destination);
    if report.dispatches == 0 && report.files.is_empty() {
        return format!("no dispatch matches: nothing written to {destination}");
    }
    let seconds = report.elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        report.dispatches as f64 / seconds
    } else {
        0.0
    };
    let noun = if report.dispatches == 1 {
        "dispatch"
    } else {
        "dispatches"
    };
    let files = match report.files.len() {
        0 => String::new(),
        1 => " in 1 file".to_string(),
        n => format!(" in {n} files"),
    };
    format!(
        "exported {} {noun} ({}{files}) to {destination}; {seconds:.2} s, {rate:.0} dispatches/s",
        report.dispatches,
        byte_size(report.bytes),
    )
}

/// A number of bytes as people read it: `812 bytes`, `4.2 KB`, `310.5 MB` (powers of 1000).
fn byte_size(bytes: u64) -> String {
    let units = [(1e9, "GB"), (1e6, "MB"), (1e3, "KB")];
    match units.iter().find(|(size, _)| bytes as f64 >= *size) {
        Some((size, unit)) => format!("{:.1} {unit}", bytes as f64 / size),
        None if bytes == 1 => "1 byte".to_string(),
        None => format!("{bytes} bytes"),
    }
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
        // Files that are not dispatches first, by kind; then the other reasons.
        let mut parts: Vec<String> = Vec::new();
        if let Some(n) = skipped.get(&SkipReason::NotDispatch) {
            let kinds: Vec<String> = report
                .not_dispatches_by_kind()
                .iter()
                .map(|(kind, n)| format!("{} {n}", escape_controls(kind)))
                .collect();
            let noun = if *n == 1 {
                "not a dispatch"
            } else {
                "not dispatches"
            };
            parts.push(format!("{n} {noun}: {}", kinds.join(", ")));
        }
        let others: Vec<String> = skipped
            .iter()
            .filter(|(reason, _)| **reason != SkipReason::NotDispatch)
            .map(|(reason, n)| format!("{n} {}", reason.label()))
            .collect();
        if !others.is_empty() {
            parts.push(others.join(", "));
        }
        format!("skipped {} ({})", report.skipped.len(), parts.join("; "))
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
    use dateline::dispatch::{Meta, Place};
    use dateline::index::Skipped;
    use dateline::search::Snippet;

    #[test]
    fn summary_counts_every_kind_of_change_and_skip() {
        let report = IndexReport {
            added: 2,
            updated: 1,
            removed: 1,
            unchanged: 5,
            skipped: vec![
                skipped("a.txt", SkipReason::Binary),
                skipped("b.txt", SkipReason::Binary),
                skipped("c.txt", SkipReason::Empty),
            ],
            elapsed: std::time::Duration::from_secs(2),
        };
        assert_eq!(
            summary_line(&report),
            "indexed 3 dispatches (2 added, 1 updated, 1 removed, 5 unchanged; 8 in the index \
             from this archive); skipped 3 (1 empty, 2 binary); 2.00 s, 2 dispatches/s"
        );
    }

    fn skipped(key: &str, reason: SkipReason) -> Skipped {
        Skipped {
            key: key.into(),
            reason,
            detail: None,
        }
    }

    #[test]
    fn files_that_are_not_dispatches_are_counted_by_kind() {
        let report = IndexReport {
            skipped: vec![
                skipped("a.pdf", SkipReason::NotDispatch),
                skipped("b.docx", SkipReason::NotDispatch),
                skipped("c.pdf", SkipReason::NotDispatch),
                skipped("feed.jsonl#line 3", SkipReason::Malformed),
            ],
            ..IndexReport::default()
        };
        assert!(
            summary_line(&report).contains(
                "indexed 0 dispatches (0 added, 0 updated, 0 removed, 0 unchanged; 0 in the \
                 index from this archive); skipped 4 (3 not dispatches: .pdf 2, .docx 1; 1 \
                 malformed); "
            ),
            "{}",
            summary_line(&report)
        );
        let one = IndexReport {
            skipped: vec![skipped("a.pdf", SkipReason::NotDispatch)],
            ..IndexReport::default()
        };
        assert!(summary_line(&one).contains("skipped 1 (1 not a dispatch: .pdf 1)"));
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
        write_places(&mut out, &counts, GroupBy::City, &Palette::new(false)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "12  London, United Kingdom\n 3  UNITED NATIONS\n"
        );
        let mut coloured = Vec::new();
        write_places(&mut coloured, &counts, GroupBy::City, &Palette::new(true)).unwrap();
        assert_eq!(
            String::from_utf8(coloured).unwrap(),
            "12  \u{1b}[36mLondon, United Kingdom\u{1b}[0m\n 3  \u{1b}[36mUNITED NATIONS\u{1b}[0m\n"
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
                story: None,
            },
            score: Some(1.0),
            snippet: Snippet {
                text: "peace talks opened".into(),
                highlights: vec![std::ops::Range { start: 6, end: 11 }],
            },
            distance_km: None,
            versions: None,
        };
        let mut out = Vec::new();
        write_hit(&mut out, &hit, &Palette::new(false), None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "2017-10-30  Astana, Kazakhstan  Talks\\x1b[2J open\n  a/b.txt\n  peace talks opened\n\n"
        );

        let mut coloured = Vec::new();
        write_hit(&mut coloured, &hit, &Palette::new(true), None).unwrap();
        let coloured = String::from_utf8(coloured).unwrap();
        assert!(coloured.contains("\x1b[1m\x1b[31mtalks"));

        let mut linked = Vec::new();
        write_hit(
            &mut linked,
            &hit,
            &Palette::new(false),
            Some("file:///w/a/b.txt"),
        )
        .unwrap();
        let linked = String::from_utf8(linked).unwrap();
        assert!(
            linked.contains("\n  \x1b]8;;file:///w/a/b.txt\x1b\\a/b.txt\x1b]8;;\x1b\\\n"),
            "{linked:?}"
        );
    }

    fn astana() -> FullDispatch {
        FullDispatch {
            record: Record {
                key: Key::file("2017/10/30/a.txt"),
                meta: Meta {
                    date: Some(jiff::civil::date(2017, 10, 30)),
                    location: Some("ASTANA".into()),
                    headline: Some("Wheat harvest sets a record".into()),
                    agency: Some("AFP".into()),
                    dateline: Some("ASTANA, Oct 30 (AFP) -".into()),
                    ..Meta::default()
                },
                place: Place {
                    city: Some("Astana".into()),
                    country: Some("Kazakhstan".into()),
                    country_code: Some("KZ".into()),
                    region: None,
                    ..Place::default()
                },
                story: None,
            },
            body: "Farmers brought in\nthe wheat.\x1b[2J\n\nElevators are full.".into(),
        }
    }

    #[test]
    fn a_dispatch_shown_whole_has_its_header_then_its_body_with_lines_kept() {
        let mut out = Vec::new();
        write_dispatch(
            &mut out,
            &astana(),
            &Marks::default(),
            &Palette::new(false),
            None,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "headline  Wheat harvest sets a record\n\
             date      2017-10-30\n\
             place     ASTANA (Astana, Kazakhstan)\n\
             agency    AFP\n\
             key       2017/10/30/a.txt\n\
             \n\
             Farmers brought in\nthe wheat.\\x1b[2J\n\nElevators are full.\n"
        );
        let bare = FullDispatch {
            record: Record {
                key: Key::file("x.txt"),
                ..Record::default()
            },
            body: String::new(),
        };
        let mut out = Vec::new();
        write_dispatch(
            &mut out,
            &bare,
            &Marks::default(),
            &Palette::new(false),
            None,
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "key       x.txt\n\n\n");
    }

    #[test]
    fn marks_are_painted_in_headline_and_body() {
        let dispatch = astana();
        let marks = Marks {
            headline: std::iter::once(0..5).collect(),
            body: std::iter::once(23..28).collect(),
        };
        let mut out = Vec::new();
        write_dispatch(&mut out, &dispatch, &marks, &Palette::new(true), None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\x1b[1m\x1b[31mWheat\x1b[0m"), "{text:?}");
        assert!(
            text.contains("the \x1b[1m\x1b[31mwheat\x1b[0m."),
            "{text:?}"
        );
    }

    #[test]
    fn the_export_summary_says_what_went_where() {
        let report = ExportReport {
            dispatches: 74,
            bytes: 215_342,
            files: vec!["es/bulk-0001.ndjson".into(), "es/mapping.json".into()],
            elapsed: std::time::Duration::from_millis(500),
        };
        assert_eq!(
            export_summary_line(&report, "es"),
            "exported 74 dispatches (215.3 KB in 2 files) to es; 0.50 s, 148 dispatches/s"
        );
        let one = ExportReport {
            dispatches: 1,
            bytes: 812,
            ..ExportReport::default()
        };
        assert_eq!(
            export_summary_line(&one, "stdout"),
            "exported 1 dispatch (812 bytes) to stdout; 0.00 s, 0 dispatches/s"
        );
        assert_eq!(byte_size(310_500_000), "310.5 MB");
        assert_eq!(
            export_summary_line(&ExportReport::default(), "es"),
            "no dispatch matches: nothing written to es"
        );
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
                story: None,
            },
            score: None,
            snippet: Snippet::default(),
            distance_km: Some(28.84),
            versions: None,
        };
        let mut out = Vec::new();
        write_hit(&mut out, &hit, &Palette::new(false), None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "----------  YOKOHAMA, Japan (28.8 km)\n  y.txt\n\n");
    }
}
