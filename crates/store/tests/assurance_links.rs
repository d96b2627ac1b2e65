//! Section 11 returns' evidence files and improvement actions, and the golden thread through
//! risks and Section 11 standards (issue #13, items 3 and 5), on SQLite and, with
//! `TEST_DATABASE_URL`, PostgreSQL: files checked as progress evidence is and kept with the
//! return; improvement actions carried by plan actions; the thread from an action or a
//! priority to the risks and standards linked to it, and back from a risk or a standard, each
//! agency named only to whoever may see its return.

use domain::assurance::risks::Rating;
use domain::assurance::section11::{Section11View, Stage, Standard};
use domain::assurance::thread::{LinkKind, Thread};
use store::{NewCycle, NewRisk, S11Action, Store, StoreError};

use crate::progress_support::{KINGSTON, PLAN, by, date, imported};

const MET: &str = "Metropolitan Police";

async fn cycle(store: &Store, year: i32) {
    let standards = ["Senior commitment", "Accountability", "Training"]
        .iter()
        .enumerate()
        .map(|(i, t)| Standard {
            number: (i + 1).to_string(),
            title: (*t).into(),
        })
        .collect();
    let c = NewCycle {
        year,
        standards: Some(standards),
        ..NewCycle::default()
    };
    store
        .add_s11_cycle(KINGSTON, by("bm", "2009-05-01"), &c)
        .await
        .unwrap();
}

fn improvement(action: &str) -> S11Action {
    S11Action {
        text: Some("Train every custody sergeant".into()),
        plan: PLAN.into(),
        action: action.into(),
    }
}

async fn log_len(store: &Store) -> usize {
    store.change_log(KINGSTON).await.unwrap().len()
}

fn vias(t: &Thread, kind: LinkKind) -> Vec<String> {
    t.of(kind).map(|l| l.via.clone()).collect()
}

#[tokio::test]
async fn a_return_line_keeps_evidence_files_checked_as_progress_evidence_is() {
    let (store, _g) = imported().await;
    cycle(&store, 2009).await;
    let line = (2009, MET, "3");
    let pdf = b"%PDF-1.4\ntraining records\n".to_vec();
    let added = store
        .add_s11_evidence(
            KINGSTON,
            by("lead", "2009-06-01"),
            line,
            "records.pdf",
            pdf.clone(),
        )
        .await
        .unwrap();
    assert_eq!(added.media_type, "application/pdf");
    let before = log_len(&store).await;
    let last = store.change_log(KINGSTON).await.unwrap().pop().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.actor.as_str()),
        ("s11_evidence", "lead")
    );
    assert_eq!(
        last.entity_key,
        "2009 / Metropolitan Police / 3 / records.pdf"
    );
    assert!(!last.after.unwrap().contains("training records"));

    // Refused as progress evidence refuses, each naming the file and writing nothing.
    let big = vec![b'a'; store::MAX_EVIDENCE_BYTES + 1];
    for (name, bytes, says) in [
        (
            "page.html",
            b"<p>hi</p>".to_vec(),
            "page.html: a .html file",
        ),
        (
            "notes.txt",
            b"<script>x()</script>".to_vec(),
            "HTML, SVG or script",
        ),
        ("big.txt", big, "at most 20 MB"),
        ("empty.pdf", Vec::new(), "the file is empty"),
    ] {
        let e = store
            .add_s11_evidence(KINGSTON, by("lead", "2009-06-02"), line, name, bytes)
            .await
            .unwrap_err();
        assert!(
            matches!(e, StoreError::InvalidData { .. })
                && e.to_string().starts_with("file: ")
                && e.to_string().contains(says),
            "{e}"
        );
    }
    let e = store
        .add_s11_evidence(
            KINGSTON,
            by("lead", "2009-06-02"),
            (2009, MET, "9"),
            "a.pdf",
            pdf.clone(),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("no standard numbered \"9\""), "{e}");
    // The same file again on the line is already there.
    let again = store
        .add_s11_evidence(
            KINGSTON,
            by("lead", "2009-06-03"),
            line,
            "copy.pdf",
            pdf.clone(),
        )
        .await
        .unwrap();
    assert_eq!(again.id, added.id);
    assert_eq!(log_len(&store).await, before);

    let r = store.s11_return(KINGSTON, 2009, MET).await.unwrap();
    assert_eq!(r.lines[2].files, vec![added.clone()]);
    assert!(r.lines[0].files.is_empty());
    let f = store
        .s11_evidence_file(KINGSTON, 2009, added.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (f.agency.as_str(), f.stage, f.name.as_str()),
        (MET, Stage::Returns, "records.pdf")
    );
    assert_eq!(f.file.bytes, pdf);
    // Only through its own cycle and partnership.
    assert!(
        store
            .s11_evidence_file(KINGSTON, 2010, added.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .s11_evidence_file(KINGSTON, 2009, added.id + 1)
            .await
            .unwrap()
            .is_none()
    );
    // Nor is it among the files every member may fetch by their hash.
    assert!(
        store
            .evidence_file(KINGSTON, &added.sha256)
            .await
            .unwrap()
            .is_none()
    );

    store
        .set_s11_stage(KINGSTON, by("bm", "2009-07-01"), 2009, Stage::Closed)
        .await
        .unwrap();
    let e = store
        .add_s11_evidence(
            KINGSTON,
            by("bm", "2009-07-02"),
            line,
            "late.pdf",
            b"%PDF-1.5".to_vec(),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("closed"), "{e}");
}

