//! Writing results: for people (`human`, `chart`), for programs (`json`, CSV in `chart`),
//! as a picture (`svg`), and the message lines of stderr, each kind with one prefix.

pub mod chart;
pub mod human;
pub mod hyperlink;
pub mod json;
pub mod svg;

use dateline::archive::SkipReason;

/// The line reporting an error: `dateline: error: ...`.
pub fn error_line(err: &dyn std::fmt::Display) -> String {
    format!("dateline: error: {err}")
}

/// The line reporting a file, member or item that was not read: `skipped KEY: REASON`, and
/// what exactly in brackets when known.
pub fn skipped_line(key: &str, reason: SkipReason, detail: Option<&str>) -> String {
    match detail {
        Some(detail) => format!(
            "skipped {}: {reason} ({})",
            escape_controls(key),
            escape_controls(detail)
        ),
        None => format!("skipped {}: {reason}", escape_controls(key)),
    }
}

/// Makes text from a file safe to print as [`escape_controls`] does, keeping its line breaks.
pub fn escape_controls_but_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\n') {
        return escape_controls(text);
    }
    let lines: Vec<_> = text.split('\n').map(escape_controls).collect();
    std::borrow::Cow::Owned(lines.join("\n"))
}

/// Makes text from a file safe to print: control characters and bidi overrides become visible escapes.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(needs) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs(c) {
            let code = u32::from(c);
            if code < 0x100 {
                out.push_str(&format!("\\x{code:02x}"));
            } else {
                out.push_str(&format!("\\u{{{code:x}}}"));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_lines_have_one_prefix_per_kind() {
        assert_eq!(error_line(&"no index"), "dateline: error: no index");
        assert_eq!(
            skipped_line("a\x1b.txt", SkipReason::Binary, None),
            "skipped a\\x1b.txt: binary"
        );
        assert_eq!(
            skipped_line(
                "b.zip#../\x07x.json",
                SkipReason::Malformed,
                Some("JSON: EOF")
            ),
            "skipped b.zip#../\\x07x.json: malformed (JSON: EOF)"
        );
    }

    #[test]
    fn escapes_terminal_controls_but_keeps_text() {
        assert_eq!(escape_controls("plain — text"), "plain — text");
        assert_eq!(escape_controls("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(escape_controls("x\u{9b}y\u{202e}z"), "x\\x9by\\u{202e}z");
        assert_eq!(escape_controls("line\nbreak"), "line\\x0abreak");
        assert_eq!(escape_controls_but_lines("a\x1b\nb\r"), "a\\x1b\nb\\x0d");
    }
}
