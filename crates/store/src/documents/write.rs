//! Writing the register: adding a document (with its first file, if given), adding a version,
//! recording the meeting that approved it (and the next review date), and superseding it.
//! A file is checked before the transaction opens, so a refused file writes nothing.

use domain::Date;
use domain::documents::NewDocument;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::chain::ChangeOp;
use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::evidence::{self, CheckedFile};
use crate::progress::write::{Stamp, Write};

use super::names;
use super::read::{DocumentRecord, one};

/// A file for a new version: its name and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub name: String,
    pub bytes: Vec<u8>,
    /// What changed in this version, in a sentence.
    pub note: Option<String>,
}

/// Check `f` as an evidence file is checked: its type from its bytes, an allow-list.
fn check_file(f: &NewFile) -> Result<CheckedFile> {
    let name = f.name.trim().to_string();
    if name.is_empty() || name.len() > 255 {
        return Err(StoreError::invalid(
            "file: a document's file needs a name of 1 to 255 characters",
        ));
    }
    let media_type =
        evidence::sniff(&name, &f.bytes).map_err(|e| StoreError::invalid(format!("file: {e}")))?;
    Ok(CheckedFile {
        sha256: hex::encode(Sha256::digest(&f.bytes)),
        name,
        media_type,
        bytes: f.bytes.clone(),
    })
}

/// What the change log keeps of a version.
#[derive(Serialize)]
struct VersionEntry<'a> {
    number: i64,
    name: &'a str,
    sha256: &'a str,
    note: Option<&'a str>,
}

/// Add `f` (checked) as the next version of document `id`; its number.
async fn add_version(
    w: &mut Write,
    id: i64,
    title: &str,
    f: &CheckedFile,
    note: Option<&str>,
) -> Result<i64> {
    evidence::keep(&mut w.tx, w.pid, f, &w.at, &mut w.log).await?;
    let row = sqlx::query(
        "SELECT COALESCE(MAX(number), 0) + 1 AS next FROM document_versions
         WHERE partnership_id = $1 AND document_id = $2",
    )
    .bind(w.pid)
    .bind(id)
    .fetch_one(&mut *w.tx)
    .await?;
    let number: i64 = row.try_get("next")?;
    sqlx::query(
        "INSERT INTO document_versions (partnership_id, document_id, number, sha256, name, note,
             added_by, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(w.pid)
    .bind(id)
    .bind(number)
    .bind(f.sha256.as_str())
    .bind(f.name.as_str())
    .bind(note)
    .bind(w.log.actor().to_string())
    .bind(w.at.as_str())
    .execute(&mut *w.tx)
    .await?;
    let entry = VersionEntry {
        number,
        name: &f.name,
        sha256: &f.sha256,
        note,
    };
    w.log
        .created("document_version", format!("{title} v{number}"), &entry)?;
    Ok(number)
}

async fn bump(conn: &mut AnyConnection, pid: i64, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE documents SET row_version = row_version + 1 WHERE partnership_id = $1 AND id = $2",
    )
    .bind(pid)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn tidy_note(note: Option<&str>) -> Option<String> {
    note.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(500).collect())
}

