//! Turning a dispatch into a tantivy document ([`build`]) and a stored document back into
//! the record search returns ([`read`]): the only code that maps the model to fields.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::{Field, Value};
use tantivy::{DateTime, DocId, SegmentReader, TantivyDocument};

use crate::dispatch::{Dispatch, Key, Meta, Place, Record};
use crate::gazetteer;
use crate::index::Fields;
use crate::index::schema;
use crate::stories::{Fingerprint, Profile};

/// What the indexer knows of the file a dispatch came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: u64,
    /// Hash of the file's bytes.
    pub hash: u64,
}

/// The years a date in the index can have: tantivy keeps nanoseconds in an i64, from
/// 1677-09-21 to 2262-04-11, and whole years of that are these. The parser's own, narrower
/// range of plausible years lies within it.
pub const INDEXABLE_YEARS: std::ops::RangeInclusive<i16> = 1678..=2261;

/// Midnight UTC of a civil date, as tantivy's date type; `None` outside [`INDEXABLE_YEARS`].
pub fn to_tantivy_date(date: jiff::civil::Date) -> Option<DateTime> {
    if !INDEXABLE_YEARS.contains(&date.year()) {
        return None;
    }
    let seconds = date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()?
        .timestamp()
        .as_second();
    Some(DateTime::from_timestamp_secs(seconds))
}

