//! English stemming with a per-thread memo: news vocabulary is Zipfian, so most tokens repeat and
//! looking a stem up costs far less than running the Snowball stemmer again (the stemmer was
//! about a third of indexing time before, see BENCHMARKS.md). Same stems as tantivy's `Stemmer`.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

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
fn stem_into(word: &str, out: &mut String) {
    out.clear();
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

/// Token filter: English Snowball stemming, memoized.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnglishStemmer;

impl TokenFilter for EnglishStemmer {
    type Tokenizer<T: Tokenizer> = EnglishStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EnglishStemmerFilter<T> {
        EnglishStemmerFilter { inner: tokenizer }
    }
}

/// The stemming tokenizer wrapped around the previous ones.
#[derive(Clone)]
pub struct EnglishStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EnglishStemmerFilter<T> {
    type TokenStream<'a> = EnglishStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EnglishStemmerStream {
            tail: self.inner.token_stream(text),
            buffer: String::new(),
        }
    }
}

/// Tokens with their text replaced by its stem.
pub struct EnglishStemmerStream<T> {
    tail: T,
    buffer: String,
}

impl<T: TokenStream> TokenStream for EnglishStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        stem_into(&token.text, &mut self.buffer);
        std::mem::swap(&mut token.text, &mut self.buffer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
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
                    internationalizations running talks supercalifragilisticexpialidocious";
        let ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(EnglishStemmer)
            .build();
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let ours = terms(ours, text);
        assert_eq!(ours, terms(theirs, text));
        assert_eq!(ours[0], "run");
    }
}
