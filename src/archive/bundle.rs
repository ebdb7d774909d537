//! Bundles: gzip (one file, or a tar), zip and tar. Each member is read as a file of its own
//! by [`crate::formats`]; its dispatches are keyed by the member's name (and their item
//! within it).
//!
//! Nothing is ever written to disk: member names (`../x`, `/etc/passwd`, control characters)
//! are only shown, escaped by the output. Limits against bombs are checked while inflating,
//! never after: every member's inflated size against `--max-file-size`, and the bytes a
//! compressed stream gives against [`MAX_RATIO`] times its compressed size. Bundles inside a
//! bundle are not opened; links and devices in a tar are skipped; a truncated bundle keeps
//! the members read before the break and says what was lost.

use std::borrow::Cow;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::SkipReason;
use super::lines;
use super::walk::open_checked;
use crate::formats::{self, Bundle, Format, Found, Lost, Sink};

/// Most bytes a compressed stream may give per compressed byte: text gzips 3 to 10 times
/// smaller, and the most repetitive logs about 100; bombs go to thousands.
pub const MAX_RATIO: u64 = 100;
/// Below this many inflated bytes the ratio is not checked: tiny members inflate far.
const RATIO_FLOOR: u64 = 1 << 20;

/// Reads the dispatches of a file: each member of a bundle as a file of its own, anything
/// else as itself. `name` is the file's path in the archive; no member may inflate beyond
/// `max_size` bytes.
pub fn read_file(name: &str, bytes: &[u8], max_size: u64, sink: &mut dyn Sink) {
    match formats::detect(name, bytes) {
        Format::Bundle(Bundle::Gzip) => read_gzip(name, bytes, max_size, sink),
        Format::Bundle(Bundle::Zip) => read_zip(name, bytes, max_size, sink),
        Format::Bundle(Bundle::Tar) => read_tar(name, bytes, max_size, sink),
        _ => formats::read(name, bytes, sink),
    }
}

/// What a member gives: its name before the items of its own.
struct Member<'a> {
    name: &'a str,
    sink: &'a mut dyn Sink,
}

impl Member<'_> {
    fn item(&self, item: Option<String>) -> Option<String> {
        Some(match item {
            Some(inner) => format!("{}#{inner}", self.name),
            None => self.name.to_string(),
        })
    }
}

impl Sink for Member<'_> {
    fn found(&mut self, found: Found) {
        let item = self.item(found.item);
        self.sink.found(Found { item, ..found });
    }
    fn lost(&mut self, lost: Lost) {
        let item = self.item(lost.item);
        self.sink.lost(Lost { item, ..lost });
    }
}

/// Reads a member's bytes as a file named `{bundle}/{member}`, keyed by the member's name.
fn read_member(bundle: &str, member: &str, bytes: &[u8], sink: &mut dyn Sink) {
    let mut member_sink = Member { name: member, sink };
    formats::read(&format!("{bundle}/{member}"), bytes, &mut member_sink);
}

/// How reading a compressed stream ended.
enum Inflated {
    /// All of it, within the limits.
    Whole(Vec<u8>),
    /// A prefix: the stream broke after these bytes.
    Broken(Vec<u8>, std::io::Error),
    /// Past a limit: the member is not read.
    Refused(SkipReason),
}

/// A reader counting what it gives and failing past the ratio limit, so a bomb stops
/// while it inflates.
struct Bounded<R> {
    inner: R,
    given: u64,
    allowed: u64,
}

impl<R> Bounded<R> {
    fn new(inner: R, compressed: u64) -> Self {
        Bounded {
            inner,
            given: 0,
            allowed: compressed.saturating_mul(MAX_RATIO).max(RATIO_FLOOR),
        }
    }
}

/// The error a [`Bounded`] reader fails with past its limit.
#[derive(Debug)]
struct RatioExceeded;

impl std::fmt::Display for RatioExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "inflates more than {MAX_RATIO} times its compressed size"
        )
    }
}

impl std::error::Error for RatioExceeded {}

fn is_ratio_error(err: &std::io::Error) -> bool {
    err.get_ref().is_some_and(|e| e.is::<RatioExceeded>())
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.given = self.given.saturating_add(n as u64);
        if self.given > self.allowed {
            return Err(std::io::Error::other(RatioExceeded));
        }
        Ok(n)
    }
}

