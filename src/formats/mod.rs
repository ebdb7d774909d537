//! Reading the formats dispatches come in: the bytes of one file (or bundle member) and its
//! name give the dispatches it holds, each with its item within the file, and what could not
//! be read, with the reason.
//!
//! Pure: no I/O and no tantivy. Bundles (gzip, zip, tar) are opened on the archive side and
//! each member handed here as a file of its own; [`detect`] tells them apart.
//!
//! Structured fields win over text parsing: a format's headline, dateline, place and date are
//! taken as they are, and what a format lacks (most often the dateline) is read from the
//! first paragraph by [`crate::dispatch::parse_dated`], as for a plain-text file.

mod dates;
pub mod detect;
mod draft;
mod html;
mod json;
mod newsml;
mod nitf;
mod sgml;
mod text;
mod xml;

pub use detect::{Bundle, Format, detect};

use crate::archive::SkipReason;
use crate::dispatch::Dispatch;

/// A dispatch found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The item within the file (`line 17`, a `<DOC>` id, a guid); none when the file is
    /// one dispatch.
    pub item: Option<String>,
    /// What it says.
    pub dispatch: Dispatch,
}

/// Something in a file that was not read as a dispatch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// The item within the file; none when the whole file is lost.
    pub item: Option<String>,
    /// Why.
    pub reason: SkipReason,
    /// What exactly, for people (`expected value at column 3`, `picture`).
    pub detail: Option<String>,
}

impl Lost {
    /// The whole file, lost for `reason`.
    pub fn file(reason: SkipReason) -> Self {
        Lost {
            item: None,
            reason,
            detail: None,
        }
    }

    /// The whole file or an item of it, lost for `reason`, with what exactly.
    pub fn with(item: Option<String>, reason: SkipReason, detail: impl Into<String>) -> Self {
        Lost {
            item,
            reason,
            detail: Some(detail.into()),
        }
    }
}

/// Receives what a file holds, as it is read: multi-dispatch files are not gathered whole.
pub trait Sink {
    /// A dispatch was read.
    fn found(&mut self, found: Found);
    /// Something could not be read.
    fn lost(&mut self, lost: Lost);
}

/// Everything a file holds, gathered.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Gathered {
    /// Dispatches, in the file's order.
    pub found: Vec<Found>,
    /// What was lost, in the file's order.
    pub lost: Vec<Lost>,
}

impl Sink for Gathered {
    fn found(&mut self, found: Found) {
        self.found.push(found);
    }
    fn lost(&mut self, lost: Lost) {
        self.lost.push(lost);
    }
}

/// Reads the dispatches of a file that is not a bundle: `name` is its path (or a bundle's
/// path and member name), which tells its format with its content and gives a date to
/// datelines without a year.
pub fn read(name: &str, bytes: &[u8], sink: &mut dyn Sink) {
    match detect(name, bytes) {
        Format::Text => text::read(name, bytes, sink),
        Format::Xml => xml::read(name, bytes, sink),
        Format::Json => json::read_json(name, bytes, sink),
        Format::JsonLines => json::read_lines(name, bytes, sink),
        Format::Html => html::read(name, bytes, sink),
        Format::Sgml => sgml::read(name, bytes, sink),
        Format::Bundle(_) => sink.lost(Lost::file(SkipReason::NestedBundle)),
        Format::Other => sink.lost(Lost::file(SkipReason::NotDispatch)),
    }
}

/// Reads line `number` (from 1) of the JSON Lines file `name`, given as its bytes without
/// the line ending, for files read a line at a time: the same dispatches and losses as
/// reading the whole file gives for that line. Whether the line held anything but blanks.
pub fn read_json_line(name: &str, number: u64, line: &[u8], sink: &mut dyn Sink) -> bool {
    json::read_line_bytes(name, number, line, sink)
}

/// What a JSON Lines file without any line of text loses.
pub fn no_json_lines() -> Lost {
    json::no_lines()
}

/// Reads a file that is not a bundle and gathers what it holds.
pub fn gather(name: &str, bytes: &[u8]) -> Gathered {
    let mut gathered = Gathered::default();
    read(name, bytes, &mut gathered);
    gathered
}

/// The text of a file or member, or why it has none.
fn decode(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, Lost> {
    crate::archive::decode(bytes).map_err(|_| Lost::file(SkipReason::Binary))
}

/// Whitespace runs of `text` as single spaces, trimmed: markup indents and wraps text freely.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `Some` of a squeezed text that is not empty.
fn non_empty(text: &str) -> Option<String> {
    let text = squeeze(text);
    (!text.is_empty()).then_some(text)
}
