//! Snapshots of every view and popup on ratatui's TestBackend, at 80x24 and 120x40, with
//! the bundled Chinese plan, "today" fixed at 2023-09-30 and a few recorded values.

#[path = "support/fixture.rs"]
mod fixture;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;
use yaodian::lang::Lang;
use yaodian::tui::action::Action;
use yaodian::tui::app::{App, Outcome};
use yaodian::tui::view;

/// Renders the app and returns the screen as text: one line per row, wide characters
/// once, trailing spaces trimmed; the cursor position last when it is shown.
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| {
        view::render(f, app);
    })
    .expect("draw");
    let backend = term.backend();
    let cursor = backend.cursor_visible().then(|| backend.cursor_position());
    let buf = backend.buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if let Some(c) = cursor {
        out.push_str(&format!("cursor: x={} y={}\n", c.x, c.y));
    }
    out
}

fn setup(lang: Lang, ascii: bool) -> (tempfile::TempDir, yaodian::core::store::Store, String, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, plan) = fixture::create_db(&dir.path().join("t.redb"));
    fixture::record_values(&store, &plan);
    let app = fixture::app(&store, &plan, fixture::look(lang, ascii));
    (dir, store, plan, app)
}

/// Walks to theme 四, item 13, its target pane.
fn to_item_13(app: &mut App) {
    for a in [Action::Down, Action::Down, Action::Down, Action::Into] {
        app.update(a);
    }
    while app.sel.item.as_deref() != Some("13") {
        app.update(Action::Down);
    }
    app.update(Action::Into);
}

fn both_sizes(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

#[test]
fn main_view() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    both_sizes("main_themes", &app);
    to_item_13(&mut app);
    both_sizes("main_targets", &app);
}

#[test]
fn main_view_ascii_and_english() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, true);
    to_item_13(&mut app);
    both_sizes("main_ascii", &app);
    let (_d, _s, _p, mut app) = setup(Lang::En, false);
    to_item_13(&mut app);
    both_sizes("main_en", &app);
}

#[test]
fn detail_view() {
    let (_d, store, plan, mut app) = setup(Lang::Zh, false);
    to_item_13(&mut app);
    app.update(Action::Into);
    let updates = fixture::pinned_history(&store, &plan, "13.1");
    app.handle(Outcome::History { target: "13.1".into(), updates });
    both_sizes("detail", &app);
}

/// A long note in the history wraps under its column instead of being cut.
#[test]
fn detail_view_wraps_a_long_note() {
    let (_d, store, plan, mut app) = setup(Lang::Zh, false);
    to_item_13(&mut app);
    app.update(Action::Into);
    let mut updates = fixture::pinned_history(&store, &plan, "13.1");
    let last = updates.last_mut().expect("an update");
    last.note =
        "莱山区新增6处，芝罘区新增4处，福山区完成选址并进入施工招标，预计十月底前全部完工".into();
    app.handle(Outcome::History { target: "13.1".into(), updates });
    insta::assert_snapshot!("detail_long_note_80x24", screen(&app, 80, 24));
}

#[test]
fn dashboard_view() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.update(Action::Dashboard);
    both_sizes("dashboard", &app);
}

#[test]
fn help_popup() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.update(Action::Help);
    both_sizes("help", &app);
}

#[test]
fn input_line_with_error() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    to_item_13(&mut app);
    app.update(Action::SetValue);
    for c in "6.5".chars() {
        app.update(Action::Insert(c));
    }
    both_sizes("input_error", &app);
}

#[test]
fn note_input_with_chinese_text() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    to_item_13(&mut app);
    app.update(Action::EditNote);
    for c in "已完成选址".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::CursorLeft);
    insta::assert_snapshot!("note_input_80x24", screen(&app, 80, 24));
}

#[test]
fn search_by_pinyin() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.update(Action::Search);
    for c in "qzk".chars() {
        app.update(Action::Insert(c));
    }
    both_sizes("search", &app);
}

/// The screen, then each run of characters marked as a search match (magenta), by row.
fn screen_with_matches(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| {
        view::render(f, app);
    })
    .expect("draw");
    let buf = term.backend().buffer().clone();
    let mut out = screen(app, w, h);
    out.push_str("matches:\n");
    for y in 0..h {
        let mut runs: Vec<String> = Vec::new();
        let mut open = false;
        let mut skip = 0;
        for x in 0..w {
            // The second cell of a wide character belongs to the first.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            skip = UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            // the match style: coloured and underlined (a stale mark is coloured only)
            let hit = cell.fg == ratatui::style::Color::Magenta
                && cell.modifier.contains(ratatui::style::Modifier::UNDERLINED);
            if hit {
                if !open {
                    runs.push(String::new());
                }
                runs.last_mut().expect("a run").push_str(cell.symbol());
            }
            open = hit;
        }
        if !runs.is_empty() {
            out.push_str(&format!("  row {y}: {}\n", runs.join(" | ")));
        }
    }
    out
}

