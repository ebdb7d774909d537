//! Where an export may be written, and writing it so that it is whole or visibly not.
//!
//! `--out` is refused inside the archive (which dateline never writes into) and inside the
//! index; a folder must be new, empty, or hold an earlier export of the same format, which is
//! replaced. Every file is written under a temporary name ending in [`PARTIAL`] and renamed
//! when the whole export is written, the README (which tells how to load it) last: an export
//! that is killed leaves the earlier export as it was and `.partial` files beside it, never a
//! file that looks complete and is not.

use std::ffi::OsString;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Component, Path, PathBuf};

use super::{ExportFormat, elasticsearch, quickwit};
use crate::error::{Error, Result};
use crate::index::OpenIndex;

/// Suffix of a file being written.
pub const PARTIAL: &str = ".partial";

/// Longest first line read to tell whether a file is an earlier JSON Lines export.
const FIRST_LINE_BYTES: u64 = 64 << 20;

/// Where an export goes, checked, and what an earlier export there left.
#[derive(Debug)]
pub struct Target {
    /// The file (JSON Lines) or folder (the other formats) asked for.
    pub path: PathBuf,
    /// The folder the files go into.
    folder: PathBuf,
    /// Files of an earlier export in the folder, removed once this one is complete.
    earlier: Vec<PathBuf>,
}

impl Target {
    /// Checks that an export in `format` may be written at `path` for `index`.
    pub fn prepare(path: &Path, format: ExportFormat, index: &OpenIndex) -> Result<Target> {
        let refuse = |reason: String| Error::ExportTarget {
            path: path.to_path_buf(),
            reason,
        };
        let resolved = resolved(path)?;
        if let Some(archive) = &index.archive_root
            && resolved.starts_with(archive)
        {
            return Err(refuse(format!(
                "it is inside the archive {}, which dateline never writes into: choose --out outside it",
                archive.display()
            )));
        }
        if let Ok(index_dir) = index.dir.canonicalize()
            && resolved.starts_with(&index_dir)
        {
            return Err(refuse(format!(
                "it is inside the index {}: choose --out outside it",
                index_dir.display()
            )));
        }
        let earlier = if format.is_folder() {
            earlier_folder_export(path, format).map_err(refuse)?
        } else {
            check_file(path).map_err(refuse)?;
            Vec::new()
        };
        Ok(Target {
            path: path.to_path_buf(),
            folder: if format.is_folder() {
                path.to_path_buf()
            } else {
                path.parent().map(Path::to_path_buf).unwrap_or_default()
            },
            earlier,
        })
    }

    /// Creates the folder written into (the export's, or its file's) when it does not exist.
    pub fn create_folder(&self) -> Result<()> {
        if self.folder.as_os_str().is_empty() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.folder).map_err(|e| Error::io(&self.folder, e))
    }

    /// The path of a file named `name` in the export's folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// Puts the written files in place, in order (the README last), after removing the
    /// earlier export's README and the files of it that are not replaced.
    pub fn complete(self, written: Vec<Closed>) -> Result<(u64, Vec<PathBuf>)> {
        let replaced: Vec<&Path> = written.iter().map(|c| c.target.as_path()).collect();
        // The README says an export is there to load: it goes first and comes back last.
        let mut earlier = self.earlier.clone();
        earlier.sort_by_key(|p| !p.ends_with(README));
        for old in &earlier {
            if old.ends_with(README) || !replaced.contains(&old.as_path()) {
                match std::fs::remove_file(old) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io(old, e)),
                }
            }
        }
        let mut bytes = 0;
        let mut files = Vec::with_capacity(written.len());
        for closed in written {
            bytes += closed.bytes;
            files.push(closed.persist()?);
        }
        sync_folder(&self.folder);
        Ok((bytes, files))
    }
}

#[cfg(test)]
impl Target {
    /// A target at `path` holding no earlier export, unchecked.
    pub(crate) fn for_tests(path: PathBuf) -> Target {
        Target {
            folder: path.clone(),
            path,
            earlier: Vec::new(),
        }
    }
}

/// Name of the file telling how to load a folder export.
pub const README: &str = "README.txt";

/// An absolute path to `path` with every link of its existing part resolved, and `..` of the
/// part still to be created applied as creating it would.
fn resolved(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let mut existing = absolute.clone();
    // The components that do not exist yet, last first.
    let mut rest: Vec<OsString> = Vec::new();
    let real = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        let Some(last) = existing.components().next_back() else {
            break PathBuf::from("/");
        };
        rest.push(last.as_os_str().to_os_string());
        if !existing.pop() {
            break PathBuf::from("/");
        }
    };
    let mut out = real;
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            Some(_) => out.push(part),
        }
    }
    Ok(out)
}

