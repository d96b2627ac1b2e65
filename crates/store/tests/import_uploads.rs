//! A web import's upload held between its preview and its import: given back only to the
//! account and partnership that uploaded it, replaced by the account's next upload, gone once
//! dropped or expired, and recording nothing in the change log; on SQLite and PostgreSQL.

use domain::AccessRole;
use jiff::{Timestamp, ToSpan};
use store::{HeldUpload, ImportMode};

use crate::common::{fresh_store, kingston, source, sutton};

const KINGSTON: &str = "kingston-upon-thames-lscb";
const SUTTON: &str = "sutton-safeguarding-children-partnership";

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn upload(name: &str) -> HeldUpload {
    HeldUpload {
        file_name: name.into(),
        bytes: b"PK\x03\x04 a plan".to_vec(),
    }
}

#[tokio::test]
async fn a_held_upload_is_its_uploaders_alone_until_dropped_or_expired() {
    let (store, _g) = fresh_store().await;
    for (p, name) in [(kingston(), "k.txt"), (sutton(), "s.txt")] {
        store
            .import_partnership("test", &p, &source(name, name), ImportMode::New)
            .await
            .unwrap();
    }
    let at = t("2026-01-01T00:00:00Z");
    let ann = store
        .create_account("test", KINGSTON, "ann@example.org", "Ann", "hash", at)
        .await
        .unwrap();
    let bob = store
        .create_account("test", KINGSTON, "bob@example.org", "Bob", "hash", at)
        .await
        .unwrap();
    for slug in [KINGSTON, SUTTON] {
        store
            .grant_membership("test", ann, slug, AccessRole::Administrator, &[], at)
            .await
            .unwrap();
    }
    let head = store.log_head(KINGSTON).await.unwrap();
    let now = t("2026-02-01T10:00:00Z");
    store
        .hold_upload(KINGSTON, ann, "h1", &upload("v1.docx"), now)
        .await
        .unwrap();
    let got = store.held_upload(KINGSTON, ann, "h1", now).await.unwrap();
    assert_eq!(got, Some(upload("v1.docx")));
    assert_eq!(store.log_head(KINGSTON).await.unwrap(), head, "not logged");
    // Not another account's, not another partnership's, not another token's.
    assert_eq!(
        store.held_upload(KINGSTON, bob, "h1", now).await.unwrap(),
        None
    );
    assert_eq!(
        store.held_upload(SUTTON, ann, "h1", now).await.unwrap(),
        None
    );
    assert_eq!(
        store.held_upload(KINGSTON, ann, "h2", now).await.unwrap(),
        None
    );
    // Gone an hour later.
    let later = now.checked_add(61.minutes()).unwrap();
    assert_eq!(
        store.held_upload(KINGSTON, ann, "h1", later).await.unwrap(),
        None
    );
    // The next upload replaces it; dropping it lets it go.
    store
        .hold_upload(KINGSTON, ann, "h2", &upload("v2.docx"), now)
        .await
        .unwrap();
    assert_eq!(
        store.held_upload(KINGSTON, ann, "h1", now).await.unwrap(),
        None
    );
    assert_eq!(
        store.held_upload(KINGSTON, ann, "h2", now).await.unwrap(),
        Some(upload("v2.docx"))
    );
    store.drop_upload(KINGSTON, ann, "h2").await.unwrap();
    assert_eq!(
        store.held_upload(KINGSTON, ann, "h2", now).await.unwrap(),
        None
    );
}
