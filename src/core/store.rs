//! The redb store: one file shared by every process (`ConcurrencyMode::MultiWriter`).
//!
//! Reads take a snapshot into memory and drop the read transaction at once; writes are one
//! short write transaction each that also bumps `meta.counter`, which other processes poll
//! to notice changes. Values go through [`codec`] (a format-version byte, then bincode).
//!
//! By what they do: `lookup` reads (plans, boards, the log), `rules` decides what an edit
//! changes and writes it, `import` brings plans in and restores logs, `tally` keeps the
//! stored tallies, `roles` checks who may write; [`StoreError`] and [`Refusal`] say what
//! went wrong.

mod bulk;
pub mod codec;
mod cycle;
pub mod damage;
mod error;
mod first;
mod import;
mod lookup;
mod maintenance;
mod names;
mod open;
pub mod roles;
mod rules;
pub mod schema;
mod since;
mod snapshot;
mod stream;
mod tally;
mod upgrade;
mod verify;
pub use verify::LogWrong;
pub mod writer;

use crate::core::clock::Clock;
use crate::core::identity::Actor;
use crate::core::model::{Item, ItemState, Millis, Plan, Target, TargetState};
use redb::{Database, ReadableTable, WriteTransaction};
use schema::{META, META_COUNTER};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub use cycle::{Roster, RosterItem};
pub use error::{Attempt, Refusal, StoreError, TargetDefError};
pub use first::FirstScreen;
pub use import::ImportSummary;
pub use lookup::{LogFilter, LogView, PlanSummary};
pub use maintenance::{CheckReport, Problem, Wrong};
pub use open::{OpenOptions, OpenedFile};
pub use since::{LogMark, Since};
pub use stream::{Owner, Slot, TargetIndex, TargetReader};
pub use tally::{Brief, Glance, ItemGlance};
pub use verify::{Definitions, LogCheck, Verified, verify_log};

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
    /// The database file's permission bits (owner and group read/write at most): what
    /// exports of it get.
    mode: u32,
    /// Stamps every write (the system clock, or a fixed one in tests).
    clock: Clock,
    /// The writers' lock (see [`writer`]), when the database has a side file for it.
    writer: Option<writer::WriterLock>,
    /// Whether this is a private snapshot of the last commit, read because a writer kept
    /// the file locked (see [`snapshot`]).
    snapshot: bool,
    /// The read transaction a pinned read-only open took (see [`OpenOptions::pin`]): every
    /// read uses it, so none can wait on a writer that stopped after the open.
    /// (Boxed: a store is moved around whole, and most have none.)
    pinned: Option<Box<redb::ReadTransaction>>,
    /// Records decoded so far, by table.
    reads: Reads,
}

/// A read transaction: the store's pinned one, or a new one.
enum ReadTxn<'a> {
    Pinned(&'a redb::ReadTransaction),
    Own(redb::ReadTransaction),
}

impl std::ops::Deref for ReadTxn<'_> {
    type Target = redb::ReadTransaction;
    fn deref(&self) -> &redb::ReadTransaction {
        match self {
            ReadTxn::Pinned(txn) => txn,
            ReadTxn::Own(txn) => txn,
        }
    }
}

/// How many records a handle has decoded, by table, so tests can count the work a command
/// does (each log entry read once, the targets once) rather than time it.
#[derive(Debug, Default)]
struct Reads {
    updates: AtomicU64,
    targets: AtomicU64,
}

