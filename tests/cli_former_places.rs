//! End-to-end: places as they were. Former states are found while they existed (made-up
//! dispatches of 1989 and 2005), renamed cities under either name, today's names at any date;
//! "WASHINGTON" and "NEW YORK" alone are the cities; `places --then`.

mod util;

use util::Workspace;

/// Made-up dispatches: (path, dateline and first sentence). The AP copy of 1989 takes its date
/// from the path, as the wire's files do.
const DISPATCHES: &[(&str, &str)] = &[
    (
        "1989/06/05/moscow-arms-talks.txt",
        "MOSCOW (AP) _ Negotiators resumed arms talks on Monday.",
    ),
    (
        "1989/06/06/kiev-reactor.txt",
        "KIEV, U.S.S.R. (AP) _ Engineers shut a reactor for repairs.",
    ),
    (
        "1989/06/07/tbilisi-rally.txt",
        "TBILISI (AP) _ Thousands rallied in the capital's main square.",
    ),
    (
        "1989/06/08/vilnius-vote.txt",
        "VILNIUS, Lithuania (AP) _ The republic's parliament met in session.",
    ),
    (
        "1989/06/09/leningrad-port.txt",
        "LENINGRAD (AP) _ Dock workers loaded grain ships all week.",
    ),
    (
        "1989/06/12/bonn-budget.txt",
        "BONN, West Germany (AP) _ The Cabinet approved the budget.",
    ),
    (
        "1989/06/13/frankfurt-bank.txt",
        "FRANKFURT, West Germany (AP) _ The central bank held rates.",
    ),
    (
        "1989/06/14/west-berlin-fair.txt",
        "WEST BERLIN (AP) _ A trade fair opened on Wednesday.",
    ),
    (
        "1989/10/09/leipzig-vigil.txt",
        "LEIPZIG, East Germany (AP) _ Thousands gathered at a church vigil.",
    ),
    (
        "1989/11/09/east-berlin-border.txt",
        "EAST BERLIN (AP) _ Guards opened the border crossings.",
    ),
    (
        "1989/11/10/dresden-march.txt",
        "DRESDEN, East Germany (AP) _ Marchers filled the old town.",
    ),
    (
        "1989/11/20/prague-strike.txt",
        "PRAGUE, Czechoslovakia (AP) _ Students called a general strike.",
    ),
    (
        "1989/11/21/belgrade-talks.txt",
        "BELGRADE, Yugoslavia (AP) _ Party leaders met behind closed doors.",
    ),
    (
        "1989/11/22/kinshasa-copper.txt",
        "KINSHASA, Zaire (AP) _ Copper exports fell for a third month.",
    ),
    (
        "1989/11/23/bombay-monsoon.txt",
        "BOMBAY, India (AP) _ Late rains flooded low-lying streets.",
    ),
    (
        "1989/11/24/peking-students.txt",
        "PEKING (AP) _ Universities reopened under new rules.",
    ),
    (
        "1989/11/27/rangoon-curfew.txt",
        "RANGOON, Burma (AP) _ The military government eased a curfew.",
    ),
    (
        "1975/04/29/saigon-evacuation.txt",
        "SAIGON, South Vietnam (AP) _ Helicopters lifted the last evacuees.",
    ),
    (
        "2005/03/03/moscow-oil.txt",
        "MOSCOW, March 3 (Reuters) - Oil exports rose in February.",
    ),
    (
        "2005/03/04/kyiv-protest.txt",
        "KYIV, Ukraine, March 4 (Reuters) - Protesters marched again.",
    ),
    (
        "2005/03/05/berlin-coalition.txt",
        "BERLIN, March 5 (Reuters) - Coalition talks stalled.",
    ),
    (
        "2005/03/06/leipzig-fair.txt",
        "LEIPZIG, Germany, March 6 (Reuters) - The book fair opened.",
    ),
    (
        "2005/03/07/mumbai-stocks.txt",
        "MUMBAI, March 7 (Reuters) - Shares closed higher.",
    ),
    (
        "2005/03/08/beijing-trade.txt",
        "BEIJING, March 8 (Reuters) - The trade surplus widened.",
    ),
    (
        "2005/03/09/yangon-rice.txt",
        "YANGON, Myanmar, March 9 (Reuters) - Rice prices rose.",
    ),
    (
        "2005/03/10/ho-chi-minh-city-port.txt",
        "HO CHI MINH CITY, March 10 (Reuters) - Port traffic grew.",
    ),
    (
        "2005/03/11/st-petersburg-forum.txt",
        "ST. PETERSBURG, Russia, March 11 (Reuters) - A forum opened.",
    ),
    (
        "2005/03/12/kinshasa-election.txt",
        "KINSHASA, March 12 (Reuters) - Voter registration began.",
    ),
    (
        "2005/03/13/belgrade-court.txt",
        "BELGRADE, March 13 (Reuters) - A court adjourned a trial.",
    ),
    (
        "2005/03/14/washington-budget.txt",
        "WASHINGTON, March 14 (Reuters) - The House delayed a budget vote.",
    ),
    (
        "2005/03/15/seattle-ferries.txt",
        "SEATTLE (AP) - Ferry fares will rise in May.",
    ),
    (
        "2005/03/16/olympia-legislature.txt",
        "OLYMPIA, Wash. (AP) - The Legislature adjourned early.",
    ),
    (
        "2005/03/17/spokane-wheat.txt",
        "SPOKANE, Washington (AP) - Wheat growers expect a large crop.",
    ),
    (
        "2005/03/18/new-york-subway.txt",
        "NEW YORK (AP) - Subway fares will rise.",
    ),
    (
        "2005/03/19/albany-budget.txt",
        "ALBANY, N.Y. (AP) - Lawmakers passed the state budget.",
    ),
    (
        "undated/moscow-ballet.txt",
        "MOSCOW (AP) - The ballet opened its season.",
    ),
    (
        "undated/bonn-west-germany.txt",
        "BONN, West Germany (AP) - The museum reopened.",
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

/// The names of the files `--place PLACE` finds, sorted.
fn found(ws: &Workspace, place: &str) -> Vec<String> {
    let run = ws.search(&["--place", place, "--json", "--limit", "100"]);
    assert!(run.code <= 1, "--place {place}: {}", run.stderr);
    let mut names: Vec<String> = run
        .paths()
        .iter()
        .map(|p| {
            p.rsplit('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".txt")
                .to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn former_states_find_their_territory_while_they_existed() {
    let ws = indexed();
    for place in ["Soviet Union", "USSR", "U.S.S.R."] {
        assert_eq!(
            found(&ws, place),
            [
                "kiev-reactor",
                "leningrad-port",
                "moscow-arms-talks",
                "tbilisi-rally",
                "vilnius-vote"
            ],
            "--place {place}: not Moscow in 2005, nor Moscow undated"
        );
    }
    assert_eq!(
        found(&ws, "West Germany"),
        [
            "bonn-budget",
            "bonn-west-germany",
            "frankfurt-bank",
            "west-berlin-fair"
        ]
    );
    assert_eq!(
        found(&ws, "East Germany"),
        ["dresden-march", "east-berlin-border", "leipzig-vigil"]
    );
    assert_eq!(found(&ws, "Czechoslovakia"), ["prague-strike"]);
    assert_eq!(found(&ws, "Yugoslavia"), ["belgrade-talks"]);
    assert_eq!(found(&ws, "Serbia and Montenegro"), ["belgrade-court"]);
    assert_eq!(found(&ws, "Zaire"), ["kinshasa-copper"]);
}

#[test]
fn todays_names_keep_working_across_time() {
    let ws = indexed();
    assert_eq!(
        found(&ws, "Russia"),
        [
            "leningrad-port",
            "moscow-arms-talks",
            "moscow-ballet",
            "moscow-oil",
            "st-petersburg-forum"
        ]
    );
    let germany = found(&ws, "Germany");
    assert_eq!(germany.len(), 9, "{germany:?}");
    assert!(germany.contains(&"bonn-budget".to_string()));
    assert!(germany.contains(&"east-berlin-border".to_string()));
    assert_eq!(
        found(&ws, "Congo"),
        ["kinshasa-copper", "kinshasa-election"]
    );
    assert_eq!(found(&ws, "Ukraine"), ["kiev-reactor", "kyiv-protest"]);
}

#[test]
fn renamed_cities_are_found_under_either_name_at_any_date() {
    let ws = indexed();
    for (names, files) in [
        (["Bombay", "Mumbai"], ["bombay-monsoon", "mumbai-stocks"]),
        (["Peking", "Beijing"], ["beijing-trade", "peking-students"]),
        (["Rangoon", "Yangon"], ["rangoon-curfew", "yangon-rice"]),
        (
            ["Leningrad", "St. Petersburg"],
            ["leningrad-port", "st-petersburg-forum"],
        ),
        (["Kiev", "Kyiv"], ["kiev-reactor", "kyiv-protest"]),
        (
            ["Saigon", "Ho Chi Minh City"],
            ["ho-chi-minh-city-port", "saigon-evacuation"],
        ),
    ] {
        for name in names {
            assert_eq!(found(&ws, name), files, "--place {name}");
        }
    }
}

#[test]
fn json_place_says_the_country_then_when_it_differs() {
    let ws = indexed();
    let hits = ws
        .search(&["--place", "Germany", "--json", "--limit", "100"])
        .json_lines();
    let hit = |name: &str| {
        hits.iter()
            .find(|h| h["path"].as_str().unwrap().contains(name))
            .unwrap_or_else(|| panic!("{name} not found"))
    };
    let bonn = &hit("bonn-budget")["place"];
    assert_eq!(bonn["country"], "Germany");
    assert_eq!(bonn["country_then"], "West Germany");
    assert_eq!(
        hit("bonn-west-germany")["place"]["country_then"],
        "West Germany"
    );
    assert_eq!(
        hit("leipzig-vigil")["place"]["country_then"],
        "East Germany"
    );
    assert!(hit("leipzig-fair")["place"].get("country_then").is_none());
    assert!(
        hit("berlin-coalition")["place"]
            .get("country_then")
            .is_none()
    );

    let russia = ws.search(&["--place", "Russia", "--json"]).json_lines();
    for h in &russia {
        let then = h["place"].get("country_then");
        let in_1989 = h["date"].as_str().is_some_and(|d| d.starts_with("1989"));
        assert_eq!(then.is_some(), in_1989, "{}", h["path"]);
        if in_1989 {
            assert_eq!(then.unwrap(), "Soviet Union");
        }
        assert_eq!(h["place"]["country"], "Russia");
    }
}

#[test]
fn places_lists_countries_as_today_or_as_filed() {
    let ws = indexed();
    let today = ws
        .places(&["--by", "country", "--json", "--limit", "100"])
        .json_lines();
    let count = |rows: &[serde_json::Value], name: &str| {
        rows.iter()
            .find(|r| r["place"] == name)
            .map_or(0, |r| r["count"].as_u64().unwrap())
    };
    assert_eq!(count(&today, "Russia"), 5);
    assert_eq!(count(&today, "Germany"), 9);
    assert_eq!(count(&today, "Soviet Union"), 0);
    let then = ws
        .places(&["--by", "country", "--then", "--json", "--limit", "100"])
        .json_lines();
    assert_eq!(count(&then, "Soviet Union"), 5);
    assert_eq!(count(&then, "Russia"), 3, "2005, undated, St Petersburg");
    assert_eq!(count(&then, "West Germany"), 4);
    assert_eq!(count(&then, "East Germany"), 3);
    assert_eq!(count(&then, "Germany"), 2);
    assert_eq!(count(&then, "Ukraine"), 1);
    let run = ws.places(&["--place", "USSR", "--then"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("  Moscow, Soviet Union\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn washington_and_new_york_alone_are_the_cities() {
    let ws = indexed();
    assert_eq!(found(&ws, "Washington"), ["washington-budget"]);
    for state in ["Washington state", "Wash.", "WA"] {
        assert_eq!(
            found(&ws, state),
            ["olympia-legislature", "seattle-ferries", "spokane-wheat"],
            "--place {state}"
        );
    }
    assert_eq!(found(&ws, "New York"), ["new-york-subway"]);
    for state in ["New York state", "N.Y.", "NY"] {
        assert_eq!(
            found(&ws, state),
            ["albany-budget", "new-york-subway"],
            "--place {state}"
        );
    }
    let places = ws.places(&["--place", "United States", "--limit", "100"]);
    assert!(
        places
            .stdout
            .contains("1  Washington, D.C., United States\n"),
        "{}",
        places.stdout
    );
}

#[test]
fn help_says_an_undated_dispatch_has_todays_names_only() {
    let run = util::run(&["search", "--help"]);
    assert_eq!(run.code, 0);
    let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("without a date are found by today's names only"),
        "{help}"
    );
}
