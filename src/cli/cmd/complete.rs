//! `yaodian complete KIND [PREFIX]` (hidden): the names the completion scripts offer, one a
//! line: target and item ids, department names, plan ids, from the database the command
//! line names. It only looks: a read-only handle on an existing file, never creating one or
//! importing the bundled plan; with no database, or any error, it prints nothing.

use crate::cli::Context;
use crate::cli::args::{Cli, Completing};
use crate::core::clock::Clock;
use crate::core::filter;
use crate::settings::Settings;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

/// What `main` runs for `complete`: silent whatever happens (a shell is waiting on it), with
/// the settings file read if it can be, and any panic (a damaged file) swallowed.
pub fn run_quietly(cli: &Cli, kind: Completing, prefix: &str) -> ExitCode {
    std::panic::set_hook(Box::new(|_| {}));
    let settings = Settings::load().unwrap_or_default();
    let ctx = Context::new(cli, settings, |k| std::env::var_os(k), Clock::System);
    let listed = std::panic::catch_unwind(|| {
        let mut out = std::io::stdout().lock();
        list(&ctx, kind, prefix, &mut out)
    });
    match listed {
        Ok(Ok(())) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}

/// Prints the names of `kind` that start with `prefix`, ids in document-like order (`13.2`
/// before `13.10`), department names sorted.
pub fn list(ctx: &Context, kind: Completing, prefix: &str, out: &mut impl Write) -> Result<()> {
    if !ctx.db_exists()? {
        return Ok(());
    }
    let store = ctx.open_readonly()?;
    let names = match kind {
        Completing::Plans => store.plan_ids()?,
        _ => {
            let plan = store.resolve_plan(ctx.plan.as_deref())?;
            match kind {
                Completing::Targets => store.target_ids(&plan, prefix)?,
                Completing::Items => store.item_ids(&plan, prefix)?,
                Completing::Ids => {
                    let mut ids = store.item_ids(&plan, prefix)?;
                    ids.extend(store.target_ids(&plan, prefix)?);
                    ids
                }
                Completing::Departments | Completing::Plans => {
                    filter::department_names(&store.items(&plan)?)
                }
            }
        }
    };
    let mut names: Vec<String> = names.into_iter().filter(|n| n.starts_with(prefix)).collect();
    if kind != Completing::Departments {
        names.sort_by_cached_key(|id| id_order(id));
    }
    let mut text = String::new();
    for name in names {
        // a department name reaches the shell's listing: shown with the terminal-safe escape
        text.push_str(&crate::core::safe_text::escape(&name));
        text.push('\n');
    }
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// The sort key of an id: its first four dot-separated parts, each (class, number) — a
/// number, then a letter with a number (`t4`), then anything else; ties keep the store's
/// (byte) order, the sort being stable. `2.1.3` < `2.1.10` < `13` < `13.2` < `13.10` <
/// `t4.1` < `t10.1`. Cheap to make and compare: a shell waits on the sort of every id of a
/// large plan.
fn id_order(id: &str) -> [(u8, u64); 4] {
    let mut key = [(0, 0); 4];
    for (slot, part) in key.iter_mut().zip(id.split('.')) {
        let digits = part.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        *slot = match (digits.len() == part.len(), digits.parse::<u64>()) {
            (true, Ok(n)) => (1, n),
            (false, Ok(n)) => (2, n),
            (_, Err(_)) => (3, 0),
        };
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_their_numbers() {
        let mut ids = vec!["13.10", "t10.1", "t4.1", "13.2", "2.1.3", "13", "13.1", "2.1.10"];
        ids.sort_by_cached_key(|id| id_order(id));
        assert_eq!(ids, ["2.1.3", "2.1.10", "13", "13.1", "13.2", "13.10", "t4.1", "t10.1"]);
    }
}
