//! Meetings and attendance on the web (issue #12, items 3 to 5 and 9): the meetings list and
//! one meeting's page, whose forms only those who run the meeting get; a sub-group's chair
//! runs its meetings and a lead officer sees only their sub-groups'; the attendance page with
//! its chart; and the API under /api/v1/partnerships/{slug}/meetings and /attendance,
//! checked against the OpenAPI document.

use axum::http::StatusCode;
use domain::meetings::Attendance;
use domain::{BoardRole, Meeting, MeetingKind, Person};
use store::{Stamp, SubgroupChange};

use crate::api_support::{Api, json};
use crate::common::{KINGSTON, RIVERFORD, TestApp, app};

async fn person(app: &TestApp, name: &str, agency: &str, account: Option<&str>) {
    let mut p = Person::new(name, BoardRole::Member);
    p.agency = Some(agency.into());
    p.account = account.map(str::to_string);
    app.store
        .add_person(KINGSTON, Stamp::now("test"), &p)
        .await
        .unwrap();
}

/// A board meeting on `date` with two people on the register, one of them present.
async fn board_meeting(app: &TestApp, date: &str) -> i64 {
    person(app, "Ann Lee", "Metropolitan Police", None).await;
    person(app, "Bob Ray", "Probation Service", None).await;
    let m = Meeting {
        date: date.parse().unwrap(),
        kind: MeetingKind::Board,
        subgroup: None,
    };
    let id = app
        .store
        .add_meeting_with(
            KINGSTON,
            Stamp::now("test"),
            &m,
            Some("09:30"),
            Some("Guildhall"),
        )
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
    id
}

#[tokio::test]
async fn everyone_reads_a_meeting_and_only_those_who_run_it_get_its_forms() {
    let app = app().await;
    let id = board_meeting(&app, "2009-06-17").await;
    let path = format!("/p/{KINGSTON}/meetings/{id}");
    for (email, runs) in [
        ("manager@kingston.test", true),
        ("admin@kingston.test", true),
        ("member@kingston.test", false),
        ("reader@kingston.test", false),
        ("lead@kingston.test", false),
    ] {
        let s = app.sign_in(email).await;
        let list = app.get(&format!("/p/{KINGSTON}/meetings"), Some(&s)).await;
        assert_eq!(list.status, StatusCode::OK, "{email}");
        assert!(
            list.body.contains(&path),
            "{email}: the list links the meeting"
        );
        let res = app.get(&path, Some(&s)).await;
        assert_eq!(res.status, StatusCode::OK, "{email}");
        assert!(
            res.body.contains("Board meeting, 17 June 2009")
                && res.body.contains("09:30, Guildhall")
        );
        assert!(res.body.contains("Ann Lee"));
        assert_eq!(res.body.contains("/attendance\""), runs, "{email}");
        if !runs {
            let form = [("csrf", s.csrf.as_str()), ("text", "Nothing")];
            let res = app
                .post(&format!("{path}/decisions"), Some(&s), &form)
                .await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{email}");
        }
    }
    assert!(
        app.store
            .meeting(KINGSTON, id)
            .await
            .unwrap()
            .decisions
            .is_empty()
    );
}

