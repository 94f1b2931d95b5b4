//! Nobody waits forever. redb waits without a limit: a writer for the writer lock, every
//! open and read for the header lock, which a writer holds while it syncs. One stopped
//! process (SIGSTOP, a suspended job, a stalled disk) would freeze everyone.
//!
//! - Writers take yaodian's own lock first: `flock` on a side file beside the database
//!   (`<db>.writer`), polled until [`write_wait`], then they write who they are into it
//!   (user, pid, since). A writer that cannot get it within the deadline says who holds
//!   the database and changes nothing ([`StoreError::Busy`]). The lock goes with its
//!   holder's descriptor, so a killed holder frees it at once.
//! - Readers open and take their first snapshot on a helper thread and wait for it until
//!   [`READ_WAIT`]; past that they read a private copy of the file's last commit (see
//!   [`super::snapshot`]).

use super::StoreError;
use crate::core::clock::Clock;
use crate::core::identity;
use rustix::fs::FlockOperation;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a reader waits for redb before reading a private snapshot instead.
pub const READ_WAIT: Duration = Duration::from_millis(400);

/// How long a writer waits for another writer: a few seconds, or `YAODIAN_WRITE_WAIT`
/// seconds (tests shorten it; it only ever changes how long this process waits).
pub fn write_wait() -> Duration {
    std::env::var("YAODIAN_WRITE_WAIT")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 600.0)
        .map_or(Duration::from_secs(5), Duration::from_secs_f64)
}

/// Who holds the database for writing, from the record its holder wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// The holder's user name (from its real uid).
    pub user: String,
    pub pid: u32,
    /// When it took the lock, milliseconds since the epoch.
    pub since: i64,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (pid {})", self.user, self.pid)
    }
}

/// The side file writers lock and describe themselves in.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
}

/// The side file's path for a database at `db`.
pub fn side_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(SIDE_SUFFIX);
    db.with_file_name(name)
}

/// What the side file's name adds to the database's.
const SIDE_SUFFIX: &str = ".writer";

/// The side file's name for a database named `db_name` (in the same directory).
pub fn side_name(db_name: &str) -> String {
    format!("{db_name}{SIDE_SUFFIX}")
}

impl WriterLock {
    /// Opens (creating, with `mode`) the side file of the database at `db`, never through a
    /// link. `None` when it cannot be had (a read-only directory): writers then wait on
    /// redb alone, as before.
    pub fn beside(db: &Path, mode: u32) -> Option<WriterLock> {
        Self::open(db, Some(mode))
    }

    /// The side file of the database at `db` if it exists (a reader never makes one).
    pub fn existing(db: &Path) -> Option<WriterLock> {
        Self::open(db, None)
    }

    fn open(db: &Path, create: Option<u32>) -> Option<WriterLock> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(create.is_some())
            .truncate(false)
            .mode(create.unwrap_or(0o600))
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
            .open(side_path(db))
            .ok()?;
        Some(WriterLock { file })
    }

    /// A side file opened already (a setgid yaodian opens it before dropping its group).
    pub fn from_file(file: File) -> WriterLock {
        WriterLock { file }
    }

    /// Takes the lock and records this process's real uid, pid and `now`. Waits while
    /// writers come and go (the lock changing hands is progress); gives up when one holder
    /// has kept it for `wait`, with [`StoreError::Busy`] naming that holder.
    pub fn hold(&self, db: &Path, clock: Clock, wait: Duration) -> Result<Held<'_>, StoreError> {
        let mut seen = self.record();
        let mut deadline = Instant::now() + wait;
        let mut pause = Duration::from_millis(1);
        loop {
            match rustix::fs::flock(&self.file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => break,
                Err(rustix::io::Errno::WOULDBLOCK | rustix::io::Errno::INTR) => {}
                // a filesystem without flock: no lock of ours, redb's alone
                Err(_) => return Ok(Held { lock: None }),
            }
            let now = Instant::now();
            let record = self.record();
            if record != seen {
                seen = record;
                deadline = now + wait;
            } else if now >= deadline {
                return Err(busy(db, self.holder(), clock));
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(8));
        }
        let uid = rustix::process::getuid().as_raw();
        let record = format!("{uid}\t{}\t{}\n", std::process::id(), clock.now());
        let _ = self.file.set_len(0);
        let _ = self.file.write_all_at(record.as_bytes(), 0);
        Ok(Held { lock: Some(self) })
    }

    /// The side file's bytes: which holder it names.
    fn record(&self) -> Vec<u8> {
        let mut buf = vec![0u8; 128];
        let n = self.file.read_at(&mut buf, 0).unwrap_or(0);
        buf.truncate(n);
        buf
    }

    /// The holder named in the side file, if its process still lives.
    pub fn holder(&self) -> Option<Holder> {
        let record = self.record();
        let text = String::from_utf8_lossy(&record);
        let mut f = text.trim_end().split('\t');
        let uid: u32 = f.next()?.parse().ok()?;
        let holder = Holder {
            user: identity::name_of(uid),
            pid: f.next()?.parse().ok()?,
            since: f.next()?.parse().ok()?,
        };
        let alive = Path::new(&format!("/proc/{}", holder.pid)).exists();
        alive.then_some(holder)
    }
}

/// The refusal of a writer that waited its time: who holds the database and since when.
pub(super) fn busy(db: &Path, holder: Option<Holder>, clock: Clock) -> StoreError {
    let since = holder.as_ref().map(|h| clock.format(h.since, "%Y-%m-%d %H:%M:%S"));
    StoreError::Busy { path: db.to_path_buf(), holder, since }
}

/// The lock, while held; released when dropped (and by the kernel if the process dies).
pub struct Held<'a> {
    lock: Option<&'a WriterLock>,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        if let Some(lock) = self.lock {
            let _ = (&lock.file).flush();
            let _ = rustix::fs::flock(&lock.file, FlockOperation::Unlock);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_names_the_holder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("a.redb");
        let first = WriterLock::beside(&db, 0o600).expect("side file");
        let second = WriterLock::beside(&db, 0o600).expect("side file");
        let utc = chrono::FixedOffset::east_opt(0).expect("utc");
        let clock = Clock::fixed(1_700_000_000_000, utc);
        let held = first.hold(&db, clock, Duration::ZERO).expect("free");
        let started = Instant::now();
        let busy = second.hold(&db, clock, Duration::from_millis(60)).err().expect("busy");
        assert!(started.elapsed() >= Duration::from_millis(60));
        let me = identity::Actor::current().user;
        let StoreError::Busy { holder: Some(h), since: Some(since), .. } = &busy else {
            panic!("{busy:?}")
        };
        assert_eq!(
            (h.user.as_str(), h.pid, h.since),
            (me.as_str(), std::process::id(), 1_700_000_000_000)
        );
        assert_eq!(since, "2023-11-14 22:13:20");
        assert!(busy.to_string().contains(&format!("pid {}", std::process::id())), "{busy}");
        drop(held);
        second.hold(&db, clock, Duration::ZERO).expect("free again");
    }
}
