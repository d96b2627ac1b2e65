//! Every table but `partnerships` is scoped by partnership, and every request names its
//! partnership by slug: finding the id that scopes the rest.

use sqlx::{AnyConnection, Row};

use crate::error::{Result, StoreError};

pub(crate) async fn partnership_id(conn: &mut AnyConnection, slug: &str) -> Result<Option<i64>> {
    let row = sqlx::query("SELECT id FROM partnerships WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.try_get::<i64, _>("id")).transpose()?)
}

/// The partnership's id, or NotFound naming the slug.
pub(crate) async fn require_partnership(conn: &mut AnyConnection, slug: &str) -> Result<i64> {
    partnership_id(conn, slug)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the partnership \"{slug}\"")))
}
