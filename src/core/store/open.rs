//! Opening a database file safely: a file that is not a yaodian database, is damaged, or
//! comes from a newer yaodian is refused with a clear error and left byte-for-byte unchanged.

use super::schema::{
    BRIEFS, ITEM_TALLIES, ITEMS, MAGIC, META, META_COUNTER, META_MAGIC, META_SCHEMA, PLANS, ROLES,
    SCHEMA_VERSION, TARGETS, THEME_TALLIES, UPDATES,
};
use super::{Db, Reads, Store, StoreError};
use crate::core::clock::Clock;
use redb::{Builder, ConcurrencyMode, Database, DatabaseError, ReadableDatabase, StorageError};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The first bytes of every redb file.
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

/// redb's page size: every database file is a whole number of pages long.
const PAGE: u64 = 4096;

/// Page cache per process: small, since plans are small and users' machines are too.
const CACHE_BYTES: usize = 16 * 1024 * 1024;

/// How to open a database.
#[derive(Debug, Clone, Copy)]
pub struct OpenOptions {
    /// Create the file (and its directory) when it does not exist.
    pub create: bool,
    /// Open a read-only handle: refuses every write and never writes to the file. A file
    /// that needs crash recovery is opened read-write once to repair it, when allowed.
    pub readonly: bool,
    /// Permission bits of a newly created file (0600 personal, 0660 shared).
    pub mode: u32,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { create: true, readonly: false, mode: 0o600 }
    }
}

impl Store {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path, options: OpenOptions) -> Result<Store, StoreError> {
        let io = |source: std::io::Error| StoreError::Io { path: path.to_path_buf(), source };
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(StoreError::NotAFile { path: path.to_path_buf() });
            }
            Ok(meta) if meta.len() == 0 => {
                return Err(StoreError::Empty { path: path.to_path_buf() });
            }
            Ok(meta) => {
                check_magic(path)?;
                // redb files grow in whole pages; anything else was cut short.
                if meta.len() % PAGE != 0 {
                    return Err(damaged(path, "truncated: not a whole number of pages"));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !options.create {
                    return Err(StoreError::Missing { path: path.to_path_buf() });
                }
                create_new(path, options.mode)?;
            }
            Err(e) => return Err(io(e)),
        }
        let db = open_redb(path, options.readonly)?;
        Ok(Store { db, path: path.to_path_buf(), clock: Clock::System, reads: Reads::default() })
    }
}

fn check_magic(path: &Path) -> Result<(), StoreError> {
    let mut head = [0u8; REDB_MAGIC.len()];
    let mut file = std::fs::File::open(path)
        .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    match file.read_exact(&mut head) {
        Ok(()) if head == REDB_MAGIC => Ok(()),
        Ok(()) => Err(StoreError::Foreign { path: path.to_path_buf() }),
        Err(_) => Err(StoreError::Foreign { path: path.to_path_buf() }),
    }
}

