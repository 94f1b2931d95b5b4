//! The app's update logic without a terminal, and the real event loop on TestBackend.

#[path = "support/fixture.rs"]
mod fixture;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use yaodian::core::store::Edit;
use yaodian::lang::Lang;
use yaodian::tui::action::Action;
use yaodian::tui::app::{App, Effect, Pane, Screen};
use yaodian::tui::effect::{self, Ctx};
use yaodian::tui::terminal::Event;
use yaodian::tui::{Exit, run_loop};

fn setup() -> (tempfile::TempDir, yaodian::core::store::Store, String, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, plan) = fixture::create_db(&dir.path().join("t.redb"));
    fixture::record_values(&store, &plan);
    let app = fixture::app(&store, &plan, fixture::look(Lang::Zh, false));
    (dir, store, plan, app)
}

fn to_target(app: &mut App, id: &str) {
    let item = id.split('.').next().expect("item").to_string();
    for _ in 0..3 {
        app.update(Action::Down);
    }
    app.update(Action::Into);
    while app.item.as_deref() != Some(item.as_str()) {
        app.update(Action::Down);
    }
    app.update(Action::Into);
    while app.target.as_deref() != Some(id) {
        app.update(Action::Down);
    }
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Insert(c));
    }
}

#[test]
fn bad_values_are_refused_and_change_nothing() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    assert_eq!(app.update(Action::SetValue), None);
    type_text(&mut app, "-3");
    assert!(app.input.as_ref().and_then(|i| i.error.clone()).is_some());
    assert_eq!(app.update(Action::Submit), None, "bad input submits nothing");
    assert!(app.input.is_some(), "the line stays open");
    app.update(Action::Cancel);
    assert!(app.input.is_none());
    app.update(Action::SetValue);
    type_text(&mut app, "2.5");
    assert!(app.input.as_ref().and_then(|i| i.error.clone()).is_some());
    app.update(Action::Cancel);
    app.update(Action::SetValue);
    type_text(&mut app, "８0 新增16处");
    assert_eq!(
        app.update(Action::Submit),
        Some(Effect::Apply {
            edit: Edit::Set { target: "13.1".into(), value: 80.0 },
            note: "新增16处".into()
        })
    );
}

#[test]
fn decimals_where_the_unit_allows_them() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.4"); // 公里
    app.update(Action::SetValue);
    type_text(&mut app, "12.5");
    assert_eq!(app.input.as_ref().and_then(|i| i.error.clone()), None);
}

#[test]
fn selection_stays_on_the_target_when_rows_move() {
    let (_d, store, plan, mut app) = setup();
    to_target(&mut app, "13.3");
    // Another operator adds a target to the item; the board reloads.
    let mut t = app.board.plan.targets[app.board.target_index("13.1").expect("13.1")].clone();
    t.id = "13.9".into();
    t.name = "新增指标".into();
    store.apply(&plan, &Edit::PutTarget(Box::new(t)), "", &fixture::actor("admin")).expect("put");
    let board = store.board(&plan).expect("board");
    app.set_data(board, Vec::new());
    assert_eq!(app.target.as_deref(), Some("13.3"));
    assert_eq!(app.focus, Pane::Targets);
}

#[test]
fn search_enter_selects_the_first_match_and_esc_clears() {
    let (_d, _s, _p, mut app) = setup();
    app.update(Action::Search);
    type_text(&mut app, "13.2");
    app.update(Action::Submit);
    assert_eq!(app.item.as_deref(), Some("13"));
    assert_eq!(app.target.as_deref(), Some("13.2"));
    assert_eq!(app.focus, Pane::Targets);
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::Back);
    assert!(app.query.is_empty());
    assert!(!app.filtered());
}

#[test]
fn department_filter_cycles_through_departments() {
    let (_d, _s, _p, mut app) = setup();
    let depts = app.departments();
    assert!(depts.len() >= 3);
    app.update(Action::DeptFilter);
    let shown = app.visible_themes();
    assert!(!shown.is_empty());
    for _ in 0..depts.len() {
        app.update(Action::DeptFilter);
    }
    assert!(!app.filtered(), "back to all after the last department");
}

#[test]
fn milestone_done_only_for_milestones() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    assert_eq!(app.update(Action::MarkDone), None);
    assert!(app.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn readonly_refuses_edits() {
    let (_d, store, plan, _) = setup();
    let mut look = fixture::look(Lang::Zh, false);
    look.readonly = true;
    let mut app = fixture::app(&store, &plan, look);
    to_target(&mut app, "13.1");
    assert_eq!(app.update(Action::Increment), None);
    assert!(app.message.is_some());
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

#[test]
fn event_loop_on_test_backend_records_a_value() {
    let (_d, store, plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, plan_id: &plan, actor: &actor };
    let (tx, rx) = std::sync::mpsc::channel();
    for c in "jjjljl".chars() {
        tx.send(key(KeyCode::Char(c))).expect("send");
    }
    tx.send(key(KeyCode::Char('+'))).expect("send");
    tx.send(key(KeyCode::Enter)).expect("send");
    tx.send(key(KeyCode::Char('q'))).expect("send");
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let exit = run_loop(&mut term, &mut app, &ctx, &rx, &fixture::today).expect("loop");
    assert_eq!(exit, Exit::Quit);
    assert_eq!(app.screen, Screen::Detail);
    let board = store.board(&plan).expect("board");
    let i = board.target_index("13.1").expect("13.1");
    assert_eq!(board.target_states[i].value, 65.0);
    assert_eq!(app.history.len(), 4, "the detail view shows the new update");
    // Undo is a new, corrective update.
    effect::run(&ctx, &mut app, Effect::Apply { edit: Edit::Undo, note: String::new() })
        .expect("undo");
    let board = store.board(&plan).expect("board");
    assert_eq!(board.target_states[i].value, 64.0);
}

#[test]
fn hangup_ends_the_loop() {
    let (_d, store, plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, plan_id: &plan, actor: &actor };
    let (tx, rx) = std::sync::mpsc::channel();
    tx.send(Event::Hangup).expect("send");
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let exit = run_loop(&mut term, &mut app, &ctx, &rx, &fixture::today).expect("loop");
    assert_eq!(exit, Exit::Hangup);
}
