//! The reviews the plan answers, and the traceability matrix: each recommendation with the
//! objectives and actions that answer it, and the gaps.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, day};

type Rec = (u32, String, Vec<(String, String)>);

#[derive(Template)]
#[template(path = "reviews.html")]
struct ReviewsPage {
    nav: Nav,
    gaps: usize,
    reviews: Vec<(String, String, String, Vec<Rec>)>,
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<AsAtQuery>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &q).await?;
    let query = l.as_at_query();
    let plan = l.plan();
    let target = |t: &str| -> (String, String) {
        let objective = plan.and_then(|p| p.objectives.iter().find(|o| o.number == t));
        match (objective, plan.and_then(|p| p.action(t))) {
            (Some(o), _) => (
                format!(
                    "/p/{}/plan{query}#objective-{}",
                    l.slug,
                    urlencode(&o.number)
                ),
                format!("Objective {}: {}", o.number, o.title),
            ),
            (None, Some((_, a))) => (
                format!("/p/{}/actions/{}{query}", l.slug, urlencode(&a.id)),
                format!("Action {}: {}", a.id, a.text),
            ),
            (None, None) => (String::new(), t.to_string()),
        }
    };
    let reviews: Vec<(String, String, String, Vec<Rec>)> = l
        .partnership
        .reviews
        .iter()
        .map(|r| {
            let recs = r
                .recommendations
                .iter()
                .map(|rec| {
                    (
                        rec.number,
                        rec.text.clone(),
                        rec.answered_by.iter().map(|t| target(t)).collect(),
                    )
                })
                .collect();
            let date = r
                .date_label
                .clone()
                .or_else(|| r.date.map(day))
                .unwrap_or_default();
            (r.code.clone(), r.title.clone(), date, recs)
        })
        .collect();
    let gaps = reviews
        .iter()
        .flat_map(|r| &r.3)
        .filter(|rec| rec.2.is_empty())
        .count();
    render(&ReviewsPage {
        nav: Nav::new(&l, "reviews"),
        gaps,
        reviews,
    })
}
