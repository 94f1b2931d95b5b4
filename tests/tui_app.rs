//! The app's update logic without a terminal, and the real event loop on TestBackend.

#[path = "support/fixture.rs"]
mod fixture;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use yaodian::core::edit::Edit;
use yaodian::lang::Lang;
use yaodian::tui::action::Action;
use yaodian::tui::app::{App, Effect, ItemRow, Pane, PickValue, Screen};
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
    let error = app.input.as_ref().and_then(|i| i.error.clone());
    assert_eq!(error.as_deref(), Some("请输入不小于 0 的数字"), "a negative value is not a value");
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
    let error = app.input.as_ref().and_then(|i| i.error.clone());
    assert_eq!(error.as_deref(), Some("请输入不小于 0 的数字"));
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
    let (d, store, _plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    let (tx, rx) = std::sync::mpsc::channel();
    tx.send(Event::Hangup).expect("send");
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let exit = run_loop(&mut term, &mut app, &ctx, &rx, &fixture::today).expect("loop");
    assert_eq!(exit, Exit::Hangup);
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
    assert_eq!(app.item.as_deref(), Some("1"));
    assert_eq!(app.update(Action::ItemStatus), None);
    let picker = app.picker.as_ref().expect("the status list is open");
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
    effect::run(&ctx, &mut app, effect).expect("apply");
    let k = app.board.item_index("1").expect("item 1");
    assert_eq!(app.board.item_states[k].status, Some(yaodian::core::model::Status::Behind));
    assert_eq!(app.eval.items[k].status, Some(yaodian::core::model::Status::Behind));
    assert_eq!(app.eval.themes[0].count(yaodian::core::model::Status::Behind), 1);
    // Clearing it: the last line of the list.
    app.update(Action::ItemStatus);
    let picker = app.picker.as_ref().expect("open");
    assert!(picker.options[2].current, "the status in force is marked");
    assert_eq!(picker.selected, 2);
    app.update(Action::Bottom);
    for _ in 0..5 {
        app.update(Action::Down);
    }
    let effect = app.update(Action::Submit).expect("an edit");
    effect::run(&ctx, &mut app, effect).expect("apply");
    assert_eq!(app.board.item_states[k].status, None);
}

#[test]
fn item_status_only_for_items_without_targets() {
    let (_d, _s, _p, mut app) = setup();
    to_target(&mut app, "13.1");
    assert_eq!(app.update(Action::ItemStatus), None);
    assert!(app.picker.is_none());
    assert!(app.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn esc_closes_the_list_and_changes_nothing() {
    let (_d, _s, _p, mut app) = setup();
    app.update(Action::Into);
    app.update(Action::ItemStatus);
    assert!(app.picker.is_some());
    assert_eq!(app.update(Action::Cancel), None);
    assert!(app.picker.is_none());
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
    assert_eq!(app.theme, Some(4));
    assert_eq!(app.visible_rows().first(), Some(&ItemRow::Theme(4)));
    app.update(Action::Into);
    assert_eq!(app.item.as_deref(), Some("t4"));
    assert_eq!(app.selected_row(), Some(ItemRow::Theme(4)));
    app.update(Action::Into);
    assert_eq!(app.target.as_deref(), Some("t4.1"));
    // 覆盖率达到90% is a rate, measured rather than added up: `+` is refused by the store,
    // with its reason on the status line, and the value is set instead.
    let effect = app.update(Action::Increment).expect("an edit");
    effect::run(&ctx, &mut app, effect).expect("a refusal is a message");
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("is a level"), "{said}");
    app.update(Action::SetValue);
    type_text(&mut app, "91.5");
    let effect = app.update(Action::Submit).expect("an edit");
    effect::run(&ctx, &mut app, effect).expect("apply");
    let i = app.board.target_index("t4.1").expect("t4.1");
    assert_eq!(app.board.target_states[i].value, 91.5);
    assert_eq!(app.target.as_deref(), Some("t4.1"), "the selection survives the reload");
    // A department filter hides them (they belong to no department).
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::DeptFilter);
    assert!(!app.visible_rows().contains(&ItemRow::Theme(4)));
}

