//! `wasit build`: read inputs, extract each document (in parallel), merge into
//! one graph, write graph.json and graph.dot atomically, render a diagram, and
//! print a summary. Bad inputs are reported one line each (`path: problem`); the
//! run goes on and the exit code says something failed.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use wasit::export::atomic::write_file;
use wasit::export::dot::{to_dot, DiagramOptions};
use wasit::export::format::{export_with_documents, Documents, Format};
use wasit::export::render::{dot_available, render, DiagramFormat};
use wasit::extract::{extract, DocFacts};
use wasit::input::Corpus;
use wasit::lexicon::Lexicon;
use wasit::model::{Graph, NodeType};

use crate::cli::{BuildArgs, DiagramArgs, Labels, RenderFormat, View};

/// Documents above which a progress bar is shown (when stderr is a terminal).
const PROGRESS_MIN_DOCS: usize = 50;

/// Maps the command line's diagram flags to the library's options.
pub fn diagram_options(d: &DiagramArgs) -> DiagramOptions {
    use wasit::export::dot::{Labels as L, View as V};
    DiagramOptions {
        view: match d.view {
            View::All => V::All,
            View::Mediators => V::Mediators,
            View::People => V::People,
            View::Claims => V::Claims,
        },
        focus: d.focus.clone(),
        depth: d.depth,
        labels: match d.labels {
            Labels::Ar => L::Ar,
            Labels::En => L::En,
            Labels::Both => L::Both,
        },
    }
}

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    if let Some(d) = &args.date {
        anyhow::ensure!(
            wasit::extract::dates::parse_iso(d).is_some(),
            "--date {d:?}: not a date (want YYYY-MM-DD, YYYY-MM or YYYY)"
        );
    }
    // Every --format name is checked before anything is read or written.
    let Some(formats) = parse_formats(&args.format) else {
        return Ok(ExitCode::from(2));
    };
    let to_stdout = super::is_dash(&args.out);
    anyhow::ensure!(
        !to_stdout || formats.is_empty(),
        "--out - writes graph.json on stdout alone: --format needs an output folder"
    );
    let lexicon_files: Vec<&Path> = args.lexicons.iter().map(|p| p.as_path()).collect();
    let mut stages = Stages::from_env();
    let owned;
    let embedded = lexicon_files.is_empty() && !args.no_people_kb;
    let lex: Option<&Lexicon> = if embedded {
        None
    } else {
        owned = Lexicon::with_options(&lexicon_files, !args.no_people_kb)?;
        Some(&owned)
    };
    if !to_stdout {
        check_out_folder(&args.out)?;
    }
    // The embedded lexicon compiles while the inputs are read.
    let (lex, corpus) = rayon::join(
        || lex.unwrap_or_else(|| Lexicon::embedded()),
        || Corpus::read(&args.inputs, args.manifest.as_deref(), args.date.as_deref()),
    );
    stages.mark("read");
    for e in &corpus.errors {
        eprintln!("{e}");
    }
    for n in &corpus.notes {
        eprintln!("{n}");
    }
    // Nothing read: publish nothing, so the outputs of an earlier run stay.
    if corpus.docs.is_empty() {
        let failed: Vec<&str> = corpus.errors.iter().map(|e| e.path.as_str()).collect();
        anyhow::bail!(
            "no document read (failed: {}); nothing written to {}",
            if failed.is_empty() {
                "no inputs".to_string()
            } else {
                failed.join(", ")
            },
            args.out.display()
        );
    }
    let bar =
        if std::io::stderr().is_terminal() && !args.quiet && corpus.docs.len() >= PROGRESS_MIN_DOCS
        {
            let bar = ProgressBar::new(corpus.docs.len() as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {pos}/{len} documents [{bar:30}] {per_sec} {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
    // Syndicated copies add a source, not facts.
    let copy_of = if args.keep_copies {
        vec![None; corpus.docs.len()]
    } else {
        wasit::syndication::copies(&corpus.docs)
    };
    let header = wasit::facts::header_of(
        corpus
            .docs
            .iter()
            .map(|d| (d.id.clone(), d.meta.clone()))
            .collect(),
        &copy_of,
    );
    let documents: Documents = if formats.contains(&Format::Html) {
        corpus
            .docs
            .iter()
            .map(|d| (d.id.clone(), d.text.clone()))
            .collect()
    } else {
        Documents::new()
    };
    let errors = corpus.errors.len();
    let docs = corpus.docs.len();
    // Each text is dropped once its facts are out (issue 14: memory).
    let facts: Vec<DocFacts> = corpus
        .docs
        .into_par_iter()
        .zip(copy_of.par_iter())
        .filter(|(_, c)| c.is_none())
        .map(|(d, _)| {
            let f = extract(&d, lex);
            bar.inc(1);
            f
        })
        .collect();
    bar.inc(copy_of.iter().filter(|c| c.is_some()).count() as u64);
    bar.finish_and_clear();
    stages.mark("extract");
    let graph = wasit::graph::build_capped(&facts, header, args.max_evidence);
    drop(facts);
    stages.mark("merge");
    publish(
        Publish {
            out: &args.out,
            render: args.render,
            formats,
            quiet: args.quiet,
            diagram: &args.diagram,
            docs,
            errors,
            documents,
            written: Vec::new(),
            started,
        },
        &graph,
        &mut stages,
    )
}

/// Where and how a graph is written: `build` and `merge` end the same way.
pub struct Publish<'a> {
    /// Output folder, or `-` for graph.json on stdout.
    pub out: &'a Path,
    /// `--render`.
    pub render: Option<RenderFormat>,
    /// `--format`, checked.
    pub formats: Vec<Format>,
    /// `--quiet`.
    pub quiet: bool,
    /// Diagram options.
    pub diagram: &'a DiagramArgs,
    /// Documents read, for the summary.
    pub docs: usize,
    /// Inputs that failed (the exit code says so).
    pub errors: usize,
    /// Texts for the HTML viewer's evidence sentences.
    pub documents: Documents,
    /// Files written before the graph (listed in the summary).
    pub written: Vec<String>,
    /// When the command started.
    pub started: Instant,
}

/// Writes graph.json and graph.dot atomically, renders the diagram, writes the
/// extra formats and prints the summary.
pub fn publish(p: Publish, graph: &Graph, stages: &mut Stages) -> anyhow::Result<ExitCode> {
    if super::is_dash(p.out) {
        return graph_to_stdout(&p, graph);
    }
    let out = p.out;
    std::fs::create_dir_all(out)
        .with_context(|| format!("{}: cannot create the output folder", out.display()))?;
    let json_path = out.join("graph.json");
    let dot_path = out.join("graph.dot");
    let options = diagram_options(p.diagram);
    // The JSON and the diagram source are written side by side (two cores).
    let (json, dot) = rayon::join(
        || {
            write_file(&json_path, |w| graph.write_json(w))
                .with_context(|| format!("{}: cannot write", json_path.display()))
        },
        || -> anyhow::Result<String> {
            let dot = to_dot(graph, &options).map_err(|e| anyhow::anyhow!("--focus: {e}"))?;
            write_file(&dot_path, |w| w.write_all(dot.as_bytes()))
                .with_context(|| format!("{}: cannot write", dot_path.display()))?;
            Ok(dot)
        },
    );
    json?;
    let dot = dot?;
    stages.mark("write");
    let mut written = p.written;
    written.push(json_path.display().to_string());
    written.push(dot_path.display().to_string());

    let format = match p.render {
        Some(RenderFormat::None) => None,
        Some(RenderFormat::Svg) => Some(DiagramFormat::Svg),
        Some(RenderFormat::Png) => Some(DiagramFormat::Png),
        Some(RenderFormat::Pdf) => Some(DiagramFormat::Pdf),
        None => dot_available().then_some(DiagramFormat::Svg),
    };
    let mut failed = p.errors > 0;
    if let Some(format) = format {
        if dot_available() {
            let path = out.join(format!("graph.{}", format.extension()));
            match render(&dot, format, &path) {
                Ok(()) => {
                    if let Some(warning) = wasit::export::render::size_warning(&path) {
                        eprintln!("{warning}");
                    }
                    written.push(path.display().to_string())
                }
                Err(e) => {
                    eprintln!("{e}");
                    failed = true;
                }
            }
        } else {
            eprintln!("warning: Graphviz `dot` is not installed: no diagram rendered (graph.dot is written)");
        }
    }
    for f in p.formats {
        match export_with_documents(graph, f, out, &p.documents) {
            Ok(paths) => written.extend(paths.iter().map(|p| p.display().to_string())),
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    if !p.quiet {
        let summary = print_summary(
            &mut std::io::stdout().lock(),
            graph,
            p.docs,
            p.errors,
            &written,
            p.started.elapsed().as_secs_f64(),
        );
        // A closed stdout (`wasit build … | head -0`) is no failure: the outputs are written.
        match summary {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(anyhow::Error::new(e).context("stdout: cannot print the summary"));
            }
            _ => {}
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `build --out -`: graph.json on stdout, the summary (without the files list) on
/// stderr; no other file.
fn graph_to_stdout(p: &Publish, graph: &Graph) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let json = graph.to_json();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(json.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("stdout: cannot write the graph")?,
    }
    if !p.quiet {
        let _ = print_summary(
            &mut std::io::stderr().lock(),
            graph,
            p.docs,
            p.errors,
            &["stdout".to_string()],
            p.started.elapsed().as_secs_f64(),
        );
    }
    Ok(if p.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Stage timings on stderr when `WASIT_TIMINGS` is set (for benchmarks: where a
/// build's time goes, issue 14).
pub struct Stages(Option<Instant>);

impl Stages {
    /// Timings when `WASIT_TIMINGS` is set, else none.
    pub fn from_env() -> Stages {
        Stages(std::env::var_os("WASIT_TIMINGS").map(|_| Instant::now()))
    }

    /// Prints the time since the last mark.
    pub fn mark(&mut self, stage: &str) {
        if let Some(t) = &mut self.0 {
            eprintln!(
                "stage {stage:8} {:8.3} s  {}",
                t.elapsed().as_secs_f64(),
                memory_now()
            );
            *t = Instant::now();
        }
    }
}

/// The `--format` names as formats, each once; `None` (after saying so) when one
/// is unknown.
pub fn parse_formats(names: &[String]) -> Option<Vec<Format>> {
    let mut formats: Vec<Format> = Vec::new();
    for name in names.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let Some(f) = Format::from_name(name) else {
            let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            eprintln!(
                "wasit: --format {name}: unknown export format (known: {}); nothing written",
                known.join(", ")
            );
            return None;
        };
        if !formats.contains(&f) {
            formats.push(f);
        }
    }
    Some(formats)
}

/// Resident and peak memory from `/proc/self/status` (empty where there is none).
fn memory_now() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| {
                v.trim()
                    .trim_end_matches(" kB")
                    .trim()
                    .parse::<u64>()
                    .unwrap_or(0)
                    / 1024
            })
            .unwrap_or(0)
    };
    format!("rss {} MB, peak {} MB", field("VmRSS:"), field("VmHWM:"))
}

/// Fails when `out` cannot be a folder (it, or the nearest existing folder above
/// it, is a file), before any input is read.
fn check_out_folder(out: &Path) -> anyhow::Result<()> {
    let mut at = Some(out);
    while let Some(p) = at {
        if p.as_os_str().is_empty() {
            break;
        }
        if let Ok(meta) = std::fs::metadata(p) {
            anyhow::ensure!(
                meta.is_dir(),
                "--out {}: cannot create the output folder: {} is not a folder",
                out.display(),
                p.display()
            );
            return Ok(());
        }
        at = p.parent();
    }
    Ok(())
}

fn print_summary(
    w: &mut impl std::io::Write,
    graph: &Graph,
    docs: usize,
    errors: usize,
    written: &[String],
    secs: f64,
) -> std::io::Result<()> {
    let (nodes, edges) = wasit::graph::summary(graph);
    let join = |m: &std::collections::BTreeMap<&str, usize>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(
        w,
        "read {docs} document{}{} in {secs:.2} s",
        if docs == 1 { "" } else { "s" },
        if errors > 0 {
            format!(
                " ({errors} input error{})",
                if errors == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        }
    )?;
    writeln!(w, "nodes {}: {}", graph.node_count(), join(&nodes))?;
    writeln!(w, "edges {}: {}", graph.edge_count(), join(&edges))?;
    let meetings: Vec<_> = graph
        .nodes()
        .filter(|n| n.node_type == NodeType::Meeting)
        .collect();
    if !meetings.is_empty() {
        writeln!(w, "meetings:")?;
        for m in meetings {
            let names = |t: wasit::model::EdgeType| {
                graph
                    .in_edges(&m.id)
                    .filter(|e| e.edge_type == t)
                    .filter_map(|e| graph.node(&e.source).map(|n| n.label.clone()))
                    .collect::<Vec<_>>()
                    .join("، ")
            };
            let place = graph
                .out_edges(&m.id)
                .filter(|e| e.edge_type == wasit::model::EdgeType::HeldIn)
                .filter_map(|e| graph.node(&e.target).map(|n| n.label.clone()))
                .collect::<Vec<_>>()
                .join("، ");
            let mut line = format!(
                "  {} | {} | {} | sides: {}",
                m.attr_str("date").unwrap_or("?"),
                if place.is_empty() {
                    "?".to_string()
                } else {
                    place
                },
                m.attr_str("status").unwrap_or("?"),
                names(wasit::model::EdgeType::PartyTo)
            );
            let med = names(wasit::model::EdgeType::Mediates);
            if !med.is_empty() {
                line.push_str(&format!(" | mediator: {med}"));
            }
            writeln!(w, "{line}")?;
        }
    }
    writeln!(w, "wrote {}", written.join(", "))?;
    w.flush()
}
