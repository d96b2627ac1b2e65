//! Demo data: the demo's risk register and two Section 11 cycles with every agency's return.
//! A third cycle, 2011, is still taking returns at the demo's opening date.
//! Every risk title and signatory starts "Demo:", so nobody mistakes them for a real board's;
//! the ratings are made up, spread so that the heat maps and the comparison have something
//! to show.

use anyhow::Result;
use domain::assurance::risks::Rating;
use domain::assurance::section11::{Stage, Standard};
use store::{NewCycle, NewRisk, RatingKind, S11Rating, Stamp, Store};

const ACTOR: &str = "Demo: Business Manager";

/// (title, owner role, inherent (l, i), residual ratings (date, l, i), appetite, action).
type DemoRisk = (
    &'static str,
    &'static str,
    (i64, i64),
    &'static [(&'static str, i64, i64)],
    i64,
    &'static str,
);

const RISKS: [DemoRisk; 6] = [
    (
        "Demo: Agencies do not attend strategy meetings",
        "LSCB Chair",
        (4, 4),
        &[("2009-09-01", 3, 4), ("2010-01-15", 2, 4)],
        8,
        "4.1",
    ),
    (
        "Demo: Partners' budget contributions fall",
        "LSCB Business Manager",
        (3, 5),
        &[("2009-10-01", 3, 4)],
        9,
        "",
    ),
    (
        "Demo: Multi-agency training is not evaluated",
        "Chair, Training sub-group",
        (4, 3),
        &[("2009-11-01", 2, 3)],
        6,
        "3.1",
    ),
    (
        "Demo: Serious case review actions are not completed",
        "LSCB Chair",
        (3, 5),
        &[("2010-02-01", 3, 5)],
        10,
        "",
    ),
    (
        "Demo: Performance data is late or incomplete",
        "Chair, Quality Assurance",
        (4, 2),
        &[],
        8,
        "2.1",
    ),
    (
        "Demo: Thresholds are applied inconsistently",
        "Chair, Policy and Procedures",
        (3, 3),
        &[("2009-12-01", 2, 3)],
        6,
        "",
    ),
];

const STANDARDS: [(&str, &str); 8] = [
    ("1", "Senior management commitment to safeguarding"),
    ("2", "A clear line of accountability"),
    ("3", "Service development takes account of children's needs"),
    ("4", "Staff training on safeguarding"),
    ("5", "Safer recruitment"),
    ("6", "Effective inter-agency working"),
    ("7", "Information sharing"),
    ("8", "Listening to children"),
];

/// Write the demo's register and cycles once; a database with a register is left alone.
pub async fn ensure(store: &Store, slug: &str) -> Result<()> {
    let today = crate::commands::resolve::today();
    if !store.risks(slug, today).await?.is_empty() {
        return Ok(());
    }
    let p = store.load_partnership(slug).await?;
    let plan = p.as_ref().and_then(|p| p.plans.last());
    for (title, owner, (l, i), ratings, appetite, action) in RISKS {
        let actions = plan
            .filter(|_| !action.is_empty())
            .and_then(|pl| {
                domain::find_action(pl, action)
                    .ok()
                    .map(|(_, a)| (pl.title.clone(), a.id.clone()))
            })
            .into_iter()
            .collect();
        let r = NewRisk {
            title: title.into(),
            cause: None,
            consequence: None,
            owner_role: owner.into(),
            controls: Some("Demo: reported to each board meeting".into()),
            appetite: Some(u8::try_from(appetite)?),
            review_on: Some("2010-04-30".parse()?),
            rating: Rating::new(l, i)?,
            rated_on: "2009-04-15".parse()?,
            actions,
            indicators: vec![],
        };
        let id = store.add_risk(slug, Stamp::now(ACTOR), &r).await?;
        for (on, l, i) in ratings {
            store
                .rate_risk(
                    slug,
                    Stamp::now(ACTOR),
                    id,
                    RatingKind::Residual,
                    Rating::new(*l, *i)?,
                    on.parse()?,
                )
                .await?;
        }
    }
    section11(store, slug).await
}

