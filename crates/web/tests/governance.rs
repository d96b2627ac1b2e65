//! The member register on the web (issue #12): the page everyone in the partnership reads,
//! the form only the board's officers use (CSRF, version-checked edits, errors beside the
//! field), the API under /api/v1/partnerships/{slug}/members checked against the OpenAPI
//! document, and the public register on /public that never shows contact details.

use axum::http::StatusCode;
use domain::{BoardRole, Person};

use crate::api_support::{Api, Auth, json};
use crate::common::{KINGSTON, OUTSIDER, RIVERFORD, TestApp, app};

const EMAIL: &str = "ann.lee@met.example";

async fn add(app: &TestApp, slug: &str, name: &str, agency: Option<&str>) -> i64 {
    let mut p = Person::new(name, BoardRole::Member);
    p.agency = agency.map(str::to_string);
    p.email = Some(EMAIL.into());
    p.expertise = vec!["policing".into()];
    app.store
        .add_person(slug, store::Stamp::now("test"), &p)
        .await
        .unwrap()
        .id
}

fn form<'a>(csrf: &'a str, name: &'a str, agency: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("name", name),
        ("agency", agency),
        ("board_role", "vice_chair"),
        ("job_title", "Detective Superintendent"),
        ("expertise", "policing; exploitation"),
        ("email", EMAIL),
        ("appointed", "2009-04-01"),
        ("term_ends", ""),
        ("deputy", ""),
        ("part", ""),
        ("account", ""),
    ]
}

#[tokio::test]
async fn everyone_reads_the_register_and_only_officers_are_offered_changes() {
    let app = app().await;
    add(&app, KINGSTON, "Ann Lee", Some("Metropolitan Police")).await;
    for (email, officer) in [
        ("admin@kingston.test", true),
        ("manager@kingston.test", true),
        ("member@kingston.test", false),
        ("reader@kingston.test", false),
    ] {
        let s = app.sign_in(email).await;
        let res = app.get(&format!("/p/{KINGSTON}/members"), Some(&s)).await;
        assert_eq!(res.status, StatusCode::OK, "{email}");
        assert!(res.body.contains("Ann Lee") && res.body.contains("Metropolitan Police"));
        assert_eq!(res.body.contains("Add a person"), officer, "{email}");
        assert_eq!(res.body.contains("/edit\""), officer, "{email}");
    }
}

#[tokio::test]
async fn an_officer_adds_a_person_through_the_form_and_the_change_log_names_them() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/members/new"), Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("name=\"csrf\""));
    let path = format!("/p/{KINGSTON}/members");
    let res = app
        .post(
            &path,
            Some(&s),
            &form(&s.csrf, "Ann Lee", "Metropolitan Police"),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), path);
    let people = app.store.people(KINGSTON).await.unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].person.board_role, BoardRole::ViceChair);
    assert_eq!(people[0].person.expertise, ["policing", "exploitation"]);
    let log = app.store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.actor.as_str()),
        ("person", "manager@kingston.test")
    );
}

