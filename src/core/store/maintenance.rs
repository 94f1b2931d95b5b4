//! Whole-file operations: `check` (integrity and yaodian's own invariants, read-only) and
//! `backup` (a consistent copy taken from one read snapshot while others keep working).

use super::schema::{
    BRIEFS, ITEM_REPORTS, ITEM_TALLIES, ITEMS, META, PLAN_SETTINGS, PLANS, REPORT_MARKS, ROLES,
    ROSTERS, TARGETS, THEME_TALLIES, UPDATES,
};
use super::verify::{Definitions, LogCheck, Verified};
use super::{Store, StoreError};
use crate::core::model::ChangeRef;
use redb::{Key, ReadTransaction, ReadableTable, TableDefinition, Value};
use std::path::Path;

/// One thing `check` found wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub plan: String,
    pub subject: String,
    pub what: Wrong,
}

/// What is wrong with a subject (worded by [`crate::i18n::cli::problem`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Wrong {
    /// A log entry whose number is not its place in the log.
    OutOfSequence { seq: u64 },
    /// A target's stored value is not what its log replays to.
    Value { stored: f64, replayed: f64 },
    /// A target's count of updates is not the log's.
    Count { counted: u32, logged: usize },
    /// An item's note is not the last one logged.
    Note,
    /// The log is not evidence (sequence, hash chain, a value invalid or discontinuous).
    Log(super::verify::LogWrong),
}

/// What `check` looked at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckReport {
    pub plans: usize,
    pub targets: usize,
    pub updates: usize,
    pub problems: Vec<Problem>,
    /// Per plan: entries written before the hash chain existed, and the log's head hash.
    pub logs: Vec<(String, Verified)>,
}

