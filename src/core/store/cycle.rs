//! The reporting cycle in the store: the plan's settings (rhythm, due day, staleness), the
//! index of each item's latest report that `brief` reads instead of the period's log, and
//! the log entries of a time window, found by bisection instead of a scan from the start.

use super::lookup::Lookup;
use super::schema::{ITEM_REPORTS, ITEM_TALLIES, REPORT_MARKS, ROSTERS, TARGETS, UPDATES};
use super::{ItemRecord, Store, StoreError, TargetRecord, dec, enc, for_each_in_plan};
use crate::core::model::{Change, IndexedPlan, Millis, Plan, PlanSettings, Role, Update};
use crate::core::pace::Rollup;
use crate::core::pace::tally::Tally;
use crate::core::period::Window;
use chrono::NaiveDate;
use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What `brief` needs of a plan's items, in plan order, in one small record: ids, due
/// dates and departments (by position in `departments`), not the items' texts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Roster {
    /// The plan record's import time when this was written: a roster whose time differs
    /// (an import by an older build) is stale.
    pub imported_at: Millis,
    pub departments: Vec<String>,
    pub items: Vec<RosterItem>,
}

/// One item of a [`Roster`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RosterItem {
    pub id: String,
    pub due: Option<NaiveDate>,
    /// Positions in [`Roster::departments`].
    pub leads: Vec<u32>,
    pub supports: Vec<u32>,
}

impl Roster {
    /// The roster of `items` (in plan order).
    pub fn of<'a>(
        imported_at: Millis,
        items: impl Iterator<Item = &'a crate::core::model::Item>,
    ) -> Roster {
        let mut roster = Roster { imported_at, ..Roster::default() };
        let mut ix: HashMap<String, u32> = HashMap::new();
        for item in items {
            let mut entry =
                RosterItem { id: item.id.clone(), due: item.due, ..RosterItem::default() };
            for d in &item.departments {
                let k = *ix.entry(d.name.clone()).or_insert_with(|| {
                    roster.departments.push(d.name.clone());
                    u32::try_from(roster.departments.len() - 1).unwrap_or(u32::MAX)
                });
                match d.role {
                    Role::Lead => entry.leads.push(k),
                    Role::Support => entry.supports.push(k),
                }
            }
            roster.items.push(entry);
        }
        roster
    }

    /// The names of item `i`'s lead departments.
    pub fn leads(&self, i: usize) -> Vec<&str> {
        self.names(&self.items[i].leads)
    }

    /// Whether one of `names` leads or supports item `i`.
    pub fn involves(&self, i: usize, names: &[String]) -> bool {
        let item = &self.items[i];
        self.names(&item.leads)
            .into_iter()
            .chain(self.names(&item.supports))
            .any(|n| names.iter().any(|m| m == n))
    }

    fn names(&self, ks: &[u32]) -> Vec<&str> {
        ks.iter().filter_map(|&k| self.departments.get(k as usize)).map(String::as_str).collect()
    }
}

/// Writes the plan's roster (with the tallies, from the same item records).
pub(super) fn write_roster(
    txn: &WriteTransaction,
    plan_id: &str,
    imported_at: Millis,
    items: &[ItemRecord],
) -> Result<(), StoreError> {
    let mut ordered: Vec<&ItemRecord> = items.iter().collect();
    ordered.sort_by_key(|r| r.order);
    let roster = Roster::of(imported_at, ordered.into_iter().map(|r| &r.item));
    txn.open_table(ROSTERS)?.insert(plan_id, enc("rosters", &roster)?.as_slice())?;
    Ok(())
}

/// How far out of time order an entry at a window's edge may be and still be found: the
/// log is appended in time order, but a clock stepped back (NTP) stamps an entry a little
/// earlier than the one before it.
const SLACK: Millis = 3_600_000;

/// The item a log entry reports on, by id (the target's item for a value).
fn item_of(
    txn: &impl Lookup,
    plan_id: &str,
    change: &Change,
) -> Result<Option<String>, StoreError> {
    Ok(match change {
        Change::Value { target, .. } => {
            txn.target_rec(plan_id, target)?.and_then(|r| r.target.item)
        }
        Change::Note { item, .. } | Change::ItemStatus { item, .. } => Some(item.clone()),
        Change::TargetDef { .. } | Change::Settings { .. } => None,
    })
}

