//! Saved web pages: headline, date and dateline from the page's metadata (Open Graph,
//! `article:published_time`, JSON-LD `NewsArticle`), the body from the article's paragraphs,
//! never from navigation, scripts, styles, cookie notices, "most read" lists or footers.
//!
//! html5ever parses the page as a browser would (unclosed tags and all); every walk of the
//! tree here is iterative, so deep nesting cannot overflow the stack.

use scraper::{ElementRef, Html};
use serde_json::Value;

use super::draft::Draft;
use super::{Found, Lost, Sink, dates, decode, non_empty};
use crate::archive::SkipReason;
use crate::dispatch::Meta;

/// Elements that are page furniture, never article text.
const FURNITURE_TAGS: [&str; 16] = [
    "nav",
    "aside",
    "footer",
    "header",
    "script",
    "style",
    "noscript",
    "form",
    "button",
    "iframe",
    "svg",
    "template",
    "select",
    "figcaption",
    "menu",
    "dialog",
];

/// Words in a class or id that mark furniture (cookie banners, "most read", share bars).
const FURNITURE_MARKS: [&str; 16] = [
    "cookie",
    "consent",
    "gdpr",
    "most-read",
    "mostread",
    "most_read",
    "popular",
    "related",
    "newsletter",
    "share",
    "social",
    "promo",
    "advert",
    "sidebar",
    "comments",
    "subscribe",
];

/// Deepest nesting of containers read: real pages stay under 100, and the parser's cost
/// grows with depth times tags, so a page nested deeper is refused rather than parsed for hours.
const MAX_DEPTH: usize = 512;

/// Containers counted for [`MAX_DEPTH`]: those a parser never closes by itself.
const CONTAINERS: [&str; 15] = [
    "div",
    "span",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "blockquote",
    "main",
    "nav",
    "aside",
    "header",
    "footer",
    "form",
    "figure",
];

/// Reads a saved web page as one dispatch.
pub(super) fn read(name: &str, bytes: &[u8], sink: &mut dyn Sink) {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(lost) => return sink.lost(lost),
    };
    if nested_deeper_than(&text, MAX_DEPTH) {
        return sink.lost(Lost::with(
            None,
            SkipReason::Malformed,
            format!("HTML nested more than {MAX_DEPTH} deep"),
        ));
    }
    let page = Html::parse_document(&text);
    let root = page.root_element();
    let elements: Vec<ElementRef> = walk(root, false).collect();
    let meta = |key: &str| {
        elements
            .iter()
            .filter(|e| e.value().name() == "meta")
            .find(|e| {
                e.attr("property")
                    .or_else(|| e.attr("name"))
                    .is_some_and(|p| p.eq_ignore_ascii_case(key))
            })
            .and_then(|e| e.attr("content"))
            .and_then(non_empty)
    };
    let ld = json_ld_article(&elements);
    let ld_text = |key: &str| {
        ld.as_ref()
            .and_then(|a| a.get(key))
            .and_then(Value::as_str)
            .and_then(non_empty)
    };
    let first = |tag: &str| {
        elements
            .iter()
            .find(|e| e.value().name() == tag)
            .and_then(|e| non_empty(&e.text().collect::<String>()))
    };
    let headline = meta("og:title")
        .or_else(|| ld_text("headline"))
        .or_else(|| first("h1"))
        .or_else(|| first("title"));
    let date = meta("article:published_time")
        .or_else(|| ld_text("datePublished"))
        .or_else(|| {
            elements
                .iter()
                .find(|e| e.value().name() == "time")
                .and_then(|e| e.attr("datetime"))
                .map(str::to_string)
        })
        .or_else(|| meta("date"))
        .and_then(|d| dates::parse(&d));
    let mut body = article_text(root);
    if body.is_empty() {
        body = ld_text("articleBody").unwrap_or_default();
    }
    let id = elements
        .iter()
        .find(|e| {
            e.value().name() == "link"
                && e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
        })
        .and_then(|e| e.attr("href"))
        .and_then(non_empty)
        .or_else(|| meta("og:url"));
    let draft = Draft {
        meta: Meta {
            headline,
            dateline: ld_text("dateline"),
            date,
            id,
            ..Meta::default()
        },
        body,
        ..Draft::default()
    };
    sink.found(Found {
        item: None,
        dispatch: draft.finish(name),
    });
}

/// Whether containers open within one another deeper than `limit`, by a scan of the tags.
fn nested_deeper_than(text: &str, limit: usize) -> bool {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = bytes[start..]
            .iter()
            .take(12)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = &bytes[start..start + len];
        if !CONTAINERS
            .iter()
            .any(|c| c.as_bytes().eq_ignore_ascii_case(name))
        {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
    }
    false
}

