//! Edit rules: what an [`Edit`] changes, checked against the current values and the user's
//! role, and how a change is written. The same checks run on a read snapshot
//! ([`Store::preflight`], so a refused edit never opens the file for writing) and again
//! inside the write transaction (so two operators racing cannot slip past them).

use super::lookup::{Lookup, load_item, load_target};
use super::roles;
use super::schema::{META_APPENDS, PLAN_SETTINGS, TARGETS, UPDATES};
use super::{
    Attempt, ItemRecord, Refusal, Store, StoreError, TargetDefError, TargetRecord, cycle, dec, enc,
    for_each_in_plan, tally,
};
use crate::core::edit::Edit;
use crate::core::identity::Actor;
use crate::core::model::{Change, Millis, Target, TargetKind, TargetState, Update, log_chain};
use crate::core::pace::{self, Thresholds};
use chrono::NaiveDate;
use redb::{ReadableTable, WriteTransaction};

impl Store {
    /// Checks an edit against a read snapshot without writing: the same checks `apply` makes
    /// inside its transaction, so bad input is refused before the file is opened for writing.
    /// Returns whether the edit would write anything (see [`Store::apply`]).
    pub fn preflight(&self, plan_id: &str, edit: &Edit, actor: &Actor) -> Result<bool, StoreError> {
        let txn = self.read_txn()?;
        plan_change(&*txn, plan_id, edit, actor)
            .map(|(change, undoes)| worth_writing(&change, undoes))
    }

    /// Applies one edit in one write transaction and appends it to the log; an edit that
    /// changes nothing writes nothing and gives `None`.
    pub fn apply(
        &self,
        plan_id: &str,
        edit: &Edit,
        note: &str,
        actor: &Actor,
    ) -> Result<Option<Update>, StoreError> {
        self.apply_at(plan_id, edit, note, actor, self.clock.now())
    }

    /// [`Store::apply`] with an explicit timestamp: for the demo's simulated history and for
    /// restoring logs. The log stays ordered by sequence, whatever the times say.
    pub fn apply_at(
        &self,
        plan_id: &str,
        edit: &Edit,
        note: &str,
        actor: &Actor,
        at: Millis,
    ) -> Result<Option<Update>, StoreError> {
        self.write_if(|txn| {
            let (change, undoes) = plan_change(txn, plan_id, edit, actor)?;
            if !worth_writing(&change, undoes) {
                return Ok(None);
            }
            apply_change(txn, plan_id, &change, actor, (at, self.clock.date(at)), true)?;
            let update = append(txn, plan_id, change, note, actor, undoes, at)?;
            cycle::recorded(txn, plan_id, &update)?;
            if update.change.is_state() {
                super::bump_meta_u64(txn, META_APPENDS)?;
            }
            Ok(Some(update))
        })
    }
}

/// The log is a record of changes: a change that changes nothing is not written. An undo
/// always is, since it marks the entry it reverts (the next undo goes further back).
fn worth_writing(change: &Change, undoes: Option<u64>) -> bool {
    undoes.is_some() || !change.changes_nothing()
}

/// The change an edit makes (and, for an undo, the entry it reverts), or why it may not.
fn plan_change(
    txn: &impl Lookup,
    plan_id: &str,
    edit: &Edit,
    actor: &Actor,
) -> Result<(Change, Option<u64>), StoreError> {
    if !txn.has_plan(plan_id)? {
        return Err(Refusal::UnknownPlan(plan_id.to_string()).into());
    }
    match edit {
        Edit::Undo => undo_change(txn, plan_id, actor).map(|(c, seq)| (c, Some(seq))),
        other => Ok((change_for(txn, plan_id, other, actor)?, None)),
    }
}

/// Turns an edit into the change it makes, reading current values inside the transaction
/// (so two operators adding at once both count), and checks value and permission.
fn change_for(
    txn: &impl Lookup,
    plan_id: &str,
    edit: &Edit,
    actor: &Actor,
) -> Result<Change, StoreError> {
    let value_change = |id: &str, new: &dyn Fn(&TargetRecord) -> f64| {
        let rec = load_target(txn, plan_id, id)?;
        roles::require_editor(txn, plan_id, rec.target.item.as_deref(), actor)?;
        let new = new(&rec);
        rec.target.check_value(new).map_err(|reason| Refusal::BadValue {
            target: id.to_string(),
            value: new,
            reason,
        })?;
        Ok(Change::Value { target: id.to_string(), old: rec.state.value, new })
    };
    match edit {
        Edit::Set { target, value } => value_change(target, &|_| *value),
        Edit::Add { target, delta } => {
            let rec = load_target(txn, plan_id, target)?;
            if rec.target.measure.level {
                return Err(Refusal::NotSummed(target.clone()).into());
            }
            value_change(target, &|r| r.state.value + delta)
        }
        Edit::Done { target } => {
            // The value that reaches the goal: a relative goal needs its start first.
            let rec = load_target(txn, plan_id, target)?;
            let goal = pace::aim::aim(&rec.target, rec.state.reading(), &Thresholds::default())
                .goal
                .ok_or_else(|| Refusal::NoGoalYet(target.clone()))?;
            value_change(target, &|_| goal)
        }
        Edit::Note { item, text } => {
            let rec = load_item(txn, plan_id, item)?;
            roles::require_editor(txn, plan_id, Some(item), actor)?;
            Ok(Change::Note { item: item.clone(), old: rec.state.note, new: text.clone() })
        }
        Edit::ItemStatus { item, status } => {
            let rec = load_item(txn, plan_id, item)?;
            roles::require_editor(txn, plan_id, Some(item), actor)?;
            Ok(Change::ItemStatus { item: item.clone(), old: rec.state.status, new: *status })
        }
        Edit::PutTarget(target) => {
            roles::require_admin(txn, actor, Attempt::EditTargets)?;
            check_target_def(txn, plan_id, target)?;
            let old = txn.target_rec(plan_id, &target.id)?.map(|r| Box::new(r.target));
            Ok(Change::TargetDef { target: target.id.clone(), old, new: Some(target.clone()) })
        }
        Edit::Settings(new) => {
            roles::require_admin(txn, actor, Attempt::EditSettings)?;
            Ok(Change::Settings { old: txn.settings(plan_id)?, new: *new })
        }
        Edit::Undo => Err(Refusal::NothingToUndo.into()),
    }
}

