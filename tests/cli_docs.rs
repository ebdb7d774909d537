//! End-to-end: shell completions and the manual page are made from the command line's own
//! definitions, and work where they are installed.

mod util;

use std::process::Command;

use util::run;

const COMMANDS: [&str; 9] = [
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

#[test]
fn completions_for_every_shell_know_every_command_and_option() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = run(&["completions", shell]);
        assert_eq!(script.code, 0, "{shell}: {}", script.stderr);
        for command in COMMANDS {
            assert!(script.stdout.contains(command), "{shell} lacks {command}");
        }
        for option in [
            "place",
            "hyperlink-format",
            "color",
            "limit",
            "highlight",
            "format",
            "out",
        ] {
            assert!(script.stdout.contains(option), "{shell} lacks --{option}");
        }
    }
    let unknown = run(&["completions", "tcsh"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("possible values"),
        "{}",
        unknown.stderr
    );
}

/// What bash proposes for the words typed so far, with the completion script loaded.
fn bash_completes(typed: &[&str]) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_dateline");
    let words = typed.join(" ");
    let script = format!(
        "source <('{bin}' completions bash) || exit 3
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}
         _dateline dateline '{current}' '{previous}'
         echo \"${{COMPREPLY[@]}}\"",
        cword = typed.len() - 1,
        current = typed[typed.len() - 1],
        previous = typed[typed.len().saturating_sub(2)],
    );
    match Command::new("bash").args(["-c", &script]).output() {
        Ok(out) => {
            assert_eq!(out.status.code(), Some(0), "{:?}", out);
            Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
        }
        Err(_) => {
            eprintln!("skipped: bash is not available to load the completion script");
            None
        }
    }
}

#[test]
fn bash_completes_commands_options_and_their_values() {
    let Some(commands) = bash_completes(&["dateline", "se"]) else {
        return;
    };
    assert_eq!(commands, "search");
    let options = bash_completes(&["dateline", "search", "--pl"]).unwrap();
    assert_eq!(options, "--place");
    let sorts = bash_completes(&["dateline", "search", "--sort", ""]).unwrap();
    assert_eq!(sorts, "relevance date distance");
}

#[test]
fn the_manual_page_holds_every_command_with_its_options_and_examples() {
    let page = run(&["man"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    let roff = &page.stdout;
    assert!(roff.contains(".TH dateline 1"), "{roff}");
    for command in COMMANDS {
        assert!(
            roff.contains(&format!(".SS \"dateline {command}\"")),
            "no section for {command}"
        );
    }
    for option in [
        "\\-\\-place",
        "\\-\\-max\\-rate",
        "\\-\\-color",
        "\\-\\-highlight",
    ] {
        assert!(roff.contains(option), "no {option}");
    }
    assert!(roff.contains(".SH ENVIRONMENT") && roff.contains("DATELINE_INDEX"));
    assert!(roff.contains(".SH \"EXIT STATUS\""));
    assert!(roff.contains("dateline search cocoa"), "examples missing");
    // The global options are listed once, not under every command.
    assert_eq!(roff.matches("\\fB\\-\\-index\\fR \\fI<DIR>").count(), 1);

    // groff reads it without a warning, when it is installed.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dateline.1");
    std::fs::write(&file, roff).unwrap();
    match Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&file)
        .output()
    {
        Ok(out) => {
            assert_eq!(out.status.code(), Some(0));
            let warnings = String::from_utf8_lossy(&out.stderr);
            assert!(warnings.trim().is_empty(), "{warnings}");
        }
        Err(_) => eprintln!("skipped: groff is not installed to read the manual page"),
    }
}
