//! Former states: countries that no longer exist, or exist under another name, with the dates
//! they existed and the present places that lay in them. Written by hand from public facts
//! (ISO 3166-3 lists the withdrawn codes); a dispatch filed from their territory while they
//! existed is found under their names too.
//!
//! Territories are rules on present countries, and on first-level regions where a present
//! country was split (Germany), so every city of the gazetteer counts, not a list of a few.
//! A region that was itself split (Berlin) counts only where the dateline names the part.

use jiff::civil::{Date, date};

/// A state that is gone or renamed.
#[derive(Debug)]
pub struct FormerState {
    /// The name it is known by.
    pub name: &'static str,
    /// Other names and abbreviations datelines and readers use for it.
    pub aliases: &'static [&'static str],
    /// What lay in it, and when.
    pub territory: &'static [Rule],
}

/// One part of a former state's territory, with the days it was part of it.
#[derive(Debug)]
pub struct Rule {
    /// Which present places.
    pub within: Within,
    /// First day, when it matters (none: since before any archive).
    pub from: Option<Date>,
    /// First day it no longer was (the day of dissolution, union or renaming).
    pub until: Date,
}

/// Present places by ISO country code and GeoNames first-level region code.
#[derive(Debug)]
pub enum Within {
    /// Every place of a present country.
    Country(&'static str),
    /// Every place of a first-level region of a present country.
    Region(&'static str, &'static str),
    /// A region split between states: the places whose dateline names the part (lookup forms,
    /// "east berlin"). Any place of the region fits when the dateline names the state itself.
    Part(&'static str, &'static str, &'static [&'static str]),
}

impl Rule {
    /// Whether the rule holds on `day`.
    pub fn holds_on(&self, day: Date) -> bool {
        self.from.is_none_or(|from| from <= day) && day < self.until
    }
}

impl FormerState {
    /// Every name of the state: its name first, then its aliases.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }

    /// The present country all of its territory lies in, when there is only one.
    pub fn sole_country(&self) -> Option<&'static str> {
        let mut countries = self.territory.iter().map(|rule| match rule.within {
            Within::Country(cc) | Within::Region(cc, _) | Within::Part(cc, _, _) => cc,
        });
        let first = countries.next()?;
        countries.all(|cc| cc == first).then_some(first)
    }

    /// The rule under which a place of country `cc`, region `admin1`, whose dateline names it
    /// as `written` (a lookup form), lay in the state; none when it never did.
    pub fn rule_for(&self, cc: &str, admin1: Option<&str>, written: &str) -> Option<&'static Rule> {
        self.territory.iter().find(|rule| match rule.within {
            Within::Country(c) => c == cc,
            Within::Region(c, a) => c == cc && admin1 == Some(a),
            Within::Part(c, a, parts) => c == cc && admin1 == Some(a) && parts.contains(&written),
        })
    }

    /// Whether a place of country `cc`, region `admin1` may lie in the state when its dateline
    /// names the state: a part of a split region then counts whole ("BERLIN, East Germany").
    pub fn may_hold(&self, cc: &str, admin1: Option<&str>) -> bool {
        self.territory.iter().any(|rule| match rule.within {
            Within::Country(c) => c == cc,
            Within::Region(c, a) | Within::Part(c, a, _) => c == cc && admin1 == Some(a),
        })
    }
}

/// GeoNames admin1 code of Berlin, split between East and West Germany.
const BERLIN: &str = "16";

