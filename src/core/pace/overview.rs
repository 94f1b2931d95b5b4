//! Figures an overview of the board shows, beyond the roll-ups [`super::evaluate`] makes:
//! each department's roll-up, the roll-up of the targets a theme heading states itself, and
//! the targets overdue or due soon. Computed here, once, so a screen only draws them.

use super::{Evaluation, Rollup, combine};
use crate::core::filter;
use crate::core::model::{IndexedPlan, Status};
use chrono::NaiveDate;

/// Every department the plan names (lead or support), in order of first appearance, with
/// the roll-up of the items it leads or supports: the figures `status --dept` and the ledger
/// give it, from the one roll-up ([`Evaluation::select`]).
pub fn department_rollups(plan: &IndexedPlan, eval: &Evaluation) -> Vec<(String, Rollup)> {
    let every = vec![true; plan.items.len()];
    filter::by_department(plan, &every)
        .0
        .into_iter()
        .map(|(d, items)| {
            let r = eval.select(plan, &items, false).overall;
            (d, r)
        })
        .collect()
}

/// The roll-up of the targets theme `k` (an index) states in its heading, sub-targets
/// counted in their parent; empty when it states none.
pub fn theme_targets_rollup(plan: &IndexedPlan, eval: &Evaluation, k: usize) -> Rollup {
    combine(
        plan.theme_targets(k)
            .iter()
            .filter(|&&t| plan.targets[t].parent.is_none())
            .map(|&t| Rollup::of_target(&eval.targets[t])),
    )
}

/// Targets past their due date and not done, earliest due first.
pub fn overdue(eval: &Evaluation) -> Vec<usize> {
    let mut late: Vec<usize> =
        (0..eval.targets.len()).filter(|&t| eval.targets[t].overdue).collect();
    late.sort_by_key(|&t| eval.targets[t].due);
    late
}

/// Targets not done and due within `days` days of `today` (today included), earliest first.
pub fn due_within(eval: &Evaluation, today: NaiveDate, days: i64) -> Vec<usize> {
    let horizon = today + chrono::Duration::days(days);
    let mut soon: Vec<usize> = (0..eval.targets.len())
        .filter(|&t| {
            let e = &eval.targets[t];
            e.status != Status::Done && e.due >= today && e.due <= horizon
        })
        .collect();
    soon.sort_by_key(|&t| eval.targets[t].due);
    soon
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::{ImportOptions, parse};
    use crate::core::model::{Board, Department};
    use crate::core::pace::{Thresholds, evaluate};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    /// The bundled plan with a few values, measured on 2023-09-30.
    fn bundled() -> (Board, Evaluation) {
        let text = include_str!("../../../data/2023-work-plan.txt");
        let plan = parse(text, &ImportOptions::default()).expect("bundled plan").plan;
        let mut board = Board::fresh(plan);
        for (id, v) in [("13.1", 64.0), ("13.2", 6020.0), ("14.1", 150.0)] {
            let k = board.target_index(id).expect(id);
            board.target_states[k].value = v;
            board.target_states[k].updates = 1;
        }
        let eval = evaluate(&board, d("2023-09-30"), &Thresholds::default());
        (board, eval)
    }

    #[test]
    fn a_department_rolls_up_the_items_it_leads_or_supports() {
        let (board, eval) = bundled();
        let rows = department_rollups(&board.plan, &eval);
        let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, filter::departments(&board.plan), "every department, in plan order");
        for (name, r) in &rows {
            let named: Vec<usize> = (0..board.plan.items.len())
                .filter(|&k| board.plan.items[k].departments.iter().any(|d| &d.name == name))
                .collect();
            assert!(!named.is_empty(), "{name}");
            let counts = named.iter().fold([0; 4], |mut a, &k| {
                for (x, y) in a.iter_mut().zip(eval.items[k].counts) {
                    *x += y;
                }
                a
            });
            assert_eq!(r.counts, counts, "{name}");
        }
    }

    #[test]
    fn a_supporting_department_counts_the_item_and_one_named_twice_counts_it_once() {
        let (mut board, _) = bundled();
        let k = board.plan.item_index("13").expect("item 13");
        let mut plan = board.plan.into_plan();
        let lead = plan.items[k].departments[0].clone();
        plan.items[k].departments.push(lead.clone());
        plan.items[k]
            .departments
            .push(Department {
                name: "只配合科".into(), role: crate::core::model::Role::Support
            });
        board = Board::fresh(plan);
        let eval = evaluate(&board, d("2023-09-30"), &Thresholds::default());
        let rows = department_rollups(&board.plan, &eval);
        let of = |n: &str| rows.iter().find(|(x, _)| x == n).map(|(_, r)| *r).expect(n);
        assert_eq!(of("只配合科").counts, eval.items[k].counts);
        let once: usize = board
            .plan
            .items
            .iter()
            .zip(&eval.items)
            .filter(|(i, _)| i.departments.iter().any(|d| d.name == lead.name))
            .map(|(_, r)| r.total())
            .sum();
        assert_eq!(of(&lead.name).total(), once);
    }

    #[test]
    fn a_themes_own_targets_roll_up_without_sub_targets() {
        let text = include_str!("../../../tests/data/deadline-style-plan.txt");
        let plan = parse(text, &ImportOptions::default()).expect("plan").plan;
        let mut board = Board::fresh(plan);
        let t = board.target_index("t4.1").expect("t4.1");
        board.target_states[t].value = board.plan.targets[t].goal;
        board.target_states[t].updates = 1;
        let eval = evaluate(&board, d("2025-05-20"), &Thresholds::default());
        let k = board.plan.theme_index(4).expect("theme 4");
        let r = theme_targets_rollup(&board.plan, &eval, k);
        assert_eq!(r.status, Some(Status::Done));
        assert_eq!(r.total(), board.plan.theme_targets(k).len());
        assert_eq!(theme_targets_rollup(&board.plan, &eval, 0), Rollup::default());
    }

    #[test]
    fn overdue_and_due_soon_lists_are_sorted_by_due_date() {
        let (board, _) = bundled();
        // Late in the year: milestones due by the end of the year fall due.
        let eval = evaluate(&board, d("2024-01-02"), &Thresholds::default());
        let late = overdue(&eval);
        assert!(!late.is_empty());
        assert!(late.iter().all(|&t| eval.targets[t].overdue));
        assert!(late.windows(2).all(|w| eval.targets[w[0]].due <= eval.targets[w[1]].due));
        let eval = evaluate(&board, d("2023-12-15"), &Thresholds::default());
        let soon = due_within(&eval, d("2023-12-15"), 30);
        assert!(!soon.is_empty());
        for &t in &soon {
            let e = &eval.targets[t];
            assert!(e.status != Status::Done && e.due >= d("2023-12-15"));
            assert!(e.due <= d("2024-01-14"));
        }
        let none = due_within(&eval, d("2023-01-01"), 0);
        assert!(none.iter().all(|&t| eval.targets[t].due == d("2023-01-01")));
    }
}
