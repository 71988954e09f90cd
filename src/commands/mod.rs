//! One function per subcommand; each returns the exit code or an error that
//! names its input.

mod build;
mod eval;
mod explore;
mod export;
mod render;
mod shards;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Extract(args) => shards::extract(args),
        Command::Merge(args) => shards::merge(args),
        Command::Eval(args) => eval::run(args),
        Command::Render(args) => render::run(args),
        Command::Export(args) => export::run(args),
        Command::Load(args) => load(args),
        Command::Mediators(args) => explore::mediators(args),
        Command::Who(args) => explore::who(args),
        Command::Path(args) => explore::path(args),
        Command::Timeline(args) => explore::timeline(args),
    }
}

/// `wasit load falkordb FILE --url URL --graph NAME [--replace]`.
fn load(args: crate::cli::LoadArgs) -> anyhow::Result<ExitCode> {
    let mut graph = read_graph(&args.file)?;
    graph.canonicalize();
    let started = std::time::Instant::now();
    let report = match args.target {
        crate::cli::LoadTarget::Falkordb => {
            wasit::export::falkordb::load(&graph, &args.url, &args.name, args.replace)?
        }
    };
    eprintln!(
        "wasit: loaded {} nodes and {} edges into graph {} at {} ({} statements{}) in {:.1} s",
        graph.node_count(),
        graph.edge_count(),
        args.name,
        args.url,
        report.statements,
        if report.replaced {
            ", older graph replaced"
        } else {
            ""
        },
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// True when a write failed because the reader went away (`| head`), also when the
/// error comes wrapped by serde_json: no failure, the output simply ends.
pub fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<serde_json::Error>())
            .and_then(serde_json::Error::io_error_kind)
            == Some(std::io::ErrorKind::BrokenPipe)
}

/// True for the path `-`: stdin or stdout.
pub fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a graph.json (`-`: from stdin), naming the file in the error.
pub fn read_graph(path: &Path) -> anyhow::Result<wasit::model::Graph> {
    use anyhow::Context;
    use std::io::Read;
    let text = if is_dash(path) {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("stdin: cannot read the graph")?;
        text
    } else {
        std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?
    };
    let name = if is_dash(path) {
        "stdin".to_string()
    } else {
        path.display().to_string()
    };
    let (graph, warnings) = wasit::model::Graph::read_json(&text)
        .with_context(|| format!("{name}: not a wasit graph"))?;
    warn_graph(&name, &warnings);
    Ok(graph)
}

/// Prints the warnings of [`wasit::model::Graph::read_json`], naming the file: the
/// first few, then how many more.
pub fn warn_graph(name: &str, warnings: &[String]) {
    const SHOWN: usize = 5;
    for w in warnings.iter().take(SHOWN) {
        eprintln!("wasit: {name}: warning: {w}");
    }
    if warnings.len() > SHOWN {
        eprintln!(
            "wasit: {name}: warning: {} more edges without their nodes dropped",
            warnings.len() - SHOWN
        );
    }
}

/// Where the documents of a graph are looked for: the `--docs` folders, the current
/// folder, then the graph's own folder (none for a graph read from stdin).
pub fn doc_folders(docs: &[PathBuf], graph: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = docs.to_vec();
    dirs.push(PathBuf::new());
    if !is_dash(graph) {
        if let Some(parent) = graph.parent() {
            dirs.push(parent.to_path_buf());
        }
    }
    dirs
}

/// The text of a document, when it can be read: its id as a path under one of
/// `dirs`, in order. Only plain files that are valid UTF-8.
pub fn read_document(dirs: &[PathBuf], doc: &str) -> Option<String> {
    dirs.iter()
        .map(|d| d.join(doc))
        .filter(|p| p.is_file())
        .find_map(|p| std::fs::read_to_string(p).ok())
}

/// The texts of the documents a graph's header lists, those that can be read.
pub fn read_documents(
    graph: &wasit::model::Graph,
    dirs: &[PathBuf],
) -> std::collections::HashMap<String, String> {
    graph
        .header
        .documents
        .iter()
        .filter_map(|d| Some((d.id.clone(), read_document(dirs, &d.id)?)))
        .collect()
}
