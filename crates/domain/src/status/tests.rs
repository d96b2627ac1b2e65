use super::*;
use crate::model::{Action, Objective, PlanStatus};
use crate::progress::{Percent, Withdrawal};
use crate::timescale::{Period, Timescale};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn ts(s: &str) -> jiff::Timestamp {
    format!("{s}T12:00:00Z").parse().unwrap()
}

fn action(id: &str, refs: &[&str]) -> Action {
    Action {
        id: id.into(),
        number: id.into(),
        text: format!("action {id}"),
        sources: vec![],
        timescale: None,
        leads: vec![],
        references: refs.iter().map(|r| r.to_string()).collect(),
        reference_phrases: vec![],
        duplicate_of: None,
    }
}

/// Objective 1 due 2009-09-30 (1.1, 1.2 → 1.1); objective 2 annually (2.1).
fn plan() -> Plan {
    let period = Period::financial_year(2009).unwrap();
    Plan {
        title: "Plan".into(),
        period,
        status: PlanStatus::Active,
        objectives: vec![
            Objective {
                number: "1".into(),
                title: "One".into(),
                sources: vec![],
                timescale: Some(Timescale::parse("September 2009", Some(period))),
                leads: vec![],
                actions: vec![action("1.1", &[]), action("1.2", &["1.1"])],
            },
            Objective {
                number: "2".into(),
                title: "Two".into(),
                sources: vec![],
                timescale: Some(Timescale::parse("Annually", Some(period))),
                leads: vec![],
                actions: vec![action("2.1", &[])],
            },
        ],
    }
}

fn update(id: i64, action: &str, rag: Rag, as_of: &str) -> Update {
    Update {
        id,
        action: action.into(),
        rag,
        percent: Some(Percent::new(50).unwrap()),
        narrative: String::new(),
        as_of: d(as_of),
        author: "lead".into(),
        recorded_at: ts(as_of),
        evidence: vec![],
        corrects: None,
    }
}

fn board(date: &str) -> Meeting {
    Meeting {
        date: d(date),
        kind: MeetingKind::Board,
        subgroup: None,
    }
}

fn status<'a>(all: &'a [ActionStatus], id: &str) -> &'a ActionStatus {
    all.iter().find(|s| s.action == id).unwrap()
}

#[test]
fn an_action_past_its_due_date_and_not_complete_is_overdue() {
    let s = assess(
        &plan(),
        &[],
        &[],
        &[],
        d("2009-10-01"),
        StatusRules::default(),
    );
    assert!(status(&s, "1.1").overdue);
    let s = assess(
        &plan(),
        &[],
        &[],
        &[],
        d("2009-09-30"),
        StatusRules::default(),
    );
    assert!(!status(&s, "1.1").overdue, "due today is not overdue");
    assert!(status(&s, "1.1").due_soon);
}

#[test]
fn an_action_due_within_the_window_is_due_soon() {
    let s = assess(
        &plan(),
        &[],
        &[],
        &[],
        d("2009-09-01"),
        StatusRules::default(),
    );
    assert!(status(&s, "1.1").due_soon);
    let s = assess(
        &plan(),
        &[],
        &[],
        &[],
        d("2009-08-30"),
        StatusRules::default(),
    );
    assert!(!status(&s, "1.1").due_soon, "31 days away");
    let wide = StatusRules {
        due_soon_days: 60,
        ..StatusRules::default()
    };
    assert!(
        status(
            &assess(&plan(), &[], &[], &[], d("2009-08-30"), wide),
            "1.1"
        )
        .due_soon
    );
}

#[test]
fn an_action_with_no_update_since_the_last_board_meeting_is_stale() {
    let ups = [
        update(1, "1.1", Rag::Green, "2009-06-01"),
        update(2, "1.2", Rag::Green, "2009-07-15"),
    ];
    let s = assess(
        &plan(),
        &ups,
        &[],
        &[board("2009-07-01")],
        d("2009-08-01"),
        StatusRules::default(),
    );
    assert!(status(&s, "1.1").stale, "updated before the meeting");
    assert!(!status(&s, "1.2").stale, "updated after the meeting");
    assert!(status(&s, "2.1").stale, "never updated");
}

