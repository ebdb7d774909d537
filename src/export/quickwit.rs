//! Quickwit: a folder with `index-config.yaml` (the index: a doc mapping of every field, the
//! date as its timestamp field), `docs.ndjson` (the dispatches, dates in RFC 3339) and
//! `README.txt` with the `quickwit index create` and `quickwit tool local-ingest` commands.
//!
//! Quickwit has no document ids: loading the same dispatch twice stores it twice, so an export
//! goes into a new index (the README says so).

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

use super::fields::{ExportField, FIELDS, FieldKind, Node, tree};
use super::files::{PendingFile, README, Target, small_file};
use super::{Exported, Sink};
use crate::error::{Error, Result};
use crate::search::show::FullDispatch;

/// Name of the file holding the index config.
pub const CONFIG_FILE: &str = "index-config.yaml";
/// Name of the file holding the dispatches.
pub const DOCS_FILE: &str = "docs.ndjson";

/// Index id the config gives the index.
const INDEX_ID: &str = "dispatches";

/// Whether `name` is a file a Quickwit export writes (besides the README).
pub fn writes(name: &str) -> bool {
    name == CONFIG_FILE || name == DOCS_FILE
}

/// A YAML document built in the order it is written (serde_json's maps sort their keys).
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    /// Keys and values, in order.
    Map(Vec<(&'static str, Yaml)>),
    /// Items, in order.
    List(Vec<Yaml>),
    /// A string.
    Str(String),
    /// A number or a boolean, written as is.
    Plain(String),
}

fn text(value: &str) -> Yaml {
    Yaml::Str(value.to_string())
}

fn plain(value: impl ToString) -> Yaml {
    Yaml::Plain(value.to_string())
}

/// The index config of an index of dispatches with `fields`.
pub fn index_config(fields: &[ExportField]) -> Yaml {
    let mut doc_mapping = vec![
        // A document with a field not mapped here is refused rather than dropped.
        ("mode", text("strict")),
        ("field_mappings", Yaml::List(field_mappings(&tree(fields)))),
    ];
    // Quickwit cuts an index into splits by its timestamp, which must be a fast datetime.
    if let Some(date) = fields.iter().find(|f| f.kind == FieldKind::Date) {
        doc_mapping.push(("timestamp_field", text(date.path)));
    }
    let searched: Vec<Yaml> = fields
        .iter()
        .filter(|f| f.kind == FieldKind::Text)
        .map(|f| text(f.path))
        .collect();
    Yaml::Map(vec![
        ("version", plain("0.8")),
        ("index_id", text(INDEX_ID)),
        ("doc_mapping", Yaml::Map(doc_mapping)),
        (
            "search_settings",
            Yaml::Map(vec![("default_search_fields", Yaml::List(searched))]),
        ),
        (
            "indexing_settings",
            Yaml::Map(vec![("commit_timeout_secs", plain(30))]),
        ),
    ])
}

fn field_mappings(nodes: &[Node<'_>]) -> Vec<Yaml> {
    let mut mappings = Vec::new();
    for node in nodes {
        match node {
            Node::Leaf(name, kind) => {
                let options = field_options(*kind);
                if !options.is_empty() {
                    let mut entry = vec![("name", text(name))];
                    entry.extend(options);
                    mappings.push(Yaml::Map(entry));
                }
            }
            Node::Object(name, inner) => mappings.push(Yaml::Map(vec![
                ("name", text(name)),
                ("type", text("object")),
                ("field_mappings", Yaml::List(field_mappings(inner))),
            ])),
        }
    }
    mappings
}

/// How Quickwit indexes a field of a kind; nothing for a kind it has no type for.
fn field_options(kind: FieldKind) -> Vec<(&'static str, Yaml)> {
    match kind {
        FieldKind::Key => vec![("type", text("text")), ("tokenizer", text("raw"))],
        FieldKind::Name => vec![
            ("type", text("text")),
            ("tokenizer", text("raw")),
            // Fast: for filters and aggregations by place and agency.
            ("fast", plain(true)),
        ],
        FieldKind::Text => vec![
            ("type", text("text")),
            ("tokenizer", text("en_stem")),
            ("record", text("position")),
            ("fieldnorms", plain(true)),
        ],
        FieldKind::Date => vec![
            ("type", text("datetime")),
            ("input_formats", Yaml::List(vec![text("rfc3339")])),
            ("output_format", text("rfc3339")),
            ("fast", plain(true)),
            ("fast_precision", text("seconds")),
        ],
        FieldKind::Integer => vec![("type", text("u64")), ("fast", plain(true))],
        FieldKind::Real => vec![("type", text("f64")), ("fast", plain(true))],
        // No geographic type: the coordinates themselves are the f64 fields.
        FieldKind::Point { .. } => Vec::new(),
    }
}

/// `yaml` written in block style.
pub fn to_yaml(yaml: &Yaml) -> String {
    let mut out = String::new();
    if let Yaml::Map(entries) = yaml {
        write_map(&mut out, entries, 0);
    }
    out
}

fn write_map(out: &mut String, entries: &[(&str, Yaml)], indent: usize) {
    let pad = " ".repeat(indent);
    for (key, value) in entries {
        match value {
            Yaml::Map(inner) if !inner.is_empty() => {
                let _ = writeln!(out, "{pad}{key}:");
                write_map(out, inner, indent + 2);
            }
            Yaml::List(items) if items.iter().any(|i| matches!(i, Yaml::Map(_))) => {
                let _ = writeln!(out, "{pad}{key}:");
                for item in items {
                    write_item(out, item, indent + 2);
                }
            }
            scalar => {
                let _ = writeln!(out, "{pad}{key}: {}", inline(scalar));
            }
        }
    }
}

/// A list item: `- ` then a map's first key, its other keys under it.
fn write_item(out: &mut String, item: &Yaml, indent: usize) {
    match item {
        Yaml::Map(entries) if !entries.is_empty() => {
            let mut block = String::new();
            write_map(&mut block, entries, indent + 2);
            let _ = write!(out, "{}- {}", " ".repeat(indent), &block[indent + 2..]);
        }
        scalar => {
            let _ = writeln!(out, "{}- {}", " ".repeat(indent), inline(scalar));
        }
    }
}

/// A value on one line: a scalar, or a list of scalars in brackets.
fn inline(value: &Yaml) -> String {
    match value {
        Yaml::Str(s) => quoted_if_needed(s),
        Yaml::Plain(p) => p.clone(),
        Yaml::List(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Yaml::Map(_) => "{}".to_string(),
    }
}

/// A string as is when YAML reads it back as that string, else in double quotes (JSON's
/// escapes are YAML's).
fn quoted_if_needed(s: &str) -> String {
    let word = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    let reserved = matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    if word && !reserved {
        s.to_string()
    } else {
        Value::String(s.to_string()).to_string()
    }
}

/// The document ingested for `dispatch`: the exported dispatch without its empty fields (so
/// the config decides nothing about nulls), its dates in RFC 3339 at midnight UTC.
pub fn document(dispatch: &FullDispatch, fields: &[ExportField]) -> Result<Value> {
    let mut doc = Exported::of(dispatch).to_value()?;
    for field in fields.iter().filter(|f| f.kind == FieldKind::Date) {
        if let Some(value) = value_at(&mut doc, field.path)
            && let Some(date) = value
                .as_str()
                .and_then(|s| s.parse::<jiff::civil::Date>().ok())
        {
            *value = Value::String(format!("{date}T00:00:00Z"));
        }
    }
    drop_empty(&mut doc);
    Ok(doc)
}

fn value_at<'a>(doc: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    path.split('.')
        .try_fold(doc, |value, name| value.get_mut(name))
}

/// Removes nulls, and objects left empty, from an object and the objects within it.
fn drop_empty(value: &mut Value) {
    if let Some(map) = value.as_object_mut() {
        for inner in map.values_mut() {
            drop_empty(inner);
        }
        map.retain(|_, v| !(v.is_null() || v.as_object().is_some_and(|m| m.is_empty())));
    }
}

/// The dispatches in one file, then the config and the README.
pub(crate) struct QuickwitSink {
    target: Target,
    docs: PendingFile,
    dispatches: u64,
    line: Vec<u8>,
}

impl QuickwitSink {
    /// Starts an export in the folder `target`.
    pub fn create(target: Target) -> Result<Self> {
        let docs = PendingFile::create(target.file(DOCS_FILE))?;
        Ok(QuickwitSink {
            target,
            docs,
            dispatches: 0,
            line: Vec::new(),
        })
    }

    fn readme(&self) -> String {
        format!(
            "Dispatches exported by dateline for Quickwit: {dispatches} in {DOCS_FILE}.

  {CONFIG_FILE}   the index {INDEX_ID}: the mapping of every field, the date as its
                      timestamp (dispatches without a date have none)
  {DOCS_FILE}         the dispatches, one JSON object per line, dates in RFC 3339

Create the index and load the dispatches into it with these two commands, run in this
folder (the second reads the file itself, without a running cluster's 10 MiB limit
on a request):

  quickwit index create --index-config {CONFIG_FILE}
  quickwit tool local-ingest --index {INDEX_ID} --input-path {DOCS_FILE}

Or, into a running cluster: quickwit index ingest --index {INDEX_ID} --input-path {DOCS_FILE}

Quickwit keeps every document it is given: loading the same export twice stores each
dispatch twice. Load an export into a new index (change index_id in {CONFIG_FILE}), and
delete the old index once the new one answers.
",
            dispatches = self.dispatches,
        )
    }
}

impl Sink for QuickwitSink {
    fn write(&mut self, dispatch: &FullDispatch) -> Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, &document(dispatch, FIELDS)?).map_err(|source| {
            Error::Json {
                what: "a Quickwit document",
                source,
            }
        })?;
        self.line.push(b'\n');
        self.docs.write_all(&self.line)?;
        self.dispatches += 1;
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(u64, Vec<PathBuf>)> {
        let readme = self.readme();
        let QuickwitSink { target, docs, .. } = *self;
        let written = vec![
            docs.close()?,
            small_file(
                target.file(CONFIG_FILE),
                to_yaml(&index_config(FIELDS)).as_bytes(),
            )?,
            small_file(target.file(README), readme.as_bytes())?,
        ];
        target.complete(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fields::lookup;
    use crate::export::fields::tests::{every_field_filled, leaf_paths};
    use yaml_rust2::{Yaml as Parsed, YamlLoader};

    /// Field types of Quickwit's doc mapping (docs/configuration/index-config.md).
    const TYPES: [&str; 10] = [
        "text", "i64", "u64", "f64", "bool", "datetime", "ip", "bytes", "json", "object",
    ];
    const TOKENIZERS: [&str; 7] = [
        "raw",
        "default",
        "en_stem",
        "whitespace",
        "chinese_compatible",
        "source_code_default",
        "lowercase",
    ];

    fn parsed_config(fields: &[ExportField]) -> Parsed {
        let text = to_yaml(&index_config(fields));
        let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    /// The mapping of the field at a dotted path, through objects' `field_mappings`.
    fn mapped<'a>(config: &'a Parsed, path: &str) -> Option<&'a Parsed> {
        path.split('.')
            .try_fold(&config["doc_mapping"], |at, name| {
                at["field_mappings"]
                    .as_vec()?
                    .iter()
                    .find(|m| m["name"].as_str() == Some(name))
            })
    }

    #[test]
    fn the_config_is_valid_yaml_with_every_key_of_a_document_mapped() {
        let config = parsed_config(FIELDS);
        assert_eq!(config["version"].as_f64(), Some(0.8));
        let id = config["index_id"].as_str().unwrap();
        assert!(id.len() >= 3 && id.chars().next().unwrap().is_ascii_alphabetic());
        assert_eq!(config["doc_mapping"]["mode"].as_str(), Some("strict"));

        let doc = document(&every_field_filled(), FIELDS).unwrap();
        for path in leaf_paths(&doc) {
            let field = mapped(&config, &path).unwrap_or_else(|| panic!("{path} is not mapped"));
            assert_ne!(field["type"].as_str(), Some("object"), "{path}");
        }
        // Every mapping has a name and a known type; text fields a known tokenizer.
        let mut stack: Vec<&Parsed> = vec![&config["doc_mapping"]];
        while let Some(at) = stack.pop() {
            for field in at["field_mappings"].as_vec().unwrap() {
                let name = field["name"].as_str().unwrap();
                let kind = field["type"].as_str().unwrap();
                assert!(TYPES.contains(&kind), "{name}: {kind}");
                match kind {
                    "object" => stack.push(field),
                    "text" => {
                        let tokenizer = field["tokenizer"].as_str().unwrap();
                        assert!(TOKENIZERS.contains(&tokenizer), "{name}: {tokenizer}");
                        if let Some(record) = field["record"].as_str() {
                            assert!(["basic", "freq", "position"].contains(&record));
                        }
                    }
                    _ => {}
                }
            }
        }
        // The timestamp is a fast datetime read as RFC 3339.
        let timestamp = config["doc_mapping"]["timestamp_field"].as_str().unwrap();
        let date = mapped(&config, timestamp).unwrap();
        assert_eq!(date["type"].as_str(), Some("datetime"));
        assert_eq!(date["fast"].as_bool(), Some(true));
        let formats = date["input_formats"].as_vec().unwrap();
        assert_eq!(formats, &vec![Parsed::String("rfc3339".into())]);
        // Searched by default: the text fields, which record positions for phrases.
        for field in config["search_settings"]["default_search_fields"]
            .as_vec()
            .unwrap()
        {
            let mapping = mapped(&config, field.as_str().unwrap()).unwrap();
            assert_eq!(mapping["record"].as_str(), Some("position"));
        }
        // Place names are exact and fast.
        let country = mapped(&config, "place.country").unwrap();
        assert_eq!(country["tokenizer"].as_str(), Some("raw"));
        assert_eq!(country["fast"].as_bool(), Some(true));
    }

    #[test]
    fn coordinates_are_f64_and_there_is_no_point_type() {
        let config = parsed_config(FIELDS);
        for degrees in ["place.latitude", "place.longitude"] {
            let field = mapped(&config, degrees).unwrap();
            assert_eq!(field["type"].as_str(), Some("f64"), "{degrees}");
            assert_eq!(field["fast"].as_bool(), Some(true), "{degrees}");
        }
        assert!(mapped(&config, "place.coordinates").is_none());
        let then = mapped(&config, "place.country_then").unwrap();
        assert_eq!(then["tokenizer"].as_str(), Some("raw"));
        assert_eq!(then["fast"].as_bool(), Some(true));
        let doc = document(&every_field_filled(), FIELDS).unwrap();
        assert_eq!(doc["place"]["latitude"], 51.1801);
        assert_eq!(doc["place"]["longitude"], 71.446);
        assert!(lookup(&doc, "place.coordinates").is_none());
        // Without a date field there is no timestamp field.
        let undated = parsed_config(&FIELDS[..5]);
        assert!(undated["doc_mapping"]["timestamp_field"].is_badvalue());
    }

    #[test]
    fn documents_have_rfc3339_dates_and_no_empty_fields() {
        let full = document(&every_field_filled(), FIELDS).unwrap();
        assert_eq!(full["date"], "2017-10-30T00:00:00Z");
        let parsed: jiff::Timestamp = full["date"].as_str().unwrap().parse().unwrap();
        assert_eq!(parsed.as_second(), 1_509_321_600);
        assert_eq!(full["place"]["city"], "Astana");

        let mut bare = every_field_filled();
        bare.record.meta = Default::default();
        bare.record.place = Default::default();
        bare.record.key.item = None;
        bare.record.story = None;
        let doc = document(&bare, FIELDS).unwrap();
        let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["body", "path"]);
    }

    #[test]
    fn strings_are_quoted_when_yaml_would_read_them_otherwise() {
        assert_eq!(quoted_if_needed("en_stem"), "en_stem");
        assert_eq!(quoted_if_needed("place.city"), "place.city");
        for tricky in ["yes", "No", "0.8", "", "a b", "x: y", "-x", "\"q\""] {
            let written = format!("k: {}\n", quoted_if_needed(tricky));
            let read = YamlLoader::load_from_str(&written).unwrap();
            assert_eq!(read[0]["k"].as_str(), Some(tricky), "{written}");
        }
        let nested = Yaml::Map(vec![(
            "list",
            Yaml::List(vec![
                Yaml::Map(vec![
                    ("name", text("a")),
                    ("inner", Yaml::Map(vec![("deep", plain(1))])),
                ]),
                text("b"),
            ]),
        )]);
        let read = YamlLoader::load_from_str(&to_yaml(&nested)).unwrap();
        assert_eq!(read[0]["list"][0]["inner"]["deep"].as_i64(), Some(1));
        assert_eq!(read[0]["list"][1].as_str(), Some("b"));
    }
}
