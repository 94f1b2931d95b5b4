//! yaodian: parse the command line, run a command or the TUI, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;
use yaodian::cli::{self, Cli, Context, Outcome};
use yaodian::core::identity::Actor;
use yaodian::tui::{self, TuiOptions};

fn main() -> ExitCode {
    // First, while this is the only thread: a setgid yaodian opens the shared database and
    // drops its group for good, before it reads the command line or the environment.
    if let Err(e) = yaodian::core::privilege::start() {
        eprintln!("yaodian: {e}");
        return ExitCode::FAILURE;
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let ctx = match Context::resolve(&cli) {
        Ok(ctx) => ctx,
        Err(e) => return fail(&e),
    };
    yaodian::core::store::damage::install_hook();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&cli, &ctx)));
    match run {
        Ok(code) => code,
        Err(_) => match yaodian::core::store::damage::take() {
            Some(msg) => {
                let line = format!("{}: damaged database ({msg})", ctx.db_name());
                eprintln!("yaodian: {}", yaodian::core::safe_text::escape(&line));
                ExitCode::FAILURE
            }
            // Our own bug: the hook has printed it; exit as Rust does on a panic.
            None => ExitCode::from(101),
        },
    }
}

fn run(cli: &Cli, ctx: &Context) -> ExitCode {
    match cli::run(cli, ctx) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Tui { store, plan, demo, today }) => {
            let opts = TuiOptions {
                lang: ctx.lang,
                ascii: ctx.ascii,
                color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                demo,
                readonly: ctx.readonly || !store.is_writable(),
                today,
                clock: ctx.clock,
            };
            let result = tui::run(store, plan, Actor::current(), opts);
            if demo {
                let _ = std::fs::remove_file(cli::demo_path());
            }
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        Err(e) => fail(&e),
    }
}

/// Help and version print as clap has them; a malformed command line is one line on
/// stderr with exit code 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = e.print();
        return ExitCode::from(2);
    }
    let text = e.render().to_string();
    let first = text.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    eprintln!("yaodian: {} (see yaodian --help)", yaodian::core::safe_text::escape(first));
    ExitCode::from(2)
}

/// One line on stderr, exit code 1: the whole chain of context, nothing more.
fn fail(e: &anyhow::Error) -> ExitCode {
    // A typed error often repeats its source in its own message: say each part once.
    let mut chain: Vec<String> = Vec::new();
    for part in e.chain().map(ToString::to_string) {
        if !chain.last().is_some_and(|prev| prev.ends_with(&part)) {
            chain.push(part);
        }
    }
    // Errors echo user input (ids, names, paths): print them through the terminal-safe
    // escape like all human output.
    eprintln!("yaodian: {}", yaodian::core::safe_text::escape(&chain.join(": ")));
    ExitCode::FAILURE
}
