//! JSON output for scripts. Field names are a contract (see README); add, never rename.

use crate::core::clock::Clock;
use crate::core::json_out::{Lazy, With};
use crate::core::model::{Band, Board, Change, Reading, Relative, Target, Update, fmt_num};
use crate::core::pace::stale::Staleness;
use crate::core::pace::{self, Evaluation, Rollup, TargetEval};
use crate::core::store::PlanSummary;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::Write;

/// Pretty JSON, terminal-safe; a closed pipe stays a broken pipe (serde_json gives the io error back).
pub fn print(out: &mut impl Write, v: &Value) -> std::io::Result<()> {
    crate::core::safe_text::write_json(out, v).map_err(std::io::Error::from)
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Rounds to 4 decimals so shares print as 0.6164, not 0.616438356164…
fn share(x: f64) -> Value {
    if x.is_finite() { json!((x * 10_000.0).round() / 10_000.0) } else { Value::Null }
}

fn opt_share(x: Option<f64>) -> Value {
    x.map_or(Value::Null, share)
}

fn counts(r: &Rollup) -> Value {
    json!({"done": r.counts[0], "on_track": r.counts[1], "at_risk": r.counts[2], "behind": r.counts[3]})
}

/// How a target's values are read, beyond its goal (see README: JSON).
fn measure(t: &Target, r: Reading) -> Value {
    let m = &t.measure;
    let (band, low, high) = match m.band {
        Band::Exact => ("exact", None, None),
        Band::About => ("about", None, None),
        Band::Range { low, high } => ("range", Some(low), Some(high)),
    };
    let relative = m.relative.map(|r| match r {
        Relative::Percent => "percent",
        Relative::Amount => "amount",
    });
    json!({
        "level": m.level,
        "band": band,
        "low": low,
        "high": high,
        "baseline": m.baseline,
        "relative": relative,
        "start": pace::start_shown(t, r),
    })
}

fn target(t: &Target, r: Reading, e: &TargetEval) -> Value {
    let reach = pace::aim::aim(t, r, &pace::Thresholds::default()).goal;
    let value = r.value.unwrap_or(0.0);
    json!({
        "id": t.id,
        "item": t.item,
        "theme": t.theme,
        "kind": t.kind.as_str(),
        "direction": t.direction.as_str(),
        "name": t.name,
        "goal": t.goal,
        "reach": reach,
        "measure": measure(t, r),
        "unit": t.unit,
        "value": value,
        "progress": share(e.progress),
        "pace": share(e.pace),
        "expected": e.expected.map(|x| (x * 100.0).round() / 100.0),
        "status": e.status.as_str(),
        "due": date(e.due),
        "overdue": e.overdue,
        "parent": t.parent,
    })
}

fn target_at(board: &Board, eval: &Evaluation, stale: &Staleness, k: usize) -> Value {
    let reading = board.target_states[k].reading();
    let mut v = target(&board.plan.targets[k], reading, &eval.targets[k]);
    v["stale"] = json!(stale.target(k));
    let s = &board.target_states[k];
    v["updated_at"] = s.updated_at.map_or(Value::Null, |t| json!(t));
    v["updated_by"] = json!(s.updated_by);
    // a target added by hand during the year: its pace runs from this day
    v["added"] = s.since.map_or(Value::Null, |d| json!(date(d)));
    v
}

/// `status --json`: the plan, its themes, their items, their targets, written as it is
/// built, target by target (the whole tree is never in memory), byte for byte what
/// [`print`] would write of it.
pub fn write_status(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    stale: &Staleness,
    keep: &[bool],
) -> std::io::Result<()> {
    let plan = &board.plan;
    // The figures are those of what is shown: a department's under a filter.
    let shown = eval.of_kept(plan, keep);
    let whole = keep.iter().all(|&k| k);
    let themes = Lazy(|| {
        plan.themes.iter().enumerate().zip(&shown.themes).map(|((t, theme), rollup)| {
            let theme_targets: Vec<Value> = if whole {
                plan.theme_targets(t).iter().map(|&j| target_at(board, eval, stale, j)).collect()
            } else {
                Vec::new()
            };
            let items = Lazy(move || {
                plan.theme_items(t)
                    .iter()
                    .filter(|&&k| keep[k])
                    .map(|&k| item(board, eval, stale, k))
            });
            With {
                fields: json!({
                    "id": theme.number.to_string(),
                    "number": theme.number,
                    "title": theme.title,
                    "progress": opt_share(rollup.progress),
                    "pace": opt_share(rollup.pace),
                    "status": rollup.status.map(|s| s.as_str()),
                    "counts": counts(rollup),
                    "sections": theme.sections.iter()
                        .map(|s| json!({"number": s.number, "title": s.title}))
                        .collect::<Vec<_>>(),
                    "targets": theme_targets,
                }),
                key: "items",
                lazy: items,
            }
        })
    });
    let doc = With {
        fields: json!({
            "plan": {
                "id": plan.id,
                "title": plan.title,
                "year": plan.year,
                "start": date(plan.start),
                "end": date(plan.end),
            },
            "as_of": date(eval.as_of),
            "progress": opt_share(shown.overall.progress),
            "pace": opt_share(shown.overall.pace),
            "status": shown.overall.status.map(|s| s.as_str()),
            "counts": counts(&shown.overall),
        }),
        key: "themes",
        lazy: themes,
    };
    crate::core::safe_text::write_json(&mut *out, &doc).map_err(std::io::Error::from)
}

/// Item `k` of `status --json`, its targets written as they are serialized.
fn item<'a>(
    board: &'a Board,
    eval: &'a Evaluation,
    stale: &'a Staleness,
    k: usize,
) -> impl Serialize + 'a {
    let item = &board.plan.items[k];
    let r = &eval.items[k];
    let state = &board.item_states[k];
    With {
        fields: json!({
            "id": item.id,
            "number": item.number,
            "section": item.section,
            "title": item.title,
            "departments": item.departments.iter()
                .map(|d| json!({"name": d.name, "role": d.role.as_str()}))
                .collect::<Vec<_>>(),
            "progress": opt_share(r.progress),
            "pace": opt_share(r.pace),
            "status": r.status.map(|s| s.as_str()),
            "stale": stale.item(k),
            "counts": counts(r),
            "due": item.due.map(date),
            "note": state.note,
            "line": item.line,
            "text": item.text,
        }),
        key: "targets",
        lazy: Lazy(move || {
            board.plan.item_targets(k).iter().map(move |&j| target_at(board, eval, stale, j))
        }),
    }
}

