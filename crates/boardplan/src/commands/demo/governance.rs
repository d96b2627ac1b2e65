//! The demo's member register and agency details: a handful of people, every one named
//! "Demo: …" with a demo.test address so nobody mistakes them for real people, drawn from the
//! sample plan's own agencies. The chair is linked to the demo chair's account.

use anyhow::Result;
use domain::{AgencyKind, BoardRole, Contribution, Person};
use store::{AgencyChange, Stamp, Store};

/// (name, index of the plan's agency or none, role, job title, expertise, e-mail).
type DemoPerson = (
    &'static str,
    Option<usize>,
    BoardRole,
    &'static str,
    &'static str,
    &'static str,
);

const PEOPLE: [DemoPerson; 5] = [
    (
        "Demo: Pat Chair",
        None,
        BoardRole::Chair,
        "Independent Chair",
        "governance, challenge",
        "chair@demo.test",
    ),
    (
        "Demo: Alex Morgan",
        Some(0),
        BoardRole::ViceChair,
        "Director of Children's Services",
        "children's social care, education",
        "alex@demo.test",
    ),
    (
        "Demo: Sam Patel",
        Some(1),
        BoardRole::Member,
        "Detective Superintendent",
        "policing, exploitation",
        "sam@demo.test",
    ),
    (
        "Demo: Jo Reid",
        Some(2),
        BoardRole::Member,
        "Designated Nurse",
        "health, child protection medicals",
        "jo@demo.test",
    ),
    (
        "Demo: Lee Stone",
        None,
        BoardRole::LayMember,
        "Lay member",
        "community, parents' view",
        "lee@demo.test",
    ),
];

/// Write the demo register once; a database that has one already is left alone.
pub async fn ensure(store: &Store, slug: &str) -> Result<()> {
    if !store.people(slug).await?.is_empty() {
        return Ok(());
    }
    let actor = "Demo: Business Manager";
    let agencies = store.agencies(slug).await?;
    for (i, a) in agencies.iter().enumerate().take(3) {
        let change = AgencyChange {
            kind: Some(AgencyKind::StatutoryPartner),
            representatives_expected: Some(1 + u32::from(i == 0)),
        };
        store
            .set_agency(slug, Stamp::now(actor), &a.name, &change)
            .await?;
        let pence = [2_500_000, 1_200_000, 1_800_000][i];
        let c = Contribution { year: 2009, pence };
        store
            .set_contribution(slug, Stamp::now(actor), &a.name, c)
            .await?;
    }
    for (name, agency, role, title, expertise, email) in PEOPLE {
        let mut p = Person::new(name, role);
        p.agency = agency.and_then(|i| agencies.get(i)).map(|a| a.name.clone());
        p.job_title = Some(title.into());
        p.expertise = domain::governance::expertise_tags(expertise);
        p.email = Some(email.into());
        p.appointed = Some("2009-04-01".parse()?);
        p.term_ends = Some("2012-03-31".parse()?);
        if role == BoardRole::Chair {
            p.account = Some(email.into());
        }
        store.add_person(slug, Stamp::now(actor), &p).await?;
    }
    Ok(())
}
