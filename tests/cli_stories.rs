//! End-to-end: the versions of one story grouped while indexing, shown once by `search`,
//! all with `--all-versions`, listed by `story`, counted once by `places --stories`; and
//! what is never grouped.

mod util;

use serde_json::Value;
use util::{Workspace, on_terminal, unstyled};

/// Paragraphs of a made-up cocoa story.
const LEDE: &str = "Cocoa prices rose sharply in London on Tuesday after heavy rains delayed the \
    harvest in Ivory Coast, the world's largest grower, dealers said.";
const PARAGRAPHS: [&str; 3] = [
    "The March contract ended 45 sterling higher at 1,234 a tonne, its best close since \
     the start of the year, on volume of 4,210 lots.",
    "Arrivals at the ports of Abidjan and San Pedro were 20 pct below last year's, exporters \
     said, and buyers feared a shortfall of 50,000 tonnes in the main crop.",
    "Traders expected more rain this week, which would further delay drying of the beans, \
     and some said the International Cocoa Organisation might have to revise its surplus \
     estimate when it meets next month.",
];
const NEW_LEDE: &str = "Cocoa futures jumped to their highest in a month in London on Tuesday \
    as rains in Ivory Coast threatened the main crop, and dealers said more gains were likely.";
const COMMENT: &str = "\"The market is short of nearby beans and the weather is not helping,\" \
    said one London dealer, adding that Ghana's crop was in better shape.";

/// A Reuters dispatch: headline, optional note line, dateline and paragraphs.
fn reuters(headline: &str, note: Option<&str>, day: u32, paragraphs: &[&str]) -> String {
    let mut text = format!("{headline}\n");
    if let Some(note) = note {
        text.push_str(note);
        text.push('\n');
    }
    text.push_str(&format!(
        "\nLONDON, March {day} (Reuters) - {}\n",
        paragraphs[0]
    ));
    for paragraph in &paragraphs[1..] {
        text.push_str(&format!("    {paragraph}\n"));
    }
    text
}

/// The first version's text.
fn first_version() -> String {
    let mut paragraphs = vec![LEDE];
    paragraphs.extend(PARAGRAPHS);
    reuters(
        "COCOA PRICES RISE ON IVORY COAST RAINS",
        None,
        3,
        &paragraphs,
    )
}

/// The story's paragraphs behind a new lede, with a comment at the end.
fn updated() -> Vec<&'static str> {
    let mut paragraphs = vec![NEW_LEDE, LEDE];
    paragraphs.extend(PARAGRAPHS);
    paragraphs.push(COMMENT);
    paragraphs
}

fn indexed(ws: &Workspace) {
    let run = ws.index(&ws.archive(), &["--quiet"]);
    assert_eq!(run.code, 0, "index failed: {}", run.stderr);
}

