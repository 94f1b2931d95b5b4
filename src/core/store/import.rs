//! Bringing plans in: `import` (a new plan, or a replacement that keeps the values and
//! history of the ids it keeps) and `restore` (a plan with its whole log, from a backup).

use super::lookup::Lookup;
use super::rules::{append, apply_change};
use super::schema::{ITEMS, META, META_CURRENT_PLAN, PLANS, TARGETS, UPDATES};
use super::verify::verify_log;
use super::{
    Attempt, ItemRecord, PlanRecord, Refusal, Store, StoreError, TargetRecord, as_order, cycle,
    dec, enc, roles, tally,
};
use crate::core::identity::Actor;
use crate::core::model::{Change, ItemState, Millis, Plan, TargetState, Update};
use redb::{ReadableTable, WriteTransaction};
use std::collections::{HashMap, HashSet};

/// What `import` did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportSummary {
    pub replaced: bool,
    /// Targets whose id was kept, with their recorded values and history.
    pub kept_targets: usize,
    /// Targets that existed before and are gone from the new text (their log stays).
    pub dropped_targets: Vec<String>,
    /// Hand-made targets carried over.
    pub kept_manual: usize,
}

impl Store {
    /// Imports a plan. An existing plan with the same id is refused unless `replace`; a
    /// replacement keeps the values and history of targets whose id is kept, the notes of
    /// items whose id is kept, and hand-made targets whose item still exists.
    pub fn import(
        &self,
        plan: &Plan,
        replace: bool,
        actor: &Actor,
    ) -> Result<ImportSummary, StoreError> {
        self.write(|txn| import_in(txn, plan, replace, actor, self.clock.now()))
    }

    /// Restores a plan and its whole log (from `export --format json --full`) into a
    /// database that does not hold that plan: states are replayed from the log, and every
    /// entry keeps its sequence number, time and user.
    /// A log that `check` would flag (a broken sequence or hash chain, an invalid or
    /// discontinuous value, an entry about a target that did not exist) is refused whole.
    pub fn restore(&self, plan: &Plan, log: &[Update], actor: &Actor) -> Result<(), StoreError> {
        check_backup(plan, log)?;
        self.write(|txn| {
            import_in(txn, plan, false, actor, self.clock.now())?;
            let mut table = txn.open_table(UPDATES)?;
            for u in log {
                let who = Actor { user: u.user.clone(), uid: u.uid };
                let at = (u.at, self.clock.date(u.at));
                match apply_change(txn, &plan.id, &u.change, &who, at, false) {
                    // entries about targets gone since (re-imports) stay in the log only
                    Ok(())
                    | Err(StoreError::Refused(
                        Refusal::UnknownTarget(_) | Refusal::UnknownItem(_),
                    )) => {}
                    Err(e) => return Err(e),
                }
                table.insert((plan.id.as_str(), u.seq), enc("updates", u)?.as_slice())?;
            }
            drop(table);
            cycle::rebuild(txn, &plan.id)?;
            tally::rebuild(txn, &plan.id)
        })
    }

    /// Checks that `restore` would be allowed, without writing.
    pub fn preflight_restore(
        &self,
        plan: &Plan,
        log: &[Update],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        check_backup(plan, log)?;
        self.preflight_import(plan, false, actor)
    }

    /// Checks that `import` would be allowed, without writing.
    pub fn preflight_import(
        &self,
        plan: &Plan,
        replace: bool,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let txn = self.read_txn()?;
        roles::require_admin(&*txn, actor, Attempt::ImportPlan)?;
        if !replace && txn.has_plan(&plan.id)? {
            return Err(Refusal::PlanExists(plan.id.clone()).into());
        }
        Ok(())
    }
}

/// Refuses a backup whose log is not evidence (see [`verify_log`]).
fn check_backup(plan: &Plan, log: &[Update]) -> Result<(), StoreError> {
    let mut problems = Vec::new();
    verify_log(&plan.id, &plan.targets, log, &mut |subject, wrong| {
        problems.push((subject.to_string(), wrong));
    });
    let more = problems.len().saturating_sub(1);
    match problems.into_iter().next() {
        None => Ok(()),
        Some((subject, first)) => Err(Refusal::BadBackup { subject, first, more }.into()),
    }
}

