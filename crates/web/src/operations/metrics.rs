//! `/metrics` in Prometheus's text format: requests and their latency by route template,
//! method and status class, the database pool, and the hits and misses of the two caches (the
//! page views here, the plan trees in the store). Off unless the operator gives a token; then
//! only a request bearing that token is answered, and any other gets a bare 401.
//!
//! The registry belongs to the server's state rather than to the process, so two servers in
//! one process (tests, above all) each count their own.

use std::sync::Mutex;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder,
};

use crate::AppState;
use crate::auth::token;
use crate::error::AppError;

/// The bearer token `/metrics` asks for. Its `Debug` hides it, so printing the settings
/// cannot leak it.
#[derive(Clone)]
pub struct MetricsToken(String);

impl MetricsToken {
    /// Short tokens can be guessed: at least this many characters.
    pub const MIN_CHARS: usize = 16;

    /// The token, or what is wrong with it.
    pub fn new(token: &str) -> Result<Self, String> {
        let token = token.trim();
        if token.chars().count() < Self::MIN_CHARS {
            return Err(format!(
                "the metrics token is too short: give at least {} characters (for example \
                 the output of `openssl rand -hex 32`)",
                Self::MIN_CHARS
            ));
        }
        Ok(Self(token.to_string()))
    }

    fn accepts(&self, headers: &HeaderMap) -> bool {
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| token::same(given.trim(), &self.0))
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(hidden)")
    }
}

/// Latency buckets in seconds: most pages take milliseconds, a PDF report seconds.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Everything `/metrics` shows.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool_size: IntGauge,
    pool_idle: IntGauge,
    pool_max: IntGauge,
    cache_hits: IntCounterVec,
    cache_misses: IntCounterVec,
    /// Copying the caches' own counters into the registry's happens one scrape at a time.
    syncing: Mutex<()>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "boardplan_http_requests_total",
                "Requests answered, by route template, method and status class.",
            ),
            &["route", "method", "status"],
        )
        .expect("a valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "boardplan_http_request_duration_seconds",
                "Time from a request's arrival to its response's headers, by route template and method.",
            )
            .buckets(BUCKETS.to_vec()),
            &["route", "method"],
        )
        .expect("a valid metric");
        let gauge = |name: &str, help: &str| IntGauge::new(name, help).expect("a valid metric");
        let pool_size = gauge(
            "boardplan_db_pool_connections",
            "Database connections open, in use or idle.",
        );
        let pool_idle = gauge(
            "boardplan_db_pool_idle_connections",
            "Database connections open and idle.",
        );
        let pool_max = gauge(
            "boardplan_db_pool_max_connections",
            "The most database connections the pool will open.",
        );
        let cache = |name: &str, help: &str| {
            IntCounterVec::new(Opts::new(name, help), &["cache"]).expect("a valid metric")
        };
        let cache_hits = cache(
            "boardplan_cache_hits_total",
            "Reads answered from memory: cache=\"page\" for a board's computed view, cache=\"plan\" for a plan tree.",
        );
        let cache_misses = cache(
            "boardplan_cache_misses_total",
            "Reads that had to go to the database, by cache as for the hits.",
        );
        let collectors: [Box<dyn prometheus::core::Collector>; 7] = [
            Box::new(requests.clone()),
            Box::new(latency.clone()),
            Box::new(pool_size.clone()),
            Box::new(pool_idle.clone()),
            Box::new(pool_max.clone()),
            Box::new(cache_hits.clone()),
            Box::new(cache_misses.clone()),
        ];
        for c in collectors {
            registry.register(c).expect("each metric registered once");
        }
        Self {
            registry,
            requests,
            latency,
            pool_size,
            pool_idle,
            pool_max,
            cache_hits,
            cache_misses,
            syncing: Mutex::new(()),
        }
    }

    /// Count one answered request. `route` is a template (`/p/{slug}/actions/{key}`), never
    /// the path as asked, so neither ids nor secrets become label values.
    pub fn record(&self, route: &str, method: &str, status: StatusCode, seconds: f64) {
        self.requests
            .with_label_values(&[route, method, status_class(status)])
            .inc();
        self.latency
            .with_label_values(&[route, method])
            .observe(seconds);
    }

    /// The text Prometheus reads, with the pool and the caches as they are now.
    pub fn render(&self, state: &AppState) -> String {
        {
            let _one_at_a_time = self.syncing.lock();
            let stats = state.store.stats();
            self.pool_size.set(i64::from(stats.connections));
            self.pool_idle.set(i64::from(stats.idle_connections));
            self.pool_max.set(i64::from(stats.max_connections));
            let (page_hits, page_misses) = state.cache.counts();
            catch_up(&self.cache_hits, "page", page_hits);
            catch_up(&self.cache_misses, "page", page_misses);
            catch_up(&self.cache_hits, "plan", stats.plan_cache_hits);
            catch_up(&self.cache_misses, "plan", stats.plan_cache_misses);
        }
        let mut out = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::warn!(error = %e, "could not write the metrics");
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Bring a registry counter up to a cache's own count (which only grows).
fn catch_up(counter: &IntCounterVec, cache: &str, now: u64) {
    let c: IntCounter = counter.with_label_values(&[cache]);
    let shown = c.get();
    if now > shown {
        c.inc_by(now - shown);
    }
}

/// `2xx`, `4xx`…: few values, which is what a label needs.
fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// `GET /metrics`: 404 when metrics are off (as for any page that does not exist), 401
/// without a word more when the token is missing or wrong.
pub async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = &state.config.metrics_token else {
        return AppError::NotFound.into_response();
    };
    if !expected.accepts(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            [
                (header::WWW_AUTHENTICATE, "Bearer"),
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            ],
            "unauthorized\n",
        )
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, TextEncoder::new().format_type()),
            (header::CACHE_CONTROL, "no-store"),
        ],
        state.metrics.render(&state),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_token_is_refused_and_a_token_never_prints() {
        assert!(
            MetricsToken::new("short")
                .unwrap_err()
                .contains("at least 16")
        );
        let t = MetricsToken::new("0123456789abcdef-secret").unwrap();
        assert!(!format!("{t:?}").contains("secret"));
    }

    #[test]
    fn statuses_fall_into_their_class() {
        assert_eq!(status_class(StatusCode::OK), "2xx");
        assert_eq!(status_class(StatusCode::SEE_OTHER), "3xx");
        assert_eq!(status_class(StatusCode::NOT_FOUND), "4xx");
        assert_eq!(status_class(StatusCode::SERVICE_UNAVAILABLE), "5xx");
    }
}
