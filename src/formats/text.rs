//! Plain text: one dispatch per file, read by [`crate::dispatch::parse`].

use super::{Found, Sink, decode};
use crate::dispatch;

/// Reads a plain-text dispatch.
pub(super) fn read(name: &str, bytes: &[u8], sink: &mut dyn Sink) {
    match decode(bytes) {
        Ok(text) => sink.found(Found {
            item: None,
            dispatch: dispatch::parse(&text, name),
        }),
        Err(lost) => sink.lost(lost),
    }
}
