//! What may be typed: the clap definitions of the command line, its help texts and the
//! parsers of its values. Nothing here opens a file or decides anything.

use crate::core::report::{GroupBy, format::Format};
use crate::lang::Lang;
use crate::settings;
use chrono::NaiveDate;
use clap::builder::PossibleValuesParser;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueHint};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "yaodian",
    version,
    about = "工作要点 progress board: a TUI and a command line over one shared database",
    after_help = "With no command, yaodian opens the board (the TUI) on the database.\n\
                  `yaodian help <COMMAND>` describes a command; `yaodian help pace` how pace \
                  (序时进度) and status are worked out; `man yaodian` the whole tool."
)]
pub struct Cli {
    /// Database file (default: $XDG_DATA_HOME/yaodian/yaodian.redb)
    #[arg(long, global = true, env = "YAODIAN_DB", value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub db: Option<PathBuf>,
    /// Plan id, where the database holds several (default: the plan imported last)
    #[arg(long, global = true, value_name = names::PLAN)]
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
    /// Leave the mouse to the terminal, to select text with it (the board: no clicks, no
    /// wheel)
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Measure on this date instead of today, values as they are now (the board, demo,
    /// status, targets, export, reported, brief)
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
    /// With --generate, write a large generated plan and its log into --db instead (for
    /// benchmarks).
    #[command(after_help = "Examples:\n  \
        yaodian demo --today 2023-09-30\n  \
        yaodian demo --generate --db big.redb --themes 30 --items-per-theme 34 --updates 1000000")]
    Demo(GenerateArgs),
    /// Import a plan: text (UTF-8, UTF-16, GB18030/GBK), a Word .docx or an Excel .xlsx task table
    #[command(after_help = "Examples:\n  \
        yaodian import 2024年工作要点.docx --dry-run   # show what would be stored\n  \
        yaodian import 2024年工作要点.txt --year 2024\n  \
        yaodian import 2024年工作要点.txt --replace    # keeps the values of kept target ids")]
    Import(ImportArgs),
    /// The board at a glance
    #[command(after_help = "Examples:\n  \
        yaodian status\n  \
        yaodian status --dept 群众 --as-of 2023-06-30\n  \
        yaodian status --json | jq .progress")]
    Status(BoardArgs),
    /// Every target with its value, goal and status
    #[command(after_help = "Examples:\n  \
        yaodian targets --dept 群众\n  \
        yaodian targets --stale\n  \
        yaodian targets --json | jq '.[] | select(.status == \"behind\") | .id'")]
    Targets(TargetsArgs),
    /// The ledger (台账) as of a date (md, csv, xlsx, json), or the period report (docx)
    ///
    /// --format docx writes the period report (落实情况报告) as a Word document in the
    /// official layout; every format carries the period's figures (上期值, 本期完成).
    #[command(after_help = "Examples:\n  \
        yaodian export --format xlsx -o 台账.xlsx\n  \
        yaodian export --format csv --as-of 2023-09-30 --by department --dept 群众\n  \
        yaodian export --format docx --period 2023-06 -o 落实情况.docx\n  \
        yaodian export --format json --full -o all.json    # a backup, for `restore`")]
    Export(ExportArgs),
    /// Who has reported for a period (default: the current one), and what is missing
    #[command(after_help = "Examples:\n  \
        yaodian reported\n  \
        yaodian reported --period 2023-06 --json")]
    Reported(ReportedArgs),
    /// Lines for a login: your departments' lagging targets, missing reports, worst target
    ///
    /// One to three lines for the current user; silent when there is nothing to say.
    #[command(after_help = "Examples:\n  \
        yaodian brief\n  \
        yaodian brief --quiet-errors    # in /etc/profile.d/yaodian.sh (see init --shared)")]
    Brief(BriefArgs),
    /// Show or (admin) change the plan's settings: reporting rhythm, due day, staleness
    #[command(after_help = "Examples:\n  \
        yaodian plan-settings\n  \
        yaodian plan-settings --rhythm quarterly --due-day 10")]
    PlanSettings(PlanSettingsArgs),
    /// Restore a plan and its log from `export --format json --full`
    #[command(after_help = "Example:\n  yaodian --db new.redb restore all.json")]
    Restore {
        /// The backup file written by `export --format json --full`
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
    },
    /// The update log, of one target or item or of the whole plan
    #[command(after_help = "Examples:\n  \
        yaodian log 13.1\n  \
        yaodian log --user wang --since 2023-06-01\n  \
        yaodian log --dept 办公室 --json")]
    Log(LogArgs),
    /// Set a target's value
    #[command(after_help = "Example:\n  yaodian set 13.1 64 --note \"莱山区新增6处\"")]
    Set {
        /// Target id (`13.1`; `t4.1` for a target of a theme heading)
        #[arg(value_name = names::TARGET)]
        id: String,
        /// The new value, in the target's unit (a percentage as a number: 85 for 85 %)
        #[arg(allow_negative_numbers = true, value_name = "VALUE")]
        value: String,
        /// Why, or where the figure comes from (kept in the log)
        #[arg(long, default_value = "", hide_default_value = true, value_name = "TEXT")]
        note: String,
    },
    /// Add to (or, negative, subtract from) a target's value
    #[command(
        after_help = "Examples:\n  yaodian add 13.1 6 --note \"莱山区新增6处\"\n  yaodian add 13.1 -1"
    )]
    Add {
        /// Target id (`13.1`)
        #[arg(value_name = names::TARGET)]
        id: String,
        /// The amount to add; negative to subtract
        #[arg(allow_negative_numbers = true, value_name = "DELTA")]
        delta: String,
        /// Why, or where the figure comes from (kept in the log)
        #[arg(long, default_value = "", hide_default_value = true, value_name = "TEXT")]
        note: String,
    },
    /// Mark a target done (its value becomes its goal)
    #[command(after_help = "Example:\n  yaodian done 12.1 --note \"《实施意见》已印发\"")]
    Done {
        /// Target id (`12.1`)
        #[arg(value_name = names::TARGET)]
        id: String,
        /// Why, or what was delivered (kept in the log)
        #[arg(long, default_value = "", hide_default_value = true, value_name = "TEXT")]
        note: String,
    },
    /// Set an item's progress note (进展情况)
    #[command(after_help = "Example:\n  yaodian note 13 \"已完成选址，9月开工\"")]
    Note {
        /// Item id (`13`)
        #[arg(value_name = names::ITEM)]
        item: String,
        /// The note, replacing the item's previous one (an empty text clears it)
        #[arg(value_name = "TEXT")]
        text: String,
    },
    /// Undo your own last change (recorded as a new, corrective update)
    #[command(after_help = "Example:\n  yaodian undo")]
    Undo,
    /// The plans in this database
    #[command(after_help = "Examples:\n  yaodian plans\n  yaodian --plan 2024 status")]
    Plans {
        /// Print JSON for scripts instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Create a database: personal (0600) by default, or shared by a group with --shared
    #[command(after_help = "Examples:\n  \
        yaodian init\n  \
        yaodian init --shared /srv/yaodian --group tiyu")]
    Init {
        /// Directory for a shared database (created setgid 2770, owned by --group)
        #[arg(long, value_name = "DIR", requires = "group", value_hint = ValueHint::DirPath)]
        shared: Option<PathBuf>,
        /// The Unix group that owns the data (with a setgid yaodian: a group of no people)
        #[arg(long, value_name = "GROUP", requires = "shared")]
        group: Option<String>,
        /// The first admin of a shared database (default: the user who ran sudo, else you)
        #[arg(long, value_name = "USER", requires = "shared")]
        admin: Option<String>,
    },
    /// Give a user a role: admin, editor of departments, or viewer
    #[command(after_help = "Examples:\n  \
        yaodian grant wang --dept 群众**科\n  \
        yaodian grant li --admin\n  \
        yaodian grant zhao --viewer")]
    Grant(GrantArgs),
    /// Remove a user's role
    #[command(after_help = "Example:\n  yaodian revoke wang")]
    Revoke {
        /// Unix user name
        #[arg(value_name = "USER", value_hint = ValueHint::Username)]
        user: String,
    },
    /// List users and their roles
    #[command(after_help = "Example:\n  yaodian roles")]
    Roles,
    /// Verify the database (redb and yaodian's own invariants); changes nothing
    #[command(after_help = "Example:\n  yaodian --db /srv/yaodian/yaodian.redb check")]
    Check,
    /// Write a consistent copy of the database while others keep working
    #[command(after_help = "Example:\n  yaodian backup /srv/backup/yaodian-$(date +%F).redb")]
    Backup {
        /// The copy to write (must not exist)
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
    },
    /// Show or remember a setting (ascii, lang, db) in ~/.config/yaodian/settings
    #[command(after_help = "Examples:\n  \
        yaodian config\n  \
        yaodian config lang en\n  \
        yaodian config db /srv/yaodian/yaodian.redb")]
    Config {
        /// The setting: ascii, lang or db (none: show them all)
        #[arg(value_name = "KEY", value_parser = PossibleValuesParser::new(settings::KEYS.map(|(k, _)| k)))]
        key: Option<String>,
        /// The value to remember (none: show the setting)
        #[arg(value_name = "VALUE")]
        value: Option<String>,
    },
    /// How pace (序时进度) and status (正常 预警 滞后 已完成) are worked out
    #[command(long_about = super::topics::PACE, after_help = "Also: man yaodian (PACE AND STATUS)")]
    Pace,
    /// Print a shell completion script (bash, zsh or fish)
    #[command(after_help = "Examples:\n  \
        yaodian completions bash > /etc/bash_completion.d/yaodian\n  \
        yaodian completions zsh > ~/.zfunc/_yaodian\n  \
        yaodian completions fish > ~/.config/fish/completions/yaodian.fish")]
    Completions {
        /// The shell
        #[arg(value_enum, value_name = "SHELL")]
        shell: Shell,
    },
    /// Write the man pages: yaodian(1) to standard output, or every page into DIR
    #[command(after_help = "Examples:\n  \
        yaodian man | man -l -\n  \
        yaodian man /usr/local/share/man/man1")]
    Man {
        /// Directory for yaodian.1 and one page per command (created if missing)
        #[arg(value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
    /// The names a shell completes, one a line (called by the completion scripts)
    #[command(hide = true)]
    Complete {
        /// What to list
        #[arg(value_enum)]
        kind: Completing,
        /// Only names starting with this
        #[arg(default_value = "")]
        prefix: String,
    },
}

// `demo` opens the throwaway board; with --generate, the shape of a generated benchmark
// database instead. (Plain comments on these structs: a doc comment would become the
// subcommand's help.)
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Write a generated plan and log into --db instead of opening the demo
    #[arg(long)]
    pub generate: bool,
    /// Themes of the generated plan
    #[arg(long, default_value_t = 30, requires = "generate", value_name = "N")]
    pub themes: usize,
    /// Items in each theme
    #[arg(long, default_value_t = 34, requires = "generate", value_name = "N")]
    pub items_per_theme: usize,
    /// Targets in each item (every sixth is a milestone)
    #[arg(long, default_value_t = 10, requires = "generate", value_name = "N")]
    pub targets_per_item: usize,
    /// Value updates spread from the plan's start to --today
    #[arg(long, default_value_t = 0, requires = "generate", value_name = "N")]
    pub updates: usize,
    /// Write the demo database to this new file and keep it, instead of opening the board
    /// (for trying commands on it: `yaodian --db FILE reported`)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with = "generate")]
    pub keep: Option<PathBuf>,
}

