//! Server-wide secrets, made once and shared by every app server through the database: the
//! first server to need one stores the random value it offers; every later call, on any
//! server, gets that same value back.

use sqlx::Row;

use crate::Store;
use crate::codec;
use crate::error::Result;

impl Store {
    /// The secret called `name`, stored as `offered` if there is none yet.
    pub async fn server_secret(&self, name: &str, offered: &str) -> Result<String> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO server_secrets (name, secret, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(offered)
        .bind(codec::now())
        .execute(&mut *tx)
        .await?;
        let row = sqlx::query("SELECT secret FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(row.try_get("secret")?)
    }
}
