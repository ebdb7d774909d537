use super::*;
use jiff::civil::Date;

fn place(loc: &str) -> Place {
    resolve(loc).unwrap_or_else(|| panic!("{loc} did not resolve"))
}

fn finds(query: &str, location: &str) -> bool {
    let keys = place_keys(location, locate(location).as_ref());
    query_keys(query).iter().any(|q| keys.contains(q))
}

/// Whether `--place query` finds a dispatch from `location` filed on `day`, as the index does.
fn finds_on(query: &str, location: &str, day: Option<Date>) -> bool {
    let located = locate(location);
    let mut keys = place_keys(location, located.as_ref());
    keys.extend(located.iter().flat_map(|l| l.keys_on(day)));
    query_keys(query).iter().any(|q| keys.contains(q))
}

#[test]
fn name_table_is_sorted_and_every_entry_parses() {
    let mut prev = "";
    for line in PLACES.lines() {
        let mut fields = line.split('\t');
        let key = fields.next().unwrap_or("");
        assert!(key > prev, "{key:?} after {prev:?}");
        assert_eq!(key, lookup_form(key), "key not in lookup form: {key:?}");
        prev = key;
        for entry in fields {
            let ok = match entry.split_at(1) {
                // The generator's normalization must agree with ours on every city name.
                ("C", rest) => {
                    parse_city(rest).is_some_and(|c| lookup_form(&normalize(c.name)) == key)
                }
                ("S" | "A", rest) => pointed_city(rest).is_some(),
                _ => false,
            };
            assert!(ok, "bad entry {entry:?} on line {key:?}");
        }
        assert_eq!(find_line(key), Some(line));
    }
    assert_eq!(find_line(""), None);
    assert_eq!(find_line("zzzzzz"), None);
}