const SOVIET_UNION: Option<Date> = Some(date(1922, 12, 30));
const SOVIET_UNION_DISSOLVED: Date = date(1991, 12, 26);
const BALTIC_ANNEXED: Option<Date> = Some(date(1940, 8, 3));
/// The Soviet Union recognised the independence of Estonia, Latvia and Lithuania.
const BALTIC_INDEPENDENT: Date = date(1991, 9, 6);
const EAST_GERMANY: Option<Date> = Some(date(1949, 10, 7));
const WEST_GERMANY: Option<Date> = Some(date(1949, 5, 23));
const GERMANY_REUNIFIED: Date = date(1990, 10, 3);
const YUGOSLAVIA: Option<Date> = Some(date(1918, 12, 1));
/// The Socialist Federal Republic ended; Serbia and Montenegro kept the name as the Federal
/// Republic of Yugoslavia.
const SFRY_DISSOLVED: Date = date(1992, 4, 27);
const SERBIA_AND_MONTENEGRO_NAMED: Date = date(2003, 2, 4);
const MONTENEGRO_INDEPENDENT: Date = date(2006, 6, 3);
const SERBIA_AND_MONTENEGRO_DISSOLVED: Date = date(2006, 6, 5);
const NETHERLANDS_ANTILLES: Option<Date> = Some(date(1954, 12, 15));

/// Every place of the present country `cc`, from `from` until `until`.
const fn country(cc: &'static str, from: Option<Date>, until: Date) -> Rule {
    Rule {
        within: Within::Country(cc),
        from,
        until,
    }
}

/// Every place of Germany's first-level region `admin1`, from `from` until reunification.
const fn land(admin1: &'static str, from: Option<Date>) -> Rule {
    Rule {
        within: Within::Region("DE", admin1),
        from,
        until: GERMANY_REUNIFIED,
    }
}

/// The part of Berlin a dateline names as `written`, from `from` until reunification.
const fn berlin(written: &'static [&'static str], from: Option<Date>) -> Rule {
    Rule {
        within: Within::Part("DE", BERLIN, written),
        from,
        until: GERMANY_REUNIFIED,
    }
}