/// The paragraphs of an HTML fragment (a ninjs `body_html`), furniture left out.
pub(super) fn fragment_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let root = fragment.root_element();
    let text = paragraphs(root);
    if text.is_empty() {
        let all: String = walk_text(root);
        return non_empty(&all).unwrap_or_default();
    }
    text
}

/// Every element under `root` in document order, furniture subtrees left out when `prune`.
fn walk(root: ElementRef<'_>, prune: bool) -> impl Iterator<Item = ElementRef<'_>> {
    let mut stack = vec![root];
    std::iter::from_fn(move || {
        let next = stack.pop()?;
        let before = stack.len();
        stack.extend(
            next.child_elements()
                .filter(|c| !(prune && is_furniture(*c))),
        );
        stack[before..].reverse();
        Some(next)
    })
}

/// Whether an element is page furniture by its tag, class, id or role.
fn is_furniture(e: ElementRef) -> bool {
    let el = e.value();
    if FURNITURE_TAGS.contains(&el.name()) {
        return true;
    }
    if matches!(
        el.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary")
    ) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marked = |value: Option<&str>| {
        value.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            FURNITURE_MARKS.iter().any(|m| v.contains(m))
        })
    };
    marked(el.attr("class")) || marked(el.attr("id"))
}

/// Elements after which text runs on in a new line or block.
const BREAKS: [&str; 8] = ["br", "p", "div", "li", "td", "h1", "h2", "h3"];

/// The text of an element in document order, furniture left out.
fn walk_text(root: ElementRef) -> String {
    let mut out = String::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        match node.value() {
            scraper::Node::Text(text) => out.push_str(text),
            scraper::Node::Element(el) => {
                if node.id() != root.id() && ElementRef::wrap(node).is_some_and(is_furniture) {
                    continue;
                }
                if BREAKS.contains(&el.name()) {
                    out.push(' ');
                }
                let before = stack.len();
                stack.extend(node.children());
                stack[before..].reverse();
            }
            _ => {}
        }
    }
    out
}

/// Elements whose text is a paragraph.
const BLOCKS: [&str; 3] = ["p", "blockquote", "pre"];

/// The paragraphs under `root`, furniture left out, separated by empty lines: the text of
/// each outermost block (a blockquote's paragraphs are read with it).
fn paragraphs(root: ElementRef) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        if e.id() != root.id() && is_furniture(e) {
            continue;
        }
        if BLOCKS.contains(&e.value().name()) {
            out.extend(non_empty(&walk_text(e)));
            continue;
        }
        let before = stack.len();
        stack.extend(e.child_elements());
        stack[before..].reverse();
    }
    out.join("\n\n")
}

/// The article's text: its `article` element (or `articleBody` item), else the element whose
/// own paragraphs hold the most text, as readability tools pick it.
fn article_text(root: ElementRef) -> String {
    let marked = walk(root, true)
        .find(|e| e.value().name() == "article" || e.attr("itemprop") == Some("articleBody"));
    if let Some(article) = marked {
        let text = paragraphs(article);
        if !text.is_empty() {
            return text;
        }
    }
    let best = walk(root, true)
        .map(|e| {
            let own: usize = e
                .child_elements()
                .filter(|c| c.value().name() == "p" && !is_furniture(*c))
                .map(|p| walk_text(p).len())
                .sum();
            (own, e)
        })
        .filter(|(own, _)| *own > 0)
        .max_by_key(|(own, _)| *own);
    best.map(|(_, e)| paragraphs(e)).unwrap_or_default()
}

/// JSON-LD types that are news articles.
const ARTICLE_TYPES: [&str; 5] = [
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
];

/// The page's JSON-LD article object, when it declares one (alone, in a list or a `@graph`).
fn json_ld_article(elements: &[ElementRef]) -> Option<serde_json::Map<String, Value>> {
    let scripts = elements.iter().filter(|e| {
        e.value().name() == "script"
            && e.attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
    });
    for script in scripts {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let mut candidates: Vec<Value> = match value {
            Value::Array(items) => items,
            other => vec![other],
        };
        let graphs: Vec<Value> = candidates
            .iter()
            .filter_map(|c| c.get("@graph").and_then(Value::as_array).cloned())
            .flatten()
            .collect();
        candidates.extend(graphs);
        for candidate in candidates {
            if let Value::Object(object) = candidate
                && is_article_type(object.get("@type"))
            {
                return Some(object);
            }
        }
    }
    None
}

