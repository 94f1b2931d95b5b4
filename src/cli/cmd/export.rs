//! `export`: the ledger (台账) in one of the core's formats, or the full backup.

use super::board_on;
use crate::cli::Context;
use crate::cli::args::ExportArgs;
use crate::core::filter;
use crate::core::report::{self, format::Format, format::full};
use crate::core::secure_fs;
use crate::core::store::LogFilter;
use anyhow::{Context as _, Result, bail};
use std::io::Write;
use std::path::Path;

/// `yaodian export --format FORMAT`.
pub fn run(ctx: &Context, args: &ExportArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    let format = args.format.0;
    let output = args.output.as_deref();
    if args.full {
        if format != Format::Json {
            bail!("--full goes with --format json");
        }
        let board = store.board(&plan)?;
        let log = store.log(&plan, &LogFilter::default())?;
        let mut buf = Vec::new();
        full::full(&board.plan, log).write(&mut buf)?;
        return write_output(output, &buf, store.file_mode(), out);
    }
    let as_of = args.as_of.unwrap_or_else(|| ctx.clock.today());
    let (board, eval) = board_on(&store, &plan, Some(as_of), &ctx.clock)?;
    let keep = filter::by_query(&board.plan, args.dept.as_deref())?;
    let ledger = report::ledger(&board, &eval, args.by.into(), &keep);
    if format.is_binary() && output.is_none() {
        bail!("{} needs an output file: -o ledger.{}", format.name(), format.name());
    }
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
            secure_fs::save_file(path, bytes, mode)
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("{}", path.display());
        }
        None => out.write_all(bytes)?,
    }
    Ok(())
}
