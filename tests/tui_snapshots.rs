//! Snapshots of every view and popup on ratatui's TestBackend, at 80x24 and 120x40, with
//! the bundled Chinese plan, "today" fixed at 2023-09-30 and a few recorded values.

#[path = "support/fixture.rs"]
mod fixture;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;
use yaodian::lang::Lang;
use yaodian::tui::action::Action;
use yaodian::tui::app::App;
use yaodian::tui::view;

/// Renders the app and returns the screen as text: one line per row, wide characters
/// once, trailing spaces trimmed; the cursor position last when it is shown.
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| view::render(f, app)).expect("draw");
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
    while app.item.as_deref() != Some("13") {
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
    app.set_history(fixture::pinned_history(&store, &plan, "13.1"));
    both_sizes("detail", &app);
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
    for c in "qzty".chars() {
        app.update(Action::Insert(c));
    }
    both_sizes("search", &app);
}

#[test]
fn too_small() {
    let (_d, _s, _p, app) = setup(Lang::Zh, false);
    insta::assert_snapshot!("too_small_79x24", screen(&app, 79, 24));
    insta::assert_snapshot!("too_small_60x20", screen(&app, 60, 20));
}
