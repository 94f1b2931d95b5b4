//! Pace (序时进度) and status: pure functions of (plan, recorded values, date).
//!
//! expected(t) = goal × clamp((t − start) / (due − start), 0, 1), counted in whole days with
//! the as-of day included, so the last day of the period expects the whole goal.
//! A target is done when its value reaches the goal (which way, from where and how closely:
//! [`aim`]); behind when overdue or its share done is below `behind_ratio` × the expected
//! share; at risk when below the expected share. Shortfalls within `grace` (a share of the
//! goal) are forgiven, so a plan is not red on 2 January.
//! Milestones cannot be half done: they are at risk within `milestone_warn_days` of their due
//! date and behind once overdue.

use crate::core::model::{Board, IndexedPlan, Item, Plan, Reading, Status, Target, TargetKind};
use chrono::NaiveDate;

pub mod aim;
pub mod behind;
pub mod overview;
pub mod stale;
pub mod tally;

pub use aim::{Aim, Goal, Symbols, goal, start_shown, value_shown, value_unit};

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
    /// The share of the way from the start to the goal done (value / goal going up), not
    /// clamped above (1.08 for 108 %), never below 0.
    pub progress: f64,
    /// The share of the way expected by the as-of date, in [0, 1].
    pub pace: f64,
    /// The value expected by the as-of date (goal × pace going up; from the start down to
    /// the goal going down); `None` while the start or goal is unknown.
    pub expected: Option<f64>,
    pub status: Status,
    /// The day its pace runs from: the plan's start, or the day a target added later was
    /// added ([`start_of`]).
    pub start: NaiveDate,
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

    /// The status of the aggregate's own figure: done when every part is, else its mean
    /// share done against its mean pace ([`against_pace`]), but never worse than its worst
    /// part (milestones show no share on the way, so a plan of documents due in December is
    /// not behind in September); the parts' worst status when there is no figure (items
    /// judged by hand). A row coloured by this agrees with the percentage it shows (98 % on
    /// pace is not red for one part behind); its parts behind are counted beside it.
    pub fn own_status(&self, th: &Thresholds) -> Option<Status> {
        let severity = |s: Status| match s {
            Status::Done | Status::OnTrack => 0,
            Status::AtRisk => 1,
            Status::Behind => 2,
        };
        match (self.status, self.progress, self.pace) {
            (Some(Status::Done), ..) => Some(Status::Done),
            (Some(worst), Some(p), Some(q)) => {
                let judged = against_pace(p, q, th);
                Some(if severity(worst) < severity(judged) { worst } else { judged })
            }
            (s, ..) => s,
        }
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

/// The day a target's pace runs from: the plan's start, or the day the target was added
/// when that is later (a target added mid-year is not behind the day it is made).
pub fn start_of(plan_start: NaiveDate, reading: Reading) -> NaiveDate {
    reading.since.map_or(plan_start, |d| d.max(plan_start))
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

/// Measures one target with what has been recorded, `reading`, on `as_of`.
pub fn evaluate_target(
    plan: &IndexedPlan,
    target: &Target,
    reading: Reading,
    as_of: NaiveDate,
    th: &Thresholds,
) -> TargetEval {
    evaluate_due(plan.start, due_of(plan, target), target, reading, as_of, th)
}

/// [`evaluate_target`] with the due date already resolved (`plan_start` is the plan's
/// start; the target's own start comes from the reading, [`start_of`]).
pub fn evaluate_due(
    plan_start: NaiveDate,
    due: NaiveDate,
    target: &Target,
    reading: Reading,
    as_of: NaiveDate,
    th: &Thresholds,
) -> TargetEval {
    let start = start_of(plan_start, reading).min(due);
    let pace = elapsed_share(start, due, as_of);
    let aim = aim::aim(target, reading, th);
    let progress = aim.progress(reading);
    let done = aim.reached(reading);
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
    } else {
        against_pace(progress, pace, th)
    };
    TargetEval { progress, pace, expected: aim.expected(pace), status, start, due, overdue }
}

/// A share done not yet complete, judged against the share expected: on track within the
/// grace, behind below `behind_ratio` of the pace, else at risk. The rule of one target, and
/// of an aggregate's own figure ([`Rollup::own_status`]).
pub fn against_pace(progress: f64, pace: f64, th: &Thresholds) -> Status {
    if pace - progress <= th.grace {
        Status::OnTrack
    } else if progress < pace * th.behind_ratio {
        Status::Behind
    } else {
        Status::AtRisk
    }
}

/// Measures the whole board on `as_of`: targets, then items, themes and the plan.
pub fn evaluate(board: &Board, as_of: NaiveDate, th: &Thresholds) -> Evaluation {
    let plan = &board.plan;
    // Linear in the plan's size: every lookup goes through the plan's indexes.
    let targets: Vec<TargetEval> =
        (0..plan.targets.len()).map(|k| evaluate_at(board, k, as_of, th)).collect();
    let items: Vec<Rollup> =
        (0..plan.items.len()).map(|i| item_rollup_at(board, &targets, i)).collect();
    let every: Vec<usize> = (0..plan.items.len()).collect();
    let all = roll_up(plan, &items, &targets, &every, true);
    Evaluation { as_of, targets, items, themes: all.themes, plan: all.overall }
}

/// Target `k` of the board, measured on `as_of`.
fn evaluate_at(board: &Board, k: usize, as_of: NaiveDate, th: &Thresholds) -> TargetEval {
    let plan = &board.plan;
    let t = &plan.targets[k];
    let due = due_in(plan, plan.target_item(k).map(|i| &plan.items[i]), t);
    let reading = board.target_states.get(k).map(|s| s.reading()).unwrap_or_default();
    evaluate_due(plan.start, due, t, reading, as_of, th)
}

/// Item `i`'s roll-up of its top-level targets (sub-targets are counted in their parent),
/// or of the status it was given when it has none.
fn item_rollup_at(board: &Board, targets: &[TargetEval], i: usize) -> Rollup {
    let plan = &board.plan;
    let top = |&k: &usize| plan.targets[k].parent.is_none();
    let parts = plan.item_targets(i).iter().filter(|k| top(k)).map(|&k| &targets[k]);
    item_rollup(parts, board.item_states.get(i).and_then(|s| s.status))
}

/// An item's roll-up: its top-level targets' evaluations (`parts`), or, when it has none,
/// its `manual` status (the status items judge by hand).
pub fn item_rollup<'a>(
    parts: impl Iterator<Item = &'a TargetEval>,
    manual: Option<Status>,
) -> Rollup {
    let mut r = rollup_targets(parts);
    if r.total() == 0
        && let Some(s) = manual
    {
        r.status = Some(s);
        r.counts[status_index(s)] = 1;
        if s == Status::Done {
            r.progress = Some(1.0);
        }
    }
    r
}

