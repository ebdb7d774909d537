//! The decision: are two dispatches versions of one story?
//!
//! Two dispatches are versions of one story when they were filed within [`WINDOW_DAYS`] of
//! each other and the shorter one's text is mostly in the longer one (estimated from their
//! MinHash signatures and shingle counts), with the same figures. What is never grouped:
//! - templated reports (market closes, weather and results tables, "Tokyo stocks close
//!   higher" on two days): their words are the template's, their figures are the day's, and
//!   a figure of the shorter text missing from the longer one says another report;
//! - stories from the same place on the same day about different events: little shared text;
//! - a correction and another story than the one it corrects: a correction may change a
//!   figure or two, never the text, and a dispatch joins the story it is most like
//!   ([`best_match`]).
//!
//! What must be shared depends on what the marks say. An update (`UPDATE 1-`, a writethru,
//! a format's version 2) has a new lede and more detail: half of the shorter text and three
//! quarters of its figures suffice. A correction may change two figures. A dispatch sent
//! again (`REFILE-`, `RPT-`) or without a mark (the same story filed twice, a syndicated
//! copy) must hold three quarters of the shorter text on the same day (a fuller take of a
//! brief) and more on another day, with its figures: two reports of one template (a fund's
//! payout beside another fund's, a market close of another day) differ in their figures. A
//! format's own id (a NewsML guid, a ninjs uri) shared by two dispatches makes them one story
//! whatever their text: the index writer looks those up apart.

use jiff::civil::Date;

use super::fingerprint::Fingerprint;

/// Versions of a story are filed at most this many days apart.
pub const WINDOW_DAYS: i32 = 3;
/// Texts with fewer shingles than this are short (a results line, a one-sentence brief):
/// only a near-identical text with the same figures is the same story.
pub const SHORT_SHINGLES: u32 = 12;

/// What the decision knows of a dispatch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// Filing date.
    pub date: Option<Date>,
    /// Version rank (see [`super::marks::Marks::rank`]): 0 for a first version.
    pub rank: u32,
    /// Its text's fingerprint.
    pub fingerprint: Fingerprint,
}

impl Profile {
    /// Whether a version mark or a format's version says this is a later version with news
    /// (an update, a writethru), not the same version sent again.
    fn updates(&self) -> bool {
        self.rank >= 4
    }

    /// Whether a mark says it differs from the versions before it: an update or a
    /// correction. An unmarked dispatch whose figures another version of a story contradicts
    /// is not that story's, even when it matches a correction of it.
    pub fn marked_change(&self) -> bool {
        self.updates() || self.corrects()
    }

    /// Whether it corrects a fact of an earlier version (see [`super::marks::Marks::rank`]).
    fn corrects(&self) -> bool {
        self.rank % 4 == 2
    }
}

/// Why two dispatches are not one story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apart {
    /// Filed more than [`WINDOW_DAYS`] apart.
    Days,
    /// One has no text to compare.
    NoText,
    /// Not enough of the shorter text is in the longer one.
    Text,
    /// Figures of the shorter text are missing from the longer one.
    Figures,
}

/// The verdict on two dispatches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Versions of one story; the higher the score, the closer.
    Same(f32),
    /// Not one story, and why.
    Apart(Apart),
}

/// Whether `a` and `b` are versions of one story.
pub fn compare(a: &Profile, b: &Profile) -> Verdict {
    let days = match (a.date, b.date) {
        (Some(x), Some(y)) => Some((x - y).get_days().abs()),
        _ => None,
    };
    if days.is_some_and(|d| d > WINDOW_DAYS) {
        return Verdict::Apart(Apart::Days);
    }
    let (fa, fb) = (&a.fingerprint, &b.fingerprint);
    if fa.is_empty() || fb.is_empty() {
        return Verdict::Apart(Apart::NoText);
    }
    let (small, large) = if fa.shingles <= fb.shingles {
        (fa, fb)
    } else {
        (fb, fa)
    };
    let updates = a.updates() || b.updates();
    let corrects = a.corrects() || b.corrects();
    let short = small.shingles < SHORT_SHINGLES;
    let later_day = days.is_some_and(|d| d > 0);

    // What may differ between the two versions, by what their marks say of them.
    let figures = small.figures.count_ones();
    let missing = (small.figures & !large.figures).count_ones();
    let (allowed_missing, need_containment, need_jaccard) = if short || days.is_none() {
        // A line of results, a brief, an undated text: nothing may differ.
        (0, 0.95, 0.9)
    } else if updates {
        // A new lede and more detail: the old lede and a few of its figures may be gone,
        // but not the figures of the story (another company's results under the same
        // template would lose those).
        (1 + figures / 4, 0.5, 0.2)
    } else if corrects {
        // A figure or two put right, the rest as it was: another report of the same template
        // differs in a name as well, which is too much.
        (2, 0.85, 0.55)
    } else if later_day {
        // Sent again or syndicated on another day: all but identical.
        (figures / 10, 0.85, 0.5)
    } else {
        // The same day: a fuller take of a brief, a story sent again with edits.
        (figures / 10, 0.75, 0.35)
    };
    if missing > allowed_missing {
        return Verdict::Apart(Apart::Figures);
    }
    let jaccard = fa.similarity(fb);
    // |A ∩ B| = J (|A| + |B|) / (1 + J), as a share of the shorter text.
    let containment = (jaccard * (small.shingles + large.shingles) as f32
        / ((1.0 + jaccard) * small.shingles as f32))
        .min(1.0);
    if containment >= need_containment && jaccard >= need_jaccard {
        Verdict::Same(containment + jaccard)
    } else {
        Verdict::Apart(Apart::Text)
    }
}

