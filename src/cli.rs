//! The command line: argument definitions and one function per command. Each command opens
//! the store, does one thing, prints for humans or (`--json`) for scripts.

mod demo;
mod dry_run;
pub use demo::demo_path;
pub(crate) mod export;
mod human;
mod json;

use crate::core::identity::Actor;
use crate::core::import::{self, ImportOptions};
use crate::core::model::{Board, Plan, parse_number};
use crate::core::pace::{self, Thresholds};
use crate::core::report;
use crate::core::shared;
use crate::core::store::roles::Grant;
use crate::core::store::{Edit, LogFilter, OpenOptions, Store, StoreError};
use crate::lang::Lang;
use crate::settings::{self, Settings};
use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The plan shipped in the binary: imported into a database that has none.
pub const BUNDLED_PLAN: &str = include_str!("../data/2023-work-plan.txt");
/// Where the bundled plan's text lives in the source tree (shown in messages).
pub const BUNDLED_PLAN_NAME: &str = "data/2023-work-plan.txt";

#[derive(Debug, Parser)]
#[command(
    name = "yaodian",
    version,
    about = "工作要点 progress board: a TUI and a command line over one shared database"
)]
pub struct Cli {
    /// Database file (default: $XDG_DATA_HOME/yaodian/yaodian.redb)
    #[arg(long, global = true, env = "YAODIAN_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Plan id, where the database holds several (default: the plan imported last)
    #[arg(long, global = true, value_name = "ID")]
    pub plan: Option<String>,
    /// Interface language: zh or en (default: from LANG)
    #[arg(long, global = true, value_name = "zh|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Open the database without writing to it
    #[arg(long, global = true)]
    pub readonly: bool,
    /// Draw borders and gauges with ASCII only (for terminals that draw box symbols wide)
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Pretend today is this date in the TUI (demos, training, tests)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a throwaway database with the bundled plan and simulated progress
    ///
    /// The simulated "today" is --today, by default today's month and day in the plan year.
    Demo {
        /// Instead: write a large generated plan and log into --db (for benchmarks)
        #[command(flatten)]
        generate: demo::GenerateArgs,
    },
    /// Import a plan: text (UTF-8, UTF-16, GB18030/GBK), a Word .docx or an Excel .xlsx task table
    Import {
        file: PathBuf,
        /// Plan year, when the title does not name it
        #[arg(long)]
        year: Option<i32>,
        /// Replace an existing plan with the same id (keeps history of kept target ids)
        #[arg(long)]
        replace: bool,
        /// Plan id (default: the year)
        #[arg(long)]
        id: Option<String>,
        /// Print the plan as it would be stored (themes, items, departments, targets) and store nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// The board at a glance
    Status(BoardArgs),
    /// Every target with its value, goal and status
    Targets(BoardArgs),
    /// The progress ledger (台账) as of a date: Markdown, CSV, XLSX or JSON
    Export {
        #[arg(long, value_enum)]
        format: export::Format,
        /// The ledger as it stood at the end of this date (default: today)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Group rows by theme or by lead department
        #[arg(long, value_enum, default_value = "theme")]
        by: By,
        /// Only items of this department
        #[arg(long, value_name = "NAME")]
        dept: Option<String>,
        /// With --format json: the plan and its whole update log, for `restore`
        #[arg(long)]
        full: bool,
        /// Output file (default: standard output; required for xlsx)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Restore a plan and its log from `export --format json --full`
    Restore { file: PathBuf },
    /// The update log, of one target or item or of the whole plan
    Log {
        /// Target or item id
        id: Option<String>,
        #[arg(long)]
        json: bool,
        /// Only updates by this user
        #[arg(long)]
        user: Option<String>,
        /// Only updates to this department's items
        #[arg(long, value_name = "NAME")]
        dept: Option<String>,
        /// From this date (inclusive)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        since: Option<NaiveDate>,
        /// Up to this date (inclusive)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        until: Option<NaiveDate>,
    },
    /// Set a target's value
    Set {
        id: String,
        #[arg(allow_negative_numbers = true)]
        value: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Add to (or, negative, subtract from) a target's value
    Add {
        id: String,
        #[arg(allow_negative_numbers = true)]
        delta: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Mark a target done (its value becomes its goal)
    Done {
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Set an item's progress note (进展情况)
    Note { item: String, text: String },
    /// Undo your own last change (recorded as a new, corrective update)
    Undo,
    /// The plans in this database
    Plans {
        #[arg(long)]
        json: bool,
    },
    /// Create a database: personal (0600) by default, or shared by a group with --shared
    Init {
        /// Directory for a shared database (created setgid 2770, owned by --group)
        #[arg(long, value_name = "DIR", requires = "group")]
        shared: Option<PathBuf>,
        /// The operators' Unix group
        #[arg(long, value_name = "GROUP", requires = "shared")]
        group: Option<String>,
    },
    /// Give a user a role: admin, editor of departments, or viewer
    #[command(group(clap::ArgGroup::new("role").required(true).args(["admin", "dept", "viewer"])))]
    Grant {
        user: String,
        #[arg(long)]
        admin: bool,
        /// Departments the user may edit (repeat or list several)
        #[arg(long, num_args = 1.., value_name = "NAME")]
        dept: Vec<String>,
        #[arg(long)]
        viewer: bool,
    },
    /// Remove a user's role
    Revoke { user: String },
    /// List users and their roles
    Roles,
    /// Verify the database (redb and yaodian's own invariants); changes nothing
    Check,
    /// Write a consistent copy of the database while others keep working
    Backup { file: PathBuf },
    /// Show or remember a setting (ascii, lang, db) in ~/.config/yaodian/settings
    Config {
        /// ascii, lang or db
        key: Option<String>,
        /// The value to remember
        value: Option<String>,
    },
}

/// What `status` and `targets` show.
#[derive(Debug, clap::Args)]
pub struct BoardArgs {
    #[arg(long)]
    json: bool,
    /// Only items of this department (a part of its name is enough)
    #[arg(long, value_name = "NAME")]
    dept: Option<String>,
    /// The board as it stood at the end of this date (replayed from the log)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
}

/// Grouping of ledger rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Theme,
    Department,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?} (zh or en)"))
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

/// Fills what the command line left open from the remembered settings
/// (`default ← settings file ← environment and command line`).
pub fn apply_settings(cli: &mut Cli) -> Result<()> {
    let saved = Settings::load()?;
    if cli.db.is_none() {
        cli.db = saved.db;
    }
    if cli.lang.is_none() {
        cli.lang = saved.lang;
    }
    cli.ascii = cli.ascii || saved.ascii.unwrap_or(false);
    Ok(())
}

/// What `main` does after parsing: run the TUI (with these settings) or a command.
pub enum Outcome {
    Done,
    Tui { store: Store, plan: String, demo: bool, today: Option<NaiveDate> },
}

/// The default database path: `$XDG_DATA_HOME/yaodian/yaodian.redb`.
pub fn default_db_path() -> Result<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => {
            let home = std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .ok_or_else(|| anyhow!("neither XDG_DATA_HOME nor HOME is set; pass --db PATH"))?;
            PathBuf::from(home).join(".local/share")
        }
    };
    Ok(base.join("yaodian").join("yaodian.redb"))
}

fn db_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => default_db_path(),
    }
}

