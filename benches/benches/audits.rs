//! The summary of a case-file audit of 500 cases (issue #13, item 10; target under 50 ms):
//! each case with two or three of twelve agencies and a grade in each of five practice areas,
//! read from the store and summed by area and agency, with the change since an earlier audit
//! of the same theme (also 500 cases), as `boardplan qa-audit summary` and the audit's page
//! read it. On SQLite, and on PostgreSQL when `TEST_DATABASE_URL` names a server (a database
//! of its own is made for the run and dropped after).
//!
//! `cargo bench -p boardplan-benches --bench audits`

use criterion::{Criterion, criterion_group, criterion_main};
use domain::assurance::audits::{
    Audit, AuditKind, AuditStatus, Case, DEFAULT_AREAS, DEFAULT_SCALE,
};
use sqlx::Connection;
use store::{AgencyChange, ImportMode, Source, Stamp, Store};

const CASES: usize = 500;

/// A store holding two audits of one theme, of `CASES` cases each; the later one's id.
async fn loaded(url: &str) -> (Store, String, i64) {
    let doc = boardplan_benches::plan_document(2, 2);
    let p = formats::plan_text::import(&doc)
        .expect("the plan imports")
        .partnership;
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
    let agencies: Vec<String> = (1..=12).map(|i| format!("Agency {i:02}")).collect();
    for a in &agencies {
        store
            .add_agency(&slug, Stamp::now("bench"), a, &AgencyChange::default())
            .await
            .expect("agency");
    }
    let mut last = 0;
    for year in [2012, 2013] {
        let audit = Audit {
            year,
            theme: "Neglect".into(),
            kind: AuditKind::MultiAgencyCaseFile,
            lead: None,
            starts_on: None,
            ends_on: None,
            status: AuditStatus::Complete,
            reasons: Vec::new(),
            areas: DEFAULT_AREAS.map(String::from).into(),
            scale: DEFAULT_SCALE.map(String::from).into(),
            reaudit_on: None,
        };
        let id = store
            .add_audit(&slug, Stamp::now("bench"), &audit)
            .await
            .expect("audit")
            .id;
        for i in 0..CASES {
            let mut involved = vec![agencies[i % 12].clone(), agencies[(i * 5 + 1) % 12].clone()];
            if i % 3 == 0 {
                involved.push(agencies[(i * 7 + 2) % 12].clone());
            }
            involved.dedup();
            let grades = DEFAULT_AREAS
                .iter()
                .enumerate()
                .map(|(a, area)| {
                    (
                        area.to_string(),
                        DEFAULT_SCALE[(i + a + year as usize) % 4].to_string(),
                    )
                })
                .collect();
            let case = Case {
                reference: format!("C-{year}-{i:03}"),
                agencies: involved,
                grades,
                strengths: Some("Information was shared promptly between agencies.".into()),
                findings: Some("The child's voice was not always recorded.".into()),
            };
            store
                .add_audit_case(&slug, Stamp::now("bench"), id, &case)
                .await
                .expect("case");
        }
        last = id;
    }
    (store, slug, last)
}

fn bench_backend(
    c: &mut Criterion,
    name: &str,
    store: &Store,
    slug: &str,
    id: i64,
    rt: &tokio::runtime::Runtime,
) {
    let s = rt.block_on(store.audit_summary(slug, id)).expect("summary");
    assert_eq!(s.summary.cases as usize, CASES);
    assert_eq!(s.summary.by_agency.len(), 12);
    assert!(s.previous.is_some() && s.change.iter().all(|c| c.points.is_some()));
    c.bench_function(
        &format!("audit summary, {CASES} cases, with the change since the last ({name})"),
        |b| b.iter(|| rt.block_on(store.audit_summary(slug, id)).expect("summary")),
    );
}

fn audits(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = dir.path().join("audits.db").display().to_string();
    let (store, slug, id) = rt.block_on(loaded(&url));
    bench_backend(c, "SQLite", &store, &slug, id, &rt);
    rt.block_on(store.close());

    if let Ok(admin) = std::env::var("TEST_DATABASE_URL")
        && admin.starts_with("postgres")
    {
        let name = format!("bp_bench_audits_{}", std::process::id());
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let url = format!("{base}/{name}");
        rt.block_on(admin_sql(&admin, &format!("CREATE DATABASE {name}")));
        let (store, slug, id) = rt.block_on(loaded(&url));
        bench_backend(c, "PostgreSQL", &store, &slug, id, &rt);
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
    targets = audits
}
criterion_main!(benches);
