//! Runs what [`super::app::App::update`] asks for against the store, and reloads what the
//! screen shows. The only place the TUI reads or writes the database (and the one place it
//! writes a file: the exported ledger).

use super::app::{App, Effect, ExportRequest, Screen};
use super::text::{self, tr};
use crate::core::identity::Actor;
use crate::core::report::{self, format::Format};
use crate::core::store::{LogFilter, Store, StoreError};
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

/// Runs one effect and feeds its outcome back into the app.
pub fn run(ctx: &Ctx<'_>, app: &mut App, effect: Effect) -> Result<(), StoreError> {
    let plan_id = app.board.plan.id.clone();
    match effect {
        Effect::Apply { edit, note } => {
            let result = ctx.store.apply(&plan_id, &edit, &note, ctx.actor);
            match result {
                Ok(u) => {
                    app.applied(Ok(u));
                    reload(ctx, app)?;
                }
                Err(StoreError::Refused(r)) => app.applied(Err(r.to_string())),
                // another process kept the database past a writer's wait: nothing changed
                Err(e @ StoreError::Busy { .. }) => app.applied(Err(e.to_string())),
                Err(e) => return Err(e),
            }
        }
        Effect::History(target) => app.set_history(history(ctx, &plan_id, &target)?),
        Effect::ListPlans => app.open_plans(&ctx.store.plans()?),
        Effect::SwitchPlan(id) => match ctx.store.board(&id) {
            Ok(board) => {
                let recent = ctx.store.recent(&id, FEED_LEN)?;
                app.switch_plan(board, recent);
            }
            Err(StoreError::Refused(r)) => app.say(r.to_string(), true),
            Err(e) => return Err(e),
        },
        Effect::Export(req) => {
            let lang = app.look.lang;
            match export(&ctx.export_dir, ctx.store.file_mode(), app, &req) {
                Ok(path) => {
                    app.say(format!("{} {}", tr(lang, text::EXPORTED), path.display()), false);
                }
                Err(e) => app.say(format!("{}: {e:#}", tr(lang, text::NOT_EXPORTED)), true),
            }
        }
    }
    Ok(())
}

/// Writes the ledger of the board as the app shows it (values as of its "today") to
/// `dir/<req.file_name>` with permission bits `mode` (the database's), and returns the path.
pub fn export(dir: &Path, mode: u32, app: &App, req: &ExportRequest) -> anyhow::Result<PathBuf> {
    let ledger = report::ledger(&app.board, &app.eval, req.by, &req.keep);
    let path = dir.join(&req.file_name);
    Format::Xlsx.save(&ledger, app.look.lang, &path, mode)?;
    Ok(path)
}

/// Reads the board, the live feed and (in the detail view) the target's history again.
pub fn reload(ctx: &Ctx<'_>, app: &mut App) -> Result<(), StoreError> {
    let plan_id = app.board.plan.id.clone();
    let board = ctx.store.board(&plan_id)?;
    let recent = ctx.store.recent(&plan_id, FEED_LEN)?;
    app.set_data(board, recent);
    if app.screen == Screen::Detail
        && let Some(t) = app.target.clone()
    {
        app.set_history(history(ctx, &plan_id, &t)?);
    }
    Ok(())
}

fn history(
    ctx: &Ctx<'_>,
    plan_id: &str,
    target: &str,
) -> Result<Vec<crate::core::model::Update>, StoreError> {
    let filter = LogFilter { subject: Some(target.to_string()), ..LogFilter::default() };
    ctx.store.log(plan_id, &filter)
}
