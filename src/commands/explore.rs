//! `wasit mediators|who|path|timeline`: questions asked of a built graph. Each
//! reads the graph, resolves the names given (`wasit::explore::resolve`), asks
//! `wasit::explore` and prints a table, or JSON with `--json`.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use wasit::explore::{mediators as med, path as paths, resolve, timeline as tl, who as card};
use wasit::model::{Graph, Node};

use crate::cli::{GraphArg, MediatorsArgs, PathArgs, TimelineArgs, WhoArgs};

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
    let base = args
        .graph
        .graph
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let load = |doc: &str| read_document(&base, doc);
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
    let report = tl::timeline(&graph, entity.as_deref());
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

/// The text of a document, when it can be read: its id as a path, else relative to
/// the graph's folder. Only plain files that are valid UTF-8.
fn read_document(base: &Path, doc: &str) -> Option<String> {
    let doc_path = Path::new(doc);
    [doc_path.to_path_buf(), base.join(doc_path)]
        .into_iter()
        .filter(|p| p.is_file())
        .find_map(|p| std::fs::read_to_string(p).ok())
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
