//! `init`: create a database, personal (0600) or shared by a group (directory setgid 2770,
//! file 0660), on a local disk.

use crate::cli::Context;
use crate::core::shared;
use crate::core::store::{OpenOptions, Store};
use crate::i18n::cli as words;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

/// `yaodian init [--shared DIR --group GROUP]`.
pub fn run(
    ctx: &Context,
    dir: Option<&Path>,
    group: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    let (path, gid) = match (dir, group) {
        (Some(dir), Some(group)) => {
            let gid = shared::prepare_dir(dir, group)?;
            let path = ctx.named_db().map_or_else(|| dir.join("yaodian.redb"), Path::to_path_buf);
            (path, Some(gid))
        }
        _ => (ctx.db()?.to_path_buf(), None),
    };
    shared::require_local_disk(&path)?;
    let existed = path.exists();
    let mode = if gid.is_some() { 0o660 } else { 0o600 };
    let store = Store::open(&path, OpenOptions { create: true, readonly: false, mode })?;
    if let Some(gid) = gid {
        shared::share_file(&path, gid)?;
    } else if let Some(mode) = shared::open_to_others(&path) {
        return Err(shared::SharedError::OpenToOthers { path, mode }.into());
    }
    let plan = ctx.plan_in(&store)?;
    let said = match (existed, gid.is_some()) {
        (false, false) => words::CREATED,
        (true, false) => words::READY,
        (false, true) => words::CREATED_SHARED,
        (true, true) => words::READY_SHARED,
    };
    writeln!(out, "{}", said.fill(ctx.lang, &[("path", &path.display()), ("plan", &plan)]))?;
    if gid.is_some() {
        write!(out, "{}", profile_lines(&path))?;
    }
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
