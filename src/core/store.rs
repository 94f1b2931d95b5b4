//! The redb store: one file shared by every process (`ConcurrencyMode::MultiWriter`).
//!
//! Reads take a snapshot into memory and drop the read transaction at once; writes are one
//! short write transaction each that also bumps `meta.counter`, which other processes poll
//! to notice changes. Values go through [`codec`] (a format-version byte, then bincode).

mod bulk;
pub mod codec;
pub mod damage;
mod maintenance;
mod names;
mod open;
pub mod roles;
pub mod schema;
mod tally;

use crate::core::clock::Clock;
use crate::core::identity::Actor;
use crate::core::model::{
    Board, Change, Item, ItemState, Millis, Plan, Status, Target, TargetKind, TargetState, Update,
    ValueError,
};
use codec::CodecError;
use redb::{Database, ReadableDatabase, ReadableTable, WriteTransaction};
use roles::Grant;
use schema::{ITEMS, META, META_COUNTER, META_CURRENT_PLAN, PLANS, ROLES, TARGETS, UPDATES};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use thiserror::Error;

pub use maintenance::{CheckReport, Problem};
pub use open::OpenOptions;
pub use tally::{Brief, Glance, ItemGlance};

/// Everything that can go wrong between yaodian and its database file.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: no such database")]
    Missing { path: PathBuf },
    #[error("{path}: is a directory, not a database file")]
    NotAFile { path: PathBuf },
    #[error("{path}: empty file, not a yaodian database")]
    Empty { path: PathBuf },
    #[error("{path}: not a yaodian database")]
    Foreign { path: PathBuf },
    #[error("{path}: damaged database ({detail})")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{path}: written by a newer yaodian (schema {found}, this build reads up to {supported}); upgrade yaodian"
    )]
    NewerSchema { path: PathBuf, found: u32, supported: u32 },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: opened by a program with another redb lock protocol; close it or upgrade")]
    LockProtocol { path: PathBuf },
    #[error("database error: {0}")]
    Redb(String),
    #[error("undecodable record in {table}: {source}")]
    Codec { table: &'static str, source: CodecError },
    #[error("the database holds no plan; import one first")]
    NoPlan,
    #[error("no plan {0:?} in this database")]
    UnknownPlan(String),
    #[error("plan {0:?} exists already; use --replace to re-import it")]
    PlanExists(String),
    #[error("no target {0:?} in this plan")]
    UnknownTarget(String),
    #[error("no item {0:?} in this plan")]
    UnknownItem(String),
    #[error("target {id}: {value} is not a valid value: {reason}")]
    BadValue { id: String, value: String, reason: ValueError },
    #[error("{0}")]
    Denied(String),
    #[error("the database is open read-only")]
    ReadOnly,
    #[error("nothing of yours to undo")]
    NothingToUndo,
}

impl StoreError {
    /// True when the error is about the user's request, not the file or the machine.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::UnknownPlan(_)
                | StoreError::PlanExists(_)
                | StoreError::UnknownTarget(_)
                | StoreError::UnknownItem(_)
                | StoreError::BadValue { .. }
                | StoreError::Denied(_)
                | StoreError::ReadOnly
                | StoreError::NothingToUndo
                | StoreError::NoPlan
        )
    }
}

/// Wraps any redb error; they all mean the same to a caller: the operation did not happen.
fn db_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Redb(e.to_string())
}

fn enc<T: Serialize>(table: &'static str, v: &T) -> Result<Vec<u8>, StoreError> {
    codec::encode(v).map_err(|source| StoreError::Codec { table, source })
}

fn dec<T: serde::de::DeserializeOwned>(table: &'static str, b: &[u8]) -> Result<T, StoreError> {
    codec::decode(b).map_err(|source| StoreError::Codec { table, source })
}

