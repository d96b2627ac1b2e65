//! The board's business beside the plan: documents whose review falls due, and Section 11
//! returns outstanding.

use std::collections::{BTreeMap, HashSet};

use super::{d, person, plan};
use crate::access::{AccessRole, Membership};
use crate::assurance::section11::Section11View;
use crate::reminders::message::{Links, body, subject};
use crate::reminders::returns::{AgencyMember, ReturnDue};
use crate::reminders::reviews::DocumentDue;
use crate::reminders::*;
use crate::status::{StatusRules, assess};

fn doc(id: i64, title: &str, owner: &str, review: &str) -> DocumentDue {
    DocumentDue {
        id,
        title: title.into(),
        owner: owner.into(),
        review_due: d(review),
    }
}

fn ret(agency: &str, due: &str, rated: usize) -> ReturnDue {
    ReturnDue {
        year: 2010,
        agency: agency.into(),
        due: d(due),
        rated,
        of: 8,
    }
}

fn member(id: i64, email: &str, role: AccessRole, agency: &str) -> AgencyMember {
    let m = Membership {
        partnership: "k".into(),
        role,
        holds: vec![],
    };
    AgencyMember {
        to: person(id, email),
        agency: agency.into(),
        view: Section11View::of(&m, false, Some(agency.into())),
    }
}

/// Reminders of the two new kinds as at `as_at`, with the training chair (1) holding
/// `chair-training`, a business manager (3), a lead officer (4) and a reader (5) of the police.
fn run(
    as_at: &str,
    documents: &[DocumentDue],
    returns: &[ReturnDue],
    sent: &HashSet<SentKey>,
) -> Vec<Reminder> {
    let plan = plan();
    let as_at = d(as_at);
    let statuses = assess(&plan, &[], &[], &[], as_at, StatusRules::default());
    let leads = BTreeMap::from([("chair-training".to_string(), vec![person(1, "lead@x.test")])]);
    let managers = [person(3, "manager@x.test")];
    let agency_members = [
        member(4, "police-lead@x.test", AccessRole::LeadOfficer, "Police"),
        member(5, "police-reader@x.test", AccessRole::Reader, "Police"),
    ];
    let s = Situation {
        as_at,
        plan: &plan,
        statuses: &statuses,
        meetings: &[],
        leads: &leads,
        managers: &managers,
        settings: ReminderSettings::default(),
        documents,
        returns,
        agency_members: &agency_members,
    };
    due(&s, sent, &HashSet::new())
        .into_iter()
        .filter(|r| {
            matches!(
                r.kind,
                ReminderKind::DocumentReview | ReminderKind::Section11Outstanding
            )
        })
        .collect()
}

fn links_test(r: &Reminder) -> String {
    let update = |id: &str| format!("https://bp.test/p/k/actions/{id}#update");
    let document = |id: i64| format!("https://bp.test/p/k/documents/{id}");
    let s11 =
        |year: i32, agency: &str| format!("https://bp.test/p/k/s11/{year}/return?agency={agency}");
    body(
        r,
        "Kingston LSCB",
        &Links {
            update: &update,
            document: &document,
            s11_return: &s11,
            unsubscribe: "https://bp.test/unsubscribe/t".into(),
        },
    )
}

#[test]
fn a_document_due_for_review_within_the_notice_goes_to_its_owner_once_per_review_date() {
    let docs = [
        doc(7, "Training strategy", "chair-training", "2010-03-31"),
        // Beyond the 14 days' notice: not yet.
        doc(8, "Engagement plan", "chair-training", "2010-12-08"),
    ];
    let all = run("2010-03-20", &docs, &[], &HashSet::new());
    assert_eq!(all.len(), 1, "{all:?}");
    let r = &all[0];
    assert_eq!(
        (r.kind, r.to.email.as_str()),
        (ReminderKind::DocumentReview, "lead@x.test")
    );
    assert_eq!(r.documents.len(), 1);
    assert_eq!(r.documents[0].id, 7);
    assert!(r.actions.is_empty());
    let sent: HashSet<SentKey> = r.keys().into_iter().collect();
    assert_eq!(
        sent,
        HashSet::from([(
            1,
            ReminderKind::DocumentReview,
            "7".to_string(),
            "2010-03-31".to_string()
        )])
    );
    // Once per review date: not again a day later, nor once it has passed …
    assert!(run("2010-03-21", &docs, &[], &sent).is_empty());
    assert!(run("2010-04-02", &docs, &[], &sent).is_empty());
    // … but again for the next review date.
    let moved = [doc(7, "Training strategy", "chair-training", "2010-04-10")];
    assert_eq!(run("2010-04-02", &moved, &[], &sent).len(), 1);
}

