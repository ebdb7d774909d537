//! How hits are ordered, end to end on small archives written for each behaviour: one BM25 over
//! headline, location and body, feedback from the best hits that reorders but never adds hits,
//! a bonus for query words near each other, and function words that do not count.

mod util;

use util::Workspace;

/// A filler paragraph of `words` distinct neutral words, so dispatches have comparable lengths.
fn filler(seed: &str, words: usize) -> String {
    (0..words)
        .map(|i| format!("{seed}{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn archive(files: &[(&str, String)]) -> Workspace {
    let ws = Workspace::new();
    for (path, text) in files {
        ws.write(path, text);
    }
    let run = ws.index(&ws.archive(), &["--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

#[test]
fn words_near_each_other_rank_above_the_same_words_far_apart() {
    let far = format!(
        "GENEVA, March 3 - The peace {} talks resumed.\n",
        filler("w", 30)
    );
    let near = format!(
        "GENEVA, March 3 - The peace talks resumed {}.\n",
        filler("w", 30)
    );
    // The far one comes first in the archive, so only proximity can put the near one first.
    let ws = archive(&[("a-far.txt", far), ("b-near.txt", near)]);
    let paths = ws.search(&["peace talks", "--json"]).paths();
    assert_eq!(paths, ["b-near.txt", "a-far.txt"]);
}

#[test]
fn feedback_from_the_best_hits_lifts_a_dispatch_on_their_subject() {
    // Three dispatches about the cocoa harvest in Ghana, then two that name cocoa once, equally
    // often and at equal length: one on the harvest (sharing the best hits' words), one not.
    let mut files = Vec::new();
    for i in 0..3 {
        files.push((
            format!("harvest-{i}.txt"),
            format!(
                "ACCRA, Oct 2 - Cocoa cocoa cocoa harvest in Ghana: growers, Cocobod, beans, \
                 mid-crop, rainfall and farmgate prices {}.\n",
                filler(&format!("h{i}x"), 10)
            ),
        ));
    }
    files.push((
        "m-unrelated.txt".into(),
        format!(
            "LONDON, Oct 2 - Cocoa was mentioned at a fashion show {}.\n",
            filler("u", 12)
        ),
    ));
    files.push((
        "n-on-subject.txt".into(),
        format!(
            "KUMASI, Oct 2 - Cocoa growers reported rainfall and beans {}.\n",
            filler("s", 12)
        ),
    ));
    // Neutral dispatches, so that the subject's words are rare, as in a real archive.
    for i in 0..20 {
        files.push((
            format!("z-other-{i}.txt"),
            format!("PARIS - {}.\n", filler("o", 20)),
        ));
    }
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let ws = archive(&files);
    let paths = ws.search(&["cocoa", "--json", "--limit", "20"]).paths();
    let rank = |p: &str| paths.iter().position(|x| x == p).unwrap();
    assert!(
        rank("n-on-subject.txt") < rank("m-unrelated.txt"),
        "{paths:?}"
    );
}

#[test]
fn feedback_never_adds_a_dispatch_without_a_typed_word() {
    let ws = archive(&[
        (
            "a.txt",
            "ACCRA - Cocoa harvest in Ghana, growers and Cocobod.\n".to_string(),
        ),
        (
            "b.txt",
            "ACCRA - Cocoa beans, growers and Cocobod in Ghana.\n".to_string(),
        ),
        (
            "c.txt",
            "ACCRA - Growers and Cocobod in Ghana, harvest beans.\n".to_string(),
        ),
    ]);
    let mut paths = ws.search(&["cocoa", "--json"]).paths();
    paths.sort();
    assert_eq!(paths, ["a.txt", "b.txt"]);
}

#[test]
fn function_words_do_not_change_the_hits() {
    let ws = util::indexed_sample();
    let plain = ws.search(&["cocoa harvest", "--json"]).paths();
    let with_function_words = ws
        .search(&["the cocoa and the harvest of it", "--json"])
        .paths();
    assert!(!plain.is_empty());
    assert_eq!(plain, with_function_words);
    // A query of function words alone still searches for them.
    assert_eq!(ws.search(&["the", "--json"]).code, 0);
}

#[test]
fn a_word_in_the_headline_counts_like_one_in_the_body() {
    // The same words, once in the headline and once in the body: one field, one BM25.
    let ws = archive(&[
        (
            "a-body.txt",
            "Markets\n\nTOKYO - Shares of zaibatsu firms rose.\n".to_string(),
        ),
        (
            "b-headline.txt",
            "Zaibatsu firms\n\nTOKYO - Shares of markets rose.\n".to_string(),
        ),
    ]);
    let run = ws.search(&["zaibatsu", "--json"]);
    let scores: Vec<f64> = run
        .json_lines()
        .iter()
        .map(|hit| hit["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores.len(), 2);
    assert!((scores[0] - scores[1]).abs() < 1e-4, "{scores:?}");
}
