//! The progress ledger (台账): the board as it stood at the end of a date, replayed from the
//! update log, as rows of 序号 · 任务 · 指标 · 目标值 · 完成值 · 完成率 · 序时进度 · 完成状态 ·
//! 责任科室 · 进展情况, grouped by theme or department with subtotals. This module computes;
//! [`format`] writes it out (Markdown, CSV, XLSX, JSON) and holds the full backup.

pub mod format;

use crate::core::model::{
    Board, Change, ItemState, Millis, Status, TargetKind, TargetState, Update,
};
use crate::core::numeral;
use crate::core::pace::{self, Evaluation, Rollup, Thresholds};
use chrono::NaiveDate;

/// How ledger rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Theme,
    Department,
}

/// One line of the ledger: a target, or an item without targets.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 序号: the target id, or the item id for an item without targets.
    pub id: String,
    /// 任务: the item's title (the theme's for a theme-level target).
    pub task: String,
    /// 指标: what is measured; empty for an item without targets.
    pub indicator: String,
    pub kind: Option<TargetKind>,
    pub goal: Option<f64>,
    pub unit: String,
    pub value: Option<f64>,
    /// 完成率: value / goal (not clamped).
    pub rate: Option<f64>,
    /// 序时进度: the share expected by the as-of date.
    pub pace: Option<f64>,
    pub status: Option<Status>,
    pub due: Option<NaiveDate>,
    /// 责任科室: lead departments, then support ones in brackets.
    pub departments: String,
    /// 进展情况: the item's progress note.
    pub note: String,
    /// For a sub-target, the id of its parent.
    pub parent: Option<String>,
}

/// A group of rows with its subtotal.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The theme heading (一、…) or the department name.
    pub title: String,
    pub rows: Vec<Row>,
    pub subtotal: Rollup,
}

/// The whole ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    pub plan_id: String,
    pub title: String,
    pub as_of: NaiveDate,
    pub by: GroupBy,
    pub groups: Vec<Group>,
    pub total: Rollup,
}

/// The board as it stood at `cutoff` (exclusive): values, notes and manual statuses
/// replayed from the log. The structure is today's.
pub fn board_as_of(board: &Board, log: &[Update], cutoff: Millis) -> Board {
    let mut past = Board {
        plan: board.plan.clone(),
        target_states: vec![TargetState::default(); board.plan.targets.len()],
        item_states: vec![ItemState::default(); board.plan.items.len()],
        counter: board.counter,
    };
    for u in log.iter().filter(|u| u.at < cutoff) {
        match &u.change {
            Change::Value { target, new, .. } => {
                if let Some(k) = board.target_index(target) {
                    past.target_states[k].record(*new, u.at, &u.user);
                }
            }
            Change::Note { item, new, .. } => {
                if let Some(k) = board.item_index(item) {
                    past.item_states[k].record_note(new, u.at, &u.user);
                }
            }
            Change::ItemStatus { item, new, .. } => {
                if let Some(k) = board.item_index(item) {
                    past.item_states[k].status = *new;
                }
            }
            Change::TargetDef { .. } => {}
        }
    }
    past
}

fn departments_text(item: &crate::core::model::Item) -> String {
    let leads: Vec<&str> = item.leads().map(|d| d.name.as_str()).collect();
    let support: Vec<&str> = item.supports().map(|d| d.name.as_str()).collect();
    let mut s = leads.join("、");
    if !support.is_empty() {
        s.push_str(&format!("（配合：{}）", support.join("、")));
    }
    s
}

