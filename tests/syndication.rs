//! Syndicated copies (the same wire story on many sites) add sources, not facts:
//! the seeds republished three times, once verbatim and twice with an outlet's
//! dateline and a closing line of its own, give the seeds' graph, and every copy
//! names its original.
mod common;

use serde_json::Value;

fn graph(out: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("graph.json")).unwrap()).unwrap()
}

fn count(g: &Value, t: &str) -> usize {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == t)
        .count()
}

#[test]
fn copies_of_the_seeds_add_sources_not_facts() {
    let seeds = common::root().join("seeds");
    let input = common::tempdir();
    let mut originals = Vec::new();
    // The seeds' manifest, for each of the three copies.
    let manifest = std::fs::read_to_string(seeds.join("manifest.csv")).unwrap();
    let mut copied = String::from("file,date\n");
    for line in manifest.lines().skip(1) {
        for p in ["a", "b", "c"] {
            copied.push_str(&format!("{p}_{line}\n"));
        }
    }
    std::fs::write(input.path().join("manifest.csv"), copied).unwrap();
    for e in std::fs::read_dir(&seeds).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|x| x.to_str()) != Some("txt") {
            continue;
        }
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(input.path().join(format!("a_{name}")), &text).unwrap();
        std::fs::write(input.path().join(format!("b_{name}")), &text).unwrap();
        std::fs::write(
            input.path().join(format!("c_{name}")),
            format!("الدوحة - وكالات: {text}\nتابعوا آخر الأخبار على موقعنا."),
        )
        .unwrap();
        originals.push(name);
    }
    let once = common::tempdir();
    common::build(&[&seeds], once.path(), &[]);
    let thrice = common::tempdir();
    common::build(&[input.path()], thrice.path(), &[]);
    let (g1, g3) = (graph(once.path()), graph(thrice.path()));
    for t in ["meeting", "claim", "person", "state"] {
        assert_eq!(count(&g1, t), count(&g3, t), "{t} nodes");
    }
    let docs = g3["wasit"]["documents"].as_array().unwrap();
    for name in &originals {
        for copy in [format!("b_{name}"), format!("c_{name}")] {
            let d = docs.iter().find(|d| d["id"] == copy.as_str()).unwrap();
            assert_eq!(d["copy_of"], format!("a_{name}").as_str(), "{copy}");
        }
    }
    // --keep-copies extracts them all: at least three times the claims (each copy's
    // claims are its own nodes, and a dateline may open a few more).
    let kept = common::tempdir();
    common::build(&[input.path()], kept.path(), &["--keep-copies"]);
    assert!(count(&graph(kept.path()), "claim") >= 3 * count(&g1, "claim"));
}