#[test]
fn search_marks_what_matched_in_the_rows() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.update(Action::Search);
    for c in "场地".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::Submit);
    insta::assert_snapshot!("search_marks_80x24", screen_with_matches(&app, 80, 24));
    insta::assert_snapshot!("search_marks_120x40", screen_with_matches(&app, 120, 40));
}

#[test]
fn department_list_typed_to_narrow() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.update(Action::DeptFilter);
    both_sizes("dept_list", &app);
    for c in "qz".chars() {
        app.update(Action::Insert(c));
    }
    both_sizes("dept_list_typed", &app);
}

#[test]
fn board_sorted_worst_first() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    to_item_13(&mut app);
    app.update(Action::Back);
    app.update(Action::Order);
    both_sizes("sorted_worst", &app);
}

#[test]
fn too_small() {
    let (_d, _s, _p, app) = setup(Lang::Zh, false);
    insta::assert_snapshot!("too_small_79x24", screen(&app, 79, 24));
    insta::assert_snapshot!("too_small_60x20", screen(&app, 60, 20));
}

#[test]
fn item_status_list() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.update(Action::Into);
    app.update(Action::ItemStatus);
    app.update(Action::Down);
    both_sizes("item_status_list", &app);
}

#[test]
fn item_with_a_manual_status() {
    let (_d, store, plan, _) = setup(Lang::Zh, false);
    let edit = yaodian::core::edit::Edit::ItemStatus {
        item: "1".into(),
        status: Some(yaodian::core::model::Status::AtRisk),
    };
    store.apply(&plan, &edit, "", &fixture::actor("wang")).expect("status");
    let mut app = fixture::app(&store, &plan, fixture::look(Lang::Zh, false));
    app.update(Action::Into);
    both_sizes("item_manual_status", &app);
}

/// The deadline-style plan: theme 四 states a target of its own (`t4.1` 覆盖率 90 %).
fn deadline_plan(lang: Lang) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = yaodian::core::store::Store::open(
        &dir.path().join("t.redb"),
        yaodian::core::store::OpenOptions::default(),
    )
    .expect("open");
    let imported = yaodian::core::import::parse(
        include_str!("data/deadline-style-plan.txt"),
        &yaodian::core::import::ImportOptions::default(),
    )
    .expect("parse");
    store.import(&imported.plan, false, &fixture::actor("admin")).expect("import");
    let mut app = fixture::app(&store, &imported.plan.id, fixture::look(lang, false));
    app.set_today(chrono::NaiveDate::from_ymd_opt(2025, 5, 20).expect("date"));
    (dir, app)
}

#[test]
fn theme_level_targets() {
    let (_d, mut app) = deadline_plan(Lang::Zh);
    for a in [Action::Down, Action::Down, Action::Down, Action::Into, Action::Into] {
        app.update(a);
    }
    both_sizes("theme_targets", &app);
    app.update(Action::Into);
    insta::assert_snapshot!("theme_target_detail_80x24", screen(&app, 80, 24));
}

#[test]
fn plan_list() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    let plans = vec![
        yaodian::core::store::PlanSummary {
            id: "2023".into(),
            title: "市体育局2023年工作要点".into(),
            year: 2023,
            imported_at: 0,
            items: 21,
            targets: 30,
        },
        yaodian::core::store::PlanSummary {
            id: "2025".into(),
            title: "某市体育局2025年重点工作目标".into(),
            year: 2025,
            imported_at: 1,
            items: 9,
            targets: 12,
        },
    ];
    app.handle(Outcome::Plans(plans));
    app.update(Action::Down);
    both_sizes("plan_list", &app);
}

#[test]
fn export_status_line() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.handle(Outcome::Exported(Ok("/home/wang/台账-2023-2023-09-30.xlsx".into())));
    insta::assert_snapshot!("export_line_80x24", screen(&app, 80, 24));
}

/// Walks to target 13.1 and asks to turn it into a milestone (goal and unit cleared).
fn kind_change(lang: Lang) -> (tempfile::TempDir, App) {
    let (d, _s, _p, mut app) = setup(lang, false);
    to_item_13(&mut app);
    app.update(Action::EditTarget);
    app.update(Action::DeleteToStart);
    for c in "新建公共体育场地设施".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::Submit);
    assert!(app.confirm().is_some());
    (d, app)
}