/// A snapshot of [`Store::reads`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadCounts {
    /// Log entries decoded.
    pub updates: u64,
    /// Target records decoded.
    pub targets: u64,
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

    fn read_txn(&self) -> Result<ReadTxn<'_>, StoreError> {
        Ok(match &self.pinned {
            Some(txn) => ReadTxn::Pinned(txn),
            None => ReadTxn::Own(self.begin_read()?),
        })
    }

    /// A new read transaction: the last commit as of now.
    fn begin_read(&self) -> Result<redb::ReadTransaction, StoreError> {
        use redb::ReadableDatabase;
        Ok(match &self.db {
            Db::ReadWrite(db) => db.begin_read()?,
            Db::ReadOnly(db) => db.begin_read()?,
        })
    }

    /// Whether this is a snapshot of the last commit, read past a writer that held the
    /// file locked (it shows what was saved; it cannot write).
    pub fn is_snapshot(&self) -> bool {
        self.snapshot
    }

    /// Records this handle has decoded so far, by table.
    pub fn reads(&self) -> ReadCounts {
        ReadCounts {
            updates: self.reads.updates.load(Ordering::Relaxed),
            targets: self.reads.targets.load(Ordering::Relaxed),
        }
    }

    /// Whether this handle may write.
    pub fn is_writable(&self) -> bool {
        matches!(self.db, Db::ReadWrite(_))
    }

    /// The database file this store was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The permission bits a file made from this database gets (an export, a backup): the
    /// database's own, never wider than owner and group read/write.
    pub fn file_mode(&self) -> u32 {
        self.mode
    }

    /// The change counter: moves on every write by any process.
    pub fn counter(&self) -> Result<u64, StoreError> {
        let txn = self.read_txn()?;
        let meta = txn.open_table(META)?;
        read_counter(&meta)
    }

    /// Runs `f` in one write transaction that also bumps the change counter; on error
    /// nothing is written.
    fn write<R>(
        &self,
        f: impl FnOnce(&WriteTransaction) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        // The writers' lock (`_held`) is kept until the commit is on disk.
        let (txn, _held) = self.begin_write()?;
        let out = f(&txn)?;
        commit(txn)?;
        Ok(out)
    }

    /// [`Store::write`] for a change that may turn out to be none: when `f` returns
    /// `None` the transaction is aborted, and nothing is written, not even the counter.
    fn write_if<R>(
        &self,
        f: impl FnOnce(&WriteTransaction) -> Result<Option<R>, StoreError>,
    ) -> Result<Option<R>, StoreError> {
        let (txn, _held) = self.begin_write()?;
        let Some(out) = f(&txn)? else {
            txn.abort()?;
            return Ok(None);
        };
        commit(txn)?;
        Ok(Some(out))
    }

    /// A write transaction, with the writers' lock held for as long as the guard lives (a
    /// holder that keeps it past the wait is named, and nothing is written).
    fn begin_write(&self) -> Result<(WriteTransaction, Option<writer::Held<'_>>), StoreError> {
        let Db::ReadWrite(db) = &self.db else {
            return Err(Refusal::ReadOnly.into());
        };
        let wait = writer::write_wait();
        let deadline = std::time::Instant::now() + wait;
        let held = match &self.writer {
            Some(w) => Some(w.hold(&self.path, self.clock, wait)?),
            None => None,
        };
        // Our lock makes redb's free at once for writers that take ours; one that does not
        // (an older yaodian) is waited for until the same deadline.
        loop {
            match db.try_begin_write() {
                Ok(txn) => {
                    // an older build's file is brought up to date by its first write here
                    upgrade::run(&txn, self.clock)?;
                    return Ok((txn, held));
                }
                Err(redb::TransactionError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                Err(redb::TransactionError::WouldBlock) => {
                    return Err(writer::busy(&self.path, None, self.clock));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Grants a role (admin only once any grant exists; the first grant must make an admin
    /// or be given by… anyone, since nothing is enforced yet).
    pub fn grant(&self, user: &str, grant: &roles::Grant, actor: &Actor) -> Result<(), StoreError> {
        self.write(|txn| roles::grant(txn, user, grant, actor))
    }

    /// Removes a user's grant (refused when they have none).
    pub fn revoke(&self, user: &str, actor: &Actor) -> Result<(), StoreError> {
        self.write(|txn| roles::revoke(txn, user, actor))
    }

    /// Checks that `grant` would be allowed, without writing: a refused grant leaves the
    /// file byte-for-byte untouched.
    pub fn preflight_grant(&self, actor: &Actor) -> Result<(), StoreError> {
        roles::may_grant(&*self.read_txn()?, actor)
    }

    /// Checks that `revoke` would be allowed, without writing.
    pub fn preflight_revoke(&self, user: &str, actor: &Actor) -> Result<(), StoreError> {
        roles::may_revoke(&*self.read_txn()?, user, actor)
    }
}

/// Bumps the change counter (which every open board polls) and commits.
fn commit(txn: WriteTransaction) -> Result<(), StoreError> {
    bump_meta_u64(&txn, META_COUNTER)?;
    txn.commit()?;
    Ok(())
}

fn as_order(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn read_counter(meta: &impl ReadableTable<&'static str, &'static [u8]>) -> Result<u64, StoreError> {
    read_meta_u64(meta, META_COUNTER)
}

/// A counter kept in `meta` (0 when absent).
fn read_meta_u64(
    meta: &impl ReadableTable<&'static str, &'static [u8]>,
    key: &str,
) -> Result<u64, StoreError> {
    let Some(v) = meta.get(key)? else {
        return Ok(0);
    };
    let bytes: [u8; 8] = v.value().try_into().map_err(|_| StoreError::Codec {
        table: "meta",
        source: codec::CodecError::Decode(format!("{key} is not 8 bytes")),
    })?;
    Ok(u64::from_le_bytes(bytes))
}

/// Adds one to a counter kept in `meta`.
fn bump_meta_u64(txn: &WriteTransaction, key: &str) -> Result<(), StoreError> {
    let mut meta = txn.open_table(META)?;
    let next = read_meta_u64(&meta, key)? + 1;
    meta.insert(key, next.to_le_bytes().as_slice())?;
    Ok(())
}

/// Visits a plan's rows of an `(plan, id)`-keyed table in key order: (id, encoded value).
fn for_each_in_plan(
    table: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
    plan_id: &str,
    mut visit: impl FnMut(&str, &[u8]) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    for entry in table.range((plan_id, "")..)? {
        let (k, v) = entry?;
        let (plan, id) = k.value();
        if plan != plan_id {
            break;
        }
        visit(id, v.value())?;
    }
    Ok(())
}

/// A plan's rows of an `(plan, id)`-keyed table, decoded, in key order.
fn plan_rows<T: serde::de::DeserializeOwned>(
    table: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
    plan_id: &str,
    name: &'static str,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    for_each_in_plan(table, plan_id, |_, v| {
        out.push(dec(name, v)?);
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests;
