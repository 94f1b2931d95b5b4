use super::*;
use crate::core::edit::Edit;
use crate::core::model::{Board, Change, Department, Role, Status, TargetKind, Theme, Update};
use chrono::NaiveDate;
use roles::Grant;
use std::time::Duration;

/// A writer that notes what the store had read when the first byte came out, and counts
/// the bytes and lines written (tests of commands that write as they read).
pub(crate) struct FirstWrite<'a> {
    store: &'a Store,
    pub at: Option<ReadCounts>,
    pub bytes: usize,
    pub lines: usize,
}

impl<'a> FirstWrite<'a> {
    pub fn new(store: &'a Store) -> FirstWrite<'a> {
        FirstWrite { store, at: None, bytes: 0, lines: 0 }
    }
}

impl std::io::Write for FirstWrite<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.at.get_or_insert_with(|| self.store.reads());
        self.bytes += buf.len();
        self.lines += buf.iter().filter(|&&b| b == b'\n').count();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub(crate) fn sample_plan() -> Plan {
    let item = |id: &str, dept: &str| Item {
        id: id.into(),
        theme: 1,
        section: None,
        number: id.parse().expect("number"),
        title: format!("事项{id}"),
        text: format!("{id}.事项{id}。（责任科室：{dept}）"),
        departments: vec![Department { name: dept.into(), role: Role::Lead }],
        due: None,
        line: 2,
    };
    let target = |id: &str, item: &str, kind: TargetKind, goal: f64, unit: &str| Target {
        id: id.into(),
        item: Some(item.into()),
        theme: 1,
        kind,
        name: format!("指标{id}"),
        goal,
        unit: unit.into(),
        due: None,
        parent: None,
        source: "src".into(),
        line: 2,
        direction: Default::default(),
        measure: Default::default(),
    };
    Plan {
        id: "2023".into(),
        title: "测试2023年工作要点".into(),
        year: 2023,
        start: d("2023-01-01"),
        end: d("2023-12-31"),
        preamble: String::new(),
        themes: vec![Theme {
            number: 1,
            title: "主题".into(),
            intro: String::new(),
            sections: vec![],
            line: 1,
        }],
        items: vec![item("1", "群众体育科"), item("2", "办公室")],
        targets: vec![
            target("1.1", "1", TargetKind::Quantity, 100.0, "处"),
            target("1.2", "1", TargetKind::Milestone, 1.0, ""),
            target("2.1", "2", TargetKind::Quantity, 3.5, "公里"),
        ],
    }
}

fn actor(name: &str) -> Actor {
    Actor { user: name.into(), uid: 1000 }
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("t.redb"), OpenOptions::default()).expect("open");
    store.import(&sample_plan(), false, &actor("admin")).expect("import");
    (dir, store)
}

fn set(store: &Store, id: &str, v: f64, who: &str) -> Result<Option<Update>, StoreError> {
    store.apply("2023", &Edit::Set { target: id.into(), value: v }, "", &actor(who))
}

#[test]
fn import_then_board_round_trips_the_plan() {
    let (_dir, store) = fresh();
    let board = store.board("2023").expect("board");
    assert_eq!(*board.plan, sample_plan());
    assert_eq!(board.target_states.len(), 3);
    assert_eq!(store.resolve_plan(None).expect("plan"), "2023");
    assert!(matches!(
        store.resolve_plan(Some("1999")),
        Err(StoreError::Refused(Refusal::UnknownPlan(_)))
    ));
    let plans = store.plans().expect("plans");
    assert_eq!((plans[0].items, plans[0].targets), (2, 3));
}