#[tokio::test]
async fn an_improvement_action_is_carried_by_a_plan_action_of_the_current_plan() {
    let (store, _g) = imported().await;
    cycle(&store, 2009).await;
    let line = (2009, MET, "3");
    let before = log_len(&store).await;
    for (bad, says) in [
        (
            improvement("99.9"),
            "action: \"Improvement Plan 2009-10\" has no action 99.9",
        ),
        (
            S11Action {
                text: Some("x".repeat(8001)),
                ..improvement("4.1")
            },
            "text: an improvement action's words",
        ),
    ] {
        let e = store
            .add_s11_action(KINGSTON, by("lead", "2009-06-01"), line, &bad)
            .await
            .unwrap_err();
        assert!(e.to_string().starts_with(says), "{e}");
    }
    let e = store
        .add_s11_action(
            KINGSTON,
            by("lead", "2009-06-01"),
            line,
            &S11Action {
                plan: "No such plan".into(),
                ..improvement("4.1")
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e}");
    assert_eq!(log_len(&store).await, before);

    let added = store
        .add_s11_action(
            KINGSTON,
            by("lead", "2009-06-01"),
            line,
            &improvement(" 4.1 "),
        )
        .await
        .unwrap();
    assert_eq!(added, improvement("4.1"));
    let last = store.change_log(KINGSTON).await.unwrap().pop().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.entity_key.as_str()),
        ("s11_action", "2009 / Metropolitan Police / 3 / 4.1")
    );
    // Linked again: nothing more is written.
    store
        .add_s11_action(
            KINGSTON,
            by("lead", "2009-06-02"),
            line,
            &improvement("4.1"),
        )
        .await
        .unwrap();
    assert_eq!(log_len(&store).await, before + 1);
    let r = store.s11_return(KINGSTON, 2009, MET).await.unwrap();
    assert_eq!(r.lines[2].actions, vec![improvement("4.1")]);
}

