//! Reads: the plans in a file, a plan's board and its log; and [`Lookup`], the reads an edit
//! needs, the same inside a write transaction (where they count) and in a read transaction
//! (to refuse bad input before the file is opened for writing at all).

use super::roles::Grant;
use super::schema::{
    ITEMS, META, META_CURRENT_PLAN, PLAN_SETTINGS, PLANS, ROLES, TARGETS, UPDATES,
};
use super::{
    ItemRecord, PlanRecord, Refusal, Store, StoreError, TargetRecord, dec, plan_rows, read_counter,
};
use crate::core::model::{Board, Millis, PlanSettings, Target, TargetState, Update, UpdateRef};
use redb::{ReadableTable, WriteTransaction};
use std::sync::atomic::Ordering;

/// A plan as listed by `yaodian plans`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSummary {
    pub id: String,
    pub title: String,
    pub year: i32,
    pub imported_at: Millis,
    pub items: usize,
    pub targets: usize,
}

/// Filters for reading the log.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub subject: Option<String>,
    pub user: Option<String>,
    pub since: Option<Millis>,
    pub until: Option<Millis>,
}

impl LogFilter {
    fn accepts(&self, u: &Update) -> bool {
        self.subject.as_ref().is_none_or(|s| u.change.subject() == s)
            && self.user.as_ref().is_none_or(|s| &u.user == s)
            && self.since.is_none_or(|t| u.at >= t)
            && self.until.is_none_or(|t| u.at < t)
    }
}

