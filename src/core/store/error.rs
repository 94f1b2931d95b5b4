//! What can go wrong in the store, in two kinds: a [`Refusal`] is the store saying no to what
//! was asked (an unknown id, a bad value, a role that does not allow it), with fields a front
//! end renders in its own words; every other [`StoreError`] is about the file, the database
//! or the machine.

use super::codec::CodecError;
use crate::core::model::{ValueError, fmt_num};
use std::path::PathBuf;
use thiserror::Error;

/// Everything that can go wrong between yaodian and its database file.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: no such database")]
    Missing { path: PathBuf },
    #[error("{path}: is a directory, not a database file")]
    NotAFile { path: PathBuf },
    #[error("{path}: empty file, not a yaodian database")]
    Empty { path: PathBuf },
    #[error("{path}: not a yaodian database")]
    Foreign { path: PathBuf },
    /// A file that a backup would overwrite.
    #[error("{path}: exists already; choose a new file name")]
    Exists { path: PathBuf },
    #[error("{path}: damaged database ({detail})")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{path}: written by a newer yaodian (schema {found}, this build reads up to {supported}); upgrade yaodian"
    )]
    NewerSchema { path: PathBuf, found: u32, supported: u32 },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: opened by a program with another redb lock protocol; close it or upgrade")]
    LockProtocol { path: PathBuf },
    #[error("database error: {0}")]
    Database(#[from] redb::DatabaseError),
    #[error("database error: {0}")]
    Transaction(#[from] redb::TransactionError),
    #[error("database error: {0}")]
    Table(#[from] redb::TableError),
    #[error("database error: {0}")]
    Storage(#[from] redb::StorageError),
    #[error("database error: {0}")]
    Commit(#[from] redb::CommitError),
    #[error("undecodable record in {table}: {source}")]
    Codec { table: &'static str, source: CodecError },
    #[error("bulk loading takes value and note updates only")]
    NotBulk,
    /// Another process held the database for writing longer than a writer waits.
    #[error(
        "{path}: busy: {} has been writing since {}; nothing was changed, try again",
        holder.as_ref().map_or_else(|| "another process".to_string(), ToString::to_string),
        since.as_deref().unwrap_or("a while")
    )]
    Busy { path: PathBuf, holder: Option<super::writer::Holder>, since: Option<String> },
    #[error(transparent)]
    Refused(#[from] Refusal),
}

impl StoreError {
    /// The refusal, when the store said no to the request (not a failure of the file).
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            StoreError::Refused(r) => Some(r),
            _ => None,
        }
    }
}

/// What the user asked that may not be done; nothing was written.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Refusal {
    #[error("the database holds no plan; import one first")]
    NoPlan,
    #[error("no plan {0:?} in this database")]
    UnknownPlan(String),
    #[error("plan {0:?} exists already; use --replace to re-import it")]
    PlanExists(String),
    #[error("no target {0:?} in this plan")]
    UnknownTarget(String),
    #[error("no item {0:?} in this plan")]
    UnknownItem(String),
    #[error("target {target}: {} is not a valid value: {reason}", fmt_num(*value))]
    BadValue { target: String, value: f64, reason: ValueError },
    /// The user's role does not allow the attempt; `may` names who may (empty: no one).
    #[error("{user} may not {attempt}: {}", who_may(attempt, may))]
    Denied { user: String, attempt: Attempt, may: Vec<String> },
    #[error("target {target}: {reason}")]
    InvalidTarget { target: String, reason: TargetDefError },
    /// `add` to a measured level (a rate, an index, an age): levels are compared, not summed.
    #[error("target {0} is a level (measured, not summed): record its value with set")]
    NotSummed(String),
    /// `done` on a target whose goal is a change from a starting value not yet recorded.
    #[error(
        "target {0}: its goal is a change from its starting value, which is not recorded yet; record the value with set"
    )]
    NoGoalYet(String),
    #[error("nothing of yours to undo")]
    NothingToUndo,
    /// Undoing would overwrite what others changed since (they are named).
    #[error(
        "undoing your change to {subject} would overwrite what {} changed since; change it by hand instead",
        others.join(", ")
    )]
    UndoOverwrites { subject: String, others: Vec<String> },
    /// A backup whose log `check` would flag: nothing is restored.
    #[error("the backup's log is not a true log: {subject}: {first}{}; nothing was restored",
        if *more > 0 { format!(" (and {more} more problems)") } else { String::new() })]
    BadBackup { subject: String, first: super::verify::LogWrong, more: usize },
    #[error("the database is open read-only")]
    ReadOnly,
    #[error("{0} has no role")]
    NoRole(String),
}

