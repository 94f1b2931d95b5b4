//! The app's update logic without a terminal, and the real event loop on TestBackend.

#[path = "support/fixture.rs"]
mod fixture;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use yaodian::core::edit::Edit;
use yaodian::core::model::Status;
use yaodian::lang::Lang;
use yaodian::tui::action::Action;
use yaodian::tui::app::{
    App, COALESCE_MS, DeptFilter, Effect, ItemRow, Loaded, Order, Outcome, Pane, PickValue, Screen,
    StatusFilter,
};
use yaodian::tui::effect::{self, Ctx};
use yaodian::tui::keymap::{Key, Mode};
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
    while app.sel.item.as_deref() != Some(item.as_str()) {
        app.update(Action::Down);
    }
    app.update(Action::Into);
    while app.sel.target.as_deref() != Some(id) {
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
    let error = app.input().and_then(|i| i.error.clone());
    assert_eq!(error.as_deref(), Some("请输入不小于 0 的数字"), "a negative value is not a value");
    assert_eq!(app.update(Action::Submit), None, "bad input submits nothing");
    assert!(app.input().is_some(), "the line stays open");
    app.update(Action::Cancel);
    assert!(app.input().is_none());
    app.update(Action::SetValue);
    type_text(&mut app, "2.5");
    assert!(app.input().and_then(|i| i.error.clone()).is_some());
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
fn values_are_read_as_people_type_them() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    for (typed, value) in [("1,000", 1000.0), ("１２０", 120.0), ("+7", 7.0)] {
        app.update(Action::SetValue);
        type_text(&mut app, typed);
        assert_eq!(
            app.update(Action::Submit),
            Some(Effect::Apply {
                edit: Edit::Set { target: "13.1".into(), value },
                note: String::new()
            }),
            "{typed}"
        );
    }
    app.update(Action::SetValue);
    type_text(&mut app, "12个");
    let error = app.input().and_then(|i| i.error.clone());
    assert_eq!(error.as_deref(), Some("请输入不小于 0 的数字"));
}

#[test]
fn decimals_where_the_unit_allows_them() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.4"); // 公里
    app.update(Action::SetValue);
    type_text(&mut app, "12.5");
    assert_eq!(app.input().and_then(|i| i.error.clone()), None);
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
    let (board, mark) = store.board_marked(&plan).expect("board");
    app.handle(Outcome::Changed(Box::new(Loaded {
        board,
        recent: Vec::new(),
        settings: Default::default(),
        latest: Vec::new(),
        mark,
        texts: None,
    })));
    assert_eq!(app.sel.target.as_deref(), Some("13.3"));
    assert_eq!(app.focus, Pane::Targets);
}

#[test]
fn search_enter_selects_the_first_match_and_esc_clears() {
    let (_d, _s, _p, mut app) = setup();
    app.update(Action::Search);
    type_text(&mut app, "13.2");
    app.update(Action::Submit);
    assert_eq!(app.sel.item.as_deref(), Some("13"));
    assert_eq!(app.sel.target.as_deref(), Some("13.2"));
    assert_eq!(app.focus, Pane::Targets);
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::Back);
    assert!(app.filters.query().is_empty());
    assert!(!app.filtered());
}

/// The plan's texts a search tests are prepared where the board is read (the store's
/// thread), not on the first keystroke of a search (~20 ms at 100k targets): a board read
/// through the store brings them, and a search then prepares nothing; one that came
/// without them prepares them once, not once per keystroke.
#[test]
fn search_texts_come_with_the_board_not_on_the_first_keystroke() {
    let (d, store, _plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    effect::drive(&ctx, &mut app, Effect::Load).expect("load");
    app.update(Action::Search);
    type_text(&mut app, "qzk");
    app.update(Action::Submit);
    assert_eq!(app.sel.item.as_deref(), Some("12"));
    assert_eq!(app.matches.prepared_here(), 0, "prepared with the board");

    // a board handed over without them (the first frame's): prepared once for the search
    let (_d, _s, _p, mut app) = setup();
    app.update(Action::Search);
    type_text(&mut app, "qzk");
    assert_eq!(app.matches.prepared_here(), 1);
}

/// `/qz` lands on the first item of 群众**科, not on an item whose title has a redaction
/// where a `z` would be, nor on a short title with a `q` and a `z` somewhere in it.
#[test]
fn pinyin_initials_land_on_the_department_they_spell() {
    for query in ["qz", "qzk"] {
        let (_d, _s, _p, mut app) = setup();
        app.update(Action::Search);
        type_text(&mut app, query);
        app.update(Action::Submit);
        assert_eq!(app.sel.item.as_deref(), Some("12"), "{query}");
    }
}

#[test]
fn d_picks_a_department_by_typing_its_initials() {
    let (_d, _s, _p, mut app) = setup();
    app.update(Action::DeptFilter);
    assert_eq!(app.mode(), Mode::Find, "a list narrowed by typing");
    let picker = app.picker().expect("the department list");
    assert_eq!(picker.options.len(), app.departments().len() + 1, "all, then each department");
    let counts = &picker.options[0].detail;
    assert!(counts.starts_with("滞后") && counts.contains("共"), "{counts}");
    // Letters are typed, not keys: q and k would otherwise quit and move.
    for key in [Key::Char('q'), Key::Char('z'), Key::Char('k')] {
        press(&mut app, &[key]);
    }
    let picker = app.picker().expect("still open");
    let shown: Vec<&str> = picker.shown.iter().map(|&i| picker.options[i].label.as_str()).collect();
    assert_eq!(shown, ["群众**科"]);
    press(&mut app, &[Key::Enter]);
    assert_eq!(app.filters.dept, DeptFilter::One("群众**科".into()));
    assert!(app.picker().is_none());
    for i in app.visible_themes() {
        for row in app.scope().visible_rows(Some(app.board.plan.themes[i].number)) {
            let ItemRow::Item(k) = row else { panic!("a theme row under a department filter") };
            assert!(app.board.plan.items[k].departments.iter().any(|d| d.name == "群众**科"));
        }
    }
    // Esc leaves the filter as it was.
    app.update(Action::DeptFilter);
    press(&mut app, &[Key::Down, Key::Esc]);
    assert_eq!(app.filters.dept, DeptFilter::One("群众**科".into()));
    app.update(Action::DeptFilter);
    press(&mut app, &[Key::Ctrl('u'), Key::Char('全'), Key::Char('部'), Key::Enter]);
    assert_eq!(app.filters.dept, DeptFilter::All, "the first line is all departments");
}

/// `d`, then the first department of the list (after "all departments").
fn pick_first_department(app: &mut App) {
    app.update(Action::DeptFilter);
    app.update(Action::Down);
    app.update(Action::Submit);
    assert!(matches!(app.filters.dept, DeptFilter::One(_)), "{:?}", app.filters.dept);
}

#[test]
fn f_chooses_any_status_from_a_list() {
    let (_d, _s, _p, mut app) = setup();
    app.update(Action::StatusFilter);
    assert_eq!(app.mode(), Mode::Pick);
    let labels: Vec<&str> =
        app.picker().expect("list").options.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(labels, ["滞后", "预警", "正常", "已完成", "久未更新", "全部"]);
    assert_eq!(app.picker().expect("list").selected, 5, "starts on the filter in force");
    press(&mut app, &[Key::Up, Key::Up, Key::Enter]);
    assert_eq!(app.filters.status, StatusFilter::Only(Status::Done));
    let t = app.visible_targets();
    assert!(t.iter().all(|&t| app.eval.targets[t].status == Status::Done));
    app.update(Action::StatusFilter);
    assert_eq!(app.picker().expect("list").selected, 3);
    press(&mut app, &[Key::Char('j'), Key::Enter]);
    assert_eq!(app.filters.status, StatusFilter::Stale);
    // only what is stale: targets not updated for 30 days, and items without targets
    assert!(app.cycle.stale.count() > 0, "the fixture has stale parts on 09-30");
    let scope = app.scope();
    for th in scope.visible_themes() {
        let n = app.board.plan.themes[th].number;
        for row in scope.visible_rows(Some(n)) {
            let targets = scope.visible_targets(Some(row));
            match row {
                ItemRow::Item(k) if app.board.plan.item_targets(k).is_empty() => {
                    assert!(app.cycle.stale.item(k), "item {k} is not stale");
                }
                _ => {
                    assert!(!targets.is_empty(), "{row:?} shows no stale target");
                    assert!(targets.iter().all(|&t| app.cycle.stale.target(t)), "{row:?}");
                }
            }
        }
    }
    app.update(Action::StatusFilter);
    assert_eq!(app.picker().expect("list").selected, 4);
    press(&mut app, &[Key::Char('j'), Key::Enter]);
    assert_eq!(app.filters.status, StatusFilter::All);
}

#[test]
fn an_editor_sees_their_departments_first_and_can_clear_it() {
    let (_d, _s, _p, mut app) = setup();
    app.set_my_depts(vec!["群众**科".into()]);
    assert_eq!(app.filters.dept, DeptFilter::Mine);
    let mine = app.matching_items();
    assert!(mine > 0 && mine < app.board.plan.items.len());
    app.update(Action::DeptFilter);
    let picker = app.picker().expect("list");
    assert_eq!(picker.chosen().map(|o| o.label.as_str()), Some("我的科室"), "starts on mine");
    app.update(Action::Cancel);
    app.update(Action::Back);
    assert_eq!(app.filters.dept, DeptFilter::All, "Esc on the themes clears it");
}

#[test]
fn o_cycles_the_order_and_worst_first_puts_behind_first() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    app.update(Action::Back);
    let plan_order = app.visible_rows();
    let facts = |app: &App, r: ItemRow| match r {
        ItemRow::Item(k) => app.scope().item_facts(k),
        ItemRow::Theme(_) => unreachable!("theme 四 states no targets"),
    };
    app.update(Action::Order);
    assert_eq!(app.filters.order, Order::Worst);
    let worst = app.visible_rows();
    assert_eq!(worst.len(), plan_order.len(), "the same rows");
    let rank = |s: Option<Status>| match s {
        Some(Status::Behind) => 0,
        Some(Status::AtRisk) => 1,
        Some(Status::OnTrack) => 2,
        None => 3,
        Some(Status::Done) => 4,
    };
    let ranks: Vec<u8> = worst.iter().map(|&r| rank(facts(&app, r).status)).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert_eq!(app.sel.item.as_deref(), Some("13"), "the selection stays on its item");
    app.update(Action::Order);
    assert_eq!(app.filters.order, Order::LeastProgress);
    let p: Vec<f64> = app.visible_rows().iter().filter_map(|&r| facts(&app, r).progress).collect();
    assert!(p.windows(2).all(|w| w[0] <= w[1]), "{p:?}");
    app.update(Action::Order);
    assert_eq!(app.filters.order, Order::OldestUpdate);
    let u: Vec<_> = app.visible_rows().iter().map(|&r| facts(&app, r).updated).collect();
    assert!(u.windows(2).all(|w| w[0] <= w[1]), "never updated first, then oldest: {u:?}");
    app.update(Action::Order);
    assert_eq!(app.filters.order, Order::Plan);
    assert_eq!(app.visible_rows(), plan_order);
}

