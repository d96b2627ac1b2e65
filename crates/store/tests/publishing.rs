//! Publishing the public summary: off until someone turns it on, and every change in the
//! change log with its actor.

use crate::progress_support::*;

#[tokio::test]
async fn a_partnership_is_not_published_until_someone_publishes_it() {
    let (store, _guard) = imported().await;
    assert!(!store.published(KINGSTON).await.unwrap());
    assert!(store.published_partnerships().await.unwrap().is_empty());

    let on = store
        .set_published(KINGSTON, by("Business Manager", "2009-05-01"), true)
        .await
        .unwrap();
    assert!(on);
    assert!(store.published(KINGSTON).await.unwrap());
    let listed = store.published_partnerships().await.unwrap();
    assert_eq!(
        listed.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(),
        [KINGSTON]
    );

    let off = store
        .set_published(KINGSTON, by("Administrator", "2009-05-02"), false)
        .await
        .unwrap();
    assert!(!off);
    assert!(store.published_partnerships().await.unwrap().is_empty());
}

#[tokio::test]
async fn each_change_of_publishing_is_logged_with_its_actor_and_a_repeat_writes_nothing() {
    let (store, _guard) = imported().await;
    let before = store.change_log(KINGSTON).await.unwrap().len();
    store
        .set_published(KINGSTON, by("Business Manager", "2009-05-01"), true)
        .await
        .unwrap();
    store
        .set_published(KINGSTON, by("Business Manager", "2009-05-01"), true)
        .await
        .unwrap();
    let log = store.change_log(KINGSTON).await.unwrap();
    assert_eq!(log.len(), before + 1, "publishing twice is one change");
    let last = log.last().unwrap();
    assert_eq!(
        (
            last.entity.as_str(),
            last.entity_key.as_str(),
            last.actor.as_str(),
            last.before.as_deref(),
            last.after.as_deref()
        ),
        (
            "settings",
            "publishing",
            "Business Manager",
            Some("false"),
            Some("true")
        )
    );
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn publishing_needs_an_actor_and_a_partnership_that_exists() {
    let (store, _guard) = imported().await;
    assert!(
        store
            .set_published(KINGSTON, by(" ", "2009-05-01"), true)
            .await
            .is_err()
    );
    assert!(store.published("no-such-board").await.is_err());
    assert!(!store.published(KINGSTON).await.unwrap());
}
