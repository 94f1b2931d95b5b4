//! `status` (the board at a glance) and `targets` (every target).

use super::board_on;
use crate::cli::args::{BoardArgs, TargetsArgs};
use crate::cli::{Context, human, json};
use crate::core::clock::Clock;
use crate::core::filter;
use crate::core::model::{IndexedPlan, ItemState};
use crate::core::pace::stale::{StaleRule, Staleness};
use crate::core::pace::{self, Rollup, Rollups};
use crate::core::store::{Glance, Store};
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
    /// The day to measure on (`--today`); `None` is the clock's today.
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

/// The board at a glance (or, with `json`, complete) for `plan`, measured on `req.today`
/// (else the clock's today) or as it stood at the end of `req.as_of`.
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
    if req.json
        && req.as_of.is_none()
        && let Some(parts) = Parts::read(store, plan, today)?
    {
        // today's board streams from the store: figures from the tallies, targets one by one
        let keep = filter::by_query(&parts.plan, req.dept)?;
        let shown = if keep.iter().all(|&k| k) {
            Rollups { themes: parts.glance.themes.clone(), overall: parts.glance.overall }
        } else {
            let kept: Vec<usize> = (0..keep.len()).filter(|&k| keep[k]).collect();
            pace::roll_up(&parts.plan, &parts.rollups, &[], &kept, false)
        };
        return parts.write(store, plan, clock, out, |out, s| {
            json::write_status_streamed(out, s, &shown, &keep)
        });
    }
    let (board, eval) = board_on(store, plan, req.as_of, today, clock)?;
    let stale = staleness(store, plan, &board, &eval, clock)?;
    let keep = filter::by_query(&board.plan, req.dept)?;
    if req.json {
        let mut out = std::io::BufWriter::new(out);
        json::write_status(&mut out, &board, &eval, &stale, &keep)?;
        out.flush()?;
    } else {
        human::status(out, &board, &eval, &stale, &keep, lang)?;
    }
    Ok(())
}

/// `yaodian targets`: every target with its value, goal, pace and status; with `--stale`,
/// only those not updated for the plan's staleness period.
pub fn targets(ctx: &Context, args: &TargetsArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    let board_args = &args.board;
    if board_args.json
        && board_args.as_of.is_none()
        && let Some(parts) = Parts::read(&store, &plan, ctx.today())?
    {
        let keep = filter::by_query(&parts.plan, board_args.dept.as_deref())?;
        return parts.write(&store, &plan, &ctx.clock, out, |out, s| {
            json::write_targets_streamed(out, s, &keep, args.stale)
        });
    }
    let (board, eval) = board_on(&store, &plan, board_args.as_of, ctx.today(), &ctx.clock)?;
    let stale = staleness(&store, &plan, &board, &eval, &ctx.clock)?;
    let keep = filter::by_query(&board.plan, board_args.dept.as_deref())?;
    let mut shown = filter::kept_targets(&board.plan, &keep);
    if args.stale {
        for (k, s) in shown.iter_mut().enumerate() {
            *s = *s && stale.target(k);
        }
    }
    if board_args.json {
        let mut out = std::io::BufWriter::new(out);
        json::write_targets(&mut out, &board, &eval, &stale, &shown)?;
        out.flush()?;
    } else {
        human::targets(out, &board, &eval, &stale, &shown, ctx.lang)?;
    }
    Ok(())
}

/// What `status --json` and `targets --json` read before their first target: the plan's
/// items and the stored tallies (`None` where a file has no tallies: the board is read).
struct Parts {
    glance: Glance,
    /// The plan with its items, without its targets.
    plan: IndexedPlan,
    item_states: Vec<ItemState>,
    /// Each item's roll-up from its tally, parallel to the items.
    rollups: Vec<Rollup>,
}

impl Parts {
    fn read(store: &Store, plan: &str, today: NaiveDate) -> Result<Option<Parts>> {
        let Some(glance) = store.glance(plan, today)? else { return Ok(None) };
        let Some(items) = store.item_glances(plan, today)? else { return Ok(None) };
        let mut whole = glance.plan.clone();
        let mut item_states = Vec::with_capacity(items.len());
        let mut rollups = Vec::with_capacity(items.len());
        for g in items {
            whole.items.push(g.item);
            item_states.push(g.state);
            rollups.push(g.rollup);
        }
        Ok(Some(Parts { glance, plan: IndexedPlan::new(whole), item_states, rollups }))
    }

    /// Indexes the plan's targets and has `write` write them as they are read.
    fn write<W: Write>(
        &self,
        store: &Store,
        plan: &str,
        clock: &Clock,
        out: W,
        write: impl FnOnce(&mut std::io::BufWriter<W>, &json::Streamed<'_>) -> Result<()>,
    ) -> Result<()> {
        let reader = store.target_reader(plan)?;
        let index = reader.index(|id| self.plan.item_index(id))?;
        let p = &self.plan;
        let days = store.plan_settings(plan)?.stale_days;
        let today = self.glance.as_of;
        let streamed = json::Streamed {
            plan: &self.plan,
            item_states: &self.item_states,
            reader: &reader,
            index: &index,
            stale: StaleRule { start: p.start, end: p.end, today, days, clock },
            failed: std::cell::RefCell::new(None),
        };
        let mut out = std::io::BufWriter::new(out);
        write(&mut out, &streamed)?;
        out.flush()?;
        Ok(())
    }
}

/// Which targets and status items are stale on the evaluation's date, by the plan's
/// staleness period.
fn staleness(
    store: &Store,
    plan: &str,
    board: &crate::core::model::Board,
    eval: &crate::core::pace::Evaluation,
    clock: &Clock,
) -> Result<Staleness> {
    let days = store.plan_settings(plan)?.stale_days;
    Ok(Staleness::of(board, eval, days, clock))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate::{self, Spec};
    use crate::core::identity::Actor;
    use crate::core::store::OpenOptions;

    /// `status --as-of` replays the log as it streams by: each entry read once and the
    /// targets once, whatever the size of the plan (work counted, not timed).
    #[test]
    fn status_as_of_reads_each_entry_and_each_target_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("g.redb"), OpenOptions::default()).expect("open");
        let spec = Spec::new(2, 3, 10, 2000);
        let plan = generate::plan(&spec).expect("plan");
        let me = Actor { user: "w".into(), uid: 1 };
        let written = store.bulk_load(&plan, generate::updates(&plan, &spec), &me).expect("load");
        let day = NaiveDate::from_ymd_opt(spec.year, 9, 30).expect("day");
        for json in [false, true] {
            let before = store.reads();
            let req = StatusRequest { json, as_of: Some(day), ..StatusRequest::default() };
            let mut out = Vec::new();
            status(&store, &plan.id, &req, &spec.clock, Lang::En, &mut out).expect("status");
            assert!(!out.is_empty());
            let reads = store.reads();
            assert_eq!(reads.updates - before.updates, written as u64);
            assert_eq!(reads.targets - before.targets, plan.targets.len() as u64);
        }
    }
}