#[test]
fn presses_of_plus_and_minus_on_one_target_are_one_entry() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    let t0 = app.clock.now();
    for a in [Action::Increment, Action::Increment, Action::Increment, Action::Decrement] {
        assert_eq!(app.flush_before(a), None, "the same target adds up");
        assert_eq!(app.update(a), None);
    }
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.starts_with("13.1: 64 +2 = 66"), "{said}");
    assert_eq!(app.tick(t0 + COALESCE_MS - 1), None, "not quiet long enough");
    let one = Some(Effect::Apply {
        edit: Edit::Add { target: "13.1".into(), delta: 2.0 },
        note: String::new(),
    });
    assert_eq!(app.tick(t0 + COALESCE_MS), one, "written after a quiet interval");
    assert_eq!(app.tick(t0 + 10 * COALESCE_MS), None, "once");
    // Another key writes them at once; presses that cancel out write nothing.
    app.update(Action::Increment);
    assert_eq!(
        app.flush_before(Action::Down),
        Some(Effect::Apply {
            edit: Edit::Add { target: "13.1".into(), delta: 1.0 },
            note: String::new()
        })
    );
    app.update(Action::Increment);
    app.update(Action::Decrement);
    assert_eq!(app.flush_before(Action::Quit), None);
    assert!(app.pending.is_none());
}

#[test]
fn u_opens_with_the_value_selected_and_typing_replaces_it() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    app.update(Action::SetValue);
    let line = &app.input().expect("the line").line;
    assert_eq!((line.text(), line.is_selected()), ("64", true));
    assert_eq!(
        app.update(Action::Submit),
        Some(Effect::Apply {
            edit: Edit::Set { target: "13.1".into(), value: 64.0 },
            note: String::new()
        }),
        "Enter keeps the value (the store writes nothing for it)"
    );
    app.update(Action::SetValue);
    type_text(&mut app, "70");
    assert_eq!(
        app.update(Action::Submit),
        Some(Effect::Apply {
            edit: Edit::Set { target: "13.1".into(), value: 70.0 },
            note: String::new()
        })
    );
}

/// Draws the app as the event loop does, keeping where the panes went.
fn draw(app: &mut App, w: u16, h: u16) {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let mut drawn = Default::default();
    term.draw(|f| drawn = yaodian::tui::view::render(f, app)).expect("draw");
    app.drawn = drawn;
}

#[test]
fn a_click_selects_the_row_under_it_and_a_second_goes_in() {
    let (_d, _s, _p, mut app) = setup();
    for _ in 0..3 {
        app.update(Action::Down);
    }
    draw(&mut app, 120, 40);
    let items = *app.drawn.panes.iter().find(|p| p.pane == Pane::Items).expect("the item pane");
    // Item 13 of theme 四, which has targets.
    let k = app.board.item_index("13").expect("13");
    let row = app.visible_rows().iter().position(|&r| r == ItemRow::Item(k)).expect("shown");
    let row = u16::try_from(row).expect("small");
    let (x, y) = (items.area.x + 4, items.top + row * items.per_row + 1);
    let click = yaodian::tui::keymap::action(Mode::Browse, Key::Click(x, y)).expect("bound");
    assert_eq!(click, Action::Click { x, y });
    app.update(click);
    assert_eq!(app.focus, Pane::Items);
    assert_eq!(app.sel.item.as_deref(), Some("13"), "the row under the click");
    draw(&mut app, 120, 40);
    app.update(click);
    assert_eq!(app.focus, Pane::Targets, "a second click goes in");
    // The wheel moves the selection like j and k.
    assert_eq!(yaodian::tui::keymap::action(Mode::Browse, Key::WheelDown), Some(Action::Down));
    // A click outside every pane changes nothing.
    let before = app.sel.clone();
    app.update(Action::Click { x: 0, y: 0 });
    assert_eq!(app.sel, before);
}

