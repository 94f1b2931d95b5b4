//! What every command works with, resolved once: the database file (`--db`, else
//! `YAODIAN_DB`, else the settings file, else `$XDG_DATA_HOME/yaodian/yaodian.redb`), the
//! plan, read-only or not, the language, the clock (now, today, the local zone); and the three ways a command
//! opens the store from it (to look, to write, to create).

use super::CliError;
use super::args::{Cli, Command};
use crate::core::clock::Clock;
use crate::core::identity::Actor;
use crate::core::import::{self, ImportOptions};
use crate::core::model::Plan;
use crate::core::store::{OpenOptions, Refusal, Store, StoreError};
use crate::i18n::cli as words;
use crate::lang::Lang;
use crate::settings::Settings;
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The plan shipped in the binary: imported into a database that has none.
pub const BUNDLED_PLAN: &str = include_str!("../../data/2023-work-plan.txt");
/// Where the bundled plan's text lives in the source tree (shown in messages).
pub const BUNDLED_PLAN_NAME: &str = "data/2023-work-plan.txt";

/// The command line resolved against the environment and the remembered settings
/// (`default ← settings file ← environment ← command line`).
#[derive(Debug, Clone)]
pub struct Context {
    /// The database file; `None` when none was named and there is no home to put it in.
    db: Option<PathBuf>,
    /// Whether the database was named (`--db`, `YAODIAN_DB`, settings) rather than the
    /// default place.
    db_named: bool,
    /// Whether the command makes a database where none is (`import`, `init`, `restore`).
    makes_db: bool,
    /// `--plan`: `None` is the plan imported last.
    pub plan: Option<String>,
    pub readonly: bool,
    pub lang: Lang,
    pub ascii: bool,
    /// The board answers the mouse (`--no-mouse` or the setting `mouse = false` leave it
    /// to the terminal).
    pub mouse: bool,
    /// Where "now", today and the local zone come from.
    pub clock: Clock,
    /// `--today`: the date the board, the demo, `status`, `targets` and `export` measure
    /// on, with values as they are now.
    pub pretend_today: Option<NaiveDate>,
    /// The settings file as read.
    pub settings: Settings,
}

impl Context {
    /// Resolves the command line with the settings file, the process's environment and the
    /// system clock.
    pub fn resolve(cli: &Cli) -> Result<Context> {
        let settings = Settings::load()?;
        Ok(Context::new(cli, settings, |k| std::env::var_os(k), Clock::System))
    }

    /// Resolves the command line with these settings, environment and clock.
    pub fn new(
        cli: &Cli,
        settings: Settings,
        var: impl Fn(&str) -> Option<OsString>,
        clock: Clock,
    ) -> Context {
        let named = cli.db.clone().or_else(|| settings.db.clone());
        let db_named = named.is_some();
        // a setgid yaodian's default is the shared database it opened while privileged
        let shared = crate::core::privilege::shared_path().map(Path::to_path_buf);
        let db = named.or(shared).or_else(|| default_db_path(&var));
        let makes_db = matches!(
            cli.command,
            Some(Command::Import(_) | Command::Init { .. } | Command::Restore { .. })
        );
        Context {
            db,
            db_named,
            makes_db,
            plan: cli.plan.clone(),
            readonly: cli.readonly,
            lang: cli.lang.or(settings.lang).unwrap_or_else(Lang::from_env),
            ascii: cli.ascii || settings.ascii.unwrap_or(false),
            mouse: !cli.no_mouse && settings.mouse.unwrap_or(true),
            clock,
            pretend_today: cli.today,
            settings,
        }
    }

    /// The day figures are measured on: `--today`, else the clock's today.
    pub fn today(&self) -> NaiveDate {
        self.pretend_today.unwrap_or_else(|| self.clock.today())
    }

    /// The database file.
    pub fn db(&self) -> Result<&Path> {
        Ok(self.db.as_deref().ok_or(CliError::NoHome)?)
    }

    /// The database file if one was named (not the default place).
    pub fn named_db(&self) -> Option<&Path> {
        self.db.as_deref().filter(|_| self.db_named)
    }

    /// The database file as messages name it (empty when there is none).
    pub fn db_name(&self) -> String {
        self.db.as_deref().map(|p| p.display().to_string()).unwrap_or_default()
    }

