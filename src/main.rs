//! The `wasit` binary: parse the command line, run the subcommand, map errors to
//! exit codes (0 ok, 1 some input failed or a command failed, 2 usage).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: faster than the system allocator on the many small allocations of
/// extraction, and it returns freed memory, so peak memory is lower (issue 14).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("wasit: {err:#}");
            ExitCode::from(1)
        }
    }
}
