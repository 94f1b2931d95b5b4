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
        // one write at the end, not one per line (stdout is line-buffered)
        let mut out = std::io::BufWriter::new(out);
        human::glance(&mut out, &g, items.as_deref(), lang)?;
        out.flush()?;
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
        let mut out = std::io::BufWriter::new(out);
        human::status(&mut out, &board, &eval, &stale, &keep, lang)?;
        out.flush()?;
    }
    Ok(())
}

/// `yaodian targets`: every target with its value, goal, pace and status; with `--stale`,
/// only those not updated for the plan's staleness period.
pub fn targets(ctx: &Context, args: &TargetsArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    list(&store, &plan, args, ctx.today(), &ctx.clock, ctx.lang, out)
}

/// The targets of `plan` on `today` (or as of `args`' date), as `targets` prints them.
fn list(
    store: &Store,
    plan: &str,
    args: &TargetsArgs,
    today: NaiveDate,
    clock: &Clock,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let board_args = &args.board;
    if board_args.json
        && board_args.as_of.is_none()
        && let Some(parts) = Parts::read(store, plan, today)?
    {
        let keep = filter::by_query(&parts.plan, board_args.dept.as_deref())?;
        return parts.write(store, plan, clock, out, |out, s| {
            json::write_targets_streamed(out, s, &keep, args.stale)
        });
    }
    let (board, eval) = board_on(store, plan, board_args.as_of, today, clock)?;
    let stale = staleness(store, plan, &board, &eval, clock)?;
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
        human::targets(out, &board, &eval, &stale, &shown, lang)?;
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
    use crate::core::store::tests::FirstWrite;

    /// A generated plan with the shapes the index must place: a target a theme heading
    /// states, a sub-target, targets made by hand under ids of no item's prefix (one of an
    /// item, one of a theme heading), a target of an item that does not exist, an item due
    /// early and a status item; with its log loaded.
    fn odd_store(dir: &std::path::Path) -> (Store, crate::core::model::Plan, Spec) {
        use crate::core::edit::Edit;
        use crate::core::model::{Department, Role, Status};
        let mut store = Store::open(&dir.join("o.redb"), OpenOptions::default()).expect("open");
        let spec = Spec::new(3, 4, 6, 600);
        let mut plan = generate::plan(&spec).expect("plan");
        let mut bare = plan.items[0].clone();
        (bare.id, bare.number, bare.theme) = ("99".into(), 99, 2);
        bare.departments = vec![Department { name: "办公室".into(), role: Role::Lead }];
        plan.items.push(bare);
        plan.items[1].due = NaiveDate::from_ymd_opt(spec.year, 6, 30);
        let mut heading = plan.targets[2].clone();
        (heading.id, heading.item, heading.theme) = ("t3.1".into(), None, 3);
        plan.targets.insert(0, heading);
        let mut sub = plan.targets[2].clone();
        sub.id = format!("{}.9", plan.targets[2].item.as_deref().expect("item"));
        sub.parent = Some(plan.targets[2].id.clone());
        plan.targets.push(sub);
        let me = Actor { user: "w".into(), uid: 1 };
        store.bulk_load(&plan, generate::updates(&plan, &spec), &me).expect("load");
        // targets added by hand on 06-01: paced, and stale, from that day
        let june = NaiveDate::from_ymd_opt(spec.year, 6, 1).expect("day");
        let at = june.and_hms_opt(9, 0, 0).expect("time").and_utc().timestamp_millis();
        let cst = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8");
        store.set_clock(crate::core::clock::Clock::fixed(at, cst));
        let mut hand = plan.targets[5].clone();
        (hand.id, hand.item, hand.line) = ("a-hand".into(), plan.items[3].id.clone().into(), 0);
        let mut hand_theme = hand.clone();
        (hand_theme.id, hand_theme.item, hand_theme.theme) = ("0-hand".into(), None, 2);
        for t in [hand, hand_theme] {
            store.apply(&plan.id, &Edit::PutTarget(Box::new(t)), "", &me).expect("put");
        }
        store
            .apply(&plan.id, &Edit::Set { target: "a-hand".into(), value: 3.0 }, "", &me)
            .expect("set");
        let edit = Edit::ItemStatus { item: "99".into(), status: Some(Status::AtRisk) };
        store.apply(&plan.id, &edit, "", &me).expect("status");
        (store, plan, spec)
    }

    /// `status --json` and `targets --json` streamed from the store write what the board
    /// held in memory writes, on several days and under a department filter.
    #[test]
    fn streamed_json_is_the_boards() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (store, plan, spec) = odd_store(dir.path());
        let clock = &spec.clock;
        let dept = plan.items[1].departments[0].name.clone();
        for (m, d) in [(1, 20), (6, 15), (12, 31)] {
            let today = NaiveDate::from_ymd_opt(spec.year, m, d).expect("day");
            for dept in [None, Some(dept.as_str())] {
                let (board, eval) = board_on(&store, &plan.id, None, today, clock).expect("board");
                let stale = staleness(&store, &plan.id, &board, &eval, clock).expect("stale");
                let keep = filter::by_query(&board.plan, dept).expect("keep");
                let mut whole = Vec::new();
                json::write_status(&mut whole, &board, &eval, &stale, &keep).expect("write");
                let req = StatusRequest { json: true, dept, today: Some(today), as_of: None };
                let mut streamed = Vec::new();
                status(&store, &plan.id, &req, clock, Lang::En, &mut streamed).expect("status");
                assert_eq!(String::from_utf8_lossy(&streamed), String::from_utf8_lossy(&whole));
                for only_stale in [false, true] {
                    let mut shown = filter::kept_targets(&board.plan, &keep);
                    for (k, s) in shown.iter_mut().enumerate() {
                        *s = *s && (!only_stale || stale.target(k));
                    }
                    let mut whole = Vec::new();
                    json::write_targets(&mut whole, &board, &eval, &stale, &shown).expect("w");
                    let args = TargetsArgs {
                        board: BoardArgs { json: true, dept: dept.map(String::from), as_of: None },
                        stale: only_stale,
                    };
                    let mut streamed = Vec::new();
                    list(&store, &plan.id, &args, today, clock, Lang::En, &mut streamed)
                        .expect("targets");
                    assert_eq!(String::from_utf8_lossy(&streamed), String::from_utf8_lossy(&whole));
                }
            }
        }
    }

    /// `status --json` and `targets --json` read each target once and write as they read:
    /// their first bytes are out after a few targets, not after the board (work counted,
    /// not timed; a whole-board read before writing fails this).
    #[test]
    fn json_documents_write_as_they_read_each_target_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = Spec::new(4, 10, 10, 2000);
        let (store, plan, _) = generate::loaded_store(&dir.path().join("g.redb"), &spec);
        let today = NaiveDate::from_ymd_opt(spec.year, 9, 30).expect("day");
        let n = plan.targets.len() as u64;
        for targets in [false, true] {
            let before = store.reads();
            let mut out = FirstWrite::new(&store);
            if targets {
                let args = TargetsArgs {
                    board: BoardArgs { json: true, dept: None, as_of: None },
                    stale: false,
                };
                list(&store, &plan.id, &args, today, &spec.clock, Lang::En, &mut out)
            } else {
                let req = StatusRequest { json: true, today: Some(today), ..Default::default() };
                status(&store, &plan.id, &req, &spec.clock, Lang::En, &mut out)
            }
            .expect("json");
            let reads = store.reads();
            assert_eq!(reads.targets - before.targets, n, "each target read once");
            assert_eq!(reads.updates, before.updates, "no log entry read");
            let first = out.at.expect("written").targets - before.targets;
            // a buffer's worth of targets (8 KiB, ~600 bytes each), never the board
            assert!(first <= 20, "{first} of {n} targets read before the first byte");
            assert!(out.bytes > 100_000);
        }
    }

    /// `status --as-of` replays the log as it streams by: each entry read once and the
    /// targets once, whatever the size of the plan (work counted, not timed).
    #[test]
    fn status_as_of_reads_each_entry_and_each_target_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = Spec::new(2, 3, 10, 2000);
        let (store, plan, written) = generate::loaded_store(&dir.path().join("g.redb"), &spec);
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
