//! The segment-count experiment of BENCHMARKS.md: merges a copy of a dateline index into
//! fewer segments, so that searches on the same documents can be timed at both counts.
//! It changes the index it is given: run it on a copy.
//!
//! Usage: merge_segments INDEX_DIR SEGMENTS
//! Merges the smallest segments together until SEGMENTS are left (1 merges them all).

use tantivy::{Index, IndexWriter, TantivyDocument};

use dateline::index::schema;

/// Writer memory for the merge: merging streams segments, it needs little.
const MERGE_MEMORY: usize = 64 * 1024 * 1024;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: merge_segments INDEX_DIR SEGMENTS";
    let dir = args.next().ok_or(usage)?;
    let target: usize = args.next().ok_or(usage)?.parse()?;
    if target == 0 {
        return Err(usage.into());
    }
    let index = Index::open_in_dir(&dir)?;
    schema::register_analyzers(&index);
    let mut metas = index.searchable_segment_metas()?;
    eprintln!("{} segments", metas.len());
    if metas.len() > target {
        // The smallest first: what a log merge policy would have merged.
        metas.sort_by_key(|meta| meta.num_docs());
        let merged: Vec<_> = metas[..metas.len() - target + 1]
            .iter()
            .map(|meta| meta.id())
            .collect();
        let mut writer: IndexWriter<TantivyDocument> = index.writer(MERGE_MEMORY)?;
        writer.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        writer.merge(&merged).wait()?;
        writer.wait_merging_threads()?;
    }
    // The merged segments' files go now: tantivy's garbage collection keeps them until a
    // later commit, and the timings should read an index as a fresh one would be.
    let kept: Vec<String> = Index::open_in_dir(&dir)?
        .searchable_segment_ids()?
        .iter()
        .map(|id| id.uuid_string())
        .collect();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let is_segment_file = stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit());
        if is_segment_file && !kept.iter().any(|id| id == stem) {
            std::fs::remove_file(&path)?;
        }
    }
    eprintln!("{} segments", kept.len());
    Ok(())
}
