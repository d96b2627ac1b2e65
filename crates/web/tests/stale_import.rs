//! An old sheet never silently undoes newer work on the web either: the check step shows what
//! importing it would undo and offers "Replace anyway"; the confirm step refuses it without
//! that choice, and refuses with 409 when the plan changed after the check. Nothing is written.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use store::{ActionEdit, ActionKey, Stamp};
use tower::ServiceExt;

use crate::common::{KINGSTON, Response, Session, TestApp, app};

const OLD_42: &str = "Develop an Induction programme for new members.";
const NEW_42: &str = "Run an induction day for new members.";
const EDITED_41: &str = "Agree the escalation policy with every agency";

/// Every field of the check page's confirm form, as a browser would send them back (the
/// "Replace anyway" box unticked).
pub fn hidden_fields(checked: &Response) -> Vec<(String, String)> {
    checked
        .html()
        .select(
            &scraper::Selector::parse("form[action$='/import/confirm'] input[type=hidden]")
                .unwrap(),
        )
        .filter_map(|i| Some((i.attr("name")?.to_string(), i.attr("value")?.to_string())))
        .collect()
}

async fn plan_title(app: &TestApp) -> String {
    let p = app.store.load_partnership(KINGSTON).await.unwrap().unwrap();
    p.plans[0].title.clone()
}

/// A `plan edit` of 4.1's text, as the CLI or the action page makes it.
async fn edit_41(app: &TestApp) {
    let key = ActionKey::new(plan_title(app).await, "4.1");
    let v = app.version("4.1").await;
    let e = ActionEdit {
        text: Some(EDITED_41.into()),
        ..ActionEdit::default()
    };
    app.store
        .edit_action(KINGSTON, Stamp::now("Business Manager"), &key, v, e)
        .await
        .unwrap();
}

/// The exported CSV with the person's own change to 4.2.
async fn csv_sheet(app: &TestApp, s: &Session) -> String {
    let csv = app.get(&format!("/p/{KINGSTON}/export/csv"), Some(s)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains("Boardplan export of"), "{}", csv.body);
    let edited = csv.body.replace(OLD_42, NEW_42);
    assert_ne!(edited, csv.body);
    edited
}

async fn check(app: &TestApp, s: &Session, name: &str, bytes: &[u8]) -> Response {
    let checked = app
        .post_multipart(
            &format!("/p/{KINGSTON}/import"),
            s,
            &[("csrf", &s.csrf)],
            Some(("document", name, bytes)),
        )
        .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    checked
}

async fn confirm(app: &TestApp, s: &Session, checked: &Response, replace_anyway: bool) -> Response {
    let mut fields = hidden_fields(checked);
    if replace_anyway {
        fields.push(("replace_anyway".into(), "yes".into()));
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_multipart(&format!("/p/{KINGSTON}/import/confirm"), s, &fields, None)
        .await
}

async fn plan_page(app: &TestApp, s: &Session) -> String {
    app.get(&format!("/p/{KINGSTON}/plan"), Some(s)).await.body
}

#[tokio::test]
async fn a_csv_from_before_an_edit_is_shown_stale_refused_and_replaced_only_when_asked() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let sheet = csv_sheet(&app, &s).await;
    edit_41(&app).await;
    let head = app.store.log_head(KINGSTON).await.unwrap();

    let checked = check(&app, &s, "plan.csv", sheet.as_bytes()).await;
    assert!(
        checked.body.contains("This sheet is older than the plan"),
        "{}",
        checked.body
    );
    let listed = checked.texts("ul.govuk-list--bullet li");
    assert!(
        listed
            .iter()
            .any(|l| l.starts_with("4.1: text now") && l.contains(EDITED_41)),
        "{listed:?}"
    );
    assert!(checked.body.contains("name=\"replace_anyway\""));

    let refused = confirm(&app, &s, &checked, false).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let summary = refused.texts(".govuk-error-summary a");
    assert!(summary.iter().any(|l| l.contains(EDITED_41)), "{summary:?}");
    assert!(
        summary.iter().any(|l| l.contains("Replace anyway")),
        "{summary:?}"
    );
    assert_eq!(
        app.store.log_head(KINGSTON).await.unwrap(),
        head,
        "nothing written"
    );
    assert!(plan_page(&app, &s).await.contains(EDITED_41));

    let done = confirm(&app, &s, &checked, true).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("version 2 recorded"), "{}", done.body);
    let plan = plan_page(&app, &s).await;
    assert!(plan.contains(NEW_42) && !plan.contains(EDITED_41), "{plan}");
    let log = app.store.change_log(KINGSTON).await.unwrap();
    assert!(log.iter().any(|c| c.what().contains("replaced_anyway")));
}

