//! XML: parsing it safely, and telling NITF from NewsML-G2 by the root element.
//!
//! A DTD is never read: the `<!DOCTYPE ...>` declaration, with any internal subset and its
//! entity declarations, is removed before parsing, so entities are never expanded (no
//! "billion laughs") and nothing is fetched. Named entities other than XML's five are HTML's
//! in practice (NITF declares them in its DTD): the common ones are read as their characters,
//! the others as nothing. The parser is iterative and the number of nodes bounded.

use std::borrow::Cow;

use roxmltree::{Document, Node, ParsingOptions};

use super::{Lost, Sink, decode, newsml, nitf};
use crate::archive::SkipReason;

/// Most nodes a document may have: far more than any dispatch, far less than memory allows.
const MAX_NODES: u32 = 2_000_000;

/// Reads an NITF document or a NewsML-G2 item or message.
pub(super) fn read(name: &str, bytes: &[u8], sink: &mut dyn Sink) {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(lost) => return sink.lost(lost),
    };
    let prepared = prepare(&text);
    let doc = match parse(&prepared) {
        Ok(doc) => doc,
        Err(err) => {
            return sink.lost(Lost::with(
                None,
                SkipReason::Malformed,
                format!("XML: {err}"),
            ));
        }
    };
    let root = doc.root_element();
    match root.tag_name().name() {
        "nitf" => nitf::read(root, name, sink),
        "newsItem" => newsml::read_item(root, name, None, sink),
        "newsMessage" => newsml::read_message(root, name, sink),
        other => sink.lost(Lost::with(
            None,
            SkipReason::NotDispatch,
            format!("XML of another kind (<{}>)", truncate(other)),
        )),
    }
}

/// Parses prepared XML text with DTDs refused and the number of nodes bounded.
pub(super) fn parse(text: &str) -> Result<Document<'_>, roxmltree::Error> {
    Document::parse_with_options(
        text,
        ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_NODES,
            ..ParsingOptions::default()
        },
    )
}

/// At most 40 characters of a name from a file, for messages.
fn truncate(name: &str) -> String {
    name.chars().take(40).collect()
}

/// The text without its `<!DOCTYPE>` declaration and with HTML's named entities replaced.
pub(super) fn prepare(text: &str) -> Cow<'_, str> {
    let text = without_doctype(text);
    if !has_foreign_entity(&text) {
        return text;
    }
    Cow::Owned(replace_entities(&text))
}

/// `text` without its document type declaration (which may hold an internal subset in
/// brackets, itself holding quoted `>` characters).
fn without_doctype(text: &str) -> Cow<'_, str> {
    let Some(start) = text.find("<!DOCTYPE") else {
        return Cow::Borrowed(text);
    };
    let bytes = text.as_bytes();
    let mut i = start + "<!DOCTYPE".len();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                b'>' if depth == 0 => {
                    let mut out = String::with_capacity(text.len());
                    out.push_str(&text[..start]);
                    out.push_str(&text[i + 1..]);
                    return Cow::Owned(out);
                }
                _ => {}
            },
        }
        i += 1;
    }
    // An unterminated declaration: nothing after it is a document.
    Cow::Owned(text[..start].to_string())
}

/// XML's own entities, which the parser reads.
const XML_ENTITIES: [&str; 5] = ["amp", "lt", "gt", "quot", "apos"];

