//! JSON Lines: one JSON object per dispatch per line, with every field of the model and the
//! body, as `dateline show --json` prints one dispatch. To a stream, or to a file.

use std::io::Write;
use std::path::PathBuf;

use super::files::{PendingFile, Target};
use super::{Exported, Sink};
use crate::error::{Error, Result};
use crate::search::show::FullDispatch;

/// Appends `dispatch` to `line` as one JSON line, newline included.
pub fn append_line(line: &mut Vec<u8>, dispatch: &FullDispatch) -> Result<()> {
    serde_json::to_writer(&mut *line, &Exported::of(dispatch)).map_err(|source| Error::Json {
        what: "an exported dispatch",
        source,
    })?;
    line.push(b'\n');
    Ok(())
}

/// JSON Lines written to a stream.
pub(crate) struct StreamSink<'a> {
    out: &'a mut dyn Write,
    label: &'a str,
    line: Vec<u8>,
    bytes: u64,
}

impl<'a> StreamSink<'a> {
    /// Writes to `out`, named `label` in errors.
    pub fn new(out: &'a mut dyn Write, label: &'a str) -> Self {
        StreamSink {
            out,
            label,
            line: Vec::new(),
            bytes: 0,
        }
    }
}

impl Sink for StreamSink<'_> {
    fn write(&mut self, dispatch: &FullDispatch) -> Result<()> {
        self.line.clear();
        append_line(&mut self.line, dispatch)?;
        self.out
            .write_all(&self.line)
            .map_err(|e| Error::io(self.label, e))?;
        self.bytes += self.line.len() as u64;
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(u64, Vec<PathBuf>)> {
        self.out.flush().map_err(|e| Error::io(self.label, e))?;
        Ok((self.bytes, Vec::new()))
    }
}

/// JSON Lines written to a file, renamed into place when complete.
pub(crate) struct FileSink {
    target: Target,
    file: PendingFile,
    line: Vec<u8>,
}

impl FileSink {
    /// Starts the file at `target`.
    pub fn create(target: Target) -> Result<Self> {
        let file = PendingFile::create(target.path.clone())?;
        Ok(FileSink {
            target,
            file,
            line: Vec::new(),
        })
    }
}

impl Sink for FileSink {
    fn write(&mut self, dispatch: &FullDispatch) -> Result<()> {
        self.line.clear();
        append_line(&mut self.line, dispatch)?;
        self.file.write_all(&self.line)
    }

    fn finish(self: Box<Self>) -> Result<(u64, Vec<PathBuf>)> {
        let closed = self.file.close()?;
        self.target.complete(vec![closed])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fields::tests::every_field_filled;

    #[test]
    fn a_line_is_the_record_and_its_body() {
        let dispatch = every_field_filled();
        let mut line = Vec::new();
        append_line(&mut line, &dispatch).unwrap();
        assert_eq!(line.last(), Some(&b'\n'));
        assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
        let value: serde_json::Value = serde_json::from_slice(&line).unwrap();
        let mut expected = serde_json::to_value(&dispatch.record).unwrap();
        expected["body"] = dispatch.body.clone().into();
        assert_eq!(value, expected);
        assert_eq!(value["date"], "2017-10-30");
        assert_eq!(value["place"]["country_code"], "KZ");
    }
}
