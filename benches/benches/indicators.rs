//! Indicators in the store (issue 5's targets): the full load of the nine real DfE/ONS files
//! into a fresh SQLite database, read and stored (target: under 2 s); and one indicator page
//! (Kingston's children in need rate, chart included) with all 153 areas × 13 years held —
//! the store read alone, and the whole signed-in request through the web router (target:
//! under 20 ms).

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, header};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use domain::AccessRole;
use http_body_util::BodyExt;
use indicators::{Catalogue, FileContents, read_file};
use store::{ImportMode, IndicatorFormat, IndicatorSource, Source, Store};
use tower::ServiceExt;

const SAMPLE: &str =
    include_str!("../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");
const SLUG: &str = "kingston-lscb";

const FILES: [&str; 9] = [
    "b1_children_in_need_2013_to_2025.csv",
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
    "d3_cpps_subsequent_plan_2013_to_2025.csv",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv",
    "cla_number_and_rate_per_10k_children.csv",
    "csww_indicators_2017_to_2025.csv",
    "ons_mid-year_population_estimates_2012_to_2024.csv",
    "sn_model_2025_wide.csv",
];

fn files() -> Vec<(&'static str, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/realdata");
    FILES
        .iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            (*name, bytes)
        })
        .collect()
}

/// A fresh SQLite store holding the sample partnership.
async fn fresh(dir: &tempfile::TempDir) -> Store {
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
    store
}

/// Read and store every file, as `boardplan pi import` does.
async fn load(store: &Store, files: &[(&str, Vec<u8>)], catalogue: &Catalogue) {
    let now = jiff::Timestamp::now();
    for (name, bytes) in files {
        let (format, contents) = read_file(name, bytes, None, catalogue).expect("reads");
        let source = IndicatorSource {
            file_name: (*name).into(),
            sha256: formats::sha256_hex(bytes),
            format: IndicatorFormat::from(format),
            published_on: None,
        };
        match contents {
            FileContents::Values(values) => store
                .import_indicator_values(SLUG, "bench", &values, &source, now)
                .await
                .expect("stored"),
            FileContents::Neighbours(model) => store
                .import_neighbours(SLUG, "bench", &model, &source, now)
                .await
                .expect("stored"),
        };
    }
}

fn full_load(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let files = files();
    let catalogue = Catalogue::builtin();
    let mut group = c.benchmark_group("indicators");
    group.sample_size(10);
    group.bench_function(
        "load the nine real files into SQLite (read and store)",
        |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().expect("temp dir");
                    let store = rt.block_on(fresh(&dir));
                    (dir, store)
                },
                |(_dir, store)| rt.block_on(load(&store, &files, &catalogue)),
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
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

fn indicator_page(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let catalogue = Catalogue::builtin();
    let store = rt.block_on(async {
        let store = fresh(&dir).await;
        load(&store, &files(), &catalogue).await;
        store
    });
    let cookie = rt.block_on(session(&store));
    let config = web::WebConfig {
        secure_cookies: false,
        ..web::WebConfig::default()
    };
    let router = web::router(web::AppState::new(store.clone(), config));
    let get = |router: axum::Router| {
        let request = Request::get("/p/kingston-lscb/indicators/cin-rate?area=E09000021")
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
    assert!(size > 20_000, "a whole page with its chart: {size} bytes");

    let mut group = c.benchmark_group("indicators");
    group.bench_function(
        "indicator page: store read and assembly (153 areas x 13 years held)",
        |b| {
            b.iter(|| {
                rt.block_on(store.indicator_page(
                    SLUG,
                    &catalogue,
                    "cin-rate",
                    Some("E09000021"),
                    None,
                ))
                .expect("page")
            })
        },
    );
    group.bench_function(
        "indicator page: signed-in GET, store read and HTML with chart",
        |b| b.iter(|| rt.block_on(get(router.clone()))),
    );
    group.finish();
}

criterion_group!(benches, full_load, indicator_page);
criterion_main!(benches);
