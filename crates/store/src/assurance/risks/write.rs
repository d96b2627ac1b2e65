//! Adding a risk, re-rating it (a new dated row, never an edit) and changing its status.

use domain::Date;
use domain::assurance::risks::{Rating, RiskStatus};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use super::{NewRisk, RatingKind};
use crate::Store;
use crate::changelog::chain::ChangeOp;
use crate::codec::date_text;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;

/// The longest title, role or text field of a risk.
const MAX_TITLE_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 4000;

fn check(r: &NewRisk) -> Result<()> {
    let short = |v: &str, what: &str| {
        let n = v.trim().chars().count();
        if n == 0 || n > MAX_TITLE_CHARS {
            Err(StoreError::invalid(format!(
                "a risk needs a {what} of 1 to {MAX_TITLE_CHARS} characters"
            )))
        } else {
            Ok(())
        }
    };
    short(&r.title, "title")?;
    short(&r.owner_role, "owner role")?;
    for (v, what) in [
        (&r.cause, "cause"),
        (&r.consequence, "consequence"),
        (&r.controls, "controls"),
    ] {
        if v.as_ref()
            .is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS)
        {
            return Err(StoreError::invalid(format!(
                "the risk's {what} is longer than {MAX_TEXT_CHARS} characters: shorten it"
            )));
        }
    }
    Ok(())
}

/// How the change log names a risk.
fn log_key(id: i64, title: &str) -> String {
    format!("R{id} {}", title.trim())
}

/// What the change log keeps of a rating.
#[derive(Serialize)]
struct LoggedRating<'a> {
    kind: &'a str,
    likelihood: u8,
    impact: u8,
    score: u8,
    rated_on: String,
}

pub(crate) async fn insert_rating(
    conn: &mut AnyConnection,
    pid: i64,
    risk: i64,
    kind: RatingKind,
    rating: Rating,
    on: Date,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO risk_ratings (partnership_id, risk_id, kind, likelihood, impact, rated_on,
             recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(pid)
    .bind(risk)
    .bind(kind.as_str())
    .bind(i64::from(rating.likelihood()))
    .bind(i64::from(rating.impact()))
    .bind(date_text(on))
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Add risk `r` to partnership `slug`'s register, open, with its inherent rating; its id.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_risk(&self, slug: &str, stamp: Stamp<'_>, r: &NewRisk) -> Result<i64> {
        check(r)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let row = sqlx::query(
            "INSERT INTO risks (partnership_id, title, cause, consequence, owner_role, controls,
                 appetite, review_on, status, row_version, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', 1, $9) RETURNING id",
        )
        .bind(w.pid)
        .bind(r.title.trim())
        .bind(r.cause.clone())
        .bind(r.consequence.clone())
        .bind(r.owner_role.trim())
        .bind(r.controls.clone())
        .bind(r.appetite.map(i64::from))
        .bind(r.review_on.map(date_text))
        .bind(&w.at)
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        insert_rating(
            &mut w.tx,
            w.pid,
            id,
            RatingKind::Inherent,
            r.rating,
            r.rated_on,
            &w.at,
        )
        .await?;
        let links = r
            .actions
            .iter()
            .map(|(plan, number)| ("action", Some(plan.as_str()), number.as_str()))
            .chain(r.indicators.iter().map(|c| ("indicator", None, c.as_str())));
        for (kind, plan, target) in links {
            sqlx::query(
                "INSERT INTO risk_links (partnership_id, risk_id, kind, plan_title, target)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(w.pid)
            .bind(id)
            .bind(kind)
            .bind(plan)
            .bind(target)
            .execute(&mut *w.tx)
            .await?;
        }
        w.log.created("risk", log_key(id, &r.title), r)?;
        w.commit().await?;
        Ok(id)
    }

    /// Rate risk `id` again as at `on`: a new row of `kind`, never an edit of an old one.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn rate_risk(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        kind: RatingKind,
        rating: Rating,
        on: Date,
    ) -> Result<()> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let title = risk_title(&mut w.tx, w.pid, id).await?;
        let first = sqlx::query(
            "SELECT rated_on FROM risk_ratings WHERE risk_id = $1 AND kind = 'inherent'
             ORDER BY rated_on, id LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut *w.tx)
        .await?
        .map(|r| r.try_get::<String, _>("rated_on"))
        .transpose()?;
        if let Some(first) = first
            && date_text(on) < first
        {
            return Err(StoreError::invalid(format!(
                "R{id} was first rated on {first}: a rating cannot speak for a day before \
                 the risk was on the register; give --date {first} or later"
            )));
        }
        insert_rating(&mut w.tx, w.pid, id, kind, rating, on, &w.at).await?;
        let logged = LoggedRating {
            kind: kind.as_str(),
            likelihood: rating.likelihood(),
            impact: rating.impact(),
            score: rating.score(),
            rated_on: date_text(on),
        };
        w.log.created("risk_rating", log_key(id, &title), &logged)?;
        w.commit().await
    }

    /// Set risk `id`'s status (open, escalated, closed).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_risk_status(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        status: RiskStatus,
    ) -> Result<()> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let title = risk_title(&mut w.tx, w.pid, id).await?;
        let old: String =
            sqlx::query("SELECT status FROM risks WHERE partnership_id = $1 AND id = $2")
                .bind(w.pid)
                .bind(id)
                .fetch_one(&mut *w.tx)
                .await?
                .try_get("status")?;
        if old == status.as_str() {
            return Ok(());
        }
        sqlx::query(
            "UPDATE risks SET status = $1, row_version = row_version + 1
             WHERE partnership_id = $2 AND id = $3",
        )
        .bind(status.as_str())
        .bind(w.pid)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        w.log.record(
            "risk",
            log_key(id, &title),
            ChangeOp::Update,
            Some(&serde_json::json!({ "status": old })),
            Some(&serde_json::json!({ "status": status.as_str() })),
        )?;
        w.commit().await
    }
}

/// Risk `id`'s title, or not found (also when it is another partnership's).
async fn risk_title(conn: &mut AnyConnection, pid: i64, id: i64) -> Result<String> {
    sqlx::query("SELECT title FROM risks WHERE partnership_id = $1 AND id = $2")
        .bind(pid)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| r.try_get::<String, _>("title"))
        .transpose()?
        .ok_or_else(|| {
            StoreError::not_found(format!(
                "the risk R{id} (boardplan risk list shows the register's ids)"
            ))
        })
}
