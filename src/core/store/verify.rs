//! What makes a plan's log evidence, checked the same way by `check` (on the database) and
//! by `restore` (on a backup, before anything is written): sequence numbers 1, 2, 3… with
//! none missing or repeated; the hash chain (see `model::log_chain`) unbroken; every
//! value a valid one for its target and every entry's "old" the value the log had reached;
//! no entry about a target that did not exist then.
//!
//! A database older than the chain has an unchained prefix: its entries are checked for
//! sequence and replay only, and the report says how many there are.

use crate::core::model::{Change, LogHash, Target, Update, ValueError, log_chain};
use std::collections::HashMap;

/// One thing wrong with a log (English here, for logs and tests; front ends word it in the
/// user's language).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LogWrong {
    #[error("log entry {seq} out of sequence")]
    OutOfSequence { seq: u64 },
    #[error(
        "log entry {seq}: the hash chain is broken (an entry before it was changed, removed or inserted)"
    )]
    ChainBroken { seq: u64 },
    #[error("log entry {seq} has no link in the hash chain")]
    NoLink { seq: u64 },
    #[error("log entry {seq}: no target {target} at that point")]
    NoTarget { seq: u64, target: String },
    #[error("log entry {seq}: {value} is not a valid value: {why}")]
    Invalid { seq: u64, value: f64, why: ValueError },
    #[error("log entry {seq}: says {target} was {old}, but the log had it at {reached}")]
    Discontinuous { seq: u64, target: String, old: f64, reached: f64 },
}

/// What the verification found, besides problems.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verified {
    /// Entries before the first chained one (written before the hash chain existed).
    pub unchained: usize,
    /// The hash of the last entry: note it down to notice a rewritten history later.
    pub head: Option<LogHash>,
}

