//! `init`: create a database, personal (0600) or shared (directory setgid 2770 owned by a
//! group, file 0660, its first admin named at once), on a local disk.

use crate::cli::Context;
use crate::core::identity::Actor;
use crate::core::safe_text::escape;
use crate::core::shared;
use crate::core::store::roles::Grant;
use crate::core::store::{OpenOptions, Store};
use crate::i18n::cli as words;
use anyhow::{Result, bail};
use std::io::Write;
use std::path::Path;

/// The database's file name inside a shared directory.
const SHARED_NAME: &str = "yaodian.redb";

/// `yaodian init [--shared DIR --group GROUP [--admin USER]]`.
pub fn run(
    ctx: &Context,
    dir: Option<&Path>,
    group: Option<&str>,
    admin: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    let (Some(dir), Some(group)) = (dir, group) else {
        return personal(ctx, out);
    };
    // Every step below goes through descriptors: root runs this, often in a directory
    // others could have prepared (see docs/SECURITY.md, attack 1).
    let (opened_dir, gid) = shared::prepare_dir(dir, group)?;
    let name = match ctx.named_db() {
        Some(db) if db.parent() == Some(dir) => {
            db.file_name().and_then(|n| n.to_str()).unwrap_or(SHARED_NAME)
        }
        Some(db) => bail!("--db {} is not inside {}", db.display(), dir.display()),
        None => SHARED_NAME,
    };
    let existed = opened_dir.open_file(name).is_ok();
    let file = shared::share_db(&opened_dir, name, gid)?;
    let path = file.path.clone();
    let store = Store::open_file(
        file,
        OpenOptions { create: false, readonly: false, mode: 0o660, pin: false },
    )?;
    let plan = ctx.plan_in(&store)?;
    let actor = Actor::current();
    let admin = first_admin(admin, &actor);
    let admins: Vec<String> = if store.grants()?.is_empty() {
        store.grant(&admin, &Grant::Admin, &actor)?;
        vec![admin]
    } else {
        store.grants()?.into_iter().filter(|(_, g)| *g == Grant::Admin).map(|(u, _)| u).collect()
    };
    let said = if existed { words::READY_SHARED } else { words::CREATED_SHARED };
    let (plan, group_name) = (escape(&plan), escape(group));
    writeln!(out, "{}", said.fill(ctx.lang, &[("path", &path.display()), ("plan", &plan)]))?;
    let admins = admins.join(", ");
    let admins = escape(&admins);
    writeln!(
        out,
        "{}",
        words::SHARED_ADMIN.fill(ctx.lang, &[("group", &group_name), ("admin", &admins)])
    )?;
    let exe = std::env::current_exe()
        .map_or_else(|_| "/usr/bin/yaodian".into(), |p| p.display().to_string());
    writeln!(
        out,
        "Roles hold against operators with a shell only when they reach the file through a setgid \
         yaodian and are not in group {group} (docs/SECURITY.md). As root:\n  \
         chown root:{group} {exe} && chmod 2755 {exe}\n  \
         printf 'db = %s\\n' {} > /etc/yaodian.conf",
        path.display()
    )?;
    write!(out, "{}", profile_lines(&path))?;
    Ok(())
}

/// `--admin`, else the user who ran `sudo` (root's environment is root's to trust), else
/// whoever runs `init`.
fn first_admin(named: Option<&str>, actor: &Actor) -> String {
    if let Some(name) = named {
        return name.to_string();
    }
    if actor.uid == 0
        && let Some(user) = std::env::var("SUDO_USER").ok().filter(|u| !u.is_empty() && u != "root")
    {
        return user;
    }
    actor.user.clone()
}

/// A personal database: 0600, never open to others.
fn personal(ctx: &Context, out: &mut impl Write) -> Result<()> {
    let path = ctx.db()?.to_path_buf();
    shared::require_local_disk(&path)?;
    let existed = path.exists();
    let store =
        Store::open(&path, OpenOptions { create: true, readonly: false, mode: 0o600, pin: false })?;
    if let Some(mode) = shared::open_to_others(&path) {
        return Err(shared::SharedError::OpenToOthers { path, mode }.into());
    }
    let plan = ctx.plan_in(&store)?;
    let said = if existed { words::READY } else { words::CREATED };
    let plan = escape(&plan);
    writeln!(out, "{}", said.fill(ctx.lang, &[("path", &path.display()), ("plan", &plan)]))?;
    Ok(())
}

/// What to put in `/etc/profile.d/yaodian.sh` (POSIX sh, sourced by every login shell):
/// the shared database, and a brief for interactive logins that never fails or blocks one.
pub fn profile_lines(db: &Path) -> String {
    let db = db.display().to_string().replace('\'', "'\\''");
    format!(
        "# for every operator's login, put these lines in /etc/profile.d/yaodian.sh:\n\
         YAODIAN_DB='{db}'; export YAODIAN_DB\n\
         case $- in *i*) if command -v yaodian >/dev/null 2>&1; then yaodian brief --quiet-errors; fi ;; esac\n"
    )
}