/// Keeps the index of latest reports right after `u` was appended: one row and the mark,
/// or, when the index is not up to date with the entry before (a file from an older build,
/// or written by one since), a rebuild from the whole log.
pub(super) fn recorded(
    txn: &WriteTransaction,
    plan_id: &str,
    u: &Update,
) -> Result<(), StoreError> {
    let mark = txn.open_table(REPORT_MARKS)?.get(plan_id)?.map(|v| v.value());
    if mark.is_none_or(|m| m + 1 != u.seq) {
        return rebuild(txn, plan_id);
    }
    if let Some(item) = item_of(txn, plan_id, &u.change)? {
        let mut reports = txn.open_table(ITEM_REPORTS)?;
        let before = reports.get((plan_id, item.as_str()))?.map(|v| v.value());
        reports.insert((plan_id, item.as_str()), before.map_or(u.at, |t| t.max(u.at)))?;
    }
    txn.open_table(REPORT_MARKS)?.insert(plan_id, u.seq)?;
    Ok(())
}

/// Builds the index of latest reports from the plan's whole log (one pass).
pub(super) fn rebuild(txn: &WriteTransaction, plan_id: &str) -> Result<(), StoreError> {
    let mut target_item: HashMap<String, String> = HashMap::new();
    for_each_in_plan(&txn.open_table(TARGETS)?, plan_id, |id, v| {
        let r: TargetRecord = dec("targets", v)?;
        if let Some(item) = r.target.item {
            target_item.insert(id.to_string(), item);
        }
        Ok(())
    })?;
    let mut latest: HashMap<String, Millis> = HashMap::new();
    let mut last_seq = 0;
    for e in txn.open_table(UPDATES)?.range((plan_id, 0)..=(plan_id, u64::MAX))? {
        let (_, v) = e?;
        let u: Update = dec("updates", v.value())?;
        last_seq = u.seq;
        let item = match &u.change {
            Change::Value { target, .. } => target_item.get(target).cloned(),
            Change::Note { item, .. } | Change::ItemStatus { item, .. } => Some(item.clone()),
            Change::TargetDef { .. } | Change::Settings { .. } => None,
        };
        if let Some(item) = item {
            let t = latest.entry(item).or_insert(u.at);
            *t = (*t).max(u.at);
        }
    }
    write_index(txn, plan_id, &latest, last_seq)
}

/// Replaces the plan's index of latest reports and marks it up to date with `seq`.
pub(super) fn write_index(
    txn: &WriteTransaction,
    plan_id: &str,
    latest: &HashMap<String, Millis>,
    seq: u64,
) -> Result<(), StoreError> {
    let mut reports = txn.open_table(ITEM_REPORTS)?;
    reports.retain_in((plan_id, "")..=(plan_id, "\u{10FFFF}"), |_, _| false)?;
    for (item, at) in latest {
        reports.insert((plan_id, item.as_str()), *at)?;
    }
    txn.open_table(REPORT_MARKS)?.insert(plan_id, seq)?;
    Ok(())
}

impl Store {
    /// The plan's header (structure above its items) and its roster, when the roster is
    /// up to date with the plan's import; `None` otherwise (a file from an older build).
    pub fn roster(&self, plan_id: &str) -> Result<Option<(Plan, Roster)>, StoreError> {
        let txn = self.read_txn()?;
        let rec = txn.plan_rec(plan_id)?;
        let table = match txn.open_table(ROSTERS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let Some(v) = table.get(plan_id)? else { return Ok(None) };
        let roster: Roster = dec("rosters", v.value())?;
        Ok((roster.imported_at == rec.imported_at).then_some((rec.plan, roster)))
    }

    /// The roll-ups on `as_of` of the named items (`None` where an item has no tally), from
    /// the item tallies alone.
    pub fn item_rollups(
        &self,
        plan_id: &str,
        start: NaiveDate,
        ids: &[&str],
        as_of: NaiveDate,
    ) -> Result<Vec<Option<Rollup>>, StoreError> {
        let txn = self.read_txn()?;
        let table = txn.open_table(ITEM_TALLIES)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let tally: Option<Tally> =
                table.get((plan_id, *id))?.map(|v| dec("tallies", v.value())).transpose()?;
            out.push(tally.map(|t| t.rollup(start, as_of)));
        }
        Ok(out)
    }

    /// The plan's settings (the defaults when none were set).
    pub fn plan_settings(&self, plan_id: &str) -> Result<PlanSettings, StoreError> {
        self.read_txn()?.settings(plan_id)
    }

