//! The ledger as JSON: the same rows and subtotals, numbers as numbers.

use crate::core::json_out::{Lazy, With};
use crate::core::model::{Direction, Status, TargetKind};
use crate::core::pace::Rollup;
use crate::core::report::{GroupBy, Ledger, Row};
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

/// One row of the ledger.
fn row_json(r: &Row) -> Value {
    json!({
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
        // JSON is data: the departments read as the plan writes them
        "departments": crate::i18n::report::departments(&r.departments, crate::lang::Lang::Zh),
        "note": r.note,
        "parent": r.parent,
    })
}

/// Pretty JSON and a final newline, as every `--json` of the command line prints, written
/// row by row (no tree of the whole ledger in memory).
pub(super) fn write(out: &mut dyn Write, ledger: &Ledger) -> Result<(), serde_json::Error> {
    let groups = Lazy(|| {
        ledger.groups.iter().map(|g| With {
            fields: json!({"title": g.title, "subtotal": rollup_json(&g.subtotal)}),
            key: "rows",
            lazy: Lazy(|| g.rows.iter().map(row_json)),
        })
    });
    let doc = With {
        fields: json!({
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
        }),
        key: "groups",
        lazy: groups,
    };
    crate::core::safe_text::write_json(out, &doc)
}
