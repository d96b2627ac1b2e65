//! A sheet taken from an older state of the plan never silently undoes newer work: the import
//! is refused, listing what changed, unless the person asks to replace anyway (and the change
//! log says they did); a check that saw another state than the plan's now is refused too.

use domain::{Partnership, PlanMark};
use store::{ActionEdit, ImportGuard, ImportMode, Store, StoreError, TakenFrom};

use crate::common::{kingston, source};
use crate::progress_support::{KINGSTON, PLAN, by, imported, key, ts};

async fn edit_text(store: &Store, action: &str, text: &str) {
    let k = key(action);
    let v = store.action_state(KINGSTON, &k).await.unwrap().version;
    let e = ActionEdit {
        text: Some(text.into()),
        ..ActionEdit::default()
    };
    store
        .edit_action(KINGSTON, by("Business Manager", "2009-05-01"), &k, v, e)
        .await
        .unwrap();
}

async fn mark(store: &Store) -> PlanMark {
    store
        .plan_mark(KINGSTON, PLAN, None)
        .await
        .unwrap()
        .unwrap()
}

/// The sample plan with the person's own change in their sheet: action 4.5's text.
fn sheet() -> Partnership {
    let mut p = kingston();
    let a = p.plans[0]
        .objectives
        .iter_mut()
        .flat_map(|o| o.actions.iter_mut())
        .find(|a| a.id == "4.5")
        .unwrap();
    a.text = "Audit twenty case files a quarter".into();
    p
}

fn guard(taken_from: TakenFrom, replace_anyway: bool) -> ImportGuard {
    ImportGuard {
        title: PLAN.into(),
        taken_from,
        seen: None,
        replace_anyway,
    }
}

async fn import(store: &Store, g: &ImportGuard) -> Result<store::ImportOutcome, StoreError> {
    store
        .import_guarded(
            "Business Manager",
            &sheet(),
            &source("plan.csv", "bbbb"),
            ImportMode::Replace,
            g,
        )
        .await
}

async fn text_of(store: &Store, action: &str) -> String {
    let p = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    p.plans[0]
        .objectives
        .iter()
        .flat_map(|o| &o.actions)
        .find(|a| a.id == action)
        .unwrap()
        .text
        .clone()
}

#[tokio::test]
async fn a_sheet_from_before_an_edit_is_refused_listing_the_edit_and_nothing_is_written() {
    let (store, _guard) = imported().await;
    let old = mark(&store).await;
    assert_eq!((old.version, old.edit), (1, 0));
    edit_text(&store, "1.1", "Rewrite the board's constitution").await;
    assert_ne!(mark(&store).await, old, "an edit moves the mark");
    let head = store.log_head(KINGSTON).await.unwrap();

    let stale = store
        .plan_staleness(KINGSTON, PLAN, &TakenFrom::Marked(old.clone()))
        .await
        .unwrap()
        .expect("the sheet is stale");
    assert_eq!(stale.changes.len(), 1, "{stale:?}");
    assert_eq!(stale.changes[0].action, "1.1");
    assert!(
        stale.changes[0]
            .what
            .contains("text now \"Rewrite the board's constitution\"")
            && stale.changes[0]
                .what
                .contains("edited by Business Manager on 2009-05-01"),
        "{stale:?}"
    );

    let err = import(&store, &guard(TakenFrom::Marked(old), false))
        .await
        .unwrap_err();
    let StoreError::Conflict { what } = &err else {
        panic!("a conflict, not {err:?}");
    };
    assert!(what.contains("- 1.1: text now"), "{what}");
    assert!(what.contains("Nothing was written"), "{what}");
    assert!(what.contains("--replace"), "{what}");
    assert_eq!(store.log_head(KINGSTON).await.unwrap(), head);
    assert_eq!(
        text_of(&store, "1.1").await,
        "Rewrite the board's constitution"
    );
    assert_eq!(text_of(&store, "4.5").await, "Audit case files");
}

