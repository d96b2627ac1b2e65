//! When a change is recorded: the partnership's history is only ever added to, so a change
//! is never recorded before the last one in its log (a writer that queued behind another a
//! moment is recorded at the other's time).

use sqlx::{AnyConnection, Row};

use crate::error::{Result, StoreError};

/// How far behind the last recorded change a write may be stamped and still be taken as made
/// now: writers stamp their change, then queue for the partnership, so one stamped a moment
/// earlier may commit a moment later.
pub(crate) const QUEUE_TOLERANCE: jiff::SignedDuration = jiff::SignedDuration::from_secs(120);

/// The time to record a change stamped `at` under: `at` itself, or the last change's time when
/// `at` is at most [`QUEUE_TOLERANCE`] before it. Earlier than that is refused: history is
/// only ever added to, never written into the past.
pub(crate) fn settle(at: &str, last: Option<String>, slug: &str) -> Result<String> {
    let Some(last) = last.filter(|last| at < last.as_str()) else {
        return Ok(at.to_string());
    };
    let behind = match (
        at.parse::<jiff::Timestamp>(),
        last.parse::<jiff::Timestamp>(),
    ) {
        (Ok(a), Ok(l)) => l.duration_since(a),
        _ => {
            return Err(StoreError::invalid(format!(
                "the change log holds a time that cannot be read ({last})"
            )));
        }
    };
    if behind <= QUEUE_TOLERANCE {
        return Ok(last);
    }
    Err(StoreError::invalid(format!(
        "the change log of \"{slug}\" already has a change at {last}; a change cannot be \
         recorded before it ({at}), because history is only ever added to"
    )))
}

/// A partnership's newest change-log entry: when, and its hash, which the next entry chains
/// from.
pub(crate) struct LastChange {
    pub at: String,
    pub hash: String,
}

/// The partnership's newest change-log entry.
pub(crate) async fn last_change(conn: &mut AnyConnection, pid: i64) -> Result<Option<LastChange>> {
    let row = sqlx::query(
        "SELECT at, hash FROM change_log WHERE partnership_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(pid)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(LastChange {
            at: r.try_get("at")?,
            hash: r.try_get("hash")?,
        })
    })
    .transpose()
}

/// The time of the partnership's last change-log entry.
pub(crate) async fn last_change_at(conn: &mut AnyConnection, pid: i64) -> Result<Option<String>> {
    Ok(last_change(conn, pid).await?.map(|l| l.at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_queued_behind_a_later_stamped_one_is_recorded_at_the_later_time() {
        let last = Some("2009-06-01T10:00:30Z".to_string());
        assert_eq!(
            settle("2009-06-01T10:00:00Z", last.clone(), "k").unwrap(),
            "2009-06-01T10:00:30Z"
        );
        assert_eq!(
            settle("2009-06-01T10:01:00Z", last.clone(), "k").unwrap(),
            "2009-06-01T10:01:00Z"
        );
        assert_eq!(
            settle("2009-06-01T09:00:00Z", None, "k").unwrap(),
            "2009-06-01T09:00:00Z"
        );
    }

    #[test]
    fn a_write_stamped_well_before_the_last_change_is_refused() {
        let e = settle(
            "2009-06-01T09:00:00Z",
            Some("2009-06-01T10:00:00Z".into()),
            "kingston",
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("cannot be recorded before it"),
            "{e}"
        );
    }
}
