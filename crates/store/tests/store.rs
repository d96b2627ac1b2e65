//! The store's behaviour, end to end, on SQLite — and on PostgreSQL when `TEST_DATABASE_URL`
//! names a server (`TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test cargo test -p
//! store`). Each test gets a database of its own.

use std::collections::HashSet;

use crate::common::{fresh_store, kingston, large, source, sutton};
use domain::{ImportReport, Partnership};
use sqlx::Row;
use store::{ChangeOp, ImportMode, ImportOutcome, SCHEMA_VERSION, Store, StoreError};

const KINGSTON: &str = "kingston-upon-thames-lscb";
const PLAN: &str = "Improvement Plan 2009-10";

fn expected_counts(p: &Partnership) -> domain::Counts {
    let mut report = ImportReport::default();
    report.count(p);
    report.counts
}

/// Everything a test can observe of a partnership, to show that nothing changed.
async fn snapshot(
    store: &Store,
    slug: &str,
) -> (Option<domain::Counts>, usize, Option<Partnership>) {
    let log = match store.change_log(slug).await {
        Ok(log) => log.len(),
        Err(StoreError::NotFound { .. }) => 0,
        Err(e) => panic!("{e:?}"),
    };
    (
        store.counts(slug).await.unwrap(),
        log,
        store.load_partnership(slug).await.unwrap(),
    )
}

async fn import_kingston(store: &Store) -> ImportOutcome {
    store
        .import_partnership(
            "alice",
            &kingston(),
            &source("kingston.txt", "aaaa"),
            ImportMode::New,
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn import_then_load_gives_back_the_same_partnership() {
    let (store, _guard) = fresh_store().await;
    let outcome = import_kingston(&store).await;
    assert_eq!(
        outcome,
        ImportOutcome::Created {
            partnership: KINGSTON.into(),
            plan_versions: vec![(PLAN.into(), 1), ("Business Plan 2010-11".into(), 1)],
        }
    );
    let loaded = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    assert_eq!(loaded, kingston());
    assert_eq!(
        store.counts(KINGSTON).await.unwrap(),
        Some(expected_counts(&kingston()))
    );
    assert_eq!(store.load_partnership("nobody").await.unwrap(), None);
    assert_eq!(store.counts("nobody").await.unwrap(), None);
}

#[tokio::test]
async fn importing_the_same_source_twice_writes_nothing_and_says_already_present() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let before = snapshot(&store, KINGSTON).await;
    let again = import_kingston(&store).await;
    assert_eq!(
        again,
        ImportOutcome::AlreadyPresent {
            partnership: KINGSTON.into(),
            plan_title: PLAN.into(),
            version: 1
        }
    );
    assert_eq!(snapshot(&store, KINGSTON).await, before);
}

#[tokio::test]
async fn a_different_document_without_replace_is_a_conflict_and_writes_nothing() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let before = snapshot(&store, KINGSTON).await;
    let mut changed = kingston();
    changed.plans[0].objectives[0].actions[0].text = "Rewrite the board's constitution".into();
    changed.agencies.push(domain::Agency {
        name: "Kingston Hospital".into(),
    });
    let err = store
        .import_partnership(
            "bob",
            &changed,
            &source("kingston-v2.txt", "bbbb"),
            ImportMode::New,
        )
        .await
        .unwrap_err();
    let StoreError::Conflict { what } = &err else {
        panic!("expected a conflict, got {err:?}")
    };
    assert_eq!(
        what,
        "the plan \"Improvement Plan 2009-10\" is already there (version 1, from kingston.txt); \
         import with --replace to record a new version"
    );
    assert_eq!(snapshot(&store, KINGSTON).await, before);
}

