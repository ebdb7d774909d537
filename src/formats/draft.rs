//! A dispatch as a structured format gives it, before what it lacks is read from its text.

use jiff::civil::Date;

use crate::dispatch::{self, Dispatch, Meta};
use crate::stories::marks::{self, Marks};

/// What a structured format says of a dispatch; [`Draft::finish`] completes it from the text.
#[derive(Debug, Default, Clone)]
pub(super) struct Draft {
    /// The format's fields, as the dispatch's own: a headline, dateline, place (a NewsML
    /// `located`, a ninjs `located`, an NITF dateline `location`), date (creation or
    /// publication), agency, id, version and status. Marks in `mark` join those read from the
    /// headline and the text.
    pub meta: Meta,
    /// The body text, paragraphs separated by empty lines.
    pub body: String,
    /// The date a dateline without a year takes its year from when there is no date field
    /// (the date in an SGML document id); the path's date otherwise.
    pub reference: Option<Date>,
}

/// The publication status a format's code says (`stat:canceled`, `canceled`, `Withheld`), as
/// one lower-case word; none for the usual `usable` or an empty code.
pub(super) fn publication_status(code: &str) -> Option<String> {
    let word = code
        .rsplit(':')
        .next()
        .unwrap_or(code)
        .trim()
        .to_lowercase();
    match word.as_str() {
        "" | "usable" => None,
        // British spelling, as some feeds write it.
        "cancelled" => Some("canceled".to_string()),
        _ => Some(word),
    }
}

/// A structured dateline is read from this text followed by a separator and this stand-in
/// for prose, so that a bare place (`NEW YORK`) reads as a place dateline.
const DATELINE_TAIL: &str = " - The text.";