/// Reads at most `max_size` bytes of `reader`, telling a member past the limit, a bomb and a
/// break apart.
fn inflate(reader: &mut dyn Read, max_size: u64) -> Inflated {
    let mut out = Vec::new();
    match reader
        .take(max_size.saturating_add(1))
        .read_to_end(&mut out)
    {
        Ok(_) if out.len() as u64 > max_size => Inflated::Refused(SkipReason::TooLarge),
        Ok(_) => Inflated::Whole(out),
        Err(err) if is_ratio_error(&err) => Inflated::Refused(SkipReason::CompressionRatio),
        Err(err) => Inflated::Broken(out, err),
    }
}

/// Calls `line` with every line of the gzipped JSON Lines file at `path` (see
/// [`lines::for_each_line`]), inflating it as it goes under the same ratio limit as any gzip;
/// what was lost when the stream broke or inflated too far, the lines before kept.
pub fn for_each_gzip_line(
    path: &Path,
    max_line: u64,
    mut line: impl FnMut(u64, lines::Line<'_>) -> bool,
) -> Option<Lost> {
    let (file, meta) = match open_checked(path) {
        Ok(opened) => opened,
        Err(reason) => return Some(Lost::file(reason)),
    };
    let stream = Bounded::new(MultiGzDecoder::new(BufReader::new(file)), meta.len());
    let mut any = false;
    let read = lines::for_each_line_of(stream, max_line, |number, text| {
        any = true;
        line(number, text)
    });
    read.err().map(|err| broken_gzip(&err, any))
}

/// The name of the file a `.gz` holds: its own without `.gz` (`.tgz` holds a `.tar`).
pub fn gunzipped_name(name: &str) -> Cow<'_, str> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".tgz") {
        Cow::Owned(format!("{}.tar", &name[..name.len() - 4]))
    } else if lower.ends_with(".gz") {
        Cow::Borrowed(&name[..name.len() - 3])
    } else {
        Cow::Borrowed(name)
    }
}

/// A gzip file: a tar inside is read member by member; anything else is one file.
fn read_gzip(name: &str, bytes: &[u8], max_size: u64, sink: &mut dyn Sink) {
    let mut stream = Bounded::new(MultiGzDecoder::new(bytes), bytes.len() as u64);
    // The first block tells a tar from a single file.
    let mut head = Vec::with_capacity(512);
    if let Err(err) = (&mut stream).take(512).read_to_end(&mut head) {
        return sink.lost(broken_gzip(&err, !head.is_empty()));
    }
    if head.is_empty() {
        return sink.lost(Lost::with(None, SkipReason::Empty, "an empty gzip stream"));
    }
    if head.get(257..262) == Some(b"ustar") {
        let whole = Cursor::new(head).chain(stream);
        return read_tar_stream(name, whole, max_size, sink);
    }
    let inner = gunzipped_name(name);
    let mut whole = Cursor::new(head).chain(stream);
    match inflate(&mut whole, max_size) {
        Inflated::Whole(data) => formats::read(&inner, &data, sink),
        Inflated::Broken(data, err) => {
            if !data.is_empty() {
                formats::read(&inner, &data, sink);
            }
            sink.lost(broken_gzip(&err, !data.is_empty()));
        }
        Inflated::Refused(reason) => sink.lost(Lost::file(reason)),
    }
}

/// What a gzip stream broken by `err` lost.
fn broken_gzip(err: &std::io::Error, kept_some: bool) -> Lost {
    if is_ratio_error(err) {
        return Lost::file(SkipReason::CompressionRatio);
    }
    let what = if kept_some {
        "gzip stream broken: the rest is lost"
    } else {
        "not a readable gzip stream"
    };
    Lost::with(None, SkipReason::Malformed, format!("{what} ({err})"))
}