/// Whether a name in a folder is one a format's export writes (finished or being written).
fn belongs_to(format: ExportFormat, name: &str) -> bool {
    let name = name.strip_suffix(PARTIAL).unwrap_or(name);
    name == README
        || match format {
            ExportFormat::JsonLines => false,
            ExportFormat::Elasticsearch => elasticsearch::writes(name),
            ExportFormat::Quickwit => quickwit::writes(name),
        }
}

/// The file only a format's export has, which tells it from a folder with a README.
fn signature(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::JsonLines => "",
        ExportFormat::Elasticsearch => elasticsearch::MAPPING_FILE,
        ExportFormat::Quickwit => quickwit::CONFIG_FILE,
    }
}

/// Whether `names` are an export in `format`: only its files, its signature among them.
fn is_export(format: ExportFormat, names: &[(String, bool)]) -> bool {
    let sig = signature(format);
    names
        .iter()
        .all(|(name, is_file)| *is_file && belongs_to(format, name))
        && names
            .iter()
            .any(|(name, _)| name.strip_suffix(PARTIAL).unwrap_or(name) == sig)
}

/// The files of an earlier export in `format` at `dir`: none when it is new or empty; an
/// error saying why when it holds anything else.
fn earlier_folder_export(dir: &Path, format: ExportFormat) -> Result<Vec<PathBuf>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(format!(
                "it is a file, and an export for {} is a folder: choose a new folder",
                format.name()
            ));
        }
        Err(e) => return Err(e.to_string()),
    };
    let mut names: Vec<(String, bool)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        names.push((entry.file_name().to_string_lossy().into_owned(), is_file));
    }
    names.sort();
    if names.is_empty() {
        return Ok(Vec::new());
    }
    if is_export(format, &names) {
        return Ok(names.iter().map(|(name, _)| dir.join(name)).collect());
    }
    let others = [ExportFormat::Elasticsearch, ExportFormat::Quickwit];
    if let Some(other) = others
        .into_iter()
        .find(|&other| other != format && is_export(other, &names))
    {
        return Err(format!(
            "the folder holds an export for {}, not for {}: choose another folder",
            other.name(),
            format.name()
        ));
    }
    let stranger = names
        .iter()
        .find(|(name, is_file)| !(*is_file && belongs_to(format, name)))
        .or(names.first())
        .map(|(name, _)| name.as_str())
        .unwrap_or_default();
    Err(format!(
        "the folder is not empty and holds no earlier export for {} (it has '{}'): choose a new or empty folder",
        format.name(),
        stranger.escape_debug()
    ))
}

/// Refuses an existing file that is not an earlier JSON Lines export of dateline (empty, or
/// starting with a dispatch as the export writes it).
fn check_file(path: &Path) -> Result<(), String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.to_string()),
    };
    if meta.is_dir() {
        return Err("it is a folder, and a JSON Lines export is one file: name a file".into());
    }
    let not_export = || {
        "the file exists and is not a JSON Lines export of dateline: choose another name or remove it"
            .to_string()
    };
    if !meta.is_file() {
        return Err(not_export());
    }
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut first = Vec::new();
    BufReader::new(file.take(FIRST_LINE_BYTES))
        .read_until(b'\n', &mut first)
        .map_err(|e| e.to_string())?;
    if first.is_empty() {
        return Ok(());
    }
    let exported = serde_json::from_slice::<serde_json::Value>(&first).is_ok_and(|line| {
        ["path", "item", "body"]
            .iter()
            .all(|key| line.get(key).is_some())
    });
    if exported { Ok(()) } else { Err(not_export()) }
}

