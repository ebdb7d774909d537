//! JSON: ninjs items (1.x, 2.x and 3.x), the articles of scrapers and news APIs, one per
//! file, in an array, or one per line (JSON Lines / NDJSON).
//!
//! One mapping serves them all, since their keys do not clash: ninjs's `headline` /
//! `headlines`, `body_text` / `bodies`, `located`, `uri`, `version` and its dates in either
//! case; the common `title`, `text` / `body` / `content`, `date` / `published` / ..., `url` / `id`.
//! serde_json's nesting limit (128) stands: deeper documents are malformed, never a crash.

use serde_json::{Map, Value};

use super::draft::{Draft, publication_status};
use super::{Found, Lost, Sink, dates, decode, html, non_empty};
use crate::archive::SkipReason;
use crate::dispatch::Meta;

/// Keys holding an array of articles in a news API's response.
const LIST_KEYS: [&str; 5] = ["articles", "items", "results", "data", "documents"];

/// Reads a JSON file: one article, an array of them, or an API response holding an array.
pub(super) fn read_json(name: &str, bytes: &[u8], sink: &mut dyn Sink) {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(lost) => return sink.lost(lost),
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(err) => {
            return sink.lost(Lost::with(
                None,
                SkipReason::Malformed,
                format!("JSON: {err}"),
            ));
        }
    };
    match value {
        Value::Array(items) => read_array(name, &items, sink),
        Value::Object(object) => {
            let list = LIST_KEYS
                .iter()
                .find_map(|k| object.get(*k).and_then(Value::as_array));
            match list {
                Some(items) if !is_article(&object) => read_array(name, items, sink),
                _ => read_article(name, &object, None, sink),
            }
        }
        _ => sink.lost(Lost::with(
            None,
            SkipReason::NotDispatch,
            "JSON that is not an object",
        )),
    }
}

fn read_array(name: &str, items: &[Value], sink: &mut dyn Sink) {
    if items.is_empty() {
        return sink.lost(Lost::with(None, SkipReason::Empty, "an empty JSON array"));
    }
    for (i, value) in items.iter().enumerate() {
        let item = Some(format!("item {}", i + 1));
        match value {
            Value::Object(object) => read_article(name, object, item, sink),
            _ => sink.lost(Lost::with(item, SkipReason::Malformed, "not a JSON object")),
        }
    }
}

/// Reads JSON Lines: each line an article, keyed `line N`; a malformed line is reported with
/// its number and the others are read.
pub(super) fn read_lines(name: &str, bytes: &[u8], sink: &mut dyn Sink) {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(lost) => return sink.lost(lost),
    };
    let mut any = false;
    for (i, line) in text.lines().enumerate() {
        any |= read_line(name, i as u64 + 1, line, sink);
    }
    if !any {
        sink.lost(no_lines());
    }
}

/// What a JSON Lines file without a line of text loses.
pub(super) fn no_lines() -> Lost {
    Lost::with(None, SkipReason::Empty, "no lines")
}

/// Reads line `number` of a JSON Lines file, given as bytes, decoded as a whole file is
/// (UTF-8, else Windows-1252; a line with a NUL byte is lost as binary): whether it held
/// anything but blanks.
pub(super) fn read_line_bytes(name: &str, number: u64, bytes: &[u8], sink: &mut dyn Sink) -> bool {
    match decode(bytes) {
        Ok(text) => read_line(name, number, &text, sink),
        Err(lost) => {
            sink.lost(Lost {
                item: Some(format!("line {number}")),
                ..lost
            });
            true
        }
    }
}

/// Reads line `number` of a JSON Lines file: an article keyed `line N`, or what is wrong with
/// it; whether it held anything but blanks.
fn read_line(name: &str, number: u64, line: &str, sink: &mut dyn Sink) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    let item = Some(format!("line {number}"));
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(object)) => read_article(name, &object, item, sink),
        Ok(_) => sink.lost(Lost::with(item, SkipReason::Malformed, "not a JSON object")),
        Err(err) => sink.lost(Lost::with(
            item,
            SkipReason::Malformed,
            format!("JSON: {err}"),
        )),
    }
    true
}

