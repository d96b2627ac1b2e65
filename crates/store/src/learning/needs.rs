//! Training needs by priority and agency: adding one (its priority must be an objective of
//! the current plan), and reading them back beside the courses that serve the same priority.

use domain::learning::needs::TrainingNeed;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::{Store, scope};

/// A need as stored, with the courses that meet it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedRecord {
    pub id: i64,
    #[serde(flatten)]
    pub need: TrainingNeed,
    /// The courses linked to the need's priority.
    pub courses: Vec<NeedCourse>,
}

/// A course that meets a need, as the list names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedCourse {
    pub id: i64,
    pub title: String,
}

/// The needs of partnership `$1`.
pub(crate) const NEEDS: &str = "SELECT n.id, n.priority, n.agency, n.need, n.staff
     FROM training_needs n WHERE n.partnership_id = $1";

async fn read(conn: &mut AnyConnection, pid: i64) -> Result<Vec<NeedRecord>> {
    let courses = super::training::read(conn, pid, None).await?;
    let rows = sqlx::query(NEEDS).bind(pid).fetch_all(&mut *conn).await?;
    let mut needs = Vec::with_capacity(rows.len());
    for r in &rows {
        let need = TrainingNeed {
            priority: r.try_get("priority")?,
            agency: r.try_get("agency")?,
            need: r.try_get("need")?,
            staff: codec::to_u32(r.try_get("staff")?, "staff")?,
        };
        needs.push(NeedRecord {
            id: r.try_get("id")?,
            courses: courses
                .iter()
                .filter(|c| c.course.priorities.contains(&need.priority))
                .map(|c| NeedCourse {
                    id: c.id,
                    title: c.course.title.clone(),
                })
                .collect(),
            need,
        });
    }
    // In the plan's order of priorities, then by agency.
    needs.sort_by(|a, b| {
        let key = |n: &NeedRecord| {
            let number: Vec<u64> = n
                .need
                .priority
                .split('.')
                .map(|p| p.parse().unwrap_or(u64::MAX))
                .collect();
            (number, n.need.agency.to_lowercase(), n.id)
        };
        key(a).cmp(&key(b))
    });
    Ok(needs)
}

impl Store {
    /// Partnership `slug`'s training needs, by priority and agency, each with the courses
    /// linked to its priority.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn training_needs(&self, slug: &str) -> Result<Vec<NeedRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let needs = read(&mut tx, pid).await?;
        tx.commit().await?;
        Ok(needs)
    }

    /// Record a training need. Its priority must be an objective of the current plan; the
    /// same need for the same agency and priority twice is a conflict.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_training_need(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        need: &TrainingNeed,
    ) -> Result<NeedRecord> {
        let n = need.clone().checked().map_err(|(field, e)| {
            StoreError::invalid(format!("{field}: {} {}", e.problem, e.fix))
        })?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        super::links::check(&mut w.tx, w.pid, std::slice::from_ref(&n.priority), &[])
            .await
            .map_err(|e| match e {
                StoreError::InvalidData { what } => {
                    StoreError::invalid(what.replacen("priorities: ", "priority: ", 1))
                }
                e => e,
            })?;
        let row = sqlx::query(
            "INSERT INTO training_needs (partnership_id, priority, agency, need, staff, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (partnership_id, priority, agency, need) DO NOTHING RETURNING id",
        )
        .bind(w.pid)
        .bind(n.priority.as_str())
        .bind(n.agency.as_str())
        .bind(n.need.as_str())
        .bind(i64::from(n.staff))
        .bind(w.at.as_str())
        .fetch_optional(&mut *w.tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::Conflict {
                what: format!(
                    "{} already has this need recorded under priority {}: list the needs with \
                     boardplan training need list",
                    n.agency, n.priority
                ),
            });
        };
        let id: i64 = row.try_get("id")?;
        w.log.created("training_need", id.to_string(), &n)?;
        let found = read(&mut w.tx, w.pid)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| StoreError::not_found("the training need just added"))?;
        w.commit().await?;
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A partnership's needs are read through its key, not by reading every board's.
    #[tokio::test]
    async fn the_needs_are_read_through_the_partnership_key() {
        use crate::query_plan::{Bind, plan};
        let p = plan(NEEDS, &[Bind::Int(1)]).await;
        p.assert_no_full_read("the training needs", &[("n", "training_needs")]);
        p.assert_seeks_by("the training needs", "n", "partnership_id", "=");
    }
}
