//! Writing the programme: adding an audit (with the reasons it was chosen), changing its
//! status and dates, adding a case with its agencies and grades, and adding a
//! recommendation linked to a plan action. Each write checks everything before it writes,
//! names its actor and appends the change log in its transaction. Case references never go
//! into the change log: a case is logged by its audit and position only.

use std::collections::HashMap;

use domain::Date;
use domain::assurance::audits::{
    Audit, AuditRecommendation, AuditStatus, Case, MAX_LONG_TEXT, Reason,
};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use super::read::one;
use super::{AuditRecord, CaseRecord};
use crate::changelog::chain::Diff;
use crate::error::{Result, StoreError};
use crate::progress::write::{Stamp, current_plan};
use crate::sql::fetch;
use crate::{Store, codec};

/// What an audit's status and dates change to; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditChange {
    pub status: Option<AuditStatus>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub reaudit_on: Option<Date>,
}

fn field_error(field: &str, e: domain::InvalidValue) -> StoreError {
    StoreError::invalid(format!("{field}: {} {}", e.problem, e.fix))
}

/// The recommendation `review` `number` of partnership `pid`: its id.
async fn recommendation_id(
    conn: &mut AnyConnection,
    pid: i64,
    review: &str,
    number: u32,
) -> Result<i64> {
    let row = sqlx::query(
        "SELECT rc.id FROM recommendations rc
         JOIN reviews rv ON rv.partnership_id = rc.partnership_id AND rv.id = rc.review_id
         WHERE rc.partnership_id = $1 AND LOWER(rv.code) = LOWER($2) AND rc.number = $3",
    )
    .bind(pid)
    .bind(review.trim())
    .bind(i64::from(number))
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => Ok(r.try_get("id")?),
        None => Err(StoreError::invalid(format!(
            "reasons: the partnership has no recommendation {number} of a review coded \
             \"{review}\". Give a review's code and a recommendation's number as the reviews \
             page lists them, e.g. recommendation:C&D 2"
        ))),
    }
}