#[test]
fn slash_starts_afresh_and_n_walks_the_matches() {
    let (_d, _s, _p, mut app) = setup();
    app.update(Action::Search);
    type_text(&mut app, "场地");
    app.update(Action::Submit);
    let first = (app.sel.clone(), app.focus);
    assert_eq!(first.1, Pane::Items, "item 13's title matches itself");
    assert_eq!(app.filters.query(), "场地", "Enter keeps the filter");
    app.update(Action::NextMatch);
    assert_eq!(app.focus, Pane::Targets, "then its target 13.1 (新建公共**场地设施)");
    assert_eq!(app.sel.target.as_deref(), Some("13.1"));
    for _ in 0..50 {
        app.update(Action::NextMatch);
        if (app.sel.clone(), app.focus) == first {
            break;
        }
    }
    assert_eq!((app.sel.clone(), app.focus), first, "n goes round to the first match");
    app.update(Action::PrevMatch);
    assert_ne!((app.sel.clone(), app.focus), first, "N goes back round");
    app.update(Action::NextMatch);
    assert_eq!((app.sel.clone(), app.focus), first);
    app.update(Action::Search);
    assert_eq!(app.input().map(|i| i.line.text()), Some(""), "a fresh query");
    assert!(!app.filtered(), "everything shows while nothing is typed");
    app.update(Action::Cancel);
    assert!(app.filters.query().is_empty(), "Esc drops it");
    app.update(Action::NextMatch);
    assert_eq!(app.message.as_ref().map(|m| m.text.as_str()), Some("没有搜索：按 / 开始"));
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
    let (d, store, plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    let (tx, rx) = std::sync::mpsc::channel();
    for c in "jjjljl".chars() {
        tx.send(key(KeyCode::Char(c))).expect("send");
    }
    tx.send(key(KeyCode::Char('+'))).expect("send");
    tx.send(key(KeyCode::Enter)).expect("send");
    tx.send(key(KeyCode::Char('q'))).expect("send");
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut exec = effect::Inline { ctx: &ctx, events: tx.clone() };
    let (exit, idle) =
        run_loop(&mut term, &mut app, &mut exec, &rx, &fixture::today).expect("loop");
    assert_eq!((exit, idle), (Exit::Quit, true), "the edit and its follow-ups came back");
    assert_eq!(app.screen, Screen::Detail);
    let board = store.board(&plan).expect("board");
    let i = board.target_index("13.1").expect("13.1");
    assert_eq!(board.target_states[i].value, 65.0);
    assert_eq!(app.history.len(), 4, "the detail view shows the new update");
    // Undo is a new, corrective update.
    effect::drive(&ctx, &mut app, Effect::Apply { edit: Edit::Undo, note: String::new() })
        .expect("undo");
    let board = store.board(&plan).expect("board");
    assert_eq!(board.target_states[i].value, 64.0);
}

#[test]
fn hangup_ends_the_loop() {
    let (d, store, _plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    let (tx, rx) = std::sync::mpsc::channel();
    tx.send(Event::Hangup).expect("send");
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut exec = effect::Inline { ctx: &ctx, events: tx.clone() };
    let (exit, _) = run_loop(&mut term, &mut app, &mut exec, &rx, &fixture::today).expect("loop");
    assert_eq!(exit, Exit::Hangup);
}

/// A store that never answers (a writer stopped inside its commit holds redb's lock, and a
/// read waits for it without a deadline) holds up the store's thread only: keys still move
/// the board, and `q` ends it within a second and a half of the read in flight.
#[test]
fn a_store_that_never_answers_never_keeps_q_from_quitting() {
    struct Stuck(usize);
    impl effect::Executor for Stuck {
        fn submit(&mut self, _plan: String, _effect: Effect) {
            self.0 += 1; // taken, never answered
        }
    }
    let (_d, _store, _plan, mut app) = setup();
    let (tx, rx) = std::sync::mpsc::channel();
    let keys = tx.clone();
    let typist = std::thread::spawn(move || {
        // after the first poll (every 500 ms) has handed over a read that never returns
        std::thread::sleep(std::time::Duration::from_millis(800));
        keys.send(key(KeyCode::Char('j'))).expect("send");
        keys.send(key(KeyCode::Char('q'))).expect("send");
    });
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut stuck = Stuck(0);
    let started = std::time::Instant::now();
    let (exit, idle) =
        run_loop(&mut term, &mut app, &mut stuck, &rx, &fixture::today).expect("loop");
    typist.join().expect("typist");
    assert_eq!((exit, idle), (Exit::Quit, false), "quit with a read left behind");
    assert!(stuck.0 >= 1, "a poll was handed over");
    assert!(started.elapsed() < std::time::Duration::from_secs(4), "{:?}", started.elapsed());
    drop(tx);
}

const DEADLINE_PLAN: &str = include_str!("data/deadline-style-plan.txt");

/// Imports the deadline-style plan (plan 2025, with the theme-level target `t4.1`).
fn import_second_plan(store: &yaodian::core::store::Store) -> String {
    let imported = yaodian::core::import::parse(
        DEADLINE_PLAN,
        &yaodian::core::import::ImportOptions::default(),
    )
    .expect("parse");
    store.import(&imported.plan, false, &fixture::actor("admin")).expect("import");
    imported.plan.id
}

#[test]
fn item_status_is_chosen_from_a_list_and_rolls_up() {
    let (d, store, _plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    // Theme 一, item 1 has no targets.
    app.update(Action::Into);
    assert_eq!(app.sel.item.as_deref(), Some("1"));
    assert_eq!(app.update(Action::ItemStatus), None);
    let picker = app.picker().expect("the status list is open");
    assert_eq!(picker.options.len(), 5, "four statuses and clear");
    app.update(Action::Down);
    app.update(Action::Down);
    let effect = app.update(Action::Submit).expect("an edit");
    assert_eq!(
        effect,
        Effect::Apply {
            edit: Edit::ItemStatus {
                item: "1".into(),
                status: Some(yaodian::core::model::Status::Behind)
            },
            note: String::new()
        }
    );
    effect::drive(&ctx, &mut app, effect).expect("apply");
    let k = app.board.item_index("1").expect("item 1");
    assert_eq!(app.board.item_states[k].status, Some(yaodian::core::model::Status::Behind));
    assert_eq!(app.eval.items[k].status, Some(yaodian::core::model::Status::Behind));
    assert_eq!(app.eval.themes[0].count(yaodian::core::model::Status::Behind), 1);
    // Clearing it: the last line of the list.
    app.update(Action::ItemStatus);
    let picker = app.picker().expect("open");
    assert!(picker.options[2].current, "the status in force is marked");
    assert_eq!(picker.selected, 2);
    app.update(Action::Bottom);
    for _ in 0..5 {
        app.update(Action::Down);
    }
    let effect = app.update(Action::Submit).expect("an edit");
    effect::drive(&ctx, &mut app, effect).expect("apply");
    assert_eq!(app.board.item_states[k].status, None);
}

#[test]
fn item_status_only_for_items_without_targets() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    assert_eq!(app.update(Action::ItemStatus), None);
    assert!(app.picker().is_none());
    assert!(app.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn esc_closes_the_list_and_changes_nothing() {
    let (_d, _s, _p, mut app) = setup();
    app.update(Action::Into);
    app.update(Action::ItemStatus);
    assert!(app.picker().is_some());
    assert_eq!(app.update(Action::Cancel), None);
    assert!(app.picker().is_none());
}

#[test]
fn theme_level_targets_are_a_row_of_their_theme_and_editable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = yaodian::core::store::Store::open(
        &dir.path().join("t.redb"),
        yaodian::core::store::OpenOptions::default(),
    )
    .expect("open");
    let plan = import_second_plan(&store);
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: dir.path().to_path_buf() };
    let board = store.board(&plan).expect("board");
    let mut app = App::new(
        board,
        Vec::new(),
        fixture::today(),
        fixture::look(Lang::Zh, false),
        "wang".into(),
    );
    for _ in 0..3 {
        app.update(Action::Down);
    }
    assert_eq!(app.sel.theme, Some(4));
    assert_eq!(app.visible_rows().first(), Some(&ItemRow::Theme(4)));
    app.update(Action::Into);
    assert_eq!(app.sel.item.as_deref(), Some("t4"));
    assert_eq!(app.selected_row(), Some(ItemRow::Theme(4)));
    app.update(Action::Into);
    assert_eq!(app.sel.target.as_deref(), Some("t4.1"));
    // 覆盖率达到90% is a rate, measured rather than added up: `+` is refused by the store,
    // with its reason on the status line, and the value is set instead.
    assert_eq!(app.update(Action::Increment), None, "a press waits for the next");
    let effect = app.flush_before(Action::SetValue).expect("an edit");
    effect::drive(&ctx, &mut app, effect).expect("a refusal is a message");
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("不能累加"), "{said}");
    app.update(Action::SetValue);
    type_text(&mut app, "91.5");
    let effect = app.update(Action::Submit).expect("an edit");
    effect::drive(&ctx, &mut app, effect).expect("apply");
    let i = app.board.target_index("t4.1").expect("t4.1");
    assert_eq!(app.board.target_states[i].value, 91.5);
    assert_eq!(app.sel.target.as_deref(), Some("t4.1"), "the selection survives the reload");
    // A department filter hides them (they belong to no department).
    app.update(Action::Back);
    app.update(Action::Back);
    pick_first_department(&mut app);
    assert!(!app.visible_rows().contains(&ItemRow::Theme(4)));
}

#[test]
fn export_writes_the_ledger_of_the_view_and_says_where() {
    let (d, store, _plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    assert_eq!(app.update(Action::Export), None, "E offers ledger or report");
    assert!(app.picker().is_some());
    let effect = app.update(Action::Submit).expect("an export");
    let Effect::Export(req) = &effect else { panic!("{effect:?}") };
    assert_eq!(req.file_name, "台账-2023-2023-09-30.xlsx");
    assert_eq!(req.ledger.by, yaodian::core::report::GroupBy::Theme);
    let all_rows: usize = req.ledger.groups.iter().map(|g| g.rows.len()).sum();
    effect::drive(&ctx, &mut app, effect).expect("export");
    let path = d.path().join("台账-2023-2023-09-30.xlsx");
    assert!(path.exists());
    let m = app.message.as_ref().expect("a message");
    assert!(!m.error && m.text.contains(path.to_str().expect("utf-8")), "{}", m.text);
    // With a department filter: grouped by department, only that department's items.
    pick_first_department(&mut app);
    app.update(Action::Export);
    let Some(Effect::Export(req)) = app.update(Action::Submit) else { panic!("no export") };
    assert_eq!(req.ledger.by, yaodian::core::report::GroupBy::Department);
    let rows: usize = req.ledger.groups.iter().map(|g| g.rows.len()).sum();
    assert!(rows < all_rows, "only the department's items");
    assert!(!req.file_name.contains('*'), "{}", req.file_name);
    effect::drive(&ctx, &mut app, Effect::Export(req.clone())).expect("export");
    assert!(d.path().join(&req.file_name).exists());
    // A directory that cannot be written: said on the status line, nothing else happens.
    let bad = Ctx { store: &store, actor: &actor, export_dir: d.path().join("missing/dir") };
    effect::drive(&bad, &mut app, Effect::Export(req)).expect("no store error");
    assert!(app.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn p_switches_plans_and_reloads_keep_the_choice() {
    let (d, store, plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    let effect = app.update(Action::Plans).expect("list plans");
    effect::drive(&ctx, &mut app, effect).expect("plans");
    assert!(app.picker().is_none(), "one plan: nothing to choose");
    assert!(app.message.is_some());
    let other = import_second_plan(&store);
    let effect = app.update(Action::Plans).expect("list plans");
    effect::drive(&ctx, &mut app, effect).expect("plans");
    let picker = app.picker().expect("two plans: a list");
    assert_eq!(picker.options.len(), 2);
    let current = picker.options.iter().position(|o| o.current).expect("current marked");
    assert_eq!(picker.options[current].value, PickValue::Plan(plan.clone()));
    let target = 1 - current;
    while app.picker().is_some_and(|p| p.selected != target) {
        app.update(if target > current { Action::Down } else { Action::Up });
    }
    let effect = app.update(Action::Submit).expect("switch");
    assert_eq!(effect, Effect::SwitchPlan(other.clone()));
    effect::drive(&ctx, &mut app, effect).expect("switch");
    assert_eq!(app.board.plan.id, other);
    assert_eq!(app.sel.theme, Some(1));
    // Another process writes to the first plan: the reload stays on the chosen one.
    store
        .apply(&plan, &Edit::Add { target: "13.1".into(), delta: 1.0 }, "", &fixture::actor("li"))
        .expect("add");
    let seen = app.mark;
    assert!(effect::drive(&ctx, &mut app, Effect::Refresh { seen }).expect("refresh"));
    assert_eq!(app.board.plan.id, other);
}

/// The README's key table, generated from the keymap: every binding once, with the modes
/// it works in.
fn key_table() -> String {
    use yaodian::tui::keymap::{self, Mode};
    let mode_name = |m: &Mode| match m {
        Mode::Browse => "main",
        Mode::Detail => "detail",
        Mode::Dashboard => "dashboard",
        Mode::Help => "help",
        Mode::Input => "input line",
        Mode::Pick => "choice list",
        Mode::Confirm => "confirmation",
        Mode::Find => "typed list",
        Mode::Behind => "behind list",
        Mode::Entry => "history entry",
    };
    let mut out = String::from("| keys | does | where |\n|---|---|---|\n");
    for b in keymap::BINDINGS {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.label())).collect();
        let does = yaodian::tui::text::action(Lang::En, b.action);
        let modes: Vec<&str> = b.modes.iter().map(mode_name).collect();
        let every = modes.len() == Mode::ALL.len();
        let modes = if every { "everywhere".to_string() } else { modes.join(", ") };
        out.push_str(&format!("| {} | {does} | {modes} |\n", keys.join(" ")));
    }
    out.push_str("| other characters | type | input line, typed list |\n");
    let click = yaodian::tui::text::action(Lang::En, Action::Click { x: 0, y: 0 });
    out.push_str(&format!("| mouse click | {click} | main |\n"));
    out
}

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme = include_str!("../README.md");
    let start = "<!-- keys: generated from src/tui/keymap.rs, checked by tests/tui_app.rs -->\n";
    let table = key_table();
    let found = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once("\n\n"))
        .map(|(t, _)| format!("{t}\n"));
    assert_eq!(found.as_deref(), Some(table.as_str()), "README key table; expected:\n{table}");
}

/// Presses keys as the event loop does: through the keymap in the app's current mode.
fn press(app: &mut App, keys: &[yaodian::tui::keymap::Key]) -> Option<Effect> {
    let mut last = None;
    for &k in keys {
        let action = yaodian::tui::keymap::action(app.mode(), k).expect("a bound key");
        last = app.update(action);
    }
    last
}

#[test]
fn c_w_and_c_u_edit_every_input_line() {
    use yaodian::tui::keymap::Key;
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    app.update(Action::SetValue);
    type_text(&mut app, "64 莱山区 新增6处");
    press(&mut app, &[Key::Ctrl('w')]);
    assert_eq!(app.input().map(|i| i.line.text()), Some("64 莱山区 "));
    press(&mut app, &[Key::Alt('b'), Key::Ctrl('k')]);
    assert_eq!(app.input().map(|i| i.line.text()), Some("64 "));
    press(&mut app, &[Key::Ctrl('u')]);
    assert_eq!(app.input().map(|i| i.line.text()), Some(""));
    let error = app.input().and_then(|i| i.error.clone());
    assert_eq!(error.as_deref(), Some("请输入数字"), "the line is checked after every edit");
    app.update(Action::Cancel);
    // The search line filters as C-w deletes.
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::Search);
    type_text(&mut app, "13.2 zzz");
    assert_eq!(app.matching_items(), 0);
    press(&mut app, &[Key::Ctrl('w')]);
    assert_eq!(app.filters.query(), "13.2 ");
    assert_eq!(app.matching_items(), 1);
}

