//! Where a dispatch's dateline is: the lines that may carry it (after headlines and wire
//! furniture), and the choice among the datelines the scanner finds on them, judged by the
//! text around them (a list's entries, a chronology's lines, a transcript's speakers).
//!
//! Every look is bounded, so finding the dateline costs time linear in the text.

use jiff::civil::Date;

use super::date;
use super::dateline::{self, DatePart, Found, floor_boundary};

/// Datelines start within this many bytes of the text's start, wire furniture not counted.
const DATELINE_REACH: usize = 300;
/// A dateline crediting an agency may start this far in, after a headline and an editor's
/// introduction (`The writer covered the war for ten years.`).
const CREDITED_REACH: usize = 700;
/// Bytes handed to the dateline scanner: the line and the start of the body after it.
pub(super) const SCAN_WINDOW: usize = 400;
/// Lines tried: the first paragraph's, then the first of each next one.
const MAX_CANDIDATES: usize = 6;
/// Paragraphs of the story tried: a headline, a second headline or an editor's introduction,
/// the dateline's. The third only when the first two are single lines, the first short.
const MAX_PARAGRAPHS: u8 = 3;
/// Longest line still taken as a headline.
pub(super) const MAX_TITLE: usize = 200;
/// Paragraphs of wire furniture skipped before the story (editors' notes, bylines, rules).
const MAX_FURNITURE: usize = 3;
/// Longest paragraph still taken as furniture.
const MAX_FURNITURE_LEN: usize = 1500;
/// How far the text around a candidate is read to judge it.
const CONTEXT_REACH: usize = 2000;
/// How many days a date-only dateline may be from the filing date before it reads as a
/// chronology's line.
const DATE_ONLY_DAYS: i32 = 7;

/// A line of the text that may carry the dateline.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Line {
    /// Where the line starts.
    pub start: usize,
    /// Where it ends, before its newline.
    pub end: usize,
    /// The story's paragraph (furniture not counted).
    pub paragraph: u8,
    /// Whether the next line is non-blank (the paragraph goes on).
    pub continued: bool,
    /// Bytes of furniture skipped before the line.
    pub furniture: usize,
    /// Where the paragraph before starts, if any (furniture skipped).
    pub previous: Option<usize>,
}

/// The lines a dateline may start: the first paragraph's first lines (a headline may precede
/// the dateline without an empty line), the first line of the next paragraph, and of the
/// third when the first two are single lines, the first short (a headline, then a second
/// headline or an editor's introduction). Paragraphs of wire furniture are skipped.
pub(super) fn candidate_lines(text: &str) -> ([Line; MAX_CANDIDATES], usize) {
    let mut out = [Line::default(); MAX_CANDIDATES];
    let mut count = 0;
    let mut pos = 0;
    let mut paragraph: Option<u8> = None;
    let mut paragraph_start = None;
    let mut previous = None;
    let mut new_paragraph = true;
    let mut furniture = 0usize;
    let mut furniture_seen = 0;
    while pos <= text.len() && count < MAX_CANDIDATES {
        if pos.saturating_sub(furniture) > CREDITED_REACH {
            break;
        }
        let end = line_end_of(text, pos);
        if text[pos..end].trim().is_empty() {
            if let Some(last) = out[..count].last_mut() {
                last.continued = false;
            }
            new_paragraph = true;
        } else if new_paragraph
            && furniture_seen < MAX_FURNITURE
            && let Some(furniture_end) = furniture_end(text, pos)
        {
            furniture += furniture_end - pos;
            furniture_seen += 1;
            pos = furniture_end;
            continue;
        } else {
            if new_paragraph {
                let next = paragraph.map_or(0, |p| p + 1);
                if next >= MAX_PARAGRAPHS || (next >= 2 && !story_not_begun(&out[..count])) {
                    break;
                }
                paragraph = Some(next);
                previous = paragraph_start;
                paragraph_start = Some(pos);
                new_paragraph = false;
            } else if paragraph != Some(0) {
                // Later paragraphs offer their first line only.
                if let Some(last) = out[..count].last_mut() {
                    last.continued = true;
                }
                break;
            } else if let Some(last) = out[..count].last_mut() {
                last.continued = true;
            }
            out[count] = Line {
                start: pos,
                end,
                paragraph: paragraph.unwrap_or(0),
                continued: false,
                furniture,
                previous,
            };
            count += 1;
        }
        if end >= text.len() {
            break;
        }
        pos = end + 1;
    }
    (out, count)
}

