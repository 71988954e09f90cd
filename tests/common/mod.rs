//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The built `wasit` binary.
pub fn wasit() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wasit"))
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// True when running in CI (`CI=true`), where every outside tool must be present.
pub fn in_ci() -> bool {
    std::env::var("CI")
        .map(|v| v == "true" || v == "1")
        .unwrap_or(false)
}

/// Checks that an outside tool is available by running `probe` (e.g. `["dot", "-V"]`
/// or `["python3", "-c", "import networkx"]`). Missing on a developer's machine: prints
/// a notice and returns false (the test skips). Missing in CI: panics (the test fails).
pub fn require(what: &str, probe: &[&str]) -> bool {
    let ok = Command::new(probe[0])
        .args(&probe[1..])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        if in_ci() {
            panic!(
                "{what} is required in CI (CI=true) but `{}` failed",
                probe.join(" ")
            );
        }
        skip(&format!("{what} is not installed"));
    }
    ok
}

/// Says that a test skips, and why, where `cargo test` shows it: straight to the
/// process's stderr (the test harness captures `eprintln!`, not a direct write), so
/// the notice stands in the summary and not only under `--nocapture`.
pub fn skip(why: &str) {
    use std::io::Write;
    let name = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "notice: {name}: SKIPPED: {why}");
}

/// A fresh temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

/// Builds the graph of `inputs` into `out` with the real binary; panics with stderr on failure.
pub fn build(inputs: &[&Path], out: &Path, extra: &[&str]) -> std::process::Output {
    let mut cmd = wasit();
    cmd.arg("build")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .arg("--render")
        .arg("none")
        .args(extra);
    let output = cmd.output().expect("run wasit");
    assert!(
        output.status.success(),
        "wasit build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Scores `out/graph.json` against `gold` with `wasit eval --json`; the results object.
pub fn score(out: &Path, gold: &Path) -> serde_json::Value {
    let o = wasit()
        .arg("eval")
        .arg(out.join("graph.json"))
        .arg(gold)
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["results"].clone()
}

/// The F1 of one figure of a results object.
pub fn f1(r: &serde_json::Value, k: &str) -> f64 {
    r[k]["f1"].as_f64().unwrap()
}
