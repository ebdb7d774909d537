//! What an indexing run did.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::archive::SkipReason;
use crate::formats::detect::extension;

/// A file, bundle member or item of a file that was not indexed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    /// Its key: the file's path, then `#` and the member or item within the file.
    pub key: String,
    /// Why.
    pub reason: SkipReason,
    /// What exactly, for people (`JSON: expected value at line 1 column 3`, `picture`).
    pub detail: Option<String>,
}

impl Skipped {
    /// The kind of a file that is not a dispatch, by its extension (`.pdf`), for summaries.
    pub fn kind(&self) -> String {
        let name = self.key.rsplit('#').next().unwrap_or(&self.key);
        extension(name).map_or_else(|| "no extension".to_string(), |ext| format!(".{ext}"))
    }
}

/// What an indexing run did, counted in dispatches.
#[derive(Debug, Default, Clone)]
pub struct IndexReport {
    /// Dispatches added from new files.
    pub added: u64,
    /// Dispatches written anew because their file changed.
    pub updated: u64,
    /// Dispatches removed: their file is gone (or can no longer be read), or holds fewer.
    pub removed: u64,
    /// Dispatches of files already indexed as they are.
    pub unchanged: u64,
    /// Files, members and items not indexed, with the reason, sorted by key.
    pub skipped: Vec<Skipped>,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl IndexReport {
    /// Dispatches written by this run.
    pub fn indexed(&self) -> u64 {
        self.added + self.updated
    }

    /// Number of skipped entries per reason.
    pub fn skipped_by_reason(&self) -> BTreeMap<SkipReason, usize> {
        let mut counts = BTreeMap::new();
        for skipped in &self.skipped {
            *counts.entry(skipped.reason).or_insert(0) += 1;
        }
        counts
    }

    /// Number of files that are not dispatches per kind (`.pdf`), most first.
    pub fn not_dispatches_by_kind(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for skipped in self
            .skipped
            .iter()
            .filter(|s| s.reason == SkipReason::NotDispatch)
        {
            *counts.entry(skipped.kind()).or_insert(0) += 1;
        }
        let mut kinds: Vec<(String, usize)> = counts.into_iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        kinds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skipped(key: &str, reason: SkipReason) -> Skipped {
        Skipped {
            key: key.into(),
            reason,
            detail: None,
        }
    }

    #[test]
    fn files_that_are_not_dispatches_are_counted_by_kind() {
        let report = IndexReport {
            skipped: vec![
                skipped("a.pdf", SkipReason::NotDispatch),
                skipped("b/c.PDF", SkipReason::NotDispatch),
                skipped("pack.zip#d.docx", SkipReason::NotDispatch),
                skipped("Makefile", SkipReason::NotDispatch),
                skipped("e.txt", SkipReason::Empty),
            ],
            ..IndexReport::default()
        };
        assert_eq!(
            report.not_dispatches_by_kind(),
            [
                (".pdf".to_string(), 2),
                (".docx".to_string(), 1),
                ("no extension".to_string(), 1)
            ]
        );
    }
}