impl Store {
    /// Add `d` to partnership `slug`'s register, with `file` as its first version if given.
    /// The owner must be one of the board's lead roles and the sub-group one of its
    /// sub-groups; a title already in the register is a conflict. Nothing is written unless
    /// all of it is.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_document(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        d: &NewDocument,
        file: Option<&NewFile>,
    ) -> Result<DocumentRecord> {
        let d = d.clone().tidied();
        d.check()
            .map_err(|(f, e)| StoreError::invalid(format!("{f}: {} {}", e.problem, e.fix)))?;
        let checked = file.map(check_file).transpose()?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let role = names::role(&mut w.tx, w.pid, &d.owner).await?;
        let subgroup = match &d.subgroup {
            Some(s) => Some(names::subgroup(&mut w.tx, w.pid, s).await?),
            None => None,
        };
        let same = sqlx::query(
            "SELECT title FROM documents WHERE partnership_id = $1 AND LOWER(title) = LOWER($2)",
        )
        .bind(w.pid)
        .bind(d.title.as_str())
        .fetch_optional(&mut *w.tx)
        .await?;
        if let Some(r) = same {
            let title: String = r.try_get("title")?;
            return Err(StoreError::Conflict {
                what: format!(
                    "\"{title}\" is already in the document register: add a version to it instead"
                ),
            });
        }
        let row = sqlx::query(
            "INSERT INTO documents (partnership_id, kind, title, owner_role_id, subgroup_id,
                 review_due, row_version, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id",
        )
        .bind(w.pid)
        .bind(d.kind.as_str())
        .bind(d.title.as_str())
        .bind(role)
        .bind(subgroup)
        .bind(d.review_due.map(codec::date_text))
        .bind(w.at.as_str())
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        w.log.created("document", d.title.as_str(), &d)?;
        if let Some(f) = &checked {
            let note = tidy_note(file.and_then(|f| f.note.as_deref()));
            add_version(&mut w, id, &d.title, f, note.as_deref()).await?;
        }
        let stored = one(&mut w.tx, w.pid, id).await?;
        w.commit().await?;
        Ok(stored)
    }

    /// Add `file` as the next version of document `id`.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_document_version(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        file: &NewFile,
    ) -> Result<DocumentRecord> {
        let checked = check_file(file)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let old = one(&mut w.tx, w.pid, id).await?;
        let note = tidy_note(file.note.as_deref());
        add_version(&mut w, id, &old.title, &checked, note.as_deref()).await?;
        bump(&mut w.tx, w.pid, id).await?;
        let stored = one(&mut w.tx, w.pid, id).await?;
        w.commit().await?;
        Ok(stored)
    }

    /// Record that the meeting on `meeting` (the board's, or `subgroup`'s) approved document
    /// `id` at its latest version, and set its next review date when one is given.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn approve_document(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        meeting: Date,
        subgroup: Option<&str>,
        next_review: Option<Date>,
    ) -> Result<DocumentRecord> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let old = one(&mut w.tx, w.pid, id).await?;
        let subgroup = match subgroup {
            Some(s) => Some(names::subgroup(&mut w.tx, w.pid, s).await?),
            None => None,
        };
        let meeting_id = names::meeting(&mut w.tx, w.pid, meeting, subgroup).await?;
        if let Some(due) = next_review
            && due <= meeting
        {
            return Err(StoreError::invalid(format!(
                "review_due: the next review ({due}) must come after the meeting that \
                 approved it ({meeting})"
            )));
        }
        sqlx::query(
            "UPDATE documents SET approved_meeting_id = $1, approved_version = $2,
                 review_due = COALESCE($3, review_due), row_version = row_version + 1
             WHERE partnership_id = $4 AND id = $5",
        )
        .bind(meeting_id)
        .bind(old.latest().map(|v| v.number))
        .bind(next_review.map(codec::date_text))
        .bind(w.pid)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        let new = one(&mut w.tx, w.pid, id).await?;
        record(&mut w, &old, &new)?;
        w.commit().await?;
        Ok(new)
    }

    /// Mark document `id` superseded from `on`: it stays in the register, out of the reviews
    /// falling due.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn supersede_document(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        on: Date,
    ) -> Result<DocumentRecord> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let old = one(&mut w.tx, w.pid, id).await?;
        if let Some(d) = old.superseded_on {
            return Err(StoreError::Conflict {
                what: format!("\"{}\" was already superseded on {d}", old.title),
            });
        }
        sqlx::query(
            "UPDATE documents SET superseded_on = $1, row_version = row_version + 1
             WHERE partnership_id = $2 AND id = $3",
        )
        .bind(codec::date_text(on))
        .bind(w.pid)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        let new = one(&mut w.tx, w.pid, id).await?;
        record(&mut w, &old, &new)?;
        w.commit().await?;
        Ok(new)
    }
}

/// Note the change from `old` to `new` under the document's title (versions aside: each has
/// its own entry).
fn record(w: &mut Write, old: &DocumentRecord, new: &DocumentRecord) -> Result<()> {
    let strip = |d: &DocumentRecord| DocumentRecord {
        versions: Vec::new(),
        ..d.clone()
    };
    w.log.record(
        "document",
        old.title.as_str(),
        ChangeOp::Update,
        Some(&strip(old)),
        Some(&strip(new)),
    )
}
