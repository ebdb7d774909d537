//! The word lists the scanner consults: place connectors, editorial labels, verbs that make a
//! sentence, and the agencies known by name. (Month and weekday names live in `date`.)

/// Lower-case words allowed inside a place name (`Rio de Janeiro`, `Port of Spain`).
const CONNECTORS: [&str; 32] = [
    "de", "del", "della", "di", "da", "das", "do", "dos", "du", "des", "la", "le", "les", "el",
    "al", "en", "es", "of", "the", "on", "upon", "am", "an", "im", "der", "den", "van", "von",
    "au", "aux", "and", "y",
];

/// Whether `word` may join the words of a place name in lower case.
pub(super) fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(&word)
}

/// Editorial labels and section names that look like an all-caps place before a colon or
/// dash (`UPDATE: …`, `FILE - In this photo …`, `SPORTS - …`).
const LABELS: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "UPDATES",
    "NOTE",
    "NOTES",
    "WARNING",
    "CORRECTION",
    "CORRECTED",
    "CORRECTS",
    "CLARIFICATION",
    "EDITOR'S",
    "EDITORS",
    "EDITOR",
    "ADVISORY",
    "ATTENTION",
    "ALERT",
    "BREAKING",
    "URGENT",
    "FLASH",
    "BULLETIN",
    "EXCLUSIVE",
    "ANALYSIS",
    "COMMENTARY",
    "COMMENT",
    "OPINION",
    "EDITORIAL",
    "INTERVIEW",
    "PREVIEW",
    "REVIEW",
    "FACTBOX",
    "TIMELINE",
    "REFILE",
    "REPEAT",
    "RPT",
    "WRAPUP",
    "FEATURE",
    "DISCLAIMER",
    "SOURCE",
    "SOURCES",
    "CONTACT",
    "SUMMARY",
    "BACKGROUND",
    "PHOTO",
    "PHOTOS",
    "VIDEO",
    "AUDIO",
    "FILE",
    "CAUTION",
    "NOTICE",
    "ERRATUM",
    "PS",
    "WATCH",
    "LISTEN",
    "READ",
    "RELATED",
    "TRANSCRIPT",
    "EXCERPT",
    "SPONSORED",
    "ADVERTISEMENT",
    "OBITUARY",
    "LETTERS",
    "SPORTS",
    "SPORT",
    "BUSINESS",
    "WORLD",
    "POLITICS",
    "ENTERTAINMENT",
    "TECHNOLOGY",
    "TECH",
    "HEALTH",
    "SCIENCE",
    "LIFESTYLE",
    "MARKETS",
    "ECONOMY",
    "WEATHER",
    "TRAVEL",
];

/// Whether `word` is an editorial label or section name rather than a place.
pub(super) fn is_label(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    LABELS.iter().any(|l| l.eq_ignore_ascii_case(w))
}

/// Verbs that turn `Police said, March 3 - ` into a sentence rather than a misspelt place.
const REPORTING: [&str; 10] = [
    "said",
    "says",
    "told",
    "reported",
    "reports",
    "added",
    "announced",
    "stated",
    "warned",
    "noted",
];

/// Whether `word` is a reporting verb (`said`, `told`, ...).
pub(super) fn is_reporting_verb(word: &str) -> bool {
    REPORTING.contains(&word)
}

/// Common verbs of news leads, whose presence tells a sentence from a row of figures.
const SENTENCE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could",
    "can", "may", "said", "says", "say", "died", "killed", "fled", "voted", "rose", "fell",
];

/// Whether `word` is one of the verbs most news leads use.
pub(super) fn is_sentence_verb(word: &str) -> bool {
    SENTENCE_VERBS.contains(&word)
}

/// Agencies known by name, compared without case. Acronyms (`AFP`, `PTI`) and domain names
/// (`bdnews24.com`) are recognised by shape instead; a name is needed for an ordinary word,
/// which in brackets may as well be a place (`SMITH-CAMPAIGN (Denver) _`) or a record label.
const AGENCY_NAMES: [&str; 17] = [
    "Reuters",
    "Reuter",
    "Xinhua",
    "Kyodo",
    "Bernama",
    "Yonhap",
    "Antara",
    "Interfax",
    "Anadolu",
    "Sputnik",
    "Agencies",
    "Bloomberg",
    "dpa",
    "Tass",
    "Associated Press",
    "Agence France-Presse",
    "Press Trust of India",
];

/// Whether `name` is an agency known by name, in any case (`Xinhua`, `xinhua`, `XINHUA`).
pub(crate) fn is_agency_name(name: &str) -> bool {
    AGENCY_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}
