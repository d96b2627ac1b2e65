//! The audit programme and case-file audits (issue #13, items 1, 2 and 5), on SQLite and,
//! with `TEST_DATABASE_URL`, PostgreSQL: audits with their reasons, cases by pseudonymous
//! reference only, summaries by area and agency with the change since the last audit of the
//! theme, recommendations linked to plan actions, the golden thread, and every write in the
//! change log without a case reference in it.

use domain::assurance::audits::{
    Audit, AuditKind, AuditRecommendation, AuditStatus, Case, DEFAULT_SCALE, Reason,
};
use domain::assurance::section11::Section11View;
use domain::assurance::thread::LinkKind;
use store::{AuditChange, ChangeOp, Store, StoreError};

use crate::progress_support::{KINGSTON, PLAN, by, date, imported};

const PANEL: Section11View = Section11View::Panel;

fn audit(theme: &str, year: i32) -> Audit {
    Audit {
        year,
        theme: theme.into(),
        kind: AuditKind::MultiAgencyCaseFile,
        lead: Some("Chair, Quality Assurance sub-group".into()),
        starts_on: Some(date("2009-06-01")),
        ends_on: Some(date("2009-07-31")),
        status: AuditStatus::InProgress,
        reasons: vec![
            Reason::Indicator {
                code: "NI 64".into(),
            },
            Reason::Recommendation {
                review: "c&d".into(),
                number: 2,
            },
            Reason::Note {
                text: "Rising re-referrals".into(),
            },
        ],
        areas: vec!["Assessment".into(), "Planning".into()],
        scale: DEFAULT_SCALE.map(String::from).into(),
        reaudit_on: None,
    }
}

fn case(reference: &str, agencies: &[&str], grades: &[(&str, &str)]) -> Case {
    Case {
        reference: reference.into(),
        agencies: agencies.iter().map(|a| a.to_string()).collect(),
        grades: grades
            .iter()
            .map(|(a, g)| (a.to_string(), g.to_string()))
            .collect(),
        strengths: Some("Good information sharing".into()),
        findings: None,
    }
}

async fn log_len(store: &Store) -> usize {
    store.change_log(KINGSTON).await.unwrap().len()
}

#[tokio::test]
async fn an_audit_is_stored_with_its_reasons_and_read_back_in_the_programme() {
    let (store, _g) = imported().await;
    let added = store
        .add_audit(
            KINGSTON,
            by("Business Manager", "2009-05-01"),
            &audit("Neglect", 2009),
        )
        .await
        .unwrap();
    assert_eq!(added.cases, 0);
    assert_eq!(
        added.audit.reasons[1],
        Reason::Recommendation {
            review: "C&D".into(),
            number: 2
        },
        "the review's code as the plan spells it"
    );
    assert_eq!(
        store.audits(KINGSTON).await.unwrap(),
        std::slice::from_ref(&added)
    );
    assert_eq!(store.audit(KINGSTON, added.id).await.unwrap(), added);
    let log = store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.op, last.actor.as_str()),
        ("audit", ChangeOp::Create, "Business Manager")
    );
    let changed = store
        .set_audit(
            KINGSTON,
            by("Business Manager", "2009-08-01"),
            added.id,
            &AuditChange {
                status: Some(AuditStatus::Complete),
                reaudit_on: Some(date("2010-06-01")),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(changed.audit.status, AuditStatus::Complete);
    assert_eq!(changed.audit.reaudit_on, Some(date("2010-06-01")));
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn an_unknown_recommendation_is_refused_naming_the_fix_and_writes_nothing() {
    let (store, _g) = imported().await;
    let before = log_len(&store).await;
    let mut a = audit("Neglect", 2009);
    a.reasons = vec![Reason::Recommendation {
        review: "C&D".into(),
        number: 9,
    }];
    let e = store
        .add_audit(KINGSTON, by("bm", "2009-05-01"), &a)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::InvalidData { .. }), "{e:?}");
    assert!(e.to_string().starts_with("reasons:"), "{e}");
    assert!(e.to_string().contains("recommendation:C&D 2"), "{e}");
    assert!(store.audits(KINGSTON).await.unwrap().is_empty());
    assert_eq!(log_len(&store).await, before);
}

