//! `GET /p/{slug}/recommendations/{id}` and `POST` to the same: setting a case review
//! recommendation's status. "Not implemented" is refused without its reasons, naming the
//! field (for safeguarding adults boards the yearly report must give them: Care Act 2014,
//! Schedule 2); the store and the table refuse it too, whatever sends it.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::learning::case_reviews::{RecommendationStatus, StatusChange};
use serde::Deserialize;
use store::{RecommendationRecord, Stamp};

use super::{Field, FormPage, not_found, officers_only, refusal, show};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::view::AsAtQuery;

const WHAT: &str = "the case reviews register";

const STATUSES: [RecommendationStatus; 3] = [
    RecommendationStatus::InProgress,
    RecommendationStatus::Implemented,
    RecommendationStatus::NotImplemented,
];

/// The form as sent.
#[derive(Debug, Default, Deserialize)]
pub struct StatusFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    impact: String,
    #[serde(default)]
    to_whom: String,
}

impl StatusFields {
    fn of(r: &RecommendationRecord) -> Self {
        Self {
            csrf: String::new(),
            status: r.status.as_str().into(),
            reason: r.reason.clone().unwrap_or_default(),
            impact: r.impact.clone().unwrap_or_default(),
            to_whom: r.to_whom.clone().unwrap_or_default(),
        }
    }

    fn change(&self) -> Result<StatusChange, Vec<(&'static str, String)>> {
        let status = self.status.parse::<RecommendationStatus>().map_err(|_| {
            vec![(
                "status",
                "Choose where the recommendation stands.".to_string(),
            )]
        })?;
        if status == RecommendationStatus::NotImplemented && self.reason.trim().is_empty() {
            return Err(vec![(
                "reason",
                "A recommendation not implemented needs its reasons recorded: say why it was \
                 not implemented (the yearly report must give the reasons)."
                    .to_string(),
            )]);
        }
        StatusChange::new(status, Some(&self.reason), Some(&self.impact)).map_err(|e| {
            let field = if e.problem.contains("evidence of impact") {
                "impact"
            } else {
                "reason"
            };
            vec![(field, format!("{} {}", e.problem, e.fix))]
        })
    }
}

async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    r: &RecommendationRecord,
    f: &StatusFields,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let review = state
        .store
        .case_review(&access.slug, r.review_id)
        .await
        .map_err(not_found)?;
    show(&FormPage {
        nav: Nav::new(&l, "learning"),
        caption: format!("{}: {}", review.kind.label(), review.case_name),
        heading: "Where the recommendation stands".into(),
        about: r.text.clone(),
        action: format!("/p/{}/recommendations/{}", access.slug, r.id),
        csrf: access.user.csrf.clone(),
        fields: vec![
            Field::new("status", "Status", "select", &f.status)
                .options(STATUSES.iter().map(|s| (s.as_str(), s.label())).collect()),
            Field::new("reason", "Reasons", "textarea", &f.reason)
                .hint("Required when it is not implemented: why not"),
            Field::new("impact", "Evidence of impact", "textarea", &f.impact)
                .hint("What changed in practice because of it"),
            Field::new("to_whom", "Made to", "text", &f.to_whom)
                .hint("The agency or body the recommendation is for"),
        ],
        errors,
        back: format!("/p/{}/case-reviews/{}", access.slug, r.review_id),
        back_label: "Back to the review",
    })
}

/// `GET /p/{slug}/recommendations/{id}`: the form, as the recommendation stands.
pub async fn edit(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    officers_only(&access, WHAT)?;
    let r = state
        .store
        .recommendation(&access.slug, id)
        .await
        .map_err(not_found)?;
    page(&state, &access, &r, &StatusFields::of(&r), Vec::new()).await
}

/// `POST /p/{slug}/recommendations/{id}`: set the status, then show the review.
pub async fn save(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<StatusFields>,
) -> Result<Response, AppError> {
    officers_only(&access, WHAT)?;
    access.user.check_csrf(&f.csrf)?;
    let r = state
        .store
        .recommendation(&access.slug, id)
        .await
        .map_err(not_found)?;
    let change = match f.change() {
        Ok(c) => c,
        Err(errors) => return page(&state, &access, &r, &f, errors).await,
    };
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .set_recommendation_status(
            &access.slug,
            Stamp::now(&actor),
            id,
            &change,
            Some(f.to_whom.as_str()),
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/p/{}/case-reviews/{}#recommendations",
            access.slug, r.review_id
        ))
        .into_response()),
        Err(e) => {
            let errors = vec![refusal(e, &["reason", "to_whom"], "status")?];
            page(&state, &access, &r, &f, errors).await
        }
    }
}
