//! Files read a line at a time (JSON Lines exports): the memory a file takes is its longest
//! line's, not its size, so an export of millions of articles in one file is read like many
//! small files. A file is read twice: once to stamp it (its length and content hash, the same
//! as a file read whole gets), once for its lines; both passes read from the page cache after
//! the first.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use xxhash_rust::xxh3::Xxh3;

use super::walk::{SkipReason, open_checked};

/// Bytes looked at for what tells a text that cannot be read a line at a time: a UTF-16
/// byte-order mark or a NUL byte there sends it to the whole-file reading, which decodes it.
const HEAD_LEN: usize = 8192;

/// A file's length and the xxh3 hash of its content, read in a stream, and whether its lines
/// can be read one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Bytes in the file.
    pub len: u64,
    /// xxh3 of the whole content, as [`xxhash_rust::xxh3::xxh3_64`] gives it.
    pub hash: u64,
    /// Whether its head has no UTF-16 byte-order mark and no NUL byte: text in UTF-8 or a
    /// single-byte encoding, whose lines end at a `\n` byte.
    pub line_text: bool,
}

/// The length and content hash of a file, read in a stream, and whether its head is text
/// whose lines can be read one at a time.
pub fn stamp(path: &Path) -> Result<Stamp, SkipReason> {
    let (mut file, _) = open_checked(path)?;
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut head = Vec::with_capacity(HEAD_LEN);
    let mut len = 0u64;
    loop {
        let n = file
            .read(&mut buffer)
            .map_err(|e| SkipReason::from_io(&e))?;
        if n == 0 {
            break;
        }
        let read = &buffer[..n];
        hasher.update(read);
        let room = HEAD_LEN - head.len();
        head.extend_from_slice(&read[..n.min(room)]);
        len += n as u64;
    }
    if len == 0 {
        return Err(SkipReason::Empty);
    }
    let utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    Ok(Stamp {
        len,
        hash: hasher.digest(),
        line_text: !utf16 && !head.contains(&0),
    })
}

/// A line of a file, numbered from 1, without its line ending.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// The line's bytes.
    Read(&'a [u8]),
    /// A line longer than the limit, not kept: how many bytes it had.
    TooLong(u64),
}

/// Calls `line` with every line of the file at `path` and its number, a line of more than
/// `max_line` bytes given as [`Line::TooLong`] without being held; false from `line` stops.
pub fn for_each_line(
    path: &Path,
    max_line: u64,
    line: impl FnMut(u64, Line<'_>) -> bool,
) -> Result<(), SkipReason> {
    let (file, _) = open_checked(path)?;
    for_each_line_of(file, max_line, line).map_err(|e| SkipReason::from_io(&e))
}

/// [`for_each_line`] over any reader (an inflating one, for a compressed export).
pub fn for_each_line_of(
    reader: impl Read,
    max_line: u64,
    mut line: impl FnMut(u64, Line<'_>) -> bool,
) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut kept = Vec::new();
    let mut number = 0u64;
    loop {
        kept.clear();
        let Some(len) = next_line(&mut reader, &mut kept, max_line)? else {
            return Ok(());
        };
        number += 1;
        let go_on = if len > max_line {
            line(number, Line::TooLong(len))
        } else {
            let text = kept.strip_suffix(b"\r").unwrap_or(&kept);
            line(number, Line::Read(text))
        };
        if !go_on {
            return Ok(());
        }
    }
}

/// Reads the next line into `kept` (at most `max_line` bytes of it, the rest read past):
/// its length without the `\n`, or none at the end of the stream.
fn next_line(
    reader: &mut impl BufRead,
    kept: &mut Vec<u8>,
    max_line: u64,
) -> std::io::Result<Option<u64>> {
    let mut len = 0u64;
    let mut any = false;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(any.then_some(len));
        }
        any = true;
        let (chunk, ended) = match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => (&buffer[..end], true),
            None => (buffer, false),
        };
        // One byte past the limit is kept so that an over-long line is told from a full one.
        let cap = max_line.saturating_add(1);
        let room = usize::try_from(cap.saturating_sub(kept.len() as u64)).unwrap_or(usize::MAX);
        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
        len += chunk.len() as u64;
        let used = chunk.len() + usize::from(ended);
        reader.consume(used);
        if ended {
            return Ok(Some(len));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(bytes: &[u8], max_line: u64) -> Vec<(u64, Result<String, u64>)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.jsonl");
        std::fs::write(&path, bytes).unwrap();
        let mut lines = Vec::new();
        for_each_line(&path, max_line, |number, line| {
            lines.push((
                number,
                match line {
                    Line::Read(text) => Ok(String::from_utf8_lossy(text).into_owned()),
                    Line::TooLong(len) => Err(len),
                },
            ));
            true
        })
        .unwrap();
        lines
    }

    #[test]
    fn lines_are_numbered_without_their_endings_and_a_last_line_needs_no_newline() {
        let lines = lines_of(b"{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":3}", 100);
        assert_eq!(
            lines,
            [
                (1, Ok("{\"a\":1}".to_string())),
                (2, Ok(String::new())),
                (3, Ok("{\"b\":2}".to_string())),
                (4, Ok("{\"c\":3}".to_string())),
            ]
        );
        assert_eq!(lines_of(b"one\n", 100), [(1, Ok("one".to_string()))]);
    }

    #[test]
    fn a_line_over_the_limit_is_told_by_its_length_and_the_next_lines_are_read() {
        let long = "x".repeat(200_000);
        let text = format!("short\n{long}\n{}\nend", "y".repeat(10));
        let lines = lines_of(text.as_bytes(), 10);
        assert_eq!(
            lines,
            [
                (1, Ok("short".to_string())),
                (2, Err(200_000)),
                (3, Ok("y".repeat(10))),
                (4, Ok("end".to_string())),
            ]
        );
    }

    #[test]
    fn a_stream_stamps_a_file_as_reading_it_whole_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.jsonl");
        let bytes: Vec<u8> = (0..300_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(
            stamp(&path),
            Ok(Stamp {
                len: bytes.len() as u64,
                hash: xxhash_rust::xxh3::xxh3_64(&bytes),
                line_text: true,
            })
        );
        std::fs::write(&path, b"").unwrap();
        assert_eq!(stamp(&path), Err(SkipReason::Empty));
        assert_eq!(
            stamp(&dir.path().join("gone.jsonl")),
            Err(SkipReason::Vanished)
        );
    }

    #[test]
    fn utf16_and_binary_files_are_not_read_a_line_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.jsonl");
        let line_text = |bytes: &[u8]| {
            std::fs::write(&path, bytes).unwrap();
            stamp(&path).unwrap().line_text
        };
        assert!(line_text(b"{\"title\":\"a\"}\n"));
        assert!(!line_text(&[0xff, 0xfe, b'{', 0]));
        assert!(!line_text(b"{\"a\":\"\0\"}\n"));
        // Past the head, a NUL is a bad line's, not the file's.
        let mut late = vec![b' '; HEAD_LEN];
        late.push(0);
        assert!(line_text(&late));
    }
}
