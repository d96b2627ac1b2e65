//! `/readyz`: whether this server can do its work now, for a load balancer deciding where to
//! send requests and for a deployment waiting before it moves on. Unlike `/healthz` it asks
//! the database, so a server whose database is down or whose schema is not the one this build
//! knows is taken out of rotation rather than failing every page.

use std::time::Duration;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Longer than a healthy database ever takes; shorter than a load balancer's check interval.
const WAIT: Duration = Duration::from_secs(3);

/// 200 `ready`, or 503 with one plain line saying why. The reason names no address, user or
/// password: the database's own error goes to the log, not to whoever asked.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let known = store::SCHEMA_VERSION;
    let reason = match tokio::time::timeout(WAIT, state.store.schema_version()).await {
        Err(_) => "the database did not answer in time".to_string(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: the database did not answer");
            "the database did not answer".to_string()
        }
        Ok(Ok(found)) if found == known => return plain(StatusCode::OK, "ready".into()),
        Ok(Ok(found)) if found < known => format!(
            "the database schema is at version {found}, behind this build's {known}: \
             restart Boardplan to migrate it"
        ),
        Ok(Ok(found)) => format!(
            "the database schema is at version {found}, newer than this build's {known}: \
             a newer Boardplan has migrated it; upgrade this server"
        ),
    };
    plain(StatusCode::SERVICE_UNAVAILABLE, reason)
}

fn plain(status: StatusCode, text: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        format!("{text}\n"),
    )
        .into_response()
}
