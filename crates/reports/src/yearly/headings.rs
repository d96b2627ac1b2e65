//! The headings a yearly report must cover, per framework: for a children's partnership the
//! yearly report Working Together to Safeguard Children 2023 asks for; for a safeguarding
//! adults board the Care Act 2014, Schedule 2, paragraph 4, items (a) to (g). Each heading
//! has a stable key (narratives are kept by it), the words it is printed with, what the
//! framework asks under it, and the [`Part`] of the board's data that fills it.

use serde::Serialize;

use super::Framework;

/// What fills a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// What the board set out to do and did: the year in figures.
    Summary,
    /// The plan's progress: outcomes by objective, the chart, what is carried forward.
    Plan,
    /// The indicators against their targets and comparators.
    Indicators,
    /// The year's audits and the Section 11 cycle.
    Assurance,
    /// The annual evaluation of training impact.
    Training,
    /// Every case review of the year with its recommendations.
    CaseReviews,
    /// Reviews published in the year, with their findings.
    ReviewsConcluded,
    /// Reviews not published by the year's end.
    ReviewsOngoing,
    /// What was done to implement the reviews' findings.
    FindingsActedOn,
    /// The findings not implemented, with the reasons.
    FindingsNotImplemented,
    /// Engagement activities and what changed.
    Engagement,
    /// Membership and attendance.
    Attendance,
    /// What each member did: attendance, training attended and funding by agency.
    Members,
    /// The agencies' contributions.
    Funding,
    /// Next year's priorities.
    NextYear,
}

/// One heading of a framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// Letters and hyphens; narratives are kept by it: `training`.
    pub key: &'static str,
    pub title: &'static str,
    /// What the framework asks for under it, in its own terms.
    pub asks: &'static str,
    pub part: Part,
}

const fn h(key: &'static str, title: &'static str, asks: &'static str, part: Part) -> Heading {
    Heading {
        key,
        title,
        asks,
        part,
    }
}

const WORKING_TOGETHER: [Heading; 10] = [
    h(
        "summary",
        "What we set out to do and what we did",
        "What the safeguarding partners have done as a result of the arrangements, and how effective the arrangements have been in practice.",
        Part::Summary,
    ),
    h(
        "plan",
        "Progress on the plan",
        "An analysis of any areas where there has been little or no evidence of progress on agreed priorities.",
        Part::Plan,
    ),
    h(
        "indicators",
        "Performance against comparators",
        "How the partnership has used data to understand outcomes for children and families, against comparable areas.",
        Part::Indicators,
    ),
    h(
        "assurance",
        "Audits and Section 11",
        "Multi-agency audit and how the relevant agencies have met their duties under Section 11 of the Children Act 2004.",
        Part::Assurance,
    ),
    h(
        "training",
        "Training and its impact",
        "Evidence of the impact of the partners' work, including training, on outcomes for children and families.",
        Part::Training,
    ),
    h(
        "case-reviews",
        "Child safeguarding practice reviews",
        "A record of the actions taken to implement the recommendations of local and national child safeguarding practice reviews, including any resulting improvements.",
        Part::CaseReviews,
    ),
    h(
        "engagement",
        "The voice of children, families and practitioners",
        "The ways the partners have sought and used feedback from children and families to inform their work and influence services.",
        Part::Engagement,
    ),
    h(
        "attendance",
        "Membership and attendance",
        "How the partners and relevant agencies have taken part in the arrangements.",
        Part::Attendance,
    ),
    h(
        "funding",
        "Funding",
        "The partners' contributions to the arrangements.",
        Part::Funding,
    ),
    h(
        "next-year",
        "Next year's priorities",
        "The partnership's priorities for the coming year and any changes to its published arrangements.",
        Part::NextYear,
    ),
];

const CARE_ACT: [Heading; 12] = [
    h(
        "summary",
        "(a) What the board did to achieve its objective",
        "Schedule 2, 4(1)(a): what it has done during that year to achieve its objective.",
        Part::Summary,
    ),
    h(
        "plan",
        "(b) What the board did to implement its strategy",
        "Schedule 2, 4(1)(b): what it has done during that year to implement its strategy.",
        Part::Plan,
    ),
    h(
        "members",
        "(c) What each member did to implement the strategy",
        "Schedule 2, 4(1)(c): what each member has done during that year to implement the strategy.",
        Part::Members,
    ),
    h(
        "reviews-concluded",
        "(d) Findings of the safeguarding adults reviews concluded in the year",
        "Schedule 2, 4(1)(d): the findings of the reviews arranged under section 44 which have concluded in that year.",
        Part::ReviewsConcluded,
    ),
    h(
        "reviews-ongoing",
        "(e) Reviews ongoing at the end of the year",
        "Schedule 2, 4(1)(e): the reviews arranged under section 44 which are ongoing at the end of that year.",
        Part::ReviewsOngoing,
    ),
    h(
        "findings-implemented",
        "(f) What the board did to implement the reviews' findings",
        "Schedule 2, 4(1)(f): what it has done during that year to implement the findings of reviews arranged under section 44.",
        Part::FindingsActedOn,
    ),
    h(
        "findings-not-implemented",
        "(g) Findings not implemented, and why",
        "Schedule 2, 4(1)(g): where it decides not to implement a finding of a review, the reasons for its decision.",
        Part::FindingsNotImplemented,
    ),
    h(
        "indicators",
        "Performance against comparators",
        "How the board has used data to understand outcomes for adults at risk, against comparable areas.",
        Part::Indicators,
    ),
    h(
        "assurance",
        "Audits and assurance",
        "The board's multi-agency audits and the assurance its members gave.",
        Part::Assurance,
    ),
    h(
        "training",
        "Training and its impact",
        "Evidence of the impact of the board's training on practice.",
        Part::Training,
    ),
    h(
        "engagement",
        "Hearing from adults, carers and practitioners",
        "How the board sought and used the views of adults with care and support needs, their carers and practitioners.",
        Part::Engagement,
    ),
    h(
        "next-year",
        "Next year's priorities",
        "The board's priorities for the coming year (its strategic plan).",
        Part::NextYear,
    ),
];

/// The headings of `framework`, in the report's order.
pub fn headings(framework: Framework) -> &'static [Heading] {
    match framework {
        Framework::WorkingTogether => &WORKING_TOGETHER,
        Framework::CareAct => &CARE_ACT,
    }
}

/// The heading of `framework` with `key`, if it has one.
pub fn find(framework: Framework, key: &str) -> Option<&'static Heading> {
    headings(framework).iter().find(|h| h.key == key)
}

/// Every section key any framework has, each once: what a narrative may be kept under.
pub fn all_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for h in WORKING_TOGETHER.iter().chain(CARE_ACT.iter()) {
        if !keys.contains(&h.key) {
            keys.push(h.key);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_care_act_list_has_items_a_to_g_in_order_and_keys_are_unique() {
        let titles: Vec<&str> = CARE_ACT.iter().map(|h| h.title).collect();
        for (i, letter) in ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)"]
            .iter()
            .enumerate()
        {
            assert!(titles[i].starts_with(letter), "{}", titles[i]);
        }
        for list in [&WORKING_TOGETHER[..], &CARE_ACT[..]] {
            let mut keys: Vec<&str> = list.iter().map(|h| h.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), list.len());
            assert!(!keys.contains(&super::super::DISTRIBUTION));
        }
        assert!(all_keys().contains(&"members") && all_keys().contains(&"funding"));
    }
}