/// Whether the lines so far are a headline and a line alone in its paragraph (a second
/// headline, an editor's introduction), so the story may not have begun.
fn story_not_begun(lines: &[Line]) -> bool {
    lines.iter().all(|l| !l.continued)
        && lines.first().is_some_and(|l| l.end - l.start <= MAX_TITLE)
}

/// The end of the line starting at `pos` (before its newline).
fn line_end_of(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i)
}

/// The end of the paragraph starting at `pos` (its last line's end), looking at most `limit`
/// bytes ahead; None when it goes on beyond.
fn paragraph_end(text: &str, pos: usize, limit: usize) -> Option<usize> {
    let mut p = pos;
    loop {
        let end = line_end_of(text, p);
        if end - pos > limit {
            return None;
        }
        let next = end + 1;
        if next >= text.len() || text[next..line_end_of(text, next)].trim().is_empty() {
            return Some(end);
        }
        p = next;
    }
}

/// When the paragraph at `pos` is wire furniture, where it ends. Furniture: a note to
/// editors (`Eds: Updates with vote`, `EDITOR'S NOTE _ ...`), a byline line
/// (`AP Business Writer=`), a slug line, alone or above a note to editors
/// (`BC-Storms-Midwest, 2nd Ld-Writethru`), or a paragraph with no word (`--_`, `L`).
fn furniture_end(text: &str, pos: usize) -> Option<usize> {
    // The first line tells most paragraphs from furniture without reading them to their end.
    let first = text[pos..line_end_of(text, pos)].trim();
    let slug = is_slug_line(first);
    let may_be = slug
        || is_editors_note(first)
        || first.ends_with('=')
        || first.chars().filter(|c| c.is_alphabetic()).nth(1).is_none();
    if !may_be {
        return None;
    }
    let end = paragraph_end(text, pos, MAX_FURNITURE_LEN)?;
    let paragraph = text[pos..end].trim();
    let letters = paragraph.chars().filter(|c| c.is_alphabetic()).count();
    let after_slug = paragraph
        .split_once('\n')
        .map_or("", |(_, rest)| rest.trim_start());
    let furniture = letters <= 1
        || (!paragraph.contains('\n') && paragraph.ends_with('='))
        || is_editors_note(paragraph)
        || (slug && (after_slug.is_empty() || is_editors_note(after_slug)));
    furniture.then_some(end)
}

/// Longest line still taken as a slug line.
const MAX_SLUG: usize = 120;

/// Whether a line is an AP slug line: the news cycle (`BC`, `AM`, `PM`), a keyword of
/// hyphened words without spaces, then the version and word count (`BC-Storms-Midwest, 2nd
/// Ld-Writethru`, `^AM-Iraq-Bombing,0415^`), or any line naming a writethru.
fn is_slug_line(line: &str) -> bool {
    let line = line.trim().trim_matches('^');
    if line.len() > MAX_SLUG {
        return false;
    }
    if line.contains("Ld-Writethru") {
        return true;
    }
    let Some(rest) = ["BC-", "AM-", "PM-"]
        .iter()
        .find_map(|cycle| line.strip_prefix(cycle))
    else {
        return false;
    };
    let keyword = rest.split(',').next().unwrap_or("");
    !keyword.is_empty()
        && keyword
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&' | '/' | '\'' | '.'))
}

