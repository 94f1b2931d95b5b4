//! Stored tallies (see [`crate::core::pace::tally`]): one per item and one per theme, and a
//! brief per plan (sizes), kept up to date by every write so that `status` costs a few small
//! reads whatever the plan's size. A value change touches one item tally and one theme tally;
//! an item's manual status, one of each; import and target definition edits rebuild the
//! plan's tallies.

use super::lookup::Lookup;
use super::schema::{
    BRIEFS, ITEM_TALLIES, ITEMS, META, META_SCHEMA, SCHEMA_VERSION, TARGETS, THEME_TALLIES,
};
use super::{ItemRecord, Store, StoreError, TargetRecord, dec, enc, for_each_in_plan, plan_rows};
use crate::core::model::{Item, ItemState, Plan, Reading, Status};
use crate::core::pace::tally::{Tally, TallyBuilder, track};
use crate::core::pace::{self, Rollup, due_in};
use chrono::NaiveDate;
use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Sizes of a plan; its presence says the plan's tallies exist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub items: u32,
    pub targets: u32,
}

/// Builds every tally of a plan from its records (import, restore, definition edits, and
/// files written before tallies existed).
pub(super) fn rebuild(txn: &WriteTransaction, plan_id: &str) -> Result<(), StoreError> {
    let rec = txn.plan_rec(plan_id)?;
    let plan = rec.plan;
    let items: Vec<ItemRecord> = plan_rows(&txn.open_table(ITEMS)?, plan_id, "items")?;
    super::cycle::write_roster(txn, plan_id, rec.imported_at, &items)?;
    let targets_t = txn.open_table(TARGETS)?;
    let mut builder = TallyBuilder::new(&plan, items.iter().map(|r| &r.item));
    let mut n_targets = 0u32;
    for_each_in_plan(&targets_t, plan_id, |_, v| {
        n_targets += 1;
        let r: TargetRecord = dec("targets", v)?;
        builder.add_target(&r.target, r.state.reading());
        Ok(())
    })?;
    drop(targets_t);
    let (item_tallies, themes) = builder.finish(items.iter().map(|r| (&r.item, r.state.status)));
    clear(txn, plan_id)?;
    let mut it = txn.open_table(ITEM_TALLIES)?;
    for (r, tally) in items.iter().zip(&item_tallies) {
        it.insert((plan_id, r.item.id.as_str()), enc("tallies", tally)?.as_slice())?;
    }
    drop(it);
    let mut tt = txn.open_table(THEME_TALLIES)?;
    for (number, tally) in &themes {
        tt.insert((plan_id, *number), enc("tallies", tally)?.as_slice())?;
    }
    drop(tt);
    let brief = Brief { items: u32::try_from(items.len()).unwrap_or(u32::MAX), targets: n_targets };
    let mut briefs = txn.open_table(BRIEFS)?;
    briefs.insert(plan_id, enc("briefs", &brief)?.as_slice())?;
    // A file from before tallies now has them: older builds, which would not keep them up
    // to date, must refuse it from now on.
    let mut meta = txn.open_table(META)?;
    let schema = meta.get(META_SCHEMA)?.map(|v| v.value().to_vec());
    let older = schema
        .and_then(|b| <[u8; 4]>::try_from(b.as_slice()).ok())
        .is_some_and(|b| u32::from_le_bytes(b) < SCHEMA_VERSION);
    if older {
        meta.insert(META_SCHEMA, SCHEMA_VERSION.to_le_bytes().as_slice())?;
    }
    Ok(())
}

/// Removes every tally of a plan.
pub(super) fn clear(txn: &WriteTransaction, plan_id: &str) -> Result<(), StoreError> {
    let mut it = txn.open_table(ITEM_TALLIES)?;
    it.retain_in((plan_id, "")..=(plan_id, "\u{10FFFF}"), |_, _| false)?;
    let mut tt = txn.open_table(THEME_TALLIES)?;
    tt.retain_in((plan_id, 0)..=(plan_id, u32::MAX), |_, _| false)?;
    let mut briefs = txn.open_table(BRIEFS)?;
    briefs.remove(plan_id)?;
    Ok(())
}

/// Reads of tallies, in read and write transactions alike.
pub(super) trait TallyRead {
    fn brief(&self, plan_id: &str) -> Result<Option<Brief>, StoreError>;
}

