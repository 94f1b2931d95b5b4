//! Bringing plans in: `import` (a new plan, or a replacement that keeps the values and
//! history of the ids it keeps) and `restore` (a plan with its whole log, from a backup).

use super::lookup::Lookup;
use super::rules::apply_change;
use super::schema::{ITEMS, META, META_CURRENT_PLAN, PLANS, TARGETS, UPDATES};
use super::{
    Attempt, ItemRecord, PlanRecord, Refusal, Store, StoreError, TargetRecord, as_order, dec, enc,
    roles, tally,
};
use crate::core::identity::Actor;
use crate::core::model::{Millis, Plan, TargetState, Update};
use redb::{ReadableTable, WriteTransaction};

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
    pub fn restore(&self, plan: &Plan, log: &[Update], actor: &Actor) -> Result<(), StoreError> {
        self.write(|txn| {
            import_in(txn, plan, false, actor, self.clock.now())?;
            let mut table = txn.open_table(UPDATES)?;
            for u in log {
                let who = Actor { user: u.user.clone(), uid: u.uid };
                match apply_change(txn, &plan.id, &u.change, &who, u.at, false) {
                    // entries about targets gone since (re-imports) stay in the log only
                    Ok(())
                    | Err(StoreError::Refused(
                        Refusal::UnknownTarget(_) | Refusal::UnknownItem(_),
                    )) => {}
                    Err(e) => return Err(e),
                }
                table.insert((plan.id.as_str(), u.seq), enc("updates", u)?.as_slice())?;
            }
            tally::rebuild(txn, &plan.id)
        })
    }

    /// Checks that `import` would be allowed, without writing.
    pub fn preflight_import(
        &self,
        plan: &Plan,
        replace: bool,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let txn = self.read_txn()?;
        roles::require_admin(&txn, actor, Attempt::ImportPlan)?;
        if !replace && txn.has_plan(&plan.id)? {
            return Err(Refusal::PlanExists(plan.id.clone()).into());
        }
        Ok(())
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
    let mut items = txn.open_table(ITEMS)?;
    for (order, item) in plan.items.iter().enumerate() {
        let state = old_items
            .iter()
            .find(|r| r.item.id == item.id)
            .map(|r| r.state.clone())
            .unwrap_or_default();
        let rec = ItemRecord { order: as_order(order), item: item.clone(), state };
        items.insert((id, item.id.as_str()), enc("items", &rec)?.as_slice())?;
    }
    let mut targets = txn.open_table(TARGETS)?;
    let mut order = 0usize;
    for target in &plan.targets {
        let state = match old_targets.iter().find(|r| r.target.id == target.id) {
            Some(r) => {
                summary.kept_targets += 1;
                r.state.clone()
            }
            None => TargetState::default(),
        };
        let rec = TargetRecord { order: as_order(order), target: target.clone(), state };
        targets.insert((id, target.id.as_str()), enc("targets", &rec)?.as_slice())?;
        order += 1;
    }
    for old in old_targets {
        if plan.targets.iter().any(|t| t.id == old.target.id) {
            continue;
        }
        let manual = old.target.line == 0
            && old.target.item.as_ref().is_none_or(|i| plan.items.iter().any(|it| &it.id == i));
        if manual {
            summary.kept_manual += 1;
            let rec = TargetRecord { order: as_order(order), ..old };
            targets.insert((id, rec.target.id.as_str()), enc("targets", &rec)?.as_slice())?;
            order += 1;
        } else {
            summary.dropped_targets.push(old.target.id);
        }
    }
    let mut meta = txn.open_table(META)?;
    meta.insert(META_CURRENT_PLAN, id.as_bytes())?;
    drop((meta, items, targets));
    tally::rebuild(txn, id)?;
    Ok(summary)
}