impl Store {
    /// Verifies every record decodes, every plan's log is evidence (sequence, hash chain,
    /// values valid and continuous, see [`super::verify_log`]), and every target's value equals the
    /// replay of its log (and every item's note the last note written). Changes nothing.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut report = CheckReport::default();
        for summary in self.plans()? {
            let plan = summary.id;
            let board = self.board(&plan)?;
            // Two passes over the log, streamed: the first keeps only the definition
            // changes (which definition a target had at each entry depends on the changes
            // after it), the second verifies the hash chain (each entry's link needs only
            // the hash of the one before) and replays the values. Memory is the plan's.
            let view = self.log_view()?;
            let mut definitions = Definitions::default();
            view.for_each_entry(&plan, |u| {
                definitions.note(u);
                Ok::<_, StoreError>(())
            })?;
            report.plans += 1;
            report.targets += board.plan.targets.len();
            let mut problem = |subject: &str, what: Wrong| {
                report.problems.push(Problem {
                    plan: plan.clone(),
                    subject: subject.to_string(),
                    what,
                });
            };
            let mut chain = LogCheck::new(&plan, &board.plan.targets, definitions);
            // each target's replayed value and count, each item's last note, by position
            // through the board's maps
            let mut values = vec![(0.0, 0usize); board.plan.targets.len()];
            let mut notes: Vec<Option<String>> = vec![None; board.plan.items.len()];
            let mut entries = 0;
            view.for_each_entry(&plan, |u| {
                entries += 1;
                chain.feed(u, &mut |s, m| problem(s, Wrong::Log(m)));
                match &u.change {
                    ChangeRef::Value { target, new, .. } => {
                        if let Some(k) = board.target_index(target) {
                            values[k] = (*new, values[k].1 + 1);
                        }
                    }
                    ChangeRef::Note { item, new, .. } => {
                        if let Some(k) = board.item_index(item) {
                            notes[k] = Some((*new).to_string());
                        }
                    }
                    _ => {}
                }
                Ok::<_, StoreError>(())
            })?;
            let verified = chain.finish(&mut |s, m| problem(s, Wrong::Log(m)));
            for ((t, state), &(replayed, count)) in
                board.plan.targets.iter().zip(&board.target_states).zip(&values)
            {
                if (replayed - state.value).abs() > 1e-9 {
                    problem(&t.id, Wrong::Value { stored: state.value, replayed });
                }
                if count != state.updates as usize {
                    problem(&t.id, Wrong::Count { counted: state.updates, logged: count });
                }
            }
            for ((item, state), note) in board.plan.items.iter().zip(&board.item_states).zip(&notes)
            {
                if note.as_deref().unwrap_or("") != state.note {
                    problem(&item.id, Wrong::Note);
                }
            }
            report.updates += entries;
            report.logs.push((plan.clone(), verified));
        }
        Ok(report)
    }

    /// Writes a consistent copy of the whole database to `dest` (which must not exist).
    /// The copy is built beside `dest` and moved into place when complete.
    pub fn backup(&self, dest: &Path) -> Result<(), StoreError> {
        let io = |source| StoreError::Io { path: dest.to_path_buf(), source };
        if dest.exists() {
            return Err(StoreError::Exists { path: dest.to_path_buf() });
        }
        let tmp = super::open::temp_beside(dest);
        let _ = std::fs::remove_file(&tmp);
        let result = (|| {
            // The copy is as private as the original: never wider than owner + group.
            use std::os::unix::fs::OpenOptionsExt;
            let mode = self.mode;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(&tmp)
                .map_err(io)?;
            let copy = super::open::builder().create(&tmp)?;
            let src = self.read_txn()?;
            let dst = copy.begin_write()?;
            copy_table(&src, &dst, META)?;
            copy_table(&src, &dst, PLANS)?;
            copy_table(&src, &dst, ITEMS)?;
            copy_table(&src, &dst, TARGETS)?;
            copy_table(&src, &dst, UPDATES)?;
            copy_table(&src, &dst, ROLES)?;
            copy_table(&src, &dst, BRIEFS)?;
            copy_table(&src, &dst, THEME_TALLIES)?;
            copy_table(&src, &dst, ITEM_TALLIES)?;
            copy_table(&src, &dst, PLAN_SETTINGS)?;
            copy_table(&src, &dst, ITEM_REPORTS)?;
            copy_table(&src, &dst, REPORT_MARKS)?;
            copy_table(&src, &dst, ROSTERS)?;
            dst.commit()?;
            drop(copy);
            std::fs::rename(&tmp, dest).map_err(io)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

/// The value a target's log entries replay to, and how many entries changed it.
fn copy_table<K: Key + 'static, V: Value + 'static>(
    src: &ReadTransaction,
    dst: &redb::WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<(), StoreError> {
    let from = match src.open_table(def) {
        Ok(t) => t,
        // a file from before a table existed
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut to = dst.open_table(def)?;
    for entry in from.iter()? {
        let (k, v) = entry?;
        to.insert(k.value(), v.value())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::OpenOptions;
    use super::super::tests::sample_plan;
    use super::*;
    use crate::core::edit::Edit;
    use crate::core::identity::Actor;

    #[test]
    fn a_healthy_store_checks_clean_and_backs_up_identically() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("a.redb"), OpenOptions::default()).expect("open");
        let me = Actor { user: "w".into(), uid: 1 };
        store.import(&sample_plan(), false, &me).expect("import");
        store.apply("2023", &Edit::Set { target: "1.1".into(), value: 5.0 }, "", &me).expect("set");
        store.apply("2023", &Edit::Add { target: "1.1".into(), delta: 2.0 }, "", &me).expect("add");
        store
            .apply("2023", &Edit::Note { item: "2".into(), text: "ok".into() }, "", &me)
            .expect("n");
        let report = store.check().expect("check");
        assert_eq!(report.problems, vec![]);
        assert_eq!((report.plans, report.targets, report.updates), (1, 3, 3));

        let copy_path = dir.path().join("b.redb");
        store.backup(&copy_path).expect("backup");
        assert!(store.backup(&copy_path).is_err(), "never overwrites");
        let copy = Store::open(&copy_path, OpenOptions::default()).expect("open copy");
        assert_eq!(copy.board("2023").expect("board"), store.board("2023").expect("board"));
        let all = super::super::LogFilter::default();
        assert_eq!(copy.log("2023", &all).expect("log"), store.log("2023", &all).expect("log"));
    }

    /// `check` reads the log twice, streamed (the definition changes, then the chain and
    /// the values), and each target once: work counted, not timed (a check that read the
    /// log per target once took minutes; one that held it, 300 MB).
    #[test]
    fn check_reads_the_log_twice_streamed_and_each_target_once() {
        use crate::core::generate::{self, Spec};
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = Spec::new(2, 3, 10, 2000);
        let (store, plan, written) = generate::loaded_store(&dir.path().join("g.redb"), &spec);
        let report = store.check().expect("check");
        assert_eq!(report.problems, vec![]);
        assert_eq!(report.updates, written);
        let reads = store.reads();
        assert_eq!(reads.updates, 2 * written as u64);
        assert_eq!(reads.targets, plan.targets.len() as u64);
    }
}
