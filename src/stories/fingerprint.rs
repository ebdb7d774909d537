//! A dispatch's text reduced to what finding its other versions needs: a MinHash signature of
//! its word shingles, its LSH band keys, how many shingles it has, and which figures it holds.
//!
//! - Shingles are [`SHINGLE_WORDS`] consecutive words, lower-cased; a figure such as
//!   `1,234.5` or `6-1/8` is one word.
//! - The signature is a one-permutation MinHash (Li, Owen and Zhang, 2012) with optimal
//!   densification (Shrivastava, 2017): each shingle is hashed once and kept in one of
//!   [`BINS`] bins if it is the smallest there; an empty bin borrows another's minimum. Two
//!   signatures agree in about the share of bins that their texts' shingle sets share in
//!   Jaccard similarity. Each bin keeps 16 bits of a hash of its minimum.
//! - Band keys: the bins in [`BANDS`] bands of [`ROWS`], each band hashed to one `u64`; two
//!   texts sharing a band key are candidates (see `group` for the settings' reasons).
//! - Figures: a 128-bit set of the words holding a digit, so that a template filled with
//!   another day's figures is told from a story sent again.
//!
//! Every hash is xxh3 with fixed seeds: the same text gives the same fingerprint on every
//! machine and in every run.

use std::cell::Cell;

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Bins of the signature.
pub const BINS: usize = 64;
/// Bands the signature is cut into for candidate lookup.
pub const BANDS: usize = 32;
/// Bins per band.
pub const ROWS: usize = BINS / BANDS;
/// `u64` words a fingerprint is stored as: the signature (four bins a word), the shingle
/// count, and the figure set.
pub const STORED_WORDS: usize = BINS / 4 + 3;

/// Seed of the band hashes (any fixed value; changing it changes every stored band key).
const BAND_SEED: u64 = 0x5eed_ba2d;
/// Seed of densification's choice of a bin to borrow from.
const DENSIFY_SEED: u64 = 0xd3a5_1f1e;
/// Attempts at finding a filled bin for an empty one before a fixed scan.
const DENSIFY_ATTEMPTS: u64 = 64;

/// What finding a dispatch's other versions needs of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// MinHash signature: a 16-bit hash of each bin's smallest shingle hash.
    pub signature: [u16; BINS],
    /// Shingles in the text (counted with repeats).
    pub shingles: u32,
    /// Figures in the text, as a set of 128 bits.
    pub figures: u128,
}

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint {
            signature: [0; BINS],
            shingles: 0,
            figures: 0,
        }
    }
}

/// A 64-bit finaliser (splitmix64's): spreads a combined hash over every bit.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The hash of a shingle from the hashes of its words, in order.
fn shingle_hash(words: impl IntoIterator<Item = u64>) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for w in words {
        h = (h.rotate_left(23) ^ w).wrapping_mul(0x100_0000_01b3);
    }
    mix(h)
}

/// Bytes of text a block of bit masks covers: one bit a byte.
const BLOCK: usize = 64;

/// What each byte of a block of lower-cased text is, one bit a byte.
#[derive(Clone, Copy, Default)]
struct BlockMasks {
    /// Letters and digits.
    word: u64,
    /// Digits.
    digit: u64,
    /// Bytes that join two digits into one figure (`1,234.5`, `6-1/8`, `10:30`): `,-./:`,
    /// wherever they are.
    joiner: u64,
    /// Bytes of characters outside ASCII.
    outside_ascii: u64,
}

/// Each byte of a `u64` set to one.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = ONES * 0x80;

/// The high bit of each byte of `seven` (bytes below 128) that lies in `low..=high`: adding
/// `0x80 - low` sets a byte's high bit from `low` up, adding `0x7f - high` from above `high`,
/// and neither carries into the next byte.
fn bytes_within(seven: u64, low: u8, high: u8) -> u64 {
    let from_low = seven.wrapping_add(ONES * u64::from(0x80 - low));
    let above_high = seven.wrapping_add(ONES * u64::from(0x7f - high));
    from_low & !above_high & HIGH_BITS
}