impl Evaluation {
    /// Measures again what changed in `board` since this evaluation was made of it: the
    /// `targets` and `items` (positions) whose states changed, their items, and the themes
    /// and plan (one pass over the item roll-ups). The result is what [`evaluate`] gives
    /// for the board as it now is; the cost is the changed parts plus the number of items,
    /// not the number of targets.
    pub fn refresh(&mut self, board: &Board, targets: &[usize], items: &[usize], th: &Thresholds) {
        let plan = &board.plan;
        let mut touched: Vec<usize> = items.to_vec();
        for &k in targets {
            if k < self.targets.len() {
                self.targets[k] = evaluate_at(board, k, self.as_of, th);
                touched.extend(plan.target_item(k));
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for i in touched {
            if i < self.items.len() {
                self.items[i] = item_rollup_at(board, &self.targets, i);
            }
        }
        let every: Vec<usize> = (0..plan.items.len()).collect();
        let all = roll_up(plan, &self.items, &self.targets, &every, true);
        self.themes = all.themes;
        self.plan = all.overall;
    }
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

/// The roll-ups of a part of the board: per theme, and overall.
#[derive(Debug, Clone, PartialEq)]
pub struct Rollups {
    /// Parallel to `plan.themes`: each theme's roll-up of the parts kept (empty when it
    /// keeps none).
    pub themes: Vec<Rollup>,
    /// The equal-weight mean of the themes' roll-ups.
    pub overall: Rollup,
}

/// The one roll-up of the board, with the documented weights: a theme is the equal-weight
/// mean of its parts — each of its `items` (already rolled up from their targets) and,
/// with `theme_targets`, each top-level target its heading states; the overall figure is
/// the equal-weight mean of the themes. `items` are positions in plan order. The whole
/// board ([`evaluate`]), a department (`status --dept`) and each group of the ledger are
/// this function of different items, so their figures cannot disagree.
pub fn roll_up(
    plan: &IndexedPlan,
    items: &[Rollup],
    targets: &[TargetEval],
    keep: &[usize],
    theme_targets: bool,
) -> Rollups {
    let mut acc: Vec<Combiner> = vec![Combiner::default(); plan.themes.len()];
    // Parts are added in the order of the plan (a theme's items, then its own targets), so
    // the sums, and their rounding, are the same whichever items are kept.
    for &i in keep {
        if let Some(k) = plan.theme_index(plan.items[i].theme) {
            acc[k].add(items[i]);
        }
    }
    if theme_targets {
        for (k, a) in acc.iter_mut().enumerate() {
            for &t in plan.theme_targets(k) {
                if plan.targets[t].parent.is_none() {
                    a.add(Rollup::of_target(&targets[t]));
                }
            }
        }
    }
    // Themes that repeat a number share the first one's parts, as `theme_items` gives them.
    let themes: Vec<Rollup> = (0..plan.themes.len())
        .map(|k| {
            let first = plan.theme_index(plan.themes[k].number).unwrap_or(k);
            acc[first].clone().finish()
        })
        .collect();
    let overall = combine(themes.iter().copied());
    Rollups { themes, overall }
}

impl Evaluation {
    /// The roll-ups of these items (positions in plan order) and, with `theme_targets`,
    /// the targets theme headings state: [`roll_up`] of this evaluation.
    pub fn select(&self, plan: &IndexedPlan, keep: &[usize], theme_targets: bool) -> Rollups {
        roll_up(plan, &self.items, &self.targets, keep, theme_targets)
    }

    /// The roll-ups of what a department filter keeps (`keep`, parallel to the items): its
    /// items, and the targets theme headings state only when it keeps every item (they
    /// belong to no department). With every item kept, the board's own figures.
    pub fn of_kept(&self, plan: &IndexedPlan, keep: &[bool]) -> Rollups {
        let kept: Vec<usize> = (0..keep.len()).filter(|&k| keep[k]).collect();
        self.select(plan, &kept, kept.len() == keep.len())
    }
}

/// Sums parts as they come; [`Combiner::finish`] gives their equal-weight roll-up.
#[derive(Debug, Clone, Default)]
struct Combiner {
    out: Rollup,
    prog_sum: f64,
    pace_sum: f64,
    n: usize,
    m: usize,
}

impl Combiner {
    fn add(&mut self, p: Rollup) {
        if let Some(x) = p.progress {
            self.prog_sum += x;
            self.n += 1;
        }
        if let Some(x) = p.pace {
            self.pace_sum += x;
            self.m += 1;
        }
        for (a, b) in self.out.counts.iter_mut().zip(p.counts) {
            *a += b;
        }
        self.out.status = match (self.out.status, p.status) {
            (None, s) | (s, None) => s,
            (Some(a), Some(b)) => Some(a.min(b)),
        };
    }

    #[expect(clippy::cast_precision_loss, reason = "part counts are small")]
    fn finish(self) -> Rollup {
        Rollup {
            progress: (self.n > 0).then(|| self.prog_sum / self.n as f64),
            pace: (self.m > 0).then(|| self.pace_sum / self.m as f64),
            ..self.out
        }
    }
}

/// Combines parts with equal weight: mean progress and pace over the parts that have one,
/// summed counts, worst status (done only if all parts are done).
pub fn combine(parts: impl Iterator<Item = Rollup>) -> Rollup {
    let mut acc = Combiner::default();
    for p in parts {
        acc.add(p);
    }
    acc.finish()
}

#[cfg(test)]
mod tests;
