//! `check`, `backup` and `restore`: the database's integrity and copies of it.

use crate::cli::CliError;
use crate::cli::Context;
use crate::core::identity::Actor;
use crate::core::report::format::full;
use crate::i18n::cli as words;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

/// `yaodian check`: redb's and yaodian's own invariants; changes nothing.
pub fn check(ctx: &Context, out: &mut impl Write) -> Result<()> {
    let store = ctx.open_readonly()?;
    let report = store.check()?;
    for p in &report.problems {
        writeln!(out, "{} {}: {}", p.plan, p.subject, words::problem(&p.what, ctx.lang))?;
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
    let store = ctx.open(true)?;
    store.restore(&backup.plan, &backup.updates, &Actor::current())?;
    let line = words::RESTORED.fill(
        ctx.lang,
        &[
            ("plan", &backup.plan.id),
            ("title", &backup.plan.title),
            ("updates", &backup.updates.len()),
        ],
    );
    writeln!(out, "{line}")?;
    Ok(())
}