#[test]
fn writes_bump_the_counter_and_land_in_the_log() {
    let (_dir, store) = fresh();
    let c0 = store.counter().expect("counter");
    let u = set(&store, "1.1", 40.0, "wang").expect("set").expect("written");
    assert_eq!(u.change, Change::Value { target: "1.1".into(), old: 0.0, new: 40.0 });
    store
        .apply("2023", &Edit::Add { target: "1.1".into(), delta: 2.0 }, "新增", &actor("li"))
        .expect("add");
    assert_eq!(store.counter().expect("counter"), c0 + 2);
    let board = store.board("2023").expect("board");
    assert_eq!(board.target_states[0].value, 42.0);
    assert_eq!(board.target_states[0].updated_by.as_deref(), Some("li"));
    let log = store.log("2023", &LogFilter::default()).expect("log");
    assert_eq!(log.iter().map(|u| u.seq).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(log[1].note, "新增");
    let only_wang = LogFilter { user: Some("wang".into()), ..LogFilter::default() };
    assert_eq!(store.log("2023", &only_wang).expect("log").len(), 1);
    assert_eq!(store.recent("2023", 1).expect("recent")[0].seq, 2);
}

#[test]
fn bad_values_change_nothing() {
    let (_dir, store) = fresh();
    let c0 = store.counter().expect("counter");
    assert!(matches!(
        set(&store, "1.1", -1.0, "w"),
        Err(StoreError::Refused(Refusal::BadValue { .. }))
    ));
    assert!(matches!(
        set(&store, "1.1", 1.5, "w"),
        Err(StoreError::Refused(Refusal::BadValue { .. }))
    ));
    assert!(matches!(
        set(&store, "1.2", 2.0, "w"),
        Err(StoreError::Refused(Refusal::BadValue { .. }))
    ));
    assert!(matches!(
        set(&store, "1.1", f64::NAN, "w"),
        Err(StoreError::Refused(Refusal::BadValue { .. }))
    ));
    assert!(matches!(
        set(&store, "9.9", 1.0, "w"),
        Err(StoreError::Refused(Refusal::UnknownTarget(_)))
    ));
    let add = Edit::Add { target: "1.1".into(), delta: -5.0 };
    assert!(store.apply("2023", &add, "", &actor("w")).is_err(), "would go below zero");
    assert_eq!(store.counter().expect("counter"), c0);
    assert!(store.log("2023", &LogFilter::default()).expect("log").is_empty());
    // kilometres may be fractional
    set(&store, "2.1", 1.25, "w").expect("decimal km");
}

#[test]
fn done_sets_the_goal_and_notes_are_kept() {
    let (_dir, store) = fresh();
    store.apply("2023", &Edit::Done { target: "1.2".into() }, "印发", &actor("w")).expect("done");
    let note = Edit::Note { item: "2".into(), text: "已召开会议".into() };
    store.apply("2023", &note, "", &actor("w")).expect("note");
    let board = store.board("2023").expect("board");
    assert_eq!(board.target_states[1].value, 1.0);
    assert_eq!(board.item_states[1].note, "已召开会议");
}

#[test]
fn undo_reverts_only_ones_own_changes_with_new_entries() {
    let (_dir, store) = fresh();
    set(&store, "1.1", 10.0, "wang").expect("set");
    set(&store, "1.1", 20.0, "wang").expect("set");
    set(&store, "2.1", 3.0, "li").expect("set");
    let u = store.apply("2023", &Edit::Undo, "", &actor("wang")).expect("undo").expect("written");
    assert_eq!(u.change, Change::Value { target: "1.1".into(), old: 20.0, new: 10.0 });
    assert_eq!(u.undoes, Some(2));
    store.apply("2023", &Edit::Undo, "", &actor("wang")).expect("undo again");
    assert_eq!(store.board("2023").expect("board").target_states[0].value, 0.0);
    assert!(matches!(
        store.apply("2023", &Edit::Undo, "", &actor("wang")),
        Err(StoreError::Refused(Refusal::NothingToUndo))
    ));
    assert_eq!(store.board("2023").expect("board").target_states[2].value, 3.0);
    assert_eq!(store.log("2023", &LogFilter::default()).expect("log").len(), 5);
}

#[test]
fn reimport_needs_replace_and_keeps_history_of_kept_ids() {
    let (_dir, store) = fresh();
    set(&store, "1.1", 30.0, "w").expect("set");
    set(&store, "2.1", 1.0, "w").expect("set");
    let mut manual = sample_plan().targets[0].clone();
    manual.id = "1.9".into();
    manual.line = 0;
    store.apply("2023", &Edit::PutTarget(Box::new(manual)), "", &actor("w")).expect("put");
    let mut orphan = sample_plan().targets[2].clone();
    orphan.id = "2.9".into();
    orphan.line = 0;
    store.apply("2023", &Edit::PutTarget(Box::new(orphan)), "", &actor("w")).expect("put");
    let note = Edit::Note { item: "1".into(), text: "已开工".into() };
    store.apply("2023", &note, "", &actor("w")).expect("note");
    assert!(matches!(
        store.import(&sample_plan(), false, &actor("w")),
        Err(StoreError::Refused(Refusal::PlanExists(_)))
    ));
    let mut next = sample_plan();
    next.targets.pop(); // 2.1 disappears
    next.items.pop(); // and item 2 with it, so the hand-made 2.9 goes too
    let summary = store.import(&next, true, &actor("w")).expect("replace");
    assert_eq!(summary.kept_targets, 2);
    assert_eq!(summary.kept_manual, 1);
    assert_eq!(summary.dropped_targets, vec!["2.1".to_string(), "2.9".to_string()]);
    let board = store.board("2023").expect("board");
    assert_eq!(board.target_states[0].value, 30.0);
    assert_eq!(board.item_states[0].note, "已开工", "a kept item keeps its note");
    assert_eq!(board.plan.targets.last().map(|t| t.id.as_str()), Some("1.9"));
    // the five changes, then a logged removal for each target gone
    let log = store.log("2023", &LogFilter::default()).expect("log");
    assert_eq!(log.len(), 7);
    assert!(
        matches!(&log[5].change, Change::TargetDef { target, new: None, .. } if target == "2.1")
    );
    assert_eq!(store.check().expect("check").problems, vec![], "entries of 2.1 stay evidence");
}

#[test]
fn roles_are_enforced_once_granted() {
    let (_dir, store) = fresh();
    store.grant("wang", &Grant::Editor(vec!["群众体育科".into()]), &actor("boss")).expect("grant");
    // the first grant made the granter an admin
    assert!(store.grants().expect("grants").contains(&("boss".into(), Grant::Admin)));
    set(&store, "1.1", 5.0, "wang").expect("own department");
    let err = set(&store, "2.1", 1.0, "wang").expect_err("other department");
    assert!(err.to_string().contains("only boss may"), "{err}");
    store.grant("zhao", &Grant::Viewer, &actor("boss")).expect("grant");
    assert!(matches!(
        set(&store, "1.1", 6.0, "zhao"),
        Err(StoreError::Refused(Refusal::Denied { .. }))
    ));
    assert!(matches!(
        set(&store, "1.1", 6.0, "stranger"),
        Err(StoreError::Refused(Refusal::Denied { .. }))
    ));
    assert!(store.grant("x", &Grant::Admin, &actor("wang")).is_err());
    assert!(matches!(
        store.import(&sample_plan(), true, &actor("wang")),
        Err(StoreError::Refused(Refusal::Denied { .. }))
    ));
    set(&store, "2.1", 1.0, "boss").expect("admin edits anything");
}

#[test]
fn readonly_refuses_writes() {
    let (dir, store) = fresh();
    drop(store);
    let opts = OpenOptions { readonly: true, ..OpenOptions::default() };
    let ro = Store::open(&dir.path().join("t.redb"), opts).expect("open");
    assert!(matches!(set(&ro, "1.1", 1.0, "w"), Err(StoreError::Refused(Refusal::ReadOnly))));
}

/// A pinned read-only store reads everything from the transaction its open took: later
/// commits stay unseen, so no read after the open begins a transaction — the step that
/// waits on a writer stopped while it holds redb's header lock.
#[test]
fn a_pinned_reader_never_begins_another_transaction() {
    let (dir, store) = fresh();
    let path = dir.path().join("t.redb");
    let pinned = OpenOptions { readonly: true, pin: true, ..OpenOptions::default() };
    let looking = Store::open(&path, pinned).expect("open pinned");
    let live = Store::open(&path, OpenOptions { readonly: true, ..OpenOptions::default() })
        .expect("open live");
    let before = looking.counter().expect("counter");
    set(&store, "1.1", 5.0, "admin").expect("set");
    assert_eq!(looking.counter().expect("counter"), before, "the pinned view stays put");
    assert!(live.counter().expect("counter") > before, "an unpinned handle sees the commit");
}

/// A reader that finds the file needing repair (its writer killed) repairs it only under
/// the writers' lock: while another process holds that lock, the reader reads a private
/// snapshot and the file keeps every byte; once the lock is free, the reader repairs it.
#[test]
fn a_reader_repairs_only_under_the_writers_lock() {
    let (dir, store) = fresh();
    // a copy taken while a writer has the file open is a file whose writer died
    let unclean = dir.path().join("unclean.redb");
    std::fs::copy(dir.path().join("t.redb"), &unclean).expect("copy");
    drop(store);
    let lock = writer::WriterLock::beside(&unclean, 0o600).expect("side file");
    let held = lock.hold(&unclean, crate::core::clock::Clock::System, Duration::ZERO);
    let held = held.expect("free");
    let before = std::fs::read(&unclean).expect("read");
    let reading = OpenOptions { readonly: true, create: false, ..OpenOptions::default() };
    let looked = Store::open(&unclean, reading).expect("open");
    assert!(looked.is_snapshot(), "the reader did not repair behind the lock");
    assert!(looked.counter().is_ok());
    assert!(std::fs::read(&unclean).expect("read") == before, "no byte changed");
    drop(held);
    let repaired = Store::open(&unclean, reading).expect("open");
    assert!(!repaired.is_snapshot());
}

#[test]
fn foreign_empty_and_damaged_files_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let check = |name: &str, bytes: &[u8], want: fn(&StoreError) -> bool| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        let err = Store::open(&p, OpenOptions::default()).err().expect("refused");
        assert!(want(&err), "{name}: {err}");
        assert!(std::fs::read(&p).expect("read") == bytes, "{name} changed");
    };
    check("empty", b"", |e| matches!(e, StoreError::Empty { .. }));
    check("text", "一、强化政治建设".as_bytes(), |e| {
        matches!(e, StoreError::Foreign { .. })
    });
    let mut fake = REDB_HEAD.to_vec();
    fake.extend(std::iter::repeat_n(0x5a, 5000));
    check("fakeredb", &fake, |e| matches!(e, StoreError::Damaged { .. }));

    // a real database cut short
    let good = dir.path().join("good.redb");
    let store = Store::open(&good, OpenOptions::default()).expect("open");
    store.import(&sample_plan(), false, &actor("a")).expect("import");
    drop(store);
    let bytes = std::fs::read(&good).expect("read");
    check("truncated", &bytes[..bytes.len() / 2], |e| {
        matches!(e, StoreError::Damaged { .. } | StoreError::Foreign { .. })
    });

    let dirpath = dir.path().join("adir");
    std::fs::create_dir(&dirpath).expect("mkdir");
    assert!(matches!(
        Store::open(&dirpath, OpenOptions::default()),
        Err(StoreError::NotAFile { .. })
    ));
    let missing = OpenOptions { create: false, ..OpenOptions::default() };
    assert!(matches!(
        Store::open(&dir.path().join("nope"), missing),
        Err(StoreError::Missing { .. })
    ));
}

