//! The calendar of meetings and action deadlines as iCalendar: downloaded by a signed-in
//! member, or subscribed to by a calendar program through a private address. Programs cannot
//! sign in, so the address carries a random secret; only its hash is stored, it is shown once,
//! and it answers only while it is unrevoked and its owner is an enabled member. An address
//! that does not work looks exactly like one that never existed. The secret is never logged:
//! nothing here traces the request path, and the store's lookup records no fields.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::AppState;
use crate::auth::{PartnershipAccess, token};
use crate::error::AppError;
use crate::pages::download::attachment;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::routes::Routes;
use crate::view::{AsAtQuery, today};

const MEDIA_TYPE: &str = "text/calendar; charset=utf-8";

pub fn routes() -> Routes {
    use crate::routes::{get, post};
    Routes::new()
        .route("/p/{slug}/calendar.ics", get(download))
        .route("/p/{slug}/calendar-feeds", post(create))
        .route("/p/{slug}/calendar-feeds/{id}/revoke", post(revoke))
        .route("/calendar/{file}", get(feed))
}

#[derive(Template)]
#[template(path = "calendar_feed_created.html")]
struct CreatedPage {
    nav: Nav,
    url: String,
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// The partnership's calendar as it stands today (the latest plan; no indicators), with the
/// document register's reviews.
async fn calendar(state: &AppState, slug: &str) -> Result<Vec<u8>, AppError> {
    let input = state
        .store
        .report_input(slug, None, today(), false, jiff::Timestamp::now())
        .await?
        .ok_or(AppError::NotFound)?;
    let reviews = crate::documents::calendar::reviews(&state.store, slug).await?;
    let extra = reports::calendar::review_events(&input, &reviews);
    Ok(reports::calendar::render_with(&input, extra).into_bytes())
}

/// `GET /p/{slug}/calendar.ics`: the calendar to import once.
pub async fn download(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    let bytes = calendar(&state, &access.slug).await?;
    Ok(attachment(
        bytes,
        MEDIA_TYPE,
        &format!("{}-calendar.ics", access.slug),
    ))
}

/// `POST /p/{slug}/calendar-feeds`: a new private address, shown this once.
pub async fn create(
    State(state): State<AppState>,
    access: PartnershipAccess,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    access.user.check_csrf(&form.csrf)?;
    let secret = token::random();
    state
        .store
        .create_calendar_feed(
            &access.user.account.display_name,
            access.user.account.id,
            &access.slug,
            &token::hash(&secret),
            jiff::Timestamp::now(),
        )
        .await?;
    let l = access.view(&state, &AsAtQuery::default()).await?;
    // Calendar programs need the whole address; the Host the browser used is the one that works.
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    render(&CreatedPage {
        nav: Nav::new(&l, "reports"),
        url: format!("{scheme}://{host}/calendar/{secret}.ics"),
    })
}

/// `POST /p/{slug}/calendar-feeds/{id}/revoke`: the address stops working at once.
pub async fn revoke(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    access.user.check_csrf(&form.csrf)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let revoked = state
        .store
        .revoke_calendar_feed(
            &access.user.account.display_name,
            access.user.account.id,
            &access.slug,
            id,
            jiff::Timestamp::now(),
        )
        .await?;
    if !revoked {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/p/{}/reports#calendar", access.slug)).into_response())
}

/// `GET /calendar/{secret}.ics`: the feed a calendar program subscribes to.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let secret = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    // Not one of ours: answer without asking the database.
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let owner = state
        .store
        .calendar_feed(&token::hash(secret))
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = calendar(&state, &owner.partnership).await?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// When a feed was made, as the reports page lists it: "26 November 2026 at 13:05".
pub fn when(created_at: &str) -> String {
    created_at
        .parse::<jiff::Timestamp>()
        .ok()
        .and_then(|t| t.in_tz("Europe/London").ok())
        .map_or_else(
            || created_at.to_owned(),
            |z| z.strftime("%-d %B %Y at %H:%M").to_string(),
        )
}