#[tokio::test]
async fn replace_records_version_two_and_load_returns_the_new_text() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let mut changed = kingston();
    changed.plans[0].objectives[0].actions[0].text = "Rewrite the board's constitution".into();
    let outcome = store
        .import_partnership(
            "bob",
            &changed,
            &source("kingston-v2.txt", "bbbb"),
            ImportMode::Replace,
        )
        .await
        .unwrap();
    // Only the plan that changed gets a new version.
    assert_eq!(
        outcome,
        ImportOutcome::Replaced {
            partnership: KINGSTON.into(),
            plan_versions: vec![(PLAN.into(), 2)]
        }
    );
    assert_eq!(
        store.load_partnership(KINGSTON).await.unwrap().unwrap(),
        changed
    );
    let versions = store.plan_versions(KINGSTON, PLAN).await.unwrap();
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(versions[0].superseded_at.is_some() && versions[1].superseded_at.is_none());
    assert_eq!(versions[0].source_name, "kingston.txt");
    assert_eq!(versions[1].source_name, "kingston-v2.txt");
    assert_eq!(versions[1].actions, 9);
    assert_eq!(
        store.counts(KINGSTON).await.unwrap(),
        Some(expected_counts(&changed))
    );
    let summary = store.partnerships().await.unwrap();
    let plans: Vec<_> = summary[0]
        .plans
        .iter()
        .map(|p| (p.title.as_str(), p.version))
        .collect();
    assert_eq!(plans, [(PLAN, 2), ("Business Plan 2010-11", 1)]);
}

#[tokio::test]
async fn replacing_with_the_same_content_writes_nothing() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let before = snapshot(&store, KINGSTON).await;
    let outcome = store
        .import_partnership(
            "bob",
            &kingston(),
            &source("resaved.txt", "cccc"),
            ImportMode::Replace,
        )
        .await
        .unwrap();
    assert!(
        matches!(outcome, ImportOutcome::AlreadyPresent { version: 1, .. }),
        "{outcome:?}"
    );
    assert_eq!(snapshot(&store, KINGSTON).await, before);
}

