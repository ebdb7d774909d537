//! The versions of one story, in filing order, with what each changed from the one before:
//! what `dateline story` prints.

use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff, capture_diff_slices};
use tantivy::TantivyDocument;

use super::collapse::versions_of;
use super::show::{self, FullDispatch};
use super::snapshot;
use crate::dispatch::Key;
use crate::error::Result;
use crate::index::OpenIndex;
use crate::index::document::{self, stored_text};
use crate::stories::rank_of;

/// One story and its versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The story's id: the key of its first version.
    pub id: String,
    /// Its versions, first filed first.
    pub versions: Vec<Version>,
}

/// One version of a story and what it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// The dispatch.
    pub dispatch: FullDispatch,
    /// What changed from the version before; none for the first.
    pub changes: Option<Changes>,
}

/// What a version changed from the one before, by paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Changes {
    /// Paragraphs it has that the one before had not.
    pub added: Vec<String>,
    /// Paragraphs of the one before it has not.
    pub removed: Vec<String>,
    /// Paragraphs it has changed.
    pub changed: Vec<Changed>,
}

impl Changes {
    /// Whether the text is the same (a version may change its headline only).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A paragraph changed in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// Its place in the new version, from 1.
    pub paragraph: usize,
    /// The words it had where it differs (runs separated by " … "), or the whole paragraph
    /// when it was rewritten.
    pub was: String,
    /// The words it has there.
    pub now: String,
}

/// The story of the dispatch at `key` (a key as `search` shows it, or a story's id), if the
/// index holds one.
pub fn story(index: &OpenIndex, key: &Key) -> Result<Option<Story>> {
    let id = match show::lookup(index, key)? {
        Some(found) => found.record.story.unwrap_or_else(|| key.to_string()),
        None => key.to_string(),
    };
    let searcher = snapshot(index)?;
    let fields = &index.fields;
    let mut dispatches = Vec::new();
    for address in versions_of(&searcher, fields, &id)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        dispatches.push(FullDispatch {
            record: document::read(fields, &doc),
            body: stored_text(&doc, fields.body).unwrap_or_default(),
        });
    }
    if dispatches.is_empty() {
        return Ok(None);
    }
    dispatches.sort_by_cached_key(|d| {
        let meta = &d.record.meta;
        (
            meta.date,
            rank_of(meta.mark.as_deref(), meta.version),
            d.record.key.to_string(),
        )
    });
    let mut versions: Vec<Version> = Vec::with_capacity(dispatches.len());
    for dispatch in dispatches {
        let changes = versions
            .last()
            .map(|before| changes(&before.dispatch.body, &dispatch.body));
        versions.push(Version { dispatch, changes });
    }
    Ok(Some(Story { id, versions }))
}

/// The paragraphs of a body: a paragraph starts after a blank line or at an indented line
/// (as wire copy marks them); its lines are joined with single spaces.
pub fn paragraphs(body: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let starts = line.is_empty() || line.starts_with([' ', '\t']);
        if (starts || line.trim().is_empty()) && !current.is_empty() {
            found.push(std::mem::take(&mut current));
        }
        for word in line.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        found.push(current);
    }
    found
}

/// What `after` changed from `before`, paragraph by paragraph.
pub fn changes(before: &str, after: &str) -> Changes {
    let (old, new) = (paragraphs(before), paragraphs(after));
    let mut result = Changes::default();
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => result
                .removed
                .extend_from_slice(&old[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => result
                .added
                .extend_from_slice(&new[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                // Paragraphs replaced one for one are changed; the rest added or removed.
                let paired = old_len.min(new_len);
                for i in 0..paired {
                    result.changed.push(changed_words(
                        &old[old_index + i],
                        &new[new_index + i],
                        new_index + i + 1,
                    ));
                }
                result
                    .removed
                    .extend_from_slice(&old[old_index + paired..old_index + old_len]);
                result
                    .added
                    .extend_from_slice(&new[new_index + paired..new_index + new_len]);
            }
        }
    }
    result
}

/// Runs of differing words past which a paragraph is shown whole: it was rewritten.
const MAX_RUNS: usize = 3;

/// The words of `before` and `after` where they differ, or both whole when they differ in
/// more than [`MAX_RUNS`] places.
fn changed_words(before: &str, after: &str, paragraph: usize) -> Changed {
    let diff = TextDiff::from_words(before, after);
    let mut runs: Vec<(String, String)> = Vec::new();
    let mut run = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            ChangeTag::Equal if !value.trim().is_empty() => {
                if !run.0.trim().is_empty() || !run.1.trim().is_empty() {
                    runs.push((run.0.trim().to_string(), run.1.trim().to_string()));
                }
                run = (String::new(), String::new());
            }
            ChangeTag::Equal => {
                run.0.push_str(value);
                run.1.push_str(value);
            }
            ChangeTag::Delete => run.0.push_str(value),
            ChangeTag::Insert => run.1.push_str(value),
        }
    }
    if !run.0.trim().is_empty() || !run.1.trim().is_empty() {
        runs.push((run.0.trim().to_string(), run.1.trim().to_string()));
    }
    if runs.len() > MAX_RUNS {
        return Changed {
            paragraph,
            was: before.to_string(),
            now: after.to_string(),
        };
    }
    let (was, now): (Vec<String>, Vec<String>) = runs.into_iter().unzip();
    Changed {
        paragraph,
        was: was.join(" … "),
        now: now.join(" … "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_told_by_blank_lines_and_indents() {
        assert_eq!(
            paragraphs("First line\nwraps here.\n    Second one.\n\nThird\n"),
            ["First line wraps here.", "Second one.", "Third"]
        );
        assert!(paragraphs("").is_empty());
    }

    #[test]
    fn an_update_adds_a_lede_and_a_correction_changes_a_figure() {
        let first = "Cocoa rose 45 sterling.\n\nArrivals were 20 pct lower.\n\nRain is due.";
        let update = "Cocoa hit a one-month high.\n\nCocoa rose 45 sterling.\n\n\
                      Arrivals were 20 pct lower.\n\nRain is due.\n\nDealers expect more.";
        let found = changes(first, update);
        assert_eq!(
            found.added,
            ["Cocoa hit a one-month high.", "Dealers expect more."]
        );
        assert!(found.removed.is_empty() && found.changed.is_empty());

        let corrected = first.replace("20 pct", "25 pct");
        let found = changes(first, &corrected);
        assert_eq!(
            found.changed,
            [Changed {
                paragraph: 2,
                was: "20".into(),
                now: "25".into()
            }]
        );
        assert!(found.added.is_empty() && found.removed.is_empty());
        // A paragraph rewritten is shown whole.
        let rewritten = first.replace(
            "Cocoa rose 45 sterling.",
            "Prices of the beans went up by a lot.",
        );
        let found = changes(first, &rewritten);
        assert_eq!(
            found.changed[0].now,
            "Prices of the beans went up by a lot."
        );
        assert_eq!(found.changed[0].was, "Cocoa rose 45 sterling.");

        let trimmed = "Cocoa rose 45 sterling.\n\nArrivals were 20 pct lower.";
        assert_eq!(changes(first, trimmed).removed, ["Rain is due."]);
        assert!(changes(first, first).is_empty());
    }
}
