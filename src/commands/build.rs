//! `wasit build`: read inputs, extract, merge, write graph.json and graph.dot.

use std::process::ExitCode;

use crate::cli::BuildArgs;

pub fn run(_args: BuildArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("build: not implemented yet")
}
