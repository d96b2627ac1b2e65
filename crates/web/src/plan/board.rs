//! The board: member agencies, sub-groups (active and proposed), lead roles with their other
//! spellings and who holds them, and whether its public summary is published (the form that
//! changes it is `public::publishing`'s).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::SubgroupStatus;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::public::publishing::PublishingView;
use crate::view::AsAtQuery;

#[derive(Template)]
#[template(path = "board.html")]
struct BoardPage {
    nav: Nav,
    meetings_per_year: Option<u32>,
    agencies: Vec<String>,
    subgroups: Vec<(String, &'static str)>,
    roles: Vec<(String, String, String, String)>,
    publishing: PublishingView,
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<AsAtQuery>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &q).await?;
    let members = state.store.members(&access.slug).await?;
    let p = &l.partnership;
    let roles = p
        .roles
        .iter()
        .map(|r| {
            let holders: Vec<&str> = members
                .iter()
                .filter(|m| m.membership.holds.contains(&r.id))
                .map(|m| m.display_name.as_str())
                .collect();
            (
                r.title.clone(),
                r.subgroup.clone().unwrap_or_default(),
                r.aliases.join("; "),
                if holders.is_empty() {
                    "Nobody yet".into()
                } else {
                    holders.join(", ")
                },
            )
        })
        .collect();
    let page = BoardPage {
        nav: Nav::new(&l, "board"),
        meetings_per_year: p.meetings_per_year,
        agencies: p.agencies.iter().map(|a| a.name.clone()).collect(),
        subgroups: p
            .subgroups
            .iter()
            .map(|s| {
                let status = match s.status {
                    SubgroupStatus::Active => "Active",
                    SubgroupStatus::Proposed => "Proposed",
                };
                (s.name.clone(), status)
            })
            .collect(),
        roles,
        publishing: PublishingView::new(&state, &access).await?,
    };
    render(&page)
}