#[tokio::test]
async fn a_reference_that_looks_like_a_name_date_or_address_is_refused_and_nothing_is_written() {
    let (store, _g) = imported().await;
    let a = store
        .add_audit(KINGSTON, by("bm", "2009-05-01"), &audit("Neglect", 2009))
        .await
        .unwrap();
    let before = log_len(&store).await;
    for (reference, why) in [
        ("Jane Smith", "name"),
        ("12/03/2005", "date of birth"),
        ("14 Acacia Avenue", "address"),
        ("KT1 1EU", "postcode"),
    ] {
        let e = store
            .add_audit_case(
                KINGSTON,
                by("bm", "2009-06-02"),
                a.id,
                &case(reference, &["Probation"], &[]),
            )
            .await
            .unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("reference:") && text.contains(why),
            "{reference}: {text}"
        );
    }
    assert_eq!(log_len(&store).await, before);
    assert!(store.audit_cases(KINGSTON, a.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn cases_are_graded_on_the_audits_scale_and_summed_by_area_and_agency() {
    let (store, _g) = imported().await;
    let a = store
        .add_audit(KINGSTON, by("bm", "2009-05-01"), &audit("Neglect", 2009))
        .await
        .unwrap();
    let s = by("bm", "2009-06-02");
    store
        .add_audit_case(
            KINGSTON,
            s,
            a.id,
            &case(
                "Child A",
                &["metropolitan police", "Probation"],
                &[("assessment", "Good"), ("Planning", "inadequate")],
            ),
        )
        .await
        .unwrap();
    store
        .add_audit_case(
            KINGSTON,
            s,
            a.id,
            &case(
                "C-2009-017",
                &["Probation"],
                &[("Assessment", "outstanding")],
            ),
        )
        .await
        .unwrap();
    // The same reference twice is a conflict; a grade off the scale is refused.
    let twice = store
        .add_audit_case(KINGSTON, s, a.id, &case("child a", &["Probation"], &[]))
        .await
        .unwrap_err();
    assert!(matches!(twice, StoreError::Conflict { .. }), "{twice:?}");
    let off = store
        .add_audit_case(
            KINGSTON,
            s,
            a.id,
            &case("Child B", &["Probation"], &[("Assessment", "adequate")]),
        )
        .await
        .unwrap_err();
    assert!(
        off.to_string()
            .contains("not a grade on this audit's scale"),
        "{off}"
    );
    let unknown = store
        .add_audit_case(KINGSTON, s, a.id, &case("Child B", &["Fire Brigade"], &[]))
        .await
        .unwrap_err();
    assert!(unknown.to_string().starts_with("agencies:"), "{unknown}");

    let cases = store.audit_cases(KINGSTON, a.id).await.unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(
        cases[0].case.agencies,
        ["Metropolitan Police", "Probation"],
        "the board's spelling and order"
    );
    assert_eq!(
        cases[0].case.grades[0],
        ("Assessment".to_string(), "good".to_string())
    );
    let sum = store.audit_summary(KINGSTON, a.id).await.unwrap();
    assert_eq!(sum.summary.cases, 2);
    assert_eq!(sum.summary.by_area[0].counts, [1, 1, 0, 0]);
    assert_eq!(sum.summary.by_area[1].counts, [0, 0, 0, 1]);
    let probation = sum
        .summary
        .by_agency
        .iter()
        .find(|t| t.name == "Probation")
        .unwrap();
    assert_eq!(probation.graded, 3);
    assert_eq!(sum.previous, None);
    // The change log holds the case by its place in the audit, never by its reference.
    let log = store.change_log(KINGSTON).await.unwrap();
    assert!(
        log.iter()
            .any(|c| c.entity_key == format!("audit {} case 1", a.id))
    );
    assert!(!log.iter().any(|c| {
        c.entity_key.contains("Child A")
            || c.after
                .as_deref()
                .is_some_and(|t| t.contains("Child A") || t.contains("C-2009-017"))
    }));
}

#[tokio::test]
async fn the_summary_shows_the_change_since_the_last_audit_of_the_same_theme() {
    let (store, _g) = imported().await;
    let s = by("bm", "2009-06-02");
    let first = store
        .add_audit(KINGSTON, s, &audit("Neglect", 2009))
        .await
        .unwrap();
    let other = store
        .add_audit(KINGSTON, s, &audit("Thresholds", 2009))
        .await
        .unwrap();
    let second = store
        .add_audit(KINGSTON, s, &audit("neglect", 2010))
        .await
        .unwrap();
    for (id, reference, grade) in [
        (first.id, "Child A", "inadequate"),
        (other.id, "Child A", "good"),
        (second.id, "Child B", "good"),
    ] {
        store
            .add_audit_case(
                KINGSTON,
                s,
                id,
                &case(reference, &["Probation"], &[("Assessment", grade)]),
            )
            .await
            .unwrap();
    }
    let sum = store.audit_summary(KINGSTON, second.id).await.unwrap();
    assert_eq!(
        sum.previous,
        Some((first.id, 2009)),
        "the same theme, case aside; not another theme"
    );
    assert_eq!(sum.change[0].before, Some(0.0));
    assert_eq!(sum.change[0].now, Some(100.0));
    assert_eq!(sum.change[0].points, Some(100.0));
    assert_eq!(
        store
            .audit_summary(KINGSTON, first.id)
            .await
            .unwrap()
            .previous,
        None
    );
}

#[tokio::test]
async fn a_survey_has_no_cases_and_another_partnerships_audit_is_not_found() {
    let (store, _g) = imported().await;
    let mut survey = audit("Thresholds", 2009);
    survey.kind = AuditKind::PractitionerSurvey;
    let s = store
        .add_audit(KINGSTON, by("bm", "2009-05-01"), &survey)
        .await
        .unwrap();
    let e = store
        .add_audit_case(
            KINGSTON,
            by("bm", "2009-05-02"),
            s.id,
            &case("Child A", &["Probation"], &[]),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("has no cases"), "{e}");
    let e = store.audit("no-such-board", s.id).await.unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }));
    let e = store.audit(KINGSTON, s.id + 100).await.unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }));
}

