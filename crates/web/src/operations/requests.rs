//! One log line and one count per request. Both name the route by its template
//! (`/calendar/{file}`), never the path as asked: paths carry partnership slugs, action keys
//! and, in a private calendar address, a secret. Query strings, headers (cookies, bearer
//! tokens) and bodies (passwords) are not read here at all.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// The target of the request lines, so a log filter can choose them
/// (`BOARDPLAN_LOG=warn,boardplan::request=info`).
pub const TARGET: &str = "boardplan::request";

/// Time the request, then log it (at `info`) and, when metrics are on, count it.
pub async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let method = method_label(req.method());
    let res = next.run(req).await;
    let elapsed = started.elapsed();
    let status = res.status();
    tracing::info!(
        target: TARGET,
        route = %route,
        method,
        status = status.as_u16(),
        latency_ms = elapsed.as_secs_f64() * 1000.0,
        "request"
    );
    if state.config.metrics_token.is_some() {
        state
            .metrics
            .record(&route, method, status, elapsed.as_secs_f64());
    }
    res
}

/// The method as a label: the ones Boardplan serves, and one word for anything else (a
/// client can send any method name, and each would become a new series).
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}
