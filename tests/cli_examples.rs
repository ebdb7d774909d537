//! End-to-end: every command's long help ends with real examples, and each of them runs as
//! written, from a folder holding a copy of the sample archive.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use util::{run, sample_corpus};

/// The commands, the tool itself first (""), in an order in which their examples can run:
/// the index is made before it is searched.
const COMMANDS: [&str; 10] = [
    "",
    "index",
    "search",
    "show",
    "places",
    "timeline",
    "export",
    "parse",
    "completions",
    "man",
];

/// The example lines that end `dateline COMMAND --help`.
fn examples(command: &str) -> Vec<String> {
    let mut args: Vec<&str> = command.split_whitespace().collect();
    args.push("--help");
    let help = run(&args);
    assert_eq!(help.code, 0, "{command}: {}", help.stderr);
    let text = help.stdout.trim_end();
    let (_, section) = text
        .rsplit_once("\nExamples:\n")
        .unwrap_or_else(|| panic!("`dateline {command} --help` has no examples:\n{text}"));
    section.lines().map(|l| l.trim().to_string()).collect()
}

#[test]
fn every_long_help_ends_with_three_or_four_examples_of_its_command() {
    for command in COMMANDS {
        let lines = examples(command);
        assert!(
            (3..=4).contains(&lines.len()),
            "{command}: {} examples",
            lines.len()
        );
        let prefix = format!("dateline {command}").trim_end().to_string();
        for line in &lines {
            assert!(line.starts_with(&prefix), "{command}: {line}");
        }
        // The short help stays short.
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("-h");
        assert!(!run(&args).stdout.contains("Examples:"), "{command} -h");
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Programs an example line calls besides dateline, which the machine may lack.
fn other_programs(line: &str) -> Vec<String> {
    line.split(['|', '&', ';'])
        .filter_map(|stage| stage.split_whitespace().next())
        .filter(|program| *program != "dateline")
        .map(str::to_string)
        .collect()
}

fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|out| out.status.success())
}

#[test]
fn every_example_runs_as_written() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    copy_tree(&sample_corpus(), &home.join("sample_corpus"));
    let bin_dir = PathBuf::from(env!("CARGO_BIN_EXE_dateline"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for command in COMMANDS {
        for line in examples(command) {
            let missing: Vec<String> = other_programs(&line)
                .into_iter()
                .filter(|p| !installed(p))
                .collect();
            if !missing.is_empty() {
                eprintln!("skipped `{line}`: {missing:?} not installed");
                continue;
            }
            // The folders a shell's or man's setup has, which the redirections write into.
            for dir in [
                ".local/share/bash-completion/completions",
                ".zfunc",
                ".config/fish/completions",
                ".local/share/man/man1",
            ] {
                std::fs::create_dir_all(home.join(dir)).unwrap();
            }
            let out = Command::new("sh")
                .args(["-c", &line])
                .current_dir(home)
                .env("HOME", home)
                .env("PATH", &path)
                .env_remove("DATELINE_INDEX")
                .env_remove("MANPAGER")
                .env_remove("PAGER")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "`{line}`:\n{stdout}\n{stderr}");
            // Lines writing to a file (`>`, `--out`) or indexing print nothing on stdout.
            if !line.contains('>') && !line.contains("index") && !line.contains("--out") {
                assert!(!stdout.trim().is_empty(), "`{line}` printed nothing");
            }
            ran += 1;
        }
    }
    assert!(ran >= 20, "only {ran} examples ran");
    // What the redirections wrote is what the commands print.
    let bash =
        std::fs::read_to_string(home.join(".local/share/bash-completion/completions/dateline"))
            .unwrap();
    assert!(bash.contains("_dateline"));
    let page = std::fs::read_to_string(home.join(".local/share/man/man1/dateline.1")).unwrap();
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{page:.80}"
    );
    let exported = std::fs::read_to_string(home.join("dispatches.jsonl")).unwrap();
    assert_eq!(exported.lines().count(), 74);
    for written in [
        "cocoa.jsonl",
        "es-export/README.txt",
        "es-export/bulk-0001.ndjson",
        "quickwit-export/index-config.yaml",
        "quickwit-export/docs.ndjson",
    ] {
        let len = std::fs::metadata(home.join(written)).map_or(0, |m| m.len());
        assert!(len > 0, "{written} was not written");
    }
}
