//! Who is writing: the Unix user of this process, from its uid (never from `$USER`, which
//! anyone can set).

/// The operator recorded with every update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub uid: u32,
}

impl Actor {
    /// The user running this process: its real uid (a setgid yaodian runs with the
    /// operator's own uid; nothing in the environment can change it), named from the
    /// password database, else `uid<N>`.
    pub fn current() -> Actor {
        let uid = rustix::process::getuid().as_raw();
        Actor { user: name_of(uid), uid }
    }
}

/// The user name of `uid`, else `uid<N>`.
pub fn name_of(uid: u32) -> String {
    user_name(uid).unwrap_or_else(|| format!("uid{uid}"))
}

/// Looks a uid up in `/etc/passwd`, then with `getent` (for LDAP/NSS users).
fn user_name(uid: u32) -> Option<String> {
    if let Ok(passwd) = std::fs::read_to_string("/etc/passwd")
        && let Some(name) = name_in_passwd(&passwd, uid)
    {
        return Some(name);
    }
    let out =
        std::process::Command::new("getent").args(["passwd", &uid.to_string()]).output().ok()?;
    name_in_passwd(&String::from_utf8_lossy(&out.stdout), uid)
}

fn name_in_passwd(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id: u32 = fields.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn finds_names_in_passwd_lines() {
        let passwd =
            "root:x:0:0:root:/root:/bin/bash\nwang:x:1001:1001::/home/wang:/bin/sh\nbad line\n";
        assert_eq!(name_in_passwd(passwd, 1001).as_deref(), Some("wang"));
        assert_eq!(name_in_passwd(passwd, 0).as_deref(), Some("root"));
        assert_eq!(name_in_passwd(passwd, 7), None);
    }

    #[test]
    fn current_user_ignores_the_user_variable() {
        // The uid is the process's own, whatever $USER says.
        let me = Actor::current();
        let expected = std::fs::metadata("/proc/self").map(|m| m.uid()).expect("proc");
        assert_eq!(me.uid, expected);
        assert!(!me.user.is_empty());
    }
}