#[test]
fn fold_table_is_sorted() {
    assert!(FOLD.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn tables_hold_lookup_forms_and_known_codes() {
    for c in COUNTRIES {
        assert!(!c.keys.is_empty());
        for (norm, lf, _) in c.keys {
            assert_eq!(normalize(norm), *norm);
            assert_eq!(lookup_form(norm), *lf);
        }
    }
    for r in REGIONS {
        assert!(country_by_code(r.country).is_some(), "{}", r.name);
        assert_eq!(normalize(r.keys[0].0), normalize(r.name));
    }
}

#[test]
fn normalize_examples() {
    assert_eq!(normalize("Calif."), "calif");
    assert_eq!(normalize("São Paulo"), "sao paulo");
    assert_eq!(normalize("  BUENOS   AIRES "), "buenos aires");
    assert_eq!(normalize("U.K."), "uk");
    assert_eq!(normalize("St. Louis"), "st louis");
    assert_eq!(normalize("Winston-Salem"), "winston-salem");
    assert_eq!(normalize("Xi’an"), "xi'an");
    assert_eq!(normalize("'s-Hertogenbosch -"), "s-hertogenbosch");
    assert_eq!(normalize("Frankfurt (Oder)"), "frankfurt oder");
    assert_eq!(normalize("Kraków, Łódź"), "krakow lodz");
    assert_eq!(normalize("東京"), "東京");
}

#[test]
fn standalone_and_big_cities() {
    let tokyo = place("TOKYO");
    assert_eq!(tokyo.country_code.as_deref(), Some("JP"));
    assert_eq!(tokyo.country.as_deref(), Some("Japan"));
    let ba = place("BUENOS AIRES");
    assert_eq!(ba.country.as_deref(), Some("Argentina"));
    let dc = place("WASHINGTON");
    assert_eq!(dc.country_code.as_deref(), Some("US"));
    assert_eq!(dc.region.as_deref(), Some("District of Columbia"));
    let ny = place("NEW YORK");
    assert_eq!(ny.city.as_deref(), Some("New York City"));
    assert_eq!(ny.region.as_deref(), Some("New York"));
    let stl = place("ST. LOUIS");
    assert_eq!(stl.region.as_deref(), Some("Missouri"));
    let london = place("LONDON");
    assert_eq!(london.country.as_deref(), Some("United Kingdom"));
    assert_eq!(london.region.as_deref(), Some("England"));
    assert_eq!(place("Sao Paulo"), place("São Paulo"));
    assert_eq!(place("buenos aires"), ba);
}

#[test]
fn region_or_country_written_decides() {
    let p = place("PARIS, Texas");
    assert_eq!(p.country_code.as_deref(), Some("US"));
    assert_eq!(p.region.as_deref(), Some("Texas"));
    let p = place("PORTLAND, Ore.");
    assert_eq!(p.region.as_deref(), Some("Oregon"));
    let p = place("PORTLAND, Maine");
    assert_eq!(p.region.as_deref(), Some("Maine"));
    let p = place("SAN FRANCISCO, Calif.");
    assert_eq!(p.region.as_deref(), Some("California"));
    let p = place("SEATTLE, WA");
    assert_eq!(p.region.as_deref(), Some("Washington"));
    let p = place("RICHMOND, Va");
    assert_eq!(p.region.as_deref(), Some("Virginia"));
    let p = place("CALGARY, Alberta");
    assert_eq!(p.region.as_deref(), Some("Alberta"));
    assert_eq!(place("CALGARY, Alta."), p);
    assert_eq!(place("CALGARY, AB"), p);
    let p = place("LONDON, Ontario");
    assert_eq!(p.country_code.as_deref(), Some("CA"));
    let p = place("PERTH, Scotland");
    assert_eq!(p.country_code.as_deref(), Some("GB"));
    let p = place("PERTH, W.A.");
    assert_eq!(p.country_code.as_deref(), Some("AU"));
    let p = place("BAHIA BLANCA, Argentina");
    assert_eq!(p.country.as_deref(), Some("Argentina"));
    assert_eq!(p.city.as_deref(), Some("Bahía Blanca"));
    let p = place("Astana, Kazakhstan");
    assert_eq!(p.country.as_deref(), Some("Kazakhstan"));
    assert!(p.city.is_some());
}

#[test]
fn otherwise_most_populous() {
    let p = place("PARIS");
    assert_eq!(p.country_code.as_deref(), Some("FR"));
    let p = place("PORTLAND");
    assert_eq!(p.region.as_deref(), Some("Oregon"));
    let p = place("FRANKFURT");
    assert_eq!(p.country_code.as_deref(), Some("DE"));
    assert_eq!(p.city.as_deref(), Some("Frankfurt am Main"));
}

#[test]
fn spelling_variants() {
    assert_eq!(place("KIEV"), place("Kyiv, Ukraine"));
    assert_eq!(place("Bombay"), place("MUMBAI"));
    assert_eq!(place("PEKING"), place("BEIJING"));
    assert_eq!(place("Raqa, Syria"), place("RAQQA"));
}

#[test]
fn non_places_resolve_to_none() {
    assert_eq!(resolve("UNITED NATIONS"), None);
    assert_eq!(resolve("ABOARD AIR FORCE ONE"), None);
    assert_eq!(resolve("WHEAT"), None);
    assert_eq!(resolve(""), None);
    assert_eq!(resolve(" , ,"), None);
}

#[test]
fn bare_country_or_region() {
    let p = place("Argentina");
    assert_eq!(p.city, None);
    assert_eq!(p.country.as_deref(), Some("Argentina"));
    assert_eq!(p.country_code.as_deref(), Some("AR"));
    let p = place("Texas");
    assert_eq!(p.city, None);
    assert_eq!(p.region.as_deref(), Some("Texas"));
    assert_eq!(p.country_code.as_deref(), Some("US"));
    let p = place("BAHRAIN");
    assert_eq!(p.city, None);
    assert_eq!(p.country_code.as_deref(), Some("BH"));
    let p = place("UK");
    assert_eq!(p.country_code.as_deref(), Some("GB"));
    let p = place("Ivory Coast");
    assert_eq!(p.country_code.as_deref(), Some("CI"));
    assert_eq!(place("Czech Republic"), place("Czechia"));
    assert_eq!(place("South Korea").country_code.as_deref(), Some("KR"));
    assert_eq!(place("Russia").country_code.as_deref(), Some("RU"));
}

#[test]
fn small_town_with_known_region_keeps_region() {
    let p = place("NOWHEREVILLE, Ore.");
    assert_eq!(p.city.as_deref(), Some("Nowhereville"));
    assert_eq!(p.region.as_deref(), Some("Oregon"));
    assert_eq!(p.country_code.as_deref(), Some("US"));
}

#[test]
fn place_keys_are_bounded_and_include_aliases() {
    let keys = place_keys("LONDON", locate("LONDON").as_ref());
    for k in [
        "london",
        "united kingdom",
        "uk",
        "britain",
        "great britain",
        "england",
        "gb",
    ] {
        assert!(keys.contains(&k.to_string()), "{k} missing from {keys:?}");
    }
    for loc in [
        "LONDON",
        "NEW YORK",
        "SAN FRANCISCO, Calif.",
        "Astana, Kazakhstan",
        "TOKYO",
    ] {
        let n = place_keys(loc, locate(loc).as_ref()).len();
        assert!((2..=25).contains(&n), "{loc}: {n} keys");
    }
    assert_eq!(place_keys("WHEAT", None), vec!["wheat"]);
}

#[test]
fn query_keys_examples() {
    assert_eq!(query_keys("Kiev"), vec!["kiev", "kyiv"]);
    assert_eq!(query_keys("Bombay"), vec!["bombay", "mumbai"]);
    assert_eq!(query_keys("UK"), vec!["uk", "united kingdom"]);
    assert!(
        query_keys("York")
            .iter()
            .all(|k| k != "new york" && k != "new york city")
    );
    assert_eq!(query_keys(""), vec![""]);
}

#[test]
fn place_queries_find_the_right_dispatches() {
    for q in [
        "Britain",
        "United Kingdom",
        "UK",
        "England",
        "U.K.",
        "Great Britain",
        "london",
    ] {
        assert!(finds(q, "LONDON"), "{q} should find LONDON");
    }
    assert!(finds("California", "SAN FRANCISCO, Calif."));
    assert!(finds("CA", "SAN FRANCISCO, Calif."));
    assert!(finds("Kiev", "Kyiv, Ukraine"));
    assert!(finds("Kyiv", "KIEV"));
    assert!(finds("kazakhstan", "Astana, Kazakhstan"));
    assert!(finds("astana", "Astana, Kazakhstan"));
    assert!(finds("new york", "NEW YORK"));
    assert!(!finds("york", "NEW YORK"));
    assert!(finds("Japan", "TOKYO"));
    assert!(finds("Argentina", "BUENOS AIRES"));
    assert!(finds("Argentina", "BAHIA BLANCA, Argentina"));
    assert!(finds("Missouri", "ST. LOUIS"));
    assert!(finds("Bombay", "MUMBAI"));
    assert!(finds("Peking", "BEIJING"));
    assert!(finds("Sao Paulo", "SÃO PAULO"));
    assert!(finds("USA", "CHICAGO"));
    assert!(finds("Oregon", "PORTLAND, Ore."));
    assert!(!finds("Maine", "PORTLAND, Ore."));
    assert!(!finds("France", "PARIS, Texas"));
    assert!(finds("Texas", "PARIS, Texas"));
    assert!(!finds("Japan", "LONDON"));
    assert!(!finds("Scotland", "LONDON"));
    assert!(finds("Alberta", "CALGARY, Alberta"));
    assert!(finds("Alta.", "CALGARY, Alberta"));
    assert!(!finds("Georgia", "UNITED NATIONS"));
}

#[test]
fn spaced_abbreviations_and_missing_commas() {
    let p = place("RIPLEY, W. Va.");
    assert_eq!(p.region.as_deref(), Some("West Virginia"));
    let p = place("FARMINGTON Conn.");
    assert_eq!(p.region.as_deref(), Some("Connecticut"));
    assert_eq!(place("WEST BERLIN").country_code.as_deref(), Some("DE"));
    assert!(query_keys("W. Va.").contains(&"west virginia".to_string()));
}

#[test]
fn typos_of_standalone_cities() {
    assert_eq!(place("WASHINGON"), place("WASHINGTON"));
    assert_eq!(place("ALTANTA"), place("ATLANTA"));
    assert_eq!(place("MAIMI"), place("MIAMI"));
    assert_eq!(place("NEWE YORK"), place("NEW YORK"));
    assert!(one_typo_apart("philadephia", "philadelphia"));
    assert!(!one_typo_apart("nome", "rome"));
    assert!(!one_typo_apart("parks", "paris"));
    assert!(!one_typo_apart("paris", "paris"));
    // Five letters: a swap only; six and more: any one edit, never two.
    assert!(one_typo_apart("prais", "paris"));
    assert!(!one_typo_apart("pari", "paris"));
    assert!(one_typo_apart("atlantaa", "atlanta"));
    assert!(one_typo_apart("atlnta", "atlanta"));
    assert!(one_typo_apart("atlamta", "atlanta"));
    assert!(one_typo_apart("atlnata", "atlanta"));
    assert!(!one_typo_apart("atlnatx", "atlanta"));
    assert!(!one_typo_apart("tlantaa", "atlanta"));
    assert!(!one_typo_apart("atl", "atlanta"));
    assert_eq!(resolve("SILVER"), None);
}

#[test]
fn region_and_country_written_after_the_city() {
    let p = place("Texas, US");
    assert_eq!((p.city, p.region.as_deref()), (None, Some("Texas")));
    assert_eq!(place("LONDON, England").country_code.as_deref(), Some("GB"));
    assert_eq!(place("NEW YORK, N.Y."), place("NEW YORK"));
    assert_eq!(place("WASHINGTON, D.C."), place("WASHINGTON"));
    assert_eq!(place("Paris, France"), place("PARIS"));
    assert!(!finds("England", "GLASGOW"));
    assert!(finds("Scotland", "GLASGOW"));
    assert!(finds("District of Columbia", "WASHINGTON"));
}

#[test]
fn codes_alone_are_not_places_but_decide_after_a_city() {
    // "La." is Louisiana's AP abbreviation; the ISO code of Laos does not count alone.
    assert_ne!(
        resolve("LA").and_then(|p| p.country_code),
        Some("LA".to_string())
    );
    assert_eq!(resolve("GBR"), None);
    assert_eq!(
        place("Los Angeles, CA").region.as_deref(),
        Some("California")
    );
    assert_eq!(place("U.S.").country_code.as_deref(), Some("US"));
    assert_eq!(place("NEW DELHI").city.as_deref(), Some("New Delhi"));
    assert_eq!(place("Kinshasa, Congo").country_code.as_deref(), Some("CD"));
    assert_eq!(
        place("Brazzaville, Congo").country_code.as_deref(),
        Some("CG")
    );
    assert_eq!(place("BAGHDAD (AP)"), place("BAGHDAD"));
    assert_eq!(
        place("Frankfurt (Oder)").city.as_deref(),
        Some("Frankfurt (Oder)")
    );
    assert!(query_keys("GB").contains(&"united kingdom".to_string()));
}

#[test]
fn title_case_capitalizes_each_word() {
    assert_eq!(title_case("NEAR KABUL"), "Near Kabul");
    assert_eq!(title_case("winston-salem"), "Winston-Salem");
    assert_eq!(title_case("cote d'ivoire"), "Cote D'ivoire");
    assert_eq!(display_case("Frankfurt (Oder)"), "Frankfurt (Oder)");
    assert_eq!(display_case(" ST. LOUIS "), "St. Louis");
}

fn day(y: i16, m: i8, d: i8) -> Option<Date> {
    Some(jiff::civil::date(y, m, d))
}

fn located(loc: &str) -> Located {
    locate(loc).unwrap_or_else(|| panic!("{loc} did not resolve"))
}

#[test]
fn a_dateline_naming_a_former_state_resolves_to_it_as_written() {
    let bonn = located("BONN, West Germany");
    assert_eq!(bonn.place.city.as_deref(), Some("Bonn"));
    assert_eq!(bonn.place.country.as_deref(), Some("Germany"));
    let undated = bonn.place_on(None);
    assert_eq!(undated.country_then.as_deref(), Some("West Germany"));
    assert_eq!(
        located("MOSCOW, USSR")
            .place_on(day(2005, 1, 1))
            .country_then
            .as_deref(),
        Some("Soviet Union")
    );
    assert_eq!(
        place("MOSCOW, U.S.S.R.").country_code.as_deref(),
        Some("RU")
    );
    // The state written decides between namesakes, as a region does.
    let oder = place("FRANKFURT, East Germany");
    assert_eq!(oder.city.as_deref(), Some("Frankfurt (Oder)"));
    let main = place("FRANKFURT, West Germany");
    assert_eq!(main.city.as_deref(), Some("Frankfurt am Main"));
    assert_eq!(
        located("BERLIN, East Germany")
            .place_on(None)
            .country_then
            .as_deref(),
        Some("East Germany")
    );
    let belgrade = located("BELGRADE, Yugoslavia").place_on(day(1999, 4, 1));
    assert_eq!(belgrade.country.as_deref(), Some("Serbia"));
    assert_eq!(belgrade.country_then.as_deref(), Some("Yugoslavia"));
    let harare = place("SALISBURY, Rhodesia");
    assert_eq!(harare.city.as_deref(), Some("Harare"));
}

#[test]
fn bare_former_states_and_towns_too_small() {
    let ussr = located("USSR");
    assert_eq!(ussr.place.country, None);
    assert_eq!(
        ussr.place_on(None).country_then.as_deref(),
        Some("Soviet Union")
    );
    assert_eq!(ussr.label(), Some("Soviet Union"));
    let west = located("West Germany");
    assert_eq!(west.place.country_code.as_deref(), Some("DE"));
    assert_eq!(
        west.place_on(None).country_then.as_deref(),
        Some("West Germany")
    );
    let lithuania = located("Lithuania, USSR");
    assert_eq!(lithuania.place.city, None);
    assert_eq!(lithuania.place.country.as_deref(), Some("Lithuania"));
    assert_eq!(
        lithuania.place_on(None).country_then.as_deref(),
        Some("Soviet Union")
    );
    let town = located("OBERWIESENTHAL, East Germany");
    assert_eq!(town.place.city.as_deref(), Some("Oberwiesenthal"));
    assert_eq!(town.place.country_code.as_deref(), Some("DE"));
    assert_eq!(
        town.place_on(None).country_then.as_deref(),
        Some("East Germany")
    );
}

#[test]
fn the_country_then_follows_the_date() {
    let moscow = located("MOSCOW");
    assert_eq!(
        moscow.place_on(day(1989, 6, 1)).country_then.as_deref(),
        Some("Soviet Union")
    );
    assert_eq!(moscow.place_on(day(2005, 6, 1)).country_then, None);
    assert_eq!(
        moscow.place_on(None).country_then,
        None,
        "no date: today's names"
    );
    assert_eq!(
        moscow.place_on(day(1989, 6, 1)).country.as_deref(),
        Some("Russia")
    );
    assert_eq!(
        located("EAST BERLIN")
            .place_on(day(1989, 11, 9))
            .country_then
            .as_deref(),
        Some("East Germany")
    );
    assert_eq!(
        located("BERLIN").place_on(day(1989, 11, 9)).country_then,
        None
    );
    assert_eq!(
        located("LEIPZIG")
            .place_on(day(1990, 10, 2))
            .country_then
            .as_deref(),
        Some("East Germany")
    );
    assert_eq!(
        located("LEIPZIG").place_on(day(1990, 10, 3)).country_then,
        None
    );
}

#[test]
fn former_states_find_their_territory_while_they_existed() {
    let (y1989, y2005) = (day(1989, 6, 1), day(2005, 6, 1));
    for q in ["Soviet Union", "USSR", "U.S.S.R.", "soviet union"] {
        for city in [
            "MOSCOW",
            "KIEV",
            "TBILISI",
            "VILNIUS",
            "ALMA-ATA",
            "LENINGRAD",
        ] {
            assert!(finds_on(q, city, y1989), "{q} should find {city} in 1989");
        }
        assert!(!finds_on(q, "MOSCOW", y2005), "{q} found Moscow in 2005");
        assert!(!finds_on(q, "MOSCOW", None), "{q} found an undated Moscow");
        assert!(!finds_on(q, "WARSAW", y1989));
    }
    // The Baltic states left in September 1991, the rest in December.
    assert!(!finds_on("USSR", "VILNIUS", day(1991, 10, 1)));
    assert!(finds_on("USSR", "KIEV", day(1991, 10, 1)));
    for city in ["BONN", "FRANKFURT", "WEST BERLIN", "MUNICH", "HAMBURG"] {
        assert!(finds_on("West Germany", city, y1989), "{city}");
        assert!(!finds_on("East Germany", city, y1989), "{city}");
    }
    for city in ["EAST BERLIN", "LEIPZIG", "DRESDEN", "ROSTOCK"] {
        assert!(finds_on("East Germany", city, y1989), "{city}");
        assert!(finds_on("GDR", city, y1989), "{city}");
        assert!(!finds_on("West Germany", city, y1989), "{city}");
    }
    assert!(!finds_on("West Germany", "BONN", day(1990, 10, 3)));
    assert!(
        !finds_on("East Germany", "BERLIN", y1989),
        "Berlin alone: no side"
    );
    assert!(
        !finds_on("West Germany", "BERLIN", y1989),
        "Berlin alone: no side"
    );
    assert!(!finds_on("East Germany", "MUNICH", None));
    assert!(finds_on("Yugoslavia", "BELGRADE", day(1999, 4, 1)));
    assert!(finds_on("Yugoslavia", "ZAGREB", day(1991, 7, 1)));
    assert!(!finds_on("Yugoslavia", "ZAGREB", day(1995, 7, 1)));
    assert!(finds_on(
        "Serbia and Montenegro",
        "PODGORICA",
        day(2004, 7, 1)
    ));
    assert!(finds_on("Czechoslovakia", "PRAGUE", y1989));
    assert!(finds_on("Czechoslovakia", "BRATISLAVA", day(1992, 12, 31)));
    assert!(!finds_on("Czechoslovakia", "PRAGUE", day(1993, 1, 1)));
    assert!(finds_on("Zaire", "KINSHASA", day(1990, 1, 1)));
    assert!(!finds_on("Zaire", "KINSHASA", y2005));
    assert!(finds_on("Rhodesia", "SALISBURY", day(1975, 1, 1)));
    assert!(!finds_on("Rhodesia", "HARARE", day(1985, 1, 1)));
    assert!(finds_on("Ceylon", "COLOMBO", day(1960, 1, 1)));
    assert!(!finds_on("Ceylon", "COLOMBO", y2005));
    assert!(finds_on("Upper Volta", "OUAGADOUGOU", day(1980, 1, 1)));
    assert!(finds_on("Swaziland", "MBABANE", y2005));
    assert!(!finds_on("Swaziland", "MBABANE", day(2020, 1, 1)));
}

#[test]
fn todays_names_keep_working_across_time() {
    let y1989 = day(1989, 6, 1);
    assert!(finds_on("Russia", "MOSCOW", y1989));
    assert!(finds_on("Germany", "BONN, West Germany", y1989));
    assert!(finds_on("Germany", "LEIPZIG", y1989));
    assert!(finds_on("Ukraine", "KIEV", y1989));
    assert!(finds_on("Congo", "KINSHASA, Zaire", day(1990, 1, 1)));
    assert!(finds_on("Zimbabwe", "SALISBURY, Rhodesia", day(1975, 1, 1)));
    // A former name written in the dateline holds whatever the date.
    assert!(finds_on("West Germany", "BONN, West Germany", None));
}

#[test]
fn renamed_cities_are_found_under_either_name_at_any_date() {
    for (old, new) in [
        ("Bombay", "MUMBAI"),
        ("Peking", "BEIJING"),
        ("Saigon", "HO CHI MINH CITY"),
        ("Leningrad", "ST. PETERSBURG"),
        ("Rangoon", "YANGON"),
        ("Kiev", "KYIV"),
        ("Salisbury", "HARARE"),
        ("Madras", "CHENNAI"),
        ("Calcutta", "KOLKATA"),
    ] {
        for date in [day(1985, 1, 1), day(2015, 1, 1), None] {
            assert!(finds_on(old, new, date), "{old} should find {new}");
            assert!(finds_on(new, old, date), "{new} should find {old}");
        }
    }
}

#[test]
fn no_present_country_takes_a_former_states_name() {
    for (name, state) in former_names() {
        let areas = areas_named(name, true);
        assert!(
            areas.iter().all(|a| matches!(a, Area::Former(_))),
            "{name:?} ({}) also names a present country or region",
            state.name
        );
    }
    assert!(!finds("East Germany", "MUNICH"));
    assert!(!finds("West Germany", "LEIPZIG"));
}

#[test]
fn washington_and_new_york_alone_are_the_cities() {
    assert!(finds("Washington", "WASHINGTON"));
    assert!(finds("Washington", "WASHINGTON, D.C."));
    for state in [
        "SEATTLE",
        "OLYMPIA, Wash.",
        "SPOKANE, Washington",
        "TACOMA, WA",
    ] {
        assert!(
            !finds("Washington", state),
            "--place Washington found {state}"
        );
        for q in ["Washington state", "Wash.", "WA", "washington STATE"] {
            assert!(finds(q, state), "{q} should find {state}");
        }
    }
    assert!(!finds("Washington state", "WASHINGTON"));
    assert!(finds("District of Columbia", "WASHINGTON"));
    assert!(finds("D.C.", "WASHINGTON"));
    assert!(finds("New York", "NEW YORK"));
    assert!(!finds("New York", "ALBANY, N.Y."));
    assert!(!finds("New York", "ALBANY, New York"));
    for q in ["New York state", "N.Y.", "NY"] {
        assert!(finds(q, "ALBANY, N.Y."), "{q}");
        assert!(finds(q, "NEW YORK"), "{q}: the city is in the state");
    }
    // Other regions keep their names: only an AP stand-alone city outranks a region.
    assert!(finds("Ontario", "TORONTO"));
    assert!(finds("Georgia", "ATLANTA"));
    assert_eq!(
        place("ALBANY, New York State").region.as_deref(),
        Some("New York")
    );
    let state = located("Washington state");
    assert_eq!(state.place.city, None);
    assert_eq!(state.place.region.as_deref(), Some("Washington"));
}

#[test]
fn places_labels_are_unambiguous() {
    assert_eq!(located("WASHINGTON").label(), Some("Washington, D.C."));
    assert_eq!(
        located("Washington state").label(),
        Some("Washington state")
    );
    assert_eq!(located("NEW YORK").label(), Some("New York City"));
    assert_eq!(located("New York state").label(), Some("New York state"));
    assert_eq!(located("SEATTLE").label(), Some("Seattle"));
    assert_eq!(located("Texas").label(), Some("Texas"));
    assert_eq!(
        located("WASHINGTON, England").label(),
        Some("Washington, England")
    );
    assert_eq!(located("Argentina").label(), Some("Argentina"));
}

#[test]
fn cities_carry_their_coordinates() {
    let tokyo = place("TOKYO");
    assert!((tokyo.latitude.unwrap() - 35.69).abs() < 0.01);
    assert!((tokyo.longitude.unwrap() - 139.69).abs() < 0.01);
    let portland = place("PORTLAND, Maine");
    assert!(portland.longitude.unwrap() < -69.0);
    assert_eq!(place("Argentina").latitude, None);
    assert_eq!(place("NOWHEREVILLE, Ore.").latitude, None);
}