/// A risk linked to 4.1 (with an indicator), and the Met's improvement action on standard 3
/// carried by 4.1; the risk's id.
async fn linked(store: &Store) -> i64 {
    cycle(store, 2009).await;
    store
        .add_s11_action(
            KINGSTON,
            by("lead", "2009-06-01"),
            (2009, MET, "3"),
            &improvement("4.1"),
        )
        .await
        .unwrap();
    let risk = NewRisk {
        title: "Custody staff miss safeguarding training".into(),
        cause: None,
        consequence: None,
        owner_role: "LSCB Chair".into(),
        controls: None,
        appetite: Some(6),
        review_on: None,
        rating: Rating::new(3, 4).unwrap(),
        rated_on: date("2009-06-01"),
        actions: vec![(PLAN.into(), "4.1".into())],
        indicators: vec!["cpp-subsequent-pct".into()],
    };
    store
        .add_risk(KINGSTON, by("bm", "2009-06-02"), &risk)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_thread_runs_from_an_action_to_its_risks_and_section_11_standards() {
    let (store, _g) = imported().await;
    let risk = linked(&store).await;
    let panel = Section11View::Panel;
    let t = store
        .action_thread(KINGSTON, PLAN, "4.1", &panel)
        .await
        .unwrap();
    let risks: Vec<_> = t
        .of(LinkKind::Risk)
        .map(|l| (l.key.clone(), l.via.clone()))
        .collect();
    assert_eq!(risks, [(risk.to_string(), "linked to 4.1".to_string())]);
    assert!(
        t.of(LinkKind::Indicator)
            .any(|l| l.key == "cpp-subsequent-pct"
                && l.via == format!("risk {risk} is linked to it")),
        "{t:?}"
    );
    let s11: Vec<_> = t.of(LinkKind::Section11Standard).collect();
    assert_eq!(s11.len(), 1);
    assert_eq!(s11[0].key, "2009/3");
    assert_eq!(s11[0].title, "2009 standard 3: Training");
    assert_eq!(
        s11[0].via,
        "Metropolitan Police's improvement action (Train every custody sergeant), carried by 4.1"
    );
    // Another agency's lead officer, and whoever sees counts only, are not told whose it is
    // until the cycle closes.
    let other = Section11View::Agency("NHS Kingston".into());
    for view in [&other, &Section11View::Summary] {
        let t = store
            .action_thread(KINGSTON, PLAN, "4.1", view)
            .await
            .unwrap();
        assert_eq!(
            vias(&t, LinkKind::Section11Standard),
            ["an agency's improvement action, carried by 4.1"]
        );
    }
    let own = Section11View::Agency(MET.into());
    let t = store
        .action_thread(KINGSTON, PLAN, "4.1", &own)
        .await
        .unwrap();
    assert!(vias(&t, LinkKind::Section11Standard)[0].starts_with(MET));
    store
        .set_s11_stage(KINGSTON, by("bm", "2009-07-01"), 2009, Stage::Closed)
        .await
        .unwrap();
    let t = store
        .action_thread(KINGSTON, PLAN, "4.1", &other)
        .await
        .unwrap();
    assert!(vias(&t, LinkKind::Section11Standard)[0].starts_with(MET));

    // The priority's thread gathers its actions' risks and standards; another action's has
    // none of them.
    let o = store
        .objective_thread(KINGSTON, PLAN, "4", &panel)
        .await
        .unwrap();
    assert_eq!(o.of(LinkKind::Risk).count(), 1);
    assert_eq!(o.of(LinkKind::Section11Standard).count(), 1);
    let t = store
        .action_thread(KINGSTON, PLAN, "1.1", &panel)
        .await
        .unwrap();
    assert_eq!(
        t.of(LinkKind::Risk).count() + t.of(LinkKind::Section11Standard).count(),
        0
    );
}

#[tokio::test]
async fn the_thread_runs_back_from_a_risk_or_a_standard_to_the_plan_actions() {
    let (store, _g) = imported().await;
    let risk = linked(&store).await;
    let t = store.risk_thread(KINGSTON, PLAN, risk).await.unwrap();
    let actions: Vec<_> = t.of(LinkKind::Action).collect();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].key, "4.1");
    assert_eq!(actions[0].via, format!("linked to risk {risk}"));
    assert!(!actions[0].title.is_empty() && !actions[0].title.contains("not in the plan"));
    assert_eq!(
        t.of(LinkKind::Indicator)
            .map(|l| l.key.as_str())
            .collect::<Vec<_>>(),
        ["cpp-subsequent-pct"]
    );

    let t = store
        .standard_thread(KINGSTON, PLAN, (2009, "3"), &Section11View::Panel)
        .await
        .unwrap();
    assert_eq!(
        vias(&t, LinkKind::Action),
        ["Metropolitan Police's improvement action (Train every custody sergeant)"]
    );
    assert_eq!(t.of(LinkKind::Action).next().unwrap().key, "4.1");
    let t = store
        .standard_thread(KINGSTON, PLAN, (2009, "3"), &Section11View::Summary)
        .await
        .unwrap();
    assert_eq!(
        vias(&t, LinkKind::Action),
        ["an agency's improvement action"]
    );
    let t = store
        .standard_thread(KINGSTON, PLAN, (2009, "1"), &Section11View::Panel)
        .await
        .unwrap();
    assert!(t.links.is_empty());

    for e in [
        store
            .risk_thread(KINGSTON, PLAN, risk + 100)
            .await
            .unwrap_err(),
        store
            .standard_thread(KINGSTON, PLAN, (2009, "9"), &Section11View::Panel)
            .await
            .unwrap_err(),
        store
            .standard_thread(KINGSTON, PLAN, (2011, "3"), &Section11View::Panel)
            .await
            .unwrap_err(),
    ] {
        assert!(matches!(e, StoreError::NotFound { .. }), "{e}");
    }
}
