//! `boardplan pi target`, `pi comment` and `pi choose`: the partnership's decisions about its
//! indicators, each checked against the catalogue before anything is written.

use anyhow::{Context, Result, bail};
use indicators::{Catalogue, Commentary, Indicator, IndicatorCode, Period, Target};
use store::{IndicatorSettings, TargetOutcome};

use super::{target_partnership, today};
use crate::cli::Global;
use crate::commands::actor;

fn indicator<'a>(catalogue: &'a Catalogue, code: &str) -> Result<&'a Indicator> {
    catalogue.find(code).with_context(|| {
        format!(
            "there is no indicator \"{code}\": `boardplan pi list` shows the codes (e.g. cin-rate, \
             cpp-subsequent-pct, NI65)"
        )
    })
}

fn period(indicator: &Indicator, text: &str) -> Result<Period> {
    Period::parse(text, indicator.period_type).map_err(|e| anyhow::anyhow!("--period: {e}"))
}

pub async fn target(
    g: &Global,
    catalogue: &Catalogue,
    code: &str,
    period_text: &str,
    value: f64,
    tolerance: Option<f64>,
) -> Result<()> {
    let indicator = indicator(catalogue, code)?;
    let period = period(indicator, period_text)?;
    let (store, slug) = target_partnership(g).await?;
    let target = Target {
        indicator: indicator.code.clone(),
        period,
        value,
        tolerance_percent: tolerance,
    };
    let outcome = store
        .set_indicator_target(&slug, &actor(g), &target, jiff::Timestamp::now())
        .await?;
    let what = match outcome {
        TargetOutcome::Created => "Set",
        TargetOutcome::Updated => "Changed",
        TargetOutcome::Unchanged => "Already set:",
    };
    println!(
        "{what} the target for {} ({}) in {}: {}{}.",
        indicator.title,
        indicator.code,
        period.label(),
        indicators::summary::show_value(value, indicator.decimals, indicator.unit),
        tolerance.map_or(String::new(), |t| format!(", tolerance {t}%"))
    );
    Ok(())
}

pub async fn comment(
    g: &Global,
    catalogue: &Catalogue,
    code: &str,
    area: &str,
    period_text: &str,
    text: &str,
    author: Option<&str>,
) -> Result<()> {
    let indicator = indicator(catalogue, code)?;
    let period = period(indicator, period_text)?;
    let (store, slug) = target_partnership(g).await?;
    let area = store.indicator_area(&slug, Some(area)).await?;
    let actor = actor(g);
    let commentary = Commentary::new(
        indicator.code.clone(),
        Some(area.clone()),
        period,
        author.unwrap_or(&actor),
        today(),
        text,
    )?;
    store
        .add_indicator_commentary(&slug, &actor, &commentary, jiff::Timestamp::now())
        .await?;
    println!(
        "Recorded {}'s commentary on {} for {area} in {}.",
        commentary.author,
        indicator.code,
        period.label()
    );
    Ok(())
}

pub async fn choose(
    g: &Global,
    catalogue: &Catalogue,
    area: Option<&str>,
    codes: &[String],
    tolerance: Option<f64>,
    blue: Option<bool>,
) -> Result<()> {
    if area.is_none() && codes.is_empty() && tolerance.is_none() && blue.is_none() {
        bail!("say what to choose: --area, --indicators, --tolerance or --blue");
    }
    let (store, slug) = target_partnership(g).await?;
    let mut settings: IndicatorSettings = store.indicator_settings(&slug).await?;
    if let Some(area) = area {
        settings.area_code = Some(store.indicator_area(&slug, Some(area)).await?);
    }
    if !codes.is_empty() {
        settings.chosen = codes
            .iter()
            .map(|c| Ok(indicator(catalogue, c)?.code.clone()))
            .collect::<Result<Vec<IndicatorCode>>>()?;
    }
    if let Some(t) = tolerance {
        settings.scheme.tolerance_percent = t;
    }
    if let Some(b) = blue {
        settings.scheme.blue_for_exceeding = b;
    }
    let changed = store
        .set_indicator_settings(&slug, &actor(g), &settings, jiff::Timestamp::now())
        .await?;
    println!(
        "{} area {}, {} indicators chosen, tolerance {}%{}.",
        if changed { "Saved:" } else { "Unchanged:" },
        settings
            .area_code
            .as_ref()
            .map_or("not set".to_owned(), ToString::to_string),
        settings.chosen.len(),
        settings.scheme.tolerance_percent,
        if settings.scheme.blue_for_exceeding {
            ", blue for exceeding"
        } else {
            ""
        }
    );
    Ok(())
}
