//! `plans`: the plans in the database, the current one marked.

use crate::cli::{Context, human, json};
use anyhow::Result;
use std::io::Write;

/// `yaodian plans`.
pub fn run(ctx: &Context, as_json: bool, out: &mut impl Write) -> Result<()> {
    let (store, _) = ctx.open_for_reading()?;
    let current = store.resolve_plan(None).ok();
    let plans = store.plans()?;
    if as_json {
        json::print(out, &json::plans(&plans, current.as_deref(), &ctx.clock))?;
    } else {
        human::plans(out, &plans, current.as_deref(), ctx.lang)?;
    }
    Ok(())
}