fn is_article_type(kind: Option<&Value>) -> bool {
    match kind {
        Some(Value::String(s)) => ARTICLE_TYPES.contains(&s.as_str()),
        Some(Value::Array(kinds)) => kinds.iter().any(|k| is_article_type(Some(k))),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::gather;
    use super::fragment_text;
    use crate::archive::SkipReason;
    use jiff::civil::date;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<title>Quake shakes Lima | The Daily Example</title>
<meta property="og:title" content="Quake shakes Lima">
<meta property="article:published_time" content="2023-04-02T14:05:00-05:00">
<link rel="canonical" href="https://daily.example/world/quake-lima">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Quake shakes Lima (LD)","datePublished":"2023-04-01"}</script>
<style>p { color: red }</style>
</head><body>
<div id="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies?</p></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<header><h1>Quake shakes Lima</h1><p class="byline">By Rosa Quispe</p></header>
<article>
<p>LIMA, Peru (AFP) — A strong earthquake shook the capital on Sunday.
<p>Buildings swayed in Miraflores, and people ran into the streets.</p>
<aside class="most-read"><h2>Most read</h2><ol><li><p>Celebrity wedding photos</p></li></ol></aside>
<script>var article = "<p>Fake paragraph in a script</p>";</script>
<p>No damage was reported.</p>
</article>
<footer><p>© 2023 The Daily Example. All rights reserved.</p></footer>
</body></html>"#;

    #[test]
    fn a_saved_page_gives_its_article_and_nothing_else() {
        let got = gather("saved/quake.html", PAGE.as_bytes());
        assert!(got.lost.is_empty());
        let d = &got.found[0].dispatch;
        assert_eq!(d.meta.headline.as_deref(), Some("Quake shakes Lima"));
        assert_eq!(d.meta.date, Some(date(2023, 4, 2)));
        assert_eq!(d.meta.location.as_deref(), Some("LIMA, Peru"));
        assert_eq!(d.meta.agency.as_deref(), Some("AFP"));
        assert_eq!(
            d.meta.id.as_deref(),
            Some("https://daily.example/world/quake-lima")
        );
        assert_eq!(
            d.body,
            "A strong earthquake shook the capital on Sunday.\n\nBuildings swayed in Miraflores, and people ran into the streets.\n\nNo damage was reported."
        );
    }

    #[test]
    fn without_an_article_element_the_densest_block_is_the_body() {
        let page = r#"<html><head><title>Rains</title></head><body>
<div class="menu"><p>Home</p><p>Sport</p></div>
<div class="content"><h1>Monsoon arrives</h1>
<p>MUMBAI: The monsoon reached the city two days early, weather officials said on Friday.</p>
<p>Local trains ran late.</p></div>
<div class="footer-links"><p>About us</p></div></body></html>"#;
        let got = gather("rains.htm", page.as_bytes());
        let d = &got.found[0].dispatch;
        assert_eq!(d.meta.headline.as_deref(), Some("Monsoon arrives"));
        assert_eq!(d.meta.location.as_deref(), Some("MUMBAI"));
        assert_eq!(
            d.body,
            "The monsoon reached the city two days early, weather officials said on Friday.\n\nLocal trains ran late."
        );
    }

    #[test]
    fn fragments_and_hostile_pages() {
        assert_eq!(
            fragment_text("<p>One</p><p>Two <b>bold</b></p>"),
            "One\n\nTwo bold"
        );
        assert_eq!(fragment_text("Just text"), "Just text");
        let deep = format!("<p>{}x", "<div>".repeat(50_000));
        let got = gather("deep.html", deep.as_bytes());
        assert!(got.found.is_empty());
        assert_eq!(got.lost[0].reason, SkipReason::Malformed);
        let block = format!(
            "{}<p>Deep text.</p>{}",
            "<div>".repeat(400),
            "</div>".repeat(400)
        );
        let balanced = format!("<article>{}</article>", block.repeat(3));
        let got = gather("balanced.html", balanced.as_bytes());
        assert_eq!(
            got.found[0].dispatch.body,
            "Deep text.\n\nDeep text.\n\nDeep text."
        );
        let data_uri = format!(
            "<article><p>Text.</p><img src=\"data:image/png;base64,{}\"></article>",
            "A".repeat(2_000_000)
        );
        assert_eq!(
            gather("big.html", data_uri.as_bytes()).found[0]
                .dispatch
                .body,
            "Text."
        );
    }
}