#[test]
fn the_target_line_hint_is_accepted_as_written() {
    use yaodian::tui::text::{FORMAT_TARGET, tr};
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (store, plan) = fixture::create_db(&dir.path().join("t.redb"));
        let mut app = fixture::app(&store, &plan, fixture::look(lang, false));
        to_target(&mut app, "13.1");
        // The hint's own format, filled in: `名称 目标 单位 [截止 YYYY-MM-DD]`.
        let hint = tr(lang, FORMAT_TARGET);
        let format = hint.split([':', '：']).nth(1).and_then(|s| s.split([';', '；']).next());
        let line = format
            .expect("the hint states a format")
            .trim()
            .replace(['[', ']'], "")
            .replacen("名称", "健身步道", 1)
            .replacen("name", "健身步道", 1)
            .replacen("目标", "20", 1)
            .replacen("goal", "20", 1)
            .replacen("单位", "公里", 1)
            .replacen("unit", "公里", 1)
            .replace("YYYY-MM-DD", "2023-10-31");
        assert!(line.contains("2023-10-31") && !line.starts_with("2023"), "{line}");
        app.update(Action::AddTarget);
        type_text(&mut app, &line);
        assert_eq!(app.input().and_then(|i| i.error.clone()), None, "{lang:?}: {line}");
        let Some(Effect::Apply { edit: Edit::PutTarget(t), .. }) = app.update(Action::Submit)
        else {
            panic!("{lang:?}: {line} is not accepted")
        };
        assert_eq!((t.name.as_str(), t.goal, t.unit.as_str()), ("健身步道", 20.0, "公里"));
        assert_eq!(t.due, chrono::NaiveDate::from_ymd_opt(2023, 10, 31));
    }
}

