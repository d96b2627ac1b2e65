//! What every handler can reach: the store, the settings, the view cache and the permits for
//! making reports. The ground every capability stands on, so it lives apart from the router
//! that wires the capabilities.

use std::sync::Arc;
use std::time::Duration;

use store::Store;
use tokio::sync::Semaphore;

use crate::auth::password::Hasher;
use crate::operations::{Metrics, MetricsToken};
use crate::view;

/// Settings the web layer needs. Defaults suit a server behind a TLS-terminating proxy.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (and `__Host-`): on whenever users reach Boardplan over HTTPS.
    pub secure_cookies: bool,
    /// How long a session lasts.
    pub session_hours: i64,
    /// Wrong passwords allowed for one email from one client address within the window;
    /// after that, that address is refused for that email until the window passes.
    pub max_failures: i64,
    /// Wrong passwords allowed from one client address, whatever the email, within the
    /// window: a spray across many accounts. Higher, since a council office may sit behind
    /// one address.
    pub max_failures_per_address: i64,
    pub failure_window_minutes: i64,
    /// Reports (PDF above all) made at once by this server; more wait. Each holds a whole
    /// report in memory, so this bounds what readers asking for papers can take.
    pub max_concurrent_reports: usize,
    /// How long a report waits for its turn before the answer is 503, with `Retry-After`.
    pub report_wait: Duration,
    /// `/metrics` is served only when this is set, and only to requests bearing it.
    pub metrics_token: Option<MetricsToken>,
    /// Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client
    /// for sign-in throttling (`auth::throttle`). Empty: the connection's peer is the client,
    /// whatever it claims.
    pub trusted_proxies: Vec<crate::auth::throttle::ProxyRange>,
    /// The day the start page opens a board at, instead of today: the demo's plan ran in
    /// 2009-10, and seen from today nearly every action in it is overdue. Pages carry the
    /// date on their links, and the date picker changes it as on any page.
    pub opening_date: Option<jiff::civil::Date>,
    /// The identity providers people may sign in with (none by default).
    pub identity: crate::identity::IdentityConfig,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: true,
            session_hours: 8,
            max_failures: 5,
            max_failures_per_address: 20,
            failure_window_minutes: 15,
            // One per core of a small server: typst keeps a core busy for each PDF.
            max_concurrent_reports: 2,
            report_wait: Duration::from_secs(10),
            metrics_token: None,
            trusted_proxies: Vec::new(),
            opening_date: None,
            identity: Default::default(),
        }
    }
}

/// What every handler can reach: the store and the settings. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub cache: Arc<view::ViewCache>,
    /// A permit for each report that may be made at once ([`WebConfig::max_concurrent_reports`]).
    pub reports: Arc<Semaphore>,
    /// Where passwords are hashed and checked: off the async workers, a few at a time.
    pub passwords: Hasher,
    /// What `/metrics` shows; counted only while metrics are on.
    pub metrics: Arc<Metrics>,
    /// The identity providers, with what has been fetched from them.
    pub identity: Arc<crate::identity::Identity>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        let identity = Arc::new(crate::identity::Identity::new(&config.identity));
        Self {
            store,
            reports: Arc::new(Semaphore::new(config.max_concurrent_reports)),
            config: Arc::new(config),
            cache: Arc::default(),
            passwords: Hasher::for_this_machine(),
            metrics: Arc::default(),
            identity,
        }
    }
}
