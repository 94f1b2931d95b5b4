//! The reporting cycle: `plan-settings` (show or change the plan's rhythm, due day and
//! staleness) and `reported` (who has reported for a period, what is missing).

use super::edit::apply;
use crate::cli::args::{PlanSettingsArgs, ReportedArgs};
use crate::cli::{Context, human, json};
use crate::core::edit::Edit;
use crate::core::model::PlanSettings;
use crate::core::period::{self, DeptReport, Period, PeriodError, Rhythm};
use crate::core::store::Store;
use anyhow::Result;
use chrono::NaiveDate;
use std::io::Write;

/// `yaodian plan-settings [--rhythm R] [--due-day D] [--stale-days N] [--json]`.
pub fn settings(ctx: &Context, args: &PlanSettingsArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    let now = store.plan_settings(&plan)?;
    if args.rhythm.is_none() && args.due_day.is_none() && args.stale_days.is_none() {
        if args.json {
            json::print(out, &json::settings(&now))?;
        } else {
            writeln!(out, "{plan}: {}", human::settings_text(&now, ctx.lang))?;
        }
        return Ok(());
    }
    let rhythm = match &args.rhythm {
        Some(r) => Rhythm::parse(r).ok_or_else(|| PeriodError::Rhythm(r.clone()))?,
        None => now.rhythm,
    };
    let (due_day, stale_days) = PlanSettings::check(
        args.due_day.unwrap_or(u32::from(now.due_day)),
        args.stale_days.unwrap_or(u32::from(now.stale_days)),
    )?;
    drop(store);
    apply(ctx, Edit::Settings(PlanSettings { rhythm, due_day, stale_days }), "", out)
}

/// A period's reports, as `reported` and the report's header read them.
pub struct PeriodReports {
    pub period: Period,
    pub settings: PlanSettings,
    pub first_day: NaiveDate,
    pub due: NaiveDate,
    pub departments: Vec<DeptReport>,
}

/// Who has reported for `period` (default: the one `today` falls in): one pass over the
/// period's log entries, items resolved through the board's indexes.
pub fn period_reports(
    store: &Store,
    plan: &str,
    board: &crate::core::model::Board,
    period: Option<&str>,
    today: NaiveDate,
    clock: &crate::core::clock::Clock,
) -> Result<PeriodReports> {
    let settings = store.plan_settings(plan)?;
    let period = match period {
        Some(text) => Period::parse(text, settings.rhythm)?,
        None => Period::containing(today, &settings),
    };
    let window = period.window(&settings, clock);
    // one pass over the period's entries, keeping (item, time) only
    let mut reports: Vec<(usize, crate::core::model::Millis)> = Vec::new();
    store.visit_within(plan, window, &mut |u| {
        if let Some(i) = period::report_item(&board.plan, &u.change) {
            reports.push((i, u.at));
        }
        Ok(())
    })?;
    let departments = period::reported(&period::leads_of(&board.plan.items), reports, window);
    Ok(PeriodReports {
        period,
        settings,
        first_day: period.first_day(settings.due_day),
        due: period.due(settings.due_day),
        departments,
    })
}

/// `yaodian reported [--period P] [--json]`.
pub fn reported(ctx: &Context, args: &ReportedArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    let board = store.board(&plan)?;
    let today = ctx.today();
    let r = period_reports(&store, &plan, &board, args.period.as_deref(), today, &ctx.clock)?;
    if args.json {
        json::print(out, &json::reported(&board, &r, today, &ctx.clock))?;
    } else {
        human::reported(out, &board, &r, today, &ctx.clock, ctx.lang)?;
    }
    Ok(())
}