const REDB_HEAD: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

#[test]
fn a_foreign_redb_file_and_a_newer_schema_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("other.redb");
    {
        let db = redb::Database::create(&other).expect("create");
        let txn = db.begin_write().expect("write");
        txn.open_table(redb::TableDefinition::<&str, u64>::new("x")).expect("table");
        txn.commit().expect("commit");
    }
    let before = std::fs::read(&other).expect("read");
    assert!(matches!(Store::open(&other, OpenOptions::default()), Err(StoreError::Foreign { .. })));
    assert!(std::fs::read(&other).expect("read") == before, "foreign file changed");

    let newer = dir.path().join("newer.redb");
    drop(Store::open(&newer, OpenOptions::default()).expect("create"));
    {
        let db = open::tests_support::raw(&newer);
        let txn = db.begin_write().expect("write");
        txn.open_table(schema::META)
            .expect("meta")
            .insert(schema::META_SCHEMA, (schema::SCHEMA_VERSION + 1).to_le_bytes().as_slice())
            .expect("insert");
        txn.commit().expect("commit");
    }
    let before = std::fs::read(&newer).expect("read");
    let err = Store::open(&newer, OpenOptions::default()).err().expect("refused");
    assert!(
        matches!(err, StoreError::NewerSchema { found, .. } if found == schema::SCHEMA_VERSION + 1),
        "{err}"
    );
    assert!(std::fs::read(&newer).expect("read") == before, "newer file changed");
}

