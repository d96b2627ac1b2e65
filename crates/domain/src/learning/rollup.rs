//! Training's impact rolled up beyond one course: by the plan's priorities (a course counts
//! towards each objective it is linked to), attendance by agency, and the annual evaluation
//! of training impact (3.3) over the sessions held in one financial year.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use super::impact::{Impact, impact};
use super::training::Score;
use crate::Period;
use crate::progress::InvalidValue;

/// A session as the roll-ups count it: its course, places and how many attended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRun {
    pub course: i64,
    pub session: i64,
    pub places: u32,
    pub attended: u64,
}

/// A course as the roll-ups know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseLinks {
    pub id: i64,
    pub title: String,
    /// The plan's objectives it serves, by number.
    pub priorities: Vec<String>,
}

/// Some courses' sessions, attendance and evaluation, together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    /// The courses counted, by id.
    pub courses: Vec<i64>,
    pub sessions: usize,
    pub places: u64,
    pub attended: u64,
    #[serde(flatten)]
    pub impact: Impact,
}

/// One priority's training.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityRollup {
    pub priority: String,
    #[serde(flatten)]
    pub rollup: Rollup,
}

/// One course's training in a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourseRollup {
    pub id: i64,
    pub title: String,
    #[serde(flatten)]
    pub rollup: Rollup,
}

/// How many of one agency's staff in one role attended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    pub course: i64,
    pub session: i64,
    pub agency: String,
    pub role: String,
    pub attended: u64,
}

/// One agency's attendance: over how many courses and sessions, and by role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyAttendance {
    pub agency: String,
    pub courses: usize,
    pub sessions: usize,
    pub attended: u64,
    pub roles: Vec<RoleAttendance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleAttendance {
    pub role: String,
    pub attended: u64,
}

/// The annual evaluation of training impact (3.3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearEvaluation {
    /// The financial year as boards write it: `2009-10`.
    pub year: String,
    pub from: Date,
    pub to: Date,
    /// Courses with at least one session in the year.
    pub courses_run: usize,
    /// Every session of the year together.
    pub total: Rollup,
    pub courses: Vec<CourseRollup>,
    pub priorities: Vec<PriorityRollup>,
    pub agencies: Vec<AgencyAttendance>,
}

/// The sessions of `courses` (and the scores given on them), rolled up.
pub fn rollup(courses: &[i64], runs: &[SessionRun], scores: &[Score]) -> Rollup {
    let wanted: BTreeSet<i64> = courses.iter().copied().collect();
    let runs: Vec<&SessionRun> = runs.iter().filter(|r| wanted.contains(&r.course)).collect();
    let sessions: BTreeSet<i64> = runs.iter().map(|r| r.session).collect();
    let given: Vec<Score> = scores
        .iter()
        .filter(|s| sessions.contains(&s.session))
        .cloned()
        .collect();
    Rollup {
        courses: wanted.into_iter().collect(),
        sessions: runs.len(),
        places: runs.iter().map(|r| u64::from(r.places)).sum(),
        attended: runs.iter().map(|r| r.attended).sum(),
        impact: impact(&given),
    }
}

/// Objective numbers in the plan's order: "2" before "10", "3.1" after "3".
fn number_order(n: &str) -> (Vec<u64>, String) {
    let parts = n
        .split('.')
        .map(|p| p.trim().parse::<u64>().unwrap_or(u64::MAX))
        .collect();
    (parts, n.to_string())
}

/// Each priority some course serves, with those courses rolled up, in the plan's order.
pub fn by_priority(
    courses: &[CourseLinks],
    runs: &[SessionRun],
    scores: &[Score],
) -> Vec<PriorityRollup> {
    let mut linked: BTreeMap<(Vec<u64>, String), Vec<i64>> = BTreeMap::new();
    for c in courses {
        for p in &c.priorities {
            linked.entry(number_order(p)).or_default().push(c.id);
        }
    }
    linked
        .into_iter()
        .map(|((_, priority), ids)| PriorityRollup {
            priority,
            rollup: rollup(&ids, runs, scores),
        })
        .collect()
}

