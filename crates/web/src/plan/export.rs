//! Exporting the plan from the browser (XLSX, CSV, JSON), as it stands or stood on a date, for
//! the board's officers. A sheet carries the state of the plan it was taken from, so that
//! importing it after newer work is refused rather than undoing that work
//! (`store::plan::staleness`).

use axum::extract::{Path, Query, State};
use axum::response::Response;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::view::{AsAtQuery, parse_as_at};

use super::import_export::officers_only;

pub async fn export(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, format)): Path<(String, String)>,
    Query(q): Query<AsAtQuery>,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    let (as_at, historic) = parse_as_at(&q)?;
    let title = access
        .view(&state, &q)
        .await?
        .plan()
        .map(|p| p.title.clone());
    // A sheet carries the state of the plan it was taken from, read before the plan itself
    // so that it never claims a newer state than it holds (see `store::plan::staleness`).
    let mark = match &title {
        Some(t) => {
            let at = historic.then(|| store::end_of(as_at));
            state.store.plan_mark(&access.slug, t, at).await?
        }
        None => None,
    };
    let l = access.view(&state, &q).await?;
    let mut p = domain::Partnership::clone(&l.partnership);
    // Export the plan as it stood on the chosen date.
    if let Some(plan) = l.plan() {
        p.plans = vec![plan.clone()];
    }
    let stem = format!("{}-{}", access.slug, l.as_at);
    let (bytes, kind, ext) = match format.as_str() {
        "json" => (
            formats::json::export(&p).into_bytes(),
            "application/json",
            "json",
        ),
        "csv" if !p.plans.is_empty() => (
            match &mark {
                Some(m) => formats::csv_plan::export_marked(&p, 0, m),
                None => formats::csv_plan::export(&p, 0),
            }
            .into_bytes(),
            "text/csv; charset=utf-8",
            "csv",
        ),
        "xlsx" if !p.plans.is_empty() => (
            match &mark {
                Some(m) => formats::xlsx_plan::export_marked(&p, 0, m),
                None => formats::xlsx_plan::export(&p, 0),
            }
            .map_err(|e| AppError::Internal(e.to_string()))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => return Err(AppError::NotFound),
    };
    Ok(crate::pages::download::attachment(
        bytes,
        kind,
        &format!("{stem}.{ext}"),
    ))
}
