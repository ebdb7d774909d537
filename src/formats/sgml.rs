//! LDC and TREC SGML collections (Gigaword, AQUAINT, TREC AP and WSJ): many `<DOC>`s per file,
//! each with a headline, a dateline and text, keyed by its document id. The id carries the
//! date (`NYT_ENG_19950101.0001`, `AP880212-0001`), which gives its year to a dateline that has
//! none and its date to a dispatch whose dateline has no date.
//!
//! These files are SGML, not XML (unquoted attributes, unclosed `<P>`, stray `&`), so they
//! are read by finding their few tags, not by an XML parser.

use jiff::civil::Date;

use super::draft::Draft;
use super::{Found, Lost, Sink, dates, decode, non_empty};
use crate::archive::SkipReason;
use crate::dispatch::{Meta, date_in, plausible_date};

/// Reads every `<DOC>` of a collection file.
pub(super) fn read(name: &str, bytes: &[u8], sink: &mut dyn Sink) {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(lost) => return sink.lost(lost),
    };
    let mut rest: &str = &text;
    let mut n = 0usize;
    while let Some(start) = find_tag(rest, "DOC") {
        n += 1;
        let doc = &rest[start..];
        let Some(end) = find_ci(doc, "</DOC>") else {
            let item = doc_id(doc).unwrap_or_else(|| format!("doc {n}"));
            sink.lost(Lost::with(
                Some(item),
                SkipReason::Malformed,
                "truncated: no </DOC>",
            ));
            return;
        };
        read_doc(name, &doc[..end], n, sink);
        rest = &doc[end + "</DOC>".len()..];
    }
    if n == 0 {
        sink.lost(Lost::with(
            None,
            SkipReason::Malformed,
            "SGML without a <DOC>",
        ));
    }
}

/// Reads one document (its text from `<DOC` to before `</DOC>`).
fn read_doc(name: &str, doc: &str, n: usize, sink: &mut dyn Sink) {
    let id = doc_id(doc);
    let item = Some(id.clone().unwrap_or_else(|| format!("doc {n}")));
    let headline = ["HEADLINE", "HEAD", "HL", "TITLE"]
        .iter()
        .find_map(|tag| element(doc, tag).and_then(|t| non_empty(&plain(t))));
    let body = element(doc, "TEXT").map(text_body).unwrap_or_default();
    if headline.is_none() && body.trim().is_empty() {
        return sink.lost(Lost::with(item, SkipReason::Empty, "a <DOC> without text"));
    }
    let date = ["DATE_TIME", "DATE"]
        .iter()
        .find_map(|tag| element(doc, tag).and_then(|t| dates::parse(&plain(t))));
    let draft = Draft {
        reference: id.as_deref().and_then(id_date),
        meta: Meta {
            headline,
            dateline: element(doc, "DATELINE").and_then(|t| non_empty(&plain(t))),
            date,
            id,
            ..Meta::default()
        },
        body,
    };
    sink.found(Found {
        item,
        dispatch: draft.finish(name),
    });
}

/// The document's id: its `id` attribute (LDC) or its `<DOCNO>` (TREC).
fn doc_id(doc: &str) -> Option<String> {
    let open_end = doc.find('>')?;
    let open = &doc[..open_end];
    if let Some(at) = find_ci(open, " id=") {
        let value = open[at + 4..].trim_start();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.split('"').next())
            .unwrap_or_else(|| value.split_whitespace().next().unwrap_or(""));
        if let Some(id) = non_empty(value) {
            return Some(id);
        }
    }
    element(doc, "DOCNO").and_then(|t| non_empty(&plain(t)))
}

/// The date an id carries: `YYYYMMDD` anywhere (LDC), or `YYMMDD` after the source's letters
/// (TREC: `AP880212-0001`, `WSJ870324-0001`, in the 1900s).
fn id_date(id: &str) -> Option<Date> {
    if let Some(date) = date_in(id) {
        return Some(date);
    }
    let digits_at = id.find(|c: char| c.is_ascii_digit())?;
    let digits: &str = &id[digits_at..];
    let run = digits.bytes().take_while(u8::is_ascii_digit).count();
    if digits_at == 0 || run != 6 || !id[..digits_at].bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let number = |r: std::ops::Range<usize>| digits[r].parse::<i32>().ok();
    let (yy, mm, dd) = (number(0..2)?, number(2..4)?, number(4..6)?);
    plausible_date(1900 + yy, i8::try_from(mm).ok()?, i8::try_from(dd).ok()?)
}

/// The body of `<TEXT>`: its `<P>` paragraphs, else its lines as they are.
fn text_body(text: &str) -> String {
    if find_tag(text, "P").is_none() {
        return unescape(&strip_tags(text)).trim().to_string();
    }
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = find_tag(rest, "P") {
        let after = &rest[start..];
        let open_end = after.find('>').map_or(after.len(), |i| i + 1);
        let inner = &after[open_end..];
        // A paragraph ends at `</P>` or at the next `<P>` (SGML leaves them unclosed).
        let end = [find_ci(inner, "</P>"), find_tag(inner, "P")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(inner.len());
        out.extend(non_empty(&plain(&inner[..end])));
        rest = &inner[end..];
    }
    out.join("\n\n")
}

/// The inner text of the first `<TAG ...>...</TAG>` in `doc`.
fn element<'a>(doc: &'a str, tag: &str) -> Option<&'a str> {
    let start = find_tag(doc, tag)?;
    let after = &doc[start..];
    let open_end = after.find('>')? + 1;
    let inner = &after[open_end..];
    let end = find_ci(inner, &format!("</{tag}>"))?;
    Some(&inner[..end])
}

