//! The ledger as JSON: the same rows and subtotals, numbers as numbers.

use crate::core::json_out::{Lazy, With};
use crate::core::model::{Direction, Status, TargetKind};
use crate::core::pace::Rollup;
use crate::core::report::{GroupBy, Ledger, Row};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
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

/// One row of the ledger, serialized from the row's own fields (no tree of strings per
/// row: `json!` copied every cell into a map, a third of a JSON export at 100k rows). The
/// fields in the order serde_json's sorted map writes `json!`'s keys, so the bytes are the
/// same.
#[derive(Serialize)]
struct RowJson<'a> {
    change: Option<f64>,
    departments: String,
    direction: Option<&'static str>,
    due: Option<Day>,
    goal: Option<f64>,
    id: &'a str,
    indicator: &'a str,
    kind: Option<&'static str>,
    note: &'a str,
    pace: Option<f64>,
    parent: Option<&'a str>,
    previous: Option<f64>,
    rate: Option<f64>,
    stale: bool,
    status: Option<&'static str>,
    task: &'a str,
    unit: &'a str,
    value: Option<f64>,
}

/// A day as `YYYY-MM-DD`, written without a string made for it.
struct Day(NaiveDate);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

impl<'a> RowJson<'a> {
    fn of(r: &'a Row) -> RowJson<'a> {
        RowJson {
            change: r.change,
            // JSON is data: the departments read as the plan writes them
            departments: crate::i18n::report::departments(&r.departments, crate::lang::Lang::Zh),
            direction: r.direction.map(Direction::as_str),
            due: r.due.map(Day),
            goal: r.goal,
            id: &r.id,
            indicator: &r.indicator,
            kind: r.kind.map(TargetKind::as_str),
            note: &r.note,
            pace: r.pace,
            parent: r.parent.as_deref(),
            previous: r.previous,
            rate: r.rate,
            stale: r.stale,
            status: r.status.map(Status::as_str),
            task: &r.task,
            unit: &r.unit,
            value: r.value,
        }
    }
}

/// Pretty JSON and a final newline, as every `--json` of the command line prints, written
/// row by row (no tree of the whole ledger in memory).
pub(super) fn write(out: &mut dyn Write, ledger: &Ledger) -> Result<(), serde_json::Error> {
    let groups = Lazy(|| {
        ledger.groups.iter().map(|g| With {
            fields: json!({"title": g.title, "subtotal": rollup_json(&g.subtotal)}),
            key: "rows",
            lazy: Lazy(|| g.rows.iter().map(RowJson::of)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Board;
    use crate::core::report::{GroupBy, ledger};

    /// A row as `json!` made it before rows were serialized from their fields.
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
            "departments": crate::i18n::report::departments(&r.departments, crate::lang::Lang::Zh),
            "note": r.note,
            "parent": r.parent,
        })
    }

    /// Each row writes the bytes `json!` wrote: the same keys in the same order, every
    /// field filled and empty, numbers that JSON cannot hold as null, unsafe text escaped.
    #[test]
    fn a_row_writes_what_json_macro_wrote() {
        let board = Board::fresh(crate::core::store::tests::sample_plan());
        let day = NaiveDate::from_ymd_opt(2023, 6, 30).expect("date");
        let eval = crate::core::pace::evaluate(&board, day, &Default::default());
        let keep = vec![true; board.plan.items.len()];
        let ledger = ledger(&board, &eval, GroupBy::Theme, &keep);
        let mut rows: Vec<Row> = ledger.groups.iter().flat_map(|g| g.rows.clone()).collect();
        let mut bare = rows[0].clone();
        (bare.kind, bare.goal, bare.aim, bare.direction, bare.value) =
            (None, None, None, None, None);
        (bare.due, bare.indicator, bare.status) = (None, String::new(), None);
        rows.push(bare);
        let mut odd = rows[0].clone();
        (odd.previous, odd.change, odd.rate, odd.value) =
            (Some(1.5), Some(f64::NAN), None, Some(f64::INFINITY));
        (odd.stale, odd.parent, odd.note) =
            (true, Some("1.1".into()), "进展\u{1b}[31m \"引号\"\n".into());
        rows.push(odd);
        for r in &rows {
            let mut new = Vec::new();
            crate::core::safe_text::write_json(&mut new, &RowJson::of(r)).expect("write");
            let mut old = Vec::new();
            crate::core::safe_text::write_json(&mut old, &row_json(r)).expect("write");
            assert_eq!(String::from_utf8_lossy(&new), String::from_utf8_lossy(&old));
        }
    }
}