impl Store {
    /// Add `audit` to partnership `slug`'s programme; the record as stored.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_audit(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        audit: &Audit,
    ) -> Result<AuditRecord> {
        let mut a = audit.clone();
        a.theme = a.theme.trim().to_string();
        a.lead = a
            .lead
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
        a.areas = a.areas.iter().map(|s| s.trim().to_string()).collect();
        a.scale = a.scale.iter().map(|s| s.trim().to_lowercase()).collect();
        a.check().map_err(|(f, e)| field_error(f, e))?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let mut reasons = Vec::with_capacity(a.reasons.len());
        for r in &a.reasons {
            reasons.push(match r {
                Reason::Recommendation { review, number } => (
                    None,
                    Some(recommendation_id(&mut w.tx, w.pid, review, *number).await?),
                    None,
                ),
                Reason::Indicator { code } => (Some(code.trim().to_string()), None, None),
                Reason::Note { text } => (None, None, Some(text.trim().to_string())),
            });
        }
        let row = sqlx::query(
            "INSERT INTO audits (partnership_id, year, theme, theme_key, kind, lead, starts_on,
                 ends_on, status, areas, scale, reaudit_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(w.pid)
        .bind(i64::from(a.year))
        .bind(a.theme.as_str())
        .bind(a.theme.to_lowercase())
        .bind(a.kind.as_str())
        .bind(a.lead.clone())
        .bind(a.starts_on.map(codec::date_text))
        .bind(a.ends_on.map(codec::date_text))
        .bind(a.status.as_str())
        .bind(codec::text_list(&a.areas)?)
        .bind(codec::text_list(&a.scale)?)
        .bind(a.reaudit_on.map(codec::date_text))
        .bind(w.at.as_str())
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        for (position, (indicator, rec, note)) in reasons.into_iter().enumerate() {
            sqlx::query(
                "INSERT INTO audit_reasons (partnership_id, audit_id, position, indicator,
                     recommendation_id, note) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(w.pid)
            .bind(id)
            .bind(position as i64)
            .bind(indicator)
            .bind(rec)
            .bind(note)
            .execute(&mut *w.tx)
            .await?;
        }
        let stored = one(&mut w.tx, w.pid, id).await?;
        w.log.created("audit", id.to_string(), &stored.audit)?;
        w.commit().await?;
        Ok(stored)
    }

    /// Change audit `id`'s status and dates.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_audit(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        change: &AuditChange,
    ) -> Result<AuditRecord> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let old = one(&mut w.tx, w.pid, id).await?;
        let mut new = old.audit.clone();
        new.status = change.status.unwrap_or(new.status);
        new.starts_on = change.starts_on.or(new.starts_on);
        new.ends_on = change.ends_on.or(new.ends_on);
        new.reaudit_on = change.reaudit_on.or(new.reaudit_on);
        new.check().map_err(|(f, e)| field_error(f, e))?;
        let mut diff = Diff::default();
        diff.field("status", &old.audit.status, &new.status)?;
        diff.field("starts_on", &old.audit.starts_on, &new.starts_on)?;
        diff.field("ends_on", &old.audit.ends_on, &new.ends_on)?;
        diff.field("reaudit_on", &old.audit.reaudit_on, &new.reaudit_on)?;
        if diff.is_empty() {
            return Ok(old);
        }
        sqlx::query(
            "UPDATE audits SET status = $1, starts_on = $2, ends_on = $3, reaudit_on = $4
             WHERE partnership_id = $5 AND id = $6",
        )
        .bind(new.status.as_str())
        .bind(new.starts_on.map(codec::date_text))
        .bind(new.ends_on.map(codec::date_text))
        .bind(new.reaudit_on.map(codec::date_text))
        .bind(w.pid)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        diff.record(&mut w.log, "audit", id.to_string())?;
        let stored = one(&mut w.tx, w.pid, id).await?;
        w.commit().await?;
        Ok(stored)
    }

    /// Add `case` to audit `audit_id`. The reference must be pseudonymous, the agencies the
    /// board's, the areas and grades the audit's; a reference already in the audit is a
    /// conflict.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_audit_case(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        audit_id: i64,
        case: &Case,
    ) -> Result<CaseRecord> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let audit = one(&mut w.tx, w.pid, audit_id).await?;
        if !audit.audit.kind.has_cases() {
            return Err(StoreError::invalid(format!(
                "audit {audit_id} is a {}, which has no cases. Add cases to a case-file audit",
                audit.audit.kind.label().to_lowercase()
            )));
        }
        let case = case
            .clone()
            .checked(&audit.audit)
            .map_err(|(f, e)| field_error(f, e))?;
        let known: HashMap<String, (i64, String)> = fetch(
            &mut w.tx,
            "SELECT id, name FROM agencies WHERE partnership_id = $1",
            w.pid,
        )
        .await?
        .iter()
        .map(|r| {
            let name: String = r.try_get("name")?;
            Ok((name.to_lowercase(), (r.try_get("id")?, name)))
        })
        .collect::<Result<_>>()?;
        let mut agencies: Vec<(i64, String)> = Vec::new();
        for a in &case.agencies {
            let found = known
                .get(&a.trim().to_lowercase())
                .cloned()
                .ok_or_else(|| {
                    StoreError::invalid(format!(
                        "agencies: \"{a}\" is not one of the partnership's agencies. Correct the \
                     name, or add the agency first: boardplan agency add \"{a}\""
                    ))
                })?;
            if !agencies.contains(&found) {
                agencies.push(found);
            }
        }
        let clash = sqlx::query(
            "SELECT position FROM audit_cases WHERE audit_id = $1 AND LOWER(reference) = LOWER($2)",
        )
        .bind(audit_id)
        .bind(case.reference.as_str())
        .fetch_optional(&mut *w.tx)
        .await?;
        if clash.is_some() {
            return Err(StoreError::Conflict {
                what: format!(
                    "audit {audit_id} already has a case with that reference: give each case \
                     its own"
                ),
            });
        }
        let position = i64::from(audit.cases);
        let row = sqlx::query(
            "INSERT INTO audit_cases (partnership_id, audit_id, position, reference, strengths,
                 findings, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(w.pid)
        .bind(audit_id)
        .bind(position)
        .bind(case.reference.as_str())
        .bind(case.strengths.clone())
        .bind(case.findings.clone())
        .bind(w.at.as_str())
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        for (agency, _) in &agencies {
            sqlx::query(
                "INSERT INTO audit_case_agencies (partnership_id, audit_id, case_id, agency_id)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(w.pid)
            .bind(audit_id)
            .bind(id)
            .bind(*agency)
            .execute(&mut *w.tx)
            .await?;
        }
        for (area, grade) in &case.grades {
            sqlx::query(
                "INSERT INTO audit_grades (partnership_id, audit_id, case_id, area, grade)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(w.pid)
            .bind(audit_id)
            .bind(id)
            .bind(area.as_str())
            .bind(grade.as_str())
            .execute(&mut *w.tx)
            .await?;
        }
        // The log names the case by its place in the audit, never by its reference.
        let logged = serde_json::json!({
            "agencies": agencies.iter().map(|(_, n)| n).collect::<Vec<_>>(),
            "grades": case.grades,
        });
        w.log.created(
            "audit case",
            format!("audit {audit_id} case {}", position + 1),
            &logged,
        )?;
        w.commit().await?;
        let mut case = case;
        case.agencies = agencies.into_iter().map(|(_, n)| n).collect();
        Ok(CaseRecord { id, case })
    }

    /// Add a recommendation to audit `audit_id`, answered by action `rec.action` of plan
    /// `rec.plan` (the plan's current version must have it) when given.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_audit_recommendation(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        audit_id: i64,
        rec: &AuditRecommendation,
    ) -> Result<AuditRecord> {
        let text = rec.text.trim();
        if text.is_empty() || text.chars().count() > MAX_LONG_TEXT {
            return Err(StoreError::invalid(
                "text: a recommendation needs text of 1 to 4000 characters",
            ));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let audit = one(&mut w.tx, w.pid, audit_id).await?;
        let (plan, action) = match (&rec.plan, &rec.action) {
            (Some(p), Some(a)) => {
                let plan = current_plan(&mut w.tx, w.pid, p).await?;
                let found = sqlx::query("SELECT uid FROM actions WHERE plan_id = $1 AND uid = $2")
                    .bind(plan.id)
                    .bind(a.trim())
                    .fetch_optional(&mut *w.tx)
                    .await?;
                if found.is_none() {
                    return Err(StoreError::invalid(format!(
                        "action: \"{}\" has no action {a}. Give an action's number as the plan \
                         shows it, e.g. 4.1",
                        plan.title
                    )));
                }
                (Some(plan.title), Some(a.trim().to_string()))
            }
            (None, None) => (None, None),
            _ => {
                return Err(StoreError::invalid(
                    "action: a recommendation links to an action with both its plan and its number",
                ));
            }
        };
        sqlx::query(
            "INSERT INTO audit_recommendations (partnership_id, audit_id, position, text,
                 plan_title, action_uid) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(w.pid)
        .bind(audit_id)
        .bind(audit.recommendations.len() as i64)
        .bind(text)
        .bind(plan.clone())
        .bind(action.clone())
        .execute(&mut *w.tx)
        .await?;
        let added = AuditRecommendation {
            text: text.to_string(),
            plan,
            action,
        };
        w.log.created(
            "audit recommendation",
            format!(
                "audit {audit_id} recommendation {}",
                audit.recommendations.len() + 1
            ),
            &added,
        )?;
        let stored = one(&mut w.tx, w.pid, audit_id).await?;
        w.commit().await?;
        Ok(stored)
    }
}
