//! The 2008 National Indicator Set's safeguarding indicators, NI 59 to NI 68, kept as historical
//! measures so that a board's plans from 2008 to 2011 (such as the 2009-10 sample) read with
//! their own numbers. The set was abolished in 2011. Where a measure in DfE's current files took
//! an indicator's place, `superseded_by` names it and the definition says what changed.

use super::builder::Def;
use super::{Indicator, PeriodType, Polarity, Unit};

const SOURCE: &str = "National Indicator Set (2008-2011), Communities and Local Government";

fn ni(number: u8, title: &str) -> Def {
    Def::new(
        &format!("NI{number}"),
        &format!("NI {number}: {title}"),
        Unit::Percent,
        PeriodType::FinancialYear,
    )
    .source(SOURCE)
}

pub(super) fn indicators() -> Vec<Indicator> {
    vec![
        ni(59, "Initial assessments within 7 working days of referral")
            .means(
                "The share of initial assessments for children's social care completed within \
                 seven working days of the referral. Initial and core assessments were replaced \
                 by a single assessment in 2013, so no measure in DfE's current files continues it.",
            )
            .polarity(Polarity::HigherIsBetter)
            .also_evidences(&["9.3"])
            .build(),
        ni(60, "Core assessments within 35 working days")
            .means(
                "The share of core assessments completed within 35 working days of starting. \
                 Ended with the move to a single assessment in 2013.",
            )
            .polarity(Polarity::HigherIsBetter)
            .also_evidences(&["9.3"])
            .build(),
        ni(61, "Timeliness of placements for adoption")
            .means(
                "The share of looked-after children placed for adoption within twelve months of \
                 the decision that adoption was in their best interests.",
            )
            .polarity(Polarity::HigherIsBetter)
            .build(),
        ni(62, "Stability of placements: three or more placements in the year")
            .means(
                "The share of looked-after children at 31 March who had had three or more \
                 placements during the year. Fewer moves are better for children.",
            )
            .polarity(Polarity::LowerIsBetter)
            .build(),
        ni(63, "Stability of placements: length of placement")
            .means(
                "Of children under 16 who had been looked after for two and a half years or \
                 more, the share who had lived in the same placement for at least two years (or \
                 were placed for adoption).",
            )
            .polarity(Polarity::HigherIsBetter)
            .build(),
        ni(64, "Child protection plans lasting 2 years or more")
            .means(
                "The share of child protection plans ending in the year that had lasted two years \
                 or more. Long plans suggest drift. DfE's files here count plans open at 31 March \
                 by length rather than plans ending, so its successor is on a different basis.",
            )
            .polarity(Polarity::LowerIsBetter)
            .superseded_by("cpp-2y-plus-pct")
            .also_evidences(&["9.3"])
            .build(),
        ni(65, "Children becoming the subject of a child protection plan for a second or subsequent time")
            .means(
                "The share of children starting a child protection plan who had been on a plan \
                 before. Banded: 10 to 15% was read as good, because too few repeat plans can \
                 mean that risk returning is not being recognised, and too many that plans end \
                 too soon. DfE still publishes the measure (table D3).",
            )
            .polarity(Polarity::Banded { low: 10.0, high: 15.0 })
            .superseded_by("cpp-subsequent-pct")
            .also_evidences(&["9.3"])
            .build(),
        ni(66, "Looked-after children cases reviewed within required timescales")
            .means(
                "The share of looked-after children whose care reviews were all held within the \
                 timescales regulations require.",
            )
            .polarity(Polarity::HigherIsBetter)
            .build(),
        ni(67, "Child protection cases reviewed within required timescales")
            .means(
                "The share of children on a child protection plan for three months or more whose \
                 review conferences were all held on time.",
            )
            .polarity(Polarity::HigherIsBetter)
            .also_evidences(&["9.3"])
            .build(),
        ni(68, "Referrals to children's social care going on to initial assessment")
            .means(
                "The share of referrals that led to an initial assessment. Read in context: a low \
                 share can mean need is being screened out, a high one that referral thresholds \
                 are unclear to partners, so Boardplan gives it no better direction.",
            )
            .also_evidences(&["14.1"])
            .build(),
    ]
}