#[tokio::test]
async fn the_golden_thread_runs_from_an_action_to_reviews_audits_and_indicators_and_back() {
    let (store, _g) = imported().await;
    let a = store
        .add_audit(KINGSTON, by("bm", "2009-05-01"), &audit("Neglect", 2009))
        .await
        .unwrap();
    let rec = AuditRecommendation {
        text: "Publish the threshold document to every agency".into(),
        plan: Some(PLAN.into()),
        action: Some("4.1".into()),
    };
    let back = store
        .add_audit_recommendation(KINGSTON, by("bm", "2009-08-01"), a.id, &rec)
        .await
        .unwrap();
    assert_eq!(
        back.recommendations,
        std::slice::from_ref(&rec),
        "the audit links back to its action"
    );
    let bad = AuditRecommendation {
        action: Some("99.9".into()),
        ..rec.clone()
    };
    let e = store
        .add_audit_recommendation(KINGSTON, by("bm", "2009-08-01"), a.id, &bad)
        .await
        .unwrap_err();
    assert!(e.to_string().starts_with("action:"), "{e}");

    // C&D 2 is answered by 4.1 and 4.2#2; the audit was chosen for it and recommends 4.1.
    let t = store
        .action_thread(KINGSTON, PLAN, "4.1", &PANEL)
        .await
        .unwrap();
    let keys = |kind| t.of(kind).map(|l| l.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(LinkKind::ReviewRecommendation), ["C&D 2"]);
    let audits: Vec<_> = t.of(LinkKind::Audit).map(|l| l.via.as_str()).collect();
    assert_eq!(audits, ["chosen for C&D 2", "recommends 4.1"]);
    assert_eq!(keys(LinkKind::Indicator), ["NI 64"]);

    // From objective 2: C&D 1 is traced to the objective; nothing audits it.
    let o = store
        .objective_thread(KINGSTON, PLAN, "2", &PANEL)
        .await
        .unwrap();
    assert_eq!(
        o.of(LinkKind::ReviewRecommendation)
            .map(|l| l.key.as_str())
            .collect::<Vec<_>>(),
        ["C&D 1"]
    );
    assert_eq!(o.of(LinkKind::Audit).count(), 0);
    // From objective 4, the thread gathers its actions' links.
    let o = store
        .objective_thread(KINGSTON, PLAN, "4", &PANEL)
        .await
        .unwrap();
    assert!(o.of(LinkKind::Audit).any(|l| l.via == "recommends 4.1"));
    let e = store
        .action_thread(KINGSTON, PLAN, "77.1", &PANEL)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }));
}
