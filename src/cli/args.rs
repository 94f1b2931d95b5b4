//! What may be typed: the clap definitions of the command line, its help texts and the
//! parsers of its values. Nothing here opens a file or decides anything.

use crate::core::report::{GroupBy, format::Format};
use crate::lang::Lang;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

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
    Demo(GenerateArgs),
    /// Import a plan: text (UTF-8, UTF-16, GB18030/GBK), a Word .docx or an Excel .xlsx task table
    Import(ImportArgs),
    /// The board at a glance
    Status(BoardArgs),
    /// Every target with its value, goal and status
    Targets(BoardArgs),
    /// The progress ledger (台账) as of a date: Markdown, CSV, XLSX or JSON
    Export(ExportArgs),
    /// Restore a plan and its log from `export --format json --full`
    Restore { file: PathBuf },
    /// The update log, of one target or item or of the whole plan
    Log(LogArgs),
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
        /// The Unix group that owns the data (with a setgid yaodian: a group of no people)
        #[arg(long, value_name = "GROUP", requires = "shared")]
        group: Option<String>,
        /// The first admin of a shared database (default: the user who ran sudo, else you)
        #[arg(long, value_name = "USER", requires = "shared")]
        admin: Option<String>,
    },
    /// Give a user a role: admin, editor of departments, or viewer
    Grant(GrantArgs),
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

// `demo` opens the throwaway board; with --generate, the shape of a generated benchmark
// database instead. (Plain comments on these structs: a doc comment would become the
// subcommand's help.)
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Write a generated plan and log into --db instead of opening the demo
    #[arg(long)]
    pub generate: bool,
    #[arg(long, default_value_t = 30, requires = "generate")]
    pub themes: usize,
    #[arg(long, default_value_t = 34, requires = "generate")]
    pub items_per_theme: usize,
    #[arg(long, default_value_t = 10, requires = "generate")]
    pub targets_per_item: usize,
    /// Value updates spread from the plan's start to --today
    #[arg(long, default_value_t = 0, requires = "generate")]
    pub updates: usize,
}

// `import`
#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Plan year, when the title does not name it
    #[arg(long)]
    pub year: Option<i32>,
    /// Replace an existing plan with the same id (keeps history of kept target ids)
    #[arg(long)]
    pub replace: bool,
    /// Plan id (default: the year)
    #[arg(long)]
    pub id: Option<String>,
    /// Print the plan as it would be stored (themes, items, departments, targets) and store nothing
    #[arg(long)]
    pub dry_run: bool,
}

// What `status` and `targets` show.
#[derive(Debug, Args)]
pub struct BoardArgs {
    #[arg(long)]
    pub json: bool,
    /// Only items of this department (a part of its name is enough)
    #[arg(long, value_name = "NAME")]
    pub dept: Option<String>,
    /// The board as it stood at the end of this date (replayed from the log)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

// `export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// The ledger as it stood at the end of this date (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Group rows by theme or by lead department
    #[arg(long, value_enum, default_value = "theme")]
    pub by: By,
    /// Only items of this department
    #[arg(long, value_name = "NAME")]
    pub dept: Option<String>,
    /// With --format json: the plan and its whole update log, for `restore`
    #[arg(long)]
    pub full: bool,
    /// Output file (default: standard output; required for xlsx)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

// `log`
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Target or item id
    pub id: Option<String>,
    #[arg(long)]
    pub json: bool,
    /// Only updates by this user
    #[arg(long)]
    pub user: Option<String>,
    /// Only updates to this department's items
    #[arg(long, value_name = "NAME")]
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
    pub user: String,
    #[arg(long)]
    pub admin: bool,
    /// Departments the user may edit (repeat or list several)
    #[arg(long, num_args = 1.., value_name = "NAME")]
    pub dept: Vec<String>,
    #[arg(long)]
    pub viewer: bool,
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
    use clap::CommandFactory;

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
    }
}
