//! Setting up a database for a group of operators on one server, and the checks that keep
//! it safe: local disk only (network filesystems' locks cannot be trusted), group-only access.

use crate::core::secure_fs::{Dir, FsError};
use crate::core::store::{OpenedFile, Store, StoreError};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum SharedError {
    #[error("no group {0:?} on this machine (create it with groupadd, then add the operators)")]
    NoGroup(String),
    #[error(
        "{path} is on a {fstype} filesystem, whose file locks cannot be trusted; use a local disk"
    )]
    NetworkFs { path: PathBuf, fstype: String },
    #[error(
        "{path} is open to others (mode {mode:o}); remove the permissions of others first (chmod o-rwx)"
    )]
    OpenToOthers { path: PathBuf, mode: u32 },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} exists and is not a yaodian database of its own (a link, or another file)")]
    NotADatabase { path: PathBuf },
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Filesystem types whose byte-range locks are not reliable between machines.
const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "lustre",
    "fuse.sshfs",
    "fuse.rclone",
    "davfs",
    "fuse.s3fs",
];

/// The gid of a group, from `/etc/group`, then `getent group` (LDAP/NSS).
pub fn group_id(name: &str) -> Option<u32> {
    let find = |text: &str| {
        text.lines().find_map(|line| {
            let mut f = line.split(':');
            let n = f.next()?;
            let gid = f.nth(1)?.parse().ok()?;
            (n == name).then_some(gid)
        })
    };
    if let Ok(text) = std::fs::read_to_string("/etc/group")
        && let Some(gid) = find(&text)
    {
        return Some(gid);
    }
    let out = std::process::Command::new("getent").args(["group", name]).output().ok()?;
    find(&String::from_utf8_lossy(&out.stdout))
}

/// The filesystem type holding `path` (its deepest mount point), from /proc/self/mountinfo.
pub fn filesystem_type(path: &Path) -> Option<String> {
    let info = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let target = existing_ancestor(path)?.canonicalize().ok()?;
    fs_type_in(&info, &target)
}

fn existing_ancestor(path: &Path) -> Option<&Path> {
    path.ancestors().find(|p| p.exists() && !p.as_os_str().is_empty()).or(Some(Path::new(".")))
}

fn fs_type_in(mountinfo: &str, target: &Path) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mountinfo.lines() {
        // id parent major:minor root mount-point options… - fstype source super-options
        let mut parts = line.split(" - ");
        let (Some(left), Some(right)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Some(mount) = left.split(' ').nth(4) else {
            continue;
        };
        let mount = mount.replace("\\040", " ");
        let Some(fstype) = right.split(' ').next() else {
            continue;
        };
        if target.starts_with(&mount) && best.as_ref().is_none_or(|(len, _)| mount.len() >= *len) {
            best = Some((mount.len(), fstype.to_string()));
        }
    }
    best.map(|(_, t)| t)
}

/// Refuses a path on a network filesystem.
pub fn require_local_disk(path: &Path) -> Result<(), SharedError> {
    match filesystem_type(path) {
        Some(t) if NETWORK_FS.contains(&t.as_str()) || t.starts_with("nfs") => {
            Err(SharedError::NetworkFs { path: path.to_path_buf(), fstype: t })
        }
        _ => Ok(()),
    }
}

/// Opens (creating it if missing) `dir` as a shared directory without following a link on
/// the way ([`Dir::open_checked`]), and gives it to `group` with mode 2770 (setgid, so files
/// made inside belong to the group) through its descriptor. Refuses a directory others can
/// enter, one owned by another user, or one under a directory others can write.
pub fn prepare_dir(dir: &Path, group: &str) -> Result<(Dir, u32), SharedError> {
    let gid = group_id(group).ok_or_else(|| SharedError::NoGroup(group.to_string()))?;
    require_local_disk(dir)?;
    let opened = Dir::open_checked(dir, 0o2770)?;
    let mode = opened.stat()?.st_mode & 0o7777;
    if mode & 0o007 != 0 {
        return Err(SharedError::OpenToOthers { path: dir.to_path_buf(), mode });
    }
    opened.set_group_and_mode(gid, 0o2770)?;
    Ok((opened, gid))
}