#[test]
fn a_document_nobody_owns_goes_to_the_business_managers_and_a_passed_date_still_counts() {
    let docs = [doc(
        9,
        "Communications plan",
        "chair-communications",
        "2010-03-17",
    )];
    let all = run("2010-03-31", &docs, &[], &HashSet::new());
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].to.email, "manager@x.test");
    assert!(all[0].why.contains("Nobody holds"), "{}", all[0].why);
    assert!(all[0].documents[0].passed);
    assert_eq!(
        subject(&all[0], "Kingston LSCB"),
        "Kingston LSCB: review of \"Communications plan\" was due on 2010-03-17"
    );
    let text = links_test(&all[0]);
    assert!(text.contains("Communications plan"), "{text}");
    assert!(text.contains("review was due on 2010-03-17"), "{text}");
    assert!(text.contains("https://bp.test/p/k/documents/9"), "{text}");
    assert!(
        !text.contains("#update"),
        "no update form for a document: {text}"
    );
}

#[test]
fn an_incomplete_return_reminds_its_agencys_lead_officer_before_and_after_the_due_date() {
    let returns = [
        ret("Police", "2010-04-09", 3),
        ret("Probation", "2010-04-09", 8),
    ];
    // Three weeks before: outside the notice.
    assert!(run("2010-03-19", &[], &returns, &HashSet::new()).is_empty());
    let soon = run("2010-03-31", &[], &returns, &HashSet::new());
    // Probation's return is complete; of the police, the lead officer may complete it, the
    // reader may not.
    assert_eq!(soon.len(), 1, "{soon:?}");
    let r = &soon[0];
    assert_eq!(
        (r.kind, r.to.email.as_str()),
        (ReminderKind::Section11Outstanding, "police-lead@x.test")
    );
    assert_eq!((r.returns[0].unrated, r.returns[0].of), (5, 8));
    assert!(!r.returns[0].overdue);
    assert_eq!(
        subject(r, "Kingston LSCB"),
        "Kingston LSCB: Section 11 return 2010 for Police due on 2010-04-09"
    );
    let text = links_test(r);
    assert!(text.contains("5 of 8 standards not yet rated"), "{text}");
    assert!(
        text.contains("https://bp.test/p/k/s11/2010/return?agency=Police"),
        "{text}"
    );
    let sent: HashSet<SentKey> = r.keys().into_iter().collect();
    assert!(
        run("2010-04-05", &[], &returns, &sent).is_empty(),
        "once while due soon"
    );
    let late = run("2010-04-10", &[], &returns, &sent);
    assert_eq!(late.len(), 1, "again once overdue: {late:?}");
    assert!(late[0].returns[0].overdue);
    let sent: HashSet<SentKey> = sent.into_iter().chain(late[0].keys()).collect();
    assert!(
        run("2010-05-10", &[], &returns, &sent).is_empty(),
        "once overdue"
    );
}

#[test]
fn a_return_nobody_linked_may_complete_goes_to_the_business_managers() {
    let returns = [ret("Health", "2010-03-01", 0)];
    let all = run("2010-03-31", &[], &returns, &HashSet::new());
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].to.email, "manager@x.test");
    assert!(all[0].returns[0].overdue);
    assert_eq!(all[0].returns[0].period, "overdue");
    assert!(all[0].why.contains("business manager"), "{}", all[0].why);
}
