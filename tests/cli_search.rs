//! End-to-end: index the sample corpus with the real binary, then search it.

mod util;

use util::{Workspace, indexed_sample, run, sample_corpus};

const ZINNOBER: &str = "2014/07/14/kenya-zinnober-mercury-artisanal-miners.txt";
const HYDROGEN_SUBSIDY: &str = "2021/05/19/australia-backs-pilbara-green-hydrogen-hub.txt";
const HYDROGEN_PLAIN: &str = "2021/01/20/washington-electrolyzer-maker-expands.txt";
const COCOA_HEADLINE: &str = "1987/03/10/ivory-coast-cocoa-arrivals-ahead.txt";
const ASTANA_WHEAT: &str = "2017/10/30/kazakhstan-wheat-harvest-record.txt";
const ASTANA_ALPHABET: &str = "2017/10/30/astana-kazakh-latin-alphabet.txt";
const TOKYO_DEC_31: &str = "2019/01/01/tokyo-yen-ends-year-stronger.txt";
const ESCAPE_IN_BODY: &str = "2023/02/14/new-york-restaurants-egg-prices.txt";

#[test]
fn index_prints_one_summary_line() {
    let ws = Workspace::new();
    let run = ws.index(&sample_corpus(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].starts_with("indexed 74 dispatches (74 added"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("skipped 0"));
    assert!(lines[0].contains("dispatches/s"));
    assert!(run.stdout.is_empty());
}

#[test]
fn quiet_index_prints_nothing() {
    let ws = Workspace::new();
    let run = ws.index(&sample_corpus(), &["--quiet"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_rare_keyword_finds_its_dispatch_first() {
    let ws = indexed_sample();
    let run = ws.search(&["zinnober", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.paths(), vec![ZINNOBER]);
}

#[test]
fn the_dispatch_most_about_a_word_ranks_first() {
    let ws = indexed_sample();
    let run = ws.search(&["cocoa", "--json"]);
    let paths = run.paths();
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert_eq!(paths[0], COCOA_HEADLINE);
}

#[test]
fn dispatches_with_all_words_rank_above_those_with_some() {
    let ws = indexed_sample();
    let paths = ws
        .search(&["hydrogen subsidy", "--json", "--limit", "50"])
        .paths();
    assert_eq!(paths[0], HYDROGEN_SUBSIDY);
    assert!(paths.contains(&HYDROGEN_PLAIN.to_string()));
}

/// The sample's ninjs item on green hydrogen.
const HYDROGEN_NINJS: &str = "feeds/ninjs/perth-hydrogen-export-deal.json";

#[test]
fn phrases_and_exclusions() {
    let ws = indexed_sample();
    let mut both = ws.search(&["\"green hydrogen\"", "--json"]).paths();
    both.sort();
    assert_eq!(both, vec![HYDROGEN_PLAIN, HYDROGEN_SUBSIDY, HYDROGEN_NINJS]);
    let mut without = ws
        .search(&["\"green hydrogen\" -subsidy", "--json"])
        .paths();
    without.sort();
    assert_eq!(without, vec![HYDROGEN_PLAIN, HYDROGEN_NINJS]);
    // The words in another order are not the phrase.
    assert_eq!(ws.search(&["\"hydrogen green\"", "--json"]).code, 1);
    // A query opening with an exclusion goes after `--`, as in grep.
    let mut excluding_first = ws
        .search(&["--json", "--", "-subsidy \"green hydrogen\""])
        .paths();
    excluding_first.sort();
    assert_eq!(excluding_first, vec![HYDROGEN_PLAIN, HYDROGEN_NINJS]);
}

#[test]
fn a_mistyped_option_is_an_error_naming_it_not_a_search() {
    let ws = indexed_sample();
    let run = ws.search(&["--plac", "Kyiv"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("'--plac'"), "{}", run.stderr);
    assert!(
        run.stderr.contains("a similar argument exists: '--place'"),
        "{}",
        run.stderr
    );
    // A bare leading `-word` is read as options too, and the error points to `--`.
    let run = ws.search(&["-subsidy"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("use '-- "), "{}", run.stderr);
    let run = ws.places(&["--bye", "country"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("'--by'"), "{}", run.stderr);
}

#[test]
fn required_words_and_field_scopes() {
    let ws = indexed_sample();
    let paths = ws.search(&["+monsoon floods", "--json"]).paths();
    assert_eq!(paths.len(), 3, "{paths:?}");
    let in_headline = ws.search(&["headline:zinnober", "--json"]).paths();
    assert_eq!(in_headline, vec![ZINNOBER]);
    assert_eq!(ws.search(&["body:zinnober", "--json"]).code, 1);
    // A phrase of the headline whose words the body has apart is not in the body.
    assert_eq!(ws.search(&["body:\"gold diggers\"", "--json"]).code, 1);
    let in_body = ws.search(&["body:\"liquid mercury\"", "--json"]).paths();
    assert_eq!(in_body, vec![ZINNOBER]);
    let anywhere = ws.search(&["\"gold diggers\"", "--json"]).paths();
    assert_eq!(anywhere, vec![ZINNOBER]);
}

#[test]
fn place_matches_whole_names_ignoring_case_and_accents() {
    let ws = indexed_sample();
    let kazakhstan = ws.search(&["--place", "kazakhstan", "--json"]).paths();
    assert!(
        kazakhstan.contains(&ASTANA_WHEAT.to_string()),
        "{kazakhstan:?}"
    );
    let astana = ws.search(&["--place", "Astana", "--json"]).paths();
    assert!(astana.contains(&ASTANA_WHEAT.to_string()));
    assert!(astana.contains(&ASTANA_ALPHABET.to_string()));
    let new_york = ws.search(&["--place", "new york", "--json"]).paths();
    assert!(new_york.len() >= 2, "{new_york:?}");
    assert!(new_york.contains(&ESCAPE_IN_BODY.to_string()));
    let york = ws.search(&["--place", "york", "--json"]);
    assert_eq!(york.code, 1, "{}", york.stdout);
    let bogota = ws.search(&["--place", "bogota", "--json"]).paths();
    assert_eq!(bogota, vec!["2016/09/26/bogota-peace-accord-signing.txt"]);
}

#[test]
fn place_combines_with_words() {
    let ws = indexed_sample();
    let paths = ws
        .search(&["monsoon", "--place", "Dhaka", "--json"])
        .paths();
    assert_eq!(
        paths,
        vec!["2019/07/18/dhaka-monsoon-floods-northern-districts.txt"]
    );
}

#[test]
fn date_range_is_inclusive_at_both_ends() {
    let ws = indexed_sample();
    let day = ws.search(&[
        "--from",
        "2017-10-30",
        "--to",
        "2017-10-30",
        "--json",
        "--limit",
        "100",
    ]);
    let mut paths = day.paths();
    paths.sort();
    assert_eq!(paths.len(), 5, "{paths:?}");
    assert!(paths.iter().all(|p| p.starts_with("2017/10/30/")));
    // A month as the upper bound includes its last day.
    let to_month = ws
        .search(&["--from", "2017-10-22", "--to", "2017-10", "--json"])
        .paths();
    assert_eq!(to_month.len(), 5, "{to_month:?}");
    // A year as the lower bound starts on 1 January.
    let from_year = ws
        .search(&["--from", "2023", "--to", "2023-02-10", "--json"])
        .paths();
    assert_eq!(
        from_year,
        vec!["2023/02/10/islamabad-imf-talks-end-without-deal.txt"]
    );
    // The day after the range is out.
    assert_eq!(
        ws.search(&["--from", "2017-10-31", "--to", "2017-11-01", "--json"])
            .code,
        1
    );
}

#[test]
fn filters_alone_list_newest_first() {
    let ws = indexed_sample();
    let hits = ws.search(&["--place", "Dhaka", "--json"]).json_lines();
    let dates: Vec<&str> = hits.iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(dates, vec!["2021-11-25", "2019-07-18"]);
}

#[test]
fn sort_by_date_orders_newest_first() {
    let ws = indexed_sample();
    let hits = ws
        .search(&["monsoon", "--sort", "date", "--json"])
        .json_lines();
    let dates: Vec<&str> = hits.iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(dates, vec!["2019-10-30", "2019-07-18", "2010-08-05"]);
}

#[test]
fn json_hits_have_exactly_the_documented_keys() {
    let ws = indexed_sample();
    let hits = ws.search(&["zinnober", "--json"]).json_lines();
    let hit = hits[0].as_object().unwrap();
    let mut keys: Vec<&str> = hit.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "agency", "date", "dateline", "headline", "id", "item", "location", "mark", "path",
            "place", "score", "snippet", "status", "story", "version", "versions"
        ]
    );
    assert_eq!(hit["versions"], 1);
    assert_eq!(hit["story"], hit["path"]);
    assert_eq!(hit["date"], "2014-07-14");
    assert_eq!(hit["location"], "Nairobi, Kenya");
    assert_eq!(hit["agency"], "AFP");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(!hit["headline"].as_str().unwrap().contains("— AFP"));
    let place = hit["place"].as_object().unwrap();
    let mut place_keys: Vec<&str> = place.keys().map(String::as_str).collect();
    place_keys.sort();
    // `country_then` appears only when it differs from `country`; `distance_km` only with
    // --near (tests/cli_former_places.rs, tests/cli_near.rs).
    assert_eq!(
        place_keys,
        vec![
            "city",
            "country",
            "country_code",
            "latitude",
            "longitude",
            "region"
        ]
    );
}

#[test]
fn year_comes_from_the_path_rolling_back_for_december() {
    let ws = indexed_sample();
    let hits = ws
        .search(&["yen", "--place", "tokyo", "--json"])
        .json_lines();
    let hit = hits.iter().find(|h| h["path"] == TOKYO_DEC_31).unwrap();
    assert_eq!(hit["date"], "2018-12-31");
}

#[test]
fn human_output_shows_date_location_headline_path_and_snippet() {
    let ws = indexed_sample();
    let run = ws.search(&["zinnober"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("2014-07-14  Nairobi, Kenya  "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(ZINNOBER));
    // Not a terminal: no colour codes at all.
    assert!(!run.stdout.contains('\x1b'));
}

#[test]
fn human_output_of_a_hit_is_exactly_four_lines() {
    let ws = indexed_sample();
    let run = ws.search(&["zinnober"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "2014-07-14  Nairobi, Kenya  Kenya's artisanal gold diggers turn to zinnober ore as mercury use spreads.\n  \
         2014/07/14/kenya-zinnober-mercury-artisanal-miners.txt\n  \
         Kenyan health officials on Monday warned that the use of mercury by small-scale gold miners \
         in the west of the country was poisoning rivers and putting thousands of families at risk. \
         Diggers in Migori and Kakamega\n\n"
    );
}

#[test]
fn control_characters_from_files_are_escaped() {
    let ws = indexed_sample();
    let run = ws.search(&["eggs benedict"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains(ESCAPE_IN_BODY));
    assert!(!run.stdout.contains('\x1b'));
    assert!(run.stdout.contains("\\x1b[2J"), "{}", run.stdout);
    // JSON keeps the text, escaped by JSON itself.
    let json = ws.search(&["eggs benedict", "--json"]);
    assert!(!json.stdout.contains('\x1b'));
    assert!(json.stdout.contains("\\u001b"));
}

#[test]
fn no_hits_exits_1_and_prints_nothing() {
    let ws = indexed_sample();
    let run = ws.search(&["xylophonic"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
}

#[test]
fn missing_index_is_one_clear_error() {
    let ws = Workspace::new();
    let run = ws.search(&["cocoa"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("no index at"));
    assert!(run.stderr.contains("run `dateline index ARCHIVE` first"));
}

#[test]
fn bad_dates_are_errors() {
    let ws = indexed_sample();
    for (args, message) in [
        (vec!["--from", "2024-13-01"], "invalid month"),
        (vec!["--from", "2024-02-30"], "no such day"),
        (vec!["--to", "99999"], "year out of range"),
        (vec!["--from", "2018", "--to", "2017"], "is after --to"),
        (vec!["--from", "last week"], "not a date"),
    ] {
        let run = ws.search(&args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1);
    }
}

#[test]
fn nothing_to_search_for_is_an_error() {
    let ws = indexed_sample();
    let run = ws.search(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nothing to search for"));
}

#[test]
fn hostile_queries_never_crash() {
    let ws = indexed_sample();
    for query in [
        "NASSER'S IN AND OR NOT",
        "a:(^",
        "*",
        "headline:",
        "nosuchfield:storm",
        "\"unterminated",
        "(((storm)))",
        "https://example.com/a?b=c&d",
        "--storm",
        "storm^-1 \"storm coast\"~",
        "\u{1b}[31m",
        "a -i?S",
        "a[a: -i?S",
    ] {
        let run = ws.search(&["--", query]);
        assert!(
            run.code == 0 || run.code == 1,
            "{query}: {} {}",
            run.code,
            run.stderr
        );
    }
    // Every dispatch, newest first.
    assert_eq!(
        ws.search(&["*", "--json", "--limit", "100"]).paths().len(),
        74
    );
    let marks = ws.search(&["--", "- + ^ ~ [ ] { } \\"]);
    assert_eq!(marks.code, 2);
    assert!(
        marks.stderr.contains("no words to search for"),
        "{}",
        marks.stderr
    );
    let deep = format!("{}storm{}", "(".repeat(6000), ")".repeat(6000));
    let run = ws.search(&[&deep]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("too deeply nested") || run.stderr.contains("too long"));
    let long = "storm ".repeat(4000);
    let run = ws.search(&[&long]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("query too long"), "{}", run.stderr);
}

#[test]
fn natural_language_words_are_words() {
    let ws = indexed_sample();
    // Upper-case operators and apostrophes are plain words, never syntax errors.
    let run = ws.search(&["KAZAKH WHEAT HARVEST IN ASTANA AND ELEVATORS", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.paths()[0], ASTANA_WHEAT);
}

#[test]
fn index_location_comes_from_the_environment() {
    let ws = indexed_sample();
    let out = util::dateline()
        .args(["search", "zinnober", "--json"])
        .env("DATELINE_INDEX", ws.index_dir())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // Without either, ./dateline-index is used.
    let out = util::dateline()
        .args(["search", "zinnober"])
        .current_dir(ws.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no index at dateline-index"));
}

#[test]
fn a_limit_above_the_cap_points_to_export() {
    let ws = indexed_sample();
    let run = ws.search(&["cocoa", "--limit", "50000"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("at most 10000 hits are shown: use `dateline export` for all matches"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.search(&["cocoa", "--limit", "10000", "--json"]).code, 0);
}

#[test]
fn version_and_help_work() {
    assert_eq!(run(&["--version"]).code, 0);
    let help = run(&["search", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("--place"));
}
