//! Training's impact beyond one course: by the plan's priorities, attendance by agency, and
//! the annual evaluation of training impact (3.3) over the sessions held in a financial
//! year, read by date (`training_sessions_held`). The roll-ups themselves are the domain's
//! (`domain::learning::rollup`).

use domain::learning::rollup::{
    AgencyAttendance, AttendanceRow, CourseLinks, PriorityRollup, SessionRun, YearEvaluation,
    by_agency, by_priority, evaluate, financial_year,
};
use domain::learning::training::Score;
use sqlx::{AnyConnection, Row};

use super::impact::by_course;
use super::training::{self, CourseRecord};
use crate::error::{Result, StoreError};
use crate::{Store, scope};

/// The sessions of `$1` held from `$2` to `$3`, with attendance (cast as in `training`).
pub(crate) const YEAR_SESSIONS: &str = "SELECT s.id, s.course_id, s.places,
         CAST(COALESCE((SELECT SUM(a.attended) FROM training_attendance a
                        WHERE a.session_id = s.id), 0) AS BIGINT) AS attended
     FROM training_sessions s
     WHERE s.partnership_id = $1 AND s.held_on >= $2 AND s.held_on <= $3";

/// The scores given on `$1`'s sessions held from `$2` to `$3`.
pub(crate) const YEAR_SCORES: &str =
    "SELECT s.course_id, sc.session_id, sc.stage, sc.respondent, sc.outcome, sc.score
     FROM training_sessions s
     JOIN training_scores sc ON sc.session_id = s.id
     WHERE s.partnership_id = $1 AND s.held_on >= $2 AND s.held_on <= $3";

/// The attendance rows of `$1`'s sessions (or, with `year`, of those held from `$2` to `$3`).
pub(crate) fn attendance_sql(year: bool) -> String {
    format!(
        "SELECT s.course_id, a.session_id, a.agency, a.role, a.attended
         FROM training_sessions s
         JOIN training_attendance a ON a.session_id = s.id
         WHERE s.partnership_id = $1{}",
        if year {
            " AND s.held_on >= $2 AND s.held_on <= $3"
        } else {
            ""
        }
    )
}

fn links(courses: &[CourseRecord]) -> Vec<CourseLinks> {
    courses
        .iter()
        .map(|c| CourseLinks {
            id: c.id,
            title: c.course.title.clone(),
            priorities: c.course.priorities.clone(),
        })
        .collect()
}

fn runs(courses: &[CourseRecord]) -> Vec<SessionRun> {
    courses
        .iter()
        .flat_map(|c| &c.sessions)
        .map(|s| SessionRun {
            course: s.course_id,
            session: s.id,
            places: s.session.places,
            attended: s.attended,
        })
        .collect()
}

async fn attendance(
    conn: &mut AnyConnection,
    pid: i64,
    year: Option<(String, String)>,
) -> Result<Vec<AttendanceRow>> {
    let sql = attendance_sql(year.is_some());
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(pid);
    if let Some((from, to)) = year {
        q = q.bind(from).bind(to);
    }
    let rows = q.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok(AttendanceRow {
                course: r.try_get("course_id")?,
                session: r.try_get("session_id")?,
                agency: r.try_get("agency")?,
                role: r.try_get("role")?,
                attended: u64::try_from(r.try_get::<i64, _>("attended")?).unwrap_or(0),
            })
        })
        .collect()
}

impl Store {
    /// Partnership `slug`'s training by priority: each objective some course serves, with
    /// those courses' sessions, attendance and evaluation together.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn training_impact_by_priority(&self, slug: &str) -> Result<Vec<PriorityRollup>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let courses = training::read(&mut tx, pid, None).await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(super::impact::scores_sql(false)))
            .bind(pid)
            .bind(None::<i64>)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let scores: Vec<Score> = by_course(&rows)?.into_values().flatten().collect();
        Ok(by_priority(&links(&courses), &runs(&courses), &scores))
    }

    /// Partnership `slug`'s training attendance by agency, with each agency's roles.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn training_attendance_by_agency(&self, slug: &str) -> Result<Vec<AgencyAttendance>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let rows = attendance(&mut tx, pid, None).await?;
        tx.commit().await?;
        Ok(by_agency(&rows))
    }

    /// The annual evaluation of partnership `slug`'s training impact for the financial year
    /// `year` (`2009-10`): the sessions held in it, their attendance and evaluation, by
    /// course, priority and agency.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn training_evaluation(&self, slug: &str, year: &str) -> Result<YearEvaluation> {
        let (label, period) = financial_year(year)
            .map_err(|e| StoreError::invalid(format!("year: {} {}", e.problem, e.fix)))?;
        let (from, to) = (period.start.to_string(), period.end.to_string());
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let courses = training::read(&mut tx, pid, None).await?;
        let sessions = sqlx::query(YEAR_SESSIONS)
            .bind(pid)
            .bind(from.as_str())
            .bind(to.as_str())
            .fetch_all(&mut *tx)
            .await?;
        let mut runs = Vec::with_capacity(sessions.len());
        for r in &sessions {
            runs.push(SessionRun {
                course: r.try_get("course_id")?,
                session: r.try_get("id")?,
                places: crate::codec::to_u32(r.try_get("places")?, "places")?,
                attended: u64::try_from(r.try_get::<i64, _>("attended")?).unwrap_or(0),
            });
        }
        let scores = sqlx::query(YEAR_SCORES)
            .bind(pid)
            .bind(from.as_str())
            .bind(to.as_str())
            .fetch_all(&mut *tx)
            .await?;
        let attended = attendance(&mut tx, pid, Some((from, to))).await?;
        tx.commit().await?;
        let scores: Vec<Score> = by_course(&scores)?.into_values().flatten().collect();
        Ok(evaluate(
            label,
            period,
            &links(&courses),
            &runs,
            &scores,
            &attended,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A year's sessions, scores and attendance are sought by the partnership and the date,
    /// and the attendance and scores by session; no table is read whole.
    #[tokio::test]
    async fn a_years_training_is_read_through_keys_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        let args = [
            Bind::Int(1),
            Bind::Text("2009-04-01"),
            Bind::Text("2010-03-31"),
        ];
        // SQLite's plan writes any lower bound `>`; PostgreSQL's writes it as given.
        let from = |p: &crate::query_plan::Plan| match p.backend {
            crate::Backend::Sqlite => ">",
            crate::Backend::Postgres => ">=",
        };
        let p = plan(YEAR_SESSIONS, &args).await;
        p.assert_no_full_read(
            "a year's sessions",
            &[("s", "training_sessions"), ("a", "training_attendance")],
        );
        p.assert_seeks_by("a year's sessions", "s", "held_on", from(&p));
        let p = plan(YEAR_SCORES, &args).await;
        p.assert_no_full_read(
            "a year's scores",
            &[("s", "training_sessions"), ("sc", "training_scores")],
        );
        p.assert_seeks_by("a year's scores", "s", "held_on", from(&p));
        let p = plan(&attendance_sql(true), &args).await;
        p.assert_no_full_read(
            "a year's attendance",
            &[("s", "training_sessions"), ("a", "training_attendance")],
        );
        p.assert_seeks_by("a year's attendance", "a", "session_id", "=");
        let p = plan(&attendance_sql(false), &args[..1]).await;
        p.assert_no_full_read(
            "the attendance",
            &[("s", "training_sessions"), ("a", "training_attendance")],
        );
    }
}
