//! End-to-end: indexing real files (re-indexing, encodings, messy archives) and `parse`.

mod util;

use util::{Workspace, indexed_sample, run, sample_corpus};

const REUTERS: &str = "STORM HITS COAST\n\nLONDON, March 3 (Reuters) - A storm hit the coast on Tuesday.\nMore rain is due.\n Reuter\n";

#[test]
fn reindexing_the_same_archive_never_duplicates() {
    let ws = indexed_sample();
    let before = ws.all_paths();
    assert_eq!(before.len(), 74);
    let again = ws.index(&sample_corpus(), &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains("74 unchanged"), "{}", again.stderr);
    assert_eq!(ws.all_paths(), before);
    let full = ws.index(&sample_corpus(), &["--full"]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    assert_eq!(ws.all_paths(), before);
}

#[test]
fn changed_new_and_removed_files_are_brought_up_to_date() {
    let ws = Workspace::new();
    let archive = ws.archive();
    ws.write("2020/01/01/a.txt", REUTERS);
    ws.write("2020/01/01/b.txt", REUTERS.replace("storm", "gale"));
    ws.write("2020/01/01/c.txt", REUTERS.replace("storm", "flood"));
    assert_eq!(ws.index(&archive, &["--quiet"]).code, 0);
    assert_eq!(ws.all_paths().len(), 3);

    ws.write("2020/01/01/a.txt", REUTERS.replace("storm", "blizzard"));
    std::fs::remove_file(archive.join("2020/01/01/b.txt")).unwrap();
    ws.write("2020/01/02/d.txt", REUTERS.replace("storm", "drought"));
    let run = ws.index(&archive, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 added, 1 updated, 1 removed, 1 unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(
        ws.all_paths(),
        vec!["2020/01/01/a.txt", "2020/01/01/c.txt", "2020/01/02/d.txt"]
    );
    assert_eq!(
        ws.search(&["blizzard", "--json"]).paths(),
        vec!["2020/01/01/a.txt"]
    );
    assert_eq!(ws.search(&["gale"]).code, 1);
}

#[test]
fn encodings_and_line_endings_are_read_correctly() {
    let ws = Workspace::new();
    let archive = ws.archive();
    let text = "Coffee harvest\r\n\r\nBogotá, Colombia (AFP) - Growers in Bogotá said the café crop was late.\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    ws.write("2020/02/03/utf16.txt", &utf16);
    let cocoa = text.replace("Coffee", "Cocoa");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&cocoa);
    ws.write("2020/02/03/cp1252.txt", &cp1252);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.replace("Coffee", "Sugar").as_bytes());
    ws.write("2020/02/03/bom.txt", &bom);
    assert_eq!(ws.index(&archive, &["--quiet"]).code, 0);
    // One text under three headlines is one story: each version is asked for.
    let hits = ws
        .search(&["cafe", "--all-versions", "--json"])
        .json_lines();
    assert_eq!(hits.len(), 3);
    for hit in &hits {
        assert_eq!(hit["location"], "Bogotá, Colombia");
        assert_eq!(hit["agency"], "AFP");
        assert_eq!(hit["date"], "2020-02-03");
        assert!(!hit["headline"].as_str().unwrap().contains('\r'));
        assert!(!hit["headline"].as_str().unwrap().contains('\u{feff}'));
    }
}

#[test]
fn messy_files_are_skipped_with_their_reason() {
    let ws = Workspace::new();
    let archive = ws.archive();
    ws.write("good.txt", REUTERS);
    ws.write("empty.txt", "");
    ws.write("binary.txt", b"\x00\x01\x02PK\x00data");
    ws.write("big.txt", "word ".repeat(400));
    ws.write("notes.md", "not a dispatch");
    ws.write(".hidden/secret.txt", REUTERS);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/hostname", archive.join("outside.txt")).unwrap();
        std::os::unix::fs::symlink("..", archive.join("loop")).unwrap();
        rustix::fs::mknodat(
            rustix::fs::CWD,
            archive.join("pipe.txt"),
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o644),
            0,
        )
        .unwrap();
        let _socket = std::os::unix::net::UnixListener::bind(archive.join("socket.txt")).unwrap();
    }
    // A character device (the null device's numbers); creating one needs root.
    #[cfg(target_os = "linux")]
    let device = {
        let made = rustix::fs::mknodat(
            rustix::fs::CWD,
            archive.join("device.txt"),
            rustix::fs::FileType::CharacterDevice,
            rustix::fs::Mode::from_raw_mode(0o644),
            rustix::fs::makedev(1, 3),
        );
        if made.is_err() {
            eprintln!("no device file in this test: mknod needs root");
        }
        made.is_ok()
    };
    #[cfg(not(target_os = "linux"))]
    let device = false;
    let run = ws.index(&archive, &["--max-file-size", "1K", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = run.stderr.lines().last().unwrap();
    assert!(summary.starts_with("indexed 1 dispatches"), "{summary}");
    for reason in [
        "1 not a dispatch: .md 1;",
        "1 empty",
        "1 binary",
        "1 too large",
    ] {
        assert!(summary.contains(reason), "{reason}: {summary}");
    }
    #[cfg(unix)]
    {
        // outside.txt and the loop to the parent folder.
        assert!(summary.contains("2 symbolic link"), "{summary}");
        let not_regular = if device { 3 } else { 2 };
        assert!(
            summary.contains(&format!("{not_regular} not a regular file")),
            "{summary}"
        );
        assert!(run.stderr.contains("skipped pipe.txt: not a regular file"));
        assert!(
            run.stderr
                .contains("skipped socket.txt: not a regular file")
        );
    }
    assert!(run.stderr.contains("skipped binary.txt: binary"));
    assert_eq!(ws.all_paths(), vec!["good.txt"]);
}

#[test]
fn an_index_inside_the_archive_is_refused() {
    let ws = Workspace::new();
    let archive = ws.archive();
    ws.write("a.txt", REUTERS);
    let inside = archive.join("idx");
    let refused = run(&[
        "index",
        archive.to_str().unwrap(),
        "--index",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("inside the archive"),
        "{}",
        refused.stderr
    );
    assert!(!inside.exists());
}

#[test]
fn a_missing_archive_is_one_clear_error() {
    let ws = Workspace::new();
    let run = ws.index(&ws.dir.path().join("nowhere"), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot read archive"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);
}

#[test]
fn the_seed_dispatch_is_understood() {
    let Some(seed) = util::shared("seed-dispatch") else {
        return;
    };
    let ws = Workspace::new();
    let archive = ws.archive();
    for entry in std::fs::read_dir(&seed).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), archive.join(entry.file_name())).unwrap();
    }
    assert_eq!(ws.index(&archive, &["--quiet"]).code, 0);
    let hits = ws.search(&["astana", "--json"]).json_lines();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit["location"], "Astana, Kazakhstan");
    assert_eq!(hit["date"], "2017-10-30");
    assert_eq!(hit["agency"], "AFP");
    assert!(!hit["headline"].as_str().unwrap().ends_with("AFP"));
    // The web boilerplate is not part of the body.
    assert_eq!(ws.search(&["body:\"leave a comment\""]).code, 1);
    assert_eq!(
        ws.search(&["--place", "kazakhstan", "--json"])
            .paths()
            .len(),
        1
    );
}