#[test]
fn concurrent_adds_from_threads_lose_nothing() {
    let (dir, store) = fresh();
    drop(store);
    let path = dir.path().join("t.redb");
    let store = std::sync::Arc::new(Store::open(&path, OpenOptions::default()).expect("open"));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let s = store.clone();
            std::thread::spawn(move || {
                for _ in 0..25 {
                    s.apply(
                        "2023",
                        &Edit::Add { target: "1.1".into(), delta: 1.0 },
                        "",
                        &actor("t"),
                    )
                    .expect("add");
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread");
    }
    assert_eq!(store.board("2023").expect("board").target_states[0].value, 100.0);
    assert_eq!(store.log("2023", &LogFilter::default()).expect("log").len(), 100);
}

#[test]
fn a_board_with_a_few_targets_describes_them_as_the_whole_board_does() {
    let (_dir, store) = fresh();
    set(&store, "2.1", 1.5, "wang").expect("set");
    let part = store.board_with("2023", &["2.1", "nope"]).expect("board");
    let whole = store.board("2023").expect("board");
    assert_eq!(part.plan.title, whole.plan.title);
    assert_eq!(part.plan.targets, vec![whole.plan.targets[2].clone()]);
    assert_eq!(part.target_states, vec![whole.target_states[2].clone()]);
    assert_eq!(part.counter, whole.counter);
}

/// The log is a record of changes: an edit that changes nothing (a milestone done again,
/// a value set to what it is, adding nothing, the same note or status again) writes no
/// entry and leaves the change counter where it was.
#[test]
fn edits_that_change_nothing_are_not_logged() {
    use crate::core::model::Status;
    let (_dir, store) = fresh();
    let me = actor("wang");
    let edit = |e: Edit| {
        let _ = store.apply("2023", &e, "", &me).expect("applies");
    };
    let set = |value| Edit::Set { target: "1.1".into(), value };
    let note = || Edit::Note { item: "1".into(), text: "已完成选址".into() };
    let status = || Edit::ItemStatus { item: "2".into(), status: Some(Status::OnTrack) };
    let done = || Edit::Done { target: "1.2".into() };
    for e in [set(64.0), note(), status(), done()] {
        edit(e);
    }
    let logged = || store.log("2023", &LogFilter::default()).expect("log").len();
    assert_eq!(logged(), 4);
    let counter = store.counter().expect("counter");
    for e in [set(64.0), Edit::Add { target: "1.1".into(), delta: 0.0 }, note(), status(), done()] {
        assert!(!store.preflight("2023", &e, &me).expect("preflight"), "{e:?} would write");
        edit(e);
    }
    assert_eq!(logged(), 4, "no-op edits were logged");
    assert_eq!(store.counter().expect("counter"), counter);
    // an undo is always written: it marks the entry it reverts
    edit(Edit::Undo);
    assert_eq!(logged(), 5);
}

/// Attack 6 of docs/SECURITY.md: A sets 10, B adds 40, A's undo takes away A's 10 only.
#[test]
fn undo_is_a_delta_and_never_overwrites_others_work() {
    let (_dir, store) = fresh();
    set(&store, "1.1", 10.0, "a").expect("set");
    store
        .apply("2023", &Edit::Add { target: "1.1".into(), delta: 40.0 }, "", &actor("b"))
        .expect("add");
    let u = store.apply("2023", &Edit::Undo, "", &actor("a")).expect("undo").expect("written");
    assert_eq!(u.change, Change::Value { target: "1.1".into(), old: 50.0, new: 40.0 });
    assert_eq!(store.board("2023").expect("board").target_states[0].value, 40.0);

    // a note someone else rewrote since is not put back over theirs
    let note = |text: &str, who: &str| {
        store.apply("2023", &Edit::Note { item: "2".into(), text: text.into() }, "", &actor(who))
    };
    note("a's note", "a").expect("note");
    note("b's note", "b").expect("note");
    let refused = store.apply("2023", &Edit::Undo, "", &actor("a")).expect_err("refused");
    assert_eq!(
        refused.refusal(),
        Some(&Refusal::UndoOverwrites { subject: "2".into(), others: vec!["b".into()] })
    );
    assert!(refused.to_string().contains("what b changed since"), "{refused}");
    assert_eq!(store.board("2023").expect("board").item_states[1].note, "b's note");
    store.check().map(|r| assert_eq!(r.problems, vec![])).expect("check");
}

/// A refused grant or revoke is checked from a read snapshot: the file keeps every byte.
#[test]
fn refused_role_changes_leave_the_file_untouched() {
    let (dir, store) = fresh();
    store.grant("boss", &Grant::Admin, &actor("boss")).expect("grant");
    let path = dir.path().join("t.redb");
    let before = std::fs::read(&path).expect("read");
    assert!(store.preflight_grant(&actor("eve")).is_err());
    assert!(store.preflight_revoke("boss", &actor("eve")).is_err());
    assert!(matches!(
        store.preflight_revoke("nobody", &actor("boss")),
        Err(StoreError::Refused(Refusal::NoRole(_)))
    ));
    assert!(std::fs::read(&path).expect("read") == before);
}

fn full_log(store: &Store) -> Vec<Update> {
    store.log("2023", &LogFilter::default()).expect("log")
}

/// Attack 3 of docs/SECURITY.md: a backup edited by hand (an entry backdated or moved to
/// another user, an entry deleted, a negative value, an update of a target that does not
/// exist, a repeated sequence number) is refused whole by `restore`.
#[test]
fn restore_refuses_every_forged_log() {
    let (_dir, store) = fresh();
    set(&store, "1.1", 10.0, "wang").expect("set");
    set(&store, "1.1", 12.0, "li").expect("set");
    set(&store, "2.1", 3.0, "wang").expect("set");
    let log = full_log(&store);
    let plan = store.board("2023").expect("board").plan.clone();
    let target = || {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(&dir.path().join("r.redb"), OpenOptions::default()).expect("open");
        (dir, s)
    };
    let (_d, good) = target();
    good.restore(&plan, &log, &actor("root")).expect("a true log restores");
    assert_eq!(good.check().expect("check").problems, vec![]);
    assert_eq!(full_log(&good), log);

    let mut forgeries: Vec<(&str, Vec<Update>)> = Vec::new();
    let mut backdated = log.clone();
    backdated[0].at -= 86_400_000;
    backdated[0].user = "li".into();
    forgeries.push(("backdated, by another user", backdated));
    let mut deleted = log.clone();
    deleted.remove(1);
    forgeries.push(("deleted", deleted));
    let mut duplicate = log.clone();
    duplicate.push(Update { seq: 3, ..log[2].clone() });
    forgeries.push(("duplicate seq", duplicate));
    // forgeries that keep the chain whole (recomputed) are still caught by the rules
    let rechain = |mut l: Vec<Update>| {
        let mut prev = crate::core::model::log_chain::genesis("2023");
        for u in &mut l {
            u.prev = Some(prev);
            prev = crate::core::model::log_chain::hash(u);
        }
        l
    };
    let mut negative = log.clone();
    negative[2].change = Change::Value { target: "2.1".into(), old: 0.0, new: -5.0 };
    forgeries.push(("negative", rechain(negative)));
    let mut missing = log.clone();
    missing[2].change = Change::Value { target: "9.9".into(), old: 0.0, new: 5.0 };
    forgeries.push(("missing target", rechain(missing)));
    let mut jump = log.clone();
    jump[1].change = Change::Value { target: "1.1".into(), old: 50.0, new: 12.0 };
    forgeries.push(("discontinuous", rechain(jump)));
    for (what, forged) in forgeries {
        let (_d, s) = target();
        let refused = s.restore(&plan, &forged, &actor("root")).expect_err(what);
        assert!(matches!(refused.refusal(), Some(Refusal::BadBackup { .. })), "{what}: {refused}");
        assert!(s.plans().expect("plans").is_empty(), "{what}: nothing restored");
    }
}

/// `check` finds an entry edited in the file itself, and accepts an older database's
/// unchained prefix, saying how long it is.
#[test]
fn check_verifies_the_chain_and_accepts_an_unchained_prefix() {
    let (dir, store) = fresh();
    set(&store, "1.1", 10.0, "wang").expect("set");
    let log = full_log(&store);
    drop(store);
    let path = dir.path().join("t.redb");
    let rewrite = |entries: &[(u64, Vec<u8>)]| {
        let raw = super::open::tests_support::raw(&path);
        let txn = raw.begin_write().expect("write");
        {
            let mut t = txn.open_table(schema::UPDATES).expect("updates");
            for (seq, bytes) in entries {
                t.insert(("2023", *seq), bytes.as_slice()).expect("insert");
            }
        }
        txn.commit().expect("commit");
    };
    // the first entry, as format 2 wrote it (no link): an unchained prefix of one
    let old = &log[0];
    let mut v2 = vec![2u8];
    let body = (old.seq, old.at, &old.user, old.uid, &old.change, &old.note, old.undoes);
    v2.extend(codec::body(&body).expect("encode"));
    rewrite(&[(1, v2)]);
    let store = Store::open(&path, OpenOptions::default()).expect("open");
    set(&store, "1.1", 12.0, "wang").expect("set"); // this build links to the old entry
    let log = full_log(&store);
    assert_eq!((log[0].prev.is_none(), log[1].prev.is_some()), (true, true));
    let report = store.check().expect("check");
    assert_eq!(report.problems, vec![], "the second entry links to the old one's hash");
    assert_eq!(report.logs[0].1.unchained, 1);
    drop(store);
    // an entry edited in place (another user) breaks the link of the one after it
    let mut edited = log[0].clone();
    edited.user = "li".into();
    edited.prev = Some(crate::core::model::log_chain::genesis("2023"));
    rewrite(&[(1, codec::encode(&edited).expect("encode"))]);
    let store = Store::open(&path, OpenOptions::default()).expect("open");
    let report = store.check().expect("check");
    assert!(
        report.problems.iter().any(|p| matches!(
            &p.what,
            crate::core::store::Wrong::Log(super::LogWrong::ChainBroken { .. })
        )),
        "{report:?}"
    );
}

/// 2023-07-01 10:00 in UTC+8.
fn mid_year() -> crate::core::clock::Clock {
    let offset = chrono::FixedOffset::east_opt(8 * 3600).expect("offset");
    crate::core::clock::Clock::fixed(1_688_176_800_000, offset)
}

fn new_target(id: &str) -> Target {
    let mut t = sample_plan().targets[0].clone();
    (t.id, t.name, t.goal, t.source, t.line) =
        (id.into(), "新增指标".into(), 50.0, String::new(), 0);
    t
}

#[test]
fn a_target_added_mid_year_starts_its_pace_the_day_it_is_added() {
    let (_dir, mut store) = fresh();
    store.set_clock(mid_year());
    let put = Edit::PutTarget(Box::new(new_target("1.3")));
    store.apply("2023", &put, "", &actor("admin")).expect("add");
    let board = store.board("2023").expect("board");
    let k = board.target_index("1.3").expect("added");
    assert_eq!(board.target_states[k].since, Some(d("2023-07-01")));
    let th = crate::core::pace::Thresholds::default();
    let eval = crate::core::pace::evaluate(&board, d("2023-07-01"), &th);
    assert_eq!(eval.targets[k].status, Status::OnTrack, "not behind the day it is made");
    let first = board.target_index("1.1").expect("1.1");
    assert_eq!(eval.targets[first].status, Status::Behind, "the plan's own target is");
    // the stored tallies (status, the header) agree with the evaluation on any day
    for day in ["2023-07-01", "2023-09-30", "2024-01-05"] {
        let glance = store.glance("2023", d(day)).expect("glance").expect("tallies");
        let eval = crate::core::pace::evaluate(&board, d(day), &th);
        assert_eq!(glance.overall.counts, eval.plan.counts, "{day}");
        let (a, b) = (glance.overall.pace.expect("pace"), eval.plan.pace.expect("pace"));
        assert!((a - b).abs() < 1e-9, "{day}: {a} vs {b}");
    }
    // editing its definition later keeps the day it was added
    store.set_clock(crate::core::clock::Clock::fixed(1_690_000_000_000, mid_year().offset()));
    let mut edited = new_target("1.3");
    edited.goal = 60.0;
    store.apply("2023", &Edit::PutTarget(Box::new(edited)), "", &actor("admin")).expect("edit");
    let board = store.board("2023").expect("board");
    assert_eq!(board.target_states[k].since, Some(d("2023-07-01")));
    // a replay of the log (the ledger as of a date) keeps it too
    let log = full_log(&store);
    let past = crate::core::report::board_as_of(&board, &log, i64::MAX);
    assert_eq!(past.target_states[k].since, Some(d("2023-07-01")));
}

#[test]
fn a_format_4_file_gets_the_days_targets_were_added_on_its_first_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.redb");
    {
        let mut store = Store::open(&path, OpenOptions::default()).expect("create");
        store.import(&sample_plan(), false, &actor("admin")).expect("import");
        store.set_clock(mid_year());
        let put = Edit::PutTarget(Box::new(new_target("1.3")));
        store.apply("2023", &put, "", &actor("admin")).expect("add");
    }
    // Written back as a build of schema 2 wrote it: format-4 records without the new
    // fields (each the last byte of its record: `None`, an empty list).
    let as_format_4 = |bytes: &[u8]| {
        assert_eq!(bytes.last(), Some(&0), "the new field is last and empty");
        let mut old = bytes[..bytes.len() - 1].to_vec();
        old[0] = 4;
        old
    };
    {
        let db = open::tests_support::raw(&path);
        let txn = db.begin_write().expect("write");
        {
            let mut targets = txn.open_table(schema::TARGETS).expect("targets");
            let rows: Vec<((String, String), TargetRecord)> = targets
                .iter()
                .expect("iter")
                .map(|e| {
                    let (k, v) = e.expect("row");
                    let (p, t) = k.value();
                    ((p.to_string(), t.to_string()), codec::decode(v.value()).expect("record"))
                })
                .collect();
            for ((p, t), mut rec) in rows {
                rec.state.since = None;
                let bytes = codec::encode(&rec).expect("encode");
                targets.insert((p.as_str(), t.as_str()), bytes.as_slice()).expect("insert");
            }
        }
        // the tallies as that build made them: every target paced from the plan's start
        tally::rebuild(&txn, "2023").expect("tallies");
        {
            let mut targets = txn.open_table(schema::TARGETS).expect("targets");
            let rows: Vec<(String, String, Vec<u8>)> = targets
                .iter()
                .expect("iter")
                .map(|e| {
                    let (k, v) = e.expect("row");
                    let (p, t) = k.value();
                    (p.to_string(), t.to_string(), v.value().to_vec())
                })
                .collect();
            for (p, t, v) in rows {
                targets.insert((p.as_str(), t.as_str()), as_format_4(&v).as_slice()).expect("put");
            }
            let mut items = txn.open_table(schema::ITEM_TALLIES).expect("tallies");
            let rows: Vec<(String, String, Vec<u8>)> = items
                .iter()
                .expect("iter")
                .map(|e| {
                    let (k, v) = e.expect("row");
                    let (p, i) = k.value();
                    (p.to_string(), i.to_string(), v.value().to_vec())
                })
                .collect();
            for (p, i, v) in rows {
                items.insert((p.as_str(), i.as_str()), as_format_4(&v).as_slice()).expect("put");
            }
            let mut themes = txn.open_table(schema::THEME_TALLIES).expect("tallies");
            let rows: Vec<(String, u32, Vec<u8>)> = themes
                .iter()
                .expect("iter")
                .map(|e| {
                    let (k, v) = e.expect("row");
                    let (p, n) = k.value();
                    (p.to_string(), n, v.value().to_vec())
                })
                .collect();
            for (p, n, v) in rows {
                themes.insert((p.as_str(), n), as_format_4(&v).as_slice()).expect("put");
            }
            let mut meta = txn.open_table(schema::META).expect("meta");
            meta.insert(schema::META_SCHEMA, 2u32.to_le_bytes().as_slice()).expect("schema");
        }
        txn.commit().expect("commit");
    }
    let mut store = Store::open(&path, OpenOptions::default()).expect("an older file opens");
    let k = |b: &Board| b.target_index("1.3").expect("1.3");
    let board = store.board("2023").expect("a format-4 record decodes");
    assert_eq!(board.target_states[k(&board)].since, None, "not known before the upgrade");
    let before = store.glance("2023", d("2023-07-01")).expect("format-4 tallies decode");
    assert!(before.expect("tallies").overall.count(Status::Behind) > 0);
    store.set_clock(mid_year());
    let (_, seen) = store.board_marked("2023").expect("an open board's read");
    set(&store, "1.1", 10.0, "admin").expect("the first write upgrades");
    assert!(
        matches!(store.since("2023", seen).expect("since"), super::since::Since::Other),
        "an open board reads the upgraded board again, not only the entry"
    );
    let board = store.board("2023").expect("board");
    assert_eq!(board.target_states[k(&board)].since, Some(d("2023-07-01")), "from the log");
    let th = crate::core::pace::Thresholds::default();
    let eval = crate::core::pace::evaluate(&board, d("2023-07-01"), &th);
    assert_eq!(eval.targets[k(&board)].status, Status::OnTrack);
    let glance = store.glance("2023", d("2023-07-01")).expect("glance").expect("tallies");
    assert_eq!(glance.overall.counts, eval.plan.counts, "tallies rebuilt with the start");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "the log's chain still verifies: {report:?}");
    drop(store);
    let db = open::tests_support::raw(&path);
    let txn = redb::ReadableDatabase::begin_read(&db).expect("read");
    let meta = txn.open_table(schema::META).expect("meta");
    let found = meta.get(schema::META_SCHEMA).expect("get").expect("schema").value().to_vec();
    assert_eq!(found, schema::SCHEMA_VERSION.to_le_bytes(), "upgraded once, marked");
}
