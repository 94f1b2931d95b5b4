//! File operations that never follow a path twice: a directory is opened once with
//! `O_DIRECTORY|O_NOFOLLOW` and everything after is relative to its descriptor; files are
//! created with `O_EXCL|O_NOFOLLOW` and changed through their descriptors (`fchown`,
//! `fchmod`), so a symlink or a file swapped in between two steps is refused or replaced,
//! never followed. Root's `init --shared` and every export write through here.

use rustix::fs::{AtFlags, Mode, OFlags};
use std::fs::File;
use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum FsError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is a symbolic link; refusing to follow it")]
    Symlink { path: PathBuf },
    #[error("{path} belongs to uid {owner}, not to root or you; refusing to use it")]
    ForeignOwner { path: PathBuf, owner: u32 },
    #[error("{path} is writable by others (mode {mode:o}); anyone could swap what is inside it")]
    Writable { path: PathBuf, mode: u32 },
    #[error("{path} is not a regular file")]
    NotAFile { path: PathBuf },
}

fn io(path: &Path) -> impl Fn(rustix::io::Errno) -> FsError + '_ {
    move |e| FsError::Io { path: path.to_path_buf(), source: e.into() }
}

/// A directory held open: everything inside is reached relative to it.
#[derive(Debug)]
pub struct Dir {
    fd: OwnedFd,
    path: PathBuf,
}

impl Dir {
    /// Opens `path`, every component with `O_NOFOLLOW`, creating missing ones (the last with
    /// `mode`, the others 0755). Each directory on the way must belong to root or to this
    /// user and, unless sticky (like /tmp), be writable by no one else: otherwise another
    /// user could rename a component and redirect what follows.
    pub fn open_checked(path: &Path, mode: u32) -> Result<Dir, FsError> {
        Dir::walk(path, Some(mode), rustix::process::getuid().as_raw())
    }

    /// Opens the existing directory `path` the way [`Dir::open_checked`] does, trusting
    /// only root's directories on the way: what a setgid yaodian opens before it drops its
    /// group.
    pub fn open_root_owned(path: &Path) -> Result<Dir, FsError> {
        Dir::walk(path, None, 0)
    }

    fn walk(path: &Path, create: Option<u32>, me: u32) -> Result<Dir, FsError> {
        let absolute =
            if path.is_absolute() { path.to_path_buf() } else { current_dir()?.join(path) };
        let mut fd =
            rustix::fs::open("/", dir_flags(), Mode::empty()).map_err(io(Path::new("/")))?;
        let mut at = PathBuf::from("/");
        let parts: Vec<_> = absolute.components().collect();
        for (k, part) in parts.iter().enumerate() {
            let name = match part {
                Component::RootDir => continue,
                Component::Normal(n) => *n,
                _ => {
                    return Err(FsError::Io {
                        path: absolute.clone(),
                        source: std::io::Error::other("a path with . or .. is not allowed here"),
                    });
                }
            };
            at.push(name);
            let last = k + 1 == parts.len();
            let next = match rustix::fs::openat(&fd, name, dir_flags(), Mode::empty()) {
                Ok(next) => next,
                Err(rustix::io::Errno::NOENT) if create.is_some() => {
                    let m = if last { create.unwrap_or(0o700) } else { 0o755 };
                    match rustix::fs::mkdirat(&fd, name, Mode::from_raw_mode(m)) {
                        Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                        Err(e) => return Err(io(&at)(e)),
                    }
                    rustix::fs::openat(&fd, name, dir_flags(), Mode::empty()).map_err(io(&at))?
                }
                Err(rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR) => {
                    let st = rustix::fs::statat(&fd, name, AtFlags::SYMLINK_NOFOLLOW)
                        .map_err(io(&at))?;
                    return Err(if st.st_mode & 0o170_000 == 0o120_000 {
                        FsError::Symlink { path: at }
                    } else {
                        FsError::NotAFile { path: at }
                    });
                }
                Err(e) => return Err(io(&at)(e)),
            };
            check_trusted(&next, &at, me, last)?;
            fd = next;
        }
        Ok(Dir { fd, path: absolute })
    }

