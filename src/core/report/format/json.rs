//! The ledger as JSON: the same rows and subtotals, numbers as numbers.

use crate::core::model::{Direction, Status, TargetKind};
use crate::core::pace::Rollup;
use crate::core::report::{GroupBy, Ledger};
use serde_json::{Value, json};
use std::io::Write;

fn rollup_json(r: &Rollup) -> Value {
    json!({
        "progress": r.progress,
        "pace": r.pace,
        "status": r.status.map(Status::as_str),
        "counts": {"done": r.counts[0], "on_track": r.counts[1], "at_risk": r.counts[2], "behind": r.counts[3]},
    })
}

/// The ledger as one JSON value.
fn value(ledger: &Ledger) -> Value {
    json!({
        "plan": {"id": ledger.plan_id, "title": ledger.title},
        "as_of": ledger.as_of.format("%Y-%m-%d").to_string(),
        "by": match ledger.by { GroupBy::Theme => "theme", GroupBy::Department => "department" },
        "total": rollup_json(&ledger.total),
        "period": ledger.period.as_ref().map(|p| json!({
            "name": p.name,
            "label": p.label,
            "from": p.first_day.format("%Y-%m-%d").to_string(),
            "to": p.last_day.format("%Y-%m-%d").to_string(),
        })),
        "groups": ledger.groups.iter().map(|g| json!({
            "title": g.title,
            "subtotal": rollup_json(&g.subtotal),
            "rows": g.rows.iter().map(|r| json!({
                "id": r.id,
                "task": r.task,
                "indicator": r.indicator,
                "kind": r.kind.map(TargetKind::as_str),
                "goal": r.goal,
                "direction": r.direction.map(Direction::as_str),
                "unit": r.unit,
                "value": r.value,
                "previous": r.previous,
                "change": r.change,
                "rate": r.rate,
                "pace": r.pace,
                "status": r.status.map(Status::as_str),
                "stale": r.stale,
                "due": r.due.map(|d| d.format("%Y-%m-%d").to_string()),
                "departments": r.departments,
                "note": r.note,
                "parent": r.parent,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// Pretty JSON and a final newline, as every `--json` of the command line prints.
pub(super) fn write(out: &mut dyn Write, ledger: &Ledger) -> Result<(), serde_json::Error> {
    serde_json::to_writer_pretty(&mut *out, &value(ledger))?;
    writeln!(out).map_err(serde_json::Error::io)
}
