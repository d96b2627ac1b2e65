//! A course's evaluation rolled up: per stage the responses and mean score, the change
//! between the stages, and each learning outcome's mean at each stage.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::training::{Score, Stage};

/// One stage of a course's evaluation, rolled up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageImpact {
    pub stage: Stage,
    /// How many evaluations were returned (respondents of a session).
    pub responses: usize,
    /// The mean of every score given at this stage, to two places; none without a score.
    pub mean_score: Option<f64>,
}

/// How the mean score moved between the stages (none where either stage has no score).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub before_to_after: Option<f64>,
    pub after_to_follow_up: Option<f64>,
    pub before_to_follow_up: Option<f64>,
}

/// One learning outcome's mean score at each stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeImpact {
    pub outcome: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub follow_up: Option<f64>,
}

/// A course's evaluation, rolled up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Impact {
    pub stages: Vec<StageImpact>,
    pub change: Change,
    pub outcomes: Vec<OutcomeImpact>,
}

fn mean(sum: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| (sum as f64 / n as f64 * 100.0).round() / 100.0)
}

fn diff(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(((b? - a?) * 100.0).round() / 100.0)
}

/// Roll a course's scores up (in any order).
pub fn impact(scores: &[Score]) -> Impact {
    let mut responses: BTreeMap<Stage, BTreeSet<(i64, &str)>> = BTreeMap::new();
    let mut totals: BTreeMap<Stage, (u64, u64)> = BTreeMap::new();
    let mut by_outcome: BTreeMap<&str, BTreeMap<Stage, (u64, u64)>> = BTreeMap::new();
    for s in scores {
        responses
            .entry(s.stage)
            .or_default()
            .insert((s.session, s.respondent.as_str()));
        for t in [
            totals.entry(s.stage).or_default(),
            by_outcome
                .entry(s.outcome.as_str())
                .or_default()
                .entry(s.stage)
                .or_default(),
        ] {
            t.0 += u64::from(s.score);
            t.1 += 1;
        }
    }
    let stage_mean = |t: Option<&(u64, u64)>| t.and_then(|(sum, n)| mean(*sum, *n));
    let stages: Vec<StageImpact> = Stage::ALL
        .into_iter()
        .map(|stage| StageImpact {
            stage,
            responses: responses.get(&stage).map_or(0, BTreeSet::len),
            mean_score: stage_mean(totals.get(&stage)),
        })
        .collect();
    let m = |i: usize| stages[i].mean_score;
    Impact {
        change: Change {
            before_to_after: diff(m(0), m(1)),
            after_to_follow_up: diff(m(1), m(2)),
            before_to_follow_up: diff(m(0), m(2)),
        },
        outcomes: by_outcome
            .into_iter()
            .map(|(outcome, t)| OutcomeImpact {
                outcome: outcome.to_string(),
                before: stage_mean(t.get(&Stage::Before)),
                after: stage_mean(t.get(&Stage::After)),
                follow_up: stage_mean(t.get(&Stage::FollowUp)),
            })
            .collect(),
        stages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(session: i64, stage: Stage, who: &str, outcome: &str, score: u8) -> Score {
        Score {
            session,
            stage,
            respondent: who.into(),
            outcome: outcome.into(),
            score,
            comment: None,
        }
    }

    #[test]
    fn impact_counts_responses_and_means_per_stage_and_the_change_between() {
        let scores = [
            score(1, Stage::Before, "r1", "Recognise neglect", 3),
            score(1, Stage::Before, "r1", "Know the referral route", 4),
            score(1, Stage::Before, "r2", "Recognise neglect", 2),
            score(1, Stage::After, "r1", "Recognise neglect", 8),
            score(1, Stage::After, "r2", "Recognise neglect", 7),
            score(2, Stage::After, "r1", "Recognise neglect", 6),
            score(1, Stage::FollowUp, "r1", "Recognise neglect", 7),
        ];
        let i = impact(&scores);
        let got: Vec<(Stage, usize, Option<f64>)> = i
            .stages
            .iter()
            .map(|s| (s.stage, s.responses, s.mean_score))
            .collect();
        assert_eq!(
            got,
            [
                (Stage::Before, 2, Some(3.0)),
                (Stage::After, 3, Some(7.0)),
                (Stage::FollowUp, 1, Some(7.0)),
            ]
        );
        assert_eq!(i.change.before_to_after, Some(4.0));
        assert_eq!(i.change.after_to_follow_up, Some(0.0));
        assert_eq!(i.change.before_to_follow_up, Some(4.0));
        assert_eq!(i.outcomes[0].outcome, "Know the referral route");
        assert_eq!(i.outcomes[0].after, None);
        assert_eq!(i.outcomes[1].before, Some(2.5));
    }

    #[test]
    fn no_scores_give_no_means_and_no_change() {
        let i = impact(&[]);
        assert!(
            i.stages
                .iter()
                .all(|s| s.responses == 0 && s.mean_score.is_none())
        );
        assert_eq!(i.change.before_to_after, None);
    }
}
