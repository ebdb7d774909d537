//! End-to-end: `dateline export` writes every matching dispatch with every field, as JSON
//! Lines, as Elasticsearch/OpenSearch bulk files and as a Quickwit index, and refuses to write
//! where it must not.

mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use util::{Run, Workspace, indexed_sample, sample_corpus};

/// The keys of an exported dispatch, as README.md lists them.
const KEYS: [&str; 14] = [
    "agency", "body", "date", "dateline", "headline", "id", "item", "location", "mark", "path",
    "place", "status", "story", "version",
];

/// The key of a JSON dispatch: its path, and its item when it has one.
fn key(dispatch: &Value) -> String {
    match dispatch["item"].as_str() {
        Some(item) => format!("{}#{item}", dispatch["path"].as_str().unwrap()),
        None => dispatch["path"].as_str().unwrap().to_string(),
    }
}

/// JSON dispatches by key; panics on a key seen twice.
fn by_key(lines: Vec<Value>) -> BTreeMap<String, Value> {
    let mut map = BTreeMap::new();
    for line in lines {
        let k = key(&line);
        assert!(map.insert(k.clone(), line).is_none(), "{k} twice");
    }
    map
}

fn export(ws: &Workspace, args: &[&str]) -> Run {
    ws.command("export", args)
}

