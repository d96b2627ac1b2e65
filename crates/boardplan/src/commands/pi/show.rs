//! `boardplan pi show CODE --area AREA`: one indicator for one area — every period with its
//! value or the reason it has none, the judgement, the comparators, gaps, years the authority
//! did not exist, commentary and revisions. `--json` prints the API's body for
//! `GET /api/v1/partnerships/{slug}/indicators/{code}`.

use std::fmt::Write;

use anyhow::{Context, Result};
use indicators::summary::show_value;
use indicators::{Catalogue, Coverage};
use store::IndicatorPage;

use web::indicators::api::detail::IndicatorDetail;

use super::{day, target_partnership, today};
use crate::cli::Global;
use crate::output::wrap;

pub async fn run(
    g: &Global,
    catalogue: &Catalogue,
    code: &str,
    area: Option<&str>,
    as_at: Option<&str>,
    json: bool,
) -> Result<()> {
    let as_at = day(as_at, "--as-at")?;
    let (store, slug) = target_partnership(g).await?;
    let page = store
        .indicator_page(&slug, catalogue, code, area, as_at)
        .await?;
    if json {
        // The API's body for `GET …/indicators/{code}`, built by the same function.
        let s = &page.detail.summary;
        let i = catalogue
            .get(s.indicator.as_str())
            .with_context(|| format!("{} is not in the catalogue", s.indicator))?;
        let day = as_at.unwrap_or_else(today);
        let detail = IndicatorDetail::build(&store, &slug, i, &page, day, as_at).await?;
        println!("{}", serde_json::to_string_pretty(&detail)?);
    } else {
        print!("{}", render(&page));
    }
    Ok(())
}

/// The page as text.
pub fn render(page: &IndicatorPage) -> String {
    let d = &page.detail;
    let s = &d.summary;
    let shown = |n: f64| show_value(n, s.decimals, s.unit);
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", s.title, s.indicator);
    let _ = writeln!(out, "{} ({})", s.area_name, s.area_code);
    if let Some(joint) = &s.reported_jointly_as {
        let _ = writeln!(
            out,
            "Published only jointly: the figures below are for {joint}."
        );
    }
    let _ = writeln!(out, "{}", wrap(&d.definition, 96, 0));
    let _ = writeln!(
        out,
        "Which way is better: {}. Source: {}.\n",
        s.polarity.describe(),
        d.source
    );
    let _ = writeln!(
        out,
        "{:<12} {:>20} {:>14}  status",
        "period", "value", "target"
    );
    for p in &d.points {
        let (value, note) = match p.coverage {
            Coverage::Value { number } => (shown(number), String::new()),
            Coverage::Gap { reason } => ("-".to_owned(), format!("gap: {}", reason.describe())),
            Coverage::DidNotExist => ("-".to_owned(), "did not exist".to_owned()),
        };
        let status = match (p.status, note.is_empty()) {
            (Some(status), true) => status.meaning().to_owned(),
            (Some(status), false) if !status.token().is_empty() => {
                format!("{note} ({})", status.token())
            }
            _ => note,
        };
        let target = p.target.map_or("-".to_owned(), shown);
        let _ = writeln!(
            out,
            "{:<12} {value:>20} {target:>14}  {status}",
            p.period.label()
        );
    }
    match (s.latest, s.judgement) {
        (Some(latest), Some(j)) => {
            let rag = j
                .rag
                .map_or("not rated (no target set)".to_owned(), |r| format!("{r:?}"));
            let _ = writeln!(
                out,
                "\nLatest: {} in {}. RAG: {rag}. Against the previous period: {}; against a year earlier: {}.",
                shown(latest.number),
                latest.period.label(),
                j.direction_vs_previous.describe(),
                j.direction_vs_year_ago.describe()
            );
        }
        _ => {
            let _ = writeln!(out, "\nNo value yet.");
        }
    }
    if let Some(c) = &d.comparators {
        let opt = |v: Option<f64>| v.map_or("no value".to_owned(), shown);
        let neighbours = if c.neighbours_total == 0 {
            "No statistical neighbours are known for this area.".to_owned()
        } else {
            format!(
                "Statistical neighbours' mean: {} (of the {} of {} neighbours with a value).{}",
                opt(c.neighbours_mean),
                c.neighbours_with_values,
                c.neighbours_total,
                c.rank
                    .filter(|r| r.out_of > 1)
                    .map_or(String::new(), |r| format!(
                        " Rank among them: {} of {} (1 is the best, or the highest for a context measure).",
                        r.position, r.out_of
                    ))
            )
        };
        let _ = writeln!(out, "{neighbours} England: {}.", opt(c.england));
    }
    if !d.gaps.is_empty() {
        let gaps: Vec<String> = d
            .gaps
            .iter()
            .map(|g| format!("{} ({})", g.period.label(), g.reason.describe()))
            .collect();
        let _ = writeln!(out, "Gaps: {}.", gaps.join(", "));
    }
    if !d.did_not_exist.is_empty() {
        let years: Vec<String> = d.did_not_exist.iter().map(|p| p.label()).collect();
        let _ = writeln!(out, "Did not exist: {}.", years.join(", "));
    }
    for c in &page.commentary {
        let _ = writeln!(
            out,
            "\nCommentary on {} by {} ({}):\n  {}",
            c.period.label(),
            c.author,
            c.written_on,
            wrap(&c.text, 94, 2)
        );
    }
    for r in &page.revisions {
        let side = |n: Option<f64>, status: indicators::ValueStatus| {
            n.map_or_else(|| status.meaning().to_owned(), shown)
        };
        let _ = writeln!(
            out,
            "Revised: {} was {} in {} ({}), then {} in {} ({}).",
            r.period.label(),
            side(r.old.number, r.old.status),
            r.old_file,
            r.old_published_on,
            side(r.new.number, r.new.status),
            r.new_file,
            r.new_published_on
        );
    }
    out
}
