//! The input side: walking an archive and reading its files. Only reads, never writes.

pub mod bundle;
pub mod decode;
pub mod lines;
pub mod walk;

pub use decode::{DecodeError, decode};
pub use walk::{ArchiveEntry, SkipReason, Walk, walk};
