//! The case reviews register: adding a review with its recommendations, setting a
//! recommendation's status (not implemented only with its reasons: the domain refuses it
//! without, and so does the table), and reading reviews back. Case names are pseudonyms
//! (`domain::learning::case_reviews::case_name`) and are never logged.

use domain::Date;
use domain::learning::case_reviews::{
    CaseReviewKind, RecommendationStatus, StatusChange, case_name,
};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::{Store, scope};

/// A review to add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewCaseReview {
    pub kind: CaseReviewKind,
    pub case_name: String,
    pub notified: Date,
    pub decided: Option<Date>,
    pub published: Option<Date>,
    /// Each recommendation's text and to whom it is made.
    pub recommendations: Vec<(String, Option<String>)>,
}

/// A review as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseReviewRecord {
    pub id: i64,
    pub kind: CaseReviewKind,
    pub case_name: String,
    pub notified: Date,
    pub decided: Option<Date>,
    pub published: Option<Date>,
    pub recommendations: Vec<RecommendationRecord>,
}

/// A recommendation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecommendationRecord {
    pub id: i64,
    pub review_id: i64,
    pub text: String,
    pub to_whom: Option<String>,
    pub status: RecommendationStatus,
    pub reason: Option<String>,
    pub impact: Option<String>,
}

/// The reviews of `$1` (or review `$2`).
pub(crate) fn reviews_sql(one: bool) -> String {
    format!(
        "SELECT r.id, r.kind, r.case_name, r.notified_on, r.decided_on, r.published_on
         FROM case_reviews r WHERE r.partnership_id = $1 AND {}
         ORDER BY r.notified_on, r.id",
        crate::sql::only_if_given("r.id", 2, one)
    )
}

/// The recommendations of `$1`'s reviews (or of review `$2`), in order.
pub(crate) fn recommendations_sql(one: bool) -> String {
    format!(
        "SELECT x.id, x.review_id, x.text, x.to_whom, x.status, x.reason, x.impact
         FROM case_review_recommendations x WHERE x.partnership_id = $1 AND {}
         ORDER BY x.review_id, x.position",
        crate::sql::only_if_given("x.review_id", 2, one)
    )
}

fn recommendation(r: &sqlx::any::AnyRow) -> Result<RecommendationRecord> {
    let status: String = r.try_get("status")?;
    Ok(RecommendationRecord {
        id: r.try_get("id")?,
        review_id: r.try_get("review_id")?,
        text: r.try_get("text")?,
        to_whom: r.try_get("to_whom")?,
        status: status
            .parse()
            .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))?,
        reason: r.try_get("reason")?,
        impact: r.try_get("impact")?,
    })
}

pub(crate) async fn read(
    conn: &mut AnyConnection,
    pid: i64,
    only: Option<i64>,
) -> Result<Vec<CaseReviewRecord>> {
    let one = only.is_some();
    let rows = sqlx::query(sqlx::AssertSqlSafe(reviews_sql(one)))
        .bind(pid)
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
    let mut reviews = Vec::with_capacity(rows.len());
    for r in &rows {
        let kind: String = r.try_get("kind")?;
        reviews.push(CaseReviewRecord {
            id: r.try_get("id")?,
            kind: kind
                .parse()
                .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))?,
            case_name: r.try_get("case_name")?,
            notified: codec::parse_date(&r.try_get::<String, _>("notified_on")?)?,
            decided: codec::opt_date(r.try_get("decided_on")?)?,
            published: codec::opt_date(r.try_get("published_on")?)?,
            recommendations: Vec::new(),
        });
    }
    let recs = sqlx::query(sqlx::AssertSqlSafe(recommendations_sql(one)))
        .bind(pid)
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
    for r in &recs {
        let rec = recommendation(r)?;
        if let Some(review) = reviews.iter_mut().find(|v| v.id == rec.review_id) {
            review.recommendations.push(rec);
        }
    }
    Ok(reviews)
}

/// One recommendation of partnership `pid`, by id.
pub(crate) const ONE_RECOMMENDATION: &str =
    "SELECT x.id, x.review_id, x.text, x.to_whom, x.status, x.reason, x.impact
     FROM case_review_recommendations x WHERE x.partnership_id = $1 AND x.id = $2";

fn invalid(field: &str, e: domain::InvalidValue) -> StoreError {
    StoreError::invalid(format!("{field}: {} {}", e.problem, e.fix))
}

