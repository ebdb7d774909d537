//! Grouping dispatches into stories as they are written: each new dispatch joins the story
//! of the version it is most like, or starts one (the decision is `stories::group`'s).
//!
//! Every dispatch is written with its text's fingerprint in a fast column. A run keeps the
//! band keys of the dispatches it writes in memory, keyed by band and day, for the last
//! [`GENERATION`] to 2 x [`GENERATION`] dispatches it read (so its memory is bounded whatever
//! the archive's size: an archive kept in folders by date is read in date order, and the
//! versions of a story are filed within days of each other); when a dispatch
//! of the run is filed on a day the index already holds dispatches of, that day's
//! fingerprints are read from the index once and their band keys added to the table
//! (indexing the band keys as terms cost a third of the indexing time). Candidates share a
//! band key and were filed within [`WINDOW_DAYS`]; a format's own id is looked up apart.
//!
//! A run keeps a story (a slot) only while a dispatch can still reach it: through an entry of
//! the run tables, a queued document or a format id. When the tables forget a generation, the
//! slots no longer reachable go too, so that a run's memory stays bounded with the tables'.
//!
//! A story's id is the key of its first version (the least in [`version_order`]), and it
//! never changes once a version carrying it is written: removing versions, even the first,
//! leaves the others with their story, and re-indexing an unchanged archive reads nothing.
//! So that the first version is found whatever order the files are read in, documents wait
//! in a queue of [`STAGED_DOCS`] before they are written: while none of a story's versions
//! has been written, a version earlier than its first gives the story its key, and a
//! dispatch like versions of two such stories makes them one.
//!
//! [`WINDOW_DAYS`]: crate::stories::group::WINDOW_DAYS

use std::collections::{HashMap, HashSet, VecDeque};

use jiff::civil::Date;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Index, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};
use xxhash_rust::xxh3::xxh3_64;

use crate::error::Result;
use crate::index::document::{StoryColumns, set_story, story_key};
use crate::index::schema::Fields;
use crate::stories::fingerprint::BANDS;
use crate::stories::group::Apart;
use crate::stories::group::{WINDOW_DAYS, qualified_id};
use crate::stories::{Profile, Verdict, compare, version_order};

/// Documents waiting to be written, during which the stories they start may still take an
/// earlier version's key or merge.
pub(super) const STAGED_DOCS: usize = 1024;
/// Most versions of one band key on one day looked at (a wire sends one text so many times
/// only by mistake).
const MAX_CHAIN: usize = 64;
/// Day bucket of undated dispatches.
const UNDATED: i32 = i32::MIN;
/// End of a chain of entries.
const NONE: u32 = u32::MAX;
/// Dispatches of a run in one table of [`RunTables`]: the two latest tables are kept, about
/// 100 MB at most.
const GENERATION: usize = 65_536;

/// A document ready to be written, with what grouping needs of its dispatch.
#[derive(Debug)]
pub(crate) struct Pending {
    /// The document, without its story.
    pub doc: TantivyDocument,
    /// The dispatch's key (`path` or `path#item`).
    pub key: String,
    /// The format's own id of the document, when it has one.
    pub id: Option<String>,
    /// Date, version rank and fingerprint.
    pub profile: Profile,
}

/// A dispatch of this run.
struct Entry {
    profile: Profile,
    slot: u32,
}

/// Dispatches of this run, found by band key and day. Entries are numbered through the run;
/// a table holds those from `base` on.
struct Table {
    base: u32,
    entries: Vec<Entry>,
    /// For each day, the last entry of each band key, by a 32-bit hash of it (a collision
    /// only brings a candidate that comparing rules out). A table per day keeps the lookups
    /// of a window's days, which dispatches read in date order share, in the processor's
    /// caches: in one table for every day they were most of what grouping cost.
    heads: FxHashMap<i32, FxHashMap<u32, u32>>,
    /// For each entry and band, the entry before it with the same key and day.
    next: Vec<u32>,
}

impl Table {
    fn starting_at(base: u32) -> Table {
        Table {
            base,
            entries: Vec::new(),
            heads: FxHashMap::default(),
            next: Vec::new(),
        }
    }

    fn get(&self, entry: u32) -> Option<&Entry> {
        entry
            .checked_sub(self.base)
            .and_then(|i| self.entries.get(i as usize))
    }

