//! How well dispatches are grouped into stories, measured on Reuters-21578.
//!
//!     cargo run --release --example story_accuracy -- DISPATCHES [--work DIR] [--list] [--missed] [--check]
//!
//! DISPATCHES is `reuters21578/dispatches` (one `YYYY-MM-DD/NEWID.txt` per dispatch). The
//! test set is made from it deterministically, in `--work DIR` (default
//! `target/story-accuracy`):
//! - every real dispatch, as it is. Which real dispatches are one story (the corpus holds
//!   many stories filed twice or edited and sent again) is decided without the indexer's
//!   method: by a word diff (four fifths of the shorter text's words found in order in the
//!   other, with all its figures, within three days; half when a headline carries a version
//!   mark), on the pairs that share a sentence word for word or that the indexer grouped;
//!   then by the verdicts of `scripts/reuters-versions.tsv`, pairs judged by reading;
//! - for every fourth dispatch of some length (by its NEWID), later versions written the way
//!   desks write them, in turn by NEWID: an `UPDATE 1-` with a new lede paragraph and a
//!   paragraph of comment (and for every other one an `UPDATE 2-` on top of it); a `REFILE-`
//!   with one word spelt differently; a `CORRECTED-` with one figure changed and a
//!   "(Corrects ...)" note; an AP-style writethru (an editors' note "Eds: Updates with ...",
//!   a new headline and a new top, the story from its second paragraph on); a syndicated copy
//!   with another headline, no mark and without its last paragraph, filed the same day or the
//!   next.
//!
//! It indexes the test set with the library's indexer, reads each dispatch's story back, and
//! prints pairwise precision and recall (pairs of dispatches put in one story, against pairs
//! that are one story), recall by kind of version, and how many pairs of real look-alikes
//! (dispatches whose headlines are the same once figures are taken out: daily market
//! reports, weekly figures, results, that are not one story) were put in one story. `--list`
//! prints every group of real dispatches put in one story (UNJUDGED when the truth says they
//! are not one story, to read), `--missed` every version and real pair not grouped with its
//! story and why; `--check` fails below precision 0.99 or recall 0.95.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use dateline::index::document::StoryColumns;
use dateline::index::{IndexOptions, open, run_index};

/// Targets checked by `--check`.
const MIN_PRECISION: f64 = 0.99;
const MIN_RECALL: f64 = 0.95;

/// Kinds of derived versions, chosen in turn by NEWID.
const KINDS: [&str; 5] = ["update", "refile", "corrected", "writethru", "syndicated"];

/// A Reuters dispatch file cut into its parts.
struct Parsed {
    title: String,
    /// `LONDON, March 3 - `
    dateline: String,
    paragraphs: Vec<String>,
}

fn parse(text: &str) -> Option<Parsed> {
    let (title, rest) = text.split_once("\n\n")?;
    let mut paragraphs: Vec<String> = Vec::new();
    for line in rest.lines() {
        let trimmed = line.trim();
        if trimmed.eq_ignore_ascii_case("reuter") || trimmed.is_empty() {
            continue;
        }
        if line.starts_with("    ") || paragraphs.is_empty() {
            paragraphs.push(trimmed.to_string());
        } else if let Some(last) = paragraphs.last_mut() {
            last.push(' ');
            last.push_str(trimmed);
        }
    }
    let first = paragraphs.first()?.clone();
    let cut = first.find(" - ").filter(|&i| i < 60)?;
    paragraphs[0] = first[cut + 3..].to_string();
    Some(Parsed {
        title: title.trim().to_string(),
        dateline: first[..cut + 3].to_string(),
        paragraphs,
    })
}

fn render(title: &str, dateline: &str, paragraphs: &[String], furniture: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(note) = furniture {
        out.push_str(note);
        out.push_str("\n\n");
    }
    out.push_str(title);
    out.push_str("\n\n");
    out.push_str(dateline);
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n    ");
        }
        out.push_str(p);
    }
    out.push_str("\n Reuter\n");
    out
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// "COCOA PRICES JUMP" -> "Cocoa prices jump".
fn sentence_case(title: &str) -> String {
    let lower = title.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A capitalised word of the text other than its first, to name a source ("Gulf", "Bank").
fn a_name(text: &str) -> String {
    text.split_whitespace()
        .skip(1)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| w.len() > 3 && w.chars().next().is_some_and(char::is_uppercase))
        .unwrap_or("industry")
        .to_string()
}