#[test]
fn kind_change_confirmation() {
    let (_d, app) = kind_change(Lang::Zh);
    both_sizes("kind_change", &app);
    let (_d, app) = kind_change(Lang::En);
    insta::assert_snapshot!("kind_change_en_80x24", screen(&app, 80, 24));
}

/// Whether the screen shows `word` on the line with `head`, or on the line after it.
fn word_by(screen: &str, head: &str, word: &str) -> bool {
    let lines: Vec<&str> = screen.lines().collect();
    lines.iter().enumerate().any(|(i, l)| {
        l.contains(head) && (l.contains(word) || lines.get(i + 1).is_some_and(|n| n.contains(word)))
    })
}

#[test]
fn without_colour_every_status_the_board_colours_is_also_a_word() {
    use yaodian::core::pace::overview;
    use yaodian::tui::text;
    for lang in [Lang::Zh, Lang::En] {
        let (_d, store, plan, _) = setup(lang, false);
        // Theme 一 has no targets: the status its first item was given is its only status.
        let edit = yaodian::core::edit::Edit::ItemStatus {
            item: "1".into(),
            status: Some(yaodian::core::model::Status::AtRisk),
        };
        store.apply(&plan, &edit, "", &fixture::actor("wang")).expect("status");
        let mut look = fixture::look(lang, false);
        look.color = false;
        let mut app = fixture::app(&store, &plan, look);
        for (w, h) in [(80, 24), (120, 40)] {
            let s = screen(&app, w, h);
            for (i, theme) in app.board.plan.themes.iter().enumerate() {
                let Some(status) = app.eval.themes[i].status else { continue };
                let head: String = theme.title.chars().take(4).collect();
                let word = text::status(lang, status);
                assert!(word_by(&s, &head, word), "{lang:?} {w}x{h}: theme {head} {word}\n{s}");
            }
        }
        // The dashboard's lists mix statuses: each row says its own.
        app.set_today(chrono::NaiveDate::from_ymd_opt(2023, 12, 10).expect("date"));
        app.update(Action::Dashboard);
        let s = screen(&app, 120, 40);
        let soon = overview::due_within(&app.eval, app.today, 30);
        assert!(!soon.is_empty());
        for &t in soon.iter().take(5) {
            let id = &app.board.plan.targets[t].id;
            let word = text::status_short(lang, app.eval.targets[t].status);
            assert!(word_by(&s, &format!("{id} "), word), "{lang:?}: {id} {word}\n{s}");
        }
    }
}

/// A plan of lower-is-better, level, 左右, range and relative targets (tests/data/
/// direction-plan.txt) with values recorded; 3.2 (下降1个百分点) has none.
fn direction_plan(
    lang: Lang,
    ascii: bool,
) -> (tempfile::TempDir, App, Vec<yaodian::core::model::Update>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = yaodian::core::store::Store::open(
        &dir.path().join("t.redb"),
        yaodian::core::store::OpenOptions::default(),
    )
    .expect("open");
    store.set_clock(fixture::clock());
    let imported = yaodian::core::import::parse(
        include_str!("data/direction-plan.txt"),
        &yaodian::core::import::ImportOptions::default(),
    )
    .expect("parse");
    let plan = imported.plan.id.clone();
    store.import(&imported.plan, false, &fixture::actor("admin")).expect("import");
    let wang = fixture::actor("wang");
    for (id, v) in [
        ("1.1", 10.4),
        ("1.1", 9.9),
        ("1.2", 4.8),
        ("1.3", 82.1),
        ("2.1", 29.0),
        ("2.2", 97.0),
        ("3.1", 0.52),
        ("3.3", 2.0),
    ] {
        let edit = yaodian::core::edit::Edit::Set { target: id.into(), value: v };
        store.apply(&plan, &edit, "", &wang).expect("set");
    }
    let mut app = fixture::app(&store, &plan, fixture::look(lang, ascii));
    if ascii {
        app.update(Action::Down);
    }
    app.update(Action::Into);
    app.update(Action::Into);
    let history = fixture::pinned_history(&store, &plan, "1.1");
    (dir, app, history)
}

#[test]
fn down_level_range_and_relative_targets() {
    // Theme 一, item 1: ↓ and ≤ for the ceilings, a level; Unicode symbols.
    let (_d, mut app, history) = direction_plan(Lang::Zh, false);
    both_sizes("direction_targets", &app);
    // The detail of 1.1: ≤9.3 from its stated start 10.5, the chart around the values.
    app.update(Action::Into);
    app.handle(Outcome::History { target: "1.1".into(), updates: history });
    both_sizes("direction_detail", &app);
    // Item 2 (约, a range) in English.
    let (_d, mut app, _) = direction_plan(Lang::En, false);
    app.update(Action::Back);
    app.update(Action::Down);
    app.update(Action::Into);
    insta::assert_snapshot!("direction_about_range_en_80x24", screen(&app, 80, 24));
    // Theme 二, item 3 in ASCII: no arrow, `<=`, a decrease waiting for its start.
    let (_d, app, _) = direction_plan(Lang::Zh, true);
    insta::assert_snapshot!("direction_relative_ascii_80x24", screen(&app, 80, 24));
}

