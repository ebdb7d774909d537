//! The fields an exported dispatch has, listed once with what each holds: the Elasticsearch
//! mapping and the Quickwit doc mapping are both made from [`FIELDS`]. JSON Lines needs no
//! list (it is the model serialized), so a field added to the model appears there at once,
//! and the test below fails until it is listed here too.

/// What a field holds, which decides how each engine indexes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An identifier matched whole (a path, an item, a document id).
    Key,
    /// A name matched whole and grouped by (a resolved place name, an agency).
    Name,
    /// English text searched by words and phrases.
    Text,
    /// A civil date, `YYYY-MM-DD` in the model.
    Date,
    /// A whole number.
    Integer,
    /// A real number (a latitude, a longitude).
    Real,
    /// A point on the Earth made from two [`FieldKind::Real`] fields of the document, for
    /// engines with a geographic type; the document gets it as an extra field.
    Point {
        /// Dotted path of the latitude, in degrees.
        latitude: &'static str,
        /// Dotted path of the longitude, in degrees.
        longitude: &'static str,
    },
}

/// A field of an exported dispatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportField {
    /// Dotted path in the JSON document (`place.city` is `city` in the `place` object).
    pub path: &'static str,
    /// What it holds.
    pub kind: FieldKind,
}

const fn field(path: &'static str, kind: FieldKind) -> ExportField {
    ExportField { path, kind }
}

/// Every field of an exported dispatch: the keys of [`crate::dispatch::Record`] and `body`.
pub const FIELDS: &[ExportField] = &[
    field("path", FieldKind::Key),
    field("item", FieldKind::Key),
    field("headline", FieldKind::Text),
    field("dateline", FieldKind::Text),
    field("location", FieldKind::Text),
    field("date", FieldKind::Date),
    field("agency", FieldKind::Name),
    field("id", FieldKind::Key),
    field("version", FieldKind::Integer),
    field("mark", FieldKind::Name),
    field("status", FieldKind::Name),
    field("story", FieldKind::Key),
    field("place.city", FieldKind::Name),
    field("place.region", FieldKind::Name),
    field("place.country", FieldKind::Name),
    field("place.country_code", FieldKind::Name),
    field("place.country_then", FieldKind::Name),
    field("place.latitude", FieldKind::Real),
    field("place.longitude", FieldKind::Real),
    field(
        "place.coordinates",
        FieldKind::Point {
            latitude: "place.latitude",
            longitude: "place.longitude",
        },
    ),
    field("body", FieldKind::Text),
];

/// The top-level name of a dotted path and the rest, if it is nested.
pub(crate) fn split_path(path: &str) -> (&str, Option<&str>) {
    match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    }
}

/// `fields` grouped as a JSON object is: top-level fields in order, nested ones under their
/// object's name, where it first appears.
pub(crate) enum Node<'a> {
    /// A field at this level.
    Leaf(&'a str, FieldKind),
    /// An object and the fields within it.
    Object(&'a str, Vec<Node<'a>>),
}

/// The tree of `fields`, for the engines whose mappings nest objects.
pub(crate) fn tree(fields: &[ExportField]) -> Vec<Node<'_>> {
    let leaves: Vec<(&str, FieldKind)> = fields.iter().map(|f| (f.path, f.kind)).collect();
    grow(&leaves)
}

fn grow<'a>(leaves: &[(&'a str, FieldKind)]) -> Vec<Node<'a>> {
    let mut nodes: Vec<Node<'a>> = Vec::new();
    let mut objects: Vec<&str> = Vec::new();
    for &(path, kind) in leaves {
        match split_path(path) {
            (name, None) => nodes.push(Node::Leaf(name, kind)),
            (name, Some(_)) if objects.contains(&name) => {}
            (name, Some(_)) => {
                objects.push(name);
                let inner: Vec<(&str, FieldKind)> = leaves
                    .iter()
                    .filter_map(|&(p, k)| match split_path(p) {
                        (n, Some(rest)) if n == name => Some((rest, k)),
                        _ => None,
                    })
                    .collect();
                nodes.push(Node::Object(name, grow(&inner)));
            }
        }
    }
    nodes
}

