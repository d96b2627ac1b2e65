//! What the people running the server use, not the boards: `/healthz` (the process answers),
//! `/readyz` (the database answers and its schema is the one this build knows), `/metrics`
//! (Prometheus, off unless configured, behind a bearer token), and one log line and one count
//! per request, named by the route's template so that slugs, ids and the secret in a calendar
//! address never reach a log or a metric.
//!
//! Ground: uses the state, the error pages and `auth::token`; no capability.

mod health;
pub mod metrics;
mod readiness;
mod requests;

use crate::routes::{Routes, get};

pub use metrics::{Metrics, MetricsToken};
pub use requests::observe;

/// `/healthz`, `/readyz` and `/metrics`.
pub fn routes() -> Routes {
    Routes::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(readiness::readyz))
        .route("/metrics", get(metrics::scrape))
}
