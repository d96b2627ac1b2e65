//! An audit's summary (grades by practice area and by agency), with the change since the
//! last earlier audit of the same theme that was not cancelled. Read in one transaction, so
//! the two audits agree with each other.

use domain::assurance::audits::summary::{change, summarise};
use sqlx::{AnyConnection, Row};

use super::AuditSummary;
use super::read::{cases, one};
use crate::error::Result;
use crate::{Store, scope};

/// The last audit of `theme_key` before (`year`, `id`): same partnership, not cancelled.
pub(crate) const PREVIOUS_SQL: &str = "SELECT id, year FROM audits
     WHERE partnership_id = $1 AND theme_key = $2 AND status <> 'cancelled'
         AND (year < $3 OR (year = $3 AND id < $4))
     ORDER BY year DESC, id DESC LIMIT 1";

async fn previous(
    conn: &mut AnyConnection,
    pid: i64,
    theme: &str,
    year: i32,
    id: i64,
) -> Result<Option<(i64, i32)>> {
    let row = sqlx::query(PREVIOUS_SQL)
        .bind(pid)
        .bind(theme.to_lowercase())
        .bind(i64::from(year))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| {
        let year: i64 = r.try_get("year")?;
        Ok((r.try_get("id")?, i32::try_from(year).unwrap_or_default()))
    })
    .transpose()
}

impl Store {
    /// Audit `id`'s summary and the change since the last audit of its theme.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn audit_summary(&self, slug: &str, id: i64) -> Result<AuditSummary> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let audit = one(&mut tx, pid, id).await?;
        let now = cases(&mut tx, &audit).await?;
        let plain: Vec<_> = now.into_iter().map(|c| c.case).collect();
        let summary = summarise(&audit.audit, &plain);
        let previous = previous(&mut tx, pid, &audit.audit.theme, audit.audit.year, id).await?;
        let change = match previous {
            Some((before_id, _)) => {
                let before = one(&mut tx, pid, before_id).await?;
                let then: Vec<_> = cases(&mut tx, &before)
                    .await?
                    .into_iter()
                    .map(|c| c.case)
                    .collect();
                change(&summarise(&before.audit, &then), &summary)
            }
            None => Vec::new(),
        };
        tx.commit().await?;
        Ok(AuditSummary {
            audit,
            summary,
            previous,
            change,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan};

    #[tokio::test]
    async fn the_last_audit_of_a_theme_is_found_through_its_index() {
        let p = plan(
            PREVIOUS_SQL,
            &[
                Bind::Int(1),
                Bind::Text("neglect"),
                Bind::Int(2009),
                Bind::Int(1),
            ],
        )
        .await;
        p.assert_no_full_read("the last audit of a theme", &[("audits", "audits")]);
        p.assert_seeks_by("the last audit of a theme", "audits", "theme_key", "=");
    }
}
