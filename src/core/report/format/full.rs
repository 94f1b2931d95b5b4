//! The full backup: a plan's structure and its whole update log as one JSON document, which
//! `export --format json --full` writes and `restore` replays with the original sequence
//! numbers, times and users.

use crate::core::model::{Plan, Update};
use serde::{Deserialize, Serialize};
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

/// Reads a full backup, refusing anything else.
pub fn read_full(path: &Path) -> Result<FullBackup, BackupError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| BackupError::Read { path: path.to_path_buf(), source })?;
    let backup: FullBackup = serde_json::from_str(&text)
        .map_err(|reason| BackupError::NotJson { path: path.to_path_buf(), reason })?;
    if backup.format != FULL_FORMAT {
        return Err(BackupError::Foreign { path: path.to_path_buf() });
    }
    if backup.version > VERSION {
        return Err(BackupError::Newer { path: path.to_path_buf(), version: backup.version });
    }
    Ok(backup)
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