#[test]
fn parse_prints_each_dispatch_as_json() {
    let parsed = run(&["parse", sample_corpus().to_str().unwrap()]);
    assert_eq!(parsed.code, 0, "{}", parsed.stderr);
    let lines = parsed.json_lines();
    assert_eq!(lines.len(), 74);
    let tokyo = lines
        .iter()
        .find(|l| l["path"] == "2019/01/01/tokyo-yen-ends-year-stronger.txt")
        .unwrap();
    assert_eq!(tokyo["date"], "2018-12-31");
    // The folder says the day after the dateline: both are shown.
    assert_eq!(tokyo["path_date"], "2019-01-01");
    assert_eq!(tokyo["location"], "TOKYO");
    let mut keys: Vec<&str> = tokyo
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "agency",
            "body_chars",
            "date",
            "dateline",
            "headline",
            "id",
            "item",
            "location",
            "mark",
            "path",
            "path_date",
            "status",
            "version"
        ]
    );
    assert!(tokyo["item"].is_null() && tokyo["id"].is_null() && tokyo["version"].is_null());
    let astana = lines
        .iter()
        .find(|l| l["path"] == "2017/10/30/kazakhstan-wheat-harvest-record.txt")
        .unwrap();
    assert!(astana.get("path_date").is_none(), "{astana}");
    let undated = lines
        .iter()
        .find(|l| l["path"] == "undated/editors-note-letters-policy.txt")
        .unwrap();
    assert!(undated["location"].is_null());
    assert!(undated["date"].is_null());
}

#[test]
fn parse_of_a_single_file_keeps_the_path_as_given() {
    let file = sample_corpus().join("2017/10/30/kazakhstan-wheat-harvest-record.txt");
    let parsed = run(&["parse", file.to_str().unwrap()]);
    assert_eq!(parsed.code, 0);
    let line = &parsed.json_lines()[0];
    assert_eq!(line["path"], file.to_str().unwrap());
    assert_eq!(line["dateline"], "Astana, Kazakhstan-30 October 2017");
    assert_eq!(line["date"], "2017-10-30");
    let missing = run(&["parse", "/nonexistent/file.txt"]);
    assert_eq!(missing.code, 2);
}

#[test]
fn max_rate_paces_the_reads() {
    let ws = Workspace::new();
    let archive = ws.archive();
    for i in 0..11 {
        ws.write(&format!("2020/01/01/{i}.txt"), REUTERS);
    }
    let started = std::time::Instant::now();
    let run = ws.index(&archive, &["--max-rate", "20"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("11 added"), "{}", run.stderr);
    // Eleven reads, one every 50 ms at most: half a second at least, however fast the machine.
    assert!(started.elapsed() >= std::time::Duration::from_millis(500));
    let refused = ws.index(&archive, &["--max-rate", "0"]);
    assert_eq!(refused.code, 2);
}

#[test]
fn the_segments_of_small_runs_are_merged_four_at_a_time() {
    let ws = Workspace::new();
    let archive = ws.archive();
    let words = ["storm", "gale", "flood", "drought", "blizzard"];
    for (day, word) in words.iter().enumerate() {
        ws.write(
            &format!("2020/01/{:02}/a.txt", day + 1),
            REUTERS.replace("storm", word),
        );
        assert_eq!(ws.index(&archive, &["--quiet"]).code, 0);
    }
    // Each run wrote a segment; the fourth merged the four of them.
    let meta = std::fs::read_to_string(ws.index_dir().join("meta.json")).unwrap();
    let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
    assert_eq!(meta["segments"].as_array().map(Vec::len), Some(2));
    assert_eq!(ws.all_paths().len(), 5);
}
