//! Permissions of the pages beyond the matrix (`route_matrix`, which asks every route as every
//! kind of caller): more queries of the same pages, members of another partnership asking
//! for this one's pages by their ids, and that what is hidden looks like what is not there.

use crate::common::{KINGSTON, OUTSIDER, PEOPLE, RIVERFORD, app};
use axum::http::StatusCode;

/// What a request should get.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Ok,
    /// Sent to the sign-in page.
    SignIn,
    /// Told the page does not exist (another partnership's, or not theirs to know).
    NotFound,
}

fn kingston_pages() -> Vec<String> {
    [
        "",
        "/plan",
        "/my-actions",
        "/actions/1.1",
        "/actions/4.2%232",
        "/reviews",
        "/board",
        "/members",
        "/plan?status=overdue",
        "/reports",
        "/reports?report=public&as_at=2010-03-31&format=html",
        "/reports?report=board-paper&as_at=2010-03-31&format=csv",
        "/calendar.ics",
    ]
    .iter()
    .map(|p| format!("/p/{KINGSTON}{p}"))
    .collect()
}

#[tokio::test]
async fn every_kingston_page_is_open_to_every_kingston_role_and_to_nobody_else() {
    let app = app().await;
    let mut sessions = Vec::new();
    for (email, _, _) in PEOPLE {
        sessions.push((email, Some(app.sign_in(email).await), Expect::Ok));
    }
    sessions.push((
        OUTSIDER,
        Some(app.sign_in(OUTSIDER).await),
        Expect::NotFound,
    ));
    sessions.push(("anonymous", None, Expect::SignIn));
    for path in kingston_pages() {
        for (who, session, expect) in &sessions {
            let res = app.get(&path, session.as_ref()).await;
            let got = match res.status {
                StatusCode::OK => Expect::Ok,
                StatusCode::SEE_OTHER if res.location().starts_with("/sign-in") => Expect::SignIn,
                StatusCode::NOT_FOUND => Expect::NotFound,
                other => panic!("{who} GET {path}: unexpected {other}"),
            };
            assert_eq!(got, *expect, "{who} GET {path}");
            if got == Expect::NotFound {
                assert!(
                    !res.body.contains("Kingston"),
                    "{who} GET {path} leaks the partnership's name"
                );
            }
        }
    }
}

#[tokio::test]
async fn kingston_people_cannot_see_the_other_partnership_by_its_ids() {
    let app = app().await;
    let outsider = app.sign_in(OUTSIDER).await;
    for (email, _, _) in PEOPLE {
        let s = app.sign_in(email).await;
        for path in [
            "",
            "/plan",
            "/actions/1.1",
            "/reviews",
            "/board",
            "/members",
            "/reports",
            "/calendar.ics",
        ] {
            let path = format!("/p/{RIVERFORD}{path}");
            assert_eq!(
                app.get(&path, Some(&s)).await.status,
                StatusCode::NOT_FOUND,
                "{email} GET {path}"
            );
            assert_eq!(
                app.get(&path, Some(&outsider)).await.status,
                StatusCode::OK,
                "{OUTSIDER} GET {path}"
            );
        }
    }
}

#[tokio::test]
async fn a_partnership_that_does_not_exist_looks_the_same_as_one_you_may_not_see() {
    let app = app().await;
    let s = app.sign_in("admin@kingston.test").await;
    let missing = app.get("/p/no-such-board", Some(&s)).await;
    let forbidden = app.get(&format!("/p/{RIVERFORD}"), Some(&s)).await;
    assert_eq!(missing.status, forbidden.status);
    assert_eq!(missing.body, forbidden.body);
}

#[tokio::test]
async fn public_pages_need_no_sign_in_and_health_answers_anyone() {
    let app = app().await;
    app.publish(KINGSTON).await;
    for path in [
        "/public",
        &format!("/public/{KINGSTON}"),
        "/healthz",
        "/sign-in",
        "/assets/boardplan.css",
    ] {
        assert_eq!(
            app.get(path, None).await.status,
            StatusCode::OK,
            "GET {path}"
        );
    }
    assert_eq!(
        app.get("/public/no-such-board", None).await.status,
        StatusCode::NOT_FOUND
    );
}

/// Who may open the member register's add form and post it: (email, expected status).
/// Everyone in Kingston reads the register (above); only its officers change it.
const REGISTER_WRITERS: [(&str, StatusCode); 7] = [
    ("admin@kingston.test", StatusCode::OK),
    ("manager@kingston.test", StatusCode::OK),
    ("lead@kingston.test", StatusCode::FORBIDDEN),
    ("chair@kingston.test", StatusCode::FORBIDDEN),
    ("member@kingston.test", StatusCode::FORBIDDEN),
    ("reader@kingston.test", StatusCode::FORBIDDEN),
    (OUTSIDER, StatusCode::NOT_FOUND),
];

#[tokio::test]
async fn only_the_boards_officers_may_change_the_member_register() {
    let app = app().await;
    let new = format!("/p/{KINGSTON}/members/new");
    let post = format!("/p/{KINGSTON}/members");
    for (email, expect) in REGISTER_WRITERS {
        let s = app.sign_in(email).await;
        assert_eq!(
            app.get(&new, Some(&s)).await.status,
            expect,
            "{email} GET {new}"
        );
        let name = format!("Person added by {email}");
        let form = [
            ("csrf", s.csrf.as_str()),
            ("name", name.as_str()),
            ("board_role", "member"),
        ];
        let res = app.post(&post, Some(&s), &form).await;
        let wrote = expect == StatusCode::OK;
        let got = if wrote { StatusCode::SEE_OTHER } else { expect };
        assert_eq!(res.status, got, "{email} POST {post}: {}", res.body);
        let people = app.store.people(KINGSTON).await.unwrap();
        assert_eq!(
            people.iter().any(|r| r.person.name == name),
            wrote,
            "{email} POST {post}"
        );
    }
    assert_eq!(
        app.get(&new, None).await.status,
        StatusCode::SEE_OTHER,
        "anonymous GET {new} is sent to sign in"
    );
}
