//! `wasit export`: write a graph.json in other formats.

use std::process::ExitCode;

use crate::cli::ExportArgs;

pub fn run(_args: ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export: not implemented yet")
}
