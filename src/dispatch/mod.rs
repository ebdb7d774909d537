//! Understanding one dispatch: headline, dateline, location, date, agency and body.
//!
//! Pure text processing: this module knows nothing of files, encodings or tantivy.
//! The dateline shapes understood are specified, with examples, in `dateline/cases.rs`.
//!
//! Choices worth knowing:
//! - The dateline is looked for at the start of the first lines only (the first paragraph,
//!   which may hold the headline, the first line of the second one, and of the third after a
//!   headline and a second headline or an editor's introduction), within the first ~300 bytes
//!   (~700 for a dateline crediting an agency), not counting wire furniture (notes to editors,
//!   byline lines); each look is bounded, so parsing is linear in the text. A dateline-shaped
//!   line is not the dispatch's dateline when the text around it says it is the entry of a
//!   list, a round-up, a transcript or a chronology (`opening`).
//! - The agency is the dateline's (`(Reuters)`, `/TASS/`, `, Reuter`), else a credit ending
//!   the headline (`… — AFP`). The Reuters-21578 ` Reuter` sign-off is removed from the body
//!   but not turned into an agency: it is wire furniture, and we never guess.
//! - Without a dateline, the first line is taken as the headline only when it is clearly a
//!   title (a single short line, then an empty line, then a paragraph of several lines or a
//!   long one); the body is then the rest, otherwise the whole text.
//! - Date: the dateline's date, its year taken from the path when absent (a year earlier when
//!   the month is after the path's); the path's date when the dateline has no date; None
//!   when the dateline's date is unreadable or invalid (`Feb 30`, `March 187`): never invented.
//!   When the dateline's date and the path's differ (a wire's typo, a story filed the day
//!   after), the dateline's is kept and the path's is noted.

mod boilerplate;
mod date;
mod dateline;
mod headline;
pub mod model;
mod opening;

use std::borrow::Cow;

use dateline::DatePart;
pub use model::{Dispatch, Key, Meta, Place, Record};

use crate::stories::marks::{self, Marks};

/// Parses a dispatch's decoded text; `path` is the file's path, used only for its date.
pub fn parse(text: &str, path: &str) -> Dispatch {
    parse_dated(text, date::from_path(path))
}

