//! `wasit eval`: score a graph against a gold annotation, printing the figures of
//! `shared/eval/score.py` (a table, or JSON with `--json`; misses and extras with
//! `--details`).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use wasit::eval::{format_json, format_table, score, Gold};

use crate::cli::EvalArgs;

/// Reads the graph and the gold, scores, prints.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let graph_path = args.graph.display();
    let text = std::fs::read_to_string(&args.graph)
        .with_context(|| format!("{graph_path}: cannot read"))?;
    let graph: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{graph_path}: not a JSON graph"))?;
    // A graph that says it is wasit's must have wasit's types (node ids and labels
    // strings, evidence offsets numbers, start ≤ end): a hand-edited or damaged one is
    // an error, not a score. Other tools' graphs are read leniently, as the reference
    // scorer reads them.
    if graph.get("wasit").is_some() {
        let (_, warnings) = wasit::model::Graph::read_json(&text)
            .with_context(|| format!("{graph_path}: not a wasit graph"))?;
        super::warn_graph(&graph_path.to_string(), &warnings);
    }
    let gold_path = args.gold.display();
    let text =
        std::fs::read_to_string(&args.gold).with_context(|| format!("{gold_path}: cannot read"))?;
    let gold = Gold::parse(&text).with_context(|| gold_path.to_string())?;
    let scores = score(&graph, &gold).with_context(|| graph_path.to_string())?;
    let out = if args.json {
        format_json(&scores, args.details)
    } else {
        format_table(&scores, args.details)
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // `wasit eval … | head`: the reader left, nothing is wrong.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}