/// The candidate `new` is most like among those it is one story with, with its score.
pub fn best_match<'a, T>(
    new: &Profile,
    candidates: impl IntoIterator<Item = (T, &'a Profile)>,
) -> Option<(T, f32)> {
    let mut best: Option<(T, f32)> = None;
    for (candidate, profile) in candidates {
        if let Verdict::Same(score) = compare(new, profile)
            && best.as_ref().is_none_or(|(_, s)| score > *s)
        {
            best = Some((candidate, score));
        }
    }
    best
}

/// Whether a format's own id names one document across its versions everywhere (a URN, a
/// URI, a tag), rather than a row of one export ("17"), which two exports may share.
pub fn qualified_id(id: &str) -> bool {
    id.len() >= 8 && id.contains([':', '/']) && !id.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::marks::{Mark, Marks};
    use jiff::civil::date;

    /// A Reuters-like story of some length.
    const COCOA: &str = "Cocoa prices rose sharply in London on Tuesday after heavy rains \
        delayed the harvest in Ivory Coast, the world's largest grower, dealers said. The \
        March contract ended 45 sterling higher at 1,234 a tonne. Arrivals at the ports of \
        Abidjan and San Pedro were 20 pct below last year's, exporters said, and buyers \
        feared a shortfall of 50,000 tonnes in the main crop. Traders expected more rain \
        this week, which would further delay drying of the beans, and some said the \
        International Cocoa Organisation might have to revise its surplus estimate.";

    fn profile(text: &str, day: i8, marks: &[Mark]) -> Profile {
        Profile {
            date: Some(date(1987, 3, day)),
            rank: Marks(marks.to_vec()).rank(None),
            fingerprint: Fingerprint::of(text),
        }
    }

    fn same(a: &Profile, b: &Profile) -> bool {
        matches!(compare(a, b), Verdict::Same(_)) && matches!(compare(b, a), Verdict::Same(_))
    }

    #[test]
    fn a_story_sent_again_is_one_story() {
        let first = profile(COCOA, 3, &[]);
        assert!(same(&first, &profile(COCOA, 3, &[])));
        assert!(same(&first, &profile(COCOA, 3, &[Mark::Refile])));
        assert!(same(&first, &profile(COCOA, 3, &[Mark::Repeat])));
        // Syndicated the next day, unmarked, a little trimmed.
        let trimmed = COCOA.replace(", the world's largest grower,", "");
        assert!(same(&first, &profile(&trimmed, 4, &[])));
    }

    #[test]
    fn an_update_with_a_new_lede_and_more_detail_is_one_story() {
        let first = profile(COCOA, 3, &[]);
        let rest = COCOA.split_once(". ").unwrap().1;
        let update = format!(
            "Cocoa futures jumped to their highest in a month in London on Tuesday as rains \
             in Ivory Coast threatened the main crop, and dealers said more gains were likely. \
             {rest} \"The market is short of nearby beans and the weather is not helping,\" \
             said one London dealer. Ghana's marketing board said its own purchases were on \
             course and that it expected to meet export commitments in full this season."
        );
        assert!(same(&first, &profile(&update, 3, &[Mark::Update(1)])));
    }

    #[test]
    fn a_correction_of_a_figure_is_one_story_but_a_changed_figure_unmarked_is_not() {
        let first = profile(COCOA, 3, &[]);
        let corrected_text = COCOA.replace("1,234", "1,324");
        assert!(same(
            &first,
            &profile(&corrected_text, 3, &[Mark::Corrected])
        ));
        assert_eq!(
            compare(&first, &profile(&corrected_text, 4, &[])),
            Verdict::Apart(Apart::Figures)
        );
    }

    #[test]
    fn templated_reports_of_other_days_are_never_one_story() {
        let close = |points: &str, level: &str, volume: &str| {
            format!(
                "The Nikkei average closed {points} points higher at {level} on Tuesday, led \
                 by buying of steels and shipbuilders on hopes of domestic demand, brokers \
                 said. Volume was {volume} mln shares, against 812 mln shares the day before. \
                 Advances outnumbered declines by 512 to 301 and the first section index \
                 rose 9.81 points to 1,923.04. Brokers said investors remained cautious ahead \
                 of the trade figures due later in the week."
            )
        };
        let monday = profile(&close("120.35", "21,345.67", "650"), 2, &[]);
        let tuesday = profile(&close("88.12", "21,433.79", "702"), 3, &[]);
        assert_eq!(compare(&monday, &tuesday), Verdict::Apart(Apart::Figures));
        // A week later the template is out of the window anyway.
        let later = profile(&close("120.35", "21,345.67", "650"), 10, &[]);
        assert_eq!(compare(&monday, &later), Verdict::Apart(Apart::Days));

        let weather = |lo: &str, hi: &str| {
            format!("Tokyo {lo} {hi} cloudy. Osaka 8 15 rain. Sapporo -2 4 snow. Naha 18 23 fair.")
        };
        assert_eq!(
            compare(
                &profile(&weather("6", "12"), 2, &[]),
                &profile(&weather("7", "13"), 3, &[])
            ),
            Verdict::Apart(Apart::Figures)
        );
        let results = |a: &str, b: &str| format!("Shr {a} cts vs {b} cts Net 2.1 mln vs 1.8 mln");
        assert!(!same(
            &profile(&results("12", "10"), 3, &[]),
            &profile(&results("14", "10"), 3, &[])
        ));
    }

    #[test]
    fn stories_from_one_place_on_one_day_about_different_events_are_apart() {
        let strike = profile(
            "Dockers in Rotterdam began a 24-hour strike on Tuesday over plans to cut jobs at \
             the grain terminals, halting the unloading of ships, a union spokesman said. The \
             port authority said 14 vessels were waiting and that it hoped talks would resume \
             on Wednesday with a mediator appointed by the government.",
            3,
            &[],
        );
        let bank = profile(
            "The Dutch central bank left its key rates unchanged on Tuesday, saying the guilder \
             was firm within the European Monetary System and money market rates were stable, \
             a spokesman said in Amsterdam. Economists had expected no change before the \
             Bundesbank council meets on Thursday.",
            3,
            &[],
        );
        assert_eq!(compare(&strike, &bank), Verdict::Apart(Apart::Text));
    }

    #[test]
    fn a_correction_joins_the_story_it_corrects_not_another_of_the_same_template() {
        let report = |net: &str, revs: &str| {
            format!(
                "Acme Corp said its first quarter net income was {net} mln dlrs, or 1.10 dlrs a \
                 share, on revenues of {revs} mln dlrs, compared with 40.1 mln dlrs a year \
                 earlier. The company said orders for its industrial pumps rose sharply in \
                 Europe and it expected the second quarter to be as strong."
            )
        };
        let first = profile(&report("45.2", "310.5"), 3, &[]);
        let other = profile(&report("47.9", "298.0"), 3, &[]);
        let correction = profile(&report("45.2", "301.5"), 3, &[Mark::Corrected]);
        let found = best_match(&correction, [("first", &first), ("other", &other)]);
        assert_eq!(found.map(|(which, _)| which), Some("first"));
        assert!(!same(&first, &other));
    }

    #[test]
    fn empty_and_short_texts_group_only_when_identical() {
        let empty = profile("", 3, &[]);
        assert_eq!(compare(&empty, &empty), Verdict::Apart(Apart::NoText));
        let brief = profile("Shr 12 cts vs 10 cts", 3, &[]);
        assert!(same(&brief, &profile("SHR 12 CTS VS 10 CTS", 3, &[])));
        assert!(!same(&brief, &profile("Shr 12 cts vs 11 cts", 3, &[])));
    }

    #[test]
    fn undated_dispatches_group_only_when_near_identical() {
        let undated = Profile {
            date: None,
            ..profile(COCOA, 3, &[])
        };
        assert!(same(&undated, &profile(COCOA, 3, &[])));
        let rest = COCOA.split_once(". ").unwrap().1;
        assert_eq!(
            compare(&undated, &profile(rest, 3, &[Mark::Update(1)])),
            Verdict::Apart(Apart::Text)
        );
    }

    #[test]
    fn qualified_ids_name_a_document_everywhere() {
        assert!(qualified_id("urn:newsml:reuters.com:20190312:nL8N1"));
        assert!(qualified_id("https://example.com/2019/03/12/story"));
        assert!(qualified_id("tag:ap.org,2019:abc"));
        assert!(!qualified_id("17"));
        assert!(!qualified_id("AP890101-0001"));
        assert!(!qualified_id("a b: c/d e"));
    }
}
