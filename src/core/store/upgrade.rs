//! Bringing a file written by an older build up to this build's schema, on its first write
//! by this build (inside that write's transaction, so a file is upgraded whole or not at
//! all; read-only handles never write and read an older file as it is).
//!
//! Schema 3: targets added by hand know the day they were added (`TargetState::since`,
//! codec format 5), from which their pace runs. An older file has that day only in its log:
//! the time of the latest definition entry that added the target (`TargetDef` without an old
//! definition), as a local date of the writer's clock. The plans' tallies are rebuilt with
//! those starts. The log itself is not rewritten, so its hash chain still verifies.

use super::schema::{META, META_COUNTER, META_SCHEMA, PLANS, SCHEMA_VERSION, TARGETS, UPDATES};
use super::{StoreError, TargetRecord, dec, enc, tally};
use crate::core::clock::Clock;
use crate::core::model::{Change, Millis, Update};
use redb::{ReadableTable, WriteTransaction};
use std::collections::HashMap;

/// The schema that first kept the day a target was added.
const SINCE_SCHEMA: u32 = 3;

/// The schema version a file records (1 when unreadable: treated as the oldest).
fn schema(txn: &WriteTransaction) -> Result<u32, StoreError> {
    let meta = txn.open_table(META)?;
    let found = meta.get(META_SCHEMA)?.map(|v| v.value().to_vec());
    Ok(found.and_then(|b| <[u8; 4]>::try_from(b.as_slice()).ok()).map_or(1, u32::from_le_bytes))
}

/// Upgrades the file in `txn` if an older build wrote it; a current file costs one read.
pub(super) fn run(txn: &WriteTransaction, clock: Clock) -> Result<(), StoreError> {
    if schema(txn)? >= SINCE_SCHEMA {
        return Ok(());
    }
    // (plan, target) → when the target was last added, from one pass over every log
    let mut added: HashMap<(String, String), Millis> = HashMap::new();
    {
        let updates = txn.open_table(UPDATES)?;
        for entry in updates.iter()? {
            let (k, v) = entry?;
            let u: Update = dec("updates", v.value())?;
            if let Change::TargetDef { target, old: None, new: Some(_) } = u.change {
                added.insert((k.value().0.to_string(), target), u.at);
            }
        }
    }
    let plans: Vec<String> = {
        let table = txn.open_table(PLANS)?;
        let mut ids = Vec::new();
        for entry in table.iter()? {
            ids.push(entry?.0.value().to_string());
        }
        ids
    };
    {
        let mut targets = txn.open_table(TARGETS)?;
        for ((plan, target), at) in &added {
            let found = targets.get((plan.as_str(), target.as_str()))?.map(|v| v.value().to_vec());
            let Some(bytes) = found else { continue }; // removed since
            let mut rec: TargetRecord = dec("targets", &bytes)?;
            if rec.state.since.is_none() {
                rec.state.since = Some(clock.date(*at));
                targets
                    .insert((plan.as_str(), target.as_str()), enc("targets", &rec)?.as_slice())?;
            }
        }
    }
    for plan in &plans {
        tally::rebuild(txn, plan)?;
    }
    {
        let mut meta = txn.open_table(META)?;
        meta.insert(META_SCHEMA, SCHEMA_VERSION.to_le_bytes().as_slice())?;
    }
    // A change that is not a log entry: an open board that takes in only the entries since
    // its mark (Store::since) must read the board again, so the change counter moves once
    // more than the appends counter.
    super::bump_meta_u64(txn, META_COUNTER)?;
    Ok(())
}
