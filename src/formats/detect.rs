//! Telling a file's format from its content and its name (extensions in any case).
//!
//! Magic bytes first (a bundle is a bundle whatever its name), then the extension, then, for
//! text files and files without an extension, the first characters: a `.txt` that holds NITF
//! is read as NITF. Only a few bytes are looked at, so plain text costs nothing more.

/// A container of files: each member is read as a file of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// gzip (`.gz`, `.tgz`, one or several members): one compressed file, or a tar.
    Gzip,
    /// zip.
    Zip,
    /// tar (ustar, GNU, pax).
    Tar,
}

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, one dispatch.
    Text,
    /// XML: NITF, or a NewsML-G2 item or message (told by the root element).
    Xml,
    /// One JSON value: a ninjs item, an article, or an array of them.
    Json,
    /// JSON Lines / NDJSON: one article per line.
    JsonLines,
    /// A saved web page.
    Html,
    /// An LDC or TREC SGML collection: many `<DOC>`s.
    Sgml,
    /// A bundle of files.
    Bundle(Bundle),
    /// Anything else (a PDF, a picture, a spreadsheet, ...): not a dispatch.
    Other,
}

/// The longest extension looked at; longer suffixes after a dot are part of the name.
const MAX_EXTENSION: usize = 6;

/// The extension of the last path component, lower-cased: only letters (and digits after
/// the first letter) count, so `AP880212.0001` or `v1.2` have none.
pub fn extension(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = file.rsplit_once('.')?;
    let ext_ok = !stem.is_empty()
        && ext.len() <= MAX_EXTENSION
        && ext.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric());
    ext_ok.then(|| ext.to_ascii_lowercase())
}

/// The format of a file named `name` holding `bytes`.
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    if let Some(bundle) = magic_bundle(bytes) {
        return match extension(name).as_deref() {
            // Office documents and their kin are zip files, but not bundles of dispatches.
            Some(ext) if is_other_kind(ext) => Format::Other,
            _ => Format::Bundle(bundle),
        };
    }
    let Some(ext) = extension(name) else {
        return sniff(bytes, Format::Text);
    };
    match ext.as_str() {
        "txt" | "text" => sniff(bytes, Format::Text),
        "xml" | "nitf" | "newsml" | "nml" => match sniff(bytes, Format::Xml) {
            Format::Html => Format::Html,
            _ => Format::Xml,
        },
        "json" => match sniff(bytes, Format::Json) {
            Format::JsonLines => Format::JsonLines,
            _ => Format::Json,
        },
        "jsonl" | "ndjson" => Format::JsonLines,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "sgml" | "sgm" => Format::Sgml,
        // Named as bundles but without their magic: told as malformed when opened.
        "gz" | "tgz" => Format::Bundle(Bundle::Gzip),
        "zip" => Format::Bundle(Bundle::Zip),
        "tar" => Format::Bundle(Bundle::Tar),
        _ => Format::Other,
    }
}

/// Whether a file's name says it is JSON Lines, which is read a line at a time rather than
/// whole (see `archive::lines`).
pub fn read_by_line(name: &str) -> bool {
    extension(name).is_some_and(|ext| matches!(ext.as_str(), "jsonl" | "ndjson"))
}

/// Whether a file's name says it is gzipped JSON Lines (`.jsonl.gz`, `.ndjson.gz`), which is
/// inflated and read a line at a time.
pub fn read_gzipped_by_line(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.strip_suffix(".gz").is_some_and(read_by_line)
}

/// Whether a file's name alone says it is no dispatch unless its first bytes show a bundle:
/// such a file need not be read further than [`HEAD_LEN`] bytes to be told.
pub fn other_by_name(name: &str) -> bool {
    extension(name).is_some_and(|ext| {
        !matches!(
            ext.as_str(),
            "txt"
                | "text"
                | "xml"
                | "nitf"
                | "newsml"
                | "nml"
                | "json"
                | "jsonl"
                | "ndjson"
                | "html"
                | "htm"
                | "xhtml"
                | "shtml"
                | "sgml"
                | "sgm"
                | "gz"
                | "tgz"
                | "zip"
                | "tar"
        )
    })
}

