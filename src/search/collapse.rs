//! One hit per story. [`TopStories`] collects the best documents of distinct stories in
//! one pass over the matches, deduplicating on the story fast column while it collects (no
//! document is fetched to be thrown away); [`latest_versions`] then puts each story's latest
//! version in place of the document that matched, and counts the story's versions.
//!
//! A story is told by its key (a hash of its id, in the `story_key` column, the same in every
//! segment, read without a dictionary lookup); each segment keeps its best `limit` stories,
//! and the segments' stories are merged by key. That is exact: a story
//! among the best `limit` overall is among the best `limit` of the segment holding its best
//! document, since every story ranked above it there is ranked above it overall.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use rustc_hash::FxBuildHasher;
use tantivy::collector::{Collector, Count, DocSetCollector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::ScoredHit;
use crate::error::Result;
use crate::index::Fields;
use crate::index::document::{self, StoryColumns};
use crate::index::schema::STORY_KEY;
use crate::stories::version_order;

/// How a document ranks: greater first, the first part before the second.
pub(crate) type Rank = (f64, i64);

/// Ranks the documents of one segment.
pub(crate) type SegmentRanker = Box<dyn FnMut(DocId, Score) -> Rank>;

/// Makes the ranker of a segment.
pub(crate) type Ranker =
    Box<dyn Fn(&SegmentReader) -> tantivy::Result<SegmentRanker> + Send + Sync>;

/// Collects the best `limit` stories, each with its best document and that document's rank.
pub(crate) struct TopStories {
    limit: usize,
    /// Documents rank by their score alone: matches scoring no more than the last story kept
    /// are skipped by the query itself (block-max pruning), as `TopDocs` does.
    by_score: bool,
    ranker: Ranker,
}

impl TopStories {
    /// The best `limit` stories by relevance score.
    pub(crate) fn by_score(limit: usize) -> TopStories {
        TopStories {
            limit: limit.max(1),
            by_score: true,
            ranker: Box::new(|_| Ok(Box::new(|_, score| (f64::from(score), 0)))),
        }
    }

    /// The best `limit` stories by what `ranker` makes of each document (no scores).
    pub(crate) fn ranked_by(limit: usize, ranker: Ranker) -> TopStories {
        TopStories {
            limit: limit.max(1),
            by_score: false,
            ranker,
        }
    }
}

/// A rank ordered totally, a lower document first among equals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Held {
    rank: Rank,
    doc: DocId,
}

impl Eq for Held {}

impl Ord for Held {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank
            .0
            .total_cmp(&other.rank.0)
            .then(self.rank.1.cmp(&other.rank.1))
            .then(other.doc.cmp(&self.doc))
    }
}

impl PartialOrd for Held {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The best stories of one segment.
///
/// Matches that beat the worst story kept are appended to a buffer, which is cut back to the
/// best document of each of the best `limit` stories whenever it fills: per match, a
/// comparison and a push, however the matches arrive (in date order, as an archive read in
/// date order is numbered, each would otherwise displace the worst story kept).
pub(crate) struct SegmentStories {
    limit: usize,
    segment: SegmentOrdinal,
    /// Story keys (hashes of the ids, the same in every segment).
    keys: Option<Column<u64>>,
    ranker: SegmentRanker,
    /// Documents that may be among the best, with their story; after [`Self::compact`],
    /// the best document of each of the best `limit` stories, best first.
    kept: Vec<(Held, u64)>,
    /// The worst story kept once `limit` are: a match must beat it.
    worst: Option<Held>,
}

impl SegmentStories {
    /// The key of the story of `doc`; a document without a story (none is written so) is a
    /// story of its own.
    fn story_of(&self, doc: DocId) -> u64 {
        self.key_of(doc).unwrap_or(u64::MAX - u64::from(doc))
    }

    fn key_of(&self, doc: DocId) -> Option<u64> {
        self.keys.as_ref().and_then(|c| c.first(doc))
    }

    /// The rank a document must beat to be kept, once `limit` stories are.
    fn threshold(&self) -> Option<Held> {
        self.worst
    }

    fn offer(&mut self, doc: DocId, score: Score) {
        let held = Held {
            rank: (self.ranker)(doc, score),
            doc,
        };
        if self.threshold().is_some_and(|worst| held <= worst) {
            return;
        }
        let story = self.story_of(doc);
        self.kept.push((held, story));
        if self.kept.len() >= 2 * self.limit + 64 {
            self.compact();
        }
    }

    /// Keeps the best document of each of the best `limit` stories, best first.
    fn compact(&mut self) {
        self.kept
            .sort_unstable_by_key(|&(held, _)| std::cmp::Reverse(held));
        let mut seen: HashSet<u64, FxBuildHasher> = HashSet::default();
        self.kept.retain(|(_, story)| seen.insert(*story));
        self.kept.truncate(self.limit);
        self.worst = (self.kept.len() >= self.limit)
            .then(|| self.kept.last().map(|(held, _)| *held))
            .flatten();
    }
}

impl SegmentCollector for SegmentStories {
    type Fruit = Vec<(Held, DocAddress, Option<u64>)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.offer(doc, score);
    }

