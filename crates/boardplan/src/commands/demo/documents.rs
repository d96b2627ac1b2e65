//! The demo's document register and induction (demo data, every file marked so): terms of
//! reference for each sub-group, the communications plan (5.2), the engagement plan (6.1),
//! the quality assurance framework (10.3) and a training strategy, approved at the board's
//! 2009-10 meetings, with some reviews falling due around the demo's year end (31 March
//! 2010); and a short induction checklist, partly done.

use anyhow::Result;
use domain::Partnership;
use domain::documents::{DocumentKind, NewDocument};
use store::{DocumentsQuery, NewFile, Stamp, Store};

use super::pdf::pdf;

const ACTOR: &str = "Demo: Business Manager";

/// The role whose title holds `word` (case aside), else the first role: the owner.
fn owner(p: &Partnership, word: &str) -> String {
    let word = word.to_lowercase();
    p.roles
        .iter()
        .find(|r| r.title.to_lowercase().contains(&word))
        .or_else(|| p.roles.first())
        .map(|r| r.id.clone())
        .unwrap_or_default()
}

/// A one-page PDF marked as demo data.
fn file(name: &str, title: &str, version: u32) -> NewFile {
    NewFile {
        name: name.into(),
        bytes: pdf(&[
            "DEMO DATA - not a real document",
            title,
            &format!("Version {version}"),
        ]),
        note: (version > 1).then(|| "Demo: revised after the board's review".to_string()),
    }
}

/// (kind, title, owner's keyword, approved at, next review).
type Demo = (
    DocumentKind,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

const DOCUMENTS: [Demo; 5] = [
    (
        DocumentKind::Plan,
        "Communications plan (5.2)",
        "communications",
        Some("2009-09-16"),
        Some("2010-03-17"),
    ),
    (
        DocumentKind::Plan,
        "Engagement plan (6.1)",
        "communications",
        Some("2009-12-09"),
        Some("2010-12-08"),
    ),
    (
        DocumentKind::Procedure,
        "Quality assurance framework (10.3)",
        "monitoring",
        Some("2009-06-17"),
        Some("2010-04-30"),
    ),
    (
        DocumentKind::Strategy,
        "Training strategy 2009-11",
        "training",
        Some("2009-09-16"),
        Some("2010-03-31"),
    ),
    (
        DocumentKind::Strategy,
        "Training strategy 2010-12 (draft)",
        "training",
        None,
        Some("2011-03-31"),
    ),
];

/// Write the demo register once; a database that has one already is left alone.
pub async fn ensure(store: &Store, slug: &str, p: &Partnership) -> Result<()> {
    if !store
        .documents(slug, DocumentsQuery::default())
        .await?
        .is_empty()
    {
        return Ok(());
    }
    for (i, s) in p.subgroups.iter().enumerate() {
        let title = format!("{} sub-group: terms of reference", s.name);
        let first_word = s.name.split_whitespace().next().unwrap_or(&s.name);
        let d = NewDocument {
            kind: DocumentKind::TermsOfReference,
            title: title.clone(),
            owner: owner(p, first_word),
            subgroup: Some(s.name.clone()),
            // Staggered, so that some fall due within the demo's year and some after it.
            review_due: format!("2010-{:02}-01", 2 + (i % 10)).parse().ok(),
        };
        let name = format!("terms-of-reference-{}.pdf", store::slugify(&s.name));
        let added = store
            .add_document(slug, Stamp::now(ACTOR), &d, Some(&file(&name, &title, 1)))
            .await?;
        if i % 3 != 2 {
            store
                .approve_document(
                    slug,
                    Stamp::now(ACTOR),
                    added.id,
                    "2009-06-17".parse()?,
                    None,
                    None,
                )
                .await?;
        }
    }
    for (kind, title, word, approved, review) in DOCUMENTS {
        let d = NewDocument {
            kind,
            title: title.into(),
            owner: owner(p, word),
            subgroup: None,
            review_due: review.map(str::parse).transpose()?,
        };
        let name = format!("{}.pdf", store::slugify(title));
        let added = store
            .add_document(slug, Stamp::now(ACTOR), &d, Some(&file(&name, title, 1)))
            .await?;
        if let Some(day) = approved {
            store
                .approve_document(slug, Stamp::now(ACTOR), added.id, day.parse()?, None, None)
                .await?;
        }
    }
    induction(store, slug).await
}

/// A short checklist, and the demo's people partway through it.
async fn induction(store: &Store, slug: &str) -> Result<()> {
    let items = [
        "Met the chair",
        "Read the business plan",
        "Read the LSCB's terms of reference",
        "Attended a board meeting as an observer",
    ];
    for item in items {
        store
            .add_induction_item(slug, Stamp::now(ACTOR), item)
            .await?;
    }
    let people = store.people(slug).await?;
    for (n, person) in people.iter().enumerate() {
        let name = &person.person.name;
        for item in items.iter().take(items.len().saturating_sub(n)) {
            store
                .record_induction(slug, Stamp::now(ACTOR), name, item, "2009-05-01".parse()?)
                .await?;
        }
        if n % 2 == 0 {
            store
                .acknowledge_job_description(slug, Stamp::now(ACTOR), name, "2009-04-20".parse()?)
                .await?;
        }
    }
    Ok(())
}
