//! Stories: the versions of one wire story (a first take, updates, refiles, corrections,
//! writethrus, syndicated copies) recognised as one. Pure text and numbers, no tantivy:
//! `marks` reads version marks, `fingerprint` reduces a text to a MinHash signature and its
//! band keys, `group` decides whether two dispatches are one story. The index writer applies
//! the decision while indexing (`index/writer/stories.rs`).

pub mod fingerprint;
pub mod group;
pub mod marks;

use std::cmp::Ordering;

use jiff::civil::Date;

use crate::dispatch::Dispatch;
pub use fingerprint::Fingerprint;
pub use group::{Profile, Verdict, best_match, compare};
pub use marks::Marks;

/// What grouping needs of a dispatch: its date, its version rank and its text's fingerprint.
pub fn profile_of(dispatch: &Dispatch) -> Profile {
    Profile {
        date: dispatch.meta.date,
        rank: rank_of(dispatch.meta.mark.as_deref(), dispatch.meta.version),
        fingerprint: Fingerprint::of(&dispatch.body),
    }
}

/// The version rank of a dispatch with the marks `label` and the format's version `version`.
pub fn rank_of(label: Option<&str>, version: Option<u32>) -> u32 {
    label
        .map(Marks::from_label)
        .unwrap_or_default()
        .rank(version)
}

/// The order of the versions of one story, earliest first: by rank (a first version before
/// its updates), then filing date, then key. The story's first version is its least, its
/// latest its greatest.
pub fn version_order(a: (u32, Option<Date>, &str), b: (u32, Option<Date>, &str)) -> Ordering {
    a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2))
}
