//! The command line's own errors, typed: each names what went wrong with the data a
//! message needs, and `i18n::cli::error` words it in the interface language. The English
//! `Display` is for logs and tests.

use crate::core::import::ImportError;
use crate::core::model::ValueError;
use crate::core::store::StoreError;
use std::path::PathBuf;
use thiserror::Error;

impl CliError {
    /// Whether the command line itself is malformed (exit code 2, as for clap's errors).
    pub fn is_usage(&self) -> bool {
        matches!(self, CliError::TodayNotHere | CliError::FullNeedsJson)
    }
}

/// What the command line refuses or fails at, beyond the core's own errors.
#[derive(Debug, Error)]
pub enum CliError {
    /// No database was named and there is no home directory to put the default one in.
    #[error("neither XDG_DATA_HOME nor HOME is set; pass --db PATH")]
    NoHome,
    /// A named database that does not exist, for a command that does not make one.
    #[error(
        "{path}: no such database; create it with `yaodian init --db {path}` or `yaodian import FILE --db {path}`"
    )]
    NoDatabase { path: PathBuf },
    /// A value typed on the command line that is not a number.
    #[error("{text:?}: {reason}")]
    NotANumber { text: String, reason: ValueError },
    /// `--today` with a command it means nothing to (a change is stamped with the real
    /// time; the log is what happened).
    #[error("--today goes with the board, demo, status, targets, export, reported and brief")]
    TodayNotHere,
    #[error("--full goes with --format json")]
    FullNeedsJson,
    #[error("{format} needs an output file: -o ledger.{format}")]
    NeedsOutput { format: &'static str },
    #[error("{user} has no role")]
    NoRole { user: String },
    #[error("{count} problems found")]
    Problems { count: usize },
    #[error("--generate needs --db FILE")]
    GenerateNeedsDb,
    #[error("writing {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("importing the bundled plan: {0}")]
    BundledPlan(ImportError),
    #[error("{path}: {source}")]
    Import { path: PathBuf, source: ImportError },
    #[error("creating the demo database {path}: {source}")]
    DemoDatabase { path: PathBuf, source: StoreError },
    #[error("generating the plan: {0}")]
    Generate(ImportError),
    /// A file the command would create is there already.
    #[error("{} exists already; name a new file", path.display())]
    Exists { path: PathBuf },
    /// `brief` got no answer in time (a writer holds the database, or it is slow).
    #[error("no answer from the database within {ms} ms (a writer holds it, or it is slow)")]
    BriefTimeout { ms: u128 },
    /// `brief`'s reader ended without an answer.
    #[error("brief failed")]
    BriefFailed,
}