#[test]
fn changing_a_targets_kind_says_what_changes_and_waits_for_yes() {
    use yaodian::core::model::{Status, TargetKind};
    use yaodian::tui::keymap::Key;
    let (d, store, plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    to_target(&mut app, "13.1"); // 64/100处, behind the pace
    let k = app.board.target_index("13.1").expect("13.1");
    let before = app.eval.targets[k].status;
    assert_ne!(before, Status::Done);
    app.update(Action::EditTarget);
    // Clearing goal and unit leaves a name alone: a milestone.
    let name = app.board.plan.targets[k].name.clone();
    press(&mut app, &[Key::Ctrl('u')]);
    type_text(&mut app, &name);
    assert_eq!(app.update(Action::Submit), None, "nothing is written yet");
    let c = app.confirm().expect("a confirmation");
    assert_eq!(
        (c.change.old.kind, c.change.new.kind),
        (TargetKind::Quantity, TargetKind::Milestone)
    );
    assert_eq!((c.change.value, c.change.before.status), (64.0, before));
    assert_eq!(c.change.after.status, Status::Done, "64 reads as a milestone delivered");
    // n (or Esc) goes back to the line as typed; Enter does not say yes.
    assert_eq!(yaodian::tui::keymap::action(app.mode(), Key::Enter), None);
    assert!(app.confirm().is_some());
    press(&mut app, &[Key::Char('n')]);
    assert_eq!(app.input().map(|i| i.line.text()), Some(name.as_str()));
    app.update(Action::Submit);
    let effect = press(&mut app, &[Key::Char('y')]).expect("y writes the edit");
    assert!(app.confirm().is_none() && app.input().is_none());
    effect::drive(&ctx, &mut app, effect).expect("apply");
    let k = app.board.target_index("13.1").expect("13.1");
    assert_eq!(app.board.plan.targets[k].kind, TargetKind::Milestone);
    assert!(app.message.as_ref().is_some_and(|m| !m.error));
    let stored = store.board(&plan).expect("board");
    assert_eq!(stored.plan.targets[k].kind, TargetKind::Milestone);
}

#[test]
fn an_edit_that_keeps_the_kind_is_written_at_once() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    app.update(Action::EditTarget);
    app.update(Action::CursorHome);
    type_text(&mut app, "新");
    let effect = app.update(Action::Submit);
    assert!(
        matches!(&effect, Some(Effect::Apply { edit: Edit::PutTarget(t), .. }) if t.goal == 100.0),
        "{effect:?}"
    );
    assert!(app.confirm().is_none());
}

#[test]
fn refusals_come_back_as_one_outcome_and_show_on_the_status_line() {
    use yaodian::core::store::{OpenOptions, Refusal, Store, roles::Grant};
    let (d, store, plan, mut app) = setup();
    let zhao = fixture::actor("zhao");
    let admin = fixture::actor("admin");
    let set = |v: f64| Effect::Apply {
        edit: Edit::Set { target: "13.1".into(), value: v },
        note: String::new(),
    };
    // A role that does not allow it.
    store.grant("li", &Grant::Admin, &admin).expect("grant");
    let ctx = Ctx { store: &store, actor: &zhao, export_dir: d.path().to_path_buf() };
    let outcome = effect::run(&ctx, &plan, set(70.0)).expect("no store error");
    assert!(matches!(outcome, Some(Outcome::Refused(Refusal::Denied { .. }))), "{outcome:?}");
    assert!(effect::drive(&ctx, &mut app, set(70.0)).expect("drive"));
    let m = app.message.clone().expect("a message");
    assert!(m.error && m.text.starts_with("未保存: ") && m.text.contains("zhao"), "{}", m.text);
    // A bad value the line would not let through, asked for directly (by the admin).
    let li = fixture::actor("li");
    let ctx = Ctx { store: &store, actor: &li, export_dir: d.path().to_path_buf() };
    let outcome = effect::run(&ctx, &plan, set(-1.0)).expect("no store error");
    assert!(matches!(outcome, Some(Outcome::Refused(Refusal::BadValue { .. }))), "{outcome:?}");
    // A database that can only be read.
    drop(ctx);
    drop(store);
    let ro = Store::open(
        &d.path().join("t.redb"),
        OpenOptions { readonly: true, ..OpenOptions::default() },
    )
    .expect("open read-only");
    let ctx = Ctx { store: &ro, actor: &li, export_dir: d.path().to_path_buf() };
    effect::drive(&ctx, &mut app, set(70.0)).expect("drive");
    let m = app.message.clone().expect("a message");
    let read_only = yaodian::i18n::refusals::READ_ONLY.get(Lang::Zh);
    assert!(m.error && m.text.contains(read_only), "{}", m.text);
    assert_eq!(app.eval.targets[app.board.target_index("13.1").expect("13.1")].progress, 0.64);
}

