//! The per-action queries seek, never read a whole table: the plan each gets on the back end
//! the tests run on (see `crate::query_plan`: SQLite, and PostgreSQL in CI's second pass).

use super::*;
use crate::query_plan::{Bind, plan, plan_filled};

#[tokio::test]
async fn one_update_and_its_evidence_are_read_by_their_keys() {
    let p = plan(&sql(ONE_UPDATE), &[Bind::Int(1), Bind::Int(1)]).await;
    p.assert_no_full_read(
        "one update",
        &[("u", "progress_updates"), ("t", "tracked_actions")],
    );
    p.assert_seeks_by("one update", "u", "id", "=");
    let p = plan(ONE_UPDATES_EVIDENCE, &[Bind::Int(1), Bind::Int(1)]).await;
    p.assert_no_full_read(
        "one update's evidence",
        &[("e", "update_evidence"), ("b", "blobs")],
    );
    p.assert_seeks_by("one update's evidence", "e", "update_id", "=");
}

#[tokio::test]
async fn one_actions_sign_offs_are_read_by_its_keys() {
    let at = "2026-01-01T00:00:00Z";
    let binds = [
        Bind::Int(1),
        Bind::Text("Plan"),
        Bind::Null,
        Bind::Text(at),
        Bind::Text("4.2"),
    ];
    let p = plan_filled(&signoff::of_sql(), &binds).await;
    let what = "one action's sign-offs";
    p.assert_no_full_read(
        what,
        &[
            ("x", "tracked_actions"),
            ("t", "tracked_actions"),
            ("s", "signoffs"),
        ],
    );
    p.assert_seeks_by(what, "x", "uid", "=");
    p.assert_seeks_by(what, "s", "tracked_action_id", "=");
}

#[tokio::test]
async fn the_changes_since_a_cached_view_are_a_range_of_the_log() {
    let p = plan(CHANGES_AFTER, &[Bind::Int(1), Bind::Int(1), Bind::Int(10)]).await;
    p.assert_no_full_read("the changes after an entry", &[("c", "change_log")]);
    p.assert_seeks_by("the changes after an entry", "c", "id", ">");
}

#[tokio::test]
async fn a_filter_that_may_ask_for_nothing_is_caught_reading_too_much() {
    // The mistake these tests are for: `($2 < 0 OR u.id = $2)` leaves the database only the
    // partnership to seek by.
    let sql =
        "SELECT u.id FROM progress_updates u WHERE u.partnership_id = $1 AND ($2 < 0 OR u.id = $2)";
    let p = plan(sql, &[Bind::Int(1), Bind::Int(1)]).await;
    let caught = std::panic::catch_unwind(|| p.assert_seeks_by("the OR filter", "u", "id", "="));
    assert!(caught.is_err(), "not caught: {p:#?}");
}

#[tokio::test]
async fn a_write_finds_its_plan_action_and_tracked_row_by_their_keys() {
    let binds = [Bind::Int(1), Bind::Text("Plan"), Bind::Text("4.2#2")];
    let p = plan(crate::progress::write::TARGET, &binds).await;
    let tables = [("p", "plans"), ("a", "actions"), ("t", "tracked_actions")];
    p.assert_no_full_read("a write's target", &tables);
    p.assert_seeks_by("a write's target", "a", "uid", "=");
    p.assert_seeks_by("a write's target", "t", "uid", "=");
}

#[tokio::test]
async fn a_write_finds_its_partnership_and_last_change_by_their_keys() {
    let p = plan(
        crate::progress::write::PARTNERSHIP_AND_LAST_CHANGE,
        &[Bind::Text("kingston-lscb")],
    )
    .await;
    let tables = [
        ("p", "partnerships"),
        ("c", "change_log"),
        ("l", "change_log"),
    ];
    p.assert_no_full_read("a write's partnership and last change", &tables);
    p.assert_seeks_by("a write's partnership and last change", "p", "slug", "=");
}
