//! `wasit export`: write a graph.json in other formats.
//!
//! Every `--format` name is checked before anything is written (an unknown one is a
//! usage error, exit 2). Each format is then written on its own: a failure prints
//! `wasit: <file>: <error>` and the others go on; the exit code is 1 if any failed.
//! The paths written are printed on stdout, one per line. `-` as the graph reads it
//! from stdin; `--out -` writes the one format given on stdout (nothing else is
//! printed there). The HTML viewer quotes the evidence sentences of the documents
//! found (`--docs`, the current folder, the graph's folder).

use std::io::Write;
use std::process::ExitCode;

use wasit::export::format::{export_with_documents, write_single, Documents, Format};

use crate::cli::ExportArgs;

/// Runs `wasit export`.
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let mut formats: Vec<Format> = Vec::new();
    for name in args
        .format
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        let Some(format) = Format::from_name(name) else {
            let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            eprintln!(
                "wasit: unknown export format `{name}` (known: {})",
                known.join(", ")
            );
            return Ok(ExitCode::from(2));
        };
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    if formats.is_empty() {
        eprintln!("wasit: --format names no format");
        return Ok(ExitCode::from(2));
    }

    let to_stdout = super::is_dash(&args.out);
    if to_stdout {
        match formats.as_slice() {
            [f] if f.file_name().is_some() => {}
            [f] => {
                eprintln!("wasit: --out -: {f} writes several files; give a folder");
                return Ok(ExitCode::from(2));
            }
            _ => {
                eprintln!("wasit: --out - takes one format");
                return Ok(ExitCode::from(2));
            }
        }
    }

    let mut graph = super::read_graph(&args.graph)?;
    graph.canonicalize();
    let docs: Documents = if formats.contains(&Format::Html) {
        super::read_documents(&graph, &super::doc_folders(&args.docs, &args.graph))
    } else {
        Documents::new()
    };
    if formats.contains(&Format::Html) && docs.len() < graph.header.documents.len() {
        eprintln!(
            "wasit: {} of {} documents not found (give their folder with --docs): \
             their evidence shows as byte offsets",
            graph.header.documents.len() - docs.len(),
            graph.header.documents.len()
        );
    }

    if to_stdout {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        return match write_single(&graph, formats[0], &docs, &mut out).and_then(|()| out.flush()) {
            Err(e) if super::is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
            Err(e) => {
                eprintln!("wasit: stdout: {e}");
                Ok(ExitCode::from(1))
            }
            Ok(()) => Ok(ExitCode::SUCCESS),
        };
    }

    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for format in formats {
        match export_with_documents(&graph, format, &args.out, &docs) {
            Ok(paths) => {
                for p in paths {
                    writeln!(out, "{}", p.display())?;
                }
            }
            Err(err) => {
                eprintln!("wasit: {err}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
