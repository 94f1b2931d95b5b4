//! Tallies: a status count over parts that can be read on any date, kept by the store so the
//! board at a glance costs a few small reads whatever the plan's size. This is their
//! arithmetic; the store (`store::tally`) reads and writes them.
//!
//! Status moves with the date even when nobody writes, so a tally does not store statuses:
//! it stores, for each target not yet done, the first day it is at risk (or worse) and the
//! first day it is behind — a target's status only ever worsens as days pass while its value
//! stands still — as sparse day histograms. Counts on any date are then prefix sums. Progress
//! is stored as an exact fixed-point sum of clamped shares; pace as weights by due date (and,
//! for targets added after the plan's start, by their own start and due date).
//!
//! One tally per item (its own top-level targets, or its manual status when it has none) and
//! one per theme (its items as equal parts, plus targets stated by the theme heading). A
//! value change moves one target in one item tally and one theme tally. Tallies follow the
//! default [`Thresholds`].

use super::{
    Rollup, Thresholds, clamp01, due_in, elapsed_share, evaluate_due, start_of, status_index,
};
use crate::core::model::{Item, Plan, Reading, Status, Target};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Fixed-point scale of stored progress shares.
const SCALE: f64 = 1e12;

/// Days are stored as days from the common era (`NaiveDate::num_days_from_ce`).
fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// A status tally over parts, evaluable on any date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Σ round(clamp(progress) × SCALE) over the parts with a progress, and how many.
    prog: i128,
    n_prog: u32,
    /// Pace weights by due day, and the number of parts with a pace.
    pace: Vec<(i32, f64)>,
    n_pace: u32,
    /// Counts that do not move with the date (done targets, manual item statuses).
    fixed: [u32; 4],
    /// Targets not done, and the days they turn at risk (or worse) and behind.
    active: u32,
    risk_from: Vec<(i32, u32)>,
    behind_from: Vec<(i32, u32)>,
    /// Pace weights of parts that start after the plan does (targets added mid-year), by
    /// (start day, due day); counted in `n_pace` with the others. Added in codec format 5.
    #[serde(default, deserialize_with = "crate::core::store::codec::since_format_5")]
    since_pace: Vec<((i32, i32), f64)>,
}

/// Where a target stands, as a function of the date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Track {
    done: bool,
    risk_from: i32,
    behind_from: i32,
    /// round(clamp(progress) × SCALE)
    prog: i128,
}

fn fixed_share(x: f64) -> i128 {
    #[expect(clippy::cast_possible_truncation, reason = "clamped to [0, SCALE]")]
    let v = (clamp01(x) * SCALE).round() as i128;
    v
}

/// A target's track: its status on every date, found by bisection on the status rules
/// themselves (status is monotone in the date for a fixed reading, whatever the target's
/// direction and measure), so it agrees with [`evaluate_due`].
pub fn track(start: NaiveDate, due: NaiveDate, t: &Target, reading: Reading) -> Track {
    let th = Thresholds::default();
    let eval = |d: i32| {
        let date = NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(due);
        evaluate_due(start, due, t, reading, date, &th)
    };
    // Before `lo` nothing moves (no time elapsed, milestones far off); after `hi` a target
    // not done is overdue.
    let lo = day(start.min(due)) - th.milestone_warn_days as i32 - 2;
    let hi = day(due) + 1;
    let first = eval(lo);
    if first.status == Status::Done {
        return Track {
            done: true,
            risk_from: 0,
            behind_from: 0,
            prog: fixed_share(first.progress),
        };
    }
    let rank = |s: Status| match s {
        Status::OnTrack | Status::Done => 0,
        Status::AtRisk => 1,
        Status::Behind => 2,
    };
    // first day in [lo, hi] whose rank reaches `r` (hi always has rank 2)
    let first_day = |r: u8| {
        if rank(first.status) >= r {
            return i32::MIN;
        }
        let (mut a, mut b) = (lo, hi);
        while a + 1 < b {
            let m = a + (b - a) / 2;
            if rank(eval(m).status) >= r { b = m } else { a = m }
        }
        b
    };
    Track {
        done: false,
        risk_from: first_day(1),
        behind_from: first_day(2),
        prog: fixed_share(first.progress),
    }
}

