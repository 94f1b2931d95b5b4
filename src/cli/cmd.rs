//! One function per command, in one file per command or small group of commands. Each opens
//! the store through the [`Context`], does one thing, and prints for people ([`super::human`])
//! or, with `--json`, for scripts ([`super::json`]).

pub mod brief;
pub mod complete;
pub mod completions;
pub mod config;
pub mod cycle;
pub mod demo;
pub mod edit;
pub mod export;
pub mod import;
pub mod init;
pub mod log;
pub mod maintenance;
pub mod man;
pub mod plans;
pub mod roles;
pub mod status;

use super::{Context, Outcome};
use crate::core::clock::Clock;
use crate::core::model::Board;
use crate::core::pace::{self, Evaluation, Thresholds};
use crate::core::report;
use crate::core::store::Store;
use anyhow::Result;
use chrono::NaiveDate;

/// No command: the board (TUI) on the database, created with the bundled plan on first use.
pub fn board(ctx: &Context) -> Result<Outcome> {
    let store = ctx.open_board()?;
    // the ids only: counting every plan's items and targets read the whole targets table
    let first_run = store.plan_ids()?.is_empty();
    let plan = ctx.plan_in(&store)?;
    Ok(Outcome::Tui { store, plan, demo: false, today: ctx.pretend_today, first_run })
}

/// The board as it is, measured on `today`, or as it stood at the end of `as_of`
/// (replayed from the log).
fn board_on(
    store: &Store,
    plan: &str,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
    clock: &Clock,
) -> Result<(Board, Evaluation)> {
    let board = store.board(plan)?;
    Ok(match as_of {
        None => {
            let eval = pace::evaluate(&board, today, &Thresholds::default());
            (board, eval)
        }
        Some(day) => {
            // the log streamed into the replay, never held whole
            let mut replay = report::Replay::new(&board.plan, clock.end_of_day(day));
            report::for_each_subject(store, &board.plan, |subject, u| replay.apply_to(subject, u))?;
            report::evaluate_past(replay.finish(board), day)
        }
    })
}
