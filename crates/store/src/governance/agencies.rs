//! The agencies' details beyond their names: statutory partner or relevant agency, the
//! representatives each should send, and what each pays in per financial year. Adding an
//! agency here adds a row to the same table the plan's board import writes.

use std::collections::HashMap;

use domain::{AgencyDetails, AgencyKind, Contribution};
use serde::Serialize;
use sqlx::Row;

use crate::changelog::chain::Diff;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::sql::fetch;
use crate::{Store, codec, scope};

use super::lookup::Lookup;

/// The most representatives an agency may be asked to send: more is a typing slip.
const MAX_REPRESENTATIVES: u32 = 50;

/// What an agency's details are changed to; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AgencyChange {
    pub kind: Option<AgencyKind>,
    pub representatives_expected: Option<u32>,
}

fn parse_kind(text: Option<String>) -> Result<Option<AgencyKind>> {
    text.map(|t| {
        t.parse()
            .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))
    })
    .transpose()
}

impl Store {
    /// Partnership `slug`'s agencies in the board's order, with their details and
    /// contributions.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn agencies(&self, slug: &str) -> Result<Vec<AgencyDetails>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let rows = fetch(
            &mut tx,
            "SELECT id, name, kind, representatives_expected FROM agencies
             WHERE partnership_id = $1 ORDER BY position",
            pid,
        )
        .await?;
        let money = fetch(
            &mut tx,
            "SELECT agency_id, year, pence FROM agency_contributions
             WHERE partnership_id = $1 ORDER BY year",
            pid,
        )
        .await?;
        tx.commit().await?;
        let mut by_agency: HashMap<i64, Vec<Contribution>> = HashMap::new();
        for r in &money {
            let year: i64 = r.try_get("year")?;
            by_agency
                .entry(r.try_get("agency_id")?)
                .or_default()
                .push(Contribution {
                    year: i32::try_from(year)
                        .map_err(|_| StoreError::invalid("a contribution's year is not a year"))?,
                    pence: r.try_get("pence")?,
                });
        }
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                Ok(AgencyDetails {
                    name: r.try_get("name")?,
                    kind: parse_kind(r.try_get("kind")?)?,
                    representatives_expected: r
                        .try_get::<Option<i64>, _>("representatives_expected")?
                        .map(|n| codec::to_u32(n, "representatives expected"))
                        .transpose()?,
                    contributions: by_agency.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Add agency `name` to partnership `slug`'s board, with `change`'s details. A name the
    /// board already has (case aside) is a conflict.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_agency(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        name: &str,
        change: &AgencyChange,
    ) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > domain::governance::MAX_TEXT_CHARS {
            return Err(StoreError::invalid(
                "an agency needs a name of 1 to 200 characters",
            ));
        }
        check_representatives(change)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let lookup = Lookup::load(&mut w.tx, w.pid).await?;
        if let Ok((_, stored)) = lookup.agency(name) {
            return Err(StoreError::Conflict {
                what: format!("the board already has the agency {stored}"),
            });
        }
        let row = sqlx::query(
            "SELECT COALESCE(MAX(position) + 1, 0) AS next FROM agencies WHERE partnership_id = $1",
        )
        .bind(w.pid)
        .fetch_one(&mut *w.tx)
        .await?;
        sqlx::query(
            "INSERT INTO agencies (partnership_id, position, name, kind, representatives_expected)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(w.pid)
        .bind(row.try_get::<i64, _>("next")?)
        .bind(name)
        .bind(change.kind.map(AgencyKind::as_str))
        .bind(change.representatives_expected.map(i64::from))
        .execute(&mut *w.tx)
        .await?;
        w.log.created("agency", name, change)?;
        w.commit().await
    }

    /// Change agency `name`'s details; fields `change` leaves `None` stay as they are.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_agency(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        name: &str,
        change: &AgencyChange,
    ) -> Result<()> {
        check_representatives(change)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let lookup = Lookup::load(&mut w.tx, w.pid).await?;
        let (id, stored) = lookup.agency(name).map_err(StoreError::invalid)?;
        let row = sqlx::query("SELECT kind, representatives_expected FROM agencies WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *w.tx)
            .await?;
        let old_kind = parse_kind(row.try_get("kind")?)?;
        let old_reps: Option<i64> = row.try_get("representatives_expected")?;
        let kind = change.kind.or(old_kind);
        let reps = change.representatives_expected.map(i64::from).or(old_reps);
        let mut diff = Diff::default();
        diff.field("kind", &old_kind, &kind)?;
        diff.field("representatives_expected", &old_reps, &reps)?;
        if diff.is_empty() {
            return Ok(());
        }
        sqlx::query(
            "UPDATE agencies SET kind = $1, representatives_expected = $2
             WHERE partnership_id = $3 AND id = $4",
        )
        .bind(kind.map(AgencyKind::as_str))
        .bind(reps)
        .bind(w.pid)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        diff.record(&mut w.log, "agency", stored)?;
        w.commit().await
    }

    /// Record what agency `name` pays in for the financial year starting in `c.year`,
    /// replacing an amount recorded before for that year.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_contribution(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        name: &str,
        c: Contribution,
    ) -> Result<()> {
        if !(1990..=2100).contains(&c.year) || c.pence < 0 {
            return Err(StoreError::invalid(format!(
                "{} is not a financial year a contribution can be recorded for; give the year \
                 it starts, e.g. 2009 for 2009-10",
                c.year
            )));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let lookup = Lookup::load(&mut w.tx, w.pid).await?;
        let (id, stored) = lookup.agency(name).map_err(StoreError::invalid)?;
        let old = sqlx::query(
            "SELECT pence FROM agency_contributions WHERE agency_id = $1 AND year = $2",
        )
        .bind(id)
        .bind(i64::from(c.year))
        .fetch_optional(&mut *w.tx)
        .await?
        .map(|r| r.try_get::<i64, _>("pence"))
        .transpose()?;
        let key = format!("{stored} {}", c.year_label());
        match old {
            Some(p) if p == c.pence => return Ok(()),
            Some(p) => {
                sqlx::query(
                    "UPDATE agency_contributions SET pence = $1 WHERE agency_id = $2 AND year = $3",
                )
                .bind(c.pence)
                .bind(id)
                .bind(i64::from(c.year))
                .execute(&mut *w.tx)
                .await?;
                let mut diff = Diff::default();
                diff.field("pence", &p, &c.pence)?;
                diff.record(&mut w.log, "contribution", key)?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO agency_contributions (partnership_id, agency_id, year, pence)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(w.pid)
                .bind(id)
                .bind(i64::from(c.year))
                .bind(c.pence)
                .execute(&mut *w.tx)
                .await?;
                w.log.created("contribution", key, &c)?;
            }
        }
        w.commit().await
    }
}

fn check_representatives(change: &AgencyChange) -> Result<()> {
    match change.representatives_expected {
        Some(n) if n > MAX_REPRESENTATIVES => Err(StoreError::invalid(format!(
            "{n} representatives is more than any agency sends; give a number from 0 to \
             {MAX_REPRESENTATIVES}"
        ))),
        _ => Ok(()),
    }
}
