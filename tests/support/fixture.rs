//! A database with the bundled plan and a few recorded values at fixed times, for the TUI
//! tests.
#![allow(dead_code, reason = "each test binary uses a different part of the fixture")]

use chrono::{FixedOffset, NaiveDate, TimeZone};
use yaodian::core::clock::Clock;
use yaodian::core::edit::Edit;
use yaodian::core::identity::Actor;
use yaodian::core::import::{ImportOptions, parse};
use yaodian::core::model::Millis;
use yaodian::core::store::{LogFilter, OpenOptions, Store};
use yaodian::lang::Lang;
use yaodian::tui::app::{App, Look};

pub const BUNDLED: &str = include_str!("../../data/2023-work-plan.txt");

/// The fixed "today" of the tests.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 9, 30).expect("date")
}

pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("offset")
}

/// Milliseconds of a Beijing-time moment in 2023.
pub fn at(month: u32, day: u32, hour: u32, min: u32) -> Millis {
    china()
        .with_ymd_and_hms(2023, month, day, hour, min, 0)
        .single()
        .expect("time")
        .timestamp_millis()
}

/// The tests' clock: noon on the fixed "today", Beijing time.
pub fn clock() -> Clock {
    Clock::fixed(at(9, 30, 12, 0), china())
}

pub fn actor(user: &str) -> Actor {
    Actor { user: user.to_string(), uid: 1001 }
}

/// Creates a database at `path` with the bundled plan imported; returns the plan id.
pub fn create_db(path: &std::path::Path) -> (Store, String) {
    let mut store = Store::open(path, OpenOptions::default()).expect("open");
    store.set_clock(clock());
    let imported = parse(BUNDLED, &ImportOptions::default()).expect("parse bundled plan");
    store.import(&imported.plan, false, &actor("admin")).expect("import");
    (store, imported.plan.id)
}

/// Records a few values: 13.1 in three steps (with notes), 13.2, 14.1, 15.2, a milestone.
pub fn record_values(store: &Store, plan: &str) {
    let wang = actor("wang");
    let li = actor("li");
    let set = |who: &Actor, id: &str, v: f64, note: &str| {
        store.apply(plan, &Edit::Set { target: id.to_string(), value: v }, note, who).expect("set");
    };
    set(&wang, "13.1", 30.0, "上半年");
    set(&wang, "13.1", 58.0, "");
    set(&wang, "13.1", 64.0, "莱山区新增6处");
    set(&wang, "13.2", 6020.0, "");
    set(&li, "14.1", 150.0, "");
    set(&li, "15.2", 800.0, "");
    let milestone = store
        .board(plan)
        .expect("board")
        .plan
        .targets
        .iter()
        .find(|t| t.kind == yaodian::core::model::TargetKind::Milestone)
        .map(|t| t.id.clone())
        .expect("a milestone");
    store.apply(plan, &Edit::Done { target: milestone }, "", &li).expect("done");
}

/// Timestamps for the recorded updates, in order (the store stamps them "now").
const TIMES: [(u32, u32, u32, u32); 7] = [
    (6, 30, 10, 5),
    (8, 31, 9, 40),
    (9, 28, 16, 2),
    (9, 28, 17, 30),
    (9, 29, 9, 10),
    (9, 29, 10, 30),
    (9, 29, 17, 20),
];

/// An app over the fixture database with times pinned, so snapshots are stable.
pub fn app(store: &Store, plan: &str, look: Look) -> App {
    let mut board = store.board(plan).expect("board");
    let mut log = store.log(plan, &LogFilter::default()).expect("log");
    for (u, &(mo, d, h, mi)) in log.iter_mut().zip(TIMES.iter()) {
        u.at = at(mo, d, h, mi);
    }
    // Each target's last update time from the pinned log.
    for (t, st) in board.plan.targets.iter().zip(board.target_states.iter_mut()) {
        if let Some(u) = log.iter().rev().find(|u| u.change.subject() == t.id) {
            st.updated_at = Some(u.at);
        }
    }
    // Each item's latest report, from the pinned log (what the store's index would say).
    let mut latest: std::collections::HashMap<usize, Millis> = std::collections::HashMap::new();
    for u in &log {
        if let Some(i) = yaodian::core::period::report_item(&board.plan, &u.change) {
            let at = latest.entry(i).or_insert(u.at);
            *at = (*at).max(u.at);
        }
    }
    let mut latest: Vec<(usize, Millis)> = latest.into_iter().collect();
    latest.sort_unstable();
    let mut recent = log.clone();
    recent.reverse();
    let mut app = App::new(board, recent, today(), look, "wang".to_string());
    app.clock = clock();
    app.set_cycle(Default::default(), latest);
    app
}

/// The update log with pinned times, for the detail view.
pub fn pinned_history(
    store: &Store,
    plan: &str,
    target: &str,
) -> Vec<yaodian::core::model::Update> {
    let mut log = store.log(plan, &LogFilter::default()).expect("log");
    for (u, &(mo, d, h, mi)) in log.iter_mut().zip(TIMES.iter()) {
        u.at = at(mo, d, h, mi);
    }
    log.into_iter().filter(|u| u.change.subject() == target).collect()
}

pub fn look(lang: Lang, ascii: bool) -> Look {
    Look { lang, ascii, color: true, rich: false, demo: false, readonly: false }
}