#[test]
fn export_writes_the_ledger_of_the_view_and_says_where() {
    let (d, store, _plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    let effect = app.update(Action::Export).expect("an export");
    let Effect::Export(req) = &effect else { panic!("{effect:?}") };
    assert_eq!(req.file_name, "台账-2023-2023-09-30.xlsx");
    assert_eq!(req.by, yaodian::core::report::GroupBy::Theme);
    effect::run(&ctx, &mut app, effect).expect("export");
    let path = d.path().join("台账-2023-2023-09-30.xlsx");
    assert!(path.exists());
    let m = app.message.as_ref().expect("a message");
    assert!(!m.error && m.text.contains(path.to_str().expect("utf-8")), "{}", m.text);
    // With a department filter: grouped by department, only that department's items.
    app.update(Action::DeptFilter);
    let Some(Effect::Export(req)) = app.update(Action::Export) else { panic!("no export") };
    assert_eq!(req.by, yaodian::core::report::GroupBy::Department);
    assert!(req.keep.iter().any(|&k| !k));
    assert!(!req.file_name.contains('*'), "{}", req.file_name);
    effect::run(&ctx, &mut app, Effect::Export(req.clone())).expect("export");
    assert!(d.path().join(&req.file_name).exists());
    // A directory that cannot be written: said on the status line, nothing else happens.
    let bad = Ctx { store: &store, actor: &actor, export_dir: d.path().join("missing/dir") };
    effect::run(&bad, &mut app, Effect::Export(req)).expect("no store error");
    assert!(app.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn p_switches_plans_and_reloads_keep_the_choice() {
    let (d, store, plan, mut app) = setup();
    let actor = fixture::actor("wang");
    let ctx = Ctx { store: &store, actor: &actor, export_dir: d.path().to_path_buf() };
    let effect = app.update(Action::Plans).expect("list plans");
    effect::run(&ctx, &mut app, effect).expect("plans");
    assert!(app.picker.is_none(), "one plan: nothing to choose");
    assert!(app.message.is_some());
    let other = import_second_plan(&store);
    let effect = app.update(Action::Plans).expect("list plans");
    effect::run(&ctx, &mut app, effect).expect("plans");
    let picker = app.picker.as_ref().expect("two plans: a list");
    assert_eq!(picker.options.len(), 2);
    let current = picker.options.iter().position(|o| o.current).expect("current marked");
    assert_eq!(picker.options[current].value, PickValue::Plan(plan.clone()));
    let target = 1 - current;
    while app.picker.as_ref().is_some_and(|p| p.selected != target) {
        app.update(if target > current { Action::Down } else { Action::Up });
    }
    let effect = app.update(Action::Submit).expect("switch");
    assert_eq!(effect, Effect::SwitchPlan(other.clone()));
    effect::run(&ctx, &mut app, effect).expect("switch");
    assert_eq!(app.board.plan.id, other);
    assert_eq!(app.theme, Some(1));
    // Another process writes to the first plan: the reload stays on the chosen one.
    store
        .apply(&plan, &Edit::Add { target: "13.1".into(), delta: 1.0 }, "", &fixture::actor("li"))
        .expect("add");
    effect::reload(&ctx, &mut app).expect("reload");
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
    };
    let mut out = String::from("| keys | does | where |\n|---|---|---|\n");
    for b in keymap::BINDINGS {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.label())).collect();
        let does = yaodian::tui::text::action(Lang::En, b.action);
        let modes: Vec<&str> = b.modes.iter().map(mode_name).collect();
        let modes = if modes.len() >= 5 { "everywhere".to_string() } else { modes.join(", ") };
        out.push_str(&format!("| {} | {does} | {modes} |\n", keys.join(" ")));
    }
    out.push_str("| other characters | type | input line |\n");
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
