//! What a target aims at, given what has been recorded: which way it is reached, where its
//! progress is counted from, the value that decides done and how close counts. This is the
//! one copy of the rules for a target's direction and measure; [`super::evaluate_due`] reads
//! them through [`aim`], and the screens and the ledger show them through [`Goal`].
//!
//! - Up (the default): done at the goal or above; progress = value / goal, or from a stated
//!   baseline (由80%提高到90%: (value − 80) / (90 − 80)).
//! - Down (降至, 控制在, 不超过…): done once a value has been recorded at the goal or below;
//!   progress runs from the start — the stated baseline (由10.5%降至9.3%), else the first value
//!   recorded — to the goal: (start − value) / (start − goal), never below 0. Nothing recorded
//!   is not done (a value of 0 that nobody entered reaches no ceiling).
//! - Relative (下降3%, 下降1个百分点): the goal is a change from the start, so the value to
//!   reach — start × (1 − 3 %), start − 1 — is known once the start is; until then the target
//!   is not done and has no progress.
//! - 左右: reached within `grace` (5 %) of the goal, on the side that is short of it.
//! - A range (90%-95%): its deciding end is the goal — the low end going up, the high end
//!   going down; a value past the other end has reached the range too (more is better going
//!   up, less going down).
//! - Levels (人均预期寿命82.4岁, rates) are compared, never summed; the rules above read
//!   the latest value either way, so a level differs from a count only in that `add` is
//!   refused for it (the store) and it takes decimals.

use super::Thresholds;
use crate::core::model::{Band, Direction, Reading, Relative, Target, fmt_num, round_shown};
use crate::lang::Lang;

/// A target's aim on the current reading.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aim {
    pub direction: Direction,
    /// Where progress is counted from; `None` while a down or relative target's start is
    /// unknown (no baseline stated, nothing recorded).
    pub from: Option<f64>,
    /// The value that decides done; `None` while a relative goal waits for its start.
    pub goal: Option<f64>,
    /// How far short of the goal still reaches it (左右: grace × goal; otherwise 0).
    pub slack: f64,
}

/// The aim of `t` given what has been recorded.
pub fn aim(t: &Target, r: Reading, th: &Thresholds) -> Aim {
    let m = &t.measure;
    let down = t.direction == Direction::Down;
    let start = m.baseline.or(r.first);
    let sign = if down { -1.0 } else { 1.0 };
    // A goal worked out from the start is rounded as it is shown: what people see decides.
    let goal = match m.relative {
        None => Some(t.goal),
        Some(Relative::Percent) => start.map(|s| round_shown(s * (1.0 + sign * t.goal / 100.0))),
        Some(Relative::Amount) => start.map(|s| round_shown(s + sign * t.goal)),
    };
    let from = if down || m.relative.is_some() {
        start
    } else {
        // Going up, a stated baseline below the goal; else nothing done is 0.
        Some(m.baseline.filter(|&b| goal.is_some_and(|g| b < g)).unwrap_or(0.0))
    };
    let slack = match (m.band, goal) {
        (Band::About, Some(g)) => th.grace * g.abs(),
        _ => 0.0,
    };
    Aim { direction: t.direction, from, goal, slack }
}

impl Aim {
    /// Whether `r` reaches the goal.
    pub fn reached(&self, r: Reading) -> bool {
        let Some(goal) = self.goal else { return false };
        match self.direction {
            Direction::Down => r.value.is_some_and(|v| v <= goal + self.slack),
            Direction::Up => {
                let v = r.value.unwrap_or(0.0);
                if goal > 0.0 { v >= goal - self.slack } else { v > 0.0 }
            }
        }
    }

    /// The share of the way from the start to the goal `r` has come: not clamped above (1.08
    /// is 108 %), never below 0; 0 while the start or goal is unknown.
    pub fn progress(&self, r: Reading) -> f64 {
        let (Some(from), Some(goal)) = (self.from, self.goal) else { return 0.0 };
        let reached = self.reached(r);
        let Some(v) = r.value.or((self.direction == Direction::Up).then_some(0.0)) else {
            return 0.0;
        };
        let span = match self.direction {
            Direction::Up => goal - from,
            Direction::Down => from - goal,
        };
        if span <= 0.0 {
            // Started at or past the goal: all or nothing.
            return if reached { 1.0 } else { 0.0 };
        }
        let done = match self.direction {
            Direction::Up => v - from,
            Direction::Down => from - v,
        };
        (done / span).max(0.0)
    }

    /// The value expected when a share `pace` of the time has passed; `None` while the
    /// start or goal is unknown.
    pub fn expected(&self, pace: f64) -> Option<f64> {
        let (from, goal) = (self.from?, self.goal?);
        Some(from + (goal - from) * pace)
    }
}