/// What a user tried that their role does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    ImportPlan,
    /// Add a target or edit a target's definition.
    EditTargets,
    UndoTargetEdit,
    GrantRoles,
    RevokeRoles,
    /// Change the plan's settings (reporting rhythm, due day, staleness).
    EditSettings,
    UndoSettings,
    /// Record values or notes of an item, which these departments own.
    EditItem {
        item: String,
        departments: Vec<String>,
    },
    /// Record values of a target stated by a theme heading (owned by no department).
    EditThemeTarget,
}

impl Attempt {
    /// Whether only an admin may do it (otherwise: an editor of the item's departments).
    pub fn admin_only(&self) -> bool {
        !matches!(self, Attempt::EditItem { .. } | Attempt::EditThemeTarget)
    }
}

impl std::fmt::Display for Attempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Attempt::ImportPlan => f.write_str("import a plan"),
            Attempt::EditTargets => f.write_str("add or edit targets"),
            Attempt::UndoTargetEdit => f.write_str("undo a target edit"),
            Attempt::GrantRoles => f.write_str("grant roles"),
            Attempt::RevokeRoles => f.write_str("revoke roles"),
            Attempt::EditSettings => f.write_str("change the plan's settings"),
            Attempt::UndoSettings => f.write_str("undo a settings change"),
            Attempt::EditItem { item, departments } if departments.is_empty() => {
                write!(f, "edit item {item} (no department)")
            }
            Attempt::EditItem { item, departments } => {
                write!(f, "edit item {item} ({})", departments.join(", "))
            }
            Attempt::EditThemeTarget => f.write_str("edit a theme-level target"),
        }
    }
}

/// "only an admin may (root, wang)", "only wang, li may", or that no one is granted it.
fn who_may(attempt: &Attempt, may: &[String]) -> String {
    if may.is_empty() {
        return "no one is granted it yet".to_string();
    }
    let names = may.join(", ");
    if attempt.admin_only() {
        format!("only an admin may ({names})")
    } else {
        format!("only {names} may")
    }
}

/// Why a hand-made target definition is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TargetDefError {
    #[error("the id must be non-empty and without spaces")]
    BadId,
    #[error("the name must not be empty")]
    NoName,
    #[error("the goal must be a number above 0")]
    BadGoal,
    #[error("a milestone's goal is 1")]
    MilestoneGoal,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn denied(attempt: Attempt, may: &[&str]) -> String {
        let may = may.iter().map(ToString::to_string).collect();
        Refusal::Denied { user: "zhao".into(), attempt, may }.to_string()
    }

    #[test]
    fn refusals_read_as_one_english_line() {
        assert_eq!(
            denied(Attempt::ImportPlan, &["boss", "root"]),
            "zhao may not import a plan: only an admin may (boss, root)"
        );
        assert_eq!(
            denied(Attempt::GrantRoles, &[]),
            "zhao may not grant roles: no one is granted it yet"
        );
        let item = |d: &[&str]| Attempt::EditItem {
            item: "18".into(),
            departments: d.iter().map(ToString::to_string).collect(),
        };
        assert_eq!(
            denied(item(&["**产业科", "办公室"]), &["zhang"]),
            "zhao may not edit item 18 (**产业科, 办公室): only zhang may"
        );
        assert_eq!(
            denied(item(&[]), &[]),
            "zhao may not edit item 18 (no department): no one is granted it yet"
        );
        assert_eq!(
            denied(Attempt::EditThemeTarget, &["boss"]),
            "zhao may not edit a theme-level target: only boss may"
        );
        let bad =
            Refusal::BadValue { target: "1.1".into(), value: 1.5, reason: ValueError::NotBinary };
        assert_eq!(
            bad.to_string(),
            "target 1.1: 1.5 is not a valid value: a milestone is 0 (not done) or 1 (done)"
        );
        let def = Refusal::InvalidTarget { target: "1 1".into(), reason: TargetDefError::BadId };
        assert_eq!(def.to_string(), "target 1 1: the id must be non-empty and without spaces");
        assert_eq!(
            Refusal::NotSummed("3.2".into()).to_string(),
            "target 3.2 is a level (measured, not summed): record its value with set"
        );
    }

    #[test]
    fn a_refusal_is_told_from_a_failure() {
        let e = StoreError::from(Refusal::NothingToUndo);
        assert_eq!(e.refusal(), Some(&Refusal::NothingToUndo));
        assert_eq!(e.to_string(), "nothing of yours to undo");
        let e = StoreError::NotBulk;
        assert_eq!(e.refusal(), None);
    }
}
