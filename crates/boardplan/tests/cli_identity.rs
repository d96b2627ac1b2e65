//! `boardplan sign-in password [on|off] [--json]` (issue #15): the partnership's say on
//! password sign-in, each change in the change log with its actor; and `serve` refusing an
//! identity provider it could not use, naming what to set.

use serde_json::Value;

use crate::common::{fresh_db, path_str};

const KINGSTON: &str = "kingston-lscb";

#[test]
fn password_sign_in_is_on_until_turned_off_and_each_change_is_logged_with_its_actor() {
    let db = fresh_db();
    db.import_sample();
    let out = db.run(&["sign-in", "password"]).ok().stdout;
    assert!(out.contains("Password sign-in: on."), "{out}");

    let out = db
        .run(&["--actor", "Administrator", "sign-in", "password", "off"])
        .ok()
        .stdout;
    assert!(out.contains("Password sign-in: off."), "{out}");
    let json: Value =
        serde_json::from_str(&db.run(&["sign-in", "password", "--json"]).ok().stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "partnership": KINGSTON, "password_sign_in": "off" })
    );
    let last = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let store = store::Store::connect(&db.url).await.unwrap();
            store
                .change_log(KINGSTON)
                .await
                .unwrap()
                .last()
                .cloned()
                .unwrap()
        });
    assert_eq!(
        (
            last.entity.as_str(),
            last.entity_key.as_str(),
            last.actor.as_str()
        ),
        ("settings", "password_sign_in", "Administrator")
    );

    let bad = db.run(&["sign-in", "password", "maybe"]).fails().stderr;
    assert!(
        bad.contains("maybe") && bad.contains("on") && bad.contains("off"),
        "{bad}"
    );
}

#[test]
fn serve_refuses_a_provider_without_its_secret_naming_the_variable() {
    let db = fresh_db();
    let config = db.file(
        "boardplan.toml",
        "[identity]\npublic_url = \"https://boardplan.example.org\"\n\
         [[identity.providers]]\nid = \"council-idp\"\nname = \"Council\"\n\
         issuer = \"https://idp.example.org/realms/council\"\nclient_id = \"boardplan\"\n",
    );
    let err = db
        .run(&[
            "--config",
            path_str(&config),
            "serve",
            "--addr",
            "127.0.0.1:0",
        ])
        .fails()
        .stderr;
    assert!(
        err.contains("BOARDPLAN_OIDC_COUNCIL_IDP_CLIENT_SECRET") && err.contains("council-idp"),
        "{err}"
    );
}