/// Parses a dispatch's decoded text as [`parse`] does, with `reference` in the place of the
/// path's date: the year of a dateline without one, the date of a dispatch without a dated
/// dateline. Formats that carry a date or an id holding one give it here.
pub fn parse_dated(text: &str, reference: Option<jiff::civil::Date>) -> Dispatch {
    let text = normalize(text);
    let text: &str = &text;
    let path_date = reference;
    let (lines, count) = opening::candidate_lines(text);
    let lines = &lines[..count];

    if let Some((i, f)) = opening::choose(text, lines, path_date) {
        let line = &lines[i];
        let end = dateline::floor_boundary(text, line.start + opening::SCAN_WINDOW);
        let window = &text[line.start..end];
        let joined = lines[..i]
            .iter()
            .map(|l| text[l.start..l.end].trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let (head, credit) = headline::split_credit(&joined);
        let (head, mut marks) = marks::split_headline(head);
        let agency = f.agency.map(|(s, e)| window[s..e].trim()).or(credit);
        let date = match f.date {
            DatePart::Written(w) => date::complete(w, path_date),
            DatePart::Absent => path_date,
            DatePart::Unreadable => None,
        };
        let disagreeing_path_date = path_date.filter(|p| date.is_some_and(|d| d != *p));
        let body = boilerplate::strip_trailing(&text[line.start + f.body..])
            .trim_start()
            .to_string();
        marks.merge(marks::in_text(&text[..line.start], &body));
        return Dispatch {
            meta: Meta {
                headline: (!head.is_empty()).then_some(head),
                dateline: Some(window[f.start..f.end].to_string()),
                location: f.location.map(|(s, e)| window[s..e].to_string()),
                date,
                agency: agency.map(str::to_string),
                mark: marks.label(),
                ..Meta::default()
            },
            body,
            disagreeing_path_date,
        };
    }

    // No dateline: maybe a title line, then the body.
    let title = lines.first().filter(|first| is_title(text, lines, first));
    let (headline, agency, body_start, mut marks) = match title {
        Some(first) => {
            let (head, credit) = headline::split_credit(text[first.start..first.end].trim());
            let (head, marks) = marks::split_headline(head);
            (Some(head), credit.map(str::to_string), first.end, marks)
        }
        None => (None, None, 0, Marks::default()),
    };
    let body = boilerplate::strip_trailing(&text[body_start..])
        .trim_start()
        .to_string();
    marks.merge(marks::in_text("", &body));
    Dispatch {
        meta: Meta {
            headline: headline.filter(|h| !h.is_empty()),
            dateline: None,
            location: None,
            date: path_date,
            agency,
            mark: marks.label(),
            ..Meta::default()
        },
        body,
        disagreeing_path_date: None,
    }
}

/// The first date written as `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD` in `text` (a path, a
/// document id, a timestamp), with a plausible year.
pub fn date_in(text: &str) -> Option<jiff::civil::Date> {
    date::from_path(text)
}

/// A valid civil date with a plausible year (1800–2200), or None.
pub fn plausible_date(year: i32, month: i8, day: i8) -> Option<jiff::civil::Date> {
    date::make(year, month, day)
}

/// Text without a leading BOM and with CR LF, CR CR LF and lone CR read as LF, so that a
/// file parses the same whatever its line endings.
fn normalize(text: &str) -> Cow<'_, str> {
    let text = text.trim_start_matches('\u{feff}');
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        let after = rest[i..].trim_start_matches('\r');
        if !after.starts_with('\n') {
            out.push('\n');
        }
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether the first line is clearly a title: alone in its paragraph, short, and followed
/// by a real paragraph (several lines, or one long line). Hard-wrapped text with an empty
/// line after every line (TIME's archive) has no title by this rule, nor text that opens
/// with wire furniture, which is kept in the body.
fn is_title(text: &str, lines: &[opening::Line], first: &opening::Line) -> bool {
    let Some(second) = lines.get(1) else {
        return false;
    };
    first.paragraph == 0
        && first.furniture == 0
        && !first.continued
        && second.paragraph == 1
        && text[first.start..first.end].trim().len() <= opening::MAX_TITLE
        && (second.continued || second.end - second.start > 150)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    fn d(y: i16, m: i8, day: i8) -> Option<Date> {
        Date::new(y, m, day).ok()
    }

    #[test]
    fn seed_shape() {
        let text = "Talks resume after a pause. — AFP\nAstana, Kazakhstan-30 October 2017: Talks \
                    opened on Monday.\nMore text.\nComments\nLeave a Comment";
        let p = parse(text, "2017/10/30/astana-talks.txt");
        assert_eq!(
            p.meta.headline.as_deref(),
            Some("Talks resume after a pause.")
        );
        assert_eq!(
            p.meta.dateline.as_deref(),
            Some("Astana, Kazakhstan-30 October 2017")
        );
        assert_eq!(p.meta.location.as_deref(), Some("Astana, Kazakhstan"));
        assert_eq!(p.meta.date, d(2017, 10, 30));
        assert_eq!(p.meta.agency.as_deref(), Some("AFP"));
        assert_eq!(p.body, "Talks opened on Monday.\nMore text.");
    }

    #[test]
    fn reuters_layout() {
        let text = "BAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued\nthroughout the \
                    week.\n    More.\n Reuter\n";
        let p = parse(text, "1987-02-26/1.txt");
        assert_eq!(p.meta.headline.as_deref(), Some("BAHIA COCOA REVIEW"));
        assert_eq!(p.meta.location.as_deref(), Some("SALVADOR"));
        assert_eq!(p.meta.dateline.as_deref(), Some("SALVADOR, Feb 26"));
        assert_eq!(p.meta.date, d(1987, 2, 26));
        assert_eq!(p.meta.agency, None);
        assert_eq!(p.body, "Showers continued\nthroughout the week.\n    More.");
    }

    #[test]
    fn year_from_path_and_rollback() {
        let p = parse("TOKYO, Dec 31 - Text.", "1988/01/02/x.txt");
        assert_eq!(p.meta.date, d(1987, 12, 31));
        let p = parse("TOKYO, Jan 1 - Text.", "1988/01/02/x.txt");
        assert_eq!(p.meta.date, d(1988, 1, 1));
        let p = parse("TOKYO, Jan 1 - Text.", "news/x.txt");
        assert_eq!(p.meta.date, None);
        let p = parse("TOKYO, Jan 1 - Text.", "19880102-x.txt");
        assert_eq!(p.meta.date, d(1988, 1, 1));
        let p = parse("TOKYO, Jan 1 - Text.", "1988-01-05/x.txt");
        assert_eq!(p.meta.date, d(1988, 1, 1));
    }

    #[test]
    fn date_fallbacks() {
        // No date in the dateline: the path's.
        let p = parse("NEW YORK (AP) — Text.", "2020/05/06/x.txt");
        assert_eq!(p.meta.date, d(2020, 5, 6));
        // No dateline at all: the path's.
        let p = parse("Just text.", "2020-05-06/x.txt");
        assert_eq!(p.meta.date, d(2020, 5, 6));
        // The dateline's own year wins.
        let p = parse("PARIS, Oct 30, 2017 - Text.", "2020-05-06/x.txt");
        assert_eq!(p.meta.date, d(2017, 10, 30));
        // Invalid or out-of-range dates are not dates.
        assert_eq!(
            parse("PARIS, Feb 30 - Text.", "2017-03-01/x.txt").meta.date,
            None
        );
        assert_eq!(parse("PARIS, Feb 29, 2017 - Text.", "").meta.date, None);
        assert_eq!(
            parse("PARIS, Oct 30, 1700 - Text.", "2020-05-06/x")
                .meta
                .date,
            None
        );
        assert_eq!(parse("PARIS, Oct 30, 2300 - Text.", "").meta.date, None);
        assert_eq!(parse("Just text.", "1700-05-06/x.txt").meta.date, None);
        assert_eq!(parse("Just text.", "2201-05-06/x.txt").meta.date, None);
        assert_eq!(
            parse("NEW YORK, Narch 2 - Text.", "1987-03-02/x").meta.date,
            None
        );
    }

    #[test]
    fn crlf_and_bom() {
        let lf = "Headline here\n\nLONDON, March 3 (Reuters) - Text.\nMore.\n";
        let crlf = lf.replace('\n', "\r\n");
        let bom = format!("\u{feff}{crlf}");
        let a = parse(lf, "1987-03-03/1.txt");
        assert_eq!(a, parse(&crlf, "1987-03-03/1.txt"));
        assert_eq!(a, parse(&bom, "1987-03-03/1.txt"));
        assert_eq!(a.meta.location.as_deref(), Some("LONDON"));
        assert_eq!(a.meta.agency.as_deref(), Some("Reuters"));
        assert_eq!(a.meta.headline.as_deref(), Some("Headline here"));
        assert_eq!(a.body, "Text.\nMore.");
    }

    #[test]
    fn dateline_agency_wins_over_credit() {
        let p = parse("Talks open - AFP\nLONDON (Reuters) - Text.", "");
        assert_eq!(p.meta.agency.as_deref(), Some("Reuters"));
        assert_eq!(p.meta.headline.as_deref(), Some("Talks open"));
    }

    #[test]
    fn no_dateline() {
        let p = parse(
            "A title\n\nFirst line of text\nsecond line.\n\nComments",
            "",
        );
        assert_eq!(p.meta.headline.as_deref(), Some("A title"));
        assert_eq!(p.body, "First line of text\nsecond line.");
        assert_eq!((p.meta.dateline, p.meta.location), (None, None));

        let wrapped =
            "YEMEN FOR ALLAH & THE IMAM\n\nSEPTEMBER CAME WORD OF A REVOLUTION\n\nTHAT HAD";
        let p = parse(wrapped, "1963/01/04/1.txt");
        assert_eq!(p.meta.headline, None);
        assert_eq!(p.body, wrapped);
        assert_eq!(p.meta.date, d(1963, 1, 4));

        let p = parse("", "");
        assert_eq!(p, Dispatch::default());
    }

    #[test]
    fn dateline_alone_on_its_line() {
        let p = parse(
            "TITLE\n\nWASHINGTON, March 3 -\nThe text.",
            "1987-03-03/1.txt",
        );
        assert_eq!(p.meta.location.as_deref(), Some("WASHINGTON"));
        assert_eq!(p.body, "The text.");
    }
}
