//! `boardplan doc add`, `doc version add`, `doc approve` and `doc supersede`: every change
//! names its actor; a refused file or name changes nothing.

use anyhow::{Result, bail};
use domain::documents::{DocumentKind, NewDocument};
use store::Stamp;

use super::{AddArgs, any_day, find, read_file};
use crate::cli::Global;
use crate::commands::resolve::{self, today};
use crate::commands::{actor, open, partnership};

pub(super) async fn add(g: &Global, a: &AddArgs) -> Result<()> {
    let kind: DocumentKind = a
        .kind
        .parse()
        .map_err(|e: domain::InvalidValue| anyhow::anyhow!("--kind: {} {}", e.problem, e.fix))?;
    let review_due = any_day("--review-due", a.review_due.as_deref())?;
    let file = a.file.as_deref().map(|f| read_file(f, None)).transpose()?;
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let owner = resolve::role(&p, &a.owner).map_err(|e| anyhow::anyhow!("--owner: {e}"))?;
    let d = NewDocument {
        kind,
        title: a.title.clone(),
        owner,
        subgroup: a.subgroup.clone(),
        review_due,
    };
    let who = actor(g);
    let added = store
        .add_document(&slug, Stamp::now(&who), &d, file.as_ref())
        .await
        .map_err(|e| match &a.file {
            Some(f) => anyhow::anyhow!("{}: {e}", f.display()),
            None => anyhow::anyhow!("{e}"),
        })?;
    println!(
        "Added document {} \"{}\" ({}, owned by {}) to the register of {}{}.",
        added.id,
        added.title,
        added.kind.label().to_lowercase(),
        added.owner_title,
        p.name,
        added
            .latest()
            .map(|v| format!(", with {} as version 1", v.name))
            .unwrap_or_default()
    );
    Ok(())
}

pub(super) async fn version(
    g: &Global,
    typed: &str,
    file: &std::path::Path,
    note: Option<String>,
) -> Result<()> {
    let f = read_file(file, note)?;
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let d = find(&store, &slug, typed).await?;
    let who = actor(g);
    let d = store
        .add_document_version(&slug, Stamp::now(&who), d.id, &f)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let n = d.latest().map_or(0, |v| v.number);
    println!("Added {} as version {n} of \"{}\".", f.name, d.title);
    Ok(())
}

pub(super) async fn approve(
    g: &Global,
    typed: &str,
    meeting: &str,
    subgroup: Option<&str>,
    review_due: Option<&str>,
) -> Result<()> {
    let Some(meeting) = any_day("--meeting", Some(meeting))? else {
        bail!("--meeting: give the meeting's date");
    };
    let review_due = any_day("--review-due", review_due)?;
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let d = find(&store, &slug, typed).await?;
    let who = actor(g);
    let d = store
        .approve_document(&slug, Stamp::now(&who), d.id, meeting, subgroup, review_due)
        .await?;
    println!(
        "Recorded \"{}\" as approved at the {} meeting on {meeting}{}.",
        d.title,
        subgroup.unwrap_or("board"),
        d.review_due
            .map(|r| format!("; next review due {r}"))
            .unwrap_or_default()
    );
    Ok(())
}

pub(super) async fn supersede(g: &Global, typed: &str, on: Option<&str>) -> Result<()> {
    let on = any_day("--on", on)?.unwrap_or_else(today);
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let d = find(&store, &slug, typed).await?;
    let who = actor(g);
    let d = store
        .supersede_document(&slug, Stamp::now(&who), d.id, on)
        .await?;
    println!("Marked \"{}\" superseded from {on}.", d.title);
    Ok(())
}
