//! Runs what [`super::app::App::update`] asks for against the store, and reloads what the
//! screen shows. The only place the TUI reads or writes the database.

use super::app::{App, Effect, Screen};
use crate::core::identity::Actor;
use crate::core::store::{LogFilter, Store, StoreError};

/// How many updates the live feed keeps.
pub const FEED_LEN: usize = 30;

/// The store and who is writing to it.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub plan_id: &'a str,
    pub actor: &'a Actor,
}

/// Runs one effect and feeds its outcome back into the app.
pub fn run(ctx: &Ctx<'_>, app: &mut App, effect: Effect) -> Result<(), StoreError> {
    match effect {
        Effect::Apply { edit, note } => {
            let result = ctx.store.apply(ctx.plan_id, &edit, &note, ctx.actor);
            match result {
                Ok(u) => {
                    app.applied(Ok(u));
                    reload(ctx, app)?;
                }
                Err(e) if e.is_user_error() => app.applied(Err(e.to_string())),
                Err(e) => return Err(e),
            }
        }
        Effect::History(target) => app.set_history(history(ctx, &target)?),
    }
    Ok(())
}

/// Reads the board, the live feed and (in the detail view) the target's history again.
pub fn reload(ctx: &Ctx<'_>, app: &mut App) -> Result<(), StoreError> {
    let board = ctx.store.board(ctx.plan_id)?;
    let recent = ctx.store.recent(ctx.plan_id, FEED_LEN)?;
    app.set_data(board, recent);
    if app.screen == Screen::Detail
        && let Some(t) = app.target.clone()
    {
        app.set_history(history(ctx, &t)?);
    }
    Ok(())
}

fn history(ctx: &Ctx<'_>, target: &str) -> Result<Vec<crate::core::model::Update>, StoreError> {
    let filter = LogFilter { subject: Some(target.to_string()), ..LogFilter::default() };
    ctx.store.log(ctx.plan_id, &filter)
}