macro_rules! impl_tally_read {
    ($txn:ty) => {
        impl TallyRead for $txn {
            fn brief(&self, plan_id: &str) -> Result<Option<Brief>, StoreError> {
                let table = match self.open_table(BRIEFS) {
                    Ok(t) => t,
                    Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
                    Err(e) => return Err(e.into()),
                };
                let v = table.get(plan_id)?;
                v.map(|v| dec("briefs", v.value())).transpose()
            }
        }
    };
}
impl_tally_read!(WriteTransaction);
impl_tally_read!(redb::ReadTransaction);

/// Keeps the tallies right after a target's reading changed from `old` to its record's.
/// `rec` is the target's record after the change.
pub(super) fn value_changed(
    txn: &WriteTransaction,
    plan_id: &str,
    rec: &TargetRecord,
    old: Reading,
) -> Result<(), StoreError> {
    if txn.brief(plan_id)?.is_none() {
        return rebuild(txn, plan_id);
    }
    let t = &rec.target;
    let new = rec.state.reading();
    if t.parent.is_some() || same(old, new) {
        return Ok(());
    }
    let prec = txn.plan_rec(plan_id)?;
    let plan = &prec.plan;
    let item: Option<ItemRecord> = match t.item.as_deref() {
        Some(i) => {
            let items = txn.open_table(ITEMS)?;
            match items.get((plan_id, i))? {
                Some(v) => Some(dec("items", v.value())?),
                None => return Ok(()), // an item gone: the target counts nowhere
            }
        }
        None => None,
    };
    let due = due_in(plan, item.as_ref().map(|r| &r.item), t);
    let before = track(plan.start, due, t, old);
    let after = track(plan.start, due, t, new);
    let theme_no = item.as_ref().map_or(t.theme, |r| r.item.theme);
    let mut tt = txn.open_table(THEME_TALLIES)?;
    let stored = tt.get((plan_id, theme_no))?.map(|v| v.value().to_vec());
    let mut theme: Option<Tally> = stored.map(|v| dec("tallies", &v)).transpose()?;
    if let Some(r) = &item {
        let mut it = txn.open_table(ITEM_TALLIES)?;
        let stored = it.get((plan_id, r.item.id.as_str()))?;
        let Some(stored) = stored.map(|v| v.value().to_vec()) else {
            drop((it, tt));
            return rebuild(txn, plan_id);
        };
        let mut tally: Tally = dec("tallies", &stored)?;
        let was = tally.clone();
        tally.move_target(&before, &after);
        if let Some(th) = theme.as_mut() {
            th.move_item_target(&was, &tally, &before, &after);
        }
        it.insert((plan_id, r.item.id.as_str()), enc("tallies", &tally)?.as_slice())?;
    } else if let Some(th) = theme.as_mut() {
        th.move_target(&before, &after);
    }
    if let Some(th) = theme {
        tt.insert((plan_id, theme_no), enc("tallies", &th)?.as_slice())?;
    }
    Ok(())
}

/// Whether two readings are the same to the bit (a first value recorded changes a reading
/// even when it equals the old 0).
fn same(a: Reading, b: Reading) -> bool {
    let bits = |x: Option<f64>| x.map(f64::to_bits);
    (bits(a.value), bits(a.first)) == (bits(b.value), bits(b.first))
}

/// Keeps the tallies right after an item's manual status changed from `old` to `new`.
pub(super) fn item_status_changed(
    txn: &WriteTransaction,
    plan_id: &str,
    item: &Item,
    old: Option<Status>,
    new: Option<Status>,
) -> Result<(), StoreError> {
    if txn.brief(plan_id)?.is_none() {
        return rebuild(txn, plan_id);
    }
    let mut it = txn.open_table(ITEM_TALLIES)?;
    let stored = it.get((plan_id, item.id.as_str()))?.map(|v| v.value().to_vec());
    let Some(stored) = stored else {
        drop(it);
        return rebuild(txn, plan_id);
    };
    let mut tally: Tally = dec("tallies", &stored)?;
    let before = tally.clone();
    tally.set_manual(old, new);
    if tally == before {
        return Ok(());
    }
    let mut tt = txn.open_table(THEME_TALLIES)?;
    let stored = tt.get((plan_id, item.theme))?.map(|v| v.value().to_vec());
    if let Some(v) = stored {
        let mut th: Tally = dec("tallies", &v)?;
        th.replace_item(&before, &tally);
        tt.insert((plan_id, item.theme), enc("tallies", &th)?.as_slice())?;
    }
    it.insert((plan_id, item.id.as_str()), enc("tallies", &tally)?.as_slice())?;
    Ok(())
}