/// A target's goal as people read it: `100`, `≤9.3`, `约6.2`, `90–95`, `较基期下降3%`.
#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    /// Reach at least this.
    AtLeast(f64),
    /// Stay at or below this.
    AtMost(f64),
    /// About this (左右).
    About(f64),
    /// Within this range (its deciding end is the target's goal).
    Range(f64, f64),
    /// A change from a start not known yet, by an amount with its stated unit (`3%`,
    /// `1个百分点`).
    Change { down: bool, by: String },
}

/// How [`Goal::text`] draws its symbols: `≤` and `–` are East-Asian ambiguous-width, so
/// terminals that draw them two cells wide get `<=` and `-`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbols {
    Unicode,
    Ascii,
}

/// The goal of `t` on the reading `r`.
pub fn goal(t: &Target, r: Reading) -> Goal {
    let down = t.direction == Direction::Down;
    if let Some(relative) = t.measure.relative {
        match aim(t, r, &Thresholds::default()).goal {
            Some(g) if down => return Goal::AtMost(g),
            Some(g) => return Goal::AtLeast(g),
            None => {
                let by = match relative {
                    Relative::Percent => format!("{}%", fmt_num(t.goal)),
                    Relative::Amount => format!("{}{}", fmt_num(t.goal), t.unit),
                };
                return Goal::Change { down, by };
            }
        }
    }
    match t.measure.band {
        Band::Range { low, high } => Goal::Range(low, high),
        Band::About => Goal::About(t.goal),
        Band::Exact if down => Goal::AtMost(t.goal),
        Band::Exact => Goal::AtLeast(t.goal),
    }
}

impl Goal {
    /// The figure people read, with `unit` after it (the unit of the values, with a space
    /// before it where wanted; a change brings its own and takes none): `100处`, `≤9.3%`,
    /// `约6.2%`, `90–95%`, `较基期下降3%`.
    pub fn text(&self, unit: &str, sym: Symbols, lang: Lang) -> String {
        let le = match sym {
            Symbols::Unicode => "\u{2264}",
            Symbols::Ascii => "<=",
        };
        let dash = match sym {
            Symbols::Unicode => "\u{2013}",
            Symbols::Ascii => "-",
        };
        match *self {
            Goal::AtLeast(g) => format!("{}{unit}", fmt_num(g)),
            Goal::AtMost(g) => format!("{le}{}{unit}", fmt_num(g)),
            Goal::About(g) => format!("{}{}{unit}", crate::i18n::plan::ABOUT.get(lang), fmt_num(g)),
            Goal::Range(low, high) => format!("{}{dash}{}{unit}", fmt_num(low), fmt_num(high)),
            Goal::Change { down, ref by } => {
                let t = if down {
                    crate::i18n::plan::CHANGE_DOWN
                } else {
                    crate::i18n::plan::CHANGE_UP
                };
                t.fill(lang, &[("by", by)])
            }
        }
    }

    /// The number that decides done, if it is known (a range's deciding end is not shown
    /// here: it is the target's goal).
    pub fn value(&self) -> Option<f64> {
        match *self {
            Goal::AtLeast(g) | Goal::AtMost(g) | Goal::About(g) => Some(g),
            Goal::Range(..) | Goal::Change { .. } => None,
        }
    }
}

/// The value to show for `t`: `None` (shown as "-") while nothing has been recorded for a
/// target that is not a count going up — a level, a ceiling or a change has no value until
/// someone measures it, where a count of nothing is 0.
pub fn value_shown(t: &Target, r: Reading) -> Option<f64> {
    let counts_up =
        t.direction == Direction::Up && !t.measure.level && t.measure.relative.is_none();
    r.value.or(counts_up.then_some(0.0))
}

/// The start a target's progress runs from, when it is not simply 0: a stated baseline, or
/// the first value recorded for a down or relative target.
pub fn start_shown(t: &Target, r: Reading) -> Option<f64> {
    if t.direction == Direction::Down || t.measure.relative.is_some() {
        t.measure.baseline.or(r.first)
    } else {
        t.measure.baseline
    }
}

/// The unit the values of `t` are recorded in: a relative goal's unit is its change's (`%`
/// of 下降3%, 个百分点 of 下降1个百分点), not the level's — the level of 下降3% has none
/// stated, and 下降1个百分点 is a change of a rate in %.
pub fn value_unit(t: &Target) -> &str {
    match t.measure.relative {
        Some(Relative::Percent) => "",
        Some(Relative::Amount) if t.unit.ends_with("百分点") => "%",
        _ => &t.unit,
    }
}

#[cfg(test)]
mod tests;
