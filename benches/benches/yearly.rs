//! The yearly report (issue #14, item 8): the demo's yearly report as PDF (target under 1 s),
//! and a board with 2,000 actions, 200 audits and 500 training sessions (target under 5 s).
//!
//! The demo: the sample plan with a year of believable progress and the sample indicators,
//! and the sample yearly part (`reports::yearly::sample`: 40 sessions with evaluations, two
//! case reviews, engagement, funding); built and rendered, as the reports bench measures the
//! annual report. The large board is read from a store (SQLite), as `boardplan report yearly`
//! reads it: the generated plan of 2,000 actions (as the reports bench and `demo --size`
//! generate it), 200 audits of three cases each over ten themes, and 500 sessions of ten
//! courses with attendance from five agencies; measured from reading the input to the PDF's
//! bytes.
//!
//! `cargo bench -p boardplan-benches --bench yearly`

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use domain::assurance::audits::{
    Audit, AuditKind, AuditStatus, Case, DEFAULT_AREAS, DEFAULT_SCALE,
};
use domain::learning::training::{Attendance, Course, Session};
use reports::yearly::{Framework, sample};
use reports::{ReportInput, ReportKind};
use store::{AgencyChange, AssuranceAsk, ImportMode, ImportRow, Source, Stamp, Store};

const SAMPLE: &str =
    include_str!("../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

fn demo_input() -> ReportInput {
    let imported = formats::plan_text::import(SAMPLE).expect("the plan imports");
    let mut input = reports::sample::input(
        imported.partnership,
        0,
        "2010-03-31".parse().expect("a date"),
        "2013-04-01T09:00:00Z".parse().expect("a timestamp"),
    );
    input.yearly = Some(sample::yearly(2009, Framework::WorkingTogether, 40));
    input
}

fn demo(c: &mut Criterion) {
    let input = demo_input();
    let mut group = c.benchmark_group("yearly report of the demo");
    group.bench_function("build and render PDF, typst's cache cleared first", |b| {
        b.iter_batched(
            reports_pdf::clear_cache,
            |()| {
                let report = reports::build(ReportKind::Yearly, std::hint::black_box(&input));
                reports_pdf::render(&report).expect("a PDF")
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// A store holding the generated plan of 2,000 actions, 200 audits and 500 sessions.
async fn large(url: &str) -> (Store, String) {
    let doc = boardplan_benches::plan_document(100, 20);
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
    let agencies: Vec<String> = (1..=5).map(|i| format!("Agency {i}")).collect();
    for a in &agencies {
        store
            .add_agency(&slug, Stamp::now("bench"), a, &AgencyChange::default())
            .await
            .expect("agency");
    }
    for n in 0..200 {
        let audit = Audit {
            year: 2012,
            theme: format!("Theme {}", n % 10),
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
        for i in 0..3 {
            let case = Case {
                reference: format!("C-{n:03}-{i}"),
                agencies: vec![agencies[(n + i) % 5].clone()],
                grades: DEFAULT_AREAS
                    .iter()
                    .enumerate()
                    .map(|(a, area)| (area.to_string(), DEFAULT_SCALE[(n + i + a) % 4].to_string()))
                    .collect(),
                strengths: None,
                findings: Some("The child's voice was not always recorded.".into()),
            };
            store
                .add_audit_case(&slug, Stamp::now("bench"), id, &case)
                .await
                .expect("case");
        }
    }
    let mut courses = Vec::new();
    for n in 1..=10 {
        let c = Course {
            title: format!("Course {n}"),
            level: "2".into(),
            priorities: vec![n.to_string()],
            actions: vec![],
        };
        courses.push(
            store
                .add_training_course(&slug, Stamp::now("bench"), &c)
                .await
                .expect("course")
                .id,
        );
    }
    let first: jiff::civil::Date = "2012-04-02".parse().expect("a date");
    let mut rows = Vec::new();
    for n in 0..500 {
        let s = Session {
            held_on: first
                .checked_add(jiff::Span::new().days(n % 360))
                .expect("a day"),
            trainer: "Board trainer".into(),
            places: 20,
        };
        let id = store
            .add_training_session(&slug, Stamp::now("bench"), courses[n as usize % 10], &s)
            .await
            .expect("session")
            .id;
        for a in &agencies {
            rows.push(ImportRow {
                row: rows.len() + 2,
                item: Attendance {
                    session: id,
                    agency: a.clone(),
                    role: "Practitioner".into(),
                    count: 3,
                },
            });
        }
    }
    store
        .import_attendance(&slug, Stamp::now("bench"), &rows)
        .await
        .expect("attendance");
    (store, slug)
}

fn board(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = dir.path().join("yearly.db").display().to_string();
    let (store, slug) = rt.block_on(large(&url));
    let today: jiff::civil::Date = "2013-06-01".parse().expect("a date");
    let read = || {
        rt.block_on(store.yearly_report_input(
            &slug,
            "2012-13",
            Framework::WorkingTogether,
            today,
            &AssuranceAsk::everything(),
            "2013-06-01T09:00:00Z".parse().expect("a timestamp"),
        ))
        .expect("read")
        .expect("a plan")
    };
    let input = read();
    assert_eq!(input.plan().actions().count(), 2_000);
    assert_eq!(input.assurance.audits.len(), 200);
    let y = input.yearly.as_ref().expect("the yearly part");
    assert_eq!(y.training.as_ref().expect("training").total.sessions, 500);
    let mut group = c.benchmark_group("yearly report of 2,000 actions, 200 audits, 500 sessions");
    group.bench_function(
        "read from SQLite, build and render PDF, typst's cache cleared first",
        |b| {
            b.iter_batched(
                reports_pdf::clear_cache,
                |()| {
                    let input = read();
                    let report = reports::build(ReportKind::Yearly, &input);
                    reports_pdf::render(&report).expect("a PDF")
                },
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
    rt.block_on(store.close());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = demo, board
}
criterion_main!(benches);
