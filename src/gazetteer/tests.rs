use super::*;

fn place(loc: &str) -> Place {
    resolve(loc).unwrap_or_else(|| panic!("{loc} did not resolve"))
}

fn finds(query: &str, location: &str) -> bool {
    let keys = place_keys(location, resolve(location).as_ref());
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
    let keys = place_keys("LONDON", resolve("LONDON").as_ref());
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
        let n = place_keys(loc, resolve(loc).as_ref()).len();
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
