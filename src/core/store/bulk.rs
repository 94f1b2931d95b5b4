//! Bulk loading: a new plan and a long log in a few large write transactions instead of one
//! commit per update (for generated benchmark databases and large migrations).

use super::schema::{ITEMS, TARGETS, UPDATES};
use super::{ItemRecord, Refusal, Store, StoreError, TargetRecord, dec, enc};
use crate::core::identity::Actor;
use crate::core::model::{Change, Plan, Update, log_chain};
use std::collections::HashMap;

/// Log entries per write transaction: big enough to amortise the commit, small enough to
/// keep a transaction's dirty pages modest.
const CHUNK: usize = 200_000;

impl Store {
    /// Imports `plan` (which must be new in this database) and appends `log` — value and
    /// note updates, numbered from 1 in order — in a few large write transactions; the final
    /// states are the replay of the log, as if every entry had been applied one by one.
    /// Returns the number of log entries written.
    pub fn bulk_load(
        &self,
        plan: &Plan,
        log: impl IntoIterator<Item = Update>,
        actor: &Actor,
    ) -> Result<usize, StoreError> {
        self.import(plan, false, actor)?;
        let id = plan.id.as_str();
        let target_ix: HashMap<&str, usize> =
            plan.targets.iter().enumerate().map(|(k, t)| (t.id.as_str(), k)).collect();
        let item_ix: HashMap<&str, usize> =
            plan.items.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
        let mut targets: Vec<Option<TargetRecord>> = vec![None; plan.targets.len()];
        let mut items: Vec<Option<ItemRecord>> = vec![None; plan.items.len()];
        {
            let txn = self.read_txn()?;
            let table = txn.open_table(TARGETS)?;
            for t in &plan.targets {
                let rec = table.get((id, t.id.as_str()))?;
                let rec: TargetRecord = dec("targets", rec.ok_or(Refusal::NoPlan)?.value())?;
                targets[target_ix[t.id.as_str()]] = Some(rec);
            }
            let table = txn.open_table(ITEMS)?;
            for i in &plan.items {
                let rec = table.get((id, i.id.as_str()))?;
                let rec: ItemRecord = dec("items", rec.ok_or(Refusal::NoPlan)?.value())?;
                items[item_ix[i.id.as_str()]] = Some(rec);
            }
        }
        let mut log = log.into_iter().peekable();
        let mut written = 0usize;
        // each item's latest report and the last sequence, for the index `brief` reads
        let mut latest: HashMap<String, i64> = HashMap::new();
        let mut last_seq = 0u64;
        // chained as they are written, like entries appended one by one
        let mut prev = log_chain::genesis(id);
        while log.peek().is_some() {
            self.write(|txn| {
                let mut table = txn.open_table(UPDATES)?;
                for mut u in log.by_ref().take(CHUNK) {
                    u.prev = Some(prev);
                    prev = log_chain::hash(&u);
                    match &u.change {
                        Change::Value { target, new, .. } => {
                            let k = *target_ix
                                .get(target.as_str())
                                .ok_or_else(|| Refusal::UnknownTarget(target.clone()))?;
                            if let Some(rec) = targets[k].as_mut() {
                                rec.state.record(*new, u.at, &u.user);
                                if let Some(item) = &rec.target.item {
                                    let t = latest.entry(item.clone()).or_insert(u.at);
                                    *t = (*t).max(u.at);
                                }
                            }
                        }
                        Change::Note { item, new, .. } => {
                            let k = *item_ix
                                .get(item.as_str())
                                .ok_or_else(|| Refusal::UnknownItem(item.clone()))?;
                            if let Some(rec) = items[k].as_mut() {
                                rec.state.record_note(new, u.at, &u.user);
                            }
                            let t = latest.entry(item.clone()).or_insert(u.at);
                            *t = (*t).max(u.at);
                        }
                        Change::ItemStatus { .. }
                        | Change::TargetDef { .. }
                        | Change::Settings { .. } => {
                            return Err(StoreError::NotBulk);
                        }
                    }
                    table.insert((id, u.seq), enc("updates", &u)?.as_slice())?;
                    last_seq = last_seq.max(u.seq);
                    written += 1;
                }
                Ok(())
            })?;
        }
        self.write(|txn| {
            let mut table = txn.open_table(TARGETS)?;
            for rec in targets.iter().flatten().filter(|r| r.state.updates > 0) {
                table.insert((id, rec.target.id.as_str()), enc("targets", rec)?.as_slice())?;
            }
            drop(table);
            let mut table = txn.open_table(ITEMS)?;
            for rec in items.iter().flatten().filter(|r| r.state.updated_at.is_some()) {
                table.insert((id, rec.item.id.as_str()), enc("items", rec)?.as_slice())?;
            }
            drop(table);
            super::cycle::write_index(txn, id, &latest, last_seq)?;
            super::tally::rebuild(txn, id)
        })?;
        Ok(written)
    }
}
