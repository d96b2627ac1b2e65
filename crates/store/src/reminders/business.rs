//! What the reminders of the board's business read beside the plan: the documents not
//! superseded whose review falls due before a day (a range seek on `documents_by_review`,
//! never the whole register), and the incomplete returns of the Section 11 cycles taking
//! returns whose due date's notice has begun (the cycles found by the partnership's key; the
//! returns of such a cycle, usually none or one, read as the cycle's page reads them).

use domain::Date;
use domain::reminders::returns::ReturnDue;
use domain::reminders::reviews::DocumentDue;
use jiff::ToSpan;
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::{Store, codec, scope};

/// Documents of partnership `$1` not superseded whose review date is before `$2`.
pub(crate) const DOCUMENTS_DUE: &str = "SELECT d.id, d.title, r.slug AS owner, d.review_due
     FROM documents d
     JOIN roles r ON r.partnership_id = d.partnership_id AND r.id = d.owner_role_id
     WHERE d.partnership_id = $1 AND d.review_due < $2 AND d.superseded_on IS NULL";

/// Cycles of partnership `$1` taking returns whose due date is before `$2`.
pub(crate) const CYCLES_DUE: &str = "SELECT c.year FROM s11_cycles c
     WHERE c.partnership_id = $1 AND c.stage = 'returns' AND c.due_on < $2";

/// The board's business falling due, for the reminder rules.
#[derive(Debug, Clone, Default)]
pub struct BusinessDue {
    pub documents: Vec<DocumentDue>,
    pub returns: Vec<ReturnDue>,
}

impl Store {
    /// Partnership `slug`'s documents whose review falls on or before `as_at` plus `notice`
    /// days (not superseded), and the incomplete Section 11 returns of cycles taking returns
    /// whose due date is on or before that day.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn reminder_business(
        &self,
        slug: &str,
        as_at: Date,
        notice: i32,
    ) -> Result<BusinessDue> {
        let until = as_at
            .checked_add(notice.days())
            .and_then(|d| d.checked_add(1.day()))
            .map_err(|_| StoreError::invalid(format!("{as_at} and {notice} days' notice")))?;
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let rows = sqlx::query(DOCUMENTS_DUE)
            .bind(pid)
            .bind(codec::date_text(until))
            .fetch_all(&mut *tx)
            .await?;
        let mut out = BusinessDue::default();
        for r in rows {
            let Some(review_due) = codec::opt_date(r.try_get("review_due")?)? else {
                continue;
            };
            out.documents.push(DocumentDue {
                id: r.try_get("id")?,
                title: r.try_get("title")?,
                owner: r.try_get("owner")?,
                review_due,
            });
        }
        let years = sqlx::query(CYCLES_DUE)
            .bind(pid)
            .bind(codec::date_text(until))
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| {
                let y: i64 = r.try_get("year")?;
                i32::try_from(y).map_err(|_| StoreError::invalid("a cycle's year"))
            })
            .collect::<Result<Vec<_>>>()?;
        tx.commit().await?;
        for year in years {
            let map = self.s11_map(slug, year).await?;
            let Some(due) = map.cycle.due_on else {
                continue;
            };
            out.returns
                .extend(map.outstanding(as_at).into_iter().map(|o| ReturnDue {
                    year,
                    agency: o.agency,
                    due,
                    rated: o.rated,
                    of: o.of,
                }));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::query_plan::{Bind, plan};

    /// The documents falling due are a range seek on the review date, the cycles a seek by
    /// the partnership's key: neither reads a whole table.
    #[tokio::test]
    async fn the_business_falling_due_is_found_by_seeking() {
        let binds = [Bind::Int(1), Bind::Text("2010-04-15")];
        let p = plan(super::DOCUMENTS_DUE, &binds).await;
        p.assert_no_full_read("documents due", &[("d", "documents"), ("r", "roles")]);
        p.assert_seeks_by("documents due", "d", "review_due", "<");
        let p = plan(super::CYCLES_DUE, &binds).await;
        p.assert_no_full_read("cycles due", &[("c", "s11_cycles")]);
        p.assert_seeks_by("cycles due", "c", "partnership_id", "=");
    }
}
