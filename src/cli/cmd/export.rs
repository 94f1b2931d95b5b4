//! `export`: the ledger (台账) in one of the core's formats, or the full backup.

use super::board_on;
use crate::cli::CliError;
use crate::cli::Context;
use crate::cli::args::ExportArgs;
use crate::core::filter;
use crate::core::report::{self, format::Format, format::full};
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
        return write_output(output, &buf, out);
    }
    // As it stood at the end of --as-of (default: today); with --today and no --as-of, the
    // values as they are measured on that day, as the board's `E` writes them.
    let as_of = match (args.as_of, ctx.pretend_today) {
        (None, Some(_)) => None,
        (as_of, _) => Some(as_of.unwrap_or_else(|| ctx.clock.today())),
    };
    let (board, eval) = board_on(&store, &plan, as_of, ctx.today(), &ctx.clock)?;
    let keep = filter::by_query(&board.plan, args.dept.as_deref())?;
    let ledger = report::ledger(&board, &eval, args.by.into(), &keep);
    if format.is_binary() && output.is_none() {
        return Err(CliError::NeedsOutput { format: format.name() }.into());
    }
    let mut buf = Vec::new();
    format.write(&ledger, ctx.lang, &mut buf)?;
    write_output(output, &buf, out)
}

/// To the file (and its name on stderr), else to standard output.
fn write_output(output: Option<&Path>, bytes: &[u8], out: &mut impl Write) -> Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, bytes)
                .map_err(|source| CliError::Write { path: path.to_path_buf(), source })?;
            eprintln!("{}", path.display());
        }
        None => out.write_all(bytes)?,
    }
    Ok(())
}
