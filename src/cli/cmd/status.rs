//! `status` (the board at a glance) and `targets` (every target).

use super::board_on;
use crate::cli::args::BoardArgs;
use crate::cli::{Context, human, json};
use crate::core::clock::Clock;
use crate::core::filter;
use crate::core::store::Store;
use crate::lang::Lang;
use anyhow::Result;
use chrono::NaiveDate;
use std::io::Write;

/// What `status` was asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct StatusRequest<'a> {
    pub json: bool,
    pub dept: Option<&'a str>,
    pub as_of: Option<NaiveDate>,
    /// The date to measure on when not `as_of` (`--today`; default: the clock's).
    pub today: Option<NaiveDate>,
}

/// `yaodian status`.
pub fn run(ctx: &Context, args: &BoardArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    let req = StatusRequest {
        json: args.json,
        dept: args.dept.as_deref(),
        as_of: args.as_of,
        today: ctx.pretend_today,
    };
    status(&store, &plan, &req, &ctx.clock, ctx.lang, out)
}

/// The board at a glance (or, with `json`, complete) for `plan`, measured on the clock's
/// today or as it stood at the end of `req.as_of`.
pub fn status(
    store: &Store,
    plan: &str,
    req: &StatusRequest<'_>,
    clock: &Clock,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let today = req.today.unwrap_or_else(|| clock.today());
    // A large plan at a glance comes from the stored tallies, without reading its targets.
    if !req.json
        && req.dept.is_none()
        && req.as_of.is_none()
        && let Some(g) = store.glance(plan, today)?
        && g.brief.targets as usize > human::DETAIL_TARGETS
    {
        let items = if g.brief.items as usize <= human::DETAIL_ITEMS {
            store.item_glances(plan, today)?
        } else {
            None
        };
        human::glance(out, &g, items.as_deref(), lang)?;
        return Ok(());
    }
    let (board, eval) = board_on(store, plan, req.as_of, today, clock)?;
    let keep = filter::by_query(&board.plan, req.dept)?;
    if req.json {
        json::print(out, &json::status(&board, &eval, &keep))?;
    } else {
        human::status(out, &board, &eval, &keep, lang)?;
    }
    Ok(())
}

/// `yaodian targets`: every target with its value, goal, pace and status.
pub fn targets(ctx: &Context, args: &BoardArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    let (board, eval) = board_on(&store, &plan, args.as_of, ctx.today(), &ctx.clock)?;
    let keep = filter::by_query(&board.plan, args.dept.as_deref())?;
    if args.json {
        json::print(out, &json::targets(&board, &eval, &keep))?;
    } else {
        human::targets(out, &board, &eval, &keep, ctx.lang)?;
    }
    Ok(())
}
