//! Indicators in the store, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL: the nine real
//! DfE/ONS files load and read back exactly, the same file twice adds nothing, a revised value
//! is kept with both values and dates, a refused file writes nothing, and targets and
//! commentary are kept and logged.

#[allow(dead_code)]
use crate::common;

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::common::{fresh_store, kingston, source};
use indicators::{
    AreaCode, Catalogue, Commentary, Coverage, ImportedValues, IndicatorCode, Period,
    StatNeighbours, Target, Value, ValueStatus, import_dfe, import_long,
};
use jiff::civil::date;
use store::{
    AreaScope, ImportMode, IndicatorFormat, IndicatorImportOutcome, IndicatorQuery,
    IndicatorSettings, IndicatorSource, Store, StoreError, TargetOutcome,
};

const KINGSTON: &str = "E09000021";
const HACKNEY: &str = "E09000012";
const BCP: &str = "E06000058";
const JOINT: &str = "E09000021 / E09000027";

const VALUE_FILES: [&str; 8] = [
    "b1_children_in_need_2013_to_2025.csv",
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
    "d3_cpps_subsequent_plan_2013_to_2025.csv",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv",
    "cla_number_and_rate_per_10k_children.csv",
    "csww_indicators_2017_to_2025.csv",
    "ons_mid-year_population_estimates_2012_to_2024.csv",
];
const NEIGHBOURS: &str = "sn_model_2025_wide.csv";

fn read(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/realdata")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(Catalogue::builtin)
}

/// The eight value files as the importer reads them, once per test binary.
fn parsed() -> &'static Vec<ImportedValues> {
    static PARSED: OnceLock<Vec<ImportedValues>> = OnceLock::new();
    PARSED.get_or_init(|| {
        VALUE_FILES
            .iter()
            .map(|name| import_dfe(name, &read(name), catalogue()).unwrap())
            .collect()
    })
}

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

fn src(name: &str, bytes: &[u8], format: IndicatorFormat, on: Option<&str>) -> IndicatorSource {
    IndicatorSource {
        file_name: name.into(),
        sha256: sha(bytes),
        format,
        published_on: on.map(|d| d.parse().unwrap()),
    }
}

fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}

/// A store holding the sample partnership, and its slug.
async fn with_partnership() -> (Store, common::Guard, String) {
    let (store, guard) = fresh_store().await;
    store
        .import_partnership(
            "test",
            &kingston(),
            &source("k.json", "k1"),
            ImportMode::New,
        )
        .await
        .unwrap();
    let slug = store.partnerships().await.unwrap()[0].slug.clone();
    (store, guard, slug)
}

async fn load_all(store: &Store, slug: &str) {
    for (name, imported) in VALUE_FILES.iter().zip(parsed()) {
        let bytes = read(name);
        let outcome = store
            .import_indicator_values(
                slug,
                "test",
                imported,
                &src(name, &bytes, IndicatorFormat::Dfe, None),
                now(),
            )
            .await
            .unwrap();
        assert!(
            matches!(outcome, IndicatorImportOutcome::Imported { added, .. } if added == imported.values.len()),
            "{name}: {outcome:?}"
        );
    }
    let bytes = read(NEIGHBOURS);
    let model = StatNeighbours::from_csv(NEIGHBOURS, &bytes).unwrap();
    store
        .import_neighbours(
            slug,
            "test",
            &model,
            &src(NEIGHBOURS, &bytes, IndicatorFormat::Neighbours, None),
            now(),
        )
        .await
        .unwrap();
}

fn all(indicators: &[&str]) -> IndicatorQuery {
    IndicatorQuery {
        indicators: indicators
            .iter()
            .map(|c| IndicatorCode::new(c).unwrap())
            .collect(),
        scope: AreaScope::All,
        as_at: None,
    }
}

fn sorted(mut values: Vec<Value>) -> Vec<Value> {
    values.sort_by(|a, b| {
        (&a.indicator, &a.area_code, a.period).cmp(&(&b.indicator, &b.area_code, b.period))
    });
    values
}

