//! Writing an agency's return: its rating of each standard on the cycle's scale with its
//! evidence, its signatory, and the panel's moderation (agreed ratings, notes). A rating is
//! kept per return and standard; a change is logged with what it was before.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use super::cycles::cycle;
use crate::Store;
use crate::changelog::chain::ChangeOp;
use crate::error::{Result, StoreError};
use crate::progress::write::{Stamp, Write};

/// The longest evidence narrative or panel note kept.
pub(crate) const MAX_NARRATIVE_CHARS: usize = 8000;

/// One agency's rating of one standard, as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct S11Rating {
    pub agency: String,
    pub standard: String,
    pub rating: String,
    pub evidence: Option<String>,
    pub signatory: Option<String>,
}

/// Agency `name` of partnership `pid` (case aside): its id and stored name.
pub(crate) async fn agency(
    conn: &mut AnyConnection,
    pid: i64,
    name: &str,
) -> Result<(i64, String)> {
    let rows =
        sqlx::query("SELECT id, name FROM agencies WHERE partnership_id = $1 ORDER BY position")
            .bind(pid)
            .fetch_all(&mut *conn)
            .await?;
    let mut names = Vec::new();
    for r in &rows {
        let stored: String = r.try_get("name")?;
        if stored.eq_ignore_ascii_case(name.trim()) {
            return Ok((r.try_get("id")?, stored));
        }
        names.push(stored);
    }
    Err(StoreError::invalid(format!(
        "\"{name}\" is not one of the partnership's agencies ({}); correct the name",
        names.join(", ")
    )))
}

/// The standard numbered `number` in cycle `cycle_id`: its id.
pub(crate) async fn standard(
    conn: &mut AnyConnection,
    cycle_id: i64,
    year: i32,
    number: &str,
) -> Result<i64> {
    sqlx::query("SELECT id FROM s11_standards WHERE cycle_id = $1 AND number = $2")
        .bind(cycle_id)
        .bind(number.trim())
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| r.try_get::<i64, _>("id"))
        .transpose()?
        .ok_or_else(|| {
            StoreError::invalid(format!(
                "the {year} cycle has no standard numbered \"{number}\"; see its standards with \
                 boardplan s11 heatmap --cycle {year}"
            ))
        })
}