    /// Each item's latest report (item id, time) when the index is up to date with the log;
    /// `None` when it is not (a file from an older build): then read the log.
    pub fn latest_reports(
        &self,
        plan_id: &str,
    ) -> Result<Option<Vec<(String, Millis)>>, StoreError> {
        let txn = self.read_txn()?;
        let missing = |e: &redb::TableError| matches!(e, redb::TableError::TableDoesNotExist(_));
        let marks = match txn.open_table(REPORT_MARKS) {
            Ok(t) => t,
            Err(e) if missing(&e) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let Some(mark) = marks.get(plan_id)?.map(|v| v.value()) else { return Ok(None) };
        let updates = txn.open_table(UPDATES)?;
        let last = updates
            .range((plan_id, 0)..=(plan_id, u64::MAX))?
            .next_back()
            .transpose()?
            .map_or(0, |(k, _)| k.value().1);
        if last != mark {
            return Ok(None);
        }
        let reports = txn.open_table(ITEM_REPORTS)?;
        let mut out = Vec::new();
        for e in reports.range((plan_id, "")..=(plan_id, "\u{10FFFF}"))? {
            let (k, v) = e?;
            out.push((k.value().1.to_string(), v.value()));
        }
        Ok(Some(out))
    }

    /// Each item's latest report (position in `plan`, time): from the index when it is up
    /// to date with the log, else from one pass over the log (a file an older build wrote).
    pub fn item_latest_reports(
        &self,
        plan_id: &str,
        plan: &IndexedPlan,
    ) -> Result<Vec<(usize, Millis)>, StoreError> {
        if let Some(latest) = self.latest_reports(plan_id)? {
            return Ok(latest
                .into_iter()
                .filter_map(|(id, at)| Some((plan.item_index(&id)?, at)))
                .collect());
        }
        let mut last: Vec<Option<Millis>> = vec![None; plan.items.len()];
        let all = Window { from: Millis::MIN / 2, to: Millis::MAX / 2 };
        self.visit_within(plan_id, all, &mut |u| {
            if let Some(i) = crate::core::period::report_item(plan, &u.change) {
                last[i] = Some(last[i].map_or(u.at, |t| t.max(u.at)));
            }
            Ok(())
        })?;
        Ok(last.into_iter().enumerate().filter_map(|(i, at)| Some((i, at?))).collect())
    }

    /// The plan's log entries stamped within `window`, in order. The first is found by
    /// bisection on the sequence numbers (the log is appended in time order), so the cost is
    /// the window's entries, not the log before it.
    pub fn log_within(&self, plan_id: &str, window: Window) -> Result<Vec<Update>, StoreError> {
        let mut out = Vec::new();
        self.visit_within(plan_id, window, &mut |u| {
            out.push(u);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`Store::log_within`], handing each entry to `visit` instead of keeping them all.
    pub fn visit_within(
        &self,
        plan_id: &str,
        window: Window,
        visit: &mut dyn FnMut(Update) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let txn = self.read_txn()?;
        let table = txn.open_table(UPDATES)?;
        // The first entry at or after sequence `seq`, if any.
        let entry_from = |seq: u64| -> Result<Option<Update>, StoreError> {
            match table.range((plan_id, seq)..=(plan_id, u64::MAX))?.next() {
                Some(e) => Ok(Some(dec("updates", e?.1.value())?)),
                None => Ok(None),
            }
        };
        let (mut lo, mut hi) = (0u64, u64::MAX);
        if let Some(last) = table.range((plan_id, 0)..=(plan_id, u64::MAX))?.next_back() {
            hi = last?.0.value().1.saturating_add(1);
        }
        // first sequence whose entry is not older than the window's start (less the slack)
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match entry_from(mid)? {
                Some(u) if u.at < window.from - SLACK => lo = u.seq + 1,
                _ => hi = mid,
            }
        }
        for e in table.range((plan_id, lo)..=(plan_id, u64::MAX))? {
            let u: Update = dec("updates", e?.1.value())?;
            if u.at >= window.to + SLACK {
                break;
            }
            if window.holds(u.at) {
                visit(u)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample_plan;
    use super::super::{Db, OpenOptions, Store};
    use super::*;
    use crate::core::edit::Edit;
    use crate::core::identity::Actor;
    use crate::core::period::Rhythm;

    fn me() -> Actor {
        Actor { user: "w".into(), uid: 1 }
    }

    fn fresh() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("c.redb"), OpenOptions::default()).expect("open");
        store.import(&sample_plan(), false, &me()).expect("import");
        (dir, store)
    }

    fn at(store: &Store, edit: Edit, t: Millis) {
        store.apply_at("2023", &edit, "", &me(), t).expect("apply");
    }

    #[test]
    fn the_index_of_latest_reports_follows_the_log_and_is_rebuilt_when_stale() {
        let (_dir, store) = fresh();
        assert_eq!(store.latest_reports("2023").expect("read"), Some(vec![]));
        at(&store, Edit::Set { target: "1.1".into(), value: 3.0 }, 1_000);
        at(&store, Edit::Note { item: "2".into(), text: "x".into() }, 2_000);
        at(&store, Edit::Set { target: "1.2".into(), value: 1.0 }, 3_000);
        let settings = crate::core::model::PlanSettings::default();
        at(&store, Edit::Settings(settings), 4_000);
        let latest = store.latest_reports("2023").expect("read");
        assert_eq!(latest, Some(vec![("1".into(), 3_000), ("2".into(), 2_000)]));
        // an older build appends without keeping the index: readers must not trust it
        {
            let Db::ReadWrite(db) = &store.db else { panic!("writable") };
            let txn = db.begin_write().expect("write");
            let u = Update {
                seq: 5,
                at: 5_000,
                user: "old".into(),
                uid: 2,
                change: Change::Note { item: "1".into(), old: String::new(), new: "y".into() },
                note: String::new(),
                undoes: None,
                prev: None,
            };
            txn.open_table(UPDATES)
                .expect("table")
                .insert(("2023", 5), super::super::enc("updates", &u).expect("enc").as_slice())
                .expect("insert");
            txn.commit().expect("commit");
        }
        assert_eq!(store.latest_reports("2023").expect("read"), None, "stale");
        // the next write by this build rebuilds it from the whole log
        at(&store, Edit::Note { item: "2".into(), text: "z".into() }, 6_000);
        let latest = store.latest_reports("2023").expect("read");
        assert_eq!(latest, Some(vec![("1".into(), 5_000), ("2".into(), 6_000)]));
    }

    #[test]
    fn a_window_of_the_log_is_found_by_bisection() {
        let (_dir, store) = fresh();
        for k in 0..200 {
            at(
                &store,
                // k + 1: setting the value it already has would write nothing
                Edit::Set { target: "1.1".into(), value: f64::from(k + 1) },
                i64::from(k) * 60_000_000,
            );
        }
        let w = Window { from: 50 * 60_000_000, to: 60 * 60_000_000 };
        let got: Vec<u64> =
            store.log_within("2023", w).expect("log").iter().map(|u| u.seq).collect();
        assert_eq!(got, (51..=60).collect::<Vec<u64>>());
        let all = Window { from: Millis::MIN / 2, to: Millis::MAX / 2 };
        assert_eq!(store.log_within("2023", all).expect("log").len(), 200);
        let none = Window { from: 500 * 60_000_000, to: 600 * 60_000_000 };
        assert!(store.log_within("2023", none).expect("log").is_empty());
    }

    #[test]
    fn an_entry_stamped_a_little_out_of_order_is_still_found() {
        // the clock stepped back a minute between the first and second entries
        let (_dir, store) = fresh();
        let base = 1_000_000_000;
        for (k, t) in [0, -60_000, 10_000, 20_000].into_iter().enumerate() {
            let value = f64::from(u32::try_from(k).expect("small") + 1);
            at(&store, Edit::Set { target: "1.1".into(), value }, base + t);
        }
        let w = Window { from: base - 1_000, to: base + 15_000 };
        let got: Vec<u64> =
            store.log_within("2023", w).expect("log").iter().map(|u| u.seq).collect();
        assert_eq!(got, [1, 3]);
    }

    #[test]
    fn the_roster_holds_the_items_departments_until_an_import_it_did_not_see() {
        let (_dir, store) = fresh();
        let (plan, roster) = store.roster("2023").expect("read").expect("a roster");
        assert_eq!(plan.id, "2023");
        let ids: Vec<&str> = roster.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["1", "2"]);
        assert_eq!(roster.leads(0), ["群众体育科"]);
        assert!(roster.involves(1, &["办公室".to_string()]));
        assert!(!roster.involves(0, &["办公室".to_string()]));
        // an import that left the roster alone (an older build): the roster is not read
        {
            let Db::ReadWrite(db) = &store.db else { panic!("writable") };
            let txn = db.begin_write().expect("write");
            let stale = Roster { imported_at: roster.imported_at - 1, ..roster };
            let bytes = super::super::enc("rosters", &stale).expect("enc");
            txn.open_table(ROSTERS).expect("table").insert("2023", bytes.as_slice()).expect("put");
            txn.commit().expect("commit");
        }
        assert_eq!(store.roster("2023").expect("read"), None);
    }

    #[test]
    fn settings_default_then_follow_the_log_and_undo() {
        let (_dir, store) = fresh();
        assert_eq!(store.plan_settings("2023").expect("read"), PlanSettings::default());
        let q = PlanSettings { rhythm: Rhythm::Quarterly, due_day: 5, stale_days: 45 };
        let u = store.apply("2023", &Edit::Settings(q), "", &me()).expect("set").expect("a change");
        assert_eq!(u.change, Change::Settings { old: PlanSettings::default(), new: q });
        assert_eq!(store.plan_settings("2023").expect("read"), q);
        store.apply("2023", &Edit::Undo, "", &me()).expect("undo");
        assert_eq!(store.plan_settings("2023").expect("read"), PlanSettings::default());
    }
}