    fn harvest(mut self) -> Self::Fruit {
        self.compact();
        self.kept
            .iter()
            .map(|(held, _)| {
                let address = DocAddress::new(self.segment, held.doc);
                (*held, address, self.key_of(held.doc))
            })
            .collect()
    }
}

impl Collector for TopStories {
    type Fruit = Vec<(Rank, DocAddress)>;
    type Child = SegmentStories;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentStories> {
        Ok(SegmentStories {
            limit: self.limit,
            segment,
            keys: reader.fast_fields().u64(STORY_KEY).ok(),
            ranker: (self.ranker)(reader)?,
            kept: Vec::new(),
            worst: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.by_score
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(Held, DocAddress, Option<u64>)>>,
    ) -> tantivy::Result<Vec<(Rank, DocAddress)>> {
        let mut best: HashMap<u64, (Held, DocAddress)> = HashMap::new();
        let mut alone: Vec<(Held, DocAddress)> = Vec::new();
        for (held, address, story) in fruits.into_iter().flatten() {
            let Some(story) = story else {
                alone.push((held, address));
                continue;
            };
            let better = |kept: &(Held, DocAddress)| {
                held.rank
                    .0
                    .total_cmp(&kept.0.rank.0)
                    .then(held.rank.1.cmp(&kept.0.rank.1))
                    .then(kept.1.cmp(&address))
                    .is_gt()
            };
            match best.get_mut(&story) {
                Some(kept) if better(kept) => *kept = (held, address),
                Some(_) => {}
                None => {
                    best.insert(story, (held, address));
                }
            }
        }
        let mut top: Vec<(Rank, DocAddress)> = best
            .into_values()
            .chain(alone)
            .map(|(held, address)| (held.rank, address))
            .collect();
        top.sort_by(|a, b| {
            b.0.0
                .total_cmp(&a.0.0)
                .then(b.0.1.cmp(&a.0.1))
                .then(a.1.cmp(&b.1))
        });
        top.truncate(self.limit);
        Ok(top)
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<(Held, DocAddress, Option<u64>)>> {
        let mut stories = self.for_segment(segment, reader)?;
        let alive = reader.alive_bitset();
        if self.by_score {
            weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    stories.offer(doc, score);
                }
                stories
                    .threshold()
                    .map_or(Score::MIN, |worst| worst.rank.0 as Score)
            })?;
        } else {
            weight.for_each_no_score(reader, &mut |docs| {
                for &doc in docs {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        stories.offer(doc, 0.0);
                    }
                }
            })?;
        }
        Ok(stories.harvest())
    }
}

/// A story found: the version shown, and how many versions the story has.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoryHit {
    /// The latest version's score (the story's best) and address.
    pub hit: ScoredHit,
    /// Versions of the story in the index.
    pub versions: u32,
}

/// For each hit, its story's latest version (by version mark, then filing date) among the
/// versions `within` lets through, with the number of versions the story has; a hit keeps
/// its score and place in the order.
///
/// A story is found by its key, a term of the index. A story of one version (most are) is told
/// by its key missing from the small dictionary of keys that joining versions carry, one
/// lookup per segment; the dictionary of every key and the columns that order versions are
/// read only for stories of several.
pub(crate) fn latest_versions(
    searcher: &Searcher,
    fields: &Fields,
    hits: Vec<ScoredHit>,
    within: impl Fn(Box<dyn Query>) -> Box<dyn Query>,
) -> Result<Vec<StoryHit>> {
    let keys = story_keys(searcher)?;
    let mut columns: Vec<Option<StoryColumns>> = Vec::new();
    columns.resize_with(keys.len(), || None);
    let mut found = Vec::with_capacity(hits.len());
    for (score, address) in hits {
        let key = keys[address.segment_ord as usize].first(address.doc_id);
        let Some(key) = key else {
            found.push(StoryHit {
                hit: (score, address),
                versions: 1,
            });
            continue;
        };
        // No version joined it (deleted ones included): it is the story's only version.
        if searcher.doc_freq(&Term::from_field_u64(fields.story_joined, key))? == 0 {
            found.push(StoryHit {
                hit: (score, address),
                versions: 1,
            });
            continue;
        }
        let term = Term::from_field_u64(fields.story_key, key);
        // Deleted versions still count in a term's document frequency, so a count of one is
        // exact (the hit itself is alive) and a larger count is checked against the live ones.
        if searcher.doc_freq(&term)? <= 1 {
            found.push(StoryHit {
                hit: (score, address),
                versions: 1,
            });
            continue;
        }
        let versions = searcher.search(&key_query(term.clone()), &Count)?;
        let mut shown: Vec<DocAddress> = if versions > 1 {
            searcher
                .search(&*within(Box::new(key_query(term))), &DocSetCollector)?
                .into_iter()
                .collect()
        } else {
            Vec::new()
        };
        shown.sort_unstable();
        for segment in shown.iter().map(|a| a.segment_ord as usize) {
            if columns[segment].is_none() {
                columns[segment] = Some(StoryColumns::of(searcher.segment_reader(segment as u32))?);
            }
        }
        let order = |x: &DocAddress| match &columns[x.segment_ord as usize] {
            Some(c) => (c.rank(x.doc_id), c.date(x.doc_id), c.path(x.doc_id)),
            None => (0, None, None),
        };
        let latest = shown
            .into_iter()
            .max_by(|a, b| {
                let (oa, ob) = (order(a), order(b));
                version_order(
                    (oa.0, oa.1, oa.2.as_deref().unwrap_or_default()),
                    (ob.0, ob.1, ob.2.as_deref().unwrap_or_default()),
                )
                .then(b.cmp(a))
            })
            .unwrap_or(address);
        found.push(StoryHit {
            hit: (score, latest),
            versions: u32::try_from(versions).unwrap_or(u32::MAX).max(1),
        });
    }
    Ok(found)
}

