//! The document register and induction on the web (issue #12, items 6 and 1): the register
//! and a document's page everyone in the partnership reads, the add form and version upload
//! only the board's officers use (CSRF first, a bad file refused with nothing written), the
//! downloads served as attachments, the API checked against the OpenAPI document, and the
//! induction page.

use axum::http::StatusCode;
use domain::documents::{DocumentKind, NewDocument};
use store::{DocumentsQuery, NewFile, Stamp};

use crate::api_support::{Api, json};
use crate::common::{KINGSTON, OUTSIDER, RIVERFORD, TestApp, app};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

async fn add(app: &TestApp, title: &str, review: Option<&str>) -> i64 {
    let d = NewDocument {
        kind: DocumentKind::Strategy,
        title: title.into(),
        owner: "chair-training".into(),
        subgroup: None,
        review_due: review.map(|r| r.parse().unwrap()),
    };
    let f = NewFile {
        name: "strategy.pdf".into(),
        bytes: PDF.to_vec(),
        note: None,
    };
    app.store
        .add_document(KINGSTON, Stamp::now("test"), &d, Some(&f))
        .await
        .unwrap()
        .id
}

fn fields<'a>(csrf: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("kind", "strategy"),
        ("title", title),
        ("owner", "chair-training"),
        ("subgroup", ""),
        ("review_due", "2010-03-31"),
    ]
}

