//! End-to-end: every format through `index` and `search`, bundles and their limits, broken
//! and hostile files, multi-dispatch files kept up to date, and `parse` of items.

mod util;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;
use util::{Workspace, run};

/// The project's fixtures, one file per format.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn tar_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in members {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, *bytes).unwrap();
    }
    builder.into_inner().unwrap()
}

/// The one JSON hit of a search, asserting there is exactly one.
fn one_hit(ws: &Workspace, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let run = ws.search(&all);
    let hits = run.json_lines();
    assert_eq!(hits.len(), 1, "{args:?}: {}", run.stdout);
    hits.into_iter().next().unwrap()
}

/// An archive holding every fixture, and bundles made of some of them.
fn archive_of_every_format(ws: &Workspace) -> PathBuf {
    let archive = ws.archive();
    for entry in walkdir::WalkDir::new(fixtures()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.file_name() != "README.md" {
            let rel = entry.path().strip_prefix(fixtures()).unwrap();
            ws.write(rel.to_str().unwrap(), std::fs::read(entry.path()).unwrap());
        }
    }
    ws.write(
        "bundles/feeds-2021-03.jsonl.gz",
        gzip(&fixture("jsonl/scrape-2021-03.jsonl")),
    );
    ws.write(
        "bundles/agency-delivery.zip",
        zip_of(&[
            (
                "2019/03/10/rotterdam.xml",
                &fixture("nitf/rotterdam-dock-strike.xml"),
            ),
            ("ninjs/hobart.json", &fixture("ninjs/v3-hobart-whales.json")),
            ("contract.pdf", b"%PDF-1.7\n%binary"),
        ]),
    );
    ws.write(
        "bundles/gigaword.tar.gz",
        gzip(&tar_of(&[
            ("data/xin_eng_199703", &fixture("sgml/xin_eng_199703")),
            (
                "pages/cape-town.html",
                &fixture("html/cape-town-water.html"),
            ),
        ])),
    );
    ws.write(
        "bundles/plain.tar",
        tar_of(&[(
            "2021/01/12/tangier.TXT",
            &fixture("text/TANGIER-FERRIES.TXT"),
        )]),
    );
    ws.write("notes/contract.pdf", b"%PDF-1.7\n%binary");
    ws.write(
        "notes/minutes.docx",
        zip_of(&[("word/document.xml", b"<w/>")]),
    );
    archive
}

