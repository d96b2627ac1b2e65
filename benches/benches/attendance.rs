//! Attendance (issue 12, item 13): a partnership with 200 people on its register and 40
//! meetings a year for 5 years (8 of the board's, 32 of its 8 sub-groups', each with its
//! attendance recorded): attendance by agency and person over the last year from the store
//! (what the page, the API and the CLI's report read) and the signed-in attendance page with
//! its chart; and the attendance report (by agency and by person) read, built and rendered as
//! XLSX, ODS and (with the `pdf` feature) PDF, as `boardplan report attendance` makes it.
//! Target: under 20 ms each.

use axum::body::Body;
use axum::http::{Request, header};
use criterion::{Criterion, criterion_group, criterion_main};
use domain::meetings::{Attendance, AttendanceLine};
use domain::{AccessRole, BoardRole, Date, Meeting, MeetingKind, Person};
use http_body_util::BodyExt;
use store::{ImportMode, Source, Stamp, Store, SubgroupChange};
use tower::ServiceExt;

const SAMPLE: &str =
    include_str!("../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");
const SLUG: &str = "kingston-lscb";
const PEOPLE: usize = 200;
/// The board's voting members; the rest take part in sub-groups.
const VOTING: usize = 50;
const YEARS: i16 = 5;
const FIRST_YEAR: i16 = 2009;

fn day(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).expect("date")
}

/// The sample partnership with 200 people, 8 sub-groups of 15 and five years of meetings.
async fn world(dir: &tempfile::TempDir) -> Store {
    let url = dir.path().join("bench.db").display().to_string();
    let store = Store::connect(&url).await.expect("store");
    let imported = formats::plan_text::import(SAMPLE).expect("sample imports");
    let source = Source {
        name: "kingston.txt".into(),
        sha256: formats::sha256_hex(SAMPLE.as_bytes()),
    };
    store
        .import_partnership("bench", &imported.partnership, &source, ImportMode::New)
        .await
        .expect("sample stored");
    let agencies: Vec<String> = imported
        .partnership
        .agencies
        .iter()
        .map(|a| a.name.clone())
        .collect();
    let subgroups: Vec<String> = imported
        .partnership
        .subgroups
        .iter()
        .map(|s| s.name.clone())
        .take(8)
        .collect();
    let names: Vec<String> = (0..PEOPLE).map(|i| format!("Person {i:03}")).collect();
    for (i, name) in names.iter().enumerate() {
        let role = if i < VOTING {
            BoardRole::Member
        } else {
            BoardRole::Participant
        };
        let mut p = Person::new(name, role);
        p.agency = Some(agencies[i % agencies.len()].clone());
        store
            .add_person(SLUG, Stamp::now("bench"), &p)
            .await
            .expect("person");
    }
    let members = |g: usize| -> Vec<String> {
        (0..15)
            .map(|k| names[VOTING + (g * 15 + k) % (PEOPLE - VOTING)].clone())
            .collect()
    };
    for (g, s) in subgroups.iter().enumerate() {
        let c = SubgroupChange {
            add_members: members(g),
            ..SubgroupChange::default()
        };
        store
            .update_subgroup(SLUG, Stamp::now("bench"), s, &c)
            .await
            .expect("members");
    }
    let statuses = [
        Attendance::Present,
        Attendance::Present,
        Attendance::Present,
        Attendance::Apologies,
        Attendance::Absent,
    ];
    let mut lines = Vec::new();
    for y in FIRST_YEAR..FIRST_YEAR + YEARS {
        // Eight board meetings and four of each sub-group's, spread over the year.
        let mut meetings: Vec<(Date, Option<usize>)> = Vec::new();
        for k in 0..8i8 {
            meetings.push((day(y, 4 + k, 10), None));
        }
        for g in 0..subgroups.len() {
            for q in 0..4i8 {
                let g8 = i8::try_from(g).expect("few sub-groups");
                meetings.push((day(y, 4 + q * 2, 12 + g8), Some(g)));
            }
        }
        for (n, (date, g)) in meetings.iter().enumerate() {
            let m = Meeting {
                date: *date,
                kind: if g.is_some() {
                    MeetingKind::Subgroup
                } else {
                    MeetingKind::Board
                },
                subgroup: g.map(|g| subgroups[g].clone()),
            };
            store
                .add_meeting_with(SLUG, Stamp::now("bench"), &m, Some("10:00"), None)
                .await
                .expect("meeting");
            let who: Vec<String> = match g {
                Some(g) => members(*g),
                None => names[..VOTING].to_vec(),
            };
            for (i, person) in who.into_iter().enumerate() {
                lines.push(AttendanceLine {
                    row: lines.len() + 2,
                    date: *date,
                    subgroup: m.subgroup.clone(),
                    person,
                    status: statuses[(i + n) % statuses.len()],
                    deputy: None,
                });
            }
        }
    }
    store
        .import_meeting_attendance(SLUG, Stamp::now("bench"), &lines)
        .await
        .expect("attendance");
    store
}

