//! Regression tests of issue 11 (reliability), each named after the bug it pins,
//! driving the real binary.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const ARTICLE: &str = "قال وزير الخارجية القطري خالد بن سالم آل فهيد إن المحادثات بناءة.";

fn graph(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).unwrap()).unwrap()
}

fn doc_ids(g: &Value) -> Vec<String> {
    g["wasit"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `cmd`, killing it after `limit`; panics naming `what` if it did not end.
fn run_with_limit(mut cmd: Command, limit: Duration, what: &str) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wasit");
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn build_cmd(inputs: &[&Path], out: &Path) -> Command {
    let mut cmd = common::wasit();
    cmd.arg("build")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(["--render", "none"]);
    cmd
}

#[cfg(unix)]
#[test]
fn folder_with_two_links_to_itself_ends_and_reads_each_file_once() {
    let dir = common::tempdir();
    let inp = dir.path().join("in");
    std::fs::create_dir_all(&inp).unwrap();
    std::fs::write(inp.join("a.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink(".", inp.join("l1")).unwrap();
    std::os::unix::fs::symlink(".", inp.join("l2")).unwrap();
    let out = dir.path().join("out");
    let o = run_with_limit(
        build_cmd(&[&inp], &out),
        Duration::from_secs(60),
        "two links to `.`",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(doc_ids(&graph(&out)), ["a.txt"]);
}

#[cfg(unix)]
#[test]
fn folder_with_one_link_to_itself_reads_the_article_once() {
    let dir = common::tempdir();
    let inp = dir.path().join("in");
    std::fs::create_dir_all(inp.join("sub")).unwrap();
    std::fs::write(inp.join("a.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink(".", inp.join("loop")).unwrap();
    // A link back to a parent, and a link to a file already read.
    std::os::unix::fs::symlink("..", inp.join("sub").join("up")).unwrap();
    std::os::unix::fs::symlink("../a.txt", inp.join("sub").join("same.txt")).unwrap();
    let out = dir.path().join("out");
    let o = run_with_limit(
        build_cmd(&[&inp, &inp], &out),
        Duration::from_secs(60),
        "a link to `.`",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let g = graph(&out);
    assert_eq!(doc_ids(&g), ["a.txt"]);
    let claims = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "claim")
        .count();
    assert_eq!(claims, 1, "{g}");
}
