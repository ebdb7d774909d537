//! The one place that defines the index schema and the analyzers its text fields use.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, NumericOptions,
    STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Index, IndexSettings};

use super::analyzer::NewsTokenizer;

/// Version of the schema and of what the indexer stores; an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 11;

/// Version of the terms [`news_analyzer`] makes. Bump it whenever the tokenizer, a filter or
/// the stemmer (pinned to one release in Cargo.toml) changes a term: an index made with
/// another version is then refused with "run --full" instead of silently missing words.
pub const ANALYZER_VERSION: u32 = 1;

/// Analyzer of English text: lowercased, accents folded, stemmed.
pub const NEWS_ANALYZER: &str = "news_en";

/// Exact, untokenized values (keys, place names already normalized by us).
const RAW: &str = "raw";

/// Field names, declared once: the schema, the document builder, the writer and search use
/// these constants, never the strings.
pub const PATH: &str = "path";
/// Headline field.
pub const HEADLINE: &str = "headline";
/// Dateline field.
pub const DATELINE: &str = "dateline";
/// Location field.
pub const LOCATION: &str = "location";
/// Body field.
pub const BODY: &str = "body";
/// Catch-all field of headline, location and body, which plain words are matched against.
pub const TEXT: &str = "text";
/// Agency field.
pub const AGENCY: &str = "agency";
/// Filing date field.
pub const DATE: &str = "date";
/// `--place` keys field.
pub const PLACE: &str = "place";
/// Resolved city field.
pub const CITY: &str = "city";
/// Resolved region field.
pub const REGION: &str = "region";
/// Resolved country field.
pub const COUNTRY: &str = "country";
/// Resolved country code field.
pub const COUNTRY_CODE: &str = "country_code";
/// Field of the name a dispatch's place is listed under by `places`.
pub const PLACE_LABEL: &str = "place_label";
/// Field of the country as filed: the former state the place then lay in, else today's country.
pub const COUNTRY_THEN: &str = "country_then";
/// Latitude field of the resolved city.
pub const LATITUDE: &str = "latitude";
/// Longitude field of the resolved city.
pub const LONGITUDE: &str = "longitude";
/// File size field.
pub const SIZE: &str = "size";
/// File modification time field.
pub const MTIME_NS: &str = "mtime_ns";
/// File hash field.
pub const HASH: &str = "hash";
/// Field of the item within a file holding several dispatches.
pub const ITEM: &str = "item";
/// Field of the document's own id.
pub const DOC_ID: &str = "id";
/// Field of the document's version number.
pub const VERSION: &str = "version";
/// Field of the version marks removed from the headline.
pub const MARK: &str = "mark";
/// Field of the publication status a format gives (`canceled`, `withheld`, `embargoed`).
pub const STATUS: &str = "status";
/// Field of the story a dispatch is a version of: the key of the story's first version
/// (stored and fast; searched through [`STORY_KEY`]).
pub const STORY: &str = "story";
/// Field of a 64-bit hash of the story id, indexed and fast: telling stories apart by it and
/// finding a story's versions cost no lookup of the id's text.
pub const STORY_KEY: &str = "story_key";
/// Field holding the story key of a dispatch that joined a story already holding a version:
/// a story none of whose live documents holds its key here has one version, which search
/// tells by a lookup in this field's small dictionary instead of the dictionary of every key.
pub const STORY_JOINED: &str = "story_joined";
/// Field of the version rank (the order of the versions of one story).
pub const RANK: &str = "rank";
/// Field of the text's fingerprint, as `u64` words.
pub const FINGERPRINT: &str = "fingerprint";