fn bump(hist: &mut Vec<(i32, u32)>, d: i32, add: bool) {
    match hist.binary_search_by_key(&d, |e| e.0) {
        Ok(k) => {
            if add {
                hist[k].1 += 1;
            } else {
                hist[k].1 = hist[k].1.saturating_sub(1);
                if hist[k].1 == 0 {
                    hist.remove(k);
                }
            }
        }
        Err(k) => {
            if add {
                hist.insert(k, (d, 1));
            }
        }
    }
}

fn upto(hist: &[(i32, u32)], d: i32) -> u32 {
    hist.iter().take_while(|e| e.0 <= d).map(|e| e.1).sum()
}

fn add_weight<K: Ord + Copy>(pace: &mut Vec<(K, f64)>, d: K, w: f64) {
    match pace.binary_search_by_key(&d, |e| e.0) {
        Ok(k) => pace[k].1 += w,
        Err(k) => pace.insert(k, (d, w)),
    }
}

impl Tally {
    /// Counts a target's status track in (or out).
    fn count(&mut self, tr: &Track, add: bool) {
        if tr.done {
            let c = &mut self.fixed[status_index(Status::Done)];
            *c = if add { *c + 1 } else { c.saturating_sub(1) };
            return;
        }
        self.active = if add { self.active + 1 } else { self.active.saturating_sub(1) };
        bump(&mut self.risk_from, tr.risk_from, add);
        bump(&mut self.behind_from, tr.behind_from, add);
    }

    /// Adds a target as a whole part; `since` is its own start when later than the plan's.
    fn add_target(&mut self, tr: &Track, since: Option<NaiveDate>, due: NaiveDate) {
        self.count(tr, true);
        self.prog += tr.prog;
        self.n_prog += 1;
        match since {
            Some(s) => add_weight(&mut self.since_pace, (day(s), day(due)), 1.0),
            None => add_weight(&mut self.pace, day(due), 1.0),
        }
        self.n_pace += 1;
    }

    /// Adds another tally's pace weights, each divided by `parts`.
    fn add_weights(&mut self, other: &Tally, parts: f64) {
        for &(d, w) in &other.pace {
            add_weight(&mut self.pace, d, w / parts);
        }
        for &(d, w) in &other.since_pace {
            add_weight(&mut self.since_pace, d, w / parts);
        }
    }

    /// The item's share done as one part of its theme (fixed point), if it has one.
    fn part_prog(&self) -> Option<i128> {
        (self.n_prog > 0).then(|| {
            let n = i128::from(self.n_prog);
            (self.prog + n / 2).div_euclid(n)
        })
    }

    /// Adds an item's tally as one equal part.
    fn add_item(&mut self, item: &Tally) {
        if let Some(p) = item.part_prog() {
            self.prog += p;
            self.n_prog += 1;
        }
        if item.n_pace > 0 {
            self.add_weights(item, f64::from(item.n_pace));
            self.n_pace += 1;
        }
        self.add_counts(item, true);
    }

    /// Adds the targets a theme heading states itself, each a part of its own.
    fn add_own_targets(&mut self, own: &Tally) {
        self.prog += own.prog;
        self.n_prog += own.n_prog;
        self.add_weights(own, 1.0);
        self.n_pace += own.n_pace;
        self.add_counts(own, true);
    }

    fn add_counts(&mut self, other: &Tally, add: bool) {
        for (a, b) in self.fixed.iter_mut().zip(other.fixed) {
            *a = if add { *a + b } else { a.saturating_sub(b) };
        }
        self.active = if add { self.active + other.active } else { self.active - other.active };
        for (hist, theirs) in
            [(&mut self.risk_from, &other.risk_from), (&mut self.behind_from, &other.behind_from)]
        {
            for &(d, c) in theirs {
                for _ in 0..c {
                    bump(hist, d, add);
                }
            }
        }
    }

    /// Counts an item's manual status in (or out): the one part of an item without targets.
    fn manual(&mut self, status: Option<Status>, add: bool) {
        if self.n_pace > 0 {
            return; // it has targets: its manual status does not count
        }
        let Some(s) = status else { return };
        let c = &mut self.fixed[status_index(s)];
        *c = if add { *c + 1 } else { c.saturating_sub(1) };
        if s == Status::Done {
            if add {
                self.prog += fixed_share(1.0);
                self.n_prog += 1;
            } else {
                self.prog -= fixed_share(1.0);
                self.n_prog = self.n_prog.saturating_sub(1);
            }
        }
    }

