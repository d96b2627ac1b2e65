//! The demo's performance indicators: Kingston upon Thames's real published figures, with its
//! ten statistical neighbours', London's and England's (DfE and ONS, bundled into the binary),
//! the neighbours model, and a few targets and commentary for the measures the sample plan's
//! outcomes 2.1, 2.2, 7.1 and 13.2 point at. Only the areas a Kingston page compares with are
//! stored, so the demo stays quick.
//!
//! Contains public sector information licensed under the Open Government Licence v3.0
//! (Department for Education; ONS).

use std::collections::HashSet;

use anyhow::{Context, Result};
use indicators::{
    Catalogue, Commentary, ImportedValues, IndicatorCode, Period, RagScheme, StatNeighbours,
    Target, import_dfe,
};
use store::{IndicatorFormat, IndicatorSettings, IndicatorSource, Store};

const KINGSTON: &str = "E09000021";
const KINGSTON_NUMBER: &str = "314";
const ENGLAND: &str = "E92000001";
const LONDON: &str = "E12000007";
const ACTOR: &str = "demo";

macro_rules! realdata {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../../../../tests/fixtures/realdata/", $name)).as_slice(),
        )
    };
}

const FILES: [(&str, &[u8]); 8] = [
    realdata!("b1_children_in_need_2013_to_2025.csv"),
    realdata!("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"),
    realdata!("c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv"),
    realdata!("d3_cpps_subsequent_plan_2013_to_2025.csv"),
    realdata!("d5_cpps_at31march_by_duration_2013_to_2025.csv"),
    realdata!("cla_number_and_rate_per_10k_children.csv"),
    realdata!("csww_indicators_2017_to_2025.csv"),
    realdata!("ons_mid-year_population_estimates_2012_to_2024.csv"),
];

const NEIGHBOURS: (&str, &[u8]) = realdata!("sn_model_2025_wide.csv");

/// The measures the demo board reports on, in its order.
const CHOSEN: [&str; 12] = [
    "cin-rate",
    "referrals-rate",
    "rereferrals-pct",
    "s47-rate",
    "icpc-rate",
    "cpp-rate",
    "cpp-subsequent-pct",
    "cla-rate",
    "sw-turnover-pct",
    "sw-vacancy-pct",
    "sw-agency-pct",
    "sw-caseload",
];

/// (indicator, period as published, target, tolerance %).
const TARGETS: [(&str, &str, f64, Option<f64>); 7] = [
    ("rereferrals-pct", "2024-25", 16.0, None),
    ("rereferrals-pct", "2025-26", 15.0, None),
    ("cpp-subsequent-pct", "2024-25", 18.0, Some(10.0)),
    ("sw-turnover-pct", "2025", 18.0, Some(10.0)),
    ("sw-vacancy-pct", "2025", 15.0, None),
    ("sw-agency-pct", "2025", 12.0, Some(10.0)),
    ("sw-caseload", "2025", 15.0, None),
];

/// (indicator, period, author, text): the board's own commentary, in Boardplan's words.
const COMMENTARY: [(&str, &str, &str, &str); 4] = [
    (
        "rereferrals-pct",
        "2024-25",
        "Chair, Monitoring and Evaluation sub-group",
        "Re-referrals edged up on the year before but stay inside the board's target. The \
         sub-group will sample cases that came back within a year to check they were not closed \
         before things had changed for the child.",
    ),
    (
        "cpp-subsequent-pct",
        "2024-25",
        "LSCB Business Manager",
        "Fewer children became subject to a plan for a second time than a year earlier, and the \
         figure is now under the target. The numbers are small, so one family can move it: read \
         it with the neighbours' mean rather than on its own.",
    ),
    (
        "sw-turnover-pct",
        "2025",
        "Service Director, Prevention and Safeguarding",
        "Turnover in the children's social work service Kingston shares with Richmond is well \
         above the target and above England's. A recruitment and retention report will come to \
         the next board, as outcome 13.2 asks.",
    ),
    (
        "sw-caseload",
        "2025",
        "Service Director, Prevention and Safeguarding",
        "Average caseloads are within the target even with turnover high; the board asked to see \
         the spread across teams, not only the average.",
    ),
];

fn sha256(bytes: &[u8]) -> String {
    formats::sha256_hex(bytes)
}

