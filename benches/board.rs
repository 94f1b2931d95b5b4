//! The board at scale: open + `status` at 100, 10k and 100k targets, each with 1M updates
//! (generated and bulk-loaded once per run), `status --json` and the full evaluation for
//! comparison, and one durable `add` (a write transaction with fsync).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use yaodian::cli::{self, StatusRequest};
use yaodian::core::clock::Clock;
use yaodian::core::edit::Edit;
use yaodian::core::generate::{self, Spec};
use yaodian::core::identity::Actor;
use yaodian::core::pace::{self, Thresholds};
use yaodian::core::store::{OpenOptions, Store};
use yaodian::lang::Lang;

const UPDATES: usize = 1_000_000;

/// (name, themes, items per theme, targets per item)
const SIZES: [(&str, usize, usize, usize); 3] =
    [("100", 2, 5, 10), ("10k", 30, 34, 10), ("100k", 30, 334, 10)];

fn me() -> Actor {
    Actor { user: "bench".into(), uid: 1000 }
}

/// A database of the given shape with 1M updates up to today, in `dir`.
fn database(dir: &Path, name: &str, themes: usize, items: usize, targets: usize) -> PathBuf {
    let path = dir.join(format!("{name}.redb"));
    let today = Clock::System.today();
    use chrono::Datelike;
    let spec =
        Spec { year: today.year(), until: today, ..Spec::new(themes, items, targets, UPDATES) };
    let plan = generate::plan(&spec).expect("plan");
    let store = Store::open(&path, OpenOptions::default()).expect("create");
    store.bulk_load(&plan, generate::updates(&plan, &spec), &me()).expect("bulk load");
    path
}

fn read_only(path: &Path) -> Store {
    Store::open(path, OpenOptions { create: false, readonly: true, ..OpenOptions::default() })
        .expect("open")
}

fn board(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let dbs: Vec<(&str, PathBuf)> =
        SIZES.iter().map(|&(n, t, i, k)| (n, database(dir.path(), n, t, i, k))).collect();

    let mut g = c.benchmark_group("status");
    for (name, path) in &dbs {
        g.bench_function(format!("open_and_status/{name}"), |b| {
            let mut out = Vec::with_capacity(64 * 1024);
            b.iter(|| {
                out.clear();
                let store = read_only(path);
                let plan = store.resolve_plan(None).expect("plan");
                cli::status(
                    &store,
                    &plan,
                    &StatusRequest::default(),
                    &Clock::System,
                    Lang::Zh,
                    &mut out,
                )
                .expect("status");
            });
        });
    }
    g.sample_size(10);
    for (name, path) in &dbs {
        g.bench_function(format!("open_and_status_json/{name}"), |b| {
            let mut out = Vec::with_capacity(1 << 20);
            let json = StatusRequest { json: true, ..StatusRequest::default() };
            b.iter(|| {
                out.clear();
                let store = read_only(path);
                let plan = store.resolve_plan(None).expect("plan");
                cli::status(&store, &plan, &json, &Clock::System, Lang::Zh, &mut out)
                    .expect("status");
            });
        });
        g.bench_function(format!("board_and_evaluate/{name}"), |b| {
            let store = read_only(path);
            let plan = store.resolve_plan(None).expect("plan");
            let today = Clock::System.today();
            b.iter(|| {
                let board = store.board(&plan).expect("board");
                pace::evaluate(&board, today, &Thresholds::default())
            });
        });
    }
    g.finish();

    let mut g = c.benchmark_group("write");
    g.sample_size(30);
    let (_, path) = &dbs[1];
    let store = Store::open(path, OpenOptions::default()).expect("open");
    let plan = store.resolve_plan(None).expect("plan");
    let edit = Edit::Add { target: "13.2".into(), delta: 1.0 };
    g.bench_function("durable_add/10k", |b| {
        b.iter(|| store.apply(&plan, &edit, "", &me()).expect("add"));
    });
    g.bench_function("open_preflight_add/10k", |b| {
        // what `yaodian add` does: a read-only look to refuse bad input, then the write
        b.iter_batched(
            || (),
            |()| {
                let look = read_only(path);
                look.preflight(&plan, &edit, &me()).expect("preflight");
                drop(look);
                let store = Store::open(path, OpenOptions::default()).expect("open");
                store.apply(&plan, &edit, "", &me()).expect("add")
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

criterion_group!(benches, board);
criterion_main!(benches);