/// Attendance by agency (alphabetically), each with its roles (most attended first).
pub fn by_agency(rows: &[AttendanceRow]) -> Vec<AgencyAttendance> {
    #[derive(Default)]
    struct Tally<'a> {
        courses: BTreeSet<i64>,
        sessions: BTreeSet<i64>,
        roles: BTreeMap<&'a str, u64>,
    }
    let mut by: BTreeMap<&str, Tally> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.attended > 0) {
        let t = by.entry(r.agency.as_str()).or_default();
        t.courses.insert(r.course);
        t.sessions.insert(r.session);
        *t.roles.entry(r.role.as_str()).or_default() += r.attended;
    }
    by.into_iter()
        .map(|(agency, t)| {
            let mut roles: Vec<RoleAttendance> = t
                .roles
                .into_iter()
                .map(|(role, attended)| RoleAttendance {
                    role: role.to_string(),
                    attended,
                })
                .collect();
            roles.sort_by(|a, b| b.attended.cmp(&a.attended).then(a.role.cmp(&b.role)));
            AgencyAttendance {
                agency: agency.to_string(),
                courses: t.courses.len(),
                sessions: t.sessions.len(),
                attended: roles.iter().map(|r| r.attended).sum(),
                roles,
            }
        })
        .collect()
}

/// A financial year as typed: `2009-10`, `2009/10` or `2009` (the year it starts).
pub fn financial_year(text: &str) -> Result<(String, Period), InvalidValue> {
    let t = text.trim();
    let bad = || InvalidValue {
        problem: format!("\"{t}\" is not a financial year."),
        fix: "Give it as boards write it: 2009-10 (1 April 2009 to 31 March 2010).".into(),
    };
    let (start, end) = match t.split_once(['-', '/']) {
        Some((s, e)) => (s, Some(e)),
        None => (t, None),
    };
    if start.len() != 4 {
        return Err(bad());
    }
    let start: i16 = start.parse().map_err(|_| bad())?;
    if let Some(e) = end {
        let e: i16 = e.parse().map_err(|_| bad())?;
        let next = start + 1;
        if !(e == next || e == next % 100) || !(2..=4).contains(&end.map_or(0, str::len)) {
            return Err(bad());
        }
    }
    let period = Period::financial_year(start).ok_or_else(bad)?;
    Ok((format!("{start}-{:02}", (start + 1) % 100), period))
}

