//! `wasit mediators|who|path|timeline` driven through the real binary on
//! `tests/fixtures/explore_graph.json`, a hand-made graph shaped like what the seeds
//! yield: the US–Iran talks in Muscat on 2026-02-06 (mediated and hosted by Oman;
//! Araghchi, Witkoff, Kushner and Baghaei taking part), two earlier Oman-mediated
//! rounds, the Gaza talks in Doha mediated by Qatar, Egypt and the United States, a
//! planned summit with no date, and four claims. Betweenness is also checked against
//! NetworkX on random graphs.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use serde_json::{json, Value};
use wasit::explore::centrality::betweenness;

fn fixture() -> PathBuf {
    common::root().join("tests/fixtures/explore_graph.json")
}

/// Runs `wasit ARGS --graph GRAPH`.
fn run(graph: &Path, args: &[&str]) -> Output {
    common::wasit()
        .args(args)
        .arg("--graph")
        .arg(graph)
        .output()
        .expect("run wasit")
}

/// Runs `wasit ARGS --graph GRAPH --json` and parses what it prints.
fn json(graph: &Path, args: &[&str]) -> Value {
    let out = common::wasit()
        .args(args)
        .arg("--graph")
        .arg(graph)
        .arg("--json")
        .output()
        .expect("run wasit");
    assert!(
        out.status.success(),
        "wasit {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["id"].as_str())
        .collect()
}

#[test]
fn mediators_names_oman_between_the_us_and_iran_with_dates() {
    let report = json(&fixture(), &["mediators"]);
    let oman = &report["mediators"][0];
    assert_eq!(oman["mediator"]["id"], "state:OM");
    assert_eq!(ids(&oman["between"][0]["sides"]), ["state:IR", "state:US"]);
    assert_eq!(oman["between"][0]["meetings"], 3);
    let dates: Vec<&str> = oman["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["date"].as_str())
        .collect();
    assert_eq!(dates, ["2023-05-08", "2025-05-03", "2026-02-06"]);
    assert_eq!(
        (oman["first"].as_str(), oman["last"].as_str()),
        (Some("2023-05-08"), Some("2026-02-06"))
    );
    let muscat = &oman["meetings"][2];
    assert_eq!(ids(&muscat["places"]), ["place:muscat"]);
    assert_eq!(muscat["status"], "held");
    // The rest mediated one meeting each: the Gaza talks in Doha.
    let rest: Vec<&str> = report["mediators"].as_array().unwrap()[1..]
        .iter()
        .filter_map(|r| r["mediator"]["id"].as_str())
        .collect();
    assert_eq!(rest, ["state:US", "state:QA", "state:EG"]); // then by betweenness
}

#[test]
fn mediators_table_shows_the_columns() {
    let text = stdout(&run(&fixture(), &["mediators"]));
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    for col in [
        "mediator",
        "meetings",
        "first",
        "last",
        "betweenness",
        "coord",
        "itin",
        "repr",
        "gate",
        "liaison",
        "between",
    ] {
        assert!(header.contains(col), "{col} missing from {header}");
    }
    let oman = lines.next().unwrap();
    for cell in [
        "سلطنة عمان (Oman)",
        "3",
        "2023-05-08",
        "2026-02-06",
        "0.333",
        "إيران ⇄ الولايات المتحدة",
    ] {
        assert!(oman.contains(cell), "{cell} missing from {oman}");
    }
    assert!(text.contains("2026-02-06  محادثات مسقط"), "{text}");
}

/// The projection: Oman–US, Oman–Iran (indirect talks: the sides are not linked),
/// the US, Qatar and Egypt each linked to Israel and Hamas, Egypt–Israel again for
/// the planned summit. NetworkX gives these values (normalized: /15 pairs).
#[test]
fn mediators_betweenness_and_brokerage_on_the_fixture() {
    let report = json(&fixture(), &["mediators"]);
    let rows = report["mediators"].as_array().unwrap();
    let row = |id: &str| rows.iter().find(|r| r["mediator"]["id"] == id).unwrap();
    for (id, raw, normalized) in [
        ("state:OM", 5.0, 1.0 / 3.0),
        ("state:US", 25.0 / 3.0, 5.0 / 9.0),
        ("state:QA", 1.0 / 3.0, 1.0 / 45.0),
    ] {
        let r = row(id);
        assert!(
            (r["betweenness_raw"].as_f64().unwrap() - raw).abs() < 1e-9,
            "{id}: {}",
            r["betweenness_raw"]
        );
        assert!(
            (r["betweenness"].as_f64().unwrap() - normalized).abs() < 1e-9,
            "{id}: {}",
            r["betweenness"]
        );
    }
    // Each go-between links two states or movements belonging to neither: liaison,
    // both ways. The US is also a side of Oman's talks, which makes it no broker
    // between Oman and Israel.
    for id in ["state:OM", "state:US", "state:QA", "state:EG"] {
        assert_eq!(
            row(id)["brokerage"],
            json!({"coordinator": 0, "itinerant": 0, "representative": 0, "gatekeeper": 0, "liaison": 2}),
            "{id}"
        );
    }
}

#[test]
fn mediators_between_two_sides_resolved_by_name() {
    let report = json(&fixture(), &["mediators", "--between", "واشنطن", "طهران"]);
    assert_eq!(ids(&report["between"]), ["state:US", "state:IR"]);
    let rows = report["mediators"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["mediator"]["id"], "state:OM");

    let report = json(&fixture(), &["mediators", "--between", "إسرائيل", "حماس"]);
    let mut found: Vec<&str> = report["mediators"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["mediator"]["id"].as_str())
        .collect();
    found.sort();
    assert_eq!(found, ["state:EG", "state:QA", "state:US"]);

    let text = stdout(&run(
        &fixture(),
        &["mediators", "--between", "قطر", "إيران"],
    ));
    assert!(
        text.contains("no mediated meetings between these sides"),
        "{text}"
    );
}

#[test]
fn who_finds_trump_spelled_trmb() {
    let card = json(&fixture(), &["who", "ترمب"]);
    assert_eq!(card["entity"]["id"], "person:دونالد_ترامب");
    assert_eq!(card["entity"]["name_en"], "Donald Trump");
    assert_eq!(card["affiliations"][0]["node"]["id"], "state:US");
    assert_eq!(card["affiliations"][0]["role"], "الرئيس");
    assert_eq!(card["relatives"][0]["node"]["id"], "person:جاريد_كوشنر");
    assert_eq!(card["relatives"][0]["role"], "صهر");
    assert_eq!(card["claims"][0]["date"], "2018");
    let docs: Vec<&str> = card["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["doc"].as_str())
        .collect();
    assert_eq!(
        docs,
        ["000_48731a683ee5dcf3.txt", "003_8b8f47202496120d.txt"]
    );
    assert_eq!(card["documents"][0]["mentions"][0]["start"], 3187);

    let text = stdout(&run(&fixture(), &["who", "ترمب"]));
    assert!(
        text.starts_with("دونالد ترامب  [person  person:دونالد_ترامب]"),
        "{text}"
    );
    assert!(text.contains("english:  Donald Trump"), "{text}");
}

#[test]
fn who_shows_meetings_by_role_and_sentences_when_the_document_is_beside_the_graph() {
    let dir = common::tempdir();
    let graph = dir.path().join("graph.json");
    std::fs::copy(fixture(), &graph).unwrap();
    let doc = "000_48731a683ee5dcf3.txt";
    std::fs::copy(common::root().join("seeds").join(doc), dir.path().join(doc)).unwrap();
    let card = json(&graph, &["who", "كوشنر"]);
    assert_eq!(card["entity"]["id"], "person:جاريد_كوشنر");
    let roles: Vec<(&str, &str)> = card["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["roles"][0]["role"].as_str().unwrap(),
                m["meeting"]["meeting"]["id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(roles, [("participant", "meeting:muscat_2026-02-06")]);
    let mention = &card["documents"][0]["mentions"][0];
    let sentence = mention["sentence"].as_str().expect("a sentence");
    assert!(
        sentence.contains("رافق ويتكوف، جاريد كوشنر، صهر الرئيس ترامب ومستشاره."),
        "{sentence}"
    );
    // The other document is not on disk: offsets only.
    assert!(card["documents"][1]["mentions"][0]
        .get("sentence")
        .is_none());

    let card = json(&graph, &["who", "عمان"]);
    assert_eq!(
        card["meetings"][2]["roles"],
        json!([{"role": "mediator"}, {"role": "host"}])
    );
    let text = stdout(&run(&graph, &["who", "عمان"]));
    assert!(
        text.contains("2026-02-06  mediator, host  محادثات مسقط"),
        "{text}"
    );
}

#[test]
fn who_of_an_unknown_name_fails_naming_the_graph() {
    let out = run(&fixture(), &["who", "بايدن"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("explore_graph.json") && err.contains("بايدن"),
        "{err}"
    );
}

#[test]
fn path_links_kushner_to_iran_through_the_muscat_talks() {
    let text = stdout(&run(&fixture(), &["path", "كوشنر", "إيران"]));
    assert!(
        text.contains("جاريد كوشنر —participates_in→ محادثات مسقط 2026-02-06 ←party_to— إيران"),
        "{text}"
    );
    let report = json(&fixture(), &["path", "كوشنر", "إيران"]);
    assert_eq!(report["length"], 2);
    assert_eq!(report["paths"].as_array().unwrap().len(), 1);
    assert_eq!(
        ids(&report["paths"][0]["nodes"]),
        [
            "person:جاريد_كوشنر",
            "meeting:muscat_2026-02-06",
            "state:IR"
        ]
    );
}

#[test]
fn path_goes_through_kinship_and_not_through_claims() {
    // Trump → Kushner (kin) → the Muscat talks ← Araghchi.
    let report = json(&fixture(), &["path", "ترامب", "عراقجي"]);
    assert_eq!(report["length"], 3);
    let first = report["paths"][0]["text"].as_str().unwrap();
    assert!(
        first.starts_with("دونالد ترامب ←relative_of— جاريد كوشنر"),
        "{first}"
    );
    // The anonymous diplomat is linked to nothing but his claim.
    let report = json(&fixture(), &["path", "دبلوماسي إقليمي", "إيران"]);
    assert_eq!(report["length"], Value::Null);
    assert!(
        stdout(&run(&fixture(), &["path", "دبلوماسي إقليمي", "إيران"]))
            .starts_with("no chain links")
    );
}

#[test]
fn timeline_in_date_order_undated_last() {
    let report = json(&fixture(), &["timeline"]);
    let events: Vec<(&str, Option<&str>)> = report["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["date"].as_str()))
        .collect();
    assert_eq!(
        events,
        [
            ("claim", Some("2018")),
            ("meeting", Some("2023-05-08")),
            ("meeting", Some("2025-05-03")),
            ("meeting", Some("2026-01")),
            ("meeting", Some("2026-02-06")),
            ("claim", Some("2026-02-06")),
            ("claim", Some("2026-02-06")), // the document's date
            ("meeting", None),
            ("claim", None),
        ]
    );
    assert_eq!(report["events"][6]["date_source"], "document");
}

#[test]
fn timeline_of_an_entity_keeps_its_members() {
    // Iran: its three rounds, its own claim, and the claim of its ministry's spokesman.
    let report = json(&fixture(), &["timeline", "--entity", "إيران"]);
    assert_eq!(report["entity"]["id"], "state:IR");
    let got: Vec<&str> = report["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["meeting"]["id"]
                .as_str()
                .or(e["claim"]["id"].as_str())
                .unwrap()
        })
        .collect();
    assert_eq!(
        got,
        [
            "meeting:muscat_2023-05-08",
            "meeting:rome_2025-05-03",
            "meeting:muscat_2026-02-06",
            "claim:baghaei_1",
            "claim:iran_1"
        ]
    );
    let text = stdout(&run(&fixture(), &["timeline", "--entity", "مسقط"]));
    assert_eq!(
        text.lines().filter(|l| l.contains("meeting")).count(),
        2,
        "{text}"
    );
}

/// Graphs no extractor should write, and none of the commands may panic on.
#[test]
fn odd_graphs_never_panic() {
    let dir = common::tempdir();
    let graphs = [
        json!({}),
        json!({"nodes": [], "edges": []}),
        json!({"nodes": [
            {"id": "state:A", "type": "state", "label": ""},
            {"id": "meeting:m", "type": "meeting", "label": "", "attrs": {"date": 2026, "round": [1], "format": "INDIRECT"}},
            {"id": "meeting:n", "type": "meeting", "label": "ن", "attrs": {"date": "XXXX-13-99"}},
            {"id": "place:p", "type": "place", "label": "ب"},
            {"id": "claim:c", "type": "claim", "label": "", "evidence": [{"doc": "../../../../etc/passwd", "start": 5, "end": 2}]},
            {"id": "person:x", "type": "person", "label": "س", "evidence": [{"doc": "nowhere.txt", "start": 999999, "end": 1000000}]}
        ], "edges": [
            {"source": "state:A", "target": "meeting:m", "type": "mediates"},
            {"source": "state:A", "target": "meeting:m", "type": "party_to"},
            {"source": "place:p", "target": "meeting:m", "type": "mediates"},
            {"source": "place:p", "target": "meeting:n", "type": "party_to"},
            {"source": "person:x", "target": "meeting:n", "type": "participates_in"},
            {"source": "person:x", "target": "person:x", "type": "relative_of"},
            {"source": "person:x", "target": "missing", "type": "said"},
            {"source": "org:o", "target": "state:A", "type": "part_of"},
            {"source": "claim:c", "target": "meeting:m", "type": "about"},
            {"source": "person:x", "target": "claim:c", "type": "said"}
        ]}),
    ];
    for (i, g) in graphs.iter().enumerate() {
        let path = dir.path().join(format!("odd{i}.json"));
        std::fs::write(&path, serde_json::to_string(g).unwrap()).unwrap();
        for args in [
            &["mediators"][..],
            &["timeline"],
            &["who", "س"],
            &["path", "س", "A"],
            &["mediators", "--between", "A", "ب"],
            &["timeline", "--entity", "ن"],
        ] {
            for extra in [&[][..], &["--json"]] {
                let out = common::wasit()
                    .args(args)
                    .args(extra)
                    .arg("--graph")
                    .arg(&path)
                    .output()
                    .unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(!err.contains("panicked"), "odd{i} {args:?}: {err}");
                assert!(
                    matches!(out.status.code(), Some(0 | 1)),
                    "odd{i} {args:?}: {err}"
                );
            }
        }
    }
}

#[test]
fn a_missing_or_broken_graph_is_an_error_naming_the_file() {
    let dir = common::tempdir();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"nodes\": [").unwrap();
    for path in [dir.path().join("absent.json"), broken] {
        let out = run(&path, &["mediators"]);
        assert_eq!(out.status.code(), Some(1));
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(String::from_utf8_lossy(&out.stderr).contains(&name));
    }
}

/// A reproducible random graph: `n` nodes, each pair joined with probability `p`.
fn random_edges(n: usize, p: f64, seed: u64) -> Vec<(usize, usize)> {
    let mut state = seed;
    let mut next = move || {
        // SplitMix64.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut edges = Vec::new();
    for a in 0..n {
        for b in 0..n {
            if a != b && next() < p {
                edges.push((a, b));
            }
        }
    }
    edges
}

/// NetworkX's betweenness of the same graph: `[normalized, unnormalized]`.
fn networkx(n: usize, edges: &[(usize, usize)], directed: bool) -> [Vec<f64>; 2] {
    let script = "import json, sys, networkx as nx\n\
                  d = json.load(sys.stdin)\n\
                  G = nx.DiGraph() if d['directed'] else nx.Graph()\n\
                  G.add_nodes_from(range(d['n']))\n\
                  G.add_edges_from(d['edges'])\n\
                  out = [nx.betweenness_centrality(G, normalized=k) for k in (True, False)]\n\
                  print(json.dumps([[b[i] for i in range(d['n'])] for b in out]))\n";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    let input = json!({"n": n, "edges": edges, "directed": directed}).to_string();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), input.as_bytes()).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "networkx failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_close(ours: &[f64], theirs: &[f64], what: &str) {
    assert_eq!(ours.len(), theirs.len(), "{what}");
    for (i, (a, b)) in ours.iter().zip(theirs).enumerate() {
        assert!(
            (a - b).abs() < 1e-9,
            "{what}: node {i}: ours {a}, NetworkX {b}"
        );
    }
}

#[test]
fn betweenness_agrees_with_networkx_on_random_graphs() {
    if !common::require("networkx", &["python3", "-c", "import networkx"]) {
        return;
    }
    for (n, p, seed) in [(40, 0.06, 1), (25, 0.2, 7), (12, 0.1, 42)] {
        let edges = random_edges(n, p, seed);
        // Undirected: one edge per pair (the second draw of a pair is a duplicate).
        let mut g = UnGraph::<(), ()>::with_capacity(n, edges.len());
        for _ in 0..n {
            g.add_node(());
        }
        for &(a, b) in &edges {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
        let [normalized, raw] = networkx(n, &edges, false);
        assert_close(
            &betweenness(&g, true),
            &normalized,
            &format!("undirected n={n} seed={seed}"),
        );
        assert_close(
            &betweenness(&g, false),
            &raw,
            &format!("undirected raw n={n} seed={seed}"),
        );

        let mut d = DiGraph::<(), ()>::with_capacity(n, edges.len());
        for _ in 0..n {
            d.add_node(());
        }
        for &(a, b) in &edges {
            d.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
        let [normalized, raw] = networkx(n, &edges, true);
        assert_close(
            &betweenness(&d, true),
            &normalized,
            &format!("directed n={n} seed={seed}"),
        );
        assert_close(
            &betweenness(&d, false),
            &raw,
            &format!("directed raw n={n} seed={seed}"),
        );
    }
}