// `import`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plan as UTF-8 text, in the genre of data/2023-work-plan.txt
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// Plan year, when the title does not name it
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Replace an existing plan with the same id (keeps history of kept target ids)
    #[arg(long)]
    pub replace: bool,
    /// Plan id (default: the year)
    #[arg(long, value_name = names::PLAN)]
    pub id: Option<String>,
    /// Print the plan as it would be stored (themes, items, departments, targets) and store nothing
    #[arg(long)]
    pub dry_run: bool,
}

// What `status` and `targets` show.
#[derive(Debug, Args)]
pub struct BoardArgs {
    /// Print JSON for scripts (complete, not a glance; see README "JSON")
    #[arg(long)]
    pub json: bool,
    /// Only items of this department (a part of its name is enough)
    #[arg(long, value_name = names::DEPT)]
    pub dept: Option<String>,
    /// The board as it stood at the end of this date (replayed from the log)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

// `targets`
#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub board: BoardArgs,
    /// Only targets not updated for the plan's staleness period (see `plan-settings`)
    #[arg(long)]
    pub stale: bool,
}

// `export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The file format
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: FormatArg,
    /// The ledger as it stood at the end of this date (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "period")]
    pub as_of: Option<NaiveDate>,
    /// The reporting period (2023-06, 2023-Q2, 2023-H1): figures as of its due day
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Group rows by theme or by lead department
    #[arg(long, value_enum, default_value = "theme", value_name = "GROUPING")]
    pub by: By,
    /// Only items of this department (a part of its name is enough)
    #[arg(long, value_name = names::DEPT)]
    pub dept: Option<String>,
    /// With --format json: the plan and its whole update log, for `restore`
    #[arg(long)]
    pub full: bool,
    /// Output file (default: standard output; required for xlsx)
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

