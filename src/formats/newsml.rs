//! NewsML-G2: a `newsItem`, or every item of a `newsMessage`. Text items give a dispatch;
//! pictures, videos, packages, planning and concept items are skipped with that reason.

use roxmltree::Node;

use super::draft::{Draft, publication_status};
use super::xml::{attr, child, children, paragraphs, path, text_of};
use super::{Found, Lost, Sink, dates, nitf};
use crate::archive::SkipReason;
use crate::dispatch::Meta;

/// Reads every item of a `newsMessage`, each keyed by its guid (or its position).
pub(super) fn read_message(root: Node, name: &str, sink: &mut dyn Sink) {
    let items = child(root, "itemSet")
        .into_iter()
        .flat_map(|set| set.children().filter(|c| c.is_element()));
    let mut any = false;
    for (n, item) in items.enumerate() {
        any = true;
        let key = attr(item, "guid").unwrap_or_else(|| format!("item {}", n + 1));
        match item.tag_name().name() {
            "newsItem" => read_item(item, name, Some(key), sink),
            other => sink.lost(Lost::with(
                Some(key),
                SkipReason::NotText,
                other.trim_end_matches("Item").to_string(),
            )),
        }
    }
    if !any {
        sink.lost(Lost::with(
            None,
            SkipReason::Empty,
            "a news message without items",
        ));
    }
}

/// Reads one `newsItem`; `item` is its key within a message.
pub(super) fn read_item(node: Node, name: &str, item: Option<String>, sink: &mut dyn Sink) {
    let item_meta = child(node, "itemMeta");
    let class = item_meta
        .and_then(|m| child(m, "itemClass"))
        .and_then(|c| attr(c, "qcode"));
    if let Some(class) = &class {
        let code = class.rsplit(':').next().unwrap_or(class);
        if !matches!(code, "text" | "composite") {
            return sink.lost(Lost::with(item, SkipReason::NotText, code.to_string()));
        }
    }
    let content_meta = child(node, "contentMeta");
    let meta_text = |name: &str| content_meta.and_then(|m| child(m, name)).and_then(text_of);
    let meta_date = |parent: Option<Node>, name: &str| {
        parent
            .and_then(|m| child(m, name))
            .and_then(text_of)
            .and_then(|t| dates::parse(&t))
    };
    let (body, inner) = body_of(node);
    let headline = content_meta
        .and_then(main_headline)
        .or_else(|| inner.as_ref().and_then(|d| d.meta.headline.clone()));
    if headline.is_none() && body.trim().is_empty() {
        return sink.lost(Lost::with(item, SkipReason::NotText, "no text"));
    }
    let draft = Draft {
        meta: Meta {
            headline,
            dateline: meta_text("dateline"),
            location: content_meta
                .and_then(|m| child(m, "located"))
                .and_then(located),
            date: meta_date(content_meta, "contentCreated")
                .or_else(|| meta_date(item_meta, "firstCreated"))
                .or_else(|| meta_date(item_meta, "versionCreated"))
                .or_else(|| inner.as_ref().and_then(|d| d.meta.date)),
            id: attr(node, "guid"),
            version: attr(node, "version").and_then(|v| v.parse().ok()),
            status: item_meta
                .and_then(|m| child(m, "pubStatus"))
                .and_then(|s| attr(s, "qcode").or_else(|| attr(s, "literal")))
                .and_then(|code| publication_status(&code))
                .or_else(|| inner.as_ref().and_then(|d| d.meta.status.clone())),
            ..Meta::default()
        },
        body,
        reference: None,
    };
    sink.found(Found {
        item,
        dispatch: draft.finish(name),
    });
}

/// The main headline: the one with role `hld:main` (or no role), else the first.
fn main_headline(content_meta: Node) -> Option<String> {
    let all: Vec<Node> = children(content_meta, "headline").collect();
    all.iter()
        .find(|h| attr(**h, "role").is_none_or(|r| r.ends_with(":main")))
        .or(all.first())
        .and_then(|h| text_of(*h))
}

/// The body of an item (from `inlineXML`, NITF or XHTML, or `inlineData`), and the NITF
/// document's own fields when the body is NITF.
fn body_of(item: Node) -> (String, Option<Draft>) {
    let Some(set) = child(item, "contentSet") else {
        return (String::new(), None);
    };
    for content in set.children().filter(|c| c.is_element()) {
        match content.tag_name().name() {
            "inlineXML" => {
                let Some(inner) = content.children().find(|c| c.is_element()) else {
                    continue;
                };
                if inner.tag_name().name() == "nitf" {
                    let draft = nitf::draft(inner);
                    return (draft.body.clone(), Some(draft));
                }
                let body = path(inner, &["body"]).unwrap_or(inner);
                return (paragraphs(body), None);
            }
            "inlineData" => {
                return (content.text().unwrap_or_default().trim().to_string(), None);
            }
            _ => {}
        }
    }
    (String::new(), None)
}

/// Scheme prefixes of qcodes whose code is a readable place name (`city:Moscow`).
const NAMED_SCHEMES: [&str; 6] = ["city", "cntry", "country", "reg", "region", "state"];