/// `targets --json`: the flat list, written target by target; `shown` is parallel to the
/// plan's targets.
pub fn write_targets(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    stale: &Staleness,
    shown: &[bool],
) -> std::io::Result<()> {
    let list = Lazy(|| {
        shown
            .iter()
            .enumerate()
            .filter(|&(_, &kept)| kept)
            .map(|(k, _)| target_at(board, eval, stale, k))
    });
    crate::core::safe_text::write_json(&mut *out, &list).map_err(std::io::Error::from)
}

/// A time in the clock's local zone, to the second, with its offset.
fn millis_to_rfc3339(ms: i64, clock: &Clock) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&clock.offset_at(ms))
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        })
        .unwrap_or_default()
}

/// A plan's settings as `plan-settings --json` prints them (and settings changes in the log).
pub fn settings(s: &crate::core::model::PlanSettings) -> Value {
    json!({"rhythm": s.rhythm.name(), "due_day": s.due_day, "stale_days": s.stale_days})
}

/// One entry of `log --json` (a list of updates, oldest first).
pub fn log_entry(u: &Update, clock: &Clock) -> Value {
    let target_text = |t: &Option<Box<Target>>| {
        json!(t.as_ref().map(|t| format!("{} {}{}", t.name, fmt_num(t.goal), t.unit)))
    };
    let (old, new, kind) = match &u.change {
        Change::Value { old, new, .. } => (json!(old), json!(new), "value"),
        Change::Note { old, new, .. } => (json!(old), json!(new), "note"),
        Change::ItemStatus { old, new, .. } => {
            (json!(old.map(|s| s.as_str())), json!(new.map(|s| s.as_str())), "item_status")
        }
        Change::TargetDef { old, new, .. } => (target_text(old), target_text(new), "target"),
        Change::Settings { old, new } => (settings(old), settings(new), "settings"),
    };
    json!({
        "seq": u.seq,
        "at": millis_to_rfc3339(u.at, clock),
        "at_ms": u.at,
        "user": u.user,
        "uid": u.uid,
        "kind": kind,
        "target": u.change.subject(),
        "old": old,
        "new": new,
        "note": u.note,
        "undoes": u.undoes,
    })
}

/// `plans --json`.
pub fn plans(plans: &[PlanSummary], current: Option<&str>, clock: &Clock) -> Value {
    Value::Array(
        plans
            .iter()
            .map(|p| {
                json!({
                    "id": p.id, "title": p.title, "year": p.year,
                    "items": p.items, "targets": p.targets,
                    "imported_at": millis_to_rfc3339(p.imported_at, clock),
                    "current": Some(p.id.as_str()) == current,
                })
            })
            .collect(),
    )
}

/// `reported --json`: the period and, per department, whether it has reported, its missing
/// items and its latest report.
pub fn reported(
    board: &Board,
    r: &crate::cli::cmd::cycle::PeriodReports,
    today: NaiveDate,
    clock: &Clock,
) -> Value {
    json!({
        "plan": board.plan.id,
        "period": r.period.to_string(),
        "label": r.period.label(crate::lang::Lang::Zh), // data: as the office writes it
        "settings": settings(&r.settings),
        "from": date(r.first_day),
        "due": date(r.due),
        "days_left": (r.due - today).num_days(),
        "reported": r.departments.iter().filter(|d| d.reported()).count(),
        "departments": r.departments.iter().map(|d| json!({
            "name": d.department,
            "reported": d.reported(),
            "items": d.items.len(),
            "missing": d.missing.iter().map(|&i| {
                let item = &board.plan.items[i];
                json!({"id": item.id, "title": item.title})
            }).collect::<Vec<_>>(),
            "last_report": d.last.map(|t| millis_to_rfc3339(t, clock)),
            "last_report_ms": d.last,
        })).collect::<Vec<_>>(),
    })
}
