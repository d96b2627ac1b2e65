//! Sub-groups, meetings and attendance (issue #12, items 3 to 5), on SQLite and, with
//! `TEST_DATABASE_URL`, PostgreSQL: a meeting read whole with its quorum, the action log
//! carried until done, minutes approved only at a later meeting, attendance shares by agency,
//! every write logged with its actor, and nothing reachable from another partnership.

use domain::meetings::{Attendance, QuorumRule, SubgroupState};
use domain::{BoardRole, Meeting, MeetingKind, Person};
use store::{AgendaItem, ChangeOp, ImportMode, MeetingSettings, Store, StoreError, SubgroupChange};

use crate::common::{source, sutton};
use crate::progress_support::{KINGSTON, by, date, imported, ts};

async fn add_people(store: &Store) {
    for (name, agency, role) in [
        ("Ann Chair", None, BoardRole::Chair),
        (
            "Dee Deputy",
            Some("Metropolitan Police"),
            BoardRole::Participant,
        ),
        ("Nia Health", Some("NHS Kingston"), BoardRole::Member),
        (
            "Cal Council",
            Some("Children's Services"),
            BoardRole::Member,
        ),
        ("Obi Observer", Some("CAFCASS"), BoardRole::Observer),
    ] {
        let mut p = Person::new(name, role);
        p.agency = agency.map(str::to_string);
        store
            .add_person(KINGSTON, by("bm", "2009-04-02"), &p)
            .await
            .unwrap();
    }
    // Pat's deputy is on the register before Pat.
    let mut pat = Person::new("Pat Police", BoardRole::Member);
    pat.agency = Some("Metropolitan Police".into());
    pat.deputy = Some("Dee Deputy".into());
    store
        .add_person(KINGSTON, by("bm", "2009-04-02"), &pat)
        .await
        .unwrap();
}

fn board(d: &str) -> Meeting {
    Meeting {
        date: date(d),
        kind: MeetingKind::Board,
        subgroup: None,
    }
}

