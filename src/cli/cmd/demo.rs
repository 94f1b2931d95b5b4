//! `yaodian demo`: a throwaway database with the bundled plan and simulated progress
//! (`core::demo`), opened in the TUI and removed when it closes; with `--generate`, a large
//! generated plan and log written into `--db` for benchmarks.

use crate::cli::CliError;
use crate::cli::args::GenerateArgs;
use crate::cli::{Context, Outcome, bundled_plan};
use crate::core::identity::Actor;
use crate::core::model::Plan;
use crate::core::store::{OpenOptions, Store};
use crate::i18n::cli as words;
use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// Where this process's demo database lives; removed when the demo ends.
pub fn demo_path() -> PathBuf {
    std::env::temp_dir().join(format!("yaodian-demo-{}.redb", std::process::id()))
}

/// `yaodian demo`: creates the demo database and opens the board on it, on `--today` or
/// today's month and day in the plan year.
pub fn open(ctx: &Context) -> Result<Outcome> {
    let plan = bundled_plan()?;
    let today = ctx.pretend_today.unwrap_or_else(|| default_today(&plan, ctx.clock.today()));
    let path = demo_path();
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path, OpenOptions::default())
        .map_err(|source| CliError::DemoDatabase { path: path.clone(), source })?;
    store.set_clock(ctx.clock);
    store.import(&plan, false, &Actor::current())?;
    crate::core::demo::simulate(&store, &plan, today)?;
    crate::core::demo::grant_roles(&store, &Actor::current())?;
    Ok(Outcome::Tui { store, plan: plan.id, demo: true, today: Some(today), first_run: false })
}

/// `yaodian demo --keep FILE`: the demo database written to a new file and kept, for trying
/// commands on it; prints how.
pub fn keep(ctx: &Context, path: &Path, out: &mut impl std::io::Write) -> Result<()> {
    if path.exists() {
        return Err(CliError::Exists { path: path.to_path_buf() }.into());
    }
    let plan = bundled_plan()?;
    let today = ctx.pretend_today.unwrap_or_else(|| default_today(&plan, ctx.clock.today()));
    let store = Store::open(path, OpenOptions::default())
        .map_err(|source| CliError::DemoDatabase { path: path.to_path_buf(), source })?;
    let me = Actor::current();
    store.import(&plan, false, &me)?;
    crate::core::demo::simulate(&store, &plan, today)?;
    crate::core::demo::grant_roles(&store, &me)?;
    let words = words::KEPT_DEMO
        .fill(ctx.lang, &[("path", &path.display()), ("plan", &plan.id), ("today", &today)]);
    writeln!(out, "{words}")?;
    Ok(())
}

/// Today's month and day in the plan year (the plan's end if that day does not exist).
fn default_today(plan: &Plan, now: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(plan.year, now.month(), now.day()).unwrap_or(plan.end)
}

/// `yaodian demo --generate`: generates a plan (for the year of `--today`, default today)
/// and its log up to that day, and bulk-loads both into the database named by `--db`.
pub fn generate(ctx: &Context, args: &GenerateArgs, out: &mut impl std::io::Write) -> Result<()> {
    use crate::core::generate::{self, Spec};
    let path = ctx.named_db().ok_or(CliError::GenerateNeedsDb)?;
    let today = ctx.pretend_today.unwrap_or_else(|| ctx.clock.today());
    let spec = Spec {
        year: today.year(),
        until: today,
        clock: ctx.clock,
        ..Spec::new(args.themes, args.items_per_theme, args.targets_per_item, args.updates)
    };
    let started = std::time::Instant::now();
    let plan = generate::plan(&spec).map_err(CliError::Generate)?;
    let store = Store::open(path, OpenOptions::default())?;
    let written = store.bulk_load(&plan, generate::updates(&plan, &spec), &Actor::current())?;
    let line = words::GENERATED.fill(
        ctx.lang,
        &[
            ("path", &path.display()),
            ("plan", &plan.id),
            ("themes", &plan.themes.len()),
            ("items", &plan.items.len()),
            ("targets", &plan.targets.len()),
            ("updates", &written),
            ("until", &spec.until),
            ("seconds", &format!("{:.1}", started.elapsed().as_secs_f64())),
        ],
    );
    writeln!(out, "{line}")?;
    Ok(())
}