/// A zip file, by its central directory; a zip without one (truncated) by its local headers.
fn read_zip(name: &str, bytes: &[u8], max_size: u64, sink: &mut dyn Sink) {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(_) => return read_zip_stream(name, bytes, max_size, sink),
    };
    let mut total: u64 = 0;
    let allowed = (bytes.len() as u64)
        .saturating_mul(MAX_RATIO)
        .max(RATIO_FLOOR);
    for index in 0..archive.len() {
        let mut file = match archive.by_index(index) {
            Ok(file) => file,
            Err(err) => {
                sink.lost(Lost::with(
                    Some(format!("member {}", index + 1)),
                    SkipReason::Malformed,
                    format!("zip: {err}"),
                ));
                continue;
            }
        };
        let member = String::from_utf8_lossy(file.name_raw()).into_owned();
        if file.is_dir() {
            continue;
        }
        let mut member_sink = Member {
            name: &member,
            sink: &mut *sink,
        };
        if file.is_symlink() {
            member_sink.lost(Lost::file(SkipReason::Symlink));
            continue;
        }
        if file.encrypted() {
            member_sink.lost(Lost::with(None, SkipReason::Unreadable, "encrypted"));
            continue;
        }
        let compressed = file.compressed_size();
        let mut bounded = Bounded::new(&mut file, compressed);
        match inflate(&mut bounded, max_size) {
            Inflated::Whole(data) => {
                total = total.saturating_add(data.len() as u64);
                if total > allowed {
                    member_sink.lost(Lost::file(SkipReason::CompressionRatio));
                    return;
                }
                read_member(name, &member, &data, sink);
            }
            Inflated::Broken(_, err) => member_sink.lost(Lost::with(
                None,
                SkipReason::Malformed,
                format!("zip: {err}"),
            )),
            Inflated::Refused(reason) => member_sink.lost(Lost::file(reason)),
        }
    }
}

/// A zip read member by member from the start, as a truncated one must be: the members
/// before the break are kept.
fn read_zip_stream(name: &str, bytes: &[u8], max_size: u64, sink: &mut dyn Sink) {
    let mut reader = Bounded::new(Cursor::new(bytes), bytes.len() as u64);
    let mut read_any = false;
    loop {
        let mut file = match zip::read::read_zipfile_from_stream(&mut reader) {
            Ok(Some(file)) => file,
            Ok(None) => break,
            Err(err) => {
                let what = if read_any {
                    "zip broken: the rest is lost"
                } else {
                    "not a readable zip"
                };
                sink.lost(Lost::with(
                    None,
                    SkipReason::Malformed,
                    format!("{what} ({err})"),
                ));
                return;
            }
        };
        read_any = true;
        let member = String::from_utf8_lossy(file.name_raw()).into_owned();
        if file.is_dir() {
            continue;
        }
        match inflate(&mut file, max_size) {
            Inflated::Whole(data) => read_member(name, &member, &data, sink),
            Inflated::Broken(_, err) if is_ratio_error(&err) => {
                Member {
                    name: &member,
                    sink: &mut *sink,
                }
                .lost(Lost::file(SkipReason::CompressionRatio));
                return;
            }
            Inflated::Broken(_, err) => {
                Member {
                    name: &member,
                    sink: &mut *sink,
                }
                .lost(Lost::with(
                    None,
                    SkipReason::Malformed,
                    format!("zip broken: the rest is lost ({err})"),
                ));
                return;
            }
            Inflated::Refused(reason) => Member {
                name: &member,
                sink: &mut *sink,
            }
            .lost(Lost::file(reason)),
        }
    }
    if !read_any {
        sink.lost(Lost::with(
            None,
            SkipReason::Malformed,
            "not a readable zip",
        ));
    }
}

/// An uncompressed tar.
fn read_tar(name: &str, bytes: &[u8], max_size: u64, sink: &mut dyn Sink) {
    read_tar_stream(name, bytes, max_size, sink);
}

/// A tar from any stream (a `.tar`, or the inside of a `.tar.gz`), member by member.
fn read_tar_stream(name: &str, stream: impl Read, max_size: u64, sink: &mut dyn Sink) {
    let mut archive = tar::Archive::new(stream);
    let entries = match archive.entries() {
        Ok(entries) => entries,
        Err(err) => {
            return sink.lost(Lost::with(
                None,
                SkipReason::Malformed,
                format!("tar: {err}"),
            ));
        }
    };
    let mut read_any = false;
    for entry in entries {
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(err) => return sink.lost(broken_tar(&err, read_any)),
        };
        read_any = true;
        let member = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let kind = entry.header().entry_type();
        let mut member_sink = Member {
            name: &member,
            sink: &mut *sink,
        };
        if kind.is_dir() || kind.is_pax_global_extensions() {
            continue;
        }
        if kind.is_symlink() || kind.is_hard_link() {
            member_sink.lost(Lost::file(SkipReason::Symlink));
            continue;
        }
        if !(kind.is_file() || kind.is_contiguous()) {
            member_sink.lost(Lost::file(SkipReason::NotRegular));
            continue;
        }
        match inflate(&mut entry, max_size) {
            Inflated::Whole(data) if data.is_empty() => {
                member_sink.lost(Lost::file(SkipReason::Empty))
            }
            Inflated::Whole(data) => read_member(name, &member, &data, sink),
            Inflated::Broken(_, err) => return member_sink.lost(broken_tar(&err, true)),
            Inflated::Refused(reason) => {
                member_sink.lost(Lost::file(reason));
                if reason == SkipReason::CompressionRatio {
                    return;
                }
            }
        }
    }
    if !read_any {
        sink.lost(Lost::with(None, SkipReason::Empty, "a tar without members"));
    }
}

