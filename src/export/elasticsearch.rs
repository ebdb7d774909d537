//! Elasticsearch and OpenSearch: a folder with `mapping.json` (the index's settings, with an
//! English analyzer, and the mapping of every field), `bulk-0001.ndjson`, ... (`_bulk` request
//! bodies of at most about 10 MB: an `index` action with the dispatch's stable `_id`, then the
//! dispatch) and `README.txt` with the two `curl` commands that load them.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use super::fields::{ExportField, FIELDS, FieldKind, Node, lookup, tree};
use super::files::{Closed, PendingFile, README, Target, small_file};
use super::{Exported, Sink};
use crate::dispatch::Key;
use crate::error::{Error, Result};
use crate::search::show::FullDispatch;

/// Name of the file holding the index's settings and mapping.
pub const MAPPING_FILE: &str = "mapping.json";

/// Largest bulk file, in bytes, unless one dispatch alone is larger: under Elasticsearch's and
/// OpenSearch's 100 MB request limit by far, and a size their docs advise for `_bulk`.
pub const BULK_FILE_BYTES: u64 = 10_000_000;

/// Name of the analyzer of English text the mapping defines.
const ANALYZER: &str = "news_en";

/// Index name the README's commands use.
const INDEX_NAME: &str = "dispatches";

/// Whether `name` is a file an Elasticsearch export writes (besides the README).
pub fn writes(name: &str) -> bool {
    name == MAPPING_FILE || bulk_number(name).is_some()
}

/// Name of the `n`th bulk file (from 1).
pub fn bulk_file_name(n: usize) -> String {
    format!("bulk-{n:04}.ndjson")
}

fn bulk_number(name: &str) -> Option<usize> {
    let digits = name.strip_prefix("bulk-")?.strip_suffix(".ndjson")?;
    if digits.len() >= 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// The `_id` of the dispatch at `key`: a hash of its key, so the same on every export (and
/// within Elasticsearch's 512-byte limit however long the path).
pub fn document_id(key: &Key) -> String {
    let mut bytes = key.path.as_bytes().to_vec();
    if let Some(item) = &key.item {
        // A separator no path holds, so "a" + "b#c" and "a#b" + "c" differ.
        bytes.push(0);
        bytes.extend_from_slice(item.as_bytes());
    }
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes))
}

/// The settings and mapping of the index, for the fields `fields`.
pub fn mapping(fields: &[ExportField]) -> Value {
    json!({
        "settings": {
            "analysis": {
                "filter": {
                    "news_en_possessive": { "type": "stemmer", "language": "possessive_english" },
                    "news_en_stemmer": { "type": "stemmer", "language": "english" }
                },
                "analyzer": {
                    ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        // As dateline's own analyzer: lower-cased, accents folded, stemmed,
                        // no stop words (so "The Hague" and "Who" stay searchable).
                        "filter": ["news_en_possessive", "lowercase", "asciifolding", "news_en_stemmer"]
                    }
                }
            }
        },
        "mappings": {
            // A document with a field not mapped here is refused rather than guessed at.
            "dynamic": "strict",
            "properties": properties(&tree(fields))
        }
    })
}

