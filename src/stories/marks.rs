//! Version marks: how a wire says that a dispatch is a later version of a story it filed
//! before. Reuters puts them before the headline (`UPDATE 1-`, `REFILE-`, `RPT-`,
//! `CORRECTED-`, `CORRECTION-`, `WRAPUP 2-`, and Reuters-21578's `(CORRECTED) - `) and in a
//! line of its own ("(Adds comments, detail)", "(Corrects figure in paragraph 3)"); AP in the
//! slug line ("2nd Ld-Writethru") and in notes to editors ("Eds: Updates with vote count").
//!
//! A mark is removed from the headline shown and kept as a [`Marks`] value, whose
//! [`rank`](Marks::rank) orders the versions of one story. The marks found in a dispatch are
//! kept in its `mark` field as a [`label`](Marks::label) that [`Marks::from_label`] reads back.

/// Separates the parts of a label.
const LABEL_SEPARATOR: &str = " / ";

/// Longest note ("(Adds ...)", "Eds: ...") kept in a label, in characters.
const MAX_NOTE_CHARS: usize = 120;

/// How far into the text before the dateline and into the body marks are looked for.
const OPENING_REACH: usize = 600;

/// One version mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// `UPDATE n-` (`UPDATE-` is 1): a new lede, more detail.
    Update(u32),
    /// `WRAPUP n-`: a round-up that takes in earlier stories.
    Wrapup(u32),
    /// AP's `nth Ld-Writethru`: the whole story again with a new top.
    Writethru(u32),
    /// `REFILE-`: the same version sent again, mended (a typo, a tag).
    Refile,
    /// `RPT-`, `REPEAT-`: the same version sent again as it was.
    Repeat,
    /// `CORRECTED-`, `CORRECTION-`: the same story with a fact put right.
    Corrected,
    /// A note saying what a version changed: "(Adds comments)", "Eds: Updates with vote".
    Note {
        /// What the note says it does.
        change: Change,
        /// The note as written, without its brackets.
        text: String,
    },
}

/// What a note says a version changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Adds, updates, recasts or writes through: a later version.
    Update,
    /// Corrects a fact.
    Correction,
    /// Sends it again (refiles, repeats): the same version.
    Reissue,
}

/// The marks of one dispatch, in the order they were found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marks(pub Vec<Mark>);

impl Marks {
    /// Whether no mark was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How far along its story this version is: 0 for a first version; each update level
    /// (`UPDATE 2`, `2nd Ld-Writethru`, a format's version 3) counts 4, a correction adds 2
    /// and a refile or repeat 1 within a level. The latest version of a story has the highest
    /// rank (then the latest date).
    pub fn rank(&self, format_version: Option<u32>) -> u32 {
        let mut level = format_version.map_or(0, |v| v.saturating_sub(1));
        let mut within = 0;
        for mark in &self.0 {
            match mark {
                Mark::Update(n) | Mark::Wrapup(n) | Mark::Writethru(n) => level = level.max(*n),
                Mark::Note {
                    change: Change::Update,
                    ..
                } => level = level.max(1),
                Mark::Corrected
                | Mark::Note {
                    change: Change::Correction,
                    ..
                } => within = 2,
                Mark::Refile
                | Mark::Repeat
                | Mark::Note {
                    change: Change::Reissue,
                    ..
                } => within = within.max(1),
            }
        }
        level.min(u32::MAX / 8) * 4 + within
    }

    /// Whether a mark says this version puts a fact right (a figure may differ from the
    /// version it corrects).
    pub fn corrects(&self) -> bool {
        self.0.iter().any(|m| {
            matches!(
                m,
                Mark::Corrected
                    | Mark::Note {
                        change: Change::Correction,
                        ..
                    }
            )
        })
    }

