//! English stemming with a per-thread memo: news vocabulary is Zipfian, so most tokens repeat and
//! looking a stem up costs far less than running the Snowball stemmer again (the stemmer was
//! about a third of indexing time before, see BENCHMARKS.md). Same stems as tantivy's `Stemmer`.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

/// Distinct words remembered per thread before the memo starts over.
const MEMO_CAPACITY: usize = 200_000;
/// Longer words are stemmed without memo: they are rare and would crowd it.
const MEMO_MAX_WORD: usize = 24;

thread_local! {
    static STEMMER: frostem::Stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    // A fast non-cryptographic hash: keys are words of the archive, not attacker-chosen requests.
    static MEMO: RefCell<FxHashMap<Box<str>, Box<str>>> = RefCell::new(FxHashMap::default());
}

/// Stems `word` into `out`.
pub(super) fn stem_into(word: &str, out: &mut String) {
    out.clear();
    // Snowball leaves a word of two letters or fewer as it is, and no suffix rule matches a
    // number: such words ("of", "to", "a", figures) need no lookup.
    if word.len() <= 2 || word.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(word);
        return;
    }
    if word.len() > MEMO_MAX_WORD {
        STEMMER.with(|s| out.push_str(&s.stem(word)));
        return;
    }
    MEMO.with(|memo| {
        if let Some(stem) = memo.borrow().get(word) {
            out.push_str(stem);
            return;
        }
        let stem: Box<str> = STEMMER.with(|s| s.stem(word).into());
        out.push_str(&stem);
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_CAPACITY {
            memo.clear();
        }
        memo.insert(word.into(), stem);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn terms(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    /// Stems the index holds today: a stemmer release that changes one must come with a new
    /// `ANALYZER_VERSION`, so indexes built with the old stems ask for `--full`.
    #[test]
    fn stems_are_those_of_analyzer_version_1() {
        assert_eq!(crate::index::ANALYZER_VERSION, 1);
        let pinned = [
            ("running", "run"),
            ("talks", "talk"),
            ("generously", "generous"),
            ("nationalization", "nation"),
            ("elections", "elect"),
            ("floods", "flood"),
            ("economies", "economi"),
            ("says", "say"),
        ];
        for (word, stem) in pinned {
            let mut out = String::new();
            stem_into(word, &mut out);
            assert_eq!(out, stem, "{word}");
        }
    }

    #[test]
    fn memoized_stems_equal_tantivys_stems() {
        let text = "running runs ran talks talked generously nationalization \
                    internationalizations running talks supercalifragilisticexpialidocious \
                    is as us a y 1990 10s 2 ss";
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let ours: Vec<String> = text
            .split_whitespace()
            .map(|word| {
                let mut out = String::new();
                stem_into(word, &mut out);
                out
            })
            .collect();
        assert_eq!(ours, terms(theirs, text));
        assert_eq!(ours[0], "run");
    }
}