/// Only Kingston (alone or reported jointly), its neighbours, London and England.
fn keep_only(mut imported: ImportedValues, codes: &HashSet<String>) -> ImportedValues {
    let kept = |code: &str| codes.contains(code) || (code.contains('/') && code.contains(KINGSTON));
    imported.values.retain(|v| kept(v.area_code.as_str()));
    imported.areas.retain(|a| kept(a.code.as_str()));
    imported
}

/// Load the demo's indicators into the partnership `slug`.
pub async fn load(store: &Store, slug: &str) -> Result<()> {
    if !store.indicator_imports(slug).await?.is_empty() {
        return Ok(()); // built before
    }
    let catalogue = Catalogue::builtin();
    let bug = "a bundled DfE file did not import; this is a bug in Boardplan";
    let model = StatNeighbours::from_csv(NEIGHBOURS.0, NEIGHBOURS.1).context(bug)?;
    let parsed: Vec<(&str, &[u8], ImportedValues)> = FILES
        .iter()
        .map(|(name, bytes)| Ok((*name, *bytes, import_dfe(name, bytes, &catalogue)?)))
        .collect::<Result<_, indicators::ImportErrors>>()
        .context(bug)?;
    let neighbour_numbers: HashSet<&str> = model
        .of(KINGSTON_NUMBER)
        .iter()
        .map(|n| n.la_number.as_str())
        .collect();
    let mut codes: HashSet<String> = [KINGSTON, ENGLAND, LONDON]
        .into_iter()
        .map(str::to_owned)
        .collect();
    for (_, _, imported) in &parsed {
        codes.extend(
            imported
                .areas
                .iter()
                .filter(|a| {
                    a.la_number
                        .as_deref()
                        .is_some_and(|n| neighbour_numbers.contains(n))
                })
                .map(|a| a.code.as_str().to_owned()),
        );
    }
    let now = jiff::Timestamp::now();
    for (name, bytes, imported) in parsed {
        let source = IndicatorSource {
            file_name: name.to_owned(),
            sha256: sha256(bytes),
            format: IndicatorFormat::Dfe,
            published_on: None,
        };
        store
            .import_indicator_values(slug, ACTOR, &keep_only(imported, &codes), &source, now)
            .await?;
    }
    let source = IndicatorSource {
        file_name: NEIGHBOURS.0.to_owned(),
        sha256: sha256(NEIGHBOURS.1),
        format: IndicatorFormat::Neighbours,
        published_on: None,
    };
    store
        .import_neighbours(slug, ACTOR, &model, &source, now)
        .await?;
    board_choices(store, slug, &catalogue, now).await?;
    println!(
        "Performance indicators: Kingston upon Thames's published figures with its {} statistical \
         neighbours', London's and England's, {} chosen measures, targets and commentary \
         (boardplan pi list).\n",
        neighbour_numbers.len(),
        CHOSEN.len()
    );
    Ok(())
}

/// The demo board's area, chosen measures, targets and commentary.
async fn board_choices(
    store: &Store,
    slug: &str,
    catalogue: &Catalogue,
    now: jiff::Timestamp,
) -> Result<()> {
    let code = |c: &str| IndicatorCode::new(c).context("a demo indicator code is malformed");
    let settings = IndicatorSettings {
        area_code: Some(indicators::AreaCode::new(KINGSTON)?),
        scheme: RagScheme::default(),
        chosen: CHOSEN.iter().map(|c| code(c)).collect::<Result<_>>()?,
    };
    store
        .set_indicator_settings(slug, ACTOR, &settings, now)
        .await?;
    let period = |indicator: &str, text: &str| -> Result<Period> {
        let kind = catalogue
            .get(indicator)
            .with_context(|| format!("the demo names {indicator}, which is not in the catalogue"))?
            .period_type;
        Ok(Period::parse(text, kind)?)
    };
    for (indicator, when, value, tolerance) in TARGETS {
        let target = Target {
            indicator: code(indicator)?,
            period: period(indicator, when)?,
            value,
            tolerance_percent: tolerance,
        };
        store
            .set_indicator_target(slug, ACTOR, &target, now)
            .await?;
    }
    let today = now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    for (indicator, when, author, text) in COMMENTARY {
        let note = Commentary::new(
            code(indicator)?,
            Some(indicators::AreaCode::new(KINGSTON)?),
            period(indicator, when)?,
            author,
            today,
            text,
        )?;
        store
            .add_indicator_commentary(slug, ACTOR, &note, now)
            .await?;
    }
    Ok(())
}