    /// The marks as one line, e.g. `REFILE / UPDATE 1 / Adds comments, detail`; none when
    /// there are none.
    pub fn label(&self) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|mark| match mark {
                Mark::Update(n) => format!("UPDATE {n}"),
                Mark::Wrapup(n) => format!("WRAPUP {n}"),
                Mark::Writethru(n) => format!("{} Ld-Writethru", ordinal(*n)),
                Mark::Refile => "REFILE".into(),
                Mark::Repeat => "RPT".into(),
                Mark::Corrected => "CORRECTED".into(),
                Mark::Note { text, .. } => text.replace(LABEL_SEPARATOR, " - "),
            })
            .collect();
        Some(parts.join(LABEL_SEPARATOR))
    }

    /// The marks a [`label`](Marks::label) was made of.
    pub fn from_label(label: &str) -> Marks {
        Marks(
            label
                .split(LABEL_SEPARATOR)
                .filter_map(|part| {
                    let part = part.trim();
                    prefix_mark(part)
                        .filter(|(_, rest)| rest.is_empty())
                        .map(|(mark, _)| mark)
                        .or_else(|| writethru(part))
                        .or_else(|| note(part))
                })
                .collect(),
        )
    }

    /// Adds the marks of `other` that are not already there.
    pub fn merge(&mut self, other: Marks) {
        for mark in other.0 {
            self.push(mark);
        }
    }

    fn push(&mut self, mark: Mark) {
        if !self.0.contains(&mark) {
            self.0.push(mark);
        }
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, ...
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A headline without its version marks, and the marks: `UPDATE 2-Oil rises (Adds detail)`
/// is `Oil rises` with `UPDATE 2` and the note. A headline that is nothing but a mark is kept.
pub fn split_headline(headline: &str) -> (String, Marks) {
    let mut marks = Marks::default();
    let mut rest = headline.trim();
    while let Some((mark, after)) = prefix_mark(rest) {
        if after.is_empty() {
            break;
        }
        marks.push(mark);
        rest = after;
    }
    // Trailing marks: "Oil rises (UPDATE 1)", "Oil rises (Adds detail)".
    while let Some(inner) = rest.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let bracketed = inner[open + 1..].trim();
        let mark = prefix_mark(bracketed)
            .filter(|(_, after)| after.is_empty())
            .map(|(mark, _)| mark)
            .or_else(|| note(bracketed));
        let before = inner[..open].trim_end();
        match mark {
            Some(mark) if !before.is_empty() => {
                marks.push(mark);
                rest = before;
            }
            _ => break,
        }
    }
    (rest.to_string(), marks)
}

/// The marks in the text a dispatch opens with (notes to editors, slug lines, a note line
/// after the headline) and at the start of its body ("(Corrects figure in paragraph 3)").
pub fn in_text(opening: &str, body: &str) -> Marks {
    let mut marks = Marks::default();
    let head = &opening[..floor_char_boundary(opening, OPENING_REACH)];
    let start = &body[..floor_char_boundary(body, OPENING_REACH)];
    // Only the body's first line: a bracketed note deeper in is the story's own text.
    let first = start.lines().map(str::trim).find(|l| !l.is_empty());
    for line in head.lines().map(str::trim).chain(first) {
        let found = [writethru_in(line), editors_note(line), bracketed_note(line)];
        for mark in found.into_iter().flatten() {
            marks.push(mark);
        }
    }
    marks
}

/// The longest prefix of `text` at most `max` bytes long that ends on a character boundary.
fn floor_char_boundary(text: &str, max: usize) -> usize {
    if max >= text.len() {
        return text.len();
    }
    (0..=max)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// A mark opening `text` (`UPDATE 1-`, `(CORRECTED) - `, `REFILE-`), and the text after it.
fn prefix_mark(text: &str) -> Option<(Mark, &str)> {
    let (inner, after_word, bracketed) = match text.strip_prefix('(') {
        Some(inside) => {
            let close = inside.find(')')?;
            (&inside[..close], &inside[close + 1..], true)
        }
        None => {
            let end = text
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == ' '))
                .unwrap_or(text.len());
            (&text[..end], &text[end..], false)
        }
    };
    let mark = mark_word(inner.trim_end())?;
    // A mark is followed by a dash or colon (`UPDATE 1-`, `CORRECTION: `); in brackets it may
    // stand alone (`(RPT) U.S. SAYS`). The word alone is a headline's own ("UPDATE ON TALKS").
    let rest = after_word.trim_start();
    let rest = match rest.chars().next() {
        Some('-' | '–' | '—' | ':') => rest[rest.chars().next()?.len_utf8()..].trim_start(),
        _ if bracketed || rest.is_empty() => rest,
        _ => return None,
    };
    Some((mark, rest))
}

/// `UPDATE 2`, `REFILE`, `RPT`, `CORRECTED`, ... as a mark (any case).
fn mark_word(word: &str) -> Option<Mark> {
    let upper = word.trim().to_ascii_uppercase();
    let (name, number) = match upper.rsplit_once(' ') {
        Some((name, n)) if n.bytes().all(|b| b.is_ascii_digit()) => {
            (name.trim(), Some(n.parse::<u32>().ok()?))
        }
        _ => (upper.as_str(), None),
    };
    Some(match (name, number) {
        ("UPDATE", n) => Mark::Update(n.unwrap_or(1).max(1)),
        ("WRAPUP", n) => Mark::Wrapup(n.unwrap_or(1).max(1)),
        ("REFILE", None) => Mark::Refile,
        ("RPT" | "REPEAT", None) => Mark::Repeat,
        ("CORRECTED" | "CORRECTION", None) => Mark::Corrected,
        _ => return None,
    })
}

