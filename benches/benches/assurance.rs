//! Section 11 in the store (issue 13, item 10): one cycle's heat map (every agency by every
//! standard, with the comparison with the cycle before) with 30 agencies x 8 standards x 5
//! cycles held (target: under 20 ms). On SQLite, and on PostgreSQL when `TEST_DATABASE_URL`
//! names a server (a database of its own is made for the run and dropped after).
//!
//! `cargo bench -p boardplan-benches --bench assurance`

use criterion::{Criterion, criterion_group, criterion_main};
use domain::assurance::section11::Standard;
use sqlx::Connection;
use store::{AgencyChange, ImportMode, NewCycle, S11Rating, Source, Stamp, Store};

const SAMPLE: &str =
    include_str!("../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");
const SLUG: &str = "kingston-lscb";
const AGENCIES: usize = 30;
const STANDARDS: usize = 8;
const CYCLES: i32 = 5;

/// The sample partnership grown to 30 agencies, with five cycles of every agency's ratings,
/// in the database at `url`.
async fn world(url: &str) -> Store {
    let store = Store::connect(url).await.expect("store");
    let imported = formats::plan_text::import(SAMPLE).expect("sample imports");
    let source = Source {
        name: "kingston.txt".into(),
        sha256: formats::sha256_hex(SAMPLE.as_bytes()),
    };
    store
        .import_partnership("bench", &imported.partnership, &source, ImportMode::New)
        .await
        .expect("sample stored");
    let have = store.agencies(SLUG).await.expect("agencies").len();
    for i in have..AGENCIES {
        store
            .add_agency(
                SLUG,
                Stamp::now("bench"),
                &format!("Agency {i}"),
                &AgencyChange::default(),
            )
            .await
            .expect("agency");
    }
    let agencies = store.agencies(SLUG).await.expect("agencies");
    let standards: Vec<Standard> = (1..=STANDARDS)
        .map(|n| Standard {
            number: n.to_string(),
            title: format!("Standard {n}"),
        })
        .collect();
    let words = ["green", "amber", "red"];
    for (k, year) in (2010..2010 + CYCLES).enumerate() {
        let c = NewCycle {
            year,
            standards: Some(standards.clone()),
            ..NewCycle::default()
        };
        store
            .add_s11_cycle(SLUG, Stamp::now("bench"), &c)
            .await
            .expect("cycle");
        for (a, agency) in agencies.iter().enumerate() {
            for s in &standards {
                let r = S11Rating {
                    agency: agency.name.clone(),
                    standard: s.number.clone(),
                    rating: words[(a + k + s.number.len()) % 3].into(),
                    evidence: Some("Evidence of training records and audits.".into()),
                    signatory: None,
                };
                store
                    .rate_s11(SLUG, Stamp::now("bench"), year, &r)
                    .await
                    .expect("rating");
            }
        }
    }
    store
}

fn bench_backend(c: &mut Criterion, name: &str, store: &Store, rt: &tokio::runtime::Runtime) {
    let last = 2010 + CYCLES - 1;
    let map = rt.block_on(store.s11_map(SLUG, last)).expect("map");
    assert_eq!(map.cells.len(), AGENCIES * STANDARDS);
    assert_eq!(map.compared.len(), AGENCIES * STANDARDS);
    assert!(map.cells.iter().all(|c| c.rating.is_some()));
    c.bench_function(
        &format!("s11 heat map, 30 agencies x 8 standards x 5 cycles ({name})"),
        |b| {
            b.iter(|| rt.block_on(store.s11_map(SLUG, last)).expect("map"));
        },
    );
}

fn heat_map(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let url = dir.path().join("bench.db").display().to_string();
    let store = rt.block_on(world(&url));
    bench_backend(c, "SQLite", &store, &rt);
    rt.block_on(store.close());

    if let Ok(admin) = std::env::var("TEST_DATABASE_URL")
        && admin.starts_with("postgres")
    {
        let name = format!("bp_bench_s11_{}", std::process::id());
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let url = format!("{base}/{name}");
        rt.block_on(admin_sql(&admin, &format!("CREATE DATABASE {name}")));
        let store = rt.block_on(world(&url));
        bench_backend(c, "PostgreSQL", &store, &rt);
        rt.block_on(store.close());
        rt.block_on(admin_sql(&admin, &format!("DROP DATABASE {name}")));
    }
}

async fn admin_sql(url: &str, sql: &str) {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("PostgreSQL");
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut conn)
        .await
        .expect("admin SQL");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = heat_map
}
criterion_main!(benches);
