//! The news analyzer's tokenizer in one pass: tantivy's simple tokenizer (runs of letters and
//! digits), long-word removal, lower-casing, ASCII folding and English stemming. Most words of
//! wire copy are ASCII: they are cut, lower-cased and stemmed here without four filters each
//! rewriting the token; a word with any other character goes through tantivy's own filters,
//! so every token, its offsets and its position are those of the filter chain (a property test
//! compares them), and the index's terms do not change.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use super::stem::stem_into;

/// Words of this many bytes or more are not indexed (tantivy's `RemoveLongFilter` limit).
pub const MAX_WORD_BYTES: usize = 40;

/// Tokenizer of English news text: lower-cased, accents folded, stemmed.
#[derive(Clone)]
pub struct NewsTokenizer {
    token: Token,
    /// tantivy's lower-casing and folding, for words outside ASCII.
    unicode: TextAnalyzer,
    stem: String,
}

impl Default for NewsTokenizer {
    fn default() -> Self {
        NewsTokenizer {
            token: Token::default(),
            unicode: TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
            stem: String::new(),
        }
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        NewsTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            unicode: &mut self.unicode,
            stem: &mut self.stem,
        }
    }
}

/// The tokens of one text.
pub struct NewsTokenStream<'a> {
    text: &'a str,
    /// Where the next word is looked for.
    at: usize,
    token: &'a mut Token,
    unicode: &'a mut TextAnalyzer,
    stem: &'a mut String,
}

impl NewsTokenStream<'_> {
    /// The next run of letters and digits from `self.at`: its bounds and whether it is ASCII.
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
        let bytes = self.text.as_bytes();
        let mut start = self.at;
        loop {
            let b = *bytes.get(start)?;
            if b.is_ascii_alphanumeric() {
                break;
            }
            if b.is_ascii() {
                start += 1;
                continue;
            }
            let c = self.text[start..].chars().next()?;
            if c.is_alphanumeric() {
                break;
            }
            start += c.len_utf8();
        }
        let mut end = start;
        let mut ascii = true;
        while let Some(&b) = bytes.get(end) {
            if b.is_ascii_alphanumeric() {
                end += 1;
                continue;
            }
            if b.is_ascii() {
                break;
            }
            match self.text[end..].chars().next() {
                Some(c) if c.is_alphanumeric() => {
                    ascii = false;
                    end += c.len_utf8();
                }
                _ => break,
            }
        }
        self.at = end;
        Some((start, end, ascii))
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // Every word takes a position, a removed long one too (as in the filter chain).
            self.token.position = self.token.position.wrapping_add(1);
            let Some((start, end, ascii)) = self.next_word() else {
                return false;
            };
            if end - start >= MAX_WORD_BYTES {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            let word = &self.text[start..end];
            self.token.text.clear();
            if ascii {
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
            } else {
                let mut folded = self.unicode.token_stream(word);
                if let Some(token) = folded.next() {
                    self.token.text.push_str(&token.text);
                }
            }
            stem_into(&self.token.text, self.stem);
            std::mem::swap(&mut self.token.text, self.stem);
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::{Language, RemoveLongFilter, Stemmer};

    /// The filter chain the tokenizer stands for, with tantivy's own (unmemoized) stemmer.
    fn filter_chain() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn ours() -> TextAnalyzer {
        TextAnalyzer::from(NewsTokenizer::default())
    }

    #[test]
    fn words_are_cut_lower_cased_folded_and_stemmed_as_by_the_filter_chain() {
        let text = "ZÜRICH—Straße: Talks RUNNING on 1,234.5 naïve Ærø élections \
                    İstanbul ½ 東京 x0123456789012345678901234567890123456789 end.";
        let got = tokens(ours(), text);
        assert_eq!(got, tokens(filter_chain(), text));
        let words: Vec<&str> = got.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            words,
            [
                "zurich",
                "strass",
                "talk",
                "run",
                "on",
                "1",
                "234",
                "5",
                "naiv",
                "aero",
                "elect",
                "i\u{307}stanbul",
                "½",
                "東京",
                "end"
            ]
        );
        // The long word is dropped but keeps its position: "end" is the 16th word.
        assert_eq!(got.last().map(|t| t.3), Some(15));
    }

    #[test]
    fn an_empty_text_or_one_without_words_has_no_token() {
        assert!(tokens(ours(), "").is_empty());
        assert!(tokens(ours(), " -- ,. — ").is_empty());
    }

    proptest! {
        #[test]
        fn every_text_gives_the_filter_chains_tokens(
            text in "([a-zA-Z0-9]{1,12}|[ .,'\\-]{1,3}|[éÉßİıÆøœЖж東京½²°—’]|[a-z]{38,42})*"
        ) {
            prop_assert_eq!(tokens(ours(), &text), tokens(filter_chain(), &text));
        }
    }
}