#[tokio::test]
async fn an_officer_records_attendance_decisions_actions_and_minutes_through_the_forms() {
    let app = app().await;
    let id = board_meeting(&app, "2009-06-17").await;
    board_meeting_only(&app, "2009-09-16").await;
    let s = app.sign_in("manager@kingston.test").await;
    let path = format!("/p/{KINGSTON}/meetings/{id}");
    let res = send(
        &app,
        &s,
        &path,
        "attendance",
        &[
            ("person", "bob ray"),
            ("status", "deputy"),
            ("deputy", "Cat Day"),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), format!("{path}#attendance"));
    assert_eq!(
        send(&app, &s, &path, "decisions", &[("text", "Adopt the plan")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let res = send(
        &app,
        &s,
        &path,
        "actions",
        &[
            ("what", "Circulate it"),
            ("who", "Ann Lee"),
            ("due", "2009-07-31"),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = send(
        &app,
        &s,
        &path,
        "agenda",
        &[("title", "Plan progress"), ("actions", "1.1, 2.1")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        send(&app, &s, &path, "minutes", &[("text", "The board met.")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let bad = send(
        &app,
        &s,
        &path,
        "attendance",
        &[("person", "Nobody"), ("status", "present")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body.contains("not on the member register"),
        "{}",
        bad.body
    );
    let no_csrf = app
        .post(
            &format!("{path}/decisions"),
            Some(&s),
            &[("csrf", "wrong"), ("text", "x")],
        )
        .await;
    assert_ne!(no_csrf.status, StatusCode::SEE_OTHER);

    let m = app.store.meeting(KINGSTON, id).await.unwrap();
    assert_eq!(m.decisions, ["Adopt the plan"]);
    assert_eq!(m.agenda[0].actions, ["1.1", "2.1"]);
    assert_eq!((m.quorum.agencies, m.quorum.members), (2, 2));
    let done = m.action_log[0].id.to_string();
    let res = send(&app, &s, &path, "actions", &[("done_id", done.as_str())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        app.store.meeting(KINGSTON, id).await.unwrap().action_log[0]
            .done
            .is_some()
    );
    let res = send(&app, &s, &path, "minutes", &[("approved_at", "2009-09-16")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(&path, Some(&s)).await;
    assert!(
        page.body.contains("Approved 16 Sep 2009") && page.body.contains("Cat Day"),
        "{}",
        page.body
    );
    let log = app.store.change_log(KINGSTON).await.unwrap();
    assert!(
        log.iter()
            .any(|c| c.entity == "decision" && c.actor != "test")
    );
}

/// Post `fields` with the session's CSRF token to the meeting's form `to`.
async fn send(
    app: &TestApp,
    s: &crate::common::Session,
    path: &str,
    to: &str,
    fields: &[(&str, &str)],
) -> crate::common::Response {
    let mut form = vec![("csrf", s.csrf.as_str())];
    form.extend_from_slice(fields);
    app.post(&format!("{path}/{to}"), Some(s), &form).await
}

async fn board_meeting_only(app: &TestApp, date: &str) -> i64 {
    let m = Meeting {
        date: date.parse().unwrap(),
        kind: MeetingKind::Board,
        subgroup: None,
    };
    app.store
        .add_meeting_with(KINGSTON, Stamp::now("test"), &m, None, None)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_subgroups_chair_runs_its_meetings_and_a_lead_officer_sees_only_their_subgroups() {
    let app = app().await;
    person(
        &app,
        "Lee Lead",
        "Metropolitan Police",
        Some("lead@kingston.test"),
    )
    .await;
    person(&app, "Ann Lee", "Probation Service", None).await;
    let training = Meeting {
        date: "2009-07-08".parse().unwrap(),
        kind: MeetingKind::Subgroup,
        subgroup: Some("Training".into()),
    };
    let t = app
        .store
        .add_meeting_with(KINGSTON, Stamp::now("test"), &training, None, None)
        .await
        .unwrap();
    let policy = Meeting {
        subgroup: Some("Policy and Procedures".into()),
        ..training.clone()
    };
    let p = app
        .store
        .add_meeting_with(KINGSTON, Stamp::now("test"), &policy, None, None)
        .await
        .unwrap();
    let lead = app.sign_in("lead@kingston.test").await;
    let get = |id: i64| {
        let (app, lead) = (&app, &lead);
        async move {
            app.get(&format!("/p/{KINGSTON}/meetings/{id}"), Some(lead))
                .await
                .status
        }
    };
    assert_eq!(
        get(t).await,
        StatusCode::NOT_FOUND,
        "not one of their sub-groups yet"
    );
    let change = SubgroupChange {
        chair: Some("Lee Lead".into()),
        ..SubgroupChange::default()
    };
    app.store
        .update_subgroup(KINGSTON, Stamp::now("test"), "Training", &change)
        .await
        .unwrap();
    assert_eq!(get(t).await, StatusCode::OK);
    assert_eq!(
        get(p).await,
        StatusCode::NOT_FOUND,
        "another sub-group's meeting"
    );
    let list = app
        .get(&format!("/p/{KINGSTON}/meetings"), Some(&lead))
        .await;
    assert!(
        list.body.contains(&format!("/meetings/{t}\""))
            && !list.body.contains(&format!("/meetings/{p}\""))
    );
    let form = [
        ("csrf", lead.csrf.as_str()),
        ("person", "Ann Lee"),
        ("status", "apologies"),
    ];
    let res = app
        .post(
            &format!("/p/{KINGSTON}/meetings/{t}/attendance"),
            Some(&lead),
            &form,
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::SEE_OTHER,
        "the chair runs its meetings: {}",
        res.body
    );
    let res = app
        .post(
            &format!("/p/{KINGSTON}/meetings/{p}/attendance"),
            Some(&lead),
            &form,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let reader = app.sign_in("reader@kingston.test").await;
    assert_eq!(
        app.get(&format!("/p/{KINGSTON}/meetings/{p}"), Some(&reader))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_attendance_page_draws_each_agencys_share_and_marks_those_below_the_threshold() {
    let app = app().await;
    board_meeting(&app, "2009-06-17").await;
    let s = app.sign_in("reader@kingston.test").await;
    let res = app
        .get(
            &format!("/p/{KINGSTON}/attendance?from=2009-04-01&to=2010-03-31"),
            Some(&s),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.body.contains("<svg")
            && res.body.contains(
                "<title id=\"att-title\">Attendance by agency, 2009-04-01 to 2010-03-31</title>"
            )
    );
    let rows = res.texts("#by-agency tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.contains("Metropolitan Police") && r.contains("100%")),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r.contains("Probation Service")
            && r.contains("0%")
            && r.contains("Below 75%")),
        "{rows:?}"
    );
    // The dashboard warns of the agency below the threshold in the year to its day.
    let dash = app
        .get(&format!("/p/{KINGSTON}?as_at=2009-12-31"), Some(&s))
        .await;
    assert_eq!(dash.status, StatusCode::OK);
    let warning = dash.texts("#attendance-warning");
    assert!(
        warning
            .iter()
            .any(|w| w.contains("Probation Service (0%)") && !w.contains("Metropolitan")),
        "{warning:?}"
    );
    let today = app.get(&format!("/p/{KINGSTON}"), Some(&s)).await;
    assert!(
        !today.body.contains("attendance-warning"),
        "no meetings in the year to today"
    );
    let bad = app
        .get(&format!("/p/{KINGSTON}/attendance?from=someday"), Some(&s))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_api_lists_and_reads_meetings_and_attendance_as_documented() {
    let api = Api::new().await;
    let id = board_meeting(&api.app, "2009-06-17").await;
    let reader = api.token("reader@kingston.test", KINGSTON).await;
    let base = format!("/api/v1/partnerships/{KINGSTON}");
    let list = json(&api.get(&format!("{base}/meetings"), &reader).await);
    assert_eq!(list["items"][0]["date"], "2009-06-17");
    let href = list["items"][0]["href"].as_str().unwrap().to_string();
    let one = json(&api.get(&href, &reader).await);
    assert_eq!(one["meeting"]["time"], "09:30");
    assert_eq!(one["attendance"][0]["status"], "present");
    assert_eq!(
        one["quorate"],
        serde_json::Value::Null,
        "no quorum rule is set"
    );
    let a = json(
        &api.get(
            &format!("{base}/attendance?from=2009-04-01&to=2010-03-31"),
            &reader,
        )
        .await,
    );
    assert_eq!(a["meetings"], 1);
    let police = a["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["agency"] == "Metropolitan Police")
        .unwrap();
    assert_eq!(
        (
            police["expected"].as_u64(),
            police["attended_or_represented"].as_u64(),
            police["share"].as_u64()
        ),
        (Some(1), Some(1), Some(100))
    );
    let res = api
        .get(&format!("{base}/attendance?to=never"), &reader)
        .await;
    api.problem(&res, 400, &format!("{base}/attendance"));
    // Two good dates the wrong way round: the request is valid, the period is not.
    let res = api
        .get(
            &format!("{base}/attendance?from=2009-09-30&to=2009-04-01"),
            &reader,
        )
        .await;
    api.problem(&res, 422, &format!("{base}/attendance"));
    let outsider = api.token("admin@riverford.test", RIVERFORD).await;
    let res = api
        .get(
            &format!("/api/v1/partnerships/{RIVERFORD}/meetings/{id}"),
            &outsider,
        )
        .await;
    api.problem(
        &res,
        404,
        &format!("/api/v1/partnerships/{RIVERFORD}/meetings/{id}"),
    );
}