    /// A target counted here moved from `before` to `after` (its value changed).
    pub fn move_target(&mut self, before: &Track, after: &Track) {
        self.count(before, false);
        self.count(after, true);
        self.prog += after.prog - before.prog;
    }

    /// For a theme: a target of one of its items moved from `before` to `after`, and the
    /// item's tally with it from `item_before` to `item_after`.
    pub fn move_item_target(
        &mut self,
        item_before: &Tally,
        item_after: &Tally,
        before: &Track,
        after: &Track,
    ) {
        self.prog += item_after.part_prog().unwrap_or(0) - item_before.part_prog().unwrap_or(0);
        self.count(before, false);
        self.count(after, true);
    }

    /// An item's manual status changed from `old` to `new`.
    pub fn set_manual(&mut self, old: Option<Status>, new: Option<Status>) {
        self.manual(old, false);
        self.manual(new, true);
    }

    /// For a theme: one of its items' tallies changed from `before` to `after` (its manual
    /// status).
    pub fn replace_item(&mut self, before: &Tally, after: &Tally) {
        self.prog += after.part_prog().unwrap_or(0) - before.part_prog().unwrap_or(0);
        self.n_prog = self.n_prog + u32::from(after.n_prog > 0) - u32::from(before.n_prog > 0);
        self.add_counts(before, false);
        self.add_counts(after, true);
    }

    /// The rollup on `as_of` (the same figures [`super::evaluate`] computes).
    pub fn rollup(&self, start: NaiveDate, as_of: NaiveDate) -> Rollup {
        let today = day(as_of);
        let worse = upto(&self.risk_from, today) as usize;
        let behind = upto(&self.behind_from, today) as usize;
        let mut counts = self.fixed.map(|c| c as usize);
        counts[status_index(Status::Behind)] += behind;
        counts[status_index(Status::AtRisk)] += worse - behind;
        counts[status_index(Status::OnTrack)] += self.active as usize - worse;
        let status = [Status::Behind, Status::AtRisk, Status::OnTrack, Status::Done]
            .into_iter()
            .find(|&s| counts[status_index(s)] > 0);
        #[expect(clippy::cast_precision_loss, reason = "fixed-point sums far below 2^100")]
        let progress = (self.n_prog > 0).then(|| self.prog as f64 / SCALE / f64::from(self.n_prog));
        let date = |d: i32| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(as_of);
        let pace = (self.n_pace > 0).then(|| {
            let from_plan = self.pace.iter().map(|&(d, w)| (start, date(d), w));
            let own = self.since_pace.iter().map(|&((s, d), w)| (date(s), date(d), w));
            let sum: f64 = from_plan
                .chain(own)
                .map(|(start, due, w)| w * elapsed_share(start.min(due), due, as_of))
                .sum();
            sum / f64::from(self.n_pace)
        });
        Rollup { progress, pace, status, counts }
    }
}

/// Builds every tally of a plan from its items and targets, one target at a time (so the
/// store need not hold every target record at once).
pub struct TallyBuilder<'a> {
    plan: &'a Plan,
    items: HashMap<&'a str, &'a Item>,
    item_tallies: HashMap<&'a str, Tally>,
    theme_targets: HashMap<u32, Tally>,
}

