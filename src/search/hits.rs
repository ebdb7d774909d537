//! What is shown of each dispatch found: its record from the index and the passage of its body
//! that best matches the query, on one line with the matched words marked.

use std::ops::Range;

use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument};

use super::ScoredHit;
use super::build::TextQuery;
use crate::dispatch::Record;
use crate::error::Result;
use crate::index::Fields;
use crate::index::document::{self, stored_text};

/// Characters in a snippet.
const SNIPPET_CHARS: usize = 220;

/// A passage of the body with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage, on one line.
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<Range<usize>>,
}

/// One dispatch found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The dispatch, as the index holds it.
    pub record: Record,
    /// Relevance score, when hits are ranked by relevance.
    pub score: Option<f32>,
    /// Best passage of the body.
    pub snippet: Snippet,
    /// Kilometres from the `--near` point, when one was given and the place has coordinates.
    pub distance_km: Option<f64>,
    /// Versions of the hit's story, when a story is one hit (see `SearchRequest::all_versions`).
    pub versions: Option<u32>,
}

/// The hits at `ranked`, in that order, with snippets for the words of `text`.
pub(crate) fn assemble(
    searcher: &Searcher,
    fields: &Fields,
    text: Option<&TextQuery>,
    ranked: Vec<ScoredHit>,
) -> Result<Vec<Hit>> {
    let snippets = match text {
        Some(text) => {
            // The catch-all field analyzes text as the body is, so its terms mark the body.
            let mut generator =
                SnippetGenerator::create(searcher, &*text.highlight(), fields.text)?;
            generator.set_max_num_chars(SNIPPET_CHARS);
            Some(generator)
        }
        None => None,
    };
    let mut hits = Vec::with_capacity(ranked.len());
    for (score, address) in ranked {
        let doc: TantivyDocument = searcher.doc(address)?;
        let body = stored_text(&doc, fields.body).unwrap_or_default();
        let snippet = snippets
            .as_ref()
            .map(|g| g.snippet(&body))
            .filter(|s| !s.fragment().trim().is_empty())
            .map(|s| one_line(s.fragment(), s.highlighted()))
            .unwrap_or_else(|| lead(&body));
        hits.push(Hit {
            record: document::read(fields, &doc),
            score,
            snippet,
            distance_km: None,
            versions: None,
        });
    }
    Ok(hits)
}

/// A fragment on one line: runs of whitespace become one space, highlight ranges follow the text.
fn one_line(fragment: &str, highlights: &[Range<usize>]) -> Snippet {
    let mut text = String::with_capacity(fragment.len());
    // new_offset[i] is where byte i of the fragment lands in `text`.
    let mut new_offset = vec![0usize; fragment.len() + 1];
    let mut in_space = false;
    for (i, c) in fragment.char_indices() {
        let at = text.len();
        let width = c.len_utf8();
        if c.is_whitespace() {
            new_offset[i..i + width].fill(at);
            if !in_space && !text.is_empty() {
                text.push(' ');
            }
            in_space = true;
        } else {
            for (k, slot) in new_offset[i..i + width].iter_mut().enumerate() {
                *slot = at + k;
            }
            text.push(c);
            in_space = false;
        }
    }
    new_offset[fragment.len()] = text.len();
    let trimmed_len = text.trim_end().len();
    text.truncate(trimmed_len);
    let highlights = highlights
        .iter()
        .filter(|r| r.start < r.end && r.end <= fragment.len())
        .map(|r| new_offset[r.start]..new_offset[r.end].min(trimmed_len))
        .filter(|r| r.start < r.end)
        .collect();
    Snippet { text, highlights }
}

/// The start of the body, cut at a word boundary, when no word of the query is in it.
fn lead(body: &str) -> Snippet {
    let mut end = body.len();
    for (count, (i, _)) in body.char_indices().enumerate() {
        if count == SNIPPET_CHARS {
            end = body[..i].rfind(char::is_whitespace).unwrap_or(i);
            break;
        }
    }
    one_line(body[..end].trim_end(), &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_cuts_at_a_word_boundary() {
        let body = "word ".repeat(100);
        let snippet = lead(&body);
        assert!(snippet.text.len() <= SNIPPET_CHARS);
        assert!(snippet.text.ends_with("word"));
        assert_eq!(lead("short\nbody").text, "short body");
    }

    #[test]
    fn one_line_collapses_whitespace_and_keeps_highlights_on_their_words() {
        let fragment = "cocoa  yields\n\n   fell cocoa ";
        let snippet = one_line(fragment, &[0..5, 23..28]);
        assert_eq!(snippet.text, "cocoa yields fell cocoa");
        let marked: Vec<&str> = snippet
            .highlights
            .iter()
            .map(|r| &snippet.text[r.clone()])
            .collect();
        assert_eq!(marked, vec!["cocoa", "cocoa"]);
    }
}
