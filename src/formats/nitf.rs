//! NITF 3.x: headline, dateline (location and date), issue date, body paragraphs, document
//! id and version.

use roxmltree::Node;

use super::draft::{Draft, publication_status};
use super::xml::{attr, child, paragraphs, path, text_of};
use super::{Found, Sink, dates};
use crate::dispatch::Meta;

/// Reads an NITF document: one dispatch.
pub(super) fn read(root: Node, name: &str, sink: &mut dyn Sink) {
    let draft = draft(root);
    sink.found(Found {
        item: None,
        dispatch: draft.finish(name),
    });
}

/// What an `<nitf>` element says; also used for NITF inside a NewsML-G2 item.
pub(super) fn draft(root: Node) -> Draft {
    let head = child(root, "head");
    let body = child(root, "body");
    let body_head = body.and_then(|b| child(b, "body.head"));
    let docdata = head.and_then(|h| child(h, "docdata"));
    let headline = body_head
        .and_then(|h| path(h, &["hedline", "hl1"]))
        .and_then(text_of)
        .or_else(|| head.and_then(|h| child(h, "title")).and_then(text_of));
    let dateline_node = body_head.and_then(|h| child(h, "dateline"));
    let story_date = dateline_node
        .and_then(|d| child(d, "story.date"))
        .and_then(|s| attr(s, "norm"))
        .and_then(|n| dates::parse(&n));
    let issue_date = docdata
        .and_then(|d| child(d, "date.issue"))
        .and_then(|d| attr(d, "norm"))
        .and_then(|n| dates::parse(&n));
    let publication_date = head
        .and_then(|h| child(h, "pubdata"))
        .and_then(|p| attr(p, "date.publication"))
        .and_then(|n| dates::parse(&n));
    let du_key = docdata.and_then(|d| child(d, "du-key"));
    let id = docdata
        .and_then(|d| child(d, "doc-id"))
        .and_then(|d| attr(d, "id-string"))
        .or_else(|| du_key.and_then(|k| attr(k, "key")));
    let version = du_key
        .and_then(|k| attr(k, "version"))
        .and_then(|v| v.parse().ok());
    let content = body.and_then(|b| child(b, "body.content"));
    Draft {
        meta: Meta {
            headline,
            dateline: dateline_node.and_then(text_of),
            location: dateline_node
                .and_then(|d| child(d, "location"))
                .and_then(text_of),
            date: story_date.or(issue_date).or(publication_date),
            id,
            version,
            status: docdata
                .and_then(|d| attr(d, "management-status"))
                .and_then(|code| publication_status(&code)),
            ..Meta::default()
        },
        body: content.map(body_text).unwrap_or_default(),
        ..Draft::default()
    }
}

/// The paragraphs of `body.content`: only the full text when blocks are classed (the NYT
/// corpus repeats the lead paragraph in a block of its own).
fn body_text(content: Node) -> String {
    let full = content.descendants().find(|n| {
        n.tag_name().name() == "block" && attr(*n, "class").as_deref() == Some("full_text")
    });
    paragraphs(full.unwrap_or(content))
}

#[cfg(test)]
mod tests {
    use super::super::gather;
    use jiff::civil::date;

    const STORY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "http://www.nitf.org/IPTC/NITF/3.4/specification/dtd/nitf-3-4.dtd">
<nitf version="-//IPTC//DTD NITF 3.4//EN">
  <head>
    <title>Port strike</title>
    <docdata>
      <doc-id id-string="NWS-20190311-0042"/>
      <date.issue norm="20190311T091500Z"/>
      <du-key key="port-strike" version="3"/>
    </docdata>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Dockers walk out at Rotterdam&nbsp;port</hl1><hl2>Ships queue</hl2></hedline>
      <byline>By Anna de Vries</byline>
      <dateline><location>ROTTERDAM</location>, <story.date norm="20190310">March 10</story.date></dateline>
    </body.head>
    <body.content>
      <block>
        <p>ROTTERDAM, March 10 - Dock workers stopped work on Sunday.</p>
        <p>Dozens of ships waited at anchor.</p>
      </block>
    </body.content>
  </body>
</nitf>"#;

    #[test]
    fn an_nitf_story_gives_its_fields() {
        let got = gather("2019/story.xml", STORY.as_bytes());
        assert!(got.lost.is_empty(), "{:?}", got.lost);
        let d = &got.found[0].dispatch;
        assert_eq!(got.found[0].item, None);
        assert_eq!(
            d.meta.headline.as_deref(),
            Some("Dockers walk out at Rotterdam port")
        );
        assert_eq!(d.meta.location.as_deref(), Some("ROTTERDAM"));
        assert_eq!(d.meta.dateline.as_deref(), Some("ROTTERDAM, March 10"));
        assert_eq!(d.meta.date, Some(date(2019, 3, 10)));
        assert_eq!(d.meta.id.as_deref(), Some("NWS-20190311-0042"));
        assert_eq!(d.meta.version, Some(3));
        assert_eq!(d.meta.status, None);
        assert_eq!(
            d.body,
            "Dock workers stopped work on Sunday.\n\nDozens of ships waited at anchor."
        );
        let embargoed = STORY.replace("<docdata>", r#"<docdata management-status="embargoed">"#);
        let got = gather("2019/story.xml", embargoed.as_bytes());
        assert_eq!(
            got.found[0].dispatch.meta.status.as_deref(),
            Some("embargoed")
        );
    }

    #[test]
    fn without_a_dateline_element_the_first_paragraph_gives_it() {
        let story = r#"<nitf><head><docdata><date.issue norm="20200105"/></docdata></head>
<body><body.head><hedline><hl1>Snow</hl1></hedline></body.head>
<body.content><block class="lead_paragraph"><p>OSLO (NTB) - Snow fell.</p></block>
<block class="full_text"><p>OSLO (NTB) - Snow fell.</p><p>Trains stopped.</p></block></body.content></body></nitf>"#;
        let got = gather("x.nitf", story.as_bytes());
        let d = &got.found[0].dispatch;
        assert_eq!(d.meta.location.as_deref(), Some("OSLO"));
        assert_eq!(d.meta.agency.as_deref(), Some("NTB"));
        assert_eq!(d.meta.date, Some(date(2020, 1, 5)));
        assert_eq!(d.body, "Snow fell.\n\nTrains stopped.");
    }
}
