//! The behind list: what needs chasing, worst first. Every target and status item that is
//! behind (滞后) or at risk (预警); as a section, those not updated for the staleness period;
//! and the departments that have not reported for the current period. Computed here so the
//! board only draws it.

use super::Evaluation;
use super::stale::Staleness;
use crate::core::model::{Board, IndexedPlan, Millis, Status};
use crate::core::period::DeptReport;
use chrono::NaiveDate;
use std::cmp::Ordering;

/// What a line of the list is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A target, by position in `plan.targets`.
    Target(usize),
    /// An item without targets, by position in `plan.items`.
    Item(usize),
}

/// One line of the list, with the figures it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub subject: Subject,
    /// The status (a status item nobody has judged reads as on track).
    pub status: Status,
    /// Share done (a target's, unclamped), `None` for a status item.
    pub progress: Option<f64>,
    /// Share expected by today, `None` for a status item.
    pub pace: Option<f64>,
    /// How far below pace (pace − progress, progress clamped to [0, 1]); `None` for a
    /// status item, which is judged by hand.
    pub gap: Option<f64>,
    pub due: Option<NaiveDate>,
    /// The lead departments of the subject's item, joined by 、 (empty for a target a
    /// theme heading states).
    pub departments: String,
    /// The last update (value, note or status), if any.
    pub updated_at: Option<Millis>,
}

/// The whole list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BehindList {
    /// Behind first, then at risk; within each by how far below pace, then due date.
    pub behind: Vec<Entry>,
    /// Stale targets and status items, the longest untouched first.
    pub stale: Vec<Entry>,
    /// Departments that have not reported for the period, in plan order.
    pub missing: Vec<DeptReport>,
}

impl BehindList {
    /// Lines in the order they are shown: behind, stale, then one per missing department.
    pub fn len(&self) -> usize {
        self.behind.len() + self.stale.len() + self.missing.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The line at position `i` of the shown order.
    pub fn line(&self, i: usize) -> Option<Line<'_>> {
        let (b, s) = (self.behind.len(), self.stale.len());
        if i < b {
            Some(Line::Behind(&self.behind[i]))
        } else if i < b + s {
            Some(Line::Stale(&self.stale[i - b]))
        } else {
            self.missing.get(i - b - s).map(Line::Missing)
        }
    }
}