/// A signed-in business manager's session cookie.
async fn session(store: &Store) -> String {
    let now = jiff::Timestamp::now();
    let id = store
        .create_account(
            "bench",
            SLUG,
            "manager@bench.test",
            "Manager",
            "not-a-real-hash",
            now,
        )
        .await
        .expect("account");
    store
        .grant_membership("bench", id, SLUG, AccessRole::BusinessManager, &[], now)
        .await
        .expect("membership");
    let token = web::auth::token::random();
    let later = now
        .checked_add(jiff::SignedDuration::from_hours(8))
        .expect("time");
    store
        .create_session(id, &web::auth::token::hash(&token), "csrf", now, later)
        .await
        .expect("session");
    format!("bp_session={token}")
}

fn attendance(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = rt.block_on(world(&dir));
    let last = FIRST_YEAR + YEARS - 1;
    let (from, to) = (day(last, 4, 1), day(last + 1, 3, 31));
    let r = rt
        .block_on(store.attendance(SLUG, from, to))
        .expect("attendance");
    assert_eq!(r.tally.meetings, 40, "a year's meetings");
    assert_eq!(r.tally.people.len(), PEOPLE.min(VOTING + 8 * 15));
    let cookie = rt.block_on(session(&store));
    let config = web::WebConfig {
        secure_cookies: false,
        ..web::WebConfig::default()
    };
    let router = web::router(web::AppState::new(store.clone(), config));
    let path = format!("/p/{SLUG}/attendance?from={from}&to={to}");
    let get = |router: axum::Router| {
        let request = Request::get(&path)
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .expect("request");
        async move {
            let response = router.oneshot(request).await.expect("response");
            assert!(response.status().is_success(), "{}", response.status());
            response
                .into_body()
                .collect()
                .await
                .expect("body")
                .to_bytes()
                .len()
        }
    };
    let size = rt.block_on(get(router.clone()));
    assert!(size > 10_000, "a whole page with its chart: {size} bytes");

    let mut group = c.benchmark_group("attendance");
    group.bench_function(
        "attendance over a year: store read and tally (200 people, 200 meetings held)",
        |b| {
            b.iter(|| {
                rt.block_on(store.attendance(SLUG, from, to))
                    .expect("report")
            })
        },
    );
    group.bench_function(
        "attendance page: signed-in GET, store read and HTML with chart",
        |b| b.iter(|| rt.block_on(get(router.clone()))),
    );
    let report = |format: Option<reports::Format>| {
        let read = store::GovernanceRead::Attendance { from, to };
        let (input, _) = rt
            .block_on(store.governance_report_input(SLUG, to, read, jiff::Timestamp::now()))
            .expect("input");
        let report = reports::build(reports::ReportKind::Attendance, &input);
        match format {
            Some(f) => reports::render(&report, f).expect("renders"),
            #[cfg(feature = "pdf")]
            None => reports_pdf::render(&report).expect("a PDF"),
            #[cfg(not(feature = "pdf"))]
            None => Vec::new(),
        }
    };
    for format in [reports::Format::Xlsx, reports::Format::Ods] {
        assert!(
            report(Some(format)).len() > 1_000,
            "a whole {}",
            format.extension()
        );
        group.bench_function(
            format!(
                "attendance report: store read, build and render {}",
                format.extension().to_uppercase()
            ),
            |b| b.iter(|| report(Some(format))),
        );
    }
    #[cfg(feature = "pdf")]
    {
        assert!(report(None).starts_with(b"%PDF"), "a PDF");
        group.bench_function(
            "attendance report: store read, build and render PDF (typst's cache warm)",
            |b| b.iter(|| report(None)),
        );
    }
    group.finish();
}

criterion_group!(benches, attendance);
criterion_main!(benches);
