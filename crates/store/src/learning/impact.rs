//! Training's impact by course: the sessions, places and attendance, and the evaluation
//! scores rolled up by stage (`domain::learning::training::impact`).

use std::collections::BTreeMap;

use domain::learning::training::{Impact, Score, Stage, impact};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use super::training::{self, CourseRecord};
use crate::error::{Result, StoreError};
use crate::{Store, scope};

/// One course's impact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourseImpact {
    pub course: CourseRecord,
    pub places: u64,
    pub attended: u64,
    pub impact: Impact,
}

/// Every score given on the sessions of `$1`'s courses (or of course `$2`).
pub(crate) fn scores_sql(one: bool) -> String {
    format!(
        "SELECT s.course_id, sc.session_id, sc.stage, sc.respondent, sc.outcome, sc.score
         FROM training_sessions s
         JOIN training_scores sc ON sc.session_id = s.id
         WHERE s.partnership_id = $1 AND {}",
        crate::sql::only_if_given("s.course_id", 2, one)
    )
}

async fn scores(
    conn: &mut AnyConnection,
    pid: i64,
    only: Option<i64>,
) -> Result<BTreeMap<i64, Vec<Score>>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(scores_sql(only.is_some())))
        .bind(pid)
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
    by_course(&rows)
}

/// Rows of `course_id, session_id, stage, respondent, outcome, score` as scores by course.
pub(crate) fn by_course(rows: &[sqlx::any::AnyRow]) -> Result<BTreeMap<i64, Vec<Score>>> {
    let mut by_course: BTreeMap<i64, Vec<Score>> = BTreeMap::new();
    for r in rows {
        let stage: String = r.try_get("stage")?;
        let score: i64 = r.try_get("score")?;
        by_course
            .entry(r.try_get("course_id")?)
            .or_default()
            .push(Score {
                session: r.try_get("session_id")?,
                stage: stage
                    .parse::<Stage>()
                    .map_err(|e| StoreError::invalid(e.problem))?,
                respondent: r.try_get("respondent")?,
                outcome: r.try_get("outcome")?,
                score: u8::try_from(score).map_err(|_| {
                    StoreError::invalid(format!("the database holds {score} as a score"))
                })?,
                comment: None,
            });
    }
    Ok(by_course)
}

impl Store {
    /// The impact of partnership `slug`'s training, course by course (or of course `only`:
    /// not found if it is not the partnership's).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn training_impact(
        &self,
        slug: &str,
        only: Option<i64>,
    ) -> Result<Vec<CourseImpact>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let courses = training::read(&mut tx, pid, only).await?;
        if let (Some(id), true) = (only, courses.is_empty()) {
            return Err(StoreError::not_found(format!("training course {id}")));
        }
        let mut scores = scores(&mut tx, pid, only).await?;
        tx.commit().await?;
        Ok(courses
            .into_iter()
            .map(|course| {
                let given = scores.remove(&course.id).unwrap_or_default();
                CourseImpact {
                    places: course
                        .sessions
                        .iter()
                        .map(|s| u64::from(s.session.places))
                        .sum(),
                    attended: course.sessions.iter().map(|s| s.attended).sum(),
                    impact: impact(&given),
                    course,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One course's impact seeks its sessions by course and their scores by session, and
    /// reads no table whole, on the tests' back end.
    #[tokio::test]
    async fn one_courses_impact_is_read_through_keys_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        let p = plan(&scores_sql(true), &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read(
            "one course's scores",
            &[("s", "training_sessions"), ("sc", "training_scores")],
        );
        p.assert_seeks_by("one course's scores", "s", "course_id", "=");
        let p = plan(&training::sessions_sql(true), &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read(
            "one course's sessions",
            &[("s", "training_sessions"), ("a", "training_attendance")],
        );
        p.assert_seeks_by("one course's sessions", "s", "course_id", "=");
    }
}
