//! Web-page and wire leftovers at the end of a dispatch ("Leave a Comment", " Reuter").

/// Whole lines that end pages or wire copy; compared without case and trailing `:`/`.`.
const TRAILERS: [&str; 34] = [
    "comments",
    "comment",
    "0 comments",
    "no comments",
    "comments (0)",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "add a comment",
    "click here to comment",
    "share this article",
    "share this story",
    "share this",
    "share",
    "tweet",
    "print",
    "email",
    "related articles",
    "related stories",
    "related posts",
    "related",
    "read more",
    "also read",
    "you may also like",
    "recommended",
    "advertisement",
    "sponsored",
    "subscribe",
    "follow us",
    "back to top",
    "reuter",
    "reuters",
    "ends",
    "end",
];

/// Whether a whole line is end-of-page or end-of-wire boilerplate.
fn is_trailer(line: &str) -> bool {
    let t = line.trim().trim_end_matches([':', '.']).trim_end();
    TRAILERS.iter().any(|x| x.eq_ignore_ascii_case(t))
}

/// `body` without trailing boilerplate lines and trailing whitespace.
pub(crate) fn strip_trailing(body: &str) -> &str {
    let mut rest = body.trim_end();
    // A page rarely ends with more than a handful of these; the cap keeps it linear anyway.
    for _ in 0..16 {
        let (before, last) = match rest.rfind('\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => ("", rest),
        };
        if !is_trailer(last) {
            break;
        }
        rest = before.trim_end();
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_only_at_the_end() {
        assert_eq!(strip_trailing("Text.\nComments\nLeave a Comment"), "Text.");
        assert_eq!(strip_trailing("Text.\n Reuter\n"), "Text.");
        assert_eq!(strip_trailing("Text.\r\n REUTER"), "Text.");
        assert_eq!(
            strip_trailing("Text.\nShare this article\n\nRelated Articles:\nAdvertisement\n"),
            "Text."
        );
        assert_eq!(strip_trailing("Comments\nText."), "Comments\nText.");
        assert_eq!(
            strip_trailing("He said Reuter would leave a comment.\nMore."),
            "He said Reuter would leave a comment.\nMore."
        );
        assert_eq!(strip_trailing("Leave a Reply"), "");
        assert_eq!(strip_trailing(""), "");
    }
}
