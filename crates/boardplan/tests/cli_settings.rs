//! `boardplan settings public on|off`: publishing the public summary from the command line,
//! off until someone turns it on, each change in the change log with its actor.

use crate::common::{Db, fresh_db};

const KINGSTON: &str = "kingston-lscb";

/// The newest change-log entry: (entity, key, actor, after).
fn last_change(db: &Db) -> (String, String, String, Option<String>) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let store = store::Store::connect(&db.url).await.expect("open");
            let log = store.change_log(KINGSTON).await.expect("read the log");
            let c = log.last().expect("an entry").clone();
            (c.entity, c.entity_key, c.actor, c.after)
        })
}

#[test]
fn the_public_summary_is_off_until_turned_on_and_each_change_is_logged() {
    let db = fresh_db();
    db.import_sample();
    let shown = db.run(&["settings", "public"]).ok().stdout;
    assert!(shown.starts_with("Public summary: off."), "{shown}");

    let on = db
        .run(&["--actor", "Business Manager", "settings", "public", "on"])
        .ok()
        .stdout;
    assert!(on.starts_with("Public summary: on."), "{on}");
    assert!(on.contains(&format!("/public/{KINGSTON}")), "{on}");
    assert_eq!(
        last_change(&db),
        (
            "settings".into(),
            "publishing".into(),
            "Business Manager".into(),
            Some("true".into())
        )
    );
    let shown = db.run(&["settings", "public"]).ok().stdout;
    assert!(shown.starts_with("Public summary: on."), "{shown}");

    let off = db.run(&["settings", "public", "off"]).ok().stdout;
    assert!(off.starts_with("Public summary: off."), "{off}");
    assert_eq!(last_change(&db).3.as_deref(), Some("false"));
    assert!(
        db.run(&["audit", "verify"])
            .ok()
            .stdout
            .contains("is intact")
    );
}

#[test]
fn anything_but_on_or_off_is_refused_and_changes_nothing() {
    let db = fresh_db();
    db.import_sample();
    let before = db.snapshot();
    let out = db.run(&["settings", "public", "yes"]).fails();
    assert!(
        out.stderr.contains("possible values: on, off"),
        "{}",
        out.stderr
    );
    assert_eq!(db.snapshot(), before);
}