/// The board at a glance on one date, from the stored tallies: the same rollups
/// [`pace::evaluate`] gives for the plan and its themes, without reading a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Glance {
    /// The plan's structure above its items (`items` and `targets` are empty).
    pub plan: Plan,
    pub brief: Brief,
    pub as_of: NaiveDate,
    /// Parallel to `plan.themes`.
    pub themes: Vec<Rollup>,
    pub overall: Rollup,
    /// The store's change counter when this was read.
    pub counter: u64,
}

/// One item at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemGlance {
    pub item: Item,
    pub state: ItemState,
    pub rollup: Rollup,
}

impl Store {
    /// The plan and its themes on `as_of` from the stored tallies (a few small reads, at any
    /// plan size); `None` for a read-only handle on a file written before tallies existed.
    pub fn glance(&self, plan_id: &str, as_of: NaiveDate) -> Result<Option<Glance>, StoreError> {
        let txn = self.read_txn()?;
        let Some(brief) = txn.brief(plan_id)? else { return Ok(None) };
        let meta = txn.open_table(META)?;
        let counter = super::read_counter(&meta)?;
        let rec = txn.plan_rec(plan_id)?;
        let tt = txn.open_table(THEME_TALLIES)?;
        let mut tallies = HashMap::new();
        for e in tt.range((plan_id, 0)..=(plan_id, u32::MAX))? {
            let (k, v) = e?;
            tallies.insert(k.value().1, dec::<Tally>("tallies", v.value())?);
        }
        drop((tt, meta, txn));
        let plan = rec.plan;
        let themes: Vec<Rollup> = plan
            .themes
            .iter()
            .map(|t| {
                tallies.get(&t.number).map(|x| x.rollup(plan.start, as_of)).unwrap_or_default()
            })
            .collect();
        let overall = pace::combine(themes.iter().copied());
        Ok(Some(Glance { plan, brief, as_of, themes, overall, counter }))
    }

