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
    /// Pretty JSON and a final newline (through [`FullWriter`]: the same bytes).
    pub fn write(&self, out: &mut dyn Write) -> Result<(), serde_json::Error> {
        let mut w = FullWriter::begin(out, &self.plan)?;
        for u in &self.updates {
            w.entry(u)?;
        }
        w.finish().map(drop)
    }
}

/// The full backup written as its log is read, entry by entry: the bytes
/// `safe_text::write_json` makes of the whole [`FullBackup`], without the log in memory.
/// Pretty JSON puts each entry of `updates` on lines of its own, two levels in, and escapes
/// every newline inside a string: an entry written alone and indented is the same text.
pub struct FullWriter<W: Write> {
    out: W,
    entries: u64,
    /// One entry's JSON alone, then indented (both reused).
    one: Vec<u8>,
    buf: Vec<u8>,
}

/// How the document ends when the log is empty: `[]`, then the object closed.
const EMPTY_END: &[u8] = b"[]\n}";

impl<W: Write> FullWriter<W> {
    /// Writes everything before the first entry: the header fields and the plan.
    pub fn begin(mut out: W, plan: &Plan) -> Result<Self, serde_json::Error> {
        // FullBackup's fields, borrowed (a large plan is not copied)
        #[derive(Serialize)]
        struct Head<'a> {
            format: &'a str,
            version: u32,
            plan: &'a Plan,
            updates: [Update; 0],
        }
        let head = Head { format: FULL_FORMAT, version: VERSION, plan, updates: [] };
        let mut text = Vec::new();
        crate::core::safe_text::to_writer_pretty(&mut text, &head)?;
        // `updates` is the last field: what precedes its empty list is the head.
        let head = text.strip_suffix(EMPTY_END).ok_or_else(|| {
            serde_json::Error::io(std::io::Error::other("backup's updates not last"))
        })?;
        out.write_all(head).map_err(serde_json::Error::io)?;
        Ok(Self { out, entries: 0, one: Vec::new(), buf: Vec::new() })
    }

    /// Writes the log's next entry.
    pub fn entry(&mut self, u: &Update) -> Result<(), serde_json::Error> {
        self.one.clear();
        crate::core::safe_text::to_writer_pretty(&mut self.one, u)?;
        self.buf.clear();
        self.buf.extend_from_slice(if self.entries == 0 { b"[\n" } else { b",\n" });
        for (i, line) in self.one.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.buf.push(b'\n');
            }
            self.buf.extend_from_slice(b"    ");
            self.buf.extend_from_slice(line);
        }
        self.entries += 1;
        self.out.write_all(&self.buf).map_err(serde_json::Error::io)
    }

    /// Closes the list and the document (with the final newline); the writer back.
    pub fn finish(mut self) -> Result<W, serde_json::Error> {
        let end: &[u8] = if self.entries == 0 { b"[]\n}\n" } else { b"\n  ]\n}\n" };
        self.out.write_all(end).map_err(serde_json::Error::io)?;
        Ok(self.out)
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

    /// The streamed document is byte for byte the one serde makes of the whole backup: an
    /// empty log, a generated one, and entries with nested values, newlines and hostile
    /// characters in their texts.
    #[test]
    fn the_streamed_backup_is_the_whole_backup_byte_for_byte() {
        use crate::core::model::{Change, LogHash, PlanSettings, Status};
        let spec = crate::core::generate::Spec::new(2, 2, 3, 40);
        let plan = crate::core::generate::plan(&spec).expect("plan");
        let mut updates: Vec<Update> = crate::core::generate::updates(&plan, &spec).collect();
        let last = updates.len() as u64;
        let item = plan.items[0].id.clone();
        let target = plan.targets[0].clone();
        let odd = [
            Change::Note { item: item.clone(), old: "a\n  b\"".into(), new: "\u{202e}x\t".into() },
            Change::ItemStatus { item, old: None, new: Some(Status::Done) },
            Change::TargetDef { target: target.id.clone(), old: None, new: Some(Box::new(target)) },
            Change::Settings { old: PlanSettings::default(), new: PlanSettings::default() },
        ];
        for (i, change) in odd.into_iter().enumerate() {
            updates.push(Update {
                seq: last + i as u64 + 1,
                at: 1_700_000_000_000,
                user: "张三\n".into(),
                uid: 7,
                change,
                note: "备注\r\n]\n  }".into(),
                undoes: Some(3),
                prev: Some(LogHash([9; 32])),
            });
        }
        for log in [Vec::new(), updates] {
            let n = log.len();
            let backup = full(&plan, log);
            let mut whole = Vec::new();
            crate::core::safe_text::write_json(&mut whole, &backup).expect("serde");
            let mut streamed = Vec::new();
            backup.write(&mut streamed).expect("streamed");
            assert_eq!(String::from_utf8(streamed), String::from_utf8(whole), "{n} entries");
        }
    }
}
