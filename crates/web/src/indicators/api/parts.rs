//! The stored figures a calculated indicator is made from, period by period: a percentage's
//! numerator and denominator, a rate's count and population. They are indicators of their own
//! in the store (DfE publishes `CPP_subsequent` and `CPP_start` beside the percentage), so they
//! are read here for the one area the figures are shown for, and put beside each period.

use std::collections::HashMap;

use indicators::catalogue::Derivation;
use indicators::{AreaCode, Indicator, IndicatorCode, Period, Series, ValueIndex};
use store::{AreaScope, IndicatorQuery, Store, StoreError};

/// A period's numerator and denominator, each null when a figure it needs is not stored.
pub type Parts = (Option<f64>, Option<f64>);

/// The numerator and denominator of each period of `indicator` for `area`, as at `as_at`;
/// empty for a measure that is not calculated. It needs only the store, so the command line's
/// `pi show --json` reads the same figures as the API.
pub async fn parts(
    store: &Store,
    slug: &str,
    indicator: &Indicator,
    area: &AreaCode,
    periods: &[Period],
    as_at: Option<jiff::civil::Date>,
) -> Result<HashMap<Period, Parts>, StoreError> {
    let Some(derivation) = &indicator.derivation else {
        return Ok(HashMap::new());
    };
    let query = IndicatorQuery {
        indicators: derivation.inputs().into_iter().cloned().collect(),
        scope: AreaScope::Area(area.clone()),
        as_at,
    };
    let data = store.indicator_data(slug, &query).await?;
    let index = ValueIndex::from_values(data.values);
    let held: HashMap<&IndicatorCode, Series> = derivation
        .inputs()
        .into_iter()
        .map(|c| (c, Series::from_index(&index, c, area)))
        .collect();
    let number = |c: &IndicatorCode, p: Period| held.get(c).and_then(|s| s.number(p));
    // A sum is known only when every term is.
    let sum = |codes: &[IndicatorCode], p: Period| -> Option<f64> {
        codes.iter().map(|c| number(c, p)).sum()
    };
    Ok(periods
        .iter()
        .map(|&p| {
            let parts = match derivation {
                Derivation::Percent {
                    numerator,
                    denominator,
                }
                | Derivation::Ratio {
                    numerator,
                    denominator,
                } => (sum(numerator, p), sum(denominator, p)),
                // DfE divides a count by the population of the mid-year before it.
                Derivation::RatePer10k { count, population } => (
                    number(count, p),
                    number(population, p.population_mid_year()),
                ),
            };
            (p, parts)
        })
        .collect())
}
