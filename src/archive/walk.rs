//! Walking an archive: every regular file, hidden entries and symbolic links skipped. What a
//! file holds (a dispatch, many, or none) is for `formats` to tell.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

/// Why a file of the archive was not indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipReason {
    /// A file of a kind that holds no dispatches (a PDF, a picture, XML of another kind).
    NotDispatch,
    /// The file has no bytes.
    Empty,
    /// The file holds NUL bytes: not text.
    Binary,
    /// The file is larger than the size limit.
    TooLarge,
    /// The file or a folder cannot be read by this user.
    PermissionDenied,
    /// A symbolic link, never followed so the walk stays inside the archive.
    Symlink,
    /// A FIFO, socket or device, never opened.
    NotRegular,
    /// The file disappeared between the walk and the read.
    Vanished,
    /// Any other read error.
    Unreadable,
    /// A file or item that cannot be parsed (broken XML, a bad JSON line, a truncated bundle).
    Malformed,
    /// An item that is not text (a picture, a video, a package).
    NotText,
    /// A bundle inside a bundle, not opened.
    NestedBundle,
    /// A compressed member that inflates far more than text does: a bomb, not opened further.
    CompressionRatio,
}

impl SkipReason {
    /// A short label for summaries.
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too large",
            SkipReason::PermissionDenied => "permission denied",
            SkipReason::Symlink => "symbolic link",
            SkipReason::NotRegular => "not a regular file",
            SkipReason::Vanished => "vanished",
            SkipReason::Unreadable => "unreadable",
            SkipReason::NotDispatch => "not a dispatch",
            SkipReason::Malformed => "malformed",
            SkipReason::NotText => "not text",
            SkipReason::NestedBundle => "nested bundle",
            SkipReason::CompressionRatio => "compression ratio too high",
        }
    }

    pub(crate) fn from_io(err: &std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::PermissionDenied => SkipReason::PermissionDenied,
            std::io::ErrorKind::NotFound => SkipReason::Vanished,
            _ if err.raw_os_error() == Some(libc::ELOOP) => SkipReason::Symlink,
            _ => SkipReason::Unreadable,
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A file found by the walk, with what is needed to tell whether it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveEntry {
    /// Path relative to the archive root, with `/` separators: the dispatch's key.
    pub key: String,
    /// Absolute (or root-joined) path used to open the file.
    pub path: PathBuf,
    /// Size in bytes at walk time.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch at walk time.
    pub mtime_ns: u64,
}

/// One step of the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Walk {
    /// A regular file to consider.
    File(ArchiveEntry),
    /// An entry (or an unreadable folder) that cannot be read.
    Skipped {
        /// Path relative to the archive root.
        key: String,
        /// Why.
        reason: SkipReason,
    },
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Key of `path` relative to `root`, with `/` separators.
pub fn relative_key(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

fn mtime_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// Walks `root` in a stable (sorted) order, never following symbolic links.
pub fn walk(root: &Path) -> impl Iterator<Item = Walk> + '_ {
    WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()))
        .filter_map(move |entry| match entry {
            Ok(entry) => {
                let file_type = entry.file_type();
                if file_type.is_dir() {
                    return None;
                }
                let key = relative_key(root, entry.path());
                if file_type.is_symlink() {
                    return Some(Walk::Skipped {
                        key,
                        reason: SkipReason::Symlink,
                    });
                }
                if !file_type.is_file() {
                    return Some(Walk::Skipped {
                        key,
                        reason: SkipReason::NotRegular,
                    });
                }
                match entry.metadata() {
                    Ok(meta) => Some(Walk::File(ArchiveEntry {
                        key,
                        path: entry.path().to_path_buf(),
                        size: meta.len(),
                        mtime_ns: mtime_ns(&meta),
                    })),
                    Err(err) => Some(Walk::Skipped {
                        key,
                        reason: err
                            .io_error()
                            .map_or(SkipReason::Unreadable, SkipReason::from_io),
                    }),
                }
            }
            Err(err) => {
                // An unreadable folder (or a vanished one): report it, keep walking.
                let path = err.path()?;
                if path == root {
                    return None;
                }
                Some(Walk::Skipped {
                    key: relative_key(root, path),
                    reason: err
                        .io_error()
                        .map_or(SkipReason::Unreadable, SkipReason::from_io),
                })
            }
        })
}

