//! Pace (序时进度) and status: pure functions of (plan, recorded values, date).
//!
//! expected(t) = goal × clamp((t − start) / (due − start), 0, 1), counted in whole days with
//! the as-of day included, so the last day of the period expects the whole goal.
//! A target is done when its value reaches the goal; behind when overdue or its share done is
//! below `behind_ratio` × the expected share; at risk when below the expected share. Shortfalls
//! within `grace` (a share of the goal) are forgiven, so a plan is not red on 2 January.
//! Milestones cannot be half done: they are at risk within `milestone_warn_days` of their due
//! date and behind once overdue.

use crate::core::model::{Board, IndexedPlan, Item, Plan, Status, Target, TargetKind};
use chrono::NaiveDate;

pub mod tally;

/// Tunable thresholds of the status rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Below this share of the expected progress a target is behind (滞后).
    pub behind_ratio: f64,
    /// Shortfalls smaller than this share of the goal are not counted against a target.
    pub grace: f64,
    /// A milestone not done is at risk this many days before its due date.
    pub milestone_warn_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { behind_ratio: 0.8, grace: 0.05, milestone_warn_days: 30 }
    }
}

/// A target measured against its pace on one date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetEval {
    /// value / goal, not clamped (1.08 for 108 %).
    pub progress: f64,
    /// The share of the goal expected by the as-of date, in [0, 1].
    pub pace: f64,
    /// The value expected by the as-of date (goal × pace).
    pub expected: f64,
    pub status: Status,
    /// The date the target is measured against: its own, its item's, or the plan's end.
    pub due: NaiveDate,
    /// Past its due date and not done.
    pub overdue: bool,
}

/// An aggregate over targets (and manually judged items).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rollup {
    /// Mean share done (each part clamped to [0, 1]); `None` when nothing is measurable.
    pub progress: Option<f64>,
    /// Mean expected share over the same parts.
    pub pace: Option<f64>,
    /// Worst status of the parts; done only when every part is done.
    pub status: Option<Status>,
    /// How many parts are in each status, indexed by [`status_index`].
    pub counts: [usize; 4],
}