const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// A new lede for an update: the headline's news as a sentence, attributed.
fn new_lede(parsed: &Parsed, n: u64, level: u32) -> String {
    let subject = sentence_case(&parsed.title);
    let source = a_name(&parsed.paragraphs[0]);
    let day = WEEKDAYS[(n as usize) % WEEKDAYS.len()];
    match level {
        1 => format!(
            "{subject}, {source} sources said on {day}, in a move that surprised some observers."
        ),
        _ => format!(
            "{source} officials confirmed on {day} that {}, adding that details would follow.",
            subject.to_lowercase()
        ),
    }
}

/// A paragraph of comment for an update.
fn comment(parsed: &Parsed, n: u64, level: u32) -> String {
    let source = a_name(parsed.paragraphs.last().map_or("", String::as_str));
    let pool = [
        format!(
            "\"We had expected this for some weeks and the {source} position has not really changed,\" one analyst said, adding that the market reaction had been muted."
        ),
        format!(
            "A spokesman for {source} declined to comment further, but said a fuller statement would be issued later in the week."
        ),
        format!(
            "Analysts said the {source} news had been partly anticipated, and several said they would review their forecasts in the light of it."
        ),
        format!(
            "Officials close to {source} said further talks were planned, although no date had been set and the timetable could still slip."
        ),
    ];
    pool[((n as usize) + level as usize) % pool.len()].clone()
}

