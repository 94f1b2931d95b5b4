//! Plausible simulated progress for `yaodian demo`: for every target a short, deterministic
//! history of updates by a few operators, dated through the plan year up to a simulated
//! "today", ending around the expected pace (most on track, some lagging, a few early), so
//! a first look shows moving gauges, every status and charts with a history.

use crate::core::clock::Clock;
use crate::core::edit::Edit;
use crate::core::identity::Actor;
use crate::core::model::{IndexedPlan, Plan, Status, TargetKind};
use crate::core::pace;
use crate::core::store::{Store, StoreError};
use chrono::NaiveDate;

/// Operators who appear in the simulated history.
const USERS: [&str; 5] = ["wang", "li", "zhang", "zhao", "chen"];

/// The demo's roles: who edits which departments' items (the bundled plan's departments).
pub const ROLES: [(&str, &[&str]); 4] = [
    ("wang", &["群众**科", "业余训练科"]),
    ("li", &["办公室"]),
    ("zhang", &["**产业科"]),
    ("zhao", &["竞技**科"]),
];

/// Grants the demo's roles, after making `admin` (who runs the demo) an admin, so the board
/// stays editable by them and `brief --user wang` has departments to speak of.
pub fn grant_roles(store: &Store, admin: &Actor) -> Result<(), StoreError> {
    use crate::core::store::roles::Grant;
    store.grant(&admin.user, &Grant::Admin, admin)?;
    for (user, depts) in ROLES {
        if user != admin.user {
            let depts = depts.iter().map(ToString::to_string).collect();
            store.grant(user, &Grant::Editor(depts), admin)?;
        }
    }
    Ok(())
}

/// An update the simulation will write.
struct Planned {
    at: i64,
    edit: Edit,
    note: String,
    actor: Actor,
}

fn record(history: &mut Vec<Planned>, edit: &Edit, note: &str, actor: &Actor, at: i64) {
    history.push(Planned { at, edit: edit.clone(), note: note.to_string(), actor: actor.clone() });
}

/// A small deterministic hash (FNV-1a), so every demo shows the same history.
fn hash(s: &str, salt: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ salt;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // FNV leaves ids that differ in their last character close in the high bits: mix them.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// A number in [0, 1) drawn from the hash.
fn unit(s: &str, salt: u64) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a 53-bit fraction is plenty")]
    let x = (hash(s, salt) >> 11) as f64 / (1u64 << 53) as f64;
    x
}

/// A time of `day` in the zone of `clock`.
fn millis_on(clock: &Clock, day: NaiveDate, hour: u32, minute: u32) -> i64 {
    clock.midnight(day) + i64::from((hour % 24) * 3600 + (minute % 60) * 60) * 1000
}

/// Writes 1–5 updates per target up to `today`, ending near the pace a real team would
/// have: most on track, some lagging, a few done early.
pub fn simulate(store: &Store, plan: &Plan, today: NaiveDate) -> Result<(), StoreError> {
    let span = (today - plan.start).num_days().max(1);
    let clock = store.clock();
    let mut history: Vec<Planned> = Vec::new();
    let indexed = IndexedPlan::new(plan.clone());
    for target in &plan.targets {
        let due = pace::due_of(&indexed, target);
        let share = pace::elapsed_share(plan.start, due, today);
        let actor_name = USERS[usize::try_from(hash(&target.id, 7) % 5).unwrap_or(0)];
        let actor = Actor { user: actor_name.to_string(), uid: 1000 };
        if target.kind == TargetKind::Milestone {
            if unit(&target.id, 1) < share * 0.9 {
                let day = plan.start
                    + chrono::Duration::days(((unit(&target.id, 2) * 0.9) * span as f64) as i64);
                record(
                    &mut history,
                    &Edit::Done { target: target.id.clone() },
                    "已印发",
                    &actor,
                    millis_on(&clock, day, 10, (hash(&target.id, 8) % 60) as u32),
                );
            }
            continue;
        }
        // Most teams end near the pace, some lag, a few are ahead.
        let factor = 0.72 + unit(&target.id, 3) * 0.45;
        let end_value = (target.goal * share * factor).min(target.goal * 1.08);
        let steps = 1 + hash(&target.id, 4) % 5;
        // The last report falls in the month before today, the first ones spread before it.
        let last_day = today - chrono::Duration::days(1 + (unit(&target.id, 5) * 24.0) as i64);
        let first_day = plan.start + chrono::Duration::days(20);
        let reporting = (last_day - first_day).num_days().max(0) as f64;
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
            let day = first_day + chrono::Duration::days((frac * reporting) as i64);
            let note = if step == steps { "月度填报" } else { "" };
            let edit = Edit::Set { target: target.id.clone(), value: v };
            record(
                &mut history,
                &edit,
                note,
                &actor,
                millis_on(
                    &clock,
                    day.min(today),
                    9 + (step as u32 % 8),
                    (hash(&target.id, step) % 60) as u32,
                ),
            );
            last = v;
        }
    }
    for (k, item) in plan.items.iter().enumerate() {
        // Items without targets get the status their department would give them.
        let has_targets = plan.targets.iter().any(|t| t.item.as_deref() == Some(item.id.as_str()));
        if !has_targets {
            let u = unit(&item.id, 10);
            let status = match u {
                x if x < 0.15 => Status::Done,
                x if x < 0.8 => Status::OnTrack,
                x if x < 0.92 => Status::AtRisk,
                _ => Status::Behind,
            };
            let actor = Actor { user: USERS[(k + 2) % 5].to_string(), uid: 1000 };
            let day = today - chrono::Duration::days(2 + (u * 25.0) as i64);
            record(
                &mut history,
                &Edit::ItemStatus { item: item.id.clone(), status: Some(status) },
                "",
                &actor,
                millis_on(&clock, day, 14, (hash(&item.id, 11) % 60) as u32),
            );
        }
        if unit(&item.id, 5) < 0.5 {
            let actor = Actor { user: USERS[k % 5].to_string(), uid: 1000 };
            let text = "已召开专题会议部署，按计划推进".to_string();
            let day = today - chrono::Duration::days((unit(&item.id, 6) * 20.0) as i64);
            record(
                &mut history,
                &Edit::Note { item: item.id.clone(), text },
                "",
                &actor,
                millis_on(&clock, day, 15, (hash(&item.id, 9) % 60) as u32),
            );
        }
    }
    // Written in time order, so the log reads like the year it simulates.
    history.sort_by_key(|p| p.at);
    for p in history {
        store.apply_at(&plan.id, &p.edit, &p.note, &p.actor, p.at)?;
    }
    Ok(())
}
