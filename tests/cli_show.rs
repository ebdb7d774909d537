//! End-to-end: `dateline show KEY` prints one dispatch whole from the index, and hits' keys
//! link to their files.

mod util;

use util::{Workspace, indexed_sample, sample_corpus};

const ASTANA_WHEAT: &str = "2017/10/30/kazakhstan-wheat-harvest-record.txt";

#[test]
fn show_prints_the_header_then_the_whole_body() {
    let ws = indexed_sample();
    let run = ws.command("show", &[ASTANA_WHEAT]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected_header = format!(
        "headline  Combine harvesters work a wheat field near Astana.\n\
         date      2017-10-30\n\
         place     Astana, Kazakhstan\n\
         agency    AFP\n\
         key       {ASTANA_WHEAT}\n\n"
    );
    assert!(run.stdout.starts_with(&expected_header), "{}", run.stdout);
    let body = &run.stdout[expected_header.len()..];
    assert!(body.starts_with("Kazakhstan is on track for one of its largest wheat harvests"));
    // The whole body, its lines as written, not a snippet.
    assert!(
        body.contains("\nOfficials said farmers had threshed"),
        "{body}"
    );
    assert!(
        body.contains("a grain trader in the capital told AFP."),
        "{body}"
    );
    assert!(!run.stdout.contains('\x1b'));
}

#[test]
fn show_json_is_a_hit_with_its_body() {
    let ws = indexed_sample();
    let run = ws.command("show", &[ASTANA_WHEAT, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1);
    let shown = &lines[0];
    assert_eq!(shown["path"], ASTANA_WHEAT);
    assert_eq!(shown["date"], "2017-10-30");
    assert_eq!(shown["agency"], "AFP");
    assert_eq!(shown["place"]["country_code"], "KZ");
    let body = shown["body"].as_str().unwrap();
    assert!(body.starts_with("Kazakhstan is on track"));
    assert!(body.contains("\nOfficials said"));
    // The same keys as a search hit, plus the body.
    let hit = &ws.search(&["threshed steppe", "--json"]).json_lines()[0];
    let mut hit_keys: Vec<&String> = hit.as_object().unwrap().keys().collect();
    hit_keys.retain(|k| *k != "score" && *k != "snippet" && *k != "versions");
    let mut shown_keys: Vec<&String> = shown.as_object().unwrap().keys().collect();
    shown_keys.retain(|k| *k != "body");
    hit_keys.sort();
    shown_keys.sort();
    assert_eq!(hit_keys, shown_keys);
}

#[test]
fn show_highlights_the_words_asked_for() {
    let ws = indexed_sample();
    let run = ws.command(
        "show",
        &[
            ASTANA_WHEAT,
            "--highlight",
            "wheat -harvest",
            "--color",
            "always",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let marked = "\x1b[1m\x1b[31mwheat\x1b[0m";
    assert!(
        run.stdout.contains(&format!("more {marked} to China")),
        "{:?}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("\x1b[31mharvest"),
        "excluded word marked"
    );
    // Without colour there is nothing to mark with, and the text is as it is.
    let plain = ws.command("show", &[ASTANA_WHEAT, "--highlight", "wheat"]);
    assert!(!plain.stdout.contains('\x1b'));
    assert!(plain.stdout.contains("more wheat to China"));
}

#[test]
fn show_works_without_the_archive() {
    let ws = Workspace::new();
    ws.write(
        "2019/06/05/sao-paulo.txt",
        "Metro strike ends\nSão Paulo, Brazil, 5 June 2019 — The metro ran again on Wednesday.\n",
    );
    let archive = ws.archive();
    assert_eq!(ws.index(&archive, &["--quiet"]).code, 0);
    std::fs::remove_dir_all(&archive).unwrap();
    let run = ws.command("show", &["2019/06/05/sao-paulo.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("place     São Paulo, Brazil"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("The metro ran again on Wednesday."));
}

#[test]
fn an_unknown_key_is_an_error_with_exit_1() {
    let ws = indexed_sample();
    let run = ws.command("show", &["2017/10/30/no-such-dispatch.txt"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "dateline: error: no dispatch with the key '2017/10/30/no-such-dispatch.txt'"
        ),
        "{}",
        run.stderr
    );
    // No index at all is another error.
    let empty = Workspace::new();
    assert_eq!(empty.command("show", &[ASTANA_WHEAT]).code, 2);
}

#[test]
fn the_path_of_a_file_in_the_archive_is_its_key() {
    let ws = indexed_sample();
    let file = sample_corpus().join(ASTANA_WHEAT);
    let run = ws.command("show", &[file.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json_lines()[0]["path"], ASTANA_WHEAT);
}

/// The `file://` URL of each OSC 8 link in `text`.
fn links(text: &str) -> Vec<String> {
    text.split("\x1b]8;;")
        .skip(1)
        .filter_map(|rest| rest.split_once("\x1b\\").map(|(url, _)| url.to_string()))
        .filter(|url| !url.is_empty())
        .collect()
}

/// The local path a `file://HOST/path` URL names, percent-decoded.
fn file_of(url: &str) -> std::path::PathBuf {
    let rest = url.strip_prefix("file://").expect("a file URL");
    let path = &rest[rest.find('/').expect("a path")..];
    let bytes = path.as_bytes();
    let mut decoded = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            decoded.push(u8::from_str_radix(&path[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    std::path::PathBuf::from(String::from_utf8(decoded).unwrap())
}

#[test]
fn keys_link_to_their_files_when_escapes_are_on() {
    let ws = Workspace::new();
    ws.write(
        "2019/06/05/são paulo.txt",
        "Metro strike ends\nSão Paulo, Brazil, 5 June 2019 — The metro ran again.\n",
    );
    assert_eq!(ws.index(&ws.archive(), &["--quiet"]).code, 0);
    let linked = ws.search(&["metro", "--color", "always"]);
    assert_eq!(linked.code, 0, "{}", linked.stderr);
    let urls = links(&linked.stdout);
    assert_eq!(urls.len(), 1, "{:?}", linked.stdout);
    let file = file_of(&urls[0]);
    assert!(file.is_file(), "{urls:?} names no file");
    assert_eq!(
        file.canonicalize().unwrap(),
        ws.archive()
            .join("2019/06/05/são paulo.txt")
            .canonicalize()
            .unwrap()
    );
    // The link holds the key as it is shown.
    assert!(
        linked
            .stdout
            .contains("2019/06/05/são paulo.txt\x1b[0m\x1b]8;;\x1b\\")
    );

    let shown = ws.command("show", &["2019/06/05/são paulo.txt", "--color", "always"]);
    assert_eq!(links(&shown.stdout), urls);

    let vscode = ws.search(&["metro", "--color", "always", "--hyperlink-format", "vscode"]);
    let url = &links(&vscode.stdout)[0];
    assert!(
        url.starts_with("vscode://file/") && url.ends_with(".txt:1:1"),
        "{url}"
    );
    let custom = ws.search(&[
        "metro",
        "--color",
        "always",
        "--hyperlink-format",
        "file://{path}",
    ]);
    assert!(links(&custom.stdout)[0].starts_with("file:///"));

    for off in [
        vec!["metro"],
        vec!["metro", "--color", "always", "--hyperlink-format", "none"],
        vec!["metro", "--color", "never"],
    ] {
        let run = ws.search(&off);
        assert!(links(&run.stdout).is_empty(), "{off:?}: {:?}", run.stdout);
    }
    let bad = ws.search(&["metro", "--hyperlink-format", "file://{host}"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("has no {path}"), "{}", bad.stderr);
}

#[test]
fn links_follow_the_archive_when_it_moves() {
    let ws = Workspace::new();
    ws.write(
        "a/dispatch.txt",
        "LONDON, March 3 (Reuters) - Tin prices rose.\n",
    );
    assert_eq!(ws.index(&ws.archive(), &["--quiet"]).code, 0);
    let moved = ws.dir.path().join("moved");
    std::fs::rename(ws.archive(), &moved).unwrap();
    // Nothing in it changed, yet the index now points to where it is.
    let run = ws.index(&moved, &[]);
    assert!(
        run.stderr
            .contains("0 added, 0 updated, 0 removed, 1 unchanged"),
        "{}",
        run.stderr
    );
    let linked = ws.search(&["tin", "--color", "always"]);
    let file = file_of(&links(&linked.stdout)[0]);
    assert_eq!(file, moved.canonicalize().unwrap().join("a/dispatch.txt"));
}

#[test]
fn show_finds_a_dispatch_within_a_file_of_several_by_its_item() {
    let ws = indexed_sample();
    let file = "feeds/scraped/south-america-ports-2021-06.jsonl";
    let hits = ws.search(&["*", "--json", "--limit", "1000"]).json_lines();
    let items: Vec<(String, String)> = hits
        .iter()
        .filter(|h| h["path"] == file)
        .map(|h| {
            (
                h["item"].as_str().unwrap().to_string(),
                h["headline"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(items.len() > 1, "{items:?}");
    for (item, headline) in &items {
        let key = format!("{file}#{item}");
        let run = ws.command("show", &[&key, "--json"]);
        assert_eq!(run.code, 0, "{key}: {}", run.stderr);
        let shown = &run.json_lines()[0];
        assert_eq!(shown["item"], item.as_str());
        assert_eq!(shown["headline"], headline.as_str());
    }
    // The file's path alone shows its first dispatch; an unknown item is unknown.
    assert_eq!(ws.command("show", &[file]).code, 0);
    assert_eq!(ws.command("show", &[&format!("{file}#line 999")]).code, 1);
}