/// What a note's first word says it does: `Adds`, `Updates`, `Recasts`, `Corrects`, ...
fn change_of(note: &str) -> Option<Change> {
    let word: String = note
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    Some(match word.as_str() {
        "adds" | "updates" | "recasts" | "rewrites" | "writethru" | "writethrough" | "changes"
        | "inserts" | "subs" | "retops" | "expands" => Change::Update,
        "corrects" | "correction" | "fixes" => Change::Correction,
        "refiles" | "repeats" | "resends" => Change::Reissue,
        _ => return None,
    })
}

/// A note in brackets on a line of its own: `(Adds comments, detail)`.
fn bracketed_note(line: &str) -> Option<Mark> {
    let inner = line.strip_prefix('(')?.strip_suffix(')')?;
    if inner.contains(['(', ')']) {
        return None;
    }
    note(inner)
}

/// A note's text as a mark, when it says what the version changed.
fn note(text: &str) -> Option<Mark> {
    let text = text.trim();
    let change = change_of(text.strip_prefix("Eds:").unwrap_or(text))?;
    let text: String = text.chars().take(MAX_NOTE_CHARS).collect();
    Some(Mark::Note { change, text })
}

/// An editors' note about this version: `Eds: Updates with vote count.` (its first sentence).
fn editors_note(line: &str) -> Option<Mark> {
    let rest = line
        .strip_prefix("Eds:")
        .or_else(|| line.strip_prefix("EDS:"))?
        .trim();
    let first = rest.split_terminator(". ").next().unwrap_or(rest);
    let first = first.trim_end_matches('.');
    change_of(first)?;
    note(&format!("Eds: {first}"))
}

/// AP's writethru in a slug line: `BC-Storm-Floods, 2nd Ld-Writethru`.
fn writethru_in(line: &str) -> Option<Mark> {
    let at = line.find("Ld-Writethru")?;
    let before = line[..at].trim_end();
    let word = before.rsplit([' ', ',']).next().unwrap_or("");
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let level = digits.parse::<u32>().ok().filter(|n| *n > 0).unwrap_or(1);
    Some(Mark::Writethru(level))
}

