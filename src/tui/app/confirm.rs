//! Edits held for a yes. Changing a target's kind (a quantity to a milestone by clearing its
//! goal and unit, a milestone to a quantity, a count to a percentage) changes how its value
//! is read, so its status and every roll-up above it can jump: `e` says what will change
//! and waits for `y`; `n` goes back to the line as typed. (gitui's ConfirmAction → confirm
//! popup → ConfirmedAction.)

use super::edit::Input;
use super::{App, Effect, Overlay};
use crate::core::model::Target;
use crate::core::pace::{self, TargetEval};
use crate::tui::action::Action;

/// A target's kind about to change: the definition before and after, its value (which the
/// edit keeps), and how that value measures up either way today.
#[derive(Debug, Clone, PartialEq)]
pub struct KindChange {
    pub old: Target,
    pub new: Target,
    pub value: f64,
    pub before: TargetEval,
    pub after: TargetEval,
}

/// An edit waiting for a yes.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub change: KindChange,
    /// What `y` runs.
    pub effect: Effect,
    /// The input line the edit came from, reopened by `n`.
    pub back: Input,
}

impl App {
    /// What putting `new` in place of the target with its id would change, when that
    /// changes the target's kind; `None` for a new target or the same kind.
    pub(super) fn kind_change(&self, new: &Target) -> Option<KindChange> {
        let k = self.board.target_index(&new.id)?;
        let old = &self.board.plan.targets[k];
        if old.kind == new.kind {
            return None;
        }
        let state = &self.board.target_states[k];
        let value = state.value;
        let measure = |t: &Target| {
            let reading = state.reading();
            pace::evaluate_target(&self.board.plan, t, reading, self.today, &self.thresholds)
        };
        Some(KindChange {
            old: old.clone(),
            new: new.clone(),
            value,
            before: self.eval.targets[k],
            after: measure(new),
        })
    }

    /// A key while a confirmation is open: `y` runs the edit, `n` goes back to the line.
    pub(super) fn update_confirm(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Confirm => match std::mem::take(&mut self.overlay) {
                Overlay::Confirm(c) => Some(c.effect),
                other => {
                    self.overlay = other;
                    None
                }
            },
            Action::Cancel => {
                if let Overlay::Confirm(c) = std::mem::take(&mut self.overlay) {
                    self.overlay = Overlay::Input(c.back);
                }
                None
            }
            _ => None,
        }
    }
}