/// A hand-made target must have an id without spaces, a name, a goal above 0 (1 for a
/// milestone), and an item that exists, if it names one.
fn check_target_def(txn: &impl Lookup, plan_id: &str, t: &Target) -> Result<(), StoreError> {
    let bad = |reason| Refusal::InvalidTarget { target: t.id.clone(), reason };
    if t.id.trim().is_empty() || t.id.chars().any(char::is_whitespace) {
        return Err(bad(TargetDefError::BadId).into());
    }
    if t.name.trim().is_empty() {
        return Err(bad(TargetDefError::NoName).into());
    }
    if !t.goal.is_finite() || t.goal <= 0.0 {
        return Err(bad(TargetDefError::BadGoal).into());
    }
    if t.kind == TargetKind::Milestone && t.goal != 1.0 {
        return Err(bad(TargetDefError::MilestoneGoal).into());
    }
    if let Some(item) = &t.item {
        load_item(txn, plan_id, item)?;
    }
    Ok(())
}

/// Finds the actor's last change not yet undone and builds its reversal. A value change is
/// reverted as a delta (what others added since stays); a note, status or target edit that
/// someone else has changed since is not reverted over their work: the refusal names them.
fn undo_change(
    txn: &impl Lookup,
    plan_id: &str,
    actor: &Actor,
) -> Result<(Change, u64), StoreError> {
    let mut undone = Vec::new();
    let mut last = None;
    // (subject, user) of later entries by others: who changed what since
    let mut since: Vec<(String, String)> = Vec::new();
    txn.updates_newest_first(plan_id, &mut |u| {
        if u.user != actor.user {
            since.push((u.change.subject().to_string(), u.user));
            return Ok(true);
        }
        if let Some(seq) = u.undoes {
            undone.push(seq);
            return Ok(true);
        }
        if undone.contains(&u.seq) {
            return Ok(true);
        }
        last = Some(u);
        Ok(false)
    })?;
    let Some(u) = last else {
        return Err(Refusal::NothingToUndo.into());
    };
    let mut others: Vec<String> = since
        .into_iter()
        .filter(|(subject, _)| subject == u.change.subject())
        .map(|(_, user)| user)
        .collect();
    others.sort();
    others.dedup();
    let overwrites = |subject: &str| -> Result<(), StoreError> {
        if others.is_empty() {
            Ok(())
        } else {
            Err(Refusal::UndoOverwrites { subject: subject.to_string(), others: others.clone() }
                .into())
        }
    };
    let change = match u.change {
        Change::Value { target, old, new } => {
            let rec = load_target(txn, plan_id, &target)?;
            roles::require_editor(txn, plan_id, rec.target.item.as_deref(), actor)?;
            let reverted = rec.state.value - (new - old);
            if let Err(reason) = rec.target.check_value(reverted) {
                overwrites(&target)?;
                return Err(Refusal::BadValue { target, value: reverted, reason }.into());
            }
            Change::Value { target, old: rec.state.value, new: reverted }
        }
        Change::Note { item, old, .. } => {
            overwrites(&item)?;
            let rec = load_item(txn, plan_id, &item)?;
            roles::require_editor(txn, plan_id, Some(&item), actor)?;
            Change::Note { item, old: rec.state.note, new: old }
        }
        Change::ItemStatus { item, old, .. } => {
            overwrites(&item)?;
            let rec = load_item(txn, plan_id, &item)?;
            roles::require_editor(txn, plan_id, Some(&item), actor)?;
            Change::ItemStatus { item, old: rec.state.status, new: old }
        }
        Change::TargetDef { target, old, new } => {
            overwrites(&target)?;
            roles::require_admin(txn, actor, Attempt::UndoTargetEdit)?;
            Change::TargetDef { target, old: new, new: old }
        }
        Change::Settings { old, .. } => {
            roles::require_admin(txn, actor, Attempt::UndoSettings)?;
            Change::Settings { old: txn.settings(plan_id)?, new: old }
        }
    };
    Ok((change, u.seq))
}