/// The stored part of a plan above its items: themes, sections, period, preamble.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct PlanRecord {
    /// The plan with `items` and `targets` empty (they live in their own tables).
    plan: Plan,
    imported_at: Millis,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ItemRecord {
    order: u32,
    item: Item,
    state: ItemState,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct TargetRecord {
    order: u32,
    target: Target,
    state: TargetState,
}

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

/// One change an operator asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Set {
        target: String,
        value: f64,
    },
    Add {
        target: String,
        delta: f64,
    },
    /// Marks a target done: its value becomes its goal.
    Done {
        target: String,
    },
    Note {
        item: String,
        text: String,
    },
    ItemStatus {
        item: String,
        status: Option<Status>,
    },
    /// Adds a target (a new id) or edits one by hand.
    PutTarget(Box<Target>),
    /// Reverts the actor's own last change with a new, corrective update.
    Undo,
}

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

/// The redb handle: read-write, or read-only for commands that only look (a read-only
/// handle never writes to the file, not even on close).
enum Db {
    ReadWrite(Database),
    ReadOnly(redb::ReadOnlyDatabase),
}

/// An open database.
pub struct Store {
    db: Db,
    path: PathBuf,
    /// Stamps every write (the system clock, or a fixed one in tests).
    clock: Clock,
}