/// The text with one word spelt differently (two letters swapped).
fn typo(parsed: &Parsed, n: u64) -> Vec<String> {
    let mut paragraphs = parsed.paragraphs.clone();
    let p = (n as usize) % paragraphs.len();
    let mut words: Vec<String> = paragraphs[p].split(' ').map(str::to_string).collect();
    if let Some(w) = words
        .iter_mut()
        .filter(|w| w.len() > 5 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .nth((n as usize / 7) % 3)
        .or(None)
    {
        let mut chars: Vec<char> = w.chars().collect();
        chars.swap(1, 2);
        *w = chars.into_iter().collect();
    }
    paragraphs[p] = words.join(" ");
    paragraphs
}

/// The text with one figure changed, and which paragraph it was in.
fn changed_figure(parsed: &Parsed) -> Option<(Vec<String>, usize)> {
    let mut paragraphs = parsed.paragraphs.clone();
    for (p, paragraph) in paragraphs.iter_mut().enumerate() {
        let mut words: Vec<String> = paragraph.split(' ').map(str::to_string).collect();
        if let Some(w) = words
            .iter_mut()
            .find(|w| w.chars().any(|c| c.is_ascii_digit()))
        {
            let digit = w.find(|c: char| c.is_ascii_digit())?;
            let d = w.as_bytes()[digit] - b'0';
            let replaced = char::from(b'0' + (d + 3) % 10);
            w.replace_range(digit..digit + 1, &replaced.to_string());
            *paragraph = words.join(" ");
            return Some((paragraphs, p + 1));
        }
    }
    None
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// The dateline and folder of the next day, when the dateline's day can be moved safely.
fn next_day(dateline: &str, folder: &str) -> Option<(String, String)> {
    let (place, rest) = dateline.split_once(", ")?;
    let date = rest.trim_end_matches(" - ");
    let (month, day) = date.split_once(' ')?;
    let day: u32 = day.parse().ok()?;
    if day >= 28 || !MONTHS.iter().any(|m| m.eq_ignore_ascii_case(month)) {
        return None;
    }
    let (ymd, folder_day) = folder.rsplit_once('-')?;
    let folder_day: u32 = folder_day.parse().ok()?;
    Some((
        format!("{place}, {month} {} - ", day + 1),
        format!("{ymd}-{:02}", folder_day + 1),
    ))
}

/// A derived version: where it goes, its text, its kind.
struct Derived {
    folder: String,
    name: String,
    text: String,
    kind: &'static str,
}

fn derive(parsed: &Parsed, folder: &str, newid: u64) -> Vec<Derived> {
    let n = newid / 4;
    let kind = KINDS[(n as usize) % KINDS.len()];
    let mut out = Vec::new();
    let rest = &parsed.paragraphs[1..];
    match kind {
        "update" => {
            let mut paragraphs = vec![new_lede(parsed, n, 1)];
            paragraphs.extend(parsed.paragraphs.iter().cloned());
            paragraphs.push(comment(parsed, n, 1));
            out.push(Derived {
                folder: folder.into(),
                name: format!("{newid}-update1.txt"),
                text: render(
                    &format!("UPDATE 1-{}", parsed.title),
                    &parsed.dateline,
                    &paragraphs,
                    None,
                )
                .replacen("\n\n", "\n(Adds comment, background)\n\n", 1),
                kind: "update",
            });
            if n.is_multiple_of(2) {
                let mut second = vec![new_lede(parsed, n, 2)];
                second.extend(paragraphs[1..].iter().cloned());
                second.push(comment(parsed, n, 2));
                out.push(Derived {
                    folder: folder.into(),
                    name: format!("{newid}-update2.txt"),
                    text: render(
                        &format!("UPDATE 2-{}", parsed.title),
                        &parsed.dateline,
                        &second,
                        None,
                    ),
                    kind: "update",
                });
            }
        }
        "refile" => out.push(Derived {
            folder: folder.into(),
            name: format!("{newid}-refile.txt"),
            text: render(
                &format!("REFILE-{}", parsed.title),
                &parsed.dateline,
                &typo(parsed, n),
                None,
            ),
            kind,
        }),
        "corrected" => {
            if let Some((paragraphs, at)) = changed_figure(parsed) {
                out.push(Derived {
                    folder: folder.into(),
                    name: format!("{newid}-corrected.txt"),
                    text: render(
                        &format!("CORRECTED-{}", parsed.title),
                        &parsed.dateline,
                        &paragraphs,
                        None,
                    )
                    .replacen(
                        "\n\n",
                        &format!("\n(Corrects figure in paragraph {at})\n\n"),
                        1,
                    ),
                    kind,
                });
            }
        }
        "writethru" => {
            let mut paragraphs = vec![new_lede(parsed, n, 1), new_lede(parsed, n + 1, 2)];
            paragraphs.extend(rest.iter().cloned());
            paragraphs.push(comment(parsed, n, 3));
            out.push(Derived {
                folder: folder.into(),
                name: format!("{newid}-writethru.txt"),
                text: render(
                    &format!("{} AFTER TALKS", parsed.title),
                    &parsed.dateline,
                    &paragraphs,
                    Some("Eds: Updates with official comment, new top. Moves on financial wires."),
                ),
                kind,
            });
        }
        _ => {
            let headline: Vec<&str> = parsed.paragraphs[0].split_whitespace().take(7).collect();
            let mut paragraphs = parsed.paragraphs.clone();
            if paragraphs.len() >= 4 {
                paragraphs.pop();
            }
            let (dateline, folder) = if n.is_multiple_of(2) {
                next_day(&parsed.dateline, folder)
                    .unwrap_or_else(|| (parsed.dateline.clone(), folder.to_string()))
            } else {
                (parsed.dateline.clone(), folder.to_string())
            };
            out.push(Derived {
                folder,
                name: format!("{newid}-syndicated.txt"),
                text: render(
                    &sentence_case(&headline.join(" ")),
                    &dateline,
                    &paragraphs,
                    None,
                ),
                kind,
            });
        }
    }
    out
}

/// Two keys in order, as the verdicts file is looked up.
fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// A sentence as compared: lower case, words only, without ticker symbols (`<LLOY.L>`),
/// which one copy of a story may carry and another not.
fn normal(sentence: &str) -> String {
    let mut plain = String::with_capacity(sentence.len());
    let mut in_ticker = false;
    for c in sentence.chars() {
        match c {
            '<' => in_ticker = true,
            '>' => in_ticker = false,
            _ if !in_ticker => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentences of a dispatch's body, normalised, of six words or more.
fn sentences(parsed: &Parsed) -> Vec<String> {
    parsed
        .paragraphs
        .iter()
        .flat_map(|p| p.split(". "))
        .map(normal)
        .filter(|s| s.split(' ').count() >= 6)
        .collect()
}

/// The figures of a dispatch's body.
fn figures(parsed: &Parsed) -> std::collections::HashSet<String> {
    parsed
        .paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

/// Whether a Reuters headline says the dispatch is a later version (updated, corrected,
/// repeated).
fn marked(title: &str) -> bool {
    let upper = title.to_uppercase();
    [
        "UPDATE",
        "CORRECTED",
        "CORRECTION",
        "(RPT)",
        "RPT-",
        "REFILE",
        "REPEAT",
    ]
    .iter()
    .any(|mark| upper.contains(mark))
}

/// Days between two `YYYY-MM-DD` folders.
fn days_apart(a: &str, b: &str) -> Option<i32> {
    let day = |s: &str| -> Option<jiff::civil::Date> { s.parse().ok() };
    Some((day(a)? - day(b)?).get_days().abs())
}

/// The words of a dispatch's body as compared: lower case, ticker symbols (`<LLOY.L>`,
/// which one copy may carry and another not) left out.
fn plain_words(parsed: &Parsed) -> Vec<String> {
    parsed
        .paragraphs
        .iter()
        .map(|p| normal(p))
        .flat_map(|p| p.split(' ').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Share of the shorter word list found, in order, in the longer (a word diff's matches).
fn aligned(a: &[String], b: &[String]) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    let matched: usize = similar::capture_diff_slices(similar::Algorithm::Myers, small, large)
        .iter()
        .map(|op| match op {
            similar::DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    matched as f64 / small.len() as f64
}

/// The reference judgement of which real dispatches are one story, from their exact words
/// (a word diff, no MinHash, no shingles): filed within three days, and four fifths of the
/// shorter one's words are in the other, in order, with every figure of it; or, when a
/// headline carries a version mark, half of its words. Pairs looked at: those sharing a
/// sentence word for word, and those the indexer put in one story.
fn judge(
    reals: &[(String, String, Parsed)],
    predicted: &HashMap<String, String>,
) -> Vec<(String, String)> {
    let texts: Vec<Vec<String>> = reals.iter().map(|(_, _, p)| sentences(p)).collect();
    let mut by_sentence: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, sentences) in texts.iter().enumerate() {
        for sentence in sentences {
            let holders = by_sentence.entry(sentence).or_default();
            if holders.last() != Some(&i) {
                holders.push(i);
            }
        }
    }
    let mut candidates: std::collections::BTreeSet<(usize, usize)> = Default::default();
    for holders in by_sentence
        .values()
        .filter(|h| h.len() > 1 && h.len() <= 50)
    {
        for (n, &a) in holders.iter().enumerate() {
            for &b in &holders[n + 1..] {
                candidates.insert((a, b));
            }
        }
    }
    let mut by_story: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (key, _, _)) in reals.iter().enumerate() {
        if let Some(story) = predicted.get(key) {
            by_story.entry(story).or_default().push(i);
        }
    }
    for members in by_story.values() {
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                candidates.insert((a.min(b), a.max(b)));
            }
        }
    }
    let words: Vec<Vec<String>> = reals.iter().map(|(_, _, p)| plain_words(p)).collect();
    let mut same = Vec::new();
    for (a, b) in candidates {
        let ((ka, da, pa), (kb, db, pb)) = (&reals[a], &reals[b]);
        if days_apart(da, db).is_none_or(|d| d > 3) {
            continue;
        }
        let share = aligned(&words[a], &words[b]);
        let (ps, pl) = if words[a].len() <= words[b].len() {
            (pa, pb)
        } else {
            (pb, pa)
        };
        let figures_kept = figures(ps).is_subset(&figures(pl));
        let versioned = marked(&pa.title) || marked(&pb.title);
        if (share >= 0.8 && figures_kept) || (versioned && share >= 0.5) {
            same.push((ka.clone(), kb.clone()));
        }
    }
    same
}

/// Headline without figures: the same for reports of one template.
fn template(title: &str) -> String {
    title
        .split_whitespace()
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn pairs(n: usize) -> u64 {
    (n as u64) * (n.saturating_sub(1) as u64) / 2
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(source) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: story_accuracy DISPATCHES [--work DIR] [--list] [--check]");
        std::process::exit(2);
    };
    let work = args
        .iter()
        .position(|a| a == "--work")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/story-accuracy"));
    let list = args.iter().any(|a| a == "--list");
    let check = args.iter().any(|a| a == "--check");
    let judged = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/reuters-versions.tsv");

    let archive = work.join("archive");
    let index_dir = work.join("index");
    let _ = std::fs::remove_dir_all(&work);
    // key -> story in truth; key -> kind of version (None for a real dispatch).
    let mut truth: HashMap<String, String> = HashMap::new();
    let mut kind_of: HashMap<String, &'static str> = HashMap::new();
    let mut titles: HashMap<String, (String, String)> = HashMap::new();
    // Real dispatches as read, for the reference judgement.
    let mut reals: Vec<(String, String, Parsed)> = Vec::new();
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&source)
        .unwrap_or_else(|e| panic!("{}: {e}", source.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let (mut real, mut derived) = (0usize, 0usize);
    for folder in &folders {
        let folder_name = folder.file_name().unwrap().to_string_lossy().to_string();
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for file in files {
            let Some(newid) = file
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<u64>().ok())
            else {
                continue;
            };
            let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
            let key = format!("{folder_name}/{newid}.txt");
            write(&archive.join(&key), &text);
            truth.insert(key.clone(), key.clone());
            real += 1;
            let Some(parsed) = parse(&text) else { continue };
            titles.insert(key.clone(), (parsed.title.clone(), folder_name.clone()));
            let body_words: usize = parsed.paragraphs.iter().map(|p| words(p)).sum();
            if newid % 4 == 0 && parsed.paragraphs.len() >= 3 && body_words >= 80 {
                for version in derive(&parsed, &folder_name, newid) {
                    let vkey = format!("{}/{}", version.folder, version.name);
                    write(&archive.join(&vkey), &version.text);
                    truth.insert(vkey.clone(), key.clone());
                    kind_of.insert(vkey, version.kind);
                    derived += 1;
                }
            }
            reals.push((key, folder_name.clone(), parsed));
        }
    }
    // Real versions among the real dispatches: by the reference judgement, then by the
    // verdicts read in scripts/reuters-versions.tsv (which win).
    let mut overrides: HashMap<(String, String), bool> = HashMap::new();
    if let Ok(text) = std::fs::read_to_string(&judged) {
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [a, b, verdict, ..] = cols[..] {
                overrides.insert(ordered(a, b), verdict == "same");
            }
        }
    }
    let started = std::time::Instant::now();
    let report = run_index(&IndexOptions::new(archive.clone(), index_dir.clone()), &())
        .unwrap_or_else(|e| panic!("indexing failed: {e}"));
    let seconds = started.elapsed().as_secs_f64();
    let opened = open(&index_dir).unwrap();
    let searcher = opened.index.reader().unwrap().searcher();
    let mut predicted: HashMap<String, String> = HashMap::new();
    for segment in searcher.segment_readers() {
        let columns = StoryColumns::of(segment).unwrap();
        for doc in segment.doc_ids_alive() {
            if let (Some(path), Some(story)) = (columns.path(doc), columns.story(doc)) {
                predicted.insert(path, story);
            }
        }
    }

    let mut real_pairs: Vec<(String, String)> = Vec::new();
    for (a, b) in judge(&reals, &predicted) {
        if overrides.get(&ordered(&a, &b)) != Some(&false) {
            real_pairs.push((a, b));
        }
    }
    let read_pairs = overrides.values().filter(|same| **same).count();
    real_pairs.extend(
        overrides
            .iter()
            .filter(|(_, same)| **same)
            .map(|((a, b), _)| (a.clone(), b.clone())),
    );
    let judged_pairs = real_pairs.len();
    for (a, b) in &real_pairs {
        if let (Some(sa), Some(sb)) = (truth.get(a).cloned(), truth.get(b).cloned())
            && sa != sb
        {
            // b's story joins a's, with every dispatch already in it.
            for story in truth.values_mut() {
                if *story == sb {
                    *story = sa.clone();
                }
            }
        }
    }

    // Pairwise figures: cells of (predicted story, true story).
    let mut cells: HashMap<(&str, &str), usize> = HashMap::new();
    let mut by_pred: HashMap<&str, usize> = HashMap::new();
    let mut by_truth: HashMap<&str, usize> = HashMap::new();
    for (key, story) in &truth {
        let Some(pred) = predicted.get(key) else {
            continue;
        };
        *cells.entry((pred, story)).or_default() += 1;
        *by_pred.entry(pred).or_default() += 1;
        *by_truth.entry(story).or_default() += 1;
    }
    let together: u64 = cells.values().map(|&n| pairs(n)).sum();
    let predicted_pairs: u64 = by_pred.values().map(|&n| pairs(n)).sum();
    let true_pairs: u64 = by_truth.values().map(|&n| pairs(n)).sum();
    let precision = together as f64 / predicted_pairs.max(1) as f64;
    let recall = together as f64 / true_pairs.max(1) as f64;

    // Recall by kind: a version grouped with the dispatch it was made from.
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (key, kind) in &kind_of {
        let entry = kinds.entry(kind).or_default();
        entry.1 += 1;
        if predicted.contains_key(key) && predicted.get(key) == predicted.get(&truth[key]) {
            entry.0 += 1;
        }
    }
    // Real look-alikes: real dispatches of one template (headline without figures).
    let mut by_template: HashMap<String, Vec<&String>> = HashMap::new();
    for (key, (title, _)) in &titles {
        by_template.entry(template(title)).or_default().push(key);
    }
    let (mut lookalike_pairs, mut lookalike_merged) = (0u64, 0u64);
    for keys in by_template.values().filter(|k| k.len() > 1) {
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                if truth[*a] == truth[*b] {
                    continue;
                }
                lookalike_pairs += 1;
                if predicted.contains_key(*a) && predicted.get(*a) == predicted.get(*b) {
                    lookalike_merged += 1;
                }
            }
        }
    }

    println!(
        "test set: {real} real dispatches and {derived} versions derived from them ({} indexed in {seconds:.1} s); {judged_pairs} pairs of real dispatches judged one story ({read_pairs} of them by reading)",
        report.indexed()
    );
    println!();
    println!("| | pairs | precision | recall |");
    println!("|---|---:|---:|---:|");
    println!(
        "| all dispatches | {true_pairs} true, {predicted_pairs} grouped, {together} both | {precision:.4} | {recall:.4} |"
    );
    println!();
    println!("| version kind | grouped with its first version |");
    println!("|---|---:|");
    for (kind, (found, total)) in &kinds {
        println!(
            "| {kind} | {found} of {total} ({:.2}%) |",
            100.0 * *found as f64 / (*total).max(1) as f64
        );
    }
    println!();
    println!(
        "real look-alikes (one template, different stories): {lookalike_merged} of {lookalike_pairs} pairs put in one story"
    );
    if args.iter().any(|a| a == "--missed") {
        // Why versions were not grouped with the dispatch they were made from.
        let profile = |key: &str| {
            let text = std::fs::read_to_string(archive.join(key)).unwrap_or_default();
            dateline::stories::profile_of(&dateline::dispatch::parse(&text, key))
        };
        for (a, b) in &real_pairs {
            if predicted.get(a) != predicted.get(b) {
                let (pa, pb) = (profile(a), profile(b));
                println!(
                    "missed real {a} {b}: {:?}, similarity {:.2}, shingles {} / {}, ranks {} / {}, dates {:?} / {:?}",
                    dateline::stories::compare(&pa, &pb),
                    pa.fingerprint.similarity(&pb.fingerprint),
                    pa.fingerprint.shingles,
                    pb.fingerprint.shingles,
                    pa.rank,
                    pb.rank,
                    pa.date,
                    pb.date
                );
            }
        }
        let mut missed: Vec<&String> = kind_of
            .keys()
            .filter(|k| predicted.get(*k) != predicted.get(&truth[*k]))
            .collect();
        missed.sort();
        for key in missed {
            let (a, b) = (profile(key), profile(&truth[key]));
            let shared_bands = a
                .fingerprint
                .bands()
                .iter()
                .filter(|x| b.fingerprint.bands().contains(x))
                .count();
            println!(
                "missed {key}: {:?}, similarity {:.2}, shingles {} / {}, bands shared {shared_bands}, ranks {} / {}",
                dateline::stories::compare(&a, &b),
                a.fingerprint.similarity(&b.fingerprint),
                a.fingerprint.shingles,
                b.fingerprint.shingles,
                a.rank,
                b.rank
            );
        }
    }
    if list {
        let mut groups: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
        for (key, story) in &predicted {
            if !kind_of.contains_key(key) {
                groups.entry(story).or_default().push(key);
            }
        }
        for members in groups.values_mut().filter(|m| m.len() > 1) {
            members.sort();
            let same = members
                .iter()
                .all(|m| truth.get(*m) == truth.get(members[0]));
            println!(
                "\n{} {}",
                if same { "judged" } else { "UNJUDGED" },
                members.len()
            );
            for m in members.iter() {
                let (title, day) = titles.get(*m).cloned().unwrap_or_default();
                println!("  {m}\t{day}\t{title}");
            }
        }
    }
    if check && (precision < MIN_PRECISION || recall < MIN_RECALL) {
        eprintln!(
            "FAIL: precision {precision:.4} (target {MIN_PRECISION}), recall {recall:.4} (target {MIN_RECALL})"
        );
        std::process::exit(1);
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}