/// HTML entities common in wire copy, with their characters.
const HTML_ENTITIES: [(&str, &str); 24] = [
    ("nbsp", "\u{a0}"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("hellip", "…"),
    ("bull", "•"),
    ("middot", "·"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("aacute", "á"),
    ("iacute", "í"),
    ("oacute", "ó"),
    ("uacute", "ú"),
    ("ntilde", "ñ"),
    ("uuml", "ü"),
    ("ouml", "ö"),
    ("auml", "ä"),
];

/// Whether the text holds a named entity the parser does not know.
fn has_foreign_entity(text: &str) -> bool {
    text.match_indices('&')
        .any(|(i, _)| entity_name(&text[i + 1..]).is_some_and(|n| !XML_ENTITIES.contains(&n)))
}

/// The name of a named entity reference at the start of `rest` (after its `&`).
fn entity_name(rest: &str) -> Option<&str> {
    let end = rest.find(';')?;
    let name = &rest[..end];
    let ok = !name.is_empty()
        && name.len() <= 32
        && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then_some(name)
}

/// The text with every named entity other than XML's replaced by its character, or removed.
fn replace_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match entity_name(after) {
            Some(name) if !XML_ENTITIES.contains(&name) => {
                if let Some((_, c)) = HTML_ENTITIES.iter().find(|(n, _)| *n == name) {
                    out.push_str(c);
                }
                rest = &after[name.len() + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first child element of `node` with local name `name`.
pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The child elements of `node` with local name `name`.
pub(super) fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The element reached from `node` by a path of child names.
pub(super) fn path<'a, 'i>(node: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    names.iter().try_fold(node, |n, name| child(n, name))
}

/// Every text of `node` and its descendants, whitespace squeezed; `None` when empty.
pub(super) fn text_of(node: Node) -> Option<String> {
    let mut all = String::new();
    for t in node.descendants().filter(|d| d.is_text()) {
        all.push_str(t.text().unwrap_or(""));
    }
    super::non_empty(&all)
}

/// An attribute's value (by local name), squeezed; `None` when absent or empty.
pub(super) fn attr(node: Node, name: &str) -> Option<String> {
    node.attributes()
        .find(|a| a.name() == name)
        .and_then(|a| super::non_empty(a.value()))
}

/// Elements whose text is a paragraph of a body.
const BLOCKS: [&str; 11] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "hl2",
];

/// The paragraphs of a body element, separated by empty lines: the text of each block
/// element (outermost only), else the whole text when it has none.
pub(super) fn paragraphs(node: Node) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut stack: Vec<Node> = node.children().filter(|c| c.is_element()).collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if BLOCKS.contains(&n.tag_name().name()) {
            out.extend(text_of(n));
            continue;
        }
        let before = stack.len();
        stack.extend(n.children().filter(|c| c.is_element()));
        stack[before..].reverse();
    }
    if out.is_empty() {
        return text_of(node).unwrap_or_default();
    }
    out.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_doctype_goes_with_its_internal_subset() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"nitf.dtd\" [\n<!ENTITY x \"a>b\">\n]>\n<nitf/>";
        assert_eq!(prepare(text), "<?xml version=\"1.0\"?>\n\n<nitf/>");
        assert_eq!(prepare("<!DOCTYPE nitf [ <!ENTITY"), "");
        assert_eq!(prepare("<a>x</a>"), "<a>x</a>");
    }

    #[test]
    fn html_entities_are_read_and_unknown_ones_dropped() {
        assert_eq!(
            prepare("<p>a&nbsp;b &mdash; c &amp; d &lol9; &#233; &unfinished</p>"),
            "<p>a\u{a0}b — c &amp; d  &#233; &unfinished</p>"
        );
    }

    #[test]
    fn entities_are_never_expanded() {
        let mut laughs =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for i in 1..10 {
            let prev = if i == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", i - 1)
            };
            laughs.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">\n",
                format!("&{prev};").repeat(10)
            ));
        }
        laughs.push_str("]>\n<nitf><body><body.content><p>&lol9;</p></body.content></body></nitf>");
        let prepared = prepare(&laughs);
        let doc = parse(&prepared).unwrap();
        assert_eq!(text_of(doc.root_element()), None);
    }

    #[test]
    fn paragraphs_are_block_texts_in_order() {
        let doc =
            parse("<b><block><p>One\n  two</p><p>Three <em>four</em></p></block><p>Five</p></b>")
                .unwrap();
        assert_eq!(
            paragraphs(doc.root_element()),
            "One two\n\nThree four\n\nFive"
        );
        let doc = parse("<b>Just <i>text</i></b>").unwrap();
        assert_eq!(paragraphs(doc.root_element()), "Just text");
    }

    #[test]
    fn deep_nesting_is_read_without_recursion() {
        let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        match parse(&deep) {
            Ok(doc) => assert_eq!(paragraphs(doc.root_element()), ""),
            Err(err) => assert!(!err.to_string().is_empty()),
        }
    }
}