impl Store {
    /// Where this store's writes take their time from.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Stamps later writes with `clock` (tests and demos pin it).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    fn read_txn(&self) -> Result<redb::ReadTransaction, StoreError> {
        match &self.db {
            Db::ReadWrite(db) => db.begin_read(),
            Db::ReadOnly(db) => db.begin_read(),
        }
        .map_err(db_err)
    }

    /// Whether this handle may write.
    pub fn is_writable(&self) -> bool {
        matches!(self.db, Db::ReadWrite(_))
    }

    /// The database file this store was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The change counter: moves on every write by any process.
    pub fn counter(&self) -> Result<u64, StoreError> {
        let txn = self.read_txn()?;
        let meta = txn.open_table(META).map_err(db_err)?;
        read_counter(&meta)
    }

    /// Plans in the database, oldest import first.
    pub fn plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let txn = self.read_txn()?;
        let plans = txn.open_table(PLANS).map_err(db_err)?;
        let items = txn.open_table(ITEMS).map_err(db_err)?;
        let targets = txn.open_table(TARGETS).map_err(db_err)?;
        let mut out = Vec::new();
        for entry in plans.iter().map_err(db_err)? {
            let (_, v) = entry.map_err(db_err)?;
            let rec: PlanRecord = dec("plans", v.value())?;
            let id = rec.plan.id.as_str();
            let n_items = items
                .range((id, "")..)
                .map_err(db_err)?
                .take_while(|e| e.as_ref().is_ok_and(|(k, _)| k.value().0 == id));
            let n_targets = targets
                .range((id, "")..)
                .map_err(db_err)?
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
        let plans = txn.open_table(PLANS).map_err(db_err)?;
        if let Some(id) = wanted {
            return if plans.get(id).map_err(db_err)?.is_some() {
                Ok(id.to_string())
            } else {
                Err(StoreError::UnknownPlan(id.to_string()))
            };
        }
        let meta = txn.open_table(META).map_err(db_err)?;
        if let Some(v) = meta.get(META_CURRENT_PLAN).map_err(db_err)? {
            let id = String::from_utf8_lossy(v.value()).into_owned();
            if plans.get(id.as_str()).map_err(db_err)?.is_some() {
                return Ok(id);
            }
        }
        let first = plans.iter().map_err(db_err)?.next();
        match first {
            Some(entry) => Ok(entry.map_err(db_err)?.0.value().to_string()),
            None => Err(StoreError::NoPlan),
        }
    }

    /// Reads a plan with every recorded value into memory (one short read transaction).
    pub fn board(&self, plan_id: &str) -> Result<Board, StoreError> {
        let txn = self.read_txn()?;
        let meta = txn.open_table(META).map_err(db_err)?;
        let counter = read_counter(&meta)?;
        let rec = txn.plan_rec(plan_id)?;
        let items = txn.open_table(ITEMS).map_err(db_err)?;
        let mut item_recs: Vec<ItemRecord> = Vec::new();
        for_each_in_plan(&items, plan_id, |_, v| {
            item_recs.push(dec("items", v)?);
            Ok(())
        })?;
        let targets = txn.open_table(TARGETS).map_err(db_err)?;
        let mut target_recs: Vec<TargetRecord> = Vec::new();
        for_each_in_plan(&targets, plan_id, |_, v| {
            target_recs.push(dec("targets", v)?);
            Ok(())
        })?;
        drop(txn);
        item_recs.sort_by_key(|r| r.order);
        target_recs.sort_by_key(|r| r.order);
        let mut plan = rec.plan;
        let (items, item_states) = item_recs.into_iter().map(|r| (r.item, r.state)).unzip();
        let (targets, target_states) = target_recs.into_iter().map(|r| (r.target, r.state)).unzip();
        plan.items = items;
        plan.targets = targets;
        Ok(Board { plan, target_states, item_states, counter })
    }

    /// A board holding the plan's structure above its items and only the named targets
    /// (those that exist) with their states: enough to describe a change without reading
    /// the whole plan.
    pub fn board_with(&self, plan_id: &str, target_ids: &[&str]) -> Result<Board, StoreError> {
        let txn = self.read_txn()?;
        let meta = txn.open_table(META).map_err(db_err)?;
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
        Ok(Board { plan, target_states, item_states: Vec::new(), counter })
    }

    /// The plan's update log in order, filtered.
    pub fn log(&self, plan_id: &str, filter: &LogFilter) -> Result<Vec<Update>, StoreError> {
        let txn = self.read_txn()?;
        let updates = txn.open_table(UPDATES).map_err(db_err)?;
        let mut out = Vec::new();
        for entry in updates.range((plan_id, 0)..=(plan_id, u64::MAX)).map_err(db_err)? {
            let (_, v) = entry.map_err(db_err)?;
            let u: Update = dec("updates", v.value())?;
            if filter.accepts(&u) {
                out.push(u);
            }
        }
        Ok(out)
    }

    /// The newest `n` updates of a plan, newest first (for live feeds).
    pub fn recent(&self, plan_id: &str, n: usize) -> Result<Vec<Update>, StoreError> {
        let txn = self.read_txn()?;
        let updates = txn.open_table(UPDATES).map_err(db_err)?;
        let mut out = Vec::with_capacity(n);
        for entry in updates.range((plan_id, 0)..=(plan_id, u64::MAX)).map_err(db_err)?.rev() {
            if out.len() == n {
                break;
            }
            let (_, v) = entry.map_err(db_err)?;
            out.push(dec("updates", v.value())?);
        }
        Ok(out)
    }

    /// Role grants, by user name.
    pub fn grants(&self) -> Result<Vec<(String, Grant)>, StoreError> {
        let txn = self.read_txn()?;
        let roles = txn.open_table(ROLES).map_err(db_err)?;
        let mut out = Vec::new();
        for entry in roles.iter().map_err(db_err)? {
            let (k, v) = entry.map_err(db_err)?;
            out.push((k.value().to_string(), dec("roles", v.value())?));
        }
        Ok(out)
    }

    /// Runs `f` in one write transaction that also bumps the change counter; on error
    /// nothing is written.
    fn write<R>(
        &self,
        f: impl FnOnce(&WriteTransaction) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let Db::ReadWrite(db) = &self.db else {
            return Err(StoreError::ReadOnly);
        };
        let txn = db.begin_write().map_err(db_err)?;
        let out = f(&txn)?;
        {
            let mut meta = txn.open_table(META).map_err(db_err)?;
            let next = read_counter(&meta)? + 1;
            meta.insert(META_COUNTER, next.to_le_bytes().as_slice()).map_err(db_err)?;
        }
        txn.commit().map_err(db_err)?;
        Ok(out)
    }

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
            let mut table = txn.open_table(UPDATES).map_err(db_err)?;
            for u in log {
                let who = Actor { user: u.user.clone(), uid: u.uid };
                match apply_change(txn, &plan.id, &u.change, &who, u.at, false) {
                    // entries about targets gone since (re-imports) stay in the log only
                    Ok(()) | Err(StoreError::UnknownTarget(_) | StoreError::UnknownItem(_)) => {}
                    Err(e) => return Err(e),
                }
                table
                    .insert((plan.id.as_str(), u.seq), enc("updates", u)?.as_slice())
                    .map_err(db_err)?;
            }
            tally::rebuild(txn, &plan.id)
        })
    }

    /// Checks an edit against a read snapshot without writing: the same checks `apply` makes
    /// inside its transaction, so bad input is refused before the file is opened for writing.
    pub fn preflight(&self, plan_id: &str, edit: &Edit, actor: &Actor) -> Result<(), StoreError> {
        let txn = self.read_txn()?;
        plan_change(&txn, plan_id, edit, actor).map(|_| ())
    }

    /// Checks that `import` would be allowed, without writing.
    pub fn preflight_import(
        &self,
        plan: &Plan,
        replace: bool,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let txn = self.read_txn()?;
        roles::require_admin(&txn, actor, "import a plan")?;
        if !replace && txn.has_plan(&plan.id)? {
            return Err(StoreError::PlanExists(plan.id.clone()));
        }
        Ok(())
    }

    /// Applies one edit in one write transaction and appends it to the log.
    pub fn apply(
        &self,
        plan_id: &str,
        edit: &Edit,
        note: &str,
        actor: &Actor,
    ) -> Result<Update, StoreError> {
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
    ) -> Result<Update, StoreError> {
        self.write(|txn| {
            let (change, undoes) = plan_change(txn, plan_id, edit, actor)?;
            apply_change(txn, plan_id, &change, actor, at, true)?;
            append(txn, plan_id, change, note, actor, undoes, at)
        })
    }

    /// Grants a role (admin only once any grant exists; the first grant must make an admin
    /// or be given by… anyone, since nothing is enforced yet).
    pub fn grant(&self, user: &str, grant: &Grant, actor: &Actor) -> Result<(), StoreError> {
        self.write(|txn| roles::grant(txn, user, grant, actor))
    }

    /// Removes a user's grant.
    pub fn revoke(&self, user: &str, actor: &Actor) -> Result<bool, StoreError> {
        self.write(|txn| roles::revoke(txn, user, actor))
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
    roles::require_admin(txn, actor, "import a plan")?;
    let id = plan.id.as_str();
    let mut summary = ImportSummary::default();
    let mut old_items: Vec<ItemRecord> = Vec::new();
    let mut old_targets: Vec<TargetRecord> = Vec::new();
    {
        let mut plans = txn.open_table(PLANS).map_err(db_err)?;
        if plans.get(id).map_err(db_err)?.is_some() {
            if !replace {
                return Err(StoreError::PlanExists(id.to_string()));
            }
            summary.replaced = true;
        }
        let mut header = plan.clone();
        header.items.clear();
        header.targets.clear();
        let rec = PlanRecord { plan: header, imported_at: now };
        plans.insert(id, enc("plans", &rec)?.as_slice()).map_err(db_err)?;
    }
    if summary.replaced {
        let mut items = txn.open_table(ITEMS).map_err(db_err)?;
        for e in
            items.extract_from_if((id, "")..=(id, "\u{10FFFF}"), |_, _| true).map_err(db_err)?
        {
            let (_, v) = e.map_err(db_err)?;
            old_items.push(dec("items", v.value())?);
        }
        let mut targets = txn.open_table(TARGETS).map_err(db_err)?;
        for e in
            targets.extract_from_if((id, "")..=(id, "\u{10FFFF}"), |_, _| true).map_err(db_err)?
        {
            let (_, v) = e.map_err(db_err)?;
            old_targets.push(dec("targets", v.value())?);
        }
    }
    let mut items = txn.open_table(ITEMS).map_err(db_err)?;
    for (order, item) in plan.items.iter().enumerate() {
        let state = old_items
            .iter()
            .find(|r| r.item.id == item.id)
            .map(|r| r.state.clone())
            .unwrap_or_default();
        let rec = ItemRecord { order: as_order(order), item: item.clone(), state };
        items.insert((id, item.id.as_str()), enc("items", &rec)?.as_slice()).map_err(db_err)?;
    }
    let mut targets = txn.open_table(TARGETS).map_err(db_err)?;
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
        targets
            .insert((id, target.id.as_str()), enc("targets", &rec)?.as_slice())
            .map_err(db_err)?;
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
            targets
                .insert((id, rec.target.id.as_str()), enc("targets", &rec)?.as_slice())
                .map_err(db_err)?;
            order += 1;
        } else {
            summary.dropped_targets.push(old.target.id);
        }
    }
    let mut meta = txn.open_table(META).map_err(db_err)?;
    meta.insert(META_CURRENT_PLAN, id.as_bytes()).map_err(db_err)?;
    drop((meta, items, targets));
    tally::rebuild(txn, id)?;
    Ok(summary)
}