/// A line of the list, in the section it sits in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Line<'a> {
    Behind(&'a Entry),
    Stale(&'a Entry),
    Missing(&'a DeptReport),
}

/// Builds the list (linear in the board, plus sorting what it keeps).
pub fn behind_list(
    board: &Board,
    eval: &Evaluation,
    stale: &Staleness,
    reports: &[DeptReport],
) -> BehindList {
    let plan = &board.plan;
    let mut behind = Vec::new();
    let mut stale_list = Vec::new();
    for (k, e) in eval.targets.iter().enumerate() {
        let wanted = matches!(e.status, Status::Behind | Status::AtRisk);
        if !wanted && !stale.target(k) {
            continue;
        }
        let entry = Entry {
            subject: Subject::Target(k),
            status: e.status,
            progress: Some(e.progress),
            pace: Some(e.pace),
            gap: Some(e.pace - super::clamp01(e.progress)),
            due: Some(e.due),
            departments: plan.target_item(k).map(|i| leads(plan, i)).unwrap_or_default(),
            updated_at: board.target_states.get(k).and_then(|s| s.updated_at),
        };
        if stale.target(k) {
            stale_list.push(entry.clone());
        }
        if wanted {
            behind.push(entry);
        }
    }
    for (i, item) in plan.items.iter().enumerate() {
        if !plan.item_targets(i).is_empty() {
            continue;
        }
        let state = board.item_states.get(i);
        let status = state.and_then(|s| s.status);
        let wanted = matches!(status, Some(Status::Behind | Status::AtRisk));
        if !wanted && !stale.item(i) {
            continue;
        }
        let entry = Entry {
            subject: Subject::Item(i),
            status: status.unwrap_or(Status::OnTrack),
            progress: None,
            pace: None,
            gap: None,
            due: item.due,
            departments: leads(plan, i),
            updated_at: state.and_then(|s| s.updated_at),
        };
        if stale.item(i) {
            stale_list.push(entry.clone());
        }
        if wanted {
            behind.push(entry);
        }
    }
    behind.sort_by(worst_first);
    // never updated first, then the oldest update; ties in plan order (the sort is stable)
    stale_list.sort_by_key(|e| e.updated_at.map_or(i64::MIN, |t| t));
    let missing = reports.iter().filter(|r| !r.reported()).cloned().collect();
    BehindList { behind, stale: stale_list, missing }
}

/// Behind before at risk; then the larger gap (a status item, judged by hand, after the
/// measured ones); then the earlier due date.
fn worst_first(a: &Entry, b: &Entry) -> Ordering {
    let rank = |s: Status| u8::from(s != Status::Behind);
    rank(a.status)
        .cmp(&rank(b.status))
        .then_with(|| match (a.gap, b.gap) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| match (a.due, b.due) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
}

/// Item `i`'s lead departments, as one line.
fn leads(plan: &IndexedPlan, i: usize) -> String {
    plan.items[i].leads().map(|d| d.name.as_str()).collect::<Vec<_>>().join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::clock::Clock;
    use crate::core::import::{ImportOptions, parse};
    use crate::core::pace::{Thresholds, evaluate};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn bundled() -> Board {
        let text = include_str!("../../../data/2023-work-plan.txt");
        Board::fresh(parse(text, &ImportOptions::default()).expect("bundled plan").plan)
    }

    #[test]
    fn worst_first_then_due_date_with_stale_and_missing_sections() {
        let mut board = bundled();
        let clock = Clock::fixed(0, chrono::FixedOffset::east_opt(8 * 3600).expect("tz"));
        let today = d("2023-09-30");
        let noon = clock.midnight(today) - 3_600_000;
        // 13.1 far behind, 13.2 behind by less, 14.1 on track, updated yesterday
        for (id, share) in [("13.1", 0.1), ("13.2", 0.5), ("14.1", 0.9)] {
            let k = board.target_index(id).expect(id);
            let goal = board.plan.targets[k].goal;
            board.target_states[k].record(goal * share, noon, "wang");
        }
        let eval = evaluate(&board, today, &Thresholds::default());
        let stale = Staleness::of(&board, &eval, 30, &clock);
        let reports = [
            DeptReport { department: "甲".into(), items: vec![0], missing: vec![0], last: None },
            DeptReport { department: "乙".into(), items: vec![1], missing: vec![], last: None },
        ];
        let list = behind_list(&board, &eval, &stale, &reports);
        assert!(!list.behind.is_empty());
        let statuses: Vec<Status> = list.behind.iter().map(|e| e.status).collect();
        let first_risk = statuses.iter().position(|&s| s == Status::AtRisk);
        if let Some(p) = first_risk {
            assert!(statuses[p..].iter().all(|&s| s == Status::AtRisk), "behind before at risk");
        }
        for w in list.behind.windows(2) {
            if w[0].status == w[1].status
                && let (Some(a), Some(b)) = (w[0].gap, w[1].gap)
            {
                assert!(a >= b, "larger gap first");
                if a == b {
                    assert!(w[0].due <= w[1].due, "then the earlier due date");
                }
            }
        }
        let at = |id: &str| {
            let k = board.target_index(id).expect(id);
            list.behind.iter().position(|e| e.subject == Subject::Target(k))
        };
        assert!(at("13.1") < at("13.2"), "10% is further below pace than 50%");
        assert_eq!(at("14.1"), None, "on track is not listed");
        let k = board.target_index("13.1").expect("13.1");
        assert_eq!(list.behind[at("13.1").expect("listed")].departments, "群众**科");
        assert!(!list.stale.iter().any(|e| e.subject == Subject::Target(k)), "updated yesterday");
        assert!(list.stale.iter().all(|e| e.updated_at.is_none()), "the rest never updated");
        assert_eq!(list.stale.len(), stale.count());
        assert_eq!(list.missing.len(), 1);
        assert_eq!(list.missing[0].department, "甲");
        assert_eq!(list.len(), list.behind.len() + list.stale.len() + 1);
        assert!(matches!(list.line(list.len() - 1), Some(Line::Missing(_))));
        assert_eq!(list.line(list.len()), None);
    }
}
