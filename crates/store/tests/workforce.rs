//! The workforce section (13.2), on SQLite and, with `TEST_DATABASE_URL`, PostgreSQL: from
//! DfE's real children's social work workforce file, the workforce indicators Kingston has
//! figures for (reported jointly with Richmond), each with the commentary written on it per
//! period, newest first; nothing but workforce measures; commentary logged with its actor.

use std::path::PathBuf;

use indicators::{AreaCode, Catalogue, Commentary, IndicatorCode, Period, import_dfe};
use jiff::civil::date;
use store::{ImportMode, IndicatorFormat, IndicatorSource, WORKFORCE_OBJECTIVE, workforce_codes};

use crate::common::{fresh_store, kingston, source};

/// The workforce file, and a children in need file (in which Kingston has figures of its own,
/// as a board would have loaded beside the workforce).
const FILES: [&str; 2] = [
    "csww_indicators_2017_to_2025.csv",
    "b1_children_in_need_2013_to_2025.csv",
];
const KINGSTON: &str = "E09000021";

#[tokio::test]
async fn the_workforce_indicators_come_with_their_commentary_per_period() {
    let (store, _guard) = fresh_store().await;
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
    let catalogue = Catalogue::builtin();
    for name in FILES {
        let bytes = std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/realdata")
                .join(name),
        )
        .unwrap();
        let values = import_dfe(name, &bytes, &catalogue).unwrap();
        let src = IndicatorSource {
            file_name: name.into(),
            sha256: {
                use sha2::Digest;
                hex::encode(sha2::Sha256::digest(&bytes))
            },
            format: IndicatorFormat::Dfe,
            published_on: None,
        };
        store
            .import_indicator_values(&slug, "test", &values, &src, jiff::Timestamp::now())
            .await
            .unwrap();
    }

    let turnover = IndicatorCode::new("sw-turnover-pct").unwrap();
    let area = AreaCode::new(KINGSTON).unwrap();
    for (year, text) in [
        (2023, "Turnover rose as two teams were restructured."),
        (2024, "Turnover fell after the recruitment drive."),
    ] {
        let c = Commentary::new(
            turnover.clone(),
            Some(area.clone()),
            Period::year_to_30_september(year).unwrap(),
            "Business Manager",
            date(2025, 1, 10),
            text,
        )
        .unwrap();
        store
            .add_indicator_commentary(&slug, "Business Manager", &c, jiff::Timestamp::now())
            .await
            .unwrap();
    }

    let section = store
        .workforce(&slug, &catalogue, Some(KINGSTON), None)
        .await
        .unwrap();
    assert_eq!(section.area_code.as_str(), KINGSTON);
    let codes = workforce_codes(&catalogue);
    assert!(
        section
            .rows
            .iter()
            .all(|r| codes.contains(&r.summary.indicator)),
        "only workforce measures"
    );
    assert!(
        !section
            .rows
            .iter()
            .any(|r| r.summary.indicator == "cin-rate"),
        "children in need figures are not workforce figures"
    );
    for code in [
        "sw-turnover-pct",
        "sw-vacancy-pct",
        "sw-agency-pct",
        "sw-caseload",
    ] {
        let row = section
            .rows
            .iter()
            .find(|r| r.summary.indicator == code)
            .unwrap_or_else(|| panic!("{code} is in the section"));
        assert!(row.summary.latest.is_some(), "{code} has a latest value");
        let indicator = catalogue.get(code).unwrap();
        assert!(indicator.evidences.iter().any(|e| e == WORKFORCE_OBJECTIVE));
    }
    let row = section
        .rows
        .iter()
        .find(|r| r.summary.indicator == turnover)
        .unwrap();
    assert_eq!(
        row.summary.reported_jointly_as.as_ref().map(|c| c.as_str()),
        Some("E09000021 / E09000027")
    );
    let said: Vec<(String, &str)> = row
        .commentary
        .iter()
        .map(|c| (c.period.label(), c.text.as_str()))
        .collect();
    assert_eq!(said.len(), 2);
    assert!(said[0].1.contains("fell"), "newest period first: {said:?}");
    let vacancies = section
        .rows
        .iter()
        .find(|r| r.summary.indicator == "sw-vacancy-pct")
        .unwrap();
    assert!(vacancies.commentary.is_empty());

    let log = store.change_log(&slug).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.actor.as_str()),
        ("indicator_commentary", "Business Manager")
    );
}
