use std::collections::{BTreeMap, HashSet};

use super::message::{Links, body, subject};
use super::*;
use crate::model::{Action, MeetingKind, Objective, PlanStatus};
use crate::status::{StatusRules, assess};
use crate::timescale::{Period, Timescale};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn action(id: &str, lead: &str, due: &str) -> Action {
    let period = Period::financial_year(2009).unwrap();
    Action {
        id: id.into(),
        number: id.into(),
        text: format!("Agree the protocol for {id}\nsecond line never quoted"),
        sources: vec![],
        timescale: Some(Timescale::parse(due, Some(period))),
        leads: vec![lead.into()],
        references: vec![],
        reference_phrases: vec![],
        duplicate_of: None,
    }
}

/// 1.1 (training) due September 2009, 1.2 (training) due December 2009, 1.3 (chair) due
/// September 2009.
fn plan() -> Plan {
    Plan {
        title: "Plan".into(),
        period: Period::financial_year(2009).unwrap(),
        status: PlanStatus::Active,
        objectives: vec![Objective {
            number: "1".into(),
            title: "One".into(),
            sources: vec![],
            timescale: None,
            leads: vec![],
            actions: vec![
                action("1.1", "chair-training", "September 2009"),
                action("1.2", "chair-training", "December 2009"),
                action("1.3", "lscb-chair", "September 2009"),
            ],
        }],
    }
}

fn person(id: i64, email: &str) -> Recipient {
    Recipient {
        account_id: id,
        email: email.into(),
        name: email.into(),
    }
}

fn run(as_at: &str, meetings: &[Meeting], sent: &HashSet<SentKey>) -> Vec<Reminder> {
    let plan = plan();
    let as_at = d(as_at);
    let statuses = assess(&plan, &[], &[], meetings, as_at, StatusRules::default());
    let mut leads = BTreeMap::new();
    leads.insert("chair-training".to_string(), vec![person(1, "lead@x.test")]);
    leads.insert("lscb-chair".to_string(), vec![person(2, "chair@x.test")]);
    let managers = [person(3, "manager@x.test")];
    let s = Situation {
        as_at,
        plan: &plan,
        statuses: &statuses,
        meetings,
        leads: &leads,
        managers: &managers,
        settings: ReminderSettings::default(),
        documents: &[],
        returns: &[],
        agency_members: &[],
    };
    due(&s, sent, &HashSet::new())
}

fn of(all: &[Reminder], kind: ReminderKind) -> Vec<&Reminder> {
    all.iter().filter(|r| r.kind == kind).collect()
}

#[test]
fn an_action_due_within_the_notice_reminds_each_of_its_leads_once_per_due_date() {
    // Tuesday 22 September 2009: 1.1 and 1.3 fall due on the 30th.
    let all = run("2009-09-22", &[], &HashSet::new());
    let soon = of(&all, ReminderKind::DueSoon);
    assert_eq!(soon.len(), 2);
    assert_eq!(soon[0].to.email, "lead@x.test");
    assert_eq!(soon[0].actions.len(), 1);
    assert_eq!(soon[0].actions[0].number, "1.1");
    assert_eq!(soon[0].actions[0].period, "2009-09-30");
    let sent: HashSet<SentKey> = soon.iter().flat_map(|r| r.keys()).collect();
    let again = run("2009-09-23", &[], &sent);
    assert!(of(&again, ReminderKind::DueSoon).is_empty(), "{again:?}");
}

#[test]
fn an_overdue_action_is_reminded_and_not_also_as_due_soon() {
    let all = run("2009-10-05", &[], &HashSet::new());
    let late = of(&all, ReminderKind::Overdue);
    assert_eq!(late.len(), 2);
    assert!(of(&all, ReminderKind::DueSoon).is_empty());
}

#[test]
fn before_a_board_meeting_leads_without_an_update_since_the_last_one_are_reminded() {
    let meetings = [
        Meeting {
            date: d("2009-06-10"),
            kind: MeetingKind::Board,
            subgroup: None,
        },
        Meeting {
            date: d("2009-07-15"),
            kind: MeetingKind::Board,
            subgroup: None,
        },
    ];
    let all = run("2009-07-10", &meetings, &HashSet::new());
    let before = of(&all, ReminderKind::BeforeMeeting);
    assert_eq!(before.len(), 2);
    assert_eq!(before[0].actions.len(), 2);
    assert_eq!(before[0].actions[0].period, "2009-07-15");
    // Not before the notice: a meeting three weeks off waits.
    assert!(
        of(
            &run("2009-06-24", &meetings, &HashSet::new()),
            ReminderKind::BeforeMeeting
        )
        .is_empty()
    );
}

#[test]
fn the_weekly_digest_goes_to_business_managers_once_a_week() {
    let all = run("2009-10-05", &[], &HashSet::new());
    let digest = of(&all, ReminderKind::WeeklyDigest);
    assert_eq!(digest.len(), 1);
    assert_eq!(digest[0].to.email, "manager@x.test");
    assert_eq!(digest[0].whole_plan.as_deref(), Some("2009-W41"));
    assert_eq!(digest[0].actions[0].note, "overdue");
    let sent: HashSet<SentKey> = digest.iter().flat_map(|r| r.keys()).collect();
    assert!(of(&run("2009-10-08", &[], &sent), ReminderKind::WeeklyDigest).is_empty());
    assert_eq!(
        of(&run("2009-10-12", &[], &sent), ReminderKind::WeeklyDigest).len(),
        1
    );
}

#[test]
fn a_kind_turned_off_is_not_sent() {
    let plan = plan();
    let statuses = assess(
        &plan,
        &[],
        &[],
        &[],
        d("2009-10-05"),
        StatusRules::default(),
    );
    let mut leads = BTreeMap::new();
    leads.insert("chair-training".to_string(), vec![person(1, "lead@x.test")]);
    let s = Situation {
        as_at: d("2009-10-05"),
        plan: &plan,
        statuses: &statuses,
        meetings: &[],
        leads: &leads,
        managers: &[],
        settings: ReminderSettings::default(),
        documents: &[],
        returns: &[],
        agency_members: &[],
    };
    let off = HashSet::from([(1, ReminderKind::Overdue)]);
    assert!(due(&s, &HashSet::new(), &off).is_empty());
}

#[test]
fn a_message_names_actions_by_number_and_title_and_links_to_each_update_form() {
    let all = run("2009-10-05", &[], &HashSet::new());
    let r = of(&all, ReminderKind::Overdue)[0];
    assert_eq!(
        subject(r, "Kingston LSCB"),
        "Kingston LSCB: action 1.1 overdue"
    );
    let update = |id: &str| format!("https://bp.test/p/k/actions/{id}#update");
    let links = Links {
        update: &update,
        document: &|id: i64| format!("https://bp.test/p/k/documents/{id}"),
        s11_return: &|year: i32, agency: &str| {
            format!("https://bp.test/p/k/s11/{year}/return?agency={agency}")
        },
        unsubscribe: "https://bp.test/unsubscribe/t".into(),
    };
    let text = body(r, "Kingston LSCB", &links);
    assert!(text.contains("1.1  Agree the protocol for 1.1"), "{text}");
    assert!(!text.contains("second line"), "{text}");
    assert!(
        text.contains("https://bp.test/p/k/actions/1.1#update"),
        "{text}"
    );
    assert!(text.contains("https://bp.test/unsubscribe/t"), "{text}");
}

mod business;
