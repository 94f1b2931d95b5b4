//! JSON output for scripts. Field names are a contract (see README); add, never rename.

use crate::core::clock::Clock;
use crate::core::model::{Board, Change, Target, Update, fmt_num};
use crate::core::pace::{Evaluation, Rollup, TargetEval};
use crate::core::store::PlanSummary;
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::io::Write;

pub fn print(out: &mut impl Write, v: &Value) -> std::io::Result<()> {
    crate::core::safe_text::write_json(out, v).map_err(std::io::Error::other)
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

fn target(t: &Target, value: f64, e: &TargetEval) -> Value {
    json!({
        "id": t.id,
        "item": t.item,
        "theme": t.theme,
        "kind": t.kind.as_str(),
        "direction": t.direction.as_str(),
        "name": t.name,
        "goal": t.goal,
        "unit": t.unit,
        "value": value,
        "progress": share(e.progress),
        "pace": share(e.pace),
        "expected": (e.expected * 100.0).round() / 100.0,
        "status": e.status.as_str(),
        "due": date(e.due),
        "overdue": e.overdue,
        "parent": t.parent,
    })
}

fn target_at(board: &Board, eval: &Evaluation, k: usize) -> Value {
    let mut v = target(&board.plan.targets[k], board.target_states[k].value, &eval.targets[k]);
    let s = &board.target_states[k];
    v["updated_at"] = s.updated_at.map_or(Value::Null, |t| json!(t));
    v["updated_by"] = json!(s.updated_by);
    v
}

/// `status --json`: the plan, its themes, their items, their targets.
pub fn status(board: &Board, eval: &Evaluation, keep: &[bool]) -> Value {
    let plan = &board.plan;
    // Targets of each item, found once (a scan per item is quadratic at 100k targets).
    let mut by_item: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (j, t) in plan.targets.iter().enumerate() {
        if let Some(item) = t.item.as_deref() {
            by_item.entry(item).or_default().push(j);
        }
    }
    let themes: Vec<Value> = plan
        .themes
        .iter()
        .zip(&eval.themes)
        .map(|(theme, rollup)| {
            let items: Vec<Value> = plan
                .items
                .iter()
                .enumerate()
                .filter(|(k, i)| i.theme == theme.number && keep[*k])
                .map(|(k, item)| {
                    let r = &eval.items[k];
                    let targets: Vec<Value> = by_item
                        .get(item.id.as_str())
                        .map_or(&[][..], Vec::as_slice)
                        .iter()
                        .map(|&j| target_at(board, eval, j))
                        .collect();
                    let state = &board.item_states[k];
                    json!({
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
                        "counts": counts(r),
                        "due": item.due.map(date),
                        "note": state.note,
                        "line": item.line,
                        "text": item.text,
                        "targets": targets,
                    })
                })
                .collect();
            let theme_targets: Vec<Value> = plan
                .targets
                .iter()
                .enumerate()
                .filter(|(_, t)| t.item.is_none() && t.theme == theme.number)
                .map(|(j, _)| target_at(board, eval, j))
                .collect();
            json!({
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
                "items": items,
            })
        })
        .collect();
    json!({
        "plan": {
            "id": plan.id,
            "title": plan.title,
            "year": plan.year,
            "start": date(plan.start),
            "end": date(plan.end),
        },
        "as_of": date(eval.as_of),
        "progress": opt_share(eval.plan.progress),
        "pace": opt_share(eval.plan.pace),
        "status": eval.plan.status.map(|s| s.as_str()),
        "counts": counts(&eval.plan),
        "themes": themes,
    })
}

/// `targets --json`: the flat list.
pub fn targets(board: &Board, eval: &Evaluation, keep: &[bool]) -> Value {
    let list: Vec<Value> = board
        .plan
        .targets
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.item.as_deref().and_then(|i| board.item_index(i)).is_none_or(|k| keep[k])
        })
        .map(|(k, _)| target_at(board, eval, k))
        .collect();
    Value::Array(list)
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

/// `log --json`: a list of updates, oldest first.
pub fn log(log: &[Update], clock: &Clock) -> Value {
    Value::Array(
        log.iter()
            .map(|u| {
                let (old, new, kind) = match &u.change {
                    Change::Value { old, new, .. } => (json!(old), json!(new), "value"),
                    Change::Note { old, new, .. } => (json!(old), json!(new), "note"),
                    Change::ItemStatus { old, new, .. } => (
                        json!(old.map(|s| s.as_str())),
                        json!(new.map(|s| s.as_str())),
                        "item_status",
                    ),
                    Change::TargetDef { old, new, .. } => (
                        json!(old.as_ref().map(|t| format!(
                            "{} {}{}",
                            t.name,
                            fmt_num(t.goal),
                            t.unit
                        ))),
                        json!(new.as_ref().map(|t| format!(
                            "{} {}{}",
                            t.name,
                            fmt_num(t.goal),
                            t.unit
                        ))),
                        "target",
                    ),
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
            })
            .collect(),
    )
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