    /// Opens `path` as it is (following the user's own symlinks): for writing exports into
    /// a directory the user names.
    pub fn open(path: &Path) -> Result<Dir, FsError> {
        let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
        let fd = rustix::fs::open(path, dir_flags().difference(OFlags::NOFOLLOW), Mode::empty())
            .map_err(io(path))?;
        Ok(Dir { fd, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Gives the directory to `gid` with `mode` (through its descriptor).
    pub fn set_group_and_mode(&self, gid: u32, mode: u32) -> Result<(), FsError> {
        rustix::fs::fchown(&self.fd, None, Some(rustix::fs::Gid::from_raw(gid)))
            .map_err(io(&self.path))?;
        rustix::fs::fchmod(&self.fd, Mode::from_raw_mode(mode)).map_err(io(&self.path))
    }

    /// The directory's owner, group and mode.
    pub fn stat(&self) -> Result<rustix::fs::Stat, FsError> {
        rustix::fs::fstat(&self.fd).map_err(io(&self.path))
    }

    /// Creates `name` inside, `O_EXCL|O_NOFOLLOW`: never an existing file, never a link.
    pub fn create_new(&self, name: &str, mode: u32) -> Result<File, FsError> {
        let flags =
            OFlags::CREATE | OFlags::EXCL | OFlags::RDWR | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name, flags, Mode::from_raw_mode(mode))
            .map_err(io(&self.path.join(name)))?;
        Ok(File::from(fd))
    }

    /// Opens the existing regular file `name` inside for reading and writing, refusing a link.
    pub fn open_file(&self, name: &str) -> Result<File, FsError> {
        let path = self.path.join(name);
        let flags = OFlags::RDWR | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = match rustix::fs::openat(&self.fd, name, flags, Mode::empty()) {
            Ok(fd) => fd,
            Err(rustix::io::Errno::LOOP) => return Err(FsError::Symlink { path }),
            Err(e) => return Err(io(&path)(e)),
        };
        let file = File::from(fd);
        let meta = file.metadata().map_err(|source| FsError::Io { path: path.clone(), source })?;
        if !meta.is_file() {
            return Err(FsError::NotAFile { path });
        }
        Ok(file)
    }

    /// Removes `name` inside (a file, never what a link points to).
    pub fn remove(&self, name: &str) {
        let _ = rustix::fs::unlinkat(&self.fd, name, AtFlags::empty());
    }

    /// Opens `name` inside for reading and writing, creating it with `mode` if missing;
    /// never through a link.
    pub fn open_or_create(&self, name: &str, mode: u32) -> Result<File, FsError> {
        let flags = OFlags::CREATE | OFlags::RDWR | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name, flags, Mode::from_raw_mode(mode))
            .map_err(io(&self.path.join(name)))?;
        Ok(File::from(fd))
    }

    /// Hard-links `from` to `to` inside (fails if `to` exists), then removes `from`.
    pub fn link_into_place(&self, from: &str, to: &str) -> Result<(), FsError> {
        let linked = rustix::fs::linkat(&self.fd, from, &self.fd, to, AtFlags::empty());
        let _ = rustix::fs::unlinkat(&self.fd, from, AtFlags::empty());
        linked.map_err(io(&self.path.join(to)))
    }

    /// Writes `bytes` to `name` inside: into a new temporary file (`O_EXCL|O_NOFOLLOW`, mode
    /// `mode`), synced, then renamed over `name` — which replaces a symlink planted there
    /// instead of writing through it. On any failure nothing is left behind.
    pub fn save(&self, name: &str, bytes: &[u8], mode: u32) -> Result<PathBuf, FsError> {
        self.save_with(name, mode, |file| {
            file.write_all(bytes)
                .map_err(|source| FsError::Io { path: self.path.join(name), source })
        })
    }

    /// [`Dir::save`] of what `write` writes into the file as it goes (a document streamed
    /// from the store, never whole in memory); an error from `write` leaves nothing behind.
    pub fn save_with<E: From<FsError>>(
        &self,
        name: &str,
        mode: u32,
        write: impl FnOnce(&mut File) -> Result<(), E>,
    ) -> Result<PathBuf, E> {
        let path = self.path.join(name);
        let tmp = format!(".{name}.{}.tmp", std::process::id());
        let _ = rustix::fs::unlinkat(&self.fd, tmp.as_str(), AtFlags::empty());
        let written = (|| {
            let mut file = self.create_new(&tmp, mode)?;
            // the umask may have narrowed the mode; the file is ours, so set it exactly
            rustix::fs::fchmod(&file, Mode::from_raw_mode(mode)).map_err(io(&path))?;
            write(&mut file)?;
            file.sync_all().map_err(|source| FsError::Io { path: path.clone(), source })?;
            rustix::fs::renameat(&self.fd, tmp.as_str(), &self.fd, name).map_err(io(&path))?;
            Ok(())
        })();
        if written.is_err() {
            let _ = rustix::fs::unlinkat(&self.fd, tmp.as_str(), AtFlags::empty());
        }
        written.map(|()| path)
    }
}

impl AsFd for Dir {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

fn dir_flags() -> OFlags {
    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC
}

fn current_dir() -> Result<PathBuf, FsError> {
    std::env::current_dir().map_err(|source| FsError::Io { path: PathBuf::from("."), source })
}

/// A directory on the way to a privileged file must belong to root or to `me`, and nobody
/// else may write to it unless it is sticky. The last one (the data directory itself) may
/// be group-writable: its group is set by the caller.
fn check_trusted(fd: &OwnedFd, path: &Path, me: u32, last: bool) -> Result<(), FsError> {
    let st = rustix::fs::fstat(fd).map_err(io(path))?;
    if st.st_uid != 0 && st.st_uid != me {
        return Err(FsError::ForeignOwner { path: path.to_path_buf(), owner: st.st_uid });
    }
    let sticky = st.st_mode & 0o1000 != 0;
    let others = if last { 0o002 } else { 0o022 };
    if st.st_mode & others != 0 && !sticky {
        return Err(FsError::Writable { path: path.to_path_buf(), mode: st.st_mode & 0o7777 });
    }
    Ok(())
}

/// Writes `bytes` to the file `path` the safe way ([`Dir::save`]): for exports.
pub fn save_file(path: &Path, bytes: &[u8], mode: u32) -> Result<PathBuf, FsError> {
    save_file_with(path, mode, |file| {
        file.write_all(bytes).map_err(|source| FsError::Io { path: path.to_path_buf(), source })
    })
}

/// [`save_file`] of what `write` writes as it goes ([`Dir::save_with`]).
pub fn save_file_with<E: From<FsError>>(
    path: &Path,
    mode: u32,
    write: impl FnOnce(&mut File) -> Result<(), E>,
) -> Result<PathBuf, E> {
    let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| FsError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other("not a file name"),
    })?;
    let dir = Dir::open(path.parent().unwrap_or(Path::new("")))?;
    dir.save_with(name, mode, write)?;
    Ok(path.to_path_buf())
}

