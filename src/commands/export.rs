//! `wasit export`: write a graph.json in other formats.
//!
//! Every `--format` name is checked before anything is written (an unknown one is a
//! usage error, exit 2). Each format is then written on its own: a failure prints
//! `wasit: <file>: <error>` and the others go on; the exit code is 1 if any failed.
//! The paths written are printed on stdout, one per line.

use std::io::Write;
use std::process::ExitCode;

use wasit::export::format::{export, Format};

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

    let mut graph = super::read_graph(&args.graph)?;
    graph.canonicalize();

    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for format in formats {
        match export(&graph, format, &args.out) {
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
