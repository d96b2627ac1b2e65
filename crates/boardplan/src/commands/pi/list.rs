//! `boardplan pi list`: the partnership's indicators for one area, one line each — latest
//! value, target, RAG in words, and both directions of travel in words. `--json` prints the
//! API's body for `GET /api/v1/partnerships/{slug}/indicators`, with every indicator on one page.

use anyhow::Result;
use indicators::Catalogue;
use indicators::summary::show_value;

use web::indicators::api::list::IndicatorList;

use super::{day, target_partnership, today};
use crate::cli::Global;

pub async fn run(
    g: &Global,
    catalogue: &Catalogue,
    area: Option<&str>,
    as_at: Option<&str>,
    json: bool,
) -> Result<()> {
    let as_at = day(as_at, "--as-at")?;
    let (store, slug) = target_partnership(g).await?;
    let overview = store
        .indicator_overview(&slug, catalogue, area, as_at)
        .await?;
    if json {
        // The API's list body, everything on page 1 (so `next` is null).
        let per_page = u32::try_from(overview.rows.len())
            .unwrap_or(u32::MAX)
            .max(1);
        let day = as_at.unwrap_or_else(today);
        let body = IndicatorList::page_of(&overview, &slug, area, day, as_at, 1, per_page);
        println!("{}", serde_json::to_string_pretty(&body)?);
        return Ok(());
    }
    println!(
        "{} ({}){}: {} indicators",
        overview.area_name,
        overview.area_code,
        as_at.map_or(String::new(), |d| format!(", as at {d}")),
        overview.rows.len()
    );
    println!(
        "{:<28} {:<10} {:>18} {:>12} {:<10} {:<15} {:<15}",
        "indicator", "period", "latest", "target", "RAG", "vs previous", "vs year ago"
    );
    for row in &overview.rows {
        let (period, latest) = row
            .latest
            .map_or(("-".to_owned(), "no value".to_owned()), |l| {
                (
                    l.period.label(),
                    show_value(l.number, row.decimals, row.unit),
                )
            });
        let target = row.target.as_ref().map_or("-".to_owned(), |t| {
            show_value(t.value, row.decimals, row.unit)
        });
        let rag = row
            .judgement
            .and_then(|j| j.rag)
            .map_or("not rated".to_owned(), |r| format!("{r:?}"));
        let (previous, year_ago) = row.judgement.map_or(("-", "-"), |j| {
            (
                j.direction_vs_previous.describe(),
                j.direction_vs_year_ago.describe(),
            )
        });
        println!(
            "{:<28} {:<10} {:>18} {:>12} {:<10} {:<15} {:<15}",
            row.indicator.as_str(),
            period,
            latest,
            target,
            rag,
            previous,
            year_ago
        );
        if let Some(joint) = &row.reported_jointly_as {
            println!("{:<28} (reported jointly as {joint})", "");
        }
    }
    Ok(())
}
