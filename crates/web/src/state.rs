//! What every handler can reach: the store, the settings and the view cache. The ground every
//! capability stands on, so it lives apart from the router that wires the capabilities.

use std::sync::Arc;

use store::Store;

use crate::auth::password::Hasher;
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
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: true,
            session_hours: 8,
            max_failures: 5,
            max_failures_per_address: 20,
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
    /// Where passwords are hashed and checked: off the async workers, a few at a time.
    pub passwords: Hasher,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self {
            store,
            config: Arc::new(config),
            cache: Arc::default(),
            passwords: Hasher::for_this_machine(),
        }
    }
}