/// Builds a fresh database beside `path` and moves it into place atomically, so another
/// process never sees a half-made file. Losing the race to another creator is fine.
fn create_new(path: &Path, mode: u32) -> Result<(), StoreError> {
    let io = |source: std::io::Error| StoreError::Io { path: path.to_path_buf(), source };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = temp_beside(path);
    std::fs::OpenOptions::new().write(true).create_new(true).mode(mode).open(&tmp).map_err(io)?;
    let made = (|| {
        let db = builder().create(&tmp).map_err(|e| open_error(path, e))?;
        init_schema(&db)?;
        drop(db);
        // A hard link fails if `path` appeared meanwhile: then the other creator's file wins.
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(io(e)),
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    made
}

pub(super) fn temp_beside(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(format!(".new-{}", std::process::id()));
    path.with_file_name(name)
}

pub(super) fn builder() -> Builder {
    let mut b = Builder::new();
    b.set_concurrency_mode(ConcurrencyMode::MultiWriter);
    b.set_cache_size(CACHE_BYTES);
    b
}

fn init_schema(db: &Database) -> Result<(), StoreError> {
    let txn = db.begin_write()?;
    {
        let mut meta = txn.open_table(META)?;
        meta.insert(META_MAGIC, MAGIC)?;
        meta.insert(META_SCHEMA, SCHEMA_VERSION.to_le_bytes().as_slice())?;
        meta.insert(META_COUNTER, 0u64.to_le_bytes().as_slice())?;
        txn.open_table(PLANS)?;
        txn.open_table(ITEMS)?;
        txn.open_table(TARGETS)?;
        txn.open_table(UPDATES)?;
        txn.open_table(ROLES)?;
        txn.open_table(BRIEFS)?;
        txn.open_table(THEME_TALLIES)?;
        txn.open_table(ITEM_TALLIES)?;
    }
    Ok(txn.commit()?)
}

/// Opens with redb, turning its panics on damaged files into errors. Before a read-write
/// open (which may repair), a read-only open proves the file is a clean redb database, so a
/// foreign or damaged file is never written to; only a file that merely needs redb's quick
/// repair after a crash (kill -9) is opened read-write despite failing that probe.
fn open_redb(path: &Path, readonly: bool) -> Result<Db, StoreError> {
    let probe = quietly(|| builder().open_read_only(path));
    let mut checked = false;
    match probe {
        Some(Ok(ro)) => {
            check_meta(&ro, path)?;
            if readonly {
                return Ok(Db::ReadOnly(ro));
            }
            checked = true;
        }
        Some(Err(DatabaseError::RepairAborted)) => {} // needs crash recovery: allowed
        Some(Err(e)) => return Err(open_error(path, e)),
        None => return Err(damaged(path, "redb could not read it")),
    }
    match quietly(|| builder().open(path)) {
        Some(Ok(db)) => {
            if !checked {
                check_meta(&db, path)?;
            }
            if readonly {
                // Repaired; now reopen read-only so this handle cannot write.
                drop(db);
                return match quietly(|| builder().open_read_only(path)) {
                    Some(Ok(ro)) => Ok(Db::ReadOnly(ro)),
                    Some(Err(e)) => Err(open_error(path, e)),
                    None => Err(damaged(path, "redb could not read it")),
                };
            }
            Ok(Db::ReadWrite(db))
        }
        Some(Err(e)) => Err(open_error(path, e)),
        None => Err(damaged(path, "redb could not read it")),
    }
}

/// Runs `f`, turning a panic into `None` without printing the panic message.
fn quietly<R>(f: impl FnOnce() -> R) -> Option<R> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let out = catch_unwind(AssertUnwindSafe(f)).ok();
    std::panic::set_hook(hook);
    out
}

fn damaged(path: &Path, detail: &str) -> StoreError {
    StoreError::Damaged { path: path.to_path_buf(), detail: detail.to_string() }
}

fn open_error(path: &Path, e: DatabaseError) -> StoreError {
    match e {
        DatabaseError::LockProtocolMismatch => {
            StoreError::LockProtocol { path: path.to_path_buf() }
        }
        DatabaseError::UpgradeRequired(v) => {
            damaged(path, &format!("redb file format {v} needs an upgrade"))
        }
        DatabaseError::Storage(StorageError::Io(source)) => {
            StoreError::Io { path: path.to_path_buf(), source }
        }
        DatabaseError::Storage(StorageError::Corrupted(detail)) => damaged(path, &detail),
        other => damaged(path, &other.to_string()),
    }
}

/// A redb file is a yaodian database when `meta` holds our magic and a schema we can read.
fn check_meta(db: &impl ReadableDatabase, path: &Path) -> Result<(), StoreError> {
    let foreign = || StoreError::Foreign { path: path.to_path_buf() };
    let broken = |e: &dyn std::fmt::Display| damaged(path, &e.to_string());
    let txn = db.begin_read().map_err(|e| broken(&e))?;
    let meta = txn.open_table(META).map_err(|_| foreign())?;
    let magic = meta.get(META_MAGIC).map_err(|e| broken(&e))?.ok_or_else(foreign)?;
    if magic.value() != MAGIC {
        return Err(foreign());
    }
    let schema = meta.get(META_SCHEMA).map_err(|e| broken(&e))?.ok_or_else(foreign)?;
    let bytes: [u8; 4] = schema.value().try_into().map_err(|_| foreign())?;
    let found = u32::from_le_bytes(bytes);
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests_support {
    /// Opens a file with our builder, bypassing yaodian's checks (to forge test files).
    pub fn raw(path: &std::path::Path) -> redb::Database {
        super::builder().open(path).expect("raw open")
    }
}
