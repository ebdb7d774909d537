//! What an indexing run did.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::archive::SkipReason;

/// What an indexing run did, counted per file (a file holds one dispatch today).
#[derive(Debug, Default, Clone)]
pub struct IndexReport {
    /// Dispatches added for new files.
    pub added: u64,
    /// Dispatches replaced because their file changed.
    pub updated: u64,
    /// Dispatches removed because their file is gone (or can no longer be read).
    pub removed: u64,
    /// Files already indexed as they are.
    pub unchanged: u64,
    /// Files not indexed, with the reason.
    pub skipped: Vec<(String, SkipReason)>,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl IndexReport {
    /// Dispatches written by this run.
    pub fn indexed(&self) -> u64 {
        self.added + self.updated
    }

    /// Number of skipped files per reason.
    pub fn skipped_by_reason(&self) -> BTreeMap<SkipReason, usize> {
        let mut counts = BTreeMap::new();
        for (_, reason) in &self.skipped {
            *counts.entry(*reason).or_insert(0) += 1;
        }
        counts
    }
}