// `reported`
#[derive(Debug, Args)]
pub struct ReportedArgs {
    /// The period: 2023-06, 2023-Q2, 2023-H1 (default: the one today falls in)
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Print JSON for scripts instead of lines
    #[arg(long)]
    pub json: bool,
}

// `brief`
#[derive(Debug, Args)]
pub struct BriefArgs {
    /// The user to brief (default: the user running it)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Print nothing and exit 0 on any error, or when the database is busy for 100 ms (for
    /// /etc/profile.d: a login never fails or waits because of yaodian)
    #[arg(long)]
    pub quiet_errors: bool,
}

// `plan-settings`: no option shows them; any option changes them (admin).
#[derive(Debug, Args)]
pub struct PlanSettingsArgs {
    /// How often departments report: monthly, quarterly, half-yearly
    #[arg(long, value_name = "RHYTHM")]
    pub rhythm: Option<String>,
    /// The day of the period's last month reports are due by (1-31)
    #[arg(long, value_name = "DAY")]
    pub due_day: Option<u32>,
    /// Days without an update after which a target is stale
    #[arg(long, value_name = "DAYS")]
    pub stale_days: Option<u32>,
    /// Print JSON for scripts instead of a line
    #[arg(long)]
    pub json: bool,
}

// `log`
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Target or item id (default: the whole plan)
    #[arg(value_name = names::TARGET_OR_ITEM)]
    pub id: Option<String>,
    /// Print JSON for scripts instead of lines
    #[arg(long)]
    pub json: bool,
    /// Only updates by this Unix user
    #[arg(long, value_name = "USER", value_hint = ValueHint::Username)]
    pub user: Option<String>,
    /// Only updates to this department's items (a part of its name is enough)
    #[arg(long, value_name = names::DEPT)]
    pub dept: Option<String>,
    /// From this date (inclusive)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Up to this date (inclusive)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
}