/// Whether a paragraph is a note to editors: `Eds:`, `EDS:`, `Editors:`, `Editor's Note:`.
fn is_editors_note(paragraph: &str) -> bool {
    if !paragraph.starts_with(['E', 'e']) {
        return false;
    }
    [
        "eds:",
        "eds.",
        "editors:",
        "editor's note",
        "editors' note",
        "editors note",
    ]
    .iter()
    .any(|p| {
        paragraph
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

/// Picks the dispatch's dateline among the candidate lines: the index of its line and what
/// the scanner found there.
pub(super) fn choose(
    text: &str,
    lines: &[Line],
    path_date: Option<Date>,
) -> Option<(usize, Found)> {
    // A place and a bare separator is weak evidence (`ECONOMIC SPOTLIGHT - INDONESIA`): a
    // dated or agency dateline on a later candidate line wins over it. A line alone in its
    // paragraph, with no sentence after its separator, followed by another dateline-shaped
    // line is a headline (`ROTTERDAM PORT SUBSIDY TO END JULY 1 - MINISTER`), so the later
    // one wins too. A place wins over a date alone.
    let mut chosen: Option<(usize, Found, bool)> = None;
    for (i, line) in lines.iter().enumerate() {
        let reach = line.start - line.furniture;
        if reach > CREDITED_REACH {
            break;
        }
        let window = &text[line.start..floor_boundary(text, line.start + SCAN_WINDOW)];
        let Some(f) = dateline::scan(window) else {
            continue;
        };
        // After a long paragraph (an editor's introduction, or the story itself), only a
        // dateline crediting an agency opens the story.
        let after_long = i > 0 && lines[i - 1].end - lines[i - 1].start > MAX_TITLE;
        let credited = f.agency.is_some() && f.location.is_some();
        if (reach > DATELINE_REACH || (line.paragraph >= 2 && after_long)) && !credited {
            continue;
        }
        if !fits_its_context(text, line, window, &f, path_date) {
            continue;
        }
        // Whether a story follows the dateline on its line: only asked of a line alone in its
        // paragraph (a headline's, or the AP's one-line paragraphs); an agency's credit opens
        // a story.
        let story =
            !line.continued && (f.agency.is_some() || dateline::reads_as_prose(&window[f.body..]));
        let better = match &chosen {
            None => true,
            Some((c, cf, c_story)) => {
                if cf.is_date_only() != f.is_date_only() {
                    cf.is_date_only()
                } else {
                    (f.strong && !cf.strong)
                        || (f.strong == cf.strong && !lines[*c].continued && !c_story)
                }
            }
        };
        if better {
            chosen = Some((i, f, story));
        }
        if f.strong && !f.is_date_only() && (line.continued || story) {
            break;
        }
    }
    chosen.map(|(i, f, _)| (i, f))
}

/// Whether a dateline found on `line` is the dispatch's, given the text around it: not an
/// entry of a list introduced by a colon, of a list or transcript whose paragraphs open the
/// same way, nor a chronology's line.
fn fits_its_context(
    text: &str,
    line: &Line,
    window: &str,
    f: &Found,
    path_date: Option<Date>,
) -> bool {
    let previous = line
        .previous
        .map(|p| &text[p..floor_boundary(text, (p + CONTEXT_REACH).min(line.start))]);
    // `Here are the week's scheduled events:`, `Among developments on the science front:`
    // introduce the entries of a list or a round-up.
    if let Some(before) = previous
        && before.trim_end().ends_with(':')
    {
        return false;
    }
    let next = || next_paragraph(text, line.end);
    if f.is_date_only() {
        let DatePart::Written(w) = f.date else {
            return false;
        };
        if let Some(reference) = path_date {
            let close = date::complete(w, Some(reference))
                .is_some_and(|d| (d - reference).get_days().abs().le(&DATE_ONLY_DAYS));
            if !close {
                return false;
            }
        }
        return !next()
            .and_then(dateline::scan)
            .is_some_and(|n| n.is_date_only());
    }
    if f.strong {
        return true;
    }
    let Some(separator) = separator_of(window, f) else {
        return true;
    };
    // A list or a transcript: the paragraph before or after opens the same way (the one before
    // may be a transcript's page picked up mid-sentence: `WASHN: of time.`).
    let same = |opening: Option<(char, bool)>| opening.is_some_and(|(s, _)| s == separator);
    !same(previous.and_then(label_opening)) && !same(next().and_then(label_opening))
}

/// The start of the paragraph after the one holding the line that ends at `line_end` (as
/// much as the scanner reads), when it starts within reach.
fn next_paragraph(text: &str, line_end: usize) -> Option<&str> {
    let limit = floor_boundary(text, line_end + CONTEXT_REACH);
    let mut pos = line_end;
    let mut blank = false;
    while pos < limit {
        let start = pos + 1;
        if start >= text.len() {
            return None;
        }
        let end = line_end_of(text, start);
        if text[start..end].trim().is_empty() {
            blank = true;
        } else if blank {
            return Some(&text[start..floor_boundary(text, start + SCAN_WINDOW)]);
        }
        pos = end;
    }
    None
}

/// The separator after a dateline, as [`label_opening`] classes it.
fn separator_of(window: &str, f: &Found) -> Option<char> {
    let after = window.get(f.end..f.body)?.trim_start();
    after.chars().next().map(separator_class)
}

/// Dashes of any length are one separator; a full stop after a one-letter label is a colon.
fn separator_class(c: char) -> char {
    match c {
        '—' | '–' => '-',
        '.' => ':',
        other => other,
    }
}

/// A paragraph opening with a label: one to five capitalised words, maybe with a `, Region`
/// (a speaker, a state, a make, a slug, a place) or one letter (`Q`, `A`), then a separator.
/// Returns the separator's class and whether a sentence follows it (a capital or a figure, as
/// opposed to a transcript's page picked up mid-sentence: `WASHN: of time.`).
fn label_opening(paragraph: &str) -> Option<(char, bool)> {
    let line = paragraph.lines().next()?;
    let line = &line[..floor_boundary(line, 80)];
    let mut words = 0;
    let mut rest = line.trim_start();
    loop {
        let word_len = rest
            .find(|c: char| !(c.is_alphabetic() || matches!(c, '.' | '\'' | '-')))
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        words += 1;
        rest = rest[word_len..]
            .strip_prefix(',')
            .unwrap_or(&rest[word_len..]);
        let single_letter = words == 1 && word.trim_end_matches('.').chars().count() == 1;
        let after = rest.trim_start();
        let separator = if single_letter && word.ends_with('.') {
            Some('.')
        } else {
            after
                .chars()
                .next()
                .filter(|c| matches!(c, '_' | ':' | '-' | '—' | '–'))
        };
        if let Some(s) = separator {
            let tail = if s == '.' {
                after
            } else {
                after[s.len_utf8()..].trim_start()
            };
            let sentence = tail
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '`' || c == '"');
            return Some((separator_class(s), sentence));
        }
        if words >= 5 || !rest.starts_with(' ') {
            return None;
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label_opening("NORTH: I was told."), Some((':', true)));
        assert_eq!(label_opening("Q: Will you sign it?"), Some((':', true)));
        assert_eq!(label_opening("Q. Will you sign it?"), Some((':', true)));
        assert_eq!(label_opening("WASHN: of time."), Some((':', false)));
        assert_eq!(label_opening("SEN. TOWER: Well, no."), Some((':', true)));
        assert_eq!(
            label_opening("GARDENS _ Planting starts."),
            Some(('_', true))
        );
        assert_eq!(
            label_opening("NEW YORK — The fair opens."),
            Some(('-', true))
        );
        assert_eq!(
            label_opening("GOLDEN, Colo. _ A conference."),
            Some(('_', true))
        );
        assert_eq!(label_opening("The fair opens on Monday."), None);
        assert_eq!(label_opening("the fair: opens"), None);
        assert_eq!(label_opening("ONE TWO THREE FOUR FIVE SIX: x"), None);
        assert_eq!(label_opening(""), None);
    }

    #[test]
    fn furniture() {
        let text = "Eds: Updates with vote\n\nWASHINGTON _ Text.";
        assert_eq!(furniture_end(text, 0), Some(22));
        assert_eq!(furniture_end("AP Business Writer=\n\nX", 0), Some(19));
        assert_eq!(furniture_end("--_\n\nX", 0), Some(3));
        assert_eq!(furniture_end("L\n\nX", 0), Some(1));
        assert_eq!(
            furniture_end("EDITOR'S NOTE _ The writer\n\nX", 0),
            Some(26)
        );
        assert_eq!(furniture_end("A title\n\nX", 0), None);
        let slug = "BC-Storms-Midwest, 2nd Ld-Writethru\nEds: Updates with toll.\n\nX";
        assert_eq!(furniture_end(slug, 0), Some(59));
        assert_eq!(furniture_end("^AM-Iraq-Bombing,0415^\n\nX", 0), Some(22));
        assert_eq!(furniture_end("PM-Obit-Smith\n\nX", 0), Some(13));
        // Headlines that only begin like slugs, and a slug above the story's own text.
        assert_eq!(furniture_end("AM-PM Trading Halted\n\nX", 0), None);
        assert_eq!(furniture_end("BC-Storms\nTornadoes hit.\n\nX", 0), None);
        let long_note = format!("Eds: {}\n\nX", "x ".repeat(1000));
        assert_eq!(furniture_end(&long_note, 0), None);
    }

    #[test]
    fn candidates_skip_furniture_and_stop_once_the_story_begins() {
        let text = "Title\n\n--_\n\nSecond title\n\nATHENS, Ga. (AP) _ Text.\n\nMore.";
        let (lines, count) = candidate_lines(text);
        let starts: Vec<&str> = lines[..count]
            .iter()
            .map(|l| &text[l.start..l.end])
            .collect();
        assert_eq!(
            starts,
            ["Title", "Second title", "ATHENS, Ga. (AP) _ Text."]
        );
        assert_eq!(lines[2].furniture, "--_".len());

        // An editor's introduction on one line may precede the dateline...
        let long = "x".repeat(250);
        let text = format!("Title\n\n{long}\n\nWASHINGTON (AP) _ Text.");
        let (_, count) = candidate_lines(&text);
        assert_eq!(count, 3);
        // ... but a paragraph of several lines is the story.
        let text = format!("Title\n\n{long}\nmore\n\nWASHINGTON (AP) _ Text.");
        let (lines, count) = candidate_lines(&text);
        assert_eq!(count, 2, "{:?}", &lines[..count]);
        assert!(lines[1].continued);
    }
}
