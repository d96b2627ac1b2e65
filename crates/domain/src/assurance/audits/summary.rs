//! What an audit's grades add up to: for each practice area, and for each agency (a case's
//! grades count for every agency involved in it), how many cases got each grade, and the share
//! graded in the better half of the scale ("good or better" on the default scale). Beside it,
//! the change in that share since the last audit of the same theme.

use serde::{Deserialize, Serialize};

use super::{Audit, Case};

/// How many cases got each grade, for one practice area or one agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub name: String,
    /// One count per grade of the scale, best first.
    pub counts: Vec<u32>,
    /// Grades counted (the sum of `counts`).
    pub graded: u32,
    /// The share of `graded` in the better half of the scale, in percent to one decimal;
    /// none when nothing was graded.
    pub good_or_better_percent: Option<f64>,
}

/// An audit's grades summed up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The grades, best first.
    pub scale: Vec<String>,
    /// How many of the best grades count as "good or better".
    pub good_grades: usize,
    pub cases: u32,
    /// In the audit's order of practice areas.
    pub by_area: Vec<Tally>,
    /// By agency name, A to Z.
    pub by_agency: Vec<Tally>,
}

/// One practice area's share "good or better" in the earlier audit of the theme and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaChange {
    pub area: String,
    pub before: Option<f64>,
    pub now: Option<f64>,
    /// `now - before` in percentage points, when both are known.
    pub points: Option<f64>,
}

/// How many of a scale's best grades count as good: the better half, at least one.
pub fn good_grades(scale_len: usize) -> usize {
    (scale_len / 2).max(1)
}

struct Counter {
    counts: Vec<u32>,
}

impl Counter {
    fn tally(self, name: String, good: usize) -> Tally {
        let graded: u32 = self.counts.iter().sum();
        let better: u32 = self.counts.iter().take(good).sum();
        Tally {
            name,
            good_or_better_percent: (graded > 0)
                .then(|| (f64::from(better) * 1000.0 / f64::from(graded)).round() / 10.0),
            counts: self.counts,
            graded,
        }
    }
}

/// Sum up `cases` of `audit`. Grades not on the audit's scale, or for an area it does not
/// grade, are left out (the store never keeps them).
pub fn summarise(audit: &Audit, cases: &[Case]) -> Summary {
    let n = audit.scale.len();
    let grade_index = |g: &str| audit.scale.iter().position(|s| s == g);
    let mut areas: Vec<Counter> = audit
        .areas
        .iter()
        .map(|_| Counter { counts: vec![0; n] })
        .collect();
    let mut agencies: std::collections::BTreeMap<&str, Counter> = Default::default();
    for case in cases {
        for (area, grade) in &case.grades {
            let (Some(a), Some(g)) = (
                audit.areas.iter().position(|x| x == area),
                grade_index(grade),
            ) else {
                continue;
            };
            areas[a].counts[g] += 1;
            for agency in &case.agencies {
                agencies
                    .entry(agency.as_str())
                    .or_insert_with(|| Counter { counts: vec![0; n] })
                    .counts[g] += 1;
            }
        }
    }
    let good = good_grades(n);
    Summary {
        scale: audit.scale.clone(),
        good_grades: good,
        cases: u32::try_from(cases.len()).unwrap_or(u32::MAX),
        by_area: audit
            .areas
            .iter()
            .zip(areas)
            .map(|(name, c)| c.tally(name.clone(), good))
            .collect(),
        by_agency: agencies
            .into_iter()
            .map(|(name, c)| c.tally(name.to_string(), good))
            .collect(),
    }
}

/// The change in each of `now`'s practice areas since `before` (areas matched case aside).
pub fn change(before: &Summary, now: &Summary) -> Vec<AreaChange> {
    now.by_area
        .iter()
        .map(|t| {
            let was = before
                .by_area
                .iter()
                .find(|b| b.name.eq_ignore_ascii_case(&t.name))
                .and_then(|b| b.good_or_better_percent);
            let is = t.good_or_better_percent;
            AreaChange {
                area: t.name.clone(),
                before: was,
                now: is,
                points: was.zip(is).map(|(b, n)| ((n - b) * 10.0).round() / 10.0),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assurance::audits::{AuditKind, AuditStatus, DEFAULT_SCALE};

    fn audit() -> Audit {
        Audit {
            year: 2009,
            theme: "Neglect".into(),
            kind: AuditKind::MultiAgencyCaseFile,
            lead: None,
            starts_on: None,
            ends_on: None,
            status: AuditStatus::Complete,
            reasons: vec![],
            areas: vec!["Assessment".into(), "Planning".into()],
            scale: DEFAULT_SCALE.map(String::from).into(),
            reaudit_on: None,
        }
    }

    fn case(agencies: &[&str], grades: &[(&str, &str)]) -> Case {
        Case {
            reference: "Child A".into(),
            agencies: agencies.iter().map(|a| a.to_string()).collect(),
            grades: grades
                .iter()
                .map(|(a, g)| (a.to_string(), g.to_string()))
                .collect(),
            strengths: None,
            findings: None,
        }
    }

    #[test]
    fn grades_are_counted_by_area_and_for_every_agency_involved() {
        let cases = [
            case(
                &["Police", "Health"],
                &[("Assessment", "good"), ("Planning", "inadequate")],
            ),
            case(&["Health"], &[("Assessment", "outstanding")]),
            case(&["Police"], &[("Assessment", "requires improvement")]),
        ];
        let s = summarise(&audit(), &cases);
        assert_eq!(s.cases, 3);
        assert_eq!(s.good_grades, 2);
        assert_eq!(s.by_area[0].counts, [1, 1, 1, 0]);
        assert_eq!(s.by_area[0].good_or_better_percent, Some(66.7));
        assert_eq!(s.by_area[1].counts, [0, 0, 0, 1]);
        assert_eq!(s.by_area[1].good_or_better_percent, Some(0.0));
        let names: Vec<&str> = s.by_agency.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Health", "Police"]);
        assert_eq!(s.by_agency[0].counts, [1, 1, 0, 1]);
        assert_eq!(s.by_agency[1].graded, 3);
    }

    #[test]
    fn the_change_since_the_last_audit_is_in_percentage_points() {
        let before = summarise(
            &audit(),
            &[case(&["Police"], &[("Assessment", "inadequate")])],
        );
        let now = summarise(&audit(), &[case(&["Police"], &[("Assessment", "good")])]);
        let c = change(&before, &now);
        assert_eq!(c[0].points, Some(100.0));
        assert_eq!(c[1].points, None, "planning was graded in neither");
    }

    #[test]
    fn a_three_grade_scale_counts_only_its_best_as_good() {
        assert_eq!(good_grades(3), 1);
        assert_eq!(good_grades(4), 2);
        assert_eq!(good_grades(2), 1);
    }
}
