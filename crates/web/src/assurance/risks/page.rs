//! `GET /p/{slug}/risks`: the register as at a day: each risk's inherent and current score
//! against the board's appetite, and the 5x5 heat map of current ratings (a table, so that
//! it reads without colour and to a screen reader).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::assurance::risks::{Band, HeatMap, Rating};
use store::RiskRecord;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, day};

/// One risk as the page shows it.
pub struct Row {
    pub id: String,
    /// The risk's id in its golden thread's address.
    pub thread: String,
    pub title: String,
    pub owner: String,
    pub status: &'static str,
    pub inherent: String,
    pub current: String,
    pub band: &'static str,
    pub appetite: String,
    pub above: bool,
    pub controls: String,
    pub links: String,
    pub review: String,
}

/// One row of the heat map: its likelihood and (count, tag class) at each impact.
pub type HeatRow = (u8, Vec<(u32, &'static str)>);

#[derive(Template)]
#[template(path = "assurance_risks.html")]
pub struct RisksPage {
    pub nav: Nav,
    pub rows: Vec<Row>,
    pub heat: Vec<HeatRow>,
    pub above: usize,
}

/// The GOV.UK tag colour of a band.
pub fn band_class(b: Band) -> &'static str {
    match b {
        Band::Low => "govuk-tag--green",
        Band::Medium => "govuk-tag--yellow",
        Band::High => "govuk-tag--orange",
        Band::VeryHigh => "govuk-tag--red",
    }
}

fn score(r: Rating) -> String {
    format!("{} ({} x {})", r.score(), r.likelihood(), r.impact())
}

fn row(r: &RiskRecord) -> Row {
    let current = r.current();
    Row {
        id: format!("R{}", r.id),
        thread: r.id.to_string(),
        title: r.title.clone(),
        owner: r.owner_role.clone(),
        status: r.status.label(),
        inherent: score(r.inherent),
        current: score(current),
        band: current.band().label(),
        appetite: r.appetite.map(|a| a.to_string()).unwrap_or_default(),
        above: r.above_appetite(),
        controls: r.controls.clone().unwrap_or_default(),
        links: r
            .actions
            .iter()
            .chain(&r.indicators)
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        review: r.review_on.map(day).unwrap_or_default(),
    }
}

/// The heat map's rows, likelihood 5 first.
pub fn heat_rows(map: &HeatMap) -> Vec<HeatRow> {
    (1..=5u8)
        .rev()
        .map(|l| {
            let cells = (1..=5u8)
                .map(|i| {
                    let class = band_class(Band::of(l * i));
                    (map.at(l, i), class)
                })
                .collect();
            (l, cells)
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<AsAtQuery>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &q).await?;
    let risks = state.store.risks(&access.slug, l.as_at).await?;
    let open: Vec<&RiskRecord> = risks
        .iter()
        .filter(|r| r.status != domain::assurance::risks::RiskStatus::Closed)
        .collect();
    let map = HeatMap::of(open.iter().map(|r| r.current()));
    render(&RisksPage {
        nav: Nav::new(&l, "risks"),
        above: open.iter().filter(|r| r.above_appetite()).count(),
        rows: risks.iter().map(row).collect(),
        heat: heat_rows(&map),
    })
}