/// Opens the database for writing (read-only under `--readonly`), creating it if missing.
fn open_store(cli: &Cli, create: bool) -> Result<Store> {
    let options = OpenOptions { create, readonly: cli.readonly, ..OpenOptions::default() };
    Ok(Store::open(&db_path(cli)?, options)?)
}

/// Opens for a command that only looks: a read-only handle, which never writes to the file,
/// unless this is the first use and the bundled plan must be imported.
fn open_for_reading(cli: &Cli) -> Result<(Store, String)> {
    let path = db_path(cli)?;
    if path.exists() {
        let options = OpenOptions { create: false, readonly: true, ..OpenOptions::default() };
        let store = Store::open(&path, options)?;
        match store.resolve_plan(cli.plan.as_deref()) {
            Ok(plan) => return Ok((store, plan)),
            Err(StoreError::NoPlan) if cli.plan.is_none() && !cli.readonly => {}
            Err(e) => return Err(e.into()),
        }
    }
    let store = open_store(cli, true)?;
    let plan = plan_for(cli, &store)?;
    Ok((store, plan))
}

fn open_existing_readonly(cli: &Cli) -> Result<Store> {
    let options = OpenOptions { create: false, readonly: true, ..OpenOptions::default() };
    Ok(Store::open(&db_path(cli)?, options)?)
}