/// Reads a walked file, refusing anything that is not a regular file of at most `max_size` bytes.
pub fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, SkipReason> {
    let (file, meta) = open_checked(path)?;
    if meta.len() > max_size {
        return Err(SkipReason::TooLarge);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::from_io(&e))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max_size {
        return Err(SkipReason::TooLarge);
    }
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(bytes)
}

/// The first `len` bytes of a walked file (fewer when it is shorter), with the checks of
/// [`read_file`].
pub fn read_head(path: &Path, len: usize) -> Result<Vec<u8>, SkipReason> {
    let (file, _) = open_checked(path)?;
    let mut bytes = Vec::with_capacity(len);
    file.take(len as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::from_io(&e))?;
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(bytes)
}

/// Opens a walked file for reading, refusing anything that is not a regular file.
pub(crate) fn open_checked(path: &Path) -> Result<(File, std::fs::Metadata), SkipReason> {
    let file = open_no_block(path).map_err(|e| SkipReason::from_io(&e))?;
    // Re-check after opening: the entry may have been replaced since the walk saw it.
    let meta = file.metadata().map_err(|e| SkipReason::from_io(&e))?;
    if !meta.is_file() {
        return Err(SkipReason::NotRegular);
    }
    Ok((file, meta))
}

#[cfg(unix)]
fn open_no_block(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: a FIFO swapped in after the walk must not block the run forever.
    // O_NOFOLLOW: a symbolic link swapped in after the walk is not followed.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_block(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn keys(root: &Path) -> Vec<Walk> {
        walk(root).collect()
    }

    #[test]
    fn finds_every_file_sorted_and_skips_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("2017/10")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::write(root.join("2017/10/b.txt"), "x").unwrap();
        fs::write(root.join("2017/10/a.txt"), "x").unwrap();
        fs::write(root.join("2017/10/notes.md"), "x").unwrap();
        fs::write(root.join(".hidden.txt"), "x").unwrap();
        fs::write(root.join(".git/c.txt"), "x").unwrap();
        let found: Vec<String> = keys(root)
            .into_iter()
            .map(|w| match w {
                Walk::File(e) => e.key,
                Walk::Skipped { key, .. } => format!("skipped {key}"),
            })
            .collect();
        assert_eq!(
            found,
            vec!["2017/10/a.txt", "2017/10/b.txt", "2017/10/notes.md"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_and_fifos_are_skipped_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("real.txt"), "x").unwrap();
        std::os::unix::fs::symlink("/etc/hostname", root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink("..", root.join("loop")).unwrap();
        let fifo = root.join("pipe.txt");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o644),
            0,
        )
        .unwrap();
        let found = keys(root);
        assert!(found.contains(&Walk::Skipped {
            key: "link.txt".into(),
            reason: SkipReason::Symlink
        }));
        assert!(found.contains(&Walk::Skipped {
            key: "pipe.txt".into(),
            reason: SkipReason::NotRegular
        }));
        assert_eq!(
            found.iter().filter(|w| matches!(w, Walk::File(_))).count(),
            1
        );
        // Reading the FIFO directly must not block either.
        assert_eq!(read_file(&fifo, 1024), Err(SkipReason::NotRegular));
    }

    #[test]
    fn read_file_enforces_the_size_limit_and_empty_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        fs::write(&big, vec![b'a'; 100]).unwrap();
        assert_eq!(read_file(&big, 99), Err(SkipReason::TooLarge));
        assert_eq!(read_file(&big, 100).unwrap().len(), 100);
        let empty = dir.path().join("empty.txt");
        fs::write(&empty, b"").unwrap();
        assert_eq!(read_file(&empty, 100), Err(SkipReason::Empty));
        assert_eq!(
            read_file(&dir.path().join("gone.txt"), 100),
            Err(SkipReason::Vanished)
        );
    }
}
