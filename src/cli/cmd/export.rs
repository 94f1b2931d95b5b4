//! `export`: the ledger (台账) in one of the core's formats with the period's figures, the
//! period report (落实情况报告, `--format docx`), or the full backup.

use crate::cli::CliError;
use crate::cli::Context;
use crate::cli::args::ExportArgs;
use crate::core::filter;
use crate::core::pace::stale::Staleness;
use crate::core::period::Period;
use crate::core::report::Ledger;
use crate::core::report::{self, PeriodPass, Replay, format::Format, format::full};
use crate::core::secure_fs;
use crate::core::store::{LogFilter, Store};
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
        return full_backup(&store, &plan, output, out);
    }
    if format.is_binary() && output.is_none() {
        return Err(CliError::NeedsOutput { format: format.name() }.into());
    }
    let (ledger, board) = ledger(ctx, &store, &plan, args)?;
    // Written as it is made, to standard output or into the file's temporary copy: a whole
    // ledger held first (70 MB of JSON at 100k targets) cost a tenth of the export in page
    // faults and copies.
    write_output(output, store.file_mode(), out, |to| {
        Ok(format.write(&ledger, ctx.lang, &ctx.clock, to)?)
    })?;
    // The process ends next: its memory goes back whole, where freeing a large plan's
    // ledger and board string by string cost ~7 % of an export at 100k targets.
    std::mem::forget((ledger, board));
    Ok(())
}

/// The full backup (`--full`): the plan, then its log streamed into the document entry by
/// entry as it is read (memory flat in the log's length), to the file or standard output.
fn full_backup(
    store: &Store,
    plan: &str,
    output: Option<&Path>,
    out: &mut impl Write,
) -> Result<()> {
    let board = store.board(plan)?;
    write_output(output, store.file_mode(), out, |to| {
        let mut backup = full::FullWriter::begin(to, &board.plan)?;
        store.for_each_update(plan, &LogFilter::default(), |u| {
            Ok::<_, anyhow::Error>(backup.entry(&u)?)
        })?;
        backup.finish()?;
        Ok(())
    })
}

/// The ledger `export` writes: the board as it stood at the end of the as-of day (or, with
/// `--today` alone, as measured on that day) with the period's figures, from one streamed
/// pass over the log; and that board.
fn ledger(
    ctx: &Context,
    store: &Store,
    plan: &str,
    args: &ExportArgs,
) -> Result<(Ledger, crate::core::model::Board)> {
    // The period: the one named (figures as of its due day, or today if that is later),
    // else the one the as-of date falls in.
    let today = ctx.today();
    let settings = store.plan_settings(plan)?;
    let (period, as_of) = match (&args.period, args.as_of) {
        (Some(p), _) => {
            let p = Period::parse(p, settings.rhythm)?;
            (p, p.due(settings.due_day).min(today))
        }
        (None, Some(day)) => (Period::containing(day, &settings), day),
        (None, None) => (Period::containing(today, &settings), today),
    };
    let board = store.board(plan)?;
    // As it stood at the end of the as-of day; with --today alone, the values as they are
    // measured on that day, as `status` and the board's `E` show them.
    let measured_today =
        args.period.is_none() && args.as_of.is_none() && ctx.pretend_today.is_some();
    let mut past = (!measured_today).then(|| Replay::new(&board.plan, ctx.clock.end_of_day(as_of)));
    // One pass over the log, streamed: the replay to the as-of date and the period's
    // figures (its start, its notes) read the same entries.
    let mut figures =
        PeriodPass::new(&board.plan, (period, settings.due_day), as_of, &ctx.clock, ctx.lang);
    report::for_each_subject(store, &board.plan, |subject, u| {
        if let Some(replay) = &mut past {
            replay.apply_to(subject, u);
        }
        figures.apply(subject, u, &ctx.clock);
    })?;
    let (past, eval) = match past {
        Some(replay) => report::evaluate_past(replay.finish(board), as_of),
        None => {
            let eval = crate::core::pace::evaluate(&board, today, &Default::default());
            (board, eval)
        }
    };
    let keep = filter::by_query(&past.plan, args.dept.as_deref())?;
    let mut ledger = report::ledger(&past, &eval, args.by.into(), &keep);
    let stale = Staleness::of(&past, &eval, settings.stale_days, &ctx.clock);
    ledger.mark_stale(&past, &stale);
    figures.finish(&mut ledger, &past);
    Ok((ledger, past))
}