async fn row_count(guard: &common::Guard, table: &str) -> i64 {
    use sqlx::Row;
    let mut conn = guard.raw().await;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) AS n FROM {table}"
    )))
    .fetch_one(&mut conn)
    .await
    .unwrap()
    .get::<i64, _>("n")
}

#[tokio::test]
async fn the_nine_real_files_load_and_every_value_reads_back_exactly_as_published() {
    let (store, guard, slug) = with_partnership().await;
    load_all(&store, &slug).await;
    let expected: Vec<Value> = parsed()
        .iter()
        .flat_map(|i| i.values.iter().cloned())
        .collect();
    assert_eq!(expected.len(), 107_846);
    assert_eq!(row_count(&guard, "indicator_values").await, 107_846);
    let mut codes: Vec<&str> = expected.iter().map(|v| v.indicator.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let data = store.indicator_data(&slug, &all(&codes)).await.unwrap();
    // Bit for bit: every number, every status token, every period.
    assert_eq!(sorted(data.values), sorted(expected));
    assert_eq!(data.neighbours.as_ref().map(StatNeighbours::len), Some(153));
    assert!(
        data.areas.iter().any(|a| a.code == JOINT),
        "joint units are areas too"
    );
    let kingston = data.areas.iter().find(|a| a.code == KINGSTON).unwrap();
    assert_eq!(kingston.name, "Kingston upon Thames");
    assert_eq!(kingston.la_number.as_deref(), Some("314"));
    assert_eq!(
        store.verify_change_log(&slug).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn hackneys_x_values_read_back_as_not_available_never_as_zero() {
    let (store, _guard, slug) = with_partnership().await;
    let b1 = &parsed()[0];
    let bytes = read(VALUE_FILES[0]);
    store
        .import_indicator_values(
            &slug,
            "test",
            b1,
            &src(VALUE_FILES[0], &bytes, IndicatorFormat::Dfe, None),
            now(),
        )
        .await
        .unwrap();
    let data = store
        .indicator_data(&slug, &all(&["cin-count"]))
        .await
        .unwrap();
    for year in [2021, 2022] {
        let period = Period::year_to_31_march(year).unwrap();
        let value = data
            .values
            .iter()
            .find(|v| v.area_code == HACKNEY && v.period == period)
            .unwrap();
        assert_eq!(value.status, ValueStatus::NotAvailable, "{year}");
        assert_eq!(value.number, None, "{year}");
    }
}

#[tokio::test]
async fn importing_the_same_file_twice_adds_nothing() {
    let (store, guard, slug) = with_partnership().await;
    let name = VALUE_FILES[3];
    let bytes = read(name);
    let source = src(name, &bytes, IndicatorFormat::Dfe, None);
    store
        .import_indicator_values(&slug, "test", &parsed()[3], &source, now())
        .await
        .unwrap();
    let values = row_count(&guard, "indicator_values").await;
    let log = store.change_log(&slug).await.unwrap().len();
    let again = store
        .import_indicator_values(&slug, "test", &parsed()[3], &source, now())
        .await
        .unwrap();
    assert!(
        matches!(again, IndicatorImportOutcome::AlreadyImported { ref file_name, .. } if file_name == name),
        "{again:?}"
    );
    assert_eq!(row_count(&guard, "indicator_values").await, values);
    assert_eq!(row_count(&guard, "indicator_imports").await, 1);
    assert_eq!(store.change_log(&slug).await.unwrap().len(), log);
    // The same content under another name (a re-saved copy) merges to nothing new either.
    let copy = src("copy.csv", b"other bytes", IndicatorFormat::Dfe, None);
    let outcome = store
        .import_indicator_values(&slug, "test", &parsed()[3], &copy, now())
        .await
        .unwrap();
    assert!(
        matches!(outcome, IndicatorImportOutcome::Imported { added: 0, revised: 0, unchanged, .. } if unchanged == parsed()[3].values.len()),
        "{outcome:?}"
    );
    assert_eq!(row_count(&guard, "indicator_values").await, values);
}

const LONG_2024: &str = "area_code,area_name,period,indicator,measure,unit,value\n\
    E09000021,Kingston upon Thames,2023,cpp-subsequent-pct,,,19.4\n\
    E09000021,Kingston upon Thames,2024,cpp-subsequent-pct,,,21.0\n";
const LONG_2025: &str = "area_code,area_name,period,indicator,measure,unit,value\n\
    E09000021,Kingston upon Thames,2024,cpp-subsequent-pct,,,20.6\n\
    E09000021,Kingston upon Thames,2025,cpp-subsequent-pct,,,c\n";

async fn import_long_text(store: &Store, slug: &str, name: &str, text: &str, on: &str) {
    let imported = import_long(name, text.as_bytes(), catalogue()).unwrap();
    store
        .import_indicator_values(
            slug,
            "analyst",
            &imported,
            &src(name, text.as_bytes(), IndicatorFormat::Long, Some(on)),
            now(),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_revised_value_is_kept_as_a_revision_with_both_values_files_and_dates() {
    let (store, _guard, slug) = with_partnership().await;
    import_long_text(&store, &slug, "cpp-2024.csv", LONG_2024, "2024-11-07").await;
    import_long_text(&store, &slug, "cpp-2025.csv", LONG_2025, "2025-11-06").await;
    let code = IndicatorCode::new("cpp-subsequent-pct").unwrap();
    let area = AreaCode::new(KINGSTON).unwrap();
    let revisions = store
        .indicator_revisions(&slug, &code, &area)
        .await
        .unwrap();
    assert_eq!(revisions.len(), 1);
    let r = &revisions[0];
    assert_eq!(r.period, Period::year_to_31_march(2024).unwrap());
    assert_eq!((r.old.number, r.new.number), (Some(21.0), Some(20.6)));
    assert_eq!(
        (r.old_file.as_str(), r.new_file.as_str()),
        ("cpp-2024.csv", "cpp-2025.csv")
    );
    assert_eq!(
        (r.old_published_on, r.new_published_on),
        (date(2024, 11, 7), date(2025, 11, 6))
    );

    let mut query = all(&["cpp-subsequent-pct"]);
    let now_values = sorted(store.indicator_data(&slug, &query).await.unwrap().values);
    let numbers: Vec<_> = now_values.iter().map(|v| (v.number, v.status)).collect();
    assert_eq!(
        numbers,
        [
            (Some(19.4), ValueStatus::Published),
            (Some(20.6), ValueStatus::Published),
            (None, ValueStatus::Suppressed)
        ]
    );
    // As at a day between the two files: the first file's figures, and nothing for 2025.
    query.as_at = Some(date(2025, 1, 31));
    let then = sorted(store.indicator_data(&slug, &query).await.unwrap().values);
    let numbers: Vec<_> = then.iter().map(|v| v.number).collect();
    assert_eq!(numbers, [Some(19.4), Some(21.0)]);
    // Before either file: nothing at all.
    query.as_at = Some(date(2024, 1, 1));
    assert!(
        store
            .indicator_data(&slug, &query)
            .await
            .unwrap()
            .values
            .is_empty()
    );

    let log = store.change_log(&slug).await.unwrap();
    let revision = log.iter().find(|c| c.entity == "indicator_value").unwrap();
    assert_eq!(
        revision.before.as_deref(),
        Some(r#"{"number":21.0,"status":"published","file":"cpp-2024.csv"}"#)
    );
    assert_eq!(
        revision.after.as_deref(),
        Some(r#"{"number":20.6,"status":"published","file":"cpp-2025.csv"}"#)
    );
}

#[tokio::test]
async fn a_file_the_importer_refuses_writes_nothing_and_a_bad_value_is_refused_by_the_store() {
    let (store, guard, slug) = with_partnership().await;
    let broken = LONG_2024.replace("19.4", "nineteen");
    let error = import_long("broken.csv", broken.as_bytes(), catalogue()).unwrap_err();
    let first = error.first().unwrap();
    assert_eq!((first.file.as_str(), first.line), ("broken.csv", Some(2)));

    let mut imported = import_long("ok.csv", LONG_2024.as_bytes(), catalogue()).unwrap();
    imported.values[1].status = ValueStatus::Suppressed; // a number with a "no number" status
    let log = store.change_log(&slug).await.unwrap().len();
    let refused = store
        .import_indicator_values(
            &slug,
            "test",
            &imported,
            &src("ok.csv", b"x", IndicatorFormat::Long, None),
            now(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::InvalidData { .. }),
        "{refused}"
    );
    assert!(
        refused.to_string().contains("cpp-subsequent-pct"),
        "{refused}"
    );
    for table in ["indicator_values", "indicator_imports", "indicator_areas"] {
        assert_eq!(row_count(&guard, table).await, 0, "{table}");
    }
    assert_eq!(store.change_log(&slug).await.unwrap().len(), log);
}

#[tokio::test]
async fn targets_and_commentary_are_kept_logged_and_hidden_from_earlier_as_at_views() {
    let (store, _guard, slug) = with_partnership().await;
    let code = IndicatorCode::new("cpp-subsequent-pct").unwrap();
    let period = Period::year_to_31_march(2025).unwrap();
    let target = Target {
        indicator: code.clone(),
        period,
        value: 18.0,
        tolerance_percent: Some(10.0),
    };
    let at: jiff::Timestamp = "2025-04-02T09:00:00Z".parse().unwrap();
    assert_eq!(
        store
            .set_indicator_target(&slug, "manager", &target, at)
            .await
            .unwrap(),
        TargetOutcome::Created
    );
    assert_eq!(
        store
            .set_indicator_target(&slug, "manager", &target, at)
            .await
            .unwrap(),
        TargetOutcome::Unchanged
    );
    let lower = Target {
        value: 16.5,
        ..target.clone()
    };
    assert_eq!(
        store
            .set_indicator_target(&slug, "manager", &lower, at)
            .await
            .unwrap(),
        TargetOutcome::Updated
    );
    let bad = Target {
        tolerance_percent: Some(250.0),
        ..target.clone()
    };
    assert!(
        store
            .set_indicator_target(&slug, "manager", &bad, at)
            .await
            .is_err()
    );

    let data = store
        .indicator_data(&slug, &all(&["cpp-subsequent-pct"]))
        .await
        .unwrap();
    assert_eq!(data.targets, vec![lower.clone()]);
    let mut before = all(&["cpp-subsequent-pct"]);
    before.as_at = Some(date(2025, 4, 1));
    assert!(
        store
            .indicator_data(&slug, &before)
            .await
            .unwrap()
            .targets
            .is_empty()
    );

    let area = AreaCode::new(KINGSTON).unwrap();
    let note = Commentary::new(
        code.clone(),
        Some(area.clone()),
        period,
        "Head of Safeguarding",
        date(2025, 11, 20),
        "Repeat plans fell after the step-down review.",
    )
    .unwrap();
    store
        .add_indicator_commentary(&slug, "manager", &note, at)
        .await
        .unwrap();
    let read = store
        .indicator_commentary(&slug, &code, Some(&area), None)
        .await
        .unwrap();
    assert_eq!(read, vec![note]);
    assert!(
        store
            .indicator_commentary(&slug, &code, Some(&area), Some(date(2025, 4, 1)))
            .await
            .unwrap()
            .is_empty()
    );

    let entities: Vec<String> = store
        .change_log(&slug)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.entity)
        .collect();
    assert_eq!(
        entities.iter().filter(|e| *e == "indicator_target").count(),
        2
    );
    assert_eq!(
        entities
            .iter()
            .filter(|e| *e == "indicator_commentary")
            .count(),
        1
    );
    assert_eq!(
        store.verify_change_log(&slug).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn settings_choose_the_area_and_indicators_and_change_only_when_they_differ() {
    let (store, _guard, slug) = with_partnership().await;
    let settings = IndicatorSettings {
        area_code: Some(AreaCode::new(KINGSTON).unwrap()),
        scheme: indicators::RagScheme {
            tolerance_percent: 10.0,
            blue_for_exceeding: true,
        },
        chosen: vec![
            IndicatorCode::new("cin-rate").unwrap(),
            IndicatorCode::new("cpp-subsequent-pct").unwrap(),
        ],
    };
    assert!(
        store
            .set_indicator_settings(&slug, "manager", &settings, now())
            .await
            .unwrap()
    );
    assert!(
        !store
            .set_indicator_settings(&slug, "manager", &settings, now())
            .await
            .unwrap()
    );
    assert_eq!(store.indicator_settings(&slug).await.unwrap(), settings);
    let twice = IndicatorSettings {
        chosen: vec![settings.chosen[0].clone(), settings.chosen[0].clone()],
        ..settings.clone()
    };
    assert!(
        store
            .set_indicator_settings(&slug, "manager", &twice, now())
            .await
            .is_err()
    );
}

#[tokio::test]
async fn kingstons_page_compares_with_neighbours_and_england_and_its_workforce_is_reported_jointly()
{
    let (store, _guard, slug) = with_partnership().await;
    load_all(&store, &slug).await;
    let page = store
        .indicator_page(&slug, catalogue(), "cin-rate", Some(KINGSTON), None)
        .await
        .unwrap();
    let summary = &page.detail.summary;
    assert_eq!(summary.area_name, "Kingston upon Thames");
    assert_eq!(
        summary.latest.unwrap().period,
        Period::year_to_31_march(2025).unwrap()
    );
    let compared = page.detail.comparators.as_ref().unwrap();
    assert_eq!(compared.neighbours_total, 10);
    assert_eq!(compared.neighbours_with_values, 10);
    assert!(compared.england.is_some() && compared.neighbours_mean.is_some());
    assert_eq!(compared.rank.unwrap().out_of, 11);
    assert_eq!(page.detail.points.len(), 13, "2013 to 2025");

    let workforce = store
        .indicator_page(&slug, catalogue(), "sw-turnover-pct", Some(KINGSTON), None)
        .await
        .unwrap();
    assert_eq!(
        workforce
            .detail
            .summary
            .reported_jointly_as
            .as_ref()
            .map(|c| c.as_str()),
        Some(JOINT)
    );
    assert!(workforce.detail.summary.latest.is_some());

    let bcp = store
        .indicator_page(&slug, catalogue(), "cpp-rate", Some(BCP), None)
        .await
        .unwrap();
    let before_2020: Vec<_> = bcp
        .detail
        .points
        .iter()
        .filter(|p| p.period.year() < 2020)
        .collect();
    assert!(!before_2020.is_empty());
    assert!(
        before_2020
            .iter()
            .all(|p| p.coverage == Coverage::DidNotExist)
    );
    assert!(bcp.detail.gaps.iter().all(|g| g.period.year() >= 2020));

    // Without an area, the one named like the partnership's own ("Kingston upon Thames").
    let overview = store
        .indicator_overview(&slug, catalogue(), None, None)
        .await
        .unwrap();
    assert_eq!(overview.area_code, KINGSTON);
    assert!(overview.rows.len() > 40, "{}", overview.rows.len());
    assert!(
        overview
            .rows
            .iter()
            .any(|r| r.indicator == "cin-rate" && r.latest.is_some())
    );
}

#[tokio::test]
async fn a_target_without_a_tolerance_and_then_one_with_a_tolerance_are_both_kept() {
    // On PostgreSQL a missing tolerance once made the next real one fail to be written.
    let (store, _guard, slug) = with_partnership().await;
    let code = IndicatorCode::new("cpp-subsequent-pct").unwrap();
    let at: jiff::Timestamp = "2025-04-02T09:00:00Z".parse().unwrap();
    for (year, tolerance) in [(2024, None), (2025, Some(10.0)), (2026, None)] {
        let target = Target {
            indicator: code.clone(),
            period: Period::year_to_31_march(year).unwrap(),
            value: 18.0,
            tolerance_percent: tolerance,
        };
        assert_eq!(
            store
                .set_indicator_target(&slug, "manager", &target, at)
                .await
                .unwrap(),
            TargetOutcome::Created,
            "{year}"
        );
    }
}
