//! Attendance and evaluation scores brought in from a file: every row checked against the
//! partnership's sessions before any is written, so an import is all or nothing. A row for a
//! session, agency and role already counted replaces the count; a score already given by the
//! same respondent, at the same stage, for the same outcome is replaced too.

use std::collections::{BTreeMap, BTreeSet};

use domain::learning::training::{Attendance, Score};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;

/// One item of a file, with the row it is on (as the spreadsheet shows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow<T> {
    pub row: usize,
    pub item: T,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
}

/// Refuse the first row whose session is not one of partnership `pid`'s.
async fn check_sessions(
    conn: &mut AnyConnection,
    pid: i64,
    rows: impl Iterator<Item = (usize, i64)>,
) -> Result<()> {
    let known: BTreeSet<i64> =
        sqlx::query("SELECT id FROM training_sessions WHERE partnership_id = $1")
            .bind(pid)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get::<i64, _>("id"))
            .collect::<std::result::Result<_, _>>()?;
    for (row, session) in rows {
        if !known.contains(&session) {
            return Err(StoreError::invalid(format!(
                "row {row}, column \"Session\": there is no training session {session} in this \
                 partnership. Give a session's number as boardplan training course list shows it."
            )));
        }
    }
    Ok(())
}

fn empty() -> StoreError {
    StoreError::invalid("the file has no rows to import: nothing was written")
}

/// A kind of row an import brings in: its table, its session, and how it replaces a row
/// already there or adds itself. Both imports share everything else (`import_rows`).
trait Upsert: Serialize {
    const TABLE: &'static str;
    fn session(&self) -> i64;
    /// Write the row: true when it replaced one already there, false when it was added.
    async fn upsert(&self, conn: &mut AnyConnection, pid: i64) -> Result<bool>;
}

impl Upsert for Attendance {
    const TABLE: &'static str = "training_attendance";

    fn session(&self) -> i64 {
        self.session
    }

    async fn upsert(&self, conn: &mut AnyConnection, pid: i64) -> Result<bool> {
        let updated = sqlx::query(
            "UPDATE training_attendance SET attended = $1
             WHERE session_id = $2 AND agency = $3 AND role = $4 AND partnership_id = $5",
        )
        .bind(i64::from(self.count))
        .bind(self.session)
        .bind(self.agency.as_str())
        .bind(self.role.as_str())
        .bind(pid)
        .execute(&mut *conn)
        .await?;
        if updated.rows_affected() == 1 {
            return Ok(true);
        }
        sqlx::query(
            "INSERT INTO training_attendance (partnership_id, session_id, agency, role,
                 attended) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(pid)
        .bind(self.session)
        .bind(self.agency.as_str())
        .bind(self.role.as_str())
        .bind(i64::from(self.count))
        .execute(&mut *conn)
        .await?;
        Ok(false)
    }
}

impl Upsert for Score {
    const TABLE: &'static str = "training_scores";

    fn session(&self) -> i64 {
        self.session
    }

    async fn upsert(&self, conn: &mut AnyConnection, pid: i64) -> Result<bool> {
        let updated = sqlx::query(
            "UPDATE training_scores SET score = $1, comment = $2
             WHERE session_id = $3 AND stage = $4 AND respondent = $5 AND outcome = $6
                 AND partnership_id = $7",
        )
        .bind(i64::from(self.score))
        .bind(self.comment.clone())
        .bind(self.session)
        .bind(self.stage.as_str())
        .bind(self.respondent.as_str())
        .bind(self.outcome.as_str())
        .bind(pid)
        .execute(&mut *conn)
        .await?;
        if updated.rows_affected() == 1 {
            return Ok(true);
        }
        sqlx::query(
            "INSERT INTO training_scores (partnership_id, session_id, stage, respondent,
                 outcome, score, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(pid)
        .bind(self.session)
        .bind(self.stage.as_str())
        .bind(self.respondent.as_str())
        .bind(self.outcome.as_str())
        .bind(i64::from(self.score))
        .bind(self.comment.clone())
        .execute(&mut *conn)
        .await?;
        Ok(false)
    }
}

impl Store {
    /// Bring in attendance counts, all or nothing.
    #[tracing::instrument(skip_all, fields(partnership = slug, rows = rows.len()))]
    pub async fn import_attendance(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        rows: &[ImportRow<Attendance>],
    ) -> Result<Imported> {
        self.import_rows(slug, stamp, rows).await
    }

    /// Bring in evaluation scores, all or nothing.
    #[tracing::instrument(skip_all, fields(partnership = slug, rows = rows.len()))]
    pub async fn import_training_scores(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        rows: &[ImportRow<Score>],
    ) -> Result<Imported> {
        self.import_rows(slug, stamp, rows).await
    }

    /// Every row checked against the sessions, then written, and logged per session, in one
    /// transaction.
    async fn import_rows<T: Upsert>(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        rows: &[ImportRow<T>],
    ) -> Result<Imported> {
        if rows.is_empty() {
            return Err(empty());
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        check_sessions(
            &mut w.tx,
            w.pid,
            rows.iter().map(|r| (r.row, r.item.session())),
        )
        .await?;
        let mut done = Imported {
            added: 0,
            updated: 0,
        };
        let mut by_session: BTreeMap<i64, Vec<&T>> = BTreeMap::new();
        for r in rows {
            if r.item.upsert(&mut w.tx, w.pid).await? {
                done.updated += 1;
            } else {
                done.added += 1;
            }
            by_session
                .entry(r.item.session())
                .or_default()
                .push(&r.item);
        }
        for (session, items) in by_session {
            w.log
                .created(T::TABLE, format!("session {session}"), &items)?;
        }
        w.commit().await?;
        Ok(done)
    }
}