fn properties(nodes: &[Node<'_>]) -> Value {
    let mut map = Map::new();
    for node in nodes {
        match node {
            Node::Leaf(name, kind) => {
                map.insert(name.to_string(), field_mapping(*kind));
            }
            Node::Object(name, inner) => {
                map.insert(
                    name.to_string(),
                    json!({ "type": "object", "properties": properties(inner) }),
                );
            }
        }
    }
    Value::Object(map)
}

fn field_mapping(kind: FieldKind) -> Value {
    match kind {
        FieldKind::Key | FieldKind::Name => json!({ "type": "keyword" }),
        FieldKind::Text => json!({ "type": "text", "analyzer": ANALYZER }),
        // Elasticsearch dates are milliseconds from 1970, either way: `date_nanos` would
        // refuse dispatches filed before 1970.
        FieldKind::Date => json!({ "type": "date", "format": "strict_date_optional_time" }),
        FieldKind::Integer => json!({ "type": "long" }),
        FieldKind::Real => json!({ "type": "double" }),
        FieldKind::Point { .. } => json!({ "type": "geo_point" }),
    }
}

/// The document indexed for `dispatch`: the exported dispatch, and each point of `fields`
/// whose latitude and longitude it has.
pub fn document(dispatch: &FullDispatch, fields: &[ExportField]) -> Result<Value> {
    let mut doc = Exported::of(dispatch).to_value()?;
    for field in fields {
        let FieldKind::Point {
            latitude,
            longitude,
        } = field.kind
        else {
            continue;
        };
        let coordinates = (
            lookup(&doc, latitude).and_then(Value::as_f64),
            lookup(&doc, longitude).and_then(Value::as_f64),
        );
        if let (Some(lat), Some(lon)) = coordinates {
            set(&mut doc, field.path, json!({ "lat": lat, "lon": lon }));
        }
    }
    Ok(doc)
}

/// Sets the value at a dotted path, making the objects on the way.
fn set(doc: &mut Value, path: &str, value: Value) {
    let mut at = doc;
    let mut names = path.split('.').peekable();
    while let Some(name) = names.next() {
        let Some(map) = at.as_object_mut() else {
            return;
        };
        if names.peek().is_none() {
            map.insert(name.to_string(), value);
            return;
        }
        at = map
            .entry(name.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// The two lines of a dispatch in a bulk file: the action, then the document.
pub fn bulk_lines(out: &mut Vec<u8>, dispatch: &FullDispatch) -> Result<()> {
    let json_error = |source| Error::Json {
        what: "a bulk line",
        source,
    };
    let action = json!({ "index": { "_id": document_id(&dispatch.record.key) } });
    serde_json::to_writer(&mut *out, &action).map_err(json_error)?;
    out.push(b'\n');
    serde_json::to_writer(&mut *out, &document(dispatch, FIELDS)?).map_err(json_error)?;
    out.push(b'\n');
    Ok(())
}

/// The bulk files, each cut before it would pass its size, then the mapping and the README.
pub(crate) struct BulkSink {
    target: Target,
    max_bytes: u64,
    current: Option<PendingFile>,
    written: Vec<Closed>,
    dispatches: u64,
    lines: Vec<u8>,
}

impl BulkSink {
    /// Starts an export in the folder `target`, with bulk files of at most `max_bytes`.
    pub fn create(target: Target, max_bytes: u64) -> Result<Self> {
        Ok(BulkSink {
            target,
            max_bytes,
            current: None,
            written: Vec::new(),
            dispatches: 0,
            lines: Vec::new(),
        })
    }

    fn readme(&self) -> String {
        let files = self.written.len();
        format!(
            "Dispatches exported by dateline for Elasticsearch or OpenSearch: {dispatches} in \
             {files} bulk file{s}.

  {MAPPING_FILE}        the index: its settings (an English analyzer) and the mapping of
                      every field
  bulk-NNNN.ndjson    the dispatches, as _bulk request bodies of at most about 10 MB: for
                      each, an \"index\" action with its _id, then the dispatch

Load them with these two commands, run in this folder, with ES the address of the cluster
(add -u USER:PASSWORD, or --cacert FILE, as the cluster needs) and {INDEX_NAME} the name
of the index to create:

  ES=http://localhost:9200
  curl -fsS -X PUT \"$ES/{INDEX_NAME}\" -H 'Content-Type: application/json' --data-binary @{MAPPING_FILE}
  for f in bulk-*.ndjson; do curl -fsS -X POST \"$ES/{INDEX_NAME}/_bulk\" -H 'Content-Type: application/x-ndjson' --data-binary \"@$f\" | grep -q '\"errors\":false' || echo \"$f: some dispatches were refused\"; done

A dispatch's _id is made from its key (its path in the archive, and its item within the
file), so it is the same on every export: loading a later export into the same index
replaces the dispatches it holds rather than adding them twice. Dispatches removed from
the archive since are not removed from the index: load a full export into a new index
for that.
",
            dispatches = self.dispatches,
            s = if files == 1 { "" } else { "s" },
        )
    }
}

impl Sink for BulkSink {
    fn write(&mut self, dispatch: &FullDispatch) -> Result<()> {
        self.lines.clear();
        bulk_lines(&mut self.lines, dispatch)?;
        let pair = self.lines.len() as u64;
        let full = self
            .current
            .as_ref()
            .is_some_and(|c| c.bytes() > 0 && c.bytes() + pair > self.max_bytes);
        if full && let Some(current) = self.current.take() {
            self.written.push(current.close()?);
        }
        let current = match &mut self.current {
            Some(current) => current,
            None => {
                let name = bulk_file_name(self.written.len() + 1);
                self.current
                    .insert(PendingFile::create(self.target.file(&name))?)
            }
        };
        current.write_all(&self.lines)?;
        self.dispatches += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(u64, Vec<PathBuf>)> {
        if let Some(last) = self.current.take() {
            self.written.push(last.close()?);
        }
        let readme = self.readme();
        let mapping =
            serde_json::to_vec_pretty(&mapping(FIELDS)).map_err(|source| Error::Json {
                what: "the mapping",
                source,
            })?;
        let mut written = std::mem::take(&mut self.written);
        written.push(small_file(self.target.file(MAPPING_FILE), &mapping)?);
        written.push(small_file(self.target.file(README), readme.as_bytes())?);
        self.target.complete(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fields::tests::{every_field_filled, leaf_paths};

    /// Field types of Elasticsearch (and OpenSearch) this export may use.
    const TYPES: [&str; 7] = [
        "keyword",
        "text",
        "date",
        "long",
        "double",
        "geo_point",
        "object",
    ];

    /// The mapping of the field at a dotted path, through the `properties` of objects.
    fn mapped<'a>(mapping: &'a Value, path: &str) -> Option<&'a Value> {
        path.split('.').try_fold(&mapping["mappings"], |at, name| {
            at.get("properties")?.get(name)
        })
    }

    #[test]
    fn the_mapping_is_valid_and_maps_every_key_of_a_document() {
        let mapping = mapping(FIELDS);
        assert_eq!(mapping["mappings"]["dynamic"], "strict");
        let doc = document(&every_field_filled(), FIELDS).unwrap();
        for path in leaf_paths(&doc) {
            // A point's `lat` and `lon` are its value, not fields of their own.
            let path = ["lat", "lon"]
                .iter()
                .find_map(|end| path.strip_suffix(&format!(".{end}")))
                .filter(|point| mapped(&mapping, point).is_some_and(|f| f["type"] == "geo_point"))
                .unwrap_or(&path);
            let field = mapped(&mapping, path).unwrap_or_else(|| panic!("{path} is not mapped"));
            let kind = field["type"].as_str().unwrap();
            assert!(TYPES.contains(&kind) && kind != "object", "{path}: {kind}");
        }
        // Every property has a known type; every analyzer used is defined, with its filters.
        let analysis = &mapping["settings"]["analysis"];
        let mut stack = vec![&mapping["mappings"]["properties"]];
        while let Some(properties) = stack.pop() {
            for (name, field) in properties.as_object().unwrap() {
                let kind = field["type"].as_str().unwrap_or_default();
                assert!(TYPES.contains(&kind), "{name}: {kind}");
                if let Some(inner) = field.get("properties") {
                    stack.push(inner);
                }
                if let Some(analyzer) = field.get("analyzer").and_then(Value::as_str) {
                    let defined = &analysis["analyzer"][analyzer];
                    assert_eq!(defined["type"], "custom", "{name}: {analyzer}");
                    for filter in defined["filter"].as_array().unwrap() {
                        let filter = filter.as_str().unwrap();
                        let builtin = ["lowercase", "asciifolding"].contains(&filter);
                        assert!(
                            builtin || analysis["filter"][filter]["type"] == "stemmer",
                            "{filter}"
                        );
                    }
                }
            }
        }
        let types = |path: &str| mapped(&mapping, path).unwrap()["type"].clone();
        assert_eq!(types("body"), "text");
        assert_eq!(types("place.country"), "keyword");
        assert_eq!(types("agency"), "keyword");
        assert_eq!(types("date"), "date");
        assert_eq!(doc["date"], "2017-10-30");
    }

    #[test]
    fn ids_come_from_the_key_alone() {
        let dispatch = every_field_filled();
        let id = document_id(&dispatch.record.key);
        assert_eq!(id.len(), 32);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        // Pinned (XXH3-128 as the reference C library computes it): a dispatch keeps its
        // _id from one version of dateline to the next.
        assert_eq!(
            document_id(&Key::file("a.txt")),
            "5e009c4ac9085a494697bfed4f1efbad"
        );
        let mut edited = dispatch.clone();
        edited.body.push_str(" More.");
        edited.record.meta.headline = None;
        assert_eq!(document_id(&edited.record.key), id);
        let other_item = Key::item(dispatch.record.key.path.clone(), Some("line 4".into()));
        assert_ne!(document_id(&other_item), id);
        assert_ne!(
            document_id(&Key::item("a", Some("b#c".into()))),
            document_id(&Key::item("a#b", Some("c".into())))
        );
        assert_ne!(
            document_id(&Key::file("a.txt")),
            document_id(&Key::item("a.txt", Some(String::new())))
        );
    }

    #[test]
    fn a_point_is_added_where_a_document_has_its_coordinates() {
        let mapping = mapping(FIELDS);
        assert_eq!(
            mapped(&mapping, "place.coordinates").unwrap()["type"],
            "geo_point"
        );
        for degrees in ["place.latitude", "place.longitude"] {
            assert_eq!(mapped(&mapping, degrees).unwrap()["type"], "double");
        }
        assert_eq!(
            mapped(&mapping, "place.country_then").unwrap()["type"],
            "keyword"
        );
        let located = document(&every_field_filled(), FIELDS).unwrap();
        assert_eq!(
            located["place"]["coordinates"],
            json!({ "lat": 51.1801, "lon": 71.446 })
        );
        assert_eq!(located["place"]["latitude"], 51.1801);
        // A place known only by its country has no coordinates, so no point.
        let mut country_only = every_field_filled();
        country_only.record.place.city = None;
        country_only.record.place.latitude = None;
        country_only.record.place.longitude = None;
        let unlocated = document(&country_only, FIELDS).unwrap();
        assert!(lookup(&unlocated, "place.coordinates").is_none());
        assert_eq!(unlocated["place"]["country"], "Kazakhstan");
    }

    #[test]
    fn bulk_files_are_named_in_order_and_recognized() {
        assert_eq!(bulk_file_name(1), "bulk-0001.ndjson");
        assert_eq!(bulk_file_name(12345), "bulk-12345.ndjson");
        assert!(writes("bulk-0001.ndjson") && writes("bulk-12345.ndjson"));
        assert!(writes(MAPPING_FILE));
        for other in [
            "bulk-1.ndjson",
            "bulk-00a1.ndjson",
            "bulk-0001.json",
            "docs.ndjson",
        ] {
            assert!(!writes(other), "{other}");
        }
    }

    /// Every line of the bulk files in `dir`, by file.
    fn bulk_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name().to_string_lossy().starts_with("bulk-"))
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn bulk_files_are_cut_between_dispatches_before_they_pass_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("es");
        std::fs::create_dir(&folder).unwrap();
        let target = Target::for_tests(folder.clone());
        let base = every_field_filled();
        let mut one = Vec::new();
        bulk_lines(&mut one, &base).unwrap();
        let pair = one.len() as u64;
        // Room for two and a half dispatches per file; one dispatch far larger than a file.
        let limit = pair * 5 / 2;
        let mut sink = Box::new(BulkSink::create(target, limit).unwrap());
        for n in 0..7 {
            let mut dispatch = base.clone();
            dispatch.record.key.item = Some(format!("line {n}"));
            if n == 3 {
                dispatch.body = "long ".repeat(limit as usize);
            }
            sink.write(&dispatch).unwrap();
        }
        let (bytes, files) = sink.finish().unwrap();
        let bulk = bulk_files(&folder);
        let names: Vec<&str> = bulk.iter().map(|(n, _)| n.as_str()).collect();
        // 0 1 | 2 | 3 (alone, too large) | 4 5 | 6
        assert_eq!(
            names,
            [
                "bulk-0001.ndjson",
                "bulk-0002.ndjson",
                "bulk-0003.ndjson",
                "bulk-0004.ndjson",
                "bulk-0005.ndjson"
            ]
        );
        let mut ids = Vec::new();
        for (name, content) in &bulk {
            let text = std::str::from_utf8(content).unwrap();
            assert!(text.ends_with('\n'), "{name}");
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len() % 2, 0, "{name}");
            if lines.len() > 2 {
                assert!(content.len() as u64 <= limit, "{name}: {}", content.len());
            }
            for pair in lines.chunks(2) {
                let action: Value = serde_json::from_str(pair[0]).unwrap();
                let doc: Value = serde_json::from_str(pair[1]).unwrap();
                let id = action["index"]["_id"].as_str().unwrap().to_string();
                let item = doc["item"].as_str().unwrap().to_string();
                let key = Key::item(doc["path"].as_str().unwrap(), Some(item));
                assert_eq!(id, document_id(&key));
                ids.push(id);
            }
        }
        assert_eq!(ids.len(), 7);
        ids.dedup();
        assert_eq!(ids.len(), 7);
        assert_eq!(files.len(), 7, "5 bulk files, the mapping, the README");
        assert!(files.last().unwrap().ends_with(README));
        let on_disk: u64 = files
            .iter()
            .map(|f| std::fs::metadata(f).unwrap().len())
            .sum();
        assert_eq!(bytes, on_disk);
        let readme = std::fs::read_to_string(folder.join(README)).unwrap();
        assert!(readme.contains("7 in 5 bulk files"), "{readme}");
        assert!(readme.contains("--data-binary @mapping.json"));
        assert!(readme.contains("/_bulk\" -H 'Content-Type: application/x-ndjson'"));
    }

    #[test]
    fn an_export_stopped_half_way_leaves_no_file_under_its_final_name() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("es");
        std::fs::create_dir(&folder).unwrap();
        let mut sink = Box::new(BulkSink::create(Target::for_tests(folder.clone()), 1).unwrap());
        for n in 0..3 {
            let mut dispatch = every_field_filled();
            dispatch.record.key.item = Some(n.to_string());
            sink.write(&dispatch).unwrap();
        }
        // The files closed so far and the one being written are all `.partial`.
        let names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3);
        assert!(names.iter().all(|n| n.ends_with(".partial")), "{names:?}");
        // An error stops it (as the process being killed would, less the cleaning up).
        drop(sink);
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    }
}
