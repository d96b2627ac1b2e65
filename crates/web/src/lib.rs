//! Boardplan's web application: server-rendered HTML pages that work without JavaScript,
//! following GOV.UK Design System patterns, and the JSON API under `/api/v1` over the same core.
//! This is the only crate that knows HTTP.
//!
//! The crate is cut by capability, each folder holding its pages and, where it has them, its
//! API routes (`api.rs` or `api/`): [`accounts`], [`dashboard`], [`plan`], [`progress`],
//! [`indicators`], [`governance`], [`meetings`], [`documents`], [`learning`], [`assurance`],
//! [`identity`], [`reports`], [`public`], and [`reminders`] (with [`mail`], the outbox's
//! sender). They stand on shared ground that uses none of
//! them: [`view`] (the plan and statuses as at a date), [`auth`], [`security`], [`error`],
//! [`cookies`], [`compression`] (kept pages and bodies gzipped), [`assets`], [`operations`] (health, readiness, metrics and the request log
//! for whoever runs the server), [`limits`] (how much an upload may carry), [`pages`] (rendering,
//! navigation, downloads, upload forms) and [`api`] (callers, problems, parameters, wire
//! types, the OpenAPI document). This file only wires them, through [`routes`], which writes
//! down every route as it is added ([`route_table`]) for the permission matrix.
//!
//! Every route checks who is asking: signed-in pages extract [`auth::CurrentUser`] or, under
//! `/p/{slug}`, [`auth::PartnershipAccess`], which answers "not found" to anyone who is not a
//! member of that partnership.

pub mod accounts;
pub mod api;
pub mod assets;
pub mod assurance;
pub mod auth;
pub mod compression;
pub mod cookies;
pub mod dashboard;
pub mod documents;
pub mod error;
pub mod governance;
pub mod identity;
pub mod indicators;
pub mod learning;
pub mod limits;
pub mod mail;
pub mod meetings;
pub mod operations;
pub mod pages;
pub mod plan;
pub mod progress;
pub mod public;
pub mod reminders;
pub mod reports;
pub mod routes;
pub mod security;
mod state;
pub mod view;

use axum::Router;

use routes::{Routes, get};

pub use state::{AppState, WebConfig};

/// Every route Boardplan serves.
pub fn router(state: AppState) -> Router {
    let (router, _) = all_routes().into_parts();
    router
        .fallback(|| async { error::AppError::NotFound })
        .layer(axum::middleware::from_fn(security::guard))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            operations::observe,
        ))
        .with_state(state)
}

/// Every route [`router`] serves, by method and path template, in the order they are added:
/// written down by the same code that adds them, for the permission matrix.
pub fn route_table() -> Vec<routes::Route> {
    all_routes().into_parts().1
}

fn all_routes() -> Routes {
    Routes::new()
        .merge(accounts::routes())
        .merge(identity::routes())
        .merge(dashboard::routes())
        .merge(plan::routes())
        .merge(progress::routes())
        .merge(indicators::routes())
        .merge(governance::routes())
        .merge(meetings::routes())
        .merge(learning::routes())
        .merge(documents::routes())
        .merge(assurance::risks::routes())
        .merge(assurance::section11::routes())
        .merge(assurance::audits::routes())
        .merge(assurance::thread::routes())
        .merge(reports::routes())
        .merge(public::routes())
        .merge(reminders::routes())
        .merge(operations::routes())
        .route("/assets/{name}", get(assets::serve))
        .merge(api::router([
            dashboard::api::routes(),
            progress::api::routes(),
            plan::api::routes(),
            indicators::api::routes(),
            governance::api::routes(),
            meetings::api::routes(),
            learning::api::routes(),
            documents::api::routes(),
            assurance::risks::api::routes(),
            assurance::section11::api::routes(),
            assurance::section11::returns_api::routes(),
            assurance::audits::api::routes(),
            assurance::thread::api::routes(),
        ]))
}

/// Serve until `stop` resolves ([`stop_signal`]: Ctrl-C or SIGTERM), then finish the requests
/// in flight. Beside the server, old failed sign-ins and expired sessions are purged on a
/// schedule that stops with it.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop_purging, stopped) = tokio::sync::oneshot::channel::<()>();
    let purging = tokio::spawn({
        let (store, config) = (state.store.clone(), state.config.clone());
        async move {
            let stop = async {
                let _ = stopped.await;
            };
            auth::purge::run(store, &config, auth::purge::EVERY, stop).await;
        }
    });
    // Each connection's peer address reaches the handlers: sign-in throttling counts by it.
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await;
    // Let a purge under way finish rather than cut it off.
    let _ = stop_purging.send(());
    let _ = purging.await;
    served
}

/// Resolves when the process is asked to stop: Ctrl-C (SIGINT) at a terminal, or SIGTERM,
/// which is how systemd, container runtimes and `kill` ask. The signals are caught from this
/// call on, so make it before saying the server is up: until then either one would end the
/// process at once, mid-request.
pub fn stop_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            let which = tokio::select! {
                _ = interrupt.recv() => "Ctrl-C",
                _ = terminate.recv() => "SIGTERM",
            };
            tracing::info!(
                signal = which,
                "finishing requests in flight, then stopping"
            );
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
}
