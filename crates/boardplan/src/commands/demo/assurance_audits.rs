//! The demo's audit programme for 2009-10 (demo data, made up): a multi-agency case-file
//! audit of neglect in the summer with 10 cases, its re-audit in the winter with 12 cases
//! (better grades, so the summary shows a change), a practitioner survey and a dip sample.
//! Every case reference begins "Demo" and is a pseudonym; no case is a real child.

use anyhow::Result;
use domain::assurance::audits::{
    Audit, AuditKind, AuditRecommendation, AuditStatus, Case, DEFAULT_AREAS, DEFAULT_SCALE, Reason,
};
use store::{Stamp, Store};

const ACTOR: &str = "Demo: Business Manager";

fn audit(theme: &str, kind: AuditKind, status: AuditStatus, dates: (&str, &str)) -> Result<Audit> {
    Ok(Audit {
        year: 2009,
        theme: theme.into(),
        kind,
        lead: Some("Chair Monitoring & Evaluation".into()),
        starts_on: Some(dates.0.parse()?),
        ends_on: Some(dates.1.parse()?),
        status,
        reasons: Vec::new(),
        areas: if kind.has_cases() {
            DEFAULT_AREAS.map(String::from).into()
        } else {
            Vec::new()
        },
        scale: DEFAULT_SCALE.map(String::from).into(),
        reaudit_on: None,
    })
}

/// `n` demo cases; `lift` moves grades towards good (the re-audit's improvement).
fn cases(prefix: &str, n: usize, lift: usize, agencies: &[String]) -> Vec<Case> {
    (0..n)
        .map(|i| {
            let involved: Vec<String> = [
                i % agencies.len(),
                (i * 5 + 1) % agencies.len(),
                (i * 7 + 2) % agencies.len(),
            ]
            .iter()
            .map(|&j| agencies[j].clone())
            .fold(Vec::new(), |mut v, a| {
                if !v.contains(&a) {
                    v.push(a);
                }
                v
            });
            let grades = DEFAULT_AREAS
                .iter()
                .enumerate()
                .map(|(a, area)| {
                    // A fixed spread per case and area, 0 (outstanding) to 3 (inadequate).
                    let g = ((i * 3 + a * 2) % 7)
                        .min(3)
                        .saturating_sub(lift.min((i + a) % 3));
                    (area.to_string(), DEFAULT_SCALE[g].to_string())
                })
                .collect();
            Case {
                reference: format!("Demo {prefix}-{:02}", i + 1),
                agencies: involved,
                grades,
                strengths: Some(
                    "Demo: timely strategy discussion; agencies shared information.".into(),
                ),
                findings: Some("Demo: the child's views were not always recorded.".into()),
            }
        })
        .collect()
}

/// Write the demo programme once; a database that has audits already is left alone.
pub async fn ensure(store: &Store, slug: &str) -> Result<()> {
    if !store.audits(slug).await?.is_empty() {
        return Ok(());
    }
    let agencies: Vec<String> = store
        .agencies(slug)
        .await?
        .into_iter()
        .map(|a| a.name)
        .collect();
    if agencies.is_empty() {
        return Ok(());
    }
    let p = store.load_partnership(slug).await?;
    let plan = p.as_ref().and_then(|p| p.plans.last());
    // Actions of the sample plan that answer the audits' recommendations (a grown demo plan
    // may not have them: then the recommendations stand alone).
    let answer = |uid: &str| {
        plan.filter(|pl| pl.action(uid).is_some())
            .map(|pl| (pl.title.clone(), uid.to_string()))
    };
    // The first review recommendation the plan has, as a reason the audit was chosen.
    let first_rec = p.as_ref().and_then(|p| {
        p.reviews.iter().find_map(|r| {
            r.recommendations.first().map(|x| Reason::Recommendation {
                review: r.code.clone(),
                number: x.number,
            })
        })
    });
    let mut summer = audit(
        "Neglect",
        AuditKind::MultiAgencyCaseFile,
        AuditStatus::Complete,
        ("2009-06-01", "2009-07-31"),
    )?;
    summer.reasons.push(Reason::Indicator {
        code: "NI 64".into(),
    });
    summer.reasons.extend(first_rec.clone());
    summer.reasons.push(Reason::Note {
        text: "Demo: neglect is the most common category of child protection plans.".into(),
    });
    summer.reaudit_on = Some("2010-01-15".parse()?);
    let mut winter = audit(
        "Neglect",
        AuditKind::MultiAgencyCaseFile,
        AuditStatus::Complete,
        ("2010-01-15", "2010-02-26"),
    )?;
    winter.reasons.push(Reason::Note {
        text: "Demo: re-audit of the summer's neglect audit.".into(),
    });
    let mut survey = audit(
        "Thresholds",
        AuditKind::PractitionerSurvey,
        AuditStatus::Planned,
        ("2010-03-01", "2010-03-31"),
    )?;
    survey.reasons.push(Reason::Indicator {
        code: "NI 68".into(),
    });
    let dip = audit(
        "Domestic abuse referrals",
        AuditKind::DipSample,
        AuditStatus::InProgress,
        ("2010-02-01", "2010-03-31"),
    )?;

    for (a, prefix, n, lift) in [(summer, "N1", 10, 0), (winter, "N2", 12, 2)] {
        let r = store.add_audit(slug, Stamp::now(ACTOR), &a).await?;
        for c in cases(prefix, n, lift, &agencies) {
            store
                .add_audit_case(slug, Stamp::now(ACTOR), r.id, &c)
                .await?;
        }
        for (text, action) in [
            (
                "Demo: record the child's voice in every assessment.",
                "10.2",
            ),
            ("Demo: agree a shared neglect tool across agencies.", "2.1"),
        ] {
            let (plan, action) = answer(action).unzip();
            let rec = AuditRecommendation {
                text: text.into(),
                plan,
                action,
            };
            store
                .add_audit_recommendation(slug, Stamp::now(ACTOR), r.id, &rec)
                .await?;
        }
    }
    store.add_audit(slug, Stamp::now(ACTOR), &survey).await?;
    store.add_audit(slug, Stamp::now(ACTOR), &dip).await?;
    Ok(())
}
