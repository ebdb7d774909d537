//! End-to-end: places resolved to city, region and country; `--place` by any of them; `places`.

mod util;

use util::{Workspace, indexed_sample};

const LONDON: [&str; 3] = [
    "2005/03/03/bank-of-england-holds-rates.txt",
    "2023/05/08/london-title-race-final-weeks.txt",
    "wire/19870302-lme-copper-eases-softs-mixed.txt",
];
const KYIV: &str = "2023/07/18/kyiv-grain-corridor-collapse.txt";
const KIEV: &str = "1999/11/14/kiev-ukraine-presidential-runoff.txt";

fn sorted(mut paths: Vec<String>) -> Vec<String> {
    paths.sort();
    paths
}

#[test]
fn a_city_alone_is_found_by_its_country_region_and_their_aliases() {
    let ws = indexed_sample();
    for place in [
        "Britain",
        "United Kingdom",
        "UK",
        "England",
        "great britain",
        "London",
    ] {
        let paths = sorted(ws.search(&["--place", place, "--json"]).paths());
        assert_eq!(paths, LONDON, "--place {place}");
    }
    let california = ws.search(&["--place", "California", "--json"]).paths();
    assert_eq!(
        california,
        vec!["2023/06/21/san-francisco-ai-chip-startup-raises.txt"]
    );
    let japan = ws.search(&["--place", "Japan", "--json"]).paths();
    assert_eq!(japan.len(), 2, "{japan:?}");
}

#[test]
fn spelling_variants_and_accents_are_the_same_place() {
    let ws = indexed_sample();
    for place in ["Kiev", "Kyiv", "KYIV", "Ukraine"] {
        let paths = sorted(ws.search(&["--place", place, "--json"]).paths());
        assert_eq!(paths, vec![KIEV, KYIV], "--place {place}");
    }
    let bombay = ws.search(&["--place", "Bombay", "--json"]).paths();
    assert_eq!(
        bombay,
        vec!["2005/04/12/mumbai-cricket-stadium-tickets.txt"]
    );
    for place in ["Sao Paulo", "São Paulo", "SAO PAULO"] {
        let paths = ws.search(&["--place", place, "--json"]).paths();
        assert_eq!(
            paths,
            vec!["misc/2019-06-05-sao-paulo-deforestation-alerts.txt"]
        );
    }
}

#[test]
fn whole_names_only() {
    let ws = indexed_sample();
    assert_eq!(ws.search(&["--place", "york"]).code, 1);
    assert_eq!(ws.search(&["--place", "francisco"]).code, 1);
}

#[test]
fn json_hits_carry_the_resolved_place() {
    let ws = indexed_sample();
    let hits = ws.search(&["--place", "california", "--json"]).json_lines();
    let place = &hits[0]["place"];
    assert_eq!(place["city"], "San Francisco");
    assert_eq!(place["region"], "California");
    assert_eq!(place["country"], "United States");
    assert_eq!(place["country_code"], "US");
    assert_eq!(hits[0]["location"], "SAN FRANCISCO, Calif.");
    let paris = ws
        .search(&["pension", "--place", "Paris", "--json"])
        .json_lines();
    assert_eq!(paris[0]["place"]["country"], "France");
}

#[test]
fn non_places_keep_their_location_and_no_country() {
    let ws = indexed_sample();
    let hits = ws
        .search(&["--place", "united nations", "--json"])
        .json_lines();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["location"], "UNITED NATIONS");
    for key in ["city", "region", "country", "country_code"] {
        assert!(hits[0]["place"][key].is_null(), "{key}");
    }
}

#[test]
fn a_region_written_in_the_dateline_decides_between_namesakes() {
    let ws = Workspace::new();
    ws.write(
        "2021/06/01/texas.txt",
        "Storm damage\n\nPARIS, Texas (AP) — A storm tore roofs off homes on Tuesday.\n",
    );
    ws.write(
        "2021/06/01/france.txt",
        "Strike\n\nPARIS (AFP) - Rail workers walked out on Tuesday over pay.\n",
    );
    assert_eq!(ws.index(&ws.archive(), &["--quiet"]).code, 0);
    let texas = ws.search(&["--place", "Texas", "--json"]).json_lines();
    assert_eq!(texas.len(), 1);
    assert_eq!(texas[0]["path"], "2021/06/01/texas.txt");
    assert_eq!(texas[0]["place"]["country"], "United States");
    let france = ws.search(&["--place", "France", "--json"]).paths();
    assert_eq!(france, vec!["2021/06/01/france.txt"]);
    assert_eq!(
        sorted(ws.search(&["--place", "paris", "--json"]).paths()).len(),
        2
    );
}

#[test]
fn an_unknown_place_suggests_the_nearest_indexed_ones() {
    let ws = indexed_sample();
    let run = ws.search(&["--place", "Raqqqa"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr.trim(),
        "no dispatches from 'Raqqqa'; did you mean Raqqa (1)?"
    );
    let nothing_close = ws.search(&["--place", "Zzyzzx"]);
    assert_eq!(nothing_close.code, 1);
    assert_eq!(nothing_close.stderr.trim(), "no dispatches from 'Zzyzzx'");
    // A place that exists but has no hit for the words is not "unknown".
    let no_words = ws.search(&["zinnober", "--place", "London"]);
    assert_eq!(no_words.code, 1);
    assert!(no_words.stderr.is_empty(), "{}", no_words.stderr);
}

#[test]
fn places_lists_cities_most_first() {
    let ws = indexed_sample();
    let run = ws.places(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap();
    assert_eq!(first.trim(), "3  London, United Kingdom");
    let run = ws.places(&["--json", "--limit", "1000"]);
    assert!(
        run.stdout
            .starts_with("{\"place\":\"London\",\"country\":\"United Kingdom\",\"count\":3}")
    );
    let json = run.json_lines();
    let total: u64 = json.iter().map(|p| p["count"].as_u64().unwrap()).sum();
    // Every dispatch with a location is counted once.
    assert_eq!(total, 69);
    let un = json
        .iter()
        .find(|p| p["place"] == "UNITED NATIONS")
        .unwrap();
    assert!(un["country"].is_null());
}

#[test]
fn places_human_output_aligns_counts() {
    let ws = indexed_sample();
    let run = ws.places(&["--by", "country", "--limit", "3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "7  United States\n3  Australia\n3  India\n");
    // Places are coloured as locations are when colour is asked for.
    let coloured = ws.places(&["--by", "country", "--limit", "1", "--color", "always"]);
    assert_eq!(coloured.stdout, "7  \x1b[36mUnited States\x1b[0m\n");
}

#[test]
fn places_by_country_for_a_query_and_filters() {
    let ws = indexed_sample();
    let countries = ws.places(&["--by", "country", "--json"]).json_lines();
    assert_eq!(countries[0]["place"], "United States");
    assert_eq!(countries[0]["country"], "United States");
    let cocoa = ws.places(&["cocoa", "--from", "1987-03", "--to", "1987-03", "--json"]);
    let mut names: Vec<String> = cocoa
        .json_lines()
        .iter()
        .map(|p| p["place"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names, vec!["Abidjan", "London"]);
    let japan = ws.places(&["--place", "Japan", "--json"]).json_lines();
    assert_eq!(japan.len(), 1);
    assert_eq!(japan[0]["place"], "Tokyo");
    assert_eq!(japan[0]["count"], 2);
    assert_eq!(ws.places(&["xylophonic"]).code, 1);
}

#[test]
fn places_refuses_a_place_that_names_nothing() {
    let ws = indexed_sample();
    let run = ws.places(&["--place", "!!!"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("names no place"), "{}", run.stderr);
}
