//! yaodian: parse the command line, run a command or the TUI, map errors to exit codes.

use std::process::ExitCode;
use yaodian::cli::{self, Cli, Command, Context, Outcome};
use yaodian::core::identity::Actor;
use yaodian::tui::{self, TuiOptions};

fn main() -> ExitCode {
    // First, while this is the only thread: a setgid yaodian opens the shared database and
    // drops its group for good, before it reads the command line or the environment.
    if let Err(e) = yaodian::core::privilege::start() {
        eprintln!("yaodian: {e}");
        return ExitCode::FAILURE;
    }
    let cli = match cli::args::parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    // The completion scripts' helper: silent, whatever the database or the settings hold.
    if let Some(Command::Complete { kind, prefix }) = &cli.command {
        return cli::complete(&cli, *kind, prefix);
    }
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

/// Help and version print as clap has them (exit 0); a malformed command line gets clap's
/// whole message — what is wrong, "did you mean", the usage — with exit code 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    if e.use_stderr() {
        // clap's message repeats what was typed: shown with the terminal-safe escape
        let text = e.render().to_string();
        eprint!("{}", yaodian::core::safe_text::escape_lines(&text));
    } else {
        let _ = e.print();
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
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
