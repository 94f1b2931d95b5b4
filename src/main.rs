//! Minimal entry point of the `tui` branch (the real command line lives on main): opens
//! `--db` (creating it and importing the bundled plan on first use) and runs the board;
//! `demo` does the same on a throwaway database with simulated progress.

use anyhow::Context;
use clap::Parser;
use std::path::PathBuf;
use yaodian::core::identity::Actor;
use yaodian::core::import::{ImportOptions, parse};
use yaodian::core::store::{OpenOptions, Store};
use yaodian::lang::Lang;
use yaodian::tui::{self, TuiOptions};

/// The bundled plan, imported into a new database.
const BUNDLED: &str = include_str!("../data/2023-work-plan.txt");

#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[arg(long, env = "YAODIAN_DB", global = true)]
    db: Option<PathBuf>,
    #[arg(long, global = true)]
    lang: Option<String>,
    #[arg(long, global = true)]
    ascii: bool,
    #[arg(long, global = true)]
    readonly: bool,
    /// Pretend today is this date (YYYY-MM-DD).
    #[arg(long, global = true)]
    today: Option<chrono::NaiveDate>,
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

#[derive(clap::Subcommand)]
enum Cmd {
    /// A throwaway database with the bundled plan and simulated progress.
    Demo,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let actor = Actor::current();
    let demo = matches!(cli.cmd, Some(Cmd::Demo));
    let path = if demo {
        std::env::temp_dir().join(format!("yaodian-demo-{}.redb", std::process::id()))
    } else {
        cli.db.clone().unwrap_or_else(default_db)
    };
    let store = Store::open(
        &path,
        OpenOptions {
            readonly: cli.readonly,
            ..OpenOptions::default()
        },
    )
    .with_context(|| format!("opening {}", path.display()))?;
    let plan_id = match store.resolve_plan(None) {
        Ok(id) => id,
        Err(_) => {
            let imported = parse(BUNDLED, &ImportOptions::default())?;
            store.import(&imported.plan, false, &actor)?;
            imported.plan.id
        }
    };
    let lang = cli
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(Lang::from_env);
    let today = if demo {
        Some(
            cli.today
                .or_else(|| chrono::NaiveDate::from_ymd_opt(2023, 9, 30))
                .context("date")?,
        )
    } else {
        cli.today
    };
    if demo && let Some(day) = today {
        yaodian::core::demo::simulate(&store, &plan_id, day, &actor)?;
    }
    let opts = TuiOptions {
        lang,
        ascii: cli.ascii,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        demo,
        readonly: cli.readonly,
        today,
    };
    let result = tui::run(store, plan_id, actor, opts);
    if demo {
        let _ = std::fs::remove_file(&path);
    }
    result
}

fn default_db() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("yaodian").join("yaodian.redb")
}
