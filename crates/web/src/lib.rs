//! Boardplan's web application: server-rendered HTML pages that work without JavaScript,
//! following GOV.UK Design System patterns, and (in `api`) the JSON API over the same core.
//! This is the only crate that knows HTTP.
//!
//! Every route checks who is asking: signed-in pages extract [`auth::CurrentUser`] or, under
//! `/p/{slug}`, [`auth::PartnershipAccess`], which answers "not found" to anyone who is not a
//! member of that partnership.

pub mod accounts;
pub mod api;
pub mod assets;
pub mod auth;
pub mod cookies;
pub mod dashboard;
pub mod error;
pub mod indicators;
pub mod pages;
pub mod plan;
pub mod progress;
pub mod public;
pub mod reports;
pub mod security;
pub mod view;

use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use store::Store;

/// Settings the web layer needs. Defaults suit a server behind a TLS-terminating proxy.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (and `__Host-`): on whenever users reach Boardplan over HTTPS.
    pub secure_cookies: bool,
    /// How long a session lasts.
    pub session_hours: i64,
    /// Failed sign-ins allowed per email address within the window before it is refused.
    pub max_failures: i64,
    pub failure_window_minutes: i64,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: true,
            session_hours: 8,
            max_failures: 5,
            failure_window_minutes: 15,
        }
    }
}

/// What every handler can reach: the store and the settings. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub cache: Arc<view::ViewCache>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self {
            store,
            config: Arc::new(config),
            cache: Arc::default(),
        }
    }
}

/// Every route Boardplan serves.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(accounts::routes())
        .merge(dashboard::routes())
        .merge(plan::routes())
        .merge(progress::routes())
        .merge(indicators::routes())
        .merge(reports::routes())
        .merge(public::routes())
        .route("/healthz", get(healthz))
        .route("/assets/{name}", get(assets::serve))
        .merge(api::router([
            dashboard::api::routes(),
            progress::api::routes(),
            plan::api::routes(),
            indicators::api::routes(),
        ]))
        .fallback(|| async { error::AppError::NotFound })
        .layer(axum::middleware::from_fn(security::guard))
        .with_state(state)
}

/// For load balancers and scripts: answers without touching the database.
async fn healthz() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "ok\n",
    )
}

/// Serve until the process is stopped (Ctrl-C or SIGTERM), finishing requests in flight.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
