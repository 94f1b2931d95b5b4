//! The board's screen at scale: a plan of 100k targets (20 themes × 500 items × 10
//! targets, the shape of `benches/scaling.sh`) with 1M updates, generated and bulk-loaded
//! once per run, drawn on ratatui's `TestBackend` at 120×40. The first frame (the read of
//! the store and the first draw), the main view and the dashboard drawn, one `j` (update +
//! redraw) on the first and on the last theme and in the target pane, a write by another
//! operator taken in (the refresh, its outcome and the redraw), and search-as-you-type
//! with pinyin: one keystroke is the app's update (filter) plus the redraw, as the event
//! loop does it. Every iteration starts from the same state.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};
use yaodian::core::edit::Edit;
use yaodian::core::generate::{self, Spec};
use yaodian::core::identity::Actor;
use yaodian::core::store::{OpenOptions, Store};
use yaodian::lang::Lang;
use yaodian::tui::action::Action;
use yaodian::tui::app::{App, Effect};
use yaodian::tui::effect::{self, Ctx};
use yaodian::tui::{self, TuiOptions, view};

const UPDATES: usize = 1_000_000;

fn me() -> Actor {
    Actor { user: "bench".into(), uid: 1000 }
}

/// The day the plan is seen on (fixed, so the statuses are the same whenever this runs).
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
}

/// A store holding a 100k-target plan with 1M updates; its plan id.
fn store_100k(dir: &std::path::Path) -> (Store, String) {
    let path = dir.join("100k.redb");
    let spec = Spec { year: 2026, until: today(), ..Spec::new(20, 500, 10, UPDATES) };
    let plan = generate::plan(&spec).expect("plan");
    let store = Store::open(&path, OpenOptions::default()).expect("create");
    store.bulk_load(&plan, generate::updates(&plan, &spec), &me()).expect("bulk load");
    (store, plan.id)
}

fn opts() -> TuiOptions {
    TuiOptions {
        lang: Lang::Zh,
        ascii: false,
        color: true,
        rich: false,
        demo: false,
        readonly: false,
        today: Some(today()),
        clock: yaodian::core::clock::Clock::System,
        mouse: true,
        first_run: false,
    }
}

/// The app with the whole board read.
fn start(store: &Store, plan: &str) -> App {
    tui::load_app(store, plan, &me(), &opts()).expect("app")
}

/// What the board reads and works out before its first frame, as `tui::run` does it.
fn first(store: &Store, plan: &str) -> App {
    let first = tui::first_app(store, plan, &me(), &opts(), tui::FIRST_FRAME_FROM);
    first.expect("read").unwrap_or_else(|| start(store, plan))
}

/// Where the app stands in the store's history, to refresh from.
fn seen(app: &App) -> yaodian::core::store::LogMark {
    app.mark
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
    (themes_down, depth): (usize, usize),
) {
    for _ in 0..themes_down {
        app.update(Action::Down);
    }
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
    let (store, plan) = store_100k(dir.path());
    let app = start(&store, &plan);
    let themes = app.board.plan.themes.len();

    let mut g = c.benchmark_group("tui");
    g.sample_size(20);
    // Start to first frame: what the board reads and works out before it draws, and the draw.
    g.bench_function("first_frame/100k", |b| {
        b.iter(|| {
            let app = first(&store, &plan);
            let mut t = term();
            draw(&mut t, &app);
            app
        });
    });
    // After the first frame: the whole board read on the store's thread and taken in (what
    // keys typed meanwhile wait for).
    g.bench_function("whole_board_after_first_frame/100k", |b| {
        let ctx = Ctx { store: &store, actor: &me(), export_dir: dir.path().to_path_buf() };
        b.iter_batched(
            || first(&store, &plan),
            |mut app| {
                let outcome = effect::run(&ctx, &plan, Effect::Load).expect("load");
                app.handle(outcome.expect("the board"));
                app
            },
            BatchSize::LargeInput,
        );
    });
    // Themes focused: items and targets of the first theme shown.
    g.bench_function("render_main/100k", |b| {
        let mut t = term();
        b.iter(|| draw(&mut t, &app));
    });
    g.bench_function("render_dashboard/100k", |b| {
        let mut app = app.clone();
        app.update(Action::Dashboard);
        let mut t = term();
        b.iter(|| draw(&mut t, &app));
    });
    // `b`: the behind list opened and drawn (derived when it is shown after a change; at
    // start it is derived with the board). `behind_derive` is that derivation: who
    // reported, staleness, the sorted list.
    g.bench_function("behind_open/100k", |b| {
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
    g.bench_function("behind_derive/100k", |b| {
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
    // One `j` on the theme list: another theme, so the item and target panes change; from
    // the first theme and onto the last one.
    j_and_redraw(&mut g, "j_theme_first_and_redraw/100k", app.clone(), (0, 0));
    j_and_redraw(&mut g, "j_theme_last_and_redraw/100k", app.clone(), (themes - 2, 0));
    // One `j` in the target pane: only the highlight moves.
    j_and_redraw(&mut g, "j_target_and_redraw/100k", app.clone(), (0, 2));
    // Another operator writes one value; the board's next poll takes it in (the refresh on
    // the store's thread, its outcome, the redraw). The write is untimed; it alternates +1
    // and -1 so the board stays as it was.
    g.bench_function("remote_write/100k", |b| {
        let other = Actor { user: "other".into(), uid: 1001 };
        let ctx = Ctx { store: &store, actor: &me(), export_dir: dir.path().to_path_buf() };
        let target = app.board.plan.targets[app.board.plan.targets.len() / 2].id.clone();
        let mut app = app.clone();
        let mut t = term();
        draw(&mut t, &app);
        let mut sign = 1.0;
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                let edit = Edit::Add { target: target.clone(), delta: sign };
                store.apply(&plan, &edit, "", &other).expect("write");
                sign = -sign;
                let t0 = Instant::now();
                let seen = seen(&app);
                let outcome = effect::run(&ctx, &plan, Effect::Refresh { seen }).expect("refresh");
                app.handle(outcome.expect("a change"));
                draw(&mut t, &app);
                timed += t0.elapsed();
            }
            timed
        });
    });
    g.finish();

    // One keystroke of a search: the last character of the query typed into the search
    // line (the app filters the panes on every keystroke), then the redraw.
    let mut g = c.benchmark_group("search_keystroke");
    g.sample_size(20);
    for (name, typed, key) in [
        ("first_letter", "", 'l'), // one letter: only literal matches, most items fail
        ("initials_lqts", "lqt", 's'), // 篮球特色学校 by initials
        ("full_pinyin_lanqiu", "lanqi", 'u'), // 篮球 in full pinyin
        ("chinese_lanqiu", "篮", '球'), // 篮球
        ("department_qzk", "qz", 'k'), // 群众**科, a department
        ("no_match_zzzz", "zzz", 'z'), // nothing matches: everything is scanned
    ] {
        let start = searching(&app, typed);
        g.bench_function(format!("{name}/100k"), |b| {
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
