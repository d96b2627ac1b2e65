//! Importing plans: the sample document (target < 5 ms), and a generated plan of
//! 100 objectives × 20 actions read and stored in a fresh SQLite database (target < 100 ms).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use store::{ImportMode, Source, Store};

const SAMPLE: &str =
    include_str!("../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

fn sample(c: &mut Criterion) {
    c.bench_function("parse the sample plan", |b| {
        b.iter(|| formats::plan_text::import(std::hint::black_box(SAMPLE)))
    });
}

fn generated_into_sqlite(c: &mut Criterion) {
    let doc = boardplan_benches::plan_document(100, 20);
    let parsed = formats::plan_text::import(&doc).expect("generated plan imports");
    assert_eq!(parsed.report.counts.actions, 2_000);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let source = Source {
        name: "generated.txt".into(),
        sha256: formats::sha256_hex(doc.as_bytes()),
    };

    c.bench_function("parse and store 2,000 actions in SQLite", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = dir.path().join("bench.db").display().to_string();
                let store = rt.block_on(Store::connect(&url)).expect("store");
                (dir, store)
            },
            |(_dir, store)| {
                let imported = formats::plan_text::import(&doc).expect("imports");
                rt.block_on(store.import_partnership(
                    "bench",
                    &imported.partnership,
                    &source,
                    ImportMode::New,
                ))
                .expect("stored")
            },
            BatchSize::PerIteration,
        )
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = sample, generated_into_sqlite
}
criterion_main!(benches);
