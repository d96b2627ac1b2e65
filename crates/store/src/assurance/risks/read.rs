//! The register as at a day: each risk with its latest rating of each kind on or before the
//! day (a risk first rated after it was not yet on the register), and one risk with its
//! history.

use std::collections::HashMap;

use domain::Date;
use domain::assurance::risks::{Rating, RiskStatus};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{DatedRating, RatingKind, RiskRecord};
use crate::codec::{self, date_text};
use crate::error::{Result, StoreError};
use crate::{Store, scope};

/// The risks of partnership `$1` (or only risk `$2` when `one`).
fn risks_sql(one: bool) -> String {
    format!(
        "SELECT r.id, r.title, r.cause, r.consequence, r.owner_role, r.controls, r.appetite,
             r.review_on, r.status
         FROM risks r WHERE r.partnership_id = $1 AND {} ORDER BY r.id",
        crate::sql::only_if_given("r.id", 2, one)
    )
}

/// One risk's ratings on or before day `$2`, oldest first: one seek on `risk_ratings_latest`.
const ONE_RISK_RATINGS: &str = "SELECT g.risk_id, g.kind, g.likelihood, g.impact, g.rated_on
     FROM risk_ratings g WHERE g.risk_id = $1 AND g.rated_on <= $2
     ORDER BY g.rated_on, g.id";

const ALL_RATINGS: &str = "SELECT g.risk_id, g.kind, g.likelihood, g.impact, g.rated_on
     FROM risk_ratings g WHERE g.partnership_id = $1 AND g.rated_on <= $2
     ORDER BY g.rated_on, g.id";

/// One risk's links, by the unique key's first column.
const ONE_RISK_LINKS: &str = "SELECT l.risk_id, l.kind, l.plan_title, l.target FROM risk_links l
     WHERE l.risk_id = $1 ORDER BY l.id";

const ALL_LINKS: &str = "SELECT l.risk_id, l.kind, l.plan_title, l.target FROM risk_links l
     WHERE l.partnership_id = $1 ORDER BY l.id";

fn dated(r: &AnyRow) -> Result<(i64, DatedRating)> {
    let kind = match r.try_get::<String, _>("kind")?.as_str() {
        "inherent" => RatingKind::Inherent,
        _ => RatingKind::Residual,
    };
    let rating = Rating::new(r.try_get("likelihood")?, r.try_get("impact")?)
        .map_err(|e| StoreError::invalid(e.problem))?;
    Ok((
        r.try_get("risk_id")?,
        DatedRating {
            kind,
            rating,
            rated_on: codec::parse_date(&r.try_get::<String, _>("rated_on")?)?,
        },
    ))
}

/// The risks of `rows` that had a rating by the day, with their ratings and links.
fn assemble(rows: &[AnyRow], ratings: &[AnyRow], links: &[AnyRow]) -> Result<Vec<RiskRecord>> {
    let mut history: HashMap<i64, Vec<DatedRating>> = HashMap::new();
    for r in ratings {
        let (id, d) = dated(r)?;
        history.entry(id).or_default().push(d);
    }
    let mut linked: HashMap<i64, (Vec<String>, Vec<String>)> = HashMap::new();
    for l in links {
        let entry = linked.entry(l.try_get("risk_id")?).or_default();
        let target: String = l.try_get("target")?;
        match l.try_get::<Option<String>, _>("plan_title")? {
            Some(plan) if l.try_get::<String, _>("kind")? == "action" => {
                entry.0.push(format!("{plan} / {target}"));
            }
            _ => entry.1.push(target),
        }
    }
    let mut out = Vec::new();
    for r in rows {
        let id: i64 = r.try_get("id")?;
        let Some(history) = history.remove(&id) else {
            continue;
        };
        let latest = |kind: RatingKind| {
            history
                .iter()
                .rev()
                .find(|d| d.kind == kind)
                .map(|d| d.rating)
        };
        let Some(inherent) = latest(RatingKind::Inherent) else {
            continue;
        };
        let status: String = r.try_get("status")?;
        let (actions, indicators) = linked.remove(&id).unwrap_or_default();
        out.push(RiskRecord {
            id,
            title: r.try_get("title")?,
            cause: r.try_get("cause")?,
            consequence: r.try_get("consequence")?,
            owner_role: r.try_get("owner_role")?,
            controls: r.try_get("controls")?,
            appetite: r
                .try_get::<Option<i64>, _>("appetite")?
                .map(|a| {
                    u8::try_from(a).map_err(|_| {
                        StoreError::invalid(format!("the database holds an appetite of {a}"))
                    })
                })
                .transpose()?,
            review_on: codec::opt_date(r.try_get("review_on")?)?,
            status: status
                .parse::<RiskStatus>()
                .map_err(|e| StoreError::invalid(e.problem))?,
            inherent,
            residual: latest(RatingKind::Residual),
            actions,
            indicators,
            history,
        });
    }
    Ok(out)
}

async fn rows(conn: &mut AnyConnection, sql: &str, a: i64, b: Option<i64>) -> Result<Vec<AnyRow>> {
    Ok(sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(a)
        .bind(b)
        .fetch_all(&mut *conn)
        .await?)
}

impl Store {
    /// Partnership `slug`'s register as at day `on`, by id.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn risks(&self, slug: &str, on: Date) -> Result<Vec<RiskRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let risks = rows(&mut tx, &risks_sql(false), pid, None).await?;
        let ratings = sqlx::query(ALL_RATINGS)
            .bind(pid)
            .bind(date_text(on))
            .fetch_all(&mut *tx)
            .await?;
        let links = sqlx::query(ALL_LINKS).bind(pid).fetch_all(&mut *tx).await?;
        tx.commit().await?;
        assemble(&risks, &ratings, &links)
    }

    /// Risk `id` as at day `on`; not found if another partnership's or not yet rated then.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn risk(&self, slug: &str, id: i64, on: Date) -> Result<RiskRecord> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let risk = rows(&mut tx, &risks_sql(true), pid, Some(id)).await?;
        let ratings = sqlx::query(ONE_RISK_RATINGS)
            .bind(id)
            .bind(date_text(on))
            .fetch_all(&mut *tx)
            .await?;
        let links = sqlx::query(ONE_RISK_LINKS)
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        assemble(&risk, &ratings, &links)?
            .pop()
            .ok_or_else(|| StoreError::not_found(format!("the risk R{id} as at {on}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One risk, its ratings and its links are each read by seeking, never a whole table.
    #[tokio::test]
    async fn one_risk_is_read_through_keys_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        let p = plan(&risks_sql(true), &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read("one risk", &[("r", "risks")]);
        p.assert_seeks_by("one risk", "r", "id", "=");
        let p = plan(ONE_RISK_RATINGS, &[Bind::Int(1), Bind::Text("2010-01-01")]).await;
        p.assert_no_full_read("one risk's ratings", &[("g", "risk_ratings")]);
        p.assert_seeks_by("one risk's ratings", "g", "risk_id", "=");
        let p = plan(ONE_RISK_LINKS, &[Bind::Int(1)]).await;
        p.assert_no_full_read("one risk's links", &[("l", "risk_links")]);
        p.assert_seeks_by("one risk's links", "l", "risk_id", "=");
    }
}
