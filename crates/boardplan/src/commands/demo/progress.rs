//! The demo's year of progress through 2009-10: four board meetings, the updates lead
//! officers post for each (recorded on the meeting's own date), evidence files, sign-offs, a
//! withdrawn sign-off and a correction — so that every status shows up. Deterministic, and
//! marked as demo data: every author is "Demo: …" and every narrative starts "[Demo data]".
//! It goes through the same store calls as the command line.

use anyhow::{Context, Result};
use domain::{AccessRole, Meeting, MeetingKind, Membership, Partnership, Percent, Rag};
use store::{ActionKey, NewEvidence, NewUpdate, Stamp, Store};

use super::pdf::pdf;

/// The board's meetings in 2009-10.
pub const BOARD_MEETINGS: [&str; 4] = ["2009-06-17", "2009-09-16", "2009-12-09", "2010-03-17"];

/// Evidence attached to an update.
#[derive(Clone, Copy)]
enum Proof {
    None,
    /// A PDF with this title.
    Pdf(&'static str),
    /// Plain-text minutes with this title.
    Minutes(&'static str),
}

/// One scripted update: the round (meeting) it is for, the action, its rating and words.
struct Step {
    round: usize,
    action: &'static str,
    rag: Rag,
    percent: u8,
    note: &'static str,
    proof: Proof,
}

const fn step(
    round: usize,
    action: &'static str,
    rag: Rag,
    percent: u8,
    note: &'static str,
    proof: Proof,
) -> Step {
    Step {
        round,
        action,
        rag,
        percent,
        note,
        proof,
    }
}

use Proof::{Minutes, None as Plain, Pdf};
use Rag::{Amber, Blue, Green, Grey, Red};

#[rustfmt::skip]
const STEPS: &[Step] = &[
    step(0, "1.1", Green, 20, "Business plan outline agreed by the executive group.", Plain),
    step(0, "1.2", Green, 30, "Ofsted preparation group set up; self-assessment template drafted.", Plain),
    step(0, "1.3", Amber, 10, "QA framework scoping delayed by a vacancy in the quality team.", Plain),
    step(0, "2.1", Amber, 15, "Draft priorities circulated; outcome measures still to agree.", Plain),
    step(0, "3.1", Green, 25, "Training needs questionnaire sent to every member agency.", Plain),
    step(0, "3.3", Grey, 0, "Not started: the evaluation waits for the training plan.", Plain),
    step(0, "4.1", Green, 50, "New guidance reviewed; options paper on chairing drafted.", Plain),
    step(0, "4.2", Amber, 20, "Induction pack outlined; authors for each section not yet found.", Plain),
    step(0, "5.1", Green, 30, "Key messages workshop held with the agencies' communications leads.", Plain),
    step(0, "7.1", Amber, 20, "PI set drafted; data owners in two agencies not yet confirmed.", Plain),
    step(0, "9.1", Green, 20, "Prevention strategy consultation planned for September.", Plain),
    step(0, "13.1", Green, 10, "Annual report timetable agreed with the Children's Trust.", Plain),
    step(0, "14.1", Green, 40, "Referral procedure redrafted with police and health.", Plain),
    step(0, "16.1", Green, 30, "Group members named in every agency.", Plain),
    step(1, "1.1", Amber, 40, "Drafting slipped: the outcomes statement needs the KPI work in 2.1.", Plain),
    step(1, "1.2", Blue, 100, "Complete: evidence folder and inspection action plan in place.", Pdf("Ofsted readiness checklist, September 2009")),
    step(1, "2.1", Red, 20, "Priorities not agreed: partners dispute the outcome measures.", Plain),
    step(1, "3.1", Green, 60, "Needs analysis returned by 10 of 12 agencies.", Plain),
    step(1, "4.1", Blue, 100, "Complete: new chairing arrangements in place from September.", Minutes("Minutes of the LSCB, 16 September 2009 (extract)")),
    step(1, "4.2", Amber, 40, "Induction pack half written.", Plain),
    step(1, "5.3", Blue, 100, "Complete: terms of reference reviewed and membership refreshed.", Pdf("LSCB terms of reference, revised September 2009")),
    step(1, "7.1", Red, 25, "Stalled: the data-sharing agreement with health is not signed.", Plain),
    step(1, "9.1", Green, 40, "Prevention strategy consultation under way.", Plain),
    step(1, "11.2", Amber, 30, "Mental health protocol drafted; the Trust has not yet commented.", Plain),
    step(1, "14.1", Green, 70, "Procedure out for consultation.", Plain),
    step(1, "15.1", Green, 50, "Capacity review under way with the SCR panel.", Plain),
    step(1, "16.1", Green, 60, "First practice-sharing session held.", Plain),
    step(2, "1.1", Amber, 60, "Business plan drafted; outcomes wait for the KPI set.", Plain),
    step(2, "2.1", Red, 30, "Still no agreed KPI set; escalated to the chair.", Plain),
    step(2, "2.2", Amber, 30, "First PI report presented; gaps in health data.", Plain),
    step(2, "3.1", Green, 80, "Training plan 2010-11 drafted from the needs analysis.", Plain),
    step(2, "3.2", Green, 30, "Post-course evaluation form agreed.", Plain),
    step(2, "4.2", Amber, 60, "Induction pack in draft; first session booked.", Plain),
    step(2, "7.1", Red, 30, "Data still missing from two agencies.", Plain),
    step(2, "8.1", Amber, 50, "Framework drafted; waits for the business plan.", Plain),
    step(2, "10.2", Amber, 20, "Audit programme scoped; depends on the KPI set.", Plain),
    step(2, "11.2", Blue, 100, "Complete: mental health protocol agreed.", Pdf("Protocol for adult mental health services, December 2009")),
    step(2, "13.1", Green, 50, "Annual report data collection started.", Plain),
    step(2, "14.1", Blue, 100, "Complete: referral procedure published.", Pdf("Multi-agency referral procedure, December 2009")),
    step(2, "16.1", Blue, 100, "Complete: members in place in every agency.", Minutes("Training sub-group notes, 2 December 2009")),
    step(3, "1.1", Amber, 70, "Business plan agreed in draft; final version in April.", Plain),
    step(3, "2.1", Red, 40, "KPI set agreed in principle but not adopted; its due date has passed.", Plain),
    step(3, "2.2", Amber, 50, "PI report now quarterly; health data still partial.", Plain),
    step(3, "3.1", Green, 90, "Training plan out for final comment.", Plain),
    step(3, "3.2", Green, 60, "Evaluations collected for every course this year.", Plain),
    step(3, "7.1", Red, 35, "Data-sharing agreement still unsigned.", Plain),
    step(3, "8.1", Blue, 100, "Complete: strategic framework for policy adopted.", Pdf("Strategic framework for policy and procedures, March 2010")),
    step(3, "9.1", Amber, 60, "Strategy drafted; DV element waits for the new co-ordinator.", Plain),
    step(3, "10.2", Amber, 40, "Audit programme drafted.", Plain),
    step(3, "11.2", Amber, 80, "Protocol re-opened: the Trust asked for changes.", Plain),
    step(3, "13.1", Blue, 100, "Complete: annual report presented to the Children's Trust.", Pdf("LSCB annual report 2009-10 (summary)")),
    step(3, "15.1", Blue, 100, "Complete: capacity report presented to the board.", Plain),
];

/// Sign-offs: the round, the action, and the role signing.
const SIGN_OFFS: [(usize, &str, &str); 6] = [
    (1, "1.2", "lscb-chair"),
    (1, "4.1", "lscb-chair"),
    (2, "5.3", "lscb-chair"),
    (2, "11.2", "chair-policy-and-procedure"),
    (2, "14.1", "chair-policy-and-procedure"),
    (2, "16.1", "chair-training"),
];

fn at(day: &str, time: &str) -> Result<jiff::Timestamp> {
    format!("{day}T{time}Z")
        .parse()
        .with_context(|| format!("the demo's date {day} is not a date; this is a bug"))
}

fn role_title(p: &Partnership, id: &str) -> String {
    p.role(id)
        .map_or_else(|| id.to_string(), |r| r.title.clone())
}

/// The demo author for `action`: its first lead role, marked as demo data.
fn author(p: &Partnership, plan: &domain::Plan, action: &str) -> String {
    let lead = plan
        .action(action)
        .and_then(|(o, a)| o.leads_for(a).first().cloned())
        .map_or_else(|| "Lead officer".to_string(), |l| role_title(p, &l));
    format!("Demo: {lead}")
}

fn evidence(proof: Proof, action: &str) -> Vec<NewEvidence> {
    match proof {
        Proof::None => Vec::new(),
        Proof::Pdf(title) => vec![NewEvidence::File {
            name: format!("demo-evidence-{}.pdf", action.replace('.', "-")),
            bytes: pdf(&[
                "Demo evidence - generated by boardplan demo",
                title,
                "Kingston LSCB Improvement Plan 2009-10",
            ]),
        }],
        Proof::Minutes(title) => vec![NewEvidence::File {
            name: format!("demo-minutes-{}.txt", action.replace('.', "-")),
            bytes: format!(
                "Demo evidence - generated by boardplan demo\n{title}\n\nAgreed: action {action} \
                 is complete.\n"
            )
            .into_bytes(),
        }],
    }
}

async fn version(store: &Store, slug: &str, key: &ActionKey) -> Result<i64> {
    Ok(store.action_state(slug, key).await?.version)
}

/// Write the year of progress into the freshly imported demo partnership `slug`.
pub async fn write(store: &Store, slug: &str, p: &Partnership) -> Result<()> {
    let plan = p
        .plans
        .first()
        .context("the demo plan has no plan; this is a bug")?;
    let key = |a: &str| ActionKey::new(plan.title.clone(), a);
    let mut to_correct = None;
    for (round, day) in BOARD_MEETINGS.iter().enumerate() {
        for (i, s) in STEPS.iter().filter(|s| s.round == round).enumerate() {
            let who = author(p, plan, s.action);
            let when = at(day, &format!("09:{:02}:00", i.min(59)))?;
            let k = key(s.action);
            let update = NewUpdate {
                rag: s.rag,
                percent: Some(Percent::new(i64::from(s.percent))?),
                narrative: format!("[Demo data] {}", s.note),
                as_of: day.parse()?,
                evidence: evidence(s.proof, s.action),
                corrects: None,
            };
            let v = version(store, slug, &k).await?;
            let written = store
                .record_update(slug, Stamp::new(&who, when), &k, v, update)
                .await
                .with_context(|| format!("demo update of {}", s.action))?;
            if round == 1 && s.action == "9.1" {
                to_correct = Some((k, written.record.id, who));
            }
        }
        for (_, action, role) in SIGN_OFFS.iter().filter(|(r, _, _)| *r == round) {
            let k = key(action);
            let who = format!("Demo: {}", role_title(p, role));
            let signer = Membership {
                partnership: slug.to_string(),
                role: AccessRole::BoardMember,
                holds: vec![role.to_string()],
            };
            let v = version(store, slug, &k).await?;
            store
                .sign_off(slug, Stamp::new(&who, at(day, "16:00:00")?), &k, v, &signer)
                .await
                .with_context(|| format!("demo sign-off of {action}"))?;
        }
        let meeting = Meeting {
            date: day.parse()?,
            kind: MeetingKind::Board,
            subgroup: None,
        };
        store
            .add_meeting(
                slug,
                Stamp::new("Demo: Development Officer", at(day, "18:00:00")?),
                &meeting,
            )
            .await?;
        if let (1, Some((k, wrong, who))) = (round, &to_correct) {
            correct(store, slug, k, *wrong, who, day).await?;
        }
        if round == 2 {
            withdraw(store, slug, p, &key("11.2")).await?;
        }
    }
    Ok(())
}

/// Two days after the September board, the lead corrects an over-optimistic rating.
async fn correct(
    store: &Store,
    slug: &str,
    k: &ActionKey,
    wrong: i64,
    who: &str,
    day: &str,
) -> Result<()> {
    let v = version(store, slug, k).await?;
    let fix = NewUpdate {
        rag: Rag::Amber,
        percent: Some(Percent::new(30)?),
        narrative: "[Demo data] Correction: the consultation slipped to October.".into(),
        as_of: day.parse()?,
        evidence: Vec::new(),
        corrects: Some(wrong),
    };
    store
        .record_update(
            slug,
            Stamp::new(who, at("2009-09-18", "11:00:00")?),
            k,
            v,
            fix,
        )
        .await?;
    Ok(())
}

/// In January the protocol signed off in December is found not to be agreed after all.
async fn withdraw(store: &Store, slug: &str, p: &Partnership, k: &ActionKey) -> Result<()> {
    let role = "chair-policy-and-procedure";
    let signer = Membership {
        partnership: slug.to_string(),
        role: AccessRole::BoardMember,
        holds: vec![role.to_string()],
    };
    let who = format!("Demo: {}", role_title(p, role));
    let v = version(store, slug, k).await?;
    store
        .withdraw_sign_off(
            slug,
            Stamp::new(&who, at("2010-01-20", "10:00:00")?),
            k,
            v,
            &signer,
            "[Demo data] The Trust had not agreed the protocol after all.",
        )
        .await?;
    Ok(())
}