/// 2009 (closed) and 2010 (in moderation), every agency's return in each; the demo's lead
/// officer is linked to the first agency, so that signing in as them shows its return only.
async fn section11(store: &Store, slug: &str) -> Result<()> {
    let standards: Vec<Standard> = STANDARDS
        .iter()
        .map(|(n, t)| Standard {
            number: (*n).into(),
            title: (*t).into(),
        })
        .collect();
    let agencies = store.agencies(slug).await?;
    if let Some(first) = agencies.first() {
        let mut lead = domain::Person::new("Demo: Lead Officer", domain::BoardRole::Member);
        lead.agency = Some(first.name.clone());
        lead.account = Some("lead@demo.test".into());
        lead.email = Some("lead@demo.test".into());
        store.add_person(slug, Stamp::now(ACTOR), &lead).await?;
    }
    let words = ["green", "amber", "red"];
    for (year, shift) in [(2009, 1usize), (2010, 0usize)] {
        let c = NewCycle {
            year,
            standards: (year == 2009).then(|| standards.clone()),
            scale: None,
            due_on: Some(format!("{year}-06-30").parse()?),
        };
        store.add_s11_cycle(slug, Stamp::now(ACTOR), &c).await?;
        for (a, agency) in agencies.iter().enumerate() {
            for (s, (number, _)) in STANDARDS.iter().enumerate() {
                // Made up: most green, some amber, a few red, a little worse in 2009.
                let k = (a * 7 + s * 3 + shift * 5) % 10;
                let word = words[usize::from(k >= 6) + usize::from(k >= 9)];
                let r = S11Rating {
                    agency: agency.name.clone(),
                    standard: (*number).into(),
                    rating: word.into(),
                    evidence: Some(format!("Demo: evidence for standard {number}")),
                    signatory: Some(format!("Demo: signatory for {}", agency.name)),
                };
                store.rate_s11(slug, Stamp::now(ACTOR), year, &r).await?;
            }
        }
        if year == 2010 {
            improvements(store, slug, &agencies).await?;
        }
        let stage = if year == 2009 {
            Stage::Closed
        } else {
            Stage::Moderation
        };
        store
            .set_s11_stage(slug, Stamp::now(ACTOR), year, stage)
            .await?;
    }
    open_cycle(store, slug, &agencies).await
}

/// 2011, still taking returns at the demo's opening date and due nine days after it (9 April
/// 2010): the first agency's return (the demo lead officer's) half done, every third agency's
/// done, the rest not begun, so that `remind --dry-run --as-at 2010-03-31` has Section 11
/// returns to chase, to the lead officer and (for agencies nobody is linked to) the business
/// manager.
async fn open_cycle(store: &Store, slug: &str, agencies: &[domain::AgencyDetails]) -> Result<()> {
    let c = NewCycle {
        year: 2011,
        standards: None,
        scale: None,
        due_on: Some("2010-04-09".parse()?),
    };
    store.add_s11_cycle(slug, Stamp::now(ACTOR), &c).await?;
    for (a, agency) in agencies.iter().enumerate() {
        let done = match a {
            0 => STANDARDS.len() / 2,
            _ if a % 3 == 1 => STANDARDS.len(),
            _ => 0,
        };
        for (number, _) in STANDARDS.iter().take(done) {
            let r = S11Rating {
                agency: agency.name.clone(),
                standard: (*number).into(),
                rating: "green".into(),
                evidence: Some(format!("Demo: evidence for standard {number}")),
                signatory: Some(format!("Demo: signatory for {}", agency.name)),
            };
            store.rate_s11(slug, Stamp::now(ACTOR), 2011, &r).await?;
        }
    }
    Ok(())
}

/// (agency by position, standard, plan action, the agency's words): 2010's improvement
/// actions, each carried by an action of the plan, so that the golden thread reaches them.
const IMPROVEMENTS: [(usize, &str, &str, &str); 3] = [
    (
        0,
        "4",
        "3.1",
        "Demo: every frontline officer completes safeguarding training",
    ),
    (
        1,
        "7",
        "4.1",
        "Demo: attend every strategy meeting, or send a deputy",
    ),
    (2, "5", "4.1", "Demo: a named safer recruitment lead"),
];

/// 2010's improvement actions, and an evidence file on the first agency's return.
async fn improvements(store: &Store, slug: &str, agencies: &[domain::AgencyDetails]) -> Result<()> {
    let p = store.load_partnership(slug).await?;
    let Some(plan) = p.as_ref().and_then(|p| p.plans.last()) else {
        return Ok(());
    };
    for (a, standard, action, text) in IMPROVEMENTS {
        let (Some(agency), Ok((_, found))) = (agencies.get(a), domain::find_action(plan, action))
        else {
            continue;
        };
        let i = store::S11Action {
            text: Some(text.into()),
            plan: plan.title.clone(),
            action: found.id.clone(),
        };
        store
            .add_s11_action(slug, Stamp::now(ACTOR), (2010, &agency.name, standard), &i)
            .await?;
    }
    if let Some(first) = agencies.first() {
        let file = b"Demo: training records, 2009-10. 412 of 450 frontline staff trained.\n";
        store
            .add_s11_evidence(
                slug,
                Stamp::now(ACTOR),
                (2010, &first.name, "4"),
                "demo-training-records.txt",
                file.to_vec(),
            )
            .await?;
    }
    Ok(())
}
