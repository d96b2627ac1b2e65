//! The API's performance indicators: the list ([`list`]), one indicator in full
//! ([`detail`]) with the numerators and denominators of calculated measures ([`parts`]),
//! adding commentary ([`commentary`]), and the wire types they are written in ([`wire`]);
//! here, what those routes share: the area to show, the date, and an indicator's address.
//! The list and the indicator read the same views as the pages
//! ([`crate::indicators::overview`] and [`crate::indicators::indicator`]).

pub mod commentary;
pub mod detail;
pub mod list;
pub mod parts;
pub mod wire;

use indicators::AreaCode;
use store::StoreError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::problem::ApiError;
use crate::api::query::Params;
use crate::api::wire::segment;

/// The indicators' routes, with their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list))
        .routes(routes!(detail::get))
        .routes(routes!(commentary::create))
}

/// The API path of an indicator, with `?area=` when the caller chose the area.
pub fn indicator_href(slug: &str, code: &str, area: Option<&str>) -> String {
    let base = format!(
        "/api/v1/partnerships/{}/indicators/{}",
        segment(slug),
        segment(code)
    );
    match area {
        Some(a) => format!("{base}?area={}", crate::error::urlencode(a)),
        None => base,
    }
}

/// `?as_at=`: the day, or `None` for now, as the store takes it.
pub fn as_at_day(params: &Params) -> Result<(domain::Date, Option<jiff::civil::Date>), ApiError> {
    let (day, historic) = params.as_at()?;
    Ok((day, historic.then_some(day)))
}

/// The area to show, as the pages choose it: `?area=` (a code or name some imported file
/// names), else the partnership's chosen area, else the one named like its own. `Err(notice)`
/// when there is none, or `?area=` names an area no imported file has.
pub async fn area_of(
    state: &AppState,
    slug: &str,
    params: &Params,
) -> Result<Result<AreaCode, String>, ApiError> {
    let given = params.get("area");
    match state.store.indicator_area(slug, given).await {
        Ok(code) => Ok(Ok(code)),
        // Any text is a valid area to ask about (the document cannot list the areas a
        // partnership's files name): one no file names has no figures, like a partnership
        // with none imported, and the notice says so and what would do.
        Err(StoreError::NotFound { .. }) if given.is_some() => Ok(Err(format!(
            "No imported file has figures for the area \"{}\": give ?area= the code (such as \
             E09000021) or name of an area in an imported file.",
            given.unwrap_or_default()
        ))),
        Err(StoreError::NotFound { .. } | StoreError::InvalidData { .. }) => {
            let imported = !state.store.indicator_areas(slug).await?.is_empty();
            Ok(Err(if imported {
                "The partnership has not chosen its area: give ?area= with a code such as \
                 E09000021 (an administrator can choose one with boardplan pi choose)."
                    .to_owned()
            } else {
                "No published figures have been imported for this partnership yet.".to_owned()
            }))
        }
        Err(e @ (StoreError::Conflict { .. } | StoreError::SchemaTooNew { .. })) => Err(e.into()),
        Err(e @ StoreError::Database(_)) => Err(e.into()),
    }
}

/// A count as the wire writes it.
pub fn count(n: usize) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indicator_link_carries_the_area_the_caller_chose() {
        assert_eq!(
            indicator_href("kingston-lscb", "cin-rate", None),
            "/api/v1/partnerships/kingston-lscb/indicators/cin-rate"
        );
        assert_eq!(
            indicator_href("kingston-lscb", "cin-rate", Some("Kingston upon Thames")),
            "/api/v1/partnerships/kingston-lscb/indicators/cin-rate?area=Kingston%20upon%20Thames"
        );
    }
}
