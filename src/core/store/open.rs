//! Opening a database file safely: a file that is not a yaodian database, is damaged, or
//! comes from a newer yaodian is refused with a clear error and left byte-for-byte unchanged.

use super::schema::{
    BRIEFS, ITEM_REPORTS, ITEM_TALLIES, ITEMS, MAGIC, META, META_COUNTER, META_MAGIC, META_SCHEMA,
    PLAN_SETTINGS, PLANS, REPORT_MARKS, ROLES, ROSTERS, SCHEMA_VERSION, TARGETS, THEME_TALLIES,
    UPDATES,
};
use super::writer::{self, WriterLock};
use super::{Db, Reads, Store, StoreError, snapshot};
use crate::core::clock::Clock;
use redb::backends::FileBackend;
use redb::{Builder, ConcurrencyMode, Database, DatabaseError, ReadableDatabase, StorageError};
use std::fs::File;
use std::io::Read;
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The first bytes of every redb file.
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

/// redb's page size: every database file is a whole number of pages long.
const PAGE: u64 = 4096;

/// Page cache per process: small, since plans are small and users' machines are too.
const CACHE_BYTES: usize = 16 * 1024 * 1024;

/// Page cache of a pinned read-only handle (a command that looks once and ends: `status`,
/// `targets`, `export`, `log`): room for the tables' branch pages, which every lookup
/// passes through, while the leaf pages a command streams once are let go instead of
/// kept until the cache holds 16 MiB of them (`status --json` at 100k targets reads
/// ~50 MB of target pages, twice).
const PINNED_CACHE_BYTES: usize = 2 * 1024 * 1024;

/// The page cache for a handle opened with `options`.
fn cache_for(options: OpenOptions) -> usize {
    if options.readonly && options.pin { PINNED_CACHE_BYTES } else { CACHE_BYTES }
}

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
    /// With `readonly`: every read uses the one read transaction the open took, a
    /// consistent view for a command that looks once (never for the TUI, which must see
    /// others' commits). No read after the open can then wait on a writer that stops.
    pub pin: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { create: true, readonly: false, mode: 0o600, pin: false }
    }
}

/// A database file already open, reached through descriptors rather than its path: the
/// privileged descriptors of a setgid yaodian, or the file root's `init --shared` just
/// created. Each redb handle needs its own open file description (redb's locks belong to
/// one), so `spare` holds descriptors opened ahead (a setgid process opens them before it
/// drops its group); when they run out, `keeper` is reopened through `/proc/self/fd`,
/// which names the same inode, never the path again.
#[derive(Debug)]
pub struct OpenedFile {
    pub path: PathBuf,
    pub keeper: File,
    pub spare: Vec<File>,
    /// The writers' side file (see [`super::writer`]), opened beside the database.
    pub holder: Option<File>,
}

impl OpenedFile {
    fn next(&mut self) -> std::io::Result<File> {
        match self.spare.pop() {
            Some(f) => Ok(f),
            None => std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(format!("/proc/self/fd/{}", self.keeper.as_raw_fd())),
        }
    }
}

/// Where a database's descriptors come from.
enum Files<'a> {
    Path(&'a Path),
    Opened(&'a mut OpenedFile),
}

impl Files<'_> {
    fn path(&self) -> &Path {
        match self {
            Files::Path(p) => p,
            Files::Opened(o) => &o.path,
        }
    }

    /// The writers' lock of this database, for a reader that must repair the file: the
    /// side file beside it if there is one, or the one opened with the descriptors.
    fn writer_lock(&self) -> Option<WriterLock> {
        match self {
            Files::Path(p) => WriterLock::existing(p),
            Files::Opened(o) => {
                o.holder.as_ref().and_then(|f| f.try_clone().ok()).map(WriterLock::from_file)
            }
        }
    }

    fn open(&mut self, write: bool) -> Result<File, StoreError> {
        let path = self.path().to_path_buf();
        let file = match self {
            Files::Path(p) => std::fs::OpenOptions::new().read(true).write(write).open(p),
            Files::Opened(o) => o.next(),
        };
        file.map_err(|source| StoreError::Io { path, source })
    }
}

impl Store {
    /// Opens an existing database through descriptors already open (see [`OpenedFile`]).
    pub fn open_file(mut file: OpenedFile, options: OpenOptions) -> Result<Store, StoreError> {
        let path = file.path.clone();
        let meta = file
            .keeper
            .metadata()
            .map_err(|source| StoreError::Io { path: path.clone(), source })?;
        check_file(&path, meta.len(), |head| file.keeper.read_exact_at(head, 0))?;
        let mode = meta.mode() & 0o660;
        let cache = cache_for(options);
        if options.readonly {
            let source = file.keeper.try_clone();
            return open_reading(
                move || open_now(Files::Opened(&mut file), true, mode, cache),
                move || source,
                &path,
                options.pin,
            );
        }
        let writer = file.holder.take().map(WriterLock::from_file);
        let held = hold(writer.as_ref(), &path)?;
        let store = open_now(Files::Opened(&mut file), false, mode, cache);
        drop(held);
        let mut store = store?;
        store.writer = writer;
        Ok(store)
    }

