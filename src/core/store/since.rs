//! What changed since a reader last looked: the board's live view reads only the log
//! entries written since the last one it took in, and reads the whole board again only
//! when something other than state changes was written (see [`META_APPENDS`]).

use super::schema::{META, META_APPENDS, META_COUNTER, UPDATES};
use super::{Store, StoreError, dec, read_meta_u64};
use crate::core::model::{Board, Update};
use std::sync::atomic::Ordering;

/// Where a reader stands in the store's history: the change counter and the appends
/// counter it last saw, and the plan's last log entry it took in (0: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LogMark {
    pub counter: u64,
    pub appends: u64,
    pub seq: u64,
}

/// More entries than this since the mark: reading the board again is no dearer.
pub const MAX_DELTA: usize = 10_000;

/// What [`Store::since`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Since {
    /// Nothing was written.
    Same,
    /// Only state changes were written: the plan's new log entries, oldest first (none
    /// when the writes went to other plans), and the mark to ask from next time.
    Appended { mark: LogMark, updates: Vec<Update> },
    /// Something else changed (a plan, a definition, settings, grants, a restore, a write
    /// by a build that does not keep the appends counter, an upgrade of an older file): read
    /// the board again.
    Other,
}

impl Store {
    /// [`Store::board`] with the mark of the same snapshot, to ask [`Store::since`] from.
    pub fn board_marked(&self, plan_id: &str) -> Result<(Board, LogMark), StoreError> {
        let txn = self.read_txn()?;
        let meta = txn.open_table(META)?;
        let counter = read_meta_u64(&meta, META_COUNTER)?;
        let appends = read_meta_u64(&meta, META_APPENDS)?;
        let updates = txn.open_table(UPDATES)?;
        let last = updates.range((plan_id, 0)..=(plan_id, u64::MAX))?.next_back().transpose()?;
        let seq = last.map_or(0, |(k, _)| k.value().1);
        drop((meta, updates));
        let board = self.board_in(txn, plan_id, counter)?;
        Ok((board, LogMark { counter, appends, seq }))
    }

    /// What was written since `seen`, in one read snapshot: nothing, only state changes
    /// (read here, each entry decoded once), or something that needs the board read again.
    pub fn since(&self, plan_id: &str, seen: LogMark) -> Result<Since, StoreError> {
        let txn = self.read_txn()?;
        let meta = txn.open_table(META)?;
        let counter = read_meta_u64(&meta, META_COUNTER)?;
        if counter == seen.counter {
            return Ok(Since::Same);
        }
        let appends = read_meta_u64(&meta, META_APPENDS)?;
        let writes = counter.checked_sub(seen.counter);
        if writes.is_none() || writes != appends.checked_sub(seen.appends) {
            return Ok(Since::Other);
        }
        let table = txn.open_table(UPDATES)?;
        let mut updates = Vec::new();
        let mut seq = seen.seq;
        for entry in table.range((plan_id, seen.seq.saturating_add(1))..=(plan_id, u64::MAX))? {
            if updates.len() == MAX_DELTA {
                return Ok(Since::Other);
            }
            let (_, v) = entry?;
            let u: Update = dec("updates", v.value())?;
            self.reads.updates.fetch_add(1, Ordering::Relaxed);
            if !u.change.is_state() {
                return Ok(Since::Other);
            }
            seq = u.seq;
            updates.push(u);
        }
        Ok(Since::Appended { mark: LogMark { counter, appends, seq }, updates })
    }
}
