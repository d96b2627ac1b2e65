//! What the training page shows beyond its courses: the training needs by priority and
//! agency beside the courses that meet them, impact by priority, attendance by agency, and
//! the annual evaluation of training impact (3.3) for a financial year (`?year=2009-10`;
//! by default the year of the latest session).

use domain::learning::rollup::{AgencyAttendance, PriorityRollup, YearEvaluation};
use store::{CourseImpact, NeedRecord};

use super::{change, score};
use crate::view::day;

pub struct NeedRow {
    pub priority: String,
    pub agency: String,
    pub need: String,
    pub staff: u32,
    /// (href, title) of each course linked to the priority.
    pub courses: Vec<(String, String)>,
}

pub struct PriorityRow {
    pub priority: String,
    pub courses: usize,
    pub sessions: usize,
    pub attended: u64,
    pub before: String,
    pub after: String,
    pub follow_up: String,
    pub change: String,
}

pub struct AgencyRow {
    pub agency: String,
    pub courses: usize,
    pub sessions: usize,
    pub attended: u64,
    pub roles: String,
}

/// The year's evaluation as the page shows it.
pub struct YearView {
    pub year: String,
    pub span: String,
    pub courses_run: usize,
    pub sessions: usize,
    pub places: u64,
    pub attended: u64,
    pub before: String,
    pub after: String,
    pub follow_up: String,
    pub before_to_after: String,
    pub after_to_follow_up: String,
    pub before_to_follow_up: String,
    pub priorities: Vec<PriorityRow>,
    pub agencies: Vec<AgencyRow>,
}

pub fn needs(slug: &str, needs: &[NeedRecord]) -> Vec<NeedRow> {
    needs
        .iter()
        .map(|n| NeedRow {
            priority: n.need.priority.clone(),
            agency: n.need.agency.clone(),
            need: n.need.need.clone(),
            staff: n.need.staff,
            courses: n
                .courses
                .iter()
                .map(|c| (format!("/p/{slug}/training/{}", c.id), c.title.clone()))
                .collect(),
        })
        .collect()
}

pub fn priorities(found: &[PriorityRollup]) -> Vec<PriorityRow> {
    found
        .iter()
        .map(|p| {
            let r = &p.rollup;
            let m = |i: usize| score(r.impact.stages.get(i).and_then(|s| s.mean_score));
            PriorityRow {
                priority: p.priority.clone(),
                courses: r.courses.len(),
                sessions: r.sessions,
                attended: r.attended,
                before: m(0),
                after: m(1),
                follow_up: m(2),
                change: change(r.impact.change.before_to_follow_up),
            }
        })
        .collect()
}

pub fn agencies(found: &[AgencyAttendance]) -> Vec<AgencyRow> {
    found
        .iter()
        .map(|a| AgencyRow {
            agency: a.agency.clone(),
            courses: a.courses,
            sessions: a.sessions,
            attended: a.attended,
            roles: a
                .roles
                .iter()
                .map(|r| format!("{} {}", r.role, r.attended))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

pub fn year(e: &YearEvaluation) -> YearView {
    let t = &e.total;
    let m = |i: usize| score(t.impact.stages.get(i).and_then(|s| s.mean_score));
    YearView {
        year: e.year.clone(),
        span: format!("{} to {}", day(e.from), day(e.to)),
        courses_run: e.courses_run,
        sessions: t.sessions,
        places: t.places,
        attended: t.attended,
        before: m(0),
        after: m(1),
        follow_up: m(2),
        before_to_after: change(t.impact.change.before_to_after),
        after_to_follow_up: change(t.impact.change.after_to_follow_up),
        before_to_follow_up: change(t.impact.change.before_to_follow_up),
        priorities: priorities(&e.priorities),
        agencies: agencies(&e.agencies),
    }
}

/// The financial year of the latest session (`2009-10`), else the one `today` is in.
pub fn default_year(courses: &[CourseImpact], today: domain::Date) -> String {
    let latest = courses
        .iter()
        .flat_map(|c| &c.course.sessions)
        .map(|s| s.session.held_on)
        .max()
        .unwrap_or(today);
    let start = if latest.month() >= 4 {
        latest.year()
    } else {
        latest.year() - 1
    };
    format!("{start}-{:02}", (start + 1) % 100)
}