#[tokio::test]
async fn everyone_reads_the_register_and_a_document_and_only_officers_are_offered_changes() {
    let app = app().await;
    let id = add(&app, "Training strategy", Some("2010-03-31")).await;
    for (email, officer) in [
        ("admin@kingston.test", true),
        ("manager@kingston.test", true),
        ("member@kingston.test", false),
        ("reader@kingston.test", false),
    ] {
        let s = app.sign_in(email).await;
        let res = app.get(&format!("/p/{KINGSTON}/documents"), Some(&s)).await;
        assert_eq!(res.status, StatusCode::OK, "{email}");
        assert!(res.body.contains("Training strategy"), "{email}");
        assert_eq!(res.body.contains("Add a document"), officer, "{email}");
        let page = app
            .get(&format!("/p/{KINGSTON}/documents/{id}"), Some(&s))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{email}");
        assert!(page.body.contains("strategy.pdf"));
        assert_eq!(page.body.contains("Add a version"), officer, "{email}");
        let file = app
            .get(
                &format!("/p/{KINGSTON}/documents/{id}/versions/1"),
                Some(&s),
            )
            .await;
        assert_eq!(file.status, StatusCode::OK, "{email}");
        assert_eq!(file.body.as_bytes(), PDF);
        let disposition = file.headers["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("attachment"), "{disposition}");
    }
}

#[tokio::test]
async fn the_register_shows_due_for_review_as_at_its_date_and_filters_reviews_falling_due() {
    let app = app().await;
    add(&app, "Training strategy", Some("2010-03-31")).await;
    add(&app, "Communications plan", Some("2011-03-31")).await;
    let s = app.sign_in("reader@kingston.test").await;
    let path = format!("/p/{KINGSTON}/documents?as_at=2010-04-01&due_before=2010-06-30");
    let res = app.get(&path, Some(&s)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Training strategy"));
    assert!(
        !res.body.contains("Communications plan"),
        "not due before the day"
    );
    let bad = app
        .get(
            &format!("/p/{KINGSTON}/documents?due_before=soon"),
            Some(&s),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_officer_adds_a_document_with_its_file_and_the_change_log_names_them() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/documents/new"), Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let path = format!("/p/{KINGSTON}/documents");
    let res = app
        .post_multipart(
            &path,
            &s,
            &fields(&s.csrf, "Training strategy"),
            Some(("file", "strategy.pdf", PDF)),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let docs = app
        .store
        .documents(KINGSTON, DocumentsQuery::default())
        .await
        .unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(res.location(), format!("{path}/{}", docs[0].id));
    assert_eq!(docs[0].versions[0].name, "strategy.pdf");
    let log = app.store.change_log(KINGSTON).await.unwrap();
    assert!(
        log.iter()
            .any(|c| c.entity == "document" && c.actor == "manager@kingston.test")
    );

    // A second version through the document's page.
    let res = app
        .post_multipart(
            &format!("{path}/{}/versions", docs[0].id),
            &s,
            &[("csrf", &s.csrf), ("note", "Revised")],
            Some(("file", "strategy-v2.pdf", PDF)),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let d = app.store.document(KINGSTON, docs[0].id).await.unwrap();
    assert_eq!(d.versions.len(), 2);
    assert_eq!(d.versions[1].note.as_deref(), Some("Revised"));
}

#[tokio::test]
async fn a_bad_file_comes_back_with_a_clear_error_and_writes_nothing() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let before = app.store.change_log(KINGSTON).await.unwrap().len();
    let res = app
        .post_multipart(
            &format!("/p/{KINGSTON}/documents"),
            &s,
            &fields(&s.csrf, "Training strategy"),
            Some(("file", "strategy.svg", b"<svg onload=alert(1)></svg>")),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("strategy.svg"), "{}", res.body);
    assert!(res.body.contains("save it as PDF"), "the fix is named");
    assert!(
        res.body.contains("value=\"Training strategy\""),
        "kept as typed"
    );
    assert!(
        app.store
            .documents(KINGSTON, DocumentsQuery::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(app.store.change_log(KINGSTON).await.unwrap().len(), before);
}

#[tokio::test]
async fn a_reader_or_a_forged_form_writes_nothing_and_another_board_sees_nothing() {
    let app = app().await;
    let path = format!("/p/{KINGSTON}/documents");
    let r = app.sign_in("reader@kingston.test").await;
    let res = app
        .post_multipart(
            &path,
            &r,
            &fields(&r.csrf, "T"),
            Some(("file", "a.pdf", PDF)),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let m = app.sign_in("manager@kingston.test").await;
    let res = app
        .post_multipart(&path, &m, &fields("forged", "T"), None)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let id = add(&app, "Training strategy", None).await;
    let o = app.sign_in(OUTSIDER).await;
    for p in [
        format!("/p/{KINGSTON}/documents/{id}"),
        format!("/p/{KINGSTON}/documents/{id}/versions/1"),
        format!("/p/{RIVERFORD}/documents/{id}"),
        format!("/p/{RIVERFORD}/documents/{id}/versions/1"),
    ] {
        assert_eq!(
            app.get(&p, Some(&o)).await.status,
            StatusCode::NOT_FOUND,
            "{p}"
        );
    }
    assert_eq!(
        app.store
            .documents(KINGSTON, DocumentsQuery::default())
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_api_lists_the_register_and_one_document_as_documented() {
    let api = Api::new().await;
    let id = add(&api.app, "Training strategy", Some("2010-03-31")).await;
    add(&api.app, "Communications plan", Some("2011-03-31")).await;
    let reader = api.token("reader@kingston.test", KINGSTON).await;
    let base = format!("/api/v1/partnerships/{KINGSTON}/documents");
    let list = json(
        &api.get(
            &format!("{base}?due_before=2010-06-30&as_at=2010-04-01"),
            &reader,
        )
        .await,
    );
    assert_eq!(list["as_at"], "2010-04-01");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["title"], "Training strategy");
    assert_eq!(items[0]["status"], "draft", "never approved");
    assert_eq!(items[0]["owner"], "chair-training");
    let href = items[0]["href"].as_str().unwrap().to_string();
    assert_eq!(href, format!("{base}/{id}"));
    let one = json(&api.get(&href, &reader).await);
    assert_eq!(one["versions"][0]["name"], "strategy.pdf");
    assert_eq!(one["versions"][0]["media_type"], "application/pdf");
    let all = json(&api.get(&base, &reader).await);
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let res = api.get(&format!("{base}?due_before=soon"), &reader).await;
    let problem = api.problem(&res, 400, &base);
    assert_eq!(problem["parameter"], "due_before");
    let res = api.get(&format!("{base}/999999"), &reader).await;
    api.problem(&res, 404, &format!("{base}/999999"));
}

#[tokio::test]
async fn induction_is_shown_to_members_and_recorded_by_officers() {
    let app = app().await;
    let p = domain::Person::new("Ann Lee", domain::BoardRole::Member);
    app.store
        .add_person(KINGSTON, Stamp::now("test"), &p)
        .await
        .unwrap();
    let m = app.sign_in("manager@kingston.test").await;
    let path = format!("/p/{KINGSTON}/induction");
    let res = app
        .post(
            &format!("{path}/items"),
            Some(&m),
            &[("csrf", m.csrf.as_str()), ("title", "Met the chair")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = app
        .post(
            &path,
            Some(&m),
            &[
                ("csrf", m.csrf.as_str()),
                ("person", "Ann Lee"),
                ("item", "Met the chair"),
                ("on", "2009-05-01"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = app
        .post(
            &path,
            Some(&m),
            &[
                ("csrf", m.csrf.as_str()),
                ("person", "Ann Lee"),
                ("item", "job-description"),
                ("on", "2009-05-02"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let r = app.sign_in("reader@kingston.test").await;
    let page = app.get(&path, Some(&r)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("1 May 2009") && page.body.contains("2 May 2009"));
    assert!(
        !page.body.contains("Record a completion"),
        "readers only read"
    );
    let res = app
        .post(
            &path,
            Some(&r),
            &[
                ("csrf", r.csrf.as_str()),
                ("person", "Ann Lee"),
                ("item", "Met the chair"),
                ("on", "2009-05-03"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let sheet = app.store.induction(KINGSTON).await.unwrap();
    assert_eq!(sheet.people[0].done[0], Some("2009-05-01".parse().unwrap()));
}

#[tokio::test]
async fn reviews_falling_due_appear_on_the_dashboard_and_in_the_calendar_feed() {
    let app = app().await;
    add(&app, "Training strategy", Some("2010-03-31")).await;
    add(&app, "Communications plan", Some("2011-03-31")).await;
    let s = app.sign_in("member@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}?as_at=2010-02-01"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let due = res.texts("#reviews-due tbody tr");
    assert_eq!(due.len(), 1, "{due:?}");
    assert!(due[0].contains("Training strategy") && due[0].contains("31 March 2010"));
    let later = app
        .get(&format!("/p/{KINGSTON}?as_at=2009-06-01"), Some(&s))
        .await;
    assert!(
        later.texts("#reviews-due tbody tr").is_empty(),
        "not yet falling due"
    );

    let ics = app
        .get(&format!("/p/{KINGSTON}/calendar.ics"), Some(&s))
        .await;
    assert_eq!(ics.status, StatusCode::OK);
    let body = ics.body.replace("\r\n ", "");
    assert!(
        body.contains("SUMMARY:Review due: Training strategy"),
        "{body}"
    );
    assert!(body.contains("DTSTART;VALUE=DATE:20100331"));
    assert!(body.contains("SUMMARY:Review due: Communications plan"));
}
