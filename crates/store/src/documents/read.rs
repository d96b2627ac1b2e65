//! Reading the register: every document, those whose review falls due before a date, or one
//! document with its versions. Each read is a seek: one document by its id, the due list by
//! the review-date index (`documents_by_review`).

use std::collections::HashMap;

use domain::Date;
use domain::documents::{DocumentKind, DocumentStatus, status};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::sql::only_if_given;
use crate::{Store, scope};

/// A document as stored, with its versions, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRecord {
    pub id: i64,
    pub kind: DocumentKind,
    pub title: String,
    /// The owning role's id and title.
    pub owner: String,
    pub owner_title: String,
    pub subgroup: Option<String>,
    pub review_due: Option<Date>,
    pub approved: Option<Approval>,
    pub superseded_on: Option<Date>,
    pub versions: Vec<DocumentVersion>,
    /// Counts the writes to the document.
    pub version: i64,
}

impl DocumentRecord {
    /// Its status as at `as_at`.
    pub fn status(&self, as_at: Date) -> DocumentStatus {
        status(
            self.approved.as_ref().map(|a| a.meeting_date),
            self.superseded_on,
            self.review_due,
            as_at,
        )
    }

    /// The newest version, if it has any.
    pub fn latest(&self) -> Option<&DocumentVersion> {
        self.versions.last()
    }
}

/// The meeting that approved a document, and the version it approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Approval {
    pub meeting_date: Date,
    /// The sub-group whose meeting it was; none for the board's.
    pub subgroup: Option<String>,
    pub version: Option<i64>,
}

/// One version of a document and its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentVersion {
    pub number: i64,
    /// The name it was uploaded under.
    pub name: String,
    pub sha256: String,
    pub media_type: String,
    pub size: i64,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

/// Which documents a list holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentsQuery {
    /// Only those not superseded whose review date falls before this day.
    pub due_before: Option<Date>,
}

/// The register's read: of one document (`$2`) when `one`, of those due before `$3` when
/// `due`, else of every document.
pub(crate) fn read_sql(one: bool, due: bool) -> String {
    format!(
        "SELECT d.id, d.kind, d.title, r.slug AS owner, r.title AS owner_title,
             s.name AS subgroup, d.review_due, m.date AS approved_on, ms.name AS approved_by,
             d.approved_version, d.superseded_on, d.row_version
         FROM documents d
         JOIN roles r ON r.partnership_id = d.partnership_id AND r.id = d.owner_role_id
         LEFT JOIN subgroups s ON s.partnership_id = d.partnership_id AND s.id = d.subgroup_id
         LEFT JOIN meetings m ON m.id = d.approved_meeting_id
         LEFT JOIN subgroups ms ON ms.partnership_id = m.partnership_id AND ms.id = m.subgroup_id
         WHERE d.partnership_id = $1 AND {} AND {}",
        only_if_given("d.id", 2, one),
        if due {
            "d.review_due < $3 AND d.superseded_on IS NULL"
        } else {
            "$3 IS NULL"
        }
    )
}

/// The versions' read: of one document (`$2`) when `one`, else of the whole register.
pub(crate) fn versions_sql(one: bool) -> String {
    format!(
        "SELECT v.document_id, v.number, v.name, v.sha256, b.media_type, b.size, v.note,
             v.added_by, v.added_at
         FROM document_versions v
         JOIN blobs b ON b.partnership_id = v.partnership_id AND b.sha256 = v.sha256
         WHERE v.partnership_id = $1 AND {}
         ORDER BY v.document_id, v.number",
        only_if_given("v.document_id", 2, one)
    )
}

