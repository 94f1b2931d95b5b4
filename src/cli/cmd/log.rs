//! `log`: the update log of one target or item, or of the whole plan.

use crate::cli::args::LogArgs;
use crate::cli::{Context, human, json};
use crate::core::filter;
use crate::core::model::Board;
use crate::core::store::{LogFilter, Refusal};
use anyhow::{Result, bail};
use std::io::Write;

/// `yaodian log [ID]`.
pub fn run(ctx: &Context, args: &LogArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    let board = store.board(&plan)?;
    if let Some(id) = &args.id
        && board.target_index(id).is_none()
        && board.item_index(id).is_none()
    {
        bail!(Refusal::UnknownTarget(id.clone()));
    }
    let clock = &ctx.clock;
    let filter = LogFilter {
        subject: args.id.clone(),
        user: args.user.clone(),
        since: args.since.map(|d| clock.midnight(d)),
        until: args.until.and_then(|d| d.succ_opt()).map(|d| clock.midnight(d)),
    };
    let keep = filter::by_query(&board.plan, args.dept.as_deref())?;
    let log: Vec<_> = store
        .log(&plan, &filter)?
        .into_iter()
        .filter(|u| subject_kept(&board, u.change.subject(), &keep))
        .collect();
    if args.json {
        json::print(out, &json::log(&log, clock))?;
    } else {
        human::log(out, &board, &log, clock, ctx.lang)?;
    }
    Ok(())
}

/// Whether a log subject (target or item id) belongs to a kept item.
fn subject_kept(board: &Board, subject: &str, keep: &[bool]) -> bool {
    let item = match board.target_index(subject) {
        Some(k) => board.plan.targets[k].item.as_deref(),
        None => Some(subject),
    };
    match item.and_then(|i| board.item_index(i)) {
        Some(k) => keep[k],
        None => keep.iter().all(|&k| k),
    }
}
