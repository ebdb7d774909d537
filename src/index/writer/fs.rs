//! What the writer asks of the filesystem: checking the archive, free space, the rebuild's
//! sibling folder and its atomic swap, and cleaning up after a killed commit.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Below this much free space the indexer stops before tantivy's writer fails half-way.
const MIN_FREE_BYTES: u64 = 16 * 1024 * 1024;

/// Checks that `archive` is a readable directory and that `index_dir` is not inside it;
/// gives the archive's canonical path.
pub(super) fn check_archive(archive: &Path, index_dir: &Path) -> Result<PathBuf> {
    let meta = std::fs::metadata(archive).map_err(|source| Error::BadArchive {
        path: archive.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(Error::ArchiveNotADirectory(archive.to_path_buf()));
    }
    let archive_real = archive.canonicalize().map_err(|e| Error::io(archive, e))?;
    if let Some(index_real) = canonical_even_if_missing(index_dir)
        && index_real.starts_with(&archive_real)
    {
        return Err(Error::IndexInsideArchive {
            index: index_dir.to_path_buf(),
            archive: archive.to_path_buf(),
        });
    }
    Ok(archive_real)
}

/// Canonical form of a path whose last components may not exist yet.
fn canonical_even_if_missing(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Some(out);
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
}

/// A hidden sibling of `dir` for a rebuild.
pub(super) fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!(".{name}.{what}"))
}

/// Exchanges two directories atomically, so a reader sees either index whole.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(super) fn swap_dirs(a: &Path, b: &Path) -> Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(|e| Error::io(a, e.into()))
}

/// Exchanges two directories by three renames (no atomic exchange on this platform).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(super) fn swap_dirs(a: &Path, b: &Path) -> Result<()> {
    let old = sibling(a, "old");
    std::fs::rename(a, &old).map_err(|e| Error::io(a, e))?;
    std::fs::rename(b, a).map_err(|e| Error::io(b, e))?;
    std::fs::rename(&old, b).map_err(|e| Error::io(&old, e))
}

/// Removes the temporary files a commit killed inside tantivy's atomic write leaves behind.
/// Only a writer creates them, so this is safe while we hold the writer lock.
pub(super) fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Free bytes on the filesystem holding `dir`, when the platform tells.
fn free_bytes(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        let stat = rustix::fs::statvfs(dir).ok()?;
        Some(stat.f_bavail.saturating_mul(stat.f_frsize))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Whether the filesystem holding `dir` is too full to commit safely.
pub(super) fn low_space(dir: &Path) -> bool {
    free_bytes(dir).is_some_and(|free| free < MIN_FREE_BYTES)
}

/// Fails with [`Error::DiskFull`] when the filesystem holding `dir` is too full to commit.
pub(super) fn ensure_space(dir: &Path) -> Result<()> {
    if low_space(dir) {
        return Err(Error::DiskFull(dir.to_path_buf()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapping_exchanges_two_folders_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("from-a"), "").unwrap();
        std::fs::write(b.join("from-b"), "").unwrap();
        swap_dirs(&a, &b).unwrap();
        assert!(a.join("from-b").exists() && !a.join("from-a").exists());
        assert!(b.join("from-a").exists() && !b.join("from-b").exists());
        assert!(swap_dirs(&a, &dir.path().join("missing")).is_err());
    }

    #[test]
    fn free_space_is_measured_here() {
        let dir = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        assert!(free_bytes(dir.path()).is_some_and(|free| free > 0));
        assert!(free_bytes(&dir.path().join("missing")).is_none());
        assert!(!low_space(&dir.path().join("missing")));
    }

    #[test]
    fn the_sibling_is_hidden_beside_the_index() {
        assert_eq!(
            sibling(Path::new("/x/idx"), "rebuild"),
            PathBuf::from("/x/.idx.rebuild")
        );
    }

    #[test]
    fn an_index_inside_the_archive_is_refused_even_before_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive");
        std::fs::create_dir(&archive).unwrap();
        assert!(check_archive(&archive, &dir.path().join("index")).is_ok());
        let inside = archive.join("new/index");
        assert!(matches!(
            check_archive(&archive, &inside),
            Err(Error::IndexInsideArchive { .. })
        ));
        let file = dir.path().join("file.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(
            check_archive(&file, &dir.path().join("index")),
            Err(Error::ArchiveNotADirectory(_))
        ));
    }
}
