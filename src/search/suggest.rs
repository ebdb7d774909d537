//! Place names to propose when a `--place` matches no dispatch at all.

use tantivy::Searcher;

use crate::error::{Error, Result};
use crate::gazetteer;
use crate::index::Fields;

/// Most names proposed.
const MAX_SUGGESTIONS: usize = 5;

/// Places in the index whose names are within a few edits of `place` (a third of its length,
/// at least one), closest first, then most dispatches first, with their dispatch counts.
pub(crate) fn similar_places(
    searcher: &Searcher,
    fields: &Fields,
    place: &str,
) -> Result<Vec<(String, u64)>> {
    let wanted = gazetteer::normalize(place);
    let reach = (wanted.chars().count() / 3).max(1);
    let mut candidates: Vec<(usize, String, u64)> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.place)?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(|e| Error::Tantivy(e.into()))?;
        while terms.advance() {
            let Ok(name) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            let distance = strsim::levenshtein(&wanted, name);
            if distance <= reach {
                let count = u64::from(terms.value().doc_freq);
                match candidates.iter_mut().find(|(_, n, _)| n == name) {
                    Some(existing) => existing.2 += count,
                    None => candidates.push((distance, name.to_string(), count)),
                }
            }
        }
    }
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(&b.1)));
    Ok(candidates
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, name, count)| (name, count))
        .collect())
}
