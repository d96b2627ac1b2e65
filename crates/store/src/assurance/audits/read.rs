//! Reading audits back: the programme (every audit, by year), one audit, and one audit's
//! cases with their agencies and grades. One audit and its cases are read by seeking on the
//! audit's id (`tests` below says so on the tests' back end).

use std::collections::HashMap;

use domain::assurance::audits::{Audit, AuditRecommendation, Case, Reason};
use sqlx::{AnyConnection, Row};

use super::{AuditRecord, CaseRecord};
use crate::error::{Result, StoreError};
use crate::sql::{grouped, only_if_given};
use crate::{Store, codec, scope};

/// The audits' read: of one audit (`$2`) when `one`, else of the whole programme.
pub(crate) fn audits_sql(one: bool) -> String {
    format!(
        "SELECT a.id, a.year, a.theme, a.kind, a.lead, a.starts_on, a.ends_on, a.status,
             a.areas, a.scale, a.reaudit_on,
             (SELECT COUNT(*) FROM audit_cases c WHERE c.audit_id = a.id) AS cases
         FROM audits a WHERE a.partnership_id = $1 AND {}",
        only_if_given("a.id", 2, one)
    )
}

fn reasons_sql(one: bool) -> String {
    format!(
        "SELECT r.audit_id, r.indicator, r.note, rv.code, rc.number
         FROM audit_reasons r
         LEFT JOIN recommendations rc
             ON rc.partnership_id = r.partnership_id AND rc.id = r.recommendation_id
         LEFT JOIN reviews rv ON rv.partnership_id = rc.partnership_id AND rv.id = rc.review_id
         WHERE r.partnership_id = $1 AND {} ORDER BY r.audit_id, r.position",
        only_if_given("r.audit_id", 2, one)
    )
}

fn recommendations_sql(one: bool) -> String {
    format!(
        "SELECT audit_id, text, plan_title, action_uid FROM audit_recommendations
         WHERE partnership_id = $1 AND {} ORDER BY audit_id, position",
        only_if_given("audit_id", 2, one)
    )
}

fn parse<T: std::str::FromStr<Err = domain::InvalidValue>>(text: &str) -> Result<T> {
    text.parse()
        .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))
}

/// Every audit of partnership `pid` (or only audit `only`), by year, start and id.
pub(crate) async fn audits(
    conn: &mut AnyConnection,
    pid: i64,
    only: Option<i64>,
) -> Result<Vec<AuditRecord>> {
    let one = only.is_some();
    let run = async |conn: &mut AnyConnection, sql: String| {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(pid)
            .bind(only)
            .fetch_all(&mut *conn)
            .await
    };
    let rows = run(conn, audits_sql(one)).await?;
    let reasons = run(conn, reasons_sql(one)).await?;
    let recs = run(conn, recommendations_sql(one)).await?;
    let mut reasons = grouped(&reasons, "audit_id", |r| {
        if let Some(code) = r.try_get::<Option<String>, _>("indicator")? {
            return Ok(Reason::Indicator { code });
        }
        if let Some(text) = r.try_get::<Option<String>, _>("note")? {
            return Ok(Reason::Note { text });
        }
        Ok(Reason::Recommendation {
            review: r.try_get("code")?,
            number: codec::to_u32(r.try_get("number")?, "a recommendation's number")?,
        })
    })?;
    let mut recs = grouped(&recs, "audit_id", |r| {
        Ok(AuditRecommendation {
            text: r.try_get("text")?,
            plan: r.try_get("plan_title")?,
            action: r.try_get("action_uid")?,
        })
    })?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let year: i64 = r.try_get("year")?;
        let audit = Audit {
            year: i32::try_from(year).map_err(|_| StoreError::invalid("an audit's year"))?,
            theme: r.try_get("theme")?,
            kind: parse(&r.try_get::<String, _>("kind")?)?,
            lead: r.try_get("lead")?,
            starts_on: codec::opt_date(r.try_get("starts_on")?)?,
            ends_on: codec::opt_date(r.try_get("ends_on")?)?,
            status: parse(&r.try_get::<String, _>("status")?)?,
            reasons: reasons.remove(&id).unwrap_or_default(),
            areas: codec::parse_text_list(&r.try_get::<String, _>("areas")?)?,
            scale: codec::parse_text_list(&r.try_get::<String, _>("scale")?)?,
            reaudit_on: codec::opt_date(r.try_get("reaudit_on")?)?,
        };
        out.push(AuditRecord {
            id,
            audit,
            cases: codec::to_u32(r.try_get("cases")?, "a count of cases")?,
            recommendations: recs.remove(&id).unwrap_or_default(),
        });
    }
    out.sort_by_key(|a| (a.audit.year, a.audit.starts_on, a.id));
    Ok(out)
}

/// One audit of partnership `pid`; not found if it is another partnership's.
pub(crate) async fn one(conn: &mut AnyConnection, pid: i64, id: i64) -> Result<AuditRecord> {
    audits(conn, pid, Some(id))
        .await?
        .pop()
        .ok_or_else(|| StoreError::not_found(format!("audit {id}")))
}

