//! Staleness (久未更新): a target or a status item (an item without targets) nobody has
//! updated for the plan's staleness period (`PlanSettings::stale_days`). The one rule, so
//! the board, `status`, `targets` and the ledger agree.

use super::Evaluation;
use crate::core::clock::Clock;
use crate::core::model::{Board, Millis, Status};
use chrono::NaiveDate;

/// Whether something last updated on `last` (`None`: never, so since its `start`: the plan's,
/// or the day a target added later was added) is
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
    /// Whether something last updated at `last` (never: `None`) and `done` or not is stale,
    /// counted from the plan's start (a status item).
    pub fn stale(&self, last: Option<Millis>, done: bool) -> bool {
        self.stale_since(last, done, self.start)
    }

    /// [`StaleRule::stale`] of something whose own period starts on `start` (a target:
    /// its evaluation's start, later than the plan's for one added during the year).
    pub fn stale_since(&self, last: Option<Millis>, done: bool, start: NaiveDate) -> bool {
        let last = last.map(|t| self.clock.date(t));
        is_stale(last, done, start, self.end, self.today, self.days)
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
        let rule = Rule::new(board, eval, days, clock);
        let targets = (0..board.plan.targets.len()).map(|k| rule.target(k)).collect();
        let items = (0..board.plan.items.len()).map(|k| rule.item(k)).collect();
        Staleness { targets, items }
    }

    /// Measures again the `targets` and `items` (positions) whose states changed since
    /// these marks were made of the board (with the same days and evaluation date).
    pub fn refresh(
        &mut self,
        board: &Board,
        eval: &Evaluation,
        (days, clock): (u16, &Clock),
        targets: &[usize],
        items: &[usize],
    ) {
        let rule = Rule::new(board, eval, days, clock);
        for &k in targets {
            if let Some(slot) = self.targets.get_mut(k) {
                *slot = rule.target(k);
            }
        }
        for &k in items {
            if let Some(slot) = self.items.get_mut(k) {
                *slot = rule.item(k);
            }
        }
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

/// The rule applied to one target or item of a board.
struct Rule<'a> {
    board: &'a Board,
    eval: &'a Evaluation,
    rule: StaleRule<'a>,
}

impl<'a> Rule<'a> {
    fn new(board: &'a Board, eval: &'a Evaluation, days: u16, clock: &'a Clock) -> Rule<'a> {
        let (start, end, today) = (board.plan.start, board.plan.end, eval.as_of);
        Rule { board, eval, rule: StaleRule { start, end, today, days, clock } }
    }

    fn target(&self, k: usize) -> bool {
        let last = self.board.target_states.get(k).and_then(|s| s.updated_at);
        let e = self.eval.targets.get(k);
        let start = e.map_or(self.rule.start, |e| e.start);
        self.rule.stale_since(last, e.is_some_and(|e| e.status == Status::Done), start)
    }

    /// True only for a stale item without targets.
    fn item(&self, k: usize) -> bool {
        if !self.board.plan.item_targets(k).is_empty() {
            return false;
        }
        let state = self.board.item_states.get(k);
        let done = state.and_then(|s| s.status) == Some(Status::Done);
        self.rule.stale(state.and_then(|s| s.updated_at), done)
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