fn utf8(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn jsonl_export_is_what_search_finds_with_every_field_and_the_body() {
    let ws = indexed_sample();
    let requests: [&[&str]; 8] = [
        &[],
        &["cocoa"],
        &["--place", "Kazakhstan"],
        &["--near", "Abidjan", "--within", "100"],
        &["grain", "--near", "55.75,37.62", "--within", "10"],
        &["--from", "2017", "--to", "2019-06"],
        &["wheat", "--place", "Kazakhstan", "--from", "2017-10"],
        &["--", "-cocoa"],
    ];
    for request in requests {
        let exported = export(&ws, request);
        assert_eq!(exported.code, 0, "{request:?}: {}", exported.stderr);
        let exported = by_key(exported.json_lines());
        // Every dispatch search lists by date covers (no limit reached): the same set.
        let (options, words): (Vec<&str>, Vec<&str>) = match request {
            [] => (vec![], vec!["*"]),
            other => (other.to_vec(), vec![]),
        };
        // Every version of a story is exported, so every version is asked of search.
        let mut args = vec![
            "--sort",
            "date",
            "--all-versions",
            "--json",
            "--limit",
            "10000",
        ];
        args.extend(words);
        args.extend(options);
        let found = by_key(ws.search(&args).json_lines());
        assert!(!found.is_empty(), "{request:?}");
        assert_eq!(
            exported.keys().collect::<Vec<_>>(),
            found.keys().collect::<Vec<_>>(),
            "{request:?}"
        );
        for (k, line) in &exported {
            let mut keys: Vec<&str> = line
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            assert_eq!(keys, KEYS, "{k}");
            let mut hit = found[k].clone();
            let hit = hit.as_object_mut().unwrap();
            hit.remove("score");
            hit.remove("snippet");
            hit.remove("distance_km");
            let mut record = line.as_object().unwrap().clone();
            record.remove("body");
            assert_eq!(&record, hit, "{k}");
        }
    }
    // The body is the dispatch's whole body, as `show` prints it.
    let all = by_key(export(&ws, &[]).json_lines());
    assert_eq!(all.len(), 74);
    for (k, line) in &all {
        let shown = ws.command("show", &[k.as_str(), "--json"]).json_lines();
        assert_eq!(shown.len(), 1, "{k}");
        assert_eq!(&shown[0], line, "{k}");
    }
    let dated = all.values().filter(|d| d["date"].is_string()).count();
    assert!(dated > 60 && dated < 74, "{dated} dated");
}

#[test]
fn more_than_ten_thousand_dispatches_come_out_each_once() {
    let ws = Workspace::new();
    let archive = ws.archive();
    let mut lines = String::new();
    for n in 0..10_400 {
        lines.push_str(&format!(
            "{{\"title\":\"Market note {n}\",\"text\":\"LIMA, March 3 (Andes Wire) - Copper note n{n}.\",\"date\":\"2020-03-03\"}}\n"
        ));
    }
    ws.write("feeds/notes.jsonl", &lines);
    for n in 0..150 {
        ws.write(
            &format!("1999/{n}.txt"),
            format!("Grain {n}\n\nKIEV, Nov 14 (Reuters) - Wheat note g{n}.\n"),
        );
    }
    // Several segments, and deleted documents in them: a file indexed, then changed.
    let run = ws.index(&archive, &["--commit-every", "3000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws.write(
        "1999/7.txt",
        "Grain seven\n\nKIEV, Nov 14 (Reuters) - Wheat note changed.\n",
    );
    let run = ws.index(&archive, &[]);
    assert!(run.stderr.contains("1 updated"), "{}", run.stderr);

    let limited = ws.search(&["copper", "--limit", "10001"]);
    assert_eq!(limited.code, 2);
    assert!(
        limited
            .stderr
            .contains("use `dateline export` for all matches"),
        "{}",
        limited.stderr
    );

    let out = ws.dir.path().join("out/all.jsonl");
    let run = export(&ws, &["--out", utf8(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("exported 10550 dispatches (")
            && run.stderr.contains(" in 1 file) to "),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let all = by_key(
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    );
    assert_eq!(all.len(), 10_550);
    assert!(all.contains_key("feeds/notes.jsonl#line 10400"));
    assert!(
        all["1999/7.txt"]["body"]
            .as_str()
            .unwrap()
            .contains("changed")
    );
    let copper = by_key(export(&ws, &["copper"]).json_lines());
    assert_eq!(copper.len(), 10_400);
    assert!(copper.keys().all(|k| k.starts_with("feeds/notes.jsonl#")));
}

/// The lines of the bulk files of an Elasticsearch export, checked to alternate an `index`
/// action and a dispatch: `(_id, dispatch)` in order.
fn bulk_pairs(dir: &Path) -> Vec<(String, Value)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bulk-"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut pairs = Vec::new();
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        assert!(text.ends_with('\n'), "{name} does not end in a newline");
        assert!(!text.contains('\r'));
        let lines: Vec<&str> = text.split_terminator('\n').collect();
        assert_eq!(lines.len() % 2, 0, "{name}");
        for pair in lines.chunks(2) {
            let action: Value = serde_json::from_str(pair[0]).unwrap();
            let action = action.as_object().unwrap();
            assert_eq!(action.keys().collect::<Vec<_>>(), ["index"], "{name}");
            let id = action["index"]["_id"].as_str().unwrap().to_string();
            let doc: Value = serde_json::from_str(pair[1]).unwrap();
            assert!(
                doc.get("index").is_none() && doc.get("path").is_some(),
                "{name}"
            );
            pairs.push((id, doc));
        }
    }
    pairs
}

/// The leaf paths of a JSON document (`place.city`).
fn leaf_paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
    match value.as_object() {
        Some(map) => {
            for (name, inner) in map {
                let path = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}.{name}")
                };
                leaf_paths(inner, &path, out);
            }
        }
        None => out.push(prefix.to_string()),
    }
}

