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

/// Every evidence span of document `doc` in graph `g`, sliced from `bytes`.
fn evidence_texts(g: &Value, doc: &str, bytes: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(g["edges"].as_array().unwrap())
    {
        for ev in item["evidence"].as_array().into_iter().flatten() {
            if ev["doc"] != doc {
                continue;
            }
            let (s, e) = (
                ev["start"].as_u64().unwrap() as usize,
                ev["end"].as_u64().unwrap() as usize,
            );
            let text = std::str::from_utf8(&bytes[s..e])
                .unwrap_or_else(|_| panic!("span {s}..{e} off char boundaries of the file"))
                .to_string();
            let what = item["id"]
                .as_str()
                .map(String::from)
                .unwrap_or_else(|| format!("{}", item["type"]));
            out.push((what, text));
        }
    }
    out
}

#[test]
fn utf8_bom_does_not_shift_evidence_spans_from_the_file() {
    let dir = common::tempdir();
    let inp = dir.path().join("in");
    std::fs::create_dir_all(&inp).unwrap();
    let text = format!("{ARTICLE}\nوقالت وزيرة الخارجية السويدية آن ليندي إن الحوار مستمر.\n");
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend_from_slice(text.as_bytes());
    std::fs::write(inp.join("bom.txt"), &bom).unwrap();
    std::fs::write(inp.join("plain.txt"), &text).unwrap();
    let out = dir.path().join("out");
    // The two files hold one text, so without --keep-copies the second is a copy.
    common::build(&[&inp], &out, &["--keep-copies"]);
    let g = graph(&out);
    let with_bom = evidence_texts(&g, "bom.txt", &bom);
    let without = evidence_texts(&g, "plain.txt", text.as_bytes());
    assert!(
        with_bom.iter().any(|(_, t)| t == "خالد بن سالم آل فهيد"),
        "{with_bom:?}"
    );
    // The same facts, and each span sliced from the file on disk is the same text.
    let strip = |v: &[(String, String)]| {
        let mut v: Vec<String> = v.iter().map(|(_, t)| t.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(strip(&with_bom), strip(&without));
    assert!(with_bom.iter().all(|(_, t)| !t.contains('\u{feff}')));
}

#[test]
fn every_input_bad_leaves_earlier_outputs_untouched() {
    let dir = common::tempdir();
    let out = dir.path().join("out");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    common::build(&[&good], &out, &[]);
    let before = std::fs::read(out.join("graph.json")).unwrap();
    let dot_before = std::fs::read(out.join("graph.dot")).unwrap();
    std::fs::write(out.join("graph.svg"), "<svg/>").unwrap();

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, [0x71u8, 0xe9, 0x20, 0xff]).unwrap();
    let missing = dir.path().join("typo.txt");
    let o = common::wasit()
        .arg("build")
        .args([&missing, &empty, &latin1])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{err}");
    for name in ["typo.txt", "empty.txt", "latin1.txt"] {
        assert!(err.contains(name), "{name} not named in {err}");
    }
    assert!(err.contains("no document read"), "{err}");
    assert_eq!(std::fs::read(out.join("graph.json")).unwrap(), before);
    assert_eq!(std::fs::read(out.join("graph.dot")).unwrap(), dot_before);
    assert_eq!(std::fs::read(out.join("graph.svg")).unwrap(), b"<svg/>");
}

#[test]
fn build_with_stdout_closed_does_not_panic() {
    let dir = common::tempdir();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let out = dir.path().join("out");
    let mut child = build_cmd(&[&good], &out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before wasit prints (`wasit build … | head -0`).
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(o.status.code(), Some(101), "{err}");
    assert!(out.join("graph.json").is_file());
}

#[test]
fn out_under_a_regular_file_fails_before_extraction_naming_it() {
    let dir = common::tempdir();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let file = dir.path().join("plain");
    std::fs::write(&file, "mine").unwrap();
    for out in [file.join("out"), file.join("a").join("b"), file.clone()] {
        // A missing input would be reported if extraction had started.
        let o = build_cmd(&[&dir.path().join("missing.txt"), &good], &out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(&out.display().to_string()), "{err}");
        assert!(err.contains("not a folder"), "{err}");
        assert!(!err.contains("missing.txt"), "read inputs first: {err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    }
}

#[test]
fn same_file_name_in_two_folders_gives_two_document_ids() {
    let dir = common::tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(a.join("x.txt"), ARTICLE).unwrap();
    std::fs::write(
        b.join("x.txt"),
        "وقالت وزيرة الخارجية السويدية آن ليندي إن الحوار مستمر.",
    )
    .unwrap();
    let (ax, bx) = (a.join("x.txt"), b.join("x.txt"));
    // Files given one by one, and the two folders.
    for inputs in [[&ax, &bx], [&a, &b]] {
        let out = dir.path().join("out");
        common::build(&[inputs[0].as_path(), inputs[1].as_path()], &out, &[]);
        let g = graph(&out);
        assert_eq!(doc_ids(&g), ["a/x.txt", "b/x.txt"]);
        let docs_of = |label: &str| -> Vec<String> {
            g["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| n["label"] == label)
                .flat_map(|n| n["evidence"].as_array().unwrap())
                .map(|e| e["doc"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(docs_of("خالد بن سالم آل فهيد"), ["a/x.txt"]);
        assert_eq!(docs_of("آن ليندي"), ["b/x.txt"]);
    }
}

/// The labels of the person nodes of a graph.
fn person_labels(g: &Value) -> Vec<String> {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "person")
        .map(|n| n["label"].as_str().unwrap().to_string())
        .collect()
}

/// Builds `inputs` into `out`, returning the exit code and stderr.
fn build_status(inputs: &[&Path], out: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let o = build_cmd(inputs, out).args(extra).output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn title_followed_by_the_ligature_saw_does_not_panic() {
    let dir = common::tempdir();
    let inp = dir.path().join("saw.txt");
    std::fs::write(
        &inp,
        format!("قال رئيس ﷺ\nوقال الشيخ ﷺ إن الحوار مستمر.\n{ARTICLE}\n"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, err) = build_status(&[&inp], &out, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(person_labels(&graph(&out)).contains(&"خالد بن سالم آل فهيد".to_string()));
}

#[test]
fn windows_1256_article_is_decoded_and_named() {
    let dir = common::tempdir();
    let inp = dir.path().join("legacy.txt");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(ARTICLE);
    assert!(!unmappable);
    std::fs::write(&inp, &bytes).unwrap();
    let out = dir.path().join("out");
    let (code, err) = build_status(&[&inp], &out, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("legacy.txt: read as windows-1256"), "{err}");
    assert!(person_labels(&graph(&out)).contains(&"خالد بن سالم آل فهيد".to_string()));
}

#[test]
fn bytes_neither_utf8_nor_arabic_windows_1256_are_an_error_naming_both() {
    let dir = common::tempdir();
    let latin1 = dir.path().join("latin1.txt");
    // «café crème, déjà vu» in Latin-1: decodes in Windows-1256, but not to Arabic.
    std::fs::write(&latin1, b"caf\xe9 cr\xe8me, d\xe9j\xe0 vu").unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let out = dir.path().join("out");
    let (code, err) = build_status(&[&latin1, &good], &out, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "latin1.txt: not UTF-8 text (invalid byte at offset 3), nor Arabic in Windows-1256"
        ),
        "{err}"
    );
    assert_eq!(doc_ids(&graph(&out)), ["good.txt"]);
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = common::tempdir();
    let (le, be) = (dir.path().join("le.txt"), dir.path().join("be.txt"));
    let mut le_bytes = vec![0xff, 0xfe];
    let mut be_bytes = vec![0xfe, 0xff];
    for u in ARTICLE.encode_utf16() {
        le_bytes.extend(u.to_le_bytes());
        be_bytes.extend(u.to_be_bytes());
    }
    std::fs::write(&le, &le_bytes).unwrap();
    std::fs::write(&be, &be_bytes).unwrap();
    let out = dir.path().join("out");
    let (code, err) = build_status(&[&le, &be], &out, &["--keep-copies"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("le.txt: read as UTF-16LE"), "{err}");
    assert!(err.contains("be.txt: read as UTF-16BE"), "{err}");
    let g = graph(&out);
    assert_eq!(doc_ids(&g), ["be.txt", "le.txt"]);
    assert!(person_labels(&g).contains(&"خالد بن سالم آل فهيد".to_string()));
    // A UTF-16 file cut in the middle of a character is named, not read as binary.
    let cut = dir.path().join("cut.txt");
    std::fs::write(&cut, &le_bytes[..le_bytes.len() - 1]).unwrap();
    let (code, err) = build_status(&[&cut, &le], &out, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("cut.txt: not UTF-16LE text"), "{err}");
}

#[test]
fn nul_byte_after_8_kb_is_rejected_as_binary_naming_the_file() {
    let dir = common::tempdir();
    let late = dir.path().join("late-nul.txt");
    let mut bytes = Vec::new();
    while bytes.len() < 9000 {
        bytes.extend_from_slice(ARTICLE.as_bytes());
        bytes.push(b'\n');
    }
    let at = bytes.len();
    bytes.extend_from_slice(b"\0tail");
    std::fs::write(&late, &bytes).unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let out = dir.path().join("out");
    let (code, err) = build_status(&[&late, &good], &out, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "late-nul.txt: binary data, not a text file (a NUL byte at offset {at})"
        )),
        "{err}"
    );
    assert_eq!(doc_ids(&graph(&out)), ["good.txt"]);
}

#[test]
fn malformed_lexicon_row_is_an_error_naming_file_and_line() {
    let dir = common::tempdir();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let out = dir.path().join("out");
    for (rows, line, what) in [
        // Spaces where tabs belong.
        (
            "place:x X مكان\n",
            3,
            "expected 3 to 4 tab-separated fields, found 1",
        ),
        // No names: the row would add nothing.
        ("place:x\tX\t\n", 3, "field 3 (names) is empty"),
        ("place:x\tX\t َ|«»\n", 3, "field 3 (names) is empty"),
        ("\tX\tمكان\n", 3, "field 1 (id) is empty"),
        (
            "place:x\tX\tمكان\tOM\tmore\n",
            3,
            "expected 3 to 4 tab-separated fields, found 5",
        ),
    ] {
        let lex = dir.path().join("mine.tsv");
        std::fs::write(
            &lex,
            format!("# kind: places\nplace:ok\tOK\tمكان ما\n{rows}"),
        )
        .unwrap();
        let (code, err) = build_status(&[&good], &out, &["--lexicon", lex.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{rows:?}: {err}");
        assert!(
            err.contains(&format!("mine.tsv:{line}: {what}")),
            "{rows:?}: {err}"
        );
    }
    let lex = dir.path().join("cues.tsv");
    std::fs::write(&lex, "# kind: event_cues\nتفاوض\tmeetng\ttalks\n").unwrap();
    let (code, err) = build_status(&[&good], &out, &["--lexicon", lex.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("cues.tsv:2: unknown event cue kind \"meetng\""),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written when a lexicon is bad");
}

#[test]
fn missing_lexicon_file_is_named_without_line_0() {
    let dir = common::tempdir();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let missing = dir.path().join("no-such-lexicon.tsv");
    let (code, err) = build_status(
        &[&good],
        &dir.path().join("out"),
        &["--lexicon", missing.to_str().unwrap()],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!("{}: cannot read:", missing.display())),
        "{err}"
    );
    assert!(!err.contains(":0:"), "{err}");
}

/// A graph built from the article, as JSON, written to `dir/name` after `edit`.
fn edited_graph(dir: &Path, name: &str, edit: impl Fn(&mut Value)) -> std::path::PathBuf {
    let good = dir.join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let out = dir.join("built");
    common::build(&[&good], &out, &[]);
    let mut g = graph(&out);
    edit(&mut g);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&g).unwrap()).unwrap();
    path
}

#[test]
fn eval_on_a_graph_with_wrong_types_is_an_error_not_a_score() {
    let dir = common::tempdir();
    let gold = common::root().join("tests/seeds.gold.toml");
    type Edit = fn(&mut Value);
    let edits: [(&str, &str, Edit); 3] = [
        (
            "id.json",
            "invalid type: integer `123`, expected a string",
            |g| g["nodes"][0]["id"] = serde_json::json!(123),
        ),
        ("start.json", "invalid type: string \"12\"", |g| {
            let n = g["nodes"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|n| n["evidence"].is_array())
                .unwrap();
            n["evidence"][0]["start"] = serde_json::json!("12");
        }),
        ("reversed.json", "after its end", |g| {
            let n = g["nodes"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|n| n["evidence"].is_array())
                .unwrap();
            n["evidence"][0]["start"] = serde_json::json!(1000);
        }),
    ];
    for (name, what, edit) in edits {
        let path = edited_graph(dir.path(), name, edit);
        let o = common::wasit()
            .arg("eval")
            .arg(&path)
            .arg(&gold)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(name) && err.contains("not a wasit graph"),
            "{err}"
        );
        assert!(err.contains(what), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}: a score was printed");
    }
}

#[test]
fn export_with_dangling_edges_warns_naming_the_file() {
    let dir = common::tempdir();
    let path = edited_graph(dir.path(), "dangling.json", |g| {
        g["edges"].as_array_mut().unwrap().push(
            serde_json::json!({"source": "state:QA", "target": "meeting:gone", "type": "hosts"}),
        );
    });
    let out = dir.path().join("exported");
    let o = common::wasit()
        .args([
            "export",
            path.to_str().unwrap(),
            "--format",
            "graphml",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("dangling.json: warning: edge")
            && err.contains("(state:QA hosts meeting:gone): no node `meeting:gone`; dropped"),
        "{err}"
    );
    assert!(out.join("graph.graphml").is_file());
}

#[test]
fn export_with_a_span_starting_after_its_end_fails_naming_the_file() {
    let dir = common::tempdir();
    let path = edited_graph(dir.path(), "reversed.json", |g| {
        let e = g["edges"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|e| e["evidence"].is_array())
            .unwrap();
        e["evidence"][0]["start"] = serde_json::json!(1000);
        e["evidence"][0]["end"] = serde_json::json!(10);
    });
    let out = dir.path().join("exported");
    let o = common::wasit()
        .args([
            "export",
            path.to_str().unwrap(),
            "--format",
            "graphml,json",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("reversed.json: not a wasit graph"), "{err}");
    assert!(
        err.contains("evidence in good.txt starts at byte 1000, after its end 10"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written from a damaged graph");
}

#[test]
fn same_files_in_another_order_give_a_byte_identical_graph() {
    let seeds = common::root().join("seeds");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    let manifest = seeds.join("manifest.csv");
    let dir = common::tempdir();
    let mut outputs = Vec::new();
    // Sorted, reversed, and the middle one first.
    let mut shuffled = files.clone();
    shuffled.rotate_left(files.len() / 2);
    let mut reversed = files.clone();
    reversed.reverse();
    for (k, order) in [files, reversed, shuffled].iter().enumerate() {
        let out = dir.path().join(format!("out{k}"));
        let inputs: Vec<&Path> = order.iter().map(|p| p.as_path()).collect();
        common::build(&inputs, &out, &["--manifest", manifest.to_str().unwrap()]);
        outputs.push((
            std::fs::read_to_string(out.join("graph.json")).unwrap(),
            std::fs::read_to_string(out.join("graph.dot")).unwrap(),
        ));
    }
    for (k, (json, dot)) in outputs.iter().enumerate().skip(1) {
        if json != &outputs[0].0 {
            let diff: Vec<(&str, &str)> = outputs[0]
                .0
                .lines()
                .zip(json.lines())
                .filter(|(a, b)| a != b)
                .take(8)
                .collect();
            panic!("order {k}: graph.json differs: {diff:#?}");
        }
        assert!(dot == &outputs[0].1, "order {k}: graph.dot differs");
    }
}