/// The value at a dotted path of a JSON document.
pub(crate) fn lookup<'a>(doc: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.').try_fold(doc, |value, name| value.get(name))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::dispatch::{Key, Meta, Place, Record};
    use crate::search::show::FullDispatch;

    /// A dispatch with every field of the model filled. The struct literals name every field
    /// (no `..Default::default()`), so a field added to the model stops this from compiling
    /// until it is filled here, and then the tests below until it is exported and mapped.
    pub(crate) fn every_field_filled() -> FullDispatch {
        FullDispatch {
            record: Record {
                key: Key {
                    path: "2017/10/30/astana.jsonl".into(),
                    item: Some("line 3".into()),
                },
                meta: Meta {
                    headline: Some("Wheat harvest breaks a record".into()),
                    dateline: Some("Astana, Kazakhstan-30 October 2017".into()),
                    location: Some("Astana, Kazakhstan".into()),
                    date: Some(jiff::civil::date(2017, 10, 30)),
                    agency: Some("AFP".into()),
                    id: Some("urn:newsml:example.com:20171030:wheat".into()),
                    version: Some(2),
                    mark: Some("UPDATE 1 / Adds comment, background".into()),
                    status: Some("withheld".into()),
                },
                place: Place {
                    city: Some("Astana".into()),
                    region: Some("Astana".into()),
                    country: Some("Kazakhstan".into()),
                    country_code: Some("KZ".into()),
                    country_then: Some("Kazakh SSR".into()),
                    latitude: Some(51.1801),
                    longitude: Some(71.446),
                },
                story: Some("2017/10/30/astana.jsonl#line 1".into()),
            },
            body: "Kazakhstan is on track for one of its largest wheat harvests.\n\n\
                   Officials said farmers had threshed \"most\" of the crop."
                .into(),
        }
    }

    /// The dotted path of every value that is not an object in `value`.
    pub(crate) fn leaf_paths(value: &serde_json::Value) -> Vec<String> {
        let mut paths = Vec::new();
        collect(value, "", &mut paths);
        paths.sort();
        paths
    }

    fn collect(value: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        match value.as_object() {
            Some(map) => {
                for (name, inner) in map {
                    let path = if prefix.is_empty() {
                        name.clone()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    collect(inner, &path, out);
                }
            }
            None => out.push(prefix.to_string()),
        }
    }

    #[test]
    fn the_field_list_is_exactly_the_keys_of_an_exported_dispatch() {
        let exported = serde_json::to_value(super::super::Exported::of(&every_field_filled()))
            .expect("serializable");
        let keys = leaf_paths(&exported);
        let listed: Vec<String> = {
            let mut listed: Vec<String> = FIELDS
                .iter()
                .filter(|f| !matches!(f.kind, FieldKind::Point { .. }))
                .map(|f| f.path.to_string())
                .collect();
            listed.sort();
            listed
        };
        let unmapped: Vec<&String> = keys.iter().filter(|k| !listed.contains(k)).collect();
        assert!(
            unmapped.is_empty(),
            "exported but not listed in export::fields::FIELDS (so neither Elasticsearch nor \
             Quickwit would accept the documents): {unmapped:?}"
        );
        assert_eq!(keys, listed, "listed fields that are never exported");
        // A field of every kind has a value, so each engine's conversion of it is exercised.
        for field in FIELDS {
            // A point is made by the engines that have one, from two fields checked here.
            let path = match field.kind {
                FieldKind::Point { latitude, .. } => latitude,
                _ => field.path,
            };
            let value = lookup(&exported, path);
            assert!(value.is_some_and(|v| !v.is_null()), "{path} is empty");
        }
    }

    #[test]
    fn fields_nest_as_their_objects() {
        let nodes = tree(FIELDS);
        let names: Vec<&str> = nodes
            .iter()
            .map(|n| match n {
                Node::Leaf(name, _) | Node::Object(name, _) => *name,
            })
            .collect();
        assert_eq!(
            names,
            [
                "path", "item", "headline", "dateline", "location", "date", "agency", "id",
                "version", "mark", "status", "story", "place", "body"
            ]
        );
        let Some(Node::Object(_, place)) = nodes.iter().find(|n| matches!(n, Node::Object(..)))
        else {
            panic!("no place object");
        };
        assert_eq!(place.len(), 8);
        let doc = serde_json::json!({"place": {"city": "Astana"}, "path": "a"});
        assert_eq!(
            lookup(&doc, "place.city"),
            Some(&serde_json::json!("Astana"))
        );
        assert_eq!(lookup(&doc, "place.region"), None);
        assert_eq!(lookup(&doc, "path.x"), None);
    }
}
