//! Turning a kind of reminder off, from the signed link in a message: recorded in the
//! partnership's change log as the account's own doing. Turning off a kind already off
//! changes nothing.

use domain::reminders::ReminderKind;
use serde::Serialize;
use sqlx::Row;

use crate::Store;
use crate::changelog::chain::ChangeBatch;
use crate::changelog::order::{last_change_at, settle};
use crate::codec::at_text;
use crate::dialect;
use crate::error::{Result, StoreError};

#[derive(Serialize)]
struct OptOutLog<'a> {
    account: &'a str,
    kind: &'a str,
}

impl Store {
    /// Stop reminders of `kind` to account `account_id` in partnership `partnership_id`.
    /// False when they were off already. The account must be a member there.
    #[tracing::instrument(skip_all, fields(partnership_id, account_id))]
    pub async fn unsubscribe(
        &self,
        partnership_id: i64,
        account_id: i64,
        kind: ReminderKind,
        at: jiff::Timestamp,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        if let Some(lock) = dialect::lock_partnership(self.backend) {
            sqlx::query(lock)
                .bind(partnership_id)
                .execute(&mut *tx)
                .await?;
        }
        let member = sqlx::query(
            "SELECT a.email FROM memberships m JOIN accounts a ON a.id = m.account_id
             WHERE m.partnership_id = $1 AND m.account_id = $2",
        )
        .bind(partnership_id)
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::not_found("the account in that partnership"))?;
        let email: String = member.try_get("email")?;
        let done = sqlx::query(
            "SELECT kind FROM reminder_unsubscribes
             WHERE partnership_id = $1 AND account_id = $2 AND kind = $3",
        )
        .bind(partnership_id)
        .bind(account_id)
        .bind(kind.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        if done.is_some() {
            return Ok(false);
        }
        let at = settle(
            &at_text(at),
            last_change_at(&mut tx, partnership_id).await?,
            "the partnership",
        )?;
        sqlx::query(
            "INSERT INTO reminder_unsubscribes (partnership_id, account_id, kind, at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(partnership_id)
        .bind(account_id)
        .bind(kind.as_str())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let mut log = ChangeBatch::new(partnership_id, &email, &at);
        log.created(
            "reminder_unsubscribe",
            format!("{} for {email}", kind.as_str()),
            &OptOutLog {
                account: &email,
                kind: kind.as_str(),
            },
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(true)
    }
}
