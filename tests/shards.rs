//! `wasit extract` on shards + `wasit merge` = `wasit build` on the whole, byte
//! for byte (issue 14): over random splits of real articles into shards, merged in
//! random orders, nested (a merge's folder merged again) and with shards given
//! twice; a syndicated copy in another shard than its original is still a copy;
//! and the Spark example gives the same graph.json.
mod common;

use std::path::{Path, PathBuf};

/// A corpus folder: the real-news dev articles and their manifest, plus a verbatim
/// copy of one of them under another name (a syndicated copy).
fn corpus() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = common::tempdir();
    let src = common::root().join("tests/news/dev");
    let mut files = Vec::new();
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|x| x.to_str()) == Some("txt") {
            let to = dir.path().join(p.file_name().unwrap());
            std::fs::copy(&p, &to).unwrap();
            files.push(to);
        }
    }
    std::fs::copy(src.join("manifest.csv"), dir.path().join("manifest.csv")).unwrap();
    files.sort();
    let copy = dir.path().join("zz_syndicated_copy.txt");
    std::fs::copy(&files[0], &copy).unwrap();
    files.push(copy);
    (dir, files)
}

/// A small deterministic generator (no crate needed for a shuffle).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

fn extract(files: &[PathBuf], manifest: &Path, out: &Path) {
    let run = common::wasit()
        .arg("extract")
        .args(files)
        .arg("--manifest")
        .arg(manifest)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "extract: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn merge(inputs: &[PathBuf], out: &Path) -> Vec<u8> {
    merge_with(inputs, out, &[])
}

/// `wasit merge` with extra options; the merged graph.json.
fn merge_with(inputs: &[PathBuf], out: &Path, options: &[&str]) -> Vec<u8> {
    let run = common::wasit()
        .arg("merge")
        .args(options)
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(["--render", "none", "--quiet"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "merge: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read(out.join("graph.json")).unwrap()
}

#[test]
fn shards_merged_in_any_split_and_order_give_the_graph_of_build() {
    let (dir, files) = corpus();
    let manifest = dir.path().join("manifest.csv");
    let work = common::tempdir();
    common::build(&[dir.path()], &work.path().join("whole"), &["--quiet"]);
    let whole = std::fs::read(work.path().join("whole/graph.json")).unwrap();
    let g: serde_json::Value = serde_json::from_slice(&whole).unwrap();
    let copies = g["wasit"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["copy_of"].is_string())
        .count();
    assert!(copies >= 1, "the syndicated copy is told apart in build");

    let mut rng = Lcg(14);
    for round in 0..3 {
        let shards = 2 + rng.below(3);
        let mut groups: Vec<Vec<PathBuf>> = vec![Vec::new(); shards];
        for f in &files {
            groups[rng.below(shards)].push(f.clone());
        }
        // The copy and its original in different shards: found at the merge.
        let last = groups.iter().position(|g| g.contains(&files[0])).unwrap();
        for g in groups.iter_mut() {
            g.retain(|f| *f != files[files.len() - 1]);
        }
        groups[(last + 1) % shards].push(files[files.len() - 1].clone());
        let mut facts: Vec<PathBuf> = Vec::new();
        for (i, g) in groups.iter().enumerate().filter(|(_, g)| !g.is_empty()) {
            let f = work.path().join(format!("r{round}-shard{i}.jsonl"));
            extract(g, &manifest, &f);
            facts.push(f);
        }
        rng.shuffle(&mut facts);
        let merged = merge(&facts, &work.path().join(format!("r{round}")));
        assert!(
            merged == whole,
            "round {round}: {shards} shards merged differ from build"
        );
        // Idempotent: a shard given twice adds nothing.
        let mut twice = facts.clone();
        twice.push(facts[0].clone());
        assert!(merge(&twice, &work.path().join(format!("r{round}-twice"))) == whole);
        // Associative: the folder of a merge of some shards, merged with the rest.
        if facts.len() >= 2 {
            let part = work.path().join(format!("r{round}-part"));
            merge(&facts[..1], &part);
            let mut rest = vec![part];
            rest.extend_from_slice(&facts[1..]);
            assert!(
                merge(&rest, &work.path().join(format!("r{round}-nested"))) == whole,
                "round {round}: a merge of a merge differs from build"
            );
        }
    }
}

/// `--max-evidence N` keeps the graph (the same nodes and edges) and, of each
/// node's and edge's evidence, the N first by document and position: the same in
/// build and in a merge of shards, and a prefix of the uncapped list.
#[test]
fn max_evidence_caps_every_list_the_same_way_in_build_and_merge() {
    let (dir, files) = corpus();
    let work = common::tempdir();
    common::build(&[dir.path()], &work.path().join("whole"), &["--quiet"]);
    common::build(
        &[dir.path()],
        &work.path().join("capped"),
        &["--quiet", "--max-evidence", "2"],
    );
    let read = |d: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(work.path().join(d).join("graph.json")).unwrap())
            .unwrap()
    };
    let (whole, capped) = (read("whole"), read("capped"));
    let mut trimmed = 0;
    for kind in ["nodes", "edges"] {
        let (a, b) = (
            whole[kind].as_array().unwrap(),
            capped[kind].as_array().unwrap(),
        );
        assert_eq!(a.len(), b.len(), "the cap changes no {kind}");
        for (x, y) in a.iter().zip(b) {
            let all = x["evidence"].as_array().cloned().unwrap_or_default();
            let kept = y["evidence"].as_array().cloned().unwrap_or_default();
            assert_eq!(kept.len(), all.len().min(2), "{kind}: {}", x["id"]);
            assert_eq!(
                kept[..],
                all[..kept.len()],
                "{kind}: the first ones are kept"
            );
            trimmed += usize::from(all.len() > 2);
            let (mut x, mut y) = (x.clone(), y.clone());
            x.as_object_mut().unwrap().remove("evidence");
            y.as_object_mut().unwrap().remove("evidence");
            assert_eq!(x, y);
        }
    }
    assert!(
        trimmed > 50,
        "the dev set has nodes with more than two spans: {trimmed}"
    );
    let manifest = dir.path().join("manifest.csv");
    let (a, b) = files.split_at(files.len() / 2);
    let (fa, fb) = (work.path().join("a.jsonl"), work.path().join("b.jsonl"));
    extract(a, &manifest, &fa);
    extract(b, &manifest, &fb);
    merge_with(
        &[fb, fa],
        &work.path().join("merged"),
        &["--max-evidence", "2"],
    );
    assert!(
        read("merged") == capped,
        "merge --max-evidence = build --max-evidence"
    );
}

