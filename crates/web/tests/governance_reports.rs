//! The governance reports on the web (issue #12, items 8 and 9): from the reports page, the
//! member register and attendance for any member (no contact details), a meeting's minutes
//! and pack only for those who may see the meeting (a lead officer, a sub-group's only once
//! they belong to it; anyone else is told it does not exist), the pack only as PDF, and the
//! public register as a file only while the board publishes.

use axum::http::StatusCode;
use domain::meetings::Attendance;
use domain::{BoardRole, Meeting, MeetingKind, Person};
use store::{Stamp, SubgroupChange};

use crate::common::{KINGSTON, TestApp, app};

async fn person(app: &TestApp, name: &str, agency: &str, account: Option<&str>) {
    let mut p = Person::new(name, BoardRole::Member);
    p.agency = Some(agency.into());
    p.job_title = Some("Detective Inspector".into());
    p.email = Some(format!("{}@agency.example.org", name.replace(' ', ".")));
    p.account = account.map(str::to_string);
    app.store
        .add_person(KINGSTON, Stamp::now("test"), &p)
        .await
        .unwrap();
}

/// A meeting of the board (no `subgroup`) or a sub-group on `date`, Ann present, a decision.
async fn meeting(app: &TestApp, date: &str, subgroup: Option<&str>, decision: &str) -> i64 {
    let m = Meeting {
        date: date.parse().unwrap(),
        kind: if subgroup.is_some() {
            MeetingKind::Subgroup
        } else {
            MeetingKind::Board
        },
        subgroup: subgroup.map(String::from),
    };
    let id = app
        .store
        .add_meeting_with(KINGSTON, Stamp::now("test"), &m, None, Some("Guildhall"))
        .await
        .unwrap();
    app.store
        .record_attendance(
            KINGSTON,
            Stamp::now("test"),
            id,
            "Ann Lee",
            Attendance::Present,
            None,
        )
        .await
        .unwrap();
    app.store
        .add_decision(KINGSTON, Stamp::now("test"), id, decision)
        .await
        .unwrap();
    id
}

fn report(query: &str) -> String {
    format!("/p/{KINGSTON}/reports?{query}")
}

#[tokio::test]
async fn any_member_downloads_the_register_and_attendance_with_no_contact_details() {
    let app = app().await;
    person(&app, "Ann Lee", "Metropolitan Police", None).await;
    person(&app, "Bob Ray", "Probation Service", None).await;
    meeting(&app, "2009-06-17", None, "Adopt the plan").await;
    let reader = app.sign_in("reader@kingston.test").await;
    let page = app.get(&report(""), Some(&reader)).await;
    assert!(
        page.body.contains("Register of board members"),
        "offered on the reports page"
    );
    let res = app
        .get(&report("report=member-register&format=csv"), Some(&reader))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.body
            .contains("Ann Lee,Metropolitan Police,Detective Inspector,Member"),
        "{}",
        res.body
    );
    assert!(!res.body.contains("agency.example.org"), "{}", res.body);
    let res = app
        .get(
            &report("report=attendance&from=2009-04-01&to=2010-03-31&format=csv"),
            Some(&reader),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // CSV writes a share as a number.
    assert!(
        res.body.contains("Metropolitan Police,1,1,100,"),
        "{}",
        res.body
    );
    assert!(
        res.body.contains("Probation Service,1,0,0,Below 75%"),
        "{}",
        res.body
    );
    let bad = app
        .get(
            &report("report=attendance&from=2010-04-01&to=2010-03-31&format=csv"),
            Some(&reader),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body
            .contains("The period ends (2010-03-31) before it starts (2010-04-01)")
    );
}

#[tokio::test]
async fn a_meetings_minutes_go_only_to_those_who_may_see_the_meeting() {
    let app = app().await;
    person(
        &app,
        "Lee Lead",
        "Metropolitan Police",
        Some("lead@kingston.test"),
    )
    .await;
    person(&app, "Ann Lee", "Probation Service", None).await;
    let board = meeting(&app, "2009-06-17", None, "Adopt the plan").await;
    let training = meeting(&app, "2009-07-08", Some("Training"), "Run the course twice").await;
    let lead = app.sign_in("lead@kingston.test").await;
    // Shown as HTML in the site: the decisions are a list, which only documents carry.
    let minutes = |id: i64| report(&format!("report=minutes&meeting={id}&format=html"));
    let res = app.get(&minutes(board), Some(&lead)).await;
    assert_eq!(
        res.status,
        StatusCode::OK,
        "the board's meetings: {}",
        res.body
    );
    assert!(res.body.contains("1. Adopt the plan"), "{}", res.body);
    let hidden = app.get(&minutes(training), Some(&lead)).await;
    assert_eq!(
        hidden.status,
        StatusCode::NOT_FOUND,
        "not one of their sub-groups"
    );
    let pack = app
        .get(
            &report(&format!(
                "report=meeting-pack&meeting={training}&format=pdf"
            )),
            Some(&lead),
        )
        .await;
    assert_eq!(pack.status, StatusCode::NOT_FOUND);
    let change = SubgroupChange {
        chair: Some("Lee Lead".into()),
        ..SubgroupChange::default()
    };
    app.store
        .update_subgroup(KINGSTON, Stamp::now("test"), "Training", &change)
        .await
        .unwrap();
    let res = app.get(&minutes(training), Some(&lead)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("1. Run the course twice"), "{}", res.body);
    let manager = app.sign_in("manager@kingston.test").await;
    let page = app
        .get(
            &format!("/p/{KINGSTON}/meetings/{training}"),
            Some(&manager),
        )
        .await;
    assert!(page.body.contains(&format!(
        "report=meeting-pack&amp;meeting={training}&amp;format=pdf"
    )));
    let docx = app
        .get(
            &report(&format!("report=meeting-pack&meeting={board}&format=docx")),
            Some(&manager),
        )
        .await;
    assert_eq!(docx.status, StatusCode::BAD_REQUEST);
    assert!(
        docx.body.contains("The meeting pack is one PDF"),
        "{}",
        docx.body
    );
    let none = app
        .get(&report("report=minutes&format=docx"), Some(&manager))
        .await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    assert!(none.body.contains("Choose the meeting"), "{}", none.body);
    if cfg!(feature = "pdf") {
        let pdf = app
            .get(
                &report(&format!("report=meeting-pack&meeting={board}&format=pdf")),
                Some(&manager),
            )
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.starts_with("%PDF-"));
    }
}

#[tokio::test]
async fn the_public_register_is_a_file_only_while_the_board_publishes_and_has_no_contact_details() {
    let app = app().await;
    person(&app, "Ann Lee", "Metropolitan Police", None).await;
    let path = format!("/public/{KINGSTON}/register?format=csv");
    assert_eq!(app.get(&path, None).await.status, StatusCode::NOT_FOUND);
    app.publish(KINGSTON).await;
    let res = app.get(&path, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.body.contains("Ann Lee,Metropolitan Police,Member"),
        "{}",
        res.body
    );
    for private in ["agency.example.org", "Detective Inspector"] {
        assert!(!res.body.contains(private), "{private}: {}", res.body);
    }
    let summary = app.get(&format!("/public/{KINGSTON}"), None).await;
    assert!(
        summary
            .body
            .contains(&format!("/public/{KINGSTON}/register"))
    );
    let bad = app
        .get(&format!("/public/{KINGSTON}/register?format=doc"), None)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}