/// Every former state the gazetteer knows. "Burma" is not one: the name is still in use, and
/// stays a name of Myanmar at any date.
pub static FORMER_STATES: &[FormerState] = &[
    // ISO 3166-3 SUHH.
    FormerState {
        name: "Soviet Union",
        aliases: &["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"],
        territory: &[
            country("RU", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("UA", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("BY", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("MD", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("GE", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("AM", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("AZ", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("KZ", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("UZ", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("TM", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("KG", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("TJ", SOVIET_UNION, SOVIET_UNION_DISSOLVED),
            country("EE", BALTIC_ANNEXED, BALTIC_INDEPENDENT),
            country("LV", BALTIC_ANNEXED, BALTIC_INDEPENDENT),
            country("LT", BALTIC_ANNEXED, BALTIC_INDEPENDENT),
        ],
    },
    // ISO 3166-3 DDDE. GeoNames admin1: Brandenburg, Mecklenburg-Vorpommern, Saxony,
    // Saxony-Anhalt, Thuringia.
    FormerState {
        name: "East Germany",
        aliases: &["German Democratic Republic", "GDR", "DDR", "E. Germany"],
        territory: &[
            land("11", EAST_GERMANY),
            land("12", EAST_GERMANY),
            land("13", EAST_GERMANY),
            land("14", EAST_GERMANY),
            land("15", EAST_GERMANY),
            berlin(&["east berlin"], EAST_GERMANY),
        ],
    },
    // The Federal Republic before reunification; today's Germany continues it under that name.
    // GeoNames admin1: Baden-Württemberg, Bavaria, Bremen, Hamburg, Hesse, Lower Saxony, North
    // Rhine-Westphalia, Rhineland-Palatinate, Saarland, Schleswig-Holstein.
    FormerState {
        name: "West Germany",
        aliases: &["W. Germany"],
        territory: &[
            land("01", WEST_GERMANY),
            land("02", WEST_GERMANY),
            land("03", WEST_GERMANY),
            land("04", WEST_GERMANY),
            land("05", WEST_GERMANY),
            land("06", WEST_GERMANY),
            land("07", WEST_GERMANY),
            land("08", WEST_GERMANY),
            land("09", WEST_GERMANY),
            land("10", WEST_GERMANY),
            berlin(&["west berlin"], WEST_GERMANY),
        ],
    },
    // ISO 3166-3 YUCS.
    FormerState {
        name: "Yugoslavia",
        aliases: &[
            "Socialist Federal Republic of Yugoslavia",
            "SFRY",
            "Federal Republic of Yugoslavia",
            "FRY",
        ],
        territory: &[
            country("SI", YUGOSLAVIA, SFRY_DISSOLVED),
            country("HR", YUGOSLAVIA, SFRY_DISSOLVED),
            country("BA", YUGOSLAVIA, SFRY_DISSOLVED),
            country("MK", YUGOSLAVIA, SFRY_DISSOLVED),
            country("RS", YUGOSLAVIA, SERBIA_AND_MONTENEGRO_NAMED),
            country("ME", YUGOSLAVIA, SERBIA_AND_MONTENEGRO_NAMED),
            country("XK", YUGOSLAVIA, SERBIA_AND_MONTENEGRO_NAMED),
        ],
    },
    // ISO 3166-3 CSXX.
    FormerState {
        name: "Serbia and Montenegro",
        aliases: &["Serbia-Montenegro"],
        territory: &[
            country(
                "RS",
                Some(SERBIA_AND_MONTENEGRO_NAMED),
                SERBIA_AND_MONTENEGRO_DISSOLVED,
            ),
            country(
                "XK",
                Some(SERBIA_AND_MONTENEGRO_NAMED),
                SERBIA_AND_MONTENEGRO_DISSOLVED,
            ),
            country(
                "ME",
                Some(SERBIA_AND_MONTENEGRO_NAMED),
                MONTENEGRO_INDEPENDENT,
            ),
        ],
    },
    // ISO 3166-3 CSHH.
    FormerState {
        name: "Czechoslovakia",
        aliases: &["CSSR"],
        territory: &[
            country("CZ", Some(date(1918, 10, 28)), date(1993, 1, 1)),
            country("SK", Some(date(1918, 10, 28)), date(1993, 1, 1)),
        ],
    },
    // ISO 3166-3 ZRCD.
    FormerState {
        name: "Zaire",
        aliases: &["Republic of Zaire"],
        territory: &[country("CD", Some(date(1971, 10, 27)), date(1997, 5, 17))],
    },
    // ISO 3166-3 RHZW.
    FormerState {
        name: "Rhodesia",
        aliases: &[
            "Southern Rhodesia",
            "Zimbabwe Rhodesia",
            "Zimbabwe-Rhodesia",
        ],
        territory: &[country("ZW", None, date(1980, 4, 18))],
    },
    FormerState {
        name: "Ceylon",
        aliases: &[],
        territory: &[country("LK", None, date(1972, 5, 22))],
    },
    // ISO 3166-3 HVBF.
    FormerState {
        name: "Upper Volta",
        aliases: &[],
        territory: &[country("BF", None, date(1984, 8, 4))],
    },
    // ISO 3166-3 DYBJ.
    FormerState {
        name: "Dahomey",
        aliases: &[],
        territory: &[country("BJ", None, date(1975, 11, 30))],
    },
    FormerState {
        name: "Swaziland",
        aliases: &[],
        territory: &[country("SZ", None, date(2018, 4, 19))],
    },
    // ISO 3166-3 ANHH; Aruba left it in 1986.
    FormerState {
        name: "Netherlands Antilles",
        aliases: &[],
        territory: &[
            country("CW", NETHERLANDS_ANTILLES, date(2010, 10, 10)),
            country("SX", NETHERLANDS_ANTILLES, date(2010, 10, 10)),
            country("BQ", NETHERLANDS_ANTILLES, date(2010, 10, 10)),
            country("AW", NETHERLANDS_ANTILLES, date(1986, 1, 1)),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn state(name: &str) -> &'static FormerState {
        FORMER_STATES.iter().find(|s| s.name == name).unwrap()
    }

    #[test]
    fn lifetimes_are_half_open_and_per_rule() {
        let su = state("Soviet Union");
        let moscow = su.rule_for("RU", Some("48"), "moscow").unwrap();
        assert!(moscow.holds_on(date(1989, 5, 1)));
        assert!(moscow.holds_on(date(1991, 12, 25)));
        assert!(!moscow.holds_on(date(1991, 12, 26)));
        assert!(!moscow.holds_on(date(1921, 1, 1)));
        let vilnius = su.rule_for("LT", Some("65"), "vilnius").unwrap();
        assert!(vilnius.holds_on(date(1989, 5, 1)));
        assert!(!vilnius.holds_on(date(1991, 10, 1)));
        assert!(su.rule_for("PL", None, "warsaw").is_none());
        let rhodesia = state("Rhodesia").rule_for("ZW", None, "harare").unwrap();
        assert!(rhodesia.holds_on(date(1801, 1, 1)));
        assert!(!rhodesia.holds_on(date(1980, 4, 18)));
    }

    #[test]
    fn germany_is_split_by_region_and_berlin_by_what_the_dateline_says() {
        let (east, west) = (state("East Germany"), state("West Germany"));
        // Bonn (North Rhine-Westphalia), Leipzig (Saxony), Rostock (Mecklenburg-Vorpommern).
        assert!(west.rule_for("DE", Some("07"), "bonn").is_some());
        assert!(east.rule_for("DE", Some("07"), "bonn").is_none());
        assert!(east.rule_for("DE", Some("13"), "leipzig").is_some());
        assert!(east.rule_for("DE", Some("12"), "rostock").is_some());
        assert!(east.rule_for("DE", Some(BERLIN), "east berlin").is_some());
        assert!(west.rule_for("DE", Some(BERLIN), "west berlin").is_some());
        assert!(east.rule_for("DE", Some(BERLIN), "berlin").is_none());
        assert!(west.rule_for("DE", Some(BERLIN), "berlin").is_none());
        assert!(east.may_hold("DE", Some(BERLIN)));
        assert!(!east.may_hold("DE", Some("07")));
        assert!(east.rule_for("DE", None, "germany").is_none());
        // Every Land of Germany lies in exactly one of them, Berlin in neither as a whole.
        for admin1 in 1..=16 {
            let code = format!("{admin1:02}");
            let holders = [east, west]
                .iter()
                .filter(|s| s.rule_for("DE", Some(&code), "").is_some())
                .count();
            assert_eq!(holders, usize::from(code != BERLIN), "Land {code}");
        }
    }

    #[test]
    fn yugoslavia_kept_its_name_in_serbia_and_montenegro_until_2003() {
        let (yu, cs) = (state("Yugoslavia"), state("Serbia and Montenegro"));
        let zagreb = yu.rule_for("HR", None, "zagreb").unwrap();
        assert!(zagreb.holds_on(date(1991, 1, 1)));
        assert!(!zagreb.holds_on(date(1995, 1, 1)));
        let belgrade = yu.rule_for("RS", None, "belgrade").unwrap();
        assert!(belgrade.holds_on(date(1999, 4, 1)));
        assert!(!belgrade.holds_on(date(2004, 1, 1)));
        let belgrade = cs.rule_for("RS", None, "belgrade").unwrap();
        assert!(belgrade.holds_on(date(2004, 1, 1)));
        assert!(!belgrade.holds_on(date(2007, 1, 1)));
        assert!(
            !cs.rule_for("ME", None, "podgorica")
                .unwrap()
                .holds_on(date(2006, 6, 4))
        );
    }

    #[test]
    fn one_country_or_several() {
        assert_eq!(state("West Germany").sole_country(), Some("DE"));
        assert_eq!(state("Zaire").sole_country(), Some("CD"));
        assert_eq!(state("Soviet Union").sole_country(), None);
        assert_eq!(state("Czechoslovakia").sole_country(), None);
    }

    #[test]
    fn every_rule_ends_after_it_starts_and_names_differ() {
        let mut names = Vec::new();
        for s in FORMER_STATES {
            assert!(!s.territory.is_empty(), "{}", s.name);
            for rule in s.territory {
                assert!(rule.from.is_none_or(|f| f < rule.until), "{}", s.name);
            }
            names.extend(s.names().map(|n| n.to_lowercase()));
        }
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "a name of two former states");
    }
}
