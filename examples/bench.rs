//! Speed and memory of wasit on a large corpus, with a baseline measured in the
//! same run: `rg -o -F -f PATTERNS` over the same folded text with the same
//! lexicon (every occurrence, like our automaton pass).
//!
//! `cargo run --release --example bench -- [MEGABYTES]` (default 50). The corpus is
//! the seeds and the development set repeated to that size.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use wasit::extract::extract;
use wasit::lexicon::Lexicon;
use wasit::model::Document;
use wasit::text::{Folded, Tokens};

fn texts(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt") {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    out.push(t);
                }
            }
        }
    }
    out
}

/// Peak resident memory of this process (VmHWM), in MB.
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn main() {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut articles = texts(&root.join("seeds"));
    articles.extend(texts(&root.join("tests/dev")));
    if articles.is_empty() {
        eprintln!("no articles under seeds/ or tests/dev/");
        std::process::exit(1);
    }
    let mut docs = Vec::new();
    let mut size = 0;
    while size < megabytes * 1_000_000 {
        for a in &articles {
            size += a.len();
            docs.push(Document::new(format!("d{}", docs.len()), a.clone()));
        }
    }
    let mb = size as f64 / 1e6;
    println!("corpus: {} documents, {mb:.1} MB", docs.len());

    let t = Instant::now();
    let lex = Lexicon::embedded();
    println!(
        "lexicon: {} patterns compiled in {:.3} s",
        lex.pattern_count(),
        t.elapsed().as_secs_f64()
    );

    // The folded corpus, written once for the baseline.
    let t = Instant::now();
    let folded: Vec<Folded> = docs.iter().map(|d| Folded::new(&d.text)).collect();
    let fold_s = t.elapsed().as_secs_f64();
    println!("fold:       {fold_s:7.3} s  {:7.1} MB/s", mb / fold_s);

    let t = Instant::now();
    let mut hits = 0usize;
    for f in &folded {
        hits += lex.find(&f.text, &Tokens::new(&f.text)).len();
    }
    let lex_s = t.elapsed().as_secs_f64();
    println!(
        "lexicon:    {lex_s:7.3} s  {:7.1} MB/s  ({hits} hits on token boundaries)",
        mb / lex_s
    );

    let t = Instant::now();
    let facts: Vec<_> = docs.iter().map(|d| extract(d, lex)).collect();
    let ex_s = t.elapsed().as_secs_f64();
    println!(
        "extract:    {ex_s:7.3} s  {:7.1} MB/s  (one thread, every stage)",
        mb / ex_s
    );
    let t = Instant::now();
    let g = wasit::graph::build(&facts, Default::default());
    println!(
        "merge:      {:7.3} s  ({} nodes, {} edges)",
        t.elapsed().as_secs_f64(),
        g.node_count(),
        g.edge_count()
    );
    println!("peak memory: {:.0} MB", peak_mb());

    // Baseline: ripgrep, every occurrence of the same patterns in the same folded text.
    let dir = std::env::temp_dir().join(format!("wasit-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let (corpus, patterns) = (dir.join("folded.txt"), dir.join("patterns.txt"));
    let written = std::fs::File::create(&corpus).and_then(|mut w| {
        for f in &folded {
            w.write_all(f.text.as_bytes())?;
            w.write_all(b"\n")?;
        }
        Ok(())
    });
    let pats = std::fs::write(&patterns, lex.pattern_keys().join("\n"));
    if written.is_err() || pats.is_err() {
        eprintln!("cannot write the baseline's files in {}", dir.display());
        return;
    }
    let t = Instant::now();
    let rg_all = Command::new("rg")
        .args(["-o", "-F", "-f"])
        .arg(&patterns)
        .arg(&corpus)
        .stdout(Stdio::null())
        .status();
    let rg_all_s = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    match rg_all {
        Ok(_) => {
            println!(
                "baseline rg -o -F -f: {rg_all_s:7.3} s  {:7.1} MB/s",
                mb / rg_all_s
            );
            println!(
                "ratio (wasit lexicon pass / rg): {:.2}x the time",
                lex_s / rg_all_s
            );
            println!(
                "ratio (wasit full extraction / rg): {:.2}x the time",
                ex_s / rg_all_s
            );
        }
        Err(_) => println!("baseline: ripgrep (rg) is not installed; no ratio"),
    }
}