#[test]
fn elasticsearch_export_alternates_actions_and_dispatches_with_stable_ids() {
    let ws = indexed_sample();
    let first = ws.dir.path().join("es-1");
    let second = ws.dir.path().join("es-2");
    for dir in [&first, &second] {
        let run = export(&ws, &["--format", "elasticsearch", "--out", utf8(dir)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stderr.contains("exported 74 dispatches"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(" in 3 files) to "), "{}", run.stderr);
    }
    let pairs = bulk_pairs(&first);
    assert_eq!(pairs.len(), 74);
    let mut ids: Vec<&String> = pairs.iter().map(|(id, _)| id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 74, "ids are unique");
    // The same ids for the same dispatches, export after export.
    let ids_of = |pairs: &[(String, Value)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(id, doc)| (key(doc), id.clone()))
            .collect()
    };
    assert_eq!(ids_of(&pairs), ids_of(&bulk_pairs(&second)));
    // A narrower export gives a dispatch the same id.
    let narrow = ws.dir.path().join("es-cocoa");
    let run = export(
        &ws,
        &["cocoa", "--format", "opensearch", "--out", utf8(&narrow)],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let narrow_ids = ids_of(&bulk_pairs(&narrow));
    assert!(!narrow_ids.is_empty());
    let all_ids = ids_of(&pairs);
    for (k, id) in &narrow_ids {
        assert_eq!(&all_ids[k], id, "{k}");
    }

    // The mapping maps every key of every document, and refuses others.
    let mapping: Value =
        serde_json::from_str(&std::fs::read_to_string(first.join("mapping.json")).unwrap())
            .unwrap();
    assert_eq!(mapping["mappings"]["dynamic"], "strict");
    assert!(mapping["settings"]["analysis"]["analyzer"]["news_en"].is_object());
    for (_, doc) in &pairs {
        let mut paths = Vec::new();
        leaf_paths(doc, "", &mut paths);
        for path in paths {
            // Down the objects' properties; a geo_point's `lat` and `lon` are its value.
            let mut at = Some(&mapping["mappings"]);
            for name in path.split('.') {
                at = at.and_then(|f| f.get("properties")?.get(name));
                if at.is_some_and(|f| f["type"] == "geo_point") {
                    break;
                }
            }
            assert!(
                at.is_some_and(|f| f["type"].is_string()),
                "{path} not mapped"
            );
        }
        if let Some(date) = doc["date"].as_str() {
            assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");
        }
    }
    let readme = std::fs::read_to_string(first.join("README.txt")).unwrap();
    assert!(
        readme.contains("curl -fsS -X PUT \"$ES/dispatches\""),
        "{readme}"
    );
    assert!(readme.contains("--data-binary \"@$f\""), "{readme}");
}

#[test]
fn quickwit_export_has_a_valid_config_and_rfc3339_dates() {
    use yaml_rust2::{Yaml, YamlLoader};
    let ws = indexed_sample();
    let dir = ws.dir.path().join("qw");
    let run = export(&ws, &["--format", "quickwit", "--out", utf8(&dir)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["README.txt", "docs.ndjson", "index-config.yaml"]);

    let config = std::fs::read_to_string(dir.join("index-config.yaml")).unwrap();
    let config = YamlLoader::load_from_str(&config).unwrap().remove(0);
    assert_eq!(config["index_id"].as_str(), Some("dispatches"));
    let mapping = &config["doc_mapping"];
    assert_eq!(mapping["timestamp_field"].as_str(), Some("date"));
    let mapped = |path: &str| -> Option<Yaml> {
        path.split('.')
            .try_fold(mapping, |at, name| {
                at["field_mappings"]
                    .as_vec()?
                    .iter()
                    .find(|m| m["name"].as_str() == Some(name))
            })
            .cloned()
    };
    let docs = std::fs::read_to_string(dir.join("docs.ndjson")).unwrap();
    assert!(docs.ends_with('\n'));
    let docs: Vec<Value> = docs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 74);
    let mut undated = 0;
    for doc in &docs {
        let mut paths = Vec::new();
        leaf_paths(doc, "", &mut paths);
        for path in &paths {
            assert!(mapped(path).is_some(), "{path} not mapped");
            let value = path
                .split('.')
                .try_fold(doc, |at, name| at.get(name))
                .unwrap();
            assert!(!value.is_null(), "{path} is null");
        }
        match doc["date"].as_str() {
            Some(date) => {
                let at: jiff::Timestamp = date.parse().unwrap();
                assert_eq!(at.to_string(), date, "RFC 3339, UTC");
                assert!(date.ends_with("T00:00:00Z"), "{date}");
            }
            None => undated += 1,
        }
    }
    assert!(undated > 0, "the sample has undated dispatches");
    let readme = std::fs::read_to_string(dir.join("README.txt")).unwrap();
    assert!(readme.contains("quickwit index create --index-config index-config.yaml"));
    assert!(
        readme.contains("quickwit tool local-ingest --index dispatches --input-path docs.ndjson")
    );
}

/// Names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_earlier_export_is_replaced_whole_and_anything_else_refused() {
    let ws = indexed_sample();
    let es = ws.dir.path().join("es");
    let run = export(&ws, &["--format", "elasticsearch", "--out", utf8(&es)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // What a larger earlier export and a killed one would have left.
    std::fs::write(es.join("bulk-0002.ndjson"), "{}\n{}\n").unwrap();
    std::fs::write(es.join("bulk-0003.ndjson.partial"), "{\"ind").unwrap();
    let run = export(
        &ws,
        &["cocoa", "--format", "elasticsearch", "--out", utf8(&es)],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        names(&es),
        ["README.txt", "bulk-0001.ndjson", "mapping.json"]
    );
    assert_eq!(bulk_pairs(&es).len(), 3);

    // Another format's export, a folder of other files, a file: refused, left untouched.
    let refused = |args: &[&str], says: &str| {
        let run = export(&ws, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("dateline: error: cannot export to "),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    };
    refused(
        &["--format", "quickwit", "--out", utf8(&es)],
        "holds an export for Elasticsearch, not for Quickwit",
    );
    assert_eq!(
        names(&es),
        ["README.txt", "bulk-0001.ndjson", "mapping.json"]
    );
    let notes = ws.dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("todo.txt"), "call Lima").unwrap();
    refused(
        &["--format", "elasticsearch", "--out", utf8(&notes)],
        "is not empty and holds no earlier export for Elasticsearch (it has 'todo.txt')",
    );
    assert_eq!(names(&notes), ["todo.txt"]);
    refused(
        &["--out", utf8(&notes.join("todo.txt"))],
        "the file exists and is not a JSON Lines export of dateline",
    );
    assert_eq!(
        std::fs::read_to_string(notes.join("todo.txt")).unwrap(),
        "call Lima"
    );
    refused(
        &[
            "--format",
            "quickwit",
            "--out",
            utf8(&notes.join("todo.txt")),
        ],
        "it is a file",
    );
    refused(&["--out", utf8(&notes)], "it is a folder");

    // An earlier JSON Lines export is replaced.
    let file = ws.dir.path().join("all.jsonl");
    assert_eq!(export(&ws, &["--out", utf8(&file)]).code, 0);
    assert_eq!(export(&ws, &["cocoa", "--out", utf8(&file)]).code, 0);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(!ws.dir.path().join("all.jsonl.partial").exists());

    // A folder format needs a folder: clap says so.
    let run = export(&ws, &["--format", "quickwit"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--out <PATH>"), "{}", run.stderr);
}

#[test]
fn an_export_is_never_written_into_the_archive_or_the_index() {
    let ws = Workspace::new();
    // A copy of the archive, so a wrongly written file could not touch the project's.
    let archive = ws.archive();
    for (rel, content) in [
        (
            "2017/10/30/a.txt",
            "Wheat\n\nASTANA, Oct 30 (AFP) - Wheat was threshed.\n",
        ),
        (
            "2019/06/05/b.txt",
            "Trees\n\nSAO PAULO, June 5 (Reuters) - Trees fell.\n",
        ),
    ] {
        ws.write(rel, content);
    }
    assert_eq!(ws.index(&archive, &["--quiet"]).code, 0);
    let before = names(&archive);
    for out in [
        archive.join("export.jsonl"),
        archive.join("2017/new/export.jsonl"),
        archive.join("../archive/x.jsonl"),
        archive.clone(),
    ] {
        let run = export(&ws, &["--out", utf8(&out)]);
        assert_eq!(run.code, 2, "{}: {}", out.display(), run.stderr);
        assert!(
            run.stderr.contains("is inside the archive")
                && run.stderr.contains("never writes into"),
            "{}",
            run.stderr
        );
        let run = export(&ws, &["--format", "elasticsearch", "--out", utf8(&out)]);
        assert_eq!(run.code, 2, "{}", run.stderr);
    }
    assert_eq!(names(&archive), before);
    assert!(!archive.join("2017/new").exists());
    // A symbolic link to the archive is the archive.
    let link = ws.dir.path().join("link");
    std::os::unix::fs::symlink(&archive, &link).unwrap();
    let run = export(&ws, &["--out", utf8(&link.join("x.jsonl"))]);
    assert!(
        run.stderr.contains("is inside the archive"),
        "{}",
        run.stderr
    );

    let index = ws.index_dir();
    let run = export(
        &ws,
        &["--format", "quickwit", "--out", utf8(&index.join("qw"))],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is inside the index"), "{}", run.stderr);
    assert!(!index.join("qw").exists());
}

/// Every file of a folder with its size and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (e.path(), meta.len(), meta.modified().unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn exporting_reads_the_last_commit_and_changes_nothing_even_while_a_writer_runs() {
    let ws = indexed_sample();
    let index = ws.index_dir();
    let before = snapshot(&index);
    // A writer holds the index, as `dateline index` would while it runs.
    let opened = dateline::index::open(&index).unwrap();
    let writer: tantivy::IndexWriter = opened.index.writer(15_000_000).unwrap();
    let busy = ws.index(&sample_corpus(), &["--quiet"]);
    assert_eq!(busy.code, 2, "the lock is held: {}", busy.stderr);
    let run = export(
        &ws,
        &[
            "--format",
            "quickwit",
            "--out",
            utf8(&ws.dir.path().join("qw")),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(export(&ws, &[]).json_lines().len(), 74);
    drop(writer);
    assert_eq!(snapshot(&index), before);
}

#[test]
fn nothing_matching_writes_nothing_and_keeps_an_earlier_export() {
    let ws = indexed_sample();
    let es = ws.dir.path().join("es");
    assert_eq!(
        export(&ws, &["--format", "elasticsearch", "--out", utf8(&es)]).code,
        0
    );
    let before = snapshot(&es);
    let run = export(
        &ws,
        &[
            "zeppelinxyz",
            "--format",
            "elasticsearch",
            "--out",
            utf8(&es),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim(),
        format!("no dispatch matches: nothing written to {}", es.display())
    );
    assert_eq!(snapshot(&es), before);
    let fresh = ws.dir.path().join("fresh");
    assert_eq!(export(&ws, &["zeppelinxyz", "--out", utf8(&fresh)]).code, 1);
    assert!(!fresh.exists());
    let piped = export(&ws, &["zeppelinxyz", "--quiet"]);
    assert_eq!(
        (piped.code, piped.stdout.as_str(), piped.stderr.as_str()),
        (1, "", "")
    );
}

#[test]
fn places_carry_their_coordinates_and_country_then_into_every_format() {
    let ws = Workspace::new();
    let dispatches = [
        (
            "1989/06/05/moscow.txt",
            "MOSCOW, June 5 (Reuters) - Grain imports rose.",
        ),
        (
            "2005/03/03/tokyo.txt",
            "TOKYO, March 3 (Reuters) - The yen steadied.",
        ),
        (
            "2005/03/04/yokohama.txt",
            "YOKOHAMA, Japan, March 4 (Reuters) - Port volumes climbed.",
        ),
        (
            "2005/03/07/osaka.txt",
            "OSAKA, Japan, March 7 (Reuters) - Store sales slipped.",
        ),
        (
            "2005/03/12/japan.txt",
            "JAPAN, March 12 (Reuters) - Exports rose nationwide.",
        ),
    ];
    for (path, text) in dispatches {
        ws.write(path, format!("A made-up dispatch\n\n{text}\n"));
    }
    let run = ws.index(&ws.archive(), &["--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let all = by_key(export(&ws, &[]).json_lines());
    let moscow = &all["1989/06/05/moscow.txt"]["place"];
    assert_eq!(moscow["country"], "Russia");
    assert_eq!(moscow["country_then"], "Soviet Union");
    assert!((moscow["latitude"].as_f64().unwrap() - 55.75).abs() < 0.01);
    assert!((moscow["longitude"].as_f64().unwrap() - 37.62).abs() < 0.01);
    let tokyo = &all["2005/03/03/tokyo.txt"]["place"];
    assert!(tokyo.get("country_then").is_none(), "{tokyo}");
    assert!((tokyo["latitude"].as_f64().unwrap() - 35.69).abs() < 0.05);
    // A bare country has no coordinates.
    let japan = &all["2005/03/12/japan.txt"]["place"];
    assert_eq!(japan["country"], "Japan");
    assert!(japan["latitude"].is_null() && japan["longitude"].is_null());

    // --near keeps Tokyo and Yokohama (29 km apart), not Osaka, nor the bare country.
    let near = by_key(export(&ws, &["--near", "Tokyo", "--within", "50"]).json_lines());
    assert_eq!(
        near.keys().collect::<Vec<_>>(),
        ["2005/03/03/tokyo.txt", "2005/03/04/yokohama.txt"]
    );
    let by_point = export(&ws, &["--near", "35.44,139.64", "--within", "5", "--quiet"]);
    assert_eq!(by_point.paths(), ["2005/03/04/yokohama.txt"]);
    let nowhere = export(&ws, &["--near", "Qqzzyx"]);
    assert_eq!(nowhere.code, 2, "{}", nowhere.stderr);

    // Elasticsearch: a geo_point where there are coordinates.
    let es = ws.dir.path().join("es");
    let run = export(&ws, &["--format", "elasticsearch", "--out", utf8(&es)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mapping: Value =
        serde_json::from_str(&std::fs::read_to_string(es.join("mapping.json")).unwrap()).unwrap();
    let place = &mapping["mappings"]["properties"]["place"]["properties"];
    assert_eq!(place["coordinates"]["type"], "geo_point");
    assert_eq!(place["latitude"]["type"], "double");
    assert_eq!(place["country_then"]["type"], "keyword");
    let docs: BTreeMap<String, Value> =
        by_key(bulk_pairs(&es).into_iter().map(|(_, doc)| doc).collect());
    let point = &docs["1989/06/05/moscow.txt"]["place"]["coordinates"];
    assert!(
        (point["lat"].as_f64().unwrap() - 55.75).abs() < 0.01,
        "{point}"
    );
    assert!(
        (point["lon"].as_f64().unwrap() - 37.62).abs() < 0.01,
        "{point}"
    );
    assert!(
        docs["2005/03/12/japan.txt"]["place"]
            .get("coordinates")
            .is_none()
    );

    // Quickwit: the coordinates as f64 fields, nulls left out.
    let qw = ws.dir.path().join("qw");
    let run = export(&ws, &["--format", "quickwit", "--out", utf8(&qw)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config = std::fs::read_to_string(qw.join("index-config.yaml")).unwrap();
    assert!(
        config.contains("name: latitude\n") && config.contains("type: f64"),
        "{config}"
    );
    let docs = by_key(
        std::fs::read_to_string(qw.join("docs.ndjson"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    );
    assert_eq!(
        docs["1989/06/05/moscow.txt"]["place"]["country_then"],
        "Soviet Union"
    );
    assert!(
        docs["2005/03/03/tokyo.txt"]["place"]["longitude"]
            .as_f64()
            .unwrap()
            > 139.0
    );
    assert!(
        docs["2005/03/12/japan.txt"]["place"]
            .get("latitude")
            .is_none()
    );
}