/// A date stored by tantivy as the civil date it was made from.
pub fn from_tantivy_date(date: DateTime) -> Option<jiff::civil::Date> {
    let timestamp = jiff::Timestamp::from_second(date.into_timestamp_secs()).ok()?;
    Some(timestamp.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// What the index records of a location, whatever the dispatch's date.
struct PlaceInfo {
    located: Option<gazetteer::Located>,
    keys: Vec<String>,
    label: String,
}

/// Distinct locations remembered per parser thread; wire archives repeat a few thousand places.
const PLACE_CACHE_SIZE: usize = 16_384;

thread_local! {
    static PLACE_CACHE: RefCell<HashMap<String, Rc<PlaceInfo>>> = RefCell::new(HashMap::new());
}

/// Resolves a location, once per distinct spelling and thread.
fn place_of(location: &str) -> Rc<PlaceInfo> {
    PLACE_CACHE.with(|cache| {
        if let Some(info) = cache.borrow().get(location) {
            return Rc::clone(info);
        }
        let located = gazetteer::locate(location);
        let keys = gazetteer::place_keys(location, located.as_ref());
        // Listed under the most precise name resolved, else as written.
        let label = located
            .as_ref()
            .and_then(|l| l.label())
            .map_or_else(|| location.to_string(), str::to_string);
        let info = Rc::new(PlaceInfo {
            located,
            keys,
            label,
        });
        let mut cache = cache.borrow_mut();
        if cache.len() >= PLACE_CACHE_SIZE {
            cache.clear();
        }
        cache.insert(location.to_string(), Rc::clone(&info));
        info
    })
}

/// Bytes a document takes besides its body and headline (path, dateline, place, numbers,
/// fingerprint), with room to spare.
const DOCUMENT_BYTES_BESIDE_TEXT: usize = 1024;

/// Builds the document stored for `dispatch`, found at `key` in a file stamped `stamp`, with
/// what grouping it into a story needs (`profile`); its story is added by [`set_story`].
pub fn build(
    fields: &Fields,
    key: &Key,
    stamp: FileStamp,
    dispatch: &Dispatch,
    profile: &Profile,
) -> TantivyDocument {
    // The body goes in twice (its own field and the catch-all): sized once here, the
    // document's buffer is not grown and copied three or four times on the way.
    let text_bytes =
        2 * dispatch.body.len() + dispatch.meta.headline.as_ref().map_or(0, String::len);
    let mut doc = TantivyDocument::with_capacity(text_bytes + DOCUMENT_BYTES_BESIDE_TEXT);
    doc.add_text(fields.path, &key.path);
    if let Some(item) = &key.item {
        doc.add_text(fields.item, item);
    }
    let Meta {
        headline,
        dateline,
        location,
        date,
        agency,
        id,
        version,
        mark,
        status,
    } = &dispatch.meta;
    let texts = [
        (fields.headline, headline),
        (fields.dateline, dateline),
        (fields.agency, agency),
        (fields.doc_id, id),
        (fields.mark, mark),
        (fields.status, status),
    ];
    for (field, value) in texts {
        if let Some(value) = value {
            doc.add_text(field, value);
        }
    }
    doc.add_text(fields.body, &dispatch.body);
    // The catch-all text, in reading order; phrases do not run across its parts.
    for part in [
        headline.as_deref(),
        location.as_deref(),
        Some(dispatch.body.as_str()),
    ]
    .into_iter()
    .flatten()
    {
        doc.add_text(fields.text, part);
    }
    if let Some(version) = version {
        doc.add_u64(fields.version, u64::from(*version));
    }
    if let Some(date) = date.and_then(to_tantivy_date) {
        doc.add_date(fields.date, date);
    }
    if let Some(location) = location {
        doc.add_text(fields.location, location);
        let place = place_of(location);
        for key in &place.keys {
            doc.add_text(fields.place, key);
        }
        doc.add_text(fields.place_label, &place.label);
        if let Some(located) = &place.located {
            // Former states the place lay in on the dispatch's day add their names.
            for key in located.keys_on(*date) {
                if !place.keys.contains(&key) {
                    doc.add_text(fields.place, &key);
                }
            }
            let Place {
                city,
                region,
                country,
                country_code,
                country_then,
                latitude,
                longitude,
            } = located.place_on(*date);
            let parts = [
                (fields.city, &city),
                (fields.region, &region),
                (fields.country, &country),
                (fields.country_code, &country_code),
                (fields.country_then, &country_then.or(country.clone())),
            ];
            for (field, value) in parts {
                if let Some(value) = value {
                    doc.add_text(field, value);
                }
            }
            for (field, value) in [(fields.latitude, latitude), (fields.longitude, longitude)] {
                if let Some(value) = value {
                    doc.add_f64(field, value);
                }
            }
        }
    }
    doc.add_u64(fields.size, stamp.size);
    doc.add_u64(fields.mtime_ns, stamp.mtime_ns);
    doc.add_u64(fields.hash, stamp.hash);
    doc.add_u64(fields.rank, u64::from(profile.rank));
    for word in profile.fingerprint.to_words() {
        doc.add_u64(fields.fingerprint, word);
    }
    doc
}

/// Adds the story a document was found to be a version of; `joined` when the story held
/// another version when the document joined it.
pub fn set_story(fields: &Fields, doc: &mut TantivyDocument, story: &str, joined: bool) {
    doc.add_text(fields.story, story);
    let key = story_key(story);
    doc.add_u64(fields.story_key, key);
    // Every document holds a term there, so that no segment's dictionary of it is empty:
    // tantivy builds an empty dictionary in memory, which costs a search more than a lookup.
    doc.add_u64(fields.story_joined, if joined { key } else { NOT_JOINED });
}

/// What `story_joined` holds for a document that started its story.
pub const NOT_JOINED: u64 = 0;

/// The 64-bit key of a story id (two stories sharing one are a 1 in 2^64 chance).
pub fn story_key(story: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(story.as_bytes())
}

/// What grouping and collapsing read of the documents of one segment, from fast fields.
pub struct StoryColumns {
    path: StrColumn,
    story: StrColumn,
    story_key: Column<u64>,
    date: Column<DateTime>,
    rank: Column<u64>,
    fingerprint: Column<u64>,
}

impl StoryColumns {
    /// The columns of `segment`.
    pub fn of(segment: &SegmentReader) -> tantivy::Result<StoryColumns> {
        let fast = segment.fast_fields();
        let missing = |name: &str| {
            tantivy::TantivyError::SchemaError(format!("the index has no fast field {name}"))
        };
        Ok(StoryColumns {
            path: fast
                .str(schema::PATH)?
                .ok_or_else(|| missing(schema::PATH))?,
            story: fast
                .str(schema::STORY)?
                .ok_or_else(|| missing(schema::STORY))?,
            story_key: fast.u64(schema::STORY_KEY)?,
            date: fast.date(schema::DATE)?,
            rank: fast.u64(schema::RANK)?,
            fingerprint: fast.u64(schema::FINGERPRINT)?,
        })
    }

    /// The column of story ids: its term ordinals identify a story within the segment.
    pub fn stories(&self) -> &StrColumn {
        &self.story
    }

    /// The ordinal of the story of `doc` within the segment.
    pub fn story_ord(&self, doc: DocId) -> Option<u64> {
        self.story.term_ords(doc).next()
    }

    /// The key of the story of `doc`: a hash of its id, telling stories apart without
    /// reading the id.
    pub fn story_key(&self, doc: DocId) -> Option<u64> {
        self.story_key.first(doc)
    }

    /// The story id of `doc`.
    pub fn story(&self, doc: DocId) -> Option<String> {
        text_at(&self.story, doc)
    }

    /// The path of the file `doc` came from.
    pub fn path(&self, doc: DocId) -> Option<String> {
        text_at(&self.path, doc)
    }

    /// The filing date of `doc`.
    pub fn date(&self, doc: DocId) -> Option<jiff::civil::Date> {
        self.date.first(doc).and_then(from_tantivy_date)
    }

    /// The filing date of `doc` as tantivy keeps it (for ordering only).
    pub fn raw_date(&self, doc: DocId) -> Option<DateTime> {
        self.date.first(doc)
    }

    /// The version rank of `doc`.
    pub fn rank(&self, doc: DocId) -> u32 {
        self.rank
            .first(doc)
            .and_then(|r| u32::try_from(r).ok())
            .unwrap_or(0)
    }

    /// What grouping knows of `doc`; none when its fingerprint is unreadable.
    pub fn profile(&self, doc: DocId) -> Option<Profile> {
        let words: Vec<u64> = self.fingerprint.values_for_doc(doc).collect();
        Some(Profile {
            date: self.date(doc),
            rank: self.rank(doc),
            fingerprint: Fingerprint::from_words(&words)?,
        })
    }
}

/// The text of a string column at `doc`.
fn text_at(column: &StrColumn, doc: DocId) -> Option<String> {
    let ord = column.term_ords(doc).next()?;
    let mut text = String::new();
    column.ord_to_str(ord, &mut text).ok()?.then_some(text)
}

/// A stored text field of `doc`, when it has one.
pub fn stored_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The record of a stored document: what [`build`] stored, body aside.
pub fn read(fields: &Fields, doc: &TantivyDocument) -> Record {
    Record {
        key: Key::item(
            stored_text(doc, fields.path).unwrap_or_default(),
            stored_text(doc, fields.item),
        ),
        meta: Meta {
            headline: stored_text(doc, fields.headline),
            dateline: stored_text(doc, fields.dateline),
            location: stored_text(doc, fields.location),
            date: doc
                .get_first(fields.date)
                .and_then(|v| v.as_datetime())
                .and_then(from_tantivy_date),
            agency: stored_text(doc, fields.agency),
            id: stored_text(doc, fields.doc_id),
            version: doc
                .get_first(fields.version)
                .and_then(|v| v.as_u64())
                .and_then(|v| u32::try_from(v).ok()),
            mark: stored_text(doc, fields.mark),
            status: stored_text(doc, fields.status),
        },
        place: {
            let country = stored_text(doc, fields.country);
            Place {
                city: stored_text(doc, fields.city),
                region: stored_text(doc, fields.region),
                country_code: stored_text(doc, fields.country_code),
                country_then: stored_text(doc, fields.country_then)
                    .filter(|c| Some(c) != country.as_ref()),
                latitude: stored_f64(doc, fields.latitude),
                longitude: stored_f64(doc, fields.longitude),
                country,
            }
        },
        story: stored_text(doc, fields.story),
    }
}

/// A stored number field of `doc`, when it has one.
fn stored_f64(doc: &TantivyDocument, field: Field) -> Option<f64> {
    doc.get_first(field).and_then(|v| v.as_f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_convert_to_midnight_utc() {
        let dt = to_tantivy_date(date(2017, 10, 30)).unwrap();
        assert_eq!(dt.into_timestamp_secs(), 1_509_321_600);
        assert_eq!(from_tantivy_date(dt), Some(date(2017, 10, 30)));
        assert!(to_tantivy_date(date(1800, 1, 1)).is_some());
        assert!(to_tantivy_date(date(1600, 1, 1)).is_none());
        assert!(to_tantivy_date(date(1677, 12, 31)).is_none());
        assert!(to_tantivy_date(date(1678, 1, 1)).is_some());
        assert!(to_tantivy_date(date(2261, 12, 31)).is_some());
        assert!(to_tantivy_date(date(2262, 1, 1)).is_none());
    }

    #[test]
    fn every_date_the_parser_accepts_can_be_indexed() {
        for year in [1800, 2200] {
            let text = format!("PARIS, Jan 1, {year} - Text.");
            let parsed = crate::dispatch::parse(&text, "").meta.date;
            assert!(parsed.and_then(to_tantivy_date).is_some(), "{year}");
        }
    }

    /// What `read` gives back of a built document, through a real index (stored fields are
    /// only what the schema stores).
    fn round_trip(key: &Key, dispatch: &Dispatch) -> Record {
        round_trip_with(key, dispatch).0
    }

    /// The record and what the story columns give back of a built document.
    fn round_trip_with(key: &Key, dispatch: &Dispatch) -> (Record, Option<Profile>) {
        let (schema, fields) = crate::index::schema::build_schema();
        let index = tantivy::Index::create_in_ram(schema);
        crate::index::schema::register_analyzers(&index);
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let stamp = FileStamp {
            size: 1,
            mtime_ns: 2,
            hash: 3,
        };
        let profile = crate::stories::profile_of(dispatch);
        let mut doc = build(&fields, key, stamp, dispatch, &profile);
        set_story(&fields, &mut doc, "first/version.txt", false);
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let doc: TantivyDocument = searcher.doc(tantivy::DocAddress::new(0, 0)).unwrap();
        let columns = StoryColumns::of(searcher.segment_reader(0)).unwrap();
        assert_eq!(columns.story(0).as_deref(), Some("first/version.txt"));
        let keys = searcher
            .segment_reader(0)
            .fast_fields()
            .u64(schema::STORY_KEY)
            .unwrap();
        assert_eq!(keys.first(0), Some(story_key("first/version.txt")));
        assert_eq!(columns.path(0).as_deref(), Some(key.path.as_str()));
        assert_eq!(columns.date(0), dispatch.meta.date);
        let read_back = columns.profile(0);
        assert_eq!(read_back.as_ref(), Some(&profile));
        (read(&fields, &doc), read_back)
    }

    #[test]
    fn a_record_reads_back_what_was_built() {
        let key = Key::item("2017/10/30/astana.jsonl", Some("line 3".into()));
        let dispatch = Dispatch {
            meta: Meta {
                headline: Some("Talks resume".into()),
                dateline: Some("Astana, Kazakhstan-30 October 2017".into()),
                location: Some("Astana, Kazakhstan".into()),
                date: Some(date(2017, 10, 30)),
                agency: Some("AFP".into()),
                id: Some("urn:newsml:example.com:20171030:talks".into()),
                version: Some(2),
                mark: Some("UPDATE 1 / Adds detail".into()),
                status: Some("canceled".into()),
            },
            body: "Talks opened in the capital on Monday with delegations from three countries."
                .into(),
            ..Dispatch::default()
        };
        let (record, profile) = round_trip_with(&key, &dispatch);
        assert_eq!(record.story.as_deref(), Some("first/version.txt"));
        assert_eq!(profile.map(|p| p.rank), Some(4));
        assert_eq!(record.key, key);
        assert_eq!(record.meta, dispatch.meta);
        assert_eq!(record.place.country_code.as_deref(), Some("KZ"));
        assert_eq!(
            record.place,
            gazetteer::resolve("Astana, Kazakhstan").unwrap()
        );

        let bare = round_trip(&Key::file("a.txt"), &Dispatch::default());
        assert_eq!(bare.key, Key::file("a.txt"));
        assert_eq!(bare.meta, Meta::default());
        assert_eq!(bare.place, Place::default());
    }

    #[test]
    fn a_record_keeps_the_country_then_and_the_coordinates() {
        let filed = |location: &str, day: Option<jiff::civil::Date>| {
            let dispatch = Dispatch {
                meta: Meta {
                    location: Some(location.into()),
                    date: day,
                    ..Meta::default()
                },
                ..Dispatch::default()
            };
            round_trip(&Key::file("a.txt"), &dispatch).place
        };
        let moscow = filed("MOSCOW", Some(date(1989, 6, 5)));
        assert_eq!(moscow.country.as_deref(), Some("Russia"));
        assert_eq!(moscow.country_then.as_deref(), Some("Soviet Union"));
        assert!((moscow.latitude.unwrap() - 55.752).abs() < 1e-9);
        assert!((moscow.longitude.unwrap() - 37.618).abs() < 1e-9);
        assert_eq!(filed("MOSCOW", Some(date(2005, 3, 3))).country_then, None);
        assert_eq!(filed("MOSCOW", None).country_then, None);
        let bonn = filed("BONN, West Germany", None);
        assert_eq!(bonn.country_then.as_deref(), Some("West Germany"));
        let argentina = filed("Argentina", Some(date(2005, 3, 3)));
        assert_eq!((argentina.latitude, argentina.longitude), (None, None));
        assert_eq!(argentina.country_then, None);
    }
}