    /// Opens (or creates) the database at `path`. A read-only open that redb keeps waiting
    /// (a writer stopped while it syncs) reads a private snapshot of the last commit
    /// instead; a read-write open first takes the writers' lock, waiting at most
    /// [`writer::write_wait`].
    pub fn open(path: &Path, options: OpenOptions) -> Result<Store, StoreError> {
        let io = |source: std::io::Error| StoreError::Io { path: path.to_path_buf(), source };
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(StoreError::NotAFile { path: path.to_path_buf() });
            }
            Ok(meta) => {
                let mut file = std::fs::File::open(path).map_err(io)?;
                check_file(path, meta.len(), |head| file.read_exact(head))?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !options.create {
                    return Err(StoreError::Missing { path: path.to_path_buf() });
                }
                create_new(path, options.mode)?;
            }
            Err(e) => return Err(io(e)),
        }
        let mode = crate::core::secure_fs::mirrored_mode(path);
        let cache = cache_for(options);
        if options.readonly {
            let owned = path.to_path_buf();
            let source = path.to_path_buf();
            return open_reading(
                move || open_now(Files::Path(&owned), true, mode, cache),
                move || File::open(source),
                path,
                options.pin,
            );
        }
        let writer = WriterLock::beside(path, mode);
        let held = hold(writer.as_ref(), path)?;
        let store = open_now(Files::Path(path), false, mode, cache);
        drop(held);
        let mut store = store?;
        store.writer = writer;
        Ok(store)
    }

    /// Makes a new, empty yaodian database in `file` (an empty file the caller created
    /// with `O_EXCL`, already given its owner and mode).
    pub fn create_in(file: File, path: &Path) -> Result<(), StoreError> {
        let backend = FileBackend::new(file).map_err(|e| open_error(path, e))?;
        let db = builder().create_with_backend(backend).map_err(|e| open_error(path, e))?;
        init_schema(&db)
    }
}

/// Opens the redb handle now (with a page cache of `cache` bytes), however long redb waits.
fn open_now(
    files: Files<'_>,
    readonly: bool,
    mode: u32,
    cache: usize,
) -> Result<Store, StoreError> {
    let path = files.path().to_path_buf();
    let db = open_redb(files, readonly, cache)?;
    Ok(Store {
        db,
        path,
        mode,
        clock: Clock::System,
        writer: None,
        snapshot: false,
        pinned: None,
        reads: Reads::default(),
    })
}

/// The writers' lock for an open or a write, if there is a side file to lock.
fn hold<'a>(
    writer: Option<&'a WriterLock>,
    path: &Path,
) -> Result<Option<writer::Held<'a>>, StoreError> {
    writer.map(|w| w.hold(path, Clock::System, writer::write_wait())).transpose()
}

/// Runs `open` (and a first read transaction, kept when `pin`) on a helper thread and waits
/// at most [`writer::READ_WAIT`] for it; past that, reads a private snapshot of the file
/// from `source` (the helper stays blocked in redb until the writer moves on or the
/// process ends).
fn open_reading(
    open: impl FnOnce() -> Result<Store, StoreError> + Send + 'static,
    source: impl FnOnce() -> std::io::Result<File>,
    path: &Path,
    pin: bool,
) -> Result<Store, StoreError> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("yaodian-open".into())
        .spawn(move || {
            let opened = open().and_then(|mut store| {
                let txn = store.begin_read()?;
                store.pinned = pin.then(|| Box::new(txn));
                Ok(store)
            });
            let _ = tx.send(opened);
        })
        .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    match rx.recv_timeout(writer::READ_WAIT) {
        Ok(opened) => opened,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            let file =
                source().map_err(|e| StoreError::Io { path: path.to_path_buf(), source: e })?;
            snapshot::open_snapshot(&file, path)
        }
        // the helper panicked: redb met damage it could not report as an error
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            Err(damaged(path, "redb could not read it"))
        }
    }
}

/// A new private file in `dir` (`O_EXCL|O_NOFOLLOW`, mode 0600) named after `prefix`.
pub(super) fn temp_file_in(dir: &Path, prefix: &str) -> std::io::Result<(PathBuf, File)> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("{prefix}-{}-{n}.redb", std::process::id()));
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => {}
            Err(e) => return Err(e),
        }
    }
}