/// A `located` element as a location: its name, then its broader places' (region, country),
/// each name written out or read from a readable qcode.
fn located(node: Node) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut add = |n: Node| {
        if let Some(name) = place_name(n)
            && !parts.iter().any(|p| p.eq_ignore_ascii_case(&name))
        {
            parts.push(name);
        }
    };
    add(node);
    for broader in children(node, "broader") {
        add(broader);
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A concept's name: its `name` element, else the code of a qcode with a place scheme.
fn place_name(node: Node) -> Option<String> {
    if let Some(name) = child(node, "name").and_then(text_of) {
        return Some(name);
    }
    let qcode = attr(node, "qcode")?;
    let (scheme, code) = qcode.split_once(':')?;
    let readable = NAMED_SCHEMES.contains(&scheme)
        && code.chars().next().is_some_and(char::is_alphabetic)
        && !code.chars().any(|c| c.is_ascii_digit());
    readable.then(|| code.replace('_', " "))
}

#[cfg(test)]
mod tests {
    use super::super::gather;
    use crate::archive::SkipReason;
    use jiff::civil::date;

    const ITEM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:wire.example:20210614:grain" version="4" standard="NewsML-G2">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <firstCreated>2021-06-14T06:02:00Z</firstCreated>
    <versionCreated>2021-06-14T09:40:00Z</versionCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <contentCreated>2021-06-14T08:55:00+03:00</contentCreated>
    <located qcode="city:Odesa"><name>Odesa</name>
      <broader qcode="cntry:UA"><name>Ukraine</name></broader>
    </located>
    <headline role="hld:main">Grain ships leave Odesa</headline>
    <headline role="hld:sub">Convoy of six</headline>
    <dateline>ODESA, June 14 (Wire)</dateline>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>
      <body><p>Six grain ships left the port on Monday.</p><p>More are due.</p></body></html>
    </inlineXML>
  </contentSet>
</newsItem>"#;

    #[test]
    fn a_news_item_gives_its_fields() {
        let got = gather("item.xml", ITEM.as_bytes());
        assert!(got.lost.is_empty(), "{:?}", got.lost);
        let d = &got.found[0].dispatch;
        assert_eq!(d.meta.headline.as_deref(), Some("Grain ships leave Odesa"));
        assert_eq!(d.meta.dateline.as_deref(), Some("ODESA, June 14 (Wire)"));
        assert_eq!(d.meta.location.as_deref(), Some("Odesa, Ukraine"));
        assert_eq!(d.meta.agency.as_deref(), Some("Wire"));
        assert_eq!(d.meta.date, Some(date(2021, 6, 14)));
        assert_eq!(
            d.meta.id.as_deref(),
            Some("urn:newsml:wire.example:20210614:grain")
        );
        assert_eq!(d.meta.version, Some(4));
        assert_eq!(d.meta.status, None, "usable is the usual status, not told");
        assert_eq!(
            d.body,
            "Six grain ships left the port on Monday.\n\nMore are due."
        );
    }

    #[test]
    fn a_canceled_item_says_so() {
        let canceled = ITEM
            .replace("stat:usable", "stat:canceled")
            .replace(r#"version="4""#, r#"version="5""#);
        let got = gather("item.xml", canceled.as_bytes());
        let d = &got.found[0].dispatch;
        assert_eq!(d.meta.status.as_deref(), Some("canceled"));
        assert_eq!(d.meta.version, Some(5));
    }

    #[test]
    fn a_message_gives_its_text_items_and_says_what_it_skipped() {
        let message = r#"<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
<header><sent>2022-02-01T10:00:00Z</sent></header>
<itemSet>
  <packageItem guid="pkg-1"/>
  <newsItem guid="tag:wire.example,2022:a" version="1">
    <itemMeta><itemClass qcode="ninat:text"/><firstCreated>2022-02-01T09:00:00Z</firstCreated></itemMeta>
    <contentMeta><headline>Rates held</headline>
      <located qcode="city:Frankfurt"><broader qcode="cntry:Germany"/></located></contentMeta>
    <contentSet><inlineData contenttype="text/plain">The bank held rates.</inlineData></contentSet>
  </newsItem>
  <newsItem guid="tag:wire.example,2022:p"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem>
  <newsItem guid="tag:wire.example,2022:b">
    <itemMeta><itemClass qcode="ninat:text"/></itemMeta>
    <contentSet><inlineXML><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body>
      <body.head><hedline><hl1>Bonds rally</hl1></hedline></body.head>
      <body.content><p>LONDON, Feb 1 (Wire) - Bonds rallied.</p></body.content></body></nitf></inlineXML></contentSet>
  </newsItem>
</itemSet></newsMessage>"#;
        let got = gather("2022/02/01/msg.xml", message.as_bytes());
        let items: Vec<_> = got.found.iter().map(|f| f.item.clone().unwrap()).collect();
        assert_eq!(
            items,
            ["tag:wire.example,2022:a", "tag:wire.example,2022:b"]
        );
        let a = &got.found[0].dispatch;
        assert_eq!(a.meta.location.as_deref(), Some("Frankfurt, Germany"));
        assert_eq!(a.body, "The bank held rates.");
        let b = &got.found[1].dispatch;
        assert_eq!(b.meta.headline.as_deref(), Some("Bonds rally"));
        assert_eq!(b.meta.location.as_deref(), Some("LONDON"));
        assert_eq!(b.meta.date, Some(date(2022, 2, 1)));
        assert_eq!(b.body, "Bonds rallied.");
        let lost: Vec<_> = got
            .lost
            .iter()
            .map(|l| (l.item.clone().unwrap(), l.reason, l.detail.clone().unwrap()))
            .collect();
        assert_eq!(
            lost,
            [
                (
                    "pkg-1".to_string(),
                    SkipReason::NotText,
                    "package".to_string()
                ),
                (
                    "tag:wire.example,2022:p".to_string(),
                    SkipReason::NotText,
                    "picture".to_string()
                )
            ]
        );
    }
}
