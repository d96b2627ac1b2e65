//! The demo's performance indicators: Kingston upon Thames's real published figures, with its
//! ten statistical neighbours', London's and England's (DfE and ONS, bundled into the binary),
//! the neighbours model, and a few targets and commentary for the measures the sample plan's
//! outcomes 2.1, 2.2, 7.1 and 13.2 point at. Only the areas a Kingston page compares with are
//! stored, so the demo stays quick. A partnership built for another authority
//! (`--partnerships`, `national`) gets its own area's figures the same way, with the targets
//! but not Kingston's commentary; the files are read once for all of them ([`Figures`]).
//!
//! Contains public sector information licensed under the Open Government Licence v3.0
//! (Department for Education; ONS).

use std::collections::HashSet;

use anyhow::{Context, Result};
use indicators::{
    AreaDirectory, Catalogue, Commentary, ENGLAND, ImportedValues, IndicatorCode, Period,
    RagScheme, StatNeighbours, Target, import_dfe,
};
use store::{IndicatorFormat, IndicatorSettings, IndicatorSource, Store};

const KINGSTON: &str = "E09000021";
const KINGSTON_NUMBER: &str = "314";
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

/// The bundled files, read once however many partnerships are built from them.
pub struct Figures {
    catalogue: Catalogue,
    model: StatNeighbours,
    parsed: Vec<(&'static str, &'static [u8], ImportedValues)>,
    directory: AreaDirectory,
}

/// An English local authority a demo partnership is built for: its area in the bundled
/// figures, by today's code.
#[derive(Debug, Clone)]
pub struct Place {
    pub code: String,
    pub number: String,
    pub name: String,
    region: Option<String>,
}

impl Figures {
    pub fn read() -> Result<Self> {
        let catalogue = Catalogue::builtin();
        let bug = "a bundled DfE file did not import; this is a bug in Boardplan";
        let model = StatNeighbours::from_csv(NEIGHBOURS.0, NEIGHBOURS.1).context(bug)?;
        let parsed: Vec<(&str, &[u8], ImportedValues)> = FILES
            .iter()
            .map(|(name, bytes)| Ok((*name, *bytes, import_dfe(name, bytes, &catalogue)?)))
            .collect::<Result<_, indicators::ImportErrors>>()
            .context(bug)?;
        let mut directory = AreaDirectory::new();
        for (_, _, imported) in &parsed {
            directory.extend(&imported.areas);
        }
        Ok(Self {
            catalogue,
            model,
            parsed,
            directory,
        })
    }

    /// Every authority of the neighbours model that the figures name, as it is today:
    /// Kingston upon Thames (the sample's) first, then the rest by DfE number.
    pub fn places(&self) -> Result<Vec<Place>> {
        let today = Period::year_to_31_march(2025)?;
        let mut places: Vec<Place> = self
            .model
            .lists()
            .into_iter()
            .filter_map(|(number, _, _)| self.directory.by_la_number(number, today))
            .filter_map(|a| {
                Some(Place {
                    code: a.code.as_str().to_owned(),
                    number: a.la_number.clone()?,
                    name: a.name.clone(),
                    region: a
                        .region_code
                        .as_ref()
                        .map(|r| region(r.as_str()).to_owned()),
                })
            })
            .collect();
        places.sort_by_key(|p| (p.number != KINGSTON_NUMBER, p.number.clone()));
        match places.first() {
            Some(p) if p.code == KINGSTON => Ok(places),
            _ => {
                anyhow::bail!("the bundled figures do not name Kingston upon Thames; this is a bug")
            }
        }
    }
}

/// The region an area's page compares with: DfE's files put London's boroughs in Inner or
/// Outer London (E13…), but London (E12000007) is the region with every series.
fn region(code: &str) -> &str {
    if code.starts_with("E13") {
        LONDON
    } else {
        code
    }
}

/// Only `place` (alone, under any code it has had, or reported jointly), its neighbours, its
/// region and England.
fn keep_only(imported: &ImportedValues, place: &Place, codes: &HashSet<String>) -> ImportedValues {
    let own = indicators::area::same_authority(&place.code);
    let kept = |code: &str| {
        codes.contains(code) || (code.contains('/') && own.iter().any(|c| code.contains(c)))
    };
    let mut imported = imported.clone();
    imported.values.retain(|v| kept(v.area_code.as_str()));
    imported.areas.retain(|a| kept(a.code.as_str()));
    imported
}

/// Load the indicators of `place` into the partnership `slug`, with the targets (and, for
/// the sample's own area, the commentary) the demo board set. Returns what was loaded, to
/// print, or None when it was loaded before.
pub async fn load(
    store: &Store,
    slug: &str,
    figures: &Figures,
    place: &Place,
) -> Result<Option<String>> {
    if !store.indicator_imports(slug).await?.is_empty() {
        return Ok(None); // built before
    }
    let neighbour_numbers: HashSet<&str> = figures
        .model
        .of(&place.number)
        .iter()
        .map(|n| n.la_number.as_str())
        .collect();
    let mut codes: HashSet<String> = [place.code.as_str(), ENGLAND]
        .into_iter()
        .chain(place.region.as_deref())
        .chain(indicators::area::same_authority(&place.code))
        .map(str::to_owned)
        .collect();
    for (_, _, imported) in &figures.parsed {
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
    for (name, bytes, imported) in &figures.parsed {
        let source = IndicatorSource {
            file_name: (*name).to_owned(),
            sha256: sha256(bytes),
            format: IndicatorFormat::Dfe,
            published_on: None,
        };
        store
            .import_indicator_values(
                slug,
                ACTOR,
                &keep_only(imported, place, &codes),
                &source,
                now,
            )
            .await?;
    }
    let source = IndicatorSource {
        file_name: NEIGHBOURS.0.to_owned(),
        sha256: sha256(NEIGHBOURS.1),
        format: IndicatorFormat::Neighbours,
        published_on: None,
    };
    store
        .import_neighbours(slug, ACTOR, &figures.model, &source, now)
        .await?;
    board_choices(store, slug, &figures.catalogue, place, now).await?;
    let region = place
        .region
        .as_deref()
        .map_or_else(String::new, |r| format!("{}'s ", figures.directory.name(r)));
    let commentary = if place.code == KINGSTON {
        "targets and commentary"
    } else {
        "targets"
    };
    Ok(Some(format!(
        "Performance indicators: {}'s published figures with its {} statistical neighbours', \
         {region}and England's, {} chosen measures, {commentary} (boardplan pi list).\n",
        place.name,
        neighbour_numbers.len(),
        CHOSEN.len()
    )))
}

/// The demo board's area, chosen measures, targets and commentary.
async fn board_choices(
    store: &Store,
    slug: &str,
    catalogue: &Catalogue,
    place: &Place,
    now: jiff::Timestamp,
) -> Result<()> {
    let code = |c: &str| IndicatorCode::new(c).context("a demo indicator code is malformed");
    let settings = IndicatorSettings {
        area_code: Some(indicators::AreaCode::new(&place.code)?),
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
    // The commentary is Kingston's board speaking of Kingston.
    if place.code != KINGSTON {
        return Ok(());
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