    /// Whether a missing database may be made here: never under `--readonly`; the default
    /// personal database on first use; a named one only by the commands that make one. A
    /// mistyped `--db` on a shared server must not become a new file nobody reads.
    fn may_create(&self) -> bool {
        !self.readonly && (!self.db_named || self.makes_db)
    }

    /// The database file, which must exist unless `create` and it may be made here.
    fn existing_db(&self, create: bool) -> Result<&Path> {
        let path = self.db()?;
        let makes_it = create && self.may_create();
        if !(self.db_exists()? || makes_it) {
            return Err(CliError::NoDatabase { path: path.to_path_buf() }.into());
        }
        Ok(path)
    }

    /// Opens the database for writing (read-only under `--readonly`), creating it if
    /// missing when `create` and [it may be made](Self::may_create).
    pub fn open(&self, create: bool) -> Result<Store> {
        self.existing_db(create)?;
        let options = OpenOptions { create, readonly: self.readonly, ..OpenOptions::default() };
        self.open_with(options)
    }

    /// Opens the database for the board (TUI): for writing, unless another process has kept
    /// the writers' lock past the wait (a writer stopped or hung) — then read-only, saying
    /// so on stderr, so the board still draws and `q` still quits. Not pinned: the board
    /// must see others' commits.
    pub fn open_board(&self) -> Result<Store> {
        match self.open(true) {
            Err(e) if matches!(e.downcast_ref::<StoreError>(), Some(StoreError::Busy { .. })) => {
                let why = format!("{e:#}");
                eprintln!("yaodian: {}", crate::core::safe_text::escape(&why));
                eprintln!("yaodian: {}", words::BOARD_READ_ONLY.get(self.lang));
                let options =
                    OpenOptions { create: false, readonly: true, ..OpenOptions::default() };
                self.open_with(options)
            }
            other => other,
        }
    }

    /// Opens the database: the shared one through the descriptors a setgid yaodian opened
    /// before dropping its group (see `core::privilege`), any other by its path with the
    /// user's own rights.
    fn open_with(&self, options: OpenOptions) -> Result<Store> {
        let path = self.db()?;
        let mut store = match crate::core::privilege::take(path) {
            Some(Ok(file)) => Store::open_file(file, options)?,
            Some(Err(why)) => return Err(anyhow!("{why}")),
            None => Store::open(path, options)?,
        };
        store.set_clock(self.clock);
        Ok(store)
    }

    /// Whether the database file exists (the shared one of a setgid yaodian always does:
    /// it was opened, or why not is said when it is opened).
    pub fn db_exists(&self) -> Result<bool> {
        let path = self.db()?;
        Ok(crate::core::privilege::is_shared(path) || path.exists())
    }

    /// Opens an existing database with a read-only handle, which never writes to the file.
    /// While a writer keeps the file locked, this is a snapshot of the last commit, and a
    /// line on stderr says so.
    pub fn open_readonly(&self) -> Result<Store> {
        self.existing_db(false)?;
        let store = self.open_readonly_quietly()?;
        if store.is_snapshot() {
            eprintln!("yaodian: {}", words::SNAPSHOT.get(self.lang));
        }
        Ok(store)
    }

    fn open_readonly_quietly(&self) -> Result<Store> {
        // a command that looks reads one consistent view, which no writer can hold up
        let options =
            OpenOptions { create: false, readonly: true, pin: true, ..OpenOptions::default() };
        self.open_with(options)
    }

    /// Opens for a command that only looks: a read-only handle, unless this is the first
    /// use and the bundled plan must be imported. Returns the store and the plan's id.
    pub fn open_for_reading(&self) -> Result<(Store, String)> {
        self.open_looking(true)
    }

    /// [`Context::open_for_reading`] for checking an edit before it is written: a snapshot
    /// goes unmentioned (the write that follows says whether it could be made).
    pub fn open_for_checking(&self) -> Result<(Store, String)> {
        self.open_looking(false)
    }

