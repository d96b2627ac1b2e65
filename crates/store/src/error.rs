//! The store's one error type. Every message except [`StoreError::Database`]'s is written for
//! the person using Boardplan; database text only ever travels as the `source` of
//! [`StoreError::Database`], for the log.

/// What the store returns.
pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The partnership, plan or record asked for is not stored.
    #[error("{what} was not found")]
    NotFound { what: String },

    /// The write clashes with what is already stored (or with a change saved at the same
    /// moment); nothing was written.
    #[error("{what}")]
    Conflict { what: String },

    /// The database was migrated by a later Boardplan than this one.
    #[error("this database was written by a newer Boardplan (schema {found}); upgrade Boardplan")]
    SchemaTooNew { found: i64, supported: i64 },

    /// The data given (or found in the database) breaks a rule of the model; nothing was
    /// written.
    #[error("{what}")]
    InvalidData { what: String },

    /// The database failed. The message stays generic; the cause is the `source`: sqlx's
    /// error, or SQLite's own for the caller's statement (`dialect::inline`).
    #[error("the database could not complete the request")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    pub(crate) fn invalid(what: impl Into<String>) -> Self {
        Self::InvalidData { what: what.into() }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound { what: what.into() }
    }
}

impl From<sqlx::Error> for StoreError {
    /// A unique-key clash means another writer saved the same records first (the store
    /// checks for duplicates itself before writing), so it is a conflict to retry, not a
    /// failure. Only the constraint's name is logged: its detail text may hold personal data.
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &err
            && db.is_unique_violation()
        {
            tracing::warn!(
                constraint = db.constraint(),
                "write lost a race on a unique key"
            );
            return Self::Conflict {
                what: "someone else changed the same records at the same moment; nothing was \
                       written, try again"
                    .into(),
            };
        }
        Self::Database(Box::new(err))
    }
}

impl From<rusqlite::Error> for StoreError {
    /// Only statements that read go through SQLite's own API, so no clash is expected.
    fn from(err: rusqlite::Error) -> Self {
        Self::Database(Box::new(err))
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(err: serde_json::Error) -> Self {
        Self::InvalidData {
            what: format!("a record could not be written or read as JSON ({err})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_schema_is_refused_with_a_message_a_person_can_act_on() {
        let e = StoreError::SchemaTooNew {
            found: 9,
            supported: 3,
        };
        assert_eq!(
            e.to_string(),
            "this database was written by a newer Boardplan (schema 9); upgrade Boardplan"
        );
    }

    #[test]
    fn database_text_never_becomes_the_message() {
        let e = StoreError::from(sqlx::Error::Protocol("secret detail".into()));
        assert!(!e.to_string().contains("secret"));
        assert!(matches!(e, StoreError::Database(_)));
    }
}