    /// Every item of the plan in order with its rollup on `as_of`, from the item tallies
    /// (reads the items, not the targets); `None` where tallies are missing.
    pub fn item_glances(
        &self,
        plan_id: &str,
        as_of: NaiveDate,
    ) -> Result<Option<Vec<ItemGlance>>, StoreError> {
        let txn = self.read_txn()?;
        if txn.brief(plan_id)?.is_none() {
            return Ok(None);
        }
        let start = txn.plan_rec(plan_id)?.plan.start;
        let it = txn.open_table(ITEM_TALLIES)?;
        let mut tallies: HashMap<String, Tally> = HashMap::new();
        for_each_in_plan(&it, plan_id, |id, v| {
            tallies.insert(id.to_string(), dec("tallies", v)?);
            Ok(())
        })?;
        let items = txn.open_table(ITEMS)?;
        let mut out: Vec<(u32, ItemGlance)> = Vec::new();
        for_each_in_plan(&items, plan_id, |_, v| {
            let r: ItemRecord = dec("items", v)?;
            let rollup =
                tallies.get(&r.item.id).map(|t| t.rollup(start, as_of)).unwrap_or_default();
            out.push((r.order, ItemGlance { item: r.item, state: r.state, rollup }));
            Ok(())
        })?;
        out.sort_by_key(|(order, _)| *order);
        Ok(Some(out.into_iter().map(|(_, g)| g).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::Edit;
    use crate::core::generate::{self, Spec};
    use crate::core::identity::Actor;
    use crate::core::model::{Board, Department, Role, TargetKind};
    use crate::core::pace::Thresholds;
    use crate::core::store::OpenOptions;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    /// A generated plan with the odd shapes real plans have: an item without targets, a
    /// target stated by a theme heading, a sub-target, own and item due dates.
    fn odd_plan() -> Plan {
        let mut plan = generate::plan(&Spec::new(3, 3, 4, 0)).expect("plan");
        let mut bare = plan.items[0].clone();
        bare.id = "99".into();
        bare.number = 99;
        bare.theme = 2;
        bare.departments = vec![Department { name: "办公室".into(), role: Role::Lead }];
        plan.items.push(bare);
        plan.items[1].due = Some(d("2023-06-30"));
        plan.targets[0].due = Some(d("2023-03-31"));
        let mut theme_target = plan.targets[2].clone();
        theme_target.id = "t3.1".into();
        theme_target.item = None;
        theme_target.theme = 3;
        plan.targets.push(theme_target);
        let mut sub = plan.targets[1].clone();
        sub.id = "1.1.1".into();
        sub.parent = Some(plan.targets[1].id.clone());
        plan.targets.push(sub);
        plan
    }

    fn close(a: &Rollup, b: &Rollup, what: &str) {
        assert_eq!(a.counts, b.counts, "{what}");
        assert_eq!(a.status, b.status, "{what}");
        for (x, y) in [(a.progress, b.progress), (a.pace, b.pace)] {
            match (x, y) {
                (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{what}: {x} vs {y}"),
                (x, y) => assert_eq!(x, y, "{what}"),
            }
        }
    }

    /// The stored tallies give what evaluating the whole board gives, on many dates.
    fn agrees(store: &Store, plan_id: &str) {
        let board: Board = store.board(plan_id).expect("board");
        let mut day = d("2022-11-01");
        while day < d("2024-02-01") {
            let eval = pace::evaluate(&board, day, &Thresholds::default());
            let g = store.glance(plan_id, day).expect("glance").expect("tallies");
            close(&g.overall, &eval.plan, &format!("plan on {day}"));
            for (k, (a, b)) in g.themes.iter().zip(&eval.themes).enumerate() {
                close(a, b, &format!("theme {k} on {day}"));
            }
            let items = store.item_glances(plan_id, day).expect("items").expect("tallies");
            for (k, (a, b)) in items.iter().zip(&eval.items).enumerate() {
                close(&a.rollup, b, &format!("item {} on {day}", board.plan.items[k].id));
            }
            day += chrono::Duration::days(3);
        }
    }

    #[test]
    fn tallies_follow_every_kind_of_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("t.redb"), OpenOptions::default()).expect("open");
        let plan = odd_plan();
        let me = Actor { user: "w".into(), uid: 1 };
        store.import(&plan, false, &me).expect("import");
        agrees(&store, "2023");
        let spec = Spec { updates: 150, ..Spec::new(3, 3, 4, 150) };
        for u in generate::updates(&plan, &spec) {
            let crate::core::model::Change::Value { target, new, .. } = u.change else {
                continue;
            };
            let edit = Edit::Set { target, value: new };
            store.apply_at("2023", &edit, "", &me, u.at).expect("set");
        }
        let done = plan.targets[5].id.clone();
        store.apply("2023", &Edit::Done { target: done.clone() }, "", &me).expect("done");
        store
            .apply("2023", &Edit::Add { target: "t3.1".into(), delta: 1.0 }, "", &me)
            .expect("add");
        agrees(&store, "2023");
        for status in [Some(Status::Done), Some(Status::Behind), None, Some(Status::AtRisk)] {
            let edit = Edit::ItemStatus { item: "99".into(), status };
            store.apply("2023", &edit, "", &me).expect("item status");
            agrees(&store, "2023");
        }
        store.apply("2023", &Edit::Undo, "", &me).expect("undo");
        let mut extra = plan.targets[3].clone();
        extra.id = "99.1".into();
        extra.item = Some("99".into());
        extra.kind = TargetKind::Quantity;
        extra.goal = 10.0;
        store.apply("2023", &Edit::PutTarget(Box::new(extra)), "", &me).expect("put");
        store
            .apply("2023", &Edit::Set { target: "99.1".into(), value: 4.0 }, "", &me)
            .expect("set");
        agrees(&store, "2023");
        store.import(&plan, true, &me).expect("reimport");
        agrees(&store, "2023");
    }

    #[test]
    fn bulk_loads_build_the_same_tallies() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = Spec::new(4, 5, 6, 3000);
        let (store, _, n) = generate::loaded_store(&dir.path().join("b.redb"), &spec);
        assert_eq!(n, 3000);
        agrees(&store, "2023");
        let report = store.check().expect("check");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}