/// The high bits of the eight bytes of `high_bits` as the eight low bits of the result.
fn gather_high_bits(high_bits: u64) -> u64 {
    let mut bits = high_bits >> 7;
    bits |= bits >> 7;
    bits |= bits >> 14;
    bits |= bits >> 28;
    bits & 0xff
}

impl BlockMasks {
    /// Lower-cases the ASCII letters of `text` in place and sets `blocks` to the masks of each
    /// block of it: eight bytes at a time in one `u64` (SWAR), without a branch or a table
    /// lookup on any byte.
    fn lower_case(text: &mut [u8], blocks: &mut Vec<BlockMasks>) {
        blocks.clear();
        blocks.resize(text.len().div_ceil(BLOCK), BlockMasks::default());
        let last_eight = text.len() / 8;
        let mut chunks = text.chunks_exact_mut(8);
        for (index, chunk) in chunks.by_ref().enumerate() {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            let (lowered, masks) = Self::lower_case_eight(u64::from_le_bytes(eight));
            chunk.copy_from_slice(&lowered.to_le_bytes());
            blocks[index / 8].add(index % 8, masks);
        }
        let rest = chunks.into_remainder();
        if !rest.is_empty() {
            let mut eight = [0u8; 8];
            eight[..rest.len()].copy_from_slice(rest);
            let (lowered, masks) = Self::lower_case_eight(u64::from_le_bytes(eight));
            rest.copy_from_slice(&lowered.to_le_bytes()[..rest.len()]);
            blocks[last_eight / 8].add(last_eight % 8, masks);
        }
    }

    /// Eight bytes lower-cased, and their masks (word, digit, joiner, outside ASCII) as the
    /// high bit of each byte.
    fn lower_case_eight(eight: u64) -> (u64, [u64; 4]) {
        let ascii = !eight & HIGH_BITS;
        let seven = eight & !HIGH_BITS;
        let upper = bytes_within(seven, b'A', b'Z') & ascii;
        let digit = bytes_within(seven, b'0', b'9') & ascii;
        let letter = bytes_within(seven | (upper >> 2), b'a', b'z') & ascii;
        let joiner = (bytes_within(seven, b',', b'/') | bytes_within(seven, b':', b':')) & ascii;
        (
            eight | (upper >> 2),
            [digit | letter, digit, joiner, eight & HIGH_BITS],
        )
    }

    /// Adds the masks of the `eighth` eight bytes of the block.
    fn add(&mut self, eighth: usize, [word, digit, joiner, outside_ascii]: [u64; 4]) {
        let shift = 8 * eighth;
        self.word |= gather_high_bits(word) << shift;
        self.digit |= gather_high_bits(digit) << shift;
        self.joiner |= gather_high_bits(joiner) << shift;
        self.outside_ascii |= gather_high_bits(outside_ascii) << shift;
    }
}

/// Whether any bit of `masks` (one per byte) is set in the bytes `start..end`.
fn any_between(masks: impl Fn(usize) -> u64, start: usize, end: usize) -> bool {
    let (first, last) = (start / BLOCK, (end - 1) / BLOCK);
    if first == last {
        // Most words lie within one block.
        let span = (u64::MAX >> (BLOCK - (end - start))) << (start % BLOCK);
        return masks(first) & span != 0;
    }
    (first..=last).any(|block| {
        let from = start.saturating_sub(block * BLOCK);
        let to = (end - block * BLOCK).min(BLOCK);
        let span = (u64::MAX >> (BLOCK - (to - from))) << from;
        masks(block) & span != 0
    })
}