/// The annual evaluation of the sessions in `runs` (those held in the year), the scores
/// given on them and their attendance rows.
pub fn evaluate(
    year: String,
    period: Period,
    courses: &[CourseLinks],
    runs: &[SessionRun],
    scores: &[Score],
    attendance: &[AttendanceRow],
) -> YearEvaluation {
    let run: BTreeSet<i64> = runs.iter().map(|r| r.course).collect();
    let ran: Vec<CourseLinks> = courses
        .iter()
        .filter(|c| run.contains(&c.id))
        .cloned()
        .collect();
    let ids: Vec<i64> = ran.iter().map(|c| c.id).collect();
    YearEvaluation {
        year,
        from: period.start,
        to: period.end,
        courses_run: ran.len(),
        total: rollup(&ids, runs, scores),
        courses: ran
            .iter()
            .map(|c| CourseRollup {
                id: c.id,
                title: c.title.clone(),
                rollup: rollup(&[c.id], runs, scores),
            })
            .collect(),
        priorities: by_priority(&ran, runs, scores),
        agencies: by_agency(attendance),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::training::Stage;

    fn score(session: i64, stage: Stage, who: &str, n: u8) -> Score {
        Score {
            session,
            stage,
            respondent: who.into(),
            outcome: "Recognise neglect".into(),
            score: n,
            comment: None,
        }
    }

    fn run(course: i64, session: i64, places: u32, attended: u64) -> SessionRun {
        SessionRun {
            course,
            session,
            places,
            attended,
        }
    }

    fn course(id: i64, priorities: &[&str]) -> CourseLinks {
        CourseLinks {
            id,
            title: format!("Course {id}"),
            priorities: priorities.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_course_counts_towards_each_priority_it_serves_in_the_plans_order() {
        let courses = [course(1, &["10", "3"]), course(2, &["3"])];
        let runs = [run(1, 11, 20, 15), run(2, 21, 10, 10)];
        let scores = [
            score(11, Stage::Before, "a", 4),
            score(11, Stage::After, "a", 8),
            score(21, Stage::Before, "b", 2),
            score(21, Stage::FollowUp, "b", 6),
        ];
        let got = by_priority(&courses, &runs, &scores);
        let keys: Vec<&str> = got.iter().map(|p| p.priority.as_str()).collect();
        assert_eq!(keys, ["3", "10"]);
        let three = &got[0].rollup;
        assert_eq!(three.courses, [1, 2]);
        assert_eq!((three.sessions, three.places, three.attended), (2, 30, 25));
        assert_eq!(three.impact.stages[0].mean_score, Some(3.0));
        assert_eq!(three.impact.change.before_to_follow_up, Some(3.0));
        let ten = &got[1].rollup;
        assert_eq!((ten.sessions, ten.attended), (1, 15));
        assert_eq!(ten.impact.change.before_to_after, Some(4.0));
        assert_eq!(ten.impact.stages[2].responses, 0);
    }

    #[test]
    fn attendance_by_agency_counts_courses_sessions_and_roles() {
        let row = |course, session, agency: &str, role: &str, attended| AttendanceRow {
            course,
            session,
            agency: agency.into(),
            role: role.into(),
            attended,
        };
        let got = by_agency(&[
            row(1, 11, "NHS Kingston", "GP", 4),
            row(1, 11, "NHS Kingston", "Health visitor", 6),
            row(2, 21, "NHS Kingston", "GP", 3),
            row(2, 21, "Children's Services", "Social worker", 9),
            row(2, 21, "Police", "Officer", 0),
        ]);
        assert_eq!(got.len(), 2, "an agency with nobody attending is left out");
        assert_eq!(got[0].agency, "Children's Services");
        let nhs = &got[1];
        assert_eq!((nhs.courses, nhs.sessions, nhs.attended), (2, 2, 13));
        assert_eq!(nhs.roles[0].role, "GP");
        assert_eq!(nhs.roles[0].attended, 7);
    }

    #[test]
    fn a_financial_year_reads_as_boards_write_it() {
        let (label, p) = financial_year("2009-10").unwrap();
        assert_eq!(label, "2009-10");
        assert_eq!(p.start.to_string(), "2009-04-01");
        assert_eq!(p.end.to_string(), "2010-03-31");
        assert_eq!(financial_year("2009/2010").unwrap().0, "2009-10");
        assert_eq!(financial_year("1999-00").unwrap().0, "1999-00");
        assert_eq!(financial_year("2009").unwrap().0, "2009-10");
        for bad in ["2009-11", "09-10", "next year", ""] {
            let e = financial_year(bad).unwrap_err();
            assert!(e.fix.contains("2009-10"), "{bad}: {e:?}");
        }
    }

    #[test]
    fn the_year_counts_only_courses_run_and_rolls_them_up() {
        let (year, period) = financial_year("2009-10").unwrap();
        let courses = [course(1, &["3"]), course(2, &["4"]), course(3, &["3"])];
        let runs = [run(1, 11, 20, 15), run(3, 31, 10, 5)];
        let scores = [
            score(11, Stage::Before, "a", 4),
            score(11, Stage::After, "a", 8),
            score(31, Stage::After, "b", 6),
        ];
        let e = evaluate(year, period, &courses, &runs, &scores, &[]);
        assert_eq!(e.courses_run, 2);
        assert_eq!(e.total.attended, 20);
        assert_eq!(e.total.impact.stages[1].mean_score, Some(7.0));
        assert_eq!(e.total.impact.change.before_to_after, Some(3.0));
        let keys: Vec<&str> = e.priorities.iter().map(|p| p.priority.as_str()).collect();
        assert_eq!(keys, ["3"], "priority 4's course did not run this year");
        assert_eq!(e.courses[1].rollup.places, 10);
    }
}
