//! Import: the bundled plan and a generated 10k-target plan text in the same genre, parsed
//! alone and parsed + stored in a fresh database (one durable write transaction).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yaodian::cli::BUNDLED_PLAN;
use yaodian::core::generate::{self, Spec};
use yaodian::core::identity::Actor;
use yaodian::core::import::{self, ImportOptions};
use yaodian::core::store::{OpenOptions, Store};

fn import(c: &mut Criterion) {
    let big = generate::plan_text(&Spec::new(30, 34, 10, 0));
    let me = Actor { user: "bench".into(), uid: 1000 };
    let mut g = c.benchmark_group("import");
    for (name, text) in [("bundled", BUNDLED_PLAN), ("10k_targets", big.as_str())] {
        g.sample_size(if name == "bundled" { 100 } else { 10 });
        g.bench_function(format!("parse/{name}"), |b| {
            b.iter(|| import::parse(black_box(text), &ImportOptions::default()).expect("parse"));
        });
        g.bench_function(format!("parse_and_store/{name}"), |b| {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut n = 0;
            b.iter(|| {
                n += 1;
                let store =
                    Store::open(&dir.path().join(format!("{n}.redb")), OpenOptions::default())
                        .expect("open");
                let plan = import::parse(text, &ImportOptions::default()).expect("parse").plan;
                store.import(&plan, false, &me).expect("import");
            });
        });
    }
    g.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