/// A label's writethru part: `2nd Ld-Writethru`.
fn writethru(part: &str) -> Option<Mark> {
    part.ends_with("Ld-Writethru")
        .then(|| writethru_in(part))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(headline: &str) -> (String, Vec<Mark>) {
        let (rest, marks) = split_headline(headline);
        (rest, marks.0)
    }

    #[test]
    fn reuters_headline_prefixes_are_removed_and_kept() {
        let cases = [
            ("UPDATE 1-Oil rises on supply fears", Mark::Update(1)),
            ("UPDATE 12-Oil rises on supply fears", Mark::Update(12)),
            ("REFILE-Oil rises on supply fears", Mark::Refile),
            ("RPT-Oil rises on supply fears", Mark::Repeat),
            ("CORRECTED-Oil rises on supply fears", Mark::Corrected),
            ("CORRECTION-Oil rises on supply fears", Mark::Corrected),
            ("WRAPUP 2-Oil rises on supply fears", Mark::Wrapup(2)),
            ("CORRECTED - Oil rises on supply fears", Mark::Corrected),
            ("(CORRECTED) - Oil rises on supply fears", Mark::Corrected),
            ("(CORRECTED)-Oil rises on supply fears", Mark::Corrected),
            ("(RPT) Oil rises on supply fears", Mark::Repeat),
            ("Update 3 - Oil rises on supply fears", Mark::Update(3)),
            ("UPDATE-Oil rises on supply fears", Mark::Update(1)),
            ("Correction: Oil rises on supply fears", Mark::Corrected),
        ];
        for (headline, mark) in cases {
            assert_eq!(
                split(headline),
                ("Oil rises on supply fears".to_string(), vec![mark]),
                "{headline}"
            );
        }
    }

    #[test]
    fn stacked_and_trailing_marks_are_all_kept() {
        assert_eq!(
            split("REFILE-UPDATE 2-Oil rises"),
            ("Oil rises".into(), vec![Mark::Refile, Mark::Update(2)])
        );
        assert_eq!(
            split("UPDATE 1-Cocoa prices jump (Adds analyst comment, details)"),
            (
                "Cocoa prices jump".into(),
                vec![
                    Mark::Update(1),
                    Mark::Note {
                        change: Change::Update,
                        text: "Adds analyst comment, details".into()
                    }
                ]
            )
        );
        assert_eq!(
            split("Typhoon nears Manila (UPDATE 1)"),
            ("Typhoon nears Manila".into(), vec![Mark::Update(1)])
        );
    }

    #[test]
    fn words_that_only_look_like_marks_stay_in_the_headline() {
        for headline in [
            "DAIWA SECURITIES TO SUPPLY MARKET UPDATE",
            "GREECE REPEATS IT CAN DECIDE ON AEGEAN DRILLING",
            "TWA TO REFILE WITH U.S. AGENCY",
            "UPDATE ON TALKS EXPECTED MONDAY",
            "EXCLUSIVE-Oil major weighs sale",
            "SILVER STATE MINING <SSMC> CORRECTS NET",
            "Apple (AAPL) results beat forecasts",
            "Refiled claims rise",
            "UPDATE",
            "(CORRECTED)",
        ] {
            assert_eq!(
                split(headline),
                (headline.to_string(), vec![]),
                "{headline}"
            );
        }
    }

    #[test]
    fn notes_and_slugs_of_the_opening_and_the_body_start_are_marks() {
        let marks = in_text(
            "Eds: Updates with vote count. Moves on general news wires.\nBC-Storm-Floods, 2nd Ld-Writethru\nStorm floods towns\n",
            "DENVER (AP) _ Floods hit.",
        );
        assert_eq!(
            marks.0,
            vec![
                Mark::Note {
                    change: Change::Update,
                    text: "Eds: Updates with vote count".into()
                },
                Mark::Writethru(2),
            ]
        );
        let corrected = in_text("", "(Corrects figure in paragraph 3)\nCocoa rose 5 pct.");
        assert_eq!(
            corrected.0,
            vec![Mark::Note {
                change: Change::Correction,
                text: "Corrects figure in paragraph 3".into()
            }]
        );
        // Notes that say nothing of a version, and brackets inside the story, are not marks.
        assert!(in_text("Eds: Moves on general news wires.\n", "Text.").is_empty());
        assert!(in_text("", "Prices rose.\n(Adds detail)\n").is_empty());
        assert!(in_text("", "(Reuters) Text (adds nothing)").is_empty());
        assert_eq!(
            in_text("BC-Strike, Ld-Writethru\n", "").0,
            vec![Mark::Writethru(1)]
        );
    }

    #[test]
    fn ranks_order_versions_of_one_story() {
        let rank = |marks: Vec<Mark>| Marks(marks).rank(None);
        let first = rank(vec![]);
        let refile = rank(vec![Mark::Refile]);
        let corrected = rank(vec![Mark::Corrected]);
        let update1 = rank(vec![Mark::Update(1)]);
        let refiled_update1 = rank(vec![Mark::Refile, Mark::Update(1)]);
        let corrected_update1 = rank(vec![Mark::Corrected, Mark::Update(1)]);
        let writethru2 = rank(vec![Mark::Writethru(2)]);
        let order = [
            first,
            refile,
            corrected,
            update1,
            refiled_update1,
            corrected_update1,
            writethru2,
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert_eq!(first, 0);
        // A format's own version number counts as an update level.
        assert_eq!(Marks::default().rank(Some(1)), 0);
        assert_eq!(Marks::default().rank(Some(3)), rank(vec![Mark::Update(2)]));
        assert_eq!(Marks(vec![Mark::Update(1)]).rank(Some(3)), 8);
    }

    #[test]
    fn a_label_reads_back_as_its_marks() {
        let marks = Marks(vec![
            Mark::Refile,
            Mark::Update(2),
            Mark::Writethru(3),
            Mark::Wrapup(1),
            Mark::Repeat,
            Mark::Corrected,
            Mark::Note {
                change: Change::Update,
                text: "Adds comments, detail".into(),
            },
            Mark::Note {
                change: Change::Correction,
                text: "Eds: Corrects spelling of name".into(),
            },
        ]);
        let label = marks.label().unwrap();
        assert_eq!(
            label,
            "REFILE / UPDATE 2 / 3rd Ld-Writethru / WRAPUP 1 / RPT / CORRECTED / Adds comments, detail / Eds: Corrects spelling of name"
        );
        assert_eq!(Marks::from_label(&label), marks);
        assert_eq!(Marks::default().label(), None);
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert!(marks.corrects());
        assert!(!Marks(vec![Mark::Update(1)]).corrects());
    }
}