#[test]
fn a_bad_facts_line_is_named_and_nothing_is_written() {
    let dir = common::tempdir();
    let good = dir.path().join("good.jsonl");
    let seed = common::root().join("seeds/000_48731a683ee5dcf3.txt");
    extract(&[seed], &common::root().join("seeds/manifest.csv"), &good);
    let out = dir.path().join("out");
    let first = merge(std::slice::from_ref(&good), &out);
    let bad = dir.path().join("bad.jsonl");
    let mut text = std::fs::read_to_string(&good).unwrap();
    text.push_str("{\"doc\": \"x\"}\n");
    std::fs::write(&bad, text).unwrap();
    let run = common::wasit()
        .args(["merge"])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .args(["--render", "none"])
        .output()
        .unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains(&format!("{}:2: not a wasit facts record", bad.display())),
        "{err}"
    );
    assert!(std::fs::read(out.join("graph.json")).unwrap() == first);
}

#[test]
fn extract_reads_json_lines_on_stdin_as_a_spark_partition_pipes_them() {
    use std::io::Write;
    let row = serde_json::json!({
        "id": "n1",
        "date": "2025-04-12",
        "text": "وصل وزير الخارجية الإيراني عباس عراقجي إلى مسقط لإجراء محادثات غير مباشرة مع المبعوث الأمريكي ستيف ويتكوف بوساطة عمانية."
    });
    let mut child = common::wasit()
        .args(["extract", "-", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{row}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    let rec: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(rec["doc"], "n1");
    assert_eq!(rec["meta"]["date"], "2025-04-12");
    let persons: Vec<&str> = rec["facts"]["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(persons.contains(&"عباس عراقجي"), "{persons:?}");
    // Spans are [start, end] byte offsets into the row's text.
    let text_of_row = row["text"].as_str().unwrap();
    let span = &rec["facts"]["persons"][0]["spans"][0];
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert!(!text_of_row[s..e].is_empty());
}

#[test]
fn the_spark_example_gives_the_graph_of_build() {
    if !common::require("Java (for Spark)", &["java", "-version"])
        || !common::require("PySpark", &["python3", "-c", "import pyspark"])
    {
        return;
    }
    let dir = common::tempdir();
    let (src, files) = corpus();
    // The corpus as JSON Lines (the Spark job's input): id, date, text.
    let manifest = std::fs::read_to_string(src.path().join("manifest.csv")).unwrap();
    let mut dates = std::collections::HashMap::new();
    let mut lines = manifest.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let (fi, di) = (
        head.iter().position(|h| *h == "file").unwrap(),
        head.iter().position(|h| *h == "date").unwrap(),
    );
    for l in lines {
        let cols: Vec<&str> = l.split(',').collect();
        if cols.len() > fi.max(di) {
            dates.insert(cols[fi].to_string(), cols[di].to_string());
        }
    }
    let mut jsonl = String::new();
    for f in &files {
        let id = f.file_name().unwrap().to_string_lossy().to_string();
        let mut row = serde_json::json!({"id": id, "text": std::fs::read_to_string(f).unwrap()});
        if let Some(d) = dates.get(&id).filter(|d| !d.is_empty()) {
            row["date"] = serde_json::Value::String(d.clone());
        }
        jsonl.push_str(&format!("{row}\n"));
    }
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, jsonl).unwrap();
    let whole = dir.path().join("whole");
    common::build(&[&corpus], &whole, &["--quiet"]);
    let out = dir.path().join("spark");
    let run = std::process::Command::new("python3")
        .arg(common::root().join("examples/spark/wasit_spark.py"))
        .arg(&corpus)
        .arg(&out)
        .arg("--wasit")
        .arg(env!("CARGO_BIN_EXE_wasit"))
        .args(["--partitions", "3", "--master", "local[2]"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "spark: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let parts = std::fs::read_dir(out.join("facts"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("part-")
        })
        .count();
    assert!(parts >= 3, "one facts file per partition, got {parts}");
    assert!(
        std::fs::read(out.join("graph/graph.json")).unwrap()
            == std::fs::read(whole.join("graph.json")).unwrap(),
        "the Spark job's graph differs from build's"
    );
}
