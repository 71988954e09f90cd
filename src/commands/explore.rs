//! `wasit mediators|who|path|timeline`: questions asked of a built graph. Each
//! reads the graph, resolves the names given (`wasit::explore::resolve`), asks
//! `wasit::explore` and prints a table, or JSON with `--json`.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use wasit::explore::{mediators as med, path as paths, resolve, timeline as tl, who as card};
use wasit::model::{Graph, Node};

use crate::cli::{EventKindArg, GraphArg, MediatorsArgs, PathArgs, TimelineArgs, WhoArgs};

/// How many shortest chains `wasit path` prints at most.
const PATH_LIMIT: usize = 20;

/// `wasit mediators [--between A B]`.
pub fn mediators(args: MediatorsArgs) -> anyhow::Result<ExitCode> {
    let graph = super::read_graph(&args.graph.graph)?;
    let report = match args.between.as_deref() {
        Some([a, b]) => {
            let a = find(&graph, a, &args.graph)?;
            let b = find(&graph, b, &args.graph)?;
            med::between(&graph, &a.id, &b.id)
        }
        Some(_) => anyhow::bail!("--between takes two sides"),
        None => med::mediators(&graph),
    };
    emit(&args.graph, &report, |w| med::write_table(&report, w))
}

/// `wasit who NAME`.
pub fn who(args: WhoArgs) -> anyhow::Result<ExitCode> {
    let graph = super::read_graph(&args.graph.graph)?;
    let node = find(&graph, &args.name, &args.graph)?;
    let dirs = super::doc_folders(&args.graph.docs, &args.graph.graph);
    let load = |doc: &str| super::read_document(&dirs, doc);
    let Some(c) = card::card(&graph, &node.id, load) else {
        anyhow::bail!("{}: no node {}", args.graph.graph.display(), node.id);
    };
    emit(&args.graph, &c, |w| card::write_card(&c, w))
}

/// `wasit path A B`.
pub fn path(args: PathArgs) -> anyhow::Result<ExitCode> {
    let graph = super::read_graph(&args.graph.graph)?;
    let a = find(&graph, &args.from, &args.graph)?;
    let b = find(&graph, &args.to, &args.graph)?;
    let report = paths::shortest_paths(&graph, &a.id, &b.id, PATH_LIMIT);
    emit(&args.graph, &report, |w| paths::write_table(&report, w))
}

/// `wasit timeline [--entity X]`.
pub fn timeline(args: TimelineArgs) -> anyhow::Result<ExitCode> {
    let graph = super::read_graph(&args.graph.graph)?;
    let entity = match &args.entity {
        Some(name) => Some(find(&graph, name, &args.graph)?.id.clone()),
        None => None,
    };
    for (flag, d) in [("--from", &args.from), ("--to", &args.to)] {
        if let Some(d) = d {
            anyhow::ensure!(
                wasit::extract::dates::parse_iso(d).is_some(),
                "{flag} {d:?}: not a date (want YYYY-MM-DD, YYYY-MM or YYYY)"
            );
        }
    }
    let mut report = tl::timeline(&graph, entity.as_deref());
    let kind = args.kind.map(|k| match k {
        EventKindArg::Meetings => tl::EventKind::Meetings,
        EventKindArg::Claims => tl::EventKind::Claims,
    });
    report.keep(kind, args.from.as_deref(), args.to.as_deref());
    emit(&args.graph, &report, |w| tl::write_table(&report, w))
}

/// The node a name means, naming the graph file when there is none; other nodes
/// matching as well are named on stderr.
fn find<'g>(graph: &'g Graph, name: &str, arg: &GraphArg) -> anyhow::Result<&'g Node> {
    let node =
        resolve::resolve_one(graph, name).with_context(|| arg.graph.display().to_string())?;
    let others = resolve::also_matching(graph, name);
    if !others.is_empty() {
        let names: Vec<String> = others
            .iter()
            .take(5)
            .map(|n| format!("{} ({})", n.label, n.id))
            .collect();
        eprintln!(
            "wasit: «{name}» is taken as {} ({}); it also matches {}",
            node.label,
            node.id,
            names.join(", ")
        );
    }
    Ok(node)
}

/// Prints a report as JSON or as a table on stdout. A closed pipe (`| head`) ends
/// the output quietly.
fn emit<T: Serialize>(
    arg: &GraphArg,
    report: &T,
    table: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = if arg.json {
        serde_json::to_writer_pretty(&mut out, report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        table(&mut out)
    };
    match result.and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write to stdout"),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}