/// The permission bits a file gets when it mirrors `original` (never wider than owner and
/// group read/write): exports take the database's mode.
pub fn mirrored_mode(original: &Path) -> u32 {
    mode_of(std::fs::metadata(original))
}

/// The owner and group read/write bits of a file's metadata (0600 when it has none).
pub fn mode_of(meta: std::io::Result<std::fs::Metadata>) -> u32 {
    meta.map_or(0o600, |m| m.mode() & 0o660)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_planted_symlink_is_replaced_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").expect("victim");
        let out = dir.path().join("ledger.md");
        std::os::unix::fs::symlink(&victim, &out).expect("symlink");
        save_file(&out, b"ledger", 0o640).expect("save");
        assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "precious");
        assert_eq!(std::fs::read_to_string(&out).expect("ledger"), "ledger");
        let meta = std::fs::symlink_metadata(&out).expect("meta");
        assert!(meta.is_file());
        assert_eq!(meta.mode() & 0o777, 0o640);
    }

    #[test]
    fn a_failed_save_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        // the target name is a directory: the rename fails
        std::fs::create_dir(dir.path().join("taken")).expect("mkdir");
        std::fs::write(dir.path().join("taken/x"), "").expect("x");
        assert!(save_file(&dir.path().join("taken"), b"ledger", 0o600).is_err());
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("ls").map(|e| e.expect("e").file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("taken")]);
    }

    #[test]
    fn symlinked_and_open_directories_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real");
        std::fs::create_dir(&real).expect("mkdir");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        assert!(matches!(Dir::open_checked(&link, 0o700), Err(FsError::Symlink { .. })));
        assert!(matches!(
            Dir::open_checked(&link.join("inside"), 0o700),
            Err(FsError::Symlink { .. })
        ));
        let open = dir.path().join("open");
        std::fs::create_dir(&open).expect("mkdir");
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).expect("chmod");
        assert!(matches!(
            Dir::open_checked(&open.join("data"), 0o700),
            Err(FsError::Writable { .. })
        ));
        let made = Dir::open_checked(&dir.path().join("new/data"), 0o700).expect("created");
        assert_eq!(made.stat().expect("stat").st_mode & 0o777, 0o700);
        let f = made.create_new("db", 0o600).expect("create");
        drop(f);
        assert!(made.create_new("db", 0o600).is_err(), "O_EXCL");
        std::os::unix::fs::symlink(&real, dir.path().join("new/data/ln")).expect("symlink");
        assert!(matches!(made.open_file("ln"), Err(FsError::Symlink { .. })));
    }
}