    fn open_looking(&self, say_snapshot: bool) -> Result<(Store, String)> {
        if self.db_exists()? {
            let store =
                if say_snapshot { self.open_readonly()? } else { self.open_readonly_quietly()? };
            match store.resolve_plan(self.plan.as_deref()) {
                Ok(plan) => return Ok((store, plan)),
                Err(StoreError::Refused(Refusal::NoPlan))
                    if self.plan.is_none() && !self.readonly => {}
                Err(e) => return Err(e.into()),
            }
        }
        let store = self.open(true)?;
        let plan = self.plan_in(&store)?;
        Ok((store, plan))
    }

    /// The plan a command works on, importing the bundled plan into an empty database.
    pub fn plan_in(&self, store: &Store) -> Result<String> {
        match store.resolve_plan(self.plan.as_deref()) {
            Err(StoreError::Refused(Refusal::NoPlan)) if self.plan.is_none() => {
                let plan = bundled_plan()?;
                store.import(&plan, false, &Actor::current())?;
                let said = words::BUNDLED_IMPORTED.fill(
                    self.lang,
                    &[
                        ("plan", &plan.id),
                        ("title", &plan.title),
                        ("file", &BUNDLED_PLAN_NAME),
                        ("path", &store.path().display()),
                    ],
                );
                eprintln!("yaodian: {said}");
                Ok(plan.id)
            }
            other => Ok(other?),
        }
    }
}

/// The default database path: `$XDG_DATA_HOME/yaodian/yaodian.redb`, else under
/// `$HOME/.local/share`.
fn default_db_path(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let set = |k: &str| var(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = set("XDG_DATA_HOME").or_else(|| set("HOME").map(|h| h.join(".local/share")))?;
    Some(base.join("yaodian").join("yaodian.redb"))
}

/// The bundled plan, parsed (for first use, `demo` and tests).
pub fn bundled_plan() -> Result<Plan> {
    Ok(import::parse(BUNDLED_PLAN, &ImportOptions::default()).map_err(CliError::BundledPlan)?.plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn resolve(args: &[&str], settings: Settings, env: &[(&str, &str)]) -> Context {
        let cli = Cli::try_parse_from(args).expect("parses");
        let var = |k: &str| env.iter().find(|(n, _)| *n == k).map(|(_, v)| OsString::from(v));
        Context::new(
            &cli,
            settings,
            var,
            Clock::fixed(0, chrono::FixedOffset::east_opt(0).expect("utc")),
        )
    }

    #[test]
    fn the_database_comes_from_the_command_line_then_settings_then_the_default() {
        let saved = Settings { db: Some("/srv/y.redb".into()), ..Settings::default() };
        let home = [("HOME", "/home/w")];
        let ctx = resolve(&["yaodian", "--db", "/tmp/a.redb", "status"], saved.clone(), &home);
        assert_eq!(ctx.named_db(), Some(Path::new("/tmp/a.redb")));
        let ctx = resolve(&["yaodian", "status"], saved, &home);
        assert_eq!(ctx.db().expect("db"), Path::new("/srv/y.redb"));
        let ctx = resolve(&["yaodian", "status"], Settings::default(), &home);
        assert_eq!(ctx.db().expect("db"), Path::new("/home/w/.local/share/yaodian/yaodian.redb"));
        assert_eq!(ctx.named_db(), None, "the default place is not a named database");
        let xdg = [("XDG_DATA_HOME", "/data"), ("HOME", "/home/w")];
        let ctx = resolve(&["yaodian"], Settings::default(), &xdg);
        assert_eq!(ctx.db().expect("db"), Path::new("/data/yaodian/yaodian.redb"));
        let ctx = resolve(&["yaodian"], Settings::default(), &[("HOME", "")]);
        assert!(ctx.db().is_err());
        assert_eq!(ctx.db_name(), "");
    }

    #[test]
    fn language_and_ascii_merge_the_settings_under_the_command_line() {
        let saved = Settings { lang: Some(Lang::En), ascii: Some(true), ..Settings::default() };
        let ctx = resolve(&["yaodian", "--lang", "zh"], saved.clone(), &[]);
        assert_eq!((ctx.lang, ctx.ascii), (Lang::Zh, true));
        let ctx = resolve(&["yaodian", "--today", "2023-06-30"], saved, &[]);
        assert_eq!(ctx.lang, Lang::En);
        assert_eq!(ctx.pretend_today, NaiveDate::from_ymd_opt(2023, 6, 30));
    }
}