/// Resolves the plan a command works on, importing the bundled plan into an empty database.
fn plan_for(cli: &Cli, store: &Store) -> Result<String> {
    match store.resolve_plan(cli.plan.as_deref()) {
        Err(StoreError::NoPlan) if cli.plan.is_none() => {
            let plan = bundled_plan()?;
            store.import(&plan, false, &Actor::current())?;
            eprintln!(
                "yaodian: imported the bundled plan {} ({}, {BUNDLED_PLAN_NAME}) into {}",
                plan.id,
                plan.title,
                store.path().display()
            );
            Ok(plan.id)
        }
        other => Ok(other?),
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Runs the parsed command line.
pub fn run(cli: &Cli) -> Result<Outcome> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let Some(command) = &cli.command else {
        let store = open_store(cli, true)?;
        let plan = plan_for(cli, &store)?;
        return Ok(Outcome::Tui { store, plan, demo: false, today: cli.today });
    };
    let mut out = std::io::stdout().lock();
    match command {
        Command::Demo { generate } if generate.generate => {
            let path = cli.db.as_deref().ok_or_else(|| anyhow!("--generate needs --db FILE"))?;
            demo::generate(path, generate, cli.today, &mut out)?;
        }
        Command::Demo { .. } => {
            let (store, plan, today) = demo::create(cli.today)?;
            return Ok(Outcome::Tui { store, plan, demo: true, today: Some(today) });
        }
        Command::Import { file, year, replace, id, dry_run } => {
            let imported = import::read_path(file, &ImportOptions { year: *year, id: id.clone() })
                .map_err(|e| anyhow!("{}: {}", file.display(), e.message(lang)))?;
            if *dry_run {
                dry_run::print(&mut out, &imported, lang)?;
            } else {
                import_file(cli, &imported, *replace, lang, &mut out)?;
            }
        }
        Command::Status(BoardArgs { json, dept, as_of }) => {
            let (store, plan) = open_for_reading(cli)?;
            let request = StatusRequest { json: *json, dept: dept.as_deref(), as_of: *as_of };
            status(&store, &plan, &request, lang, &mut out)?;
        }
        Command::Targets(BoardArgs { json, dept, as_of }) => {
            let (store, plan) = open_for_reading(cli)?;
            let (board, eval) = board_on(&store, &plan, *as_of)?;
            let keep = dept_filter(&board, dept.as_deref())?;
            if *json {
                json::print(&mut out, &json::targets(&board, &eval, &keep))?;
            } else {
                human::targets(&mut out, &board, &eval, &keep, lang)?;
            }
        }
        Command::Log { id, json, user, dept, since, until } => {
            let (store, plan) = open_for_reading(cli)?;
            let board = store.board(&plan)?;
            if let Some(id) = id
                && board.target_index(id).is_none()
                && board.item_index(id).is_none()
            {
                bail!(StoreError::UnknownTarget(id.clone()));
            }
            let filter = LogFilter {
                subject: id.clone(),
                user: user.clone(),
                since: since.map(local_midnight_millis),
                until: until.and_then(|d| d.succ_opt()).map(local_midnight_millis),
            };
            let keep = dept_filter(&board, dept.as_deref())?;
            let log: Vec<_> = store
                .log(&plan, &filter)?
                .into_iter()
                .filter(|u| subject_kept(&board, u.change.subject(), &keep))
                .collect();
            if *json {
                json::print(&mut out, &json::log(&log))?;
            } else {
                human::log(&mut out, &board, &log, lang)?;
            }
        }
        Command::Export { format, as_of, by, dept, full, output } => {
            let (store, plan) = open_for_reading(cli)?;
            let request = ExportRequest {
                format: *format,
                as_of: *as_of,
                by: *by,
                dept: dept.as_deref(),
                full: *full,
                output: output.as_deref(),
            };
            export_ledger(&store, &plan, &request, lang, &mut out)?;
        }
        Command::Restore { file } => {
            let backup = export::read_full(file)?;
            let store = open_store(cli, true)?;
            store.restore(&backup.plan, &backup.updates, &Actor::current())?;
            writeln!(
                out,
                "{} {} ({}): {} {}",
                lang.pick("已恢复", "restored"),
                backup.plan.id,
                backup.plan.title,
                backup.updates.len(),
                lang.pick("条记录", "updates")
            )?;
        }
        Command::Set { id, value, note } => {
            let v = number_arg(value)?;
            edit(cli, Edit::Set { target: id.clone(), value: v }, note, lang, &mut out)?;
        }
        Command::Add { id, delta, note } => {
            let d = number_arg(delta)?;
            edit(cli, Edit::Add { target: id.clone(), delta: d }, note, lang, &mut out)?;
        }
        Command::Done { id, note } => {
            edit(cli, Edit::Done { target: id.clone() }, note, lang, &mut out)?;
        }
        Command::Note { item, text } => {
            edit(cli, Edit::Note { item: item.clone(), text: text.clone() }, "", lang, &mut out)?;
        }
        Command::Undo => edit(cli, Edit::Undo, "", lang, &mut out)?,
        Command::Plans { json } => {
            let (store, _) = open_for_reading(cli)?;
            let current = store.resolve_plan(None).ok();
            let plans = store.plans()?;
            if *json {
                json::print(&mut out, &json::plans(&plans, current.as_deref()))?;
            } else {
                human::plans(&mut out, &plans, current.as_deref(), lang)?;
            }
        }
        Command::Init { shared, group } => {
            init(cli, shared.as_deref(), group.as_deref(), &mut out)?
        }
        Command::Grant { user, admin, dept, viewer } => {
            let grant = if *admin {
                Grant::Admin
            } else if *viewer {
                Grant::Viewer
            } else {
                Grant::Editor(dept.iter().map(|d| d.trim().to_string()).collect())
            };
            let store = open_store(cli, false)?;
            store.grant(user, &grant, &Actor::current())?;
            writeln!(out, "{user}: {grant}")?;
        }
        Command::Revoke { user } => {
            let store = open_store(cli, false)?;
            if !store.revoke(user, &Actor::current())? {
                bail!("{user} has no role");
            }
            writeln!(out, "{user}: {}", lang.pick("已撤销", "revoked"))?;
        }
        Command::Roles => {
            let store = open_existing_readonly(cli)?;
            let grants = store.grants()?;
            if grants.is_empty() {
                writeln!(
                    out,
                    "{}",
                    lang.pick(
                        "(未设置角色：所有能打开文件的人都可编辑)",
                        "(no roles: everyone who can open the file may edit)"
                    )
                )?;
            }
            for (user, grant) in grants {
                writeln!(out, "{user}: {grant}")?;
            }
        }
        Command::Check => {
            let store = open_existing_readonly(cli)?;
            let report = store.check()?;
            for p in &report.problems {
                writeln!(out, "{} {}: {}", p.plan, p.subject, p.message)?;
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
        }
        Command::Config { key, value } => {
            let mut saved = Settings::load()?;
            match (key, value) {
                (Some(key), Some(value)) => {
                    saved.set(key, value)?;
                    let path = saved.save()?;
                    writeln!(out, "{key} = {value}  ({})", path.display())?;
                }
                (Some(key), None) => {
                    if !settings::KEYS.iter().any(|(k, _)| k == key) {
                        bail!("unknown setting {key:?} (known: ascii, lang, db)");
                    }
                    let text = saved.render();
                    let line =
                        text.lines().find(|l| l.split('=').next().map(str::trim) == Some(key));
                    writeln!(out, "{}", line.unwrap_or("(not set)"))?;
                }
                _ => {
                    let path =
                        settings::path().map(|p| p.display().to_string()).unwrap_or_default();
                    write!(out, "# {path}\n{}", saved.render())?;
                    for (k, what) in settings::KEYS {
                        writeln!(out, "#   {k}: {what}")?;
                    }
                }
            }
        }
        Command::Backup { file } => {
            let store = open_existing_readonly(cli)?;
            store.backup(file)?;
            writeln!(out, "{}", file.display())?;
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}

fn init(cli: &Cli, dir: Option<&Path>, group: Option<&str>, out: &mut impl Write) -> Result<()> {
    let (path, gid) = match (dir, group) {
        (Some(dir), Some(group)) => {
            let gid = shared::prepare_dir(dir, group)?;
            let path = cli.db.clone().unwrap_or_else(|| dir.join("yaodian.redb"));
            (path, Some(gid))
        }
        _ => (
            match &cli.db {
                Some(p) => p.clone(),
                None => default_db_path()?,
            },
            None,
        ),
    };
    shared::require_local_disk(&path)?;
    let existed = path.exists();
    let mode = if gid.is_some() { 0o660 } else { 0o600 };
    let store = Store::open(&path, OpenOptions { create: true, readonly: false, mode })?;
    if let Some(gid) = gid {
        shared::share_file(&path, gid)?;
    } else if let Some(mode) = shared::open_to_others(&path) {
        bail!("{} is open to others (mode {mode:o}); chmod o-rwx it", path.display());
    }
    let plan = plan_for(cli, &store)?;
    writeln!(
        out,
        "{} {} (plan {plan}{})",
        if existed { "ready:" } else { "created:" },
        path.display(),
        if gid.is_some() { ", shared: group read/write, others nothing" } else { "" }
    )?;
    Ok(())
}

/// What `status` was asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct StatusRequest<'a> {
    pub json: bool,
    pub dept: Option<&'a str>,
    pub as_of: Option<NaiveDate>,
}

/// `yaodian status`: the board at a glance (or, with `json`, complete) for `plan`.
pub fn status(
    store: &Store,
    plan: &str,
    req: &StatusRequest<'_>,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    // A large plan at a glance comes from the stored tallies, without reading its targets.
    if !req.json
        && req.dept.is_none()
        && req.as_of.is_none()
        && let Some(g) = store.glance(plan, today())?
        && g.brief.targets as usize > human::DETAIL_TARGETS
    {
        let items = if g.brief.items as usize <= human::DETAIL_ITEMS {
            store.item_glances(plan, today())?
        } else {
            None
        };
        human::glance(out, &g, items.as_deref(), lang)?;
        return Ok(());
    }
    let (board, eval) = board_on(store, plan, req.as_of)?;
    let keep = dept_filter(&board, req.dept)?;
    if req.json {
        json::print(out, &json::status(&board, &eval, &keep))?;
    } else {
        human::status(out, &board, &eval, &keep, lang)?;
    }
    Ok(())
}

/// The board and its evaluation today, or as it stood at the end of `as_of`.
fn board_on(
    store: &Store,
    plan: &str,
    as_of: Option<NaiveDate>,
) -> Result<(Board, pace::Evaluation)> {
    let board = store.board(plan)?;
    Ok(match as_of {
        None => {
            let eval = pace::evaluate(&board, today(), &Thresholds::default());
            (board, eval)
        }
        Some(day) => {
            let log = store.log(plan, &LogFilter::default())?;
            report::evaluate_as_of(&board, &log, day, end_of_day_millis(day))
        }
    })
}

/// The first millisecond after `day` in local time.
fn end_of_day_millis(day: NaiveDate) -> i64 {
    day.succ_opt().map_or(i64::MAX, local_midnight_millis)
}

/// What `export` was asked for.
struct ExportRequest<'a> {
    format: export::Format,
    as_of: Option<NaiveDate>,
    by: By,
    dept: Option<&'a str>,
    full: bool,
    output: Option<&'a Path>,
}

fn export_ledger(
    store: &Store,
    plan: &str,
    req: &ExportRequest<'_>,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    if req.full {
        if req.format != export::Format::Json {
            bail!("--full goes with --format json");
        }
        let board = store.board(plan)?;
        let log = store.log(plan, &LogFilter::default())?;
        let text = serde_json::to_string_pretty(&export::full(&board.plan, log))?;
        return write_output(req.output, format!("{text}\n").as_bytes(), out);
    }
    let (board, eval) = board_on(store, plan, Some(req.as_of.unwrap_or_else(today)))?;
    let keep = dept_filter(&board, req.dept)?;
    let by = match req.by {
        By::Theme => report::GroupBy::Theme,
        By::Department => report::GroupBy::Department,
    };
    let ledger = report::ledger(&board, &eval, by, &keep);
    let mut buf = Vec::new();
    match req.format {
        export::Format::Md => export::markdown(&mut buf, &ledger, lang)?,
        export::Format::Csv => export::csv(&mut buf, &ledger, lang)?,
        export::Format::Json => json::print(&mut buf, &export::json(&ledger))?,
        export::Format::Xlsx => {
            let Some(path) = req.output else {
                bail!("xlsx needs an output file: -o ledger.xlsx");
            };
            export::xlsx(path, &ledger, lang)?;
            eprintln!("{}", path.display());
            return Ok(());
        }
    }
    write_output(req.output, &buf, out)
}

fn write_output(output: Option<&Path>, bytes: &[u8], out: &mut impl Write) -> Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("{}", path.display());
        }
        None => out.write_all(bytes)?,
    }
    Ok(())
}

