//! `boardplan doc list` and `doc show`: the register, or the reviews falling due, and one
//! document with its versions; `--json` prints the API's wire types.

use anyhow::Result;
use store::DocumentsQuery;
use web::documents::api::{DocumentList, DocumentOut};

use super::{any_day, find};
use crate::cli::Global;
use crate::commands::resolve::today;
use crate::commands::{open, partnership};

pub(super) async fn list(
    g: &Global,
    due: Option<&str>,
    as_at: Option<&str>,
    json: bool,
) -> Result<()> {
    let due_before = any_day("--due-before", due)?;
    let as_at = any_day("--as-at", as_at)?.unwrap_or_else(today);
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let docs = store
        .documents(&slug, DocumentsQuery { due_before })
        .await?;
    if json {
        let out = DocumentList {
            as_at: as_at.to_string(),
            items: docs
                .iter()
                .map(|d| DocumentOut::new(&slug, d, as_at))
                .collect(),
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if docs.is_empty() {
        match due_before {
            Some(d) => println!("No review falls due before {d}."),
            None => println!(
                "No document is in the register yet: boardplan doc add --kind K --title T --owner ROLE"
            ),
        }
    }
    for d in &docs {
        let due = d
            .review_due
            .map(|r| format!(" review {r}"))
            .unwrap_or_default();
        println!(
            "{:>4}  {:<50} {:<18} {:<15}{due}",
            d.id,
            d.title,
            d.kind.label(),
            d.status(as_at).label()
        );
    }
    Ok(())
}

pub(super) async fn show(g: &Global, typed: &str, as_at: Option<&str>, json: bool) -> Result<()> {
    let as_at = any_day("--as-at", as_at)?.unwrap_or_else(today);
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let d = find(&store, &slug, typed).await?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&DocumentOut::new(&slug, &d, as_at))?
        );
        return Ok(());
    }
    println!(
        "{} ({}): {}",
        d.title,
        d.kind.label(),
        d.status(as_at).label()
    );
    println!("Owner: {}", d.owner_title);
    if let Some(s) = &d.subgroup {
        println!("Sub-group: {s}");
    }
    if let Some(a) = &d.approved {
        println!(
            "Approved at the {} meeting on {}",
            a.subgroup.as_deref().unwrap_or("board"),
            a.meeting_date
        );
    }
    if let Some(r) = d.review_due {
        println!("Review due: {r}");
    }
    for v in &d.versions {
        println!(
            "  version {}: {} ({}, {} bytes) added {} by {}",
            v.number, v.name, v.media_type, v.size, v.added_at, v.added_by
        );
    }
    Ok(())
}