/// `x` on a milestone already done writes nothing: the log is a record of changes.
#[test]
fn a_milestone_done_again_writes_nothing() {
    let (d, store, plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    let board = store.board(&plan).expect("board");
    let done = board
        .plan
        .targets
        .iter()
        .zip(&board.target_states)
        .find(|(t, s)| t.kind == yaodian::core::model::TargetKind::Milestone && s.value == 1.0)
        .map(|(t, _)| t.id.clone())
        .expect("a milestone done");
    let logged = || store.log(&plan, &Default::default()).expect("log").len();
    let before = logged();
    let effect = Effect::Apply { edit: Edit::Done { target: done }, note: String::new() };
    effect::drive(&ctx, &mut app, effect).expect("apply");
    assert_eq!(logged(), before);
    let message = app.message.as_ref().expect("a message");
    assert!(!message.error && message.text.contains("没有变化"), "{}", message.text);
}

/// The store's refusals read in the board's language.
#[test]
fn refusals_read_in_the_interface_language() {
    let (d, store, _plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    let effect = Effect::Apply {
        edit: Edit::Set { target: "99.9".into(), value: 1.0 },
        note: String::new(),
    };
    effect::drive(&ctx, &mut app, effect).expect("apply");
    let message = app.message.as_ref().expect("a message");
    assert!(message.error && message.text.contains("本计划中没有指标“99.9”"), "{}", message.text);
}

#[test]
fn the_behind_list_opens_from_every_view_and_esc_comes_back_to_it() {
    let (_d, _s, _p, mut app) = setup();
    let key = |app: &mut App, k: yaodian::tui::keymap::Key| {
        let a = yaodian::tui::keymap::action(app.mode(), k).expect("bound");
        app.update(a)
    };
    use yaodian::tui::keymap::Key;
    for start in [Screen::Main, Screen::Dashboard] {
        if start == Screen::Dashboard {
            key(&mut app, Key::Char('D'));
        }
        assert_eq!(app.screen, start);
        key(&mut app, Key::Char('b'));
        assert_eq!(app.screen, Screen::Behind);
        let list = app.cycle.behind.clone();
        assert!(!list.behind.is_empty(), "the fixture has targets behind on 09-30");
        // the first line is the worst: behind, with the largest gap
        let first = &list.behind[0];
        assert!(list.behind.iter().all(|e| e.gap <= first.gap || e.status != first.status));
        key(&mut app, Key::Enter);
        assert_eq!(app.screen, Screen::Main);
        let yaodian::core::pace::behind::Subject::Target(k) = first.subject else {
            panic!("a target first")
        };
        assert_eq!(app.sel.target.as_deref(), Some(app.board.plan.targets[k].id.as_str()));
        assert_eq!(app.focus, Pane::Targets);
        key(&mut app, Key::Esc);
        assert_eq!(app.screen, Screen::Behind, "Esc comes back to the list");
        key(&mut app, Key::Esc);
        assert_eq!(app.screen, start, "and from the list to where it was opened");
        if start == Screen::Dashboard {
            key(&mut app, Key::Esc);
        }
    }
    // from the detail view too, and back to it
    let (_d2, _s2, _p2, mut app) = setup();
    to_target(&mut app, "13.1");
    app.update(Action::Into);
    assert_eq!(app.screen, Screen::Detail);
    key(&mut app, Key::Char('b'));
    assert_eq!(app.screen, Screen::Behind);
    key(&mut app, Key::Esc);
    assert_eq!(app.screen, Screen::Detail);
}

#[test]
fn the_behind_list_counts_stale_targets_and_missing_reports() {
    let (_d, _s, _p, app) = setup();
    let list = &app.cycle.behind.clone();
    assert_eq!(list.stale.len(), app.cycle.stale.count());
    let k = app.board.plan.target_index("13.1").expect("13.1");
    assert!(!app.cycle.stale.target(k), "13.1 was updated on 09-28");
    let never = (0..app.board.plan.targets.len())
        .find(|&k| app.board.target_states[k].updated_at.is_none())
        .expect("a target never updated");
    assert!(app.cycle.stale.target(never), "never updated since 01-01");
    // the period of 09-30 (due 25th) is 2023-10: 09-26 to 10-25; items 13, 14 and 15
    // reported in it, the rest of their departments' items did not
    assert_eq!(app.cycle.period.map(|p| p.to_string()).as_deref(), Some("2023-10"));
    assert!(!list.missing.is_empty());
    assert!(list.missing.iter().all(|r| !r.reported()));
    assert_eq!(list.missing.len(), app.cycle.reports.iter().filter(|r| !r.reported()).count());
    // Enter on a missing department: the board filtered to it, on its first missing item
    let mut app = app;
    app.update(Action::Behind);
    let at = list.behind.len() + list.stale.len();
    let dept = list.missing[0].department.clone();
    let first = app.board.plan.items[list.missing[0].missing[0]].id.clone();
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Into);
    assert_eq!(app.filters.dept, yaodian::tui::app::DeptFilter::One(dept));
    assert_eq!(app.sel.item.as_deref(), Some(first.as_str()));
}

#[test]
fn dashboard_rows_open_what_they_count() {
    use yaodian::tui::app::Panel;
    let (_d, _s, _p, mut app) = setup();
    // mid-December: targets due by the end of the year fall due within 30 days
    app.set_today(chrono::NaiveDate::from_ymd_opt(2023, 12, 15).expect("date"));
    app.update(Action::Dashboard);
    // by theme: the third theme on the board
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Into);
    assert_eq!(app.screen, Screen::Main);
    assert_eq!(app.sel.theme, Some(app.board.plan.themes[2].number));
    app.update(Action::Back);
    assert_eq!(app.screen, Screen::Dashboard);
    // by department: the board filtered to it
    app.update(Action::NextPane);
    assert_eq!(app.dash.panel, Panel::ByDept);
    app.update(Action::Into);
    let first = app.departments()[0].clone();
    assert_eq!(app.filters.dept, yaodian::tui::app::DeptFilter::One(first));
    app.update(Action::Back);
    app.filters.clear();
    // overdue / due soon: a target's detail
    while app.dash.panel != Panel::DueSoon {
        app.update(Action::NextPane);
    }
    let soon = app.due_soon();
    assert!(!soon.is_empty(), "targets fall due within 30 days of 12-15");
    let effect = app.update(Action::Into);
    assert_eq!(app.screen, Screen::Detail);
    let id = app.board.plan.targets[soon[0]].id.clone();
    assert_eq!(effect, Some(Effect::History(id.clone())));
    assert_eq!(app.sel.target.as_deref(), Some(id.as_str()));
    app.update(Action::Back);
    assert_eq!(app.screen, Screen::Dashboard, "Esc from the detail comes back to the panel");
}