    fn push(&mut self, profile: Profile, slot: u32) {
        let entry = u32::try_from(self.entries.len())
            .ok()
            .and_then(|i| self.base.checked_add(i))
            .unwrap_or(NONE);
        let day = day_of(profile.date);
        let bands = profile.fingerprint.bands();
        if bands.is_empty() {
            self.next.extend([NONE; BANDS]);
        }
        let heads = self.heads.entry(day).or_default();
        for key in bands {
            let previous = heads.insert(band_bucket(key), entry).unwrap_or(NONE);
            self.next.push(previous);
        }
        self.entries.push(Entry { profile, slot });
    }

    /// Entries sharing a band key of `bands` on `day`, latest first for each band.
    fn chains(&self, bands: &[u64], day: i32, found: &mut Vec<u32>) {
        // One lookup of the day serves all the bands.
        let Some(heads) = self.heads.get(&day) else {
            return;
        };
        for (band, key) in bands.iter().enumerate() {
            let head = heads.get(&band_bucket(*key)).copied().unwrap_or(NONE);
            self.chain(band, head, found);
        }
    }

    /// The entries of the chain of band `band` from `entry` on.
    fn chain(&self, band: usize, mut entry: u32, found: &mut Vec<u32>) {
        let mut seen = 0;
        while entry != NONE && seen < MAX_CHAIN {
            found.push(entry);
            entry = entry
                .checked_sub(self.base)
                .and_then(|i| self.next.get(i as usize * BANDS + band))
                .copied()
                .unwrap_or(NONE);
            seen += 1;
        }
    }
}

/// The dispatches of this run that later ones are compared with: the latest table and the
/// one before it; older dispatches are forgotten.
struct RunTables {
    recent: Table,
    older: Table,
    generation: usize,
}

impl RunTables {
    fn new(generation: usize) -> RunTables {
        RunTables {
            recent: Table::starting_at(0),
            older: Table::starting_at(0),
            generation: generation.max(1),
        }
    }

    fn get(&self, entry: u32) -> Option<&Entry> {
        self.recent.get(entry).or_else(|| self.older.get(entry))
    }

    /// Remembers a dispatch of story `slot`; true when the oldest generation was forgotten
    /// to make room.
    fn push(&mut self, profile: Profile, slot: u32) -> bool {
        let full = self.recent.entries.len() >= self.generation;
        if full {
            let base = u32::try_from(self.recent.entries.len())
                .ok()
                .and_then(|n| self.recent.base.checked_add(n))
                .unwrap_or(NONE);
            self.older = std::mem::replace(&mut self.recent, Table::starting_at(base));
        }
        self.recent.push(profile, slot);
        full
    }

    /// Every remembered dispatch, to renumber its story.
    fn entries_mut(&mut self) -> impl Iterator<Item = &mut Entry> {
        self.recent
            .entries
            .iter_mut()
            .chain(self.older.entries.iter_mut())
    }

