//! Headlines: the agency credit some sites append (`… — AFP`, `… (Reuters)`).

use super::dateline::{agency_shaped, is_agency_name};

/// Acronyms accepted even in all-capitals headlines, where shape alone cannot tell
/// `… - AFP` from `… - DEALERS`.
const ACRONYMS: [&str; 17] = [
    "AFP", "AP", "UPI", "PTI", "IANS", "ANI", "DPA", "EFE", "ANSA", "KUNA", "WAM", "SPA", "APP",
    "IRNA", "MENA", "UNB", "BSS",
];

/// Splits a trailing agency credit off a headline: `("Talks open.", Some("AFP"))`.
pub(crate) fn split_credit(headline: &str) -> (&str, Option<&str>) {
    let h = headline.trim_end();
    let shouting = !h.chars().any(char::is_lowercase);
    if let Some(inner) = h.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let credit = &inner[open + 1..];
        let head = inner[..open].trim_end();
        if !head.is_empty() && agency_shaped(credit) && is_credit(credit, shouting) {
            return (head, Some(credit));
        }
    }
    if let Some((i, after)) = last_dash_separator(h) {
        let credit = h[after..].trim();
        let head = h[..i].trim_end();
        if !head.is_empty() && is_credit(credit, shouting) {
            return (head, Some(credit));
        }
    }
    (h, None)
}

/// The last ` — `, ` – `, ` -- ` or ` - ` in `h`: where it starts and where the text after it
/// starts. One backward pass, as headlines are read for every dispatch.
fn last_dash_separator(h: &str) -> Option<(usize, usize)> {
    let b = h.as_bytes();
    (0..b.len()).rev().filter(|&i| b[i] == b' ').find_map(|i| {
        ["— ", "– ", "-- ", "- "]
            .iter()
            .find(|sep| h[i + 1..].starts_with(**sep))
            .map(|sep| (i, i + 1 + sep.len()))
    })
}

fn is_credit(credit: &str, shouting: bool) -> bool {
    if is_agency_name(credit) || ACRONYMS.contains(&credit) {
        return true;
    }
    // In a mixed-case headline an all-capitals word at the end is an agency acronym.
    !shouting && (2..=6).contains(&credit.len()) && credit.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits() {
        assert_eq!(
            split_credit("Talks open in Astana. — AFP"),
            ("Talks open in Astana.", Some("AFP"))
        );
        assert_eq!(
            split_credit("Talks open - Reuters"),
            ("Talks open", Some("Reuters"))
        );
        assert_eq!(
            split_credit("Talks open (AFP)"),
            ("Talks open", Some("AFP"))
        );
        assert_eq!(
            split_credit("Talks open – IANS "),
            ("Talks open", Some("IANS"))
        );
        assert_eq!(
            split_credit("Stocks fall - Reuters poll"),
            ("Stocks fall - Reuters poll", None)
        );
        assert_eq!(
            split_credit("Trump in Asia - Part 2"),
            ("Trump in Asia - Part 2", None)
        );
        assert_eq!(
            split_credit("OIL FALLS - DEALERS"),
            ("OIL FALLS - DEALERS", None)
        );
        assert_eq!(split_credit("OIL FALLS - AFP"), ("OIL FALLS", Some("AFP")));
        assert_eq!(
            split_credit("HONG KONG EXCHS NOON - APR 7"),
            ("HONG KONG EXCHS NOON - APR 7", None)
        );
        assert_eq!(split_credit("- AFP"), ("- AFP", None));
        assert_eq!(
            split_credit("Apple (AAPL) results"),
            ("Apple (AAPL) results", None)
        );
        assert_eq!(split_credit(""), ("", None));
    }
}