#[test]
fn from_a_fresh_demo_the_worst_target_of_a_department_is_three_keys_away() {
    use yaodian::core::model::Status;
    use yaodian::tui::keymap::{Key, action};
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, plan) = fixture::create_db(&dir.path().join("demo.redb"));
    let today = fixture::today();
    let board = store.board(&plan).expect("board");
    yaodian::core::demo::simulate(&store, &board.plan, today).expect("demo");
    let opts = yaodian::tui::TuiOptions {
        lang: Lang::Zh,
        ascii: false,
        color: true,
        rich: false,
        demo: true,
        readonly: false,
        today: Some(today),
        clock: fixture::clock(),
        mouse: true,
        first_run: false,
    };
    let mut app =
        yaodian::tui::load_app(&store, &plan, &fixture::actor("admin"), &opts).expect("app");
    // the worst target of 群众**科, found here from the evaluation: behind before at risk,
    // then the largest shortfall against pace, then the earliest due date
    let plan_ix = &app.board.plan;
    let ours = |k: usize| {
        plan_ix
            .target_item(k)
            .is_some_and(|i| plan_ix.items[i].leads().any(|d| d.name == "群众**科"))
    };
    let rank = |k: usize| {
        let e = &app.eval.targets[k];
        let gap = e.pace - e.progress.clamp(0.0, 1.0);
        (u8::from(e.status != Status::Behind), -gap, e.due)
    };
    let worst = (0..plan_ix.targets.len())
        .filter(|&k| ours(k))
        .filter(|&k| matches!(app.eval.targets[k].status, Status::Behind | Status::AtRisk))
        .min_by(|&a, &b| rank(a).partial_cmp(&rank(b)).expect("finite"))
        .expect("群众**科 has a target behind in the demo");
    let worst_id = plan_ix.targets[worst].id.clone();
    let mut presses = 0;
    let mut press = |app: &mut App, k: Key| {
        presses += 1;
        let a = action(app.mode(), k).expect("bound");
        app.update(a);
    };
    press(&mut app, Key::Char('b'));
    let line_of = |app: &App| {
        app.cycle
            .behind
            .behind
            .iter()
            .position(|e| e.subject == yaodian::core::pace::behind::Subject::Target(worst))
    };
    let at = line_of(&app).expect("listed");
    for _ in 0..at {
        press(&mut app, Key::Char('j'));
    }
    press(&mut app, Key::Enter);
    assert_eq!(app.sel.target.as_deref(), Some(worst_id.as_str()));
    assert_eq!(app.screen, Screen::Main);
    assert!(presses <= 3, "{presses} key presses to {worst_id}");
}

#[test]
fn e_writes_the_period_report_when_asked() {
    let (d, store, _plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    app.update(Action::Export);
    app.update(Action::Down);
    let effect = app.update(Action::Submit).expect("an export");
    let Effect::Export(req) = &effect else { panic!("{effect:?}") };
    assert_eq!(req.file_name, "落实情况-2023-2023-09-30.docx");
    assert_eq!(req.format, yaodian::core::report::format::Format::Docx);
    effect::drive(&ctx, &mut app, effect.clone()).expect("export");
    let bytes = std::fs::read(d.path().join("落实情况-2023-2023-09-30.docx")).expect("written");
    assert!(bytes.starts_with(b"PK"), "a zip (docx)");
    assert!(app.message.as_ref().is_some_and(|m| !m.error));
}

/// The app as the board starts it: the store's read with its mark (the fixture's app has
/// pinned times and no mark, so every refresh of it reads the board again).
fn read_app(store: &yaodian::core::store::Store, plan: &str) -> App {
    let now = effect::load(store, plan).expect("load");
    let look = fixture::look(Lang::Zh, false);
    let mut app = App::new(now.board, now.recent, fixture::today(), look, "wang".into());
    app.clock = fixture::clock();
    app.mark = now.mark;
    app.set_cycle(now.settings, now.latest);
    app
}

/// Another operator's writes cost an open board the entries written, not the board: the
/// refresh decodes each new log entry once and no target record, and leaves the board, its
/// evaluation, stale marks, reports, feed and behind list as a full read gives them. A
/// change of a definition reads the board again.
#[test]
fn a_remote_write_is_taken_in_from_the_log_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, plan) = fixture::create_db(&dir.path().join("t.redb"));
    fixture::record_values(&store, &plan);
    let mut app = read_app(&store, &plan);
    let reports = app.cycle.reports.clone();
    // an item no report of the period names yet: its note is one
    let missing = reports.iter().flat_map(|r| r.missing.iter()).next().copied().expect("missing");
    let missing = app.board.plan.items[missing].id.clone();
    let li = fixture::actor("li");
    let edits = [
        Edit::Add { target: "13.1".into(), delta: 2.0 },
        Edit::Set { target: "14.1".into(), value: 170.0 },
        Edit::Set { target: "13.1".into(), value: 70.0 },
        Edit::Note { item: "13".into(), text: "进展顺利".into() },
        Edit::Note { item: missing, text: "已部署".into() },
        Edit::ItemStatus { item: "1".into(), status: Some(Status::Done) },
    ];
    for edit in &edits {
        store.apply(&plan, edit, "", &li).expect("write");
    }
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: dir.path().to_path_buf() };
    let before = store.reads();
    let seen = app.mark;
    assert!(effect::drive(&ctx, &mut app, Effect::Refresh { seen }).expect("refresh"));
    let read = store.reads();
    assert_eq!(read.updates - before.updates, edits.len() as u64, "each entry decoded once");
    assert_eq!(read.targets, before.targets, "no target record read: not the board");
    let full = read_app(&store, &plan);
    assert_eq!(app.board, full.board);
    assert_eq!(app.eval, full.eval);
    assert_eq!(app.cycle.stale, full.cycle.stale);
    assert_eq!(app.cycle.reports, full.cycle.reports);
    assert_ne!(app.cycle.reports, reports, "the writes are reports of the period");
    assert_eq!(app.recent, full.recent);
    assert_eq!(app.mark, full.mark);
    assert!(app.changed_at.is_some(), "someone else wrote");
    app.update(Action::Behind);
    assert_eq!(app.cycle.behind, full.cycle.behind, "derived when it is shown");
    // Asked again from the same mark (two refreshes in flight): nothing is taken in twice.
    assert!(effect::drive(&ctx, &mut app, Effect::Refresh { seen }).expect("refresh"));
    assert_eq!(app.board, full.board);
    // A target's definition changes: the board is read again (every target record).
    let mut t = app.board.plan.targets[app.board.target_index("13.1").expect("13.1")].clone();
    t.name = "改过的指标".into();
    store.apply(&plan, &Edit::PutTarget(Box::new(t)), "", &fixture::actor("admin")).expect("put");
    let before = store.reads();
    let seen = app.mark;
    assert!(effect::drive(&ctx, &mut app, Effect::Refresh { seen }).expect("refresh"));
    let targets = app.board.plan.targets.len() as u64;
    assert_eq!(store.reads().targets - before.targets, targets, "the board read again");
    assert_eq!(app.board, read_app(&store, &plan).board);
}

/// The board's own edit is taken in the same way: one entry, no board read.
#[test]
fn an_own_edit_is_taken_in_from_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, plan) = fixture::create_db(&dir.path().join("t.redb"));
    fixture::record_values(&store, &plan);
    let mut app = read_app(&store, &plan);
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: dir.path().to_path_buf() };
    let before = store.reads();
    let edit = Effect::Apply {
        edit: Edit::Add { target: "13.1".into(), delta: 1.0 },
        note: String::new(),
    };
    assert!(effect::drive(&ctx, &mut app, edit).expect("apply"));
    assert_eq!(store.reads().targets, before.targets, "no board read after the write");
    assert_eq!(app.board, read_app(&store, &plan).board);
    assert!(app.changed_at.is_none(), "only our own write came in");
    assert!(app.own.is_empty());
}

