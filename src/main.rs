//! yaodian: parse the command line, run a command or the TUI, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;
use yaodian::cli::{self, Cli, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(&cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Tui { store, plan, demo, today }) => {
            // The TUI lands in its own change; until then the board prints as text.
            let _ = (demo, today);
            match cli::print_board(
                &store,
                &plan,
                cli.lang.unwrap_or_else(yaodian::lang::Lang::from_env),
            ) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        Err(e) => fail(&e),
    }
}

/// One line on stderr, exit code 1: the whole chain of context, nothing more.
fn fail(e: &anyhow::Error) -> ExitCode {
    let chain: Vec<String> = e.chain().map(ToString::to_string).collect();
    eprintln!("yaodian: {}", chain.join(": "));
    ExitCode::FAILURE
}
