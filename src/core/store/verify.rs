//! What makes a plan's log evidence, checked the same way by `check` (on the database) and
//! by `restore` (on a backup, before anything is written): sequence numbers 1, 2, 3… with
//! none missing or repeated; the hash chain (see `model::log_chain`) unbroken; every
//! value a valid one for its target and every entry's "old" the value the log had reached;
//! no entry about a target that did not exist then.
//!
//! A database older than the chain has an unchained prefix: its entries are checked for
//! sequence and replay only, and the report says how many there are.

use crate::core::model::{ChangeRef, LogHash, Target, Update, UpdateRef, ValueError, log_chain};
use std::collections::{HashMap, VecDeque};

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
/// calling `problem(subject, message)` for each thing wrong: [`LogCheck`] over a log held
/// in memory (a backup being restored).
pub fn verify_log(
    plan_id: &str,
    targets: &[Target],
    log: &[Update],
    problem: &mut dyn FnMut(&str, LogWrong),
) -> Verified {
    let mut definitions = Definitions::default();
    for u in log {
        definitions.note(&u.as_ref());
    }
    let mut check = LogCheck::new(plan_id, targets, definitions);
    for u in log {
        check.feed(&u.as_ref(), problem);
    }
    check.finish(problem)
}

/// A definition change: its position in the log, and the definition before it.
type DefinitionChange = (usize, Option<Box<Target>>);

/// The definition changes of a log (`Change::TargetDef`, rare: hand-made targets), by
/// target, in log order: what the first pass of a streamed verification keeps, so the
/// second knows which definition a target had at each entry without holding the log.
#[derive(Debug, Default)]
pub struct Definitions {
    /// Per target id: its changes, ascending.
    by_target: HashMap<String, VecDeque<DefinitionChange>>,
    /// Entries noted so far (the position of the next).
    seen: usize,
}

impl Definitions {
    /// Notes one entry, in log order (every entry, so positions count).
    pub fn note(&mut self, u: &UpdateRef<'_>) {
        if let ChangeRef::TargetDef { target, old, .. } = &u.change {
            let changes = self.by_target.entry((*target).to_string()).or_default();
            changes.push_back((self.seen, old.clone()));
        }
        self.seen += 1;
    }
}

/// A log verified as it streams by, entry by entry in log order; memory is the plan's
/// targets and their definition changes, never the log. Problems of sequence and chain are
/// reported as the entries go by, those of values at [`LogCheck::finish`], so the order is
/// the one a whole-log verification gives (a refused backup names the first).
pub struct LogCheck<'a> {
    current: HashMap<&'a str, &'a Target>,
    definitions: Definitions,
    /// Position of the next entry.
    k: usize,
    /// Entries before the first chained one.
    unchained: usize,
    /// What the next entry must link to: the hash of the entry before it (the plan's
    /// genesis hash for the first).
    expected: LogHash,
    head: Option<LogHash>,
    /// The value each target's log has reached.
    values: HashMap<String, f64>,
    /// Value problems, reported after the sequence and chain ones.
    later: Vec<(String, LogWrong)>,
}

