//! yaodian: parse the command line, run a command or the TUI, map errors to exit codes.

use std::process::ExitCode;
use yaodian::cli::{self, Cli, CliError, Command, Context, Outcome};
use yaodian::core::identity::Actor;
use yaodian::i18n::errors;
use yaodian::lang::Lang;
use yaodian::tui::{self, TuiOptions};

fn main() -> ExitCode {
    let cli = match cli::args::parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    // `brief --quiet-errors` runs at login: whatever goes wrong, it prints nothing and
    // exits 0.
    if matches!(&cli.command, Some(Command::Brief(args)) if args.quiet_errors) {
        std::panic::set_hook(Box::new(|_| {}));
        let quiet = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            Context::resolve(&cli).and_then(|ctx| cli::run(&cli, &ctx))
        }));
        drop(quiet);
        return ExitCode::SUCCESS;
    }
    // The completion scripts' helper: silent, whatever the database or the settings hold.
    if let Some(Command::Complete { kind, prefix }) = &cli.command {
        return cli::complete(&cli, *kind, prefix);
    }
    let ctx = match Context::resolve(&cli) {
        Ok(ctx) => ctx,
        Err(e) => return fail(&e, cli.lang.unwrap_or_else(Lang::from_env)),
    };
    yaodian::core::store::damage::install_hook();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&cli, &ctx)));
    match run {
        Ok(code) => code,
        Err(_) => match yaodian::core::store::damage::take() {
            Some(detail) => {
                let path = std::path::PathBuf::from(ctx.db_name());
                let e = yaodian::core::store::StoreError::Damaged { path, detail };
                eprintln!("yaodian: {}", errors::store(&e, ctx.lang));
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
        Ok(Outcome::Tui { store, plan, demo, today, first_run }) => {
            let opts = TuiOptions {
                lang: ctx.lang,
                ascii: ctx.ascii,
                color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                demo,
                readonly: ctx.readonly || !store.is_writable(),
                today,
                clock: ctx.clock,
                first_run,
            };
            let result = tui::run(store, plan, Actor::current(), opts);
            if demo {
                let _ = std::fs::remove_file(cli::demo_path());
            }
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e, ctx.lang),
            }
        }
        Err(e) => fail(&e, ctx.lang),
    }
}

/// Help and version print as clap has them (exit 0); a malformed command line gets clap's
/// whole message — what is wrong, "did you mean", the usage — with exit code 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Whether the error is standard output's reader gone (directly or through serde_json).
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| cause.downcast_ref::<serde_json::Error>().and_then(|j| j.io_error_kind()));
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// One line on stderr in the interface language, exit code 1. A reader that stopped
/// reading (`yaodian targets | head -1`) ends the command quietly, as other tools end.
fn fail(e: &anyhow::Error, lang: Lang) -> ExitCode {
    if closed_pipe(e) {
        return ExitCode::SUCCESS;
    }
    eprintln!("yaodian: {}", errors::chain(e, lang));
    // A malformed command line exits 2 and ends as clap's own messages end.
    match e.downcast_ref::<CliError>() {
        Some(e) if e.is_usage() => {
            eprintln!("\n{}", yaodian::i18n::cli::TRY_HELP.get(lang));
            ExitCode::from(2)
        }
        _ => ExitCode::FAILURE,
    }
}