/// Bytes enough to tell any bundle by its magic (a tar's is at 257).
pub const HEAD_LEN: usize = 512;

/// Extensions of files that are never dispatches even when their bytes look like a bundle.
fn is_other_kind(ext: &str) -> bool {
    matches!(
        ext,
        "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp" | "epub" | "jar" | "apk" | "kmz"
    )
}

/// A bundle told by its first bytes.
fn magic_bundle(bytes: &[u8]) -> Option<Bundle> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        Some(Bundle::Gzip)
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(Bundle::Zip)
    } else if is_tar_header(bytes) {
        Some(Bundle::Tar)
    } else {
        None
    }
}

/// Whether `bytes` open with a tar header: the magic at 257 as POSIX (`ustar\0`) or GNU
/// (`ustar  \0`) write it, and the NUL padding every header has. Prose can hold "ustar" at
/// 257 (`trustarant`, `custard`), never these.
fn is_tar_header(bytes: &[u8]) -> bool {
    let Some(header) = bytes.get(..512) else {
        return false;
    };
    let magic = header[257..263] == *b"ustar\0" || header[257..265] == *b"ustar  \0";
    magic && header[..100].contains(&0)
}

/// The format the first characters of a text show, else `default`.
fn sniff(bytes: &[u8], default: Format) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    match head.first() {
        Some(b'<') => sniff_markup(head).unwrap_or(default),
        Some(b'{') if default != Format::Text || looks_like_json_object(head) => {
            if json_lines_shaped(bytes) {
                Format::JsonLines
            } else {
                Format::Json
            }
        }
        Some(b'[') if default == Format::Json => Format::Json,
        _ => default,
    }
}

