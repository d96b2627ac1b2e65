//! `/healthz`, so that a load balancer can tell the server is up.

use axum::http::header;
use axum::response::IntoResponse;

/// For load balancers and scripts: answers without touching the database.
pub async fn healthz() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "ok\n",
    )
}
