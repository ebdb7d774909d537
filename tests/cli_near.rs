//! End-to-end: `--near PLACE --within KM` and `--near LAT,LON` on `search` and `places`, the
//! `distance_km` of JSON hits and `--sort distance`, on made-up dispatches.

mod util;

use util::Workspace;

const DISPATCHES: &[(&str, &str)] = &[
    (
        "2005/03/03/tokyo-yen.txt",
        "TOKYO, March 3 (Reuters) - The yen steadied against the dollar.",
    ),
    (
        "2005/03/04/yokohama-port.txt",
        "YOKOHAMA, Japan, March 4 (Reuters) - Container volumes climbed at the port.",
    ),
    (
        "2005/03/05/kawasaki-steel.txt",
        "KAWASAKI, Japan, March 5 (Reuters) - A steel mill restarted a furnace.",
    ),
    (
        "2005/03/06/chiba-airport.txt",
        "CHIBA, Japan, March 6 (Reuters) - Airport traffic rose in February.",
    ),
    (
        "2005/03/07/osaka-retail.txt",
        "OSAKA, Japan, March 7 (Reuters) - Department store sales slipped.",
    ),
    (
        "2005/03/08/labasa-sugar.txt",
        "LABASA, Fiji, March 8 (AP) - The sugar mill opened its season.",
    ),
    (
        "2005/03/09/suva-port.txt",
        "SUVA, Fiji, March 9 (AP) - A cruise ship docked at the port.",
    ),
    (
        "2005/03/10/lautoka-cane.txt",
        "LAUTOKA, Fiji, March 10 (AP) - Cane growers met the mill's owners.",
    ),
    (
        "2005/03/11/nukualofa-king.txt",
        "NUKU'ALOFA, Tonga, March 11 (AP) - The king opened parliament.",
    ),
    (
        "2005/03/12/japan-bare.txt",
        "JAPAN, March 12 (Reuters) - Exports rose nationwide.",
    ),
    (
        "2005/03/13/united-nations.txt",
        "UNITED NATIONS, March 13 (AP) - The council met on the port dispute.",
    ),
];

fn indexed() -> Workspace {
    let ws = Workspace::new();
    for (path, text) in DISPATCHES {
        ws.write(path, format!("A made-up dispatch\n\n{text}\n"));
    }
    let run = ws.index(&ws.archive(), &["--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

/// File names of the hits, in their order.
fn names(run: &util::Run) -> Vec<String> {
    run.paths()
        .iter()
        .map(|p| {
            p.rsplit('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".txt")
                .to_string()
        })
        .collect()
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

#[test]
fn near_tokyo_finds_tokyo_and_yokohama_not_osaka() {
    let ws = indexed();
    let run = ws.search(&["--near", "Tokyo", "--within", "30", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        sorted(names(&run)),
        ["kawasaki-steel", "tokyo-yen", "yokohama-port"]
    );
    // The default distance is 50 km: Chiba (40 km) too, never Osaka (400 km).
    let default = ws.search(&["--near", "Tokyo", "--json"]);
    assert_eq!(
        sorted(names(&default)),
        [
            "chiba-airport",
            "kawasaki-steel",
            "tokyo-yen",
            "yokohama-port"
        ]
    );
    assert_eq!(
        names(&default),
        names(&ws.search(&["--near", "Tokyo", "--within", "50", "--json"]))
    );
    let wide = ws.search(&["--near", "Tokyo", "--within", "450", "--json"]);
    assert!(names(&wide).contains(&"osaka-retail".to_string()));
}

#[test]
fn json_hits_carry_their_distance_and_sort_by_it() {
    let ws = indexed();
    let run = ws.search(&["--near", "Tokyo", "--sort", "distance", "--json"]);
    assert_eq!(
        names(&run),
        [
            "tokyo-yen",
            "kawasaki-steel",
            "yokohama-port",
            "chiba-airport"
        ]
    );
    let distances: Vec<f64> = run
        .json_lines()
        .iter()
        .map(|h| h["distance_km"].as_f64().unwrap())
        .collect();
    assert_eq!(distances[0], 0.0);
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!((distances[2] - 28.8).abs() < 0.5, "Yokohama {distances:?}");
    let hit = &run.json_lines()[0];
    assert!((hit["place"]["latitude"].as_f64().unwrap() - 35.69).abs() < 0.01);
    // Without --near a hit has no distance.
    let plain = ws.search(&["yen", "--json"]).json_lines();
    assert!(plain[0].get("distance_km").is_none());
    // Human output shows it after the location.
    let human = ws.search(&["--near", "Tokyo", "--sort", "distance", "--limit", "2"]);
    assert!(
        human.stdout.contains("KAWASAKI, Japan (18."),
        "{}",
        human.stdout
    );
}

#[test]
fn near_takes_coordinates_and_combines_with_words_and_filters() {
    let ws = indexed();
    let run = ws.search(&["--near", "35.443,139.638", "--within", "5", "--json"]);
    assert_eq!(names(&run), ["yokohama-port"]);
    let words = ws.search(&["port", "--near", "Tokyo", "--json"]);
    assert_eq!(names(&words), ["yokohama-port"]);
    let dated = ws.search(&[
        "--near",
        "Tokyo",
        "--from",
        "2005-03-05",
        "--to",
        "2005-03-05",
        "--json",
    ]);
    assert_eq!(names(&dated), ["kawasaki-steel"]);
    // Places without coordinates (a bare country, a non-place) are never near anything.
    let everywhere = ws.search(&[
        "--near", "0,0", "--within", "30000", "--json", "--limit", "100",
    ]);
    let found = names(&everywhere);
    assert_eq!(found.len(), 9, "{found:?}");
    assert!(!found.contains(&"japan-bare".to_string()));
    assert!(!found.contains(&"united-nations".to_string()));
}

#[test]
fn near_works_across_the_180th_meridian() {
    let ws = indexed();
    let run = ws.search(&["--near", "-17.5,-179.5", "--within", "300", "--json"]);
    assert_eq!(sorted(names(&run)), ["labasa-sugar", "suva-port"]);
}

#[test]
fn places_near_a_place() {
    let ws = indexed();
    let run = ws.places(&["--near", "Tokyo", "--within", "30"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines: Vec<&str> = run.stdout.lines().map(str::trim).collect();
    lines.sort_unstable();
    assert_eq!(
        lines,
        [
            "1  Kawasaki, Japan",
            "1  Tokyo, Japan",
            "1  Yokohama, Japan"
        ]
    );
    assert_eq!(
        ws.places(&["--near", "Suva", "--within", "1"])
            .stdout
            .trim(),
        "1  Suva, Fiji"
    );
}

#[test]
fn a_bad_near_is_a_one_line_error() {
    let ws = indexed();
    for (args, message) in [
        (vec!["--near", "Qqzzyx"], "not a place the gazetteer knows"),
        (vec!["--near", "Japan"], "not a city"),
        (vec!["--near", "95,139"], "latitude must be from -90 to 90"),
        (vec!["--near", "Tokyo", "--within", "0"], "greater than 0"),
        (vec!["--near", "Tokyo", "--within", "far"], "greater than 0"),
        (
            vec!["yen", "--sort", "distance"],
            "--sort distance needs --near",
        ),
    ] {
        let run = ws.search(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        if !args.contains(&"--within") {
            assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        }
    }
    let alone = ws.search(&["yen", "--within", "10"]);
    assert_eq!(alone.code, 2);
    assert!(alone.stderr.contains("--near"), "{}", alone.stderr);
    let places = ws.places(&["--near", "Atlantis of the Deep"]);
    assert_eq!(places.code, 2);
}
