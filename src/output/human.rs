//! Output for people: one block per hit, colour only when asked for.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use super::escape_controls;
use crate::search::Hit;

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
    let date = hit
        .date
        .map_or_else(|| "----------".to_string(), |d| d.to_string());
    paint(out, palette.date, &date)?;
    if let Some(location) = &hit.location {
        out.write_all(b"  ")?;
        paint(out, palette.location, location)?;
    }
    if let Some(headline) = &hit.headline {
        out.write_all(b"  ")?;
        paint(out, palette.headline, headline)?;
    }
    out.write_all(b"\n  ")?;
    paint(out, palette.path, &hit.path)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Snippet;

    #[test]
    fn plain_output_escapes_controls_and_marks_nothing() {
        let hit = Hit {
            path: "a/b.txt".into(),
            score: Some(1.0),
            date: Some(jiff::civil::date(2017, 10, 30)),
            location: Some("Astana, Kazakhstan".into()),
            dateline: None,
            headline: Some("Talks\x1b[2J open".into()),
            agency: None,
            snippet: Snippet {
                text: "peace talks opened".into(),
                highlights: vec![std::ops::Range { start: 6, end: 11 }],
            },
            place: Default::default(),
        };
        let mut out = Vec::new();
        write_hit(&mut out, &hit, &Palette::new(false)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\x1b'));
        assert!(text.contains("Talks\\x1b[2J open"));
        assert!(text.contains("2017-10-30  Astana, Kazakhstan"));
        assert!(text.contains("peace talks opened"));

        let mut coloured = Vec::new();
        write_hit(&mut coloured, &hit, &Palette::new(true)).unwrap();
        let coloured = String::from_utf8(coloured).unwrap();
        assert!(coloured.contains("\x1b[1m\x1b[31mtalks"));
    }
}