#[tokio::test]
async fn an_xlsx_from_before_an_edit_is_shown_stale_and_refused() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let req = Request::get(format!("/p/{KINGSTON}/export/xlsx"))
        .header(header::COOKIE, &s.cookie)
        .body(Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let xlsx = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    let mark = formats::xlsx_plan::mark(&xlsx).expect("the workbook carries its mark");
    assert_eq!((mark.version, mark.edit), (1, 0));
    edit_41(&app).await;
    let head = app.store.log_head(KINGSTON).await.unwrap();
    let checked = check(&app, &s, "plan.xlsx", &xlsx).await;
    let listed = checked.texts("ul.govuk-list--bullet li");
    assert!(
        listed.iter().any(|l| l.starts_with("4.1: text now")),
        "{listed:?}"
    );
    let refused = confirm(&app, &s, &checked, false).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert_eq!(app.store.log_head(KINGSTON).await.unwrap(), head);
}

#[tokio::test]
async fn a_fresh_sheet_is_not_flagged_and_imports_without_asking() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    edit_41(&app).await;
    let sheet = csv_sheet(&app, &s).await;
    let checked = check(&app, &s, "plan.csv", sheet.as_bytes()).await;
    assert!(
        !checked.body.contains("older than the plan"),
        "{}",
        checked.body
    );
    assert!(!checked.body.contains("replace_anyway"));
    let done = confirm(&app, &s, &checked, false).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let plan = plan_page(&app, &s).await;
    assert!(plan.contains(NEW_42) && plan.contains(EDITED_41), "{plan}");
}

#[tokio::test]
async fn a_sheet_without_its_mark_is_flagged_once_the_plan_was_edited() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let sheet = csv_sheet(&app, &s).await;
    let (_, unmarked) = sheet.split_once("\r\n").unwrap();
    let checked = check(&app, &s, "plan.csv", unmarked.as_bytes()).await;
    assert!(
        !checked.body.contains("older than the plan"),
        "nothing edited yet"
    );
    edit_41(&app).await;
    let checked = check(&app, &s, "plan.csv", unmarked.as_bytes()).await;
    assert!(
        checked.body.contains("does not say which state"),
        "{}",
        checked.body
    );
    assert_eq!(
        confirm(&app, &s, &checked, false).await.status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn a_plan_changed_between_check_and_confirm_is_a_conflict_and_nothing_is_written() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let sheet = csv_sheet(&app, &s).await;
    let checked = check(&app, &s, "plan.csv", sheet.as_bytes()).await;
    assert!(!checked.body.contains("older than the plan"));
    edit_41(&app).await;
    let head = app.store.log_head(KINGSTON).await.unwrap();
    for replace_anyway in [false, true] {
        let res = confirm(&app, &s, &checked, replace_anyway).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        let summary = res.texts(".govuk-error-summary a");
        assert!(
            summary
                .iter()
                .any(|l| l.contains("changed after the file was checked")),
            "{summary:?}"
        );
        assert!(summary.iter().any(|l| l.contains(EDITED_41)), "{summary:?}");
    }
    assert_eq!(app.store.log_head(KINGSTON).await.unwrap(), head);
    assert!(plan_page(&app, &s).await.contains(EDITED_41));
    assert!(!plan_page(&app, &s).await.contains(NEW_42));
}

#[tokio::test]
async fn a_confirmation_without_the_checked_state_is_sent_back_to_check() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let sheet = csv_sheet(&app, &s).await;
    let checked = check(&app, &s, "plan.csv", sheet.as_bytes()).await;
    let fields: Vec<(String, String)> = hidden_fields(&checked)
        .into_iter()
        .filter(|(k, _)| !k.starts_with("seen_"))
        .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let head = app.store.log_head(KINGSTON).await.unwrap();
    let res = app
        .post_multipart(&format!("/p/{KINGSTON}/import/confirm"), &s, &fields, None)
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(app.store.log_head(KINGSTON).await.unwrap(), head);
}