/// How a field is indexed and stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Exact value, stored, with a fast column (keys, resolved names, agency).
    Exact,
    /// Exact value, stored, with a fast column, not searched (found through a key field).
    Label,
    /// English text, stored, with positions for phrases and snippets.
    Text,
    /// English text with positions, indexed only (the catch-all field).
    Matched,
    /// Text stored only: the body, read for snippets and feedback, matched through the
    /// catch-all field, which holds it (a second index of it would double the postings).
    Stored,
    /// Several exact keys per document, only searched.
    Keys,
    /// A date, stored, searchable by range, with a fast column for sorting.
    Date,
    /// A number with a fast column only (what the indexer remembers of a file).
    Number,
    /// A number searchable and with a fast column, not stored (a key documents share).
    Key,
    /// A number searchable only (a key some documents carry).
    Marker,
    /// A number, stored, searchable and with a fast column (what a dispatch says of itself).
    Count,
    /// Degrees, stored, with a fast column that range queries and distances read.
    Degrees,
}

/// Handles on every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Path relative to the archive: the dispatch's key (exact, stored, fast).
    pub path: Field,
    /// Headline, analyzed text.
    pub headline: Field,
    /// Dateline as written, analyzed text.
    pub dateline: Field,
    /// Location as written, analyzed text.
    pub location: Field,
    /// Body, stored only: snippets, feedback and `show` read it; words match it through `text`.
    pub body: Field,
    /// Headline, location and body as one text, indexed only: plain words are ranked by one
    /// BM25 over it (BENCHMARKS.md, "Ranking").
    pub text: Field,
    /// Agency as written (exact).
    pub agency: Field,
    /// Filing date at midnight UTC.
    pub date: Field,
    /// Normalized names the dispatch is found under by `--place` (several values).
    pub place: Field,
    /// Resolved city name.
    pub city: Field,
    /// Resolved region name.
    pub region: Field,
    /// Resolved country name.
    pub country: Field,
    /// Resolved ISO country code.
    pub country_code: Field,
    /// Name a dispatch's place is listed under: the resolved city, else the location as written.
    pub place_label: Field,
    /// Country as filed: the former state the place then lay in ("Soviet Union"), else today's
    /// country; `places --then` counts by it.
    pub country_then: Field,
    /// Latitude of the resolved city, degrees.
    pub latitude: Field,
    /// Longitude of the resolved city, degrees.
    pub longitude: Field,
    /// File size when indexed.
    pub size: Field,
    /// File modification time (ns) when indexed.
    pub mtime_ns: Field,
    /// Hash of the file's bytes when indexed.
    pub hash: Field,
    /// Item within the file (a line, a `<DOC>` id, a member), for files of several dispatches.
    pub item: Field,
    /// The document's own id (exact).
    pub doc_id: Field,
    /// The document's version number.
    pub version: Field,
    /// Version marks removed from the headline (exact).
    pub mark: Field,
    /// The publication status (exact).
    pub status: Field,
    /// The story's id (exact, fast: search collapses on it).
    pub story: Field,
    /// A hash of the story's id, indexed and fast.
    pub story_key: Field,
    /// The story's key, on a dispatch that joined a story (indexed only).
    pub story_joined: Field,
    /// Version rank, fast only.
    pub rank: Field,
    /// The text's fingerprint words, fast only.
    pub fingerprint: Field,
}