#[test]
fn behind_list_and_a_stale_target() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.update(Action::Behind);
    both_sizes("behind_list", &app);
    // the first line of the stale section, opened on the board: its row says 久未更新
    let stale_at = app.cycle.behind.behind.len();
    for _ in 0..stale_at {
        app.update(Action::Down);
    }
    app.update(Action::Into);
    both_sizes("stale_target", &app);
}

#[test]
fn an_ended_plan_says_so() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    // a fixed day two years after the plan (the board never reads the wall clock)
    app.set_today(chrono::NaiveDate::from_ymd_opt(2025, 3, 15).expect("date"));
    both_sizes("ended_plan", &app);
}

#[test]
fn dashboard_with_the_reports_panel_selected() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.update(Action::Dashboard);
    app.update(Action::NextPane);
    app.update(Action::NextPane);
    app.update(Action::Down);
    both_sizes("dashboard_reported", &app);
}

/// `f` offers 久未更新 beside the statuses; chosen, the board keeps what is stale.
#[test]
fn status_filter_with_stale() {
    let (_d, _s, _p, mut app) = setup(Lang::Zh, false);
    app.update(Action::StatusFilter);
    // the list opens on 全部, the filter in force; 久未更新 is just above it
    app.update(Action::Up);
    both_sizes("status_filter_stale", &app);
    app.update(Action::Submit);
    assert_eq!(app.filters.status, yaodian::tui::app::StatusFilter::Stale);
    app.update(Action::Into);
    both_sizes("filtered_stale", &app);
}

/// A target added on the fixed day (2023-09-30) is paced from that day: 正常, and its
/// detail says when it was added.
#[test]
fn a_target_added_mid_year() {
    let (_d, store, plan, _) = setup(Lang::Zh, false);
    let board = store.board(&plan).expect("board");
    let mut t = board.plan.targets[board.target_index("13.1").expect("13.1")].clone();
    (t.id, t.name, t.goal, t.source, t.line) =
        ("13.9".into(), "新增口袋公园".into(), 20.0, String::new(), 0);
    store
        .apply(
            &plan,
            &yaodian::core::edit::Edit::PutTarget(Box::new(t)),
            "",
            &fixture::actor("admin"),
        )
        .expect("add");
    let mut app = fixture::app(&store, &plan, fixture::look(Lang::Zh, false));
    to_item_13(&mut app);
    for _ in 0..8 {
        if app.sel.target.as_deref() == Some("13.9") {
            break;
        }
        app.update(Action::Down);
    }
    assert_eq!(app.sel.target.as_deref(), Some("13.9"));
    let k = app.board.target_index("13.9").expect("added");
    assert_eq!(app.eval.targets[k].status, yaodian::core::model::Status::OnTrack);
    both_sizes("mid_year_target", &app);
    app.update(Action::Into);
    let updates = fixture::pinned_history(&store, &plan, "13.9");
    app.handle(Outcome::History { target: "13.9".into(), updates });
    both_sizes("mid_year_target_detail", &app);
}

/// Tab moves into the detail view's history, Enter opens a row in full (its note wrapped).
#[test]
fn a_history_row_opened() {
    let (_d, store, plan, mut app) = setup(Lang::Zh, false);
    to_item_13(&mut app);
    app.update(Action::Into);
    let mut updates = fixture::pinned_history(&store, &plan, "13.1");
    updates[0].note = "上半年：莱山区新增6处，芝罘区新增4处，福山区完成选址并进入施工招标，\
                       牟平区两处因用地调整顺延，预计十月底前全部完工并组织验收"
        .into();
    app.handle(Outcome::History { target: "13.1".into(), updates });
    app.update(Action::History);
    app.update(Action::Bottom);
    both_sizes("history_selected", &app);
    app.update(Action::OpenEntry);
    both_sizes("history_entry", &app);
    app.update(Action::Back);
    assert_eq!(app.overlay, yaodian::tui::app::Overlay::None);
    assert!(app.hist_sel.is_some(), "still in the history");
    app.update(Action::Back);
    assert!(app.hist_sel.is_none(), "Esc leaves the history first");
}
