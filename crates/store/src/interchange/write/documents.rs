//! The document register: each document with its versions, each version's file checked as
//! a document file is and kept as evidence files are.

use std::collections::HashMap;

use domain::business::Business;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::ChangeBatch;
use crate::codec;
use crate::error::Result;
use crate::progress::evidence::{self, CheckedFile};
use crate::sql::fetch;

use super::super::read::Files;
use super::meetings::{MeetingIds, meeting_id};
use super::{at, find};

#[allow(clippy::too_many_arguments)]
pub(super) async fn document_rows(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    files: &Files,
    subgroups: &HashMap<String, i64>,
    meetings: &MeetingIds,
    at_time: &str,
    log: &mut ChangeBatch,
) -> Result<()> {
    let roles: HashMap<String, i64> = fetch(
        conn,
        "SELECT id, slug FROM roles WHERE partnership_id = $1",
        pid,
    )
    .await?
    .iter()
    .map(|r| Ok((r.try_get("slug")?, r.try_get("id")?)))
    .collect::<Result<_>>()?;
    for (i, d) in b.documents.iter().enumerate() {
        let role = roles.get(&d.owner).ok_or_else(|| {
            at(
                format!("documents[{i}].owner"),
                format!("\"{}\" is not one of the lead roles", d.owner),
            )
        })?;
        let subgroup = d
            .subgroup
            .as_deref()
            .map(|s| {
                find(
                    subgroups,
                    s,
                    format!("documents[{i}].subgroup"),
                    "one of the sub-groups",
                )
                .copied()
            })
            .transpose()?;
        let approved = d
            .approved
            .as_ref()
            .map(|a| {
                meeting_id(
                    &a.meeting,
                    subgroups,
                    meetings,
                    format!("documents[{i}].approved.meeting"),
                )
            })
            .transpose()?;
        let row = sqlx::query(
            "INSERT INTO documents (partnership_id, kind, title, owner_role_id, subgroup_id,
                 review_due, approved_meeting_id, approved_version, superseded_on, row_version,
                 created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10) RETURNING id",
        )
        .bind(pid)
        .bind(d.kind.as_str())
        .bind(d.title.as_str())
        .bind(role)
        .bind(subgroup)
        .bind(d.review_due.map(codec::date_text))
        .bind(approved)
        .bind(d.approved.as_ref().and_then(|a| a.version).map(i64::from))
        .bind(d.superseded_on.map(codec::date_text))
        .bind(at_time)
        .fetch_one(&mut *conn)
        .await?;
        let id: i64 = row.try_get("id")?;
        for (j, v) in d.versions.iter().enumerate() {
            let path = format!("documents[{i}].versions[{j}]");
            let bytes = files
                .get(&v.sha256)
                .ok_or_else(|| at(format!("{path}.sha256"), "the file is not in the document"))?;
            if hex::encode(Sha256::digest(bytes)) != v.sha256 {
                return Err(at(
                    format!("{path}.sha256"),
                    "the file does not have this SHA-256",
                ));
            }
            let media_type = evidence::sniff(&v.name, bytes).map_err(|e| at(&path, e))?;
            let checked = CheckedFile {
                name: v.name.clone(),
                media_type,
                sha256: v.sha256.clone(),
                bytes: bytes.clone(),
            };
            evidence::keep(conn, pid, &checked, at_time, log).await?;
            sqlx::query(
                "INSERT INTO document_versions (partnership_id, document_id, number, sha256, name,
                     note, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(pid)
            .bind(id)
            .bind(i64::from(v.number))
            .bind(v.sha256.as_str())
            .bind(v.name.as_str())
            .bind(v.note.as_deref())
            .bind(v.added_by.as_str())
            .bind(v.added_at.as_str())
            .execute(&mut *conn)
            .await?;
        }
        log.created("document", d.title.as_str(), d)?;
    }
    Ok(())
}
