//! `check`, `backup` and `restore`: the database's integrity and copies of it.

use crate::cli::CliError;
use crate::cli::Context;
use crate::core::identity::Actor;
use crate::core::report::format::full;
use crate::core::safe_text::escape;
use crate::i18n::cli as words;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

/// `yaodian check`: redb's and yaodian's own invariants; changes nothing.
pub fn check(ctx: &Context, out: &mut impl Write) -> Result<()> {
    let store = ctx.open_readonly()?;
    let report = store.check()?;
    for p in &report.problems {
        let line = format!("{} {}: {}", p.plan, p.subject, words::problem(&p.what, ctx.lang));
        writeln!(out, "{}", escape(&line))?;
    }
    for (plan, v) in &report.logs {
        if v.unchained > 0 {
            let line = words::UNCHAINED.fill(ctx.lang, &[("count", &v.unchained)]);
            writeln!(out, "{} {line}", escape(plan))?;
        }
        if let Some(head) = v.head {
            writeln!(out, "{} {} {head}", escape(plan), words::LOG_HEAD.get(ctx.lang))?;
        }
    }
    let line = words::CHECKED.fill(
        ctx.lang,
        &[
            ("path", &store.path().display()),
            ("plans", &report.plans),
            ("targets", &report.targets),
            ("updates", &report.updates),
            ("problems", &report.problems.len()),
        ],
    );
    writeln!(out, "{line}")?;
    if !report.problems.is_empty() {
        out.flush()?;
        return Err(CliError::Problems { count: report.problems.len() }.into());
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
    let line = words::RESTORED.fill(
        ctx.lang,
        &[
            ("plan", &escape(&backup.plan.id)),
            ("title", &escape(&backup.plan.title)),
            ("updates", &backup.updates.len()),
        ],
    );
    writeln!(out, "{line}")?;
    Ok(())
}
