//! A plan's targets read one at a time in plan order, for the commands that write every
//! target (`status --json`, `targets --json`): a first pass decodes only where each target
//! is (its order, id, item and theme), then each is read whole when it is written, so
//! memory holds one target and the index, never the board.

use super::schema::TARGETS;
use super::{ReadTxn, Store, StoreError, TargetRecord, dec, for_each_in_plan};
use crate::core::model::{Target, TargetState};
use serde::Deserialize;
use std::sync::atomic::Ordering;

/// What a target belongs to, as the index resolves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// An item of the plan, by its position among the items.
    Item(usize),
    /// A theme heading (the target names no item), by the theme's number.
    Theme(u32),
    /// An item that does not exist.
    Orphan,
}

/// One target in the index: its owner and where its id is.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    pub owner: Owner,
    order: u32,
    id: (u32, u32),
}

/// Where each of a plan's targets is, in plan order (ids end to end in one string).
#[derive(Debug, Default)]
pub struct TargetIndex {
    ids: String,
    slots: Vec<Slot>,
}

impl TargetIndex {
    /// The targets in plan order.
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// The id of a target of this index.
    pub fn id(&self, s: &Slot) -> &str {
        self.ids.get(s.id.0 as usize..s.id.1 as usize).unwrap_or_default()
    }
}

/// The leading fields of a target record: what the index needs, decoded in place.
#[derive(Deserialize)]
struct Head<'a> {
    order: u32,
    #[serde(borrow)]
    target: HeadTarget<'a>,
}

#[derive(Deserialize)]
struct HeadTarget<'a> {
    id: &'a str,
    item: Option<&'a str>,
    theme: u32,
}

/// Reads a plan's targets by id in one read snapshot (the store's pinned one for a command).
pub struct TargetReader<'a> {
    store: &'a Store,
    plan: String,
    table: redb::ReadOnlyTable<(&'static str, &'static str), &'static [u8]>,
    _txn: ReadTxn<'a>,
}

impl Store {
    /// A reader of the plan's targets, one at a time.
    pub fn target_reader(&self, plan_id: &str) -> Result<TargetReader<'_>, StoreError> {
        let txn = self.read_txn()?;
        let table = txn.open_table(TARGETS)?;
        Ok(TargetReader { store: self, plan: plan_id.to_string(), table, _txn: txn })
    }
}

impl TargetReader<'_> {
    /// The index of the plan's targets in plan order; `item` resolves an item id to its
    /// position. Decodes only each record's head (no target is counted as read).
    pub fn index(&self, item: impl Fn(&str) -> Option<usize>) -> Result<TargetIndex, StoreError> {
        let mut index = TargetIndex::default();
        for_each_in_plan(&self.table, &self.plan, |_, v| {
            let h: Head<'_> = super::codec::decode_head(v)
                .map_err(|source| StoreError::Codec { table: "targets", source })?;
            let owner = match h.target.item {
                None => Owner::Theme(h.target.theme),
                Some(i) => item(i).map_or(Owner::Orphan, Owner::Item),
            };
            let start = u32::try_from(index.ids.len()).unwrap_or(u32::MAX);
            index.ids.push_str(h.target.id);
            let end = u32::try_from(index.ids.len()).unwrap_or(u32::MAX);
            index.slots.push(Slot { owner, order: h.order, id: (start, end) });
            Ok(())
        })?;
        index.slots.sort_by_key(|s| s.order);
        Ok(index)
    }

    /// One target with its state (counted as read), if it exists.
    pub fn get(&self, id: &str) -> Result<Option<(Target, TargetState)>, StoreError> {
        let Some(v) = self.table.get((self.plan.as_str(), id))? else { return Ok(None) };
        let r: TargetRecord = dec("targets", v.value())?;
        self.store.reads.targets.fetch_add(1, Ordering::Relaxed);
        Ok(Some((r.target, r.state)))
    }
}