async fn board_meeting(store: &Store, d: &str) -> i64 {
    store
        .add_meeting_with(
            KINGSTON,
            by("bm", "2009-04-03"),
            &board(d),
            Some("9:30"),
            Some("Guildhall"),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_board_meeting_is_read_whole_with_its_quorum_and_every_write_is_logged() {
    let (store, _g) = imported().await;
    add_people(&store).await;
    let rule = MeetingSettings {
        quorum: QuorumRule {
            agencies: Some(3),
            members: Some(3),
        },
        attendance_threshold: 75,
    };
    store
        .set_meeting_settings(KINGSTON, by("bm", "2009-04-03"), &rule)
        .await
        .unwrap();
    let id = board_meeting(&store, "2009-06-17").await;
    assert_eq!(
        store
            .find_meeting(KINGSTON, date("2009-06-17"), None)
            .await
            .unwrap(),
        id
    );
    let at = |n: &str, s, d: Option<&str>| {
        let store = &store;
        let n = n.to_string();
        let d = d.map(str::to_string);
        async move {
            store
                .record_attendance(KINGSTON, by("bm", "2009-06-18"), id, &n, s, d.as_deref())
                .await
        }
    };
    at("ann chair", Attendance::Present, None).await.unwrap();
    at("Pat Police", Attendance::Deputy, None).await.unwrap();
    at("Nia Health", Attendance::Apologies, None).await.unwrap();
    let m = store.meeting(KINGSTON, id).await.unwrap();
    assert_eq!(
        (m.summary.time.as_deref(), m.summary.place.as_deref()),
        (Some("09:30"), Some("Guildhall"))
    );
    let pat = m
        .attendance
        .iter()
        .find(|a| a.person == "Pat Police")
        .unwrap();
    assert_eq!(
        pat.deputy.as_deref(),
        Some("Dee Deputy"),
        "the register's deputy by default"
    );
    assert_eq!(
        (m.quorum.agencies, m.quorum.members, m.quorum.quorate),
        (1, 2, Some(false))
    );
    at("Cal Council", Attendance::Present, None).await.unwrap();
    at("Nia Health", Attendance::Deputy, Some("Sam Stand-in"))
        .await
        .unwrap();
    let m = store.meeting(KINGSTON, id).await.unwrap();
    assert_eq!(
        (m.quorum.agencies, m.quorum.members, m.quorum.quorate),
        (3, 4, Some(true))
    );
    assert_eq!(m.attendance.len(), 4, "a second answer replaces the first");

    store
        .add_decision(
            KINGSTON,
            by("bm", "2009-06-18"),
            id,
            "Adopt the threshold document",
        )
        .await
        .unwrap();
    let item = AgendaItem {
        title: "Performance report".into(),
        presenter: Some("Nia Health".into()),
        paper: Some("Paper 3".into()),
        actions: vec!["2.1".into()],
        indicators: vec!["NI 59".into()],
    };
    store
        .add_agenda_item(KINGSTON, by("bm", "2009-06-18"), id, &item)
        .await
        .unwrap();
    let m = store.meeting(KINGSTON, id).await.unwrap();
    assert_eq!(m.decisions, ["Adopt the threshold document"]);
    assert_eq!(m.agenda, [item]);

    let log = store.change_log(KINGSTON).await.unwrap();
    let entry = log
        .iter()
        .find(|c| c.entity_key == "2009-06-17 board / Nia Health" && c.op == ChangeOp::Update)
        .unwrap();
    assert_eq!(
        (entry.entity.as_str(), entry.actor.as_str()),
        ("attendance", "bm")
    );
    assert!(
        log.iter()
            .any(|c| c.entity == "decision" && c.entity_key == "2009-06-17 board")
    );

    let err = at("Nobody", Attendance::Present, None).await.unwrap_err();
    assert!(
        err.to_string().contains("not on the member register"),
        "{err}"
    );
    let err = at("Cal Council", Attendance::Deputy, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("--deputy"), "{err}");
    let err = store
        .add_meeting_with(
            KINGSTON,
            by("bm", "2009-06-19"),
            &board("2009-09-16"),
            Some("25:00"),
            None,
        )
        .await
        .unwrap_err();
    assert!(err.to_string().starts_with("time:"), "{err}");
}

#[tokio::test]
async fn an_action_is_carried_from_meeting_to_meeting_until_done() {
    let (store, _g) = imported().await;
    let ids = [
        board_meeting(&store, "2009-06-17").await,
        board_meeting(&store, "2009-09-16").await,
        board_meeting(&store, "2009-12-09").await,
        board_meeting(&store, "2010-03-17").await,
    ];
    let a = store
        .add_meeting_action(
            KINGSTON,
            by("bm", "2009-06-18"),
            ids[0],
            "Circulate the protocol",
            "Business manager",
            Some(date("2009-07-31")),
        )
        .await
        .unwrap();
    let log_at = |i: usize| {
        let store = &store;
        async move { store.meeting(KINGSTON, ids[i]).await.unwrap().action_log }
    };
    assert_eq!(
        log_at(1).await[0].done,
        None,
        "open, carried to the next meeting"
    );
    store
        .complete_meeting_action(KINGSTON, by("bm", "2009-10-01"), a, date("2009-10-01"))
        .await
        .unwrap();
    assert_eq!(log_at(1).await.len(), 1);
    assert_eq!(
        log_at(2).await[0].done,
        Some(date("2009-10-01")),
        "reported done at the next meeting"
    );
    assert!(log_at(3).await.is_empty(), "and no longer carried after it");
    let err = store
        .complete_meeting_action(KINGSTON, by("bm", "2009-10-02"), a, date("2009-10-02"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
}

#[tokio::test]
async fn minutes_are_a_draft_until_a_later_meeting_approves_them() {
    let (store, _g) = imported().await;
    let june = board_meeting(&store, "2009-06-17").await;
    let sept = board_meeting(&store, "2009-09-16").await;
    let err = store
        .approve_minutes(KINGSTON, by("bm", "2009-06-18"), june, sept)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no minutes"), "{err}");
    store
        .set_minutes(KINGSTON, by("bm", "2009-06-18"), june, "The board met.")
        .await
        .unwrap();
    let err = store
        .approve_minutes(KINGSTON, by("bm", "2009-06-18"), sept, june)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("later meeting"), "{err}");
    let m = store.meeting(KINGSTON, june).await.unwrap();
    assert_eq!(m.minutes.unwrap().approved_at, None);
    store
        .approve_minutes(KINGSTON, by("bm", "2009-09-16"), june, sept)
        .await
        .unwrap();
    let m = store.meeting(KINGSTON, june).await.unwrap();
    assert_eq!(m.minutes.unwrap().approved_at, Some(date("2009-09-16")));
    let err = store
        .set_minutes(KINGSTON, by("bm", "2009-09-17"), june, "Rewritten")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
}

#[tokio::test]
async fn attendance_over_a_year_is_a_share_per_agency_and_person() {
    let (store, _g) = imported().await;
    add_people(&store).await;
    let days = ["2009-06-17", "2009-09-16", "2009-12-09", "2010-03-17"];
    let mut ids = Vec::new();
    for d in days {
        ids.push(board_meeting(&store, d).await);
    }
    // The last meeting has nothing recorded: it counts for no one.
    let police = [
        Attendance::Present,
        Attendance::Absent,
        Attendance::Apologies,
    ];
    for (id, police) in ids.iter().zip(police) {
        let stamp = by("bm", "2010-01-05");
        store
            .record_attendance(
                KINGSTON,
                stamp,
                *id,
                "Nia Health",
                Attendance::Present,
                None,
            )
            .await
            .unwrap();
        store
            .record_attendance(KINGSTON, stamp, *id, "Pat Police", police, None)
            .await
            .unwrap();
    }
    let r = store
        .attendance(KINGSTON, date("2009-04-01"), date("2010-03-31"))
        .await
        .unwrap();
    assert_eq!(r.tally.meetings, 3);
    assert_eq!(r.threshold, 75);
    let share = |name: &str| {
        r.tally
            .agencies
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            share("NHS Kingston").expected,
            share("NHS Kingston").attended
        ),
        (3, 3)
    );
    assert_eq!(
        (
            share("Metropolitan Police").expected,
            share("Metropolitan Police").attended
        ),
        (3, 1)
    );
    assert_eq!(
        share("Children's Services").attended,
        0,
        "a member expected but not recorded was absent"
    );
    assert!(
        r.tally.people.iter().all(|p| p.name != "Obi Observer"),
        "observers are not expected"
    );
    let low: Vec<&str> = r
        .tally
        .below(r.threshold)
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(low, ["Children's Services", "Metropolitan Police"]);
    let none = store
        .attendance(KINGSTON, date("2010-04-01"), date("2011-03-31"))
        .await
        .unwrap();
    assert_eq!(none.tally.meetings, 0);
    assert!(
        store
            .attendance(KINGSTON, date("2010-04-01"), date("2010-03-31"))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_subgroup_has_a_chair_members_a_quorum_and_can_close() {
    let (store, _g) = imported().await;
    add_people(&store).await;
    let change = SubgroupChange {
        chair: Some("Nia Health".into()),
        frequency: Some("Quarterly".into()),
        quorum_agencies: Some(2),
        add_members: vec!["Nia Health".into(), "pat police".into()],
        ..SubgroupChange::default()
    };
    let s = store
        .update_subgroup(KINGSTON, by("bm", "2009-04-05"), "training", &change)
        .await
        .unwrap();
    assert_eq!(
        (s.name.as_str(), s.chair.as_deref(), s.status),
        ("Training", Some("Nia Health"), SubgroupState::Active)
    );
    assert_eq!(s.members, ["Nia Health", "Pat Police"]);
    let m = Meeting {
        date: date("2009-07-08"),
        kind: MeetingKind::Subgroup,
        subgroup: Some("Training".into()),
    };
    let id = store
        .add_meeting_with(KINGSTON, by("bm", "2009-04-05"), &m, None, None)
        .await
        .unwrap();
    store
        .record_attendance(
            KINGSTON,
            by("bm", "2009-07-02"),
            id,
            "Nia Health",
            Attendance::Present,
            None,
        )
        .await
        .unwrap();
    let read = store.meeting(KINGSTON, id).await.unwrap();
    assert_eq!(
        read.quorum.quorate,
        Some(false),
        "one agency of the two the rule asks"
    );
    assert_eq!(
        store
            .find_meeting(KINGSTON, date("2009-07-08"), Some("TRAINING"))
            .await
            .unwrap(),
        id
    );
    let r = store
        .attendance(KINGSTON, date("2009-07-08"), date("2009-07-08"))
        .await
        .unwrap();
    let names: Vec<&str> = r.tally.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Nia Health", "Pat Police"],
        "a sub-group's members are expected at it"
    );

    store
        .add_subgroup(
            KINGSTON,
            by("bm", "2009-07-03"),
            "Child Death Review",
            SubgroupState::Proposed,
        )
        .await
        .unwrap();
    let err = store
        .add_subgroup(
            KINGSTON,
            by("bm", "2009-07-03"),
            "child death review",
            SubgroupState::Active,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    let closed = SubgroupChange {
        status: Some(SubgroupState::Closed),
        ..SubgroupChange::default()
    };
    let s = store
        .update_subgroup(KINGSTON, by("bm", "2009-07-04"), "Training", &closed)
        .await
        .unwrap();
    assert_eq!(
        (s.status, s.chair.as_deref()),
        (SubgroupState::Closed, Some("Nia Health")),
        "closing keeps the rest"
    );
    store
        .add_subgroup_item(
            KINGSTON,
            by("bm", "2009-07-04"),
            "Training",
            "Evaluate the course",
            Some(date("2010-01-31")),
        )
        .await
        .unwrap();
    let all = store.subgroups(KINGSTON).await.unwrap();
    let t = all.iter().find(|s| s.name == "Training").unwrap();
    assert_eq!(t.items[0].title, "Evaluate the course");
    let p = all
        .iter()
        .find(|s| s.name == "Policy and Procedures")
        .unwrap();
    assert_eq!(p.roles, ["Chair, Policy and Procedures sub-group"]);
    let bad = SubgroupChange {
        chair: Some("Nobody".into()),
        ..SubgroupChange::default()
    };
    assert!(
        store
            .update_subgroup(KINGSTON, by("bm", "2009-07-05"), "Training", &bad)
            .await
            .is_err()
    );
    let log = store.change_log(KINGSTON).await.unwrap();
    assert!(
        log.iter().any(|c| c.entity == "subgroup"
            && c.entity_key == "Training"
            && c.op == ChangeOp::Update)
    );
}

#[tokio::test]
async fn another_partnerships_meeting_is_not_found() {
    let (store, _g) = imported().await;
    store
        .import_partnership_at(
            "t",
            &sutton(),
            &source("s.txt", "s"),
            ImportMode::New,
            ts("2009-04-01"),
        )
        .await
        .unwrap();
    let id = board_meeting(&store, "2009-06-17").await;
    let sutton = "sutton-safeguarding-children-partnership";
    assert!(matches!(
        store.meeting(sutton, id).await,
        Err(StoreError::NotFound { .. })
    ));
    let err = store
        .add_decision(sutton, by("bm", "2009-06-18"), id, "Nothing")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    assert!(
        store
            .meeting(KINGSTON, id)
            .await
            .unwrap()
            .decisions
            .is_empty()
    );
}