/// Builds the ledger of `board` measured on `as_of`; `keep` filters items (by department).
pub fn ledger(board: &Board, eval: &Evaluation, by: GroupBy, keep: &[bool]) -> Ledger {
    let plan = &board.plan;
    // (group key, row, rollup part) in document order
    let mut rows: Vec<(Vec<String>, Row, Rollup)> = Vec::new();
    for (th, theme) in plan.themes.iter().enumerate() {
        let heading = format!("{}、{}", numeral::chinese(theme.number), theme.title);
        for &k in plan.theme_targets(th) {
            let row = target_row(board, eval, k, theme.title.clone(), String::new(), String::new());
            let keys = match by {
                GroupBy::Theme => vec![heading.clone()],
                GroupBy::Department => vec![NO_DEPT.to_string()],
            };
            rows.push((keys, row, part(eval, k)));
        }
        for &i in plan.theme_items(th) {
            if !keep[i] {
                continue;
            }
            let item = &plan.items[i];
            let keys = match by {
                GroupBy::Theme => vec![heading.clone()],
                GroupBy::Department => {
                    let leads: Vec<String> = item.leads().map(|d| d.name.clone()).collect();
                    if leads.is_empty() { vec![NO_DEPT.to_string()] } else { leads }
                }
            };
            let depts = departments_text(item);
            let note = board.item_states[i].note.clone();
            let own = plan.item_targets(i);
            if own.is_empty() {
                let r = eval.items[i];
                rows.push((
                    keys,
                    Row {
                        id: item.id.clone(),
                        task: item.title.clone(),
                        indicator: String::new(),
                        kind: None,
                        goal: None,
                        unit: String::new(),
                        value: None,
                        rate: r.progress,
                        pace: None,
                        status: r.status,
                        due: item.due,
                        departments: depts,
                        note,
                        parent: None,
                    },
                    r,
                ));
            } else {
                for &k in own {
                    let row =
                        target_row(board, eval, k, item.title.clone(), depts.clone(), note.clone());
                    let p = if plan.targets[k].parent.is_some() {
                        Rollup::default()
                    } else {
                        part(eval, k)
                    };
                    rows.push((keys.clone(), row, p));
                }
            }
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    for (keys, row, p) in rows {
        for key in keys {
            let g = match groups.iter().position(|g| g.title == key) {
                Some(g) => g,
                None => {
                    groups.push(Group {
                        title: key,
                        rows: Vec::new(),
                        subtotal: Rollup::default(),
                    });
                    groups.len() - 1
                }
            };
            groups[g].rows.push(row.clone());
            groups[g].subtotal =
                pace::combine([groups[g].subtotal, p].into_iter().filter(|r| r.total() > 0));
        }
    }
    if by == GroupBy::Department {
        // Departments in a stable, readable order; the unassigned group last.
        groups.sort_by(|a, b| {
            (a.title == NO_DEPT).cmp(&(b.title == NO_DEPT)).then(a.title.cmp(&b.title))
        });
    }
    let total = pace::combine(groups.iter().map(|g| g.subtotal).filter(|r| r.total() > 0));
    Ledger {
        plan_id: plan.id.clone(),
        title: plan.title.clone(),
        as_of: eval.as_of,
        by,
        groups,
        total,
    }
}

/// The group of rows whose item names no department.
pub const NO_DEPT: &str = "（未明确科室）";

fn part(eval: &Evaluation, k: usize) -> Rollup {
    Rollup::of_target(&eval.targets[k])
}

fn target_row(
    board: &Board,
    eval: &Evaluation,
    k: usize,
    task: String,
    departments: String,
    note: String,
) -> Row {
    let t = &board.plan.targets[k];
    let e = &eval.targets[k];
    Row {
        id: t.id.clone(),
        task,
        indicator: t.name.clone(),
        kind: Some(t.kind),
        goal: Some(t.goal),
        unit: t.unit.clone(),
        value: Some(board.target_states[k].value),
        rate: Some(e.progress),
        pace: Some(e.pace),
        status: Some(e.status),
        due: Some(e.due),
        departments,
        note,
        parent: t.parent.clone(),
    }
}

/// Evaluates the board as it stood at the end of `as_of` (local time `cutoff`).
pub fn evaluate_as_of(
    board: &Board,
    log: &[Update],
    as_of: NaiveDate,
    cutoff: Millis,
) -> (Board, Evaluation) {
    let past = board_as_of(board, log, cutoff);
    let eval = pace::evaluate(&past, as_of, &Thresholds::default());
    (past, eval)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Change;

    #[test]
    fn replay_stops_at_the_cutoff() {
        let plan = crate::core::store::tests::sample_plan();
        let board = crate::core::model::Board::fresh(plan);
        let up = |seq, at, new: f64| Update {
            seq,
            at,
            user: "w".into(),
            uid: 1,
            change: Change::Value { target: "1.1".into(), old: 0.0, new },
            note: String::new(),
            undoes: None,
            prev: None,
        };
        let log = vec![up(1, 100, 10.0), up(2, 200, 20.0), up(3, 300, 30.0)];
        assert_eq!(board_as_of(&board, &log, 250).target_states[0].value, 20.0);
        assert_eq!(board_as_of(&board, &log, 50).target_states[0].value, 0.0);
        assert_eq!(board_as_of(&board, &log, 1000).target_states[0].updates, 3);
    }
}
