//! yaodian: parse the command line, run a command or the TUI, map errors to exit codes.

use std::process::ExitCode;
use yaodian::cli::{self, Cli, CliError, Command, Context, Outcome};
use yaodian::core::identity::Actor;
use yaodian::i18n::errors;
use yaodian::lang::Lang;
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
        Err(e) => return usage_error(&e, lang_of_args()),
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
                let line = errors::store(&e, ctx.lang);
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
        // A terminal that cannot move the cursor gets what `status` prints, and why.
        Ok(Outcome::Tui { store, plan, demo, today, .. })
            if std::env::var_os("TERM").is_some_and(|t| t == "dumb") =>
        {
            eprintln!(
                "yaodian: {}",
                yaodian::i18n::tr(ctx.lang, yaodian::i18n::cli::DUMB_TERMINAL)
            );
            let req = cli::StatusRequest { json: false, dept: None, as_of: None, today };
            let result =
                cli::status(&store, &plan, &req, &ctx.clock, ctx.lang, &mut std::io::stdout());
            drop(store);
            if demo {
                let _ = std::fs::remove_file(cli::demo_path());
            }
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e, ctx.lang),
            }
        }
        Ok(Outcome::Tui { store, plan, demo, today, first_run }) => {
            let opts = TuiOptions {
                lang: ctx.lang,
                ascii: ctx.ascii,
                color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                rich: std::env::var_os("COLORTERM").is_some_and(|v| !v.is_empty())
                    || std::env::var("TERM").is_ok_and(|t| t.contains("256color")),
                demo,
                readonly: ctx.readonly || !store.is_writable(),
                today,
                clock: ctx.clock,
                mouse: ctx.mouse,
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
fn usage_error(e: &clap::Error, lang: Lang) -> ExitCode {
    // clap's message repeats what was typed: shown with the terminal-safe escape
    match yaodian::i18n::usage::clap_error(e, lang) {
        Some(words) => eprintln!("{}", yaodian::core::safe_text::escape_lines(&words)),
        None if e.use_stderr() => {
            let text = e.render().to_string();
            eprint!("{}", yaodian::core::safe_text::escape_lines(&text));
        }
        None => {
            let _ = e.print();
        }
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// The interface language for a command line clap refused: `--lang` if it was given and
/// valid, else the saved setting, else the locale.
fn lang_of_args() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let given = args.iter().enumerate().find_map(|(k, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(k + 1).and_then(|v| Lang::parse(v)),
        Some(v) => v.strip_prefix('=').and_then(Lang::parse),
        None => None,
    });
    given
        .or_else(|| yaodian::settings::Settings::load().ok().and_then(|s| s.lang))
        .unwrap_or_else(Lang::from_env)
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
    // Errors echo user input (ids, names, paths): printed through the terminal-safe escape
    // like all human output.
    let line = errors::chain(e, lang);
    eprintln!("yaodian: {}", yaodian::core::safe_text::escape(&line));
    // A malformed command line exits 2 and ends as clap's own messages end.
    match e.downcast_ref::<CliError>() {
        Some(e) if e.is_usage() => {
            eprintln!("\n{}", yaodian::i18n::cli::TRY_HELP.get(lang));
            ExitCode::from(2)
        }
        _ => ExitCode::FAILURE,
    }
}