#[test]
fn without_meetings_an_action_is_stale_after_ninety_days_without_an_update() {
    let ups = [update(1, "1.1", Rag::Green, "2009-05-01")];
    let s = assess(
        &plan(),
        &ups,
        &[],
        &[],
        d("2009-07-29"),
        StatusRules::default(),
    );
    assert!(!status(&s, "1.1").stale, "89 days");
    let s = assess(
        &plan(),
        &ups,
        &[],
        &[],
        d("2009-08-01"),
        StatusRules::default(),
    );
    assert!(status(&s, "1.1").stale);
}

#[test]
fn an_action_linked_to_a_red_one_is_at_risk() {
    let ups = [
        update(1, "1.1", Rag::Red, "2009-06-01"),
        update(2, "1.2", Rag::Green, "2009-06-01"),
    ];
    let s = assess(
        &plan(),
        &ups,
        &[],
        &[],
        d("2009-06-02"),
        StatusRules::default(),
    );
    assert!(status(&s, "1.2").at_risk);
    assert!(!status(&s, "2.1").at_risk);
}

#[test]
fn blue_without_a_sign_off_is_awaiting_sign_off_and_not_overdue() {
    let ups = [update(1, "1.1", Rag::Blue, "2009-09-01")];
    let s = assess(
        &plan(),
        &ups,
        &[],
        &[],
        d("2009-10-10"),
        StatusRules::default(),
    );
    assert_eq!(status(&s, "1.1").completion, Completion::AwaitingSignOff);
    assert!(!status(&s, "1.1").overdue);
}

#[test]
fn a_withdrawn_sign_off_counts_only_until_it_was_withdrawn() {
    let ups = [update(1, "1.1", Rag::Blue, "2009-09-01")];
    let so = SignOff {
        id: 1,
        action: "1.1".into(),
        by: "chair".into(),
        role: "lscb-chair".into(),
        at: ts("2009-09-10"),
        withdrawn: Some(Withdrawal {
            by: "chair".into(),
            at: ts("2009-11-01"),
            reason: "no evidence".into(),
        }),
    };
    let rules = StatusRules::default();
    let before = assess(
        &plan(),
        &ups,
        std::slice::from_ref(&so),
        &[],
        d("2009-10-01"),
        rules,
    );
    assert_eq!(status(&before, "1.1").completion, Completion::SignedOff);
    let after = assess(&plan(), &ups, &[so], &[], d("2009-11-02"), rules);
    assert_eq!(
        status(&after, "1.1").completion,
        Completion::AwaitingSignOff
    );
}

#[test]
fn updates_recorded_after_the_day_count_as_of_it_but_not_as_recorded_by_it() {
    let mut late = update(1, "1.1", Rag::Red, "2009-06-01");
    late.recorded_at = ts("2009-08-01");
    let rules = StatusRules::default();
    let recorded = Moment::as_recorded(d("2009-07-01"));
    let s = assess(
        &plan(),
        std::slice::from_ref(&late),
        &[],
        &[],
        recorded,
        rules,
    );
    assert_eq!(status(&s, "1.1").rag, None);
    let s = assess(&plan(), &[late], &[], &[], d("2009-07-01"), rules);
    assert_eq!(
        status(&s, "1.1").rag,
        Some(Rag::Red),
        "it speaks for 1 June"
    );
}

#[test]
fn a_correction_replaces_the_update_it_corrects() {
    let wrong = update(1, "1.1", Rag::Red, "2009-06-01");
    let mut fix = update(2, "1.1", Rag::Amber, "2009-05-31");
    fix.corrects = Some(1);
    let s = assess(
        &plan(),
        &[wrong, fix],
        &[],
        &[],
        d("2009-07-01"),
        StatusRules::default(),
    );
    assert_eq!(status(&s, "1.1").rag, Some(Rag::Amber));
}