/// To the file (and its name on stderr), else to standard output, through one buffer, as
/// `write` makes it. A file is written with the database's mode, through a temporary file
/// renamed into place: never through a planted symlink, and nothing left behind on failure.
fn write_output(
    output: Option<&Path>,
    mode: u32,
    out: &mut impl Write,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let buffered = |to: &mut dyn Write| -> Result<()> {
        let mut to = std::io::BufWriter::with_capacity(1 << 16, to);
        write(&mut to)?;
        to.flush()?;
        Ok(())
    };
    match output {
        Some(path) => {
            secure_fs::save_file_with(path, mode, |file| buffered(file))?;
            eprintln!("{}", path.display());
        }
        None => buffered(out)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::{self, Command};
    use crate::core::generate::{self, Spec};

    /// Counts what reaches standard output: the largest single write.
    #[derive(Default)]
    struct Writes {
        bytes: Vec<u8>,
        largest: usize,
    }

    impl Write for Writes {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.bytes.extend_from_slice(buf);
            self.largest = self.largest.max(buf.len());
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A ledger on standard output goes out as it is written, a buffer's worth at a time,
    /// never held whole first (it once was: 70 MB of JSON at 100k targets, a tenth of the
    /// export's time in page faults and copies); the bytes are those a file gets.
    #[test]
    fn a_ledger_on_standard_output_is_written_as_it_is_made() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = Spec::new(4, 20, 10, 4000);
        let db = dir.path().join("g.redb");
        drop(generate::loaded_store(&db, &spec));
        let db = db.to_str().expect("utf-8");
        let as_of = format!("{}-09-30", spec.year);
        for format in ["json", "csv", "md"] {
            let file = dir.path().join(format!("out.{format}"));
            let file = file.to_str().expect("utf-8");
            let line = |to: Option<&str>| {
                let mut line = vec!["yaodian", "--db", db, "--today", &as_of, "export"];
                line.extend(["--format", format, "--as-of", &as_of]);
                line.extend(to.map(|f| ["-o", f]).into_iter().flatten());
                let cli = args::parse_from(line).expect("command line");
                let Some(Command::Export(export)) = &cli.command else { panic!("not export") };
                let ctx = Context::new(&cli, Default::default(), |_| None, spec.clock);
                let mut out = Writes::default();
                run(&ctx, export, &mut out).expect("export");
                out
            };
            let out = line(None);
            assert!(out.bytes.len() > 2 << 16, "{format}: {} bytes", out.bytes.len());
            assert!(out.largest <= 1 << 16, "{format}: {} bytes in one write", out.largest);
            assert!(line(Some(file)).bytes.is_empty());
            assert!(
                std::fs::read(file).expect("file") == out.bytes,
                "{format}: not the file's bytes"
            );
        }
    }

    /// An export with the period's figures reads the log once, streamed (the replay to the
    /// as-of date and the period's start share the pass), and each target once: work
    /// counted, not timed (it once held the log twice over, 304 MB at 10k/1M).
    #[test]
    fn export_reads_each_entry_and_each_target_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = Spec::new(2, 3, 10, 2000);
        let (store, plan, written) = generate::loaded_store(&dir.path().join("g.redb"), &spec);
        let as_of = format!("{}-09-30", spec.year);
        for extra in [&["--as-of", as_of.as_str()][..], &["--period", &as_of[..7]], &[]] {
            let mut line = vec!["yaodian", "--today", &as_of, "export", "--format", "csv"];
            line.extend_from_slice(extra);
            let cli = args::parse_from(line).expect("command line");
            let Some(Command::Export(export)) = &cli.command else { panic!("not export") };
            let ctx = Context::new(&cli, Default::default(), |_| None, spec.clock);
            let before = store.reads();
            let (ledger, _) = ledger(&ctx, &store, &plan.id, export).expect("ledger");
            let reads = store.reads();
            assert_eq!(reads.updates - before.updates, written as u64, "{extra:?}");
            assert_eq!(reads.targets - before.targets, plan.targets.len() as u64);
            assert!(ledger.period.is_some());
            let rows = ledger.groups.iter().flat_map(|g| &g.rows);
            assert!(rows.clone().any(|r| r.previous.is_some() && r.change.is_some()));
        }
    }

    /// The full backup streams: its first bytes go out before the log is read, each entry
    /// is read once, and the document holds every entry (it once held the whole log, then
    /// the whole document: 786 MB at 100k targets / 1M updates).
    #[test]
    fn the_full_backup_streams_reading_each_entry_once() {
        use crate::core::store::tests::FirstWrite;
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = Spec::new(2, 3, 10, 3000);
        let (store, plan, written) = generate::loaded_store(&dir.path().join("g.redb"), &spec);
        let before = store.reads();
        let mut out = FirstWrite::new(&store);
        full_backup(&store, &plan.id, None, &mut out).expect("full backup");
        let reads = store.reads();
        assert_eq!(reads.updates - before.updates, written as u64, "each entry read once");
        let first = out.at.expect("wrote");
        let early = first.updates - before.updates;
        assert!(early < written as u64 / 4, "first bytes after {early} of {written} entries");

        // the same document to a file, whole
        let path = dir.path().join("full.json");
        full_backup(&store, &plan.id, Some(path.as_path()), &mut std::io::sink())
            .expect("to a file");
        let back = full::read_full(&path).expect("reads back");
        assert_eq!(back.updates.len(), written);
        assert_eq!(back.updates, store.log(&plan.id, &LogFilter::default()).expect("log"));
        assert_eq!(&back.plan, &*store.board(&plan.id).expect("board").plan);
    }
}