/// Calls `word` with each word of `text`, lower-cased (as UTF-8 bytes), and whether it holds
/// a digit.
fn for_each_word(text: &str, mut word: impl FnMut(&[u8], bool)) {
    // Where words begin and end is found from bit masks of whole blocks, not byte by byte:
    // a branch on each byte mispredicts at the end of nearly every word, and that was most of
    // a fingerprint's time. ASCII is lower-cased once for the whole text; only a word with a
    // letter outside ASCII is lower-cased again by Unicode's rules.
    let mut lowered = LOWERED.take();
    lowered.clear();
    lowered.extend_from_slice(text.as_bytes());
    let mut blocks = MASKS.take();
    BlockMasks::lower_case(&mut lowered, &mut blocks);
    let digit_at = |blocks: &[BlockMasks], block: usize| blocks.get(block).map_or(0, |m| m.digit);
    for block in 0..blocks.len() {
        let digit = blocks[block].digit;
        let before = (digit << 1)
            | block
                .checked_sub(1)
                .map_or(0, |b| digit_at(&blocks, b) >> 63);
        let after = (digit >> 1) | (digit_at(&blocks, block + 1) << 63);
        blocks[block].word |= blocks[block].joiner & before & after;
    }
    mark_letters_outside_ascii(text, &mut blocks);
    let mut start = 0;
    let mut inside = false;
    let mut emit = |start: usize, end: usize| {
        let digit = any_between(|block| blocks[block].digit, start, end);
        if any_between(|block| blocks[block].outside_ascii, start, end) {
            let Some(original) = text.get(start..end) else {
                return;
            };
            let mut lower = String::with_capacity(original.len());
            lower.extend(original.chars().flat_map(char::to_lowercase));
            word(lower.as_bytes(), digit);
        } else {
            word(&lowered[start..end], digit);
        }
    };
    let mut carry = 0;
    for (block, masks) in blocks.iter().enumerate() {
        let mut edges = masks.word ^ ((masks.word << 1) | carry);
        carry = masks.word >> 63;
        while edges != 0 {
            let at = block * BLOCK + edges.trailing_zeros() as usize;
            edges &= edges - 1;
            if inside {
                emit(start, at);
            } else {
                start = at;
            }
            inside = !inside;
        }
    }
    if inside {
        emit(start, text.len());
    }
    // A long text's buffers are let go: a thread keeps at most that much for the next text.
    if lowered.capacity() <= KEPT_BUFFER_BYTES {
        LOWERED.set(lowered);
        MASKS.set(blocks);
    }
}

/// Text length up to which a thread keeps its buffers for the next text.
const KEPT_BUFFER_BYTES: usize = 1 << 20;

thread_local! {
    /// The last text's lower-cased copy, kept for the next: fingerprinting an ASCII text of up
    /// to [`KEPT_BUFFER_BYTES`] allocates nothing.
    static LOWERED: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    /// The last text's block masks, kept for the next.
    static MASKS: Cell<Vec<BlockMasks>> = const { Cell::new(Vec::new()) };
}

/// Marks as word bytes the bytes of each letter or digit outside ASCII.
fn mark_letters_outside_ascii(text: &str, blocks: &mut [BlockMasks]) {
    for block in 0..blocks.len() {
        let mut outside = blocks[block].outside_ascii;
        while outside != 0 {
            let at = block * BLOCK + outside.trailing_zeros() as usize;
            outside &= outside - 1;
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                // Not the first byte of a character.
                continue;
            };
            if c.is_alphanumeric() {
                for byte in at..at + c.len_utf8() {
                    blocks[byte / BLOCK].word |= 1 << (byte % BLOCK);
                }
            }
        }
    }
}