/// Markup told by its first tag.
fn sniff_markup(head: &[u8]) -> Option<Format> {
    let starts = |prefix: &[u8]| {
        head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if starts(b"<DOC>") || starts(b"<DOC ") {
        Some(Format::Sgml)
    } else if starts(b"<!DOCTYPE html") || starts(b"<html") {
        Some(Format::Html)
    } else if starts(b"<?xml")
        || starts(b"<nitf")
        || starts(b"<newsItem")
        || starts(b"<newsMessage")
    {
        // An XHTML page declares itself XML too: its root element tells.
        match root_name(head) {
            Some(name) if name.eq_ignore_ascii_case(b"html") => Some(Format::Html),
            _ => Some(Format::Xml),
        }
    } else {
        None
    }
}

/// The name of the first element of markup, after declarations and comments.
fn root_name(head: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while i < head.len() {
        if head[i] == b'<' {
            let rest = &head[i + 1..];
            match rest.first() {
                Some(b) if b.is_ascii_alphabetic() => {
                    let end = rest
                        .iter()
                        .position(|b| {
                            !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
                        })
                        .unwrap_or(rest.len());
                    return Some(&rest[..end]);
                }
                Some(b'!')
                    if rest[1..].len() >= 8 && rest[1..9].eq_ignore_ascii_case(b"DOCTYPE ") =>
                {
                    let name_start = rest[9..].iter().position(|b| !b.is_ascii_whitespace())? + 9;
                    let name = &rest[name_start..];
                    let end = name
                        .iter()
                        .position(|b| !b.is_ascii_alphanumeric())
                        .unwrap_or(name.len());
                    return Some(&name[..end]);
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// Whether text starting with `{` is a JSON object rather than prose: `{"` follows.
fn looks_like_json_object(head: &[u8]) -> bool {
    head[1..]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'"' || b == b'}')
}

/// Whether a JSON text holds one object per line: a line ending in `}` followed by a line
/// starting with `{` within the first 64 KiB.
fn json_lines_shaped(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    head.windows(2).enumerate().any(|(i, w)| {
        w == b"}\n" && {
            let rest = &head[i + 2..];
            rest.iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|&b| b == b'{')
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_read_in_any_case_and_only_when_they_look_like_one() {
        assert_eq!(extension("a/story.TXT").as_deref(), Some("txt"));
        assert_eq!(extension("feed.NDJSON").as_deref(), Some("ndjson"));
        assert_eq!(extension("trec/AP880212"), None);
        assert_eq!(extension("gigaword/nyt.0001"), None);
        assert_eq!(extension(".profile"), None);
        assert_eq!(extension("dir.d/file"), None);
        assert_eq!(extension("a.tar.gz").as_deref(), Some("gz"));
    }

    #[test]
    fn text_names_and_no_extension_are_text() {
        for name in ["a.txt", "a.TXT", "a.text", "README", "AP880212.0001"] {
            assert_eq!(detect(name, b"PARIS - Rain."), Format::Text, "{name}");
        }
        assert_eq!(detect("a.pdf", b"%PDF-1.7"), Format::Other);
        assert_eq!(detect("notes.md", b"# notes"), Format::Other);
    }

    #[test]
    fn content_wins_over_the_name() {
        assert_eq!(
            detect("a.txt", b"<?xml version=\"1.0\"?><nitf>"),
            Format::Xml
        );
        assert_eq!(detect("ap880212", b"<DOC>\n<DOCNO>"), Format::Sgml);
        assert_eq!(
            detect("page.xml", b"<?xml?>\n<!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(
            detect("page.txt", b"<?xml?>\n<!-- x --><html><body>"),
            Format::Html
        );
        let item = b"<?xml version=\"1.0\"?>\n<newsItem><contentSet><inlineXML><html>";
        assert_eq!(detect("item.xml", item), Format::Xml);
        assert_eq!(
            detect("x.json", b"{\"a\":1}\n{\"a\":2}\n"),
            Format::JsonLines
        );
        assert_eq!(detect("x.json", b"[{\"a\":1},\n{\"a\":2}]"), Format::Json);
        assert_eq!(
            detect("export", b"{\"title\":\"x\"}\n{\"title\":\"y\"}"),
            Format::JsonLines
        );
        assert_eq!(
            detect("story.txt", b"{Editor's note} PARIS - x"),
            Format::Text
        );
        assert_eq!(
            detect("x.txt", b"\x1f\x8b\x08rest"),
            Format::Bundle(Bundle::Gzip)
        );
        assert_eq!(
            detect("x.bin", b"PK\x03\x04rest"),
            Format::Bundle(Bundle::Zip)
        );
        assert_eq!(detect("report.docx", b"PK\x03\x04rest"), Format::Other);
        let mut tar = vec![0u8; 512];
        tar[..5].copy_from_slice(b"a.txt");
        tar[257..263].copy_from_slice(b"ustar\0");
        assert_eq!(detect("x", &tar), Format::Bundle(Bundle::Tar));
        tar[257..265].copy_from_slice(b"ustar  \0");
        assert_eq!(detect("x", &tar), Format::Bundle(Bundle::Tar));
        // Prose with "ustar" at the same place is prose.
        let mut prose = "word ".repeat(51).into_bytes();
        prose.extend_from_slice(b"trustarant level since 1969, a senior official said.");
        assert_eq!(&prose[257..262], b"ustar");
        assert_eq!(detect("x.txt", &prose), Format::Text);
    }

    #[test]
    fn only_names_of_other_kinds_are_told_by_their_head() {
        assert!(other_by_name("a/film.MP4") && other_by_name("notes.md"));
        assert!(!other_by_name("a.TXT") && !other_by_name("AP880212") && !other_by_name("x.tgz"));
        // Every extension read as a format is not "other".
        for name in ["a.nitf", "a.ndjson", "a.shtml", "a.sgm", "a.newsml"] {
            assert!(
                !other_by_name(name) && detect(name, b"") != Format::Other,
                "{name}"
            );
        }
    }

    #[test]
    fn bundle_names_without_their_magic_are_still_bundles() {
        assert_eq!(detect("x.gz", b"not gzip"), Format::Bundle(Bundle::Gzip));
        assert_eq!(detect("x.ZIP", b"not zip"), Format::Bundle(Bundle::Zip));
    }
}
