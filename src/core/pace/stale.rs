//! Staleness (久未更新): a target or a status item (an item without targets) nobody has
//! updated for the plan's staleness period (`PlanSettings::stale_days`). The one rule, so
//! the board, `status`, `targets` and the ledger agree.

use super::Evaluation;
use crate::core::clock::Clock;
use crate::core::model::{Board, Millis, Status};
use chrono::NaiveDate;

/// Whether something last updated on `last` (`None`: never, so since the plan's `start`) is
/// stale on `today`: not done, the plan still running (a plan past its `end` expects no
/// more updates), and at least `days` days since.
pub fn is_stale(
    last: Option<NaiveDate>,
    done: bool,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
    days: u16,
) -> bool {
    if done || today > end {
        return false;
    }
    let since = last.unwrap_or(start).max(start);
    (today - since).num_days() >= i64::from(days)
}

/// [`is_stale`] for one plan on one day, with last updates as stored (times, dated in the
/// clock's zone): what a command that reads one target at a time asks of each.
#[derive(Debug, Clone, Copy)]
pub struct StaleRule<'a> {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub today: NaiveDate,
    pub days: u16,
    pub clock: &'a Clock,
}

impl StaleRule<'_> {
    /// Whether something last updated at `last` (never: `None`) and `done` or not is stale.
    pub fn stale(&self, last: Option<Millis>, done: bool) -> bool {
        let last = last.map(|t| self.clock.date(t));
        is_stale(last, done, self.start, self.end, self.today, self.days)
    }
}

/// Which targets and status items of a board are stale on the evaluation's date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Staleness {
    /// Parallel to `plan.targets`.
    pub targets: Vec<bool>,
    /// Parallel to `plan.items`: true only for a stale item without targets.
    pub items: Vec<bool>,
}

impl Staleness {
    /// Measures a board: each target's and status item's last update (its local date in
    /// `clock`'s zone) against `days`.
    pub fn of(board: &Board, eval: &Evaluation, days: u16, clock: &Clock) -> Staleness {
        let plan = &board.plan;
        let rule = StaleRule { start: plan.start, end: plan.end, today: eval.as_of, days, clock };
        let stale = |last: Option<Millis>, done: bool| rule.stale(last, done);
        let targets = (0..plan.targets.len())
            .map(|k| {
                let last = board.target_states.get(k).and_then(|s| s.updated_at);
                stale(last, eval.targets[k].status == Status::Done)
            })
            .collect();
        let items = (0..plan.items.len())
            .map(|k| {
                if !plan.item_targets(k).is_empty() {
                    return false;
                }
                let state = board.item_states.get(k);
                let done = state.and_then(|s| s.status) == Some(Status::Done);
                stale(state.and_then(|s| s.updated_at), done)
            })
            .collect();
        Staleness { targets, items }
    }

    /// Whether target `k` is stale.
    pub fn target(&self, k: usize) -> bool {
        self.targets.get(k).copied().unwrap_or(false)
    }

    /// Whether item `k` (one without targets) is stale.
    pub fn item(&self, k: usize) -> bool {
        self.items.get(k).copied().unwrap_or(false)
    }

    /// How many targets and status items are stale.
    pub fn count(&self) -> usize {
        self.targets.iter().chain(&self.items).filter(|&&s| s).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn stale_after_the_period_without_an_update() {
        let (start, end) = (d("2023-01-01"), d("2023-12-31"));
        let today = d("2023-09-30");
        let at = |last: &str| is_stale(Some(d(last)), false, start, end, today, 30);
        assert!(!at("2023-09-01"), "29 days");
        assert!(at("2023-08-31"), "30 days");
        assert!(is_stale(None, false, start, end, today, 30), "never updated since 01-01");
        assert!(!is_stale(None, false, start, end, d("2023-01-30"), 30), "29 days into the year");
        assert!(!is_stale(Some(d("2023-01-01")), true, start, end, today, 30), "done");
        assert!(!is_stale(None, false, start, end, d("2024-01-01"), 30), "the year is over");
        assert!(!at("2023-09-30"));
    }
}