#[test]
fn a_yearly_action_has_one_occurrence_a_year_each_with_its_own_status() {
    let ups = [update(1, "2.1", Rag::Blue, "2010-03-15")];
    let s = assess(
        &plan(),
        &ups,
        &[],
        &[],
        d("2011-06-01"),
        StatusRules::default(),
    );
    let st = status(&s, "2.1");
    assert_eq!(st.occurrences.len(), 3, "{:?}", st.occurrences);
    assert_eq!(
        st.occurrences[0],
        Occurrence {
            due: d("2010-03-31"),
            met: true,
            overdue: false
        }
    );
    assert_eq!(
        st.occurrences[1],
        Occurrence {
            due: d("2011-03-31"),
            met: false,
            overdue: true
        }
    );
    assert_eq!(
        st.occurrences[2],
        Occurrence {
            due: d("2012-03-31"),
            met: false,
            overdue: false
        }
    );
    assert!(st.overdue);
    assert_eq!(st.due, Some(d("2011-03-31")));
}

#[test]
fn a_correction_recorded_after_the_day_hides_the_original_only_as_known_now() {
    let wrong = update(1, "1.1", Rag::Red, "2009-06-01");
    let mut fix = update(2, "1.1", Rag::Amber, "2009-06-01");
    fix.corrects = Some(1);
    fix.recorded_at = ts("2009-08-01");
    let ups = [wrong, fix];
    let rules = StatusRules::default();
    let july = Moment::as_recorded(d("2009-07-01"));
    let before = assess(&plan(), &ups, &[], &[], july, rules);
    assert_eq!(status(&before, "1.1").rag, Some(Rag::Red));
    let after = assess(&plan(), &ups, &[], &[], d("2009-08-01"), rules);
    assert_eq!(status(&after, "1.1").rag, Some(Rag::Amber));
    let known_now = assess(&plan(), &ups, &[], &[], d("2009-07-01"), rules);
    assert_eq!(
        status(&known_now, "1.1").rag,
        Some(Rag::Amber),
        "as known now"
    );
}

#[test]
fn a_yearly_action_met_early_is_next_due_a_year_later() {
    let ups = [update(1, "2.1", Rag::Blue, "2010-03-15")];
    let s = assess(
        &plan(),
        &ups,
        &[],
        &[],
        d("2010-03-20"),
        StatusRules::default(),
    );
    let st = status(&s, "2.1");
    assert_eq!(st.occurrences.len(), 2, "{:?}", st.occurrences);
    assert!(st.occurrences[0].met);
    assert_eq!(st.due, Some(d("2011-03-31")));
    assert!(!st.overdue && !st.due_soon);
}

#[test]
fn the_flags_near_a_changed_action_are_the_flags_the_whole_plan_would_get() {
    let plan = plan();
    let at = d("2009-06-02");
    let before = assess(&plan, &[], &[], &[], at, StatusRules::default());
    assert!(before.iter().all(|s| !s.at_risk));
    // 1.1 turns red: 1.2, which refers to it, is put at risk; 2.1 is linked to neither.
    let ups = [update(1, "1.1", Rag::Red, "2009-06-01")];
    let whole = assess(&plan, &ups, &[], &[], at, StatusRules::default());
    let mut now = before.clone();
    now[0] = whole[0].clone();
    now[0].at_risk = false;
    let near = at_risk_near(&plan, &["1.1"], |id| now.iter().find(|s| s.action == id));
    let mut near_ids: Vec<&str> = near.iter().map(|(id, _)| id.as_str()).collect();
    near_ids.sort();
    assert_eq!(
        near_ids,
        ["1.1", "1.2"],
        "only the changed action and its links"
    );
    for (id, flag) in near {
        now.iter_mut().find(|s| s.action == id).unwrap().at_risk = flag;
    }
    assert_eq!(now, whole);
    assert!(status(&now, "1.2").at_risk);
}
