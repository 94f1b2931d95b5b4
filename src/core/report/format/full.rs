//! The full backup: a plan's structure and its whole update log as one JSON document, which
//! `export --format json --full` writes and `restore` replays with the original sequence
//! numbers, times and users.

use crate::core::import::{self, ImportError, MAX_LINE};
use crate::core::model::{Plan, Update};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The full backup: the plan's structure and its whole update log.
#[derive(Debug, Serialize, Deserialize)]
pub struct FullBackup {
    pub format: String,
    pub version: u32,
    pub plan: Plan,
    pub updates: Vec<Update>,
}

/// Name in the `format` field of a full backup.
pub const FULL_FORMAT: &str = "yaodian-full-backup";

/// The newest backup version this build reads (and the one it writes).
const VERSION: u32 = 1;

/// Why a file could not be read as a full backup.
#[derive(Debug, Error)]
pub enum BackupError {
    #[error("reading {}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: not a yaodian full backup ({reason})", path.display())]
    NotJson { path: PathBuf, reason: serde_json::Error },
    #[error("{}: not a yaodian full backup", path.display())]
    Foreign { path: PathBuf },
    #[error("{}: backup version {version} is newer than this yaodian reads", path.display())]
    Newer { path: PathBuf, version: u32 },
    #[error("{}: {bytes} bytes, more than a backup may have ({limit})", path.display())]
    TooLarge { path: PathBuf, bytes: u64, limit: u64 },
    #[error("{}: not a backup yaodian restores ({why})", path.display())]
    Shape { path: PathBuf, why: String },
}

/// The backup of `plan` with its log.
pub fn full(plan: &Plan, updates: Vec<Update>) -> FullBackup {
    FullBackup { format: FULL_FORMAT.into(), version: VERSION, plan: plan.clone(), updates }
}

impl FullBackup {
    /// Pretty JSON and a final newline.
    pub fn write(&self, out: &mut dyn Write) -> Result<(), serde_json::Error> {
        crate::core::safe_text::write_json(out, self)
    }
}

/// Reads a full backup, refusing anything else: more than a plan file may have
/// (`import::LIMITS.file`, read in bounded time), or a shape no plan the importer makes has
/// (see [`check_shape`]).
pub fn read_full(path: &Path) -> Result<FullBackup, BackupError> {
    let bytes = import::read_limited(path).map_err(|e| match e {
        ImportError::TooLarge { bytes, limit } => {
            BackupError::TooLarge { path: path.to_path_buf(), bytes, limit }
        }
        ImportError::Io { kind, .. } => {
            BackupError::Read { path: path.to_path_buf(), source: kind.into() }
        }
        other => BackupError::Read {
            path: path.to_path_buf(),
            source: std::io::Error::other(other.to_string()),
        },
    })?;
    let backup: FullBackup = serde_json::from_slice(&bytes)
        .map_err(|reason| BackupError::NotJson { path: path.to_path_buf(), reason })?;
    check_shape(&backup).map_err(|why| BackupError::Shape { path: path.to_path_buf(), why })?;
    if backup.format != FULL_FORMAT {
        return Err(BackupError::Foreign { path: path.to_path_buf() });
    }
    if backup.version > VERSION {
        return Err(BackupError::Newer { path: path.to_path_buf(), version: backup.version });
    }
    Ok(backup)
}

/// The shapes the importer never makes and a backup may not have either: more targets in
/// one item than [`import::MAX_TARGETS`], a one-line text (a title, a name, a note) longer
/// than a plan's line may be.
fn check_shape(backup: &FullBackup) -> Result<(), String> {
    let long = |s: &str| s.len() > MAX_LINE * 4;
    let plan = &backup.plan;
    let mut per_item: HashMap<&str, usize> = HashMap::new();
    for t in &plan.targets {
        if let Some(item) = t.item.as_deref() {
            *per_item.entry(item).or_default() += 1;
        }
        if long(&t.name) || long(&t.source) || long(&t.id) || long(&t.unit) {
            return Err(format!("target {} has a text longer than {MAX_LINE} characters", t.id));
        }
    }
    if let Some((item, n)) = per_item.into_iter().find(|(_, n)| *n > import::MAX_TARGETS) {
        return Err(format!("item {item} has {n} targets (at most {})", import::MAX_TARGETS));
    }
    // one-line texts (a preamble, an intro or an item's whole text may run longer)
    let texts = plan.items.iter().flat_map(|i| [&i.id, &i.title]);
    let mut texts = texts.chain(plan.themes.iter().map(|t| &t.title));
    if long(&plan.title) || long(&plan.id) || texts.any(|s| long(s)) {
        return Err(format!("a text longer than {MAX_LINE} characters"));
    }
    if let Some(u) = backup.updates.iter().find(|u| long(&u.note) || long(&u.user)) {
        return Err(format!("log entry {} has a text longer than {MAX_LINE} characters", u.seq));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_reads_back_and_anything_else_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let plan = crate::core::store::tests::sample_plan();
        let path = dir.path().join("full.json");
        let mut text = Vec::new();
        full(&plan, Vec::new()).write(&mut text).expect("write");
        assert!(text.ends_with(b"}\n"));
        std::fs::write(&path, &text).expect("save");
        assert_eq!(read_full(&path).expect("read back").plan, plan);

        let refused = |content: &str| {
            std::fs::write(&path, content).expect("save");
            read_full(&path).expect_err("refused")
        };
        assert!(matches!(refused("{\"a\":1}"), BackupError::NotJson { .. }));
        let other = String::from_utf8(text.clone()).expect("utf-8").replace(FULL_FORMAT, "x");
        assert!(matches!(refused(&other), BackupError::Foreign { .. }));
        let newer =
            String::from_utf8(text).expect("utf-8").replace("\"version\": 1", "\"version\": 2");
        assert!(matches!(refused(&newer), BackupError::Newer { version: 2, .. }));
        let missing = read_full(&dir.path().join("none.json")).expect_err("missing");
        assert!(matches!(missing, BackupError::Read { .. }));
    }
}
