//! Evidence files on a line of a Section 11 return: checked exactly as progress evidence is
//! (`progress::evidence`: the type read from the bytes against an allow-list, the same size
//! limit and name rule), kept in `s11_evidence` beside the return rather than in the shared
//! `blobs`, so that only whoever may see the return reaches them (the caller checks its
//! `Section11View` first; the store serves a file only through its return's cycle).

use domain::assurance::section11::Stage;
use serde::Serialize;
use sqlx::Row;

use super::returns::open_line;
use crate::error::{Result, StoreError};
use crate::progress::evidence::{self, Checked, NewEvidence};
use crate::progress::write::Stamp;
use crate::{EvidenceFile, Store, scope};

/// An evidence file on a return line, as listed (the bytes are fetched on their own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct S11File {
    /// Its id, for fetching it.
    pub id: i64,
    pub name: String,
    pub sha256: String,
    pub media_type: String,
    pub size: i64,
}

/// A file fetched for download, with the agency whose return holds it (for the caller's
/// check) and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S11FileDownload {
    pub agency: String,
    /// The cycle's stage, on which who may see the return depends.
    pub stage: Stage,
    pub name: String,
    pub file: EvidenceFile,
}

/// One evidence file of partnership `$1`, `$2` its id, in the cycle of year `$3`.
pub(crate) const ONE_FILE: &str =
    "SELECT e.name, e.sha256, e.media_type, e.bytes, ag.name AS agency,
         c.stage
     FROM s11_evidence e
     JOIN s11_returns t ON t.partnership_id = e.partnership_id AND t.id = e.return_id
     JOIN s11_cycles c ON c.partnership_id = t.partnership_id AND c.id = t.cycle_id
     JOIN agencies ag ON ag.partnership_id = t.partnership_id AND ag.id = t.agency_id
     WHERE e.partnership_id = $1 AND e.id = $2 AND c.year = $3";

impl Store {
    /// Add file `name` (`bytes`) as evidence for standard `number` of agency `agency`'s return
    /// in cycle `year`. Refused, writing nothing: a file evidence would refuse (its kind,
    /// size, name), a closed cycle, an unknown agency or standard. The same file again on the
    /// same line changes nothing.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_s11_evidence(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        (year, agency, number): (i32, &str, &str),
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<S11File> {
        let checked = evidence::check(vec![NewEvidence::File {
            name: name.to_string(),
            bytes,
        }])
        .map_err(|e| StoreError::invalid(format!("file: {e}")))?;
        let Some(Checked::File(f)) = checked.into_iter().next() else {
            return Err(StoreError::invalid("file: choose a file to add"));
        };
        let actor = stamp.actor.to_string();
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let line = open_line(&mut w, year, agency, number).await?;
        let known = sqlx::query(
            "SELECT id, name, media_type, size FROM s11_evidence
             WHERE return_id = $1 AND standard_id = $2 AND sha256 = $3",
        )
        .bind(line.return_id)
        .bind(line.standard_id)
        .bind(f.sha256.as_str())
        .fetch_optional(&mut *w.tx)
        .await?;
        // The same file again on the same line (a form sent twice) is already there: nothing
        // is written, and the file as kept is the answer.
        if let Some(k) = known {
            return Ok(S11File {
                id: k.try_get("id")?,
                name: k.try_get("name")?,
                sha256: f.sha256,
                media_type: k.try_get("media_type")?,
                size: k.try_get("size")?,
            });
        }
        let size = i64::try_from(f.bytes.len())
            .map_err(|_| StoreError::invalid("file: the file is too large"))?;
        let row = sqlx::query(
            "INSERT INTO s11_evidence (partnership_id, return_id, standard_id, name, sha256,
                 media_type, size, bytes, added_by, added_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(w.pid)
        .bind(line.return_id)
        .bind(line.standard_id)
        .bind(f.name.as_str())
        .bind(f.sha256.as_str())
        .bind(f.media_type)
        .bind(size)
        .bind(f.bytes.as_slice())
        .bind(actor.as_str())
        .bind(&w.at)
        .fetch_one(&mut *w.tx)
        .await?;
        let added = S11File {
            id: row.try_get("id")?,
            name: f.name,
            sha256: f.sha256,
            media_type: f.media_type.to_string(),
            size,
        };
        w.log.created(
            "s11_evidence",
            format!(
                "{year} / {} / {} / {}",
                line.agency, line.standard, added.name
            ),
            &added,
        )?;
        w.commit().await?;
        Ok(added)
    }

    /// Evidence file `id` of a return in cycle `year`, with its agency: whether the caller
    /// may see that agency's return is theirs to check before serving it.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn s11_evidence_file(
        &self,
        slug: &str,
        year: i32,
        id: i64,
    ) -> Result<Option<S11FileDownload>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let row = sqlx::query(ONE_FILE)
            .bind(pid)
            .bind(id)
            .bind(i64::from(year))
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        row.map(|r| {
            Ok(S11FileDownload {
                agency: r.try_get("agency")?,
                stage: r
                    .try_get::<String, _>("stage")?
                    .parse::<Stage>()
                    .map_err(|e| StoreError::invalid(e.problem))?,
                name: r.try_get("name")?,
                file: EvidenceFile {
                    sha256: r.try_get("sha256")?,
                    media_type: r.try_get("media_type")?,
                    bytes: r.try_get("bytes")?,
                },
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_evidence_file_is_found_by_its_id_and_its_return_by_key() {
        use crate::query_plan::{Bind, plan};
        let p = plan(ONE_FILE, &[Bind::Int(1), Bind::Int(2), Bind::Int(2010)]).await;
        p.assert_seeks_by("one evidence file", "e", "id", "=");
        p.assert_no_full_read(
            "one evidence file",
            &[
                ("t", "s11_returns"),
                ("c", "s11_cycles"),
                ("ag", "agencies"),
            ],
        );
    }
}
