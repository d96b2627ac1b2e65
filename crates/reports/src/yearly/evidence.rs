//! Which sections of a yearly report show evidence of impact, checked before publication
//! (published yearly reports routinely lack it). What counts, per part:
//!
//! - the plan: an action complete (signed off or reported) with evidence given on it;
//! - the indicators: one with a latest value and a comparator's line beside it;
//! - audits and Section 11: an audit compared with the last audit of its theme, or a
//!   Section 11 cycle compared with the cycle before;
//! - training: follow-up evaluations (the 6-12 week stage with the manager) returned;
//! - case reviews and the findings acted on: a recommendation implemented with its evidence
//!   of impact recorded;
//! - engagement: an activity that records what changed as a result.
//!
//! The other sections (the summary, attendance, funding, the reviews concluded and ongoing,
//! the findings not implemented, next year's priorities) give an account rather than claim
//! an impact, so they are not assessed. A narrative alone is not evidence: it says what the
//! data should show.

use domain::learning::case_reviews::RecommendationStatus;
use domain::learning::training::Stage;
use serde::Serialize;

use super::headings::{Part, headings};
use crate::facts::Facts;
use crate::input::ReportInput;
use crate::words;

/// One section's check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionCheck {
    pub key: &'static str,
    pub heading: &'static str,
    /// Whether the section is one that must show evidence of impact.
    pub assessed: bool,
    /// Whether it does.
    pub evidence: bool,
    /// What was found, or what would count: a sentence.
    pub found: String,
    /// Whether the business manager has written its narrative.
    pub narrative: bool,
}

impl SectionCheck {
    /// Flagged: a section that must show evidence of impact and shows none.
    pub fn flagged(&self) -> bool {
        self.assessed && !self.evidence
    }
}

/// Every section of `input`'s yearly report, checked; an input with no yearly part reads as
/// a Working Together report of the plan's year with nothing but the plan.
pub fn check(input: &ReportInput) -> Vec<SectionCheck> {
    let f = Facts::new(input);
    let yearly = input.yearly.clone().unwrap_or_default();
    headings(yearly.framework)
        .iter()
        .map(|h| {
            let (assessed, n, what) = count(&f, &yearly, h.part);
            SectionCheck {
                key: h.key,
                heading: h.title,
                assessed,
                evidence: assessed && n > 0,
                found: if !assessed {
                    "Not assessed: this section gives an account rather than claims an impact."
                        .to_owned()
                } else if n > 0 {
                    format!("Evidence of impact: {}.", words::count(n, what.0, what.1))
                } else {
                    format!("No evidence of impact: no {} in the year.", what.1)
                },
                narrative: yearly
                    .narratives
                    .get(h.key)
                    .is_some_and(|t| !t.trim().is_empty()),
            }
        })
        .collect()
}

type Words = (&'static str, &'static str);

/// Whether `part` is assessed, how many pieces of evidence it has, and what they are called.
fn count(f: &Facts<'_>, y: &super::Yearly, part: Part) -> (bool, usize, Words) {
    match part {
        Part::Plan => (
            true,
            f.actions()
                .filter(|(_, a, s)| s.is_complete() && !f.evidence(&a.id).is_empty())
                .count(),
            (
                "completed action with evidence",
                "completed actions with evidence",
            ),
        ),
        Part::Indicators => (
            true,
            f.input
                .indicators
                .iter()
                .filter(|i| {
                    i.latest.is_some()
                        && i.trend
                            .iter()
                            .skip(1)
                            .any(|t| t.label != "Target" && t.values.iter().any(Option::is_some))
                })
                .count(),
            (
                "indicator with a comparator",
                "indicators with a comparator",
            ),
        ),
        Part::Assurance => {
            let a = &f.input.assurance;
            let audits = a
                .audits
                .iter()
                .filter(|x| x.change.iter().any(|c| c.points.is_some()))
                .count();
            let s11 = a
                .section11
                .as_ref()
                .is_some_and(|s| s.previous_year.is_some());
            (
                true,
                audits + usize::from(s11),
                (
                    "audit or cycle compared with the one before",
                    "audits or cycles compared with the one before",
                ),
            )
        }
        Part::Training => (
            true,
            y.training.as_ref().map_or(0, |t| {
                t.total
                    .impact
                    .stages
                    .iter()
                    .filter(|s| s.stage == Stage::FollowUp)
                    .map(|s| s.responses)
                    .sum()
            }),
            ("follow-up evaluation", "follow-up evaluations"),
        ),
        Part::CaseReviews | Part::FindingsActedOn => (
            true,
            y.reviews
                .iter()
                .flat_map(|r| &r.recommendations)
                .filter(|x| {
                    x.status == RecommendationStatus::Implemented
                        && x.impact.as_ref().is_some_and(|i| !i.trim().is_empty())
                })
                .count(),
            (
                "recommendation implemented with evidence of impact",
                "recommendations implemented with evidence of impact",
            ),
        ),
        Part::Engagement => (
            true,
            y.engagement
                .iter()
                .filter(|a| a.changed.as_ref().is_some_and(|c| !c.trim().is_empty()))
                .count(),
            (
                "activity recording what changed",
                "activities recording what changed",
            ),
        ),
        Part::Summary
        | Part::ReviewsConcluded
        | Part::ReviewsOngoing
        | Part::FindingsNotImplemented
        | Part::Attendance
        | Part::Members
        | Part::Funding
        | Part::NextYear => (false, 0, ("", "")),
    }
}
