//! `yaodian demo`: a throwaway database with the bundled plan and simulated progress
//! (`core::demo`), opened in the TUI and removed when it closes.

use super::bundled_plan;
use crate::core::identity::Actor;
use crate::core::model::Plan;
use crate::core::store::{OpenOptions, Store};
use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use std::path::PathBuf;

/// Where this process's demo database lives; removed when the demo ends.
pub fn demo_path() -> PathBuf {
    std::env::temp_dir().join(format!("yaodian-demo-{}.redb", std::process::id()))
}

/// Creates the demo database and returns it with its plan id and simulated today.
pub fn create(today: Option<NaiveDate>) -> Result<(Store, String, NaiveDate)> {
    let plan = bundled_plan()?;
    let today = today.unwrap_or_else(|| default_today(&plan));
    let path = demo_path();
    let _ = std::fs::remove_file(&path);
    let store = Store::open(&path, OpenOptions::default())
        .with_context(|| format!("creating the demo database {}", path.display()))?;
    store.import(&plan, false, &Actor::current())?;
    crate::core::demo::simulate(&store, &plan, today)?;
    Ok((store, plan.id, today))
}

/// Today's month and day in the plan year (the plan's end if that day does not exist).
fn default_today(plan: &Plan) -> NaiveDate {
    let now = chrono::Local::now().date_naive();
    NaiveDate::from_ymd_opt(plan.year, now.month(), now.day()).unwrap_or(plan.end)
}

/// `demo --generate`: the shape of a generated benchmark database.
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// Write a generated plan and log into --db instead of opening the demo
    #[arg(long)]
    pub generate: bool,
    #[arg(long, default_value_t = 30, requires = "generate")]
    pub themes: usize,
    #[arg(long, default_value_t = 34, requires = "generate")]
    pub items_per_theme: usize,
    #[arg(long, default_value_t = 10, requires = "generate")]
    pub targets_per_item: usize,
    /// Value updates spread from the plan's start to --today
    #[arg(long, default_value_t = 0, requires = "generate")]
    pub updates: usize,
}

/// Generates a plan (for the year of `today`, default the real today) and its log up to
/// `today`, and bulk-loads both into the database at `path`.
pub fn generate(
    path: &std::path::Path,
    args: &GenerateArgs,
    today: Option<NaiveDate>,
    out: &mut impl std::io::Write,
) -> Result<()> {
    use crate::core::generate::{self, Spec};
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let spec = Spec {
        year: today.year(),
        until: today,
        ..Spec::new(args.themes, args.items_per_theme, args.targets_per_item, args.updates)
    };
    let started = std::time::Instant::now();
    let plan = generate::plan(&spec).context("generating the plan")?;
    let store = Store::open(path, OpenOptions::default())?;
    let written = store.bulk_load(&plan, generate::updates(&plan, &spec), &Actor::current())?;
    writeln!(
        out,
        "{}: plan {} · {} themes · {} items · {} targets · {} updates up to {} ({:.1} s)",
        path.display(),
        plan.id,
        plan.themes.len(),
        plan.items.len(),
        plan.targets.len(),
        written,
        spec.until,
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}