#[test]
fn every_format_indexes_and_searches_end_to_end() {
    let ws = Workspace::new();
    let archive = archive_of_every_format(&ws);
    let run = ws.index(&archive, &["--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = run.stderr.lines().last().unwrap();
    // 17 dispatches in the fixtures, 2 in the zip, 3 + 1 in the tar.gz, 3 in the .gz, 1 in the tar.
    assert!(
        summary.starts_with("indexed 27 dispatches (27 added"),
        "{summary}"
    );
    // Two .pdf (one in the zip), a .docx; a broken JSON line twice (the .jsonl and its .gz);
    // a package and a picture of the NewsML message.
    assert!(
        summary.contains("skipped 7 (3 not dispatches: .pdf 2, .docx 1; 2 malformed, 2 not text)"),
        "{summary}"
    );
    assert!(
        run.stderr.contains(
            "skipped jsonl/scrape-2021-03.jsonl#line 2: malformed (JSON: EOF while parsing"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "skipped newsml/frankfurt-message.xml#urn:newsml:rhinewire.example:20220203:ecb-photo: not text (picture)"
    ));

    // NITF: the dateline element's place and date, the doc-id and the version.
    let cranes = ws
        .search(&[
            "crane",
            "--place",
            "netherlands",
            "--from",
            "2019",
            "--all-versions",
            "--json",
        ])
        .json_lines();
    let mut cranes = cranes;
    cranes.sort_by_key(|h| h["path"].as_str().unwrap().to_string());
    let paths: Vec<&str> = cranes.iter().map(|h| h["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "bundles/agency-delivery.zip",
            "nitf/rotterdam-dock-strike.xml"
        ]
    );
    assert_eq!(cranes[0]["item"], "2019/03/10/rotterdam.xml");
    let nitf = &cranes[1];
    assert_eq!(nitf["item"], Value::Null);
    assert_eq!(nitf["location"], "ROTTERDAM");
    assert_eq!(nitf["date"], "2019-03-10");
    assert_eq!(nitf["id"], "NZP-20190310-0117");
    assert_eq!(nitf["version"], 3);

    // NewsML-G2: an item, and the text items of a message keyed by guid.
    let odesa = one_hit(&ws, &["barley", "--place", "ukraine"]);
    assert_eq!(odesa["location"], "Odesa, Ukraine");
    assert_eq!(odesa["agency"], "Black Sea Wire");
    assert_eq!(odesa["version"], 4);
    assert_eq!(
        odesa["id"],
        "urn:newsml:blackseawire.example:20210614:odesa-grain"
    );
    let bund = one_hit(&ws, &["pension funds"]);
    assert_eq!(bund["path"], "newsml/frankfurt-message.xml");
    assert_eq!(
        bund["item"],
        "urn:newsml:rhinewire.example:20220203:bund-auction"
    );
    assert_eq!(bund["location"], "BERLIN");
    let ecb = one_hit(
        &ws,
        &[
            "deposit rate",
            "--place",
            "germany",
            "--from",
            "2022-02-03",
            "--to",
            "2022-02-03",
        ],
    );
    assert_eq!(ecb["location"], "Frankfurt, Germany");
    assert_eq!(
        ecb["headline"],
        "Central bank holds rates, signals patience on inflation"
    );

    // ninjs 1.x, 2.x and 3.x (3.x also inside the zip, keyed by member).
    let dhaka = one_hit(&ws, &["brahmaputra"]);
    assert_eq!(
        (dhaka["location"].as_str(), dhaka["date"].as_str()),
        (Some("Dhaka, Bangladesh"), Some("2020-07-20"))
    );
    let nairobi = one_hit(&ws, &["commuter", "--place", "kenya"]);
    assert_eq!(
        nairobi["headline"],
        "Commuter rail line to Nairobi airport opens to passengers"
    );
    let whales = ws
        .search(&[
            "pilot whales",
            "--place",
            "australia",
            "--all-versions",
            "--json",
        ])
        .json_lines();
    let items: Vec<&str> = whales
        .iter()
        .map(|h| h["item"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(whales.len(), 2);
    assert!(
        items.contains(&"ninjs/hobart.json") && items.contains(&"-"),
        "{items:?}"
    );
    assert!(
        whales
            .iter()
            .all(|h| h["date"] == "2022-09-22" && h["version"] == 3)
    );

    // JSON Lines, plain and gzipped: a dispatch per good line.
    let mut fires = ws
        .search(&["firefighters", "--all-versions", "--json"])
        .json_lines();
    fires.sort_by_key(|h| h["path"].as_str().unwrap().to_string());
    let keys: Vec<(String, String)> = fires
        .iter()
        .map(|h| {
            (
                h["path"].as_str().unwrap().into(),
                h["item"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("bundles/feeds-2021-03.jsonl.gz".into(), "line 1".into()),
            ("jsonl/scrape-2021-03.jsonl".into(), "line 1".into())
        ]
    );
    assert_eq!(fires[0]["location"], "VALPARAISO, Chile");
    assert_eq!(
        fires[0]["id"],
        "https://coastnews.example/2021/03/04/valparaiso-fires"
    );
    assert_eq!(ws.search(&["anchovy"]).code, 1);

    // A saved web page: the article, never the furniture.
    let cape = ws
        .search(&["theewaterskloof", "--all-versions", "--json"])
        .json_lines();
    assert_eq!(cape.len(), 2);
    assert_eq!(
        cape[0]["headline"],
        "Cape Town dams rise above 60% after winter rains"
    );
    assert_eq!(cape[0]["date"], "2018-07-16");
    assert_eq!(cape[0]["place"]["country"], "South Africa");
    for furniture in [
        "cookies",
        "springboks",
        "newsletter",
        "subscribe",
        "\"all rights reserved\"",
        "whatsapp",
        "\"day zero\"",
        "opinion",
    ] {
        assert_eq!(
            ws.search(&[furniture]).code,
            1,
            "{furniture} is page furniture"
        );
    }

    // SGML: every <DOC>, keyed by its id, the year from the id.
    let bangkok = ws
        .search(&["\"three weeks late\"", "--all-versions", "--json"])
        .json_lines();
    assert_eq!(bangkok.len(), 2);
    assert!(bangkok.iter().all(|h| {
        h["item"]
            .as_str()
            .unwrap()
            .ends_with("XIN_ENG_19970301.0031")
    }));
    assert!(
        bangkok
            .iter()
            .all(|h| h["date"] == "1997-02-28" && h["location"] == "BANGKOK")
    );
    let in_tar = bangkok
        .iter()
        .find(|h| h["path"] == "bundles/gigaword.tar.gz")
        .unwrap();
    assert_eq!(in_tar["item"], "data/xin_eng_199703#XIN_ENG_19970301.0031");

    // Plain text in any case of extension, or none.
    let mut tangier = ws.search(&["lorries", "--all-versions", "--json"]).paths();
    tangier.sort();
    assert_eq!(tangier, ["bundles/plain.tar", "text/TANGIER-FERRIES.TXT"]);
    assert_eq!(
        one_hit(&ws, &["upsala"])["path"],
        "text/patagonia-glaciers.text"
    );
    assert_eq!(
        one_hit(&ws, &["cruise", "--place", "iceland"])["path"],
        "text/README-NO-EXTENSION"
    );

    // Human output shows the item after the path.
    let human = ws.search(&["pension funds"]);
    assert!(
        human.stdout.contains(
            "  newsml/frankfurt-message.xml#urn:newsml:rhinewire.example:20220203:bund-auction\n"
        ),
        "{}",
        human.stdout
    );
}

#[test]
fn a_json_lines_export_larger_than_the_size_limit_is_read_a_line_at_a_time() {
    let ws = Workspace::new();
    let archive = ws.archive();
    let mut export = String::new();
    for n in 1..=300 {
        export.push_str(&format!(
            "{{\"title\":\"Catch {n}\",\"text\":\"OSLO (Fjord Wire) - Report {n} on the herring catch.\",\"date\":\"2020-01-02\"}}\n"
        ));
    }
    let long_line = format!(
        "{{\"title\":\"Long\",\"text\":\"OSLO (Fjord Wire) - {}\"}}\n",
        "mackerel ".repeat(2_000)
    );
    export.push_str(&long_line);
    ws.write("export.ndjson", &export);
    // Gzipped, it inflates past the limit: inflated a line at a time too.
    ws.write("gzipped/export.jsonl.gz", gzip(export.as_bytes()));
    // The same export as a plain text file is over the limit and skipped whole.
    ws.write("export.txt", &export);
    assert!(export.len() > 16 * 1024 && long_line.len() > 16 * 1024);
    let run = ws.index(&archive, &["--verbose", "--max-file-size", "16K"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("indexed 600 dispatches"),
        "{}",
        run.stderr
    );
    for file in ["export.ndjson", "gzipped/export.jsonl.gz"] {
        let long_skipped = format!(
            "skipped {file}#line 301: too large (a line of {} bytes, over --max-file-size)",
            long_line.len() - 1
        );
        assert!(run.stderr.contains(&long_skipped), "{}", run.stderr);
    }
    assert!(
        run.stderr.contains("skipped export.txt: too large"),
        "{}",
        run.stderr
    );
    assert_eq!(
        ws.search(&["herring", "--all-versions", "--json", "--limit", "1000"])
            .json_lines()
            .len(),
        600
    );
    let copies = ws.search(&["\"report 299\"", "--all-versions", "--json"]);
    let mut found: Vec<(String, String)> = copies
        .json_lines()
        .iter()
        .map(|hit| {
            (
                hit["path"].as_str().unwrap_or_default().to_string(),
                hit["item"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("export.ndjson".to_string(), "line 299".to_string()),
            (
                "gzipped/export.jsonl.gz".to_string(),
                "line 299".to_string()
            )
        ]
    );
    // Unchanged, it is not read again.
    let again = ws.index(&archive, &["--max-file-size", "16K"]);
    assert!(
        again.stderr.contains("indexed 0 dispatches"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_changed_multi_dispatch_file_replaces_exactly_its_dispatches() {
    let ws = Workspace::new();
    let archive = ws.archive();
    let line = |n: usize, word: &str| {
        format!(
            "{{\"title\":\"Story {n}\",\"text\":\"OSLO (Fjord Wire) - Report {n} on {word}.\",\"date\":\"2020-01-0{n}\"}}\n"
        )
    };
    let first: String = (1..=3).map(|n| line(n, "herring")).collect();
    ws.write("feed.jsonl", &first);
    ws.write(
        "other.txt",
        "Title\n\nBERGEN (Fjord Wire) - Cod quotas were cut.\n",
    );
    let run = ws.index(&archive, &[]);
    assert!(run.stderr.contains("4 added"), "{}", run.stderr);

    // Appended to: its three dispatches are written again with the new one, nothing doubles.
    let appended = format!("{first}{}", line(4, "mackerel"));
    ws.write("feed.jsonl", &appended);
    let run = ws.index(&archive, &[]);
    assert!(
        run.stderr.contains(
            "indexed 4 dispatches (0 added, 4 updated, 0 removed, 1 unchanged; 5 in the index"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        ws.search(&["herring", "--all-versions", "--json"])
            .json_lines()
            .len(),
        3
    );
    assert_eq!(one_hit(&ws, &["mackerel"])["item"], "line 4");

    // Shortened: the dispatches it no longer holds go.
    ws.write("feed.jsonl", line(1, "sprat"));
    let run = ws.index(&archive, &[]);
    assert!(
        run.stderr
            .contains("(0 added, 1 updated, 3 removed, 1 unchanged; 2 in the index"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.search(&["herring"]).code, 1);
    assert_eq!(ws.all_paths(), ["feed.jsonl", "other.txt"]);

    // Unchanged: not read again.
    let run = ws.index(&archive, &[]);
    assert!(
        run.stderr
            .contains("indexed 0 dispatches (0 added, 0 updated, 0 removed, 2 unchanged"),
        "{}",
        run.stderr
    );

    // Broken whole: what it held goes, and the summary says why.
    ws.write("feed.jsonl", "{\"title\": \"cut off");
    let run = ws.index(&archive, &["--verbose"]);
    assert!(run.stderr.contains("1 removed"), "{}", run.stderr);
    assert!(
        run.stderr.contains("skipped feed.jsonl#line 1: malformed"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.all_paths(), ["other.txt"]);
}

#[test]
fn a_large_multi_dispatch_file_is_indexed_whole_across_commits() {
    let ws = Workspace::new();
    let archive = ws.archive();
    let mut lines = String::new();
    for n in 0..1500 {
        lines.push_str(&format!(
            "{{\"title\":\"Item {n}\",\"text\":\"LIMA (Andes Wire) - Note w{n} on copper.\"}}\n"
        ));
    }
    ws.write("big.ndjson", &lines);
    for n in 0..30 {
        ws.write(
            &format!("small/{n}.txt"),
            format!("T\n\nLIMA (Andes Wire) - Small note s{n} on copper.\n"),
        );
    }
    // Commits are due every 100 dispatches, while the big file is sent in parts.
    let run = ws.index(&archive, &["--commit-every", "100"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("indexed 1530 dispatches"),
        "{}",
        run.stderr
    );
    assert_eq!(one_hit(&ws, &["w1499"])["item"], "line 1500");
    assert_eq!(
        ws.search(&["copper", "--limit", "10000", "--all-versions", "--json"])
            .json_lines()
            .len(),
        1530
    );
}

#[test]
fn broken_and_hostile_files_end_in_a_reason() {
    let ws = Workspace::new();
    let archive = ws.archive();
    ws.write(
        "good.txt",
        "Title\n\nLONDON (AFP) - A good dispatch about tin.\n",
    );
    ws.write(
        "broken.xml",
        "<?xml version=\"1.0\"?><nitf><body><body.content><p>Unclosed",
    );
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        laughs.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    laughs.push_str("<!ENTITY secret SYSTEM \"file:///etc/passwd\">\n]>\n<nitf><body><body.head><hedline><hl1>Laughs &lol9;</hl1></hedline></body.head><body.content><p>PARIS (AFP) - Tin prices rose. &secret; &lol9;</p></body.content></body></nitf>");
    ws.write("laughs.xml", &laughs);
    ws.write(
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    ws.write(
        "deep.html",
        format!(
            "<html><body>{}<p>x</p></body></html>",
            "<div>".repeat(100_000)
        ),
    );
    let story = fixture("jsonl/scrape-2021-03.jsonl");
    let gz = gzip(&story);
    ws.write("truncated.jsonl.gz", &gz[..gz.len() / 2]);
    ws.write("garbage.gz", b"\x1f\x8bnot really gzip at all");
    let zip = zip_of(&[
        ("one.txt", b"Title\n\nOSLO (AFP) - Zinc fell on Monday.\n"),
        ("two.txt", b"Title\n\nOSLO (AFP) - Zinc rose on Tuesday.\n"),
    ]);
    ws.write("truncated.zip", &zip[..zip.len() - 30]);
    let run = ws.index(&archive, &["--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("skipped broken.xml: malformed (XML: "),
        "{err}"
    );
    assert!(
        err.contains("skipped deep.json: malformed (JSON: recursion limit exceeded"),
        "{err}"
    );
    assert!(
        err.contains("skipped deep.html: malformed (HTML nested more than 512 deep)"),
        "{err}"
    );
    assert!(
        err.contains("skipped garbage.gz: malformed (not a readable gzip stream"),
        "{err}"
    );
    assert!(
        err.contains("skipped truncated.jsonl.gz: malformed (gzip stream broken: the rest is lost"),
        "{err}"
    );
    // Entities are never expanded nor fetched: the laughs and the secret are gone.
    let laughs = one_hit(&ws, &["tin", "--place", "france"]);
    assert_eq!(laughs["headline"], "Laughs");
    assert_eq!(ws.search(&["lol"]).code, 1);
    assert_eq!(ws.search(&["root"]).code, 1);
    // The half of the gzip that arrived is kept.
    assert_eq!(
        one_hit(&ws, &["firefighters"])["path"],
        "truncated.jsonl.gz"
    );
    // A zip cut short keeps its members read before the break.
    let zinc = ws
        .search(&["zinc", "--all-versions", "--json"])
        .json_lines();
    assert!(!zinc.is_empty(), "{err}");
    assert!(zinc.iter().all(|h| h["path"] == "truncated.zip"));
}

#[test]
fn bombs_stop_while_inflating() {
    let ws = Workspace::new();
    let archive = ws.archive();
    // A dispatch padded with 64 MiB of spaces compresses about a thousand times.
    let mut big = b"Title\n\nPARIS (AFP) - A short dispatch.\n".to_vec();
    big.resize(64 << 20, b' ');
    ws.write("bomb.txt.gz", gzip(&big));
    ws.write(
        "bomb.zip",
        zip_of(&[
            (
                "fine.txt",
                b"Title\n\nROME (AFP) - Olive oil prices fell.\n",
            ),
            ("bomb.txt", &big),
        ]),
    );
    // Within the ratio but past --max-file-size once inflated.
    let varied: String = (0..40_000)
        .map(|i| format!("Line {i} of a long dispatch, {}.\n", i * 7919 % 104_729))
        .collect();
    ws.write("large.txt.gz", gzip(varied.as_bytes()));
    let run = ws.index(&archive, &["--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("skipped bomb.txt.gz: compression ratio too high"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("skipped bomb.zip#bomb.txt: compression ratio too high"),
        "{}",
        run.stderr
    );
    assert_eq!(one_hit(&ws, &["olive"])["item"], "fine.txt");
    assert!(!run.stderr.contains("large.txt.gz"), "{}", run.stderr);
    // The size limit applies to what a member inflates to, not to its compressed size.
    let run = ws.index(&archive, &["--verbose", "--full", "--max-file-size", "1M"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("skipped large.txt.gz: too large"),
        "{}",
        run.stderr
    );
    assert!(
        std::fs::metadata(archive.join("large.txt.gz"))
            .unwrap()
            .len()
            < 1 << 20
    );
}

#[test]
fn nested_bundles_are_not_opened_and_member_names_never_leave_the_archive() {
    let ws = Workspace::new();
    let archive = ws.archive();
    let inner_zip = zip_of(&[("deep.txt", b"Title\n\nROME (AFP) - Hidden deep.\n")]);
    let inner_gz = gzip(b"Title\n\nROME (AFP) - Hidden in gzip.\n");
    let story: &[u8] = b"Title\n\nATHENS (AFP) - Ferries sailed on time.\n";
    ws.write(
        "outer.zip",
        zip_of(&[
            ("inner.zip", &inner_zip),
            ("inner.txt.gz", &inner_gz),
            ("../../escape.txt", story),
            ("/etc/cron.d/evil.txt", story),
            ("ctl\x1b[2J.txt", story),
        ]),
    );
    ws.write(
        "outer.tar.gz",
        gzip(&tar_of(&[(
            "nested.tar.gz",
            &gzip(&tar_of(&[("x.txt", story)])),
        )])),
    );
    let run = ws.index(&archive, &["--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("skipped outer.zip#inner.zip: nested bundle"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("skipped outer.zip#inner.txt.gz: nested bundle"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("skipped outer.tar.gz#nested.tar.gz: nested bundle"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.search(&["hidden"]).code, 1);
    let items: Vec<String> = ws
        .search(&["ferries", "--all-versions", "--json"])
        .json_lines()
        .iter()
        .map(|h| h["item"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(items.len(), 3, "{items:?}");
    for name in ["../../escape.txt", "/etc/cron.d/evil.txt", "ctl\x1b[2J.txt"] {
        assert!(items.iter().any(|i| i == name), "{name}: {items:?}");
    }
    // Nothing was written anywhere: not beside the archive, not in /etc.
    assert!(!ws.dir.path().join("escape.txt").exists());
    assert!(!Path::new("/etc/cron.d/evil.txt").exists());
    // The control characters of a member name reach the terminal escaped.
    let human = ws.search(&["ferries", "--all-versions"]);
    assert!(
        human.stdout.contains("outer.zip#ctl\\x1b[2J.txt"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains('\x1b'));
}

#[test]
fn an_archive_of_nothing_readable_says_why() {
    let ws = Workspace::new();
    let archive = ws.archive();
    ws.write("story.pdf", b"%PDF-1.4");
    ws.write("photo.JPG", b"\xff\xd8\xff\xe0");
    ws.write("empty.jsonl", "\n\n");
    let run = ws.index(&archive, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = run.stderr.lines().last().unwrap();
    assert!(summary.starts_with("indexed 0 dispatches"), "{summary}");
    assert!(
        summary.contains("skipped 3 (2 not dispatches: .jpg 1, .pdf 1; 1 empty)"),
        "{summary}"
    );
}

#[test]
fn parse_shows_the_items_of_a_file_and_what_it_lost() {
    let parsed = run(&[
        "parse",
        fixtures()
            .join("newsml/frankfurt-message.xml")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(parsed.code, 0, "{}", parsed.stderr);
    let lines = parsed.json_lines();
    let items: Vec<&str> = lines.iter().map(|l| l["item"].as_str().unwrap()).collect();
    assert_eq!(
        items,
        [
            "urn:newsml:rhinewire.example:20220203:ecb-rates",
            "urn:newsml:rhinewire.example:20220203:bund-auction"
        ]
    );
    assert_eq!(lines[0]["version"], 2);
    assert_eq!(
        lines[0]["id"],
        "urn:newsml:rhinewire.example:20220203:ecb-rates"
    );
    assert!(
        parsed.stderr.contains("ecb-photo: not text (picture)"),
        "{}",
        parsed.stderr
    );
    assert!(
        parsed.stderr.contains("pkg-rates: not text (package)"),
        "{}",
        parsed.stderr
    );
}

#[test]
fn the_iptc_examples_are_read() {
    let Some(examples) = util::shared("corpora/formats") else {
        return;
    };
    // ninjs: every text example gives one dispatch with its headline, body and uri.
    for entry in walkdir::WalkDir::new(examples.join("ninjs")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "json") {
            continue;
        }
        let parsed = run(&["parse", entry.path().to_str().unwrap()]);
        assert_eq!(
            parsed.code,
            0,
            "{}: {}",
            entry.path().display(),
            parsed.stderr
        );
        let lines = parsed.json_lines();
        assert_eq!(lines.len(), 1, "{}", entry.path().display());
        let d = &lines[0];
        assert!(d["headline"].is_string(), "{}: {d}", entry.path().display());
        assert!(
            d["id"].as_str().is_some_and(|u| u.starts_with("http")),
            "{d}"
        );
        assert!(d["body_chars"].as_u64().unwrap() > 0, "{d}");
    }
    let complex = run(&[
        "parse",
        examples
            .join("ninjs/3.1/005_complex_text_article.json")
            .to_str()
            .unwrap(),
    ]);
    let d = &complex.json_lines()[0];
    assert_eq!(d["location"], "Grossetto, Italy");
    assert_eq!(d["agency"], "AP");
    assert_eq!(d["date"], "2013-07-09");
    // NewsML-G2: the text items, with their guid, version, place and NITF body.
    let g2 = examples.join("newsml-g2");
    let text_doc = run(&[
        "parse",
        g2.join("LISTING_2_NewsML-G2_Text_Document.xml")
            .to_str()
            .unwrap(),
    ]);
    let d = &text_doc.json_lines()[0];
    assert_eq!(d["headline"], "Fed to halt QE to avert \"bubble\"");
    assert_eq!(d["id"], "urn:newsml:acmenews.com:20161121:US-FINANCE-FED");
    assert_eq!(d["version"], 11);
    assert_eq!(d["location"], "New York, NY");
    assert_eq!(d["date"], "2016-11-21");
    assert!(d["body_chars"].as_u64().unwrap() > 500);
    let sports = run(&[
        "parse",
        g2.join("LISTING_22_Sports_story_in_NewsML-G2NITF.xml")
            .to_str()
            .unwrap(),
    ]);
    let d = &sports.json_lines()[0];
    assert_eq!(d["location"], "Philadelphia, Pennsylvania, USA");
    // The package message holds no text item; the fragment is no dispatch: both say so.
    let package = run(&[
        "parse",
        g2.join("LISTING_24_News_Message_conveying_a_complete_News_Package.xml")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(package.code, 1);
    assert!(
        package.stderr.contains("not text (package)"),
        "{}",
        package.stderr
    );
    let fragment = run(&[
        "parse",
        g2.join("LISTING_28_Illustrating_Located_Subject_and_Dateline.xml")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(fragment.code, 1);
    assert!(
        fragment
            .stderr
            .contains("not a dispatch (XML of another kind (<contentMeta>))"),
        "{}",
        fragment.stderr
    );
    // And every file indexes: the summary accounts for each.
    let ws = Workspace::new();
    let run = ws.index(&examples, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("indexed "), "{}", run.stderr);
}

#[test]
fn a_withdrawn_item_is_shown_as_withdrawn() {
    let ws = Workspace::new();
    let item = |guid: &str, status: &str, headline: &str, body: &str| {
        format!(
            r#"<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{guid}" version="1">
  <itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:{status}"/></itemMeta>
  <contentMeta><headline>{headline}</headline><dateline>LIMA, May 2 (Wire)</dateline></contentMeta>
  <contentSet><inlineData>{body}</inlineData></contentSet>
</newsItem>"#
        )
    };
    ws.write(
        "2024/05/02/copper.xml",
        item(
            "urn:x:copper",
            "canceled",
            "Copper output rises",
            "Copper output at the Andean mines rose in April.",
        ),
    );
    ws.write(
        "2024/05/02/zinc.xml",
        item(
            "urn:x:zinc",
            "usable",
            "Zinc output rises in Peru",
            "Smelters on the coast reported more zinc than a year ago.",
        ),
    );
    let indexed = ws.index(&ws.archive(), &[]);
    assert_eq!(indexed.code, 0, "{}", indexed.stderr);

    let human = ws.search(&["copper"]);
    let first_line = human.stdout.lines().next().unwrap_or_default();
    assert!(
        first_line.ends_with("Copper output rises  [canceled]"),
        "{}",
        human.stdout
    );
    let zinc = ws.search(&["zinc"]);
    assert!(!zinc.stdout.contains('['), "{}", zinc.stdout);

    assert_eq!(one_hit(&ws, &["copper"])["status"], "canceled");
    assert!(one_hit(&ws, &["zinc"])["status"].is_null());

    let shown = ws.command("show", &["2024/05/02/copper.xml"]);
    assert!(
        shown.stdout.contains("\nstatus    canceled\n"),
        "{}",
        shown.stdout
    );

    // The wire withdraws a story it sent as usable: the story's hit is its withdrawal.
    ws.write(
        "2024/05/02/tin.xml",
        item(
            "urn:x:tin",
            "usable",
            "Tin output rises",
            "Tin output at the Andean mines rose in April, miners said.",
        ),
    );
    ws.write(
        "2024/05/03/tin-withdrawn.xml",
        item(
            "urn:x:tin",
            "canceled",
            "Tin output rises",
            "Tin output at the Andean mines rose in April, miners said.",
        )
        .replace(r#"version="1""#, r#"version="2""#),
    );
    let indexed = ws.index(&ws.archive(), &[]);
    assert_eq!(indexed.code, 0, "{}", indexed.stderr);
    let tin = one_hit(&ws, &["tin"]);
    assert_eq!(tin["path"], "2024/05/03/tin-withdrawn.xml");
    assert_eq!(tin["status"], "canceled");
    assert_eq!(tin["versions"], 2);
}