// An audit's rows, by the audit's id alone: the audit was found in its partnership first,
// and its rows share that partnership by composite foreign key. (With the partnership in the
// filter too, PostgreSQL's generic plan may seek by the partnership and filter the rest.)
pub(crate) const CASES_SQL: &str = "SELECT id, reference, strengths, findings FROM audit_cases
     WHERE audit_id = $1 ORDER BY position";
pub(crate) const GRADES_SQL: &str = "SELECT case_id, area, grade FROM audit_grades
     WHERE audit_id = $1";
pub(crate) const AGENCIES_SQL: &str = "SELECT ca.case_id, ag.name FROM audit_case_agencies ca
     JOIN agencies ag ON ag.partnership_id = ca.partnership_id AND ag.id = ca.agency_id
     WHERE ca.audit_id = $1 ORDER BY ag.position";

/// The cases of audit `audit` (read by [`one`] in its partnership), in the order they were
/// added, each with its agencies (in the board's order) and grades (in the audit's order of
/// areas).
pub(crate) async fn cases(
    conn: &mut AnyConnection,
    audit: &AuditRecord,
) -> Result<Vec<CaseRecord>> {
    let run = async |conn: &mut AnyConnection, sql: &'static str| {
        sqlx::query(sql).bind(audit.id).fetch_all(&mut *conn).await
    };
    let rows = run(conn, CASES_SQL).await?;
    let grades = run(conn, GRADES_SQL).await?;
    let agencies = run(conn, AGENCIES_SQL).await?;
    let mut grades = grouped(&grades, "case_id", |r| {
        Ok((
            r.try_get::<String, _>("area")?,
            r.try_get::<String, _>("grade")?,
        ))
    })?;
    let mut agencies = grouped(&agencies, "case_id", |r| {
        r.try_get::<String, _>("name").map_err(Into::into)
    })?;
    let order: HashMap<&str, usize> = audit
        .audit
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.as_str(), i))
        .collect();
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            let mut g = grades.remove(&id).unwrap_or_default();
            g.sort_by_key(|(area, _)| order.get(area.as_str()).copied());
            Ok(CaseRecord {
                id,
                case: Case {
                    reference: r.try_get("reference")?,
                    agencies: agencies.remove(&id).unwrap_or_default(),
                    grades: g,
                    strengths: r.try_get("strengths")?,
                    findings: r.try_get("findings")?,
                },
            })
        })
        .collect()
}

impl Store {
    /// Partnership `slug`'s audit programme: every audit, by year.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn audits(&self, slug: &str) -> Result<Vec<AuditRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let all = audits(&mut tx, pid, None).await?;
        tx.commit().await?;
        Ok(all)
    }

    /// One audit of partnership `slug`; not found if another partnership's.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn audit(&self, slug: &str, id: i64) -> Result<AuditRecord> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let found = one(&mut tx, pid, id).await?;
        tx.commit().await?;
        Ok(found)
    }

    /// Audit `id`'s cases, with their references: for those who may see case detail only.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn audit_cases(&self, slug: &str, id: i64) -> Result<Vec<CaseRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let audit = one(&mut tx, pid, id).await?;
        let found = cases(&mut tx, &audit).await?;
        tx.commit().await?;
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan};

    /// One audit, and the cases, grades and agencies its summary reads, are each found by
    /// seeking on the audit's id, never by reading a whole table.
    #[tokio::test]
    async fn one_audit_and_its_summary_are_read_through_keys_not_a_scan() {
        let two = [Bind::Int(1), Bind::Int(1)];
        let p = plan(&audits_sql(true), &two).await;
        p.assert_no_full_read("one audit", &[("a", "audits"), ("c", "audit_cases")]);
        p.assert_seeks_by("one audit", "a", "id", "=");
        let p = plan(&reasons_sql(true), &two).await;
        p.assert_seeks_by("an audit's reasons", "r", "audit_id", "=");
        let p = plan(&recommendations_sql(true), &two).await;
        p.assert_no_full_read(
            "an audit's recommendations",
            &[("audit_recommendations", "audit_recommendations")],
        );
        let one = [Bind::Int(1)];
        for (what, sql, alias) in [
            ("an audit's cases", CASES_SQL, "audit_cases"),
            ("an audit's grades", GRADES_SQL, "audit_grades"),
            ("an audit's agencies", AGENCIES_SQL, "ca"),
        ] {
            let p = plan(sql, &one).await;
            p.assert_seeks_by(what, alias, "audit_id", "=");
        }
        let p = plan(AGENCIES_SQL, &one).await;
        p.assert_no_full_read(
            "an audit's agencies",
            &[("ca", "audit_case_agencies"), ("ag", "agencies")],
        );
        assert!(audits_sql(false).contains("$2 IS NULL"));
    }
}