impl Rollup {
    pub fn count(&self, status: Status) -> usize {
        self.counts[status_index(status)]
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Index of a status in [`Rollup::counts`] (done, on track, at risk, behind).
pub fn status_index(status: Status) -> usize {
    match status {
        Status::Done => 0,
        Status::OnTrack => 1,
        Status::AtRisk => 2,
        Status::Behind => 3,
    }
}

/// The whole board measured on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub as_of: NaiveDate,
    /// Parallel to `plan.targets`.
    pub targets: Vec<TargetEval>,
    /// Parallel to `plan.items`.
    pub items: Vec<Rollup>,
    /// Parallel to `plan.themes`.
    pub themes: Vec<Rollup>,
    pub plan: Rollup,
}

/// The due date a target is measured against: its own, else its item's, else the plan's end.
pub fn due_in(plan: &Plan, item: Option<&Item>, target: &Target) -> NaiveDate {
    due_with(plan.end, item.and_then(|i| i.due), target)
}

/// [`due_in`] from the plan's end and the item's due date alone.
pub fn due_with(plan_end: NaiveDate, item_due: Option<NaiveDate>, target: &Target) -> NaiveDate {
    target.due.or(item_due).unwrap_or(plan_end)
}

/// [`due_in`], finding the target's item through the plan's index.
pub fn due_of(plan: &IndexedPlan, target: &Target) -> NaiveDate {
    let item = target.item.as_deref().and_then(|id| plan.item_index(id)).map(|i| &plan.items[i]);
    due_in(plan, item, target)
}

/// Share of the period from `start` to `due` elapsed at the end of `as_of`, in [0, 1].
pub fn elapsed_share(start: NaiveDate, due: NaiveDate, as_of: NaiveDate) -> f64 {
    if as_of >= due {
        return 1.0;
    }
    if as_of < start {
        return 0.0;
    }
    let total = (due - start).num_days() + 1;
    let done = (as_of - start).num_days() + 1;
    #[expect(clippy::cast_precision_loss, reason = "day counts are small")]
    let share = done as f64 / total as f64;
    clamp01(share)
}

/// Clamps to [0, 1], mapping NaN to 0 (ratatui gauges panic outside that range).
pub fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// Measures one target with value `value` on `as_of`.
pub fn evaluate_target(
    plan: &IndexedPlan,
    target: &Target,
    value: f64,
    as_of: NaiveDate,
    th: &Thresholds,
) -> TargetEval {
    evaluate_due(plan.start, due_of(plan, target), target, value, as_of, th)
}

/// [`evaluate_target`] with the due date already resolved (`start` is the plan's start).
pub fn evaluate_due(
    start: NaiveDate,
    due: NaiveDate,
    target: &Target,
    value: f64,
    as_of: NaiveDate,
    th: &Thresholds,
) -> TargetEval {
    let pace = elapsed_share(start.min(due), due, as_of);
    let goal = target.goal;
    let progress = if goal > 0.0 {
        value / goal
    } else if value > 0.0 {
        1.0
    } else {
        0.0
    };
    let done = progress >= 1.0;
    let overdue = !done && as_of > due;
    let status = if done {
        Status::Done
    } else if overdue {
        Status::Behind
    } else if target.kind == TargetKind::Milestone {
        if (due - as_of).num_days() <= th.milestone_warn_days {
            Status::AtRisk
        } else {
            Status::OnTrack
        }
    } else if pace - progress <= th.grace {
        Status::OnTrack
    } else if progress < pace * th.behind_ratio {
        Status::Behind
    } else {
        Status::AtRisk
    };
    TargetEval { progress, pace, expected: goal * pace, status, due, overdue }
}

/// Measures the whole board on `as_of`: targets, then items, themes and the plan.
pub fn evaluate(board: &Board, as_of: NaiveDate, th: &Thresholds) -> Evaluation {
    let plan = &board.plan;
    // Linear in the plan's size: every lookup goes through the plan's indexes.
    let targets: Vec<TargetEval> = plan
        .targets
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let due = due_in(plan, plan.target_item(k).map(|i| &plan.items[i]), t);
            let value = board.target_states.get(k).map_or(0.0, |s| s.value);
            evaluate_due(plan.start, due, t, value, as_of, th)
        })
        .collect();
    // A part of a roll-up: a top-level target (sub-targets are counted in their parent).
    let top = |&k: &usize| plan.targets[k].parent.is_none();

    let items: Vec<Rollup> = (0..plan.items.len())
        .map(|i| {
            let parts = plan.item_targets(i).iter().filter(|k| top(k)).map(|&k| &targets[k]);
            let mut r = rollup_targets(parts);
            if r.total() == 0
                && let Some(s) = board.item_states.get(i).and_then(|s| s.status)
            {
                r.status = Some(s);
                r.counts[status_index(s)] = 1;
                if s == Status::Done {
                    r.progress = Some(1.0);
                }
            }
            r
        })
        .collect();

    let themes: Vec<Rollup> = (0..plan.themes.len())
        .map(|k| {
            let item_parts = plan.theme_items(k).iter().map(|&i| items[i]);
            let theme_targets = plan.theme_targets(k).iter().filter(|k| top(k));
            combine(item_parts.chain(theme_targets.map(|&t| Rollup::of_target(&targets[t]))))
        })
        .collect();

    let plan_rollup = combine(themes.iter().copied());
    Evaluation { as_of, targets, items, themes, plan: plan_rollup }
}

impl Rollup {
    /// The roll-up of one target on its own.
    pub fn of_target(e: &TargetEval) -> Rollup {
        let mut counts = [0; 4];
        counts[status_index(e.status)] = 1;
        Rollup {
            progress: Some(clamp01(e.progress)),
            pace: Some(e.pace),
            status: Some(e.status),
            counts,
        }
    }
}

fn rollup_targets<'a>(parts: impl Iterator<Item = &'a TargetEval>) -> Rollup {
    combine(parts.map(Rollup::of_target))
}

/// Combines parts with equal weight: mean progress and pace over the parts that have one,
/// summed counts, worst status (done only if all parts are done).
pub fn combine(parts: impl Iterator<Item = Rollup>) -> Rollup {
    let mut out = Rollup::default();
    let (mut prog_sum, mut pace_sum, mut n, mut m) = (0.0, 0.0, 0usize, 0usize);
    for p in parts {
        if let Some(x) = p.progress {
            prog_sum += x;
            n += 1;
        }
        if let Some(x) = p.pace {
            pace_sum += x;
            m += 1;
        }
        for (a, b) in out.counts.iter_mut().zip(p.counts) {
            *a += b;
        }
        out.status = match (out.status, p.status) {
            (None, s) | (s, None) => s,
            (Some(a), Some(b)) => Some(a.min(b)),
        };
    }
    #[expect(clippy::cast_precision_loss, reason = "part counts are small")]
    {
        out.progress = (n > 0).then(|| prog_sum / n as f64);
        out.pace = (m > 0).then(|| pace_sum / m as f64);
    }
    out
}

#[cfg(test)]
mod tests;