impl Draft {
    /// The dispatch: the draft's fields, and what they lack read from the text as a
    /// plain-text dispatch is (the dateline at the start of the first paragraph).
    pub(super) fn finish(self, path: &str) -> Dispatch {
        let Draft {
            meta: fields,
            body: draft_body,
            reference,
        } = self;
        let reference = fields
            .date
            .or(reference)
            .or_else(|| dispatch::date_in(path));
        let from_field = fields
            .dateline
            .as_deref()
            .map(|d| dispatch::parse_dated(&format!("{d}{DATELINE_TAIL}"), reference).meta);
        let text = dispatch::parse_dated(&draft_body, reference);
        let text_dateline = text.meta.dateline.is_some();
        // The text's own disagreement with the reference date counts only when its date is used.
        let disagreeing_path_date = text.disagreeing_path_date.filter(|_| {
            fields.date.is_none() && from_field.as_ref().is_none_or(|f| f.date.is_none())
        });
        // Without a headline field, the text is read whole as a text file is: its first line
        // may be the title. With one, the text's body is the draft's minus any dateline.
        let mut marks = text
            .meta
            .mark
            .as_deref()
            .map(Marks::from_label)
            .unwrap_or_default();
        if let Some(label) = fields.mark.as_deref() {
            marks.merge(Marks::from_label(label));
        }
        let (headline, body) = match fields.headline {
            Some(headline) => (
                {
                    let (headline, found) = marks::split_headline(&headline);
                    marks.merge(found);
                    Some(headline).filter(|h| !h.is_empty())
                },
                if text_dateline {
                    text.body
                } else {
                    draft_body.trim().to_string()
                },
            ),
            None => (text.meta.headline, text.body),
        };
        let field = from_field.unwrap_or_default();
        // Every field named: a field added to `Meta` is decided on here.
        let meta = Meta {
            headline,
            dateline: fields.dateline.or(text.meta.dateline),
            location: fields.location.or(field.location).or(text.meta.location),
            date: fields.date.or(field.date).or(text.meta.date),
            agency: fields.agency.or(field.agency).or(text.meta.agency),
            id: fields.id,
            version: fields.version,
            mark: marks.label(),
            status: fields.status,
        };
        Dispatch {
            meta,
            body,
            disagreeing_path_date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn publication_status_is_one_lower_case_word_and_usable_is_none() {
        assert_eq!(
            publication_status("stat:canceled").as_deref(),
            Some("canceled")
        );
        assert_eq!(
            publication_status(" Withheld ").as_deref(),
            Some("withheld")
        );
        assert_eq!(publication_status("Cancelled").as_deref(), Some("canceled"));
        assert_eq!(publication_status("stat:usable"), None);
        assert_eq!(publication_status("usable"), None);
        assert_eq!(publication_status(""), None);
    }

    #[test]
    fn fields_win_and_the_text_fills_in_the_dateline() {
        let draft = Draft {
            meta: Meta {
                headline: Some("Storm hits coast".into()),
                date: Some(date(2019, 3, 11)),
                id: Some("tag:x,2019:1".into()),
                version: Some(2),
                ..Meta::default()
            },
            body: "LONDON, March 10 (Reuters) - A storm hit.\n\nMore rain.".into(),
            ..Draft::default()
        };
        let d = draft.finish("feed.json");
        assert_eq!(d.meta.headline.as_deref(), Some("Storm hits coast"));
        assert_eq!(d.meta.location.as_deref(), Some("LONDON"));
        assert_eq!(d.meta.agency.as_deref(), Some("Reuters"));
        assert_eq!(d.meta.date, Some(date(2019, 3, 11)));
        assert_eq!(d.meta.id.as_deref(), Some("tag:x,2019:1"));
        assert_eq!(d.meta.version, Some(2));
        assert_eq!(d.body, "A storm hit.\n\nMore rain.");
    }

    #[test]
    fn a_dateline_field_gives_place_date_and_agency() {
        let draft = Draft {
            meta: Meta {
                headline: Some("Wheat".into()),
                dateline: Some("WASHINGTON, Jan. 3 (Xinhua)".into()),
                ..Meta::default()
            },
            reference: Some(date(1995, 1, 4)),
            body: "The harvest grew.".into(),
        };
        let d = draft.finish("");
        assert_eq!(d.meta.location.as_deref(), Some("WASHINGTON"));
        assert_eq!(d.meta.date, Some(date(1995, 1, 3)));
        assert_eq!(d.meta.agency.as_deref(), Some("Xinhua"));
        assert_eq!(
            d.meta.dateline.as_deref(),
            Some("WASHINGTON, Jan. 3 (Xinhua)")
        );
        assert_eq!(d.body, "The harvest grew.");
    }

    #[test]
    fn with_a_headline_field_the_first_line_stays_in_the_body() {
        let draft = Draft {
            meta: Meta {
                headline: Some("Title".into()),
                ..Meta::default()
            },
            body: "A short first line\n\nA longer paragraph that goes on and on.".into(),
            ..Draft::default()
        };
        let d = draft.finish("2020/01/02/x.json");
        assert!(d.body.starts_with("A short first line"));
        assert_eq!(d.meta.date, Some(date(2020, 1, 2)));
        assert_eq!(d.meta.location, None);
    }

    #[test]
    fn a_formats_marks_join_those_of_the_headline() {
        let draft = Draft {
            meta: Meta {
                headline: Some("UPDATE 1-Storm hits coast".into()),
                mark: Some("Adds detail".into()),
                status: Some("withheld".into()),
                ..Meta::default()
            },
            body: "A storm hit.".into(),
            ..Draft::default()
        };
        let d = draft.finish("");
        assert_eq!(d.meta.headline.as_deref(), Some("Storm hits coast"));
        let mark = d.meta.mark.unwrap_or_default();
        assert!(
            mark.contains("UPDATE 1") && mark.contains("Adds detail"),
            "{mark}"
        );
        assert_eq!(d.meta.status.as_deref(), Some("withheld"));
    }

    #[test]
    fn without_fields_the_text_is_read_as_a_text_file() {
        let draft = Draft {
            body: "Title line\n\nPARIS (AFP) - Text.".into(),
            ..Draft::default()
        };
        let d = draft.finish("");
        assert_eq!(d.meta.headline.as_deref(), Some("Title line"));
        assert_eq!(d.meta.location.as_deref(), Some("PARIS"));
        assert_eq!(d.body, "Text.");
    }
}
