//! The `wasit` binary: parse the command line, run the subcommand, map errors to
//! exit codes (0 ok, 1 some input failed or a command failed, 2 usage).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

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