/// The story of each dispatch, by path.
fn stories(ws: &Workspace) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = ws
        .search(&["*", "--all-versions", "--limit", "1000", "--json"])
        .json_lines()
        .iter()
        .map(|hit| {
            (
                hit["path"].as_str().unwrap().to_string(),
                hit["story"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

fn story_of(ws: &Workspace, path: &str) -> String {
    stories(ws)
        .into_iter()
        .find(|(p, _)| p == path)
        .map(|(_, s)| s)
        .unwrap_or_else(|| panic!("{path} not indexed"))
}

const FIRST: &str = "1987/03/03/cocoa.txt";

#[test]
fn each_reuters_mark_makes_a_version_of_the_story_and_leaves_the_headline() {
    let cases: Vec<(&str, String)> = vec![
        (
            "update.txt",
            reuters(
                "UPDATE 1-COCOA PRICES RISE ON IVORY COAST RAINS",
                Some("(Adds comment, background)"),
                3,
                &updated(),
            ),
        ),
        (
            "refile.txt",
            reuters(
                "REFILE-COCOA PRICES RISE ON IVORY COAST RAINS",
                None,
                3,
                &[
                    &LEDE.replace("harvest", "havrest"),
                    PARAGRAPHS[0],
                    PARAGRAPHS[1],
                    PARAGRAPHS[2],
                ],
            ),
        ),
        (
            "repeat.txt",
            reuters(
                "RPT-COCOA PRICES RISE ON IVORY COAST RAINS",
                None,
                3,
                &[LEDE, PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]],
            ),
        ),
        (
            "corrected.txt",
            reuters(
                "CORRECTED-COCOA PRICES RISE ON IVORY COAST RAINS",
                Some("(Corrects closing price in paragraph 2)"),
                3,
                &[
                    LEDE,
                    &PARAGRAPHS[0].replace("1,234", "1,324"),
                    PARAGRAPHS[1],
                    PARAGRAPHS[2],
                ],
            ),
        ),
        (
            "correction.txt",
            reuters(
                "CORRECTION-COCOA PRICES RISE ON IVORY COAST RAINS",
                None,
                3,
                &[
                    LEDE,
                    &PARAGRAPHS[0].replace("4,210", "4,120"),
                    PARAGRAPHS[1],
                    PARAGRAPHS[2],
                ],
            ),
        ),
        (
            "wrapup.txt",
            reuters(
                "WRAPUP 1-COCOA PRICES RISE ON IVORY COAST RAINS",
                None,
                3,
                &updated(),
            ),
        ),
    ];
    for (name, text) in cases {
        let ws = Workspace::new();
        ws.write(FIRST, first_version());
        let version = format!("1987/03/03/{name}");
        ws.write(&version, &text);
        indexed(&ws);
        assert_eq!(
            stories(&ws),
            [
                (FIRST.to_string(), FIRST.to_string()),
                (version.clone(), FIRST.to_string())
            ],
            "{name}"
        );
        let hits = ws.search(&["cocoa", "--json"]).json_lines();
        assert_eq!(hits.len(), 1, "{name}: one hit per story");
        assert_eq!(
            hits[0]["path"],
            version.as_str(),
            "{name}: the latest shown"
        );
        assert_eq!(hits[0]["versions"], 2, "{name}");
        assert_eq!(hits[0]["story"], FIRST, "{name}");
        assert_eq!(
            hits[0]["headline"], "COCOA PRICES RISE ON IVORY COAST RAINS",
            "{name}: the mark is removed from the headline"
        );
        assert!(
            hits[0]["mark"].as_str().is_some(),
            "{name}: the mark is kept"
        );
    }
}

#[test]
fn ap_writethrus_and_editors_notes_are_versions() {
    let ws = Workspace::new();
    let ap = |top: &str, paragraphs: &[&str]| {
        let mut text = format!(
            "{top}Cocoa hits one-month high\n\nLONDON (AP) — {}\n",
            paragraphs[0]
        );
        for paragraph in &paragraphs[1..] {
            text.push_str(&format!("\n{paragraph}\n"));
        }
        text
    };
    let mut first = vec![LEDE];
    first.extend(PARAGRAPHS);
    ws.write(FIRST, ap("", &first));
    let mut writethru = vec![NEW_LEDE];
    writethru.extend(PARAGRAPHS);
    writethru.push(COMMENT);
    ws.write(
        "1987/03/03/cocoa-ld.txt",
        ap(
            "Eds: Updates with dealer comment. Moves on financial wires.\nBC-Cocoa-Prices, 1st Ld-Writethru\n",
            &writethru,
        ),
    );
    indexed(&ws);
    assert_eq!(story_of(&ws, "1987/03/03/cocoa-ld.txt"), FIRST);
    let hits = ws.search(&["cocoa", "--json"]).json_lines();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["path"], "1987/03/03/cocoa-ld.txt");
    let mark = hits[0]["mark"].as_str().unwrap();
    assert!(
        mark.contains("1st Ld-Writethru") && mark.contains("Eds: Updates with dealer comment"),
        "{mark}"
    );
}

#[test]
fn a_copy_without_a_mark_the_next_day_is_a_version_but_a_template_on_another_day_is_not() {
    let ws = Workspace::new();
    ws.write(FIRST, first_version());
    // Syndicated the next day: its own headline, no mark, the last paragraph cut.
    ws.write(
        "1987/03/04/cocoa-copy.txt",
        reuters(
            "Rains lift cocoa prices in London",
            None,
            4,
            &[LEDE, PARAGRAPHS[0], PARAGRAPHS[1]],
        ),
    );
    // Templated market reports of two days: same words, the day's figures.
    let close = |day: u32, points: &str, level: &str, volume: &str| {
        format!(
            "TOKYO STOCKS CLOSE HIGHER\n\nTOKYO, March {day} (Reuters) - The Nikkei average \
             closed {points} points higher at {level}, led by buying of steels and \
             shipbuilders on hopes of domestic demand, brokers said.\n    Volume was {volume} \
             mln shares, against 812 mln the day before. Advances outnumbered declines by 512 \
             to 301 and the first section index rose 9.81 points to 1,923.04.\n    Brokers \
             said investors remained cautious ahead of the trade figures due later in the \
             week, and some took profits on electricals.\n"
        )
    };
    ws.write(
        "1987/03/03/tokyo-close.txt",
        close(3, "120.35", "21,345.67", "650"),
    );
    ws.write(
        "1987/03/04/tokyo-close.txt",
        close(4, "88.12", "21,433.79", "702"),
    );
    // Same place, same day, another event.
    ws.write(
        "1987/03/03/london-dockers.txt",
        reuters(
            "LONDON DOCKERS STRIKE OVER JOB CUTS",
            None,
            3,
            &[
                "Dockers at the port of London began a 24-hour strike on Tuesday over plans to \
                 cut jobs at the grain terminals, halting the unloading of ships, a union \
                 spokesman said.",
                "The port authority said 14 vessels were waiting and that it hoped talks would \
                 resume on Wednesday with a mediator appointed by the government.",
            ],
        ),
    );
    indexed(&ws);
    let found = stories(&ws);
    let story = |path: &str| found.iter().find(|(p, _)| p == path).unwrap().1.clone();
    assert_eq!(story("1987/03/04/cocoa-copy.txt"), FIRST);
    assert_eq!(
        story("1987/03/03/tokyo-close.txt"),
        "1987/03/03/tokyo-close.txt"
    );
    assert_eq!(
        story("1987/03/04/tokyo-close.txt"),
        "1987/03/04/tokyo-close.txt"
    );
    assert_eq!(
        story("1987/03/03/london-dockers.txt"),
        "1987/03/03/london-dockers.txt"
    );
    // Both market reports are hits of their own.
    assert_eq!(ws.search(&["nikkei", "--json"]).json_lines().len(), 2);
}

#[test]
fn a_correction_joins_the_report_it_corrects_not_another_of_its_template() {
    let ws = Workspace::new();
    let report = |company: &str, net: &str, revenue: &str| {
        format!(
            "{company} FIRST QUARTER NET RISES\n\nNEW YORK, March 3 (Reuters) - {company} said \
             its first quarter net income was {net} mln dlrs, or 1.10 dlrs a share, on \
             revenues of {revenue} mln dlrs, compared with 40.1 mln dlrs a year earlier.\n    \
             The company said orders for its industrial pumps rose sharply in Europe and it \
             expected the second quarter to be as strong, helped by the weaker dollar.\n    \
             It said it would spend about 12 mln dlrs on a new plant in Ohio this year.\n"
        )
    };
    ws.write("1987/03/03/acme.txt", report("ACME CORP", "45.2", "310.5"));
    ws.write("1987/03/03/apex.txt", report("APEX CORP", "47.9", "298.0"));
    ws.write(
        "1987/03/03/acme-corrected.txt",
        report("ACME CORP", "45.2", "301.5").replacen("ACME", "CORRECTED-ACME", 1),
    );
    indexed(&ws);
    assert_eq!(
        story_of(&ws, "1987/03/03/acme-corrected.txt"),
        "1987/03/03/acme.txt"
    );
    assert_eq!(story_of(&ws, "1987/03/03/apex.txt"), "1987/03/03/apex.txt");
}

#[test]
fn all_versions_lists_every_dispatch_with_its_story_and_story_lists_what_changed() {
    let ws = Workspace::new();
    ws.write(FIRST, first_version());
    ws.write(
        "1987/03/03/cocoa-update.txt",
        reuters(
            "UPDATE 1-COCOA PRICES RISE ON IVORY COAST RAINS",
            Some("(Adds comment, background)"),
            3,
            &updated(),
        ),
    );
    ws.write(
        "1987/03/03/cocoa-corrected.txt",
        reuters(
            "CORRECTED-COCOA PRICES RISE ON IVORY COAST RAINS",
            None,
            3,
            &[
                LEDE,
                &PARAGRAPHS[0].replace("1,234", "1,324"),
                PARAGRAPHS[1],
                PARAGRAPHS[2],
            ],
        ),
    );
    indexed(&ws);

    let human = ws.search(&["cocoa"]);
    assert_eq!(human.code, 0);
    assert!(
        human
            .stdout
            .contains("1987/03/03/cocoa-update.txt  +2 versions"),
        "{}",
        human.stdout
    );
    assert!(
        !human.stdout.contains("1987/03/03/cocoa.txt"),
        "{}",
        human.stdout
    );

    let all = ws
        .search(&["cocoa", "--all-versions", "--json"])
        .json_lines();
    assert_eq!(all.len(), 3);
    assert!(
        all.iter()
            .all(|hit| hit["story"] == FIRST && hit.get("versions").is_none())
    );
    let listed = ws.search(&["cocoa", "--all-versions"]);
    assert!(
        listed
            .stdout
            .contains(&format!("1987/03/03/cocoa-update.txt  story {FIRST}"))
    );

    // By the key of any version, or by the story's id.
    for key in [FIRST, "1987/03/03/cocoa-corrected.txt"] {
        let run = ws.command("story", &[key]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = &run.stdout;
        assert!(
            text.starts_with(&format!("story {FIRST}: 3 versions\n")),
            "{text}"
        );
        let first = text
            .find("  1987/03/03/cocoa.txt\n  first version")
            .unwrap();
        let corrected = text.find("[CORRECTED]").unwrap();
        let update = text.find("[UPDATE 1 / Adds comment, background]").unwrap();
        assert!(first < corrected && corrected < update, "{text}");
        assert!(
            text.contains("~ paragraph 2: \"1,234\" -> \"1,324\""),
            "{text}"
        );
        assert!(text.contains(&format!("+ {}", &COMMENT[..40])), "{text}");
    }
    let json = ws.command("story", &[FIRST, "--json"]).json_lines();
    let paths: Vec<&str> = json.iter().map(|v| v["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            FIRST,
            "1987/03/03/cocoa-corrected.txt",
            "1987/03/03/cocoa-update.txt"
        ]
    );
    assert_eq!(json[0]["changes"], Value::Null);
    assert_eq!(json[1]["changes"]["changed"][0]["was"], "1,234");
    assert_eq!(json[1]["changes"]["changed"][0]["now"], "1,324");
    assert_eq!(json[2]["changes"]["added"][0], NEW_LEDE);
    assert!(
        json.iter()
            .all(|v| v["story"] == FIRST && v["body"].is_string())
    );

    let missing = ws.command("story", &["no/such.txt"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .stderr
            .contains("no dispatch or story with the key 'no/such.txt'")
    );
}

#[test]
fn places_count_dispatches_or_stories() {
    let ws = Workspace::new();
    ws.write(FIRST, first_version());
    ws.write(
        "1987/03/03/cocoa-update.txt",
        reuters(
            "UPDATE 1-COCOA PRICES RISE ON IVORY COAST RAINS",
            None,
            3,
            &updated(),
        ),
    );
    indexed(&ws);
    let dispatches = ws.places(&["--json"]).json_lines();
    assert_eq!(dispatches[0]["place"], "London");
    assert_eq!(dispatches[0]["count"], 2);
    let stories = ws.places(&["--stories", "--json"]).json_lines();
    assert_eq!(stories[0]["place"], "London");
    assert_eq!(stories[0]["country"], "United Kingdom");
    assert_eq!(stories[0]["count"], 1);
    let help = ws.command("places", &["--help"]).stdout;
    assert!(help.contains("[default: count dispatches]"), "{help}");
}

/// The first version, and a copy of it under another headline the next day.
fn write_first_version_and_a_copy(ws: &Workspace) {
    ws.write(FIRST, first_version());
    ws.write(
        "1987/03/04/cocoa-copy.txt",
        reuters(
            "Rains lift cocoa prices in London",
            None,
            4,
            &[LEDE, PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]],
        ),
    );
}

#[test]
fn timelines_count_dispatches_or_stories_on_their_first_day() {
    let ws = Workspace::new();
    write_first_version_and_a_copy(&ws);
    indexed(&ws);
    let counts = |args: &[&str]| -> Vec<(String, u64)> {
        ws.command("timeline", args)
            .json_lines()
            .iter()
            .map(|v| {
                (
                    v["period"].as_str().unwrap().to_string(),
                    v["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let by_day = ["cocoa", "--by", "day", "--json"];
    assert_eq!(
        counts(&by_day),
        [
            ("1987-03-03".to_string(), 1),
            ("1987-03-04".to_string(), 1),
            ("undated".to_string(), 0)
        ]
    );
    let mut stories = by_day.to_vec();
    stories.push("--stories");
    assert_eq!(
        counts(&stories),
        [("1987-03-03".to_string(), 1), ("undated".to_string(), 0)]
    );
    let human = ws
        .command("timeline", &["cocoa", "--by", "day", "--stories"])
        .stdout;
    assert!(human.starts_with("cocoa: 1 dated story by day"), "{human}");
}

#[test]
fn the_sparkline_above_search_hits_counts_what_the_hits_are() {
    let ws = Workspace::new();
    write_first_version_and_a_copy(&ws);
    ws.write(
        "1987/05/12/cocoa-pact.txt",
        "COCOA PACT TALKS OPEN IN GENEVA\n\nGENEVA, May 12 (Reuters) - Cocoa producers and \
         consumers opened talks on a new buffer stock, delegates said, with the price range \
         still in dispute.\n",
    );
    indexed(&ws);
    let line = format!(
        "{} search cocoa --index '{}'",
        env!("CARGO_BIN_EXE_dateline"),
        ws.index_dir().display()
    );
    let Some(collapsed) = on_terminal(&line, 120) else {
        return;
    };
    let first_line = |out: &str| unstyled(out.lines().next().unwrap_or_default());
    let stories = first_line(&collapsed);
    assert!(
        stories.contains("2 dated stories, one mark per"),
        "{stories}"
    );
    let all = on_terminal(&format!("{line} --all-versions"), 120).unwrap();
    let dispatches = first_line(&all);
    assert!(
        dispatches.contains("3 dated dispatches, one mark per"),
        "{dispatches}"
    );
}

#[test]
fn stories_survive_incremental_runs_removals_and_reindexing() {
    let ws = Workspace::new();
    ws.write(FIRST, first_version());
    indexed(&ws);
    assert_eq!(
        ws.search(&["cocoa", "--json"]).json_lines()[0]["versions"],
        1
    );
    // A later run's version joins the story an earlier run wrote.
    ws.write(
        "1987/03/03/cocoa-update.txt",
        reuters(
            "UPDATE 1-COCOA PRICES RISE ON IVORY COAST RAINS",
            None,
            3,
            &updated(),
        ),
    );
    ws.write(
        "1987/03/04/cocoa-copy.txt",
        reuters(
            "Rains lift cocoa prices in London",
            None,
            4,
            &[LEDE, PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]],
        ),
    );
    indexed(&ws);
    let together = vec![
        ("1987/03/03/cocoa-update.txt".to_string(), FIRST.to_string()),
        (FIRST.to_string(), FIRST.to_string()),
        ("1987/03/04/cocoa-copy.txt".to_string(), FIRST.to_string()),
    ];
    let mut expected = together.clone();
    expected.sort();
    assert_eq!(stories(&ws), expected);
    // Counted across the runs' segments, the first version's included.
    let hits = ws.search(&["cocoa", "--json"]).json_lines();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["versions"], 3);
    // Unchanged: nothing renumbered.
    indexed(&ws);
    assert_eq!(stories(&ws), expected);
    // The first version removed: the others stay one story, under the same id.
    std::fs::remove_file(ws.archive().join(FIRST)).unwrap();
    indexed(&ws);
    assert_eq!(
        stories(&ws),
        [
            ("1987/03/03/cocoa-update.txt".to_string(), FIRST.to_string()),
            ("1987/03/04/cocoa-copy.txt".to_string(), FIRST.to_string()),
        ]
    );
    let hits = ws.search(&["cocoa", "--json"]).json_lines();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["versions"], 2);
    // The story's id still finds it.
    assert_eq!(
        ws.command("story", &[FIRST, "--json"]).json_lines().len(),
        2
    );
    // One version left: removed versions are not counted, even before segments merge.
    std::fs::remove_file(ws.archive().join("1987/03/04/cocoa-copy.txt")).unwrap();
    indexed(&ws);
    let hits = ws.search(&["cocoa", "--json"]).json_lines();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["path"], "1987/03/03/cocoa-update.txt");
    assert_eq!(hits[0]["versions"], 1);
}

#[test]
fn a_version_rewritten_as_another_story_is_no_longer_one_for_a_later_copy() {
    let ws = Workspace::new();
    ws.write(FIRST, first_version());
    indexed(&ws);
    // The file now tells another story; a copy of its old text comes after it in the walk,
    // when its old text has left the index: the copy starts a story of its own.
    ws.write(
        FIRST,
        reuters(
            "BRITISH CAR OUTPUT FALLS IN FEBRUARY",
            None,
            3,
            &[
                "British car production fell 4.2 pct in February from a year earlier as \
                 makers cut shifts to clear stocks, the industry's trade body said.",
                "Output for export rose, but home demand stayed weak after the budget raised \
                 the tax on company cars, it said in its monthly report.",
            ],
        ),
    );
    let copy = "1987/03/03/zz-copy.txt";
    ws.write(
        copy,
        reuters(
            "RPT-COCOA PRICES RISE ON IVORY COAST RAINS",
            None,
            3,
            &[LEDE, PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]],
        ),
    );
    indexed(&ws);
    assert_eq!(
        stories(&ws),
        [
            (FIRST.to_string(), FIRST.to_string()),
            (copy.to_string(), copy.to_string()),
        ]
    );
}

#[test]
fn newsml_and_ninjs_versions_share_their_id_whatever_their_text() {
    let ws = Workspace::new();
    let ninjs = |version: u32, headline: &str, body: &str| {
        serde_json::json!({
            "uri": "urn:example:wire:2019:cocoa-rains",
            "version": version.to_string(),
            "type": "text",
            "versioncreated": "2019-03-12T10:00:00Z",
            "headline": headline,
            "body_text": body,
        })
        .to_string()
    };
    ws.write(
        "feeds/cocoa-v1.json",
        ninjs(
            1,
            "Cocoa rises on rains",
            "LONDON (Reuters) - Cocoa rose on Tuesday.",
        ),
    );
    ws.write(
        "feeds/cocoa-v2.json",
        ninjs(
            2,
            "Cocoa hits one-month high",
            "LONDON (Reuters) - Futures jumped to a one-month high as Ghana warned of a \
             smaller crop and funds bought heavily.",
        ),
    );
    indexed(&ws);
    let found = stories(&ws);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .all(|(_, story)| story == "feeds/cocoa-v1.json"),
        "{found:?}"
    );
    let hits = ws.search(&["cocoa", "--json"]).json_lines();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["path"], "feeds/cocoa-v2.json");
}