/// Where `<TAG>` or `<TAG attributes>` starts in `text`, in any case.
fn find_tag(text: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = find_ci(&text[from..], &open) {
        let at = from + i;
        let next = text.as_bytes().get(at + open.len());
        if matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

/// Where `needle` (ASCII) is in `text`, in any case.
fn find_ci(text: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (text.as_bytes(), needle.as_bytes());
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Text without its tags and entities, whitespace squeezed.
fn plain(text: &str) -> String {
    super::squeeze(&unescape(&strip_tags(text)))
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) => {
                out.push(' ');
                rest = &rest[i + j + 1..];
            }
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// SGML's common entities as characters.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
    ]
    .iter()
    .fold(text.to_string(), |t, (from, to)| {
        let upper = from.to_ascii_uppercase();
        t.replace(from, to).replace(&upper, to)
    })
}

#[cfg(test)]
mod tests {
    use super::super::gather;
    use super::id_date;
    use crate::archive::SkipReason;
    use jiff::civil::date;

    const GIGAWORD: &str = r#"<DOC id="XIN_ENG_19970301.0012" type="story" >
<HEADLINE>
Rice harvest up in Mekong delta
</HEADLINE>
<DATELINE>
HANOI, March 1 (Xinhua)
</DATELINE>
<TEXT>
<P>
Farmers in the Mekong delta brought in a record rice crop, officials
said on Saturday.
</P>
<P>
Exports are expected to rise &amp; prices to fall.
</P>
</TEXT>
</DOC>
<DOC id="XIN_ENG_19970301.0013" type="story" >
<HEADLINE>
Late rains
</HEADLINE>
<DATELINE>
BANGKOK, Feb. 28 (Xinhua)
</DATELINE>
<TEXT>
<P>
Rains came late this year.
</TEXT>
</DOC>
<DOC id="XIN_ENG_19970301.0014" type="story" >
<HEADLINE>Cut off
"#;

    #[test]
    fn gigaword_docs_take_their_year_from_the_id() {
        let got = gather("xin_eng_199703", GIGAWORD.as_bytes());
        let items: Vec<_> = got.found.iter().map(|f| f.item.clone().unwrap()).collect();
        assert_eq!(items, ["XIN_ENG_19970301.0012", "XIN_ENG_19970301.0013"]);
        let a = &got.found[0].dispatch;
        assert_eq!(
            a.meta.headline.as_deref(),
            Some("Rice harvest up in Mekong delta")
        );
        assert_eq!(a.meta.location.as_deref(), Some("HANOI"));
        assert_eq!(a.meta.agency.as_deref(), Some("Xinhua"));
        assert_eq!(a.meta.date, Some(date(1997, 3, 1)));
        assert_eq!(a.meta.id.as_deref(), Some("XIN_ENG_19970301.0012"));
        assert_eq!(
            a.body,
            "Farmers in the Mekong delta brought in a record rice crop, officials said on Saturday.\n\nExports are expected to rise & prices to fall."
        );
        assert_eq!(got.found[1].dispatch.meta.date, Some(date(1997, 2, 28)));
        assert_eq!(got.found[1].dispatch.body, "Rains came late this year.");
        assert_eq!(got.lost.len(), 1);
        assert_eq!(got.lost[0].item.as_deref(), Some("XIN_ENG_19970301.0014"));
        assert_eq!(got.lost[0].reason, SkipReason::Malformed);
    }

    #[test]
    fn trec_docs_with_docno_and_a_dateline_without_date() {
        let trec = "<DOC>\n<DOCNO> AP880212-0001 </DOCNO>\n<FILEID>AP-NR-02-12-88 2344EST</FILEID>\n<HEAD>Dam opens</HEAD>\n<DATELINE>CAIRO, Egypt (AP) </DATELINE>\n<TEXT>\n   The new dam opened on Friday.\n\n   Officials were pleased.\n</TEXT>\n</DOC>\n";
        let got = gather("AP880212", trec.as_bytes());
        let d = &got.found[0].dispatch;
        assert_eq!(got.found[0].item.as_deref(), Some("AP880212-0001"));
        assert_eq!(d.meta.headline.as_deref(), Some("Dam opens"));
        assert_eq!(d.meta.location.as_deref(), Some("CAIRO, Egypt"));
        assert_eq!(d.meta.agency.as_deref(), Some("AP"));
        assert_eq!(d.meta.date, Some(date(1988, 2, 12)));
        assert!(d.body.starts_with("The new dam opened"));
    }

    #[test]
    fn ids_carry_dates() {
        assert_eq!(id_date("NYT_ENG_19950101.0001"), Some(date(1995, 1, 1)));
        assert_eq!(id_date("WSJ870324-0001"), Some(date(1987, 3, 24)));
        assert_eq!(id_date("FT911-3"), None);
        assert_eq!(id_date("doc 3"), None);
    }
}