/// Writes the new state a change describes, made at `now` (and its local day), and (with
/// `tallies`) keeps the plan's stored tallies up to date.
pub(super) fn apply_change(
    txn: &WriteTransaction,
    plan_id: &str,
    change: &Change,
    actor: &Actor,
    (now, day): (Millis, NaiveDate),
    tallies: bool,
) -> Result<(), StoreError> {
    match change {
        Change::Value { target, new, .. } => {
            let mut rec = load_target(txn, plan_id, target)?;
            let old = rec.state.reading();
            rec.state.record(*new, now, &actor.user);
            put_target(txn, plan_id, &rec)?;
            if tallies {
                tally::value_changed(txn, plan_id, &rec, old)?;
            }
            Ok(())
        }
        Change::Note { item, new, .. } => {
            let mut rec = load_item(txn, plan_id, item)?;
            rec.state.record_note(new, now, &actor.user);
            put_item(txn, plan_id, &rec)
        }
        Change::ItemStatus { item, new, .. } => {
            let mut rec = load_item(txn, plan_id, item)?;
            let old = rec.state.status;
            rec.state.status = *new;
            rec.state.updated_at = Some(now);
            rec.state.updated_by = Some(actor.user.clone());
            put_item(txn, plan_id, &rec)?;
            if tallies {
                tally::item_status_changed(txn, plan_id, &rec.item, old, *new)?;
            }
            Ok(())
        }
        Change::TargetDef { target, old, new } => {
            // a target that did not exist is added today: its pace runs from today
            let added = old.is_none().then_some(day);
            apply_target_def(txn, plan_id, target, new.as_deref(), added)?;
            if tallies {
                tally::rebuild(txn, plan_id)?;
            }
            Ok(())
        }
        Change::Settings { new, .. } => {
            let mut table = txn.open_table(PLAN_SETTINGS)?;
            table.insert(plan_id, enc("plan_settings", new)?.as_slice())?;
            Ok(())
        }
    }
}

/// Adds, edits or (`None`) removes a target's definition; a target `added` on a day keeps
/// that day as its start (a restore replays the addition onto the plan's own record).
fn apply_target_def(
    txn: &WriteTransaction,
    plan_id: &str,
    target: &str,
    new: Option<&Target>,
    added: Option<NaiveDate>,
) -> Result<(), StoreError> {
    match new {
        Some(def) => {
            let mut rec = match txn.target_rec(plan_id, target)? {
                Some(old) => TargetRecord { target: def.clone(), ..old },
                None => TargetRecord {
                    order: next_order(txn, plan_id)?,
                    target: def.clone(),
                    state: TargetState::default(),
                },
            };
            if added.is_some() {
                rec.state.since = added;
            }
            put_target(txn, plan_id, &rec)
        }
        None => {
            let mut table = txn.open_table(TARGETS)?;
            table.remove((plan_id, target))?;
            Ok(())
        }
    }
}

fn next_order(txn: &WriteTransaction, plan_id: &str) -> Result<u32, StoreError> {
    let table = txn.open_table(TARGETS)?;
    let mut max = 0;
    for_each_in_plan(&table, plan_id, |_, v| {
        let r: TargetRecord = dec("targets", v)?;
        max = max.max(r.order + 1);
        Ok(())
    })?;
    Ok(max)
}

fn put_target(txn: &WriteTransaction, plan_id: &str, rec: &TargetRecord) -> Result<(), StoreError> {
    let mut table = txn.open_table(TARGETS)?;
    table.insert((plan_id, rec.target.id.as_str()), enc("targets", rec)?.as_slice())?;
    Ok(())
}

fn put_item(txn: &WriteTransaction, plan_id: &str, rec: &ItemRecord) -> Result<(), StoreError> {
    let mut table = txn.open_table(super::schema::ITEMS)?;
    table.insert((plan_id, rec.item.id.as_str()), enc("items", rec)?.as_slice())?;
    Ok(())
}

/// Appends an update with the next sequence number of the plan's log, linked to the entry
/// before it (the hash chain).
pub(super) fn append(
    txn: &WriteTransaction,
    plan_id: &str,
    change: Change,
    note: &str,
    actor: &Actor,
    undoes: Option<u64>,
    at: Millis,
) -> Result<Update, StoreError> {
    let mut table = txn.open_table(UPDATES)?;
    let last: Option<Update> = table
        .range((plan_id, 0)..=(plan_id, u64::MAX))?
        .next_back()
        .transpose()?
        .map(|(_, v)| dec("updates", v.value()))
        .transpose()?;
    let (seq, prev) = match &last {
        Some(u) => (u.seq + 1, log_chain::hash(u)),
        None => (1, log_chain::genesis(plan_id)),
    };
    let update = Update {
        seq,
        at,
        user: actor.user.clone(),
        uid: actor.uid,
        change,
        note: note.to_string(),
        undoes,
        prev: Some(prev),
    };
    table.insert((plan_id, update.seq), enc("updates", &update)?.as_slice())?;
    Ok(update)
}
