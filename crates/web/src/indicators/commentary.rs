//! Adding commentary on an indicator from its page: checked, written, and back to the page;
//! or the page again with the form as filled in and what is wrong with it.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use indicators::{Commentary, Period};
use serde::Deserialize;
use store::IndicatorPage;

use super::detail::{blank_form, view};
use super::{catalogue, indicator};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, today};

#[derive(Deserialize)]
pub struct CommentFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    text: String,
}

pub async fn comment(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, code)): Path<(String, String)>,
    Form(f): Form<CommentFields>,
) -> Result<Response, AppError> {
    access.user.check_csrf(&f.csrf)?;
    if !access.membership.may_edit_plan() {
        return Err(AppError::Forbidden(
            "Only the business manager or an administrator can add commentary on indicators."
                .into(),
        ));
    }
    let area = (!f.area.trim().is_empty()).then_some(f.area.trim());
    let page = indicator(&state, &access.slug, &code, area, None).await?;
    let indicator = catalogue()
        .get(page.detail.summary.indicator.as_str())
        .ok_or(AppError::NotFound)?;
    let area_code = page.detail.summary.area_code.clone();
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    let period = Period::parse(&f.period, indicator.period_type);
    if period.is_err() {
        errors.push(("period", "Choose the period the commentary is about".into()));
    }
    let written = period.as_ref().ok().map(|&p| {
        Commentary::new(
            indicator.code.clone(),
            Some(area_code.clone()),
            p,
            &access.user.account.display_name,
            today(),
            &f.text,
        )
    });
    match written {
        Some(Ok(commentary)) if errors.is_empty() => {
            state
                .store
                .add_indicator_commentary(
                    &access.slug,
                    &access.user.account.display_name,
                    &commentary,
                    jiff::Timestamp::now(),
                )
                .await?;
            let target = format!(
                "/p/{}/indicators/{}?area={}&done=comment#commentary",
                access.slug,
                urlencode(indicator.code.as_str()),
                urlencode(area_code.as_str())
            );
            Ok(Redirect::to(&target).into_response())
        }
        Some(Err(e)) => {
            errors.push(("text", e.to_string()));
            refuse(&state, &access, &page, &f, errors).await
        }
        _ => refuse(&state, &access, &page, &f, errors).await,
    }
}

/// The page again, with the form as filled in and its errors: 400, nothing written.
async fn refuse(
    state: &AppState,
    access: &PartnershipAccess,
    page: &IndicatorPage,
    f: &CommentFields,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let area = page.detail.summary.area_code.to_string();
    let mut form = blank_form(
        page,
        &access.slug,
        &access.user.csrf,
        &area,
        Some(&f.period),
    );
    form.text = f.text.clone();
    form.errors = errors;
    let back = format!("/p/{}/indicators", access.slug);
    let mut res = render(&view(
        page,
        Nav::new(&l, "indicators"),
        Some(form),
        false,
        back,
    ))?;
    *res.status_mut() = axum::http::StatusCode::BAD_REQUEST;
    Ok(res)
}