impl Fingerprint {
    /// The fingerprint of a dispatch's body.
    pub fn of(text: &str) -> Fingerprint {
        let mut minima = [u64::MAX; BINS];
        let mut filled = [false; BINS];
        // The hashes of the last words, oldest first.
        let mut window = [0u64; SHINGLE_WORDS];
        let mut words = 0usize;
        let mut shingles = 0u32;
        let mut figures = 0u128;
        let add = |hash: u64, minima: &mut [u64; BINS], filled: &mut [bool; BINS]| {
            // The high bits choose the bin, the whole hash competes within it.
            let bin = (((hash >> 32) * BINS as u64) >> 32) as usize;
            filled[bin] = true;
            minima[bin] = minima[bin].min(hash);
        };
        for_each_word(text, |word, has_digit| {
            let hash = xxh3_64(word);
            if has_digit {
                figures |= 1u128 << (hash % 128);
            }
            window.copy_within(1.., 0);
            window[SHINGLE_WORDS - 1] = hash;
            words += 1;
            if words >= SHINGLE_WORDS {
                add(shingle_hash(window), &mut minima, &mut filled);
                shingles = shingles.saturating_add(1);
            }
        });
        if words == 0 {
            return Fingerprint::default();
        }
        if words < SHINGLE_WORDS {
            // A text shorter than a shingle is one shingle of all its words.
            add(
                shingle_hash(window[SHINGLE_WORDS - words..].iter().copied()),
                &mut minima,
                &mut filled,
            );
            shingles = 1;
        }
        densify(&mut minima, &filled);
        let mut signature = [0u16; BINS];
        for (slot, minimum) in signature.iter_mut().zip(minima) {
            *slot = (mix(minimum) >> 48) as u16;
        }
        Fingerprint {
            signature,
            shingles,
            figures,
        }
    }

    /// Whether the text had no word at all.
    pub fn is_empty(&self) -> bool {
        self.shingles == 0
    }

    /// The share of bins on which two signatures agree: an estimate of the Jaccard
    /// similarity of the two texts' shingle sets.
    pub fn similarity(&self, other: &Fingerprint) -> f32 {
        let same = self
            .signature
            .iter()
            .zip(&other.signature)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / BINS as f32
    }

    /// The band keys: texts sharing one are candidates. None for a text without words.
    pub fn bands(&self) -> Vec<u64> {
        if self.is_empty() {
            return Vec::new();
        }
        self.signature
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut bytes = [0u8; ROWS * 2];
                for (i, row) in rows.iter().enumerate() {
                    bytes[2 * i..2 * i + 2].copy_from_slice(&row.to_le_bytes());
                }
                xxh3_64_with_seed(&bytes, BAND_SEED + band as u64)
            })
            .collect()
    }

    /// The fingerprint as [`STORED_WORDS`] words, for a fast field.
    pub fn to_words(&self) -> Vec<u64> {
        let mut words: Vec<u64> = self
            .signature
            .chunks(4)
            .map(|bins| {
                bins.iter()
                    .enumerate()
                    .fold(0u64, |word, (i, bin)| word | (u64::from(*bin) << (16 * i)))
            })
            .collect();
        words.push(u64::from(self.shingles));
        words.push(self.figures as u64);
        words.push((self.figures >> 64) as u64);
        words
    }

    /// A fingerprint read back from its [`to_words`](Fingerprint::to_words); none when the
    /// words are not a fingerprint's.
    pub fn from_words(words: &[u64]) -> Option<Fingerprint> {
        if words.len() != STORED_WORDS {
            return None;
        }
        let mut signature = [0u16; BINS];
        for (i, bin) in signature.iter_mut().enumerate() {
            *bin = (words[i / 4] >> (16 * (i % 4))) as u16;
        }
        let tail = &words[BINS / 4..];
        Some(Fingerprint {
            signature,
            shingles: u32::try_from(tail[0]).ok()?,
            figures: u128::from(tail[1]) | (u128::from(tail[2]) << 64),
        })
    }
}

