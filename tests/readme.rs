//! The README, run as written: every command of its `sh` blocks and every inline
//! `wasit …` command is run verbatim (with the built binary as `wasit` and
//! `cargo run --release --` meaning that binary) in a folder holding a copy of the
//! seeds and the example rules; what the README shows of their output (the build
//! summary, the mediators table, the graph.json excerpt) must be what they print
//! and write. A command the README gains is run too, or this test fails until it is
//! added to [`NOT_RUN`] with its reason.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Commands of the README this test does not run, and why.
const NOT_RUN: &[(&str, &str)] = &[
    ("cargo test", "the test suite this test is part of"),
    (
        "wasit load falkordb --url redis://127.0.0.1:PORT --graph wasit out/graph.json --replace",
        "needs a FalkorDB server: tests/exports.rs runs this line as written against one",
    ),
    (
        "cargo run --release --example bench -- 20",
        "a benchmark of a 20 MB corpus: minutes, and its figures vary by machine",
    ),
];

/// One command found in the README, with the line it is on.
#[derive(Debug)]
struct Found {
    line: usize,
    command: String,
}

/// The commands of the README: the lines of ```sh blocks (comments dropped) and
/// the inline code spans that start with `wasit ` or `cargo run ` and give an
/// argument (`wasit build` alone names the command, it is no command line).
fn commands(readme: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for (i, line) in readme.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("```") {
            fence = match fence {
                None => Some(rest.trim()),
                Some(_) => None,
            };
            continue;
        }
        match fence {
            Some("sh") => {
                let command = match line.find(" #") {
                    Some(at) => &line[..at],
                    None => line,
                }
                .trim();
                if !command.is_empty() && !command.starts_with('#') {
                    out.push(Found {
                        line: i + 1,
                        command: command.to_string(),
                    });
                }
            }
            Some(_) => {}
            None => {
                for (k, span) in line.split('`').enumerate() {
                    let inline = k % 2 == 1;
                    let is_command = span.starts_with("wasit ") || span.starts_with("cargo run ");
                    if inline && is_command && span.split_whitespace().count() > 2 {
                        out.push(Found {
                            line: i + 1,
                            command: span.to_string(),
                        });
                    }
                }
            }
        }
    }
    out
}

/// The block of ``` that follows the first line containing `marker`.
fn block_after<'a>(readme: &'a str, marker: &str) -> Vec<&'a str> {
    let at = readme
        .find(marker)
        .unwrap_or_else(|| panic!("README: {marker:?} not found"));
    let rest = &readme[at..];
    let start = rest.find("```").expect("a block after the marker");
    let body = &rest[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let end = body.find("```").expect("the block's end");
    body[..end].lines().collect()
}

/// Copies a folder's files (recursively) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs one README command line in `dir` with bash (`pipefail`), `wasit` first on
/// the PATH; returns stdout.
fn run_line(dir: &Path, bin_dir: &Path, found: &Found) -> String {
    let line = found.command.replace("cargo run --release -- ", "wasit ");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new("bash")
        .args(["-o", "pipefail", "-c", &line])
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .expect("run bash");
    assert!(
        o.status.success(),
        "README line {}: `{}` failed ({}):\n{}",
        found.line,
        found.command,
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// True when every key of `part` is in `whole` with the same value; arrays of
/// `part` are contained in those of `whole` (the README shows some evidence).
fn contains(whole: &serde_json::Value, part: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (whole, part) {
        (Value::Object(w), Value::Object(p)) => p
            .iter()
            .all(|(k, v)| w.get(k).is_some_and(|wv| contains(wv, v))),
        (Value::Array(w), Value::Array(p)) => p.iter().all(|v| w.contains(v)),
        (w, p) => w == p,
    }
}

#[test]
fn every_readme_command_runs_as_written() {
    let root = common::root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let found = commands(&readme);
    assert!(found.len() >= 8, "too few commands found: {found:?}");

    let dir = common::tempdir();
    copy_tree(&root.join("seeds"), &dir.path().join("seeds"));
    copy_tree(
        &root.join("examples/rules"),
        &dir.path().join("examples/rules"),
    );
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_wasit"));
    let bin_dir = bin.parent().unwrap();
    let has_dot = common::require("Graphviz", &["dot", "-V"]);

    let mut ran = 0;
    let mut first_build: Option<String> = None;
    for f in &found {
        if let Some((_, why)) = NOT_RUN.iter().find(|(c, _)| *c == f.command) {
            eprintln!("README line {}: `{}` not run: {why}", f.line, f.command);
            continue;
        }
        if f.command.contains("render") && !has_dot {
            common::skip(&format!("README line {}: needs Graphviz", f.line));
            continue;
        }
        let stdout = run_line(dir.path(), bin_dir, f);
        ran += 1;
        if first_build.is_none() && f.command.contains(" build seeds --out out") {
            first_build = Some(stdout.clone());
        }
        if f.command == "wasit mediators --graph out/graph.json" {
            let shown = block_after(&readme, "Exploring mediators (");
            let printed: Vec<&str> = stdout.lines().collect();
            assert_eq!(
                printed, shown,
                "README's mediators table is not what `{}` prints",
                f.command
            );
        }
        if f.command.starts_with("wasit who ") && f.command.contains("--docs") {
            assert!(
                stdout.contains("«وترأس الوفد الإيراني"),
                "`{}` shows no evidence sentence:\n{stdout}",
                f.command
            );
        }
        if f.command
            .starts_with("wasit export out/graph.json --format html")
        {
            let html = std::fs::read_to_string(dir.path().join("out/graph.html")).unwrap();
            assert!(
                html.contains("\"hit\":"),
                "no evidence sentence in the viewer"
            );
        }
    }
    assert!(ran >= 8, "only {ran} README commands ran");

    // What `build` prints on the seeds, but the time it took.
    let printed = first_build.expect("the README builds the seeds into out/");
    let shown = block_after(&readme, "What `build` prints");
    let printed: Vec<&str> = printed.lines().collect();
    assert_eq!(printed.len(), shown.len(), "{printed:#?}");
    let timing = |s: &str| s.split(" in ").next().unwrap_or(s).to_string();
    assert_eq!(timing(printed[0]), timing(shown[0]));
    let last = printed.len() - 1;
    assert_eq!(
        printed[1..last],
        shown[1..last],
        "the build summary differs"
    );
    if has_dot {
        assert_eq!(printed[last], shown[last]);
    }

    // The graph.json excerpt: each line of the README's block is in the graph built.
    let graph: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out/graph.json")).unwrap())
            .unwrap();
    let excerpt = block_after(&readme, "A part of `graph.json`");
    let text = excerpt.join("\n");
    let items: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&text)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert!(items.len() >= 2);
    for item in items {
        let list = if item.get("source").is_some() {
            "edges"
        } else {
            "nodes"
        };
        assert!(
            graph[list]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| contains(x, &item)),
            "README's excerpt {item} is not in the seeds' graph"
        );
    }
}

#[test]
fn readme_commands_are_found() {
    let text = "a\n```sh\nwasit who X --docs seeds   # a card\n```\nsee `wasit render out/graph.json --view x` and `wasit build`.\n```\nwasit build PATH...\n```\n";
    let found: Vec<String> = commands(text).into_iter().map(|f| f.command).collect();
    assert_eq!(
        found,
        [
            "wasit who X --docs seeds",
            "wasit render out/graph.json --view x"
        ]
    );
}
