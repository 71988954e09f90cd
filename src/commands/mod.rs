//! One function per subcommand; each returns the exit code or an error that
//! names its input.

mod build;
mod eval;
mod explore;
mod export;
mod render;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Render(args) => render::run(args),
        Command::Export(args) => export::run(args),
        Command::Mediators(args) => explore::mediators(args),
        Command::Who(args) => explore::who(args),
        Command::Path(args) => explore::path(args),
        Command::Timeline(args) => explore::timeline(args),
    }
}

/// Reads a graph.json, naming the file in the error.
pub fn read_graph(path: &std::path::Path) -> anyhow::Result<wasit::model::Graph> {
    use anyhow::Context;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    wasit::model::Graph::from_json(&text)
        .with_context(|| format!("{}: not a wasit graph", path.display()))
}
