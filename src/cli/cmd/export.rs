//! `export`: the ledger (台账) in one of the core's formats with the period's figures, the
//! period report (落实情况报告, `--format docx`), or the full backup.

use crate::cli::CliError;
use crate::cli::Context;
use crate::cli::args::ExportArgs;
use crate::core::filter;
use crate::core::pace::stale::Staleness;
use crate::core::period::Period;
use crate::core::report::{self, format::Format, format::full};
use crate::core::secure_fs;
use crate::core::store::LogFilter;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

/// `yaodian export --format FORMAT`.
pub fn run(ctx: &Context, args: &ExportArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    let format = args.format.0;
    let output = args.output.as_deref();
    if args.full {
        if format != Format::Json {
            return Err(CliError::FullNeedsJson.into());
        }
        let board = store.board(&plan)?;
        let log = store.log(&plan, &LogFilter::default())?;
        let mut buf = Vec::new();
        full::full(&board.plan, log).write(&mut buf)?;
        return write_output(output, &buf, store.file_mode(), out);
    }
    if format.is_binary() && output.is_none() {
        return Err(CliError::NeedsOutput { format: format.name() }.into());
    }
    // The period: the one named (figures as of its due day, or today if that is later),
    // else the one the as-of date falls in.
    let today = ctx.today();
    let settings = store.plan_settings(&plan)?;
    let (period, as_of) = match (&args.period, args.as_of) {
        (Some(p), _) => {
            let p = Period::parse(p, settings.rhythm)?;
            (p, p.due(settings.due_day).min(today))
        }
        (None, Some(day)) => (Period::containing(day, &settings), day),
        (None, None) => (Period::containing(today, &settings), today),
    };
    let board = store.board(&plan)?;
    let log = store.log(&plan, &LogFilter::default())?;
    let cutoff = ctx.clock.end_of_day(as_of);
    // As it stood at the end of the as-of day; with --today alone, the values as they are
    // measured on that day, as `status` and the board's `E` show them.
    let replayed;
    let (past, eval) =
        if args.period.is_none() && args.as_of.is_none() && ctx.pretend_today.is_some() {
            (&board, crate::core::pace::evaluate(&board, today, &Default::default()))
        } else {
            let (past, eval) = report::evaluate_as_of(&board, &log, as_of, cutoff);
            replayed = past;
            (&replayed, eval)
        };
    let keep = filter::by_query(&past.plan, args.dept.as_deref())?;
    let mut ledger = report::ledger(past, &eval, args.by.into(), &keep);
    let stale = Staleness::of(past, &eval, settings.stale_days, &ctx.clock);
    ledger.mark_stale(past, &stale);
    report::add_period_until(
        &mut ledger,
        &board,
        &log,
        (period, settings.due_day),
        as_of,
        &ctx.clock,
        ctx.lang,
    );
    let mut buf = Vec::new();
    format.write(&ledger, ctx.lang, &mut buf)?;
    write_output(output, &buf, store.file_mode(), out)
}

/// To the file (and its name on stderr), else to standard output. A file is written with
/// the database's mode, through a temporary file renamed into place: never through a
/// planted symlink, and nothing left behind on failure.
fn write_output(
    output: Option<&Path>,
    bytes: &[u8],
    mode: u32,
    out: &mut impl Write,
) -> Result<()> {
    match output {
        Some(path) => {
            secure_fs::save_file(path, bytes, mode)?;
            eprintln!("{}", path.display());
        }
        None => out.write_all(bytes)?,
    }
    Ok(())
}
