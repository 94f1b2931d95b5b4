//! `brief`: one to three lines for a user at login — their departments' behind and at-risk
//! targets, their missing reports with the days left, the worst target — read from the
//! plan's roster, the stored tallies of their items, the roles and the index of latest
//! reports, never the whole board, the item records or the log.
//!
//! Safe in `/etc/profile.d`: it opens an existing file read-only (never creates one, never
//! imports the bundled plan), runs the read on a thread and gives up after 100 ms (redb can
//! block a reader behind a stopped writer's header lock with no timeout), and with
//! `--quiet-errors` prints nothing and exits 0 on any error.

use crate::cli::args::BriefArgs;
use crate::cli::{CliError, Context, human};
use crate::core::identity::Actor;
use crate::core::model::{Plan, Status, fmt_num};
use crate::core::pace::{self, Rollup, Thresholds, due_with};
use crate::core::period::{self, Period};
use crate::core::store::{Refusal, Roster, RosterItem, StoreError, roles::Grant};
use crate::i18n::{cycle, list};
use crate::lang::Lang;
use anyhow::Result;
use std::collections::HashMap;
use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

/// How long a login waits for the database.
pub const DEADLINE: Duration = Duration::from_millis(100);

/// `yaodian brief [--user NAME] [--quiet-errors]`.
pub fn run(ctx: &Context, args: &BriefArgs, out: &mut impl Write) -> Result<()> {
    let user = args.user.clone().unwrap_or_else(|| Actor::current().user);
    let (tx, rx) = mpsc::channel();
    let look = ctx.clone();
    // A reader blocked on the file's lock stays blocked; the process ends without it.
    std::thread::spawn(move || {
        let _ = tx.send(lines(&look, &user));
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(Ok(lines)) => {
            for line in lines {
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
        Ok(Err(e)) => Err(e),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(CliError::BriefTimeout { ms: DEADLINE.as_millis() }.into())
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(CliError::BriefFailed.into()),
    }
}

/// Whose items a brief is about: the whole plan (an admin, or a database without roles)
/// or the departments a user edits.
enum Scope {
    Plan,
    Departments(Vec<String>),
}

/// The brief's lines for `user` (none when there is nothing to say).
pub fn lines(ctx: &Context, user: &str) -> Result<Vec<String>> {
    let store = ctx.open_readonly()?;
    let plan = match store.resolve_plan(ctx.plan.as_deref()) {
        Err(StoreError::Refused(Refusal::NoPlan)) => return Ok(Vec::new()),
        other => other?,
    };
    let grants = store.grants()?;
    let scope = if grants.is_empty() {
        Scope::Plan
    } else {
        match grants.into_iter().find(|(u, _)| u == user).map(|(_, g)| g) {
            Some(Grant::Admin) => Scope::Plan,
            Some(Grant::Editor(depts)) => Scope::Departments(depts),
            Some(Grant::Viewer) | None => return Ok(Vec::new()),
        }
    };
    let today = ctx.today();
    let lang = ctx.lang;
    // The items' ids, due dates and departments: the roster, else (a file from an older
    // build) the item records.
    let (header, roster) = match store.roster(&plan)? {
        Some(found) => found,
        None => match (store.item_glances(&plan, today)?, store.glance(&plan, today)?) {
            (Some(items), Some(g)) => (g.plan, Roster::of(0, items.iter().map(|i| &i.item))),
            // before tallies, opened read-only: nothing cheap to say
            _ => return Ok(Vec::new()),
        },
    };
    let kept: Vec<usize> = (0..roster.items.len())
        .filter(|&i| match &scope {
            Scope::Plan => true,
            Scope::Departments(d) => roster.involves(i, d),
        })
        .collect();
    let ids: Vec<&str> = kept.iter().map(|&i| roster.items[i].id.as_str()).collect();
    let rollups: Vec<Rollup> = store
        .item_rollups(&plan, header.start, &ids, today)?
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();
    let mut out = Vec::new();

    // 1. behind and at-risk counts
    let (counts, who) = match &scope {
        Scope::Plan => (
            store.glance(&plan, today)?.map(|g| g.overall).unwrap_or_default(),
            cycle::WHOLE_PLAN.get(lang).to_string(),
        ),
        Scope::Departments(d) => (pace::combine(rollups.iter().copied()), list(d, lang)),
    };
    let (behind, risk) = (counts.count(Status::Behind), counts.count(Status::AtRisk));
    if behind + risk > 0 {
        out.push(cycle::BRIEF_COUNTS.fill(
            lang,
            &[("who", &who), ("behind", &behind), ("risk", &risk), ("total", &counts.total())],
        ));
    }

    // 2. missing reports for the current period
    let settings = store.plan_settings(&plan)?;
    let period = Period::containing(today, &settings);
    let window = period.window(&settings, &ctx.clock);
    let leads: Vec<Vec<&str>> = (0..roster.items.len()).map(|i| roster.leads(i)).collect();
    let states = match store.latest_reports(&plan)? {
        Some(latest) if latest.iter().all(|(_, at)| *at < window.to) => {
            let ix: HashMap<&str, usize> =
                roster.items.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
            let reports = latest.iter().filter_map(|(id, at)| Some((*ix.get(id.as_str())?, *at)));
            period::reported(&leads, reports, window)
        }
        // the index is behind the log (an older build wrote), or reports lie past the
        // period: the period's log says it
        _ => {
            let board = store.board(&plan)?;
            let log = store.log_within(&plan, window)?;
            period::reported(&leads, period::log_reports(&board.plan, &log), window)
        }
    };
    let due = period.due(settings.due_day);
    let due_text = human::due_text(due, today, lang);
    match &scope {
        Scope::Departments(mine) => {
            let mut missing: Vec<&str> = Vec::new();
            for s in states.iter().filter(|s| mine.contains(&s.department)) {
                for &i in &s.missing {
                    if !missing.contains(&roster.items[i].id.as_str()) {
                        missing.push(&roster.items[i].id);
                    }
                }
            }
            if !missing.is_empty() {
                out.push(cycle::BRIEF_MISSING.fill(
                    lang,
                    &[
                        ("period", &period),
                        ("count", &missing.len()),
                        ("items", &cycle::first_names(&missing, lang)),
                        ("due", &due_text),
                    ],
                ));
            }
        }
        Scope::Plan => {
            let late: Vec<&str> =
                states.iter().filter(|s| !s.reported()).map(|s| s.department.as_str()).collect();
            if !late.is_empty() {
                out.push(cycle::BRIEF_LATE.fill(
                    lang,
                    &[
                        ("period", &period),
                        ("count", &late.len()),
                        ("departments", &cycle::first_names(&late, lang)),
                        ("due", &due_text),
                    ],
                ));
            }
        }
    }

    // 3. the worst target, among the targets of the worst item
    let worst_item = kept
        .iter()
        .zip(&rollups)
        .filter(|(_, r)| rank(r) > 0)
        .max_by(|a, b| rank(a.1).cmp(&rank(b.1)).then(gap(a.1).total_cmp(&gap(b.1))))
        .map(|(&i, _)| &roster.items[i]);
    if let Some(item) = worst_item
        && let Some(line) = worst(&store, &plan, &header, item, today, lang)?
    {
        out.push(line);
    }
    Ok(out)
}

/// How far below its pace a roll-up is.
fn gap(r: &Rollup) -> f64 {
    r.pace.unwrap_or(0.0) - r.progress.unwrap_or(0.0)
}

/// 2 with targets behind, 1 with targets at risk, else 0.
fn rank(r: &Rollup) -> u8 {
    if r.count(Status::Behind) > 0 { 2 } else { u8::from(r.count(Status::AtRisk) > 0) }
}

/// The worst target of `item` (the item furthest below its pace among those with targets
/// behind, else at risk): the one behind (else at risk) furthest below its pace. Reads the
/// item's targets only.
fn worst(
    store: &crate::core::store::Store,
    plan_id: &str,
    plan: &Plan,
    item: &RosterItem,
    today: chrono::NaiveDate,
    lang: Lang,
) -> Result<Option<String>> {
    let th = Thresholds::default();
    let worst = store
        .item_targets(plan_id, &item.id)?
        .into_iter()
        .filter(|(t, _)| t.parent.is_none())
        .map(|(t, s)| {
            let due = due_with(plan.end, item.due, &t);
            let e = pace::evaluate_due(plan.start, due, &t, s.reading(), today, &th);
            (t, s, e)
        })
        .filter(|(_, _, e)| matches!(e.status, Status::Behind | Status::AtRisk))
        .max_by(|a, b| {
            let r = |s: Status| u8::from(s == Status::Behind);
            r(a.2.status)
                .cmp(&r(b.2.status))
                .then((a.2.pace - a.2.progress).total_cmp(&(b.2.pace - b.2.progress)))
        });
    let Some((t, s, e)) = worst else { return Ok(None) };
    let figure = format!("{}/{}{}", fmt_num(s.value), fmt_num(t.goal), t.unit);
    let status = crate::i18n::report::status(e.status).get(lang);
    let (done, pace) = (format!("{:.0}", e.progress * 100.0), format!("{:.0}", e.pace * 100.0));
    Ok(Some(cycle::BRIEF_WORST.fill(
        lang,
        &[
            ("id", &t.id),
            ("name", &t.name),
            ("figure", &figure),
            ("done", &done),
            ("pace", &pace),
            ("status", &status),
        ],
    )))
}