/// The return of agency `agency_id` in cycle `cycle_id`, made if it has none yet.
pub(crate) async fn return_id(
    conn: &mut AnyConnection,
    pid: i64,
    cycle_id: i64,
    agency_id: i64,
    at: &str,
) -> Result<i64> {
    let found = sqlx::query("SELECT id FROM s11_returns WHERE cycle_id = $1 AND agency_id = $2")
        .bind(cycle_id)
        .bind(agency_id)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(r) = found {
        return Ok(r.try_get("id")?);
    }
    let r = sqlx::query(
        "INSERT INTO s11_returns (partnership_id, cycle_id, agency_id, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(pid)
    .bind(cycle_id)
    .bind(agency_id)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    Ok(r.try_get("id")?)
}

/// A line of a return being written: its return and standard, and the agency's stored name.
pub(crate) struct OpenLine {
    pub return_id: i64,
    pub standard_id: i64,
    pub agency: String,
    pub standard: String,
}

/// The line of agency `agency`'s return for standard `number` in cycle `year` (the return
/// made if it has none yet), for adding to it; a closed cycle is refused.
pub(crate) async fn open_line(
    w: &mut Write,
    year: i32,
    agency_name: &str,
    number: &str,
) -> Result<OpenLine> {
    let (cid, c) = cycle(&mut w.tx, w.pid, year).await?;
    if c.stage == domain::assurance::section11::Stage::Closed {
        return Err(StoreError::invalid(format!(
            "the {year} cycle is closed: its returns are final"
        )));
    }
    let (aid, agency) = agency(&mut w.tx, w.pid, agency_name).await?;
    let standard_id = standard(&mut w.tx, cid, year, number).await?;
    let return_id = return_id(&mut w.tx, w.pid, cid, aid, &w.at).await?;
    Ok(OpenLine {
        return_id,
        standard_id,
        agency,
        standard: number.trim().to_string(),
    })
}

fn check_text(v: Option<&str>, what: &str) -> Result<()> {
    if v.is_some_and(|t| t.chars().count() > MAX_NARRATIVE_CHARS) {
        return Err(StoreError::invalid(format!(
            "the {what} is longer than {MAX_NARRATIVE_CHARS} characters: shorten it"
        )));
    }
    Ok(())
}

impl Store {
    /// Record `r`: an agency's rating of a standard in cycle `year`, on the cycle's scale. A
    /// closed cycle is refused; so is a rating not on its scale.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn rate_s11(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        year: i32,
        r: &S11Rating,
    ) -> Result<()> {
        check_text(r.evidence.as_deref(), "evidence")?;
        check_text(r.signatory.as_deref(), "signatory")?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let (cid, c) = cycle(&mut w.tx, w.pid, year).await?;
        if c.stage == domain::assurance::section11::Stage::Closed {
            return Err(StoreError::invalid(format!(
                "the {year} cycle is closed: its ratings are final"
            )));
        }
        let rating = c
            .scale
            .parse(&r.rating)
            .map_err(|e| StoreError::invalid(format!("{} {}", e.problem, e.fix)))?;
        let (aid, agency_name) = agency(&mut w.tx, w.pid, &r.agency).await?;
        let sid = standard(&mut w.tx, cid, year, &r.standard).await?;
        let tid = return_id(&mut w.tx, w.pid, cid, aid, &w.at).await?;
        if let Some(s) = &r.signatory {
            sqlx::query("UPDATE s11_returns SET signatory = $1 WHERE id = $2")
                .bind(s.trim())
                .bind(tid)
                .execute(&mut *w.tx)
                .await?;
        }
        let old = sqlx::query(
            "SELECT rating, evidence FROM s11_ratings WHERE return_id = $1 AND standard_id = $2",
        )
        .bind(tid)
        .bind(sid)
        .fetch_optional(&mut *w.tx)
        .await?;
        let key = format!("{year} / {agency_name} / {}", r.standard.trim());
        let after = serde_json::json!({ "rating": rating, "evidence": r.evidence });
        match old {
            Some(o) => {
                let before = serde_json::json!({
                    "rating": o.try_get::<String, _>("rating")?,
                    "evidence": o.try_get::<Option<String>, _>("evidence")?,
                });
                if before == after && r.signatory.is_none() {
                    return Ok(());
                }
                sqlx::query(
                    "UPDATE s11_ratings SET rating = $1, evidence = $2, rated_at = $3
                     WHERE return_id = $4 AND standard_id = $5",
                )
                .bind(&rating)
                .bind(r.evidence.clone())
                .bind(&w.at)
                .bind(tid)
                .bind(sid)
                .execute(&mut *w.tx)
                .await?;
                w.log.record(
                    "s11_rating",
                    key,
                    ChangeOp::Update,
                    Some(&before),
                    Some(&after),
                )?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO s11_ratings (partnership_id, return_id, standard_id, rating,
                         evidence, rated_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(w.pid)
                .bind(tid)
                .bind(sid)
                .bind(&rating)
                .bind(r.evidence.clone())
                .bind(&w.at)
                .execute(&mut *w.tx)
                .await?;
                w.log.created("s11_rating", key, &after)?;
            }
        }
        w.commit().await
    }

    /// The panel's moderation of agency `agency`'s rating of standard `number`: the agreed
    /// rating, and notes on the return (kept if `notes` is none).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    #[allow(clippy::too_many_arguments)]
    pub async fn moderate_s11(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        year: i32,
        agency_name: &str,
        number: &str,
        agreed: &str,
        notes: Option<&str>,
    ) -> Result<()> {
        check_text(notes, "panel's notes")?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let (cid, c) = cycle(&mut w.tx, w.pid, year).await?;
        let agreed = c
            .scale
            .parse(agreed)
            .map_err(|e| StoreError::invalid(format!("{} {}", e.problem, e.fix)))?;
        let (aid, stored) = agency(&mut w.tx, w.pid, agency_name).await?;
        let sid = standard(&mut w.tx, cid, year, number).await?;
        let tid = return_id(&mut w.tx, w.pid, cid, aid, &w.at).await?;
        let done = sqlx::query(
            "UPDATE s11_ratings SET agreed = $1 WHERE return_id = $2 AND standard_id = $3",
        )
        .bind(&agreed)
        .bind(tid)
        .bind(sid)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::invalid(format!(
                "{stored} has not rated standard {number} in {year}: the panel moderates a rating \
                 the agency gave"
            )));
        }
        if let Some(n) = notes {
            sqlx::query("UPDATE s11_returns SET panel_notes = $1 WHERE id = $2")
                .bind(n.trim())
                .bind(tid)
                .execute(&mut *w.tx)
                .await?;
        }
        let after = serde_json::json!({ "agreed": agreed, "notes": notes });
        w.log.record::<(), _>(
            "s11_moderation",
            format!("{year} / {stored} / {number}"),
            ChangeOp::Update,
            None,
            Some(&after),
        )?;
        w.commit().await
    }
}