// `grant`: exactly one role.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("role").required(true).args(["admin", "dept", "viewer"])))]
pub struct GrantArgs {
    /// Unix user name
    #[arg(value_name = "USER", value_hint = ValueHint::Username)]
    pub user: String,
    /// Admin: edits everything, imports plans, grants roles
    #[arg(long)]
    pub admin: bool,
    /// Editor of the items these departments lead or support (repeat or list several)
    #[arg(long, num_args = 1.., value_name = names::DEPT)]
    pub dept: Vec<String>,
    /// Viewer: looks, changes nothing
    #[arg(long)]
    pub viewer: bool,
}

/// The shells `completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// What `complete` lists: the value names of the arguments whose values come from the
/// database (a `<TARGET>` completes target ids, and so on; see [`names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Completing {
    Targets,
    Items,
    /// Targets and items
    Ids,
    Departments,
    Plans,
}

/// Value names that say what an argument takes; the completion scripts complete every
/// argument named so from the database.
pub mod names {
    pub const TARGET: &str = "TARGET";
    pub const ITEM: &str = "ITEM";
    pub const TARGET_OR_ITEM: &str = "ID";
    pub const DEPT: &str = "DEPT";
    pub const PLAN: &str = "PLAN";
}

/// The command line as it is parsed and as its help and man pages show it: [`Cli`] with the
/// version text naming the database formats, and each subcommand's help listing its own
/// arguments and one line about the global options (clap would repeat all of them in every
/// subcommand). The global options stay accepted after a subcommand: each subcommand holds a
/// hidden copy, which clap then does not propagate again.
pub fn command() -> clap::Command {
    let cmd = Cli::command().long_version(super::version::long());
    let globals: Vec<clap::Arg> =
        cmd.get_arguments().filter(|a| a.is_global_set()).cloned().collect();
    let names: Vec<String> =
        globals.iter().filter_map(|a| a.get_long()).map(|l| format!("--{l}")).collect();
    let line = format!("Global options ({}): see `yaodian --help`.", names.join(" "));
    cmd.mut_subcommands(|sc| {
        let after = match sc.get_after_help() {
            Some(text) => format!("{text}\n\n{line}"),
            None => line.clone(),
        };
        globals.iter().fold(sc, |sc, a| sc.arg(a.clone().hide(true))).after_help(after)
    })
}