impl Store {
    /// Plans in the database, oldest import first.
    pub fn plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let txn = self.read_txn()?;
        let plans = txn.open_table(PLANS)?;
        let items = txn.open_table(ITEMS)?;
        let targets = txn.open_table(TARGETS)?;
        let mut out = Vec::new();
        for entry in plans.iter()? {
            let (_, v) = entry?;
            let rec: PlanRecord = dec("plans", v.value())?;
            let id = rec.plan.id.as_str();
            let n_items = items
                .range((id, "")..)?
                .take_while(|e| e.as_ref().is_ok_and(|(k, _)| k.value().0 == id));
            let n_targets = targets
                .range((id, "")..)?
                .take_while(|e| e.as_ref().is_ok_and(|(k, _)| k.value().0 == id));
            out.push(PlanSummary {
                id: rec.plan.id.clone(),
                title: rec.plan.title.clone(),
                year: rec.plan.year,
                imported_at: rec.imported_at,
                items: n_items.count(),
                targets: n_targets.count(),
            });
        }
        out.sort_by_key(|p| p.imported_at);
        Ok(out)
    }

    /// Resolves which plan a command means: the one named, else the one imported last.
    pub fn resolve_plan(&self, wanted: Option<&str>) -> Result<String, StoreError> {
        let txn = self.read_txn()?;
        let plans = txn.open_table(PLANS)?;
        if let Some(id) = wanted {
            return if plans.get(id)?.is_some() {
                Ok(id.to_string())
            } else {
                Err(Refusal::UnknownPlan(id.to_string()).into())
            };
        }
        let meta = txn.open_table(META)?;
        if let Some(v) = meta.get(META_CURRENT_PLAN)? {
            let id = String::from_utf8_lossy(v.value()).into_owned();
            if plans.get(id.as_str())?.is_some() {
                return Ok(id);
            }
        }
        let first = plans.iter()?.next();
        match first {
            Some(entry) => Ok(entry?.0.value().to_string()),
            None => Err(Refusal::NoPlan.into()),
        }
    }

    /// Reads a plan with every recorded value into memory (one short read transaction).
    pub fn board(&self, plan_id: &str) -> Result<Board, StoreError> {
        let txn = self.read_txn()?;
        let meta = txn.open_table(META)?;
        let counter = read_counter(&meta)?;
        self.board_in(txn, plan_id, counter)
    }

    /// [`Store::board`] from a read transaction already open (dropped once the records
    /// are read), stamped with `counter`.
    pub(super) fn board_in(
        &self,
        txn: super::ReadTxn<'_>,
        plan_id: &str,
        counter: u64,
    ) -> Result<Board, StoreError> {
        let rec = txn.plan_rec(plan_id)?;
        let item_recs: Vec<ItemRecord> = plan_rows(&txn.open_table(ITEMS)?, plan_id, "items")?;
        let target_recs: Vec<TargetRecord> =
            plan_rows(&txn.open_table(TARGETS)?, plan_id, "targets")?;
        drop(txn);
        self.reads.targets.fetch_add(target_recs.len() as u64, Ordering::Relaxed);
        let mut plan = rec.plan;
        let (items, item_states) = split_in_order(item_recs, |r| r.order, |r| (r.item, r.state));
        let (targets, target_states) =
            split_in_order(target_recs, |r| r.order, |r| (r.target, r.state));
        plan.items = items;
        plan.targets = targets;
        Ok(Board::new(plan, target_states, item_states, counter))
    }

    /// A board holding the plan's structure above its items and only the named targets
    /// (those that exist) with their states: enough to describe a change without reading
    /// the whole plan.
    pub fn board_with(&self, plan_id: &str, target_ids: &[&str]) -> Result<Board, StoreError> {
        let txn = self.read_txn()?;
        let meta = txn.open_table(META)?;
        let counter = read_counter(&meta)?;
        let rec = txn.plan_rec(plan_id)?;
        let mut plan = rec.plan;
        let mut target_states = Vec::new();
        for id in target_ids {
            if let Some(r) = txn.target_rec(plan_id, id)? {
                plan.targets.push(r.target);
                target_states.push(r.state);
            }
        }
        Ok(Board::new(plan, target_states, Vec::new(), counter))
    }

    /// An item's targets with their states, in plan order, read by the id prefix `<item>.`
    /// that the importer gives them, without reading the plan's other targets (a target
    /// added by hand under another id is not found here).
    pub fn item_targets(
        &self,
        plan_id: &str,
        item_id: &str,
    ) -> Result<Vec<(Target, TargetState)>, StoreError> {
        self.targets_under(plan_id, item_id, |t| t.item.as_deref() == Some(item_id))
    }

    /// The targets whose ids start with `<stem>.` and that `keep`, with their states, in
    /// plan order (a range read of the targets table, each record counted as read).
    pub(super) fn targets_under(
        &self,
        plan_id: &str,
        stem: &str,
        keep: impl Fn(&Target) -> bool,
    ) -> Result<Vec<(Target, TargetState)>, StoreError> {
        let txn = self.read_txn()?;
        let table = txn.open_table(TARGETS)?;
        let (lo, hi) = (format!("{stem}."), format!("{stem}/"));
        let mut found: Vec<TargetRecord> = Vec::new();
        for e in table.range((plan_id, lo.as_str())..(plan_id, hi.as_str()))? {
            let r: TargetRecord = dec("targets", e?.1.value())?;
            self.reads.targets.fetch_add(1, Ordering::Relaxed);
            if keep(&r.target) {
                found.push(r);
            }
        }
        Ok(in_order(found, |r| r.order).map(|r| (r.target, r.state)).collect())
    }

    /// One target as the plan now defines it, if it exists (one lookup, not a board).
    pub fn target(&self, plan_id: &str, id: &str) -> Result<Option<Target>, StoreError> {
        let rec = self.read_txn()?.target_rec(plan_id, id)?;
        self.reads.targets.fetch_add(u64::from(rec.is_some()), Ordering::Relaxed);
        Ok(rec.map(|r| r.target))
    }

    /// Whether the plan has an item with this id.
    pub fn has_item(&self, plan_id: &str, id: &str) -> Result<bool, StoreError> {
        Ok(self.read_txn()?.item_rec(plan_id, id)?.is_some())
    }

    /// The plan's update log in order, filtered.
    pub fn log(&self, plan_id: &str, filter: &LogFilter) -> Result<Vec<Update>, StoreError> {
        let mut out = Vec::new();
        self.for_each_update(plan_id, filter, |u| {
            out.push(u);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// Visits the plan's update log in order, filtered, one entry at a time from one read
    /// snapshot: memory stays flat however long the log is, and a caller that writes as it
    /// goes shows the first entry at once. An error from `visit` stops the walk.
    pub fn for_each_update<E: From<StoreError>>(
        &self,
        plan_id: &str,
        filter: &LogFilter,
        visit: impl FnMut(Update) -> Result<(), E>,
    ) -> Result<(), E> {
        self.log_view()?.for_each_update(plan_id, filter, visit)
    }

    /// [`Store::for_each_update`] without a filter, each entry read in place ([`UpdateRef`]):
    /// for passes that keep nothing of an entry (a replay), no text is copied.
    pub fn for_each_entry<E: From<StoreError>>(
        &self,
        plan_id: &str,
        visit: impl FnMut(&UpdateRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.log_view()?.for_each_entry(plan_id, visit)
    }

    /// [`Store::for_each_entry`], the entries handed over a few dozen at a time, in order:
    /// a pass that looks each entry up in a table larger than the processor's caches looks
    /// a batch's entries up one after another, and their cache misses overlap.
    pub fn for_each_batch<E: From<StoreError>>(
        &self,
        plan_id: &str,
        visit: impl FnMut(&[UpdateRef<'_>]) -> Result<(), E>,
    ) -> Result<(), E> {
        self.log_view()?.for_each_batch(plan_id, visit)
    }

    /// One read snapshot of the logs, to walk a log more than once and see the same
    /// entries each time (a handle that is not pinned would otherwise see later commits).
    pub fn log_view(&self) -> Result<LogView<'_>, StoreError> {
        Ok(LogView { store: self, txn: self.read_txn()? })
    }

    /// The newest `n` updates of a plan, newest first (for live feeds).
    pub fn recent(&self, plan_id: &str, n: usize) -> Result<Vec<Update>, StoreError> {
        let txn = self.read_txn()?;
        let updates = txn.open_table(UPDATES)?;
        let mut out = Vec::with_capacity(n);
        for entry in updates.range((plan_id, 0)..=(plan_id, u64::MAX))?.rev() {
            if out.len() == n {
                break;
            }
            let (_, v) = entry?;
            out.push(dec("updates", v.value())?);
        }
        Ok(out)
    }

    /// Role grants, by user name.
    pub fn grants(&self) -> Result<Vec<(String, Grant)>, StoreError> {
        self.read_txn()?.grant_list()
    }
}

/// `recs` in plan order (by `order`; equal orders as stored, as a stable sort keeps them).
/// The pairs (order, position) are sorted, not the records: a target's record is a few
/// hundred bytes, and sorting 100k of them moved each one about log n times (4 % of
/// `status --as-of` at 100k targets); here each record moves twice.
/// They come out one by one, so a board's targets and states are each made once from them
/// (an ordered copy of the records made first moved 30 MB more at 100k targets).
fn in_order<R>(recs: Vec<R>, order: impl Fn(&R) -> u32) -> impl Iterator<Item = R> {
    let mut keys: Vec<(u32, usize)> = recs.iter().map(order).zip(0..).collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<R>> = recs.into_iter().map(Some).collect();
    keys.into_iter().filter_map(move |(_, at)| slots.get_mut(at)?.take())
}

/// `recs` [`in_order`], each split in two, into two lists made at their size at once.
fn split_in_order<R, A, B>(
    recs: Vec<R>,
    order: impl Fn(&R) -> u32,
    split: impl Fn(R) -> (A, B),
) -> (Vec<A>, Vec<B>) {
    let (mut a, mut b) = (Vec::with_capacity(recs.len()), Vec::with_capacity(recs.len()));
    for (x, y) in in_order(recs, order).map(split) {
        a.push(x);
        b.push(y);
    }
    (a, b)
}

/// One read snapshot of the logs ([`Store::log_view`]).
pub struct LogView<'a> {
    store: &'a Store,
    txn: super::ReadTxn<'a>,
}

impl LogView<'_> {
    /// [`Store::for_each_update`], in this snapshot.
    pub fn for_each_update<E: From<StoreError>>(
        &self,
        plan_id: &str,
        filter: &LogFilter,
        mut visit: impl FnMut(Update) -> Result<(), E>,
    ) -> Result<(), E> {
        let updates = self.txn.open_table(UPDATES).map_err(StoreError::from)?;
        let range = updates.range((plan_id, 0)..=(plan_id, u64::MAX)).map_err(StoreError::from)?;
        for entry in range {
            let (_, v) = entry.map_err(StoreError::from)?;
            let u: Update = dec("updates", v.value())?;
            self.store.reads.updates.fetch_add(1, Ordering::Relaxed);
            if filter.accepts(&u) {
                visit(u)?;
            }
        }
        Ok(())
    }

    /// [`Store::for_each_entry`], in this snapshot.
    pub fn for_each_entry<E: From<StoreError>>(
        &self,
        plan_id: &str,
        mut visit: impl FnMut(&UpdateRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.for_each_batch(plan_id, |batch| batch.iter().try_for_each(&mut visit))
    }

    /// [`Store::for_each_batch`], in this snapshot.
    pub fn for_each_batch<E: From<StoreError>>(
        &self,
        plan_id: &str,
        mut visit: impl FnMut(&[UpdateRef<'_>]) -> Result<(), E>,
    ) -> Result<(), E> {
        let updates = self.txn.open_table(UPDATES).map_err(StoreError::from)?;
        let mut range =
            updates.range((plan_id, 0)..=(plan_id, u64::MAX)).map_err(StoreError::from)?;
        loop {
            // the records stay where redb holds them while their entries are read in place
            let mut failed = None;
            let mut records = Vec::with_capacity(BATCH);
            for entry in range.by_ref().take(BATCH) {
                match entry {
                    Ok((_, v)) => records.push(v),
                    Err(e) => {
                        failed = Some(StoreError::from(e));
                        break;
                    }
                }
            }
            let mut batch = Vec::with_capacity(records.len());
            for v in &records {
                match super::codec::decode_entry(v.value()) {
                    Ok(u) => batch.push(u),
                    Err(source) => {
                        failed = Some(StoreError::Codec { table: "updates", source });
                        break;
                    }
                }
            }
            self.store.reads.updates.fetch_add(batch.len() as u64, Ordering::Relaxed);
            // the entries before a bad one are visited first, as one at a time would
            if !batch.is_empty() {
                visit(&batch)?;
            }
            if let Some(e) = failed {
                return Err(e.into());
            }
            if records.len() < BATCH {
                return Ok(());
            }
        }
    }
}

/// How many log entries [`LogView::for_each_batch`] hands over at once: enough for the
/// processor to overlap the cache misses of looking each one up, few enough to stay in
/// its first-level cache.
const BATCH: usize = 64;

/// The reads an edit needs, the same inside a write transaction (where they count) and in a
/// read transaction (to refuse bad input before the file is opened for writing at all).
pub(super) trait Lookup {
    fn target_rec(&self, plan_id: &str, id: &str) -> Result<Option<TargetRecord>, StoreError>;
    fn item_rec(&self, plan_id: &str, id: &str) -> Result<Option<ItemRecord>, StoreError>;
    fn has_plan(&self, plan_id: &str) -> Result<bool, StoreError>;
    /// The plan's record (structure above its items), or `UnknownPlan`.
    fn plan_rec(&self, plan_id: &str) -> Result<PlanRecord, StoreError>;
    fn grant_list(&self) -> Result<Vec<(String, Grant)>, StoreError>;
    /// The plan's settings; the defaults when none were set (or the file predates them).
    fn settings(&self, plan_id: &str) -> Result<PlanSettings, StoreError>;
    /// The plan's log, newest first, until `visit` returns false.
    fn updates_newest_first(
        &self,
        plan_id: &str,
        visit: &mut dyn FnMut(Update) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError>;
}

macro_rules! impl_lookup {
    ($txn:ty) => {
        impl Lookup for $txn {
            fn target_rec(
                &self,
                plan_id: &str,
                id: &str,
            ) -> Result<Option<TargetRecord>, StoreError> {
                let table = self.open_table(TARGETS)?;
                let v = table.get((plan_id, id))?;
                v.map(|v| dec("targets", v.value())).transpose()
            }

            fn item_rec(&self, plan_id: &str, id: &str) -> Result<Option<ItemRecord>, StoreError> {
                let table = self.open_table(ITEMS)?;
                let v = table.get((plan_id, id))?;
                v.map(|v| dec("items", v.value())).transpose()
            }

            fn has_plan(&self, plan_id: &str) -> Result<bool, StoreError> {
                let table = self.open_table(PLANS)?;
                Ok(table.get(plan_id)?.is_some())
            }

            fn plan_rec(&self, plan_id: &str) -> Result<PlanRecord, StoreError> {
                let table = self.open_table(PLANS)?;
                match table.get(plan_id)? {
                    Some(v) => dec("plans", v.value()),
                    None => Err(Refusal::UnknownPlan(plan_id.to_string()).into()),
                }
            }

            fn grant_list(&self) -> Result<Vec<(String, Grant)>, StoreError> {
                let table = self.open_table(ROLES)?;
                let mut out = Vec::new();
                for e in table.iter()? {
                    let (k, v) = e?;
                    out.push((k.value().to_string(), dec("roles", v.value())?));
                }
                Ok(out)
            }

            fn settings(&self, plan_id: &str) -> Result<PlanSettings, StoreError> {
                let table = match self.open_table(PLAN_SETTINGS) {
                    Ok(t) => t,
                    Err(redb::TableError::TableDoesNotExist(_)) => {
                        return Ok(PlanSettings::default());
                    }
                    Err(e) => return Err(e.into()),
                };
                let v = table.get(plan_id)?;
                Ok(v.map(|v| dec("plan_settings", v.value())).transpose()?.unwrap_or_default())
            }

            fn updates_newest_first(
                &self,
                plan_id: &str,
                visit: &mut dyn FnMut(Update) -> Result<bool, StoreError>,
            ) -> Result<(), StoreError> {
                let table = self.open_table(UPDATES)?;
                for e in table.range((plan_id, 0)..=(plan_id, u64::MAX))?.rev() {
                    let (_, v) = e?;
                    if !visit(dec("updates", v.value())?)? {
                        break;
                    }
                }
                Ok(())
            }
        }
    };
}

impl_lookup!(WriteTransaction);
impl_lookup!(redb::ReadTransaction);

/// The target's record, or `UnknownTarget`.
pub(super) fn load_target(
    txn: &impl Lookup,
    plan_id: &str,
    id: &str,
) -> Result<TargetRecord, StoreError> {
    txn.target_rec(plan_id, id)?.ok_or_else(|| Refusal::UnknownTarget(id.to_string()).into())
}

/// The item's record, or `UnknownItem`.
pub(super) fn load_item(
    txn: &impl Lookup,
    plan_id: &str,
    id: &str,
) -> Result<ItemRecord, StoreError> {
    txn.item_rec(plan_id, id)?.ok_or_else(|| Refusal::UnknownItem(id.to_string()).into())
}

#[cfg(test)]
mod tests {
    use super::in_order;

    #[test]
    fn records_come_in_plan_order_and_ties_as_stored() {
        let recs = vec![(3, "c"), (1, "a"), (2, "b1"), (0, "z"), (2, "b2"), (2, "b3")];
        let names: Vec<&str> = in_order(recs, |r| r.0).map(|r| r.1).collect();
        assert_eq!(names, ["z", "a", "b1", "b2", "b3", "c"]);
        assert!(in_order(Vec::<(u32, &str)>::new(), |r| r.0).next().is_none());
    }
}
