//! `log`: the update log of one target or item, or of the whole plan, written as it is read
//! (first line at once, memory flat however long the log).

use crate::cli::args::LogArgs;
use crate::cli::{Context, human, json};
use crate::core::clock::Clock;
use crate::core::filter;
use crate::core::model::{Board, Change};
use crate::core::pace;
use crate::core::store::{LogFilter, Refusal, Store};
use crate::lang::Lang;
use anyhow::{Result, bail};
use std::collections::HashMap;
use std::io::{BufWriter, Write};

/// `yaodian log [ID]`.
pub fn run(ctx: &Context, args: &LogArgs, out: &mut impl Write) -> Result<()> {
    let (store, plan) = ctx.open_for_reading()?;
    write(&store, &plan, args, &ctx.clock, ctx.lang, out)
}

/// Writes `plan`'s log as `args` asks, each entry as it is read.
fn write(
    store: &Store,
    plan: &str,
    args: &LogArgs,
    clock: &Clock,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let plan = plan.to_string();
    if let Some(id) = &args.id
        && store.target(&plan, id)?.is_none()
        && !store.has_item(&plan, id)?
    {
        bail!(Refusal::UnknownTarget(id.clone()));
    }
    // Only a department filter needs the whole plan (who leads what); without one, nothing
    // is read before the first line but the targets the log names, as it names them.
    let board = match args.dept.as_deref() {
        Some(_) => Some(store.board(&plan)?),
        None => None,
    };
    let keep = match &board {
        Some(board) => filter::by_query(&board.plan, args.dept.as_deref())?,
        None => Vec::new(),
    };
    let filter = LogFilter {
        subject: args.id.clone(),
        user: args.user.clone(),
        since: args.since.map(|d| clock.midnight(d)),
        until: args.until.and_then(|d| d.succ_opt()).map(|d| clock.midnight(d)),
    };
    let mut units = Units::default();
    let mut out = BufWriter::new(out);
    let out = &mut out;
    let mut array = crate::core::json_out::ArrayOut::default();
    let mut lines = 0usize;
    store.for_each_update(&plan, &filter, |u| {
        if let Some(board) = &board
            && !subject_kept(board, u.change.subject(), &keep)
        {
            return Ok(());
        }
        if args.json {
            array.push(out, &json::log_entry(&u, clock))?;
        } else {
            let unit = match &u.change {
                Change::Value { target, .. } => units.of(store, &plan, target)?,
                _ => "",
            };
            human::log_line(out, &u, unit, clock, lang)?;
        }
        lines += 1;
        anyhow::Ok(())
    })?;
    if args.json {
        array.finish(out)?;
    } else if lines == 0 {
        human::no_updates(out, lang)?;
    }
    out.flush()?;
    Ok(())
}

/// Targets' units, looked up in the store the first time the log names each target and
/// remembered: at most one lookup per target, however many entries name it.
#[derive(Default)]
struct Units(HashMap<String, String>);

impl Units {
    fn of(&mut self, store: &Store, plan: &str, target: &str) -> Result<&str> {
        if !self.0.contains_key(target) {
            let unit = store.target(plan, target)?.map(|t| pace::value_unit(&t).to_string());
            self.0.insert(target.to_string(), unit.unwrap_or_default());
        }
        Ok(self.0.get(target).map_or("", String::as_str))
    }
}

/// Whether a log subject (target or item id) belongs to a kept item.
fn subject_kept(board: &Board, subject: &str, keep: &[bool]) -> bool {
    let item = match board.target_index(subject) {
        Some(k) => board.plan.targets[k].item.as_deref(),
        None => Some(subject),
    };
    match item.and_then(|i| board.item_index(i)) {
        Some(k) => keep[k],
        None => keep.iter().all(|&k| k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate::{self, Spec};
    use crate::core::store::tests::FirstWrite;

    /// The log is written as it is read: each entry read once, each target it names looked
    /// up once, and no read of the whole plan (work counted, not timed).
    #[test]
    fn the_log_streams_reading_each_entry_once_and_each_target_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = Spec::new(2, 3, 10, 3000);
        let (store, plan, written) = generate::loaded_store(&dir.path().join("g.redb"), &spec);
        let args =
            LogArgs { id: None, json: false, user: None, dept: None, since: None, until: None };
        // A sink that never fills, so the buffer in front of it decides when bytes go out:
        // the first entries are out long before the last is read.
        let mut out = FirstWrite::new(&store);
        write(&store, &plan.id, &args, &spec.clock, Lang::En, &mut out).expect("log");
        let reads = store.reads();
        assert_eq!(out.lines, written);
        assert_eq!(reads.updates, written as u64, "each entry read once");
        assert!(reads.targets <= plan.targets.len() as u64, "each target looked up at most once");
        let first = out.at.expect("wrote");
        assert!(first.updates < written as u64 / 4, "first bytes after {} entries", first.updates);

        // as JSON too, one array
        let mut json = Vec::new();
        write(&store, &plan.id, &LogArgs { json: true, ..args }, &spec.clock, Lang::En, &mut json)
            .expect("log --json");
        let v: serde_json::Value = serde_json::from_slice(&json).expect("json");
        assert_eq!(v.as_array().map(Vec::len), Some(written));
        assert_eq!(store.reads().updates, 2 * written as u64);
    }
}
