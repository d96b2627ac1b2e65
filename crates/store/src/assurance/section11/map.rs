//! The heat map of a cycle (every agency by every standard), the comparison with the cycle
//! before, and the agency an account speaks for.

use std::collections::HashMap;

use sqlx::{AnyConnection, Row};

use super::cycles::{cycle, previous_year};
use super::{Cell, Compared, Section11Map};
use crate::error::Result;
use crate::{Store, scope};

/// Every rating of a cycle, by agency id and standard number: one seek on the returns'
/// `(cycle_id, agency_id)` key.
const CYCLE_RATINGS: &str = "SELECT t.agency_id, s.number, g.rating, g.agreed
     FROM s11_returns t JOIN s11_ratings g ON g.return_id = t.id
     JOIN s11_standards s ON s.id = g.standard_id
     WHERE t.cycle_id = $1";

/// The agency of the person on the register linked to account `$2`.
const ACCOUNT_AGENCY: &str = "SELECT a.name FROM people p
     JOIN agencies a ON a.partnership_id = p.partnership_id AND a.id = p.agency_id
     WHERE p.partnership_id = $1 AND p.account_id = $2";

/// (self rating, agreed) by (agency id, standard number).
type Ratings = HashMap<(i64, String), (String, Option<String>)>;

async fn ratings(conn: &mut AnyConnection, cycle_id: i64) -> Result<Ratings> {
    let rows = sqlx::query(CYCLE_RATINGS)
        .bind(cycle_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                (r.try_get("agency_id")?, r.try_get("number")?),
                (r.try_get("rating")?, r.try_get("agreed")?),
            ))
        })
        .collect()
}

impl Store {
    /// Cycle `year`'s heat map for partnership `slug`, with the comparison with the previous
    /// cycle. Whole: callers show each person what their `Section11View` allows.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn s11_map(&self, slug: &str, year: i32) -> Result<Section11Map> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let (cid, c) = cycle(&mut tx, pid, year).await?;
        let agencies = sqlx::query(
            "SELECT id, name FROM agencies WHERE partnership_id = $1 ORDER BY position",
        )
        .bind(pid)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| Ok((r.try_get::<i64, _>("id")?, r.try_get::<String, _>("name")?)))
        .collect::<Result<Vec<_>>>()?;
        let now = ratings(&mut tx, cid).await?;
        let previous_year = previous_year(&mut tx, pid, year).await?;
        let before = match previous_year {
            Some(y) => {
                let (pcid, _) = cycle(&mut tx, pid, y).await?;
                Some(ratings(&mut tx, pcid).await?)
            }
            None => None,
        };
        tx.commit().await?;
        let mut cells = Vec::with_capacity(agencies.len() * c.standards.len());
        let mut compared = Vec::new();
        for (aid, name) in &agencies {
            for s in &c.standards {
                let key = (*aid, s.number.clone());
                let (self_rating, agreed) = match now.get(&key) {
                    Some((r, a)) => (Some(r.clone()), a.clone()),
                    None => (None, None),
                };
                let rating = agreed.clone().or_else(|| self_rating.clone());
                if let Some(before) = &before {
                    let previous = before
                        .get(&key)
                        .map(|(r, a)| a.clone().unwrap_or(r.clone()));
                    compared.push(Compared {
                        agency: name.clone(),
                        standard: s.number.clone(),
                        change: c.scale.compare(previous.as_deref(), rating.as_deref()),
                        previous,
                        current: rating.clone(),
                    });
                }
                cells.push(Cell {
                    agency: name.clone(),
                    standard: s.number.clone(),
                    rating,
                    self_rating,
                    agreed,
                });
            }
        }
        Ok(Section11Map {
            cycle: c,
            agencies: agencies.into_iter().map(|(_, n)| n).collect(),
            cells,
            previous_year,
            compared,
        })
    }

    /// The agency account `account_id` speaks for in partnership `slug`: that of the person
    /// on the member register linked to the account, if any.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn account_agency(&self, slug: &str, account_id: i64) -> Result<Option<String>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let row = sqlx::query(ACCOUNT_AGENCY)
            .bind(pid)
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row.map(|r| r.try_get::<String, _>("name")).transpose()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_cycles_ratings_and_an_accounts_agency_are_found_by_seeking() {
        use crate::query_plan::{Bind, plan};
        let p = plan(CYCLE_RATINGS, &[Bind::Int(1)]).await;
        p.assert_no_full_read(
            "a cycle's ratings",
            &[("t", "s11_returns"), ("g", "s11_ratings")],
        );
        p.assert_seeks_by("a cycle's ratings", "t", "cycle_id", "=");
        let p = plan(ACCOUNT_AGENCY, &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read("an account's agency", &[("p", "people")]);
        p.assert_seeks_by("an account's agency", "p", "account_id", "=");
    }
}