/// Verifies `log`, the whole log of plan `plan_id` whose current targets are `targets`,
/// calling `problem(subject, message)` for each thing wrong.
pub fn verify_log(
    plan_id: &str,
    targets: &[Target],
    log: &[Update],
    problem: &mut dyn FnMut(&str, LogWrong),
) -> Verified {
    let current: HashMap<&str, &Target> = targets.iter().map(|t| (t.id.as_str(), t)).collect();
    let unchained = log.iter().take_while(|u| u.prev.is_none()).count();
    for (k, u) in log.iter().enumerate() {
        if u.seq != k as u64 + 1 {
            problem(u.change.subject(), LogWrong::OutOfSequence { seq: u.seq });
        }
        match u.prev {
            Some(prev) if prev != log_chain::expected_prev(plan_id, log, k) => {
                problem(u.change.subject(), LogWrong::ChainBroken { seq: u.seq });
            }
            None if k >= unchained => problem(u.change.subject(), LogWrong::NoLink { seq: u.seq }),
            _ => {}
        }
    }
    // Which definition a target had at each entry, walking back from today's plan: before
    // a removal it had the removed definition; before an addition it did not exist.
    let mut def_at: Vec<Option<&Target>> = vec![None; log.len()];
    let mut live: HashMap<&str, Option<&Target>> = HashMap::new();
    for (k, u) in log.iter().enumerate().rev() {
        let id = u.change.subject();
        let now = *live.entry(id).or_insert_with(|| current.get(id).copied());
        if let Change::TargetDef { old, .. } = &u.change {
            def_at[k] = now.or(old.as_deref());
            live.insert(id, old.as_deref());
        } else {
            def_at[k] = now;
        }
    }
    // Forward: each value change starts from the value the log had reached, and is valid.
    let mut values: HashMap<&str, f64> = HashMap::new();
    for (k, u) in log.iter().enumerate() {
        let chained = k >= unchained;
        match &u.change {
            Change::Value { target, old, new } => {
                let reached = values.get(target.as_str()).copied().unwrap_or(0.0);
                if chained {
                    match def_at[k] {
                        None => problem(
                            target,
                            LogWrong::NoTarget { seq: u.seq, target: target.clone() },
                        ),
                        Some(def) => {
                            if let Err(why) = def.check_value(*new) {
                                problem(target, LogWrong::Invalid { seq: u.seq, value: *new, why });
                            }
                        }
                    }
                    if (old - reached).abs() > 1e-9 {
                        let (seq, old, target_id) = (u.seq, *old, target.clone());
                        let wrong =
                            LogWrong::Discontinuous { seq, target: target_id, old, reached };
                        problem(target, wrong);
                    }
                }
                values.insert(target.as_str(), *new);
            }
            Change::TargetDef { target, old, new } => {
                // a target added or removed starts again from nothing
                if old.is_none() || new.is_none() {
                    values.remove(target.as_str());
                }
            }
            Change::Note { .. } | Change::ItemStatus { .. } | Change::Settings { .. } => {}
        }
    }
    Verified { unchained, head: log.last().map(log_chain::hash) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Direction, Measure, TargetKind};

    fn target(id: &str) -> Target {
        Target {
            id: id.into(),
            item: Some("13".into()),
            theme: 4,
            kind: TargetKind::Quantity,
            name: "新建场地".into(),
            goal: 100.0,
            unit: "处".into(),
            due: None,
            parent: None,
            source: String::new(),
            line: 1,
            direction: Direction::Up,
            measure: Measure::default(),
        }
    }

    fn chain(mut log: Vec<Update>) -> Vec<Update> {
        let mut prev = log_chain::genesis("2023");
        for u in &mut log {
            u.prev = Some(prev);
            prev = log_chain::hash(u);
        }
        log
    }

    fn value(seq: u64, target: &str, old: f64, new: f64) -> Update {
        Update {
            seq,
            at: 1_700_000_000_000 + seq as i64,
            user: "wang".into(),
            uid: 1000,
            change: Change::Value { target: target.into(), old, new },
            note: String::new(),
            undoes: None,
            prev: None,
        }
    }

    fn problems(targets: &[Target], log: &[Update]) -> Vec<String> {
        let mut out = Vec::new();
        verify_log("2023", targets, log, &mut |s, m| out.push(format!("{s}: {m}")));
        out
    }

    #[test]
    fn a_true_log_verifies_and_every_forgery_is_named() {
        let plan = [target("13.1"), target("13.2")];
        let good = chain(vec![
            value(1, "13.1", 0.0, 10.0),
            value(2, "13.2", 0.0, 40.0),
            value(3, "13.1", 10.0, 12.0),
        ]);
        assert_eq!(problems(&plan, &good), Vec::<String>::new());

        let mut edited = good.clone();
        edited[0].user = "li".into();
        assert!(problems(&plan, &edited)[0].contains("log entry 2: the hash chain is broken"));

        let mut removed = good.clone();
        removed.remove(1);
        let found = problems(&plan, &removed);
        assert!(found.iter().any(|p| p.contains("out of sequence")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("chain is broken")), "{found:?}");

        let negative = chain(vec![value(1, "13.1", 0.0, -5.0)]);
        assert!(problems(&plan, &negative)[0].contains("not a valid value"));

        let missing = chain(vec![value(1, "99.9", 0.0, 5.0)]);
        assert!(problems(&plan, &missing)[0].contains("no target 99.9"));

        let jumped = chain(vec![value(1, "13.1", 0.0, 10.0), value(2, "13.1", 50.0, 0.0)]);
        assert!(problems(&plan, &jumped)[0].contains("was 50, but the log had it at 10"));

        let duplicate = chain(vec![value(1, "13.1", 0.0, 1.0), value(1, "13.1", 1.0, 2.0)]);
        assert!(problems(&plan, &duplicate)[0].contains("out of sequence"));
    }

    #[test]
    fn an_unchained_prefix_is_told_apart() {
        let plan = [target("13.1")];
        let mut log = vec![value(1, "13.1", 0.0, 10.0), value(2, "13.1", 10.0, 11.0)];
        log[1].prev = Some(log_chain::hash(&log[0]));
        let mut found = Vec::new();
        let v = verify_log("2023", &plan, &log, &mut |s, m| found.push(format!("{s}: {m}")));
        assert_eq!((found.len(), v.unchained), (0, 1));
        assert_eq!(v.head, Some(log_chain::hash(&log[1])));
        let mut unlinked = log.clone();
        unlinked.push(value(3, "13.1", 11.0, 12.0));
        assert!(problems(&plan, &unlinked)[0].contains("no link"));
    }

    #[test]
    fn a_removed_target_keeps_its_earlier_entries_valid() {
        let plan = [target("13.1")];
        let removal = Update {
            change: Change::TargetDef {
                target: "13.9".into(),
                old: Some(Box::new(target("13.9"))),
                new: None,
            },
            ..value(2, "13.9", 0.0, 0.0)
        };
        let log = chain(vec![value(1, "13.9", 0.0, 3.0), removal, value(3, "13.1", 0.0, 1.0)]);
        assert_eq!(problems(&plan, &log), Vec::<String>::new());
    }
}