#[tokio::test]
async fn a_form_without_its_csrf_token_or_from_a_reader_writes_nothing() {
    let app = app().await;
    let path = format!("/p/{KINGSTON}/members");
    let s = app.sign_in("admin@kingston.test").await;
    let res = app
        .post(
            &path,
            Some(&s),
            &form("forged", "Ann Lee", "Metropolitan Police"),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let r = app.sign_in("reader@kingston.test").await;
    let res = app
        .post(
            &path,
            Some(&r),
            &form(&r.csrf, "Ann Lee", "Metropolitan Police"),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(app.store.people(KINGSTON).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_bad_form_comes_back_with_the_error_beside_its_field_and_writes_nothing() {
    let app = app().await;
    let s = app.sign_in("admin@kingston.test").await;
    let path = format!("/p/{KINGSTON}/members");
    let res = app
        .post(&path, Some(&s), &form(&s.csrf, "Ann Lee", "Fire Brigade"))
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("id=\"agency-error\""), "{}", res.body);
    assert!(
        res.body.contains("value=\"Ann Lee\""),
        "the form keeps what was typed"
    );
    let mut bad_date = form(&s.csrf, "Ann Lee", "");
    bad_date.retain(|(k, _)| *k != "appointed");
    bad_date.push(("appointed", "2009-02-30"));
    let res = app.post(&path, Some(&s), &bad_date).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("id=\"appointed-error\""), "{}", res.body);
    assert!(app.store.people(KINGSTON).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_edit_opened_before_someone_elses_save_is_refused_not_overwritten() {
    let app = app().await;
    let id = add(&app, KINGSTON, "Ann Lee", Some("Metropolitan Police")).await;
    let s = app.sign_in("admin@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/members/{id}/edit"), Some(&s))
        .await;
    assert!(
        page.body.contains("name=\"version\" value=\"1\""),
        "{}",
        page.body
    );
    let path = format!("/p/{KINGSTON}/members/{id}");
    let mut first = form(&s.csrf, "Ann Lee", "Metropolitan Police");
    first.push(("version", "1"));
    let res = app.post(&path, Some(&s), &first).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let mut stale = form(&s.csrf, "Ann Lee-Smith", "Metropolitan Police");
    stale.push(("version", "1"));
    let res = app.post(&path, Some(&s), &stale).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("changed by someone else"), "{}", res.body);
    let now = app.store.person(KINGSTON, id).await.unwrap();
    assert_eq!((now.person.name.as_str(), now.version), ("Ann Lee", 2));
}

#[tokio::test]
async fn another_partnerships_person_looks_like_one_that_does_not_exist() {
    let app = app().await;
    let theirs = add(&app, RIVERFORD, "Rita River", None).await;
    let s = app.sign_in("admin@kingston.test").await;
    let edit = app
        .get(&format!("/p/{KINGSTON}/members/{theirs}/edit"), Some(&s))
        .await;
    let missing = app
        .get(&format!("/p/{KINGSTON}/members/999999/edit"), Some(&s))
        .await;
    assert_eq!(edit.status, StatusCode::NOT_FOUND);
    assert_eq!(edit.body, missing.body);
    let mut f = form(&s.csrf, "Taken Over", "");
    f.push(("version", "1"));
    let res = app
        .post(&format!("/p/{KINGSTON}/members/{theirs}"), Some(&s), &f)
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let list = app.get(&format!("/p/{RIVERFORD}/members"), Some(&s)).await;
    assert_eq!(list.status, StatusCode::NOT_FOUND);
    let outsider = app.sign_in(OUTSIDER).await;
    let list = app
        .get(&format!("/p/{RIVERFORD}/members"), Some(&outsider))
        .await;
    assert!(list.body.contains("Rita River") && !list.body.contains("Taken Over"));
}

#[tokio::test]
async fn the_public_register_shows_name_agency_role_and_expertise_and_never_contact_details() {
    let app = app().await;
    let id = add(&app, KINGSTON, "Ann Lee", Some("Metropolitan Police")).await;
    // A linked account is contact detail too.
    let mut p = app.store.person(KINGSTON, id).await.unwrap().person;
    p.account = Some("member@kingston.test".into());
    app.store
        .update_person(KINGSTON, store::Stamp::now("test"), id, 1, &p)
        .await
        .unwrap();
    let path = format!("/public/{KINGSTON}");
    assert_eq!(app.get(&path, None).await.status, StatusCode::NOT_FOUND);
    app.publish(KINGSTON).await;
    let res = app.get(&path, None).await;
    assert_eq!(res.status, StatusCode::OK);
    let rows = res.texts("#members ~ table tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    for shown in ["Ann Lee", "Metropolitan Police", "Member", "policing"] {
        assert!(rows[0].contains(shown), "{shown} in {rows:?}");
    }
    assert!(!res.body.contains(EMAIL), "the e-mail must never be public");
    assert!(!res.body.contains("member@kingston.test"));
    assert!(!res.body.contains('@'), "no address of any kind");
}

#[tokio::test]
async fn the_api_lists_reads_and_adds_people_as_documented() {
    let api = Api::new().await;
    let manager = api.token("manager@kingston.test", KINGSTON).await;
    let base = format!("/api/v1/partnerships/{KINGSTON}/members");
    let body = r#"{"name":"Ann Lee","board_role":"vice-chair","agency":"metropolitan police",
        "expertise":["policing"],"email":"ann.lee@met.example","appointed":"2009-04-01"}"#;
    let res = api
        .call("POST", &base, Auth::Token(&manager), &[], Some(body))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let created = json(&res);
    assert_eq!(created["agency"], "Metropolitan Police");
    assert_eq!(created["board_role"], "vice_chair");
    let href = created["href"].as_str().unwrap().to_string();
    assert_eq!(res.headers["location"], href.as_str());

    let reader = api.token("reader@kingston.test", KINGSTON).await;
    let list = json(&api.get(&base, &reader).await);
    assert_eq!(list["items"][0]["name"], "Ann Lee");
    let one = json(&api.get(&href, &reader).await);
    assert_eq!(one["email"], EMAIL);

    let bad = r#"{"name":"Bob Ray","board_role":"member","agency":"Fire Brigade"}"#;
    let res = api
        .call("POST", &base, Auth::Token(&manager), &[], Some(bad))
        .await;
    let problem = api.problem(&res, 422, &base);
    assert_eq!(problem["field"], "agency", "{problem}");
    let dup = r#"{"name":"ann lee","board_role":"member"}"#;
    let res = api
        .call("POST", &base, Auth::Token(&manager), &[], Some(dup))
        .await;
    api.problem(&res, 409, &base);
    assert_eq!(api.app.store.people(KINGSTON).await.unwrap().len(), 1);
}
