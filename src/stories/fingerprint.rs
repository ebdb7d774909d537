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
fn shingle_hash(words: impl Iterator<Item = u64>) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for w in words {
        h = (h.rotate_left(23) ^ w).wrapping_mul(0x100_0000_01b3);
    }
    mix(h)
}

/// Whether the byte `b` joins two digits into one figure (`1,234.5`, `6-1/8`, `10:30`).
fn figure_joiner(b: u8) -> bool {
    matches!(b, b'.' | b',' | b'/' | b'-' | b':')
}

/// Calls `word` with each word of `text`, lower-cased, and whether it holds a digit.
fn for_each_word(text: &str, mut word: impl FnMut(&str, bool)) {
    let bytes = text.as_bytes();
    let mut current = String::with_capacity(32);
    let mut digit = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Most wire copy is ASCII: it is read byte by byte, its letters lower-cased without
        // Unicode's tables.
        if b.is_ascii_alphanumeric() {
            digit |= b.is_ascii_digit();
            current.push(char::from(b.to_ascii_lowercase()));
            i += 1;
            continue;
        }
        let separator = if b.is_ascii() {
            i += 1;
            let joins = figure_joiner(b)
                && current.ends_with(|p: char| p.is_ascii_digit())
                && bytes.get(i).is_some_and(u8::is_ascii_digit);
            if joins {
                current.push(char::from(b));
            }
            !joins
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if c.is_alphanumeric() {
                current.extend(c.to_lowercase());
            }
            !c.is_alphanumeric()
        };
        if separator && !current.is_empty() {
            word(&current, digit);
            current.clear();
            digit = false;
        }
    }
    if !current.is_empty() {
        word(&current, digit);
    }
}

impl Fingerprint {
    /// The fingerprint of a dispatch's body.
    pub fn of(text: &str) -> Fingerprint {
        let mut minima = [u64::MAX; BINS];
        let mut filled = [false; BINS];
        // The hashes of the last words, the oldest at `oldest`.
        let mut window = [0u64; SHINGLE_WORDS];
        let mut oldest = 0usize;
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
            let hash = xxh3_64(word.as_bytes());
            if has_digit {
                figures |= 1u128 << (hash % 128);
            }
            window[oldest] = hash;
            oldest = if oldest + 1 == SHINGLE_WORDS {
                0
            } else {
                oldest + 1
            };
            words += 1;
            if words >= SHINGLE_WORDS {
                let ordered = window[oldest..].iter().chain(&window[..oldest]).copied();
                add(shingle_hash(ordered), &mut minima, &mut filled);
                shingles = shingles.saturating_add(1);
            }
        });
        if words == 0 {
            return Fingerprint::default();
        }
        if words < SHINGLE_WORDS {
            // A text shorter than a shingle is one shingle of all its words.
            add(
                shingle_hash(window[..words].iter().copied()),
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
        for_each_word(text, |w, d| out.push((w.to_string(), d)));
        out
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
