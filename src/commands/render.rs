//! `wasit render`: draw a graph.json through Graphviz.

use std::process::ExitCode;

use crate::cli::RenderArgs;

pub fn run(_args: RenderArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("render: not implemented yet")
}
