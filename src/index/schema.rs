//! The one place that defines the index schema and the analyzers its text fields use.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};
use tantivy::{Index, IndexSettings};

use super::stem::EnglishStemmer;

/// Version of the schema and of what the indexer stores; an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

/// Version of the terms [`news_analyzer`] makes. Bump it whenever the tokenizer, a filter or
/// the stemmer (pinned to one release in Cargo.toml) changes a term: an index made with
/// another version is then refused with "run --full" instead of silently missing words.
pub const ANALYZER_VERSION: u32 = 1;

/// Analyzer of English text: lowercased, accents folded, stemmed.
pub const NEWS_ANALYZER: &str = "news_en";

/// Exact, untokenized values (keys, place names already normalized by us).
const RAW: &str = "raw";

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
    /// Body, analyzed text with positions for phrases and snippets.
    pub body: Field,
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
    /// File size when indexed.
    pub size: Field,
    /// File modification time (ns) when indexed.
    pub mtime_ns: Field,
    /// Hash of the file's bytes when indexed.
    pub hash: Field,
}

/// Builds the schema and the handles on its fields.
pub fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text_with_positions = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NEWS_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let exact_fast = STRING | STORED;
    let exact_fast = exact_fast.set_fast(RAW);
    let place_keys = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(RAW)
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    );
    let date_options = DateOptions::from(INDEXED)
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);

    let fields = Fields {
        path: builder.add_text_field("path", exact_fast.clone()),
        headline: builder.add_text_field("headline", text_with_positions.clone()),
        dateline: builder.add_text_field("dateline", text_with_positions.clone()),
        location: builder.add_text_field("location", text_with_positions.clone()),
        body: builder.add_text_field("body", text_with_positions),
        agency: builder.add_text_field("agency", exact_fast.clone()),
        date: builder.add_date_field("date", date_options),
        place: builder.add_text_field("place", place_keys),
        city: builder.add_text_field("city", exact_fast.clone()),
        region: builder.add_text_field("region", exact_fast.clone()),
        country: builder.add_text_field("country", exact_fast.clone()),
        country_code: builder.add_text_field("country_code", exact_fast.clone()),
        place_label: builder.add_text_field("place_label", exact_fast),
        size: builder.add_u64_field("size", FAST),
        mtime_ns: builder.add_u64_field("mtime_ns", FAST),
        hash: builder.add_u64_field("hash", FAST),
    };
    (builder.build(), fields)
}

/// The English analyzer used for every text field, at index and at query time.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(EnglishStemmer)
        .build()
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
    let get = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        path: get("path")?,
        headline: get("headline")?,
        dateline: get("dateline")?,
        location: get("location")?,
        body: get("body")?,
        agency: get("agency")?,
        date: get("date")?,
        place: get("place")?,
        city: get("city")?,
        region: get("region")?,
        country: get("country")?,
        country_code: get("country_code")?,
        place_label: get("place_label")?,
        size: get("size")?,
        mtime_ns: get("mtime_ns")?,
        hash: get("hash")?,
    })
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
        let (schema, _) = build_schema();
        assert!(fields_of(&schema).is_some());
    }
}
