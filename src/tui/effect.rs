//! Runs the [`Effect`]s the app asks for against the store and returns what came of each
//! as one [`Outcome`]. The only place the TUI reads or writes the database (and the one
//! place it writes a file: the exported ledger).
//!
//! [`run`] needs the store and the plan id, never the app: it can run on any thread, and
//! its outcome be fed to [`App::handle`] whenever it arrives. Today [`drive`] does both on
//! the event loop's thread.

use super::app::{App, Effect, ExportRequest, Loaded, Outcome};
use crate::core::identity::Actor;
use crate::core::report;
use crate::core::store::{LogFilter, Store, StoreError};
use crate::i18n::errors;
use std::path::{Path, PathBuf};

/// How many updates the live feed keeps.
pub const FEED_LEN: usize = 30;

/// The store, who is writing to it, and where exported ledgers go. The plan shown is the
/// app's (`app.board.plan.id`), so switching plans needs no new context.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub actor: &'a Actor,
    /// `$YAODIAN_EXPORT_DIR`, else the directory the board was started in.
    pub export_dir: PathBuf,
}

/// Where `E` writes by default: `$YAODIAN_EXPORT_DIR`, else the current directory.
pub fn export_dir_from_env() -> PathBuf {
    std::env::var_os("YAODIAN_EXPORT_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs one effect on plan `plan`. `None` when there is nothing to tell (a refresh that
/// found no change). A refusal of the store is an outcome; only a failure of the file or
/// the machine is an error.
pub fn run(ctx: &Ctx<'_>, plan: &str, effect: Effect) -> Result<Option<Outcome>, StoreError> {
    let outcome = match effect {
        Effect::Apply { edit, note } => match ctx.store.apply(plan, &edit, &note, ctx.actor) {
            Ok(Some(update)) => Outcome::Applied { update, now: Box::new(load(ctx, plan)?) },
            Ok(None) => Outcome::Unchanged,
            Err(StoreError::Refused(r)) => Outcome::Refused(r),
            Err(e) => return Err(e),
        },
        Effect::Refresh { seen } => {
            if ctx.store.counter()? == seen {
                return Ok(None);
            }
            Outcome::Changed(Box::new(load(ctx, plan)?))
        }
        Effect::History(target) => {
            let filter = LogFilter { subject: Some(target.clone()), ..LogFilter::default() };
            Outcome::History { updates: ctx.store.log(plan, &filter)?, target }
        }
        Effect::ListPlans => Outcome::Plans(ctx.store.plans()?),
        Effect::SwitchPlan(id) => match load(ctx, &id) {
            Ok(now) => Outcome::Switched(Ok(Box::new(now))),
            Err(StoreError::Refused(r)) => Outcome::Switched(Err(r)),
            Err(e) => return Err(e),
        },
        Effect::Export(mut req) => {
            if let Some((period, as_of)) = req.period {
                // the period report: the period's figures from the log, as `export` adds them
                let board = ctx.store.board(plan)?;
                let log = ctx.store.log(plan, &LogFilter::default())?;
                let clock = ctx.store.clock();
                report::add_period_until(&mut req.ledger, &board, &log, period, as_of, &clock);
            }
            Outcome::Exported(
                export(&ctx.export_dir, &req).map_err(|e| errors::chain(&e, req.lang)),
            )
        }
    };
    Ok(Some(outcome))
}

/// Runs an effect and every follow-up the app asks for, feeding each outcome to the app.
/// Returns whether anything came back.
pub fn drive(ctx: &Ctx<'_>, app: &mut App, effect: Effect) -> Result<bool, StoreError> {
    let mut next = Some(effect);
    let mut any = false;
    while let Some(effect) = next.take() {
        let plan = app.board.plan.id.clone();
        if let Some(outcome) = run(ctx, &plan, effect)? {
            any = true;
            next = app.handle(outcome);
        }
    }
    Ok(any)
}

/// Writes the ledger to `dir/<req.file_name>` and returns the path.
pub fn export(dir: &Path, req: &ExportRequest) -> anyhow::Result<PathBuf> {
    let path = dir.join(&req.file_name);
    req.format.save(&req.ledger, req.lang, &path)?;
    Ok(path)
}

/// Reads a plan's board and live feed.
fn load(ctx: &Ctx<'_>, plan: &str) -> Result<Loaded, StoreError> {
    let board = ctx.store.board(plan)?;
    let latest = ctx.store.item_latest_reports(plan, &board.plan)?;
    Ok(Loaded {
        settings: ctx.store.plan_settings(plan)?,
        latest,
        recent: ctx.store.recent(plan, FEED_LEN)?,
        board,
    })
}