/// A non-empty file that starts with redb's magic and is a whole number of pages long.
fn check_file(
    path: &Path,
    len: u64,
    read_head: impl FnOnce(&mut [u8]) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    if len == 0 {
        return Err(StoreError::Empty { path: path.to_path_buf() });
    }
    let mut head = [0u8; REDB_MAGIC.len()];
    match read_head(&mut head) {
        Ok(()) if head == REDB_MAGIC => {}
        _ => return Err(StoreError::Foreign { path: path.to_path_buf() }),
    }
    // redb files grow in whole pages; anything else was cut short.
    if !len.is_multiple_of(PAGE) {
        return Err(damaged(path, "truncated: not a whole number of pages"));
    }
    Ok(())
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
    builder_with(CACHE_BYTES)
}

fn builder_with(cache: usize) -> Builder {
    let mut b = Builder::new();
    b.set_concurrency_mode(ConcurrencyMode::MultiWriter);
    b.set_cache_size(cache);
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
        txn.open_table(PLAN_SETTINGS)?;
        txn.open_table(ITEM_REPORTS)?;
        txn.open_table(REPORT_MARKS)?;
        txn.open_table(ROSTERS)?;
    }
    Ok(txn.commit()?)
}

/// Opens with redb, turning its panics on damaged files into errors. Before a read-write
/// open (which may repair), a read-only open proves the file is a clean redb database, so a
/// foreign or damaged file is never written to; only a file that merely needs redb's quick
/// repair after a crash (kill -9) is opened read-write despite failing that probe.
fn open_redb(mut files: Files<'_>, readonly: bool, cache: usize) -> Result<Db, StoreError> {
    // A read-only handle finds the file unclean again when writers that opened after our
    // repair close together (each leaves the recovery flag to the other): repair again.
    let mut tries = 0;
    loop {
        match open_redb_once(&mut files, readonly, cache) {
            Err(Reopen::Unclean) if tries < 8 => tries += 1,
            Err(Reopen::Unclean) => {
                return Err(open_error(files.path(), DatabaseError::RepairAborted));
            }
            Err(Reopen::Failed(e)) => return Err(e),
            Ok(db) => return Ok(db),
        }
    }
}

/// Why one attempt of [`open_redb`] gave no handle.
enum Reopen {
    /// The read-only reopen after a repair found the file needing one again.
    Unclean,
    Failed(StoreError),
}

impl From<StoreError> for Reopen {
    fn from(e: StoreError) -> Self {
        Reopen::Failed(e)
    }
}

fn open_redb_once(files: &mut Files<'_>, readonly: bool, cache: usize) -> Result<Db, Reopen> {
    let path = &files.path().to_path_buf();
    let probe = open_read_only(files.open(false)?, cache);
    let mut checked = false;
    match probe {
        Ok(ro) => {
            check_meta(&ro, path)?;
            if readonly {
                return Ok(Db::ReadOnly(ro));
            }
            checked = true;
        }
        Err(Some(DatabaseError::RepairAborted)) => {} // needs crash recovery: allowed
        Err(Some(e)) => return Err(open_error(path, e).into()),
        Err(None) => return Err(damaged(path, "redb could not read it").into()),
    }
    // A reader repairs as a writer does: under the writers' lock (a writer's open already
    // holds it), so a reader stopped mid-repair holds up writers only until their wait
    // ends, never without limit.
    let lock = if readonly { files.writer_lock() } else { None };
    let _held = hold(lock.as_ref(), path)?;
    let file = files.open(true)?;
    let backend = FileBackend::new(file).map_err(|e| open_error(path, e))?;
    match quietly(|| builder_with(cache).create_with_backend(backend)) {
        Some(Ok(db)) => {
            if !checked {
                check_meta(&db, path)?;
            }
            if readonly {
                // Repaired; now reopen read-only so this handle cannot write.
                drop(db);
                return match open_read_only(files.open(false)?, cache) {
                    Ok(ro) => Ok(Db::ReadOnly(ro)),
                    Err(Some(DatabaseError::RepairAborted)) => Err(Reopen::Unclean),
                    Err(Some(e)) => Err(open_error(path, e).into()),
                    Err(None) => Err(damaged(path, "redb could not read it").into()),
                };
            }
            Ok(Db::ReadWrite(db))
        }
        Some(Err(e)) => Err(open_error(path, e).into()),
        None => Err(damaged(path, "redb could not read it").into()),
    }
}

/// A read-only redb handle on `file` with a page cache of `cache` bytes; `Err(None)` when
/// redb panicked on it.
fn open_read_only(
    file: File,
    cache: usize,
) -> Result<redb::ReadOnlyDatabase, Option<DatabaseError>> {
    let backend = FileBackend::new(file).map_err(Some)?;
    match quietly(|| builder_with(cache).open_read_only_with_backend(backend)) {
        Some(result) => result.map_err(Some),
        None => Err(None),
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