#[tokio::test]
async fn replacing_with_the_same_plans_and_a_new_agency_records_only_the_agency() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let log_before = store.change_log(KINGSTON).await.unwrap().len();
    let mut next = kingston();
    next.agencies.push(domain::Agency {
        name: "Kingston Hospital".into(),
    });
    let outcome = store
        .import_partnership(
            "bob",
            &next,
            &source("kingston-v2.txt", "bbbb"),
            ImportMode::Replace,
        )
        .await
        .unwrap();
    assert_eq!(
        outcome,
        ImportOutcome::Replaced {
            partnership: KINGSTON.into(),
            plan_versions: vec![]
        }
    );
    assert_eq!(
        store.load_partnership(KINGSTON).await.unwrap().unwrap(),
        next
    );
    let log = store.change_log(KINGSTON).await.unwrap();
    assert_eq!(log.len(), log_before + 1);
    assert_eq!(
        (
            log[log_before].entity.as_str(),
            log[log_before].entity_key.as_str()
        ),
        ("agency", "Kingston Hospital")
    );
    assert_eq!(store.plan_versions(KINGSTON, PLAN).await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_action_referring_to_an_action_that_does_not_exist_is_refused_and_nothing_changes() {
    let (store, _guard) = fresh_store().await;
    let mut bad = kingston();
    bad.plans[0].objectives[2].actions[3]
        .references
        .push("9.9".into());
    let err = store
        .import_partnership(
            "alice",
            &bad,
            &source("kingston.txt", "aaaa"),
            ImportMode::New,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidData { .. }), "{err:?}");
    assert!(err.to_string().contains("\"9.9\""), "{err}");
    assert!(store.partnerships().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_lead_missing_from_the_roles_fails_the_import_and_leaves_the_database_unchanged() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let before = snapshot(&store, KINGSTON).await;
    // New agencies, roles and a new plan version would all be written before the bad lead is met.
    let mut bad = kingston();
    bad.agencies.push(domain::Agency {
        name: "Kingston Hospital".into(),
    });
    bad.roles.push(domain::Role {
        id: "new-role".into(),
        title: "New".into(),
        aliases: vec![],
        subgroup: None,
    });
    bad.plans[0].objectives[1].actions[0].text = "Changed".into();
    bad.plans[0].objectives[1]
        .leads
        .push("director-of-nowhere".into());
    let err = store
        .import_partnership(
            "bob",
            &bad,
            &source("kingston-v2.txt", "bbbb"),
            ImportMode::Replace,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidData { .. }), "{err:?}");
    assert!(err.to_string().contains("\"director-of-nowhere\""), "{err}");
    assert!(err.to_string().contains("objective 2"), "{err}");
    assert_eq!(snapshot(&store, KINGSTON).await, before);
    assert_eq!(store.plan_versions(KINGSTON, PLAN).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_recommendation_answered_by_nothing_in_the_plans_is_refused() {
    let (store, _guard) = fresh_store().await;
    let mut bad = kingston();
    bad.reviews[1].recommendations[0]
        .answered_by
        .push("99".into());
    let err = store
        .import_partnership(
            "alice",
            &bad,
            &source("kingston.txt", "aaaa"),
            ImportMode::New,
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("recommendation PR 1"), "{err}");
    assert!(store.partnerships().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_reimport_adds_new_board_records_and_keeps_the_old_ones() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let mut next = kingston();
    next.agencies.retain(|a| a.name != "Probation");
    next.agencies.push(domain::Agency {
        name: "Kingston Hospital".into(),
    });
    next.roles[0].aliases.push("Chair P&P".into());
    next.subgroups[2].status = domain::SubgroupStatus::Active;
    next.subgroups[0].terms_of_reference = None; // a document that lacks them keeps the stored ones
    next.plans[1].objectives[0].title = "Carry forward, and close".into();
    store
        .import_partnership(
            "bob",
            &next,
            &source("business-plan.txt", "dddd"),
            ImportMode::Replace,
        )
        .await
        .unwrap();
    let loaded = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    let agencies: Vec<_> = loaded.agencies.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        agencies,
        [
            "Children's Services",
            "Metropolitan Police",
            "NHS Kingston",
            "Probation",
            "CAFCASS",
            "Kingston Hospital"
        ]
    );
    assert_eq!(
        loaded.roles[0].aliases.last().map(String::as_str),
        Some("Chair P&P")
    );
    assert_eq!(loaded.subgroups[2].status, domain::SubgroupStatus::Active);
    assert_eq!(
        loaded.subgroups[0].terms_of_reference,
        kingston().subgroups[0].terms_of_reference
    );
    assert_eq!(
        loaded.plans[1].objectives[0].title,
        "Carry forward, and close"
    );
    let log = store.change_log(KINGSTON).await.unwrap();
    let updates: HashSet<_> = log
        .iter()
        .filter(|c| c.op == ChangeOp::Update)
        .map(|c| (c.entity.as_str(), c.entity_key.as_str()))
        .collect();
    assert_eq!(
        updates,
        HashSet::from([
            ("role", "chair-policy-and-procedure"),
            ("subgroup", "Quality Assurance"),
            ("plan", "Business Plan 2010-11 v1"),
        ])
    );
}

#[tokio::test]
async fn every_import_writes_change_log_rows_naming_its_actor_and_the_chain_verifies() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let first = store.change_log(KINGSTON).await.unwrap();
    let p = kingston();
    let c = expected_counts(&p);
    // One entry per record: partnership, board, plans, objectives, actions, trace links.
    let expected = 1
        + c.agencies
        + c.subgroups
        + c.proposed_subgroups
        + c.roles
        + c.reviews
        + c.recommendations
        + p.meetings.len()
        + p.plans.len()
        + c.objectives
        + c.actions
        + c.trace_links;
    assert_eq!(first.len(), expected);
    assert!(
        first
            .iter()
            .all(|e| e.actor == "alice" && e.at.ends_with('Z'))
    );
    assert_eq!(first[0].entity, "partnership");
    assert_eq!(first[0].prev_hash, "");
    let plan = first.iter().find(|e| e.entity == "plan").unwrap();
    assert_eq!(plan.op, ChangeOp::Import);
    assert!(plan.after.as_deref().unwrap().contains("kingston.txt"));

    let mut changed = kingston();
    changed.plans[0].objectives[0].actions[0].text = "Rewrite the board's constitution".into();
    store
        .import_partnership(
            "bob",
            &changed,
            &source("kingston-v2.txt", "bbbb"),
            ImportMode::Replace,
        )
        .await
        .unwrap();
    let all = store.change_log(KINGSTON).await.unwrap();
    let second = &all[first.len()..];
    assert!(!second.is_empty() && second.iter().all(|e| e.actor == "bob"));
    assert!(
        second
            .iter()
            .any(|e| e.entity == "plan" && e.op == ChangeOp::Update)
    );
    assert_eq!(second[0].prev_hash, first.last().unwrap().hash);
    let v = store.verify_change_log(KINGSTON).await.unwrap();
    assert_eq!((v.entries, v.first_bad), (all.len(), None));
}

#[tokio::test]
async fn tampering_with_a_change_log_row_makes_verify_name_that_row() {
    let (store, guard) = fresh_store().await;
    import_kingston(&store).await;
    let log = store.change_log(KINGSTON).await.unwrap();
    let victim = log[5].id;
    let mut raw = guard.raw().await;
    guard.drop_change_log_triggers(&mut raw).await;
    sqlx::query("UPDATE change_log SET actor = 'mallory' WHERE id = $1")
        .bind(victim)
        .execute(&mut raw)
        .await
        .unwrap();
    let v = store.verify_change_log(KINGSTON).await.unwrap();
    assert_eq!(v.first_bad, Some(victim));
    assert_eq!(v.entries, log.len());
}

#[tokio::test]
async fn two_partnerships_never_see_each_others_data() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let sutton_slug = "sutton-safeguarding-children-partnership";
    store
        .import_partnership(
            "carol",
            &sutton(),
            &source("sutton.txt", "eeee"),
            ImportMode::New,
        )
        .await
        .unwrap();
    let k = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    let s = store.load_partnership(sutton_slug).await.unwrap().unwrap();
    assert_eq!(k, kingston());
    assert_eq!(s, sutton());
    let names = |p: &Partnership| {
        p.agencies
            .iter()
            .map(|a| a.name.clone())
            .collect::<HashSet<_>>()
    };
    assert!(names(&k).is_disjoint(&names(&s)));
    assert!(
        store
            .change_log(sutton_slug)
            .await
            .unwrap()
            .iter()
            .all(|e| e.actor == "carol")
    );
    assert!(
        store
            .change_log(KINGSTON)
            .await
            .unwrap()
            .iter()
            .all(|e| e.actor == "alice")
    );
    assert_eq!(
        store
            .verify_change_log(sutton_slug)
            .await
            .unwrap()
            .first_bad,
        None
    );
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
    let listed: Vec<_> = store
        .partnerships()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.slug)
        .collect();
    assert_eq!(listed, [KINGSTON, sutton_slug]);
}

