//! The yearly report's narratives and distribution list: one row per partnership, year and
//! section key (`yearly_report_texts`), read for a year through the unique key and written
//! through the change log with the actor. An empty text removes the row.

use serde::Serialize;
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::{ChangeOp, Store, scope};

/// The most a narrative may hold: several pages of a report.
pub const MAX_NARRATIVE: usize = 20_000;

/// One section's narrative (or the distribution list) as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearlyText {
    pub year: String,
    pub section: String,
    pub text: String,
    pub updated_at: String,
    pub updated_by: String,
}

/// A year's texts for partnership `$1`, year `$2`.
pub(crate) const YEAR_TEXTS: &str =
    "SELECT t.section, t.text, t.updated_at, t.updated_by FROM yearly_report_texts t
     WHERE t.partnership_id = $1 AND t.year = $2 ORDER BY t.section";

/// One section's text.
pub(crate) const ONE_TEXT: &str = "SELECT t.section, t.text, t.updated_at, t.updated_by
     FROM yearly_report_texts t WHERE t.partnership_id = $1 AND t.year = $2 AND t.section = $3";

fn year_label(year: &str) -> Result<String> {
    reports::yearly::financial_year(year)
        .map(|(label, _, _)| label)
        .map_err(|e| StoreError::invalid(e.to_string()))
}

fn text(year: &str, r: &sqlx::any::AnyRow) -> Result<YearlyText> {
    Ok(YearlyText {
        year: year.to_owned(),
        section: r.try_get("section")?,
        text: r.try_get("text")?,
        updated_at: r.try_get("updated_at")?,
        updated_by: r.try_get("updated_by")?,
    })
}

impl Store {
    /// Partnership `slug`'s narratives and distribution list for financial year `year`
    /// (`2009-10`), by section key.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn yearly_texts(&self, slug: &str, year: &str) -> Result<Vec<YearlyText>> {
        let year = year_label(year)?;
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let rows = sqlx::query(YEAR_TEXTS)
            .bind(pid)
            .bind(year.as_str())
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        rows.iter().map(|r| text(&year, r)).collect()
    }

    /// Set the narrative of section `section` of `year`'s report (or, under
    /// `reports::yearly::DISTRIBUTION`, the distribution list, one recipient a line); an
    /// empty text removes it. A section no framework has is refused, naming the keys.
    #[tracing::instrument(skip_all, fields(partnership = slug, section))]
    pub async fn set_yearly_text(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        year: &str,
        section: &str,
        body: &str,
    ) -> Result<Option<YearlyText>> {
        let year = year_label(year)?;
        let keys = reports::yearly::headings::all_keys();
        let section = section.trim();
        if section != reports::yearly::DISTRIBUTION && !keys.contains(&section) {
            return Err(StoreError::invalid(format!(
                "--section: \"{section}\" is not a section of the yearly report. Use one of {}, or {} for the distribution list.",
                keys.join(", "),
                reports::yearly::DISTRIBUTION
            )));
        }
        let body = body.replace("\r\n", "\n");
        let body = body.trim();
        if body.chars().count() > MAX_NARRATIVE {
            return Err(StoreError::invalid(format!(
                "text: the narrative is longer than {MAX_NARRATIVE} characters. Shorten it, or put the detail in a document of the register and refer to it."
            )));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let old = match sqlx::query(ONE_TEXT)
            .bind(w.pid)
            .bind(year.as_str())
            .bind(section)
            .fetch_optional(&mut *w.tx)
            .await?
        {
            Some(r) => Some(text(&year, &r)?),
            None => None,
        };
        let key = format!("{year}/{section}");
        let new = if body.is_empty() {
            sqlx::query(
                "DELETE FROM yearly_report_texts
                 WHERE partnership_id = $1 AND year = $2 AND section = $3",
            )
            .bind(w.pid)
            .bind(year.as_str())
            .bind(section)
            .execute(&mut *w.tx)
            .await?;
            None
        } else {
            sqlx::query(
                "INSERT INTO yearly_report_texts
                     (partnership_id, year, section, text, updated_at, updated_by)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (partnership_id, year, section)
                 DO UPDATE SET text = $4, updated_at = $5, updated_by = $6",
            )
            .bind(w.pid)
            .bind(year.as_str())
            .bind(section)
            .bind(body)
            .bind(w.at.as_str())
            .bind(stamp.actor)
            .execute(&mut *w.tx)
            .await?;
            Some(YearlyText {
                year: year.clone(),
                section: section.to_owned(),
                text: body.to_owned(),
                updated_at: w.at.clone(),
                updated_by: stamp.actor.to_owned(),
            })
        };
        let same = match (&old, &new) {
            (Some(o), Some(n)) => o.text == n.text,
            (None, None) => true,
            _ => false,
        };
        if !same {
            let op = match (&old, &new) {
                (None, _) => ChangeOp::Create,
                (_, None) => ChangeOp::Delete,
                _ => ChangeOp::Update,
            };
            w.log
                .record("yearly_report_text", key, op, old.as_ref(), new.as_ref())?;
        }
        w.commit().await?;
        Ok(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A year's texts and one section's are read through the unique key.
    #[tokio::test]
    async fn a_years_texts_are_read_through_the_key_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        let args = [Bind::Int(1), Bind::Text("2009-10"), Bind::Text("training")];
        let p = plan(YEAR_TEXTS, &args[..2]).await;
        p.assert_no_full_read("a year's texts", &[("t", "yearly_report_texts")]);
        p.assert_seeks_by("a year's texts", "t", "year", "=");
        let p = plan(ONE_TEXT, &args).await;
        p.assert_seeks_by("one section's text", "t", "section", "=");
    }
}
