//! `wasit eval`: score a graph against a gold annotation.

use std::process::ExitCode;

use crate::cli::EvalArgs;

pub fn run(_args: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("eval: not implemented yet")
}
