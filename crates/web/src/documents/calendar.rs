//! The document register's reviews in the calendar feed: every document not superseded that
//! has a review date, as an event on that date. Shared by the feed (`reports::calendar_feed`)
//! and `boardplan calendar`, so the two never differ.

use reports::calendar::DocumentReview;
use store::{DocumentsQuery, Store, StoreError};

/// Partnership `slug`'s reviews, for `reports::calendar::review_events`.
pub async fn reviews(store: &Store, slug: &str) -> Result<Vec<DocumentReview>, StoreError> {
    let q = DocumentsQuery {
        due_before: Some(domain::Date::MAX),
    };
    Ok(store
        .documents(slug, q)
        .await?
        .into_iter()
        .filter_map(|d| {
            Some(DocumentReview {
                id: d.id,
                about: format!(
                    "{} of the board, owned by {}: due for review.",
                    d.kind.label(),
                    d.owner_title
                ),
                due: d.review_due?,
                title: d.title,
            })
        })
        .collect())
}
