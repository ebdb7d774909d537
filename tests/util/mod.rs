//! Shared helpers of the end-to-end tests: run the real binary on real files in a temporary directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The project's sample archive.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus")
}

/// The shared folder beside the checkout, when present.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: ../shared/{rel} is not present beside the checkout");
        None
    }
}

/// A command running the built `dateline` binary, with no inherited index location.
pub fn dateline() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.env_remove("DATELINE_INDEX").env_remove("NO_COLOR");
    cmd
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Parses stdout as JSON lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
            .collect()
    }

    /// The `path` of every JSON hit, in order.
    pub fn paths(&self) -> Vec<String> {
        self.json_lines()
            .iter()
            .map(|v| v["path"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}

/// Runs `dateline ARGS` and collects its output.
pub fn run(args: &[&str]) -> Run {
    Run::from(dateline().args(args).output().expect("run dateline"))
}

/// A temporary workspace with an index directory.
pub struct Workspace {
    pub dir: TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// A folder for an archive written by the test.
    pub fn archive(&self) -> PathBuf {
        let path = self.dir.path().join("archive");
        std::fs::create_dir_all(&path).expect("archive dir");
        path
    }

    /// Writes a file under the archive, creating folders.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.archive().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// `dateline index ARCHIVE --index DIR ARGS`.
    pub fn index(&self, archive: &Path, extra: &[&str]) -> Run {
        let index = self.index_dir();
        let mut args = vec![
            "index",
            archive.to_str().expect("utf-8 path"),
            "--index",
            index.to_str().expect("utf-8 path"),
        ];
        args.extend_from_slice(extra);
        run(&args)
    }

    /// `dateline search --index DIR ARGS` (ARGS last, so they may hold `--`).
    pub fn search(&self, args: &[&str]) -> Run {
        self.command("search", args)
    }

    /// `dateline places --index DIR ARGS`.
    pub fn places(&self, args: &[&str]) -> Run {
        self.command("places", args)
    }

    /// `dateline COMMAND --index DIR ARGS`.
    pub fn command(&self, command: &str, args: &[&str]) -> Run {
        let index = self.index_dir();
        let mut all = vec![command, "--index", index.to_str().expect("utf-8 path")];
        all.extend_from_slice(args);
        run(&all)
    }

    /// `dateline timeline ARGS --index DIR`.
    pub fn timeline(&self, args: &[&str]) -> Run {
        let index = self.index_dir();
        let mut all = vec!["timeline"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--index", index.to_str().expect("utf-8 path")]);
        run(&all)
    }

    /// Every dispatch in the index, as JSON hits.
    pub fn all_paths(&self) -> Vec<String> {
        let mut paths = self
            .search(&["*", "--all-versions", "--limit", "10000", "--json"])
            .paths();
        paths.sort();
        paths
    }
}

/// A workspace whose index holds the sample corpus.
pub fn indexed_sample() -> Workspace {
    let ws = Workspace::new();
    let run = ws.index(&sample_corpus(), &["--quiet"]);
    assert_eq!(run.code, 0, "index failed: {}", run.stderr);
    ws
}

/// Whether an index directory holds a commit point.
pub fn dateline_index_exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Runs a command line under a pseudo-terminal of `columns` columns; None without `script`.
pub fn on_terminal(command_line: &str, columns: u16) -> Option<String> {
    let output = Command::new("script")
        .args([
            "-qec",
            &format!("stty cols {columns}; {command_line}"),
            "/dev/null",
        ])
        .env_remove("DATELINE_INDEX")
        .env_remove("NO_COLOR")
        .output();
    match output {
        Ok(out) if out.status.code().is_some() => {
            Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
        }
        _ => {
            eprintln!("skipped: `script` (util-linux) is not available for a pseudo-terminal");
            None
        }
    }
}

/// Text without its ANSI styles.
pub fn unstyled(text: &str) -> String {
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}
