//! End-to-end on a terminal: colour and the progress indicator appear only there, and
//! control characters from files never reach it raw. Uses `script` (util-linux) for a pseudo-terminal.

mod util;

use std::process::Command;

use util::{Workspace, indexed_sample, sample_corpus};

/// Runs a shell command line under a pseudo-terminal; None when `script` is not available.
fn on_terminal(command_line: &str, no_color: bool) -> Option<String> {
    let mut cmd = Command::new("script");
    cmd.args(["-qec", command_line, "/dev/null"])
        .env_remove("DATELINE_INDEX");
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    match cmd.output() {
        Ok(out) if out.status.code().is_some() => {
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        _ => {
            eprintln!("skipped: `script` (util-linux) is not available for a pseudo-terminal");
            None
        }
    }
}

fn quote(path: &std::path::Path) -> String {
    format!("'{}'", path.display())
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    let ws = indexed_sample();
    let line = format!(
        "{} search zinnober --index {}",
        env!("CARGO_BIN_EXE_dateline"),
        quote(&ws.index_dir())
    );
    let Some(coloured) = on_terminal(&line, false) else {
        return;
    };
    assert!(
        coloured.contains("zinnober") || coloured.contains("Zinnober"),
        "{coloured}"
    );
    assert!(
        coloured.contains("\x1b["),
        "no colour on a terminal: {coloured:?}"
    );
    // NO_COLOR is about colour: the key's link (OSC 8, `ESC ]`) stays, no colour (`ESC [`).
    let plain = on_terminal(&line, true).unwrap();
    assert!(
        !plain.contains("\x1b["),
        "colour despite NO_COLOR: {plain:?}"
    );
}

#[test]
fn escape_sequences_from_files_never_reach_the_terminal() {
    let ws = indexed_sample();
    let line = format!(
        "{} search 'eggs benedict' --index {}",
        env!("CARGO_BIN_EXE_dateline"),
        quote(&ws.index_dir())
    );
    let Some(out) = on_terminal(&line, false) else {
        return;
    };
    assert!(out.contains("\\x1b[2J"), "{out:?}");
    assert!(
        !out.contains("\x1b[2J"),
        "raw clear-screen reached the terminal: {out:?}"
    );
}

#[test]
fn a_progress_bar_is_drawn_on_a_terminal_and_not_with_quiet_or_piped() {
    let ws = Workspace::new();
    let bin = env!("CARGO_BIN_EXE_dateline");
    let line = format!(
        "{bin} index {} --index {}",
        quote(&sample_corpus()),
        quote(&ws.index_dir())
    );
    let Some(out) = on_terminal(&line, true) else {
        return;
    };
    // Once the walk is over the bar is drawn at once with the files found and the time left.
    let bar = out
        .split('\r')
        .flat_map(|frame| frame.split('\n'))
        .find(|frame| frame.contains("/72 files, "))
        .unwrap_or_else(|| panic!("no bar drawn: {out:?}"));
    assert!(bar.contains("] "), "{bar:?}");
    assert!(bar.contains(" indexed, "), "{bar:?}");
    assert!(bar.contains(" files/s, "), "{bar:?}");
    assert!(bar.contains(" left"), "{bar:?}");
    assert!(out.contains("indexed 74 dispatches"));
    // The summary line comes after the last frame of the bar.
    assert!(out.rfind("indexed 74 dispatches (") > out.rfind("/72 files, "));

    let quiet = on_terminal(&format!("{line} --full --quiet"), true).unwrap();
    assert!(quiet.trim().is_empty(), "{quiet:?}");
    // Piped, stderr has the summary line and nothing else.
    let piped = ws.index(&sample_corpus(), &["--full"]);
    assert_eq!(piped.stderr.lines().count(), 1, "{:?}", piped.stderr);
    assert!(!piped.stderr.contains('\x1b'), "{:?}", piped.stderr);
}

#[test]
fn color_always_colours_a_pipe_and_never_keeps_a_terminal_plain() {
    let ws = indexed_sample();
    let forced = ws.search(&["zinnober", "--color", "always"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(forced.stdout.contains("\x1b["), "{:?}", forced.stdout);
    // Even with NO_COLOR: the flag is the more explicit choice.
    let out = util::dateline()
        .args(["--color", "always", "search", "zinnober", "--index"])
        .arg(ws.index_dir())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\x1b["));
    let plain = ws.search(&["zinnober"]);
    assert!(!plain.stdout.contains('\x1b'), "{:?}", plain.stdout);
    let bad = ws.search(&["zinnober", "--color", "sometimes"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("[possible values: auto, always, never]"),
        "{}",
        bad.stderr
    );

    let line = format!(
        "{} search zinnober --color never --index {}",
        env!("CARGO_BIN_EXE_dateline"),
        quote(&ws.index_dir())
    );
    let Some(on_tty) = on_terminal(&line, false) else {
        return;
    };
    assert!(on_tty.contains("innober"), "{on_tty:?}");
    assert!(
        !on_tty.contains('\x1b'),
        "colour despite --color never: {on_tty:?}"
    );
}

#[test]
fn keys_are_links_on_a_terminal_and_not_in_a_pipe() {
    let ws = indexed_sample();
    let line = format!(
        "{} search zinnober --index {}",
        env!("CARGO_BIN_EXE_dateline"),
        quote(&ws.index_dir())
    );
    let Some(on_tty) = on_terminal(&line, true) else {
        return;
    };
    let archive = sample_corpus().canonicalize().unwrap();
    let link_start = "\x1b]8;;file://";
    assert!(
        on_tty.contains(link_start),
        "no link on a terminal: {on_tty:?}"
    );
    assert!(
        on_tty.contains(&format!("{}/2014/07/14/", archive.display())),
        "the link is not to the archive's file: {on_tty:?}"
    );
    // NO_COLOR (set above) turns colour off, not links; a pipe turns both off.
    assert!(!on_tty.contains("\x1b[3"), "{on_tty:?}");
    let piped = ws.search(&["zinnober"]);
    assert!(!piped.stdout.contains('\x1b'), "{:?}", piped.stdout);
}

#[test]
fn help_and_errors_are_coloured_as_color_says() {
    let help = |extra: &[&str]| {
        let mut args = vec!["search", "--help"];
        args.extend_from_slice(extra);
        util::run(&args)
    };
    let always = help(&["--color", "always"]);
    assert_eq!(always.code, 0);
    assert!(always.stdout.contains("\x1b["), "{}", always.stdout);
    let never = help(&["--color", "never"]);
    assert_eq!(never.code, 0);
    assert!(never.stdout.contains("Usage:"), "{}", never.stdout);
    assert!(!never.stdout.contains('\x1b'), "{}", never.stdout);
    let mistake = util::run(&["search", "--limit", "none", "--color=always"]);
    assert_eq!(mistake.code, 2);
    assert!(mistake.stderr.contains("\x1b["), "{}", mistake.stderr);
}
