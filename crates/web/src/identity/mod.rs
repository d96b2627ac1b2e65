//! Signing in with an organisation's own identity provider (OpenID Connect): Microsoft Entra
//! ID, Google Workspace, Keycloak or any other that publishes a discovery document. The
//! provider proves who someone is; Boardplan keeps what they may do, so only an existing
//! account that belongs to a partnership, matched by a verified e-mail address, is signed in
//! (`domain::identity`), with the same session a password gives.
//!
//! Inside: `config` (the providers as the operator configured them), `provider` (their
//! discovery documents and keys, fetched and kept), `flow` (the two routes), `exchange` (code
//! for tokens), `id_token` (checking the token), `failure` (each refusal's page). Uses the
//! ground only: `auth` (sessions, tokens), `cookies`, `error`.

pub mod config;
mod exchange;
mod failure;
mod flow;
mod id_token;
pub mod provider;

pub use config::{IdentityConfig, ProviderConfig, Secret};
pub use provider::Identity;

use crate::routes::{Routes, get};

/// Off to a provider, and back.
pub fn routes() -> Routes {
    Routes::new()
        .route("/sign-in/oidc/{provider}", get(flow::start))
        .route("/sign-in/oidc/{provider}/callback", get(flow::callback))
}