/// Partnership `pid`'s documents: only `one`, or only those due before `due_before`, or all.
pub(crate) async fn read(
    conn: &mut AnyConnection,
    pid: i64,
    one: Option<i64>,
    due_before: Option<Date>,
) -> Result<Vec<DocumentRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(read_sql(
        one.is_some(),
        due_before.is_some(),
    )))
    .bind(pid)
    .bind(one)
    .bind(due_before.map(codec::date_text))
    .fetch_all(&mut *conn)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut versions = read_versions(conn, pid, one).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let kind: String = r.try_get("kind")?;
        let approved = match codec::opt_date(r.try_get("approved_on")?)? {
            Some(meeting_date) => Some(Approval {
                meeting_date,
                subgroup: r.try_get("approved_by")?,
                version: r.try_get("approved_version")?,
            }),
            None => None,
        };
        out.push(DocumentRecord {
            id,
            kind: kind
                .parse()
                .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))?,
            title: r.try_get("title")?,
            owner: r.try_get("owner")?,
            owner_title: r.try_get("owner_title")?,
            subgroup: r.try_get("subgroup")?,
            review_due: codec::opt_date(r.try_get("review_due")?)?,
            approved,
            superseded_on: codec::opt_date(r.try_get("superseded_on")?)?,
            versions: versions.remove(&id).unwrap_or_default(),
            version: r.try_get("row_version")?,
        });
    }
    Ok(out)
}

async fn read_versions(
    conn: &mut AnyConnection,
    pid: i64,
    one: Option<i64>,
) -> Result<HashMap<i64, Vec<DocumentVersion>>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(versions_sql(one.is_some())))
        .bind(pid)
        .bind(one)
        .fetch_all(&mut *conn)
        .await?;
    crate::sql::grouped(&rows, "document_id", |r| {
        Ok(DocumentVersion {
            number: r.try_get("number")?,
            name: r.try_get("name")?,
            sha256: r.try_get("sha256")?,
            media_type: r.try_get("media_type")?,
            size: r.try_get("size")?,
            note: r.try_get("note")?,
            added_by: r.try_get("added_by")?,
            added_at: r.try_get("added_at")?,
        })
    })
}

/// One document of partnership `pid`, or not found.
pub(crate) async fn one(conn: &mut AnyConnection, pid: i64, id: i64) -> Result<DocumentRecord> {
    read(conn, pid, Some(id), None)
        .await?
        .pop()
        .ok_or_else(|| StoreError::not_found("that document"))
}

impl Store {
    /// Partnership `slug`'s document register: every document by kind and title, or (with
    /// `q.due_before`) those not superseded whose review falls due before that day, soonest
    /// first.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn documents(&self, slug: &str, q: DocumentsQuery) -> Result<Vec<DocumentRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let mut docs = read(&mut tx, pid, None, q.due_before).await?;
        tx.commit().await?;
        if q.due_before.is_some() {
            docs.sort_by(|a, b| {
                (a.review_due, a.title.to_lowercase()).cmp(&(b.review_due, b.title.to_lowercase()))
            });
        } else {
            docs.sort_by(|a, b| {
                (a.kind, a.title.to_lowercase()).cmp(&(b.kind, b.title.to_lowercase()))
            });
        }
        Ok(docs)
    }

    /// One document of partnership `slug`, with its versions; not found if another
    /// partnership's.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn document(&self, slug: &str, id: i64) -> Result<DocumentRecord> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let doc = one(&mut tx, pid, id).await?;
        tx.commit().await?;
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan};

    /// One document, and its versions, are read by seeking to them, never by reading a whole
    /// table, on the tests' back end (`crate::query_plan`).
    #[tokio::test]
    async fn one_document_is_read_through_keys_not_a_scan() {
        let binds = [Bind::Int(1), Bind::Int(1), Bind::Text("2010-01-01")];
        let p = plan(&read_sql(true, false), &binds).await;
        p.assert_no_full_read(
            "one document",
            &[
                ("d", "documents"),
                ("r", "roles"),
                ("s", "subgroups"),
                ("m", "meetings"),
            ],
        );
        p.assert_seeks_by("one document", "d", "id", "=");
        let v = plan(&versions_sql(true), &[Bind::Int(1), Bind::Int(1)]).await;
        v.assert_no_full_read(
            "a document's versions",
            &[("v", "document_versions"), ("b", "blobs")],
        );
        v.assert_seeks_by("a document's versions", "v", "document_id", "=");
    }

    /// The reviews falling due are found by a range seek on the review-date index.
    #[tokio::test]
    async fn the_due_list_seeks_by_the_review_date() {
        let binds = [Bind::Int(1), Bind::Int(1), Bind::Text("2010-04-01")];
        let p = plan(&read_sql(false, true), &binds).await;
        p.assert_no_full_read("reviews due", &[("d", "documents"), ("r", "roles")]);
        p.assert_seeks_by("reviews due", "d", "review_due", "<");
    }
}
