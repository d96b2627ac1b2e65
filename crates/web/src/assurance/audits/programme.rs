//! `GET /p/{slug}/audits`: the audit programme, year by year: each audit's theme, kind, lead,
//! dates, status and why it was chosen.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use store::AuditRecord;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::AsAtQuery;

/// One audit as the programme shows it.
pub struct Row {
    pub href: String,
    pub theme: String,
    pub kind: &'static str,
    pub lead: String,
    pub dates: String,
    pub status: &'static str,
    pub why: String,
    pub cases: u32,
}

/// One year of the programme.
pub struct Year {
    pub label: String,
    pub rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "audits.html")]
pub struct ProgrammePage {
    pub nav: Nav,
    pub years: Vec<Year>,
}

/// "3 Jun 2009 to 31 Jul 2009", or what is known of it.
pub fn dates(from: Option<domain::Date>, to: Option<domain::Date>) -> String {
    let day = |d: domain::Date| d.strftime("%-d %b %Y").to_string();
    match (from, to) {
        (Some(f), Some(t)) => format!("{} to {}", day(f), day(t)),
        (Some(f), None) => format!("from {}", day(f)),
        (None, Some(t)) => format!("until {}", day(t)),
        (None, None) => String::new(),
    }
}

/// Why an audit was chosen, in a line.
pub fn why(r: &AuditRecord) -> String {
    r.audit
        .reasons
        .iter()
        .map(|x| match x {
            domain::assurance::audits::Reason::Indicator { code } => format!("indicator {code}"),
            domain::assurance::audits::Reason::Recommendation { review, number } => {
                format!("{review} recommendation {number}")
            }
            domain::assurance::audits::Reason::Note { text } => text.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let audits = state.store.audits(&access.slug).await?;
    let mut years: Vec<Year> = Vec::new();
    for r in &audits {
        let a = &r.audit;
        let label = format!("{}-{:02}", a.year, (a.year + 1).rem_euclid(100));
        if years.last().is_none_or(|y| y.label != label) {
            years.push(Year {
                label,
                rows: Vec::new(),
            });
        }
        if let Some(y) = years.last_mut() {
            y.rows.push(Row {
                href: format!("/p/{}/audits/{}", access.slug, r.id),
                theme: a.theme.clone(),
                kind: a.kind.label(),
                lead: a.lead.clone().unwrap_or_default(),
                dates: dates(a.starts_on, a.ends_on),
                status: a.status.label(),
                why: why(r),
                cases: r.cases,
            });
        }
    }
    render(&ProgrammePage {
        nav: Nav::new(&l, "audits"),
        years,
    })
}