#[tokio::test]
async fn replacing_anyway_goes_ahead_and_the_change_log_says_what_it_undid() {
    let (store, _guard) = imported().await;
    let old = mark(&store).await;
    edit_text(&store, "1.1", "Rewrite the board's constitution").await;
    let outcome = import(&store, &guard(TakenFrom::Marked(old), true))
        .await
        .unwrap();
    assert!(
        matches!(outcome, store::ImportOutcome::Replaced { ref plan_versions, .. } if plan_versions[0].1 == 2),
        "{outcome:?}"
    );
    assert_eq!(
        text_of(&store, "4.5").await,
        "Audit twenty case files a quarter"
    );
    let log = store.change_log(KINGSTON).await.unwrap();
    let note = log
        .iter()
        .rev()
        .find(|c| c.entity == "plan" && c.what().contains("replaced_anyway"))
        .expect("the change log records the replacement");
    assert!(note.what().contains("\"1.1\""), "{}", note.what());
    assert!(
        note.what().contains("version 1 (no edits)"),
        "{}",
        note.what()
    );
    assert_eq!(note.actor, "Business Manager");
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn a_fresh_sheet_imports_without_asking() {
    let (store, _guard) = imported().await;
    edit_text(&store, "1.1", "Rewrite the board's constitution").await;
    let fresh = mark(&store).await;
    let mut p = sheet();
    p.plans[0].objectives[0].actions[0].text = "Rewrite the board's constitution".into();
    let outcome = store
        .import_guarded(
            "Business Manager",
            &p,
            &source("plan.csv", "cccc"),
            ImportMode::Replace,
            &guard(TakenFrom::Marked(fresh), false),
        )
        .await
        .unwrap();
    assert!(matches!(outcome, store::ImportOutcome::Replaced { .. }));
    assert_eq!(
        text_of(&store, "4.5").await,
        "Audit twenty case files a quarter"
    );
    assert!(
        !store
            .change_log(KINGSTON)
            .await
            .unwrap()
            .iter()
            .any(|c| c.what().contains("replaced_anyway")),
        "nothing was replaced anyway"
    );
}

#[tokio::test]
async fn an_unmarked_sheet_imports_into_an_unedited_plan_but_not_over_edits() {
    let (store, _guard) = imported().await;
    let p = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    assert_eq!(p.plans[0].objectives[0].actions[0].id, "1.1");
    // Nothing was edited since the import: nothing to undo.
    assert!(
        store
            .plan_staleness(KINGSTON, PLAN, &TakenFrom::Unmarked)
            .await
            .unwrap()
            .is_none()
    );
    edit_text(&store, "1.1", "Rewrite the board's constitution").await;
    let head = store.log_head(KINGSTON).await.unwrap();
    let err = import(&store, &guard(TakenFrom::Unmarked, false))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("does not say which state")
            && err.to_string().contains("- 1.1: text now"),
        "{err}"
    );
    assert_eq!(store.log_head(KINGSTON).await.unwrap(), head);
    import(&store, &guard(TakenFrom::Unmarked, true))
        .await
        .unwrap();
    assert_eq!(
        text_of(&store, "4.5").await,
        "Audit twenty case files a quarter"
    );
}

#[tokio::test]
async fn a_sheet_from_before_another_import_is_refused_naming_the_new_version() {
    let (store, _guard) = imported().await;
    let old = mark(&store).await;
    let mut newer = kingston();
    newer.plans[0].objectives[1].actions[0].text = "Agree the board's KPIs by June".into();
    store
        .import_partnership_at(
            "Chair",
            &newer,
            &source("kingston-v2.txt", "dddd"),
            ImportMode::Replace,
            ts("2009-05-02"),
        )
        .await
        .unwrap();
    let err = import(&store, &guard(TakenFrom::Marked(old), false))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("imported again as version 2 from kingston-v2.txt on 2009-05-02"),
        "{err}"
    );
    assert!(
        err.contains("- 2.1: text now \"Agree the board's KPIs by June\""),
        "{err}"
    );
    assert_eq!(
        text_of(&store, "2.1").await,
        "Agree the board's KPIs by June"
    );
}

#[tokio::test]
async fn a_plan_changed_after_the_check_is_refused_even_when_replacing_anyway() {
    let (store, _guard) = imported().await;
    let seen = mark(&store).await;
    edit_text(&store, "1.1", "Rewrite the board's constitution").await;
    let head = store.log_head(KINGSTON).await.unwrap();
    let g = ImportGuard {
        seen: Some(seen.clone()),
        ..guard(TakenFrom::Document, true)
    };
    let err = import(&store, &g).await.unwrap_err();
    let StoreError::Conflict { what } = &err else {
        panic!("a conflict, not {err:?}");
    };
    assert!(
        what.contains("changed after the file was checked"),
        "{what}"
    );
    assert!(what.contains("- 1.1: text now"), "{what}");
    assert_eq!(store.log_head(KINGSTON).await.unwrap(), head);
    // With the state as it now is, the same import goes ahead.
    let g = ImportGuard {
        seen: Some(mark(&store).await),
        ..guard(TakenFrom::Document, true)
    };
    import(&store, &g).await.unwrap();
}

#[tokio::test]
async fn a_sheet_of_another_plan_is_refused_by_name() {
    let (store, _guard) = imported().await;
    let other = PlanMark {
        title: "Business Plan 2010".into(),
        version: 1,
        edit: 0,
    };
    let err = store
        .plan_staleness(KINGSTON, PLAN, &TakenFrom::Marked(other))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("exported from the plan \"Business Plan 2010\""),
        "{err}"
    );
}
