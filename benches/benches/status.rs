//! The status of every action of a plan of 2,000 actions with 100,000 progress updates (50 an
//! action, weekly through 2012-13, and four board meetings): now (target under 10 ms) and as at
//! a past date (target under 50 ms). On SQLite, and on PostgreSQL when `TEST_DATABASE_URL`
//! names a server (a database of its own is made for the run and dropped after).
//!
//! `cargo bench -p boardplan-benches --bench status`

use criterion::{Criterion, criterion_group, criterion_main};
use domain::{Date, Meeting, MeetingKind, Percent, Rag};
use sqlx::Connection;
use store::{ActionKey, DatedUpdate, ImportMode, NewUpdate, Source, Stamp, Store};

const UPDATES_PER_ACTION: usize = 50;
const MEETINGS: [&str; 4] = ["2012-06-20", "2012-09-19", "2012-12-12", "2013-03-20"];
const PAST: &str = "2012-10-15";

/// A store holding the generated plan and its year of updates.
async fn loaded(url: &str) -> (Store, String) {
    let doc = boardplan_benches::plan_document(100, 20);
    let imported = formats::plan_text::import(&doc).expect("the generated plan imports");
    let p = imported.partnership;
    let store = Store::connect(url).await.expect("store");
    let source = Source {
        name: "generated.txt".into(),
        sha256: formats::sha256_hex(doc.as_bytes()),
    };
    let at = "2012-04-01T08:00:00Z".parse().expect("a time");
    store
        .import_partnership_at("bench", &p, &source, ImportMode::New, at)
        .await
        .expect("imported");
    let slug = store::slugify(&p.name);
    let plan = &p.plans[0];
    let actions: Vec<String> = plan.actions().map(|(_, a)| a.id.clone()).collect();
    assert_eq!(actions.len(), 2_000);
    let start: Date = "2012-04-02".parse().expect("a date");
    let days: Vec<Date> = start.series(jiff::ToSpan::days(1)).take(400).collect();
    let mut history = Vec::with_capacity(actions.len() * UPDATES_PER_ACTION);
    for week in 0..UPDATES_PER_ACTION {
        for (j, id) in actions.iter().enumerate() {
            let day = days[week * 7 + j % 7];
            let (h, m, s) = (9 + j / 3600, (j / 60) % 60, j % 60);
            let rag = Rag::ALL[(week + j) % 5];
            history.push(DatedUpdate {
                at: format!("{day}T{h:02}:{m:02}:{s:02}Z")
                    .parse()
                    .expect("a time"),
                action: ActionKey::new(plan.title.clone(), id.clone()),
                update: NewUpdate {
                    rag,
                    percent: Some(Percent::new(((week * 2) % 101) as i64).expect("percent")),
                    narrative: format!("Week {week}: progress on {id} as planned."),
                    as_of: day,
                    evidence: Vec::new(),
                    corrects: None,
                },
            });
        }
    }
    history.sort_by_key(|u| u.at);
    // Load each quarter, then record its board meeting, so the meetings fall among the updates.
    let mut rest = history.as_slice();
    for m in MEETINGS {
        let date: Date = m.parse().expect("a date");
        let split = rest.partition_point(|u| u.update.as_of <= date);
        let (quarter, later) = rest.split_at(split);
        store
            .record_update_history(&slug, "bench", quarter.to_vec())
            .await
            .expect("a quarter of updates");
        let meeting = Meeting {
            date,
            kind: MeetingKind::Board,
            subgroup: None,
        };
        let at = format!("{m}T18:00:00Z").parse().expect("a time");
        store
            .add_meeting(&slug, Stamp::new("bench", at), &meeting)
            .await
            .expect("a meeting");
        rest = later;
    }
    store
        .record_update_history(&slug, "bench", rest.to_vec())
        .await
        .expect("the last updates");
    (store, slug)
}

fn bench_backend(
    c: &mut Criterion,
    name: &str,
    store: &Store,
    slug: &str,
    rt: &tokio::runtime::Runtime,
) {
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let past: Date = PAST.parse().expect("a date");
    let now = rt.block_on(store.status(slug, today)).expect("status now");
    assert_eq!(now.len(), 2_000);
    let then = rt.block_on(store.status(slug, past)).expect("status then");
    assert!(
        then.iter()
            .all(|s| s.last_update.is_some_and(|d| d <= past))
    );
    c.bench_function(
        &format!("status now, 2,000 actions, 100,000 updates ({name})"),
        |b| b.iter(|| rt.block_on(store.status(slug, today)).expect("status")),
    );
    c.bench_function(
        &format!("status as at {PAST}, 2,000 actions, 100,000 updates ({name})"),
        |b| b.iter(|| rt.block_on(store.status(slug, past)).expect("status")),
    );
}

fn status(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = dir.path().join("status.db").display().to_string();
    let started = std::time::Instant::now();
    let (store, slug) = rt.block_on(loaded(&url));
    eprintln!("SQLite: loaded 100,000 updates in {:?}", started.elapsed());
    bench_backend(c, "SQLite", &store, &slug, &rt);
    rt.block_on(store.close());

    if let Ok(admin) = std::env::var("TEST_DATABASE_URL")
        && admin.starts_with("postgres")
    {
        let name = format!("bp_bench_status_{}", std::process::id());
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let url = format!("{base}/{name}");
        rt.block_on(admin_sql(&admin, &format!("CREATE DATABASE {name}")));
        let started = std::time::Instant::now();
        let (store, slug) = rt.block_on(loaded(&url));
        eprintln!(
            "PostgreSQL: loaded 100,000 updates in {:?}",
            started.elapsed()
        );
        bench_backend(c, "PostgreSQL", &store, &slug, &rt);
        rt.block_on(store.close());
        rt.block_on(admin_sql(
            &admin,
            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        ));
    }
}

async fn admin_sql(admin: &str, sql: &str) {
    let mut conn = sqlx::PgConnection::connect(admin)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut conn)
        .await
        .expect("admin statement");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = status
}
criterion_main!(benches);
