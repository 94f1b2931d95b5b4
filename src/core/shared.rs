//! Setting up a database for a group of operators on one server, and the checks that keep
//! it safe: local disk only (network filesystems' locks cannot be trusted), group-only access.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
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

/// Creates (or tightens) `dir` as a shared directory: owned by `group`, mode 2770 (setgid,
/// so files made inside belong to the group). Refuses a directory that others can enter.
pub fn prepare_dir(dir: &Path, group: &str) -> Result<u32, SharedError> {
    let io = |source| SharedError::Io { path: dir.to_path_buf(), source };
    let gid = group_id(group).ok_or_else(|| SharedError::NoGroup(group.to_string()))?;
    require_local_disk(dir)?;
    match std::fs::metadata(dir) {
        Ok(m) if m.mode() & 0o007 != 0 => {
            return Err(SharedError::OpenToOthers {
                path: dir.to_path_buf(),
                mode: m.mode() & 0o7777,
            });
        }
        Ok(_) => {}
        Err(_) => std::fs::create_dir_all(dir).map_err(io)?,
    }
    std::os::unix::fs::chown(dir, None, Some(gid)).map_err(io)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o2770)).map_err(io)?;
    Ok(gid)
}

/// Gives a database file to the group, mode 0660.
pub fn share_file(path: &Path, gid: u32) -> Result<(), SharedError> {
    let io = |source| SharedError::Io { path: path.to_path_buf(), source };
    std::os::unix::fs::chown(path, None, Some(gid)).map_err(io)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660)).map_err(io)
}

/// Whether a file's permissions let users outside its owner and group read or write it.
pub fn open_to_others(path: &Path) -> Option<u32> {
    let mode = std::fs::metadata(path).ok()?.mode();
    (mode & 0o006 != 0).then_some(mode & 0o7777)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let gid = prepare_dir(&shared, "root").expect("prepare");
        assert_eq!(gid, 0);
        let mode = std::fs::metadata(&shared).expect("meta").mode() & 0o7777;
        assert_eq!(mode, 0o2770);
        let open = dir.path().join("open");
        std::fs::create_dir(&open).expect("mkdir");
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).expect("chmod");
        assert!(matches!(prepare_dir(&open, "root"), Err(SharedError::OpenToOthers { .. })));
        assert!(matches!(prepare_dir(&shared, "no-such-group-x"), Err(SharedError::NoGroup(_))));
    }
}
