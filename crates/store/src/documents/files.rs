//! A version's file, for a download: only through its document, so a file is served only
//! to those who may read the document, and never another partnership's.

use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::{Store, scope};

/// A version's file, for a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionFile {
    pub name: String,
    pub file: crate::EvidenceFile,
}

impl Store {
    /// The file of version `number` of document `id`, for a download.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn document_file(&self, slug: &str, id: i64, number: i64) -> Result<VersionFile> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let row = sqlx::query(
            "SELECT v.name, b.sha256, b.media_type, b.bytes
             FROM document_versions v
             JOIN blobs b ON b.partnership_id = v.partnership_id AND b.sha256 = v.sha256
             WHERE v.partnership_id = $1 AND v.document_id = $2 AND v.number = $3",
        )
        .bind(pid)
        .bind(id)
        .bind(number)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::not_found("that version of the document"))?;
        tx.commit().await?;
        Ok(VersionFile {
            name: row.try_get("name")?,
            file: crate::EvidenceFile {
                sha256: row.try_get("sha256")?,
                media_type: row.try_get("media_type")?,
                bytes: row.try_get("bytes")?,
            },
        })
    }
}