fn as_order(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn read_counter(meta: &impl ReadableTable<&'static str, &'static [u8]>) -> Result<u64, StoreError> {
    let Some(v) = meta.get(META_COUNTER).map_err(db_err)? else {
        return Ok(0);
    };
    let bytes: [u8; 8] = v.value().try_into().map_err(|_| StoreError::Codec {
        table: "meta",
        source: CodecError::Decode("counter is not 8 bytes".into()),
    })?;
    Ok(u64::from_le_bytes(bytes))
}

/// The reads an edit needs, the same inside a write transaction (where they count) and in a
/// read transaction (to refuse bad input before the file is opened for writing at all).
trait Lookup {
    fn target_rec(&self, plan_id: &str, id: &str) -> Result<Option<TargetRecord>, StoreError>;
    fn item_rec(&self, plan_id: &str, id: &str) -> Result<Option<ItemRecord>, StoreError>;
    fn has_plan(&self, plan_id: &str) -> Result<bool, StoreError>;
    /// The plan's record (structure above its items), or `UnknownPlan`.
    fn plan_rec(&self, plan_id: &str) -> Result<PlanRecord, StoreError>;
    fn grant_list(&self) -> Result<Vec<(String, Grant)>, StoreError>;
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
                let table = self.open_table(TARGETS).map_err(db_err)?;
                let v = table.get((plan_id, id)).map_err(db_err)?;
                v.map(|v| dec("targets", v.value())).transpose()
            }

            fn item_rec(&self, plan_id: &str, id: &str) -> Result<Option<ItemRecord>, StoreError> {
                let table = self.open_table(ITEMS).map_err(db_err)?;
                let v = table.get((plan_id, id)).map_err(db_err)?;
                v.map(|v| dec("items", v.value())).transpose()
            }

            fn has_plan(&self, plan_id: &str) -> Result<bool, StoreError> {
                let table = self.open_table(PLANS).map_err(db_err)?;
                Ok(table.get(plan_id).map_err(db_err)?.is_some())
            }

            fn plan_rec(&self, plan_id: &str) -> Result<PlanRecord, StoreError> {
                let table = self.open_table(PLANS).map_err(db_err)?;
                match table.get(plan_id).map_err(db_err)? {
                    Some(v) => dec("plans", v.value()),
                    None => Err(StoreError::UnknownPlan(plan_id.to_string())),
                }
            }

            fn grant_list(&self) -> Result<Vec<(String, Grant)>, StoreError> {
                let table = self.open_table(ROLES).map_err(db_err)?;
                let mut out = Vec::new();
                for e in table.iter().map_err(db_err)? {
                    let (k, v) = e.map_err(db_err)?;
                    out.push((k.value().to_string(), dec("roles", v.value())?));
                }
                Ok(out)
            }

            fn updates_newest_first(
                &self,
                plan_id: &str,
                visit: &mut dyn FnMut(Update) -> Result<bool, StoreError>,
            ) -> Result<(), StoreError> {
                let table = self.open_table(UPDATES).map_err(db_err)?;
                for e in table.range((plan_id, 0)..=(plan_id, u64::MAX)).map_err(db_err)?.rev() {
                    let (_, v) = e.map_err(db_err)?;
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

fn load_target(txn: &impl Lookup, plan_id: &str, id: &str) -> Result<TargetRecord, StoreError> {
    txn.target_rec(plan_id, id)?.ok_or_else(|| StoreError::UnknownTarget(id.to_string()))
}

fn load_item(txn: &impl Lookup, plan_id: &str, id: &str) -> Result<ItemRecord, StoreError> {
    txn.item_rec(plan_id, id)?.ok_or_else(|| StoreError::UnknownItem(id.to_string()))
}

/// The change an edit makes (and, for an undo, the entry it reverts), or why it may not.
fn plan_change(
    txn: &impl Lookup,
    plan_id: &str,
    edit: &Edit,
    actor: &Actor,
) -> Result<(Change, Option<u64>), StoreError> {
    if !txn.has_plan(plan_id)? {
        return Err(StoreError::UnknownPlan(plan_id.to_string()));
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
        rec.target.check_value(new).map_err(|reason| StoreError::BadValue {
            id: id.to_string(),
            value: crate::core::model::fmt_num(new),
            reason,
        })?;
        Ok(Change::Value { target: id.to_string(), old: rec.state.value, new })
    };
    match edit {
        Edit::Set { target, value } => value_change(target, &|_| *value),
        Edit::Add { target, delta } => value_change(target, &|r| r.state.value + delta),
        Edit::Done { target } => value_change(target, &|r| r.target.goal),
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
            roles::require_admin(txn, actor, "add or edit targets")?;
            check_target_def(txn, plan_id, target)?;
            let old = match load_target(txn, plan_id, &target.id) {
                Ok(r) => Some(Box::new(r.target)),
                Err(StoreError::UnknownTarget(_)) => None,
                Err(e) => return Err(e),
            };
            Ok(Change::TargetDef { target: target.id.clone(), old, new: Some(target.clone()) })
        }
        Edit::Undo => Err(StoreError::NothingToUndo),
    }
}

fn check_target_def(txn: &impl Lookup, plan_id: &str, t: &Target) -> Result<(), StoreError> {
    let bad = |reason: &str| StoreError::Denied(format!("target {}: {reason}", t.id));
    if t.id.trim().is_empty() || t.id.chars().any(char::is_whitespace) {
        return Err(bad("the id must be non-empty and without spaces"));
    }
    if t.name.trim().is_empty() {
        return Err(bad("the name must not be empty"));
    }
    if !t.goal.is_finite() || t.goal <= 0.0 {
        return Err(bad("the goal must be a number above 0"));
    }
    if t.kind == TargetKind::Milestone && t.goal != 1.0 {
        return Err(bad("a milestone's goal is 1"));
    }
    if let Some(item) = &t.item {
        load_item(txn, plan_id, item)?;
    }
    Ok(())
}

/// Finds the actor's last change not yet undone and builds its reversal.
fn undo_change(
    txn: &impl Lookup,
    plan_id: &str,
    actor: &Actor,
) -> Result<(Change, u64), StoreError> {
    let mut undone = Vec::new();
    let mut last = None;
    txn.updates_newest_first(plan_id, &mut |u| {
        if u.user != actor.user {
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
        return Err(StoreError::NothingToUndo);
    };
    let change = match u.change {
        Change::Value { target, old, .. } => {
            let rec = load_target(txn, plan_id, &target)?;
            roles::require_editor(txn, plan_id, rec.target.item.as_deref(), actor)?;
            Change::Value { target, old: rec.state.value, new: old }
        }
        Change::Note { item, old, .. } => {
            let rec = load_item(txn, plan_id, &item)?;
            roles::require_editor(txn, plan_id, Some(&item), actor)?;
            Change::Note { item, old: rec.state.note, new: old }
        }
        Change::ItemStatus { item, old, .. } => {
            let rec = load_item(txn, plan_id, &item)?;
            roles::require_editor(txn, plan_id, Some(&item), actor)?;
            Change::ItemStatus { item, old: rec.state.status, new: old }
        }
        Change::TargetDef { target, old, new } => {
            roles::require_admin(txn, actor, "undo a target edit")?;
            Change::TargetDef { target, old: new, new: old }
        }
    };
    Ok((change, u.seq))
}

/// Writes the new state a change describes, and (with `tallies`) keeps the plan's stored
/// tallies up to date.
fn apply_change(
    txn: &WriteTransaction,
    plan_id: &str,
    change: &Change,
    actor: &Actor,
    now: Millis,
    tallies: bool,
) -> Result<(), StoreError> {
    match change {
        Change::Value { target, new, .. } => {
            let mut rec = load_target(txn, plan_id, target)?;
            let old = rec.state.value;
            rec.state.value = *new;
            rec.state.updated_at = Some(now);
            rec.state.updated_by = Some(actor.user.clone());
            rec.state.updates += 1;
            put_target(txn, plan_id, &rec)?;
            if tallies {
                tally::value_changed(txn, plan_id, &rec, old)?;
            }
            Ok(())
        }
        Change::Note { item, new, .. } => {
            let mut rec = load_item(txn, plan_id, item)?;
            rec.state.note.clone_from(new);
            rec.state.updated_at = Some(now);
            rec.state.updated_by = Some(actor.user.clone());
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
        Change::TargetDef { target, new, .. } => {
            apply_target_def(txn, plan_id, target, new.as_deref())?;
            if tallies {
                tally::rebuild(txn, plan_id)?;
            }
            Ok(())
        }
    }
}

/// Adds, edits or (`None`) removes a target's definition.
fn apply_target_def(
    txn: &WriteTransaction,
    plan_id: &str,
    target: &str,
    new: Option<&Target>,
) -> Result<(), StoreError> {
    {
        match new {
            Some(def) => {
                let rec = match load_target(txn, plan_id, target) {
                    Ok(old) => TargetRecord { target: def.clone(), ..old },
                    Err(StoreError::UnknownTarget(_)) => TargetRecord {
                        order: next_order(txn, plan_id)?,
                        target: def.clone(),
                        state: TargetState::default(),
                    },
                    Err(e) => return Err(e),
                };
                put_target(txn, plan_id, &rec)
            }
            None => {
                let mut table = txn.open_table(TARGETS).map_err(db_err)?;
                table.remove((plan_id, target)).map_err(db_err)?;
                Ok(())
            }
        }
    }
}

/// Visits a plan's rows of an `(plan, id)`-keyed table in key order: (id, encoded value).
fn for_each_in_plan(
    table: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
    plan_id: &str,
    mut visit: impl FnMut(&str, &[u8]) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    for entry in table.range((plan_id, "")..).map_err(db_err)? {
        let (k, v) = entry.map_err(db_err)?;
        let (plan, id) = k.value();
        if plan != plan_id {
            break;
        }
        visit(id, v.value())?;
    }
    Ok(())
}

fn next_order(txn: &WriteTransaction, plan_id: &str) -> Result<u32, StoreError> {
    let table = txn.open_table(TARGETS).map_err(db_err)?;
    let mut max = 0;
    for_each_in_plan(&table, plan_id, |_, v| {
        let r: TargetRecord = dec("targets", v)?;
        max = max.max(r.order + 1);
        Ok(())
    })?;
    Ok(max)
}

fn put_target(txn: &WriteTransaction, plan_id: &str, rec: &TargetRecord) -> Result<(), StoreError> {
    let mut table = txn.open_table(TARGETS).map_err(db_err)?;
    table
        .insert((plan_id, rec.target.id.as_str()), enc("targets", rec)?.as_slice())
        .map_err(db_err)?;
    Ok(())
}

fn put_item(txn: &WriteTransaction, plan_id: &str, rec: &ItemRecord) -> Result<(), StoreError> {
    let mut table = txn.open_table(ITEMS).map_err(db_err)?;
    table.insert((plan_id, rec.item.id.as_str()), enc("items", rec)?.as_slice()).map_err(db_err)?;
    Ok(())
}

/// Appends an update with the next sequence number of the plan's log.
fn append(
    txn: &WriteTransaction,
    plan_id: &str,
    change: Change,
    note: &str,
    actor: &Actor,
    undoes: Option<u64>,
    at: Millis,
) -> Result<Update, StoreError> {
    let mut table = txn.open_table(UPDATES).map_err(db_err)?;
    let last = table
        .range((plan_id, 0)..=(plan_id, u64::MAX))
        .map_err(db_err)?
        .next_back()
        .transpose()
        .map_err(db_err)?
        .map_or(0, |(k, _)| k.value().1);
    let update = Update {
        seq: last + 1,
        at,
        user: actor.user.clone(),
        uid: actor.uid,
        change,
        note: note.to_string(),
        undoes,
    };
    table.insert((plan_id, update.seq), enc("updates", &update)?.as_slice()).map_err(db_err)?;
    Ok(update)
}

#[cfg(test)]
pub(crate) mod tests;
