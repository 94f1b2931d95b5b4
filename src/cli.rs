//! The command line, a thin layer over the core: [`args`] says what may be typed (clap);
//! [`context`] resolves once where the database is, which plan, read-only or not, the
//! language and the clock, and opens the store; [`cmd`] has one function per command, which
//! prints for people ([`human`]) or, with `--json`, for scripts ([`json`]). [`run`] only
//! dispatches.

pub mod args;
mod cmd;
mod context;
mod dry_run;
mod error;
mod human;
mod json;
mod topics;
pub mod version;

pub use args::{Cli, Command};
pub use cmd::complete::run_quietly as complete;
pub use cmd::demo::demo_path;
pub use cmd::status::{StatusRequest, status};
pub use context::{BUNDLED_PLAN, BUNDLED_PLAN_NAME, Context, bundled_plan};
pub use error::CliError;

use crate::core::store::Store;
use anyhow::Result;
use chrono::NaiveDate;
use std::io::Write;

/// What `main` does after a command: nothing more, or run the TUI on this store and plan.
pub enum Outcome {
    Done,
    /// `first_run`: the database was empty and the bundled plan was just imported.
    Tui {
        store: Store,
        plan: String,
        demo: bool,
        today: Option<NaiveDate>,
        first_run: bool,
    },
}

/// The commands `--today` means something to: those that measure the board on a day.
fn measures_on_a_day(command: &Command) -> bool {
    matches!(
        command,
        Command::Demo(_)
            | Command::Status(_)
            | Command::Targets(_)
            | Command::Export(_)
            | Command::Reported(_)
            | Command::Brief(_)
    )
}

/// Runs the parsed command line.
pub fn run(cli: &Cli, ctx: &Context) -> Result<Outcome> {
    let command = match &cli.command {
        None => return cmd::board(ctx),
        Some(Command::Demo(args)) if !args.generate && args.keep.is_none() => {
            return cmd::demo::open(ctx);
        }
        Some(command) => command,
    };
    if ctx.pretend_today.is_some() && !measures_on_a_day(command) {
        return Err(CliError::TodayNotHere.into());
    }
    let out = &mut std::io::stdout().lock();
    match command {
        Command::Demo(args) => match &args.keep {
            Some(path) => cmd::demo::keep(ctx, path, out),
            None => cmd::demo::generate(ctx, args, out),
        },
        Command::Import(args) => cmd::import::run(ctx, args, out),
        Command::Status(args) => cmd::status::run(ctx, args, out),
        Command::Targets(args) => cmd::status::targets(ctx, args, out),
        Command::Export(args) => cmd::export::run(ctx, args, out),
        Command::Reported(args) => cmd::cycle::reported(ctx, args, out),
        Command::Brief(args) => cmd::brief::run(ctx, args, out),
        Command::PlanSettings(args) => cmd::cycle::settings(ctx, args, out),
        Command::Restore { file } => cmd::maintenance::restore(ctx, file, out),
        Command::Log(args) => cmd::log::run(ctx, args, out),
        Command::Set { id, value, note } => cmd::edit::set(ctx, id, value, note, out),
        Command::Add { id, delta, note } => cmd::edit::add(ctx, id, delta, note, out),
        Command::Done { id, note } => cmd::edit::done(ctx, id, note, out),
        Command::Note { item, text } => cmd::edit::note(ctx, item, text, out),
        Command::Undo => cmd::edit::undo(ctx, out),
        Command::Plans { json } => cmd::plans::run(ctx, *json, out),
        Command::Init { shared, group, admin } => {
            cmd::init::run(ctx, shared.as_deref(), group.as_deref(), admin.as_deref(), out)
        }
        Command::Grant(args) => cmd::roles::grant(ctx, args, out),
        Command::Revoke { user } => cmd::roles::revoke(ctx, user, out),
        Command::Roles => cmd::roles::list(ctx, out),
        Command::Check => cmd::maintenance::check(ctx, out),
        Command::Backup { file } => cmd::maintenance::backup(ctx, file, out),
        Command::Config { key, value } => {
            cmd::config::run(ctx, key.as_deref(), value.as_deref(), out)
        }
        Command::Pace => writeln!(out, "{}", topics::PACE).map_err(Into::into),
        Command::Completions { shell } => cmd::completions::run(*shell, out),
        Command::Man { dir } => cmd::man::run(dir.as_deref(), ctx.lang, out),
        Command::Complete { kind, prefix } => cmd::complete::list(ctx, *kind, prefix, out),
    }?;
    out.flush()?;
    Ok(Outcome::Done)
}