impl<'a> LogCheck<'a> {
    /// A verification of plan `plan_id`'s log, whose current targets are `targets` and
    /// whose definition changes a first pass noted.
    pub fn new(plan_id: &str, targets: &'a [Target], definitions: Definitions) -> LogCheck<'a> {
        LogCheck {
            current: targets.iter().map(|t| (t.id.as_str(), t)).collect(),
            definitions,
            k: 0,
            unchained: 0,
            expected: log_chain::genesis(plan_id),
            head: None,
            values: HashMap::new(),
            later: Vec::new(),
        }
    }

    /// Checks the next entry.
    pub fn feed(&mut self, u: &UpdateRef<'_>, problem: &mut dyn FnMut(&str, LogWrong)) {
        let k = self.k;
        self.k += 1;
        if u.seq != k as u64 + 1 {
            problem(u.change.subject(), LogWrong::OutOfSequence { seq: u.seq });
        }
        if u.prev.is_none() && self.unchained == k {
            self.unchained += 1;
        }
        let chained = k >= self.unchained;
        match u.prev {
            Some(prev) if prev != self.expected => {
                problem(u.change.subject(), LogWrong::ChainBroken { seq: u.seq });
            }
            None if chained => problem(u.change.subject(), LogWrong::NoLink { seq: u.seq }),
            _ => {}
        }
        let hash = log_chain::hash_ref(u);
        self.expected = hash;
        self.head = Some(hash);
        // Forward: each value change starts from the value the log had reached, and is valid
        // for the definition the target had then.
        match &u.change {
            ChangeRef::Value { target, old, new } => {
                let reached = self.values.get(*target).copied().unwrap_or(0.0);
                if chained {
                    let wrong = match self.definition_at(k, target) {
                        None => Some(LogWrong::NoTarget { seq: u.seq, target: target.to_string() }),
                        Some(def) => def.check_value(*new).err().map(|why| LogWrong::Invalid {
                            seq: u.seq,
                            value: *new,
                            why,
                        }),
                    };
                    if let Some(wrong) = wrong {
                        self.later.push((target.to_string(), wrong));
                    }
                    if (old - reached).abs() > 1e-9 {
                        let (seq, old, target_id) = (u.seq, *old, target.to_string());
                        let wrong =
                            LogWrong::Discontinuous { seq, target: target_id, old, reached };
                        self.later.push((target.to_string(), wrong));
                    }
                }
                match self.values.get_mut(*target) {
                    Some(v) => *v = *new,
                    None => {
                        self.values.insert(target.to_string(), *new);
                    }
                }
            }
            ChangeRef::TargetDef { target, old, new } => {
                // a target added or removed starts again from nothing
                if old.is_none() || new.is_none() {
                    self.values.remove(*target);
                }
            }
            ChangeRef::Note { .. } | ChangeRef::ItemStatus { .. } | ChangeRef::Settings { .. } => {}
        }
    }

    /// The definition target `id` had at entry `k`, walking back from today's plan: before
    /// a removal it had the removed definition; before an addition it did not exist. That
    /// is the definition before the first change after `k`, else today's.
    fn definition_at(&mut self, k: usize, id: &str) -> Option<&Target> {
        if let Some(changes) = self.definitions.by_target.get_mut(id) {
            while changes.front().is_some_and(|&(at, _)| at < k) {
                changes.pop_front();
            }
            if let Some((_, old)) = changes.front() {
                return old.as_deref();
            }
        }
        self.current.get(id).copied()
    }

    /// What the verification holds besides the plan: targets with a value, definition
    /// changes still ahead, problems waiting to be reported.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.values.len()
            + self.definitions.by_target.values().map(VecDeque::len).sum::<usize>()
            + self.later.len()
    }

    /// Reports the value problems and says what was verified.
    pub fn finish(self, problem: &mut dyn FnMut(&str, LogWrong)) -> Verified {
        for (subject, wrong) in self.later {
            problem(&subject, wrong);
        }
        Verified { unchained: self.unchained, head: self.head }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::core::model::{Change, Direction, Measure, TargetKind};

    /// A quantity target of item 13 (the log tests' fixture, the codec's too).
    pub(in crate::core::store) fn target(id: &str) -> Target {
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

    #[test]
    fn a_definition_is_found_going_forward() {
        let plan = [target("13.1"), target("13.5")];
        let added = Update {
            change: Change::TargetDef {
                target: "13.5".into(),
                old: None,
                new: Some(Box::new(target("13.5"))),
            },
            ..value(2, "13.5", 0.0, 0.0)
        };
        let log = chain(vec![value(1, "13.5", 0.0, 5.0), added, value(3, "13.5", 0.0, 4.0)]);
        assert_eq!(problems(&plan, &log), vec!["13.5: log entry 1: no target 13.5 at that point"]);
    }

    /// A log verified as it streams holds what the plan has, never what the log has: a
    /// long log over two targets leaves two values held (memory counted, not measured).
    #[test]
    fn a_streamed_verification_holds_the_plan_not_the_log() {
        let plan = [target("13.1"), target("13.2")];
        let mut check = LogCheck::new("2023", &plan, Definitions::default());
        let mut prev = log_chain::genesis("2023");
        let mut found = 0;
        for seq in 1..=5000_u64 {
            let id = if seq % 2 == 0 { "13.2" } else { "13.1" };
            let reached = if seq > 2 { (seq - 2) as f64 } else { 0.0 };
            let mut u = value(seq, id, reached, seq as f64);
            u.prev = Some(prev);
            prev = log_chain::hash(&u);
            check.feed(&u.as_ref(), &mut |_, _| found += 1);
            assert!(check.held() <= 2, "entry {seq}: {} held", check.held());
        }
        let v = check.finish(&mut |_, _| found += 1);
        assert_eq!((found, v.head), (0, Some(prev)));
    }
}
