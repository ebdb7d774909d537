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
/// dash (`UPDATE: …`, `FILE - In this photo …`, `SPORTS - …`), in capitals and sorted, for a
/// binary search.
const LABELS: &[&str] = &[
    "ADVERTISEMENT",
    "ADVISORY",
    "ALERT",
    "ANALYSIS",
    "ATTENTION",
    "AUDIO",
    "BACKGROUND",
    "BREAKING",
    "BULLETIN",
    "BUSINESS",
    "CAUTION",
    "CLARIFICATION",
    "COMMENT",
    "COMMENTARY",
    "CONTACT",
    "CORRECTED",
    "CORRECTION",
    "CORRECTS",
    "DISCLAIMER",
    "ECONOMY",
    "EDITOR",
    "EDITOR'S",
    "EDITORIAL",
    "EDITORS",
    "EDS",
    "ENTERTAINMENT",
    "ERRATUM",
    "EXCERPT",
    "EXCLUSIVE",
    "FACTBOX",
    "FEATURE",
    "FILE",
    "FLASH",
    "HEAD",
    "HEALTH",
    "INTERVIEW",
    "LETTERS",
    "LIFESTYLE",
    "LISTEN",
    "MARKETS",
    "NOTE",
    "NOTES",
    "NOTICE",
    "OBITUARY",
    "OPINION",
    "PHOTO",
    "PHOTOS",
    "POLITICS",
    "PREVIEW",
    "PS",
    "READ",
    "REFILE",
    "RELATED",
    "REPEAT",
    "REVIEW",
    "RPT",
    "SCIENCE",
    "SOURCE",
    "SOURCES",
    "SPONSORED",
    "SPORT",
    "SPORTS",
    "SUMMARY",
    "TECH",
    "TECHNOLOGY",
    "TIMELINE",
    "TRANSCRIPT",
    "TRAVEL",
    "UPDATE",
    "UPDATED",
    "UPDATES",
    "URGENT",
    "VIDEO",
    "WARNING",
    "WATCH",
    "WEATHER",
    "WORLD",
    "WRAPUP",
];

/// The longest label.
const MAX_LABEL: usize = 16;

/// Whether `word` is an editorial label or section name rather than a place.
pub(super) fn is_label(word: &str) -> bool {
    let w = word.trim_end_matches('.').as_bytes();
    if w.len() > MAX_LABEL {
        return false;
    }
    let mut upper = [0u8; MAX_LABEL];
    for (u, c) in upper.iter_mut().zip(w) {
        *u = c.to_ascii_uppercase();
    }
    LABELS
        .binary_search_by(|l| l.as_bytes().cmp(&upper[..w.len()]))
        .is_ok()
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

/// Last words of the names of news outlets: a capitalised name in brackets ending in one
/// (`Coast News`, `Hindustan Times`, `Black Sea Wire`) credits an outlet, not a place.
const OUTLET_WORDS: [&str; 24] = [
    "Agency",
    "Bulletin",
    "Bureau",
    "Chronicle",
    "Daily",
    "Dispatch",
    "Express",
    "Gazette",
    "Herald",
    "Journal",
    "Media",
    "Monitor",
    "Network",
    "News",
    "Observer",
    "Online",
    "Post",
    "Press",
    "Radio",
    "Review",
    "Service",
    "Times",
    "Tribune",
    "Wire",
];

/// Whether `name` is the name of an outlet of more than one word whose last is an outlet word.
pub(crate) fn is_outlet_name(name: &str) -> bool {
    match name.rsplit_once(' ') {
        Some((first, last)) => {
            !first.trim().is_empty()
                && first.starts_with(|c: char| c.is_uppercase())
                && OUTLET_WORDS.contains(&last)
        }
        None => false,
    }
}

/// Whether `name` is an agency known by name, in any case (`Xinhua`, `xinhua`, `XINHUA`).
pub(crate) fn is_agency_name(name: &str) -> bool {
    AGENCY_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_sorted_capitals_within_the_bound() {
        assert!(LABELS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            LABELS
                .iter()
                .all(|l| l.len() <= MAX_LABEL && *l == l.to_uppercase())
        );
    }

    #[test]
    fn labels_in_any_case() {
        for word in [
            "UPDATE", "Update", "update.", "EDITOR'S", "Eds", "SPORTS", "HEAD",
        ] {
            assert!(is_label(word), "{word}");
        }
        for word in ["LONDON", "HEADS", "", "UPDATEUPDATEUPDATEUPDATE", "É"] {
            assert!(!is_label(word), "{word}");
        }
    }

    #[test]
    fn outlets_by_the_last_word_of_their_names() {
        for name in [
            "Coast News",
            "Hindustan Times",
            "Black Sea Wire",
            "Daily Example Post",
        ] {
            assert!(is_outlet_name(name), "{name}");
        }
        for name in ["News", "New York", "Denver", "the News", "Times Square"] {
            assert!(!is_outlet_name(name), "{name}");
        }
    }

    #[test]
    fn agencies_by_name_in_any_case() {
        assert!(is_agency_name("Xinhua") && is_agency_name("xinhua") && is_agency_name("TASS"));
        assert!(!is_agency_name("Philips") && !is_agency_name("Denver"));
    }
}
