//! `check`, `backup` and `restore`: the database's integrity and copies of it.

use crate::cli::Context;
use crate::core::identity::Actor;
use crate::core::report::format::full;
use crate::core::safe_text::escape;
use anyhow::{Result, bail};
use std::io::Write;
use std::path::Path;

/// `yaodian check`: redb's and yaodian's own invariants; changes nothing.
pub fn check(ctx: &Context, out: &mut impl Write) -> Result<()> {
    let store = ctx.open_readonly()?;
    let report = store.check()?;
    for p in &report.problems {
        let line = format!("{} {}: {}", p.plan, p.subject, p.message);
        writeln!(out, "{}", escape(&line))?;
    }
    for (plan, v) in &report.logs {
        if v.unchained > 0 {
            writeln!(
                out,
                "{} {}",
                escape(plan),
                ctx.lang.pick(
                    &format!("日志前{}条早于哈希链（只核对数值与序号）", v.unchained),
                    &format!(
                        "log: the first {} entries predate the hash chain (checked for sequence and values only)",
                        v.unchained
                    )
                )
            )?;
        }
        if let Some(head) = v.head {
            writeln!(out, "{} {} {head}", escape(plan), ctx.lang.pick("日志链头", "log head"))?;
        }
    }
    writeln!(
        out,
        "{}: {} plans, {} targets, {} updates, {} problems",
        store.path().display(),
        report.plans,
        report.targets,
        report.updates,
        report.problems.len()
    )?;
    if !report.problems.is_empty() {
        out.flush()?;
        bail!("{} problems found", report.problems.len());
    }
    Ok(())
}

/// `yaodian backup FILE`: a consistent copy while others keep working.
pub fn backup(ctx: &Context, file: &Path, out: &mut impl Write) -> Result<()> {
    let store = ctx.open_readonly()?;
    store.backup(file)?;
    writeln!(out, "{}", file.display())?;
    Ok(())
}

/// `yaodian restore FILE`: a plan and its log from `export --format json --full`.
pub fn restore(ctx: &Context, file: &Path, out: &mut impl Write) -> Result<()> {
    let backup = full::read_full(file)?;
    let actor = Actor::current();
    // Refuse from a read-only handle first: a refused restore leaves the file untouched.
    if ctx.db_exists()? {
        ctx.open_readonly()?.preflight_restore(&backup.plan, &backup.updates, &actor)?;
    }
    let store = ctx.open(true)?;
    store.restore(&backup.plan, &backup.updates, &actor)?;
    writeln!(
        out,
        "{} {} ({}): {} {}",
        ctx.lang.pick("已恢复", "restored"),
        escape(&backup.plan.id),
        escape(&backup.plan.title),
        backup.updates.len(),
        ctx.lang.pick("条记录", "updates")
    )?;
    Ok(())
}
