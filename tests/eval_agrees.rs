//! `wasit eval` agrees with the reference scorer `shared/eval/score.py`: hand-made
//! graphs are scored against the seed gold by both, and every figure must match to
//! 0.001 (counts exactly), the misses and extras as multisets, and the plain table
//! and the `--json` text byte for byte.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

/// The seed gold (a copy of `shared/eval/seeds.gold.toml`).
fn gold() -> PathBuf {
    common::root().join("tests/seeds.gold.toml")
}

/// The reference scorer, or `None` (skip) when it or Python 3.11+ is missing.
fn scorer() -> Option<PathBuf> {
    let path = common::root().join("../shared/eval/score.py");
    if !common::require(
        "python3 (3.11+, with tomllib)",
        &["python3", "-c", "import tomllib"],
    ) {
        return None;
    }
    let probe = "import os, sys; sys.exit(0 if os.path.isfile(sys.argv[1]) else 1)";
    let found = common::require(
        "shared/eval/score.py",
        &["python3", "-c", probe, path.to_str()?],
    );
    found.then_some(path)
}

fn run(mut cmd: Command) -> Output {
    let output = cmd.output().expect("run the command");
    assert!(
        output.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn python(score_py: &Path, graph: &Path, flags: &[&str]) -> String {
    let mut cmd = Command::new("python3");
    cmd.arg(score_py).arg(graph).arg(gold()).args(flags);
    String::from_utf8(run(cmd).stdout).expect("UTF-8 from score.py")
}

fn wasit(graph: &Path, flags: &[&str]) -> String {
    let mut cmd = common::wasit();
    cmd.arg("eval").arg(graph).arg(gold()).args(flags);
    String::from_utf8(run(cmd).stdout).expect("UTF-8 from wasit")
}

fn close(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 0.001,
        _ => false,
    }
}

/// The lines of a `--details` table for the figures whose details the scorer lists in
/// a fixed order (entity and meeting-role details come from Python sets).
fn ordered_detail_lines(table: &str) -> Vec<&str> {
    table
        .lines()
        .filter(|l| {
            ["affiliation:", "meeting:", "claim:"]
                .iter()
                .any(|k| l.contains(k))
        })
        .collect()
}

/// Scores `graph` with both scorers and checks that they agree; returns score.py's
/// results for the caller to check what the graph was meant to exercise.
fn agree(name: &str, graph: &Value) -> Option<Value> {
    let score_py = scorer()?;
    let dir = common::tempdir();
    let path = dir.path().join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(graph).unwrap()).unwrap();

    let py: Value =
        serde_json::from_str(&python(&score_py, &path, &["--json", "--details"])).unwrap();
    let rs: Value = serde_json::from_str(&wasit(&path, &["--json", "--details"])).unwrap();
    let (pr, rr) = (&py["results"], &rs["results"]);
    let keys = |v: &Value| {
        v.as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(keys(pr), keys(rr), "{name}: figures");
    for (figure, row) in pr.as_object().unwrap() {
        let ours = &rr[figure];
        match row {
            Value::Object(fields) => {
                assert_eq!(keys(row), keys(ours), "{name}: fields of {figure}");
                for (field, value) in fields {
                    let same = if value.is_f64() {
                        close(value, &ours[field])
                    } else {
                        *value == ours[field]
                    };
                    assert!(
                        same,
                        "{name}: {figure}.{field}: score.py {value}, wasit {}",
                        ours[field]
                    );
                }
            }
            value => assert!(
                close(value, ours),
                "{name}: {figure}: score.py {value}, wasit {ours}"
            ),
        }
    }
    let multiset = |v: &Value| {
        let mut items: Vec<String> = v.as_array().unwrap().iter().map(Value::to_string).collect();
        items.sort();
        items
    };
    let (pd, rd) = (&py["details"], &rs["details"]);
    assert_eq!(keys(pd), keys(rd), "{name}: details");
    for figure in keys(pd) {
        for part in ["missed", "extra"] {
            assert_eq!(
                multiset(&pd[&figure][part]),
                multiset(&rd[&figure][part]),
                "{name}: {part} {figure}"
            );
        }
    }

    assert_eq!(
        python(&score_py, &path, &[]),
        wasit(&path, &[]),
        "{name}: table"
    );
    assert_eq!(
        python(&score_py, &path, &["--json"]),
        wasit(&path, &["--json"]),
        "{name}: --json text"
    );
    let (pt, rt) = (
        python(&score_py, &path, &["--details"]),
        wasit(&path, &["--details"]),
    );
    assert_eq!(
        ordered_detail_lines(&pt),
        ordered_detail_lines(&rt),
        "{name}: --details"
    );
    Some(py["results"].clone())
}

fn node(id: &str, t: &str, label: &str) -> Value {
    json!({"id": id, "type": t, "label": label})
}

fn edge(source: &str, target: &str, t: &str) -> Value {
    json!({"source": source, "target": target, "type": t})
}

fn graph(nodes: Vec<Value>, edges: Vec<Value>) -> Value {
    json!({"wasit": {"version": "test"}, "nodes": nodes, "edges": edges})
}

fn entities() -> Value {
    graph(
        vec![
            node("person:araghchi", "person", "عباس عراقجي"),
            // The same person twice: one true positive, one false positive.
            json!({"id": "person:araghchi2", "type": "person", "label": "الوزير", "aliases": ["عراقجي"]}),
            json!({"id": "person:witkoff", "type": "person", "label": "المبعوث",
                   "attrs": {"name_en": "Steve Witkoff"}}),
            node("person:shah", "person", "الشاه"),
            json!({"id": "person:anon1", "type": "person", "label": "مصدر دبلوماسي", "attrs": {"anonymous": true}}),
            json!({"id": "person:anon2", "type": "person", "label": "مسؤول كبير", "attrs": {"anonymous": true}}),
            node("person:nobody", "person", "فلان الفلاني"),
            node("state:US", "state", "الولايات المتحدة"),
            node("state:IR", "state", "إيران"),
            node("state:IR2", "state", "طهران"),
            node("state:IT", "state", "إيطاليا"),
            node("org:reuters", "organization", "وكالة رويترز"),
            node("org:x", "organization", "جهة ما"),
            node("place:muscat", "place", "مسقط"),
            node("place:gaza", "place", "غزة"),
            node("place:nowhere", "place", "مكان ما"),
        ],
        vec![],
    )
}

fn affiliations() -> Value {
    graph(
        vec![
            node("person:araghchi", "person", "عراقجي"),
            node("person:baghaei", "person", "إسماعيل بقائي"),
            node("person:witkoff", "person", "ويتكوف"),
            node("person:trump", "person", "دونالد ترامب"),
            node("person:kushner", "person", "جاريد كوشنر"),
            node("person:shah", "person", "الشاه"),
            node("state:IR", "state", "إيران"),
            node("state:US", "state", "الولايات المتحدة"),
            node("state:IL", "state", "إسرائيل"),
            node("org:iran-mfa", "organization", "وزارة الخارجية الإيرانية"),
            node("org:gov", "organization", "الحكومة الإيرانية"),
            node("org:spokes", "organization", "المتحدث باسم الخارجية"),
            node("org:white-house", "organization", "البيت الأبيض"),
        ],
        vec![
            edge("person:araghchi", "org:iran-mfa", "affiliated_with"),
            edge("org:iran-mfa", "state:IR", "part_of"),
            // A chain of two organizations, with a loop back.
            edge("person:baghaei", "org:spokes", "affiliated_with"),
            edge("org:spokes", "org:gov", "part_of"),
            edge("org:gov", "org:spokes", "part_of"),
            edge("org:gov", "state:IR", "part_of"),
            edge("person:witkoff", "state:US", "affiliated_with"),
            edge("person:trump", "state:IL", "affiliated_with"),
            // No part_of: no state.
            edge("person:kushner", "org:white-house", "affiliated_with"),
            // Optional person, pair not in the gold: counts neither way.
            edge("person:shah", "state:IR", "affiliated_with"),
            // Kinship, given the other way round.
            edge("person:trump", "person:kushner", "relative_of"),
        ],
    )
}

fn meetings() -> Value {
    graph(
        vec![
            node("state:US", "state", "الولايات المتحدة"),
            node("state:IR", "state", "إيران"),
            node("state:OM", "state", "سلطنة عمان"),
            node("state:CN", "state", "الصين"),
            node("place:muscat", "place", "مسقط"),
            node("place:vienna", "place", "فيينا"),
            node("place:rome", "place", "روما"),
            node("person:araghchi", "person", "عراقجي"),
            node("person:witkoff", "person", "ويتكوف"),
            node("person:albusaidi", "person", "البوسعيدي"),
            node("person:mcgurk", "person", "ماكغورك"),
            node("person:guest", "person", "ضيف غريب"),
            json!({"id": "meeting:a", "type": "meeting", "label": "محادثات مسقط",
                   "attrs": {"date": "2026-02-06", "status": "held"}}),
            // The same talks again: taken by optional talks of that day and place.
            json!({"id": "meeting:b", "type": "meeting", "label": "جولة مسقط", "attrs": {"date": "2026-02-06"}}),
            // Optional talks: count neither way.
            json!({"id": "meeting:c", "type": "meeting", "label": "محادثات فيينا"}),
            // Day and month without the year, place by attribute.
            json!({"id": "meeting:d", "type": "meeting", "label": "لقاء مسقط",
                   "attrs": {"date": "XXXX-05-08", "place": "مسقط"}}),
            // Contradicting date: matches nothing.
            json!({"id": "meeting:e", "type": "meeting", "label": "قمة", "attrs": {"date": "1999-01-01"}}),
            // Held in a state; its date points to optional talks, so oman-2024-05 is missed.
            json!({"id": "meeting:f", "type": "meeting", "label": "اجتماع", "attrs": {"date": "2024-01"}}),
            // Rome twice with equal evidence: the earlier node wins, the later is a duplicate.
            json!({"id": "meeting:g", "type": "meeting", "label": "جولة روما", "attrs": {"date": "2025-05-03"}}),
            json!({"id": "meeting:h", "type": "meeting", "label": "محادثات روما", "attrs": {"date": "2025-05-03"}}),
        ],
        vec![
            edge("meeting:a", "place:muscat", "held_in"),
            edge("state:US", "meeting:a", "party_to"),
            edge("state:IR", "meeting:a", "party_to"),
            edge("state:CN", "meeting:a", "party_to"),
            edge("state:OM", "meeting:a", "mediates"),
            edge("state:OM", "meeting:a", "hosts"),
            edge("person:albusaidi", "meeting:a", "hosts"),
            edge("person:albusaidi", "meeting:a", "participates_in"),
            edge("person:araghchi", "meeting:a", "participates_in"),
            edge("person:witkoff", "meeting:a", "participates_in"),
            edge("person:guest", "meeting:a", "participates_in"),
            edge("meeting:b", "place:muscat", "held_in"),
            edge("state:US", "meeting:b", "party_to"),
            edge("meeting:c", "place:vienna", "held_in"),
            edge("state:US", "meeting:c", "party_to"),
            edge("state:IR", "meeting:c", "party_to"),
            edge("person:mcgurk", "meeting:d", "participates_in"),
            edge("state:US", "meeting:d", "party_to"),
            edge("meeting:e", "place:muscat", "held_in"),
            edge("state:OM", "meeting:f", "party_to"),
            edge("state:US", "meeting:f", "party_to"),
            edge("state:IR", "meeting:f", "party_to"),
            edge("state:OM", "meeting:f", "held_in"),
            edge("meeting:g", "place:rome", "held_in"),
            edge("meeting:h", "place:rome", "held_in"),
            edge("state:OM", "meeting:g", "mediates"),
        ],
    )
}

fn claims() -> Value {
    let long = format!("{}المحادثات انتهت", "وقال المتحدث كلاما كثيرا ".repeat(25));
    graph(
        vec![
            node("person:baghaei", "person", "بقائي"),
            node("person:araghchi", "person", "عراقجي"),
            node("person:netanyahu", "person", "نتنياهو"),
            json!({"id": "person:anon", "type": "person", "label": "مصدر مطلع", "attrs": {"anonymous": true}}),
            node("org:iran-tv", "organization", "التلفزيون الإيراني"),
            node("org:axios", "organization", "موقع أكسيوس"),
            node("org:reuters", "organization", "رويترز"),
            node("state:IR", "state", "إيران"),
            // Right speaker, right outlet.
            json!({"id": "claim:1", "type": "claim", "label": "بقائي: المحادثات انتهت",
                   "attrs": {"text": "إن المحادثات انتهت"}}),
            // The same statement again: a duplicate.
            json!({"id": "claim:2", "type": "claim",
                   "attrs": {"text": "المحادثات انتهت اليوم في مسقط بعد ساعات طويلة من التفاوض"}}),
            // Two phrases of one statement in one claim; no outlet where the gold has one.
            json!({"id": "claim:3", "type": "claim",
                   "attrs": {"text": "توافق بشأن مواصلة المحادثات، ومن المتوقع عودة الوفدين إلى بلديهما"}}),
            // The outlet as the only source.
            json!({"id": "claim:4", "type": "claim", "attrs": {"text": "أجروا محادثات غير مباشرة في مسقط"}}),
            // Right words, wrong speaker.
            json!({"id": "claim:5", "type": "claim", "attrs": {"text": "لن تلتزم بأي اتفاق"}}),
            json!({"id": "claim:6", "type": "claim", "attrs": {"quote": "وجهات نظرهما ومطالبهما"}}),
            // Far too long to be one statement.
            json!({"id": "claim:7", "type": "claim", "attrs": {"text": long}}),
            // An anonymous source on an optional gold claim: counts neither way.
            json!({"id": "claim:8", "type": "claim", "attrs": {"text": "القدرات الصاروخية الإيرانية لم تناقش"}}),
            // Matches no gold phrase.
            json!({"id": "claim:9", "type": "claim", "attrs": {"text": "الطقس جميل"}}),
            // A state as speaker, among a list of accepted speakers.
            json!({"id": "claim:10", "type": "claim", "attrs": {"content": "تختلقان ذرائع للتدخل العسكري"}}),
        ],
        vec![
            edge("person:baghaei", "claim:1", "said"),
            edge("claim:1", "org:iran-tv", "reported_by"),
            edge("person:baghaei", "claim:2", "said"),
            edge("person:baghaei", "claim:3", "said"),
            edge("claim:3", "org:reuters", "reported_by"),
            edge("claim:4", "org:axios", "reported_by"),
            edge("person:araghchi", "claim:5", "said"),
            edge("person:netanyahu", "claim:6", "said"),
            edge("person:baghaei", "claim:7", "said"),
            edge("person:anon", "claim:8", "said"),
            edge("person:araghchi", "claim:9", "said"),
            edge("state:IR", "claim:10", "said"),
        ],
    )
}

/// A graph in another tool's dialect: nested under `graph`, `links`, `kind`,
/// `properties`, `name`, numeric ids.
fn foreign() -> Value {
    json!({"graph": {
        "nodes": [
            {"id": 1, "kind": "PER", "name": "عباس عراقجي"},
            {"id": 2, "kind": "GPE", "name": "Iran"},
            {"id": 3, "kind": "event", "name": "talks", "properties": {"date": "2026-02-06", "place": "Muscat"}},
            {"id": 4, "kind": "country", "name": "USA"},
            {"id": 5, "kind": "quote", "properties": {"text": "الأجواء كانت إيجابية في محادثات مسقط"}},
            {"id": 6, "kind": "per", "name": "witkoff", "properties": {"aliases": "ويتكوف"}},
        ],
        "links": [
            {"source": 1, "target": 2, "relation": "affiliated_with"},
            {"source": 2, "target": 3, "relation": "party_to"},
            {"source": 4, "target": 3, "relation": "party_to"},
            {"source": 1, "target": 3, "relation": "participates_in"},
            {"source": 1, "target": 5, "relation": "SAID"},
            {"source": 6, "target": 4, "relation": "Affiliated_With"},
        ],
    }})
}

/// Every graph above in one, ids kept apart: matches that compete across fixtures.
fn everything() -> Value {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for (prefix, g) in [
        ("e", entities()),
        ("a", affiliations()),
        ("m", meetings()),
        ("c", claims()),
    ] {
        for mut n in g["nodes"].as_array().unwrap().clone() {
            n["id"] = json!(format!("{prefix}/{}", n["id"].as_str().unwrap()));
            nodes.push(n);
        }
        for mut e in g["edges"].as_array().unwrap().clone() {
            for end in ["source", "target"] {
                e[end] = json!(format!("{prefix}/{}", e[end].as_str().unwrap()));
            }
            edges.push(e);
        }
    }
    graph(nodes, edges)
}

fn figure(results: &Value, name: &str) -> (u64, u64, u64) {
    let row = &results[name];
    (
        row["tp"].as_u64().unwrap(),
        row["fp"].as_u64().unwrap(),
        row["fn"].as_u64().unwrap(),
    )
}

#[test]
fn entities_with_duplicates_optional_and_anonymous() {
    let Some(r) = agree("entities", &entities()) else {
        return;
    };
    let (tp, fp, _) = figure(&r, "person");
    assert_eq!(
        (tp, fp),
        (2, 2),
        "araghchi twice, witkoff by name_en, one unknown; shah and anonymous ignored"
    );
    assert_eq!(figure(&r, "state").1, 1, "Iran twice; Italy optional");
}

#[test]
fn affiliations_through_part_of_and_kinship() {
    let Some(r) = agree("affiliations", &affiliations()) else {
        return;
    };
    assert_eq!(
        figure(&r, "affiliation").0,
        3,
        "araghchi and baghaei through organizations, witkoff directly"
    );
    assert_eq!(figure(&r, "affiliation").1, 1, "trump → israel");
    assert_eq!(figure(&r, "kinship").0, 1, "kinship is symmetric");
}

#[test]
fn meetings_matched_duplicate_optional_and_roles() {
    let Some(r) = agree("meetings", &meetings()) else {
        return;
    };
    let (tp, fp, fn_) = figure(&r, "meeting");
    assert_eq!(
        (tp, fp, fn_),
        (3, 2, 1),
        "a, d and g matched; e nothing, h duplicate; b, c, f optional"
    );
    assert!(figure(&r, "meeting_role").0 > 0 && figure(&r, "meeting_role").1 > 0);
}

#[test]
fn claims_with_outlets_duplicates_wrong_speakers_and_length() {
    let Some(r) = agree("claims", &claims()) else {
        return;
    };
    assert_eq!(r["claim"]["wrong_speaker"], json!(2), "claims 5 and 6");
    assert_eq!(
        r["reported_by"],
        json!({"correct": 1, "of": 2}),
        "claim 1 right, claim 3 wrong outlet"
    );
    assert_eq!(
        figure(&r, "claim"),
        (4, 5, 70),
        "1, 3, 4, 10 match; 2 duplicate, 5, 6 wrong, 7 long, 9 nothing"
    );
}

#[test]
fn foreign_graph_dialect() {
    let Some(r) = agree("foreign", &foreign()) else {
        return;
    };
    assert_eq!(figure(&r, "person").0, 2);
    assert_eq!(figure(&r, "meeting").0, 1);
}

#[test]
fn everything_at_once() {
    agree("everything", &everything());
}

#[test]
fn empty_graph() {
    let Some(r) = agree("empty", &graph(vec![], vec![])) else {
        return;
    };
    assert_eq!(r["mission_score"], json!(0.0));
}

// ----------------------------------------------------------------- errors (no Python needed)

fn eval_fails(graph_text: &str, gold_text: Option<&str>) -> String {
    let dir = common::tempdir();
    let graph = dir.path().join("broken-graph.json");
    std::fs::write(&graph, graph_text).unwrap();
    let gold_path = match gold_text {
        Some(text) => {
            let p = dir.path().join("broken.gold.toml");
            std::fs::write(&p, text).unwrap();
            p
        }
        None => gold(),
    };
    let output = common::wasit()
        .arg("eval")
        .arg(&graph)
        .arg(&gold_path)
        .output()
        .unwrap();
    assert!(!output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn malformed_gold_names_the_file() {
    let err = eval_fails("{}", Some("[[entity]]\nkey = \"x\"\n"));
    assert!(err.contains("broken.gold.toml"), "{err}");
    let err = eval_fails("{}", Some("this is = = not toml"));
    assert!(err.contains("broken.gold.toml"), "{err}");
}

#[test]
fn malformed_graph_names_the_file() {
    for text in [
        "{",
        "[]",
        r#"{"nodes": [{"type": "person"}]}"#,
        r#"{"edges": [{"source": "a"}]}"#,
    ] {
        let err = eval_fails(text, None);
        assert!(err.contains("broken-graph.json"), "{text}: {err}");
    }
}

#[test]
fn missing_file_names_the_path() {
    let output = common::wasit()
        .arg("eval")
        .arg("no/such/graph.json")
        .arg(gold())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no/such/graph.json"));
}

#[test]
fn scores_are_deterministic() {
    let dir = common::tempdir();
    let path = dir.path().join("g.json");
    std::fs::write(&path, everything().to_string()).unwrap();
    let runs: BTreeMap<String, ()> = (0..3)
        .map(|_| (wasit(&path, &["--json", "--details"]), ()))
        .collect();
    assert_eq!(runs.len(), 1);
}
