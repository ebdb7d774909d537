//! Committing, and telling what a failure of tantivy's writer means.

use std::path::Path;

use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::{IndexWriter, TantivyError};

use super::fs;
use crate::error::{Error, Result};
use crate::index::open::Checkpoint;

/// Commits what was written, with the checkpoint (recording the archive's absolute path
/// `archive`) in the commit's payload.
pub(super) fn commit(
    dir: &Path,
    writer: &mut IndexWriter,
    complete: bool,
    archive: &Path,
) -> Result<()> {
    fs::ensure_space(dir)?;
    let checkpoint = Checkpoint::current(complete).with_archive(archive);
    let payload = serde_json::to_string(&checkpoint).map_err(|source| Error::Json {
        what: "the checkpoint",
        source,
    })?;
    let mut prepared = writer.prepare_commit().map_err(|e| writer_error(dir, e))?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(|e| writer_error(dir, e))?;
    Ok(())
}

/// The I/O error behind a tantivy error, when tantivy kept it.
fn io_error_of(err: &TantivyError) -> Option<&std::io::Error> {
    match err {
        TantivyError::IoError(io)
        | TantivyError::OpenWriteError(OpenWriteError::IoError { io_error: io, .. })
        | TantivyError::OpenReadError(OpenReadError::IoError { io_error: io, .. })
        | TantivyError::OpenDirectoryError(OpenDirectoryError::IoError { io_error: io, .. })
        | TantivyError::LockFailure(LockError::IoError(io), _) => Some(io),
        _ => None,
    }
}

/// Whether an I/O error says the disk (or the user's quota) is full.
fn is_no_space(io: &std::io::Error) -> bool {
    matches!(
        io.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// Translates a writer error, recognising a full disk by the error's kind.
pub(super) fn writer_error(dir: &Path, err: TantivyError) -> Error {
    let disk_full = match io_error_of(&err) {
        Some(io) => is_no_space(io),
        // tantivy reports its indexing threads' failures as text only: a full disk is then
        // told by the free space left, never by the message.
        None => {
            matches!(
                err,
                TantivyError::ErrorInThread(_)
                    | TantivyError::SystemError(_)
                    | TantivyError::InternalError(_)
            ) && fs::low_space(dir)
        }
    };
    if disk_full {
        return Error::DiskFull(dir.to_path_buf());
    }
    match err {
        TantivyError::LockFailure(LockError::LockBusy, _) => Error::IndexBusy(dir.to_path_buf()),
        other => Error::Tantivy(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::ErrorKind;
    use std::sync::Arc;

    fn io(kind: ErrorKind) -> Arc<std::io::Error> {
        Arc::new(std::io::Error::from(kind))
    }

    #[test]
    fn a_full_disk_is_told_by_the_error_kind_wherever_tantivy_puts_it() {
        let dir = tempfile::tempdir().unwrap();
        let full = [
            TantivyError::IoError(io(ErrorKind::StorageFull)),
            TantivyError::IoError(Arc::new(std::io::Error::from_raw_os_error(
                rustix::io::Errno::NOSPC.raw_os_error(),
            ))),
            TantivyError::OpenWriteError(OpenWriteError::IoError {
                io_error: io(ErrorKind::QuotaExceeded),
                filepath: "x".into(),
            }),
        ];
        for err in full {
            let shown = format!("{err:?}");
            assert!(
                matches!(writer_error(dir.path(), err), Error::DiskFull(_)),
                "{shown}"
            );
        }
    }

    #[test]
    fn other_errors_are_not_a_full_disk_whatever_their_text() {
        let dir = tempfile::tempdir().unwrap();
        let message = TantivyError::InvalidArgument("No space left on device".into());
        assert!(matches!(
            writer_error(dir.path(), message),
            Error::Tantivy(_)
        ));
        // A thread's failure with space to spare is not a full disk either.
        let thread = TantivyError::ErrorInThread("No space left on device".into());
        assert!(matches!(
            writer_error(dir.path(), thread),
            Error::Tantivy(_)
        ));
        let busy = TantivyError::LockFailure(LockError::LockBusy, None);
        assert!(matches!(
            writer_error(dir.path(), busy),
            Error::IndexBusy(_)
        ));
        let denied = TantivyError::IoError(io(ErrorKind::PermissionDenied));
        assert!(matches!(
            writer_error(dir.path(), denied),
            Error::Tantivy(_)
        ));
    }
}