impl Fields {
    /// Every field with its name and kind, listed once; `field` makes or finds each handle.
    fn declare<E>(
        mut field: impl FnMut(&'static str, Kind) -> Result<Field, E>,
    ) -> Result<Self, E> {
        Ok(Fields {
            path: field(PATH, Kind::Exact)?,
            headline: field(HEADLINE, Kind::Text)?,
            dateline: field(DATELINE, Kind::Text)?,
            location: field(LOCATION, Kind::Text)?,
            body: field(BODY, Kind::Stored)?,
            text: field(TEXT, Kind::Matched)?,
            agency: field(AGENCY, Kind::Exact)?,
            date: field(DATE, Kind::Date)?,
            place: field(PLACE, Kind::Keys)?,
            city: field(CITY, Kind::Exact)?,
            region: field(REGION, Kind::Exact)?,
            country: field(COUNTRY, Kind::Exact)?,
            country_code: field(COUNTRY_CODE, Kind::Exact)?,
            place_label: field(PLACE_LABEL, Kind::Exact)?,
            country_then: field(COUNTRY_THEN, Kind::Exact)?,
            latitude: field(LATITUDE, Kind::Degrees)?,
            longitude: field(LONGITUDE, Kind::Degrees)?,
            size: field(SIZE, Kind::Number)?,
            mtime_ns: field(MTIME_NS, Kind::Number)?,
            hash: field(HASH, Kind::Number)?,
            item: field(ITEM, Kind::Exact)?,
            doc_id: field(DOC_ID, Kind::Exact)?,
            version: field(VERSION, Kind::Count)?,
            mark: field(MARK, Kind::Exact)?,
            status: field(STATUS, Kind::Exact)?,
            story: field(STORY, Kind::Label)?,
            story_key: field(STORY_KEY, Kind::Key)?,
            story_joined: field(STORY_JOINED, Kind::Marker)?,
            rank: field(RANK, Kind::Number)?,
            fingerprint: field(FINGERPRINT, Kind::Number)?,
        })
    }
}

/// Builds the schema and the handles on its fields.
pub fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let matched = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(NEWS_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let text = matched.clone().set_stored();
    let exact = (STRING | STORED).set_fast(RAW);
    let label = TextOptions::from(STORED).set_fast(RAW);
    let keys = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(RAW)
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    );
    let date = DateOptions::from(INDEXED)
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    let degrees = NumericOptions::default().set_fast().set_stored();
    let Ok(fields) = Fields::declare(|name, kind| {
        Ok::<_, std::convert::Infallible>(match kind {
            Kind::Exact => builder.add_text_field(name, exact.clone()),
            Kind::Label => builder.add_text_field(name, label.clone()),
            Kind::Text => builder.add_text_field(name, text.clone()),
            Kind::Matched => builder.add_text_field(name, matched.clone()),
            Kind::Stored => builder.add_text_field(name, STORED),
            Kind::Keys => builder.add_text_field(name, keys.clone()),
            Kind::Date => builder.add_date_field(name, date.clone()),
            Kind::Number => builder.add_u64_field(name, FAST),
            Kind::Key => {
                builder.add_u64_field(name, NumericOptions::default().set_indexed().set_fast())
            }
            Kind::Marker => builder.add_u64_field(name, INDEXED),
            Kind::Count => builder.add_u64_field(name, INDEXED | STORED | FAST),
            Kind::Degrees => builder.add_f64_field(name, degrees.clone()),
        })
    });
    (builder.build(), fields)
}

/// The English analyzer used for every text field, at index and at query time.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(NewsTokenizer::default())
}

/// The terms `text` is indexed (and searched) as.
pub fn analyze(text: &str) -> Vec<String> {
    let mut analyzer = news_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}

/// zstd level of the document store: level 3 compresses about as well as 9 at half the cost.
const DOCSTORE_ZSTD_LEVEL: i32 = 3;
/// Document store block: larger blocks compress better, but a hit decompresses its whole block.
const DOCSTORE_BLOCK_BYTES: usize = 64 * 1024;

/// How the index stores documents: zstd in large blocks, because stored bodies are most of
/// the index and news text compresses well (measured in BENCHMARKS.md).
pub fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

/// Registers our analyzers: tantivy stores only their names, so this runs on every open.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(NEWS_ANALYZER, news_analyzer());
}

/// Looks up the fields of an opened index, failing when its schema is not ours.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    Fields::declare(|name, _| schema.get_field(name)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_lowercases_folds_accents_and_stems() {
        assert_eq!(analyze("Bogotá TALKS"), vec!["bogota", "talk"]);
        assert_eq!(analyze("São Paulo"), vec!["sao", "paulo"]);
    }

    #[test]
    fn schema_fields_round_trip() {
        let (schema, built) = build_schema();
        let found = fields_of(&schema).unwrap();
        assert_eq!(format!("{built:?}"), format!("{found:?}"));
        assert_eq!(schema.get_field_name(found.place_label), PLACE_LABEL);
        assert_eq!(schema.num_fields(), 30);
    }
}