/// The body of [`Store::import`], inside the caller's write transaction.
fn import_in(
    txn: &WriteTransaction,
    plan: &Plan,
    replace: bool,
    actor: &Actor,
    now: Millis,
) -> Result<ImportSummary, StoreError> {
    roles::require_admin(txn, actor, Attempt::ImportPlan)?;
    let id = plan.id.as_str();
    let mut summary = ImportSummary::default();
    let mut old_items: Vec<ItemRecord> = Vec::new();
    let mut old_targets: Vec<TargetRecord> = Vec::new();
    {
        let mut plans = txn.open_table(PLANS)?;
        if plans.get(id)?.is_some() {
            if !replace {
                return Err(Refusal::PlanExists(id.to_string()).into());
            }
            summary.replaced = true;
        }
        let mut header = plan.clone();
        header.items.clear();
        header.targets.clear();
        let rec = PlanRecord { plan: header, imported_at: now };
        plans.insert(id, enc("plans", &rec)?.as_slice())?;
    }
    if summary.replaced {
        let mut items = txn.open_table(ITEMS)?;
        for e in items.extract_from_if((id, "")..=(id, "\u{10FFFF}"), |_, _| true)? {
            let (_, v) = e?;
            old_items.push(dec("items", v.value())?);
        }
        let mut targets = txn.open_table(TARGETS)?;
        for e in targets.extract_from_if((id, "")..=(id, "\u{10FFFF}"), |_, _| true)? {
            let (_, v) = e?;
            old_targets.push(dec("targets", v.value())?);
        }
    }
    // Linear in the plan's size: old records and new ids by id, not a scan per record.
    let old_item_states: HashMap<&str, &ItemState> =
        old_items.iter().map(|r| (r.item.id.as_str(), &r.state)).collect();
    let mut items = txn.open_table(ITEMS)?;
    for (order, item) in plan.items.iter().enumerate() {
        let state = old_item_states.get(item.id.as_str()).map(|&s| s.clone()).unwrap_or_default();
        let rec = ItemRecord { order: as_order(order), item: item.clone(), state };
        items.insert((id, item.id.as_str()), enc("items", &rec)?.as_slice())?;
    }
    let old_target_states: HashMap<&str, &TargetState> =
        old_targets.iter().map(|r| (r.target.id.as_str(), &r.state)).collect();
    let mut targets = txn.open_table(TARGETS)?;
    let mut order = 0usize;
    for target in &plan.targets {
        let state = match old_target_states.get(target.id.as_str()) {
            Some(&s) => {
                summary.kept_targets += 1;
                s.clone()
            }
            None => TargetState::default(),
        };
        let rec = TargetRecord { order: as_order(order), target: target.clone(), state };
        targets.insert((id, target.id.as_str()), enc("targets", &rec)?.as_slice())?;
        order += 1;
    }
    drop(old_target_states);
    let mut dropped = Vec::new();
    let new_targets: HashSet<&str> = plan.targets.iter().map(|t| t.id.as_str()).collect();
    let new_items: HashSet<&str> = plan.items.iter().map(|i| i.id.as_str()).collect();
    for old in old_targets {
        if new_targets.contains(old.target.id.as_str()) {
            continue;
        }
        let manual = old.target.line == 0
            && old.target.item.as_deref().is_none_or(|i| new_items.contains(i));
        if manual {
            summary.kept_manual += 1;
            let rec = TargetRecord { order: as_order(order), ..old };
            targets.insert((id, rec.target.id.as_str()), enc("targets", &rec)?.as_slice())?;
            order += 1;
        } else {
            dropped.push(old.target);
        }
    }
    let mut meta = txn.open_table(META)?;
    meta.insert(META_CURRENT_PLAN, id.as_bytes())?;
    drop((meta, items, targets));
    // A target gone with the new text leaves a logged removal: its earlier entries stay
    // evidence of a target that existed then (see `verify_log`).
    for target in dropped {
        summary.dropped_targets.push(target.id.clone());
        let change =
            Change::TargetDef { target: target.id.clone(), old: Some(Box::new(target)), new: None };
        append(txn, id, change, "import --replace", actor, None, now)?;
    }
    if !summary.replaced {
        // a new plan: its (empty) index of reports is up to date from the start
        cycle::rebuild(txn, id)?;
    }
    tally::rebuild(txn, id)?;
    Ok(summary)
}
