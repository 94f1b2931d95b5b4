//! `yaodian demo`: a throwaway database with the bundled plan and a plausible, deterministic
//! history of updates up to a simulated "today", so a first look shows moving gauges.

use super::bundled_plan;
use crate::core::identity::Actor;
use crate::core::model::{Plan, TargetKind};
use crate::core::pace;
use crate::core::store::{Edit, OpenOptions, Store};
use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate, TimeZone};
use std::path::PathBuf;

/// Operators who appear in the simulated history.
const USERS: [&str; 5] = ["wang", "li", "zhang", "zhao", "chen"];

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
    simulate(&store, &plan, today)?;
    Ok((store, plan.id, today))
}

/// Today's month and day in the plan year (the plan's end if that day does not exist).
fn default_today(plan: &Plan) -> NaiveDate {
    let now = chrono::Local::now().date_naive();
    NaiveDate::from_ymd_opt(plan.year, now.month(), now.day()).unwrap_or(plan.end)
}

/// A small deterministic hash (FNV-1a), so every demo shows the same history.
fn hash(s: &str, salt: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ salt;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A number in [0, 1) drawn from the hash.
fn unit(s: &str, salt: u64) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a 53-bit fraction is plenty")]
    let x = (hash(s, salt) >> 11) as f64 / (1u64 << 53) as f64;
    x
}

fn millis_on(day: NaiveDate, hour: u32) -> i64 {
    let t = day.and_hms_opt(hour, 17, 0).unwrap_or_default();
    chrono::Local.from_local_datetime(&t).earliest().map_or(0, |t| t.timestamp_millis())
}

/// Writes 1–5 updates per target up to `today`, ending near the pace a real team would
/// have: most on track, some lagging, a few done early.
pub fn simulate(store: &Store, plan: &Plan, today: NaiveDate) -> Result<()> {
    let span = (today - plan.start).num_days().max(1);
    for target in &plan.targets {
        let due = pace::due_of(plan, target);
        let share = pace::elapsed_share(plan.start, due, today);
        let actor_name = USERS[usize::try_from(hash(&target.id, 7) % 5).unwrap_or(0)];
        let actor = Actor { user: actor_name.to_string(), uid: 1000 };
        if target.kind == TargetKind::Milestone {
            if unit(&target.id, 1) < share * 0.9 {
                let day = plan.start
                    + chrono::Duration::days(((unit(&target.id, 2) * 0.9) * span as f64) as i64);
                store.apply_at(
                    &plan.id,
                    &Edit::Done { target: target.id.clone() },
                    "已印发",
                    &actor,
                    millis_on(day, 10),
                )?;
            }
            continue;
        }
        let factor = 0.45 + unit(&target.id, 3) * 0.8;
        let end_value = (target.goal * share * factor).min(target.goal * 1.08);
        let steps = 1 + hash(&target.id, 4) % 5;
        let mut last = 0.0;
        for step in 1..=steps {
            #[expect(clippy::cast_precision_loss, reason = "small counts")]
            let frac = step as f64 / steps as f64;
            let mut v = end_value * frac;
            if !target.allows_decimals() {
                v = v.round();
            }
            if v <= last {
                continue;
            }
            let day = plan.start + chrono::Duration::days((frac * span as f64) as i64 - 1);
            let note = if step == steps { "月度填报" } else { "" };
            let edit = Edit::Set { target: target.id.clone(), value: v };
            store.apply_at(
                &plan.id,
                &edit,
                note,
                &actor,
                millis_on(day.min(today), 9 + (step as u32 % 8)),
            )?;
            last = v;
        }
    }
    for (k, item) in plan.items.iter().enumerate() {
        if unit(&item.id, 5) < 0.5 {
            let actor = Actor { user: USERS[k % 5].to_string(), uid: 1000 };
            let text = "已召开专题会议部署，按计划推进".to_string();
            let day = today - chrono::Duration::days((unit(&item.id, 6) * 20.0) as i64);
            store.apply_at(
                &plan.id,
                &Edit::Note { item: item.id.clone(), text },
                "",
                &actor,
                millis_on(day, 15),
            )?;
        }
    }
    Ok(())
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