/// Parses the process's arguments with [`command`]: clap's errors (usage, "did you mean")
/// are returned whole, to be printed by clap with its exit code.
pub fn parse() -> Result<Cli, clap::Error> {
    parse_from(std::env::args_os())
}

/// [`parse`] for these arguments (the first is the program's name).
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut matches = command().try_get_matches_from(args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command()))
}

/// `--format`: the ledger formats of the core, by their names (clap stays out of the core,
/// and a new format needs nothing here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatArg(pub Format);

impl clap::ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [FormatArg; Format::ALL.len()] = {
            let mut all = [FormatArg(Format::Md); Format::ALL.len()];
            let mut k = 0;
            while k < all.len() {
                all[k] = FormatArg(Format::ALL[k]);
                k += 1;
            }
            all
        };
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()))
    }
}

/// Grouping of ledger rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Theme,
    Department,
}

impl From<By> for GroupBy {
    fn from(by: By) -> GroupBy {
        match by {
            By::Theme => GroupBy::Theme,
            By::Department => GroupBy::Department,
        }
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?} (zh or en)"))
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definitions_hold_together() {
        Cli::command().debug_assert();
    }

    #[test]
    fn format_takes_every_core_format_by_name() {
        for format in Format::ALL {
            let cli = Cli::try_parse_from(["yaodian", "export", "--format", format.name()])
                .expect("parses");
            let Some(Command::Export(args)) = cli.command else { panic!("not export") };
            assert_eq!(args.format.0, format);
        }
        assert!(Cli::try_parse_from(["yaodian", "export", "--format", "pdf"]).is_err());
        let both = [
            "yaodian",
            "export",
            "--format",
            "docx",
            "--period",
            "2023-06",
            "--as-of",
            "2023-06-30",
        ];
        assert!(Cli::try_parse_from(both).is_err(), "a period or a date, not both");
    }
}