    /// Entries sharing a band key with `profile`, filed within the window, in run order.
    fn candidates(&self, profile: &Profile) -> Vec<u32> {
        let mut found = Vec::new();
        let bands = profile.fingerprint.bands();
        for day in window_days(profile.date) {
            self.recent.chains(&bands, day, &mut found);
            self.older.chains(&bands, day, &mut found);
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// A story of this run, or one of the index that a dispatch of this run joined.
struct Slot {
    /// Its id: the key of its first version.
    id: String,
    /// Rank and date of its first version.
    first: (u32, Option<Date>),
    /// The story this one was merged into (itself when it was not).
    parent: u32,
    /// A version carrying its id is written: the id can no longer change.
    frozen: bool,
}

/// The index as it was when the run began, read for versions written by earlier runs.
struct Before {
    searcher: Searcher,
    columns: Vec<StoryColumns>,
    /// The documents of each filing day, in index order: read from the date columns the
    /// first time a day is needed (a range query per day scanned every date of the index).
    by_day: Option<FxHashMap<i32, Vec<DocAddress>>>,
    /// Days whose dispatches are loaded into `entries`.
    loaded: HashSet<i32>,
    /// Dispatches of the loaded days.
    entries: Vec<BeforeEntry>,
    /// Entries of each (band key, day).
    heads: FxHashMap<u32, Vec<u32>>,
    /// Documents that leave the index in this run (their files changed or went): no longer
    /// versions.
    removed: FxHashSet<DocAddress>,
}

/// A dispatch written by an earlier run, as grouping compares it: its story is told by its
/// key, and its id read only when a new dispatch joins it.
#[derive(Debug, Clone)]
struct BeforeEntry {
    address: DocAddress,
    story: u64,
    profile: Profile,
}

impl Before {
    /// Reads the dispatches of earlier runs filed on `day` (undated ones for [`UNDATED`])
    /// that stay in the index, once per run.
    fn load_day(&mut self, day: i32) {
        if !self.loaded.insert(day) {
            return;
        }
        let by_day = self
            .by_day
            .get_or_insert_with(|| docs_by_day(&self.searcher, &self.columns));
        let Some(addresses) = by_day.get(&day) else {
            return;
        };
        for &address in addresses {
            if self.removed.contains(&address) {
                continue;
            }
            let columns = &self.columns[address.segment_ord as usize];
            let (Some(story), Some(profile)) = (
                columns.story_key(address.doc_id),
                columns.profile(address.doc_id),
            ) else {
                continue;
            };
            let entry = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
            for key in profile.fingerprint.bands() {
                self.heads.entry(bucket(key, day)).or_default().push(entry);
            }
            self.entries.push(BeforeEntry {
                address,
                story,
                profile,
            });
        }
    }
}

/// The live documents of `searcher` by filing day, each day's in index order.
fn docs_by_day(searcher: &Searcher, columns: &[StoryColumns]) -> FxHashMap<i32, Vec<DocAddress>> {
    let mut by_day: FxHashMap<i32, Vec<DocAddress>> = FxHashMap::default();
    for (ord, (segment, columns)) in searcher.segment_readers().iter().zip(columns).enumerate() {
        let ord = u32::try_from(ord).unwrap_or(u32::MAX);
        for doc in segment.doc_ids_alive() {
            by_day
                .entry(day_of(columns.date(doc)))
                .or_default()
                .push(DocAddress::new(ord, doc));
        }
    }
    by_day
}

/// A document waiting to be written.
struct Staged {
    doc: TantivyDocument,
    /// Its story.
    slot: u32,
    /// The story held another version when the document joined it.
    joined: bool,
}

/// The stories of one indexing run.
pub(super) struct Stories<'a> {
    fields: &'a Fields,
    before: Option<Before>,
    /// Dispatches of this run, for the ones after them.
    run: RunTables,
    /// Story of each qualified format id of this run.
    by_doc_id: HashMap<String, u32>,
    /// The stories a dispatch can still reach (see the module's documentation).
    slots: Vec<Slot>,
    /// Slot of each story of `slots`, by a hash of its id.
    by_story: FxHashMap<u64, u32>,
    /// Hashes of every story id given in this run, kept when its slot goes: a later
    /// dispatch must not take an id whose versions are written but not yet committed.
    taken: FxHashSet<u64>,
    staged: VecDeque<Staged>,
}

impl<'a> Stories<'a> {
    /// The stories of a run writing into `index`; `from_scratch` when it holds nothing
    /// from earlier runs that will stay.
    pub(super) fn new(index: &Index, fields: &'a Fields, from_scratch: bool) -> Result<Self> {
        let before = if from_scratch {
            None
        } else {
            let reader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?;
            let searcher: Searcher = reader.searcher();
            if searcher.num_docs() == 0 {
                None
            } else {
                let columns = searcher
                    .segment_readers()
                    .iter()
                    .map(StoryColumns::of)
                    .collect::<tantivy::Result<Vec<_>>>()?;
                Some(Before {
                    searcher,
                    columns,
                    by_day: None,
                    loaded: HashSet::new(),
                    entries: Vec::new(),
                    heads: FxHashMap::default(),
                    removed: FxHashSet::default(),
                })
            }
        };
        Ok(Stories {
            fields,
            before,
            run: RunTables::new(GENERATION),
            by_doc_id: HashMap::new(),
            slots: Vec::new(),
            by_story: FxHashMap::default(),
            taken: FxHashSet::default(),
            staged: VecDeque::new(),
        })
    }

    /// The documents of the file at `path` that the index held leave it in this run.
    pub(super) fn removed(&mut self, path: &str) -> Result<()> {
        let Some(before) = &mut self.before else {
            return Ok(());
        };
        let query = TermQuery::new(
            Term::from_field_text(self.fields.path, path),
            IndexRecordOption::Basic,
        );
        before
            .removed
            .extend(before.searcher.search(&query, &DocSetCollector)?);
        Ok(())
    }

    /// Groups `pending` into its story and queues it for `writer`, writing the oldest queued
    /// document when the queue is full.
    pub(super) fn add(&mut self, pending: Pending, writer: &mut IndexWriter) -> Result<()> {
        let Pending {
            doc,
            key,
            id,
            profile,
        } = pending;
        let id = id.filter(|id| qualified_id(id));
        let (slot, joined) = match self.story_of(&key, id.as_deref(), &profile)? {
            Some(slot) => (slot, true),
            None => {
                let story = self.unused_id(&key)?;
                (
                    self.new_slot(story, (profile.rank, profile.date), false),
                    false,
                )
            }
        };
        if let Some(id) = id {
            self.by_doc_id.entry(id).or_insert(slot);
        }
        // Queued before it is remembered: remembering may renumber the slots.
        self.staged.push_back(Staged { doc, slot, joined });
        self.remember(profile, slot);
        if self.staged.len() > STAGED_DOCS {
            self.write_one(writer)?;
        }
        Ok(())
    }

    /// Writes every queued document (before a commit).
    pub(super) fn flush(&mut self, writer: &mut IndexWriter) -> Result<()> {
        while !self.staged.is_empty() {
            self.write_one(writer)?;
        }
        Ok(())
    }

    fn write_one(&mut self, writer: &mut IndexWriter) -> Result<()> {
        let Some(Staged {
            mut doc,
            slot,
            joined,
        }) = self.staged.pop_front()
        else {
            return Ok(());
        };
        let root = self.find(slot);
        self.slots[root as usize].frozen = true;
        set_story(self.fields, &mut doc, &self.slots[root as usize].id, joined);
        writer.add_document(doc)?;
        Ok(())
    }

    /// The story `key` joins, when it is a version of one; stories it also matches that
    /// are not written yet are merged into it, and it gives the story its key when it is
    /// earlier than the story's first version.
    fn story_of(&mut self, key: &str, id: Option<&str>, profile: &Profile) -> Result<Option<u32>> {
        if let Some(id) = id {
            if let Some(&slot) = self.by_doc_id.get(id) {
                let root = self.find(slot);
                self.maybe_rename(root, key, profile)?;
                return Ok(Some(root));
            }
            if let Some(story) = self.before_story_with_id(id)? {
                return Ok(Some(self.slot_of_story(story)));
            }
        }
        // The best match in this run, and every story of this run matched (with the entry
        // that matched it). A dispatch without a mark of change does not join a story one of
        // whose versions has other figures: it matched a correction of a look-alike.
        let unmarked = !profile.marked_change();
        let mut contradicted: Vec<u32> = Vec::new();
        let mut same: Vec<(u32, f32, u32)> = Vec::new();
        for entry in self.run.candidates(profile) {
            let Some(Entry {
                slot,
                profile: candidate,
            }) = self.run.get(entry)
            else {
                continue;
            };
            let verdict = compare(profile, candidate);
            let root = self.find(*slot);
            match verdict {
                Verdict::Same(score) => same.push((root, score, entry)),
                Verdict::Apart(Apart::Figures) if unmarked => contradicted.push(root),
                Verdict::Apart(_) => {}
            }
        }
        let mut best: Option<(u32, f32, u32)> = None;
        let mut matched: Vec<(u32, u32)> = Vec::new();
        for (root, score, entry) in same {
            if contradicted.contains(&root) {
                continue;
            }
            matched.push((root, entry));
            if best.is_none_or(|(_, s, _)| score > s) {
                best = Some((root, score, entry));
            }
        }
        // Versions written by earlier runs.
        let mut before_contradicted: Vec<u64> = Vec::new();
        let mut before_same: Vec<(BeforeEntry, f32)> = Vec::new();
        for candidate in self.before_candidates(profile) {
            match compare(profile, &candidate.profile) {
                Verdict::Same(score) => before_same.push((candidate, score)),
                Verdict::Apart(Apart::Figures) if unmarked => {
                    before_contradicted.push(candidate.story)
                }
                Verdict::Apart(_) => {}
            }
        }
        let mut before_best: Option<(BeforeEntry, f32)> = None;
        for (candidate, score) in before_same {
            if !before_contradicted.contains(&candidate.story)
                && before_best.as_ref().is_none_or(|(_, s)| score > *s)
            {
                before_best = Some((candidate, score));
            }
        }
        // Only the story joined needs its id's text.
        let before_best = before_best.and_then(|(candidate, score)| {
            let story = self.before_story_at(candidate.address)?;
            Some((story, score, candidate.profile))
        });
        let (target, closest) = match (best, before_best) {
            (Some((root, score, entry)), Some((_, before, _))) if score >= before => {
                (root, self.profile_of(entry))
            }
            (_, Some((story, _, candidate))) => (self.slot_of_story(story), Some(candidate)),
            (Some((root, _, entry)), None) => (root, self.profile_of(entry)),
            (None, None) => return Ok(None),
        };
        // Another story it matches is the same story only when the versions it matched are
        // one story too: a correction or an update may match a look-alike of another day's
        // template as well as the story it belongs to.
        matched.sort_unstable();
        matched.dedup_by_key(|(root, _)| *root);
        for (other, entry) in matched {
            let linked = self
                .run
                .get(entry)
                .zip(closest.as_ref())
                .is_some_and(|(e, closest)| {
                    matches!(compare(&e.profile, closest), Verdict::Same(_))
                });
            if linked {
                self.merge(other, target);
            }
        }
        let root = self.find(target);
        self.maybe_rename(root, key, profile)?;
        Ok(Some(root))
    }

    /// The profile of a dispatch of this run (entries found by [`RunTables::candidates`] are
    /// in the tables until the next is remembered).
    fn profile_of(&self, entry: u32) -> Option<Profile> {
        self.run.get(entry).map(|e| e.profile.clone())
    }

    /// Versions of earlier runs sharing a band key with `profile` within the window, in
    /// index order. The index keeps no band keys (a term per band and dispatch cost a third
    /// of the indexing time): the days of the window are read from the fast columns the first
    /// time a dispatch of this run needs them, and their band keys kept in memory for the
    /// rest of the run.
    fn before_candidates(&mut self, profile: &Profile) -> Vec<BeforeEntry> {
        let Some(before) = &mut self.before else {
            return Vec::new();
        };
        let bands = profile.fingerprint.bands();
        if bands.is_empty() {
            return Vec::new();
        }
        let days = window_days(profile.date);
        for &day in &days {
            before.load_day(day);
        }
        let mut found: Vec<u32> = Vec::new();
        for key in bands {
            for &day in &days {
                if let Some(entries) = before.heads.get(&bucket(key, day)) {
                    found.extend(entries.iter().take(MAX_CHAIN));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|i| before.entries[i as usize].clone())
            .collect()
    }

    /// The story id of a document of earlier runs.
    fn before_story_at(&self, address: DocAddress) -> Option<String> {
        let before = self.before.as_ref()?;
        before
            .columns
            .get(address.segment_ord as usize)?
            .story(address.doc_id)
    }

    /// The story of a document of earlier runs with the format id `id`, if any stays.
    fn before_story_with_id(&self, id: &str) -> Result<Option<String>> {
        let Some(before) = &self.before else {
            return Ok(None);
        };
        let query = TermQuery::new(
            Term::from_field_text(self.fields.doc_id, id),
            IndexRecordOption::Basic,
        );
        for address in sorted(before.searcher.search(&query, &DocSetCollector)?) {
            if !before.removed.contains(&address) {
                return Ok(self.before_story_at(address));
            }
        }
        Ok(None)
    }

    /// Whether documents that stay in the index carry the story id `story`.
    fn before_has_story(&self, story: &str) -> Result<bool> {
        let Some(before) = &self.before else {
            return Ok(false);
        };
        let query = TermQuery::new(
            Term::from_field_u64(self.fields.story_key, story_key(story)),
            IndexRecordOption::Basic,
        );
        let found = before.searcher.search(&query, &DocSetCollector)?;
        Ok(found
            .into_iter()
            .any(|address| !before.removed.contains(&address)))
    }

    /// `key` as a new story's id, or `key~2`, `key~3`, ... when a story already has that id
    /// (a file changed so much that it is no longer a version of the story its earlier text
    /// started, or a new file where one whose story lives on was).
    fn unused_id(&self, key: &str) -> Result<String> {
        let mut id = key.to_string();
        let mut n = 2;
        while self.taken.contains(&xxh3_64(id.as_bytes())) || self.before_has_story(&id)? {
            id = format!("{key}~{n}");
            n += 1;
        }
        Ok(id)
    }

    /// The slot of a story of earlier runs, made when first joined.
    fn slot_of_story(&mut self, story: String) -> u32 {
        let hash = xxh3_64(story.as_bytes());
        if let Some(&slot) = self.by_story.get(&hash)
            && self.slots[slot as usize].id == story
        {
            return self.find(slot);
        }
        // Its versions are written already: its id stays.
        self.new_slot(story, (0, None), true)
    }

    fn new_slot(&mut self, id: String, first: (u32, Option<Date>), frozen: bool) -> u32 {
        let slot = u32::try_from(self.slots.len()).unwrap_or(u32::MAX);
        let hash = xxh3_64(id.as_bytes());
        self.by_story.insert(hash, slot);
        self.taken.insert(hash);
        self.slots.push(Slot {
            id,
            first,
            parent: slot,
            frozen,
        });
        slot
    }

    fn find(&mut self, slot: u32) -> u32 {
        root_of(&mut self.slots, slot)
    }

    /// Makes the story of `other` part of the story of `target`, when none of `other`'s
    /// versions is written yet; the merged story keeps the earlier first version's id unless
    /// `target`'s id is written already.
    fn merge(&mut self, other: u32, target: u32) {
        let (other, target) = (self.find(other), self.find(target));
        if other == target || self.slots[other as usize].frozen {
            return;
        }
        self.slots[other as usize].parent = target;
        let earlier = {
            let (o, t) = (&self.slots[other as usize], &self.slots[target as usize]);
            version_order((o.first.0, o.first.1, &o.id), (t.first.0, t.first.1, &t.id)).is_lt()
        };
        if earlier && !self.slots[target as usize].frozen {
            let (id, first) = {
                let o = &self.slots[other as usize];
                (o.id.clone(), o.first)
            };
            let t = &mut self.slots[target as usize];
            t.id = id;
            t.first = first;
        }
    }

    /// Gives the story `root` the key `key` when the dispatch is earlier than its first
    /// version and no version of the story is written yet.
    fn maybe_rename(&mut self, root: u32, key: &str, profile: &Profile) -> Result<()> {
        let slot = &self.slots[root as usize];
        let earlier = version_order(
            (profile.rank, profile.date, key),
            (slot.first.0, slot.first.1, &slot.id),
        )
        .is_lt();
        if slot.frozen || !earlier {
            return Ok(());
        }
        let id = self.unused_id(key)?;
        let hash = xxh3_64(id.as_bytes());
        self.by_story.insert(hash, root);
        self.taken.insert(hash);
        let slot = &mut self.slots[root as usize];
        slot.id = id;
        slot.first = (profile.rank, profile.date);
        Ok(())
    }

    /// Keeps a dispatch of this run for the ones after it.
    fn remember(&mut self, profile: Profile, slot: u32) {
        if self.run.push(profile, slot) {
            self.forget_unreachable_stories();
        }
    }

    /// Keeps only the slots of stories a later dispatch can reach: those of the run tables'
    /// entries, of queued documents and of format ids. Each reference is renumbered to its
    /// story's root slot, which is all a merged story needs. A story forgotten here has every
    /// version written (so its id is frozen); should a version of the index before the run
    /// lead to it again, `slot_of_story` gives it a new slot with the same id.
    fn forget_unreachable_stories(&mut self) {
        let Stories {
            run,
            by_doc_id,
            slots,
            by_story,
            staged,
            ..
        } = self;
        let mut kept: Vec<Slot> = Vec::new();
        let mut renumbered: FxHashMap<u32, u32> = FxHashMap::default();
        let mut keep = |slot: &mut u32| {
            let root = root_of(slots, *slot);
            *slot = *renumbered.entry(root).or_insert_with(|| {
                let new = u32::try_from(kept.len()).unwrap_or(u32::MAX);
                let old = &mut slots[root as usize];
                kept.push(Slot {
                    id: std::mem::take(&mut old.id),
                    first: old.first,
                    parent: new,
                    frozen: old.frozen,
                });
                new
            });
        };
        run.entries_mut().for_each(|entry| keep(&mut entry.slot));
        staged.iter_mut().for_each(|staged| keep(&mut staged.slot));
        by_doc_id.values_mut().for_each(keep);
        *by_story = kept
            .iter()
            .enumerate()
            .map(|(slot, s)| (xxh3_64(s.id.as_bytes()), slot as u32))
            .collect();
        *slots = kept;
    }
}

/// The slot at the root of `slot`'s story (union-find with path compression).
fn root_of(slots: &mut [Slot], slot: u32) -> u32 {
    let mut root = slot;
    while slots[root as usize].parent != root {
        root = slots[root as usize].parent;
    }
    let mut at = slot;
    while at != root {
        let up = slots[at as usize].parent;
        slots[at as usize].parent = root;
        at = up;
    }
    root
}

/// The days a version of a dispatch filed on `date` may be filed on: the window around it,
/// or the undated bucket.
fn window_days(date: Option<Date>) -> Vec<i32> {
    match day_of(date) {
        UNDATED => vec![UNDATED],
        day => (day - WINDOW_DAYS..=day + WINDOW_DAYS).collect(),
    }
}

/// Days since the epoch of a filing date; [`UNDATED`] for none.
fn day_of(date: Option<Date>) -> i32 {
    date.and_then(|d| {
        d.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| (z.timestamp().as_second().div_euclid(86_400)) as i32)
    })
    .unwrap_or(UNDATED)
}

/// The 32-bit key of a band key.
fn band_bucket(band: u64) -> u32 {
    (band ^ (band >> 32)) as u32
}

/// The key of a band key on one day.
fn bucket(band: u64, day: i32) -> u32 {
    band_bucket(band ^ (u64::from(day as u32)).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Addresses in index order, so that a run decides the same way every time.
fn sorted(addresses: HashSet<DocAddress>) -> Vec<DocAddress> {
    let mut addresses: Vec<DocAddress> = addresses.into_iter().collect();
    addresses.sort_unstable();
    addresses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dispatch::{Dispatch, Key, Meta};
    use crate::index::document::{FileStamp, build};
    use crate::stories::Fingerprint;

    const TEXT: &str = "Cocoa prices rose sharply in London on Tuesday after heavy rains in the \
        Ivory Coast threatened the main crop, dealers said, and buyers hurried to cover.";

    fn profile(text: &str, day: i8) -> Profile {
        Profile {
            date: Date::new(1987, 3, day).ok(),
            fingerprint: Fingerprint::of(text),
            ..Profile::default()
        }
    }

    #[test]
    fn a_dispatch_is_found_by_one_within_the_window_and_not_by_one_outside_it() {
        let mut run = RunTables::new(GENERATION);
        run.push(profile(TEXT, 3), 7);
        assert_eq!(run.candidates(&profile(TEXT, 5)), vec![0]);
        assert!(run.candidates(&profile(TEXT, 20)).is_empty());
        let other = "Tokyo stocks closed higher on Monday as exporters gained on a weaker yen, \
            brokers said, in thin trade before a holiday.";
        assert!(run.candidates(&profile(other, 3)).is_empty());
        assert_eq!(run.get(0).map(|e| e.slot), Some(7));
    }

    /// A text of 40 words of its own, which no other `distinct_text` is like.
    fn distinct_text(n: u64) -> String {
        (0..40u64)
            .map(|i| {
                format!(
                    "w{}",
                    xxh3_64(&[n.to_le_bytes(), i.to_le_bytes()].concat()) % 1_000_000
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_run_forgets_the_stories_no_dispatch_can_reach_and_keeps_grouping_and_ids() {
        let (index, fields) = crate::index::testing::index_of(&[]);
        let mut writer: IndexWriter = index.writer(15_000_000).unwrap();
        let mut stories = Stories::new(&index, &fields, true).unwrap();
        stories.run = RunTables::new(4);
        let generations = 4 * 2;
        let mut most_slots = 0;
        // A document as the indexer builds it, for the next run to read.
        let pending = |key: String, text: &str, day: i8| {
            let dispatch = Dispatch {
                meta: Meta {
                    date: Date::new(1987, 3, day).ok(),
                    ..Meta::default()
                },
                body: text.to_string(),
                ..Dispatch::default()
            };
            let profile = crate::stories::profile_of(&dispatch);
            let stamp = FileStamp {
                size: 1,
                mtime_ns: 1,
                hash: 1,
            };
            let doc = build(&fields, &Key::file(key.clone()), stamp, &dispatch, &profile);
            Pending {
                doc,
                key,
                id: None,
                profile,
            }
        };
        for n in 0..1_500u64 {
            let text = distinct_text(n);
            stories
                .add(pending(format!("{n}.txt"), &text, 3), &mut writer)
                .unwrap();
            if n % 10 == 0 {
                let update = format!("{text} w1 w2 w3");
                stories
                    .add(pending(format!("{n}-update.txt"), &update, 4), &mut writer)
                    .unwrap();
            }
            most_slots = most_slots.max(stories.slots.len());
        }
        // Reachable: the entries of two generations and the queued documents.
        assert!(
            most_slots <= generations + STAGED_DOCS + 2,
            "{most_slots} slots"
        );
        stories.flush(&mut writer).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let mut story_of: HashMap<String, String> = HashMap::new();
        for segment in searcher.segment_readers() {
            let columns = StoryColumns::of(segment).unwrap();
            for doc in 0..segment.max_doc() {
                if let (Some(path), Some(story)) = (columns.path(doc), columns.story(doc)) {
                    story_of.insert(path, story);
                }
            }
        }
        assert_eq!(story_of.len(), 1_650);
        for n in 0..1_500u64 {
            let first = format!("{n}.txt");
            assert_eq!(story_of[&first], first);
            if n % 10 == 0 {
                assert_eq!(story_of[&format!("{n}-update.txt")], first);
            }
        }

        // A later run: a story of the index joined, forgotten, then joined again keeps its id.
        let mut stories = Stories::new(&index, &fields, false).unwrap();
        stories.run = RunTables::new(4);
        let story = distinct_text(0);
        stories
            .add(
                pending("late-1.txt".into(), &format!("{story} w4"), 4),
                &mut writer,
            )
            .unwrap();
        for n in 10_000..11_200u64 {
            stories
                .add(
                    pending(format!("{n}.txt"), &distinct_text(n), 9),
                    &mut writer,
                )
                .unwrap();
        }
        assert!(stories.slots.len() <= generations + STAGED_DOCS + 2);
        stories
            .add(
                pending("late-2.txt".into(), &format!("{story} w5"), 5),
                &mut writer,
            )
            .unwrap();
        stories.flush(&mut writer).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let mut late = Vec::new();
        for segment in searcher.segment_readers() {
            let columns = StoryColumns::of(segment).unwrap();
            for doc in 0..segment.max_doc() {
                if let Some(path) = columns.path(doc).filter(|p| p.starts_with("late-")) {
                    late.push((path, columns.story(doc)));
                }
            }
        }
        late.sort();
        let joined = Some("0.txt".to_string());
        assert_eq!(
            late,
            vec![
                ("late-1.txt".into(), joined.clone()),
                ("late-2.txt".into(), joined)
            ]
        );
    }

    #[test]
    fn the_run_remembers_the_last_two_generations_and_forgets_older_dispatches() {
        let mut run = RunTables::new(2);
        for slot in 0..5 {
            run.push(profile(TEXT, 3), slot);
        }
        // Entries 0-1 and 2-3 filled a table each; 4 started a third: 0-1 are forgotten.
        assert_eq!(run.candidates(&profile(TEXT, 3)), vec![2, 3, 4]);
        assert!(run.get(1).is_none());
        assert_eq!(run.get(2).map(|e| e.slot), Some(2));
        assert_eq!(run.get(4).map(|e| e.slot), Some(4));
    }
}