/// Runs effects inline, and after the first whole-board read sends `then` (a key typed
/// once the board came), so a test knows the order the loop sees.
struct ThenKeys<'a> {
    inline: effect::Inline<'a>,
    then: Vec<Event>,
}

impl effect::Executor for ThenKeys<'_> {
    fn submit(&mut self, plan: String, e: Effect) {
        let load = e == Effect::Load;
        self.inline.submit(plan, e);
        if load {
            for ev in self.then.drain(..) {
                self.inline.events.send(ev).expect("send");
            }
        }
    }
}

fn tui_options() -> yaodian::tui::TuiOptions {
    yaodian::tui::TuiOptions {
        lang: Lang::Zh,
        ascii: false,
        color: true,
        rich: false,
        demo: false,
        readonly: false,
        today: Some(fixture::today()),
        clock: fixture::clock(),
        mouse: true,
        first_run: false,
    }
}

fn screen(app: &App) -> Vec<String> {
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    term.draw(|f| {
        yaodian::tui::view::render(f, app);
    })
    .expect("draw");
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect()
}

/// A large plan's first frame is drawn from the stored tallies and a part of the board —
/// the first row's targets, not the plan's — and reads as the whole board's does: the same
/// header figures, themes, gauges, items and targets (the stale count comes with the
/// board). Keys typed before the whole board came wait for it, then count; a quit does not
/// wait.
#[test]
fn the_first_frame_comes_from_the_tallies_and_keys_wait_for_the_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, plan) = fixture::create_db(&dir.path().join("t.redb"));
    fixture::record_values(&store, &plan);
    let (opts, wang) = (tui_options(), fixture::actor("wang"));
    let big = store.board(&plan).expect("board").plan.targets.len();
    assert!(yaodian::tui::first_app(&store, &plan, &wang, &opts, big + 1).expect("read").is_none());
    let before = store.reads();
    let first = yaodian::tui::first_app(&store, &plan, &wang, &opts, 0).expect("read");
    let mut first = first.expect("the plan has tallies");
    let read = store.reads().targets - before.targets;
    assert!(first.loading);
    assert_eq!(read, first.board.plan.targets.len() as u64, "the first row's targets alone");
    assert!((read as usize) < big);
    let full = yaodian::tui::load_app(&store, &plan, &wang, &opts).expect("app");
    let (a, b) = (screen(&first), screen(&full));
    assert_eq!(a[0], b[0]);
    // the second line ends with the stale count, which needs the whole board
    assert!(b[1].starts_with(a[1].trim_end()), "{}\n{}", a[1], b[1]);
    assert_eq!(a[2..], b[2..]);
    // the loop: two `j` typed before the board came, one after
    let ctx = Ctx { store: &store, actor: &wang, export_dir: dir.path().to_path_buf() };
    let (tx, rx) = std::sync::mpsc::channel();
    for _ in 0..2 {
        tx.send(key(KeyCode::Char('j'))).expect("send");
    }
    let then = vec![key(KeyCode::Char('j')), key(KeyCode::Char('q'))];
    let mut exec = ThenKeys { inline: effect::Inline { ctx: &ctx, events: tx.clone() }, then };
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let (exit, idle) =
        run_loop(&mut term, &mut first, &mut exec, &rx, &fixture::today).expect("loop");
    assert_eq!((exit, idle), (Exit::Quit, true));
    assert!(!first.loading);
    assert_eq!(first.board, full.board);
    assert_eq!(first.sel.theme, Some(4), "three `j`, none lost");
    // a quit typed while the board is read does not wait for it
    let mut again = yaodian::tui::first_app(&store, &plan, &wang, &opts, 0).expect("read");
    let again = again.as_mut().expect("tallies");
    let (tx, rx) = std::sync::mpsc::channel();
    tx.send(key(KeyCode::Char('q'))).expect("send");
    let mut never = Never;
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let (exit, _) = run_loop(&mut term, again, &mut never, &rx, &fixture::today).expect("loop");
    assert_eq!(exit, Exit::Quit);
}

/// An executor whose store never answers.
struct Never;

impl effect::Executor for Never {
    fn submit(&mut self, _plan: String, _e: Effect) {}
}

/// A write taken in while a search is open costs what was written: what the search keeps
/// depends on the plan, not on the values, so it is not worked out again; a status filter
/// reads the values, so with one it is.
#[test]
fn a_remote_write_keeps_what_the_search_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, plan) = fixture::create_db(&dir.path().join("t.redb"));
    fixture::record_values(&store, &plan);
    let mut app = read_app(&store, &plan);
    app.update(Action::Search);
    type_text(&mut app, "场地");
    let found = app.matching_items();
    let generation = app.generation;
    let li = fixture::actor("li");
    store.apply(&plan, &Edit::Add { target: "13.1".into(), delta: 1.0 }, "", &li).expect("add");
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: dir.path().to_path_buf() };
    let seen = app.mark;
    assert!(effect::drive(&ctx, &mut app, Effect::Refresh { seen }).expect("refresh"));
    assert_eq!(app.generation, generation, "the search's matches still hold");
    assert!(app.matches.fits(app.generation, &app.filters));
    assert_eq!(app.matching_items(), found);
    app.filters.status = StatusFilter::Only(Status::Behind);
    store.apply(&plan, &Edit::Add { target: "13.1".into(), delta: 1.0 }, "", &li).expect("add");
    let seen = app.mark;
    assert!(effect::drive(&ctx, &mut app, Effect::Refresh { seen }).expect("refresh"));
    assert_ne!(app.generation, generation, "a status filter reads the new values");
}

#[test]
fn in_the_detail_view_tab_selects_history_rows_and_enter_opens_one() {
    use yaodian::tui::keymap::Key;
    let (_d, store, plan, mut app) = setup();
    to_target(&mut app, "13.1");
    press(&mut app, &[Key::Enter]);
    assert_eq!(app.screen, Screen::Detail);
    let updates = fixture::pinned_history(&store, &plan, "13.1");
    let seqs: Vec<u64> = updates.iter().rev().map(|u| u.seq).collect();
    app.handle(Outcome::History { target: "13.1".into(), updates });
    // j moves between targets until Tab moves the keys into the history
    press(&mut app, &[Key::Tab, Key::Char('j')]);
    assert_eq!(app.hist_sel, Some(seqs[1]), "the second newest row");
    assert_eq!(app.sel.target.as_deref(), Some("13.1"), "the target stays");
    press(&mut app, &[Key::Enter]);
    assert_eq!(app.mode(), Mode::Entry);
    assert_eq!(app.hist_entry().map(|u| u.seq), Some(seqs[1]));
    // a reload that brings a newer row keeps the one selected
    let mut more = fixture::pinned_history(&store, &plan, "13.1");
    let mut newer = more.last().expect("a row").clone();
    newer.seq = 99;
    more.push(newer);
    app.handle(Outcome::History { target: "13.1".into(), updates: more });
    assert_eq!(app.hist_entry().map(|u| u.seq), Some(seqs[1]));
    press(&mut app, &[Key::Esc]);
    assert_eq!(app.mode(), Mode::Detail);
    press(&mut app, &[Key::Esc]);
    assert_eq!((app.screen, app.hist_sel), (Screen::Detail, None), "Esc leaves the rows first");
    // keys on an empty history change nothing
    app.handle(Outcome::History { target: "13.1".into(), updates: Vec::new() });
    press(&mut app, &[Key::Tab, Key::Enter]);
    assert_eq!((app.mode(), app.hist_sel), (Mode::Detail, None));
    press(&mut app, &[Key::Esc]);
    assert_eq!(app.screen, Screen::Main);
}