/// What a tar broken by `err` lost.
fn broken_tar(err: &std::io::Error, kept_some: bool) -> Lost {
    if is_ratio_error(err) {
        return Lost::file(SkipReason::CompressionRatio);
    }
    let what = if kept_some {
        "tar broken: the rest is lost"
    } else {
        "not a readable tar"
    };
    Lost::with(None, SkipReason::Malformed, format!("{what} ({err})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Gathered;

    fn read(name: &str, bytes: &[u8], max: u64) -> Gathered {
        let mut got = Gathered::default();
        read_file(name, bytes, max, &mut got);
        got
    }

    fn tar_with(kind: tar::EntryType, name: &str, data: &[u8]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(kind);
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        if kind.is_symlink() {
            header.set_link_name("/etc/passwd").unwrap();
        }
        header.set_cksum();
        builder.append_data(&mut header, name, data).unwrap();
        let mut story = tar::Header::new_gnu();
        let text = b"Title\n\nOSLO (Wire) - Text.\n";
        story.set_size(text.len() as u64);
        story.set_mode(0o644);
        story.set_cksum();
        builder
            .append_data(&mut story, "2020/01/02/story.txt", &text[..])
            .unwrap();
        builder.into_inner().unwrap()
    }

    #[test]
    fn tar_links_and_devices_are_skipped_and_the_rest_read() {
        for (kind, reason) in [
            (tar::EntryType::Symlink, SkipReason::Symlink),
            (tar::EntryType::Link, SkipReason::Symlink),
            (tar::EntryType::Char, SkipReason::NotRegular),
            (tar::EntryType::Fifo, SkipReason::NotRegular),
        ] {
            let got = read("a.tar", &tar_with(kind, "odd", b""), 1 << 20);
            assert_eq!(got.lost.len(), 1, "{kind:?}");
            assert_eq!(got.lost[0].item.as_deref(), Some("odd"));
            assert_eq!(got.lost[0].reason, reason);
            assert_eq!(got.found.len(), 1);
            assert_eq!(got.found[0].item.as_deref(), Some("2020/01/02/story.txt"));
            // The member's path gives the date, as a file's does.
            assert_eq!(
                got.found[0].dispatch.meta.date,
                Some(jiff::civil::date(2020, 1, 2))
            );
        }
    }

    #[test]
    fn a_gzip_holds_one_file_named_without_its_suffix() {
        assert_eq!(gunzipped_name("a/feed.JSONL.GZ"), "a/feed.JSONL");
        assert_eq!(gunzipped_name("b.tgz"), "b.tar");
        assert_eq!(gunzipped_name("c"), "c");
    }

    #[test]
    fn a_bounded_reader_stops_past_its_ratio() {
        let zeros = vec![0u8; 4 << 20];
        let mut bounded = Bounded::new(&zeros[..], 1000);
        match inflate(&mut bounded, u64::MAX) {
            Inflated::Refused(reason) => assert_eq!(reason, SkipReason::CompressionRatio),
            _ => panic!("not refused"),
        }
        let mut small = Bounded::new(&zeros[..1000], 10);
        assert!(matches!(inflate(&mut small, u64::MAX), Inflated::Whole(d) if d.len() == 1000));
        let mut over = Bounded::new(&zeros[..1000], 1000);
        assert!(matches!(
            inflate(&mut over, 999),
            Inflated::Refused(SkipReason::TooLarge)
        ));
    }
}
