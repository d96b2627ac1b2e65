//! Measures that reach Boardplan in the long ("tidy") layout councils' data labs publish, with
//! the names those files use for them (Trafford Data Lab's `trafford_themes` files are the
//! model). A partnership's own long files name their indicators by code instead.

use super::builder::Def;
use super::{Indicator, PeriodType, Polarity, Unit};

const YEAR: PeriodType = PeriodType::FinancialYear;

pub(super) fn indicators() -> Vec<Indicator> {
    let cautioned = "Children cautioned or sentenced";
    let youth_justice =
        "Youth Justice Board, Youth justice statistics (with ONS population estimates)";
    vec![
        Def::new("cla-health-assessment-pct", "Looked-after children with an annual health assessment", Unit::Percent, YEAR)
            .means(
                "Of children looked after continuously for at least twelve months at 31 March, \
                 the share who had their annual health assessment in the year.",
            )
            .decimals(0)
            .polarity(Polarity::HigherIsBetter)
            .source("DfE, Children looked after in England including adoption")
            .alias("Children looked after who had their annual health assessment", Some("Percentage"))
            .build(),
        Def::new("youth-justice-cautioned-sentenced-count", "Children cautioned or sentenced", Unit::Count, YEAR)
            .means("The number of children aged 10 to 17 who received a caution or a court sentence in the year to 31 March.")
            .polarity(Polarity::LowerIsBetter)
            .source(youth_justice)
            .alias(cautioned, Some("Count"))
            .also_evidences(&["7.1"])
            .build(),
        Def::new(
            "youth-justice-cautioned-sentenced-rate",
            "Children cautioned or sentenced per 10,000 aged 10 to 17",
            Unit::RatePer10k,
            YEAR,
        )
        .means(
            "Children cautioned or sentenced in the year for every 10,000 children aged 10 to 17 \
             in the area (note: not the 0 to 17 population other rates use).",
        )
        .decimals(0)
        .polarity(Polarity::LowerIsBetter)
        .source(youth_justice)
        .alias(cautioned, Some("Per 10,000 aged 10-17"))
        .also_evidences(&["7.1"])
        .build(),
    ]
}
