//! Training courses and their sessions: adding them, and reading them back with the
//! attendance counted per session.

use domain::learning::training::{Course, Session};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::{Store, scope};

/// A course as stored, with its sessions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourseRecord {
    pub id: i64,
    #[serde(flatten)]
    pub course: Course,
    pub sessions: Vec<TrainingSessionRecord>,
}

/// A session as stored, with how many attended (over agencies and roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingSessionRecord {
    pub id: i64,
    pub course_id: i64,
    #[serde(flatten)]
    pub session: Session,
    pub attended: u64,
}

fn invalid((field, e): (&str, domain::InvalidValue)) -> StoreError {
    StoreError::invalid(format!("{field}: {} {}", e.problem, e.fix))
}

/// The courses of partnership `pid` (or only course `only`), by title, with their sessions.
pub(crate) async fn read(
    conn: &mut AnyConnection,
    pid: i64,
    only: Option<i64>,
) -> Result<Vec<CourseRecord>> {
    let one = only.is_some();
    let sql = format!(
        "SELECT id, title, level, priorities, actions FROM training_courses c
         WHERE c.partnership_id = $1 AND {}",
        crate::sql::only_if_given("c.id", 2, one)
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(pid)
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
    let mut courses = Vec::with_capacity(rows.len());
    for r in &rows {
        courses.push(CourseRecord {
            id: r.try_get("id")?,
            course: Course {
                title: r.try_get("title")?,
                level: r.try_get("level")?,
                priorities: codec::parse_text_list(&r.try_get::<String, _>("priorities")?)?,
                actions: codec::parse_text_list(&r.try_get::<String, _>("actions")?)?,
            },
            sessions: Vec::new(),
        });
    }
    let sessions = sqlx::query(sqlx::AssertSqlSafe(sessions_sql(one)))
        .bind(pid)
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
    for r in &sessions {
        let course_id: i64 = r.try_get("course_id")?;
        let s = TrainingSessionRecord {
            id: r.try_get("id")?,
            course_id,
            session: Session {
                held_on: codec::parse_date(&r.try_get::<String, _>("held_on")?)?,
                trainer: r.try_get("trainer")?,
                places: codec::to_u32(r.try_get("places")?, "places")?,
            },
            attended: u64::try_from(r.try_get::<i64, _>("attended")?).unwrap_or(0),
        };
        if let Some(c) = courses.iter_mut().find(|c| c.id == course_id) {
            c.sessions.push(s);
        }
    }
    courses.sort_by_key(|c| c.course.title.to_lowercase());
    Ok(courses)
}

/// The sessions of every course of `$1` (or of course `$2`), oldest first, with attendance
/// (cast: PostgreSQL's SUM of BIGINT is NUMERIC, which the Any driver cannot read).
pub(crate) fn sessions_sql(one: bool) -> String {
    format!(
        "SELECT s.id, s.course_id, s.held_on, s.trainer, s.places,
             CAST(COALESCE((SELECT SUM(a.attended) FROM training_attendance a
                            WHERE a.session_id = s.id), 0) AS BIGINT) AS attended
         FROM training_sessions s
         WHERE s.partnership_id = $1 AND {}
         ORDER BY s.held_on, s.id",
        crate::sql::only_if_given("s.course_id", 2, one)
    )
}

impl Store {
    /// Partnership `slug`'s training courses, by title, with their sessions.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn training_courses(&self, slug: &str) -> Result<Vec<CourseRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let courses = read(&mut tx, pid, None).await?;
        tx.commit().await?;
        Ok(courses)
    }

    /// One course of partnership `slug`, with its sessions; not found if another's.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn training_course(&self, slug: &str, id: i64) -> Result<CourseRecord> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let found = read(&mut tx, pid, Some(id)).await?.pop();
        tx.commit().await?;
        found.ok_or_else(|| StoreError::not_found(format!("training course {id}")))
    }

    /// Add course `c` to partnership `slug`'s training plan. Its priorities and actions must
    /// be numbers of the current plan; a title already used is a conflict.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_training_course(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        c: &Course,
    ) -> Result<CourseRecord> {
        let c = c.clone().checked().map_err(invalid)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        super::links::check(&mut w.tx, w.pid, &c.priorities, &c.actions).await?;
        let taken = sqlx::query(
            "SELECT id FROM training_courses WHERE partnership_id = $1 AND LOWER(title) = LOWER($2)",
        )
        .bind(w.pid)
        .bind(c.title.as_str())
        .fetch_optional(&mut *w.tx)
        .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict {
                what: format!(
                    "there is already a course titled \"{}\": give this one another title",
                    c.title
                ),
            });
        }
        let row = sqlx::query(
            "INSERT INTO training_courses (partnership_id, title, level, priorities, actions,
                 created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(w.pid)
        .bind(c.title.as_str())
        .bind(c.level.as_str())
        .bind(codec::text_list(&c.priorities)?)
        .bind(codec::text_list(&c.actions)?)
        .bind(w.at.as_str())
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        w.log.created("training_course", id.to_string(), &c)?;
        w.commit().await?;
        Ok(CourseRecord {
            id,
            course: c,
            sessions: Vec::new(),
        })
    }

    /// Add session `s` to course `course_id` of partnership `slug`.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_training_session(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        course_id: i64,
        s: &Session,
    ) -> Result<TrainingSessionRecord> {
        let s = s.clone().checked().map_err(invalid)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let course =
            sqlx::query("SELECT id FROM training_courses WHERE partnership_id = $1 AND id = $2")
                .bind(w.pid)
                .bind(course_id)
                .fetch_optional(&mut *w.tx)
                .await?;
        if course.is_none() {
            return Err(StoreError::not_found(format!(
                "training course {course_id} (list the courses with boardplan training course list)"
            )));
        }
        let row = sqlx::query(
            "INSERT INTO training_sessions (partnership_id, course_id, held_on, trainer, places,
                 created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(w.pid)
        .bind(course_id)
        .bind(codec::date_text(s.held_on))
        .bind(s.trainer.as_str())
        .bind(i64::from(s.places))
        .bind(w.at.as_str())
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        w.log.created("training_session", id.to_string(), &s)?;
        w.commit().await?;
        Ok(TrainingSessionRecord {
            id,
            course_id,
            session: s,
            attended: 0,
        })
    }
}