/// Whether an object is an article itself rather than an API response listing articles.
fn is_article(object: &Map<String, Value>) -> bool {
    let text = ["headline", "title", "body_text", "text", "body"];
    let lists = ["headlines", "bodies"];
    text.iter()
        .any(|k| object.get(*k).is_some_and(Value::is_string))
        || lists
            .iter()
            .any(|k| object.get(*k).is_some_and(Value::is_array))
}

/// ninjs types that are not text.
const NOT_TEXT: [&str; 5] = ["picture", "video", "audio", "graphic", "event"];

/// Reads one article object.
fn read_article(
    name: &str,
    object: &Map<String, Value>,
    item: Option<String>,
    sink: &mut dyn Sink,
) {
    let kind = string(object, "type");
    if let Some(kind) = kind.as_deref().filter(|k| NOT_TEXT.contains(k)) {
        return sink.lost(Lost::with(item, SkipReason::NotText, kind));
    }
    let headline = first_string(object, &["headline", "title"])
        .or_else(|| main_of(object, "headlines"))
        .or_else(|| by_role(object, "headline_"));
    let body = body_of(object);
    if headline.is_none() && body.trim().is_empty() {
        return sink.lost(Lost::with(item, SkipReason::NotText, "no headline or text"));
    }
    let draft = Draft {
        meta: Meta {
            headline,
            dateline: first_string(object, &["dateline"]),
            location: first_string(object, &["located", "location"]),
            date: first_date(object),
            agency: first_string(object, &["agency"]),
            id: ["uri", "guid", "id", "url", "link"]
                .iter()
                .find_map(|k| scalar(object, k)),
            version: object.get("version").and_then(|v| match v {
                Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            }),
            status: first_string(object, &["pubstatus", "pubStatus"])
                .and_then(|code| publication_status(&code)),
            ..Meta::default()
        },
        body,
        reference: None,
    };
    sink.found(Found {
        item,
        dispatch: draft.finish(name),
    });
}

/// Keys of dates, most telling first: when the content was made, then published, then
/// last changed.
const DATE_KEYS: [&str; 14] = [
    "contentcreated",
    "contentCreated",
    "firstcreated",
    "firstCreated",
    "date",
    "published",
    "publish_date",
    "published_at",
    "publishedAt",
    "date_publish",
    "pubDate",
    "datePublished",
    "versioncreated",
    "versionCreated",
];

fn first_date(object: &Map<String, Value>) -> Option<jiff::civil::Date> {
    DATE_KEYS.iter().find_map(|k| match object.get(*k)? {
        Value::String(s) => dates::parse(s),
        Value::Number(n) => n.as_i64().and_then(dates::from_timestamp),
        _ => None,
    })
}

/// A string value, squeezed and not empty.
fn string(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).and_then(non_empty)
}