/// Fills each empty bin with the minimum of a filled bin chosen by a hash of the empty bin's
/// number and an attempt count (optimal densification), so that two texts fill the same empty
/// bin from the same place.
fn densify(minima: &mut [u64; BINS], filled: &[bool; BINS]) {
    let Some(first_filled) = filled.iter().position(|f| *f) else {
        return;
    };
    for bin in 0..BINS {
        if filled[bin] {
            continue;
        }
        let borrowed = (0..DENSIFY_ATTEMPTS)
            .map(|attempt| {
                let pick = xxh3_64_with_seed(&(bin as u64).to_le_bytes(), DENSIFY_SEED + attempt);
                (pick % BINS as u64) as usize
            })
            .find(|&from| filled[from])
            .unwrap_or(first_filled);
        minima[bin] = minima[borrowed];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Cocoa prices rose sharply in London on Tuesday after heavy rains \
        delayed the harvest in Ivory Coast, the world's largest grower, dealers said. The \
        March contract ended 45 sterling higher at 1,234 a tonne. Arrivals at the ports of \
        Abidjan and San Pedro were 20 pct below last year's, exporters said, and buyers \
        feared a shortfall of 50,000 tonnes in the main crop. Traders expected more rain \
        this week.";

    fn words_of(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for_each_word(text, |w, d| {
            out.push((String::from_utf8_lossy(w).into_owned(), d))
        });
        out
    }

    /// The words of `text` read one character at a time: what the bit masks must agree with.
    fn words_read_one_by_one(text: &str) -> Vec<(String, bool)> {
        let mut words = Vec::new();
        let mut current = String::new();
        let mut digit = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let joins = matches!(c, '.' | ',' | '/' | '-' | ':')
                && current.ends_with(|p: char| p.is_ascii_digit())
                && chars.peek().is_some_and(char::is_ascii_digit);
            if c.is_alphanumeric() || joins {
                digit |= c.is_ascii_digit();
                current.extend(c.to_lowercase());
            } else if !current.is_empty() {
                words.push((std::mem::take(&mut current), digit));
                digit = false;
            }
        }
        if !current.is_empty() {
            words.push((current, digit));
        }
        words
    }

    /// A text of `len` pieces drawn by `next` from letters, digits, joiners, spaces and
    /// characters outside ASCII (letters, a digit, punctuation, one that lengthens when
    /// lower-cased).
    fn random_text(len: usize, mut next: impl FnMut() -> usize) -> String {
        const PIECES: [&str; 24] = [
            "a", "Z", "q", "M", "0", "7", "9", ",", ".", "-", "/", ":", " ", " ", "\n", "'", "(",
            "É", "ß", "—", "İ", "½", "٣", "日",
        ];
        (0..len).map(|_| PIECES[next() % PIECES.len()]).collect()
    }

    #[test]
    fn bit_masks_find_the_words_reading_one_by_one_finds() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 33) as usize
        };
        for round in 0..3000 {
            // Lengths around and across block boundaries, and long runs of word bytes.
            let len = round % 200;
            let text = random_text(len, &mut next);
            assert_eq!(words_of(&text), words_read_one_by_one(&text), "{text:?}");
            let long = text.replace(' ', "x");
            assert_eq!(words_of(&long), words_read_one_by_one(&long), "{long:?}");
        }
    }

    #[test]
    fn a_thread_keeps_the_buffers_of_a_short_text_only() {
        let short = Fingerprint::of(STORY);
        assert!(LOWERED.take().capacity() >= STORY.len());
        let long = STORY.repeat(KEPT_BUFFER_BYTES / STORY.len() + 1);
        Fingerprint::of(&long);
        assert_eq!(LOWERED.take().capacity(), 0);
        assert_eq!(MASKS.take().capacity(), 0);
        assert_eq!(Fingerprint::of(STORY), short);
    }

    #[test]
    fn every_byte_is_classed_as_one_at_a_time_classes_it() {
        for b in 0..=255u8 {
            for position in 0..8 {
                let mut eight = [b' '; 8];
                eight[position] = b;
                let (lowered, [word, digit, joiner, outside]) =
                    BlockMasks::lower_case_eight(u64::from_le_bytes(eight));
                let bit = |mask: u64| gather_high_bits(mask) >> position & 1 == 1;
                let lower = b.to_ascii_lowercase();
                assert_eq!(lowered.to_le_bytes()[position], lower, "{b}");
                assert_eq!(bit(word), lower.is_ascii_alphanumeric(), "{b}");
                assert_eq!(bit(digit), b.is_ascii_digit(), "{b}");
                assert_eq!(bit(joiner), b",-./:".contains(&b), "{b}");
                assert_eq!(bit(outside), !b.is_ascii(), "{b}");
            }
        }
    }

    #[test]
    fn words_outside_ascii_are_read_whole_and_lower_cased() {
        let words = words_of("ZÜRICH—Straße: 1,234.5 and 6-1/8; naïve 10:30 ½ 7–8");
        let expected = [
            ("zürich", false),
            ("straße", false),
            ("1,234.5", true),
            ("and", false),
            ("6-1/8", true),
            ("naïve", false),
            ("10:30", true),
            ("½", false),
            ("7", true),
            ("8", true),
        ];
        let expected: Vec<(String, bool)> =
            expected.iter().map(|(w, d)| (w.to_string(), *d)).collect();
        assert_eq!(words, expected);
    }

    #[test]
    fn figures_are_single_words_and_words_are_lower_cased() {
        let words: Vec<String> = words_of("Rose 6-1/8 PCT to 1,234.5 dlrs at 10:30, up-beat.")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            words,
            [
                "rose", "6-1/8", "pct", "to", "1,234.5", "dlrs", "at", "10:30", "up", "beat"
            ]
        );
        assert_eq!(words_of("São Paulo")[0].0, "são");
        assert!(words_of("1987")[0].1);
        assert!(!words_of("cocoa")[0].1);
    }

    #[test]
    fn the_same_text_gives_the_same_fingerprint_whatever_its_spacing_and_case() {
        let a = Fingerprint::of(STORY);
        let b = Fingerprint::of(&STORY.to_uppercase().replace(' ', "\n  "));
        assert_eq!(a, b);
        assert_eq!(a.similarity(&b), 1.0);
        assert_eq!(a.bands(), b.bands());
        assert_eq!(a.bands().len(), BANDS);
        assert!(a.shingles > 50);
    }

    #[test]
    fn similarity_follows_how_much_text_is_shared() {
        let story = Fingerprint::of(STORY);
        let half: String = STORY.split(". ").take(2).collect::<Vec<_>>().join(". ");
        let with_more = format!(
            "{STORY} Analysts at three London houses said the rally could last into April \
             if the rains went on, and chocolate makers had covered their needs for the \
             second quarter already, which limited the buying."
        );
        let other = Fingerprint::of(
            "The central bank left interest rates unchanged on Thursday and said inflation \
             would stay close to its target through next year, as wage growth slowed and \
             energy prices eased, economists said after the decision was announced.",
        );
        let more = story.similarity(&Fingerprint::of(&with_more));
        let less = story.similarity(&Fingerprint::of(&half));
        assert!(more > 0.5, "{more}");
        assert!(less < more, "{less} {more}");
        assert!(story.similarity(&other) < 0.15);
    }

    #[test]
    fn another_figure_changes_the_figure_set_but_little_of_the_signature() {
        let story = Fingerprint::of(STORY);
        let corrected = Fingerprint::of(&STORY.replace("1,234", "1,243"));
        assert_ne!(story.figures, corrected.figures);
        assert_eq!(
            (story.figures & corrected.figures).count_ones() + 1,
            story.figures.count_ones()
        );
        assert!(story.similarity(&corrected) > 0.8);
    }

    #[test]
    fn short_and_empty_texts() {
        let empty = Fingerprint::of("  \n ");
        assert!(empty.is_empty());
        assert!(empty.bands().is_empty());
        let short = Fingerprint::of("Shr 12 cts");
        assert_eq!(short.shingles, 1);
        assert_eq!(short, Fingerprint::of("SHR 12 CTS"));
        assert_ne!(short, Fingerprint::of("Shr 13 cts"));
    }

    #[test]
    fn a_fingerprint_survives_its_stored_words() {
        let story = Fingerprint::of(STORY);
        let words = story.to_words();
        assert_eq!(words.len(), STORED_WORDS);
        assert_eq!(Fingerprint::from_words(&words), Some(story));
        assert_eq!(Fingerprint::from_words(&words[1..]), None);
    }
}
