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