impl<'a> TallyBuilder<'a> {
    /// A builder for `plan` (its structure above the items) with these items.
    pub fn new(plan: &'a Plan, items: impl Iterator<Item = &'a Item>) -> TallyBuilder<'a> {
        let items = items.map(|i| (i.id.as_str(), i)).collect();
        TallyBuilder { plan, items, item_tallies: HashMap::new(), theme_targets: HashMap::new() }
    }

    /// The item a target counts in, and whether it counts at all: a top-level target with an
    /// item that exists, or one stated by a theme heading.
    fn item_of(&self, t: &Target) -> Option<Option<&'a Item>> {
        if t.parent.is_some() {
            return None;
        }
        match t.item.as_deref() {
            None => Some(None),
            Some(i) => self.items.get(i).map(|&item| Some(item)),
        }
    }

    /// Counts a target with what has been recorded (one that counts nowhere is skipped).
    pub fn add_target(&mut self, t: &Target, reading: Reading) {
        let Some(item) = self.item_of(t) else { return };
        let due = due_in(self.plan, item, t);
        let tr = track(self.plan.start, due, t, reading);
        let tally = match item {
            Some(i) => self.item_tallies.entry(i.id.as_str()).or_default(),
            None => self.theme_targets.entry(t.theme).or_default(),
        };
        let start = start_of(self.plan.start, reading);
        tally.add_target(&tr, (start > self.plan.start).then_some(start), due);
    }

    /// The tallies of `items` (in the order given, with their manual statuses) and of every
    /// theme of the plan, by number.
    pub fn finish(
        mut self,
        items: impl Iterator<Item = (&'a Item, Option<Status>)>,
    ) -> (Vec<Tally>, BTreeMap<u32, Tally>) {
        let mut themes: BTreeMap<u32, Tally> =
            self.plan.themes.iter().map(|t| (t.number, Tally::default())).collect();
        let item_tallies = items
            .map(|(item, status)| {
                let mut tally = self.item_tallies.remove(item.id.as_str()).unwrap_or_default();
                tally.manual(status, true);
                if let Some(theme) = themes.get_mut(&item.theme) {
                    theme.add_item(&tally);
                }
                tally
            })
            .collect();
        for (number, tally) in &mut themes {
            if let Some(own) = self.theme_targets.remove(number) {
                tally.add_own_targets(&own);
            }
        }
        (item_tallies, themes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate::{self, Spec};
    use crate::core::model::Board;
    use crate::core::pace::evaluate;
    use crate::core::report::{self, GroupBy};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn tallies(board: &Board) -> (Vec<Tally>, BTreeMap<u32, Tally>) {
        let plan = &board.plan;
        let mut b = TallyBuilder::new(plan, plan.items.iter());
        for (t, s) in plan.targets.iter().zip(&board.target_states) {
            b.add_target(t, s.reading());
        }
        b.finish(plan.items.iter().zip(&board.item_states).map(|(i, s)| (i, s.status)))
    }

    fn close(a: &Rollup, b: &Rollup, what: &str) {
        assert_eq!((a.counts, a.status), (b.counts, b.status), "{what}");
        for (x, y) in [(a.progress, b.progress), (a.pace, b.pace)] {
            match (x, y) {
                (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{what}: {x} vs {y}"),
                (x, y) => assert_eq!(x, y, "{what}"),
            }
        }
    }

    /// A board with every status somewhere: values spread from nothing to past the goal, an
    /// item judged by hand, a target due early, and targets of every direction and measure —
    /// down with and without a stated start, a level from a baseline, a range, 左右, a
    /// relative decrease — read before anything is recorded, at the goal exactly, short of
    /// it, past it, and worse than their start.
    fn board() -> Board {
        use crate::core::model::{Band, Direction, Relative, TargetKind};
        let mut plan = generate::plan(&Spec::new(2, 3, 4, 0)).expect("plan");
        plan.targets[0].due = Some(d("2023-03-31"));
        for (k, t) in plan.targets.iter_mut().enumerate() {
            if t.kind == TargetKind::Milestone {
                continue;
            }
            let g = t.goal;
            let m = &mut t.measure;
            match k % 7 {
                1 => t.direction = Direction::Down,
                2 => (t.direction, m.baseline) = (Direction::Down, Some(3.0 * g)),
                3 => (m.level, m.baseline) = (true, Some(g / 2.0)),
                4 => m.band = Band::Range { low: g, high: 1.2 * g },
                5 => m.band = Band::About,
                6 => {
                    (t.direction, m.relative, m.level) =
                        (Direction::Down, Some(Relative::Percent), true);
                    t.goal = 3.0;
                }
                _ => {}
            }
        }
        let mut board = Board::fresh(plan);
        for (k, s) in board.target_states.iter_mut().enumerate() {
            // some targets added by hand during the year, one (due in March) after its due
            s.since = match k {
                0 => Some(d("2023-05-01")),
                k if k % 5 == 2 => Some(d("2023-07-01")),
                _ => None,
            };
            let t = &board.plan.targets[k];
            // the value that decides done, once a start of 2 × goal is known
            let g = if t.measure.relative.is_some() { 2.0 * t.goal * 0.97 } else { t.goal };
            let start = 2.0 * if t.measure.relative.is_some() { t.goal } else { g };
            let values: &[f64] = match k % 6 {
                0 => &[],
                1 => &[start],
                2 => &[start, g],
                3 => &[start, start + 0.44 * (g - start)],
                4 => &[start, 0.5 * g + 0.5 * start, 2.5 * g],
                _ => &[0.5 * g, 0.95 * g],
            };
            for &v in values {
                let v = if t.allows_decimals() { v } else { v.round() };
                s.record(v, 0, "test");
            }
        }
        board
    }

    #[test]
    fn tallies_give_what_the_evaluation_gives_on_any_date() {
        let board = board();
        let (items, themes) = tallies(&board);
        let mut statuses = std::collections::HashSet::new();
        for day in ["2022-12-01", "2023-02-14", "2023-07-02", "2023-12-31", "2024-02-01"] {
            let eval = evaluate(&board, d(day), &Thresholds::default());
            for (t, e) in board.plan.targets.iter().zip(&eval.targets) {
                statuses.insert((t.direction, e.status));
            }
            for (k, t) in items.iter().enumerate() {
                close(
                    &t.rollup(board.plan.start, d(day)),
                    &eval.items[k],
                    &format!("item {k} {day}"),
                );
            }
            // The ledger's subtotals and total are these roll-ups too, by theme and by
            // department (whose total is the plan's).
            let keep = vec![true; board.plan.items.len()];
            let ledger = report::ledger(&board, &eval, GroupBy::Theme, &keep);
            let mut from_tallies = Vec::new();
            for (k, theme) in board.plan.themes.iter().enumerate() {
                let r = themes[&theme.number].rollup(board.plan.start, d(day));
                close(&r, &eval.themes[k], &format!("theme {k} {day}"));
                close(&r, &ledger.groups[k].subtotal, &format!("ledger theme {k} {day}"));
                from_tallies.push(r);
            }
            let overall = super::super::combine(from_tallies.into_iter());
            close(&overall, &ledger.total, &format!("ledger total {day}"));
            let by_dept = report::ledger(&board, &eval, GroupBy::Department, &keep);
            close(&overall, &by_dept.total, &format!("ledger by department {day}"));
        }
        for dir in [crate::core::model::Direction::Up, crate::core::model::Direction::Down] {
            for s in Status::ALL {
                assert!(statuses.contains(&(dir, s)), "no {dir:?} target is {s:?} on any day");
            }
        }
    }

    #[test]
    fn a_moved_target_leaves_the_tallies_a_rebuild_would_make() {
        let mut board = board();
        board.target_states[8] = crate::core::model::TargetState::default();
        let (mut items, mut themes) = tallies(&board);
        // a count, then a down target with nothing recorded, each moved to its goal
        for k in [0, 8] {
            let (t, i) = (board.plan.targets[k].clone(), board.plan.target_item(k).expect("item"));
            let due = due_in(&board.plan, Some(&board.plan.items[i]), &t);
            let old = board.target_states[k].reading();
            board.target_states[k].record(t.goal, 1, "test");
            let before = track(board.plan.start, due, &t, old);
            let after = track(board.plan.start, due, &t, board.target_states[k].reading());
            let was = items[i].clone();
            items[i].move_target(&before, &after);
            assert_ne!(items[i], was, "target {k}");
            let theme = themes.get_mut(&board.plan.items[i].theme).expect("theme");
            theme.move_item_target(&was, &items[i], &before, &after);
            assert_eq!((&items, &themes), (&tallies(&board).0, &tallies(&board).1), "target {k}");
        }
    }

    #[test]
    fn a_manual_status_counts_only_without_targets() {
        let mut bare = Tally::default();
        bare.set_manual(None, Some(Status::Done));
        let mut theme = Tally::default();
        theme.replace_item(&Tally::default(), &bare);
        let r = theme.rollup(d("2023-01-01"), d("2023-06-30"));
        assert_eq!((r.status, r.progress), (Some(Status::Done), Some(1.0)));
        bare.set_manual(Some(Status::Done), Some(Status::Behind));
        assert_eq!(bare.rollup(d("2023-01-01"), d("2023-06-30")).status, Some(Status::Behind));
        let mut with_target = Tally::default();
        let t = board().plan.targets[1].clone();
        let nothing = Reading::default();
        with_target.add_target(
            &track(d("2023-01-01"), d("2023-12-31"), &t, nothing),
            None,
            d("2023-12-31"),
        );
        let counted = with_target.clone();
        with_target.set_manual(None, Some(Status::Done));
        assert_eq!(with_target, counted, "an item with targets is judged by them");
    }
}
