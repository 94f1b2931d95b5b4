//! A setgid yaodian (see docs/SECURITY.md): installed `root:yaodian 2755`, it starts with
//! the effective group that owns the shared database. [`start`] runs first in `main`,
//! before any other thread exists: it opens the database's descriptors from a path only
//! root controls (`/etc/yaodian.conf`, key `db`, else [`DEFAULT_DB`]) — the directory with
//! `O_DIRECTORY|O_NOFOLLOW`, the file and its writers' side file relative to it — and then
//! drops to the real group for good. Everything else (the command line, the environment,
//! settings, plan files, exports) happens with the operator's own ids; the descriptors are
//! used only for the configured database ([`take`]).

use crate::core::secure_fs::Dir;
use crate::core::store::OpenedFile;
use std::fs::File;
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use thiserror::Error;

/// Where root names the shared database: one line `db = /path/to/yaodian.redb`.
pub const CONFIG: &str = "/etc/yaodian.conf";
/// The shared database when the configuration names none.
pub const DEFAULT_DB: &str = "/var/lib/yaodian/yaodian.redb";
/// Descriptors opened ahead for redb handles (each needs its own open file description; a
/// command opens at most a few, see `OpenedFile`).
const SPARES: usize = 8;

#[derive(Debug, Error)]
pub enum PrivilegeError {
    #[error("yaodian is installed setuid; it must be setgid only (chmod u-s)")]
    Setuid,
    #[error("could not drop the group privilege: {0}")]
    Drop(std::io::Error),
}

/// The configured shared database, as opened while privileged.
struct Shared {
    path: PathBuf,
    /// The descriptors, or why they could not be opened (said when they are wanted).
    files: Mutex<Result<Pool, String>>,
}

struct Pool {
    keeper: File,
    spare: Vec<File>,
    holder: Option<File>,
}

static SHARED: OnceLock<Option<Shared>> = OnceLock::new();

/// Opens the shared database's descriptors if this process is setgid, then drops the group
/// privilege for good. Call once, first thing, while the process has one thread.
pub fn start() -> Result<(), PrivilegeError> {
    use rustix::process::{getegid, geteuid, getgid, getuid};
    if getuid() != geteuid() {
        return Err(PrivilegeError::Setuid);
    }
    let (real, effective) = (getgid(), getegid());
    if real == effective {
        let _ = SHARED.set(None);
        return Ok(());
    }
    let path = configured_db();
    let files = open_shared(&path);
    rustix::thread::set_thread_res_gid(real, real, real)
        .map_err(|e| PrivilegeError::Drop(e.into()))?;
    if getegid() != real || getgid() != real {
        return Err(PrivilegeError::Drop(std::io::Error::other("still privileged")));
    }
    let _ = SHARED.set(Some(Shared { path, files: Mutex::new(files) }));
    Ok(())
}

/// The shared database's path when this process started setgid.
pub fn shared_path() -> Option<&'static Path> {
    SHARED.get().and_then(Option::as_ref).map(|s| s.path.as_path())
}

/// Whether `path` names the configured shared database (compared as written: the
/// operator cannot resolve paths inside the data directory).
pub fn is_shared(path: &Path) -> bool {
    shared_path().is_some_and(|p| same_path(p, path))
}

/// Descriptors for one store on the shared database, when `path` names it: `None` for any
/// other path (opened with the operator's own rights).
pub fn take(path: &Path) -> Option<Result<OpenedFile, String>> {
    let shared = SHARED.get()?.as_ref()?;
    if !same_path(&shared.path, path) {
        return None;
    }
    let mut files = shared.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    Some(match &mut *files {
        Ok(pool) => pool.lend(&shared.path),
        Err(e) => Err(e.clone()),
    })
}

impl Pool {
    /// A store's descriptors: the keeper and side file duplicated, up to three spares.
    fn lend(&mut self, path: &Path) -> Result<OpenedFile, String> {
        let n = self.spare.len().min(3);
        let spare = self.spare.split_off(self.spare.len() - n);
        let dup = |f: &File| f.try_clone().map_err(|e| e.to_string());
        Ok(OpenedFile {
            path: path.to_path_buf(),
            keeper: dup(&self.keeper)?,
            spare,
            holder: self.holder.as_ref().map(dup).transpose()?,
        })
    }
}

fn same_path(a: &Path, b: &Path) -> bool {
    fn parts(p: &Path) -> Vec<Component<'_>> {
        p.components().filter(|c| !matches!(c, Component::CurDir)).collect()
    }
    parts(a) == parts(b)
}

/// The database `/etc/yaodian.conf` names, if root owns that file and only root may
/// write it; else [`DEFAULT_DB`].
fn configured_db() -> PathBuf {
    let trusted = std::fs::File::open(CONFIG).ok().filter(|f| {
        f.metadata().is_ok_and(|m| m.is_file() && m.uid() == 0 && m.mode() & 0o022 == 0)
    });
    let text = trusted.and_then(|mut f| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::Read::take(&mut f, 4096), &mut s).ok()?;
        Some(s)
    });
    text.as_deref().and_then(db_in_config).unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
}

/// The `db = PATH` line of a configuration (an absolute path).
fn db_in_config(text: &str) -> Option<PathBuf> {
    text.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        let value = Path::new(value.trim());
        (key.trim() == "db" && value.is_absolute()).then(|| value.to_path_buf())
    })
}

/// Opens the directory (every component without following links, owned by root, writable
/// by no one else but the data directory's own group), the database file and its side
/// file: all while privileged.
fn open_shared(path: &Path) -> Result<Pool, String> {
    let say = |e: &dyn std::fmt::Display| format!("shared database {}: {e}", path.display());
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return Err(say(&"not a file path"));
    };
    let dir = Dir::open_root_owned(dir).map_err(|e| say(&e))?;
    let keeper = dir.open_file(name).map_err(|e| say(&e))?;
    let mut spare = Vec::with_capacity(SPARES);
    let again = format!("/proc/self/fd/{}", keeper.as_raw_fd());
    for _ in 0..SPARES {
        let f = std::fs::OpenOptions::new().read(true).write(true).open(&again);
        spare.push(f.map_err(|e| say(&e))?);
    }
    let holder = dir.open_or_create(&crate::core::store::writer::side_name(name), 0o660).ok();
    Ok(Pool { keeper, spare, holder })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configuration_names_an_absolute_database() {
        assert_eq!(
            db_in_config("# shared\ndb = /srv/y/yaodian.redb\n"),
            Some("/srv/y/yaodian.redb".into())
        );
        assert_eq!(db_in_config("db = relative.redb"), None);
        assert_eq!(db_in_config("other = 1"), None);
    }

    #[test]
    fn paths_compare_as_written() {
        assert!(same_path(
            Path::new("/var/lib/yaodian/yaodian.redb"),
            Path::new("/var/lib/yaodian//yaodian.redb")
        ));
        assert!(same_path(
            Path::new("/var/lib/./yaodian/yaodian.redb"),
            Path::new("/var/lib/yaodian/yaodian.redb")
        ));
        assert!(!same_path(
            Path::new("/var/lib/yaodian/yaodian.redb"),
            Path::new("/tmp/yaodian.redb")
        ));
    }

    #[test]
    fn an_ordinary_process_is_not_privileged() {
        start().expect("start");
        assert_eq!(shared_path(), None);
        assert!(take(Path::new(DEFAULT_DB)).is_none());
    }
}