#[tokio::test]
async fn the_same_plan_title_in_two_partnerships_is_two_plans() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    // Same title and even the same source hash: still a different partnership's plan.
    let outcome = store
        .import_partnership(
            "carol",
            &sutton(),
            &source("kingston.txt", "aaaa"),
            ImportMode::New,
        )
        .await
        .unwrap();
    assert!(
        matches!(outcome, ImportOutcome::Created { .. }),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn migrating_an_empty_database_records_every_migration() {
    let (store, guard) = fresh_store().await;
    assert_eq!(store.schema_version().await.unwrap(), SCHEMA_VERSION);
    let mut raw = guard.raw().await;
    let rows =
        sqlx::query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
            .fetch_all(&mut raw)
            .await
            .unwrap();
    let applied: Vec<(i64, String)> = rows
        .iter()
        .map(|r| (r.try_get("version").unwrap(), r.try_get("name").unwrap()))
        .collect();
    assert_eq!(
        applied,
        [
            (1, "board".into()),
            (2, "plans".into()),
            (3, "change_log".into()),
            (4, "progress".into()),
            (5, "accounts".into()),
            (6, "indicators".into()),
            (7, "latest_rating".into()),
            (8, "calendar_feeds".into()),
            (9, "change_log_append_only".into()),
            (10, "login_throttle".into()),
            (11, "token_expiry".into()),
            (12, "publishing".into()),
            (13, "governance".into()),
            (14, "meetings".into()),
            (15, "documents".into()),
            (16, "risks_section11".into()),
            (17, "audits".into()),
            (18, "learning".into()),
            (19, "identity".into()),
            (20, "mail".into()),
            (21, "s11_evidence_actions".into()),
            (22, "meeting_action_promotion".into()),
            (23, "training_needs".into()),
            (24, "yearly_report".into()),
            (25, "import_uploads".into()),
            (26, "change_log_by_time".into()),
            (27, "change_log_story".into()),
        ]
    );
    assert!(
        rows.iter()
            .all(|r| r.try_get::<String, _>("applied_at").unwrap().ends_with('Z'))
    );
}

#[tokio::test]
async fn reconnecting_to_a_migrated_database_changes_nothing() {
    let (store, guard) = fresh_store().await;
    import_kingston(&store).await;
    let read = async || {
        let mut raw = guard.raw().await;
        sqlx::query("SELECT version, applied_at FROM schema_migrations ORDER BY version")
            .fetch_all(&mut raw)
            .await
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r.try_get::<i64, _>("version").unwrap(),
                    r.try_get::<String, _>("applied_at").unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = read().await;
    store.close().await;
    let again = Store::connect(guard.url()).await.unwrap();
    assert_eq!(read().await, before);
    assert_eq!(
        again.load_partnership(KINGSTON).await.unwrap(),
        Some(kingston())
    );
    assert_eq!(again.backend(), store.backend());
}

#[tokio::test]
async fn a_database_with_a_newer_schema_is_refused() {
    let (store, guard) = fresh_store().await;
    store.close().await;
    let mut raw = guard.raw().await;
    sqlx::query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', '2030-01-01T00:00:00Z')")
        .bind(SCHEMA_VERSION + 1)
        .execute(&mut raw)
        .await
        .unwrap();
    let err = Store::connect(guard.url()).await.unwrap_err();
    assert!(
        matches!(err, StoreError::SchemaTooNew { found, supported } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "this database was written by a newer Boardplan (schema {}); upgrade Boardplan",
            SCHEMA_VERSION + 1
        )
    );
}

#[tokio::test]
async fn listing_versions_of_an_unknown_partnership_or_plan_is_not_found() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    assert!(matches!(
        store.plan_versions("nobody", PLAN).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.plan_versions(KINGSTON, "No such plan").await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.change_log("nobody").await,
        Err(StoreError::NotFound { .. })
    ));
}

#[tokio::test]
async fn a_plan_of_two_thousand_actions_imports_in_one_go_and_round_trips() {
    let (store, _guard) = fresh_store().await;
    let p = large(100, 20);
    let started = std::time::Instant::now();
    store
        .import_partnership("bulk", &p, &source("large.txt", "ffff"), ImportMode::New)
        .await
        .unwrap();
    let imported = started.elapsed();
    let loaded = store
        .load_partnership("large-board")
        .await
        .unwrap()
        .unwrap();
    eprintln!(
        "{:?}: imported 2,000 actions in {imported:?}, loaded them in {:?}",
        store.backend(),
        started.elapsed() - imported
    );
    assert_eq!(loaded, p);
    assert_eq!(
        store.counts("large-board").await.unwrap(),
        Some(expected_counts(&p))
    );
}