/// Best effort: makes the renames in `folder` durable.
fn sync_folder(folder: &Path) {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// A file being written under its temporary name; removed if dropped before it is closed.
pub struct PendingFile {
    temp: PathBuf,
    target: PathBuf,
    out: Option<BufWriter<File>>,
    bytes: u64,
}

impl PendingFile {
    /// Starts writing the file that will be `target`.
    pub fn create(target: PathBuf) -> Result<PendingFile> {
        let mut temp = target.clone().into_os_string();
        temp.push(PARTIAL);
        let temp = PathBuf::from(temp);
        let file = File::create(&temp).map_err(|e| Error::io(&temp, e))?;
        Ok(PendingFile {
            temp,
            target,
            out: Some(BufWriter::with_capacity(256 << 10, file)),
            bytes: 0,
        })
    }

    /// Appends `bytes`.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        if let Some(out) = &mut self.out {
            out.write_all(bytes).map_err(|e| Error::io(&self.temp, e))?;
            self.bytes += bytes.len() as u64;
        }
        Ok(())
    }

    /// Bytes written so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Writes out and syncs the file, still under its temporary name.
    pub fn close(mut self) -> Result<Closed> {
        let temp = self.temp.clone();
        if let Some(out) = self.out.take() {
            let file = out
                .into_inner()
                .map_err(|e| Error::io(&temp, e.into_error()))?;
            file.sync_data().map_err(|e| Error::io(&temp, e))?;
        }
        Ok(Closed {
            temp: std::mem::take(&mut self.temp),
            target: std::mem::take(&mut self.target),
            bytes: self.bytes,
            persisted: false,
        })
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if self.out.is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// A file written whole under its temporary name; removed if dropped before it is renamed.
#[derive(Debug)]
pub struct Closed {
    temp: PathBuf,
    target: PathBuf,
    bytes: u64,
    persisted: bool,
}

impl Closed {
    /// Renames the file to its final name.
    pub fn persist(mut self) -> Result<PathBuf> {
        std::fs::rename(&self.temp, &self.target).map_err(|e| Error::io(&self.target, e))?;
        self.persisted = true;
        Ok(std::mem::take(&mut self.target))
    }

    /// Bytes in the file.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }
}

impl Drop for Closed {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes a small file whole (a mapping, a config, a README) under its temporary name.
pub fn small_file(target: PathBuf, contents: &[u8]) -> Result<Closed> {
    let mut file = PendingFile::create(target)?;
    file.write_all(contents)?;
    file.close()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_is_partial_until_persisted_and_gone_if_abandoned() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("docs.ndjson");
        let mut file = PendingFile::create(target.clone()).unwrap();
        file.write_all(b"{}\n").unwrap();
        assert_eq!(names(dir.path()), ["docs.ndjson.partial"]);
        let closed = file.close().unwrap();
        assert_eq!(closed.bytes(), 3);
        assert_eq!(closed.persist().unwrap(), target);
        assert_eq!(names(dir.path()), ["docs.ndjson"]);

        let abandoned = PendingFile::create(dir.path().join("b.ndjson")).unwrap();
        drop(abandoned);
        let closed = small_file(dir.path().join("c.txt"), b"x").unwrap();
        drop(closed);
        assert_eq!(names(dir.path()), ["docs.ndjson"]);
    }

    #[test]
    fn paths_to_be_created_resolve_as_creating_them_would() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("archive")).unwrap();
        std::os::unix::fs::symlink(root.join("archive"), root.join("link")).unwrap();
        let cases = [
            ("archive/new/x.jsonl", "archive/new/x.jsonl"),
            ("link/new", "archive/new"),
            ("nothere/../archive/y", "archive/y"),
            ("archive/./z/", "archive/z"),
            ("out/..", ""),
        ];
        for (typed, expected) in cases {
            let got = resolved(&root.join(typed)).unwrap();
            let want = if expected.is_empty() {
                root.clone()
            } else {
                root.join(expected)
            };
            assert_eq!(got, want, "{typed}");
        }
    }

    #[test]
    fn a_folder_is_an_export_when_it_holds_only_its_files() {
        let file = |n: &str| (n.to_string(), true);
        let es = [
            file("README.txt"),
            file("bulk-0001.ndjson"),
            file("mapping.json"),
        ];
        assert!(is_export(ExportFormat::Elasticsearch, &es));
        assert!(!is_export(ExportFormat::Quickwit, &es));
        // Killed half-way: only partial files, or some renamed, still an export to replace.
        let killed = [
            file("bulk-0002.ndjson.partial"),
            file("mapping.json.partial"),
        ];
        assert!(is_export(ExportFormat::Elasticsearch, &killed));
        let qw = [file("index-config.yaml"), file("docs.ndjson")];
        assert!(is_export(ExportFormat::Quickwit, &qw));
        // A README alone, a stranger, a folder of the same name: not an export.
        assert!(!is_export(ExportFormat::Quickwit, &[file("README.txt")]));
        let mut with_stranger = es.to_vec();
        with_stranger.push(file("notes.txt"));
        assert!(!is_export(ExportFormat::Elasticsearch, &with_stranger));
        let folder = [("mapping.json".to_string(), false)];
        assert!(!is_export(ExportFormat::Elasticsearch, &folder));
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_it_is_an_earlier_export() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        assert!(check_file(&path).is_ok(), "a new file");
        std::fs::write(&path, "").unwrap();
        assert!(check_file(&path).is_ok(), "an empty file");
        std::fs::write(
            &path,
            "{\"path\":\"a.txt\",\"item\":null,\"body\":\"x\"}\n{\"path\"",
        )
        .unwrap();
        assert!(check_file(&path).is_ok(), "an earlier export");
        for other in ["notes\n", "{\"path\":\"a.txt\"}\n", "[1,2]\n"] {
            std::fs::write(&path, other).unwrap();
            let err = check_file(&path).unwrap_err();
            assert!(err.contains("not a JSON Lines export"), "{other}: {err}");
        }
        let err = check_file(dir.path()).unwrap_err();
        assert!(err.contains("is a folder"), "{err}");
    }
}
