//! The wire types of learning's API routes, also printed by `boardplan training impact
//! --json` and `boardplan review list --json`: courses with their impact by stage, and case
//! reviews with their clocks as they stand on a day and their recommendations.

use domain::Date;
use domain::learning::clocks::{Clock, clocks};
use serde::{Deserialize, Serialize};
use store::{CaseReviewRecord, CourseImpact, RecommendationRecord};
use utoipa::ToSchema;

use crate::api::wire::{date, segment};

/// One stage of a course's evaluation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingStageOut {
    /// before, after or follow_up.
    pub stage: String,
    /// Evaluations returned at this stage.
    pub responses: usize,
    /// The mean score (1 to 10), none without a score.
    pub mean_score: Option<f64>,
}

/// How the mean score moved between stages.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingChangeOut {
    pub before_to_after: Option<f64>,
    pub after_to_follow_up: Option<f64>,
    pub before_to_follow_up: Option<f64>,
}

/// One learning outcome's mean score at each stage.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingOutcomeOut {
    pub outcome: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub follow_up: Option<f64>,
}

/// A course and its impact.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CourseImpactOut {
    pub id: i64,
    pub title: String,
    pub level: String,
    /// The plan's objectives it serves.
    pub priorities: Vec<String>,
    /// The plan's actions it serves.
    pub actions: Vec<String>,
    pub sessions: usize,
    pub places: u64,
    pub attended: u64,
    pub stages: Vec<TrainingStageOut>,
    pub change: TrainingChangeOut,
    pub outcomes: Vec<TrainingOutcomeOut>,
}

impl From<&CourseImpact> for CourseImpactOut {
    fn from(c: &CourseImpact) -> Self {
        let i = &c.impact;
        Self {
            id: c.course.id,
            title: c.course.course.title.clone(),
            level: c.course.course.level.clone(),
            priorities: c.course.course.priorities.clone(),
            actions: c.course.course.actions.clone(),
            sessions: c.course.sessions.len(),
            places: c.places,
            attended: c.attended,
            stages: i
                .stages
                .iter()
                .map(|s| TrainingStageOut {
                    stage: s.stage.as_str().into(),
                    responses: s.responses,
                    mean_score: s.mean_score,
                })
                .collect(),
            change: TrainingChangeOut {
                before_to_after: i.change.before_to_after,
                after_to_follow_up: i.change.after_to_follow_up,
                before_to_follow_up: i.change.before_to_follow_up,
            },
            outcomes: i
                .outcomes
                .iter()
                .map(|o| TrainingOutcomeOut {
                    outcome: o.outcome.clone(),
                    before: o.before,
                    after: o.after,
                    follow_up: o.follow_up,
                })
                .collect(),
        }
    }
}

/// Courses and their impact.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingImpactList {
    pub items: Vec<CourseImpactOut>,
}

/// A statutory clock on a review.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CaseReviewClockOut {
    /// What must be done by the day it is due.
    pub what: String,
    #[schema(format = Date)]
    pub due: String,
    #[schema(format = Date)]
    pub done: Option<String>,
    /// met, missed, running or overdue.
    pub state: String,
    /// Days late (missed, overdue) or left (running).
    pub days: i64,
    /// Where the rule comes from.
    pub rule: String,
}

impl From<&Clock> for CaseReviewClockOut {
    fn from(c: &Clock) -> Self {
        let state = match c.state {
            domain::learning::clocks::ClockState::Met => "met",
            domain::learning::clocks::ClockState::Missed => "missed",
            domain::learning::clocks::ClockState::Running => "running",
            domain::learning::clocks::ClockState::Overdue => "overdue",
        };
        Self {
            what: c.what.into(),
            due: date(c.due),
            done: c.done.map(date),
            state: state.into(),
            days: c.days,
            rule: c.rule.into(),
        }
    }
}

/// A review's recommendation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CaseRecommendationOut {
    pub id: i64,
    pub text: String,
    /// implemented, in_progress or not_implemented.
    pub status: String,
    /// Why it was not implemented (always given then), or a note on the status.
    pub reason: Option<String>,
    /// To whom it is made.
    pub to_whom: Option<String>,
    /// Evidence of its impact.
    pub impact: Option<String>,
}

impl From<&RecommendationRecord> for CaseRecommendationOut {
    fn from(r: &RecommendationRecord) -> Self {
        Self {
            id: r.id,
            text: r.text.clone(),
            status: r.status.as_str().into(),
            reason: r.reason.clone(),
            to_whom: r.to_whom.clone(),
            impact: r.impact.clone(),
        }
    }
}

/// A case review with its clocks, as they stand today, and its recommendations.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CaseReviewOut {
    pub id: i64,
    /// serious_case_review, child_safeguarding_practice_review, rapid_review,
    /// learning_review, safeguarding_adults_review or domestic_homicide_review.
    pub kind: String,
    /// The case's pseudonym ("Child C"); never a real name.
    pub case_name: String,
    #[schema(format = Date)]
    pub notified: String,
    #[schema(format = Date)]
    pub decided: Option<String>,
    #[schema(format = Date)]
    pub published: Option<String>,
    pub clocks: Vec<CaseReviewClockOut>,
    pub recommendations: Vec<CaseRecommendationOut>,
    pub href: String,
}

impl CaseReviewOut {
    pub fn new(slug: &str, r: &CaseReviewRecord, today: Date) -> Self {
        Self {
            id: r.id,
            kind: r.kind.as_str().into(),
            case_name: r.case_name.clone(),
            notified: date(r.notified),
            decided: r.decided.map(date),
            published: r.published.map(date),
            clocks: clocks(r.kind, r.notified, r.decided, r.published, today)
                .iter()
                .map(CaseReviewClockOut::from)
                .collect(),
            recommendations: r
                .recommendations
                .iter()
                .map(CaseRecommendationOut::from)
                .collect(),
            href: format!(
                "/api/v1/partnerships/{}/case-reviews/{}",
                segment(slug),
                r.id
            ),
        }
    }
}

/// The case reviews register.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CaseReviewList {
    pub items: Vec<CaseReviewOut>,
}