fn number_arg(text: &str) -> Result<f64> {
    parse_number(text).map_err(|_| anyhow!("{text:?} is not a number"))
}

fn local_midnight_millis(d: NaiveDate) -> i64 {
    use chrono::TimeZone;
    let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    chrono::Local
        .from_local_datetime(&naive)
        .earliest()
        .map_or_else(|| naive.and_utc().timestamp_millis(), |t| t.timestamp_millis())
}

/// Item ids kept by a `--dept` filter (all when no filter); an unknown department is an error.
fn dept_filter(board: &Board, dept: Option<&str>) -> Result<Vec<bool>> {
    let Some(name) = dept.map(str::trim) else {
        return Ok(vec![true; board.plan.items.len()]);
    };
    let keep: Vec<bool> = board
        .plan
        .items
        .iter()
        .map(|i| i.departments.iter().any(|d| d.name == name || d.name.contains(name)))
        .collect();
    if !keep.iter().any(|&k| k) {
        let mut names: Vec<&str> = board
            .plan
            .items
            .iter()
            .flat_map(|i| i.departments.iter().map(|d| d.name.as_str()))
            .collect();
        names.sort_unstable();
        names.dedup();
        bail!("no department {name:?} in this plan (departments: {})", names.join("、"));
    }
    Ok(keep)
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

fn edit(cli: &Cli, edit: Edit, note: &str, lang: Lang, out: &mut impl Write) -> Result<()> {
    // Refuse bad input from a read-only handle: a refused edit leaves the file untouched.
    let actor = Actor::current();
    let (look, plan) = open_for_reading(cli)?;
    look.preflight(&plan, &edit, &actor)?;
    drop(look);
    let store = open_store(cli, false)?;
    let update = store.apply(&plan, &edit, note, &actor)?;
    let board = store.board_with(&plan, &[update.change.subject()])?;
    human::applied(out, &board, &update, lang)?;
    Ok(())
}

fn import_file(
    cli: &Cli,
    imported: &import::Imported,
    replace: bool,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let actor = Actor::current();
    let path = db_path(cli)?;
    if path.exists() {
        let look = open_existing_readonly(cli)?;
        look.preflight_import(&imported.plan, replace, &actor)?;
    }
    let store = open_store(cli, true)?;
    let summary = store.import(&imported.plan, replace, &actor)?;
    human::import_summary(out, imported, &summary, lang)?;
    Ok(())
}

/// Exposed for `demo` and tests: the bundled plan, parsed.
pub fn bundled_plan() -> Result<Plan> {
    Ok(import::parse(BUNDLED_PLAN, &ImportOptions::default())
        .context("importing the bundled plan")?
        .plan)
}
