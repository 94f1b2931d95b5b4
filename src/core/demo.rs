//! Plausible simulated progress for `yaodian demo`: each target gets a value around its
//! pace on the given day (some ahead, some behind, some milestones done), recorded as
//! ordinary updates by the demo user, so a first look shows moving gauges and every status.

use crate::core::identity::Actor;
use crate::core::model::{TargetKind, fmt_num};
use crate::core::pace::{Thresholds, evaluate};
use crate::core::store::{Edit, Store, StoreError};
use chrono::NaiveDate;

/// A stable pseudo-random number in [0, 1) from a target id (FNV-1a).
fn unit_hash(s: &str) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    #[expect(clippy::cast_precision_loss, reason = "only a fraction is wanted")]
    let x = (h % 10_000) as f64 / 10_000.0;
    x
}

/// Records simulated values for every target of a plan as of `today`.
pub fn simulate(
    store: &Store,
    plan_id: &str,
    today: NaiveDate,
    actor: &Actor,
) -> Result<usize, StoreError> {
    let board = store.board(plan_id)?;
    let eval = evaluate(&board, today, &Thresholds::default());
    let mut n = 0;
    for (t, e) in board.plan.targets.iter().zip(&eval.targets) {
        let r = unit_hash(&t.id);
        let edit = match t.kind {
            TargetKind::Milestone => {
                if r < 0.4 {
                    Edit::Done {
                        target: t.id.clone(),
                    }
                } else {
                    continue;
                }
            }
            TargetKind::Quantity | TargetKind::Percentage => {
                // Between 55 % and 125 % of the expected value.
                let share = e.pace * (0.55 + 0.7 * r);
                let mut v = t.goal * share;
                if !t.allows_decimals() {
                    v = v.round();
                }
                if v <= 0.0 {
                    continue;
                }
                Edit::Set {
                    target: t.id.clone(),
                    value: v,
                }
            }
        };
        let note = format!("demo {}", fmt_num(r * 100.0));
        store.apply(plan_id, &edit, &note, actor)?;
        n += 1;
    }
    Ok(n)
}
