//! The read side of the store's API: whole partnerships, lists of partnerships and plan
//! versions, and record counts. (The change log's reads are in `changelog`.)

use domain::{Counts, Partnership};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::scope;

use super::partnership_read;

/// A partnership and its current plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnershipSummary {
    pub slug: String,
    pub name: String,
    pub plans: Vec<PlanSummary>,
}

/// One version of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    pub title: String,
    pub version: i64,
    /// How many actions this version has.
    pub actions: i64,
    /// The document it was imported from.
    pub source_name: String,
    pub created_at: String,
    /// When a later version replaced it; `None` for the current version.
    pub superseded_at: Option<String>,
}

const PLAN_SUMMARY: &str = "SELECT p.partnership_id AS partnership_id, p.title AS title,
        p.version AS version, p.source_name AS source_name, p.created_at AS created_at,
        p.superseded_at AS superseded_at,
        (SELECT COUNT(*) FROM actions a WHERE a.plan_id = p.id) AS actions
    FROM plans p";

fn plan_summary(r: &AnyRow) -> Result<PlanSummary> {
    Ok(PlanSummary {
        title: r.try_get("title")?,
        version: r.try_get("version")?,
        actions: r.try_get("actions")?,
        source_name: r.try_get("source_name")?,
        created_at: r.try_get("created_at")?,
        superseded_at: r.try_get("superseded_at")?,
    })
}

fn count(r: &AnyRow, column: &str) -> Result<usize> {
    let n: i64 = r.try_get(column)?;
    usize::try_from(n)
        .map_err(|_| StoreError::invalid(format!("the database counted {n} {column}")))
}

impl Store {
    /// The partnership `slug` as imported: its board and the current version of each plan,
    /// in their original order.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn load_partnership(&self, slug: &str) -> Result<Option<Partnership>> {
        let mut tx = self.begin_read().await?;
        let p = partnership_read::load(&mut tx, slug).await?;
        tx.commit().await?;
        Ok(p)
    }

    /// Every partnership, by name, with its current plans.
    #[tracing::instrument(skip_all)]
    pub async fn partnerships(&self) -> Result<Vec<PartnershipSummary>> {
        let mut conn = self.begin_read().await?;
        let rows = sqlx::query("SELECT id, slug, name FROM partnerships ORDER BY name, id")
            .fetch_all(&mut *conn)
            .await?;
        let plan_rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{PLAN_SUMMARY} WHERE p.superseded_at IS NULL ORDER BY p.partnership_id, p.position, p.id"
        )))
        .fetch_all(&mut *conn)
        .await?;
        conn.commit().await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                let mut plans = Vec::new();
                for pr in &plan_rows {
                    if pr.try_get::<i64, _>("partnership_id")? == id {
                        plans.push(plan_summary(pr)?);
                    }
                }
                Ok(PartnershipSummary {
                    slug: r.try_get("slug")?,
                    name: r.try_get("name")?,
                    plans,
                })
            })
            .collect()
    }

    /// Every version of the plan `title`, oldest first, superseded ones included.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn plan_versions(&self, slug: &str, title: &str) -> Result<Vec<PlanSummary>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{PLAN_SUMMARY} WHERE p.partnership_id = $1 AND p.title = $2 ORDER BY p.version"
        )))
        .bind(pid)
        .bind(title)
        .fetch_all(&mut *conn)
        .await?;
        if rows.is_empty() {
            return Err(StoreError::not_found(format!(
                "the plan \"{title}\" of \"{slug}\""
            )));
        }
        rows.iter().map(plan_summary).collect()
    }

    /// How many of each record the partnership holds (plans: current versions only), counted
    /// as [`domain::ImportReport::count`] counts an imported tree.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn counts(&self, slug: &str) -> Result<Option<Counts>> {
        let mut conn = self.pool.acquire().await?;
        let Some(pid) = scope::partnership_id(&mut conn, slug).await? else {
            return Ok(None);
        };
        let r = sqlx::query(COUNTS).bind(pid).fetch_one(&mut *conn).await?;
        Ok(Some(Counts {
            agencies: count(&r, "agencies")?,
            subgroups: count(&r, "subgroups")?,
            proposed_subgroups: count(&r, "proposed_subgroups")?,
            reviews: count(&r, "reviews")?,
            recommendations: count(&r, "recommendations")?,
            objectives: count(&r, "objectives")?,
            actions: count(&r, "actions")?,
            roles: count(&r, "roles")?,
            cross_references: count(&r, "cross_references")?,
            trace_links: count(&r, "trace_links")?,
        }))
    }
}

const COUNTS: &str = "SELECT
    (SELECT COUNT(*) FROM agencies WHERE partnership_id = $1) AS agencies,
    (SELECT COUNT(*) FROM subgroups WHERE partnership_id = $1 AND status = 'active') AS subgroups,
    (SELECT COUNT(*) FROM subgroups WHERE partnership_id = $1 AND status = 'proposed')
        AS proposed_subgroups,
    (SELECT COUNT(*) FROM reviews WHERE partnership_id = $1) AS reviews,
    (SELECT COUNT(*) FROM recommendations WHERE partnership_id = $1) AS recommendations,
    (SELECT COUNT(*) FROM objectives o JOIN plans p ON p.id = o.plan_id
        WHERE o.partnership_id = $1 AND p.superseded_at IS NULL) AS objectives,
    (SELECT COUNT(*) FROM actions a JOIN plans p ON p.id = a.plan_id
        WHERE a.partnership_id = $1 AND p.superseded_at IS NULL) AS actions,
    (SELECT COUNT(*) FROM roles WHERE partnership_id = $1) AS roles,
    (SELECT COUNT(*) FROM cross_references c JOIN actions a ON a.id = c.from_action_id
        JOIN plans p ON p.id = a.plan_id
        WHERE c.partnership_id = $1 AND p.superseded_at IS NULL) AS cross_references,
    (SELECT COUNT(*) FROM trace_links WHERE partnership_id = $1) AS trace_links";
