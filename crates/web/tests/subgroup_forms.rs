//! The sub-groups' forms and a document's approval on the web (issue #12, items 3, 6 and 9):
//! the board's officers add a sub-group and set its status, chair, quorum rule and terms of
//! reference (a document of the register), and record the meeting that approved a document;
//! everyone else is refused before anything is read; a bad field is named and changes
//! nothing.

use axum::http::StatusCode;
use domain::documents::{DocumentKind, NewDocument};
use domain::meetings::SubgroupState;
use domain::{BoardRole, Meeting, MeetingKind, Person};
use store::Stamp;

use crate::common::{KINGSTON, Session, TestApp, app};

async fn post(
    app: &TestApp,
    s: &Session,
    path: &str,
    fields: &[(&str, &str)],
) -> crate::common::Response {
    let mut form = vec![("csrf", s.csrf.as_str())];
    form.extend_from_slice(fields);
    app.post(path, Some(s), &form).await
}

async fn terms_of_reference(app: &TestApp, title: &str) -> i64 {
    let d = NewDocument {
        kind: DocumentKind::TermsOfReference,
        title: title.into(),
        owner: "lscb-chair".into(),
        subgroup: None,
        review_due: None,
    };
    app.store
        .add_document(KINGSTON, Stamp::now("test"), &d, None)
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn an_officer_adds_a_subgroup_and_sets_its_chair_quorum_and_terms_of_reference() {
    let app = app().await;
    let mut ann = Person::new("Ann Lee", BoardRole::Member);
    ann.agency = Some("Metropolitan Police".into());
    app.store
        .add_person(KINGSTON, Stamp::now("test"), &ann)
        .await
        .unwrap();
    terms_of_reference(&app, "CDOP terms of reference").await;
    let add = format!("/p/{KINGSTON}/subgroups");
    let change = format!("/p/{KINGSTON}/subgroups/change");

    let member = app.sign_in("member@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/meetings"), Some(&member))
        .await;
    assert!(!page.body.contains(&add), "a member gets no form");
    let res = post(
        &app,
        &member,
        &add,
        &[("name", "Child Death Overview"), ("status", "proposed")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    let s = app.sign_in("manager@kingston.test").await;
    let page = app.get(&format!("/p/{KINGSTON}/meetings"), Some(&s)).await;
    assert!(page.body.contains(&format!("action=\"{change}\"")));
    assert!(
        page.body
            .contains("<option value=\"CDOP terms of reference\"")
    );
    let res = post(
        &app,
        &s,
        &add,
        &[("name", "Child Death Overview"), ("status", "proposed")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), format!("/p/{KINGSTON}/meetings#subgroups"));

    let form = |chair: &'static str, agencies: &'static str| {
        vec![
            ("name", "child death overview"),
            ("status", "active"),
            ("chair", chair),
            ("frequency", "quarterly"),
            ("quorum_agencies", agencies),
            ("quorum_members", ""),
            ("terms_of_reference", "CDOP terms of reference"),
        ]
    };
    let before = app.store.change_log(KINGSTON).await.unwrap().len();
    let res = post(&app, &s, &change, &form("Nobody Known", "3")).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(
        res.body.contains("not on the member register"),
        "{}",
        res.body
    );
    let res = post(&app, &s, &change, &form("Ann Lee", "three")).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("whole number"), "{}", res.body);
    assert_eq!(
        app.store.change_log(KINGSTON).await.unwrap().len(),
        before,
        "refusals write nothing"
    );

    let res = post(&app, &s, &change, &form("Ann Lee", "3")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let qa = app
        .store
        .subgroups(KINGSTON)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Child Death Overview")
        .unwrap();
    assert_eq!(qa.status, SubgroupState::Active);
    assert_eq!(qa.chair.as_deref(), Some("Ann Lee"));
    assert_eq!(qa.quorum.agencies, Some(3));
    assert_eq!(qa.frequency.as_deref(), Some("quarterly"));
    assert_eq!(
        qa.terms_of_reference.as_deref(),
        Some("CDOP terms of reference")
    );
    let log = app.store.change_log(KINGSTON).await.unwrap();
    assert!(log.iter().any(|c| c.entity == "subgroup"
        && c.entity_key == "Child Death Overview"
        && c.actor != "test"));
    let page = app.get(&format!("/p/{KINGSTON}/meetings"), Some(&s)).await;
    assert!(
        page.body
            .contains("<td class=\"govuk-table__cell\">CDOP terms of reference</td>")
    );

    let mut wrong = form("Ann Lee", "3");
    wrong[6] = ("terms_of_reference", "Not a document");
    let res = post(&app, &s, &change, &wrong).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(
        res.body.contains("is not in the document register"),
        "{}",
        res.body
    );
}

#[tokio::test]
async fn an_officer_records_the_meeting_that_approved_a_document() {
    let app = app().await;
    let id = terms_of_reference(&app, "Board terms of reference").await;
    let m = Meeting {
        date: "2009-06-17".parse().unwrap(),
        kind: MeetingKind::Board,
        subgroup: None,
    };
    app.store
        .add_meeting_with(KINGSTON, Stamp::now("test"), &m, None, None)
        .await
        .unwrap();
    let path = format!("/p/{KINGSTON}/documents/{id}");
    let approve = format!("{path}/approve");

    let reader = app.sign_in("reader@kingston.test").await;
    assert!(!app.get(&path, Some(&reader)).await.body.contains(&approve));
    let res = post(&app, &reader, &approve, &[("meeting", "2009-06-17")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    let s = app.sign_in("manager@kingston.test").await;
    assert!(
        app.get(&path, Some(&s))
            .await
            .body
            .contains(&format!("action=\"{approve}\""))
    );
    let res = post(
        &app,
        &s,
        &approve,
        &[("meeting", "2009-06-18"), ("subgroup", "")],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(
        res.body
            .contains("no board meeting is recorded on 2009-06-18"),
        "{}",
        res.body
    );
    let res = post(
        &app,
        &s,
        &approve,
        &[("meeting", "2009-06-17"), ("review_due", "2009-06-01")],
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::BAD_REQUEST,
        "a review before the approval"
    );
    assert!(
        app.store
            .document(KINGSTON, id)
            .await
            .unwrap()
            .approved
            .is_none()
    );

    let res = post(
        &app,
        &s,
        &approve,
        &[
            ("meeting", "2009-06-17"),
            ("subgroup", ""),
            ("review_due", "2010-06-30"),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let d = app.store.document(KINGSTON, id).await.unwrap();
    assert_eq!(
        d.approved.unwrap().meeting_date,
        "2009-06-17".parse().unwrap()
    );
    assert_eq!(d.review_due, Some("2010-06-30".parse().unwrap()));
    let page = app.get(&path, Some(&s)).await;
    assert!(
        page.body.contains("At the meeting of the board on"),
        "{}",
        page.body
    );
}
