//! What an operator asks to change: the requests front ends hand to the store, which checks
//! them against the current values and the user's role and turns them into logged changes.

use crate::core::model::{PlanSettings, Status, Target};

/// One change an operator asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Set {
        target: String,
        value: f64,
    },
    Add {
        target: String,
        delta: f64,
    },
    /// Marks a target done: its value becomes its goal.
    Done {
        target: String,
    },
    Note {
        item: String,
        text: String,
    },
    ItemStatus {
        item: String,
        status: Option<Status>,
    },
    /// Adds a target (a new id) or edits one by hand.
    PutTarget(Box<Target>),
    /// Changes the plan's settings (admin).
    Settings(PlanSettings),
    /// Reverts the actor's own last change with a new, corrective update.
    Undo,
}
