//! Real published news: the graph of the real-news development set (tests/news/dev,
//! 34 articles by Arab outlets, gold in tests/news_dev.gold.toml) and of the fresh splits
//! (tests/news/fresh, 10 more; tests/news/fresh2, 12 more; tests/news/fresh3, 6 more)
//! hold their floors, and
//! the ANERcorp train split (read from ../shared when it is there, never copied here)
//! holds the person and organization floors.
//!
//! The floors are the figures reached, a little below, and at least the issue's
//! targets on the dev set (mission 0.85, meeting 0.80, meeting_role 0.70, claim 0.80,
//! wrong speakers ≤ 5 %), which it now meets; the ANERcorp targets (person 0.75
//! strict / 0.80 lenient, organization 0.60) are not met yet and are listed next to
//! their floors so that a change that reaches one can raise its floor to it.
mod common;

use common::{f1, score};

#[test]
fn real_news_dev_set_holds_its_floors() {
    let dir = common::tempdir();
    common::build(&[&common::root().join("tests/news/dev")], dir.path(), &[]);
    let r = score(dir.path(), &common::root().join("tests/news_dev.gold.toml"));
    // (figure, floor, the target)
    for (figure, floor, _target) in [
        ("person", 0.90, 0.90),
        ("state", 0.95, 0.95),
        ("affiliation", 0.91, 0.85),
        ("meeting", 0.80, 0.80),
        ("meeting_role", 0.70, 0.70),
        ("claim", 0.81, 0.80),
    ] {
        assert!(f1(&r, figure) >= floor, "{figure} F1 below {floor}: {r}");
    }
    let mission = r["mission_score"].as_f64().unwrap();
    assert!(
        mission >= 0.85,
        "mission {mission:.3} below 0.85 (the target)"
    );
    let wrong = r["claim"]["wrong_speaker"].as_f64().unwrap();
    let matched = r["claim"]["tp"].as_f64().unwrap();
    assert!(
        wrong <= 0.05 * matched,
        "{wrong} wrong speakers of {matched} (target 5 %)"
    );
}

/// Builds the real-news split `tests/news/<split>` and asserts its F1 floors (person,
/// state, affiliation, meeting, meeting_role, claim) and its mission floor.
fn split_holds(split: &str, floors: [f64; 6], mission_floor: f64) {
    let dir = common::tempdir();
    common::build(
        &[&common::root().join("tests/news").join(split)],
        dir.path(),
        &[],
    );
    let r = score(
        dir.path(),
        &common::root().join(format!("tests/news_{split}.gold.toml")),
    );
    let figures = [
        "person",
        "state",
        "affiliation",
        "meeting",
        "meeting_role",
        "claim",
    ];
    for (figure, floor) in figures.into_iter().zip(floors) {
        assert!(
            f1(&r, figure) >= floor,
            "{split}: {figure} F1 below {floor}: {r}"
        );
    }
    let mission = r["mission_score"].as_f64().unwrap();
    assert!(
        mission >= mission_floor,
        "{split}: mission {mission:.3} below {mission_floor}"
    );
}

/// The fresh split (tests/news/fresh, 10 articles gathered and golded in the fourth
/// session, scored blind at 0.793 before any change) holds the figures its rules reached.
#[test]
fn real_news_fresh_split_holds_its_floors() {
    split_holds("fresh", [0.92, 0.95, 0.78, 0.78, 0.76, 0.80], 0.84);
}

/// The second fresh split (tests/news/fresh2, 12 articles of 12 outlets gathered and
/// golded in the sixth session, scored blind at 0.825 before any change) holds the
/// figures its rules reached.
#[test]
fn real_news_second_fresh_split_holds_its_floors() {
    split_holds("fresh2", [0.89, 0.96, 0.90, 0.86, 0.77, 0.90], 0.89);
}

/// The third fresh split (tests/news/fresh3, 6 articles of 6 outlets gathered late in
/// the sixth session and scored blind once at 0.815) holds the figures reached after.
#[test]
fn real_news_third_fresh_split_holds_its_floors() {
    split_holds("fresh3", [0.95, 0.98, 0.90, 0.64, 0.60, 0.72], 0.81);
}

#[test]
fn anercorp_train_split_holds_its_floors() {
    let corpus = common::root().join("../shared/eval/anercorp-train");
    if !corpus.join("score.py").exists() {
        // The corpus may not be copied into the repository, and a clean clone has no
        // ../shared: the test says so and skips, in CI too.
        common::skip(
            "../shared/eval/anercorp-train not found; the ANERcorp floors are not checked",
        );
        return;
    }
    if !common::require("Python 3", &["python3", "--version"]) {
        return;
    }
    let dir = common::tempdir();
    common::build(&[&corpus.join("docs")], dir.path(), &[]);
    let o = std::process::Command::new("python3")
        .arg(corpus.join("score.py"))
        .arg(corpus.join("gold.json"))
        .arg(corpus.join("docs"))
        .arg("--graph")
        .arg(dir.path().join("graph.json"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    let line = out
        .lines()
        .find(|l| l.starts_with("external:"))
        .unwrap_or_else(|| panic!("no figures in {out}"));
    let figure = |k: &str| -> f64 {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{k}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {k} in {line}"))
    };
    // (figure, floor, the target)
    for (k, floor, _target) in [
        ("person_strict", 0.54, 0.75),
        ("person_lenient", 0.68, 0.80),
        ("org", 0.35, 0.60),
    ] {
        assert!(figure(k) >= floor, "{k} below {floor}: {line}");
    }
}

/// "والتقى بكل من رئيس مجلس النواب، نبيه بري، وقائد الجيش اللبناني، جوزيف عون،
/// ورئيس الوزراء، نجيب ميقاتي، بشكل منفرد" (tests/news/dev/n19): three meetings, the
/// envoy at each, and Lebanon a side of each although it hosts them (a host receiving
/// a visitor is a side; only talks with a go-between keep their host apart).
#[test]
fn separate_meetings_of_one_visit_are_three_with_both_sides() {
    // The article with its date, as the set's manifest gives it.
    let input = common::tempdir();
    let name = "n19_hochstein_beirut_2024.txt";
    std::fs::copy(
        common::root().join("tests/news/dev").join(name),
        input.path().join(name),
    )
    .unwrap();
    std::fs::write(
        input.path().join("manifest.csv"),
        format!("file,date\n{name},2024-08-14\n"),
    )
    .unwrap();
    let dir = common::tempdir();
    common::build(&[input.path()], dir.path(), &[]);
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("graph.json")).unwrap()).unwrap();
    let edges = g["edges"].as_array().unwrap();
    let into = |m: &str, t: &str| -> Vec<String> {
        let mut v: Vec<String> = edges
            .iter()
            .filter(|e| e["target"] == m && e["type"] == t)
            .map(|e| e["source"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let meetings: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "meeting" && n["attrs"]["date"] == "2024-08-14")
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(meetings.len(), 3, "{meetings:?}");
    let mut met = Vec::new();
    for m in meetings {
        assert_eq!(into(m, "party_to"), ["state:LB", "state:US"], "{m}");
        let people = into(m, "participates_in");
        assert_eq!(people.len(), 2, "{m}: {people:?}");
        assert!(people.iter().any(|p| p.contains("هوكستين")), "{people:?}");
        met.extend(people.into_iter().filter(|p| !p.contains("هوكستين")));
    }
    met.sort();
    assert_eq!(
        met,
        ["person:جوزاف_عون", "person:نبيه_بري", "person:نجيب_ميقاتي"]
    );
}