/// The story key column of every segment.
fn story_keys(searcher: &Searcher) -> Result<Vec<Column<u64>>> {
    Ok(searcher
        .segment_readers()
        .iter()
        .map(|reader| reader.fast_fields().u64(STORY_KEY))
        .collect::<tantivy::Result<_>>()?)
}

/// The documents holding `term`, a story key.
fn key_query(term: Term) -> TermQuery {
    TermQuery::new(term, IndexRecordOption::Basic)
}

/// The first `limit` hits of distinct stories: of several versions of one story only the
/// first hit is kept, the order otherwise as it is. Stories are told apart by their key
/// column, which costs no dictionary lookup.
pub(crate) fn distinct_stories(
    searcher: &Searcher,
    hits: Vec<ScoredHit>,
    limit: usize,
) -> Result<Vec<ScoredHit>> {
    // Only the key column is read: the other story columns are not needed to tell stories
    // apart.
    let keys = story_keys(searcher)?;
    let mut seen: HashSet<u64> = HashSet::new();
    let mut kept = Vec::with_capacity(limit.min(hits.len()));
    for (score, address) in hits {
        if kept.len() >= limit {
            break;
        }
        let key = keys[address.segment_ord as usize].first(address.doc_id);
        if key.is_none_or(|key| seen.insert(key)) {
            kept.push((score, address));
        }
    }
    Ok(kept)
}

/// The documents of the story `story`, in index order.
pub(crate) fn versions_of(
    searcher: &Searcher,
    fields: &Fields,
    story: &str,
) -> Result<Vec<DocAddress>> {
    let mut found: Vec<DocAddress> = searcher
        .search(&*story_query(fields, story), &DocSetCollector)?
        .into_iter()
        .collect();
    found.sort_unstable();
    Ok(found)
}

/// The documents of the story `story`, found by its key.
fn story_query(fields: &Fields, story: &str) -> Box<dyn Query> {
    Box::new(key_query(Term::from_field_u64(
        fields.story_key,
        document::story_key(story),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::document::set_story;
    use crate::index::schema::{build_schema, register_analyzers};
    use tantivy::query::AllQuery;
    use tantivy::{Index, IndexWriter, TantivyDocument};

    /// One segment of `stories.len()` documents, document `n` a version of `stories[n]`.
    fn index_of(stories: &[String]) -> (Index, Fields) {
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        let mut writer: IndexWriter = index.writer(15_000_000).unwrap();
        for (n, story) in stories.iter().enumerate() {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.path, format!("{n}.txt"));
            set_story(&fields, &mut doc, story, stories[..n].contains(story));
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index, fields)
    }

    /// The best `limit` stories when a later document ranks higher, worked out by hand.
    fn expected(stories: &[String], limit: usize) -> Vec<DocId> {
        let mut best: Vec<(DocId, &String)> = Vec::new();
        for (doc, story) in stories.iter().enumerate().rev() {
            if !best.iter().any(|(_, s)| *s == story) {
                best.push((doc as DocId, story));
            }
        }
        best.into_iter().take(limit).map(|(doc, _)| doc).collect()
    }

    #[test]
    fn the_best_document_of_each_of_the_best_stories_whatever_the_order_of_matches() {
        // Matches arrive in increasing rank (as an archive read in date order is numbered
        // and ranked newest first), versions of a few stories among stories of their own.
        let stories: Vec<String> = (0..500)
            .map(|n| match n % 5 {
                0 => format!("story-{}", n % 3),
                _ => format!("own-{n}"),
            })
            .chain((0..40).map(|n| format!("story-{}", n % 3)))
            .collect();
        let (index, _) = index_of(&stories);
        let searcher = index.reader().unwrap().searcher();
        for limit in [1, 3, 10, 200, 1000] {
            let by_doc: Ranker = Box::new(|_| Ok(Box::new(|doc, _| (f64::from(doc), 0))));
            let top = searcher
                .search(&AllQuery, &TopStories::ranked_by(limit, by_doc))
                .unwrap();
            let docs: Vec<DocId> = top.iter().map(|(_, address)| address.doc_id).collect();
            assert_eq!(docs, expected(&stories, limit), "limit {limit}");
        }
    }
}