/// A string or number value as text.
fn scalar(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(s) => non_empty(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn first_string(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| string(object, k))
}

/// The value of the `main` entry of a ninjs 2.x/3.x list (`headlines`), else the first.
fn main_of(object: &Map<String, Value>, key: &str) -> Option<String> {
    let list = object.get(key)?.as_array()?;
    let entries: Vec<&Map<String, Value>> = list.iter().filter_map(Value::as_object).collect();
    entries
        .iter()
        .find(|e| e.get("role").and_then(Value::as_str) == Some("main"))
        .or(entries.first())
        .and_then(|e| string(e, "value"))
}

/// A ninjs 1.x value keyed by role (`headline_main`, `body_main`): the main one, else the
/// first other than HTML.
fn by_role(object: &Map<String, Value>, prefix: &str) -> Option<String> {
    let main = format!("{prefix}main");
    string(object, &main).or_else(|| {
        object
            .iter()
            .filter(|(k, _)| k.starts_with(prefix) && !k.ends_with("html"))
            .find_map(|(_, v)| v.as_str().and_then(non_empty))
    })
}

/// Keys of plain-text bodies, then of HTML ones.
const TEXT_BODIES: [&str; 6] = [
    "body_text",
    "text",
    "body",
    "content",
    "article",
    "maintext",
];
const HTML_BODIES: [&str; 2] = ["body_html", "body_xhtml"];

/// The body: plain text when given, else HTML's paragraphs, else a ninjs `bodies` entry.
fn body_of(object: &Map<String, Value>) -> String {
    for key in TEXT_BODIES {
        match object.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => return s.trim().to_string(),
            // Some scrapers keep paragraphs as an array of strings.
            Some(Value::Array(parts))
                if parts.iter().all(Value::is_string) && !parts.is_empty() =>
            {
                return parts
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("\n\n");
            }
            _ => {}
        }
    }
    if let Some(text) = by_role(object, "body_") {
        return text;
    }
    for key in HTML_BODIES {
        if let Some(s) = object.get(key).and_then(Value::as_str) {
            return html::fragment_text(s);
        }
    }
    let Some(bodies) = object.get("bodies").and_then(Value::as_array) else {
        return String::new();
    };
    let entries: Vec<&Map<String, Value>> = bodies.iter().filter_map(Value::as_object).collect();
    let content_type = |e: &Map<String, Value>| {
        e.get("contenttype")
            .or_else(|| e.get("contentType"))
            .and_then(Value::as_str)
            .unwrap_or("text/plain")
            .to_ascii_lowercase()
    };
    let value = |e: &Map<String, Value>| {
        e.get("value")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    if let Some(plain) = entries.iter().find(|e| content_type(e) == "text/plain") {
        return value(plain).trim().to_string();
    }
    entries
        .first()
        .map(|e| html::fragment_text(&value(e)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::gather;

    #[test]
    fn a_line_read_alone_is_decoded_as_a_whole_file_is() {
        let read = |bytes: &[u8]| {
            let mut got = super::super::Gathered::default();
            let any = super::read_line_bytes("feed.jsonl", 3, bytes, &mut got);
            (any, got)
        };
        let (any, got) =
            read("\u{feff}{\"title\":\"Caf\u{e9}\",\"text\":\"PARIS - Rain.\"}".as_bytes());
        assert!(any && got.lost.is_empty());
        assert_eq!(got.found[0].item.as_deref(), Some("line 3"));
        // Windows-1252: é as one byte.
        let (_, got) = read(b"{\"title\":\"Caf\xe9\",\"text\":\"PARIS - Rain.\"}");
        assert_eq!(
            got.found[0].dispatch.meta.headline.as_deref(),
            Some("Caf\u{e9}")
        );
        let (any, got) = read(b"{\"title\":\"a\0\"}");
        assert!(any && got.found.is_empty());
        assert_eq!(got.lost[0].item.as_deref(), Some("line 3"));
        assert_eq!(got.lost[0].reason, crate::archive::SkipReason::Binary);
        assert_eq!(read(b"   "), (false, super::super::Gathered::default()));
    }
    use crate::archive::SkipReason;
    use jiff::civil::date;

    #[test]
    fn ninjs_one_two_and_three() {
        let v1 = r#"{"uri":"urn:x:1","type":"text","version":"2","headline":"Floods in Dhaka",
            "located":"Dhaka, Bangladesh","firstcreated":"2020-07-20T08:00:00Z",
            "body_text":"DHAKA (AFP) - Rivers rose.\n\nMore rain is due."}"#;
        let v2 = r#"{"uri":"urn:x:2","type":"text","version":"1",
            "headlines":[{"role":"sub","value":"Sub"},{"role":"main","value":"Floods in Dhaka"}],
            "located":"Dhaka, Bangladesh","versioncreated":"2020-07-21T08:00:00Z",
            "bodies":[{"role":"main","contenttype":"text/html","value":"<p>DHAKA (AFP) - Rivers rose.</p><p>More rain is due.</p>"}]}"#;
        let v3 = r#"{"uri":"urn:x:3","type":"text","version":"3",
            "headlines":[{"role":"main","value":"Floods in Dhaka"}],
            "located":"Dhaka, Bangladesh","firstCreated":"2020-07-22T08:00:00Z",
            "bodies":[{"role":"main","contentType":"text/plain","value":"DHAKA (AFP) - Rivers rose.\n\nMore rain is due."}]}"#;
        for (text, day, version) in [(v1, 20, 2), (v2, 21, 1), (v3, 22, 3)] {
            let got = gather("item.json", text.as_bytes());
            assert!(got.lost.is_empty(), "{:?}", got.lost);
            let d = &got.found[0].dispatch;
            assert_eq!(d.meta.headline.as_deref(), Some("Floods in Dhaka"));
            assert_eq!(d.meta.location.as_deref(), Some("Dhaka, Bangladesh"));
            assert_eq!(d.meta.agency.as_deref(), Some("AFP"));
            assert_eq!(d.meta.date, Some(date(2020, 7, day)));
            assert_eq!(d.meta.version, Some(version));
            assert!(d.meta.id.as_deref().unwrap().starts_with("urn:x:"));
            assert_eq!(d.meta.status, None);
            assert_eq!(d.body, "Rivers rose.\n\nMore rain is due.");
        }
    }

    #[test]
    fn ninjs_publication_status_in_either_case() {
        let v1 = r#"{"uri":"urn:x:1","type":"text","pubstatus":"canceled","headline":"Floods",
            "body_text":"Withdrawn."}"#;
        let v3 = r#"{"uri":"urn:x:3","type":"text","pubStatus":"withheld","headline":"Floods",
            "body_text":"Held."}"#;
        let usable =
            r#"{"uri":"urn:x:4","pubstatus":"usable","headline":"Floods","body_text":"A."}"#;
        for (text, status) in [
            (v1, Some("canceled")),
            (v3, Some("withheld")),
            (usable, None),
        ] {
            let got = gather("item.json", text.as_bytes());
            assert_eq!(got.found[0].dispatch.meta.status.as_deref(), status);
        }
    }

    #[test]
    fn a_picture_is_not_text() {
        let got = gather(
            "p.json",
            br#"{"uri":"x","type":"picture","headline":"A view"}"#,
        );
        assert!(got.found.is_empty());
        assert_eq!(got.lost[0].reason, SkipReason::NotText);
        assert_eq!(got.lost[0].detail.as_deref(), Some("picture"));
    }

    #[test]
    fn json_lines_keep_their_good_lines_and_say_which_were_lost() {
        let lines = "{\"title\":\"One\",\"text\":\"PARIS (AFP) - First.\",\"date\":\"2021-03-04\",\"url\":\"https://news.example/1\"}\n\
                     {\"title\":\"Two\",\"text\":\"Second\n\n{broken\n\
                     \n\
                     {\"headline\":\"Three\",\"content\":\"Third.\",\"published_at\":1614816000}\n\
                     [1,2]\n";
        let got = gather("export.jsonl", lines.as_bytes());
        let items: Vec<_> = got.found.iter().map(|f| f.item.clone().unwrap()).collect();
        assert_eq!(items, ["line 1", "line 6"]);
        let one = &got.found[0].dispatch;
        assert_eq!(one.meta.headline.as_deref(), Some("One"));
        assert_eq!(one.meta.location.as_deref(), Some("PARIS"));
        assert_eq!(one.meta.date, Some(date(2021, 3, 4)));
        assert_eq!(one.meta.id.as_deref(), Some("https://news.example/1"));
        assert_eq!(got.found[1].dispatch.meta.date, Some(date(2021, 3, 4)));
        let lost: Vec<_> = got
            .lost
            .iter()
            .map(|l| (l.item.clone().unwrap(), l.reason))
            .collect();
        assert_eq!(
            lost,
            [
                ("line 2".to_string(), SkipReason::Malformed),
                ("line 4".to_string(), SkipReason::Malformed),
                ("line 7".to_string(), SkipReason::Malformed),
            ]
        );
    }

    #[test]
    fn an_array_or_an_api_response_of_articles() {
        let array = br#"[{"title":"A","body":"Text a."},{"title":"B","body":"Text b."}]"#;
        let got = gather("a.json", array);
        assert_eq!(got.found.len(), 2);
        assert_eq!(got.found[1].item.as_deref(), Some("item 2"));
        let api = br#"{"status":"ok","articles":[{"title":"A","content":"Text.","publishedAt":"2020-01-02T03:04:05Z"}]}"#;
        let got = gather("api.json", api);
        assert_eq!(got.found[0].dispatch.meta.date, Some(date(2020, 1, 2)));
    }

    #[test]
    fn deep_nesting_and_wrong_types_end_in_a_reason() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let got = gather("deep.json", deep.as_bytes());
        assert_eq!(got.lost[0].reason, SkipReason::Malformed);
        assert!(
            got.lost[0].detail.as_deref().unwrap().contains("recursion"),
            "{:?}",
            got.lost
        );
        let numbers = br#"{"title":42,"text":["a",1],"date":"soon","version":-1,"body":"Text."}"#;
        let got = gather("odd.json", numbers);
        let d = &got.found[0].dispatch;
        assert_eq!(d.meta.headline, None);
        assert_eq!(d.meta.version, None);
        assert_eq!(d.body, "Text.");
    }
}