impl Store {
    /// Partnership `slug`'s case reviews, oldest notification first, with recommendations.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn case_reviews(&self, slug: &str) -> Result<Vec<CaseReviewRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let reviews = read(&mut tx, pid, None).await?;
        tx.commit().await?;
        Ok(reviews)
    }

    /// One case review of partnership `slug`; not found if another's.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn case_review(&self, slug: &str, id: i64) -> Result<CaseReviewRecord> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let found = read(&mut tx, pid, Some(id)).await?.pop();
        tx.commit().await?;
        found.ok_or_else(|| StoreError::not_found(format!("case review {id}")))
    }

    /// One recommendation of partnership `slug`; not found if another's.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn recommendation(&self, slug: &str, id: i64) -> Result<RecommendationRecord> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let found = one(&mut tx, pid, id).await?;
        tx.commit().await?;
        Ok(found)
    }

    /// Add a case review with its recommendations (each in progress). A case name that looks
    /// real is refused, and so is a second review of the same kind for the same case.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_case_review(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        new: &NewCaseReview,
    ) -> Result<CaseReviewRecord> {
        let name = case_name(&new.case_name).map_err(|e| invalid("case", e))?;
        for (field, d) in [("decided", new.decided), ("published", new.published)] {
            if d.is_some_and(|d| d < new.notified) {
                return Err(StoreError::invalid(format!(
                    "{field}: the date is before the notification ({}). Check both dates.",
                    new.notified
                )));
            }
        }
        let mut recs = Vec::with_capacity(new.recommendations.len());
        for (text, to_whom) in &new.recommendations {
            let text =
                domain::learning::required("recommendation", text, domain::learning::MAX_LONG_TEXT)
                    .map_err(|e| invalid("recommendation", e))?;
            let to_whom = domain::learning::optional(
                "to whom",
                to_whom.as_deref(),
                domain::learning::MAX_SHORT_TEXT,
            )
            .map_err(|e| invalid("to_whom", e))?;
            recs.push((text, to_whom));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let taken = sqlx::query(
            "SELECT id FROM case_reviews WHERE partnership_id = $1 AND kind = $2 AND case_name = $3",
        )
        .bind(w.pid)
        .bind(new.kind.as_str())
        .bind(name.as_str())
        .fetch_optional(&mut *w.tx)
        .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict {
                what: format!(
                    "there is already a {} for \"{name}\": add recommendations to that one",
                    new.kind.label().to_lowercase()
                ),
            });
        }
        let row = sqlx::query(
            "INSERT INTO case_reviews (partnership_id, kind, case_name, notified_on, decided_on,
                 published_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(w.pid)
        .bind(new.kind.as_str())
        .bind(name.as_str())
        .bind(codec::date_text(new.notified))
        .bind(new.decided.map(codec::date_text))
        .bind(new.published.map(codec::date_text))
        .bind(w.at.as_str())
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        for (position, (text, to_whom)) in (1_i64..).zip(&recs) {
            sqlx::query(
                "INSERT INTO case_review_recommendations (partnership_id, review_id, position,
                     text, to_whom, status) VALUES ($1, $2, $3, $4, $5, 'in_progress')",
            )
            .bind(w.pid)
            .bind(id)
            .bind(position)
            .bind(text.as_str())
            .bind(to_whom.clone())
            .execute(&mut *w.tx)
            .await?;
        }
        let stored = read(&mut w.tx, w.pid, Some(id))
            .await?
            .pop()
            .ok_or_else(|| StoreError::not_found("the case review just added"))?;
        w.log.created("case_review", id.to_string(), &stored)?;
        w.commit().await?;
        Ok(stored)
    }

    /// Set recommendation `id`'s status. `change` was checked by the domain: not
    /// implemented carries its reasons. Evidence of impact, or to whom it is made, when
    /// given replace what was there; none leaves it.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_recommendation_status(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        change: &StatusChange,
        to_whom: Option<&str>,
    ) -> Result<RecommendationRecord> {
        let to_whom =
            domain::learning::optional("to whom", to_whom, domain::learning::MAX_SHORT_TEXT)
                .map_err(|e| invalid("to_whom", e))?;
        // Checked again here, so that no caller can skip the rule.
        let change = StatusChange::new(
            change.status,
            change.reason.as_deref(),
            change.impact.as_deref(),
        )
        .map_err(|e| invalid("reason", e))?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let old = one(&mut w.tx, w.pid, id).await?;
        let impact = change.impact.clone().or_else(|| old.impact.clone());
        let to_whom = to_whom.or_else(|| old.to_whom.clone());
        sqlx::query(
            "UPDATE case_review_recommendations SET status = $1, reason = $2, impact = $3,
                 to_whom = $4
             WHERE partnership_id = $5 AND id = $6",
        )
        .bind(change.status.as_str())
        .bind(change.reason.clone())
        .bind(impact)
        .bind(to_whom)
        .bind(w.pid)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        let new = one(&mut w.tx, w.pid, id).await?;
        if new != old {
            w.log.record(
                "case_review_recommendation",
                id.to_string(),
                crate::ChangeOp::Update,
                Some(&old),
                Some(&new),
            )?;
        }
        w.commit().await?;
        Ok(new)
    }
}

async fn one(conn: &mut AnyConnection, pid: i64, id: i64) -> Result<RecommendationRecord> {
    let row = sqlx::query(ONE_RECOMMENDATION)
        .bind(pid)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            StoreError::not_found(format!(
                "recommendation {id} (list them with boardplan review list)"
            ))
        })?;
    recommendation(&row)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One review, its recommendations and one recommendation are each read by seeking, on
    /// the tests' back end.
    #[tokio::test]
    async fn one_review_is_read_through_keys_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        let args = [Bind::Int(1), Bind::Int(1)];
        let p = plan(&reviews_sql(true), &args).await;
        p.assert_no_full_read("one case review", &[("r", "case_reviews")]);
        p.assert_seeks_by("one case review", "r", "id", "=");
        let p = plan(&recommendations_sql(true), &args).await;
        p.assert_no_full_read(
            "its recommendations",
            &[("x", "case_review_recommendations")],
        );
        p.assert_seeks_by("its recommendations", "x", "review_id", "=");
        let p = plan(ONE_RECOMMENDATION, &args).await;
        p.assert_seeks_by("one recommendation", "x", "id", "=");
    }
}
