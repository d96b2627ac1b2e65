//! `GET /p/{slug}/s11?cycle=YEAR`: a Section 11 cycle (the latest unless one is asked for):
//! its stage and due date, the heat map of agencies x standards, returns outstanding and the
//! comparison with the cycle before, each cut to what the person may see; and, for
//! everyone, how many agencies gave each rating to each standard.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::assurance::section11::{Change, Section11View};
use serde::Deserialize;
use store::Section11Map;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, day, today};

use super::access::view_of;

#[derive(Debug, Default, Deserialize)]
pub struct CycleQuery {
    #[serde(default)]
    pub cycle: Option<String>,
}

/// The GOV.UK tag colour of a rating word.
pub fn rating_class(word: &str) -> &'static str {
    match word {
        "green" | "outstanding" | "good" | "met" => "govuk-tag--green",
        "amber" | "partly met" | "requires improvement" => "govuk-tag--yellow",
        "red" | "not met" | "inadequate" => "govuk-tag--red",
        _ => "govuk-tag--grey",
    }
}

/// An agency's row of the heat map: name, the return's address if they may open it, and
/// (rating, tag class) per standard.
pub type MapRow = (String, Option<String>, Vec<(String, &'static str)>);

#[derive(Template)]
#[template(path = "assurance_s11.html")]
pub struct Section11Page {
    pub nav: Nav,
    pub years: Vec<i32>,
    pub year: i32,
    pub stage: &'static str,
    pub due: String,
    pub scale: String,
    /// (number, title, the standard's golden thread).
    pub standards: Vec<(String, String, String)>,
    /// Empty for someone who sees counts only.
    pub rows: Vec<MapRow>,
    pub summary_only: bool,
    pub summary: Vec<(String, Vec<usize>)>,
    pub words: Vec<String>,
    pub outstanding: Vec<(String, String)>,
    pub previous_year: Option<i32>,
    /// (agency, standard, previous, now, change) where it changed.
    pub changes: Vec<(String, String, String, String, &'static str)>,
}

fn year_of(q: &CycleQuery, years: &[i32]) -> Result<Option<i32>, AppError> {
    match q.cycle.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(years.first().copied()),
        Some(s) => s.parse().map(Some).map_err(|_| {
            AppError::BadRequest(format!("\"{s}\" is not a year: give the cycle as 2010."))
        }),
    }
}

pub fn build(
    nav: Nav,
    slug: &str,
    years: Vec<i32>,
    map: &Section11Map,
    view: &Section11View,
) -> Section11Page {
    let c = &map.cycle;
    let summary = map
        .summary()
        .into_iter()
        .map(|(s, counts)| (s.number, counts.into_iter().map(|(_, n)| n).collect()))
        .collect();
    let seen = map.seen_by(view);
    let rows = seen
        .agencies
        .iter()
        .map(|a| {
            let href = view
                .may_see(a, c.stage)
                .then(|| format!("/p/{slug}/s11/{}/return?agency={}", c.year, urlencoded(a)));
            let cells = seen
                .row(a)
                .iter()
                .map(|cell| {
                    let w = cell.rating.clone().unwrap_or_default();
                    let class = rating_class(&w);
                    (w, class)
                })
                .collect();
            (a.clone(), href, cells)
        })
        .collect();
    let outstanding = seen
        .outstanding(today())
        .into_iter()
        .map(|o| {
            let late = if o.overdue { ", overdue" } else { "" };
            (o.agency, format!("{} of {} rated{late}", o.rated, o.of))
        })
        .collect();
    let changes = seen
        .compared
        .iter()
        .filter(|x| matches!(x.change, Change::Better | Change::Worse))
        .map(|x| {
            (
                x.agency.clone(),
                x.standard.clone(),
                x.previous.clone().unwrap_or_default(),
                x.current.clone().unwrap_or_default(),
                x.change.label(),
            )
        })
        .collect();
    Section11Page {
        nav,
        years,
        year: c.year,
        stage: c.stage.label(),
        due: c.due_on.map(day).unwrap_or_default(),
        scale: c.scale.words().join(", "),
        standards: c
            .standards
            .iter()
            .map(|s| {
                let thread = format!(
                    "/p/{slug}/thread/s11/{}/{}",
                    c.year,
                    crate::error::urlencode(&s.number)
                );
                (s.number.clone(), s.title.clone(), thread)
            })
            .collect(),
        summary_only: *view == Section11View::Summary,
        rows,
        summary,
        words: c.scale.words().to_vec(),
        outstanding,
        previous_year: map.previous_year,
        changes,
    }
}

/// `text` for a query string.
pub fn urlencoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<CycleQuery>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let years = state.store.s11_years(&access.slug).await?;
    let nav = Nav::new(&l, "s11");
    let Some(year) = year_of(&q, &years)? else {
        return render(&Section11Page {
            nav,
            years,
            year: 0,
            stage: "",
            due: String::new(),
            scale: String::new(),
            standards: vec![],
            rows: vec![],
            summary_only: true,
            summary: vec![],
            words: vec![],
            outstanding: vec![],
            previous_year: None,
            changes: vec![],
        });
    };
    let map = state.store.s11_map(&access.slug, year).await?;
    let view = view_of(
        &state,
        &access.slug,
        &access.membership,
        access.user.account.id,
    )
    .await?;
    render(&build(nav, &access.slug, years, &map, &view))
}