/// The shared database `name` inside `dir`, owned by this user and `gid`, mode 0660, set
/// through descriptors: an existing file is opened with `O_NOFOLLOW` and must be a redb
/// file with one link (never a link planted to a system file); a new one is created under
/// a temporary name with `O_EXCL`, given its owner and mode, initialised, and only then
/// linked into place — there is no moment when the final name holds a file of the wrong
/// owner, and no path is followed twice.
pub fn share_db(dir: &Dir, name: &str, gid: u32) -> Result<OpenedFile, SharedError> {
    let path = dir.path().join(name);
    let me = Some(rustix::process::getuid());
    let gid = Some(rustix::fs::Gid::from_raw(gid));
    let io = |e: rustix::io::Errno| SharedError::Io { path: path.clone(), source: e.into() };
    let give = |file: &std::fs::File| -> Result<(), SharedError> {
        rustix::fs::fchown(file, me, gid).map_err(io)?;
        rustix::fs::fchmod(file, rustix::fs::Mode::from_raw_mode(0o660)).map_err(io)
    };
    match dir.open_file(name) {
        Ok(file) => {
            let meta =
                file.metadata().map_err(|source| SharedError::Io { path: path.clone(), source })?;
            let mut head = [0u8; 4];
            let is_redb = std::os::unix::fs::FileExt::read_exact_at(&file, &mut head, 0).is_ok()
                && &head == b"redb";
            if meta.nlink() != 1 || !is_redb {
                return Err(SharedError::NotADatabase { path });
            }
            give(&file)?;
            let side = dir.open_or_create(&crate::core::store::writer::side_name(name), 0o660)?;
            give(&side)?;
            Ok(OpenedFile { path, keeper: file, spare: Vec::new(), holder: Some(side) })
        }
        Err(FsError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            let tmp = format!("{name}.new-{}", std::process::id());
            let file = dir.create_new(&tmp, 0o660)?;
            let made = (|| {
                give(&file)?;
                let clone = file
                    .try_clone()
                    .map_err(|source| SharedError::Io { path: path.clone(), source })?;
                Store::create_in(clone, &path)?;
                Ok::<(), SharedError>(())
            })();
            if let Err(e) = made {
                dir.remove(&tmp);
                return Err(e);
            }
            dir.link_into_place(&tmp, name)?;
            let side = dir.open_or_create(&crate::core::store::writer::side_name(name), 0o660)?;
            give(&side)?;
            Ok(OpenedFile { path, keeper: file, spare: Vec::new(), holder: Some(side) })
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether a file's permissions let users outside its owner and group read or write it.
pub fn open_to_others(path: &Path) -> Option<u32> {
    let mode = std::fs::metadata(path).ok()?.mode();
    (mode & 0o006 != 0).then_some(mode & 0o7777)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    const MOUNTINFO: &str = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 0:40 / /srv/nfs rw shared:2 - nfs4 server:/export rw
31 22 0:41 / /srv/nfs/local rw shared:3 - tmpfs tmpfs rw
";

    #[test]
    fn the_deepest_mount_decides() {
        assert_eq!(fs_type_in(MOUNTINFO, Path::new("/home/a")).as_deref(), Some("ext4"));
        assert_eq!(fs_type_in(MOUNTINFO, Path::new("/srv/nfs/db")).as_deref(), Some("nfs4"));
        assert_eq!(fs_type_in(MOUNTINFO, Path::new("/srv/nfs/local/x")).as_deref(), Some("tmpfs"));
    }

    #[test]
    fn local_temp_dirs_pass() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(require_local_disk(&dir.path().join("new/sub")).is_ok());
    }

    #[test]
    fn shared_dirs_are_setgid_and_closed_to_others() {
        let dir = tempfile::tempdir().expect("tempdir");
        let shared = dir.path().join("shared");
        let (_, gid) = prepare_dir(&shared, "root").expect("prepare");
        assert_eq!(gid, 0);
        let mode = std::fs::metadata(&shared).expect("meta").mode() & 0o7777;
        assert_eq!(mode, 0o2770);
        let open = dir.path().join("open");
        std::fs::create_dir(&open).expect("mkdir");
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert!(matches!(prepare_dir(&open, "root"), Err(SharedError::OpenToOthers { .. })));
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).expect("chmod");
        assert!(matches!(
            prepare_dir(&open, "root"),
            Err(SharedError::Fs(FsError::Writable { .. }))
        ));
        assert!(matches!(prepare_dir(&shared, "no-such-group-x"), Err(SharedError::NoGroup(_))));
    }

    /// Attack 1 of docs/SECURITY.md: a link planted where root's `init --shared` makes its
    /// directory or database is refused, never followed; a new database is given its group
    /// and mode before it has its final name.
    #[test]
    fn init_never_follows_a_planted_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("etc-some-dir");
        std::fs::create_dir(&victim).expect("mkdir");
        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let planted = dir.path().join("data");
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        assert!(matches!(
            prepare_dir(&planted, "root"),
            Err(SharedError::Fs(FsError::Symlink { .. }))
        ));
        assert_eq!(std::fs::metadata(&victim).expect("meta").mode() & 0o7777, 0o755);

        let shared = dir.path().join("shared");
        let (opened, gid) = prepare_dir(&shared, "root").expect("prepare");
        let secret = dir.path().join("secret");
        std::fs::write(&secret, "root only").expect("secret");
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        std::os::unix::fs::symlink(&secret, shared.join("yaodian.redb")).expect("symlink");
        assert!(share_db(&opened, "yaodian.redb", gid).is_err());
        assert_eq!(std::fs::metadata(&secret).expect("meta").mode() & 0o777, 0o600);
        std::fs::remove_file(shared.join("yaodian.redb")).expect("rm");
        std::fs::hard_link(&secret, shared.join("yaodian.redb")).expect("hard link");
        assert!(matches!(
            share_db(&opened, "yaodian.redb", gid),
            Err(SharedError::NotADatabase { .. })
        ));
        assert_eq!(std::fs::metadata(&secret).expect("meta").mode() & 0o777, 0o600);
        std::fs::remove_file(shared.join("yaodian.redb")).expect("rm");

        let made = share_db(&opened, "yaodian.redb", gid).expect("created");
        let meta = std::fs::symlink_metadata(&made.path).expect("meta");
        assert!(meta.is_file());
        assert_eq!((meta.mode() & 0o777, meta.gid(), meta.nlink()), (0o660, gid, 1));
        let mut names: Vec<_> =
            std::fs::read_dir(&shared).expect("ls").map(|e| e.expect("e").file_name()).collect();
        names.sort();
        let expected = ["yaodian.redb", "yaodian.redb.writer"].map(std::ffi::OsString::from);
        assert_eq!(names, expected, "no temporary left");
        Store::open_file(made, crate::core::store::OpenOptions::default()).expect("opens");
    }
}
