//! Help that is not about one argument: how pace and status are worked out. Shown by
//! `yaodian help pace` (and `yaodian pace`) and as a section of the man page; it says what
//! `core::pace` does, with its default thresholds.

/// How pace (序时进度) and status are worked out.
pub const PACE: &str = "\
How pace (序时进度) and status are worked out.

Pace is the share of a target's goal expected by a date:

    expected share = days from the plan's start to the date
                     / days from the plan's start to the target's due date

counted in whole days with both ends included, so the due date expects the
whole goal, and later dates no more. The due date is the target's own
(截止日期), else its item's, else the plan's end (31 December for an annual
plan). The board marks pace on each gauge with │ (| under --ascii).

A target's progress is value / goal, not capped (1.08 is 108 %). Its status
on a date:

  已完成 done     the value has reached the goal;
  滞后 behind     past its due date and not done, or progress below
                  0.8 × the expected share;
  预警 at risk    progress below the expected share, not that far below;
  正常 on track   otherwise.

A shortfall of at most 5 % of the goal is forgiven: such a target is on
track, so nothing turns red in the first days of January (expecting 3 % with
nothing done yet is on track).

Milestones (deliverables such as 出台《…》) are done or not: one not done is
on track until 30 days before its due date, at risk from then on, and behind
after it.

Roll-ups, with equal weights: an item's progress is the mean of its targets'
progress (each capped at 100 %), its pace the mean of their expected shares,
its status the worst of theirs (done only when all are done); sub-targets
(其中…) are shown but not counted again. An item without targets carries the
status its department gives it (s on the board). A theme rolls up its items
and the targets stated by its heading; the plan rolls up its themes.

The board, status, targets and export measure on today; status, targets and
export with --as-of DATE measure the values as they stood at the end of that
date (replayed from the log).";

#[cfg(test)]
mod tests {
    use super::PACE;
    use crate::core::pace::Thresholds;

    #[test]
    fn the_pace_text_names_the_thresholds_the_core_uses() {
        let th = Thresholds::default();
        for said in [
            format!("{} × the expected share", th.behind_ratio),
            format!("at most {} % of the goal", (th.grace * 100.0).round()),
            format!("until {} days before its due date", th.milestone_warn_days),
        ] {
            assert!(PACE.contains(&said), "the pace help does not say {said:?}");
        }
    }
}
