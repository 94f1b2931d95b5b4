//! The board's screen at scale: drawing the main view and the dashboard on ratatui's
//! `TestBackend` at 120×40 with 10k targets (1M updates, generated and bulk-loaded once per
//! run), one `j` (update + redraw), and search-as-you-type with pinyin: one keystroke is the
//! app's update (filter) plus the redraw, as the event loop does it.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};
use yaodian::core::generate::{self, Spec};
use yaodian::core::identity::Actor;
use yaodian::core::store::{OpenOptions, Store};
use yaodian::lang::Lang;
use yaodian::tui::action::Action;
use yaodian::tui::app::App;
use yaodian::tui::{self, TuiOptions, view};

const UPDATES: usize = 1_000_000;

fn me() -> Actor {
    Actor { user: "bench".into(), uid: 1000 }
}

/// The app over a 10k-target plan (30 themes × 34 items × 10 targets) with 1M updates.
fn app_10k(dir: &std::path::Path) -> App {
    let path = dir.join("10k.redb");
    let today = yaodian::core::clock::Clock::System.today();
    use chrono::Datelike;
    let spec = Spec { year: today.year(), until: today, ..Spec::new(30, 34, 10, UPDATES) };
    let plan = generate::plan(&spec).expect("plan");
    let store = Store::open(&path, OpenOptions::default()).expect("create");
    store.bulk_load(&plan, generate::updates(&plan, &spec), &me()).expect("bulk load");
    let opts = TuiOptions {
        lang: Lang::Zh,
        ascii: false,
        color: true,
        rich: false,
        demo: false,
        readonly: false,
        today: Some(today),
        clock: yaodian::core::clock::Clock::System,
        mouse: true,
        first_run: false,
    };
    tui::load_app(&store, &plan.id, &me(), &opts).expect("app")
}

fn term() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).expect("terminal")
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| {
        view::render(f, app);
    })
    .expect("draw");
}

/// The app with the search line open and `typed` in it.
fn searching(app: &App, typed: &str) -> App {
    let mut app = app.clone();
    app.update(Action::Search);
    for c in typed.chars() {
        app.update(Action::Insert(c));
    }
    app
}

/// One `j` and a redraw, after going `depth` panes into the board, always from the same
/// state: each iteration starts where the first did (a `k` and a redraw, untimed, put the
/// selection and the terminal's last frame back), so the figure is that of one position and
/// does not drift down the list between criterion's runs.
fn j_and_redraw(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    mut app: App,
    depth: usize,
) {
    for _ in 0..depth {
        app.update(Action::Into);
    }
    let at = |app: &App| (app.theme_index(), app.item_index(), app.target_index());
    let start = at(&app);
    g.bench_function(name, |b| {
        let mut t = term();
        draw(&mut t, &app);
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                let t0 = Instant::now();
                app.update(Action::Down);
                draw(&mut t, &app);
                timed += t0.elapsed();
                app.update(Action::Up);
                draw(&mut t, &app);
            }
            timed
        });
    });
    assert_eq!(at(&app), start, "{name}: the selection came back where it started");
}

fn screens(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = app_10k(dir.path());

    let mut g = c.benchmark_group("tui");
    // Themes focused: items and targets of the first theme shown.
    g.bench_function("render_main/10k", |b| {
        let mut t = term();
        b.iter(|| draw(&mut t, &app));
    });
    g.bench_function("render_dashboard/10k", |b| {
        let mut app = app.clone();
        app.update(Action::Dashboard);
        let mut t = term();
        b.iter(|| draw(&mut t, &app));
    });
    // `b`: the behind list opened and drawn (its lines are derived with every read of the
    // board; `behind_derive` is that derivation: who reported, staleness, the sorted list).
    g.bench_function("behind_open/10k", |b| {
        let mut t = term();
        draw(&mut t, &app);
        b.iter_batched(
            || app.clone(),
            |mut app| {
                app.update(Action::Behind);
                draw(&mut t, &app);
                app
            },
            BatchSize::LargeInput,
        );
    });
    g.bench_function("behind_derive/10k", |b| {
        let settings = app.cycle.settings;
        let latest = app.cycle.latest.clone();
        b.iter_batched(
            || app.clone(),
            |mut app| {
                app.set_cycle(settings, latest.clone());
                app
            },
            BatchSize::LargeInput,
        );
    });
    // One `j` on the theme list: another theme, so the item and target panes change.
    j_and_redraw(&mut g, "j_theme_and_redraw/10k", app.clone(), 0);
    // One `j` in the target pane: only the highlight moves.
    j_and_redraw(&mut g, "j_target_and_redraw/10k", app.clone(), 2);
    g.finish();

    // One keystroke of a search: the last character of the query typed into the search
    // line (the app filters the panes on every keystroke), then the redraw.
    let mut g = c.benchmark_group("search_keystroke");
    for (name, typed, key) in [
        ("first_letter", "", 'l'), // one letter: only literal matches, most items fail
        ("initials_lqts", "lqt", 's'), // 篮球特色学校 by initials
        ("full_pinyin_lanqiu", "lanqi", 'u'), // 篮球 in full pinyin
        ("chinese_lanqiu", "篮", '球'), // 篮球
        ("department_qzk", "qz", 'k'), // 群众**科, a department
        ("no_match_zzzz", "zzz", 'z'), // nothing matches: everything is scanned
    ] {
        let start = searching(&app, typed);
        g.bench_function(format!("{name}/10k"), |b| {
            let mut t = term();
            draw(&mut t, &start);
            b.iter_batched(
                || start.clone(),
                |mut app| {
                    app.update(Action::Insert(key));
                    draw(&mut t, &app);
                    app
                },
                BatchSize::LargeInput,
            );
        });
    }
    g.finish();
}

criterion_group!(benches, screens);
criterion_main!(benches);
