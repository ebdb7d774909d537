//! The model of a dispatch that every layer shares: the parser fills [`Dispatch`], the index
//! stores it (`index/document.rs`) and gives it back as a [`Record`], which search hits and
//! the JSON output embed as they are. No layer redeclares these fields.
//!
//! Adding a field to a dispatch means editing three places: the field here (in [`Meta`] for
//! what the text says, [`Place`] for where it was filed from), its schema entry and its line in
//! `index/document.rs`'s `build` and `read`, and the output (JSON takes it through serde; the
//! human output shows what it chooses). A format that carries the field sets it in its
//! draft's `Meta` (`formats/draft.rs`), whose `finish` names every field, so the compiler asks
//! how a new one combines with what the text says.

use jiff::civil::Date;
use serde::Serialize;

/// Where a dispatch is in the archive: its file's path, and the item within the file for
/// files holding several (a line of JSON Lines, an SGML `<DOC>` id, a NewsML item's guid, a
/// zip member, or a member and the item within it).
///
/// Every dispatch of a file keeps the file's path, which is what the writer replaces and
/// removes a changed or vanished file's dispatches by.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Key {
    /// Path of the file relative to the archive root, with `/` separators.
    pub path: String,
    /// The item within the file; none when the file is one dispatch.
    pub item: Option<String>,
}

impl Key {
    /// The key of the only dispatch of the file at `path`.
    pub fn file(path: impl Into<String>) -> Self {
        Key {
            path: path.into(),
            item: None,
        }
    }

    /// The key of `item` within the file at `path`.
    pub fn item(path: impl Into<String>, item: Option<String>) -> Self {
        Key {
            path: path.into(),
            item,
        }
    }
}

impl std::fmt::Display for Key {
    /// `path`, or `path#item` for an item within a file.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(item) => write!(f, "{}#{item}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

/// What a dispatch says about itself, apart from its body.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Meta {
    /// The line(s) before the dateline paragraph, without a trailing agency credit.
    pub headline: Option<String>,
    /// The dateline as written, e.g. "Astana, Kazakhstan-30 October 2017".
    pub dateline: Option<String>,
    /// The place part of the dateline, e.g. "Astana, Kazakhstan".
    pub location: Option<String>,
    /// The filing date: the dateline's, completed from the path's date when needed.
    pub date: Option<Date>,
    /// The agency credited in the dateline or after the headline, e.g. "AFP".
    pub agency: Option<String>,
    /// The document's own identifier when its format carries one (a NewsML guid, a ninjs
    /// uri, an NITF doc-id, an SGML DOCNO): the same for every version of a story.
    pub id: Option<String>,
    /// The document's version number when its format carries one (1 for the first).
    pub version: Option<u32>,
    /// The version marks the wire gave it (`UPDATE 1`, `REFILE`, `CORRECTED`, `2nd
    /// Ld-Writethru`, "Adds comments"), removed from the headline; parts joined by ` / `.
    pub mark: Option<String>,
    /// The publication status a format gives, when it is not the usual "usable": `canceled`
    /// (withdrawn by the wire: it must not be used), `withheld`, `embargoed`.
    pub status: Option<String>,
}

/// A dispatch as read from its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dispatch {
    /// What it says about itself.
    pub meta: Meta,
    /// The text after the dateline, without trailing web or wire boilerplate.
    pub body: String,
    /// The date in the file's path when the dateline's date differs from it (`meta.date` keeps
    /// the dateline's): a wire's typo or a story filed days later. None when they agree or
    /// either is missing. Shown by `dateline parse`; not indexed.
    pub disagreeing_path_date: Option<Date>,
}

/// Where a dispatch was filed from, as the gazetteer resolved its location.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Place {
    /// City as named by GeoNames ("São Paulo"), or as written when only its region or country
    /// is known.
    pub city: Option<String>,
    /// First-level region where the data names it (US states, Canadian provinces, Australian
    /// states, UK nations).
    pub region: Option<String>,
    /// Country name ("United Kingdom").
    pub country: Option<String>,
    /// ISO 3166-1 alpha-2 code ("GB").
    pub country_code: Option<String>,
    /// The country as it was when the dispatch was filed, when that is not today's: the former
    /// state ("Soviet Union", "West Germany") the dateline names or the place then lay in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_then: Option<String>,
    /// Latitude of the city in degrees, when the gazetteer knows the city.
    pub latitude: Option<f64>,
    /// Longitude of the city in degrees, when the gazetteer knows the city.
    pub longitude: Option<f64>,
}

/// A dispatch as the index holds it: where it is, what it says and where it was filed from
/// (its body stays in the index, read only for snippets).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Record {
    /// Where it is in the archive.
    #[serde(flatten)]
    pub key: Key,
    /// What it says about itself.
    #[serde(flatten)]
    pub meta: Meta,
    /// Where it was filed from; every part empty when the location was not resolved.
    pub place: Place,
    /// The story it is a version of: the key of the story's first version (none in a record
    /// not read from the index).
    pub story: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_shows_its_item_after_the_path() {
        assert_eq!(Key::file("a/b.txt").to_string(), "a/b.txt");
        assert_eq!(
            Key::item("feed.jsonl", Some("line 17".into())).to_string(),
            "feed.jsonl#line 17"
        );
    }

    #[test]
    fn a_record_serializes_flat_with_its_place_nested() {
        let record = Record {
            key: Key::file("2017/10/30/a.txt"),
            meta: Meta {
                location: Some("Astana, Kazakhstan".into()),
                date: Some(jiff::civil::date(2017, 10, 30)),
                ..Meta::default()
            },
            place: Place {
                country_code: Some("KZ".into()),
                ..Place::default()
            },
            story: None,
        };
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["path"], "2017/10/30/a.txt");
        assert!(json["item"].is_null());
        assert_eq!(json["date"], "2017-10-30");
        assert_eq!(json["location"], "Astana, Kazakhstan");
        assert!(json["headline"].is_null());
        assert_eq!(json["place"]["country_code"], "KZ");
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "agency", "date", "dateline", "headline", "id", "item", "location", "mark", "path",
                "place", "status", "story", "version"
            ]
        );
    }
}
