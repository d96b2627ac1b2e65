//! `GET /p/{slug}/members`: the member register, chairs first, and the agencies the board
//! draws them from with what each is, sends and pays.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::AgencyDetails;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::AsAtQuery;

/// One row of the register as the page shows it.
pub struct Row {
    pub name: String,
    pub agency: String,
    pub job_title: String,
    pub role: &'static str,
    pub expertise: String,
    pub part: String,
    pub term: String,
    pub deputy: String,
    pub email: String,
    pub edit: Option<String>,
}

/// One agency as the page shows it.
pub struct AgencyRow {
    pub name: String,
    pub kind: &'static str,
    pub representatives: String,
    pub on_register: usize,
    pub contribution: String,
}

#[derive(Template)]
#[template(path = "members.html")]
pub struct RegisterPage {
    pub nav: Nav,
    pub rows: Vec<Row>,
    pub agencies: Vec<AgencyRow>,
    /// Where the add form is, for those who may add.
    pub add: Option<String>,
}

fn term(from: Option<domain::Date>, to: Option<domain::Date>) -> String {
    let day = |d: domain::Date| d.strftime("%-d %b %Y").to_string();
    match (from, to) {
        (Some(f), Some(t)) => format!("{} to {}", day(f), day(t)),
        (Some(f), None) => format!("from {}", day(f)),
        (None, Some(t)) => format!("until {}", day(t)),
        (None, None) => String::new(),
    }
}

fn agency_row(a: &AgencyDetails, on_register: usize) -> AgencyRow {
    AgencyRow {
        name: a.name.clone(),
        kind: a.kind.map_or("", domain::AgencyKind::label),
        representatives: a
            .representatives_expected
            .map(|n| n.to_string())
            .unwrap_or_default(),
        on_register,
        contribution: a
            .contributions
            .last()
            .map(|c| format!("{} ({})", c.pounds(), c.year_label()))
            .unwrap_or_default(),
    }
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let people = state.store.people(&access.slug).await?;
    let agencies = state.store.agencies(&access.slug).await?;
    let manage = access.membership.may_manage_governance();
    let rows = people
        .iter()
        .map(|r| {
            let p = &r.person;
            Row {
                name: p.name.clone(),
                agency: p.agency.clone().unwrap_or_default(),
                job_title: p.job_title.clone().unwrap_or_default(),
                role: p.board_role.label(),
                expertise: p.expertise.join(", "),
                part: p.part.clone().unwrap_or_default(),
                term: term(p.appointed, p.term_ends),
                deputy: p.deputy.clone().unwrap_or_default(),
                email: p.email.clone().unwrap_or_default(),
                edit: manage.then(|| format!("/p/{}/members/{}/edit", access.slug, r.id)),
            }
        })
        .collect();
    let agencies = agencies
        .iter()
        .map(|a| {
            let n = people
                .iter()
                .filter(|r| r.person.agency.as_deref() == Some(a.name.as_str()))
                .count();
            agency_row(a, n)
        })
        .collect();
    render(&RegisterPage {
        nav: Nav::new(&l, "members"),
        rows,
        agencies,
        add: manage.then(|| format!("/p/{}/members/new", access.slug)),
    })
}
